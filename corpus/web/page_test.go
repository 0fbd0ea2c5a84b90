package web_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/web"
)

var update = flag.Bool("update", false, "rewrite golden files from the current output")

// noise is text of the test pages that is not article text: consent
// banners, navigation, sign-up boxes, related links, footers.
var noise = []string{
	"cookies", "Accept all", "Podcast", "Newsletters", "Get The Compute Ledger daily", "Sign up", "Subscribe",
	"Share on", "Related stories", "announce Stargate", "All rights reserved", "Advertisement", "Log in", "Most read",
	"Ten gadgets", "published by Example Media", "Maria Okafor", "Home",
}

// pageCases are the saved pages of testdata/pages with what must be read
// from them.
var pageCases = []struct {
	file                       string
	base                       string // where the page was read from; "": nowhere known
	url, title, publisher      string
	author, published, noteFor string
}{
	{"jsonld-graph.html", "https://www.computeledger.example/2025/01/27/nvidia-sheds-589-billion/?utm_source=feed", "https://computeledger.example/2025/01/27/nvidia-sheds-589-billion",
		"Nvidia sheds $589 billion as DeepSeek rattles investors", "Compute Ledger Media", "Maria Okafor", "2025-01-27",
		"JSON-LD @graph with @id references; date in New York time stays the 27th"},
	{"opengraph.html", "http://siliconweekly.example/news/stargate", "https://siliconweekly.example/news/stargate-project-500bn",
		"The Stargate Project: $500bn for AI data centres", "Silicon Weekly", "Daniel Lee", "2025-01-21",
		"Open Graph only; og:url with ?ref= dropped; article:author a URL, so the author meta"},
	{"jsonld-array.html", "", "https://policywire.example/articles/ai-diffusion-rule",
		"What the AI diffusion rule means for chip exports", "PolicyWire", "Priya Raman, Tom Becker", "2025-01-13",
		"JSON-LD as a top-level array, @type as a list, two authors"},
	{"windows-1252.html", "", "https://technik-rundschau.example/ki/europas-ki-fabriken",
		"Europas KI-Fabriken: 20 Milliarden € für Rechenzentren", "Technik Rundschau", "", "2025-02-11",
		"windows-1252 with € and curly quotes, declared in <meta http-equiv>"},
	{"utf8-nocharset.html", "https://saved.example/articles/x?utm_source=newsletter#top", "https://saved.example/articles/x",
		"OpenAI’s o3 costs €10m a year for the largest customers", "Model Margins", "Chloé Martin", "2025-04-17",
		"UTF-8 with no charset named and only ASCII in the first 1024 bytes"},
	{"nodate.html", "https://saved.example/articles/x?utm_source=newsletter#top", "https://saved.example/articles/x",
		"A guide to open-weight models", "saved.example", "", "",
		"no metadata: title from <title>, publisher from the host, no date"},
}

func TestParseHTML(t *testing.T) {
	for _, tc := range pageCases {
		t.Run(tc.file+" from "+tc.base, func(t *testing.T) {
			var base *url.URL
			if tc.base != "" {
				base, _ = url.Parse(tc.base)
			}
			p := parseFile(t, tc.file, base)
			published := ""
			if !p.Published.IsZero() {
				published = p.Published.Format("2006-01-02")
			}
			got := []string{p.URL, p.Title, p.Publisher, p.Author, published}
			want := []string{tc.url, tc.title, tc.publisher, tc.author, tc.published}
			for i, field := range []string{"URL", "Title", "Publisher", "Author", "Published"} {
				if got[i] != want[i] {
					t.Errorf("%s = %q, want %q (%s)", field, got[i], want[i], tc.noteFor)
				}
			}
			for _, n := range noise {
				if strings.Contains(p.Body, n) {
					t.Errorf("body holds page furniture %q", n)
				}
			}
			if !utf8.ValidString(p.Body) || strings.ContainsRune(p.Body, utf8.RuneError) {
				t.Error("body is not clean UTF-8")
			}
			checkGolden(t, strings.TrimSuffix(tc.file, ".html")+".txt", render(p))
		})
	}
}

