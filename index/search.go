package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index/lexicon"
	"github.com/racebot/racebot/index/rank"
)

// Query is a question, already stripped of chat noise, with what kind of
// figure would answer it.
type Query struct {
	Text string
	// Want lists the kinds of figure that answer the question ("how many"
	// wants counts); passages holding one rank higher. Empty means any.
	Want []figure.Kind
	// Define marks a question asking what something is ("what is MGX"):
	// more candidates are fetched, and passages that define it ("MGX, the
	// Abu Dhabi AI investment fund") rank higher than those that only
	// mention it.
	Define bool
	// Class is the kind of name that answers the question: a person for
	// "who", a place for "where"; Head the noun a "what X" question asks
	// for ("city"), so that a passage naming one ("Hangzhou") answers it.
	// Passages holding such a name close to the question's words rank
	// higher (rank.Features.Entity).
	Class lexicon.Class
	Head  string
	// Since and Before keep the passages of articles published on or
	// after Since and before Before (by day); zero means no bound.
	Since, Before time.Time
	// Sources keeps the passages of articles one of whose publishers'
	// names has one of these words (any case); empty means any.
	Sources []string
	// Limit is the number of passages to return; zero means 5.
	Limit int
	// PerArticle caps the passages returned from one article, so that one
	// long article cannot crowd out the rest; zero means 2.
	PerArticle int
	// Baseline ranks by a plain Bleve match query on the passage text,
	// without racebot's re-ranking, for measuring what the re-ranking
	// adds (racebot eval --baseline).
	Baseline bool
	// Policy weighs the question's words and ranks the candidates; nil
	// means rank.Default().
	Policy *rank.Policy
}

// Hit is a passage that matched a query, with its citation and the
// evidence it was ranked on.
type Hit struct {
	Passage     corpus.Passage
	Title       string // the article's title
	Publisher   string // of the cited source
	URL         string
	SourceTitle string
	SourceDate  time.Time
	Published   time.Time
	Kind        string // corpus.KindArticle or corpus.KindSummary
	Tags        []string

	Score float64 // the final ranking score
	BM25  float64 // the passage's BM25 score for the question's concepts
	// Coverage is the share of the question's weight found in the passage,
	// its heading or its article's title and tags, in [0, 1]; TextCoverage
	// counts the passage text alone.
	Coverage     float64
	TextCoverage float64
	// OnTopic reports whether something the question names is also in the
	// article's title, the passage's heading or the article's tags: the
	// passage is in an article about it, not merely mentioning it.
	OnTopic bool
	// Matches are the byte ranges of Passage.Text that matched the
	// question, in order, for highlighting.
	Matches [][2]int
	// Features are the measures Score weighs.
	Features rank.Features
	// FigureConcepts holds, for each of Passage.Figures, the index in
	// Result.Concepts of the question concept that the figure counts
	// ("GPUs" for "50,000 NVIDIA Hopper GPUs"), or -1.
	FigureConcepts []int
	// credits holds, for each of the question's concepts, what the
	// passage's holding it counts toward its coverage; listed whether it
	// holds it only as one of several names its article's title lists.
	credits []float64
	listed  []bool
	// FigureScores rates, for each of Passage.Figures, how well it answers
	// the question, in [0, 1]: 0 for a kind not wanted; otherwise how near
	// it sits to the question's words, less when it counts something else.
	FigureScores []float64
}

// Holds reports whether the passage holds concept c of Result.Concepts in
// any form, in its text or its article's title, heading or tags.
func (h *Hit) Holds(c int) bool {
	return c >= 0 && c < len(h.credits) && h.credits[c] > 0
}

// Listed reports whether the passage holds concept c of Result.Concepts
// only as one of several names that its article's title lists ("Amazon"
// in "Microsoft, Meta, Alphabet and Amazon set record AI spending plans"
// for a passage about Microsoft's): it may be about another of them.
func (h *Hit) Listed(c int) bool {
	return c >= 0 && c < len(h.listed) && h.listed[c]
}

