package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// EvalCase is one line of an eval file: a question and what a correct
// answer must show, or Unanswerable when the corpus does not answer it.
//
// Expect lists substrings that must all appear in one shown passage (or in
// the text of a figure quoted from it); Answers lists alternatives of which
// any one appearing in a shown passage is enough, as SQuAD gives them. A
// case may have either or both. When Doc is set, only passages of that
// article count.
type EvalCase struct {
	Question     string   `json:"question"`
	Doc          string   `json:"doc,omitempty"`
	Expect       []string `json:"expect,omitempty"`
	Answers      []string `json:"answers,omitempty"`
	Unanswerable bool     `json:"unanswerable,omitempty"`
	// OffTopic marks an unanswerable question that is not about the
	// corpus's subject at all ("the capital of France"): racebot should
	// decline it, not offer its closest passages.
	OffTopic bool `json:"offtopic,omitempty"`
}

// ReadEval reads an eval file: one JSON EvalCase per line; blank lines are
// skipped, and fields it does not know (SQuAD's id, para) are ignored.
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
		if !c.Unanswerable && len(c.Expect) == 0 && len(c.Answers) == 0 {
			return nil, fmt.Errorf("eval line %d: expect and answers are empty but the case is not marked unanswerable", line)
		}
		if c.OffTopic && !c.Unanswerable {
			return nil, fmt.Errorf("eval line %d: offtopic is set but the case is not marked unanswerable", line)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read eval: line %d: %w", line+1, err)
	}
	return cases, nil
}

// Rank returns the 1-based position of the first passage of a that shows
// the answer (ShownBy), or 0 when none does. Closest passages, shown
// without confidence, count as much as an answer's: the answer is in front
// of the user either way.
func (c EvalCase) Rank(a *Answer) int {
	if !a.Answered {
		return 0
	}
	for i, p := range a.Passages {
		if c.ShownBy(p.Doc, p.Text) {
			return i + 1
		}
	}
	return 0
}

// ShownBy reports whether a passage of article doc with text shows the
// answer: it is from the case's Doc (if given), holds every Expect string
// and at least one of Answers (if given). The figures racebot quotes are
// spans of their passage, so the passage text is all there is to look in.
func (c EvalCase) ShownBy(doc, text string) bool {
	if c.Unanswerable || c.Doc != "" && doc != c.Doc {
		return false
	}
	for _, e := range c.Expect {
		if !strings.Contains(text, e) {
			return false
		}
	}
	return len(c.Answers) == 0 || slices.ContainsFunc(c.Answers, func(s string) bool { return strings.Contains(text, s) })
}

// numbers are the case's Expect and Answers strings that hold a digit:
// what a figure that answers it would show.
func (c EvalCase) numbers() []string {
	var out []string
	for _, s := range append(slices.Clip(c.Expect), c.Answers...) {
		if strings.ContainsFunc(s, unicode.IsDigit) {
			out = append(out, s)
		}
	}
	return out
}

// ExpectsNumber reports whether the answer the case expects holds a
// number: whether FigureFirst can hold for it.
func (c EvalCase) ExpectsNumber() bool { return len(c.numbers()) > 0 }

// FigureFirst reports whether a's first figure is one the case expects:
// its text holds an expected string that holds a digit ("up to about
// $5.5 billion" for "$5.5 billion"), or is part of one and holds its first
// number ("39" for "Reuters described Liang as 39"). Another number of a
// long expected sentence ("48.9%" in "R1 scored 49.2% against o1's
// 48.9%") does not count.
func (c EvalCase) FigureFirst(a *Answer) bool {
	if !a.Answered || len(a.Figures) == 0 {
		return false
	}
	f := a.Figures[0].Text
	return slices.ContainsFunc(c.numbers(), func(s string) bool {
		return strings.Contains(f, s) || strings.Contains(s, f) && strings.Contains(f, firstNumber(s))
	})
}

