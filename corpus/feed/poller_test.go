package feed

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fakeAdder records the items offered to it. fail, if set, decides an
// error for the n-th offer of an item (n from 1).
type fakeAdder struct {
	mu    sync.Mutex
	added []Item
	calls map[string]int // by link
	fail  func(it Item, n int) error
	// block makes Add wait for its context, signalling entered first.
	block   bool
	entered chan struct{}
}

func newFakeAdder() *fakeAdder {
	return &fakeAdder{calls: map[string]int{}, entered: make(chan struct{}, 100)}
}

func (a *fakeAdder) Add(ctx context.Context, it Item) (string, error) {
	a.mu.Lock()
	a.calls[it.Link]++
	n, fail, block := a.calls[it.Link], a.fail, a.block
	a.mu.Unlock()
	if block {
		a.entered <- struct{}{}
		<-ctx.Done()
		return "", fmt.Errorf("fetch article: %w", ctx.Err())
	}
	if fail != nil {
		if err := fail(it, n); err != nil {
			return "", err
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.added = append(a.added, it)
	return "id-" + filepath.Base(strings.TrimSuffix(it.Link, "/")), nil
}

func (a *fakeAdder) items() []Item {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]Item(nil), a.added...)
}

func (a *fakeAdder) callsTo(link string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.calls[link]
}

// fakeObserver counts outcomes per feed.
type fakeObserver struct {
	mu   sync.Mutex
	seen map[string]map[string]int
}

func (o *fakeObserver) PollDone(r PollResult) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seen == nil {
		o.seen = map[string]map[string]int{}
	}
	if o.seen[r.Feed] == nil {
		o.seen[r.Feed] = map[string]int{}
	}
	o.seen[r.Feed][r.Outcome]++
}

func (o *fakeObserver) count(feed, outcome string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.seen[feed][outcome]
}

// feedServer serves one feed and records the requests it got.
type feedServer struct {
	*httptest.Server
	mu      sync.Mutex
	body    []byte
	ctype   string
	status  int    // non-zero: answer this instead of the feed
	etag    string // answered with 304 when If-None-Match matches
	lastMod string // likewise If-Modified-Since, when there is no etag
	slow    bool   // answer nothing until the client gives up
	chunked bool   // send the body without a Content-Length
	reqs    []*http.Request
}

func newFeedServer(t *testing.T, body []byte, ctype string) *feedServer {
	t.Helper()
	s := &feedServer{body: body, ctype: ctype}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func fixtureServer(t *testing.T, name, ctype string) *feedServer {
	t.Helper()
	return newFeedServer(t, fixture(t, name), ctype)
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (s *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.reqs = append(s.reqs, r.Clone(context.Background()))
	body, ctype, status, etag, lastMod, slow, chunked := s.body, s.ctype, s.status, s.etag, s.lastMod, s.slow, s.chunked
	s.mu.Unlock()
	if slow {
		select {
		case <-r.Context().Done():
		case <-time.After(20 * time.Second):
		}
		return
	}
	if status != 0 {
		http.Error(w, "oops", status)
		return
	}
	if etag != "" {
		w.Header().Set("ETag", etag)
	}
	if lastMod != "" {
		w.Header().Set("Last-Modified", lastMod)
	}
	if (etag != "" && r.Header.Get("If-None-Match") == etag) ||
		(etag == "" && lastMod != "" && r.Header.Get("If-Modified-Since") == lastMod) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ctype)
	if chunked {
		for len(body) > 0 {
			n := min(len(body), 1024)
			w.Write(body[:n])
			w.(http.Flusher).Flush()
			body = body[n:]
		}
		return
	}
	w.Write(body)
}

func (s *feedServer) set(f func(s *feedServer)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *feedServer) requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.reqs...)
}