// Concept is one thing a question asks about: a term, or a phrase such as
// "export controls", with the synonyms that also count for it.
type Concept struct {
	Terms []string   // analysed terms, as the index holds them
	Alts  [][]string // synonyms, analysed
	// Spellings are the same words written otherwise: "2,048" for "2048",
	// "coastline" for "coast line".
	Spellings [][]string
	// Related are words that say much the same in other words (a derived
	// form, a looser synonym), analysed; they count for less than Alts.
	Related [][]string
	Weight  float64 // inverse document frequency
	// Light marks a word that asks about something rather than naming
	// it ("lose", "come", "good", and the "city" of "what city"): it
	// weighs less (rank.Words.Light), and Bleve does not require it.
	Light bool
	// Names marks a word no passage holds that names something (an
	// English noun, a model number: "salary", "MI300X") rather than chat
	// ("devs", "booked"): the question is about something the corpus
	// does not cover.
	Names   bool
	DocFreq uint64 // passages holding the terms, or another spelling or a synonym when none holds the terms
	// Own is how many passages hold the terms themselves: "hq" may be in
	// none while its synonym "headquarters" is in several, and then only
	// the synonym fetches candidates.
	Own       uint64
	Typed     string // the words as the question has them
	Corrected string // the word as typed, when it was a likely typo
	// Word is how the best candidate holding it writes the term a typo
	// was corrected to, lower case ("stargate" for the term "stargat"),
	// for telling the user what was searched; "" when no candidate holds
	// it (a correction to a word only the thesaurus knows).
	Word string
	// Proper marks a concept the candidates write as a name, capitalised
	// more often than not ("Alphabet", "TSMC"; not "app"). A light word
	// asks rather than names, and is never marked.
	Proper bool
}

// Result is the answer to a search.
type Result struct {
	Hits     []Hit
	Concepts []Concept
	Passages uint64 // passages in the index
	// Evidence is what the best candidates say about the question as a
	// whole, for deciding whether to answer.
	Evidence rank.Evidence
}

// Limits that keep a search cheap whatever the question.
const (
	maxConcepts = 24 // distinct question terms considered
	candidates  = 30 // passages fetched from Bleve for re-ranking
	// A "what is X" question names one thing, which many passages
	// mention; the one that defines it need not be among the 30 that
	// mention it most.
	defineCandidates = 100
)

// ErrNotReady is returned by Search before the index has been built.
var ErrNotReady = errors.New("index is not built yet")

// Search finds the passages that best answer q. Bleve retrieves candidates
// with BM25 (or TF-IDF) over the passage text and its title and heading; they
// are then re-ranked on how much of the question they cover, how close
// together the matched terms are, and whether they hold a figure of the
// wanted kind. User text is never parsed as query syntax.
func (x *Index) Search(ctx context.Context, q Query) (res *Result, err error) {
	x.mu.RLock()
	gen := x.gen
	x.mu.RUnlock()
	// Bleve panics on some damaged segments rather than failing, and
	// reads its files through memory maps, where a damaged file faults;
	// the question fails, and the index is marked for rebuilding.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, x.damaged(gen, r)
		}
	}()
	res, err = x.search(ctx, q)
	if err != nil && ctx.Err() == nil && !errors.Is(err, ErrNotReady) && !errors.Is(err, ErrDamaged) {
		// Reading an index racebot wrote fails only when its files
		// are damaged.
		return nil, x.damaged(gen, err)
	}
	return res, err
}

func (x *Index) search(ctx context.Context, q Query) (*Result, error) {
	if q.Limit <= 0 {
		q.Limit = 5
	}
	if q.PerArticle <= 0 {
		q.PerArticle = 2
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.b == nil {
		return nil, ErrNotReady
	}
	if x.fault != nil {
		return nil, x.fault
	}
	adv, err := x.b.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: open reader: %w", err)
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: count: %w", err)
	}
	p := q.Policy
	if p == nil {
		p = rank.Default()
	}
	res := &Result{Passages: n}
	res.Concepts, err = x.concepts(ctx, r, q.Text, q.Head, n, p.Words)
	if err != nil {
		return nil, err
	}
	if len(res.Concepts) == 0 {
		return res, nil
	}

	// Passages that hold every distinctive concept are found first, which
	// is quick; only when there are too few of them does the search widen
	// to passages that hold any.
	var found search.DocumentMatchCollection
	limit := candidates
	if q.Define {
		limit = defineCandidates
	}
	rq := retrievalQueries(res.Concepts, n)
	if q.Baseline {
		mq := bleve.NewMatchQuery(q.Text)
		mq.SetField(fieldText)
		rq = retrieval{wide: mq}
	}
	filter := q.filter()
	fetch := func(qq query.Query, size int) error {
		if qq == nil || size <= 0 {
			return nil
		}
		if filter != nil {
			qq = bleve.NewConjunctionQuery(qq, filter)
		}
		req := bleve.NewSearchRequestOptions(qq, size, 0, false)
		req.Fields = []string{fieldStored}
		if x.opts.StableTies {
			req.SortBy(stableOrder)
		}
		sr, err := x.b.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		for _, dm := range sr.Hits {
			if !slices.ContainsFunc(found, func(f *search.DocumentMatch) bool { return f.ID == dm.ID }) {
				found = append(found, dm)
			}
		}
		return nil
	}
	if err := fetch(rq.strict, limit); err != nil {
		return nil, err
	}
	if len(found) < minStrictHits {
		if err := fetch(rq.wide, limit-len(found)); err != nil {
			return nil, err
		}
	}
	hits := make([]Hit, 0, len(found))
	var cands []*analysed
	length := 0
	for _, dm := range found {
		raw, _ := dm.Fields[fieldStored].(string)
		a, err := x.analysed(dm.ID, raw)
		if err != nil {
			x.log.Warn("skipping unreadable passage", "id", dm.ID, "err", err)
			continue
		}
		hits = append(hits, a.hit)
		cands = append(cands, a)
		length += len(a.toks)
	}
	if q.Baseline {
		res.Hits = perArticle(hits, q.Limit, q.PerArticle)
		return res, nil
	}
	// BM25 over every concept of the question, not only those Bleve
	// fetched candidates by, with the candidates' mean length standing in
	// for the index's.
	var top float64
	for i, a := range cands {
		hits[i].BM25 = bm25(a.toks, res.Concepts, float64(length)/float64(len(hits)), p.Words)
		top = max(top, hits[i].BM25)
	}
	dated := dateParts(res.Concepts)
	for i, a := range cands {
		x.measure(&hits[i], a, res.Concepts, dated, q, p)
		if top > 0 {
			hits[i].Features.BM25 = hits[i].BM25 / top
		}
	}
	support(hits)
	for i := range hits {
		hits[i].Score = p.Score(hits[i].Features)
	}
	correctedWords(res.Concepts, hits, cands)
	// Passages that score the same (the same sentences in two articles)
	// go by ID, not by the order Bleve returned them in, which for hits
	// it ties varies from build to build. IDs compare as text ("a/10"
	// before "a/2"): any fixed order does, and the policy was fitted with
	// this one.
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.Passage.ID(), b.Passage.ID()))
	})
	for i, c := range res.Concepts {
		res.Concepts[i].Proper = !c.Light && writtenAsName(cands, c)
	}
	res.Evidence = evidence(hits, res.Concepts, q, n)
	res.Hits = perArticle(hits, q.Limit, q.PerArticle)
	return res, nil
}

