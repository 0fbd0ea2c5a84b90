package lexicon

import (
	"slices"
	"strconv"
	"strings"
)

//go:generate go run gen.go

// Kind is the kind of a Relation.
type Kind uint8

// The kinds of relation, in the order Related lists them.
const (
	// Synonym marks words that share a synset, one of the first two
	// senses of each ("die" and "decease").
	Synonym Kind = iota + 1
	// Derived marks words that WordNet links as derivationally related
	// forms ("death" and "die", "invention" and "invent").
	Derived
	// Pertains marks an adjective that pertains to a noun ("chinese" to
	// "china"), an adverb derived from an adjective ("annually" from
	// "annual"), or the other way round ("germany" to "german").
	Pertains
)

// String returns "synonym", "derived" or "pertains".
func (k Kind) String() string {
	switch k {
	case Synonym:
		return "synonym"
	case Derived:
		return "derived"
	case Pertains:
		return "pertains"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Relation is a word related to another, and how.
type Relation struct {
	// Word is the related word, a WordNet lemma.
	Word string
	// Kind is how it is related.
	Kind Kind
}

// normalize lower-cases w for the caller, as WordNet's lemmas are lower
// case.
func normalize(w string) string {
	return strings.ToLower(strings.TrimSpace(w))
}

// Base returns the base forms (lemmas) of word, as WordNet's morphy finds
// them for nouns, verbs, adjectives and adverbs: word itself first when it
// is a lemma, then the forms that the exception lists give, then, for a
// part of speech whose list lacks word, the forms that the suffix rules
// give, each only if it is a lemma of that part of speech. It returns nil
// for a word that is no form of a lemma.
func Base(word string) []string {
	return db().base(normalize(word))
}

func (d *data) base(w string) []string {
	var buf [16]uint32
	ids := buf[:0]
	if id := d.find(w); id >= 0 {
		ids = append(ids, uint32(id))
	}
	ids = d.appendBases(ids, w, allPOS)
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = d.lemma(int(id))
	}
	return out
}

// allPOS is the mask of all parts of speech, for appendBases and lemmas.
const allPOS = 1<<posNoun | 1<<posVerb | 1<<posAdj | 1<<posAdv

// appendBases appends to dst the numbers of the base forms of w other than
// w, in the parts of speech whose bits are set in mask: first those the
// exception lists give, then, for a part of speech whose list lacks w,
// those the suffix rules give.
func (d *data) appendBases(dst []uint32, w string, mask uint8) []uint32 {
	if d.tooLong(w) {
		return dst
	}
	excepted := uint8(0)
	for _, b := range d.exc[w] {
		if p := b & 3; mask&(1<<p) != 0 {
			dst = d.add(dst, w, int(b>>2))
			excepted |= 1 << p
		}
	}
	for p := posNoun; p < posAdv; p++ { // adverbs have no suffix rules
		if (mask&^excepted)&(1<<p) == 0 {
			continue
		}
		dst = d.appendRuleBases(dst, w, p)
		if strings.ContainsAny(w, " -") {
			// As morphy does, inflect each word of a collocation:
			// "attorneys general", "passed away".
			dst = d.add(dst, w, d.isLemma(d.baseWords(w, p), p))
		}
	}
	return dst
}

// add appends lemma id to dst unless it is w or already there.
func (d *data) add(dst []uint32, w string, id int) []uint32 {
	if id < 0 || d.lemma(id) == w || slices.Contains(dst, uint32(id)) {
		return dst
	}
	return append(dst, uint32(id))
}

// tooLong reports whether w is too long to be a form of any lemma: the
// rules take at most three letters off each word of a collocation, so a
// base form is over a quarter as long as its word. This keeps huge input
// from costing more than a length check.
func (d *data) tooLong(w string) bool {
	return len(w) > 4*d.maxLen+4
}

// The suffix rules of WordNet's morphy.
var rules = [posAdv][]struct{ suffix, ending string }{
	posNoun: {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	posVerb: {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
	posAdj:  {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
}

// appendRuleBases appends to dst the lemmas of part of speech p (not an
// adverb) that the suffix rules make of w.
func (d *data) appendRuleBases(dst []uint32, w string, p int) []uint32 {
	stem, end := w, ""
	if p == posNoun {
		switch {
		case strings.HasSuffix(w, "ful"):
			// morphy inflects the noun a "-ful" measure is made of:
			// "boxesful" is a "boxful".
			stem, end = w[:len(w)-3], "ful"
		case strings.HasSuffix(w, "ss") || len(w) <= 2:
			return dst
		}
	}
	for _, r := range rules[p] {
		if strings.HasSuffix(stem, r.suffix) {
			dst = d.add(dst, w, d.isLemma(stem[:len(stem)-len(r.suffix)]+r.ending+end, p))
		}
	}
	return dst
}

// baseWords replaces each word of the collocation w by its first base form
// in part of speech p, if it has one.
func (d *data) baseWords(w string, p int) string {
	var b strings.Builder
	for len(w) > 0 {
		i := strings.IndexAny(w, " -")
		if i < 0 {
			i = len(w)
		}
		b.WriteString(d.firstBase(w[:i], p))
		if i < len(w) {
			b.WriteByte(w[i])
			i++
		}
		w = w[i:]
	}
	return b.String()
}

// firstBase returns the first base form of the single word w in part of
// speech p, or w if it has none.
func (d *data) firstBase(w string, p int) string {
	for _, b := range d.exc[w] {
		if int(b&3) == p {
			return d.lemma(int(b >> 2))
		}
	}
	var buf [8]uint32
	if ids := d.appendRuleBases(buf[:0], w, p); len(ids) > 0 {
		return d.lemma(int(ids[0]))
	}
	return w
}

// lemmas appends to dst the numbers of the lemmas w stands for in the
// parts of speech of mask: w itself if it is one, or else its base forms.
func (d *data) lemmas(dst []uint32, w string, mask uint8) []uint32 {
	if id := d.find(w); id >= 0 && d.pos[id]&mask != 0 {
		return append(dst, uint32(id))
	}
	return d.appendBases(dst, w, mask)
}

// Related returns the words related to word (or, if it is not a lemma, to
// its base forms) by its first two senses in each part of speech: first
// its synonyms, then derivationally related forms, then pertainyms, each
// kind in alphabetical order, each word once and never word itself. A
// synonym is kept only if the synset it shares with word is among its own
// first two senses too, as "go" is not kept for "die": dying is a rare
// sense of "go". It returns nil for a word WordNet lacks.
func Related(word string) []Relation {
	return db().related(normalize(word))
}

func (d *data) related(w string) []Relation {
	var buf [8]uint32
	ids := d.lemmas(buf[:0], w, allPOS)
	var rbuf [64]uint32
	rels := rbuf[:0]
	for _, id := range ids {
		rels = d.relations(rels, int(id))
	}
	if len(ids) > 1 {
		slices.Sort(rels)
	}
	var out []Relation
	for i, r := range rels {
		id := r & (1<<kindShift - 1)
		// A word related in two ways, through two base forms, is listed
		// once, by its first kind.
		if len(ids) > 1 && slices.ContainsFunc(rels[:i], func(s uint32) bool { return s&(1<<kindShift-1) == id }) {
			continue
		}
		if out == nil {
			out = make([]Relation, 0, len(rels)-i)
		}
		out = append(out, Relation{Word: d.lemma(int(id)), Kind: Kind(r >> kindShift)})
	}
	return out
}

// nounSynsets appends to dst the first two noun synsets of word, or of its
// noun base forms if it is not a noun lemma.
func (d *data) nounSynsets(dst []int32, w string) []int32 {
	var buf [8]uint32
	for _, id := range d.lemmas(buf[:0], w, 1<<posNoun) {
		e := d.entry(int(id))
		for _, s := range e.nouns[:e.nNouns] {
			if !slices.Contains(dst, s) {
				dst = append(dst, s)
			}
		}
	}
	return dst
}

// Classes returns the lexicographer files of the first two noun senses
// of word (or of its noun base forms): what kind of thing it names.
func Classes(word string) Class {
	return db().classes(normalize(word))
}

func (d *data) classes(w string) Class {
	var buf [16]int32
	var c Class
	for _, s := range d.nounSynsets(buf[:0], w) {
		c |= 1 << (d.lex[s]&^instanceBit - firstNounFile)
	}
	return c
}

// Instance reports whether the first noun sense of word is an instance, a
// named individual such as "hangzhou" or "einstein", rather than a common
// noun such as "city".
func Instance(word string) bool {
	return db().instance(normalize(word))
}

func (d *data) instance(w string) bool {
	var buf [16]int32
	s := d.nounSynsets(buf[:0], w)
	return len(s) > 0 && d.lex[s[0]]&instanceBit != 0
}

// IsA reports whether one of the first two noun senses of word is one of
// the first two noun senses of class, or has it among its hypernyms or
// instance hypernyms, however far up: IsA("hangzhou", "city") and
// IsA("einstein", "person") are true. A word is its own class, and so are
// its synonyms: IsA("metropolis", "city") is true.
func IsA(word, class string) bool {
	return db().isA(normalize(word), normalize(class), false)
}

// FirstIsA is IsA for the first noun sense of word alone, for a word that
// is most often something else: FirstIsA("ban", "measure") is false,
// although a ban is also a Moldovan coin.
func FirstIsA(word, class string) bool {
	return db().isA(normalize(word), normalize(class), true)
}

func (d *data) isA(word, class string, first bool) bool {
	var cbuf [16]int32
	classes := d.nounSynsets(cbuf[:0], class)
	if len(classes) == 0 {
		return false
	}
	var qbuf [64]int32
	q := d.nounSynsets(qbuf[:0], word)
	if first && len(q) > 1 {
		q = q[:1]
	}
	// A breadth-first walk up the hypernym graph: the ancestors of a
	// synset are few, so the queue doubles as the visited set.
	for i := 0; i < len(q); i++ {
		if slices.Contains(classes, q[i]) {
			return true
		}
		for _, p := range d.parent[d.up[q[i]]:d.up[q[i]+1]] {
			if !slices.Contains(q, int32(p)) {
				q = append(q, int32(p))
			}
		}
	}
	return false
}
