package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/term"
	"github.com/racebot/racebot/corpus/feed"
)

// testFeed is a JSON Feed of two items, one whose title tries to send a
// terminal escape code (which XML cannot carry, and JSON can).
const testFeed = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "AI Race Wire",
  "home_page_url": "https://example.com/",
  "items": [
    {"id": "newest", "url": "https://example.com/a/newest", "title": "Newest: a 1 GW cluster \u001b[31mannounced",
     "date_published": "2026-02-03T10:00:00Z", "content_text": "Text."},
    {"id": "older", "url": "https://example.com/a/older", "title": "Older: chips cross borders",
     "date_published": "2026-02-02T10:00:00Z", "content_text": "Text."}
  ]
}`

// namingAdder adds every item, naming the article after its guid.
type namingAdder struct{ n atomic.Int32 }

func (a *namingAdder) Add(_ context.Context, it feed.Item) (string, error) {
	a.n.Add(1)
	return it.GUID, nil
}

// pollOnce reads every feed once with a real feed.Poller, which writes its
// state file into indexDir as racebot serve does, and stops it.
func pollOnce(t *testing.T, indexDir string, urls ...string) {
	t.Helper()
	if err := os.MkdirAll(indexDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var srcs []feed.Source
	for _, u := range urls {
		srcs = append(srcs, feed.Source{URL: u})
	}
	p, err := feed.New(feed.Options{
		Feeds: srcs, Adder: &namingAdder{}, StatePath: filepath.Join(indexDir, feedStateFile),
		// Each feed is read once, soon, and not again while the test runs.
		Interval: time.Hour, Spread: 10 * time.Millisecond, RetryMin: time.Hour, Timeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("poller: %v", err)
			}
		case <-time.After(30 * time.Second): // a hang guard only
			t.Fatal("the poller did not stop")
		}
	}()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		read := 0
		for _, st := range p.Status() {
			if !st.LastRead.IsZero() {
				read++
			}
		}
		if read == len(urls) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("feeds not all read: %+v", p.Status())
		}
	}
}

func TestSourcesFeeds(t *testing.T) {
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/feed+json")
		fmt.Fprint(w, testFeed)
	}))
	defer good.Close()
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "down for maintenance", http.StatusInternalServerError)
	}))
	defer bad.Close()
	dir := filepath.Join(t.TempDir(), "index")
	pollOnce(t, dir, good.URL+"/feed.xml", bad.URL+"/broken.xml")
	idx := "--index=" + dir

	t.Run("text", func(t *testing.T) {
		code, out, errOut := racebot(t, "", idx, "sources")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		articles, feeds, ok := strings.Cut(out, "2 news feeds, as racebot serve last saved them:\n")
		if !ok {
			t.Fatalf("no feeds section:\n%s", out)
		}
		if !strings.Contains(articles, "19 of 19 articles") {
			t.Errorf("the article list is not all there:\n%s", articles)
		}
		// How long ago depends on how long the index took to build; the
		// wrapping, on that.
		flat := strings.ReplaceAll(feeds, "\n    ", " ")
		for _, want := range []string{
			"\n  AI Race Wire " + good.URL + "/feed.xml read ",
			" · added 2 articles, latest “Newest: a 1 GW cluster [31mannounced”\n",
			"\n  " + strings.TrimPrefix(bad.URL, "http://") + " " + bad.URL + "/broken.xml read ",
			" · failing, never read without error",
			"last error: ",
			"500 Internal Server Error",
		} {
			if !strings.Contains(flat, want) {
				t.Errorf("feeds section lacks %q:\n%s", want, feeds)
			}
		}
		if !reRead.MatchString(flat) {
			t.Errorf("feeds section does not say when the feeds were read:\n%s", feeds)
		}
		checkText(t, out)
	})

	t.Run("a query leaves the feeds out", func(t *testing.T) {
		code, out, errOut := racebot(t, "", idx, "sources", "stargate")
		if code != 0 || !strings.Contains(out, "stargate-announcement") || strings.Contains(out, "news feed") {
			t.Errorf("exit %d:\n%s%s", code, out, errOut)
		}
	})

	t.Run("feeds alone", func(t *testing.T) {
		code, out, errOut := racebot(t, "", idx, "sources", "--feeds")
		// The feeds come in the order of their URLs, which here differ
		// only by the test servers' ports.
		if code != 0 || !strings.HasPrefix(out, "2 news feeds, as racebot serve last saved them:\n\n") ||
			!strings.Contains(out, "\n  AI Race Wire\n") || !strings.Contains(out, "\n    "+bad.URL+"/broken.xml\n") ||
			strings.Contains(out, "passages") {
			t.Errorf("exit %d:\n%s%s", code, out, errOut)
		}
		checkText(t, out)
	})

	t.Run("feeds as JSON", func(t *testing.T) {
		code, out, errOut := racebot(t, "", idx, "sources", "--feeds", "--json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got []bot.Feed
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v:\n%s", err, out)
		}
		if len(got) != 2 {
			t.Fatalf("%d feeds, want 2:\n%s", len(got), out)
		}
		byURL := map[string]bot.Feed{got[0].URL: got[0], got[1].URL: got[1]}
		ok := byURL[good.URL+"/feed.xml"]
		if ok.Title != "AI Race Wire" || ok.Added != 2 || len(ok.Recent) != 2 || !strings.HasPrefix(ok.Recent[0], "Newest") ||
			ok.LastRead.IsZero() || ok.LastSuccess.IsZero() || ok.LastError != "" {
			t.Errorf("good feed %+v", ok)
		}
		failing := byURL[bad.URL+"/broken.xml"]
		if !strings.Contains(failing.LastError, "500") || failing.LastRead.IsZero() || !failing.LastSuccess.IsZero() || failing.Added != 0 {
			t.Errorf("failing feed %+v", failing)
		}
	})

	t.Run("--json alone is the articles, as before", func(t *testing.T) {
		code, out, errOut := racebot(t, "", idx, "sources", "--json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got []map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v:\n%s", err, out)
		}
		if len(got) != 19 || got[0]["doc"] == nil || got[0]["passages"] == nil || got[0]["added"] != nil {
			t.Errorf("%d entries, the first %v", len(got), got[0])
		}
	})

	t.Run("a query with --feeds", func(t *testing.T) {
		code, _, errOut := racebot(t, "", idx, "sources", "--feeds", "stargate")
		if code != 2 || !strings.Contains(errOut, "--feeds lists every feed") {
			t.Errorf("exit %d: %s", code, errOut)
		}
	})
}

func TestSourcesNoFeedState(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	idx := "--index=" + dir
	code, out, errOut := racebot(t, "", idx, "sources", "--feeds")
	if code != 0 || out != "No feeds have been read yet (racebot serve --feeds FILE reads them).\n" {
		t.Errorf("--feeds: exit %d: %q %s", code, out, errOut)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("--feeds made an index folder")
	}
	code, out, errOut = racebot(t, "", idx, "sources", "--feeds", "--json")
	if code != 0 || out != "[]\n" {
		t.Errorf("--feeds --json: exit %d: %q %s", code, out, errOut)
	}
	code, out, errOut = racebot(t, "", idx, "sources")
	if code != 0 || !strings.Contains(out, "19 of 19 articles") || strings.Contains(out, "news feed") {
		t.Errorf("sources: exit %d:\n%s%s", code, out, errOut)
	}

	// A state file that cannot be read: --feeds says so; the article
	// list still shows, with a warning.
	if err := os.WriteFile(filepath.Join(dir, feedStateFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = racebot(t, "", idx, "sources", "--feeds")
	if code != 1 || !strings.Contains(errOut, "read feed state") {
		t.Errorf("--feeds with a broken state file: exit %d: %s", code, errOut)
	}
	code, out, errOut = racebot(t, "", idx, "sources")
	if code != 0 || !strings.Contains(out, "19 of 19 articles") || !strings.Contains(errOut, "feeds not listed") {
		t.Errorf("sources with a broken state file: exit %d:\n%s%s", code, out, errOut)
	}
}

// reRead is how the feeds a test has just read were read.
var reRead = regexp.MustCompile(`read (just now|\d+ min ago) · added 2 articles`)

// checkText fails unless text fits 80 columns, URLs aside, and holds no
// control character but the line break.
func checkText(t *testing.T, text string) {
	t.Helper()
	for i, line := range strings.Split(text, "\n") {
		if n := len([]rune(line)); n > term.Width && !strings.Contains(line, "://") {
			t.Errorf("line %d is %d characters wide: %q", i+1, n, line)
		}
		if strings.ContainsFunc(line, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			t.Errorf("line %d holds a control character: %q", i+1, line)
		}
	}
}