// stray returns the share of the question's weight in concepts the first
// candidate lacks, in its text and as its article's subject, that the
// candidates write as names (Concept.Proper). A question about a company
// the passage does not mention ("tsmc capex 2025" against Amazon's capex)
// is about something else, however well the rest of it matches; a common
// word the passage lacks is as often said in other words, and SQuAD's
// questions are full of those. A light word, which asks rather than names,
// is never Proper.
func stray(top Hit, cs []Concept) float64 {
	var total, out float64
	for i, c := range cs {
		total += c.Weight
		if c.Proper && i < len(top.credits) && (top.credits[i] == 0 || top.Listed(i)) {
			out += c.Weight
		}
	}
	if total == 0 {
		return 0
	}
	return out / total
}

// writtenAsName reports whether the candidates write a concept
// capitalised more often than in lower case: "Apple" and "TSMC". Where a
// sentence or a list item starts, where any word is capitalised ("Key
// partners include"), only a word that is no English word counts
// ("VentureBeat"); and a name counts only as the question writes it, not
// as another word of the same stem ("Windows Report" for "window"),
// unless the question's word was a typo.
func writtenAsName(cands []*analysed, c Concept) bool {
	typed := ""
	if f := strings.Fields(c.Typed); len(f) > 0 && c.Corrected == "" {
		typed = bareWord(f[0])
	}
	capital, lower := 0, 0
	for _, a := range cands {
		if !a.terms[c.Terms[0]] {
			continue
		}
		text := a.hit.Passage.Text
		for k, t := range a.toks {
			if t.term != c.Terms[0] || len(c.Terms) > 1 && !together(a.toks[k:min(len(a.toks), k+2*len(c.Terms))], c.Terms) {
				continue
			}
			word := bareWord(text[t.start:t.end])
			switch {
			case !capitalised(text, t):
				lower++
			case typed != "" && word != typed:
			case !opensSentence(text, t.start) || !isEnglish(word) || lexicon.Instance(word):
				capital++
			}
		}
	}
	return capital > lower
}

// bareWord is a word in lower case without a possessive "'s".
func bareWord(w string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
}

// opensSentence reports whether the word at byte at starts a sentence, a
// line or a list item.
func opensSentence(text string, at int) bool {
	line := strings.TrimRight(text[:at], " \t-*•–\"“‘'(")
	return line == "" || strings.HasSuffix(line, "\n") || sentenceStart(text, at)
}

// correctedWords sets the Word of each corrected concept from the
// best-scored candidate that holds its term: the index holds stems, which
// are not words to show ("revenu").
func correctedWords(cs []Concept, hits []Hit, cands []*analysed) {
	for ci := range cs {
		c := &cs[ci]
		if c.Corrected == "" || len(c.Terms) != 1 {
			continue
		}
		best := math.Inf(-1)
		for i, a := range cands {
			if hits[i].Score <= best {
				continue
			}
			for _, t := range a.toks {
				if t.term == c.Terms[0] {
					w := strings.ToLower(a.hit.Passage.Text[t.start:t.end])
					w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
					c.Word, best = w, hits[i].Score
					break
				}
			}
		}
	}
}

