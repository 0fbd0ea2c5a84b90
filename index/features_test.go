package index

import (
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

// TestFirstSentenceEnd: a sentence ends at a stop followed by a space and
// a word that is not in lower case, or at a line break, but not at the
// stop of an initial or an abbreviation ("U.S.") nor within its first 20
// bytes.
func TestFirstSentenceEnd(t *testing.T) {
	for _, tt := range []struct {
		text, first string
	}{
		{"Stargate Michigan followed in late October 2025. CNA reported it.", "Stargate Michigan followed in late October 2025."},
		{"For the past decade, the U.S. has led China. Wang said so.", "For the past decade, the U.S. has led China."},
		{"Nvidia said it would comply with U.S. Commerce rules. It did.", "Nvidia said it would comply with U.S. Commerce rules."},
		{"The paper by Liang W. Feng and others was cited. It was long.", "The paper by Liang W. Feng and others was cited."},
		{"It rose 17% vs. peers in 2024. Then it fell.", "It rose 17% vs. peers in 2024."},
		{"Did it really cost 5.6 million? Nobody knows.", "Did it really cost 5.6 million?"},
		{"Mr. Wang spoke. Later.", "Mr. Wang spoke. Later."},
		{"A heading line\nThe text under it. More.", "A heading line"},
		{"\nA line after a blank one", "\nA line after a blank one"},
		{"No stop at all", "No stop at all"},
		{"", ""},
	} {
		if got := tt.text[:firstSentenceEnd(tt.text)]; got != tt.first {
			t.Errorf("first sentence of %q = %q, want %q", tt.text, got, tt.first)
		}
	}
}

// TestSentences: Sentence is the share of the question's weight, at each
// concept's credit, in the sentence that holds most of it; Opening the
// share in the first sentence.
func TestSentences(t *testing.T) {
	cs := []Concept{
		{Terms: []string{"stargate"}, Weight: 2},
		{Terms: []string{"michigan"}, Weight: 3},
		{Terms: []string{"where"}, Weight: 1},
	}
	credit := []float64{1, 1, 0.5}
	concept := map[string]int{"stargate": 0, "michigan": 1, "where": 2}
	for _, tt := range []struct {
		text           string
		sentence, open float64
	}{
		{"Stargate Michigan followed in late October 2025. It is in Saline Township, Michigan.", 5.0 / 6, 5.0 / 6},
		{"The Stargate campus is in Wisconsin, where it is due. The project is separate from Stargate Michigan.", 5.0 / 6, 2.5 / 6},
		{"Nothing of it here. Nor here.", 0, 0},
		{"Michigan", 3.0 / 6, 3.0 / 6},
	} {
		var toks []token
		for i, w := range strings.FieldsFunc(tt.text, func(r rune) bool { return r == ' ' || r == '.' || r == ',' }) {
			start := strings.Index(tt.text, w)
			if len(toks) > 0 {
				start = strings.Index(tt.text[toks[len(toks)-1].end:], w) + toks[len(toks)-1].end
			}
			toks = append(toks, token{term: strings.ToLower(w), start: start, end: start + len(w), pos: i})
		}
		s, o := sentences(tt.text, toks, concept, cs, credit, 6)
		if math.Abs(s-tt.sentence) > 1e-9 || math.Abs(o-tt.open) > 1e-9 {
			t.Errorf("sentences(%q) = %.3f, %.3f; want %.3f, %.3f", tt.text, s, o, tt.sentence, tt.open)
		}
	}
}

// FuzzSentences: whatever a passage holds, the sentence measures stay
// between 0 and 1, the first sentence never holds more than the best one,
// and the first sentence ends within the text.
func FuzzSentences(f *testing.F) {
	f.Add("Stargate Michigan followed. U.S. rules. \n\n A. B. C.")
	f.Add("...\n\n?! x")
	f.Fuzz(func(t *testing.T, text string) {
		end := firstSentenceEnd(text)
		if end < 0 || end > len(text) {
			t.Fatalf("firstSentenceEnd(%q) = %d, outside the text", text, end)
		}
		cs := []Concept{{Terms: []string{"a"}, Weight: 1}, {Terms: []string{"b"}, Weight: 2}}
		concept := map[string]int{"a": 0, "b": 1}
		var toks []token
		for i, w := range strings.Fields(text) {
			at := strings.Index(text, w)
			toks = append(toks, token{term: strings.ToLower(w), start: at, end: at + len(w), pos: i})
		}
		slices.SortFunc(toks, func(x, y token) int { return x.start - y.start })
		s, o := sentences(text, toks, concept, cs, []float64{1, 1}, 3)
		if s < 0 || s > 1 || o < 0 || o > s+1e-12 {
			t.Fatalf("sentences(%q) = %v, %v", text, s, o)
		}
	})
}
