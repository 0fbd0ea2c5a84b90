package slack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/bot/slack/slackfake"
	"github.com/racebot/racebot/corpus/figure"
	"github.com/slack-go/slack"
)

// readReply reads a reply captured from the engine over the starter corpus
// (testdata/replies), so that the golden files change only when rendering
// does, not when ranking does.
func readReply(t testing.TB, name string) bot.Reply {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "replies", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var r bot.Reply
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func goldenCases(t testing.TB) map[string]bot.Reply {
	return map[string]bot.Reply{
		"answer":         readReply(t, "answer"),
		"disagreement":   readReply(t, "disagreement"),
		"declined":       readReply(t, "declined"),
		"figures":        readReply(t, "figures"),
		"sources":        readReply(t, "sources"),
		"sources-feeds":  {Kind: bot.ReplySources, Sources: readReply(t, "sources").Sources, Feeds: testFeeds()},
		"help":           {Kind: bot.ReplyHelp, Text: bot.Help},
		"rate-limited":   {Kind: bot.ReplyNotice, RetryAfter: 42 * time.Second, Text: "You are asking faster than I can answer. Please try again in 42 seconds."},
		"failed":         {Kind: bot.ReplyNotice, Failed: true, Text: bot.Apology},
		"hostile":        {Kind: bot.ReplyAnswer, Answer: hostileAnswer()},
		"limits":         {Kind: bot.ReplyAnswer, Answer: hugeAnswer()},
		"closest":        {Kind: bot.ReplyAnswer, Answer: handAnswer(false, false)},
		"closest-figure": {Kind: bot.ReplyAnswer, Answer: handAnswer(false, true)},
	}
}

// goldenNow is when the golden files say feeds were read from.
var goldenNow = time.Date(2026, 11, 28, 13, 56, 0, 0, time.UTC)

// testFeeds are a dozen news feeds as /sources reports them, as of
// goldenNow: read and adding, never read, failing, and two whose title,
// article and error try to ping, link, or break the markup and the line.
func testFeeds() []bot.Feed {
	ago := func(d time.Duration) time.Time { return goldenNow.Add(-d) }
	list := []bot.Feed{
		{URL: "https://www.technologyreview.com/topic/artificial-intelligence/feed", Title: "MIT Technology Review",
			LastRead: ago(12 * time.Minute), LastSuccess: ago(12 * time.Minute), Added: 3,
			Recent: []string{"OpenAI signs a $10 billion deal for chips", "Older"}},
		{URL: "https://example.com/new.xml"},
		{URL: "https://example.com/quiet.xml", Title: "Quiet feed", LastRead: ago(3 * time.Hour), LastSuccess: ago(3 * time.Hour)},
		{URL: "https://example.com/broken.xml", Title: "Broken feed", LastRead: ago(5 * time.Minute), LastSuccess: ago(72 * time.Hour),
			LastError: "fetch https://example.com/broken.xml: 500 Internal Server Error " + strings.Repeat("and more detail ", 20), Added: 7},
		{URL: "https://evil.example/feed", Title: "<!channel> AT&T *bold* _it_ <https://evil.example|click>\n> quote",
			LastRead: ago(40 * 24 * time.Hour), LastError: "<@U024BE7LH> <!here> <!subteam^SAZ94GDB8|team> \x1b[31mred"},
		{URL: "https://evil.example/feed2", Title: "<!everyone> feed", LastRead: ago(2 * time.Minute), Added: 1,
			Recent: []string{"<#C024BE7LH|general> ~strike~ `code`"}},
	}
	for i := len(list); i < 12; i++ {
		list = append(list, bot.Feed{URL: fmt.Sprintf("https://example.com/%d.xml", i), Title: fmt.Sprintf("Feed %d", i),
			LastRead: ago(time.Duration(i) * time.Hour), Added: i})
	}
	return list
}

// hostileAnswer is an answer whose corpus and question text try every way
// to ping, link, or break the markup.
func hostileAnswer() *bot.Answer {
	text := "AT&T said <!channel> and <!here|here> and <!everyone> and <@U024BE7LH> and <#C024BE7LH|general> " +
		"and <!subteam^SAZ94GDB8|team> paid $5*3 = *15* billion_dollars ~maybe~ `code` <https://evil.example|click> > 3 < 4."
	fig := figure.Figure{Text: "$5*3 = *15* billion", Kind: figure.Money, Claimant: "<@U024BE7LH> & co"}
	f := bot.Figure{Figure: fig, Doc: "evil", Paragraph: 2, Title: "Title with <!here> & a | pipe", Publisher: "<!everyone>",
		URL: "https://example.com/a|b>c<d e&f=g"}
	start := strings.Index(text, "$5*3")
	return &bot.Answer{
		Question:  "@everyone <!channel> how many *GPUs* does <@UBOT> have? <https://evil.example|x>",
		Answered:  true,
		Confident: true,
		Passages: []bot.Passage{{
			Citation:   bot.Citation{Doc: "evil", Paragraph: 2, Title: f.Title, Publisher: f.Publisher, URL: f.URL, Published: bot.Date{Time: time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC)}},
			Text:       text,
			Highlights: []bot.Span{{Start: 0, End: 2}, {Start: start, End: start + len(fig.Text), Figure: true}},
		}, {
			Citation: bot.Citation{Doc: "js", Paragraph: 1, Title: "javascript link", Publisher: "x", URL: "javascript:alert(1)"},
			Text:     "A passage whose article's URL is not http.",
		}},
		Figures:      []bot.Figure{f},
		Took:         time.Millisecond,
		IndexUpdated: time.Date(2026, 11, 28, 13, 56, 0, 0, time.UTC),
	}
}