// filter is the query a passage's article must match for q's filters, or
// nil when q has none. Days are compared as YYYY-MM-DD terms, which sort
// as the days do.
func (q Query) filter() query.Query {
	var must []query.Query
	if !q.Since.IsZero() || !q.Before.IsZero() {
		var lo, hi *bool
		min, max := "", ""
		yes, no := true, false
		if !q.Since.IsZero() {
			min, lo = q.Since.Format(time.DateOnly), &yes
		}
		if !q.Before.IsZero() {
			max, hi = q.Before.Format(time.DateOnly), &no
		}
		r := bleve.NewTermRangeInclusiveQuery(min, max, lo, hi)
		r.SetField(fieldDay)
		must = append(must, r)
	}
	if len(q.Sources) > 0 {
		from := make([]query.Query, 0, len(q.Sources))
		for _, w := range q.Sources {
			from = append(from, termQuery(strings.ToLower(w), fieldSource, 1))
		}
		must = append(must, bleve.NewDisjunctionQuery(from...))
	}
	switch len(must) {
	case 0:
		return nil
	case 1:
		return must[0]
	}
	return bleve.NewConjunctionQuery(must...)
}

// perArticle returns the first limit hits, taking at most n of one article
// while others have hits left, so that one long article cannot crowd out
// the rest; when they have none, further hits of the same articles fill the
// list, in order.
func perArticle(hits []Hit, limit, n int) []Hit {
	out := make([]Hit, 0, min(limit, len(hits)))
	var rest []Hit
	per := make(map[string]int)
	for _, h := range hits {
		if len(out) == limit {
			return out
		}
		if per[h.Passage.Article] >= n {
			rest = append(rest, h)
			continue
		}
		per[h.Passage.Article]++
		out = append(out, h)
	}
	for _, h := range rest {
		if len(out) == limit {
			break
		}
		out = append(out, h)
	}
	return out
}

// evidence measures what the ranked candidates say about the question.
func evidence(hits []Hit, cs []Concept, q Query, passages uint64) rank.Evidence {
	var e rank.Evidence
	if len(hits) == 0 {
		return e
	}
	top := hits[0]
	e.Score = top.Score
	if len(hits) > 1 {
		e.Margin = top.Score - hits[1].Score
	}
	for _, h := range hits[1:] {
		if h.Passage.Article != top.Passage.Article {
			e.Lead = top.Score - h.Score
			break
		}
	}
	e.Coverage, e.TextCoverage = top.Coverage, top.TextCoverage
	e.Exact, e.Title, e.Sentence, e.Answer = top.Features.Exact, top.Features.Title, top.Features.Sentence, top.Features.Answer
	e.Entity = top.Features.Entity
	if len(q.Want) > 0 || q.Class != 0 || q.Head != "" {
		e.Wanted = 1
	}
	if len(q.Want) > 0 {
		e.Lacks = 1 - top.Features.Answer
	}
	var total, unknown, missing, light float64
	heaviest, named := -1, 0
	for i, c := range cs {
		total += c.Weight
		switch {
		case c.Names:
			missing += c.Weight
			e.Absent = min(1, e.Absent+0.5)
		case c.DocFreq == 0 && !c.Light:
			unknown += c.Weight
		}
		if c.Light {
			light += c.Weight
		} else {
			named++
			if heaviest < 0 || c.Weight > cs[heaviest].Weight {
				heaviest = i
			}
		}
	}
	if total > 0 {
		e.Unknown, e.Missing = unknown/total, missing/total
	}
	for i, c := range cs {
		if c.Light || i >= len(top.credits) || top.credits[i] == 0 {
			continue
		}
		e.Matched = min(1, e.Matched+1.0/3)
		if passages > 1 {
			e.Topical = max(e.Topical, math.Log1p(float64(c.DocFreq))/math.Log1p(float64(passages)))
		}
	}
	if heaviest >= 0 && heaviest < len(top.credits) {
		e.Heaviest = top.credits[heaviest]
	}
	if named == 1 {
		e.Single = 1
		e.Passing = 1 - top.Features.Title
	}
	if total > 0 {
		e.Light = light / total
	}
	e.Stray = stray(top, cs)
	next := hits[1:min(len(hits), 5)]
	for _, h := range next {
		if h.Passage.Article == top.Passage.Article {
			e.Agree += 1 / float64(len(next))
		}
	}
	return e
}