// TestParseHTMLCanonical checks that a page names its canonical URL for
// its own site only: served from another, it could otherwise cite itself
// as that site, or take the URL of an article already in the corpus so
// that the real one is refused as a duplicate.
func TestParseHTMLCanonical(t *testing.T) {
	tests := []struct{ file, base, want string }{
		{"opengraph.html", "", "https://siliconweekly.example/news/stargate-project-500bn"},
		{"opengraph.html", "http://www.SiliconWeekly.example:8080/s?id=1", "https://siliconweekly.example/news/stargate-project-500bn"},
		{"opengraph.html", "https://mirror.example/copied/stargate?utm_source=x", "https://mirror.example/copied/stargate"},
		{"opengraph.html", "https://siliconweekly.example.mirror.example/news/stargate", "https://siliconweekly.example.mirror.example/news/stargate"},
		{"jsonld-graph.html", "http://127.0.0.1:8080/nvidia", "http://127.0.0.1:8080/nvidia"},
	}
	for _, tt := range tests {
		var base *url.URL
		if tt.base != "" {
			base, _ = url.Parse(tt.base)
		}
		if p := parseFile(t, tt.file, base); p.URL != tt.want {
			t.Errorf("%s read from %q: URL %q, want %q", tt.file, tt.base, p.URL, tt.want)
		}
	}
}

func TestParseHTMLBody(t *testing.T) {
	p := parseFile(t, "jsonld-graph.html", nil)
	// Headings as "## " lines, list items one a line, the title not
	// repeated, paragraphs separated by blank lines.
	for _, want := range []string{
		"\n\n## Why the market reacted\n\n",
		"\n\n- Broadcom fell 17.4%.\n- Oracle fell 13.8%.\n- Taiwan",
		"Nvidia lost about $589 billion of stock market value on Monday,",
	} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, p.Body)
		}
	}
	if strings.Contains(p.Body, "## Nvidia sheds") {
		t.Error("body repeats the title as a heading")
	}
	// The body is in the article format: it splits into the passages it
	// was written as, with the heading and list kept.
	a, body, err := (&web.Page{URL: "https://e.com/a", Title: p.Title, Publisher: "E", Published: p.Published, Body: p.Body}).Article()
	if err != nil {
		t.Fatal(err)
	}
	a.ID = "x"
	data, err := corpus.Marshal(a, body)
	if err != nil {
		t.Fatal(err)
	}
	art, err := corpus.Parse("x.md", data)
	if err != nil {
		t.Fatal(err)
	}
	var headed, listed bool
	for _, ps := range art.Passages {
		headed = headed || ps.Heading == "Why the market reacted"
		listed = listed || strings.Contains(ps.Text, "- Oracle fell 13.8%.")
	}
	if !headed || !listed || len(art.Passages) < 5 {
		t.Fatalf("passages lost the heading or the list: %+v", art.Passages)
	}
}

func TestParseHTMLRefuses(t *testing.T) {
	tests := []struct {
		name string
		html string
		want error
	}{
		{"paywall", readPage(t, "paywall.html"), web.ErrTooShort},
		{"empty", "", web.ErrTooShort},
		{"no article", "<html><body><nav><a href=/>Home</a></nav><p>Hello.</p></body></html>", web.ErrTooShort},
		{"plain text", "This is not HTML at all, only a line of text.", web.ErrTooShort},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := web.ParseHTML(strings.NewReader(tt.html), nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if tt.want == web.ErrTooShort && !strings.Contains(err.Error(), "paywall") {
				t.Errorf("error %q does not say what a short page may be", err)
			}
		})
	}
}

