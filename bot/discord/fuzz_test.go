package discord_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/discord"
	"github.com/racebot/racebot/bot/discord/discordfake"
	"github.com/racebot/racebot/corpus/figure"
)

// FuzzRender checks, for any question, passage, figure, title and URL,
// that the rendered message is within all of Discord's limits, is valid
// UTF-8, holds nothing that can ping, and that every source number a
// figure or passage shows has its source among the fields, however much
// was cut to fit. The seeds are in
// testdata/fuzz/FuzzRender.
func FuzzRender(f *testing.F) {
	f.Add("How many GPUs does DeepSeek have?", "DeepSeek has about 50,000 GPUs.", "about 50,000 GPUs", "Wang", "A title", "https://example.com/a", 16, 33, 3)
	f.Fuzz(func(t *testing.T, question, text, fig, claimant, title, url string, start, end, repeat int) {
		repeat = max(1, min(repeat, 40)) // up to a passage far over every limit
		text = strings.Repeat(text, repeat)
		cite := bot.Citation{Doc: "d", Paragraph: 1, Title: title, Publisher: claimant, URL: url,
			Published: bot.Date{Time: time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC)}}
		var figs []bot.Figure
		for i := range repeat % 12 {
			figs = append(figs, bot.Figure{Figure: figure.Figure{Text: strings.Repeat(fig, i+1), Claimant: claimant},
				Doc: "d", Paragraph: 1 + i%5, Title: title, Publisher: claimant, URL: url})
		}
		var passages []bot.Passage
		for i := range 1 + repeat%4 {
			c := cite
			c.Paragraph = i + 1
			passages = append(passages, bot.Passage{Citation: c, Text: text,
				Highlights: []bot.Span{{Start: start, End: end, Figure: true}, {Start: end + 3, End: end + 9}}})
		}
		// Declined, closest passages, or a confident answer, as repeat
		// says, so that every seed renders one of them.
		a := &bot.Answer{Question: question, Answered: repeat%5 != 0, Confident: repeat%3 == 0, Passages: passages, Figures: figs,
			Message: text, Suggestions: []bot.Suggestion{{Doc: "d", Title: title, URL: url}}, Took: time.Millisecond}
		if len(figs) > 1 {
			a.Disagreements = []bot.Disagreement{{About: fig, Figures: figs[:2]}}
		}
		replies := []bot.Reply{
			{Kind: bot.ReplyAnswer, Answer: a},
			{Kind: bot.ReplyNotice, Text: text},
			{Kind: bot.ReplyHelp, Text: question},
			{Kind: bot.ReplySources, Sources: []bot.Source{{Doc: "d", Title: title, Publisher: claimant, URL: url}}},
			{Kind: bot.ReplySources, Sources: []bot.Source{{Doc: "d", Title: title, URL: url}}, Feeds: fuzzFeeds(title, url, text, fig, repeat)},
		}
		for _, r := range replies {
			d := discord.Render(r)
			body, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			if err := discordfake.ValidateMessage(body, true); err != nil {
				t.Fatalf("Discord would refuse the message: %v", err)
			}
			if p := discordfake.Pings(body); len(p) > 0 {
				t.Fatalf("the message could ping: %q", p)
			}
			for _, s := range texts(d) {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8: %q", s)
				}
			}
			checkCited(t, d)
		}
	})
}

// reCited is a source number racebot writes in an answer: after a figure,
// at the end of its line, or before a quoted passage. Corpus text cannot
// form one: its [ is escaped.
var reCited = regexp.MustCompile(`(?m)(?: \[(\d+)\]$|^> \*\*\[(\d+)\]\*\*)`)

// checkCited fails unless every source number in an answer's description
// has its field.
func checkCited(t *testing.T, d *discordgo.InteractionResponseData) {
	t.Helper()
	for _, e := range d.Embeds {
		fields := make(map[string]bool)
		for _, f := range e.Fields {
			n, _, _ := strings.Cut(f.Name, " ")
			fields[n] = true
		}
		for _, m := range reCited.FindAllStringSubmatch(e.Description, -1) {
			if n := "[" + m[1] + m[2] + "]"; !fields[n] {
				t.Fatalf("%s is shown but not among the sources:\n%s", n, e.Description)
			}
		}
	}
}

// fuzzFeeds are up to 15 feeds made of fuzzed strings, every other one
// failing.
func fuzzFeeds(title, url, errText, article string, n int) []bot.Feed {
	var feeds []bot.Feed
	read := time.Date(2026, 11, 28, 13, 0, 0, 0, time.UTC).Add(-time.Duration(n) * time.Hour)
	for i := range n % 16 {
		f := bot.Feed{URL: url, Title: strings.Repeat(title, i+1), LastRead: read, Added: i, Recent: []string{strings.Repeat(article, i+1)}}
		if i%2 == 1 {
			f.LastError = strings.Repeat(errText, i+1)
		}
		feeds = append(feeds, f)
	}
	return feeds
}

// texts returns every text a message shows.
func texts(d *discordgo.InteractionResponseData) []string {
	out := []string{d.Content}
	for _, e := range d.Embeds {
		out = append(out, e.Title, e.Description)
		for _, f := range e.Fields {
			out = append(out, f.Name, f.Value)
		}
		if e.Footer != nil {
			out = append(out, e.Footer.Text)
		}
	}
	return out
}
