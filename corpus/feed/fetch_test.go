package feed

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzEntries feeds arbitrary bytes through the feed parser and the item
// conversion: no panic, and every item offered has an absolute http(s)
// link and a key of its own.
func FuzzEntries(f *testing.F) {
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json", "malformed.xml", "page.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(rssDoc("x", []testItem{{guid: "g", link: "/rel"}, {link: "javascript:alert(1)"}, {guid: "https://a.example/p"}}))
	base, _ := url.Parse("https://zq9user:zq9pw@feeds.example/ai/feed.xml")
	f.Fuzz(func(t *testing.T, b []byte) {
		gf, err := parseFeed(b)
		if err != nil {
			if strings.HasPrefix(err.Error(), "feed parser failed") {
				t.Fatalf("parser panicked: %v", err)
			}
			return
		}
		keys := map[string]bool{}
		for _, e := range entries(gf, base, base.String()) {
			u, err := url.Parse(e.item.Link)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Fatalf("item link %q is not an absolute http(s) URL", e.item.Link)
			}
			if strings.Contains(e.item.Link, "zq9") || strings.Contains(e.item.FeedURL, "zq9") {
				t.Fatalf("credentials leaked into item: %+v", e.item)
			}
			if e.key == "" || keys[e.key] {
				t.Fatalf("empty or repeated key %q", e.key)
			}
			keys[e.key] = true
		}
	})
}
