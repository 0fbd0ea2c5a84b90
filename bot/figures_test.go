package bot

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index"
)

// TestNewestFirst: a disagreement whose reports are months apart is
// ordered by each value's newest report, and a value's figures stay
// together even when two values were last reported on the same day.
func TestNewestFirst(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	cand := func(v float64, date string) candidate {
		return candidate{fig: figure.Figure{Text: fmt.Sprint(v), Value: &v, Kind: figure.Count}, h: &index.Hit{Published: day(date)}}
	}
	tests := []struct {
		name  string
		cands []candidate
		want  string // values and dates in the order shown
		moved bool
	}{
		{"values tied on their newest day stay together",
			[]candidate{cand(50000, "2025-01-27"), cand(10000, "2025-01-27"), cand(50000, "2025-10-01"), cand(10000, "2025-10-01")},
			"50000 2025-10-01, 50000 2025-01-27, 10000 2025-10-01, 10000 2025-01-27", true},
		{"the newest value first",
			[]candidate{cand(1, "2025-01-10"), cand(5, "2025-10-02"), cand(2, "2025-03-05")},
			"5 2025-10-02, 2 2025-03-05, 1 2025-01-10", true},
		{"one news cycle keeps its order",
			[]candidate{cand(1, "2025-01-10"), cand(5, "2025-01-31")},
			"1 2025-01-10, 5 2025-01-31", false},
		{"an undated report keeps the order",
			[]candidate{cand(1, "2025-01-10"), {fig: figure.Figure{Kind: figure.Count}, h: &index.Hit{}}},
			"1 2025-01-10, <nil> 0001-01-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			group := make([]int, len(tt.cands))
			for i := range group {
				group[i] = i
			}
			moved := newestFirst(tt.cands, group)
			var got []string
			for _, g := range group {
				v := "<nil>"
				if n, ok := tt.cands[g].fig.Number(); ok {
					v = fmt.Sprint(n)
				}
				got = append(got, v+" "+tt.cands[g].h.Published.Format(time.DateOnly))
			}
			if strings.Join(got, ", ") != tt.want || moved != tt.moved {
				t.Errorf("newestFirst = %v, order %s; want %v, %s", moved, strings.Join(got, ", "), tt.moved, tt.want)
			}
		})
	}
}

// TestHedgedDisagreement: in an answer racebot is not confident of, only
// the best figure can lead a disagreement, and only when it stands next to
// the question's words; a confident answer sets out any two sources that
// count the thing asked about.
func TestHedgedDisagreement(t *testing.T) {
	cand := func(v float64, article string, concept int, near bool) candidate {
		h := &index.Hit{Passage: corpus.Passage{Article: article}}
		return candidate{fig: figure.Figure{Text: fmt.Sprint(v), Value: &v, Kind: figure.Count}, h: h, concept: concept, near: near, named: true, score: 1}
	}
	tests := []struct {
		name      string
		cands     []candidate
		confident bool
		want      int // figures set side by side
	}{
		{"confident: two sources counting what was asked",
			[]candidate{cand(100000, "norway", 0, false), cand(2000000, "oracle", 0, false)}, true, 2},
		{"hedged: the best figure is not next to the question's words",
			[]candidate{cand(100000, "norway", 0, false), cand(2000000, "oracle", 0, false)}, false, 0},
		{"hedged: a lesser figure does not lead in its place",
			[]candidate{cand(100000, "norway", 0, false), cand(5.58, "register", -1, true), cand(5.576, "report", -1, true)}, false, 0},
		{"hedged: the best figure next to the question's words",
			[]candidate{cand(50000, "wang", 0, true), cand(10000, "highflyer", 0, false)}, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, _, _ := disagreementsOf(tt.cands, 0.25, tt.confident)
			got := 0
			if len(ds) > 0 {
				got = len(ds[0].Figures)
			}
			if got != tt.want {
				t.Errorf("disagreement of %d figures %+v, want %d", got, ds, tt.want)
			}
		})
	}
}

