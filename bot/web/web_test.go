package web

import (
	"context"
	"encoding/base64"
	"flag"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/corpus/figure"
)

// updating is bottest's -update flag: rewrite the golden pages in testdata
// from the current output.
func updating() bool { return flag.Lookup("update").Value.String() == "true" }

// fakeChat answers every request with reply and remembers the requests.
type fakeChat struct {
	mu    sync.Mutex
	reply bot.Reply
	reqs  []bot.Request
}

func (c *fakeChat) Handle(_ context.Context, req bot.Request) bot.Reply {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reqs = append(c.reqs, req)
	return c.reply
}

var now = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

func newServer(t *testing.T, chat bot.Handler) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	New(chat, Options{Now: func() time.Time { return now }}).Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func date(s string) bot.Date {
	t, _ := time.Parse("2006-01-02", s)
	return bot.Date{Time: t}
}

// hostileAnswer is an answer whose every field an article or a question
// could have filled with markup, a script, a javascript: link, text that
// turns right to left, or a huge number.
func hostileAnswer() *bot.Answer {
	text := `DeepSeek has <script>alert("x")</script> about 50,000 GPUs and ` + "\u202e" + `gnp.live` + "\u202c" + ` 1e308 dollars: <img src=x onerror=alert(1)> مرحبا 99999999999999999999999 chips.`
	at := strings.Index(text, "about 50,000 GPUs")
	cite := bot.Citation{Doc: "evil", Paragraph: 2, Title: `"><script>alert(1)</script>`, Publisher: "Evil <b>News</b>",
		URL: "javascript:alert(document.cookie)", Published: date("2025-01-27")}
	good := bot.Citation{Doc: "good", Paragraph: 1, Title: "DeepSeek's GPUs", Publisher: "Livemint",
		URL: "https://www.livemint.com/a?b=1&c=<2>", Published: date("2025-01-31")}
	return &bot.Answer{
		Question: `how many gpus <script>alert(1)</script> ` + "\u202e" + `does deepseek have`,
		Answered: true, Confident: true,
		Passages: []bot.Passage{
			{Citation: cite, Text: text, Highlights: []bot.Span{{Start: 0, End: 8}, {Start: at, End: at + len("about 50,000 GPUs"), Figure: true}}},
			{Citation: good, Text: "A cluster of 2,048 Nvidia H800 GPUs.", Highlights: []bot.Span{{Start: 13, End: 35, Figure: true}}},
		},
		Figures: []bot.Figure{
			figureOf(cite, "about 50,000 GPUs", `Elon <i>Musk</i>`, 50000, "GPUs"),
			figureOf(good, "2,048 Nvidia H800 GPUs", "DeepSeek", 2048, "Nvidia H800 GPUs"),
		},
		Disagreements: nil,
		Took:          3 * time.Millisecond,
	}
}