// hugeAnswer is a synthetic answer far beyond Slack's limits: passages,
// figures, claimants, titles and URLs all too long, and too many of them.
func hugeAnswer() *bot.Answer {
	long := func(word string, n int) string { return strings.TrimSpace(strings.Repeat(word+" ", n)) }
	var figs []bot.Figure
	for i := range 30 {
		figs = append(figs, bot.Figure{
			Figure:    figure.Figure{Text: long("$500 billion", 100), Kind: figure.Money, Claimant: long("Claimant", 200), Start: i},
			Doc:       "doc-" + string(rune('a'+i%26)),
			Paragraph: i + 1,
			Title:     long("Title", 300),
			Publisher: long("Publisher", 50),
			URL:       "https://example.com/" + strings.Repeat("p", 2000),
		})
	}
	var passages []bot.Passage
	for i := range 6 {
		text := long("The Stargate venture & partners plan to invest $500 billion in AI infrastructure <soon>.", 60)
		var hl []bot.Span
		for at := 0; at < len(text); at += 90 {
			if j := strings.Index(text[at:], "$500 billion"); j >= 0 {
				hl = append(hl, bot.Span{Start: at + j, End: at + j + len("$500 billion"), Figure: true})
				at += j
			}
		}
		passages = append(passages, bot.Passage{
			Citation:   bot.Citation{Doc: "doc-" + string(rune('a'+i)), Paragraph: i + 1, Title: long("Title", 300), Publisher: "Publisher", URL: "https://example.com/" + strings.Repeat("q", 900)},
			Text:       text,
			Highlights: hl,
		})
	}
	return &bot.Answer{
		Question:      long("how much will Stargate invest", 40),
		Answered:      true,
		Confident:     true,
		Passages:      passages,
		Figures:       figs,
		Disagreements: []bot.Disagreement{{About: long("USD", 100), Figures: figs}, {About: "USD", Figures: figs[:12]}, {Figures: figs[:3]}, {Figures: figs[:3]}},
		Took:          1234567 * time.Nanosecond,
		IndexUpdated:  time.Date(2026, 11, 28, 13, 56, 0, 0, time.UTC),
	}
}