// firstNumber returns the first number written in s: its digits with the
// separators between them ("1,300", "5.5"), not a name's ("R1"), or "".
func firstNumber(s string) string {
	if m := numberRE.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

var numberRE = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(\p{N}+(?:[.,]\p{N}+)*)`)

// EvalResult is one case's outcome.
type EvalResult struct {
	Case   EvalCase
	Answer *Answer
	Rank   int  // of the hit, 0 for a miss
	OK     bool // hit@3, or an unanswerable question not answered confidently
}

// Scores summarise an eval run. Shares of answerable questions: Hit1,
// Hit3, MRR, FalseDecline and ConfidentFirst; of unanswerable ones:
// Declined and Handled; of off-topic ones: OffTopicDeclined.
type Scores struct {
	Answerable   int     `json:"answerable"`
	Unanswerable int     `json:"unanswerable"`
	OffTopic     int     `json:"offtopic"`
	Hit1         float64 `json:"hit@1"`
	Hit3         float64 `json:"hit@3"`
	MRR          float64 `json:"mrr"`
	// FalseDecline is the share of answerable questions declined.
	FalseDecline float64 `json:"false_decline"`
	// ConfidentFirst is the share of answerable questions answered
	// confidently with the answer in the first passage: what a user gets
	// at a glance. Hedging every answer keeps hit@3 and loses this.
	ConfidentFirst float64 `json:"confident_first"`
	// Declined is the share of unanswerable questions declined outright;
	// Handled the share declined or answered only with closest passages,
	// never confidently.
	Declined float64 `json:"declined"`
	Handled  float64 `json:"handled"`
	// OffTopicDeclined is the share of off-topic questions declined.
	OffTopicDeclined float64 `json:"offtopic_declined"`
	// FigureQuestions counts the answerable questions whose expected
	// answer holds a number; FigureFirst is the share of them whose first
	// figure listed is the one expected (EvalCase.FigureFirst): what the
	// figures block, read first, gets right. A question whose expected
	// "number" is a name ("A800") counts against it too.
	FigureQuestions int     `json:"figure_questions"`
	FigureFirst     float64 `json:"figure_first"`
}

// Evaluate answers every case with e and scores the answers.
func Evaluate(ctx context.Context, e *Engine, cases []EvalCase) (Scores, []EvalResult, error) {
	results := make([]EvalResult, 0, len(cases))
	for _, c := range cases {
		a, err := e.Answer(ctx, c.Question)
		if err != nil {
			return Scores{}, results, fmt.Errorf("eval %q: %w", c.Question, err)
		}
		r := EvalResult{Case: c, Answer: a}
		if c.Unanswerable {
			r.OK = !a.Answered || !a.Confident
		} else {
			r.Rank = c.Rank(a)
			r.OK = r.Rank >= 1 && r.Rank <= 3
		}
		results = append(results, r)
	}
	return Score(results), results, nil
}

// Score summarises results.
func Score(results []EvalResult) Scores {
	var s Scores
	var hit1, hit3, falseDecline, confidentFirst, declined, handled, offDeclined, figureFirst int
	var rr float64
	for _, r := range results {
		a := r.Answer
		if r.Case.Unanswerable {
			s.Unanswerable++
			if !a.Answered {
				declined++
			}
			if r.OK {
				handled++
			}
			if r.Case.OffTopic {
				s.OffTopic++
				if !a.Answered {
					offDeclined++
				}
			}
			continue
		}
		s.Answerable++
		if r.Case.ExpectsNumber() {
			s.FigureQuestions++
			if r.Case.FigureFirst(a) {
				figureFirst++
			}
		}
		switch {
		case r.Rank == 1:
			hit1++
			if a.Confident {
				confidentFirst++
			}
		case !a.Answered:
			falseDecline++
		}
		if r.OK {
			hit3++
		}
		if r.Rank > 0 {
			rr += 1 / float64(r.Rank)
		}
	}
	share := func(k, n int) float64 {
		if n == 0 {
			return 0
		}
		return float64(k) / float64(n)
	}
	s.Hit1, s.Hit3, s.MRR = share(hit1, s.Answerable), share(hit3, s.Answerable), rr/float64(max(s.Answerable, 1))
	s.FalseDecline, s.ConfidentFirst = share(falseDecline, s.Answerable), share(confidentFirst, s.Answerable)
	s.Declined, s.Handled = share(declined, s.Unanswerable), share(handled, s.Unanswerable)
	s.OffTopicDeclined = share(offDeclined, s.OffTopic)
	s.FigureFirst = share(figureFirst, s.FigureQuestions)
	return s
}
