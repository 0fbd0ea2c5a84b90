package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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
// one, so that outputs can be matched to inputs by position; a line that
// cannot be answered gets an error in its place and the rest go on.
func (c *askCmd) stream(e *env, answer func(string) (*bot.Answer, error), st term.Style) error {
	return eachLine(e.stdin, maxLine, func(n int, line string, whole bool) error {
		if err := e.ctx.Err(); err != nil {
			return err
		}
		if !whole {
			return c.writeError(e, n, fmt.Sprintf("the line is over %d MB, so it was not read; a question is at most %d characters", maxLine>>20, bot.MaxQuestionLen))
		}
		a, err := answer(line)
		if err != nil {
			e.log.Error("answer failed", "line", n, "err", err)
			return c.writeError(e, n, "racebot failed to answer: "+err.Error())
		}
		return c.write(e, a, st)
	})
}

// maxLine is the longest line ask - reads; the rest of a longer line is
// skipped unread, so that one runaway line neither exhausts memory nor
// ends the batch.
const maxLine = 1 << 20

// eachLine calls f with each line of r, numbered from 1, without its line
// ending. A line longer than max is cut to its first max bytes and whole
// is false.
func eachLine(r io.Reader, max int, f func(n int, line string, whole bool) error) error {
	br := bufio.NewReaderSize(r, 64*1024)
	var buf []byte
	for n := 1; ; n++ {
		buf = buf[:0]
		whole := true
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			room := max + 1 - len(buf) // +1: the newline
			if len(chunk) > room {
				chunk, whole = chunk[:room], false
			}
			buf = append(buf, chunk...)
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("read questions: line %d: %w", n, err)
		}
		if err == io.EOF && len(buf) == 0 && whole {
			return nil
		}
		line := string(buf)
		if whole {
			line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		}
		if len(line) > max {
			line, whole = line[:max], false
		}
		if ferr := f(n, line, whole); ferr != nil {
			return ferr
		}
		if err == io.EOF {
			return nil
		}
	}
}

// lineError stands in the output for a line ask - could not answer.
type lineError struct {
	Line     int    `json:"line"`
	Answered bool   `json:"answered"`
	Error    string `json:"error"`
}

func (c *askCmd) writeError(e *env, n int, msg string) error {
	if c.JSON {
		return writeJSON(e.stdout, lineError{Line: n, Error: msg})
	}
	_, err := fmt.Fprintf(e.stdout, "line %d: %s\n\n", n, msg)
	return err
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