// TestRenderClosest checks that closest passages read differently from an
// answer, and only by the hedge and the figures' heading: the same
// passages, figures and citations are shown.
func TestRenderClosest(t *testing.T) {
	hedge := "_" + escapeText(bot.Hedge) + "_"
	for _, withFigure := range []bool{false, true} {
		sure := bot.Reply{Kind: bot.ReplyAnswer, Answer: handAnswer(true, withFigure)}
		closest := bot.Reply{Kind: bot.ReplyAnswer, Answer: handAnswer(false, withFigure)}
		sureMsg, closestMsg := render(sure, nil), render(closest, nil)
		checkLimits(t, closestMsg.Text, closestMsg.Blocks)
		texts := func(m message) []string {
			var out []string
			for _, b := range m.Blocks {
				if sec, ok := b.(*slack.SectionBlock); ok && sec.Text != nil {
					out = append(out, sec.Text.Text)
				}
			}
			return out
		}
		// The answer's sections with the hedge right under the question
		// and the figures headed as ones that may help.
		got, sureTexts := texts(closestMsg), texts(sureMsg)
		want := []string{sureTexts[0], hedge}
		for _, w := range sureTexts[1:] {
			want = append(want, strings.Replace(w, "*Figures:*", "*Figures that may help:*", 1))
		}
		if !slices.Equal(got, want) {
			t.Errorf("closest passages' sections\n got %q\nwant %q", got, want)
		}
		if slices.Contains(sureTexts, hedge) {
			t.Errorf("a confident answer is hedged: %q", sureTexts)
		}
		if !strings.HasPrefix(closestMsg.Text, escapeText(bot.Hedge)+" ") {
			t.Errorf("the fallback of closest passages does not open with the hedge: %q", closestMsg.Text)
		}
		if strings.Contains(sureMsg.Text, escapeText(bot.Hedge)) {
			t.Errorf("the fallback of a confident answer is hedged: %q", sureMsg.Text)
		}
	}

	// Far over Slack's limits, the hedge is kept: passages and figures
	// give way, never the sentence that says they may not answer.
	a := hugeAnswer()
	a.Confident = false
	m := render(bot.Reply{Kind: bot.ReplyAnswer, Answer: a}, nil)
	checkLimits(t, m.Text, m.Blocks)
	if sec, ok := m.Blocks[1].(*slack.SectionBlock); !ok || sec.Text == nil || sec.Text.Text != hedge {
		t.Errorf("closest passages over the limits lost the hedge: second block %#v", m.Blocks[1])
	}
}

func TestRenderGolden(t *testing.T) {
	for name, r := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			blocks := renderAt(r, inferShare(r, true), goldenNow).Blocks
			checkLimits(t, fallback(r), blocks)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false) // keep < and > readable in the golden files
			enc.SetIndent("", "  ")
			if err := enc.Encode(message{Text: fallback(r), Blocks: blocks}); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", "render", name+".json")
			bottest.Golden(t, path, got)
		})
	}
}

// checkLimits asserts that a message is within every one of Slack's limits
// and holds nothing that could ping, both by racebot's own accounting and
// by the fake Slack's validation.
func checkLimits(t testing.TB, text string, blocks []slack.Block) {
	t.Helper()
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	if err := slackfake.ValidateMessage(text, raw); err != nil {
		t.Fatalf("Slack would refuse the message: %v", err)
	}
	if text == "" || count(text) > maxFallback {
		t.Errorf("fallback text of %d characters", count(text))
	}
	if len(blocks) == 0 || len(blocks) > maxBlocks {
		t.Errorf("%d blocks", len(blocks))
	}
	total := 0
	add := func(o *slack.TextBlockObject, limit int, what string) {
		if o == nil {
			return
		}
		n := count(o.Text)
		total += n
		if n > limit {
			t.Errorf("%s of %d characters, more than %d", what, n, limit)
		}
		if !utf8.ValidString(o.Text) {
			t.Errorf("%s is not valid UTF-8", what)
		}
	}
	for _, b := range blocks {
		if len(b.ID()) > 255 {
			t.Errorf("block_id of %d characters", len(b.ID()))
		}
		switch b := b.(type) {
		case *slack.SectionBlock:
			add(b.Text, maxSectionText, "section text")
			if len(b.Fields) > maxFields {
				t.Errorf("%d fields", len(b.Fields))
			}
			for _, f := range b.Fields {
				add(f, maxFieldText, "field")
			}
		case *slack.ContextBlock:
			if n := len(b.ContextElements.Elements); n == 0 || n > maxContextElem {
				t.Errorf("context of %d elements", n)
			}
			for _, e := range b.ContextElements.Elements {
				add(e.(*slack.TextBlockObject), maxContextText, "context element")
			}
		case *slack.ActionBlock:
			for _, e := range b.Elements.ElementSet {
				btn := e.(*slack.ButtonBlockElement)
				if count(btn.Value) > maxButtonValue {
					t.Errorf("button value of %d characters", count(btn.Value))
				}
				add(btn.Text, 75, "button text")
			}
		default:
			t.Errorf("unexpected block %T", b)
		}
	}
	if total > maxMessageText {
		t.Errorf("%d characters of text in all, more than %d", total, maxMessageText)
	}
}

