package web

import (
	"html"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
)

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-01-27T21:14:00-05:00", "2025-01-27"},
		{"2025-01-28T02:14:00Z", "2025-01-28"},
		{"2025-01-27T10:00:00.000+0000", "2025-01-27"},
		{"2025-01-27T10:00", "2025-01-27"},
		{"2025-01-27", "2025-01-27"},
		{"2025/01/27", "2025-01-27"},
		{"20250127", "2025-01-27"},
		{"Mon, 27 Jan 2025 10:00:00 GMT", "2025-01-27"},
		{"January 27, 2025", "2025-01-27"},
		{"27 January 2025", "2025-01-27"},
		{" 2025-01-27 09:30:00 ", "2025-01-27"},
		{"1970-01-01", ""}, // before the web: an unset timestamp
		{"2999-01-01", ""}, // the future
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ""
		if d, ok := parseDate(tt.in); ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadMeta(t *testing.T) {
	tests := []struct {
		name, head                                 string
		title, publisher, author, published, canon string
	}{
		{"og beats title", `<title>Long headline of the story | Site</title><meta property="og:title" content="OG headline">`,
			"OG headline", "", "", "", ""},
		{"title without site", `<title>Long headline of the story | Site</title>`, "Long headline of the story", "", "", "", ""},
		{"jsonld beats og", `<meta property="og:title" content="OG"><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD","datePublished":"2025-01-02T03:04:05Z","author":"Ann","publisher":"Pub Co"}</script>`,
			"LD", "Pub Co", "Ann", "2025-01-02", ""},
		{"og:site_name beats jsonld publisher", `<meta property="og:site_name" content="Site"><script type="application/ld+json">{"@type":"Article","publisher":{"name":"Org"}}</script>`,
			"", "Site", "", "", ""},
		{"article:published_time first", `<meta property="article:published_time" content="2025-01-05"><script type="application/ld+json">{"@type":"Article","datePublished":"2025-01-06"}</script>`,
			"", "", "", "2025-01-05", ""},
		{"graph with references", `<script type="application/ld+json"><![CDATA[{"@context":"https://schema.org","@graph":[{"@type":"NewsMediaOrganization","@id":"#o","name":"The Org"},{"@type":"Person","@id":"#p","name":"Pat"},{"@type":["Article","NewsArticle"],"headline":"H","author":[{"@id":"#p"},"Sam"],"publisher":{"@id":"#o"},"mainEntityOfPage":{"@id":"https://www.site.example/story"}}]}]]></script>`,
			"H", "The Org", "Pat, Sam", "", "https://www.site.example/story"},
		{"broken jsonld ignored", `<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><meta property="og:title" content="OG">`,
			"OG", "", "", "", ""},
		{"time element", `</head><body><p>By X <time datetime="2024-12-27T08:00:00+08:00">Dec 27</time></p>`,
			"", "", "", "2024-12-27", ""},
		{"itemprop beats other times", `</head><body><time datetime="2024-01-01">x</time><span itemprop="datePublished" content="2024-12-27"></span>`,
			"", "", "", "2024-12-27", ""},
		{"relative canonical", `<link rel="canonical" href="/a/b?x=1">`, "", "", "", "", "https://site.example/a/b?x=1"},
		{"home page canonical ignored", `<link rel="canonical" href="https://site.example/"><meta property="og:url" content="https://site.example/story-1">`,
			"", "", "", "", "https://site.example/story-1"},
		// A page speaks for its own site only: one on another host would
		// put words in its publisher's mouth, or take an article's URL.
		{"canonical on another site ignored", `<link rel="canonical" href="https://siliconweekly.example/news/story">`, "", "", "", "", ""},
		{"og:url on another site ignored", `<meta property="og:url" content="https://site.example.evil.example/section/story">`, "", "", "", "", ""},
		{"same site, any case, www, scheme or port", `<link rel="canonical" href="http://WWW.Site.Example:8080/story-2">`,
			"", "", "", "", "http://WWW.Site.Example:8080/story-2"},
		{"other site's canonical gives way to own og:url", `<link rel="canonical" href="https://other.example/x"><meta property="og:url" content="https://site.example/story-3">`,
			"", "", "", "", "https://site.example/story-3"},
		{"javascript canonical ignored", `<link rel="canonical" href="javascript:alert(1)">`, "", "", "", "", ""},
		{"author URL ignored", `<meta property="article:author" content="https://facebook.com/x"><meta name="author" content="Real Name">`,
			"", "", "Real Name", "", ""},
	}
	base, _ := url.Parse("https://site.example/section/story")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := xhtml.Parse(strings.NewReader("<html><head>" + tt.head + "</head><body></body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			m := readMeta(doc, base)
			if tt.canon == "" && m.canonical == "" {
				// With no address of its own, a saved page's canonical is
				// all there is to cite, wherever it points.
				if c := readMeta(doc, &url.URL{}).canonical; strings.Contains(tt.name, "another site") && c == "" {
					t.Errorf("canonical dropped with no page URL to compare it with")
				}
			}
			date := ""
			if !m.published.IsZero() {
				date = m.published.Format("2006-01-02")
			}
			got := []string{m.title, m.publisher, m.author, date, m.canonical}
			want := []string{tt.title, tt.publisher, tt.author, tt.published, tt.canon}
			for i, f := range []string{"title", "publisher", "author", "published", "canonical"} {
				if got[i] != want[i] {
					t.Errorf("%s = %q, want %q", f, got[i], want[i])
				}
			}
		})
	}
}

