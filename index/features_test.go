package index

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index/rank"
)

// TestOpeningDate: a date that opens its sentence, after at most a
// preposition, dates the whole sentence; one inside it does not.
func TestOpeningDate(t *testing.T) {
	for _, tt := range []struct {
		text, date string
		dated      string // from the date to the end of its sentence; "" when the date does not open it
	}{
		{"On January 21, 2025, Trump appeared at the White House to unveil Stargate. Musk doubted it.", "January 21, 2025",
			"January 21, 2025, Trump appeared at the White House to unveil Stargate."},
		{"Nvidia fell. In 2024, China was 13% of its sales. It said so.", "2024", "2024, China was 13% of its sales."},
		{"- By May 2025 the site was built", "May 2025", "May 2025 the site was built"},
		{"- By May 2025 the site was built\n- Power came later. It grew.", "May 2025", "May 2025 the site was built"},
		{"Stargate Norway was announced on July 31, 2025 by Nscale.", "July 31, 2025", ""},
		{"Analysts said that in March 2025 sales fell.", "March 2025", ""},
	} {
		start := strings.Index(tt.text, tt.date)
		f := figure.Figure{Text: tt.date, Start: start, End: start + len(tt.date), Kind: figure.Date}
		e, ok := openingDate(tt.text, f)
		got := ""
		if ok {
			got = tt.text[f.Start:e]
		}
		if got != tt.dated {
			t.Errorf("openingDate(%q, %q) dates %q, want %q", tt.text, tt.date, got, tt.dated)
		}
	}
}

// TestBM25Credits: BM25 counts another spelling of a concept as the
// concept itself, a synonym and a related word at their credit, and a
// passage that holds none of them not at all.
func TestBM25Credits(t *testing.T) {
	w := rank.Words{Synonym: 0.6, Related: 0.3}
	c := Concept{Terms: []string{"base"}, Weight: 1,
		Spellings: [][]string{{"based"}}, Alts: [][]string{{"hq"}}, Related: [][]string{{"headquart"}}}
	passage := func(term string) []token {
		return []token{{term: "deepseek"}, {term: term}, {term: "hangzhou"}}
	}
	exact := bm25(passage("base"), []Concept{c}, 3, w)
	for _, tt := range []struct {
		term string
		want float64 // tf credited, before saturation
	}{
		{"base", 1}, {"based", 1}, {"hq", 0.6}, {"headquart", 0.3}, {"elsewhere", 0},
	} {
		got := bm25(passage(tt.term), []Concept{c}, 3, w)
		const k1 = 1.2 // as bm25; b has no effect at the average length
		want := tt.want * (k1 + 1) / (tt.want + k1)
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("bm25 with %q = %v, want %v", tt.term, got, want)
		}
		if tt.want < 1 && got >= exact {
			t.Errorf("bm25 with %q = %v, not below the word itself (%v)", tt.term, got, exact)
		}
	}
}

// TestEvidenceLacks: Lacks is 1 less the first candidate's Answer feature
// when the question asks for a kind of figure, and 0 when it asks for
// none, whatever the passage holds.
func TestEvidenceLacks(t *testing.T) {
	for _, tt := range []struct {
		name   string
		want   []figure.Kind
		answer float64
		lacks  float64
	}{
		{"a count asked for, none held", []figure.Kind{figure.Count}, 0, 1},
		{"a count asked for, one near", []figure.Kind{figure.Count}, 0.75, 0.25},
		{"no figure asked for", nil, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hits := []Hit{{Features: rank.Features{Answer: tt.answer}}}
			e := evidence(hits, []Concept{{Terms: []string{"gpu"}, Weight: 1}}, Query{Want: tt.want}, 100)
			if math.Abs(e.Lacks-tt.lacks) > 1e-9 {
				t.Errorf("Lacks = %v, want %v", e.Lacks, tt.lacks)
			}
		})
	}
}

