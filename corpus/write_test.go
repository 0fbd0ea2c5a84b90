package corpus_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/racebot/racebot/corpus"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func testArticle(title, url string) *corpus.Article {
	return &corpus.Article{
		Title:     title,
		Published: date("2025-01-27"),
		Sources:   []corpus.Source{{Publisher: "Example News", URL: url}},
	}
}

const testBody = "Nvidia lost about $589 billion of market value on Monday, the largest one-day loss in history.\n\nThe fall followed DeepSeek's release of R1.\n"

func TestMarshalRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		a    corpus.Article
	}{
		{"plain", corpus.Article{ID: "a", Title: "Plain title", Published: date("2025-01-27"),
			Sources: []corpus.Source{{Publisher: "Reuters", URL: "https://reuters.com/x"}}}},
		{"yaml-looking title", corpus.Article{ID: "null", Title: "yes", Published: date("2025-01-27"), Kind: corpus.KindSummary,
			Sources: []corpus.Source{{Publisher: "- dash: colon #hash", Title: "2025", URL: "http://e.com/?a=1#f"}}}},
		{"quotes and unicode", corpus.Article{ID: "q", Title: `He said "it's $5.6M" — über ‘quoted’ \ back`, Published: date("2024-12-27"),
			Sources: []corpus.Source{{Publisher: "Le Monde", Title: "@at &amp *star", URL: "https://lemonde.fr/é", Date: date("2024-12-28")}},
			Tags:    []string{"deepseek", "a b", "[x]", "{y}"}}},
		{"two sources", corpus.Article{ID: "two", Title: "T", Published: date("2025-01-01"),
			Sources: []corpus.Source{{Publisher: "A", URL: "https://a.com"}, {Publisher: "B", Title: "b", URL: "https://b.com"}}}},
		{"multi-line title", corpus.Article{ID: "ml", Title: "Line one\n---\nline two\ttab", Published: date("2025-01-01"),
			Sources: []corpus.Source{{Publisher: "A\nB", URL: "https://a.com"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := corpus.Marshal(&tt.a, testBody)
			if err != nil {
				t.Fatal(err)
			}
			got, err := corpus.Parse("x.md", data)
			if err != nil {
				t.Fatalf("Parse of Marshal output: %v\n%s", err, data)
			}
			checkRoundTrip(t, &tt.a, testBody, got, data)
		})
	}
}

// checkRoundTrip compares what Parse read with what Marshal was given,
// allowing for the normalisation Marshal documents.
func checkRoundTrip(t *testing.T, want *corpus.Article, body string, got *corpus.Article, data []byte) {
	t.Helper()
	one := func(s string) string {
		return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
				return ' '
			}
			return r
		}, s)), " ")
	}
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	if got.ID != strings.TrimSpace(want.ID) || got.Title != one(want.Title) || day(got.Published) != day(want.Published) {
		t.Fatalf("got id %q title %q published %s, want %q %q %s\n%s", got.ID, got.Title, day(got.Published), want.ID, one(want.Title), day(want.Published), data)
	}
	kind := strings.TrimSpace(want.Kind)
	if kind == "" {
		kind = corpus.KindArticle
	}
	if got.Kind != kind {
		t.Fatalf("kind %q, want %q", got.Kind, kind)
	}
	if len(got.Sources) != len(want.Sources) {
		t.Fatalf("%d sources, want %d\n%s", len(got.Sources), len(want.Sources), data)
	}
	for i, s := range want.Sources {
		w := corpus.Source{Publisher: one(s.Publisher), Title: one(s.Title), URL: strings.TrimSpace(s.URL), Date: s.Date}
		if w.Title == "" {
			w.Title = got.Title
		}
		if w.Date.IsZero() {
			w.Date = want.Published
		}
		g := got.Sources[i]
		if g.Publisher != w.Publisher || g.Title != w.Title || g.URL != w.URL || day(g.Date) != day(w.Date) {
			t.Fatalf("source %d: got %+v, want %+v\n%s", i, g, w, data)
		}
	}
	var tags []string
	for _, tg := range want.Tags {
		if tg = one(tg); tg != "" && !contains(tags, tg) {
			tags = append(tags, tg)
		}
	}
	if !reflect.DeepEqual(got.Tags, tags) {
		t.Fatalf("tags %q, want %q\n%s", got.Tags, tags, data)
	}
	split := corpus.Split(strings.Trim(strings.ReplaceAll(body, "\r\n", "\n"), "\n")+"\n", 1)
	if len(got.Passages) != len(split) {
		t.Fatalf("%d passages, want %d", len(got.Passages), len(split))
	}
	for i := range split {
		if got.Passages[i].Text != split[i].Text || got.Passages[i].Heading != split[i].Heading {
			t.Fatalf("passage %d: got %q, want %q", i+1, got.Passages[i].Text, split[i].Text)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestMarshalRefuses(t *testing.T) {
	good := func() corpus.Article {
		return corpus.Article{ID: "ok", Title: "T", Published: date("2025-01-01"),
			Sources: []corpus.Source{{Publisher: "P", URL: "https://p.com/a"}}}
	}
	tests := []struct {
		name   string
		change func(*corpus.Article)
		body   string
		want   string
	}{
		{"bad id", func(a *corpus.Article) { a.ID = "Not Kebab" }, testBody, "kebab-case"},
		{"no title", func(a *corpus.Article) { a.Title = " \n " }, testBody, "title is missing"},
		{"no date", func(a *corpus.Article) { a.Published = time.Time{} }, testBody, "published date is missing"},
		{"bad kind", func(a *corpus.Article) { a.Kind = "blog" }, testBody, "kind"},
		{"future date", func(a *corpus.Article) { a.Published = time.Now().AddDate(1, 0, 0) }, testBody, "in the future"},
		{"future source date", func(a *corpus.Article) { a.Sources[0].Date = time.Now().AddDate(0, 0, 3) }, testBody, "in the future"},
		{"no source", func(a *corpus.Article) { a.Sources = nil }, testBody, "at least one source"},
		{"no publisher", func(a *corpus.Article) { a.Sources[0].Publisher = "" }, testBody, "publisher is missing"},
		{"ftp url", func(a *corpus.Article) { a.Sources[0].URL = "ftp://p.com/a" }, testBody, "not an http(s) URL"},
		{"url with space", func(a *corpus.Article) { a.Sources[0].URL = "https://p.com/a b" }, testBody, "not an http(s) URL"},
		{"empty body", func(a *corpus.Article) {}, "\n \n", "body is empty"},
		{"bad utf-8 body", func(a *corpus.Article) {}, "abc \xff def", "not valid UTF-8"},
		{"huge body", func(a *corpus.Article) {}, strings.Repeat("Words in a sentence. ", corpus.MaxFileSize/20), "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := good()
			tt.change(&a)
			_, err := corpus.Marshal(&a, tt.body)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// FuzzMarshal checks that anything Marshal writes, Parse reads back equal.
func FuzzMarshal(f *testing.F) {
	f.Add("deepseek-r1", "DeepSeek: R1 \"reasoner\"", "OpenRouter", "https://openrouter.ai/x?utm_source=a", "deepseek", int64(20250120), testBody)
	f.Add("null", "true", "- a: b", "http://e.com/#", "[", int64(99991231), "## Heading\n\n- one\n- two\n")
	f.Add("x", "'single' & \"double\" \\ \t\n---\n", "#", "https://e.com/a b", "", int64(1), "---\nbody\n---\n")
	f.Fuzz(func(t *testing.T, id, title, publisher, url, tag string, ymd int64, body string) {
		a := &corpus.Article{ID: id, Title: title,
			Published: time.Date(int(ymd/10000), time.Month(ymd/100%100), int(ymd%100), 0, 0, 0, 0, time.UTC),
			Sources:   []corpus.Source{{Publisher: publisher, URL: url}},
			Tags:      []string{tag}}
		data, err := corpus.Marshal(a, body)
		if err != nil {
			return
		}
		got, err := corpus.Parse("fuzz.md", data)
		if err != nil {
			t.Fatalf("Parse refused what Marshal wrote: %v\n%s", err, data)
		}
		checkRoundTrip(t, a, body, got, data)
	})
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://Example.COM/a/b/?utm_source=x&utm_medium=y#top", "https://example.com/a/b"},
		{"HTTP://example.com:80/a", "http://example.com/a"},
		{"https://example.com:443/", "https://example.com"},
		{"https://example.com:8443/a", "https://example.com:8443/a"},
		{"https://example.com/a?b=2&a=1&fbclid=zz", "https://example.com/a?a=1&b=2"},
		{"https://example.com/a?id=7", "https://example.com/a?id=7"},
		{"https://example.com/a?ref=homepage&utm_campaign=z", "https://example.com/a"},
		{"https://user:pw@example.com/a", "https://example.com/a"},
		{"https://example.com/Case/Path", "https://example.com/Case/Path"},
		{"  not a url ", "not a url"},
		{"mailto:a@b.c", "mailto:a@b.c"},
	}
	for _, tt := range tests {
		if got := corpus.NormalizeURL(tt.in); got != tt.want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"DeepSeek-R1: a reasoning model", "deepseek-r1-a-reasoning-model"},
		{"Nvidia’s $589bn loss, explained", "nvidias-589bn-loss-explained"},
		{"Über die KI-Wende in Zürich", "uber-die-ki-wende-in-zurich"},
		{"人工智能", ""},
		{"  --  ", ""},
		{strings.Repeat("word ", 30), strings.TrimSuffix(strings.Repeat("word-", 12), "-")},
	}
	for _, tt := range tests {
		if got := corpus.Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// listDir returns the names in dir, hidden ones included, so that a test
// sees a temporary file left behind.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestFolderAdd(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// A file added by hand, whose id differs from its name.
	hand := "---\nid: hand-written\ntitle: \"By hand\"\npublished: 2025-01-02\nsources:\n  - publisher: \"P\"\n    url: \"https://p.com/hand/\"\n---\nA hand-written article body that is long enough.\n"
	if err := os.WriteFile(filepath.Join(dir, "by-hand.md"), []byte(hand), 0o644); err != nil {
		t.Fatal(err)
	}
	f := corpus.NewFolder(dir)

	p, err := f.Add(ctx, testArticle("Nvidia's record loss", "https://news.example.com/nvidia?utm_source=feed"), testBody)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p) != "nvidias-record-loss.md" {
		t.Fatalf("path %s", p)
	}
	a, err := corpus.Read(os.DirFS(dir), filepath.Base(p))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "nvidias-record-loss" || a.Title != "Nvidia's record loss" || len(a.Passages) != 2 {
		t.Fatalf("read back %+v", a)
	}

	dups := []struct {
		name   string
		a      *corpus.Article
		body   string
		reason string
		file   string
	}{
		{"same URL with other tracking", testArticle("Other", "http://NEWS.example.com/nvidia/?utm_medium=x#c"), "Different text entirely.", "same source URL", "nvidias-record-loss.md"},
		{"same text at another URL", testArticle("Other", "https://mirror.example.org/copy"), "  " + strings.ReplaceAll(testBody, "\n\n", "\n"), "same text", "nvidias-record-loss.md"},
		{"URL of a hand-added file", testArticle("Other", "https://p.com/hand"), "Yet another text.", "same source URL", "by-hand.md"},
	}
	for _, d := range dups {
		_, err := f.Add(ctx, d.a, d.body)
		var de *corpus.DuplicateError
		if !errors.Is(err, corpus.ErrDuplicate) || !errors.As(err, &de) || de.Reason != d.reason ||
			!strings.HasSuffix(de.Existing, d.file) || !strings.Contains(err.Error(), d.file) {
			t.Errorf("%s: error %v, want a duplicate of %s (%s)", d.name, err, d.file, d.reason)
		}
	}

	// The same title again, at another URL: the ID takes the date.
	p2, err := f.Add(ctx, testArticle("Nvidia's record loss", "https://other.example.com/n"), "Another report of the same loss, in other words.")
	if err != nil || filepath.Base(p2) != "nvidias-record-loss-2025-01-27.md" {
		t.Fatalf("second add: %s, %v", p2, err)
	}
	p3, err := f.Add(ctx, testArticle("Nvidia's record loss", "https://third.example.com/n"), "A third report of the loss, in yet other words.")
	if err != nil || filepath.Base(p3) != "nvidias-record-loss-2025-01-27-2.md" {
		t.Fatalf("third add: %s, %v", p3, err)
	}
	// A title whose slug is the hand-written file's id.
	p4, err := f.Add(ctx, testArticle("Hand written", "https://q.com/4"), "Text four, not like the others at all.")
	if err != nil || filepath.Base(p4) != "hand-written-2025-01-27.md" {
		t.Fatalf("fourth add: %s, %v", p4, err)
	}
	// A given ID that is taken is an error, not a rename.
	b := testArticle("X", "https://q.com/5")
	b.ID = "hand-written"
	if _, err := f.Add(ctx, b, "Text five."); err == nil || !strings.Contains(err.Error(), "by-hand.md") {
		t.Fatalf("taken id: %v", err)
	}

	// A file added by hand after the Folder was made is seen.
	if err := os.WriteFile(filepath.Join(dir, "later.md"), []byte(strings.NewReplacer("https://p.com/hand/", "https://later.com/x", "hand-written", "later").Replace(hand)+"More.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Add(ctx, testArticle("Later", "https://later.com/x?utm_campaign=y"), "Later text."); !errors.Is(err, corpus.ErrDuplicate) {
		t.Fatalf("file added by hand not seen: %v", err)
	}
	// A summary citing a URL does not stop the article at that URL.
	sum := strings.NewReplacer("id: hand-written", "id: sum\nkind: summary", "https://p.com/hand/", "https://cited.com/a").Replace(hand)
	if err := os.WriteFile(filepath.Join(dir, "sum.md"), []byte(sum+"Summary text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Add(ctx, testArticle("Cited", "https://cited.com/a"), "The cited article itself."); err != nil {
		t.Fatalf("article cited by a summary: %v", err)
	}

	for _, n := range listDir(t, dir) {
		if strings.HasPrefix(n, ".") {
			t.Errorf("left behind: %s", n)
		}
	}
	c, err := corpus.Load(ctx, os.DirFS(dir))
	if err != nil || len(c.Problems) > 0 {
		t.Fatalf("load: %v %v", err, c.Problems)
	}
}

func TestFolderAddFailsCleanly(t *testing.T) {
	dir := t.TempDir()
	f := corpus.NewFolder(dir)
	bad := testArticle("Fine title", "ftp://nope")
	if _, err := f.Add(context.Background(), bad, testBody); err == nil {
		t.Fatal("no error for a bad source URL")
	}
	if names := listDir(t, dir); len(names) != 0 {
		t.Fatalf("files after a failed add: %v", names)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.Add(ctx, testArticle("T", "https://e.com"), testBody); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled add: %v", err)
	}
	if _, err := corpus.NewFolder(filepath.Join(dir, "missing")).Add(context.Background(), testArticle("T", "https://e.com"), testBody); err == nil {
		t.Fatal("no error for a missing folder")
	}
	if os.Getuid() != 0 { // root writes anywhere
		ro := t.TempDir()
		os.Chmod(ro, 0o555)
		defer os.Chmod(ro, 0o755)
		if _, err := corpus.NewFolder(ro).Add(context.Background(), testArticle("T", "https://e.com"), testBody); err == nil {
			t.Fatal("no error for a read-only folder")
		}
	}
}

// TestFolderConcurrentAdds adds the same articles from many goroutines, as
// a feed poller and a command might: each is written once, the rest are
// refused as duplicates, and every file reads back.
func TestFolderConcurrentAdds(t *testing.T) {
	dir := t.TempDir()
	f := corpus.NewFolder(dir)
	addConcurrently(t, dir, 8, func(int) *corpus.Folder { return f }, func(int) string { return "Same headline" })
	c, err := corpus.Load(context.Background(), os.DirFS(dir))
	if err != nil || len(c.Articles) != 5 || len(c.Problems) > 0 {
		t.Fatalf("load: %v, %d articles, problems %v", err, len(c.Articles), c.Problems)
	}
}

// TestFolderAddsFromTwoProcesses: racebot add and racebot serve's feeds
// each have a Folder on the same directory. An article both add at once is
// written once, and the other is told it is a duplicate, not that a file
// exists.
func TestFolderAddsFromTwoProcesses(t *testing.T) {
	dir := t.TempDir()
	addConcurrently(t, dir, 6,
		func(int) *corpus.Folder { return corpus.NewFolder(dir) }, // a folder of its own: a process of its own
		func(i int) string { return fmt.Sprintf("Headline %d", i) })
}

// addConcurrently has workers goroutines add the same five articles, each
// through folder(worker), titled title(article), and checks that each was
// written once and refused as a duplicate the other times.
func addConcurrently(t *testing.T, dir string, workers int, folder func(worker int) *corpus.Folder, title func(article int) string) {
	t.Helper()
	const articles = 5
	var wg sync.WaitGroup
	var mu sync.Mutex
	added, dups := 0, 0
	for w := range workers {
		f := folder(w)
		wg.Go(func() {
			for i := range articles {
				i = (i + w) % articles
				a := testArticle(title(i), fmt.Sprintf("https://e.com/%d", i))
				_, err := f.Add(context.Background(), a, fmt.Sprintf("Article number %d has its own text.", i))
				mu.Lock()
				switch {
				case err == nil:
					added++
				case errors.Is(err, corpus.ErrDuplicate):
					dups++
				default:
					t.Error(err)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if added != articles || dups != articles*(workers-1) {
		t.Fatalf("%d added, %d duplicates; want %d and %d", added, dups, articles, articles*(workers-1))
	}
	if n := len(listDir(t, dir)); n != articles {
		t.Fatalf("%d files in the folder, want %d", n, articles)
	}
}

// TestFolderNameTakenOtherwise: a name held by a file whose id differs
// from its name, or by a folder, is taken like any other, and the new
// article gets the next name rather than an error.
func TestFolderNameTakenOtherwise(t *testing.T) {
	dir := t.TempDir()
	other := testArticle("Something else", "https://e.com/other")
	other.ID = "other-id"
	data, err := corpus.Marshal(other, "Another article's text.")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "gpt-5-launch.md"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "gpt-5-launch-2025-01-27.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	f := corpus.NewFolder(dir)
	a := testArticle("GPT-5 launch", "https://e.com/gpt-5")
	a.Published = time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC)
	name, err := f.Add(context.Background(), a, "The launch of GPT-5.")
	if err != nil || filepath.Base(name) != "gpt-5-launch-2025-01-27-2.md" {
		t.Errorf("Add = %q, %v; want gpt-5-launch-2025-01-27-2.md", name, err)
	}
}

func TestPrepare(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "new", "corpus")
	n, err := corpus.Prepare(ctx, dir)
	if err != nil || n != 19 {
		t.Fatalf("Prepare of a new folder: %d, %v; want the 19 starter articles", n, err)
	}
	if n, err := corpus.Prepare(ctx, dir); err != nil || n != 0 {
		t.Errorf("Prepare of a folder with articles: %d, %v; want nothing copied", n, err)
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := corpus.Prepare(ctx, file); !errors.Is(err, corpus.ErrNotFolder) {
		t.Errorf("Prepare of a file: %v, want ErrNotFolder", err)
	}
}
