package bot

import (
	"testing"

	"github.com/racebot/racebot/corpus/figure"
)

// TestFigureFirst: a first figure is the one expected when it is part of
// an expected string that holds a number, or holds one; Score counts only
// the questions whose expected answer holds a number.
func TestFigureFirst(t *testing.T) {
	answer := func(figs ...string) *Answer {
		a := &Answer{Answered: true}
		for _, f := range figs {
			a.Figures = append(a.Figures, Figure{Figure: figure.Figure{Text: f}})
		}
		return a
	}
	tests := []struct {
		name string
		c    EvalCase
		a    *Answer
		want bool
	}{
		{"figure holds the expected", EvalCase{Expect: []string{"$5.5 billion"}}, answer("up to about $5.5 billion", "$4.5 billion"), true},
		{"expected holds the figure", EvalCase{Expect: []string{"Reuters described Liang as 39"}}, answer("39"), true},
		{"any of the answers", EvalCase{Answers: []string{"1 September 1939", "September 1939"}}, answer("September 1939"), true},
		{"right figure, not first", EvalCase{Expect: []string{"$5.5 billion"}}, answer("$4.5 billion", "up to about $5.5 billion"), false},
		{"no figures", EvalCase{Expect: []string{"$5.5 billion"}}, answer(), false},
		{"declined", EvalCase{Expect: []string{"$5.5 billion"}}, &Answer{Figures: []Figure{{Figure: figure.Figure{Text: "$5.5 billion"}}}}, false},
		{"a number-free expectation matches nothing", EvalCase{Expect: []string{"Hangzhou"}}, answer("Hangzhou"), false},
		{"another number of the expected sentence", EvalCase{Expect: []string{"R1 scored 49.2% against o1's 48.9%"}}, answer("48.9%"), false},
		{"the first number of the expected sentence", EvalCase{Answers: []string{"about 1,300 members in 1999"}}, answer("1,300 members"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.FigureFirst(tt.a); got != tt.want {
				t.Errorf("FigureFirst = %v, want %v", got, tt.want)
			}
		})
	}
	rs := []EvalResult{
		{Case: EvalCase{Expect: []string{"$5.5 billion"}}, Answer: answer("$5.5 billion")},
		{Case: EvalCase{Expect: []string{"39"}}, Answer: answer("40")},
		{Case: EvalCase{Expect: []string{"Hangzhou"}}, Answer: answer()},
		{Case: EvalCase{Unanswerable: true}, Answer: answer("$5.5 billion")},
	}
	for _, tt := range []struct{ in, want string }{
		{"R1 scored 49.2% against 48.9%", "49.2"},
		{"$1,300.5 billion.", "1,300.5"},
		{"in 2015, before", "2015"},
		{"Fire-Flyer 2", "2"},
		{"no number", ""},
	} {
		if got := firstNumber(tt.in); got != tt.want {
			t.Errorf("firstNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if s := Score(rs); s.FigureQuestions != 2 || s.FigureFirst != 0.5 {
		t.Errorf("Score: %d figure questions, figure first %.3f; want 2, 0.500", s.FigureQuestions, s.FigureFirst)
	}
}
