package discord_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/bot/discord"
	"github.com/racebot/racebot/bot/discord/discordfake"
	"github.com/racebot/racebot/corpus/figure"
)

// fixedTime is the index date the golden files show.
var fixedTime = time.Date(2026, 11, 28, 13, 56, 0, 0, time.UTC)

// ask answers a question with the real engine, with the time fields fixed
// so that the rendering is the same on every run.
func ask(t *testing.T, cmd bot.Command, text string) bot.Reply {
	t.Helper()
	r := bot.NewChat(starter(t), bot.ChatOptions{}).Handle(context.Background(),
		bot.Request{Platform: "discord", User: "u", Channel: "c", Command: cmd, Text: text})
	if r.Answer != nil {
		r.Answer.IndexUpdated = fixedTime
		r.Answer.Took = 2400 * time.Microsecond
	}
	return r
}

func TestRenderGolden(t *testing.T) {
	limited := bot.NewChat(starter(t), bot.ChatOptions{Limiter: bot.NewLimiter(bot.Rate{Burst: 1, Every: time.Minute}, bot.Rate{})})
	limited.Handle(context.Background(), bot.Request{User: "u", Command: bot.CommandAsk, Text: "How much will Stargate invest?"})
	rateLimited := limited.Handle(context.Background(), bot.Request{User: "u", Command: bot.CommandAsk, Text: "How much will Stargate invest?"})

	tests := []struct {
		name  string
		reply bot.Reply
		want  []string // in the rendered JSON
	}{
		{"answer", ask(t, bot.CommandAsk, "How much will Stargate invest?"), []string{"$500 billion", "https://"}},
		{"disagreement", ask(t, bot.CommandAsk, "How many GPUs does DeepSeek have?"),
			[]string{"Sources disagree on GPUs", "about 50,000 NVIDIA Hopper GPUs", "Elon Musk and Alexandr Wang", "unusual-whales"}},
		{"figures", ask(t, bot.CommandFigures, "Nvidia market value"), []string{"billion"}},
		{"declined", declinedReply(), []string{"The closest articles I have"}},
		// In JSON, as the golden file holds it: \n for a line break.
		{"closest", handReply(false, false), []string{"*" + bot.Hedge + `*\n\n> **[1]**`, `"color": 12100718`}},
		{"closest-figure", handReply(false, true),
			[]string{"*" + bot.Hedge + `*\n\n**Figures that may help:**\n• **$100 billion** — OpenAI, via Bisnow, 2025-01-21 [1]`}},
		{"too-long", ask(t, bot.CommandAsk, strings.Repeat("why ", 200)), []string{"too long"}},
		{"hostile", ask(t, bot.CommandAsk, "@everyone <@&123> <!channel> <@456> @here **DeepSeek** `GPUs`?"), []string{"@\u200beveryone"}},
		{"help", bot.Reply{Kind: bot.ReplyHelp, Text: bot.Help}, []string{"/ask How many GPUs"}},
		{"sources", bot.Reply{Kind: bot.ReplySources, Sources: starter(t).Sources("deepseek")}, []string{"DeepSeek", "passages"}},
		{"sources-none", bot.Reply{Kind: bot.ReplySources}, []string{"No article"}},
		{"sources-feeds", bot.Reply{Kind: bot.ReplySources, Sources: starter(t).Sources(""), Feeds: feeds()},
			[]string{"The news feeds I add articles from (12 feeds)", "**MIT Technology Review** — read 12 min ago · added 3 articles, latest “OpenAI",
				"not read yet", "failing since 3 days ago", "@\u200beveryone", "…and 2 more."}},
		{"rate-limit", rateLimited, []string{"try again in 60 seconds"}},
		{"failure", bot.Reply{Kind: bot.ReplyNotice, Failed: true, Text: "Sorry, something went wrong on my side while answering."}, []string{"Sorry"}},
		{"limits", limitsReply(), []string{"…"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := discord.RenderAt(tt.reply, fixedTime)
			got := marshal(t, d)
			checkMessage(t, got, true)
			for _, w := range tt.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("rendered %s does not contain %q", tt.name, w)
				}
			}
			bottest.Golden(t, filepath.Join("testdata", "render", tt.name+".json"), got)
		})
	}
}

