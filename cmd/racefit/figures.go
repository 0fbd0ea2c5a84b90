package main

import (
	"context"
	"fmt"
	"log/slog"
	"slices"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index/rank"
)

// figureGrid are the values the figure fit tries for each of the
// rank.Figures that order a question's figures. Near and Gap, which say
// what is shown at all, are not fitted: figure first cannot measure them.
// Nor are Agree, the bonus of a figure other articles repeat, and Part,
// the loss of a sub-project's figure: SQuAD's articles do not report each
// other's figures or name sub-projects, so they change nothing there but
// a tie or two.
var figureGrid = []struct {
	name  string
	field func(*rank.Figures) *float64
	// values are tried in turn; a credit (belowNear) only those below
	// the policy's Near, which decides what a hedged answer shows: a
	// count of something else or a bare year is shown there for what it
	// counts, never for where it stands.
	values    []float64
	belowNear bool
}{
	{"answer", func(f *rank.Figures) *float64 { return &f.Answer }, []float64{0.125, 0.25, 0.5, 1, 2}, false},
	{"counts", func(f *rank.Figures) *float64 { return &f.Counts }, []float64{0, 0.0625, 0.125, 0.25, 0.5}, false},
	{"other_count", func(f *rank.Figures) *float64 { return &f.OtherCount }, []float64{0.3, 0.45, 0.6, 0.7, 0.8, 1}, true},
	{"bare_year", func(f *rank.Figures) *float64 { return &f.BareYear }, []float64{0.25, 0.5, 0.6, 0.7, 0.75, 1}, true},
}

// figureFit is what fitFigures found.
type figureFit struct {
	before, after rank.Figures
	// fitted and held are figure first with before and after on the
	// questions fitted on (SQuAD's) and on racebot's own, whose figures
	// the fit does not read (the ranking it answers with was fitted on
	// them, as on SQuAD's).
	fitted, held [2]bot.Scores
}

// fitFigures chooses the policy's figure credits and bonuses by
// coordinate ascent, two rounds over figureGrid, on figure first (the
// share of questions whose expected answer holds a number that list it as
// their first figure) over the SQuAD questions, answered with pol. It
// reports figure first on racebot's own questions too, which it does not
// fit on: SQuAD's Wikipedia articles are not news, so a value fitted
// there holds only if it holds on those as well.
//
// It runs once, on every SQuAD question, before the cross-validation:
// since a figure's rating is also the ranking's answer feature, the
// cross-validated SQuAD scores are not quite out of sample for these
// four numbers.
func fitFigures(ctx context.Context, log *slog.Logger, pol *rank.Policy, fit, held []*set) (figureFit, error) {
	numbers := make(map[*set][]bot.EvalCase) // each set's questions whose answer holds a number
	for _, s := range append(slices.Clip(fit), held...) {
		for _, c := range s.cases {
			if !c.Unanswerable && c.ExpectsNumber() {
				numbers[s] = append(numbers[s], c)
			}
		}
	}
	score := func(sets []*set, f rank.Figures) (bot.Scores, error) {
		p := pol.Clone()
		p.Figures = f
		var rs []bot.EvalResult
		for _, s := range sets {
			_, r, err := bot.Evaluate(ctx, bot.New(s.corpus.idx, bot.Options{Policy: p}), numbers[s])
			if err != nil {
				return bot.Scores{}, fmt.Errorf("answer %s: %w", s.name, err)
			}
			rs = append(rs, r...)
		}
		return bot.Score(rs), nil
	}
	ff := figureFit{before: pol.Figures}
	var err error
	ff.after, ff.fitted[0], ff.fitted[1], err = ascend(pol.Figures, func(f rank.Figures) (bot.Scores, error) { return score(fit, f) },
		func(name string, v float64, sc bot.Scores) {
			log.Info("figures", name, v, "figure first", fmt.Sprintf("%.3f", sc.FigureFirst))
		})
	if err != nil {
		return ff, err
	}
	for i, f := range []rank.Figures{ff.before, ff.after} {
		if ff.held[i], err = score(held, f); err != nil {
			return ff, err
		}
	}
	return ff, nil
}

// ascend is the coordinate ascent of fitFigures: from start, two rounds
// over figureGrid, each value of each credit tried in turn with the
// others as they stand and kept when it gains more than one question's
// worth of figure first, so that a tie broken one way or the other does
// not move a credit between runs.
// It returns the credits and their scores before and after; moved is told
// of each value kept.
func ascend(start rank.Figures, score func(rank.Figures) (bot.Scores, error), moved func(name string, v float64, sc bot.Scores)) (rank.Figures, bot.Scores, bot.Scores, error) {
	first, err := score(start)
	if err != nil {
		return start, first, first, err
	}
	cur, best := start, first
	for range 2 {
		for _, g := range figureGrid {
			for _, v := range g.values {
				try := cur
				if *g.field(&try) == v || g.belowNear && v >= try.Near {
					continue
				}
				*g.field(&try) = v
				sc, err := score(try)
				if err != nil {
					return cur, first, best, err
				}
				if sc.FigureFirst > best.FigureFirst+1/float64(max(sc.FigureQuestions, 1)) {
					cur, best = try, sc
					moved(g.name, v, sc)
				}
			}
		}
	}
	return cur, first, best, nil
}
