package bot

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index"
)

// Source is an article racebot answers from, as /sources lists it.
type Source struct {
	Doc       string   `json:"doc"`
	Title     string   `json:"title"`
	Publisher string   `json:"publisher"`
	URL       string   `json:"url"`
	Published Date     `json:"published"`
	Kind      string   `json:"kind"`
	Tags      []string `json:"tags,omitempty"`
	Passages  int      `json:"passages"`
	Figures   int      `json:"figures"`
}

// Feed is a news feed racebot adds articles from, as /sources reports it.
type Feed struct {
	URL   string `json:"url"` // without credentials
	Title string `json:"title,omitempty"`
	// LastRead is the last attempt to read the feed, LastSuccess the last
	// one that worked; LastError says why the last one failed, if it did.
	LastRead    time.Time `json:"last_read,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	LastError   string    `json:"last_error,omitempty"`
	// ItemError says why an item of the last good read was not added,
	// if one was not (a paywall, robots.txt, a site that was down).
	ItemError string `json:"item_error,omitempty"`
	// Added counts the articles the feed has given; Recent names the
	// latest of them, newest first.
	Added  int      `json:"added"`
	Recent []string `json:"recent,omitempty"`
}

// Sources lists the indexed articles, newest first, keeping only those
// whose title, publisher, ID or tags contain every word of query (all of
// them when query is empty).
func Sources(articles []index.ArticleInfo, query string) []Source {
	words := strings.FieldsFunc(strings.ToLower(query), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var out []Source
	for _, a := range articles {
		hay := strings.ToLower(a.Title + " " + a.Publisher + " " + a.ID + " " + strings.Join(a.Tags, " "))
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		out = append(out, Source{
			Doc: a.ID, Title: a.Title, Publisher: a.Publisher, URL: a.URL, Published: Date{a.Published},
			Kind: a.Kind, Tags: a.Tags, Passages: a.Passages, Figures: a.Figures,
		})
	}
	return out
}

// Sources lists the indexed articles whose title, publisher, ID or tags
// hold every word of query, newest first.
func (e *Engine) Sources(query string) []Source {
	return Sources(e.idx.Articles(), query)
}

// allKinds is what /figures looks for: any figure at all.
var allKinds = []figure.Kind{figure.Count, figure.Money, figure.Percent, figure.Duration, figure.Date, figure.Quantity}

// Figures answers /figures: the figures the corpus holds on a topic, best
// first, with their citations and any disagreements. It is Answer with every
// kind of figure wanted.
func (e *Engine) Figures(ctx context.Context, topic string) (*Answer, error) {
	return e.answer(ctx, topic, allKinds)
}

// Help is the text of /help and of an empty question.
const Help = `I answer questions about the AI race — DeepSeek, GPUs and export controls, Stargate and AI investment, AGI claims — by quoting news articles. Every figure I show is quoted from a cited passage; I never make one up.

Try:
• /ask How many GPUs does DeepSeek have?
• /ask How much will Stargate invest?
• /figures Nvidia market value
• /sources deepseek

Narrow a question to some articles by writing, anywhere in it:
• since:2025-06 — published in June 2025 or later (since:2025, since:2025-06-15 too)
• before:2025-01 — published before 2025
• source:reuters — from a publisher with that word in its name
as in /ask What did Nvidia say about H20 sales? since:2025-04
or /ask How much did Nvidia lose on January 27? source:reuters

When the articles do not cover a question, I say so and name the closest ones; when I am not sure that the passages I found answer it, I say so and show them as the closest I have.`
