package chart_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/bot/chart"
	"github.com/racebot/racebot/corpus/figure"
)

// TestStarterCharts: the starter corpus's questions whose figures compare
// get a chart of those figures, in one unit; one whose figures do not
// compare gets none.
func TestStarterCharts(t *testing.T) {
	e := bottest.Starter(t)
	for _, tt := range []struct {
		question string
		unit     string // "" for no chart
		shows    string // a bar's figure, as written
	}{
		{"How many GPUs does DeepSeek have?", "GPUs", "50,000"},
		{"How much will Stargate invest?", "USD", "$500 billion"},
		{"what is the AI diffusion rule", "", ""},
	} {
		a, err := e.Answer(context.Background(), tt.question)
		if err != nil {
			t.Fatal(err)
		}
		c := bot.ChartOf(a)
		if tt.unit == "" {
			if c != nil {
				t.Errorf("%q: chart of %+v, want none", tt.question, c)
			}
			continue
		}
		if c == nil {
			t.Errorf("%q: no chart; figures %d, disagreements %d", tt.question, len(a.Figures), len(a.Disagreements))
			continue
		}
		if c.Unit != tt.unit || len(c.Bars) < 2 {
			t.Errorf("%q: chart in %q with %d bars, want %q and at least 2", tt.question, c.Unit, len(c.Bars), tt.unit)
		}
		found := false
		for _, b := range c.Bars {
			found = found || strings.Contains(b.Text, tt.shows)
			if !shownIn(a, b.Text) {
				t.Errorf("%q: bar %q is not a figure of the answer", tt.question, b.Text)
			}
		}
		if !found {
			t.Errorf("%q: no bar shows %q: %+v", tt.question, tt.shows, c.Bars)
		}
		if tt.unit == "GPUs" {
			// The chart a GPU answer attaches, shown in the README.
			raw, err := chart.PNG(c)
			if err != nil {
				t.Fatal(err)
			}
			comparePNG(t, raw, filepath.Join("testdata", "gpus.png"))
		}
	}
}

// shownIn reports whether text is a figure of a, verbatim.
func shownIn(a *bot.Answer, text string) bool {
	for _, f := range a.Figures {
		if f.Text == text {
			return true
		}
	}
	for _, d := range a.Disagreements {
		for _, f := range d.Figures {
			if f.Text == text {
				return true
			}
		}
	}
	return false
}

// hostile is a chart whose labels an article could have filled with
// markup, right-to-left text and huge numbers, with a range and a
// qualifier.
func hostile() *bot.Chart {
	return &bot.Chart{Title: `GPUs <script>alert(1)</script>`, Unit: "GPUs", Bars: []bot.Bar{
		{Text: "about 50,000 NVIDIA Hopper GPUs", Label: "Elon Musk & Alexandr Wang, via Unusual Whales, 2025-01-27", Value: 50000, Low: 50000, High: 50000, Qualifier: "about"},
		{Text: "2,048 Nvidia H800 GPUs", Label: "DeepSeek, via Livemint, 2025-01-31", Value: 2048, Low: 2048, High: 2048},
		{Text: "10,000 to 60,000 chips", Label: "<b>SemiAnalysis</b> \u202eevil\u202c مرحبا", Value: 35000, Low: 10000, High: 60000},
		{Text: "1e308 GPUs", Label: "Overflow Weekly", Value: 1e308, Low: 1e308, High: 1e308},
	}}
}

func TestSVG(t *testing.T) {
	if _, err := chart.SVG(hostile()); err == nil || !strings.Contains(err.Error(), "1e308") {
		t.Errorf("a chart with a 1e308 bar: %v, want an error naming it", err)
	}
	c := hostile()
	c.Bars = c.Bars[:3]
	svg, err := chart.SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	bottest.CheckSVG(t, svg)
	for _, want := range []string{"about 50,000 NVIDIA Hopper GPUs", "≈ Elon Musk", "&lt;b&gt;SemiAnalysis"} {
		if !bytes.Contains(svg, []byte(want)) && !bytes.Contains(svg, []byte(strings.ReplaceAll(want, "&", "&amp;"))) {
			t.Errorf("SVG does not show %q", want)
		}
	}
}

// TestPNG compares the PNG of a chart with its golden image, allowing a
// few pixels to differ (anti-aliasing may differ between Go versions).
func TestPNG(t *testing.T) {
	c := hostile()
	c.Bars = c.Bars[:3] // without the bar of 1e308, which has no place on a chart
	raw, err := chart.PNG(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) > 8<<20 {
		t.Errorf("PNG is %d bytes, over Discord's 8 MB for an attachment", len(raw))
	}
	comparePNG(t, raw, filepath.Join("testdata", "hostile.png"))
}

