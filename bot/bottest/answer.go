package bottest

import (
	"strings"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/corpus/figure"
)

// HandAnswer is an answer built by hand rather than by the engine, so that
// the renderers' goldens do not change when the ranking does: the second
// paragraph of the Stargate article with "Stargate" and "$100 billion"
// highlighted, "$100 billion" as its figure when withFigure is set,
// confident or shown as the closest passage racebot has, and updated as
// the index date (the zero time for none).
func HandAnswer(confident, withFigure bool, updated time.Time) *bot.Answer {
	text := "OpenAI's own statement on Stargate, as quoted by Breitbart, said the new company intends to invest " +
		"$500 billion over four years building AI infrastructure for OpenAI in the United States and would start " +
		"\"deploying $100 billion immediately.\" OpenAI's jobs claim was larger than the president's: the company " +
		"said Stargate would create \"hundreds of thousands of American jobs.\""
	fig, word := strings.Index(text, "$100 billion"), strings.Index(text, "Stargate")
	p := bot.Passage{
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
	a := &bot.Answer{
		Question:     "How much has Stargate spent so far?",
		Answered:     true,
		Confident:    confident,
		Passages:     []bot.Passage{p},
		Figures:      []bot.Figure{},
		IndexUpdated: updated,
		Took:         2400 * time.Microsecond,
	}
	if !confident {
		a.Message = bot.Hedge
	}
	if withFigure {
		v := 1e11
		a.Figures = []bot.Figure{{
			Figure: figure.Figure{Text: "$100 billion", Value: &v, Unit: "USD", Kind: figure.Money, Claimant: "OpenAI",
				Start: fig, End: fig + len("$100 billion")},
			Doc: p.Doc, Paragraph: p.Paragraph, Title: p.Title, Publisher: p.Publisher, URL: p.URL, Published: p.Published,
		}}
	}
	return a
}