// marshal encodes response data as discordgo sends it, indented and with
// <, > and & left readable.
func marshal(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkMessage fails the test unless body is a message Discord would take
// and that cannot ping anyone.
func checkMessage(t testing.TB, body []byte, ephemeralOK bool) {
	t.Helper()
	if err := discordfake.ValidateMessage(body, ephemeralOK); err != nil {
		t.Errorf("Discord would refuse the message: %v\n%s", err, body)
	}
	if p := discordfake.Pings(body); len(p) > 0 {
		t.Errorf("the message could ping: %q\n%s", p, body)
	}
	if !bytes.Contains(body, []byte(`"parse": []`)) && !bytes.Contains(body, []byte(`"parse":[]`)) {
		t.Errorf(`allowed_mentions is not "parse":[]:\n%s`, body)
	}
}

// limitsReply is an answer far over every Discord limit: a long question,
// long passages full of highlights and markdown, many long figures with
// long claimants, long titles, publishers and URLs.
func limitsReply() bot.Reply {
	long := func(seed string, n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "%s %d *star* _under_ `tick` | <@%d> @everyone; ", seed, i, 100+i)
		}
		return b.String()[:n]
	}
	cite := func(i int) bot.Citation {
		return bot.Citation{
			Doc: fmt.Sprintf("doc-%d", i), Paragraph: i + 1,
			Title:     fmt.Sprintf("Article %d: ", i) + long("a very long title", 400),
			Publisher: fmt.Sprintf("Publisher %d ", i) + long("publisher", 300),
			URL:       fmt.Sprintf("https://example.com/%d/(parens)/", i) + strings.Repeat("path/", 50),
			Published: bot.Date{Time: time.Date(2025, 1, i+1, 0, 0, 0, 0, time.UTC)},
		}
	}
	var passages []bot.Passage
	for i := range 3 {
		text := long(fmt.Sprintf("Passage %d says that about 50,000 GPUs cost $1.6 billion", i), 5000)
		var hl []bot.Span
		for at := 20; at+15 < len(text); at += 150 {
			hl = append(hl, bot.Span{Start: at, End: at + 12, Figure: at%300 == 20})
		}
		passages = append(passages, bot.Passage{Citation: cite(i), Text: text, Highlights: hl, Score: 1})
	}
	fig := func(i int) bot.Figure {
		v := float64(1000 * (i + 1))
		c := cite(i % 3)
		return bot.Figure{
			Figure: figure.Figure{Text: fmt.Sprintf("about %d ", 1000*(i+1)) + long("GPUs", 300), Value: &v,
				Kind: figure.Count, Claimant: long(fmt.Sprintf("Claimant %d", i), 200)},
			Doc: c.Doc, Paragraph: c.Paragraph, Title: c.Title, Publisher: c.Publisher, URL: c.URL, Published: c.Published,
		}
	}
	var figs []bot.Figure
	for i := range 12 {
		figs = append(figs, fig(i))
	}
	return bot.Reply{Kind: bot.ReplyAnswer, Answer: &bot.Answer{
		Question:      long("How many GPUs", 600),
		Answered:      true,
		Confident:     true,
		Passages:      passages,
		Figures:       figs,
		Disagreements: []bot.Disagreement{{About: long("GPUs", 300), Figures: figs[:4]}, {About: "USD", Figures: figs[4:8]}},
		IndexUpdated:  fixedTime,
		Took:          2400 * time.Microsecond,
	}}
}

// declinedReply is a declined answer with the closest articles, built by
// hand so that it stays a decline whatever the engine decides for a
// question.
func declinedReply() bot.Reply {
	return bot.Reply{Kind: bot.ReplyAnswer, Answer: &bot.Answer{
		Question: "what is the capital of france",
		Passages: []bot.Passage{},
		Figures:  []bot.Figure{},
		Message:  "I could not find an answer to that in the articles I have.",
		Suggestions: []bot.Suggestion{
			{Doc: "ai-diffusion-rule", Title: "The AI Diffusion rule: a three-tier chip export framework issued in January 2025 and rescinded in May 2025",
				URL: "https://bis.gov/advanced-compute-resources"},
			{Doc: "big-tech-ai-capex-2025", Title: "Microsoft, Meta, Alphabet and Amazon set record AI spending plans for 2025",
				URL: "https://onestoptrendingnews.com/2025/01/03/microsoft-president-says-ai-is-the-electricity-of-our-age-as-company-prepares-to-hit-80-billion-spend"},
			{Doc: "deepseek-gpu-estimates", Title: "How many Nvidia chips does DeepSeek have? Wang's 50,000 H100 claim, High-Flyer's A100s and SemiAnalysis's estimate",
				URL: "https://www.livemint.com/ai/artificial-intelligence/scale-ai-ceo-alexandr-wang-claims-deepseek-hides-50-000-nvidia-h100-chips-stockpile-elon-musk-reacts-11738062626511.html"},
		},
		IndexUpdated: fixedTime,
		Took:         2400 * time.Microsecond,
	}}
}

