package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index"
)

type askCmd struct {
	Question []string      `arg:"" help:"The question, or - to read one question per line from standard input." placeholder:"QUESTION"`
	JSON     bool          `name:"json" help:"Print the answer as one JSON object (one per line with -)."`
	Color    string        `help:"Emphasise figures and matched words: auto, always or never." default:"auto" enum:"auto,always,never"`
	Timeout  time.Duration `help:"Give up on a question after this long." default:"2s"`
}

func (c *askCmd) Run(e *env, g *cli) error {
	idx, _, err := g.openIndex(e, index.Options{}, false)
	if err != nil {
		return err
	}
	defer idx.Close()
	eng := bot.New(idx, bot.Options{Logger: e.log, Timeout: c.Timeout})
	st := style{on: c.Color == "always" || c.Color == "auto" && e.tty && os.Getenv("NO_COLOR") == ""}

	if len(c.Question) == 1 && c.Question[0] == "-" {
		return c.stream(e, eng, st)
	}
	a, err := eng.Answer(e.ctx, strings.Join(c.Question, " "))
	if err != nil {
		return err
	}
	return c.write(e, a, st)
}

// stream answers one question per input line, with the index opened once.
// Every input line gets exactly one output line (or block), even a blank
// one, so that outputs can be matched to inputs by position.
func (c *askCmd) stream(e *env, eng *bot.Engine, st style) error {
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if err := e.ctx.Err(); err != nil {
			return err
		}
		a, err := eng.Answer(e.ctx, sc.Text())
		if err != nil {
			// One failed question must not end the stream or shift the
			// lines: report it in its own line.
			e.log.Error("answer failed", "err", err)
			a = &bot.Answer{Question: sc.Text(), Passages: []bot.Passage{}, Figures: []bot.Figure{}, Message: "racebot failed to answer: " + err.Error()}
		}
		if err := c.write(e, a, st); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	return nil
}

func (c *askCmd) write(e *env, a *bot.Answer, st style) error {
	if c.JSON {
		return writeJSON(e.stdout, a)
	}
	writeAnswer(e.stdout, a, st)
	return nil
}