// FuzzReadMeta feeds arbitrary JSON-LD and <meta> values to the metadata
// reader: it must not panic, and must return one-line UTF-8 strings, a
// plausible date and an http(s) canonical URL or none.
func FuzzReadMeta(f *testing.F) {
	f.Add(`{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"H","author":{"@id":"#p"}},{"@id":"#p","name":"P"}]}`, "2025-01-27T10:00:00Z", "/canonical")
	f.Add(`[[[[[[[[[[{"@type":"Article","author":[[[["x"]]]]}]]]]]]]]]]`, "Mon, 02 Jan 2006 15:04:05 MST", "javascript:x")
	f.Add(`{"@type":["Article",1,null],"publisher":{"@id":"#self"},"@id":"#self","name":{"x":1}}`, "99999-01-01", "//other.host/p")
	f.Fuzz(func(t *testing.T, ld, date, canonical string) {
		page := `<html><head><script type="application/ld+json">` + ld + `</script>` +
			`<meta property="article:published_time" content="` + html.EscapeString(date) + `">` +
			`<link rel="canonical" href="` + html.EscapeString(canonical) + `"></head><body><time datetime="` + html.EscapeString(date) + `">t</time></body></html>`
		doc, err := xhtml.Parse(strings.NewReader(page))
		if err != nil {
			return
		}
		base, _ := url.Parse("https://fuzz.example/a/b")
		m := readMeta(doc, base)
		for _, s := range []string{m.title, m.publisher, m.author} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q", s)
			}
		}
		if !m.published.IsZero() && (m.published.Year() < 1990 || m.published.After(time.Now().Add(49*time.Hour))) {
			t.Fatalf("implausible date %v from %q", m.published, date)
		}
		if m.canonical != "" && (!strings.HasPrefix(m.canonical, "http://") && !strings.HasPrefix(m.canonical, "https://") || !sameSite(m.canonical, base)) {
			t.Fatalf("canonical %q", m.canonical)
		}
	})
}

// TestOneLine checks that metadata and text are cleaned as corpus.Marshal
// cleans one-line fields: white space collapsed, control characters (C0,
// DEL, C1), line and paragraph separators and byte-order marks gone.
func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  OpenAI\n\to3  ", "OpenAI o3"},
		{"a\x00b\x1bc\x7fd", "a b c d"},
		{"a\u0090b\u0085c", "a b c"},
		{"line\u2028para\u2029end", "line para end"},
		{"\ufeffTitle\u00a0here", "Title here"},
		{"€10m “quoted”", "€10m “quoted”"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