func TestRenderAtLimits(t *testing.T) {
	a := hugeAnswer()
	blocks := renderBlocks(bot.Reply{Kind: bot.ReplyAnswer, Answer: a}, true)
	checkLimits(t, fallback(bot.Reply{Kind: bot.ReplyAnswer, Answer: a}), blocks)
	raw, _ := json.Marshal(blocks)
	s := string(raw)
	// What must survive however long the rest: the first passage (cut),
	// the footer and the button.
	for _, want := range []string{"*[1]*", "index as of 2026-11-28 13:56 UTC", "answered in 1.2ms", shareLabel, "…"} {
		if !strings.Contains(s, want) {
			t.Errorf("rendered blocks lack %q", want)
		}
	}
	// Bold stays balanced in every text: an even number of *.
	for _, b := range blocks {
		if sec, ok := b.(*slack.SectionBlock); ok && sec.Text != nil && strings.Count(sec.Text.Text, "*")%2 != 0 {
			t.Errorf("unbalanced bold in %q", Truncate(sec.Text.Text, 200))
		}
	}

	// Many sources: the list is cut and says how many more there are.
	var sources []bot.Source
	for i := range 500 {
		sources = append(sources, bot.Source{Doc: "d", Title: strings.Repeat("Long title ", 30), Publisher: "P", URL: "https://example.com/" + strings.Repeat("x", i)})
	}
	r := bot.Reply{Kind: bot.ReplySources, Sources: sources}
	blocks = renderBlocks(r, true)
	checkLimits(t, fallback(r), blocks)
	raw, _ = json.Marshal(blocks)
	if !regexp.MustCompile(`_…and \d+ more: /sources [^_]*_`).Match(raw) {
		t.Error("a cut list of sources does not say how many more there are, and how to narrow it")
	}

	// A help text longer than a section is split across sections.
	r = bot.Reply{Kind: bot.ReplyHelp, Text: strings.Repeat("word ", 5000)}
	checkLimits(t, fallback(r), renderBlocks(r, true))
}

// TestRenderHugeText renders a megabyte of help and notice text, in shapes
// that once made the builder rescan the whole text for every section: it
// must take milliseconds, not seconds, and stay within Slack's limits.
func TestRenderHugeText(t *testing.T) {
	const mb = 1 << 20
	texts := map[string]string{
		"words":      strings.Repeat("word ", mb/5),
		"no spaces":  strings.Repeat("x", mb),
		"paragraphs": strings.Repeat("A short paragraph.\n\n", mb/20),
		"escapes":    strings.Repeat("& < > ", mb/6),
		"multibyte":  strings.Repeat("数字 ", mb/7),
		"one line":   strings.Repeat("line\n", mb/5),
	}
	for name, text := range texts {
		for _, kind := range []bot.ReplyKind{bot.ReplyHelp, bot.ReplyNotice} {
			r := bot.Reply{Kind: kind, Text: text}
			start := time.Now()
			m := render(r, nil)
			took := time.Since(start)
			checkLimits(t, m.Text, m.Blocks)
			// Generous for -race and a busy machine; the quadratic version
			// took seconds.
			if took > 500*time.Millisecond {
				t.Errorf("%s (kind %d): rendering %d bytes took %v", name, kind, len(text), took)
			}
		}
	}
}

// Truncate is bot.Truncate, for messages.
func Truncate(s string, n int) string { return bot.Truncate(s, n) }