// concepts analyses the question into weighted concepts. Words the index
// has never seen are looked up as likely typos of a word it has.
func (x *Index) concepts(ctx context.Context, r bindex.IndexReader, text, head string, n uint64, w rank.Words) ([]Concept, error) {
	var terms, raws []string
	var colls [][]lexicon.Relation // what the phrasal verb each term begins means
	var joined []bool              // terms[i] is hyphen-joined to terms[i-1]: "GPT-5"
	prevEnd := -1
	for _, t := range x.an.Analyze([]byte(text)) {
		term := string(t.Term)
		hyphen := prevEnd >= 0 && t.Start == prevEnd+1 && text[prevEnd] == '-'
		prevEnd = t.End
		if len(term) < 2 && !unicode.IsDigit(rune(term[0])) {
			continue // a stray letter ("v3's" leaves an "s") names nothing
		}
		if slices.Contains(terms, term) {
			continue
		}
		terms = append(terms, term)
		joined = append(joined, hyphen && len(terms) > 1)
		raws = append(raws, strings.ToLower(text[t.Start:t.End]))
		_, rels := collocation(raws[len(raws)-1], text[t.End:])
		colls = append(colls, rels)
		if len(terms) == maxConcepts {
			break
		}
	}
	var out []Concept
	phrases := x.th.phrasesIn(terms)
	// A hyphenated name is one concept whose parts must stand together:
	// "GPT-5" is not answered by a passage about GPT-4o that mentions 5.
	for i := 1; i < len(terms); i++ {
		if !joined[i] || slices.ContainsFunc(phrases, func(p [2]int) bool { return p[0] < i && i < p[1] || p[0] == i }) {
			continue
		}
		start := i - 1
		for start > 0 && joined[start] {
			start--
		}
		end := i + 1
		for end < len(terms) && joined[end] {
			end++
		}
		if n := len(phrases); n > 0 && phrases[n-1][0] == start {
			continue
		}
		phrases = append(phrases, [2]int{start, end})
		i = end - 1
	}
	compounds := x.compounds(r, terms, raws, joined, phrases)
	for start := range compounds {
		phrases = append(phrases, [2]int{start, start + 2})
	}
	slices.SortFunc(phrases, func(a, b [2]int) int { return a[0] - b[0] })
	for i := 0; i < len(terms); {
		end := i + 1
		for _, p := range phrases {
			if p[0] == i {
				end = p[1]
			}
		}
		c := Concept{Terms: terms[i:end], Typed: strings.Join(raws[i:end], " ")}
		if t, ok := compounds[i]; ok && end == i+2 {
			c.Spellings = [][]string{{t}}
		}
		var typed string
		var coll []lexicon.Relation
		if end == i+1 {
			typed, coll = raws[i], colls[i]
		}
		if err := x.weigh(ctx, r, &c, typed, coll, n, w); err != nil {
			return nil, err
		}
		if end > i+1 && c.DocFreq == 0 && !slices.Contains(joined[i+1:end], false) {
			named, err := x.hyphenatedName(ctx, r, raws[i:end])
			if err != nil {
				return nil, err
			}
			if named {
				// A hyphenated name the corpus lacks ("ARC-AGI",
				// "o3-mini") is something it does not cover, as a
				// model number is, not chat ("one-liner").
				c.Names, c.Weight = true, w.Missing*idf(1, n)
			}
		}
		if head != "" && !c.Light && len(c.Terms) == 1 && c.Terms[0] == x.termOf(head) {
			// "city" in "what city": the kind of answer asked for, which
			// the passage that answers names ("Hangzhou") rather than
			// says.
			c.Light, c.Names = true, false
			c.Weight *= w.Light
		}
		out = append(out, c)
		i = end
	}
	if err := x.unclip(ctx, r, out, n, w); err != nil {
		return nil, err
	}
	return out, nil
}

