package bot

import (
	"math"
	"sort"
	"strings"

	"github.com/racebot/racebot/corpus/figure"
)

// Chart is an answer's figures that compare, to be drawn: several claims
// about one thing in one unit (a disagreement), or one kind of figure
// across several sources or dates. Every value comes from a figure shown
// in the answer, and each bar is labelled with the figure as written.
type Chart struct {
	Title string `json:"title"` // what the figures are of: "GPUs", "money"
	Unit  string `json:"unit"`  // the axis: "USD", "GPUs", "%"
	Bars  []Bar  `json:"bars"`
	// OverTime marks figures of one thing reported on different days,
	// which read as points on a time axis rather than as bars: every
	// bar has a Date, and no two the same.
	OverTime bool `json:"over_time,omitempty"`
}

// Bar is one figure of a Chart.
type Bar struct {
	Text  string  `json:"text"`  // the figure as written: "about 50,000 NVIDIA Hopper GPUs"
	Label string  `json:"label"` // who gives it and when: "Elon Musk, via Unusual Whales, 2025-01-27"
	Date  Date    `json:"date"`  // when it was reported: its article's day
	Value float64 `json:"value"` // the figure's value, or a range's middle
	// Low and High are a range's ends; both equal Value for one number.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Qualifier is "about", "more than", "at least", "up to" or "".
	Qualifier string `json:"qualifier,omitempty"`
}

// Describe is a chart in words, for its image's text alternative: each
// figure with who gives it and when.
func (c *Chart) Describe() string {
	parts := make([]string, len(c.Bars))
	for i, b := range c.Bars {
		parts[i] = b.Text + " (" + b.Label + ")"
	}
	return "Chart of " + c.Title + ": " + strings.Join(parts, "; ")
}

// Ranged reports whether the bar is a range rather than one number.
func (b Bar) Ranged() bool { return b.Low != b.High }

// minBars is the fewest figures that make a chart: one figure compares
// with nothing.
const minBars = 2

// maxChartValue bounds the figures a chart draws: no figure about the AI
// race comes near it, so a larger one is a misreading, and it would
// flatten every other bar.
const maxChartValue = 1e15

// maxBars is the most figures a chart shows: more is a table, not a chart.
const maxBars = 8

// ChartOf returns the chart of an answer's figures that compare, or nil
// when none do: the first disagreement whose figures are numbers in one
// unit, else the answer's largest group of figures of one kind in one unit
// counting the same thing, from at least two sources or dates. Figures
// whose units differ are never drawn on one axis.
func ChartOf(a *Answer) *Chart {
	if a == nil || !a.Answered {
		return nil
	}
	for _, d := range a.Disagreements {
		if c := chartOf(d.Figures); c != nil {
			if d.About != "" {
				c.Title = d.About
			}
			// Claimants who disagree are compared side by side, as
			// bars, even when they spoke on different days.
			c.OverTime = false
			return c
		}
	}
	groups := map[string][]Figure{}
	var keys []string
	for _, f := range a.Figures {
		k := chartKey(f)
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], f)
	}
	var best *Chart
	for _, k := range keys {
		c := chartOf(groups[k])
		if c != nil && (best == nil || len(c.Bars) > len(best.Bars)) {
			best = c
		}
	}
	return best
}

// chartKey groups figures that can share an axis: one kind, one unit and,
// for counts, one thing counted.
func chartKey(f Figure) string {
	k := string(f.Kind) + "\x00" + f.Unit
	if f.Unit == "" {
		k += "\x00" + countedNoun(f.Counts)
	}
	return k
}

// countedNoun is the head of what a count counts, lower case and without
// a plural s: "NVIDIA Hopper GPUs" and "H800 GPUs" both count "gpu".
func countedNoun(counts string) string {
	fields := strings.Fields(strings.ToLower(counts))
	if len(fields) == 0 {
		return ""
	}
	return strings.TrimSuffix(fields[len(fields)-1], "s")
}

// chartOf draws figures if at least two of them are numbers in one unit,
// from different sources or dates; nil otherwise.
func chartOf(figs []Figure) *Chart {
	var c *Chart
	seen := map[string]bool{}
	who := map[string]bool{}       // claimant and day
	claimants := map[string]bool{} // claimant alone
	for _, f := range figs {
		n, ok := f.Number()
		if !ok || math.IsNaN(n) || math.Abs(n) > maxChartValue || f.Kind == figure.Date {
			continue
		}
		if c == nil {
			// Named for what it counts, or for its kind of figure
			// ("money (USD)"); a disagreement names its own.
			c = &Chart{Title: string(f.Kind), Unit: chartUnit(f)}
			if f.Unit == "" {
				c.Title = c.Unit
			}
		} else if chartUnit(f) != c.Unit || (f.Unit == "" && countedNoun(f.Counts) != countedNoun(figs[0].Counts)) {
			return nil // units differ: no one axis for them
		}
		if seen[f.Key()] || len(c.Bars) == maxBars {
			continue
		}
		seen[f.Key()] = true
		b := Bar{Text: f.Text, Label: f.Byline(), Date: f.Published, Value: n, Low: n, High: n, Qualifier: f.Qualifier}
		if f.Low != nil && f.High != nil {
			b.Low, b.High = *f.Low, *f.High
		}
		who[f.Attribution()+"\x00"+f.Published.String()] = true
		claimants[f.Attribution()] = true
		c.Bars = append(c.Bars, b)
	}
	if c == nil || len(c.Bars) < minBars || len(who) < minBars {
		return nil
	}
	// Oldest first, so that the bars read as the story went, and the
	// larger first on one day; figures without a date keep their place
	// after the dated ones.
	sort.SliceStable(c.Bars, func(i, j int) bool {
		a, b := c.Bars[i], c.Bars[j]
		if a.Date.IsZero() != b.Date.IsZero() {
			return b.Date.IsZero()
		}
		if !a.Date.Equal(b.Date.Time) {
			return a.Date.Before(b.Date.Time)
		}
		return a.Value > b.Value
	})
	// One claimant's figures on different days are a series; several
	// claimants' are not, whatever their days.
	c.OverTime = len(claimants) == 1 && daysApart(c.Bars)
	return c
}

// daysApart reports whether bars are dated each on a day of its own, so
// that a point a day reads right.
func daysApart(bars []Bar) bool {
	days := map[string]bool{}
	for _, b := range bars {
		d := b.Date.String()
		if d == "" || days[d] {
			return false
		}
		days[d] = true
	}
	return len(days) >= minBars
}

// chartUnit is a figure's unit as an axis names it: its unit, or for a
// bare count what it counts.
func chartUnit(f Figure) string {
	if f.Unit != "" {
		return f.Unit
	}
	fields := strings.Fields(f.Counts)
	if len(fields) == 0 {
		return "count"
	}
	return fields[len(fields)-1]
}