func TestRenderHostileText(t *testing.T) {
	r := bot.Reply{Kind: bot.ReplyAnswer, Answer: hostileAnswer()}
	blocks := renderBlocks(r, true)
	checkLimits(t, fallback(r), blocks)
	raw, _ := json.Marshal(blocks)
	var doc any
	json.Unmarshal(raw, &doc)
	var all []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			all = append(all, v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(doc)
	s := strings.Join(all, "\n")
	for _, want := range []string{
		"AT&amp;T",              // & escaped
		"&lt;!channel&gt;",      // no mention
		"&lt;@U024BE7LH&gt;",    // no user mention
		"&gt; 3 &lt; 4",         // comparisons survive as text
		"*$5∗3 = ∗15∗ billion*", // a * in a figure cannot break its bold
		"billionˍdollars",       // nor can _ start italics
		"<https://example.com/a%7Cb%3Ec%3Cd%20e&amp;f=g|", // a URL cannot break out of its link
		"Title with &lt;!here&gt; &amp; a ∣ pipe",         // nor a title
		"x: “javascript link”",                            // a javascript: URL is not linked
		"*AT&amp;T*",                                      // a highlight inside a word widens to the word
	} {
		if !strings.Contains(s, want) {
			t.Errorf("rendered text lacks %q", want)
		}
	}
	if strings.Contains(s, "<javascript:") || strings.Contains(s, "<https://evil") {
		t.Error("a link from the corpus or the question became a link")
	}

	// Feeds: their titles, articles and errors come from anyone's server.
	r = bot.Reply{Kind: bot.ReplySources, Sources: []bot.Source{{Doc: "d", Title: "T", URL: "https://example.com/"}}, Feeds: testFeeds()}
	blocks = renderAt(r, nil, goldenNow).Blocks
	checkLimits(t, fallback(r), blocks)
	raw, _ = json.Marshal(blocks)
	json.Unmarshal(raw, &doc)
	all = nil
	walk(doc)
	s = strings.Join(all, "\n")
	for _, want := range []string{
		"*&lt;!channel&gt; AT&amp;T ∗bold∗ ˍitˍ &lt;https://evil.example|click&gt; &gt; quote*", // one line, in bold, inert
		"“&lt;#C024BE7LH|general&gt; ∼strike∼ ˋcodeˋ”",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("rendered feeds lack %q", want)
		}
	}
	if strings.Contains(s, "\x1b") {
		t.Error("a feed's error put a terminal escape code in the message")
	}
}

func TestEscapeAndLinks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a & b < c > d", "a &amp; b &lt; c &gt; d"},
		{"<!channel>", "&lt;!channel&gt;"},
		{"*bold* _it_ ~st~ `code`", "∗bold∗ ˍitˍ ∼st∼ ˋcodeˋ"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	links := []struct{ url, label, want string }{
		{"https://example.com/x?a=1&b=2", "A & B", "<https://example.com/x?a=1&amp;b=2|A &amp; B>"},
		{"https://example.com/a|b", "t", "<https://example.com/a%7Cb|t>"},
		{"https://example.com/a>b<c", "t", "<https://example.com/a%3Eb%3Cc|t>"},
		{"https://example.com/a b", "a|b", "<https://example.com/a%20b|a∣b>"},
		{"HTTPS://Example.com/A", "t", "<https://Example.com/A|t>"},
		{"javascript:alert(1)", "t", "t"},
		{"slack://open", "<!here>", "&lt;!here&gt;"},
		{"", "plain", "plain"},
		{"https://example.com/", "", "<https://example.com/|example.com>"},
	}
	for _, tt := range links {
		if got := link(tt.url, tt.label, 2000); got != tt.want {
			t.Errorf("link(%q, %q) = %q, want %q", tt.url, tt.label, got, tt.want)
		}
	}
}

