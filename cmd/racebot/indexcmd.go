package main

import (
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index"
)

type indexCmd struct {
	Strict  bool   `help:"Fail on the first corpus file that cannot be parsed, instead of skipping it."`
	Rebuild bool   `help:"Rebuild the whole index even if it is up to date."`
	Scoring string `help:"Bleve scoring model for the index: bm25 or tf-idf; changing it rebuilds the index (default: keep the current one, ${default_scoring} for a new index)." enum:",bm25,tf-idf" default:""`
}

// progressThreshold is the number of article files from which a build
// shows a progress bar; smaller corpora index in well under a second.
const progressThreshold = 2000

func (c *indexCmd) Run(e *env, g *cli) error {
	opts := index.Options{Strict: c.Strict, Scoring: c.Scoring}
	var bar *progressbar.ProgressBar
	if e.errTTY {
		opts.Progress = func(done, total int) {
			if total < progressThreshold {
				return
			}
			if bar == nil {
				bar = progressbar.NewOptions(total,
					progressbar.OptionSetWriter(e.stderr),
					progressbar.OptionSetDescription("indexing articles"),
					progressbar.OptionShowCount(),
					progressbar.OptionShowIts(),
					progressbar.OptionSetItsString("articles"),
					progressbar.OptionThrottle(100*time.Millisecond),
					progressbar.OptionClearOnFinish(),
				)
			}
			bar.Set(done)
		}
	}
	start := time.Now()
	idx, rep, err := g.openIndex(e, opts, true)
	if err != nil {
		return err
	}
	defer idx.Close()
	if c.Rebuild && !rep.Rebuilt {
		fsys, _, err := g.corpusFS()
		if err != nil {
			return err
		}
		if rep, err = idx.Rebuild(e.ctx, fsys); err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
	}
	if bar != nil {
		bar.Finish()
	}
	st := idx.Stats()
	took := time.Since(start)
	switch {
	case rep.Rebuilt:
		fmt.Fprintf(e.stdout, "Built the index: %d articles, %d passages, %d figures in %v (%.0f passages/s).\n",
			st.Articles, st.Passages, st.Figures, bot.RoundDuration(took), float64(rep.Passages)/took.Seconds())
	case rep.Changes():
		fmt.Fprintf(e.stdout, "Updated the index: %d added, %d changed, %d removed, %d unchanged articles (%d passages written) in %v.\n",
			rep.Added, rep.Changed, rep.Removed, rep.Unchanged, rep.Passages, bot.RoundDuration(took))
		fmt.Fprintf(e.stdout, "It holds %d articles, %d passages, %d figures.\n", st.Articles, st.Passages, st.Figures)
	default:
		fmt.Fprintf(e.stdout, "The index is up to date: %d articles, %d passages, %d figures (checked in %v).\n",
			st.Articles, st.Passages, st.Figures, bot.RoundDuration(took))
	}
	if n := len(rep.Problems); n > 0 {
		reportProblems(e, rep.Problems)
		fmt.Fprintf(e.stdout, "%d file(s) skipped because they could not be parsed (listed on stderr).\n", n)
	}
	fmt.Fprintf(e.stdout, "Index folder: %s (ranking: %s)\n", idx.Dir(), st.Scoring)
	return nil
}
