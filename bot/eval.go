package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// EvalCase is one line of an eval file: a question and the substrings a
// correct answer must show, or Unanswerable when the right answer is to say
// the corpus does not cover it.
type EvalCase struct {
	Question     string   `json:"question"`
	Doc          string   `json:"doc,omitempty"`
	Expect       []string `json:"expect"`
	Unanswerable bool     `json:"unanswerable,omitempty"`
}

// ReadEval reads an eval file: one JSON EvalCase per line; blank lines are
// skipped.
func ReadEval(r io.Reader) ([]EvalCase, error) {
	var cases []EvalCase
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c EvalCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("eval line %d: %w", line, err)
		}
		if c.Question == "" {
			return nil, fmt.Errorf("eval line %d: question is missing", line)
		}
		if !c.Unanswerable && len(c.Expect) == 0 {
			return nil, fmt.Errorf("eval line %d: expect is empty but the case is not marked unanswerable", line)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read eval: %w", err)
	}
	return cases, nil
}

// Rank returns the 1-based position of the first passage of a that shows
// every expected string, counting a figure's text as showing what it
// quotes, or 0 when none does. Only an answered Answer can hit.
func (c EvalCase) Rank(a *Answer) int {
	if !a.Answered {
		return 0
	}
	for i, p := range a.Passages {
		if showsAll(p, a.Figures, c.Expect) {
			return i + 1
		}
	}
	return 0
}

// showsAll reports whether every expected string is in the passage text or
// in the text of a figure quoted from that passage.
func showsAll(p Passage, figs []Figure, expect []string) bool {
	for _, e := range expect {
		if strings.Contains(p.Text, e) {
			continue
		}
		found := false
		for _, f := range figs {
			if f.Doc == p.Doc && f.Paragraph == p.Paragraph && strings.Contains(f.Text, e) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// EvalResult is one case's outcome.
type EvalResult struct {
	Case   EvalCase
	Answer *Answer
	Rank   int  // of the hit, 0 for a miss
	OK     bool // hit@3, or correctly declined
}

// Scores summarise an eval run.
type Scores struct {
	Answerable   int     `json:"answerable"`
	Unanswerable int     `json:"unanswerable"`
	Hit1         float64 `json:"hit@1"`
	Hit3         float64 `json:"hit@3"`
	MRR          float64 `json:"mrr"`
	Declined     float64 `json:"declined"` // share of unanswerable cases declined
	FalseDecline float64 `json:"false_decline"`
}

// Evaluate answers every case with e and scores the answers.
func Evaluate(ctx context.Context, e *Engine, cases []EvalCase) (Scores, []EvalResult, error) {
	var s Scores
	results := make([]EvalResult, 0, len(cases))
	var hit1, hit3, declined, falseDecline int
	var rr float64
	for _, c := range cases {
		a, err := e.Answer(ctx, c.Question)
		if err != nil {
			return s, results, fmt.Errorf("eval %q: %w", c.Question, err)
		}
		r := EvalResult{Case: c, Answer: a}
		if c.Unanswerable {
			s.Unanswerable++
			r.OK = !a.Answered
			if r.OK {
				declined++
			}
		} else {
			s.Answerable++
			r.Rank = c.Rank(a)
			if r.Rank == 1 {
				hit1++
			}
			if r.Rank >= 1 && r.Rank <= 3 {
				hit3++
				r.OK = true
			}
			if r.Rank > 0 {
				rr += 1 / float64(r.Rank)
			}
			if !a.Answered {
				falseDecline++
			}
		}
		results = append(results, r)
	}
	if s.Answerable > 0 {
		n := float64(s.Answerable)
		s.Hit1, s.Hit3, s.MRR, s.FalseDecline = float64(hit1)/n, float64(hit3)/n, rr/n, float64(falseDecline)/n
	}
	if s.Unanswerable > 0 {
		s.Declined = float64(declined) / float64(s.Unanswerable)
	}
	return s, results, nil
}
