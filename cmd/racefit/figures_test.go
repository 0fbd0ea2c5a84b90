package main

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index/rank"
)

// TestAscend: the coordinate ascent finds the best value of each credit
// on a score that peaks there, keeps the credits of a count of something
// else and of a bare year below Near however the score rewards them, and
// leaves the credits it does not fit alone.
func TestAscend(t *testing.T) {
	start := rank.Figures{OtherCount: 0.6, BareYear: 0.5, Answer: 0.25, Counts: 0.125, Part: 0.5, Gap: 0.25, Near: 0.75, Agree: 0.25}
	// Figure first peaks at Answer 0.5 and Counts 0, and keeps rising
	// with OtherCount and BareYear; Part and Agree would gain at 0.
	score := func(f rank.Figures) (bot.Scores, error) {
		v := 1 - math.Abs(f.Answer-0.5) - f.Counts + f.OtherCount + f.BareYear - f.Part - f.Agree
		return bot.Scores{FigureQuestions: 1000, FigureFirst: v}, nil
	}
	var moves []string
	got, before, after, err := ascend(start, score, func(name string, _ float64, _ bot.Scores) { moves = append(moves, name) })
	if err != nil {
		t.Fatal(err)
	}
	want := rank.Figures{OtherCount: 0.7, BareYear: 0.7, Answer: 0.5, Counts: 0, Part: 0.5, Gap: 0.25, Near: 0.75, Agree: 0.25}
	if got != want {
		t.Errorf("ascend = %+v, want %+v", got, want)
	}
	if after.FigureFirst <= before.FigureFirst {
		t.Errorf("figure first %v → %v, want a gain", before.FigureFirst, after.FigureFirst)
	}
	if len(moves) == 0 {
		t.Error("no move reported")
	}

	// A score that nothing improves leaves the start as it is.
	flat := func(rank.Figures) (bot.Scores, error) { return bot.Scores{FigureFirst: 0.5}, nil }
	if got, _, _, err := ascend(start, flat, func(string, float64, bot.Scores) { t.Error("moved on a flat score") }); err != nil || got != start {
		t.Errorf("ascend on a flat score = %+v, %v; want the start", got, err)
	}

	// A gain of one question in a thousand is a tie broken by chance.
	oneMore := func(f rank.Figures) (bot.Scores, error) {
		sc := bot.Scores{FigureQuestions: 1000, FigureFirst: 0.5}
		if f.Answer == 0.5 {
			sc.FigureFirst += 0.001
		}
		return sc, nil
	}
	if got, _, _, err := ascend(start, oneMore, func(string, float64, bot.Scores) {}); err != nil || got != start {
		t.Errorf("ascend on a one-question gain = %+v, %v; want the start", got, err)
	}

	// An error from the score stops the fit and is returned.
	boom := errors.New("boom")
	calls := 0
	failing := func(rank.Figures) (bot.Scores, error) {
		if calls++; calls == 3 {
			return bot.Scores{}, boom
		}
		return bot.Scores{}, nil
	}
	if _, _, _, err := ascend(start, failing, func(string, float64, bot.Scores) {}); !errors.Is(err, boom) {
		t.Errorf("err = %v, want %v", err, boom)
	}
}

// TestWriteFigures: the report gives each fitted credit before and after,
// and figure first on both sets.
func TestWriteFigures(t *testing.T) {
	r := report{figures: figureFit{
		before: rank.Figures{OtherCount: 0.6, BareYear: 0.5, Answer: 0.25, Counts: 0.125},
		after:  rank.Figures{OtherCount: 0.7, BareYear: 0.7, Answer: 0.25},
		fitted: [2]bot.Scores{{FigureQuestions: 978, FigureFirst: 0.399}, {FigureQuestions: 978, FigureFirst: 0.429}},
		held:   [2]bot.Scores{{FigureQuestions: 281, FigureFirst: 0.594}, {FigureQuestions: 281, FigureFirst: 0.598}},
	}}
	var b strings.Builder
	r.writeFigures(&b)
	for _, want := range []string{
		"| other_count | 0.6 | 0.7 |",
		"| bare_year | 0.5 | 0.7 |",
		"| counts | 0.125 | 0 |",
		"| " + squadSet + " (fitted on) | 978 | 0.399 | 0.429 |",
		"| " + oursSet + " (figures not fitted on) | 281 | 0.594 | 0.598 |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}