// weigh sets a concept's document frequency, synonyms and weight,
// correcting a single unknown word typed as typed. coll is what the
// phrasal verb the word begins in the question means, if any ("set up":
// found, establish).
func (x *Index) weigh(ctx context.Context, r bindex.IndexReader, c *Concept, typed string, coll []lexicon.Relation, n uint64, w rank.Words) error {
	c.DocFreq = math.MaxUint64
	for _, t := range c.Terms {
		// A phrase is about as rare as its rarest term.
		df, err := docFreq(ctx, r, t)
		if err != nil {
			return err
		}
		c.DocFreq = min(c.DocFreq, df)
	}
	if c.DocFreq == 0 && typed != "" && len(x.th.alternatives(c.Terms)) == 0 {
		if fixed, df := x.correct(ctx, r, typed); fixed != "" {
			c.Corrected, c.Terms, c.DocFreq = typed, []string{fixed}, df
		}
	}
	c.Alts = x.th.alternatives(c.Terms)
	if len(c.Terms) == 1 {
		c.Spellings = append(c.Spellings, x.spellings(r, c.Terms[0], typed, c.DocFreq)...)
	}
	c.Related = x.related(r, c, typed, coll)
	c.Own = c.DocFreq
	if c.DocFreq == 0 {
		// A word the corpus lacks but whose synonym or other spelling
		// it has ("copying" for "distillation") is as rare as that.
		for _, alt := range append(c.Spellings, c.Alts...) {
			for _, t := range alt {
				df, err := docFreq(ctx, r, t)
				if err != nil {
					return err
				}
				c.DocFreq = max(c.DocFreq, df)
			}
		}
	}
	c.Weight = idf(c.DocFreq, n)
	c.Names = c.DocFreq == 0 && namesSomething(typed)
	switch {
	case c.Names:
		// A name or an English noun the corpus lacks ("MI300X",
		// "salary") may be what the question is about, which the corpus
		// does not cover; or chat's way of saying what it does
		// ("tech", "military").
		c.Weight = w.Missing * idf(1, n)
	case c.DocFreq == 0:
		// Chat is full of words a corpus lacks in questions it answers
		// ("devs", "booked", "lmao"): they weigh less than the rarest
		// word some passage holds, enough to count against an answer
		// but not, alone, to decline one that covers the rest.
		c.Weight = w.Unknown * idf(1, n)
	}
	if len(c.Terms) == 1 && x.light[c.Terms[0]] {
		c.Light = true
		c.Weight *= w.Light
	}
	return nil
}

// collocation returns the phrasal verb or other two-word WordNet entry
// that word begins with the next word of rest ("set" and " up a lab"
// give "set up"), with its related words, or "" when there is none with
// any. The particle is a stop word the analyzer drops, so without it "set
// up" would be looked for as "set".
func collocation(word, rest string) (string, []lexicon.Relation) {
	rest = strings.TrimLeft(rest, " ")
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(rest)
	}
	if end == 0 || len(word) > 20 {
		return "", nil
	}
	coll := word + " " + strings.ToLower(rest[:end])
	rels := lexicon.Related(coll)
	if len(rels) == 0 {
		return "", nil
	}
	return coll, rels
}

// maxRelated bounds the related words a concept is looked for by.
const maxRelated = 12

// related returns what else says much what a concept says, analysed: the
// domain's related words (index/related.txt), and for a word as typed its
// WordNet synonyms and derived forms ("death" for "died", "invention" for
// "invented"), leaving out the concept's own terms and synonyms and words
// no passage holds.
func (x *Index) related(r bindex.IndexReader, c *Concept, typed string, coll []lexicon.Relation) [][]string {
	dict := termDict(r)
	var out [][]string
	add := func(terms []string) {
		if len(out) == maxRelated || len(terms) == 0 || slices.Equal(terms, c.Terms) ||
			slices.ContainsFunc(c.Alts, func(a []string) bool { return slices.Equal(a, terms) }) ||
			slices.ContainsFunc(out, func(a []string) bool { return slices.Equal(a, terms) }) {
			return
		}
		for _, t := range terms {
			if !dict.has(t) {
				return
			}
		}
		out = append(out, terms)
	}
	for _, alt := range x.rel.alternatives(c.Terms) {
		add(alt)
	}
	if c.Corrected == "" {
		// What the phrasal verb means comes before the verb alone's
		// senses: "set up" is "found", "establish".
		for _, rel := range coll {
			add(analyse(x.an, rel.Word))
		}
	}
	if typed != "" && c.Corrected == "" {
		for _, rel := range lexicon.Related(typed) {
			add(analyse(x.an, rel.Word))
		}
	}
	return out
}

// spellings returns other ways the index may write a question's term: a
// number of four digits with a thousands comma ("2048" as "2,048"; four
// digits are left alone in the question, being most often a year), and an
// English word the index lacks as the two words it may be written as
// ("coastline" as "coast line").
func (x *Index) spellings(r bindex.IndexReader, term, typed string, df uint64) [][]string {
	if len(term) == 4 && strings.Trim(term, "0123456789") == "" {
		return [][]string{{term[:1] + "," + term[1:]}}
	}
	if df > 0 || typed == "" || !isEnglish(typed) {
		return nil
	}
	dict := termDict(r)
	for k := 3; k <= len(typed)-3; k++ {
		a, b := typed[:k], typed[k:]
		if !isEnglish(a) || !isEnglish(b) {
			continue
		}
		ta, tb := x.termOf(a), x.termOf(b)
		if ta != "" && tb != "" && dict.has(ta) && dict.has(tb) {
			return [][]string{{ta, tb}}
		}
	}
	return nil
}