// TestRenderClosest checks that closest passages read differently from an
// answer, and only by the hedge, its colour and the figures' heading: the
// same passages, citations and figures are shown.
func TestRenderClosest(t *testing.T) {
	for _, withFigure := range []bool{false, true} {
		sure := discord.Render(handReply(true, withFigure)).Embeds[0]
		closest := discord.Render(handReply(false, withFigure)).Embeds[0]
		declined := discord.Render(declinedReply()).Embeds[0]
		if closest.Color == sure.Color || closest.Color == declined.Color {
			t.Errorf("closest passages have colour %#x; an answer has %#x and a decline %#x: want a colour of their own",
				closest.Color, sure.Color, declined.Color)
		}
		hedge := "*" + bot.Hedge + "*\n\n"
		if !strings.HasPrefix(closest.Description, hedge) {
			t.Errorf("closest passages do not open with the hedge:\n%s", closest.Description)
		}
		if strings.Contains(sure.Description, bot.Hedge) {
			t.Errorf("a confident answer is hedged:\n%s", sure.Description)
		}
		want := strings.Replace(sure.Description, "**Figures:**", "**Figures that may help:**", 1)
		if got := strings.TrimPrefix(closest.Description, hedge); got != want {
			t.Errorf("closest passages differ from the answer beyond the hedge:\n got %s\nwant %s", got, want)
		}
		if len(closest.Fields) != len(sure.Fields) || closest.Title != sure.Title {
			t.Errorf("closest passages have title %q and %d fields; the answer %q and %d", closest.Title, len(closest.Fields), sure.Title, len(sure.Fields))
		}
	}

	// Far over Discord's limits, the hedge is kept: passages and figures
	// give way, never the sentence that says they may not answer.
	r := limitsReply()
	r.Answer.Confident = false
	d := discord.Render(r)
	checkMessage(t, marshal(t, d), true)
	if !strings.HasPrefix(d.Embeds[0].Description, "*"+bot.Hedge+"*\n\n") {
		t.Errorf("closest passages over the limits lost the hedge:\n%.300s", d.Embeds[0].Description)
	}
}

// feeds are a dozen news feeds as /sources reports them, as of fixedTime:
// read and adding, never read, failing, and one whose title, article and
// error try to ping, break the markdown and the line.
func feeds() []bot.Feed {
	ago := func(d time.Duration) time.Time { return fixedTime.Add(-d) }
	list := []bot.Feed{
		{URL: "https://www.technologyreview.com/topic/artificial-intelligence/feed", Title: "MIT Technology Review",
			LastRead: ago(12 * time.Minute), LastSuccess: ago(12 * time.Minute), Added: 3,
			Recent: []string{"OpenAI signs a $10 billion deal for chips", "Older"}},
		{URL: "https://example.com/new.xml"},
		{URL: "https://example.com/quiet.xml", Title: "Quiet feed", LastRead: ago(3 * time.Hour), LastSuccess: ago(3 * time.Hour)},
		{URL: "https://example.com/broken.xml", Title: "Broken feed", LastRead: ago(5 * time.Minute), LastSuccess: ago(72 * time.Hour),
			LastError: "fetch https://example.com/broken.xml: 500 Internal Server Error " + strings.Repeat("and more detail ", 20), Added: 7,
			Recent: []string{"Kept but not shown"}},
		{URL: "https://evil.example/feed", Title: "@everyone <@&123> **bold** `tick` [x](https://evil.example)\n# heading",
			LastRead: ago(40 * 24 * time.Hour), LastError: "<@456> @here ||spoiler|| \x1b[31mred"},
		{URL: "https://evil.example/feed2", Title: "@here feed", LastRead: ago(2 * time.Minute), Added: 1,
			Recent: []string{"<!channel> @everyone _under_ ~~strike~~"}},
	}
	for i := len(list); i < 12; i++ {
		list = append(list, bot.Feed{URL: fmt.Sprintf("https://example.com/%d.xml", i), Title: fmt.Sprintf("Feed %d", i),
			LastRead: ago(time.Duration(i) * time.Hour), Added: i})
	}
	return list
}

// reLink is a whole markdown link to an http(s) URL.
var reLink = regexp.MustCompile(`^\[[^\n]*\]\(https?://[^\s()<>]+\)`)