func TestPageArticle(t *testing.T) {
	lm := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	base := web.Page{URL: "https://e.com/a", Title: "T", Publisher: "E", Published: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Body: "Text."}
	tests := []struct {
		name   string
		change func(*web.Page)
		want   error
		date   string
	}{
		{"complete", func(p *web.Page) {}, nil, "2025-01-02"},
		{"date beats Last-Modified", func(p *web.Page) { p.LastModified = lm }, nil, "2025-01-02"},
		{"Last-Modified stands in", func(p *web.Page) { p.Published = time.Time{}; p.LastModified = lm }, nil, "2025-03-04"},
		{"no date", func(p *web.Page) { p.Published = time.Time{} }, web.ErrNoDate, ""},
		{"no title", func(p *web.Page) { p.Title = " " }, web.ErrNoTitle, ""},
		{"no URL", func(p *web.Page) { p.URL = "" }, web.ErrNoURL, ""},
		{"file URL", func(p *web.Page) { p.URL = "file:///tmp/a.html" }, web.ErrNoURL, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			tt.change(&p)
			a, _, err := p.Article()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if err != nil {
				return
			}
			if got := a.Published.Format("2006-01-02"); got != tt.date || a.Kind != corpus.KindArticle ||
				len(a.Sources) != 1 || a.Sources[0].URL != p.URL || a.Sources[0].Publisher != "E" {
				t.Fatalf("article %+v, date %s, want %s", a, got, tt.date)
			}
		})
	}
}

func readPage(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func parseFile(t *testing.T, name string, base *url.URL) *web.Page {
	t.Helper()
	p, err := web.ParseHTML(strings.NewReader(readPage(t, name)), base)
	if err != nil {
		t.Fatalf("ParseHTML(%s): %v", name, err)
	}
	return p
}

// render is a page as its golden file holds it: metadata, then the body.
func render(p *web.Page) string {
	date := ""
	if !p.Published.IsZero() {
		date = p.Published.Format("2006-01-02")
	}
	return fmt.Sprintf("url: %s\ntitle: %s\npublisher: %s\nauthor: %s\npublished: %s\n\n%s\n", p.URL, p.Title, p.Publisher, p.Author, date, p.Body)
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(want, []byte(got)) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// FuzzParseHTML feeds arbitrary bytes to ParseHTML: it must not panic, and
// a page it accepts must have a UTF-8 body with enough text that makes a
// valid article once it has a date.
func FuzzParseHTML(f *testing.F) {
	files, _ := filepath.Glob("testdata/pages/*.html")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("<ul><li><ul><li>" + strings.Repeat("deep nesting of list items and words ", 20) + "</li></ul></li></ul>"))
	f.Add([]byte(`<meta charset="shift_jis"><p>` + strings.Repeat("\x82\xa0 text ", 80)))
	f.Fuzz(func(t *testing.T, data []byte) {
		base, _ := url.Parse("https://fuzz.example/a")
		p, err := web.ParseHTML(bytes.NewReader(data), base)
		if err != nil {
			return
		}
		if !utf8.ValidString(p.Body) || !utf8.ValidString(p.Title) {
			t.Fatal("invalid UTF-8 out")
		}
		if p.Title == "" {
			p.Title = "Fuzz"
		}
		p.Published = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		a, body, err := p.Article()
		if err != nil {
			t.Fatalf("Article: %v", err)
		}
		a.ID = "fuzz"
		data, err = corpus.Marshal(a, body)
		if err != nil {
			t.Fatalf("Marshal of an accepted page: %v", err)
		}
		if _, err := corpus.Parse("fuzz.md", data); err != nil {
			t.Fatalf("Parse of an accepted page: %v", err)
		}
	})
}

func BenchmarkParseHTML(b *testing.B) {
	page := readPage(b, "jsonld-graph.html")
	// A page as news sites serve them: the article wrapped in a few
	// hundred kilobytes of menus, scripts and link lists.
	var pad strings.Builder
	for i := range 400 {
		fmt.Fprintf(&pad, `<li class="menu-item"><a href="/section/%d/">Section %d</a> <span class="count">%d stories</span></li>`, i, i, i*7)
	}
	script := "<script>window.__STATE__=" + strings.Repeat(`{"k":"v","n":[1,2,3]},`, 4000) + "{}</script>"
	heavy := strings.Replace(page, "<main id=\"content\">", "<ul class=\"mega-menu\">"+pad.String()+"</ul>"+script+"<main id=\"content\">", 1)
	heavy = strings.Replace(heavy, "</main>", "</main><ul class=\"more\">"+pad.String()+"</ul>", 1)
	for _, bc := range []struct{ name, page string }{{"article", page}, {"heavy", heavy}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.page)))
			for b.Loop() {
				if _, err := web.ParseHTML(strings.NewReader(bc.page), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