// compounds finds neighbouring words of a question that the index holds
// written as one ("coast line" as "coastline"), keyed by the place of the
// first, with the term they make. Words already in a phrase or joined by a
// hyphen are left as they are.
func (x *Index) compounds(r bindex.IndexReader, terms, raws []string, joined []bool, phrases [][2]int) map[int]string {
	var out map[int]string
	dict := termDict(r)
	inPhrase := func(i int) bool {
		return slices.ContainsFunc(phrases, func(p [2]int) bool { return p[0] <= i && i < p[1] })
	}
	for i := 0; i+1 < len(terms); i++ {
		if joined[i+1] || inPhrase(i) || inPhrase(i+1) || !isLower(raws[i]) || !isLower(raws[i+1]) {
			continue
		}
		t := x.termOf(raws[i] + raws[i+1])
		if t != "" && t != terms[i] && t != terms[i+1] && dict.has(t) {
			if out == nil {
				out = make(map[int]string)
			}
			out[i] = t
			i++
		}
	}
	return out
}

// dictionary answers whether the passage text holds a term, from the term
// dictionary when the index offers one, which is much cheaper than a
// postings list.
type dictionary struct {
	r    bindex.IndexReader
	dict bindex.FieldDictContains
}

func termDict(r bindex.IndexReader) dictionary {
	d := dictionary{r: r}
	if rc, ok := r.(bindex.IndexReaderContains); ok {
		// On an error dict stays nil and has falls back to postings.
		d.dict, _ = rc.FieldDictContains(fieldText)
	}
	return d
}

func (d dictionary) has(term string) bool {
	if d.dict != nil {
		ok, err := d.dict.Contains([]byte(term))
		return err == nil && ok
	}
	df, err := docFreq(context.Background(), d.r, term)
	return err == nil && df > 0
}

func docFreq(ctx context.Context, r bindex.IndexReader, term string) (uint64, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), fieldText, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("search: read term %q: %w", term, err)
	}
	defer tfr.Close()
	return tfr.Count(), nil
}

// hyphenatedName guesses whether the words of a hyphenated phrase, as
// typed, make a name: one with a digit ("o3-mini", "v3-0324"), or with a
// word the corpus holds that is no English word ("agi" in "arc-agi").
// Chat joins English words ("one-liner", "jaw-dropping") and its own
// ("tl-dr"), which the corpus lacks.
func (x *Index) hyphenatedName(ctx context.Context, r bindex.IndexReader, words []string) (bool, error) {
	for _, w := range words {
		if strings.ContainsAny(w, "0123456789") {
			return true, nil
		}
	}
	for _, w := range words {
		if isEnglish(w) {
			continue
		}
		for _, t := range analyse(x.an, w) {
			df, err := docFreq(ctx, r, t)
			if err != nil {
				return false, err
			}
			if df > 0 {
				return true, nil
			}
		}
	}
	return false, nil
}

// namesSomething guesses whether a question word the corpus lacks names a
// thing: a model or product name (it has digits: "MI300X", "GPT-5") or an
// English word that is not a verb form ("salary", but not "booked").
func namesSomething(word string) bool {
	if strings.ContainsAny(word, "0123456789") {
		return true
	}
	if strings.HasSuffix(word, "ed") || strings.HasSuffix(word, "ing") {
		return false
	}
	return isEnglish(word)
}

// idf is BM25's inverse document frequency.
func idf(df, n uint64) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// retrieval are the Bleve queries that fetch a question's candidates.
type retrieval struct {
	strict, wide query.Query
}

// retrievalQueries builds the Bleve queries that fetch candidate passages.
//
// strict wants every concept of the question that names something (nil
// when there are fewer than two): an intersection of postings, which Bleve
// computes quickly even for common words. Among those, Bleve ranks first the
// passages that also hold the question's other words ("announced"): with
// thousands of articles naming the same things, the passage that answers is
// often not among the shortest ones that name them. (Ranking those with a
// figure of the wanted kind first as well changed no eval score and made
// answers slower: most passages hold a date.) wide wants any of the rarest, or
// their related words, in the text or, weighted lower, in the title and
// heading; it is the fallback when few passages hold everything. Words that
// ask rather than name, and in wide the words most passages hold, are left
// to the re-ranking, which checks every concept on every candidate: in a
// disjunction they would only make Bleve score most of the index.
//
// Single-term synonyms are expanded by Bleve itself, except for terms
// common enough to find candidates without them; a phrase or a phrase
// synonym ("artificial general intelligence" for "AGI") must match all its
// terms.
func retrievalQueries(cs []Concept, n uint64) retrieval {
	var all, any, should []query.Query
	onlyLight := !slices.ContainsFunc(cs, func(c Concept) bool { return !c.Light })
	var named []int // concepts that name something, rarest first
	for i, c := range cs {
		if c.DocFreq == 0 && len(c.Alts) == 0 {
			continue
		}
		if c.Light && !onlyLight {
			should = append(should, conceptQuery(c, n, false))
			continue
		}
		named = append(named, i)
		all = append(all, conceptQuery(c, n, false))
	}
	sort.SliceStable(named, func(a, b int) bool { return cs[named[a]].DocFreq < cs[named[b]].DocFreq })
	var postings uint64
	for k, i := range named {
		c := cs[i]
		// The rarest concepts find the passages that cover most of the
		// question's weight; a common one in a disjunction only adds
		// thousands of passages to score. Past the two rarest, a concept
		// is taken while the passages to score stay few: in a small
		// corpus that is every concept, so that a passage holding the
		// question's common words but not its rarest is still found.
		postings += c.DocFreq
		if k >= minWideConcepts && (k >= maxWideConcepts || postings > maxWidePostings) ||
			k > 0 && float64(c.DocFreq) > maxRetrievalShare*float64(n) {
			break
		}
		any = append(any, conceptQuery(c, n, true))
		if len(c.Terms) == 1 && float64(c.DocFreq) <= maxContextShare*float64(n) {
			any = append(any, termQuery(c.Terms[0], fieldContext, 0.3))
		}
	}
	var r retrieval
	if len(all) >= 2 {
		r.strict = bleve.NewConjunctionQuery(all...)
		if len(should) > 0 {
			b := bleve.NewBooleanQuery()
			b.AddMust(r.strict)
			b.AddShould(should...)
			r.strict = b
		}
	}
	if len(any) > 0 {
		r.wide = bleve.NewDisjunctionQuery(any...)
	}
	return r
}