// TestWithoutCoarserDates: a date that another date of the same article
// gives more precisely is dropped; one of another article stays, after
// the precise one.
func TestWithoutCoarserDates(t *testing.T) {
	cand := func(text, date, article string, score float64) candidate {
		return candidate{fig: figure.Figure{Text: text, Kind: figure.Date, Date: date},
			h: &index.Hit{Passage: corpus.Passage{Article: article}}, score: score}
	}
	claimed := func(c candidate, by string) candidate { c.fig.Claimant = by; return c }
	tests := []struct {
		name  string
		cands []candidate
		want  []string // texts, best first
	}{
		{"same article: the month goes",
			[]candidate{cand("December 2024", "2024-12", "v3", 2), cand("December 26, 2024", "2024-12-26", "v3", 1)},
			[]string{"December 26, 2024"}},
		{"same article: the year goes",
			[]candidate{cand("2025", "2025", "h20", 2), cand("April 9, 2025", "2025-04-09", "h20", 1)},
			[]string{"April 9, 2025"}},
		{"another article: the month stays, after the day",
			[]candidate{cand("April 2025", "2025-04", "chips", 2), cand("April 9, 2025", "2025-04-09", "h20", 1)},
			[]string{"April 9, 2025", "April 2025"}},
		{"another month of the same year is no refinement",
			[]candidate{cand("December 2024", "2024-12", "v3", 2), cand("January 20, 2025", "2025-01-20", "v3", 1)},
			[]string{"December 2024", "January 20, 2025"}},
		{"a month refined in another article falls below that day only",
			[]candidate{cand("December 2024", "2024-12", "v3", 3), cand("January 20, 2025", "2025-01-20", "v3", 2), cand("December 2, 2024", "2024-12-02", "x", 1)},
			[]string{"January 20, 2025", "December 2, 2024", "December 2024"}},
		{"same article, another claimant: the month stays, after the day",
			[]candidate{claimed(cand("late January 2025", "2025-01", "distil", 2), "OpenAI"), claimed(cand("January 29, 2025", "2025-01-29", "distil", 1), "Financial Times")},
			[]string{"January 29, 2025", "late January 2025"}},
		{"demoted below the precise date's own score, in any order",
			[]candidate{cand("January 29, 2025", "2025-01-29", "b", 1), cand("January 2025", "2025-01", "a", 3), cand("January 2025", "2025-01", "c", 0.5)},
			[]string{"January 29, 2025", "January 2025", "January 2025"}},
		{"a day with no year refines nothing",
			[]candidate{cand("2024", "2024", "v3", 2), cand("December 25", "XXXX-12-25", "v3", 1)},
			[]string{"2024", "December 25"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := withoutCoarserDates(tt.cands)
			sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
			var got []string
			for _, c := range cs {
				got = append(got, c.fig.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBefore: a date is before a day when every day it may stand for is.
func TestBefore(t *testing.T) {
	pub := time.Date(2025, 1, 23, 15, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		date string
		want bool
	}{
		{"2025-01-21", true},
		{"2025-01-23", false},
		{"2025-01", false}, // may be January 31
		{"2024-12", true},
		{"2024", true},
		{"2025", false},
		{"2026-01", false},
		{"XXXX-12-25", false},
		{"", false},
		{"2024/2030", false},
		{"20x5-01", false},
		{"2025-13", false},
		{"199X", true},
		{"18XX", true},
		{"202X", false}, // may be 2029
		{"09XX/10XX", false},
	} {
		if got := before(tt.date, pub); got != tt.want {
			t.Errorf("before(%q, %s) = %v, want %v", tt.date, pub.Format(time.DateOnly), got, tt.want)
		}
	}
	if before("2024", time.Time{}) {
		t.Error("a date is before an unknown day")
	}
}

// TestDiffer: amounts differ when they do at the precision of the coarser
// of the two, not when one is the other rounded.
func TestDiffer(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"$5.6 million", "$5.576M", false},
		{"roughly $5.58 million", "$5.576M", false},
		{"$5.6 million", "roughly $5.58 million", false},
		{"17%", "17.4%", false},
		{"2,048 GPUs", "2,048 GPUs", false},
		{"some $589 billion", "about $593 billion", true},
		{"close to $600 billion", "about $593 billion", true},
		{"50,000 GPUs", "60,000 GPUs", true},
		{"2.664M GPU hours", "about 2.79 million GPU hours", true},
		// Within the coarser's precision, but too far apart to be one
		// figure rounded.
		{"$2 billion", "$1.5 billion", true},
		{"1 million GPUs", "1.4 million GPUs", true},
		// A value inside a range does not contradict it.
		{"90% to 95%", "91.8%", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" / "+tt.b, func(t *testing.T) {
			a, b := figure.Extract(tt.a), figure.Extract(tt.b)
			if len(a) != 1 || len(b) != 1 {
				t.Fatalf("extracted %d and %d figures, want one each", len(a), len(b))
			}
			ca := candidate{fig: a[0], prec: precision(a[0])}
			cb := candidate{fig: b[0], prec: precision(b[0])}
			if got := ca.differs(cb); got != tt.want {
				t.Errorf("differ = %v, want %v (precisions %v, %v)", got, tt.want, precision(a[0]), precision(b[0]))
			}
			if got := cb.differs(ca); got != tt.want {
				t.Errorf("differ reversed = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRoundingSidesTogether: in a disagreement with a third value, two
// roundings of one figure are listed next to each other, as sources that
// agree, not as two sides.
func TestRoundingSidesTogether(t *testing.T) {
	cand := func(text, by string) candidate {
		f := figure.Extract(text)[0]
		f.Claimant = by
		return candidate{fig: f, h: &index.Hit{Passage: corpus.Passage{Article: by}}, concept: 0, near: true, named: true, score: 1}
	}
	cands := []candidate{cand("$5.6 million", "deepseek"), cand("$12 million", "analyst"), cand("$5.576M", "register")}
	ds, _, _ := disagreementsOf(cands, 0.25, true)
	if len(ds) != 1 {
		t.Fatalf("%d disagreements, want 1", len(ds))
	}
	var texts []string
	for _, f := range ds[0].Figures {
		texts = append(texts, f.Text)
	}
	if want := []string{"$5.6 million", "$5.576M", "$12 million"}; !slices.Equal(texts, want) {
		t.Errorf("disagreement %q, want %q", texts, want)
	}
}

// TestPercentPoints: percentages 5% apart are not one measurement
// reported two ways: R1's 97.3% on MATH-500 and o1's 96.4% are two
// scores, not a disagreement. Nvidia's $589 and $593 billion are.
func TestPercentPoints(t *testing.T) {
	cand := func(text, by string) candidate {
		f := figure.Extract(text)[0]
		f.Claimant = by
		return candidate{fig: f, h: &index.Hit{Passage: corpus.Passage{Article: by}}, concept: -1, near: true, named: true, score: 1}
	}
	tests := []struct {
		cands []candidate
		want  int // figures set side by side
	}{
		{[]candidate{cand("97.3%", "deepseek"), cand("96.4%", "openai")}, 0},
		{[]candidate{cand("17%", "reuters"), cand("17.4%", "cnbc"), cand("16.9%", "yonhap")}, 3},
		{[]candidate{cand("about $593 billion", "reuters"), cand("some $589 billion", "yonhap")}, 2},
	}
	for _, tt := range tests {
		ds, _, _ := disagreementsOf(tt.cands, 0.25, true)
		got := 0
		if len(ds) > 0 {
			got = len(ds[0].Figures)
		}
		if got != tt.want {
			t.Errorf("%s: disagreement of %d figures, want %d", tt.cands[0].fig.Text, got, tt.want)
		}
	}
}

// TestIsName: the words a question writes as a name, which a side of a
// disagreement must come from a passage holding.
func TestIsName(t *testing.T) {
	tests := []struct {
		c    index.Concept
		want bool
	}{
		{index.Concept{Typed: "gpt-5"}, true},
		{index.Concept{Typed: "Gemini"}, true},
		{index.Concept{Typed: "deepseek", DocFreq: 300}, true},
		{index.Concept{Typed: "xai", DocFreq: 3}, true},
		{index.Concept{Typed: "h100s", DocFreq: 40}, true},
		{index.Concept{Typed: "house", DocFreq: 12}, false},
		{index.Concept{Typed: "parameters", DocFreq: 30}, false},
		// Neither WordNet nor the corpus knows them: typos and chat.
		{index.Concept{Typed: "actualy"}, false},
		{index.Concept{Typed: "rly"}, false},
		{index.Concept{Typed: "deepsek", Corrected: "deepsek", DocFreq: 300}, false},
	}
	for _, tt := range tests {
		if got := isName(tt.c); got != tt.want {
			t.Errorf("isName(%+v) = %v, want %v", tt.c, got, tt.want)
		}
	}
}

// TestSubjectName: the names a passage shown without confidence must hold
// for its figures to be listed: names the corpus writes capitalised and
// model numbers, not amounts, years or common words.
func TestSubjectName(t *testing.T) {
	tests := []struct {
		c    index.Concept
		want bool
	}{
		{index.Concept{Typed: "alphabet", Terms: []string{"alphabet"}, Proper: true}, true},
		{index.Concept{Typed: "app", Terms: []string{"app"}}, false},
		{index.Concept{Typed: "h800", Terms: []string{"h800"}}, true},
		{index.Concept{Typed: "gpt 5", Terms: []string{"gpt", "5"}}, true},
		{index.Concept{Typed: "xai colossus", Terms: []string{"xai", "colossu"}, Names: true}, true},
		{index.Concept{Typed: "5.6m", Terms: []string{"5.6m"}}, false},
		{index.Concept{Typed: "10x", Terms: []string{"10x"}}, false},
		{index.Concept{Typed: "2024", Terms: []string{"2024"}}, false},
		{index.Concept{Typed: "17", Terms: []string{"17"}}, false},
		{index.Concept{Typed: "tsmc", Terms: []string{"tsmc"}, Proper: true, Light: true}, false},
	}
	for _, tt := range tests {
		if got := subjectName(tt.c); got != tt.want {
			t.Errorf("subjectName(%+v) = %v, want %v", tt.c, got, tt.want)
		}
	}
}

// TestTwoAmountsOfOneThing: a source that gives both values ("671 billion
// parameters in total but ... only 37 billion of them") is not in dispute
// with another source that gives one of them; a passage that sets two
// claimants' values against each other still is.
func TestTwoAmountsOfOneThing(t *testing.T) {
	passage := func(article, text string) *index.Hit {
		return &index.Hit{Passage: corpus.Passage{Article: article, Text: text, Figures: figure.Extract(text)}}
	}
	cand := func(h *index.Hit, text string) candidate {
		i := slices.IndexFunc(h.Passage.Figures, func(f figure.Figure) bool { return f.Text == text })
		if i < 0 {
			t.Fatalf("no figure %q in %q: %s", text, h.Passage.Text, figureTexts(h.Passage.Figures))
		}
		return candidate{fig: h.Passage.Figures[i], h: h, concept: 0, near: true, named: true, score: 1}
	}
	card := passage("card", "According to DeepSeek, DeepSeek-V3 has 671 billion parameters in total but switches on only 37 billion of them for each token.")
	listing := passage("listing", "R1 has 671B parameters, according to OpenRouter.")
	loss := passage("loss", "Nvidia lost about 593 billion dollars, Reuters reported, while Yonhap put the loss at some 589 billion dollars.")
	rebut := passage("rebut", "The lab claims 2,048 GPUs but probably has 50,000 GPUs.")
	own := passage("own", "DeepSeek said it trained V3 on 2,048 GPUs.")
	tests := []struct {
		name  string
		cands []candidate
		want  int // figures set side by side
	}{
		{"the part first, the total from another source", []candidate{cand(card, "37 billion"), cand(listing, "671B parameters")}, 0},
		{"the total from another source first", []candidate{cand(listing, "671B parameters"), cand(card, "37 billion")}, 0},
		{"two claimants in one passage", []candidate{cand(loss, "about 593 billion dollars"), cand(loss, "some 589 billion dollars")}, 2},
		{"a figure quoted to rebut it, no claimant", []candidate{cand(rebut, "50,000 GPUs"), cand(own, "2,048 GPUs")}, 2},
		{"the rebutted figure's source first", []candidate{cand(own, "2,048 GPUs"), cand(rebut, "50,000 GPUs")}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, _, _ := disagreementsOf(tt.cands, 0.25, true)
			got := 0
			if len(ds) > 0 {
				got = len(ds[0].Figures)
			}
			if got != tt.want {
				t.Errorf("disagreement of %d figures %+v, want %d", got, ds, tt.want)
			}
		})
	}
}

// TestDescribesOther: a figure written as a compound adjective before a
// name the question does not hold is that name's, not the answer's.
func TestDescribesOther(t *testing.T) {
	v3 := []index.Concept{{Typed: "deepseek", Terms: []string{"deepseek"}}, {Typed: "v3", Terms: []string{"v3"}}}
	tests := []struct {
		text, fig string
		want      bool
	}{
		{"It beat the 405-billion-parameter Llama 3 on most tests.", "405-billion-parameter", true},
		{"It beat the 405-billion-parameter DeepSeek model on most tests.", "405-billion-parameter", false},
		{"It beat a 405-billion-parameter model on most tests.", "405-billion-parameter", false},
		{"It has 671 billion parameters, Meta said.", "671 billion parameters", false},
		{"Its size is 405-billion-parameter", "405-billion-parameter", false},
		{"It beat the 72-billion-parameter Qwen on most tests.", "72-billion-parameter", true},
		{"DeepSeek-V3 is a 671-billion-parameter Mixture-of-Experts model.", "671-billion-parameter", false},
		{"Stargate, a $500-billion AI infrastructure venture, began.", "$500-billion", false},
	}
	for _, tt := range tests {
		figs := figure.Extract(tt.text)
		i := slices.IndexFunc(figs, func(f figure.Figure) bool { return f.Text == tt.fig })
		if i < 0 {
			t.Fatalf("no figure %q in %q: %s", tt.fig, tt.text, figureTexts(figs))
		}
		if got := describesOther(tt.text, figs[i], v3); got != tt.want {
			t.Errorf("describesOther(%q, %q) = %v, want %v", tt.text, tt.fig, got, tt.want)
		}
	}
}

func figureTexts(figs []figure.Figure) string {
	var s []string
	for _, f := range figs {
		s = append(s, f.Text)
	}
	return strings.Join(s, ", ")
}