// syncBuffer is a log destination safe for the feeds' goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// testOptions polls every 150 ms, retries after 20–80 ms and gives up on a
// read after 400 ms, so that a test sees many polls in a second.
func testOptions(a Adder, logs *syncBuffer, urls ...string) Options {
	var srcs []Source
	for _, u := range urls {
		srcs = append(srcs, Source{URL: u})
	}
	return Options{
		Feeds:     srcs,
		Adder:     a,
		UserAgent: "racebot/test (+https://github.com/racebot/racebot)",
		Interval:  150 * time.Millisecond,
		Spread:    10 * time.Millisecond,
		Timeout:   400 * time.Millisecond,
		RetryMin:  20 * time.Millisecond,
		RetryMax:  80 * time.Millisecond,
		Logger:    slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
}

// start runs p until the returned stop is called (or the test ends).
func start(t *testing.T, p *Poller) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run = %v, want nil after cancel", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Run did not return within 10s of cancel")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitFor polls cond until it holds; the deadline is only a hang guard.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func mustNew(t *testing.T, o Options) *Poller {
	t.Helper()
	p, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func statusOf(p *Poller, url string) FeedStatus {
	for _, s := range p.Status() {
		if s.URL == url {
			return s
		}
	}
	return FeedStatus{}
}

// TestFormats reads each kind of feed and checks every field of the items
// offered against a golden file.
func TestFormats(t *testing.T) {
	tests := []struct {
		fixture, ctype string
		items          int
	}{
		{"rss.xml", "application/rss+xml; charset=utf-8", 3}, // the podcast has no link
		{"atom.xml", "application/atom+xml", 2},
		{"feed.json", "application/feed+json", 2},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			srv := fixtureServer(t, tt.fixture, tt.ctype)
			a := newFakeAdder()
			p := mustNew(t, testOptions(a, &syncBuffer{}, srv.URL+"/feed"))
			stop := start(t, p)
			waitFor(t, "items added", func() bool { return len(a.items()) >= tt.items })
			waitFor(t, "two more reads", func() bool { return len(srv.requests()) >= 3 })
			stop()
			got := a.items()
			if len(got) != tt.items {
				t.Fatalf("added %d items, want %d (nothing twice)", len(got), tt.items)
			}
			for i := range got {
				if got[i].FeedURL != srv.URL+"/feed" {
					t.Errorf("item %d FeedURL = %q", i, got[i].FeedURL)
				}
				got[i].FeedURL = "FEED"
			}
			golden(t, filepath.Join("testdata", "golden", tt.fixture+".json"), got)
			st := p.Status()[0]
			if st.Title == "" || st.Added != tt.items || len(st.Recent) != tt.items || st.LastSuccess.IsZero() || st.Failures != 0 {
				t.Errorf("status = %+v", st)
			}
		})
	}
}

func golden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update if the change is right):\n got %s\nwant %s", path, got, want)
	}
}