// conceptQuery matches a concept in the passage text.
func conceptQuery(c Concept, n uint64, related bool) query.Query {
	var q query.Query
	switch {
	case len(c.Terms) > 1:
		q = allTerms(c.Terms, 1.5)
	case c.Own*exactShare >= n:
		q = exactTermQuery(c.Terms[0], fieldText, 1)
	default:
		q = termQuery(c.Terms[0], fieldText, 1)
	}
	var alts []query.Query
	for _, alt := range c.Alts {
		// Bleve expands a single word with the thesaurus itself, into
		// the other single words of its group; a phrase's single-word
		// synonym ("q1" for "first quarter") it never sees.
		if len(alt) > 1 || len(c.Terms) > 1 {
			alts = append(alts, allTerms(alt, 0.8))
		}
	}
	for _, sp := range c.Spellings {
		alts = append(alts, allTerms(sp, 1))
	}
	if related {
		for _, rel := range c.Related {
			alts = append(alts, allTerms(rel, relatedBoost))
		}
	}
	if len(alts) == 0 {
		return q
	}
	return bleve.NewDisjunctionQuery(append(alts, q)...)
}

// relatedBoost is what a related word counts for in Bleve's candidate
// order against the word itself.
const relatedBoost = 0.4

// Shares of the index above which a concept is too common to fetch
// candidates by in a disjunction (it still counts in ranking), and to look
// for in titles, which every passage of an article repeats; and how many of
// the rarest concepts the disjunction takes.
const (
	minWideConcepts   = 2
	maxWideConcepts   = 8
	maxWidePostings   = 3000
	maxRetrievalShare = 0.2
	maxContextShare   = 0.05
)

// allTerms matches passages holding every one of terms.
func allTerms(terms []string, boost float64) query.Query {
	if len(terms) == 1 {
		return termQuery(terms[0], fieldText, boost)
	}
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = termQuery(t, fieldText, 1)
	}
	q := bleve.NewConjunctionQuery(qs...)
	q.SetBoost(boost)
	return q
}

// exactShare is the share of the index from which a term is common
// enough to fetch candidates by itself, without its synonyms: expanding
// "GPU" to every chip name costs more than the rest of the search, and
// re-ranking credits the synonyms anyway.
const exactShare = 100 // one passage in a hundred

// exactTermQuery matches one term and nothing else. A term range from the
// term to itself is the one term query Bleve does not expand with the
// field's synonyms.
func exactTermQuery(term, field string, boost float64) query.Query {
	yes := true
	q := bleve.NewTermRangeInclusiveQuery(term, term, &yes, &yes)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// minStrictHits is how many passages holding every distinctive concept are
// enough to rank without looking at those holding only some.
const minStrictHits = 20

func termQuery(term, field string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// tokens analyses a passage, keeping offsets for highlighting.
func (x *Index) tokens(text string) []token {
	ts := x.an.Analyze([]byte(text))
	out := make([]token, len(ts))
	for i, t := range ts {
		out[i] = token{term: string(t.Term), start: t.Start, end: t.End, pos: t.Position}
	}
	return out
}

// stableOrder is the order StableTies has Bleve collect hits in: by
// score, then by passage ID, so that passages tied at the cut are the
// same in every build, however parallel writers and merges laid out the
// segments. Ties of thousands ("Tyne" in a SQuAD article about Tyneside)
// are cut as well as ties of two.
var stableOrder = []string{"-_score", "_id"}
