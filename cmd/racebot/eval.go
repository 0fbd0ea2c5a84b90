package main

import (
	"fmt"
	"os"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index"
)

type evalCmd struct {
	File     string `arg:"" help:"Eval file: one JSON object per line with question, answers (any one counts) and doc, or unanswerable and offtopic." type:"existingfile"`
	JSON     bool   `name:"json" help:"Print the scores as JSON."`
	Verbose  bool   `short:"v" help:"List every miss with the passage racebot put first."`
	Baseline bool   `help:"Rank with a plain Bleve match query instead of racebot's ranking, and answer whenever a passage matches any word (declining only when none does): the yardstick racebot is measured against."`
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
			if !verboseMiss(r) {
				continue
			}
			switch {
			case r.Case.Unanswerable && r.Answer.Confident:
				fmt.Fprintf(e.stdout, "ANSWERED (should decline): %s\n", r.Case.Question)
			case r.Case.Unanswerable:
				fmt.Fprintf(e.stdout, "CLOSEST PASSAGES (off-topic, should decline): %s\n", r.Case.Question)
			case !r.Answer.Answered:
				fmt.Fprintf(e.stdout, "DECLINED: %s (want %s %q)\n", r.Case.Question, r.Case.Doc, want(r.Case))
			default:
				fmt.Fprintf(e.stdout, "RANK %d%s: %s (want %s %q)\n", r.Rank, hedged(r.Answer), r.Case.Question, r.Case.Doc, want(r.Case))
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
	fmt.Fprintf(e.stdout, "%d answerable, %d unanswerable questions (%d of them off-topic)\n", s.Answerable, s.Unanswerable, s.OffTopic)
	if s.Answerable > 0 {
		fmt.Fprintf(e.stdout, "hit@1             %.3f\n", s.Hit1)
		fmt.Fprintf(e.stdout, "hit@3             %.3f\n", s.Hit3)
		fmt.Fprintf(e.stdout, "MRR               %.3f\n", s.MRR)
		fmt.Fprintf(e.stdout, "wrongly declined  %.3f of answerable questions\n", s.FalseDecline)
		fmt.Fprintf(e.stdout, "confident, first  %.3f of answerable questions answered confidently with the answer first\n", s.ConfidentFirst)
	}
	if s.FigureQuestions > 0 {
		fmt.Fprintf(e.stdout, "figure first      %.3f of %d questions whose answer holds a number, with that figure listed first\n", s.FigureFirst, s.FigureQuestions)
	}
	if s.Unanswerable > 0 {
		fmt.Fprintf(e.stdout, "handled           %.3f of unanswerable questions declined or answered only with closest passages\n", s.Handled)
		fmt.Fprintf(e.stdout, "declined          %.3f of unanswerable questions declined\n", s.Declined)
	}
	if s.OffTopic > 0 {
		fmt.Fprintf(e.stdout, "off-topic         %.3f of off-topic questions declined\n", s.OffTopicDeclined)
	}
	return nil
}

// verboseMiss reports whether eval -v lists a result: a miss, an answer
// not first, a confident answer that is not first, or an off-topic
// question that was not declined.
func verboseMiss(r bot.EvalResult) bool {
	if r.Case.Unanswerable {
		return r.Answer.Confident || r.Case.OffTopic && r.Answer.Answered
	}
	return r.Rank != 1 || !r.Answer.Confident
}

func hedged(a *bot.Answer) string {
	if a.Answered && !a.Confident {
		return " (closest passages)"
	}
	return ""
}

// want is what a case expects an answer to show, for listing misses.
func want(c bot.EvalCase) []string {
	if len(c.Answers) > 0 {
		return c.Answers
	}
	return c.Expect
}
