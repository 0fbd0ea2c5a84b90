package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/corpus/figure"
)

// docTime is the index date and the time feeds are read from in the
// golden documents.
var docTime = time.Date(2026, 11, 28, 13, 56, 0, 0, time.UTC)

// TestDocumentGolden pins the layout every platform renders: which blocks
// a reply has, in what order, under which headings, with what priority,
// and how the sources are numbered. A case with a limit pins the document
// Fit leaves within it, as the plain renderer counts. go test -update
// rewrites the files in testdata/doc.
func TestDocumentGolden(t *testing.T) {
	tests := []struct {
		name  string
		reply bot.Reply
		limit int // characters, for Fit; 0: the document as laid out
	}{
		{"confident", answer(bottest.HandAnswer(true, true, docTime)), 0},
		{"closest", answer(bottest.HandAnswer(false, false, docTime)), 0},
		{"closest-figure", answer(bottest.HandAnswer(false, true, docTime)), 0},
		{"declined", answer(declined(7)), 0},
		{"declined-no-message", answer(&bot.Answer{Question: "q", Took: time.Millisecond}), 0},
		{"disagreement", answer(disagreement()), 0},
		{"many-figures", answer(manyFigures()), 0},
		{"long-passages-fitted", answer(longAnswer(1500, 6)), 2500},
		{"listing", bot.Reply{Kind: bot.ReplySources, Sources: sources(45), Feeds: feeds(12)}, 0},
		{"listing-empty", bot.Reply{Kind: bot.ReplySources, Feeds: feeds(1)}, 0},
		{"help", bot.Reply{Kind: bot.ReplyHelp}, 0},
		{"rate-limited", bot.Reply{Kind: bot.ReplyNotice, RetryAfter: time.Minute, Text: "Please try again in 60 seconds."}, 0},
		{"failed", bot.Reply{Kind: bot.ReplyNotice, Failed: true, Text: bot.Apology}, 0},
		{"no-answer", bot.Reply{Kind: bot.ReplyAnswer}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := bot.ReplyDocument(tt.reply, time.UTC, docTime)
			if tt.limit > 0 {
				d, _ = bot.Fit(d, plain{unit: inRunes, max: tt.limit})
			}
			checkRefs(t, d)
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(d); err != nil {
				t.Fatal(err)
			}
			bottest.Golden(t, filepath.Join("testdata", "doc", tt.name+".json"), b.Bytes())
		})
	}
}

func answer(a *bot.Answer) bot.Reply {
	a.IndexUpdated, a.Took = docTime, 2400*time.Microsecond
	return bot.Reply{Kind: bot.ReplyAnswer, Answer: a}
}

// declined is a declined answer with n closest articles.
func declined(n int) *bot.Answer {
	a := &bot.Answer{Question: "what is the capital of france", Message: "I could not find an answer to that in the articles I have."}
	for i := range n {
		a.Suggestions = append(a.Suggestions, bot.Suggestion{Doc: fmt.Sprintf("doc-%d", i), Title: fmt.Sprintf("Article %d", i),
			URL: fmt.Sprintf("https://example.com/%d", i)})
	}
	a.Suggestions[1].Title = "" // shown by its ID
	return a
}

// cite is the citation of paragraph para of article doc.
func cite(doc string, para int) bot.Citation {
	return bot.Citation{Doc: doc, Paragraph: para, Title: "Title of " + doc, Publisher: "Publisher of " + doc,
		URL: "https://example.com/" + doc, Published: bot.Date{Time: time.Date(2025, 1, para, 0, 0, 0, 0, time.UTC)}}
}

// fig is a figure quoted from c.
func fig(text, claimant string, c bot.Citation) bot.Figure {
	return bot.Figure{Figure: figure.Figure{Text: text, Claimant: claimant}, Doc: c.Doc, Paragraph: c.Paragraph,
		Title: c.Title, Publisher: c.Publisher, URL: c.URL, Published: c.Published}
}