// TestFailingFeeds: a 500, a malformed feed, a web page, a slow server and
// an oversize feed each fail with a clear error and are retried, while the
// good feed is read and added; the 500 one recovers once it serves a feed.
func TestFailingFeeds(t *testing.T) {
	good := fixtureServer(t, "rss.xml", "application/rss+xml")
	flaky := newFeedServer(t, fixture(t, "atom.xml"), "application/atom+xml")
	flaky.set(func(s *feedServer) { s.status = http.StatusInternalServerError })
	malformed := fixtureServer(t, "malformed.xml", "application/rss+xml")
	page := fixtureServer(t, "page.html", "text/html; charset=utf-8")
	slow := fixtureServer(t, "rss.xml", "application/rss+xml")
	slow.set(func(s *feedServer) { s.slow = true })
	big := newFeedServer(t, bigFeed(200), "application/rss+xml")
	big.set(func(s *feedServer) { s.chunked = true })

	a := newFakeAdder()
	obs := &fakeObserver{}
	o := testOptions(a, &syncBuffer{}, good.URL, flaky.URL, malformed.URL, page.URL, slow.URL, big.URL)
	o.MaxBytes = 16 << 10
	o.Observer = obs
	p := mustNew(t, o)
	start(t, p)

	wantErr := map[string]string{
		flaky.URL:     "server answered 500 Internal Server Error",
		malformed.URL: "parse feed: XML syntax error",
		page.URL:      `not an RSS, Atom or JSON feed (Content-Type "text/html; charset=utf-8")`,
		slow.URL:      "no complete answer within 400ms",
		big.URL:       "feed is more than the 16384 bytes allowed",
	}
	waitFor(t, "good feed added and every bad one retried", func() bool {
		if len(a.items()) < 3 {
			return false
		}
		for u := range wantErr {
			if statusOf(p, u).Failures < 2 {
				return false
			}
		}
		return true
	})
	for u, want := range wantErr {
		st := statusOf(p, u)
		if !strings.Contains(st.LastError, want) {
			t.Errorf("%s: LastError = %q, want %q", u, st.LastError, want)
		}
		if !st.LastSuccess.IsZero() || st.LastRead.IsZero() || !st.NextPoll.After(st.LastRead) {
			t.Errorf("%s: status = %+v", u, st)
		}
		if obs.count(u, OutcomeError) < 2 {
			t.Errorf("%s: observer saw %d errors", u, obs.count(u, OutcomeError))
		}
	}
	if st := statusOf(p, good.URL); st.Failures != 0 || st.LastError != "" || st.Added != 3 {
		t.Errorf("good feed status = %+v", st)
	}
	if obs.count(good.URL, OutcomeOK) < 1 {
		t.Error("observer saw no good read")
	}

	flaky.set(func(s *feedServer) { s.status = 0 })
	waitFor(t, "recovered feed added", func() bool { return len(a.items()) == 5 })
	waitFor(t, "recovered status", func() bool {
		st := statusOf(p, flaky.URL)
		return st.Failures == 0 && st.LastError == "" && st.Added == 2 && !st.LastSuccess.IsZero()
	})
}

// bigFeed is a valid RSS feed of n items, about 300 bytes each.
func bigFeed(n int) []byte {
	var items []testItem
	for i := range n {
		items = append(items, testItem{guid: fmt.Sprint("big-", i), link: fmt.Sprintf("https://big.example/%d", i), title: strings.Repeat("padding ", 20)})
	}
	return rssDoc("Big", items)
}

type testItem struct {
	guid, link, title string
	pub               time.Time
}

func rssDoc(title string, items []testItem) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%s</title><link>https://news.example/</link>`, html.EscapeString(title))
	for _, it := range items {
		b.WriteString("<item>")
		if it.title != "" {
			fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(it.title))
		}
		if it.link != "" {
			fmt.Fprintf(&b, "<link>%s</link>", html.EscapeString(it.link))
		}
		if it.guid != "" {
			fmt.Fprintf(&b, `<guid isPermaLink="false">%s</guid>`, html.EscapeString(it.guid))
		}
		if !it.pub.IsZero() {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", it.pub.Format(time.RFC1123Z))
		}
		b.WriteString("</item>")
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

