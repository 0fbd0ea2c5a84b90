package term

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/corpus/figure"
)

// stargatePassage is the second paragraph of the Stargate article as the
// engine quotes it, with "$100 billion" and "Stargate" highlighted.
func stargatePassage() bot.Passage {
	text := "OpenAI's own statement on Stargate, as quoted by Breitbart, said the new company intends to invest " +
		"$500 billion over four years building AI infrastructure for OpenAI in the United States and would start " +
		"\"deploying $100 billion immediately.\" OpenAI's jobs claim was larger than the president's: the company " +
		"said Stargate would create \"hundreds of thousands of American jobs.\""
	fig := strings.Index(text, "$100 billion")
	word := strings.Index(text, "Stargate")
	return bot.Passage{
		Citation: bot.Citation{
			Doc: "stargate-announcement", Paragraph: 2,
			Title:     "Trump, OpenAI, SoftBank and Oracle launch the $500 billion Stargate venture",
			Publisher: "Bisnow",
			URL:       "https://bisnow.com/national/news/infrastructure/tech-ceos-join-trump-at-white-house-to-announce-500b-infrastructure-venture-127633",
			Published: bot.Date{Time: time.Date(2025, 1, 21, 0, 0, 0, 0, time.UTC)},
		},
		Text:       text,
		Score:      4.2,
		Highlights: []bot.Span{{Start: word, End: word + len("Stargate")}, {Start: fig, End: fig + len("$100 billion"), Figure: true}},
	}
}

// handAnswer is an answer built by hand rather than by the engine, so
// that its rendering does not change when the ranking does: one passage,
// and "$100 billion" as its figure when withFigure is set. It has no index
// date, so that the footer does not depend on the local time zone.
func handAnswer(confident, withFigure bool) *bot.Answer {
	p := stargatePassage()
	a := &bot.Answer{
		Question:  "How much has Stargate spent so far?",
		Answered:  true,
		Confident: confident,
		Passages:  []bot.Passage{p},
		Figures:   []bot.Figure{},
		Took:      2400 * time.Microsecond,
	}
	if !confident {
		a.Message = bot.Hedge
	}
	if withFigure {
		v := 1e11
		start := strings.Index(p.Text, "$100 billion")
		a.Figures = []bot.Figure{{
			Figure: figure.Figure{Text: "$100 billion", Value: &v, Unit: "USD", Kind: figure.Money, Claimant: "OpenAI",
				Start: start, End: start + len("$100 billion")},
			Doc: p.Doc, Paragraph: p.Paragraph, Title: p.Title, Publisher: p.Publisher, URL: p.URL, Published: p.Published,
		}}
	}
	return a
}

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
