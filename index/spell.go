package index

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/racebot/racebot/index/rank"
)

// correct guesses what an unknown question word was meant to be: the
// spelling one edit away (a letter missing, extra, swapped with its
// neighbour or mistyped) whose index term, or its synonym's, is the most
// likely, or "" when no such spelling is in the index or the thesaurus. It
// returns the passages that hold the term itself, 0 for a word only the
// thesaurus knows.
//
// Edits are made to the word as typed and each candidate is then analysed,
// because typos sit in the unstemmed word: "diffusoin" is one swap from
// "diffusion", but three edits from its stem "diffus".
func (x *Index) correct(ctx context.Context, r bindex.IndexReader, typed string) (string, uint64) {
	typed = strings.TrimSuffix(strings.TrimSuffix(typed, "'s"), "’s")
	if len(typed) < 4 || !isLower(typed) || isEnglish(typed) {
		return "", 0
	}
	var (
		best      string
		bestScore float64
		bestDF    uint64
		seen      = make(map[string]bool)
		// Most candidates are not words at all: the term dictionary
		// says so more cheaply than a postings list.
		dict = termDict(r)
	)
	try := func(cand string, weight float64) {
		term := x.termOf(cand)
		if term == "" || seen[term] || x.light[term] {
			// A light word is never what a typo meant to name:
			// "beyonce" is not "beyond".
			return
		}
		seen[term] = true
		var df, reach uint64 // passages holding the term; holding it or a synonym
		if dict.has(term) {
			var err error
			if df, err = docFreq(ctx, r, term); err != nil {
				return
			}
			reach = df
		} else if len(term)+2 >= len(cand) {
			// A word the thesaurus knows but no passage holds
			// ("params" for "parameters") is a word too: "parms"
			// meant it. Not when stemming cut the candidate short:
			// "jannings" stems to "jan", which the thesaurus has as
			// January.
			for _, alt := range x.th.alternatives([]string{term}) {
				if len(alt) == 1 && dict.has(alt[0]) {
					n, err := docFreq(ctx, r, alt[0])
					if err != nil {
						return
					}
					reach = max(reach, n)
				}
			}
		}
		if reach == 0 {
			return
		}
		if score := weight * float64(reach); score > bestScore {
			best, bestScore, bestDF = term, score, df
		}
	}
	const letters = "abcdefghijklmnopqrstuvwxyz"
	for i := 0; i <= len(typed); i++ {
		if i < len(typed)-1 { // swapped neighbours: the commonest typo
			try(typed[:i]+string(typed[i+1])+string(typed[i])+typed[i+2:], 2)
		}
		if len(typed) < 5 {
			// Short words only take swaps: any other edit of a short
			// word is usually another word.
			continue
		}
		for j := 0; j < len(letters); j++ { // a letter left out
			try(typed[:i]+letters[j:j+1]+typed[i:], 1)
		}
		if i == len(typed) {
			break
		}
		try(typed[:i]+typed[i+1:], 0.5) // a letter too many
		for j := 0; j < len(letters); j++ {
			// A wrong letter, but only the slips people make: a vowel
			// for a vowel ("intellegence"), or a key next to the right
			// one. Any other substitution turns a real word into
			// another real word ("letter" into "better") far more
			// often than it fixes a typo.
			c := letters[j]
			if c != typed[i] && (isVowel(c) && isVowel(typed[i]) || adjacentKeys(typed[i], c)) {
				try(typed[:i]+string(c)+typed[i+1:], 0.5)
			}
		}
	}
	return best, bestDF
}

// unclip reads the question's words that no passage holds and that
// correct could not place as chat's clippings of a name ("zuck" for
// Zuckerberg, "repos" for repositories): the one index term the word
// begins, at least two letters longer (a word and its plural are not a
// clipping) and not a light word. Since a short prefix begins some term
// in any large corpus ("phil": Philadelphia), the term must also stand in
// a passage beside another of the question's concepts; otherwise the word
// stays unknown and still counts against answering ("who is phil").
func (x *Index) unclip(ctx context.Context, r bindex.IndexReader, cs []Concept, n uint64, w rank.Words) error {
	for i := range cs {
		c := &cs[i]
		typed := c.Typed
		if c.DocFreq != 0 || c.Corrected != "" || len(c.Terms) != 1 || len(typed) < 4 || !isLower(typed) || isEnglish(typed) {
			continue
		}
		term, err := x.clipped(r, typed)
		if err != nil {
			return err
		}
		if term == "" {
			continue
		}
		others := make([]query.Query, 0, len(cs))
		for j, o := range cs {
			if j != i && !o.Light && o.DocFreq > 0 {
				others = append(others, conceptQuery(o, n, false))
			}
		}
		if len(others) == 0 {
			continue
		}
		q := bleve.NewConjunctionQuery(termQuery(term, fieldText, 1), bleve.NewDisjunctionQuery(others...))
		sr, err := x.b.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
		if err != nil {
			return fmt.Errorf("search: look for %q beside the question's other words: %w", term, err)
		}
		if sr.Total == 0 {
			continue
		}
		fixed := Concept{Terms: []string{term}, Typed: typed}
		if err := x.weigh(ctx, r, &fixed, "", nil, n, w); err != nil {
			return err
		}
		fixed.Corrected = typed
		*c = fixed
	}
	return nil
}

// clipped returns the one index term that typed begins, at least two
// letters longer and not a light word, or "" when there is none or more
// than one ("anthro": Anthropic or anthropology). Bleve's prefix iterator
// is lazy, so this stops at the second such term however large the index.
func (x *Index) clipped(r bindex.IndexReader, typed string) (string, error) {
	dict, err := r.FieldDictPrefix(fieldText, []byte(typed))
	if err != nil {
		return "", fmt.Errorf("search: terms beginning %q: %w", typed, err)
	}
	defer dict.Close()
	found := ""
	for {
		e, err := dict.Next()
		if err != nil {
			return "", fmt.Errorf("search: terms beginning %q: %w", typed, err)
		}
		if e == nil {
			return found, nil
		}
		if len(e.Term) < len(typed)+2 || x.light[e.Term] {
			continue
		}
		if found != "" {
			return "", nil
		}
		found = e.Term
	}
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

func isLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// qwerty rows, for telling a slip of the finger from a misspelling.
var keyRows = []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

func adjacentKeys(a, b byte) bool {
	ra, ca := keyPos(a)
	rb, cb := keyPos(b)
	if ra < 0 || rb < 0 {
		return false
	}
	dr, dc := ra-rb, ca-cb
	return dr >= -1 && dr <= 1 && dc >= -1 && dc <= 1
}

func keyPos(c byte) (row, col int) {
	for r, keys := range keyRows {
		if i := strings.IndexByte(keys, c); i >= 0 {
			return r, i
		}
	}
	return -1, -1
}