func TestRenderAtLimits(t *testing.T) {
	d := discord.Render(limitsReply())
	body := marshal(t, d)
	checkMessage(t, body, true)
	if len(d.Embeds) != 1 {
		t.Fatalf("%d embeds, want 1", len(d.Embeds))
	}
	e := d.Embeds[0]
	count := utf8.RuneCountInString
	total := count(e.Title) + count(e.Description) + count(e.Footer.Text)
	for _, f := range e.Fields {
		total += count(f.Name) + count(f.Value)
		// A citation keeps its link whole: only its label is cut.
		if !reLink.MatchString(f.Value) {
			t.Errorf("field value %q does not start with a whole link", f.Value)
		}
	}
	t.Logf("title %d, description %d, %d fields, total %d characters", count(e.Title), count(e.Description), len(e.Fields), total)
	if total > 6000 || total < 5000 {
		t.Errorf("total %d characters: want close to, but within, 6000", total)
	}
	if !strings.HasSuffix(e.Title, "…") {
		t.Errorf("the title was not cut with …: %q", e.Title)
	}
	// Every passage shown is quoted whole up to a cut that ends in "…",
	// never inside an escape or emphasis.
	for _, para := range strings.Split(e.Description, "\n\n") {
		if !strings.HasPrefix(para, "> **[") {
			continue
		}
		if !strings.HasSuffix(para, "…") {
			t.Errorf("a long passage was not cut with …: …%q", para[max(0, len(para)-40):])
		}
		if strings.Count(para, "**")%2 != 0 {
			t.Errorf("unbalanced ** in a cut passage: …%q", para[max(0, len(para)-60):])
		}
		if strings.HasSuffix(strings.TrimSuffix(para, "…"), `\`) {
			t.Errorf("a cut passage ends in a dangling escape")
		}
	}
}

// TestRenderEscapes checks that markdown in corpus and user text shows as
// written, and that nothing can form a mention.
func TestRenderEscapes(t *testing.T) {
	q := "@everyone @here <@123> <@!123> <@&456> <#789> **bold** __u__ ~~s~~ ||spoiler|| `code` [x](https://evil.example) \\ \n> quote\n# head\n-# sub"
	d := discord.Render(bot.Reply{Kind: bot.ReplyNotice, Text: q})
	want := "@\u200beveryone @\u200bhere \\<@\u200b123> \\<@\u200b!123> \\<@\u200b&456> \\<#789> \\*\\*bold\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ " +
		"\\|\\|spoiler\\|\\| \\`code\\` \\[x\\](https://evil.example) \\\\ \n\\> quote\n\\# head\n\\-# sub"
	if d.Content != want {
		t.Errorf("content\n got %q\nwant %q", d.Content, want)
	}
	if d.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("a notice has flags %d, want ephemeral", d.Flags)
	}
	checkMessage(t, marshal(t, d), true)

	// Feeds: their titles, articles and errors come from anyone's server.
	d = discord.RenderAt(bot.Reply{Kind: bot.ReplySources, Feeds: feeds()}, fixedTime)
	checkMessage(t, marshal(t, d), true)
	if len(d.Embeds) != 1 {
		t.Fatalf("%d embeds for feeds alone, want 1", len(d.Embeds))
	}
	desc := d.Embeds[0].Description
	for _, want := range []string{
		"• **@\u200beveryone \\<@\u200b&123> \\*\\*bold\\*\\* \\`tick\\` \\[x\\](https://evil.example) # heading** — read 40 days ago",
		"“\\<!channel> @\u200beveryone \\_under\\_ \\~\\~strike\\~\\~”",
	} {
		if !strings.Contains(desc, want) {
			t.Errorf("feeds lack %q:\n%s", want, desc)
		}
	}
	if strings.Contains(desc, "\x1b") {
		t.Error("a feed's error put a terminal escape code in the message")
	}
}

// handReply is bottest.HandAnswer as of fixedTime, as a reply.
func handReply(confident, withFigure bool) bot.Reply {
	return bot.Reply{Kind: bot.ReplyAnswer, Answer: bottest.HandAnswer(confident, withFigure, fixedTime)}
}

// TestRenderFullAnswerLink: an answer's title links to its full version on
// racebot's page when there is one, and never to anything but http(s).
func TestRenderFullAnswerLink(t *testing.T) {
	r := handReply(true, true)
	if e := discord.Render(r).Embeds[0]; e.URL != "" {
		t.Errorf("without a page the title links to %q", e.URL)
	}
	r.Link = "https://racebot.example.com/ask?q=how+many+GPUs%3F"
	if e := discord.Render(r).Embeds[0]; e.URL != r.Link {
		t.Errorf("title links to %q, want %q", e.URL, r.Link)
	}
	r.Link = "javascript:alert(1)"
	if e := discord.Render(r).Embeds[0]; e.URL != "" {
		t.Errorf("title links to %q", e.URL)
	}
}