func figureOf(c bot.Citation, text, claimant string, value float64, counts string) bot.Figure {
	f := bot.Figure{Doc: c.Doc, Paragraph: c.Paragraph, Title: c.Title, Publisher: c.Publisher, URL: c.URL, Published: c.Published}
	f.Text, f.Claimant, f.Kind, f.Value, f.Counts = text, claimant, figure.Count, &value, counts
	return f
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	if _, err := io.Copy(&b, resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp, b.String()
}

// TestPages: each page and outcome, against golden pages.
func TestPages(t *testing.T) {
	closest := hostileAnswer()
	closest.Confident = false
	tests := []struct {
		name, path string
		reply      bot.Reply
		status     int
	}{
		{"home", "/", bot.Reply{}, http.StatusOK},
		{"answer", "/ask?q=how+many+gpus", bot.Reply{Kind: bot.ReplyAnswer, Answer: hostileAnswer()}, http.StatusOK},
		{"closest", "/ask?q=how+many+gpus", bot.Reply{Kind: bot.ReplyAnswer, Answer: closest}, http.StatusOK},
		{"declined", "/ask?q=capital+of+france", bot.Reply{Kind: bot.ReplyAnswer, Answer: &bot.Answer{
			Question: "capital of france", Suggestions: []bot.Suggestion{
				{Doc: "a", Title: "Stargate <b>$500 billion</b>", URL: "https://example.com/a"},
				{Doc: "b", Title: "A link that is not one", URL: "javascript:alert(1)"},
			}}}, http.StatusOK},
		{"limited", "/ask?q=again", bot.Reply{Kind: bot.ReplyNotice, Text: "You are asking quickly: wait 8 seconds.", RetryAfter: 7500 * time.Millisecond}, http.StatusTooManyRequests},
		{"busy", "/ask?q=again", bot.Reply{Kind: bot.ReplyNotice, Text: "racebot is busy.", Busy: true, RetryAfter: 2 * time.Second}, http.StatusServiceUnavailable},
		{"failed", "/ask?q=again", bot.Reply{Kind: bot.ReplyNotice, Text: bot.Apology, Failed: true}, http.StatusInternalServerError},
		{"timeline", "/timeline?q=h20+sales", bot.Reply{Kind: bot.ReplyTimeline, Timeline: &bot.Timeline{Topic: "h20 <script>", Entries: []bot.TimelineEntry{
			{Citation: bot.Citation{Doc: "a", Paragraph: 3, Title: "H20 <b>", Publisher: "Tom's Hardware", URL: "https://example.com/h20", Published: date("2025-08-12")},
				Text: "Nvidia agreed to give the US government 15% of its H20 revenue.", Figures: []string{"15%"}},
			{Citation: bot.Citation{Doc: "b", Paragraph: 1, Title: "Licence", Publisher: "Evil", URL: "javascript:alert(1)", Published: date("2025-04-09")},
				Text: "Exports of the H20 <script>alert(1)</script> now need a licence."},
		}}}, http.StatusOK},
		{"sources", "/sources?q=deepseek", bot.Reply{Kind: bot.ReplySources,
			Sources: []bot.Source{
				{Doc: "a", Title: "DeepSeek <script>", Publisher: "Livemint", URL: "https://example.com/a", Published: date("2025-01-31")},
				{Doc: "b", Title: "", Publisher: "", URL: "data:text/html,<script>alert(1)</script>"},
			},
			Feeds: []bot.Feed{{URL: "https://feeds.example.com/ai.xml", Title: "AI <news>", LastRead: now.Add(-12 * time.Minute), Added: 3, Recent: []string{"Latest <i>item</i>"}}},
		}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, &fakeChat{reply: tt.reply})
			resp, body := get(t, srv.URL+tt.path)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			for k, v := range securityHeaders {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			if tt.reply.RetryAfter > 0 && resp.Header.Get("Retry-After") == "" {
				t.Error("no Retry-After")
			}
			checkHarmless(t, body)
			golden := filepath.Join("testdata", tt.name+".html")
			if updating() {
				if err := os.WriteFile(golden, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if body != string(want) {
				t.Errorf("page differs from %s (go test -update rewrites it; check the diff):\n%s", golden, body)
			}
		})
	}
}

// checkHarmless parses a page as a browser would and fails on anything
// that could run or load from elsewhere: a script element, an event
// handler attribute, a link or source that is not http(s) or the page's
// own, a style attribute.
func checkHarmless(t *testing.T, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "style", "base":
				t.Errorf("page holds a <%s> element", n.Data)
			case "img":
				checkChart(t, n)
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(key, "on"), key == "style", key == "srcdoc":
					t.Errorf("<%s> has a %s attribute", n.Data, a.Key)
				case n.Data == "img" && key == "src":
					// checkChart looks at the image
				case key == "href" || key == "src" || key == "action" || key == "cite":
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if v != "" && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "#") {
						t.Errorf("<%s %s=%q>: not a link to follow", n.Data, a.Key, a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// checkChart checks an <img>: only a chart racebot drew, an SVG given
// inline, with a text alternative, and nothing in it that would run were
// it opened on its own.
func checkChart(t *testing.T, n *html.Node) {
	t.Helper()
	var src, alt string
	for _, a := range n.Attr {
		switch a.Key {
		case "src":
			src = a.Val
		case "alt":
			alt = a.Val
		}
	}
	const prefix = "data:image/svg+xml;base64,"
	if !strings.HasPrefix(src, prefix) || alt == "" {
		t.Errorf("<img src=%.40q alt=%q>: want an SVG chart with a text alternative", src, alt)
		return
	}
	svg, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(src, prefix))
	if err != nil {
		t.Fatal(err)
	}
	bottest.CheckSVG(t, svg)
}

// TestAskRequests: the page asks as the client's address, on a channel of
// its own, with the question as typed; an empty question goes back to the
// question box; one too long to read is refused without asking.
func TestAskRequests(t *testing.T) {
	chat := &fakeChat{reply: bot.Reply{Kind: bot.ReplyAnswer, Answer: hostileAnswer()}}
	mux := http.NewServeMux()
	New(chat, Options{ClientIP: func(*http.Request) string { return "203.0.113.7" }}).Register(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	get(t, srv.URL+"/ask?q=H800+%26+H20%3F")
	get(t, srv.URL+"/sources?q=reuters")
	if len(chat.reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(chat.reqs))
	}
	want := []bot.Request{
		{Platform: "web", User: "203.0.113.7", Channel: "web:203.0.113.7", Command: bot.CommandAsk, Text: "H800 & H20?"},
		{Platform: "web", User: "203.0.113.7", Channel: "web:203.0.113.7", Command: bot.CommandSources, Text: "reuters"},
	}
	for i := range want {
		if chat.reqs[i] != want[i] {
			t.Errorf("request %d = %+v, want %+v", i, chat.reqs[i], want[i])
		}
	}

	resp, _ := get(t, srv.URL+"/ask?q=+++")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Errorf("empty question: %d to %q, want 303 to /", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := get(t, srv.URL+"/ask?q="+strings.Repeat("a", maxQuery+1))
	if resp.StatusCode != http.StatusRequestURITooLong || !strings.Contains(body, "too long") {
		t.Errorf("huge question: %d, want 414 and a notice", resp.StatusCode)
	}
	if len(chat.reqs) != 2 {
		t.Errorf("%d requests after an empty and a huge question, want still 2", len(chat.reqs))
	}
	resp, body = get(t, srv.URL+"/static/racebot.css")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || !strings.Contains(body, "prefers-color-scheme") {
		t.Errorf("style sheet: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp, _ = get(t, srv.URL+"/nothing-here")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown page: %d, want 404", resp.StatusCode)
	}
}

func TestAskURL(t *testing.T) {
	for _, tt := range []struct{ base, q, want string }{
		{"https://racebot.example.com", "How many GPUs?", "https://racebot.example.com/ask?q=How+many+GPUs%3F"},
		{"https://example.com/racebot/", "a&b", "https://example.com/racebot/ask?q=a%26b"},
		{"http://127.0.0.1:8080#x", "x", "http://127.0.0.1:8080/ask?q=x"},
		{"", "x", ""},
		{"javascript:alert(1)", "x", ""},
		{"racebot.example.com", "x", ""},
	} {
		if got := AskURL(tt.base, tt.q); got != tt.want {
			t.Errorf("AskURL(%q, %q) = %q, want %q", tt.base, tt.q, got, tt.want)
		}
	}
}

// FuzzPage: whatever a question, a passage, a title or an address holds,
// the answer page parses to nothing that could run or load.
func FuzzPage(f *testing.F) {
	f.Add("how many gpus", "DeepSeek has 2,048 GPUs.", "Title", "https://example.com", 0, 8)
	f.Add("<script>", "</p><script>alert(1)</script>", "\"><img src=x onerror=1>", "javascript:alert(1)", 3, 40)
	f.Add("\u202e", "مرحبا \x00\xff", "{{.}}", "//evil.example/x", -1, 99)
	f.Fuzz(func(t *testing.T, q, text, title, url string, start, end int) {
		a := &bot.Answer{Question: q, Answered: true, Confident: true, Passages: []bot.Passage{{
			Citation: bot.Citation{Doc: "d", Paragraph: 1, Title: title, Publisher: title, URL: url},
			Text:     text, Highlights: []bot.Span{{Start: start, End: end, Figure: true}},
		}}}
		srv := newServer(t, &fakeChat{reply: bot.Reply{Kind: bot.ReplyAnswer, Answer: a}})
		_, body := get(t, srv.URL+"/ask?q=x")
		checkHarmless(t, body)
	})
}

// TestChartPNG: /chart.png serves the chart of a question's answer, for
// chat platforms that show images by address, within the same limits as
// the page; an answer without a chart is a 404.
func TestChartPNG(t *testing.T) {
	for _, tt := range []struct {
		name   string
		reply  bot.Reply
		status int
	}{
		{"chart", bot.Reply{Kind: bot.ReplyAnswer, Answer: hostileAnswer()}, http.StatusOK},
		{"no chart", bot.Reply{Kind: bot.ReplyAnswer, Answer: &bot.Answer{Question: "x", Answered: true, Confident: true}}, http.StatusNotFound},
		{"declined", bot.Reply{Kind: bot.ReplyAnswer, Answer: &bot.Answer{Question: "x"}}, http.StatusNotFound},
		{"limited", bot.Reply{Kind: bot.ReplyNotice, Text: "wait", RetryAfter: time.Second}, http.StatusTooManyRequests},
	} {
		srv := newServer(t, &fakeChat{reply: tt.reply})
		resp, body := get(t, srv.URL+"/chart.png?q=gpus")
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d", tt.name, resp.StatusCode, tt.status)
			continue
		}
		if tt.status != http.StatusOK {
			continue
		}
		if resp.Header.Get("Content-Type") != "image/png" {
			t.Errorf("%s: Content-Type %q", tt.name, resp.Header.Get("Content-Type"))
		}
		if _, err := png.Decode(strings.NewReader(body)); err != nil {
			t.Errorf("%s: not a PNG: %v", tt.name, err)
		}
	}
}

func TestChartURL(t *testing.T) {
	for _, tt := range []struct{ base, q, want string }{
		{"https://racebot.example.com", "How many GPUs?", "https://racebot.example.com/chart.png?q=How+many+GPUs%3F"},
		{"https://example.com/racebot/", "a&b", "https://example.com/racebot/chart.png?q=a%26b"},
		{"ftp://example.com", "x", ""},
	} {
		if got := ChartURL(tt.base, tt.q); got != tt.want {
			t.Errorf("ChartURL(%q, %q) = %q, want %q", tt.base, tt.q, got, tt.want)
		}
	}
}
