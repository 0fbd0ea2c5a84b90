package term

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
)

func TestWriteAnswerGolden(t *testing.T) {
	tests := []struct {
		name   string
		answer *bot.Answer
		want   []string // lines of the output, in this order
		absent []string // in no line
	}{
		{"confident", handAnswer(true, true),
			[]string{"How much has Stargate spent so far?", "", "Figures:", "  • $100 billion — OpenAI, via Bisnow, 2025-01-21 [1]"},
			[]string{bot.Hedge, "may help"}},
		{"closest", handAnswer(false, false),
			[]string{"How much has Stargate spent so far?", bot.Hedge, ""},
			[]string{"Figures"}},
		{"closest-figure", handAnswer(false, true),
			[]string{"How much has Stargate spent so far?", bot.Hedge, "", "Figures that may help:", "  • $100 billion — OpenAI, via Bisnow, 2025-01-21 [1]"},
			[]string{"Figures:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			WriteAnswer(&b, tt.answer, Style{})
			out := b.String()
			lines := strings.Split(out, "\n")
			if len(lines) < len(tt.want) {
				t.Fatalf("%d lines, want at least %d:\n%s", len(lines), len(tt.want), out)
			}
			for i, w := range tt.want {
				if lines[i] != w {
					t.Errorf("line %d = %q, want %q", i+1, lines[i], w)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(out, a) {
					t.Errorf("output holds %q:\n%s", a, out)
				}
			}
			bottest.Golden(t, filepath.Join("testdata", "text", tt.name+".txt"), b.Bytes())
		})
	}
}

// handAnswer is bottest.HandAnswer with no index date, so that the footer
// does not depend on the local time zone.
func handAnswer(confident, withFigure bool) *bot.Answer {
	return bottest.HandAnswer(confident, withFigure, time.Time{})
}
