package index

import (
	"bufio"
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
)

// synonymsFile is the AI-race synonym list, kept as data so that it can be
// read and extended without touching code.
//
//go:embed synonyms.txt
var synonymsFile string

// relatedFile is the domain's related words: racebot's own list beside
// what WordNet gives (index/lexicon).
//
//go:embed related.txt
var relatedFile string

// thesaurus is the synonym list after analysis: every entry reduced to the
// terms the index holds, so that a question's terms can be looked up in it.
type thesaurus struct {
	groups []synGroup
	byTerm map[string][]int // single-term input → groups holding it
}

// synGroup is one line of the list. In an equivalence group ("a, b, c")
// inputs and outputs are the same entries; in a one-way group ("a => b, c")
// the inputs also match the outputs but not the other way round.
type synGroup struct {
	inputs, outputs       [][]string // analysed entries
	rawInputs, rawOutputs []string   // as written, for Bleve
	oneWay                bool
}

// parseSynonyms reads the synonym list format: one comma-separated group per
// line, "=>" for a one-way group, # comments.
func parseSynonyms(src string, a analysis.Analyzer) (*thesaurus, error) {
	th := &thesaurus{byTerm: make(map[string][]int)}
	sc := bufio.NewScanner(strings.NewReader(src))
	lineNo := 0
	for sc.Scan() {
		lineNo++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		var g synGroup
		left, right, oneWay := strings.Cut(l, "=>")
		var err error
		if g.inputs, g.rawInputs, err = parseEntries(left, a); err != nil {
			return nil, fmt.Errorf("synonyms line %d: %w", lineNo, err)
		}
		if oneWay {
			g.oneWay = true
			if g.outputs, g.rawOutputs, err = parseEntries(right, a); err != nil {
				return nil, fmt.Errorf("synonyms line %d: %w", lineNo, err)
			}
			if len(g.inputs) == 0 || len(g.outputs) == 0 {
				return nil, fmt.Errorf("synonyms line %d: a one-way group needs terms on both sides of =>", lineNo)
			}
		} else {
			if len(g.inputs) < 2 {
				continue
			}
			g.outputs, g.rawOutputs = g.inputs, g.rawInputs
		}
		n := len(th.groups)
		th.groups = append(th.groups, g)
		for _, e := range g.inputs {
			if len(e) == 1 {
				th.byTerm[e[0]] = append(th.byTerm[e[0]], n)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read synonyms: %w", err)
	}
	return th, nil
}

func parseEntries(list string, a analysis.Analyzer) (entries [][]string, raw []string, err error) {
	for e := range strings.SplitSeq(list, ",") {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		terms := analyse(a, e)
		if len(terms) == 0 {
			return nil, nil, fmt.Errorf("%q is only stop words", e)
		}
		if len(terms) == 1 && strings.ContainsAny(e, " -") {
			// "sell off" analyses to "sell": listed so, it would make
			// every sale a selloff.
			return nil, nil, fmt.Errorf("%q is the one word %q once its stop words go: list that word, if it is meant, or leave the entry out", e, terms[0])
		}
		if !slices.ContainsFunc(entries, func(x []string) bool { return slices.Equal(x, terms) }) {
			entries = append(entries, terms)
			raw = append(raw, e)
		}
	}
	return entries, raw, nil
}

// definitions returns the groups as Bleve synonym definitions. Bleve's
// thesaurus keeps single terms only, so phrases are left to the query
// builder.
func (th *thesaurus) definitions() []*bleve.SynonymDefinition {
	singles := func(entries [][]string, raw []string) []string {
		var out []string
		for i, e := range entries {
			if len(e) == 1 {
				out = append(out, raw[i])
			}
		}
		return out
	}
	var defs []*bleve.SynonymDefinition
	for _, g := range th.groups {
		in, out := singles(g.inputs, g.rawInputs), singles(g.outputs, g.rawOutputs)
		switch {
		case g.oneWay && len(in) > 0 && len(out) > 0:
			defs = append(defs, &bleve.SynonymDefinition{Input: in, Synonyms: out})
		case !g.oneWay && len(out) >= 2:
			defs = append(defs, &bleve.SynonymDefinition{Synonyms: out})
		}
	}
	return defs
}

// alternatives returns what else matches the term sequence seq (a single
// term or a phrase): the other entries of every group it is an input of.
func (th *thesaurus) alternatives(seq []string) [][]string {
	var groups []int
	if len(seq) == 1 {
		groups = th.byTerm[seq[0]]
	} else {
		for n, g := range th.groups {
			if slices.ContainsFunc(g.inputs, func(e []string) bool { return slices.Equal(e, seq) }) {
				groups = append(groups, n)
			}
		}
	}
	var out [][]string
	for _, n := range groups {
		for _, e := range th.groups[n].outputs {
			if !slices.Equal(e, seq) && !slices.ContainsFunc(out, func(x []string) bool { return slices.Equal(x, e) }) {
				out = append(out, e)
			}
		}
	}
	return out
}

// phrasesIn finds the multi-term inputs of the list that occur in a term
// sequence, longest first, as [start, end) ranges that do not overlap.
func (th *thesaurus) phrasesIn(terms []string) [][2]int {
	var found [][2]int
	taken := make([]bool, len(terms))
	for n := 4; n >= 2; n-- {
		for i := 0; i+n <= len(terms); i++ {
			if slices.Contains(taken[i:i+n], true) {
				continue
			}
			if th.isInput(terms[i : i+n]) {
				found = append(found, [2]int{i, i + n})
				for j := i; j < i+n; j++ {
					taken[j] = true
				}
			}
		}
	}
	slices.SortFunc(found, func(a, b [2]int) int { return a[0] - b[0] })
	return found
}

func (th *thesaurus) isInput(seq []string) bool {
	for _, g := range th.groups {
		if slices.ContainsFunc(g.inputs, func(e []string) bool { return slices.Equal(e, seq) }) {
			return true
		}
	}
	return false
}

// lightWordsFile lists the words that weigh less in a question
// (rank.Words.Light).
//
//go:embed lightwords.txt
var lightWordsFile string

// parseLightWords returns the analysed terms of the light-word list.
func parseLightWords(src string, a analysis.Analyzer) map[string]bool {
	light := make(map[string]bool)
	for l := range strings.SplitSeq(src, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		for _, t := range analyse(a, l) {
			light[t] = true
		}
	}
	return light
}

// analyse returns the index terms of s.
func analyse(a analysis.Analyzer, s string) []string {
	ts := a.Analyze([]byte(s))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}