// comparePNG compares a PNG with its golden image, allowing 1% of pixels
// to differ; -update writes it.
func comparePNG(t *testing.T, raw []byte, golden string) {
	t.Helper()
	bottest.GoldenPNG(t, golden, raw, 0.01)
}

func TestNoChart(t *testing.T) {
	for _, c := range []*bot.Chart{nil, {Title: "x", Unit: "GPUs"}} {
		if _, err := chart.SVG(c); err == nil {
			t.Errorf("SVG of %+v: no error", c)
		}
		if _, err := chart.PNG(c); err == nil {
			t.Errorf("PNG of %+v: no error", c)
		}
	}
}

func BenchmarkSVG(b *testing.B) {
	c := hostile()
	c.Bars = c.Bars[:3]
	for b.Loop() {
		if _, err := chart.SVG(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	c := hostile()
	c.Bars = c.Bars[:3]
	for b.Loop() {
		if _, err := chart.PNG(c); err != nil {
			b.Fatal(err)
		}
	}
}

// overTime is one source's figure for one thing on three days, a range
// among them.
func overTime() *bot.Chart {
	day := func(s string) bot.Date { d, _ := time.Parse(time.DateOnly, s); return bot.Date{Time: d} }
	return &bot.Chart{Title: "Stargate", Unit: "USD", OverTime: true, Bars: []bot.Bar{
		{Text: "$100 billion", Label: "OpenAI, 2025-01-21", Date: day("2025-01-21"), Value: 1e11, Low: 1e11, High: 1e11},
		{Text: "up to $500 billion", Label: "OpenAI, 2025-06-02", Date: day("2025-06-02"), Value: 5e11, Low: 5e11, High: 5e11, Qualifier: "up to"},
		{Text: "$300 billion to $400 billion", Label: "OpenAI, 2025-09-23", Date: day("2025-09-23"), Value: 3.5e11, Low: 3e11, High: 4e11},
	}}
}

// TestOverTime: figures of one thing on different days are points on a
// time axis, drawn like the golden image.
func TestOverTime(t *testing.T) {
	raw, err := chart.PNG(overTime())
	if err != nil {
		t.Fatal(err)
	}
	comparePNG(t, raw, filepath.Join("testdata", "overtime.png"))
	svg, err := chart.SVG(overTime())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2025-", "$100 billion", "up to $500 billion", "$300 billion to $400 billion"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("SVG does not show %q", want)
		}
	}
}

// TestChartOfOverTime: one source's figures on different days are drawn
// over time; claimants who disagree, as bars, whatever their days.
func TestChartOfOverTime(t *testing.T) {
	day := func(s string) bot.Date { d, _ := time.Parse(time.DateOnly, s); return bot.Date{Time: d} }
	fig := func(text string, v float64, claimant, published string) bot.Figure {
		f := bot.Figure{Publisher: "OpenAI", Published: day(published), Doc: text}
		f.Text, f.Value, f.Kind, f.Unit, f.Claimant = text, &v, figure.Money, "USD", claimant
		return f
	}
	a := &bot.Answer{Answered: true, Figures: []bot.Figure{
		fig("$100 billion", 1e11, "", "2025-01-21"),
		fig("$500 billion", 5e11, "", "2025-06-02"),
	}}
	if c := bot.ChartOf(a); c == nil || !c.OverTime || c.Bars[0].Text != "$100 billion" {
		t.Errorf("one source over two days: %+v, want points over time, oldest first", c)
	}
	a.Disagreements = []bot.Disagreement{{About: "Stargate", Figures: []bot.Figure{
		fig("$100 billion", 1e11, "Altman", "2025-01-21"),
		fig("$50 billion", 5e10, "Musk", "2025-01-22"),
	}}}
	if c := bot.ChartOf(a); c == nil || c.OverTime || c.Title != "Stargate" {
		t.Errorf("a disagreement: %+v, want bars", c)
	}
	a.Disagreements = nil
	a.Figures = append(a.Figures, fig("$200 billion", 2e11, "", "2025-06-02"))
	if c := bot.ChartOf(a); c == nil || c.OverTime {
		t.Errorf("two figures on one day: %+v, want bars", c)
	}
	a.Figures = []bot.Figure{fig("$100 billion", 1e11, "Altman", "2025-01-21"), fig("$50 billion", 5e10, "Musk", "2025-06-02")}
	if c := bot.ChartOf(a); c == nil || c.OverTime {
		t.Errorf("two claimants on two days: %+v, want bars, not one series", c)
	}
}