// TestDatedNearness: a day the question gives ("jan 27"), mentioned
// earlier in the passage, is next to every figure after it, since news
// gives a day once and reports its events after it; mentioned after the
// figure, or a year alone, it is as far as it stands.
func TestDatedNearness(t *testing.T) {
	cs := []Concept{
		{Terms: []string{"nvidia"}, Weight: 1},
		{Terms: []string{"jan"}, Weight: 1},
		{Terms: []string{"27"}, Weight: 1},
	}
	dated := dateParts(cs)
	if !dated[1] || !dated[2] || dated[0] {
		t.Fatalf("dateParts(nvidia jan 27) = %v, want the month and the day", dated)
	}
	terms := func(ts ...string) []Concept {
		out := make([]Concept, len(ts))
		for i, t := range ts {
			out[i] = Concept{Terms: []string{t}}
		}
		return out
	}
	for _, tt := range []struct {
		cs   []Concept
		want []bool
	}{
		{terms("nvidia", "2024", "27"), []bool{false, false, false}},              // no month
		{terms("gpt", "4", "releas", "march"), []bool{false, false, false, true}}, // 4 is not beside the month
		{terms("jan", "leik", "openai"), []bool{false, false, false}},             // an abbreviation beside no number
		{terms("27", "januari"), []bool{true, true}},
	} {
		if got := dateParts(tt.cs); !slices.Equal(got, tt.want) {
			t.Errorf("dateParts(%v) = %v, want %v", tt.cs, got, tt.want)
		}
	}
	concept := map[string]int{"nvidia": 0, "jan": 1, "27": 2}
	at := func(ts ...token) []token { // byte offsets as if each term took 8
		for i := range ts {
			ts[i].start, ts[i].end = 8*ts[i].pos+1, 8*ts[i].pos+7
		}
		return ts
	}
	// "jan 27 was a bad day … for nvidia 593": the figure at term 30.
	toks := at(token{term: "jan", pos: 0}, token{term: "27", pos: 1}, token{term: "nvidia", pos: 29}, token{term: "593", pos: 30})
	if got := nearness(toks, concept, cs, writtenDay(toks, concept, dated), 30, -1, [2]int{}); got != 1 {
		t.Errorf("a day given before the figure: nearness %v, want 1", got)
	}
	undated := make([]bool, len(cs))
	if got := nearness(toks, concept, cs, writtenDay(toks, concept, undated), 30, -1, [2]int{}); got >= 0.5 {
		t.Errorf("the same day, not marked as one: nearness %v, want under 0.5", got)
	}
	// The month and the day apart ("jan 6 … 27 countries") are not the day.
	apart := at(token{term: "jan", pos: 0}, token{term: "6", pos: 1}, token{term: "27", pos: 12}, token{term: "nvidia", pos: 29}, token{term: "593", pos: 30})
	if got := nearness(apart, concept, cs, writtenDay(apart, concept, dated), 30, -1, [2]int{}); got >= 0.5 {
		t.Errorf("the month and the day apart: nearness %v, want under 0.5", got)
	}
	// The day after the figure ("593 … on jan 27", far off) stays far.
	after := at(token{term: "nvidia", pos: 0}, token{term: "593", pos: 1}, token{term: "jan", pos: 30}, token{term: "27", pos: 31})
	if got := nearness(after, concept, cs, writtenDay(after, concept, dated), 1, -1, [2]int{}); got >= 0.5 {
		t.Errorf("a day given far after the figure: nearness %v, want under 0.5", got)
	}
}

// TestSentences: Sentence is the share of the question's weight, at each
// concept's credit, in the sentence that holds most of it; Opening the
// share in the first sentence.
func TestSentences(t *testing.T) {
	x, err := Open(context.Background(), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var cs []Concept
	concept := make(map[string]int)
	for i, w := range []string{"Stargate", "Michigan", "campus"} {
		term := x.tokens(w)[0].term
		cs = append(cs, Concept{Terms: []string{term}, Weight: []float64{2, 3, 1}[i]})
		concept[term] = i
	}
	credit := []float64{1, 1, 0.5}
	for _, tt := range []struct {
		text           string
		sentence, open float64
	}{
		{"Stargate Michigan followed in late October 2025. It is a campus in Saline Township, Michigan.", 5.0 / 5.5, 5.0 / 5.5},
		{"The Stargate campus in Mount Pleasant, Wisconsin, is due in 2026. The project is separate from Stargate Michigan.", 5.0 / 5.5, 2.5 / 5.5},
		// "U.S." and "3.2%." end no sentence; the first one holds all.
		{"The U.S. Stargate campus grew 3.2% in Michigan. Nothing else.", 1, 1},
		{"Nothing of it here. Nor here.", 0, 0},
		{"Michigan", 3.0 / 5.5, 3.0 / 5.5},
		// A list marker opens the item it numbers.
		{"1. Stargate Michigan is a campus. It is new.", 1, 1},
		{"• Stargate Michigan\n• Wisconsin, a campus", 5.0 / 5.5, 5.0 / 5.5},
		{"", 0, 0},
	} {
		toks := x.tokens(tt.text)
		s, o := sentences(sentenceEnds(tt.text), toks, concept, cs, credit, 5.5)
		if math.Abs(s-tt.sentence) > 1e-9 || math.Abs(o-tt.open) > 1e-9 {
			t.Errorf("sentences(%q) = %.3f, %.3f; want %.3f, %.3f", tt.text, s, o, tt.sentence, tt.open)
		}
	}
}