// TestConditionalGet: after the first read every request carries the
// validators it was given, a 304 counts as a good read with nothing new,
// and a changed feed is read again.
func TestConditionalGet(t *testing.T) {
	const lastMod = "Fri, 27 Dec 2024 09:12:00 GMT"
	srv := fixtureServer(t, "rss.xml", "application/rss+xml")
	srv.set(func(s *feedServer) { s.etag, s.lastMod = `"v1"`, lastMod })
	a := newFakeAdder()
	obs := &fakeObserver{}
	o := testOptions(a, &syncBuffer{}, srv.URL)
	o.Observer = obs
	p := mustNew(t, o)
	start(t, p)
	waitFor(t, "three 304s", func() bool { return obs.count(srv.URL, OutcomeNotModified) >= 3 })
	if n := len(a.items()); n != 3 {
		t.Errorf("added %d items, want 3", n)
	}
	reqs := srv.requests()
	for i, r := range reqs {
		inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		if i == 0 && (inm != "" || ims != "") {
			t.Errorf("first request sent validators %q %q", inm, ims)
		}
		if i > 0 && (inm != `"v1"` || ims != lastMod) {
			t.Errorf("request %d: If-None-Match %q, If-Modified-Since %q; want %q, %q", i, inm, ims, `"v1"`, lastMod)
		}
		if ua := r.Header.Get("User-Agent"); ua != o.UserAgent {
			t.Errorf("request %d: User-Agent %q", i, ua)
		}
	}
	if st := statusOf(p, srv.URL); st.Failures != 0 || st.LastError != "" || st.LastSuccess.IsZero() {
		t.Errorf("status after 304s = %+v", st)
	}
	before := statusOf(p, srv.URL).LastSuccess
	waitFor(t, "a later successful read", func() bool { return statusOf(p, srv.URL).LastSuccess.After(before) })

	// The feed changes: a new item and a new ETag.
	newer := bytes.Replace(fixture(t, "rss.xml"), []byte("<item>"), []byte(`<item><title>Anthropic raises again</title><link>https://aiwire.example.com/2025/01/02/anthropic/</link><guid>ant-1</guid></item><item>`), 1)
	srv.set(func(s *feedServer) { s.body, s.etag = newer, `"v2"` })
	waitFor(t, "new item added", func() bool { return len(a.items()) == 4 })
	waitFor(t, "304 on the new etag", func() bool {
		r := srv.requests()
		return r[len(r)-1].Header.Get("If-None-Match") == `"v2"`
	})
	if got := a.items()[3].Title; got != "Anthropic raises again" {
		t.Errorf("fourth item = %q", got)
	}
}

// TestAdderErrors: a duplicate and a rejected item are not offered again;
// a transient failure is retried on the next read (which is therefore not
// conditional) and a persistent one is given up after three tries.
func TestAdderErrors(t *testing.T) {
	items := []testItem{
		{guid: "1", link: "https://news.example/ok"},
		{guid: "2", link: "https://news.example/dup"},
		{guid: "3", link: "https://news.example/reject"},
		{guid: "4", link: "https://news.example/flaky"},
		{guid: "5", link: "https://news.example/broken"},
	}
	srv := newFeedServer(t, rssDoc("Errors", items), "application/rss+xml")
	srv.set(func(s *feedServer) { s.etag = `"e1"` })
	a := newFakeAdder()
	a.fail = func(it Item, n int) error {
		switch filepath.Base(it.Link) {
		case "dup":
			return fmt.Errorf("add %s: %w", it.Link, ErrDuplicate)
		case "reject":
			return fmt.Errorf("add %s: robots.txt disallows it: %w", it.Link, ErrRejected)
		case "flaky":
			if n == 1 {
				return errors.New("fetch article: 502 Bad Gateway")
			}
		case "broken":
			return errors.New("fetch article: connection reset")
		}
		return nil
	}
	p := mustNew(t, testOptions(a, &syncBuffer{}, srv.URL))
	start(t, p)
	waitFor(t, "five reads", func() bool { return len(srv.requests()) >= 5 })

	for link, want := range map[string]int{"ok": 1, "dup": 1, "reject": 1, "flaky": 2, "broken": maxAttempts} {
		if got := a.callsTo("https://news.example/" + link); got != want {
			t.Errorf("%s offered %d times, want %d", link, got, want)
		}
	}
	reqs := srv.requests()
	for i, want := range []string{"", "", "", `"e1"`, `"e1"`} {
		if got := reqs[i].Header.Get("If-None-Match"); got != want {
			t.Errorf("request %d: If-None-Match %q, want %q", i, got, want)
		}
	}
	st := statusOf(p, srv.URL)
	if st.Added != 2 || len(st.Recent) != 2 || st.Recent[0].ID != "id-flaky" || st.Recent[1].ID != "id-ok" {
		t.Errorf("status = %+v, want 2 added, flaky newest", st)
	}
	if !strings.Contains(st.LastItemError, "connection reset") || st.LastError != "" {
		t.Errorf("LastItemError %q, LastError %q", st.LastItemError, st.LastError)
	}
}

