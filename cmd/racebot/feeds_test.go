package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/feed"
	"github.com/racebot/racebot/corpus/ingest"
	"github.com/racebot/racebot/corpus/web"
)

// newsPage is a news article page as a publisher serves it: metadata in
// JSON-LD, navigation and a cookie banner around the text.
func newsPage(title, published, text string) string {
	var paras strings.Builder
	for p := range strings.SplitSeq(text, "\n") {
		fmt.Fprintf(&paras, "<p>%s</p>\n", p)
	}
	return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>` + title + ` | Compute Ledger</title>
<meta property="og:site_name" content="Compute Ledger">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"` + title +
		`","datePublished":"` + published + `","publisher":{"@type":"Organization","name":"Compute Ledger"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/ai">AI</a> <a href="/chips">Chips</a> <a href="/subscribe">Subscribe</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>` + title + `</h1>
` + paras.String() + `</article>
<footer>© Compute Ledger. All rights reserved.</footer></body></html>`
}

// feedSite is a publisher with an RSS feed whose first item links to a
// readable page and whose second links to a paywalled page but carries its
// full text in the feed, and a feed that always fails.
func feedSite(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var broken atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/2025/11/20/zephyrion-quokka", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, newsPage("Zephyrion switches on its Quokka-9 cluster", "2025-11-20T09:30:00-05:00",
			"Zephyrion Labs said on Thursday that its Quokka-9 training cluster now holds 48,000 accelerators, "+
				"making it one of the largest privately owned AI clusters in Europe. The company said the cluster "+
				"draws about 70 megawatts at full load and was built in eleven months.\n"+
				"Chief executive Mira Vatanen said Zephyrion would rent spare capacity to universities at cost, "+
				"and that a second site near Oulu was being planned for 2027."))
	})
	mux.HandleFunc("/2025/11/21/paywalled-bramblecore", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Subscribe</title></head><body><article><p>Subscribe to read.</p></article></body></html>`)
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>AI | Compute Ledger</title><link>http://`+r.Host+`/</link><description>AI news</description>
<item><title>Zephyrion switches on its Quokka-9 cluster</title>
<link>http://`+r.Host+`/2025/11/20/zephyrion-quokka?utm_source=rss</link>
<guid>zephyrion-quokka</guid><pubDate>Thu, 20 Nov 2025 14:30:00 GMT</pubDate>
<description>Zephyrion's cluster now holds 48,000 accelerators.</description></item>
<item><title>Bramblecore raises money for its inference chips</title>
<link>http://`+r.Host+`/2025/11/21/paywalled-bramblecore</link>
<guid>bramblecore</guid><pubDate>Fri, 21 Nov 2025 10:00:00 GMT</pubDate>
<description>Bramblecore raised money.</description>
<content:encoded><![CDATA[<p>Bramblecore, a Helsinki start-up that designs inference chips, said on Friday it had raised $310 million from a group of Nordic pension funds.</p>
<p>The company said the money would pay for a first production run of its Thimble accelerator, which it expects to ship to cloud customers in the second half of 2026.</p>
<p>Chief executive Onni Lahtela said Bramblecore had 140 employees and planned to double that within two years.</p>]]></content:encoded></item>
</channel></rss>`)
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		broken.Add(1)
		http.Error(w, "upstream exploded", http.StatusInternalServerError)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &broken
}