// disagreement is an answer whose sources disagree, with figures from
// passages not quoted, and a figure both in the disagreement and among the
// answer's figures, which is shown once.
func disagreement() *bot.Answer {
	a, b, c, d := cite("a", 1), cite("b", 2), cite("c", 3), cite("d", 4)
	wang, musk := fig("about 50,000 GPUs", "Alexandr Wang", c), fig("50,000 H100s", "Elon Musk", d)
	own := fig("2,048 H800 GPUs", "DeepSeek", a)
	return &bot.Answer{
		Question: "How many GPUs does DeepSeek have?", Answered: true, Confident: true,
		Passages: []bot.Passage{
			{Citation: a, Text: "DeepSeek trained V3 on 2,048 H800 GPUs.", Highlights: []bot.Span{{Start: 23, End: 38, Figure: true}}},
			{Citation: b, Text: "Outside estimates are far larger."},
		},
		Figures:       []bot.Figure{own, fig("$5.6 million", "", b), wang},
		Disagreements: []bot.Disagreement{{About: "GPUs", Figures: []bot.Figure{own, wang, musk}, NewestFirst: true}},
	}
}

// manyFigures has more disagreements and figures than an answer shows.
func manyFigures() *bot.Answer {
	var figs []bot.Figure
	for i := range 14 {
		figs = append(figs, fig(fmt.Sprintf("%d GPUs", 1000*(i+1)), fmt.Sprintf("Claimant %d", i), cite(fmt.Sprintf("d%d", i%5), i%5+1)))
	}
	return &bot.Answer{
		Question: "How many GPUs?", Answered: true, Confident: true,
		Passages: []bot.Passage{{Citation: cite("d0", 1), Text: "A passage."}},
		Figures:  figs,
		Disagreements: []bot.Disagreement{
			{About: "GPUs", Figures: figs[0:3]}, {About: "chips", Figures: figs[3:6]},
			{Figures: figs[6:8]}, {About: "never shown", Figures: figs[8:10]},
		},
	}
}

// sources are n articles.
func sources(n int) []bot.Source {
	var out []bot.Source
	for i := range n {
		out = append(out, bot.Source{Doc: fmt.Sprintf("doc-%d", i), Title: fmt.Sprintf("Article %d", i), Publisher: "P",
			URL: fmt.Sprintf("https://example.com/%d", i), Passages: i, Figures: 2 * i})
	}
	return out
}

// feeds are n news feeds, read an hour apart.
func feeds(n int) []bot.Feed {
	var out []bot.Feed
	for i := range n {
		out = append(out, bot.Feed{URL: fmt.Sprintf("https://example.com/%d.xml", i), Title: fmt.Sprintf("Feed %d", i),
			LastRead: docTime.Add(-time.Duration(i) * time.Hour), Added: i, Recent: []string{fmt.Sprintf("Latest of %d", i)}})
	}
	return out
}

// TestTooLongQuestionShownCut: a question refused as too long is shown in
// the reply only as far as a question may be, not echoed whole (a 10,000
// character paste filled a terminal before the refusal).
func TestTooLongQuestionShownCut(t *testing.T) {
	long := strings.Repeat("how many gpus does deepseek have ", 300)
	a, err := bottest.Starter(t).Answer(context.Background(), long)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answered || !strings.Contains(a.Message, "too long") {
		t.Fatalf("a %d-character question: answered %v, %q", len(long), a.Answered, a.Message)
	}
	d := bot.AnswerDocument(a, time.UTC)
	for _, b := range d.Blocks {
		if n := utf8.RuneCountInString(b.Text); n > bot.MaxQuestionLen+200 {
			t.Errorf("block %v is %d characters long", b.Kind, n)
		}
	}
	if n := utf8.RuneCountInString(d.Summary); n > bot.MaxQuestionLen+200 {
		t.Errorf("summary is %d characters long", n)
	}
}