// TestFirstReadCap: the first read adds only the newest items, oldest of
// them first; later reads add only what is new.
func TestFirstReadCap(t *testing.T) {
	day := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	var items []testItem
	for _, i := range []int{3, 17, 29, 0, 8, 21, 14, 5, 26, 11} { // dates out of order
		items = append(items, testItem{guid: fmt.Sprint("g", i), link: fmt.Sprintf("https://news.example/%02d", i), pub: day.AddDate(0, 0, i)})
	}
	srv := newFeedServer(t, rssDoc("Cap", items), "application/rss+xml")
	a := newFakeAdder()
	o := testOptions(a, &syncBuffer{}, srv.URL)
	o.FirstRead = 4
	p := mustNew(t, o)
	start(t, p)
	waitFor(t, "first items and two more reads", func() bool { return len(a.items()) >= 4 && len(srv.requests()) >= 3 })
	var got []string
	for _, it := range a.items() {
		got = append(got, filepath.Base(it.Link))
	}
	if want := "17 21 26 29"; strings.Join(got, " ") != want {
		t.Errorf("added %v, want %s", got, want)
	}
	items = append(items, testItem{guid: "g30", link: "https://news.example/30", pub: day.AddDate(0, 0, 30)})
	srv.set(func(s *feedServer) { s.body = rssDoc("Cap", items) })
	waitFor(t, "new item", func() bool { return len(a.items()) >= 5 })
	n := len(srv.requests())
	waitFor(t, "two more reads", func() bool { return len(srv.requests()) >= n+2 })
	if got := a.items(); len(got) != 5 || got[4].Link != "https://news.example/30" {
		t.Errorf("added %d items, last %q; want 5, the new one last", len(got), got[len(got)-1].Link)
	}
}