// TestServeFeeds: racebot serve --feeds adds a feed's items to a new corpus
// folder (which first gets the starter articles), answers from them, keeps
// going past a feed that fails, and shows it all on /metrics and in the
// state file that racebot sources reads.
func TestServeFeeds(t *testing.T) {
	site, broken := feedSite(t)
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	indexDir := filepath.Join(dir, "index")
	feeds := filepath.Join(dir, "feeds.txt")
	writeFile(t, feeds, "# AI news\n"+site.URL+"/feed.xml\n"+site.URL+"/broken.xml  # always fails\n")

	l := serveLive(t, "--index", indexDir, "--corpus", corpusDir, "--feeds", feeds, "--feed-spread", "1ms")

	// Waiting for a first read, a page fetch, the watcher and an index
	// update takes longer than the five seconds of a local edit.
	l.untilWithin(t, 30*time.Second, "article from the feed's page", "how many accelerators does the zephyrion quokka-9 cluster hold",
		func(p string) bool { return strings.Contains(p, "48,000 accelerators") })
	l.untilWithin(t, 30*time.Second, "article from the feed's own text", "how much did bramblecore raise",
		func(p string) bool { return strings.Contains(p, "$310 million") })
	if got, _ := l.ask("how many GPUs does DeepSeek have"); !strings.Contains(got, "50,000") {
		t.Errorf("the starter articles were not kept beside the feed's:\n%s", got)
	}

	// Each item became one article, citing the page it came from (the
	// tracking parameter dropped), and nothing else was written.
	files, err := corpus.Scan(t.Context(), os.DirFS(corpusDir))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 19+2 {
		t.Errorf("corpus holds %d files, want the 19 starter articles and 2 from the feed", len(files))
	}
	var urls []string
	for _, f := range files {
		a, err := corpus.Read(os.DirFS(corpusDir), f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(a.Cite().URL, site.URL) {
			urls = append(urls, a.Cite().URL+" "+a.Cite().Publisher+" "+a.Published.Format(time.DateOnly))
		}
	}
	for _, want := range []string{
		site.URL + "/2025/11/20/zephyrion-quokka Compute Ledger 2025-11-20",
		site.URL + "/2025/11/21/paywalled-bramblecore Compute Ledger 2025-11-21",
	} {
		if !strings.Contains(strings.Join(urls, "\n"), want) {
			t.Errorf("no article citing %q; feed articles cite:\n%s", want, strings.Join(urls, "\n"))
		}
	}
	leftovers, _ := fs.Glob(os.DirFS(corpusDir), ".*")
	if len(leftovers) > 0 {
		t.Errorf("temporary files left in the corpus folder: %v", leftovers)
	}

	// The failing feed was tried, is reported, and stopped nothing.
	if broken.Load() == 0 {
		t.Error("the failing feed was never read")
	}
	if got := l.metric(t, "racebot_feed_articles_added_total"); got != 2 {
		t.Errorf("racebot_feed_articles_added_total = %v, want 2", got)
	}
	if got := l.metric(t, `racebot_feed_reads_total{feed="`+site.URL+`/broken.xml",outcome="error"}`); got < 1 {
		t.Errorf("the failing feed's reads are not counted as errors on /metrics")
	}
	if got := l.metric(t, `racebot_feed_consecutive_failures{feed="`+site.URL+`/broken.xml"}`); got < 1 {
		t.Errorf("the failing feed's failures are not on /metrics")
	}

	// The state file says what each feed did, for racebot sources.
	deadline := time.Now().Add(30 * time.Second)
	for {
		sts, err := feed.LoadStatus(filepath.Join(indexDir, feedStateFile))
		if err == nil && len(sts) == 2 && (sts[0].Added == 2 || sts[1].Added == 2) {
			for _, st := range sts {
				if strings.HasSuffix(st.URL, "/broken.xml") && (st.LastError == "" || st.Failures == 0) {
					t.Errorf("failing feed's status %+v says nothing of its failure", st)
				}
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("state file not written with both feeds: %v %+v", err, sts)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestServeFeedsRefusesBadConfig: mistakes in --feeds are reported before
// anything starts, with the file and line.
func TestServeFeedsRefusesBadConfig(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	writeFile(t, bad, "https://example.com/feed.xml\nftp://example.com/feed\n")
	empty := filepath.Join(dir, "empty.txt")
	writeFile(t, empty, "# nothing yet\n")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no corpus folder", []string{"serve", "--feeds", bad}, "--feeds adds articles to a corpus folder"},
		{"bad line", []string{"serve", "--corpus", filepath.Join(dir, "c"), "--feeds", bad}, "bad.txt:2"},
		{"no feed", []string{"serve", "--corpus", filepath.Join(dir, "c"), "--feeds", empty}, "lists no feed"},
		{"missing file", []string{"serve", "--corpus", filepath.Join(dir, "c"), "--feeds", filepath.Join(dir, "nope.txt")}, "nope.txt"},
		{"interval too short", []string{"serve", "--corpus", filepath.Join(dir, "c"), "--feeds", bad, "--feed-interval", "10s"}, "--feed-interval 10s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr strings.Builder
			args := append(tt.args, "--index", filepath.Join(dir, "index"), "--addr", "127.0.0.1:0")
			code := run(t.Context(), args, strings.NewReader(""), &strings.Builder{}, &stderr)
			if code == 0 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want a failure naming %q", code, stderr.String(), tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "index")); err == nil {
				t.Errorf("an index was built despite the bad configuration")
			}
		})
	}
}

// untilWithin asks q until the passages satisfy ok, within wait: the
// issue's five seconds for an edit (until), longer for changes that begin
// with a feed read or a page fetch.
func (l *live) untilWithin(t *testing.T, wait time.Duration, what, q string, ok func(passages string) bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		got, err := l.ask(q)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if ok(got) {
			t.Logf("%s: visible after %v", what, wait-time.Until(deadline).Round(time.Millisecond))
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not visible in answers within %v; last passages:\n%s", what, wait, got)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestFeedAdderRefusesPrivateAddresses: a feed may not make racebot fetch,
// and quote, a page on a private address of another host — not directly,
// not through a redirect — while a feed on a private host may name pages
// on that same host.
func TestFeedAdderRefusesPrivateAddresses(t *testing.T) {
	site, _ := feedSite(t)
	_, port, _ := strings.Cut(strings.TrimPrefix(site.URL, "http://"), ":")
	page := "/2025/11/20/zephyrion-quokka"
	mux := http.NewServeMux()
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, site.URL+page, http.StatusFound)
	})
	redirector := httptest.NewServer(mux)
	t.Cleanup(redirector.Close)
	_, rport, _ := strings.Cut(strings.TrimPrefix(redirector.URL, "http://"), ":")

	tests := []struct {
		name, feedURL, link string
		refused             bool
	}{
		{"a public feed naming a loopback page", "https://news.example/feed.xml", site.URL + page, true},
		{"a redirect to another private host", "http://localhost:" + rport + "/feed.xml", "http://localhost:" + rport + "/away", true},
		{"a private feed naming a page on its own host", "http://127.0.0.1:" + port + "/feed.xml", site.URL + page, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a := &ingest.FeedAdder{
				Client: &web.Client{HTTP: &http.Client{Transport: web.PublicTransport()}},
				Folder: corpus.NewFolder(dir),
			}
			id, err := a.Add(t.Context(), feed.Item{Link: tt.link, FeedURL: tt.feedURL, Title: "Zephyrion"})
			files, _ := os.ReadDir(dir)
			if !tt.refused {
				if err != nil || len(files) != 1 {
					t.Fatalf("Add = %q, %v with %d files; want the article added", id, err, len(files))
				}
				return
			}
			if !errors.Is(err, feed.ErrRejected) || !strings.Contains(err.Error(), "private address") {
				t.Errorf("Add = %q, %v; want it rejected for a private address", id, err)
			}
			if len(files) != 0 {
				t.Errorf("%d files written for a refused page", len(files))
			}
		})
	}
}
