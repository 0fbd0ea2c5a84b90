package main

import (
	"fmt"
	"os"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index"
)

type evalCmd struct {
	File     string `arg:"" help:"Eval file: one JSON object per line with question, doc and expect." type:"existingfile"`
	JSON     bool   `name:"json" help:"Print the scores as JSON."`
	Verbose  bool   `short:"v" help:"List every miss with the passage racebot put first."`
	Baseline bool   `help:"Rank with a plain Bleve match query instead of racebot's ranking, and never decline: the yardstick racebot is measured against."`
}

func (c *evalCmd) Run(e *env, g *cli) error {
	f, err := os.Open(c.File)
	if err != nil {
		return err
	}
	cases, err := bot.ReadEval(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", c.File, err)
	}
	idx, _, err := g.openIndex(e, index.Options{}, false)
	if err != nil {
		return err
	}
	defer idx.Close()
	eng := bot.New(idx, bot.Options{Logger: e.log, Baseline: c.Baseline})
	s, results, err := bot.Evaluate(e.ctx, eng, cases)
	if err != nil {
		return err
	}
	if c.Verbose {
		for _, r := range results {
			if r.OK && r.Rank <= 1 {
				continue
			}
			switch {
			case r.Case.Unanswerable:
				fmt.Fprintf(e.stdout, "ANSWERED (should decline): %s\n", r.Case.Question)
			case !r.Answer.Answered:
				fmt.Fprintf(e.stdout, "DECLINED: %s (want %s %q)\n", r.Case.Question, r.Case.Doc, r.Case.Expect)
			default:
				fmt.Fprintf(e.stdout, "RANK %d: %s (want %s %q)\n", r.Rank, r.Case.Question, r.Case.Doc, r.Case.Expect)
			}
			if r.Answer.Answered && len(r.Answer.Passages) > 0 {
				p := r.Answer.Passages[0]
				fmt.Fprintf(e.stdout, "    first: %s/%d %s\n", p.Doc, p.Paragraph, bot.Truncate(p.Text, 100))
			}
		}
	}
	if c.JSON {
		return writeJSON(e.stdout, s)
	}
	fmt.Fprintf(e.stdout, "%d answerable, %d unanswerable questions\n", s.Answerable, s.Unanswerable)
	fmt.Fprintf(e.stdout, "hit@1     %.3f\nhit@3     %.3f\nMRR       %.3f\ndeclined  %.3f (unanswerable questions correctly declined)\n", s.Hit1, s.Hit3, s.MRR, s.Declined)
	fmt.Fprintf(e.stdout, "wrongly declined %.3f of answerable questions\n", s.FalseDecline)
	return nil
}