func TestCutAtWordBoundaries(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"the quick brown fox", 12, "the quick…"},
		{"a & b & c & d", 10, "a &amp; b…"},
		{"unbreakable", 6, "unbre…"},
	}
	for _, tt := range tests {
		got := escapeCut(tt.in, tt.limit)
		if got != tt.want || count(got) > tt.limit {
			t.Errorf("escapeCut(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
	}
}

func TestPassageHighlights(t *testing.T) {
	p := func(text string, spans ...bot.Span) bot.Passage { return bot.Passage{Text: text, Highlights: spans} }
	tests := []struct {
		name string
		p    bot.Passage
		want string
	}{
		{"figure", p("has about 50,000 GPUs.", bot.Span{Start: 4, End: 21, Figure: true}), "has *about 50,000 GPUs*."},
		{"inside a word", p("DeepSeek's H800s", bot.Span{Start: 0, End: 8}, bot.Span{Start: 11, End: 15}), "*DeepSeek's H800s*"},
		{"apart", p("DeepSeek's own H800s", bot.Span{Start: 0, End: 8}, bot.Span{Start: 15, End: 19}), "*DeepSeek's* own *H800s*"},
		{"punctuation stays out", p("(about $5.6 million),", bot.Span{Start: 1, End: 19}), "(*about $5.6 million*),"},
		{"dollar sign joins", p("cost $5.6 million", bot.Span{Start: 6, End: 17}), "cost *$5.6 million*"},
		{"touching highlights merge", p("H100s GPUs", bot.Span{Start: 0, End: 4}, bot.Span{Start: 4, End: 5}), "*H100s* GPUs"},
		{"spaces trimmed", p("a  big  b", bot.Span{Start: 1, End: 8}), "a  *big*  b"},
		{"no bold across lines", p("one\ntwo", bot.Span{Start: 0, End: 7}), "one\ntwo"},
		{"bad offsets skipped", p("text", bot.Span{Start: 3, End: 99}, bot.Span{Start: 2, End: 1}), "text"},
		{"offset inside a rune", p("café GPUs", bot.Span{Start: 4, End: 10}), "*café GPUs*"},
	}
	for _, tt := range tests {
		if got := passageText(tt.p, 3000); got != tt.want {
			t.Errorf("%s: passageText = %q, want %q", tt.name, got, tt.want)
		}
	}
	// Cut: never inside bold, always ending in "…", within the limit.
	long := p(strings.Repeat("word ", 50)+"has about 50,000 GPUs and more", bot.Span{Start: 254, End: 271, Figure: true})
	for limit := 1; limit < 300; limit++ {
		got := passageText(long, limit)
		if count(got) > limit || strings.Count(got, "*")%2 != 0 {
			t.Fatalf("passageText(limit %d) = %q", limit, got)
		}
	}
}

func TestShareValue(t *testing.T) {
	req := &bot.Request{Command: bot.CommandFigures, Text: "a <b> & c: d"}
	v := shareValue(req, true)
	if strings.ContainsAny(v, "<>") {
		t.Errorf("share value %q holds < or >", v)
	}
	cmd, text, ok := parseShareValue(v)
	if !ok || cmd != bot.CommandFigures || text != req.Text {
		t.Errorf("parseShareValue(%q) = %q, %q, %v", v, cmd, text, ok)
	}
	if v := shareValue(&bot.Request{Command: bot.CommandAsk, Text: strings.Repeat("<", 600)}, true); v != "" {
		t.Errorf("a value over 2,000 characters once escaped was kept: %d characters", count(v))
	}
	for _, v := range []string{"", "help:", "frobnicate:x", "no colon"} {
		if _, _, ok := parseShareValue(v); ok {
			t.Errorf("parseShareValue(%q) accepted it", v)
		}
	}
}

// FuzzRender renders arbitrary answers and checks that every message stays
// within Slack's limits, is valid UTF-8, and holds no pingable token. Seeds
// are under testdata/fuzz/FuzzRender.
func FuzzRender(f *testing.F) {
	f.Add("How many GPUs?", "DeepSeek has about 50,000 GPUs.", 11, 28, "about 50,000 GPUs", "Alexandr Wang", "https://example.com/a", "Title", "GPUs", uint8(3))
	f.Add("<!channel> @everyone", "<@U1> & <!here> *x* _y_", 0, 5, "<!everyone>", "<@U2>", "https://e.com/|>", "<#C1>", "", uint8(1))
	f.Fuzz(func(t *testing.T, question, text string, start, end int, figText, claimant, url, title, about string, n uint8) {
		var passages []bot.Passage
		var figs []bot.Figure
		for i := range int(n%8) + 1 {
			passages = append(passages, bot.Passage{
				Citation:   bot.Citation{Doc: title, Paragraph: i, Title: title, Publisher: claimant, URL: url},
				Text:       strings.Repeat(text, i+1),
				Highlights: []bot.Span{{Start: start, End: end, Figure: true}, {Start: end + 1, End: end + 1 + i}},
			})
			figs = append(figs, bot.Figure{Figure: figure.Figure{Text: strings.Repeat(figText, i+1), Claimant: claimant, Start: i}, Doc: title, Paragraph: i, Title: title, Publisher: claimant, URL: url})
		}
		answers := []*bot.Answer{
			{Question: question, Answered: true, Confident: true, Passages: passages, Figures: figs, Disagreements: []bot.Disagreement{{About: about, Figures: figs}}},
			{Question: question, Answered: true, Message: bot.Hedge, Passages: passages, Figures: figs, Disagreements: []bot.Disagreement{{About: about, Figures: figs}}},
			{Question: question, Message: text, Suggestions: []bot.Suggestion{{Title: title, URL: url}}},
		}
		replies := []bot.Reply{
			{Kind: bot.ReplySources, Sources: []bot.Source{{Title: title, Publisher: claimant, URL: url}}},
			{Kind: bot.ReplySources, Feeds: fuzzFeeds(title, url, text, question, int(n))},
			{Kind: bot.ReplyHelp, Text: strings.Repeat(text, int(n))},
			{Kind: bot.ReplyNotice, Text: question, Failed: n%2 == 0},
		}
		for _, a := range answers {
			replies = append(replies, bot.Reply{Kind: bot.ReplyAnswer, Answer: a})
		}
		for _, r := range replies {
			for _, private := range []bool{true, false} {
				checkLimits(t, fallback(r), renderBlocks(r, private))
			}
		}
	})
}

// fuzzFeeds are n feeds made of fuzzed strings: every other one failing.
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

func TestStripMention(t *testing.T) {
	for _, tc := range []struct{ text, bot, want string }{
		{"<@UBOT> how many GPUs?", "UBOT", "how many GPUs?"},
		{"<@UBOT|racebot> how many GPUs?", "UBOT", "how many GPUs?"},
		{"hey <@UBOT>, ask <@UOTHER> too", "UBOT", "hey  , ask <@UOTHER> too"},
		{"<@UOTHER> <@UBOT> hi", "UBOT", "<@UOTHER>   hi"},
		{"<@UBOT> hi", "", "hi"},
		{"hi <@UBOT>", "", "hi <@UBOT>"},
	} {
		if got := stripMention(tc.text, tc.bot); got != tc.want {
			t.Errorf("stripMention(%q, %q) = %q, want %q", tc.text, tc.bot, got, tc.want)
		}
	}
}

// renderBlocks renders r as the adapters do, inferring what a private
// reply's Share in channel button re-asks.
func renderBlocks(r bot.Reply, private bool) []slack.Block {
	return renderAt(r, inferShare(r, private), time.Now()).Blocks
}

// inferShare is what the Share in channel button of a private reply
// re-asks, as far as the reply tells: nil when the reply is not private.
func inferShare(r bot.Reply, private bool) *bot.Request {
	if !private {
		return nil
	}
	if r.Answer != nil {
		return &bot.Request{Command: bot.CommandAsk, Text: r.Answer.Question}
	}
	return &bot.Request{Command: bot.CommandSources}
}

// handAnswer is bottest.HandAnswer as of goldenNow.
func handAnswer(confident, withFigure bool) *bot.Answer {
	return bottest.HandAnswer(confident, withFigure, goldenNow)
}

// TestRenderFullAnswerLink: an answer's footer links to its full version
// on racebot's page when there is one.
func TestRenderFullAnswerLink(t *testing.T) {
	r := bot.Reply{Kind: bot.ReplyAnswer, Answer: handAnswer(true, true)}
	footer := func(m message) string {
		var out string
		for _, b := range m.Blocks {
			if c, ok := b.(*slack.ContextBlock); ok {
				for _, e := range c.ContextElements.Elements {
					if t, ok := e.(*slack.TextBlockObject); ok {
						out += t.Text + " "
					}
				}
			}
		}
		return out
	}
	if f := footer(render(r, nil)); strings.Contains(f, "Full answer") {
		t.Errorf("without a page the footer links: %s", f)
	}
	r.Link = "https://racebot.example.com/ask?q=a&b"
	m := render(r, nil)
	checkLimits(t, m.Text, m.Blocks)
	if f := footer(m); !strings.Contains(f, "<https://racebot.example.com/ask?q=a&amp;b|Full answer>") {
		t.Errorf("footer does not link to the full answer: %s", f)
	}
}
