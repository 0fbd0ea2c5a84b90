package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/term"
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
	st := term.Style{Color: c.Color == "always" || c.Color == "auto" && e.tty && os.Getenv("NO_COLOR") == ""}

	answer := func(q string) (*bot.Answer, error) { return answerRepairing(e, g, idx, eng, q) }
	if len(c.Question) == 1 && c.Question[0] == "-" {
		return c.stream(e, answer, st)
	}
	a, err := answer(strings.Join(c.Question, " "))
	if err != nil {
		return err
	}
	return c.write(e, a, st)
}

// stream answers one question per input line, with the index opened once.
// Every input line gets exactly one output line (or block), even a blank
// one, so that outputs can be matched to inputs by position.
func (c *askCmd) stream(e *env, answer func(string) (*bot.Answer, error), st term.Style) error {
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if err := e.ctx.Err(); err != nil {
			return err
		}
		a, err := answer(sc.Text())
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

// answerRepairing answers a question and, when the search finds the index
// damaged, rebuilds it from the corpus and asks again, once.
func answerRepairing(e *env, g *cli, idx *index.Index, eng *bot.Engine, q string) (*bot.Answer, error) {
	a, err := eng.Answer(e.ctx, q)
	if !errors.Is(err, index.ErrDamaged) {
		return a, err
	}
	fsys, _, ferr := g.corpusFS()
	if ferr != nil {
		return nil, err
	}
	e.log.Warn("rebuilding the damaged index from the corpus", "dir", idx.Dir())
	if _, serr := idx.Sync(e.ctx, fsys); serr != nil {
		return nil, fmt.Errorf("%w; rebuilding it failed: %w", err, serr)
	}
	return eng.Answer(e.ctx, q)
}

func (c *askCmd) write(e *env, a *bot.Answer, st term.Style) error {
	if c.JSON {
		return writeJSON(e.stdout, a)
	}
	term.WriteAnswer(e.stdout, a, st)
	return nil
}