// TestRestart: a second poller with the same state file adds only what the
// first did not, and LoadStatus reads what the first wrote.
func TestRestart(t *testing.T) {
	items := []testItem{
		{guid: "a", link: "https://news.example/a"},
		{guid: "b", link: "https://news.example/b"},
		{link: "https://news.example/c"}, // no GUID: remembered by link
	}
	srv := newFeedServer(t, rssDoc("Restart", items), "application/rss+xml")
	path := filepath.Join(t.TempDir(), "feeds-state.json")

	a1 := newFakeAdder()
	o := testOptions(a1, &syncBuffer{}, srv.URL)
	o.StatePath = path
	stop := start(t, mustNew(t, o))
	waitFor(t, "first run adds", func() bool { return len(a1.items()) == 3 })
	stop()

	st, err := LoadStatus(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(st) != 1 || st[0].URL != srv.URL || st[0].Added != 3 || len(st[0].Recent) != 3 || st[0].Title != "Restart" || st[0].LastSuccess.IsZero() {
		t.Fatalf("LoadStatus = %+v", st)
	}

	items = append(items, testItem{guid: "d", link: "https://news.example/d"})
	srv.set(func(s *feedServer) { s.body = rssDoc("Restart", items) })
	a2 := newFakeAdder()
	o.Adder = a2
	p2 := mustNew(t, o)
	if got := p2.Status()[0].Added; got != 3 {
		t.Errorf("restarted poller reports %d added, want 3 from the state file", got)
	}
	n := len(srv.requests())
	start(t, p2)
	waitFor(t, "three reads after restart", func() bool { return len(srv.requests()) >= n+3 })
	if got := a2.items(); len(got) != 1 || got[0].Link != "https://news.example/d" {
		t.Errorf("after restart added %+v, want only d", got)
	}
}

func TestCorruptState(t *testing.T) {
	tests := []struct {
		name, content string
		corrupt       bool
	}{
		{"garbage", "{not json", true},
		{"truncated", `{"version":1,"feeds":{"x":{"url":"x","seen":["a"`, true},
		{"empty", "", true},
		{"other version", `{"version":99,"feeds":{}}`, true},
		{"null feed", `{"version":1,"feeds":{"x":null}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fixtureServer(t, "feed.json", "application/feed+json")
			path := filepath.Join(t.TempDir(), "state.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			a := newFakeAdder()
			logs := &syncBuffer{}
			o := testOptions(a, logs, srv.URL)
			o.StatePath = path
			p := mustNew(t, o)
			warned := strings.Contains(logs.String(), "feed state file unreadable; starting afresh")
			if warned != tt.corrupt {
				t.Errorf("warned = %v, want %v; log:\n%s", warned, tt.corrupt, logs)
			}
			if _, err := os.Stat(path + ".corrupt"); (err == nil) != tt.corrupt {
				t.Errorf("corrupt copy kept: %v, want %v", err == nil, tt.corrupt)
			}
			stop := start(t, p)
			waitFor(t, "items added", func() bool { return len(a.items()) == 2 })
			stop()
			st, err := LoadStatus(path)
			if err != nil || len(st) != 1 || st[0].Added != 2 {
				t.Errorf("LoadStatus after run = %+v, %v", st, err)
			}
		})
	}
	if _, err := LoadStatus(filepath.Join(t.TempDir(), "none.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadStatus of a missing file: %v, want ErrNotExist", err)
	}
}

// TestStopsPromptly: cancelling Run while a read hangs and an Add blocks
// returns at once and leaves no goroutine behind.
func TestStopsPromptly(t *testing.T) {
	slow := fixtureServer(t, "rss.xml", "application/rss+xml")
	slow.set(func(s *feedServer) { s.slow = true })
	good := fixtureServer(t, "atom.xml", "application/atom+xml")
	tr := &http.Transport{}
	client := &http.Client{Transport: tr}
	base := runtime.NumGoroutine()

	a := newFakeAdder()
	a.block = true
	o := testOptions(a, &syncBuffer{}, slow.URL, good.URL)
	o.Client = client
	o.Timeout = 30 * time.Second // the read must end by cancellation, not timeout
	o.AddTimeout = 30 * time.Second
	p := mustNew(t, o)
	stop := start(t, p)
	<-a.entered
	waitFor(t, "slow server reached", func() bool { return len(slow.requests()) > 0 })
	if err := p.Run(context.Background()); err == nil {
		t.Error("a second Run while running did not fail")
	}
	stop()

	tr.CloseIdleConnections()
	slow.Close()
	good.Close()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines, %d before Run:\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
	if st := statusOf(p, slow.URL); st.Failures != 0 || st.LastError != "" {
		t.Errorf("cancellation was counted as a failure: %+v", st)
	}
}

// TestNoSecrets: credentials in a feed URL reach the server but no log
// line, status, state file or item.
func TestNoSecrets(t *testing.T) {
	srv := fixtureServer(t, "rss.xml", "application/rss+xml")
	inner := srv.Config.Handler
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, pw, ok := r.BasicAuth(); !ok || u != "alice" || pw != "s3cret" || r.URL.Query().Get("token") != "tok123" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		inner.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close() // nothing listens: connection refused

	withCreds := strings.Replace(srv.URL, "http://", "http://alice:s3cret@", 1) + "/feed?token=tok123"
	deadCreds := "http://bob:hunter2@" + dead + "/feed?api_key=k3y"
	a := newFakeAdder()
	logs := &syncBuffer{}
	o := testOptions(a, logs, withCreds, deadCreds)
	o.StatePath = filepath.Join(t.TempDir(), "state.json")
	p := mustNew(t, o)
	stop := start(t, p)
	waitFor(t, "items and a failure", func() bool {
		return len(a.items()) == 3 && p.Status()[1].Failures >= 2
	})
	stop()
	status, _ := json.Marshal(p.Status())
	state, err := os.ReadFile(o.StatePath)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := json.Marshal(a.items())
	if !strings.Contains(string(status), "connect: connection refused") {
		t.Errorf("status lost the error: %s", status)
	}
	for where, text := range map[string]string{"logs": logs.String(), "status": string(status), "state": string(state), "items": string(items)} {
		for _, secret := range []string{"alice", "s3cret", "tok123", "bob", "hunter2", "k3y"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s show %q:\n%s", where, secret, text)
			}
		}
	}
}

func TestNew(t *testing.T) {
	a := newFakeAdder()
	tests := []struct {
		name string
		o    Options
		want string
	}{
		{"no adder", Options{}, "no Adder"},
		{"bad jitter", Options{Adder: a, Jitter: 1.5}, "jitter"},
		{"bad url", Options{Adder: a, Feeds: []Source{{URL: "file:///etc/passwd"}}}, `scheme "file"`},
		{"twice", Options{Adder: a, Feeds: []Source{{URL: "https://a.example/f"}, {URL: "https://a.example/f"}}}, "listed twice"},
	}
	for _, tt := range tests {
		if _, err := New(tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: New = %v, want error with %q", tt.name, err, tt.want)
		}
	}
	p, err := New(Options{Adder: a, Feeds: []Source{{URL: "https://a.example/f", Interval: 2 * time.Hour}, {URL: "https://b.example/f"}}})
	if err != nil {
		t.Fatal(err)
	}
	st := p.Status()
	if len(st) != 2 || st[0].Interval != 2*time.Hour || st[1].Interval != DefaultInterval {
		t.Errorf("Status = %+v", st)
	}
}

func TestBackoff(t *testing.T) {
	lo, hi := time.Minute, 6*time.Hour
	for n, full := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute, 9: 256 * time.Minute, 10: 6 * time.Hour, 100: 6 * time.Hour} {
		for range 50 {
			if d := backoff(n, lo, hi); d < full/2 || d > full {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", n, d, full/2, full)
			}
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 27, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"120":                           2 * time.Minute,
		"Mon, 27 Jan 2025 13:00:00 GMT": time.Hour,
		"Mon, 27 Jan 2025 11:00:00 GMT": 0,
		"":                              0,
		"soon":                          0,
		"-5":                            0,
	} {
		if got := retryAfter(in, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestRejectedItemShown: an item that can never become an article is not
// offered again, and the feed's status says why it was not added.
func TestRejectedItemShown(t *testing.T) {
	srv := newFeedServer(t, rssDoc("Paywalled", []testItem{{guid: "1", link: "https://news.example/premium"}}), "application/rss+xml")
	a := newFakeAdder()
	a.fail = func(it Item, n int) error {
		return fmt.Errorf("fetch %s: too little article text: %w", it.Link, ErrRejected)
	}
	p := mustNew(t, testOptions(a, &syncBuffer{}, srv.URL))
	start(t, p)
	waitFor(t, "the first read", func() bool { return statusOf(p, srv.URL).Failures == 0 && !statusOf(p, srv.URL).LastSuccess.IsZero() })
	st := statusOf(p, srv.URL)
	if !strings.Contains(st.LastItemError, "news.example/premium") || !strings.Contains(st.LastItemError, "too little article text") {
		t.Errorf("LastItemError = %q, want the item and why", st.LastItemError)
	}
	waitFor(t, "two reads", func() bool { return len(srv.requests()) >= 2 })
	if got := a.callsTo("https://news.example/premium"); got != 1 {
		t.Errorf("rejected item offered %d times, want once", got)
	}
}
