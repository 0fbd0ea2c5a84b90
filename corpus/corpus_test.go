package corpus_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/racebot/racebot/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files from the current output")

// header is a valid front matter for building test files.
const header = `---
id: test-article
title: "A test article"
published: 2025-01-27
sources:
  - publisher: "Example News"
    url: "https://example.com/a"
---
`

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		line int    // expected line in the error
		want string // substring of the error
	}{
		{"no front matter", "Just a body.\n", 1, "front matter missing"},
		{"unclosed front matter", "---\nid: x\ntitle: y\n", 1, "not closed"},
		{"bad yaml", "---\nid: x\ntitle: \"unterminated\npublished: 2025-01-01\n---\nBody.\n", 3, "front matter"},
		{"yaml type error", "---\ntitle: [a, b]\npublished: 2025-01-01\n---\nBody.\n", 2, "front matter"},
		{"missing title", "---\nid: x\npublished: 2025-01-01\nsources:\n  - publisher: P\n    url: https://e.com\n---\nBody.\n", 1, "title is missing"},
		{"bad date", "---\ntitle: T\npublished: 27/01/2025\nsources:\n  - publisher: P\n    url: https://e.com\n---\nBody.\n", 3, "not YYYY-MM-DD"},
		{"day and month swapped", "---\ntitle: T\npublished: 2025-31-12\nsources:\n  - publisher: P\n    url: https://e.com\n---\nBody.\n", 3, "there is no month 31"},
		{"month and day swapped", "---\ntitle: T\npublished: 2025-13-01\nsources:\n  - publisher: P\n    url: https://e.com\n---\nBody.\n", 3, "for January, write 2025-01-13"},
		{"no such day", "---\ntitle: T\npublished: 2025-02-29\nsources:\n  - publisher: P\n    url: https://e.com\n---\nBody.\n", 3, "February 2025 has 28 days"},
		{"future", "---\ntitle: T\npublished: 2099-01-01\nsources:\n  - publisher: P\n    url: https://e.com\n---\nBody.\n", 3, "2099-01-01 is in the future"},
		{"future source", "---\ntitle: T\npublished: 2025-01-01\nsources:\n  - publisher: P\n    url: https://e.com\n    date: 2099-01-01\n---\nBody.\n", 5, "sources[0]: date 2099-01-01 is in the future"},
		{"unclosed quote", "---\ntitle: \"Unclosed\npublished: 2025-01-02\nsources:\n  - publisher: P\n    url: https://e.com\n---\nBody.\n", 2, "double quote (\") opened on this line is never closed"},
		{"unclosed single quote", "---\ntitle: T\npublished: 2025-01-02\nsources:\n  - publisher: 'P\n    url: https://e.com\n---\nBody.\n", 5, "single quote"},
		{"bad kind", "---\ntitle: T\npublished: 2025-01-01\nkind: blog\nsources:\n  - publisher: P\n    url: https://e.com\n---\nBody.\n", 4, "kind"},
		{"no sources", "---\ntitle: T\npublished: 2025-01-01\n---\nBody.\n", 1, "at least one source"},
		{"bad url", "---\ntitle: T\npublished: 2025-01-01\nsources:\n  - publisher: P\n    url: ftp://e.com\n---\nBody.\n", 5, "not an http(s) URL"},
		{"bad id", "---\nid: Not Kebab\ntitle: T\npublished: 2025-01-01\nsources:\n  - publisher: P\n    url: https://e.com\n---\nBody.\n", 2, "kebab-case"},
		{"empty body", header + "\n\n", 9, "body is empty"},
		{"invalid utf-8", header + "ok line\nbad \xff byte\n", 10, "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := corpus.Parse("dir/file.md", []byte(tt.file))
			var pe *corpus.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse error = %v, want a *ParseError", err)
			}
			if pe.Path != "dir/file.md" || pe.Line != tt.line {
				t.Errorf("error at %s:%d, want dir/file.md:%d (%v)", pe.Path, pe.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestParseDefaults(t *testing.T) {
	a, err := corpus.Parse("sub/my-article.md", []byte(strings.Replace(header, "id: test-article\n", "", 1)+"Body text.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "my-article" {
		t.Errorf("ID = %q, want the file name", a.ID)
	}
	if a.Kind != corpus.KindArticle {
		t.Errorf("Kind = %q, want %q", a.Kind, corpus.KindArticle)
	}
	if got := a.Cite(); got.Title != a.Title || !got.Date.Equal(a.Published) {
		t.Errorf("source defaults = %+v, want the article's title and date", got)
	}
	if len(a.Hash) != 64 {
		t.Errorf("Hash = %q, want hex SHA-256", a.Hash)
	}
}

func TestParseCRLFAndBOM(t *testing.T) {
	file := "\ufeff" + strings.ReplaceAll(header+"First paragraph.\n\nSecond paragraph.\n", "\n", "\r\n")
	a, err := corpus.Parse("crlf.md", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Passages) != 2 || a.Passages[1].Text != "Second paragraph." {
		t.Errorf("passages = %+v", a.Passages)
	}
}

// golden is the part of a passage the split golden files pin down.
type golden struct {
	Paragraph int    `json:"paragraph"`
	Line      int    `json:"line"`
	Heading   string `json:"heading,omitempty"`
	Text      string `json:"text"`
}

func TestSplitGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/split/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no split fixtures: %v", err)
	}
	// The seed article is the reason the one-paragraph-per-line shape is
	// supported: pin its split too.
	files = append(files, "articles/deepseek-50000-hopper-gpus-wang-musk.md")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a, err := corpus.Parse(filepath.Base(f), data)
			if err != nil {
				t.Fatal(err)
			}
			var got []golden
			for _, p := range a.Passages {
				got = append(got, golden{p.Paragraph, p.Line, p.Heading, p.Text})
			}
			out, _ := json.MarshalIndent(got, "", "  ")
			out = append(out, '\n')
			path := filepath.Join("testdata", "split", strings.TrimSuffix(filepath.Base(f), ".md")+".golden.json")
			if *update {
				if err := os.WriteFile(path, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(want) != string(out) {
				t.Errorf("split of %s differs from %s (run go test -update and review the diff):\n%s", f, path, out)
			}
		})
	}
}

func TestSplitLongParagraph(t *testing.T) {
	data, err := os.ReadFile("testdata/split/long.md")
	if err != nil {
		t.Fatal(err)
	}
	a, err := corpus.Parse("long.md", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Passages) < 2 {
		t.Fatalf("a %d-byte paragraph was not cut", len(data))
	}
	for _, p := range a.Passages {
		if len(p.Text) > 1800 {
			t.Errorf("passage %d is %d bytes", p.Paragraph, len(p.Text))
		}
		if !strings.HasSuffix(p.Text, ".") {
			t.Errorf("passage %d was not cut at a sentence end: …%q", p.Paragraph, p.Text[len(p.Text)-20:])
		}
	}
}

func TestEmbedded(t *testing.T) {
	c, err := corpus.Load(context.Background(), corpus.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) > 0 {
		t.Errorf("embedded corpus has problems: %v", c.Problems)
	}
	if len(c.Articles) != 19 {
		t.Errorf("embedded corpus has %d articles, want 19", len(c.Articles))
	}
	for _, a := range c.Articles {
		for _, p := range a.Passages {
			for _, f := range p.Figures {
				if p.Text[f.Start:f.End] != f.Text {
					t.Errorf("%s: figure %q not at its offsets", p.ID(), f.Text)
				}
			}
		}
	}
}

func TestLoadSkipsBadFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"good.md":        {Data: []byte(header + "A paragraph.\n")},
		"broken.md":      {Data: []byte("---\ntitle: [\n---\nBody\n")},
		"dup.md":         {Data: []byte(header + "Same ID as good.md.\n")},
		"README.md":      {Data: []byte("# Not an article\n")},
		".hidden.md":     {Data: []byte("ignored")},
		"notes.txt":      {Data: []byte("ignored")},
		"sub/nested.md":  {Data: []byte(strings.Replace(header, "test-article", "nested", 1) + "Nested.\n")},
		".git/config.md": {Data: []byte("ignored")},
	}
	c, err := corpus.Load(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range c.Articles {
		ids = append(ids, a.ID)
	}
	if strings.Join(ids, ",") != "test-article,nested" {
		t.Errorf("loaded %v, want [test-article nested]", ids)
	}
	var paths []string
	for _, p := range c.Problems {
		var pe *corpus.ParseError
		if !errors.As(p, &pe) {
			t.Fatalf("problem %v is not a *ParseError", p)
		}
		paths = append(paths, pe.Path)
	}
	if strings.Join(paths, ",") != "broken.md,good.md" && strings.Join(paths, ",") != "broken.md,dup.md" {
		t.Errorf("problems in %v, want broken.md and one of the duplicates", paths)
	}
}

func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := corpus.Load(ctx, corpus.Embedded()); !errors.Is(err, context.Canceled) {
		t.Errorf("Load on a cancelled context = %v, want context.Canceled", err)
	}
}

// articleFS returns a corpus of n articles, a-0000.md to a-(n-1).md, whose
// IDs are their names, with a broken file and a duplicate ID among them.
func articleFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := range n {
		name := fmt.Sprintf("a-%04d", i)
		fsys[name+".md"] = &fstest.MapFile{Data: []byte(strings.Replace(header, "test-article", name, 1) + "Paragraph of " + name + ".\n")}
	}
	fsys["a-0003.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\nBody\n")}
	fsys["a-0005.md"] = &fstest.MapFile{Data: []byte(strings.Replace(header, "test-article", "a-0001", 1) + "Same ID as a-0001.md.\n")}
	return fsys
}

// TestArticlesInOrder: articles come in the order of the files, parsed on
// every CPU, with each unusable file in its place: one that does not parse,
// and one whose ID an earlier file took.
func TestArticlesInOrder(t *testing.T) {
	const n = 300
	fsys := articleFS(n)
	files, err := corpus.Scan(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	for a, err := range corpus.Articles(context.Background(), fsys, files) {
		want := files[i].Path
		switch {
		case want == "a-0003.md" || want == "a-0005.md":
			var pe *corpus.ParseError
			if a != nil || !errors.As(err, &pe) || pe.Path != want {
				t.Fatalf("item %d: %v, %v; want a *ParseError for %s", i, a, err, want)
			}
			if want == "a-0005.md" && !strings.Contains(err.Error(), "already used by a-0001.md") {
				t.Errorf("duplicate reported as %q", err)
			}
		case err != nil || a == nil || a.Path != want:
			t.Fatalf("item %d: %v, %v; want the article of %s", i, a, err, want)
		}
		i++
	}
	if i != n {
		t.Errorf("%d items, want %d", i, n)
	}
}

// TestArticlesReadAhead: however slow the caller, Articles parses only a
// few files ahead of it, so that the corpus is never held whole; and a
// caller that stops early stops the reading.
func TestArticlesReadAhead(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	const n, ahead = 400, 16 // 4 a CPU waiting, one a CPU being parsed, and one
	fsys := &countingFS{FS: articleFS(n)}
	files, err := corpus.Scan(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	fsys.reset()
	seen := 0
	for range corpus.Articles(context.Background(), fsys, files) {
		seen++
		runtime.Gosched() // give the readers every chance to run ahead
		fsys.mu.Lock()
		opens := fsys.opens
		fsys.mu.Unlock()
		if opens > seen+ahead {
			t.Fatalf("%d files read when %d were used", opens, seen)
		}
		if seen == 100 {
			break
		}
	}
	// Articles returns only once its readers have stopped.
	if opens := fsys.reset(); opens > 100+ahead {
		t.Errorf("%d files read after the caller stopped at 100", opens)
	}
}

func TestArticlesCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	fsys := articleFS(200)
	files, err := corpus.Scan(ctx, fsys)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for range corpus.Articles(ctx, fsys, files) {
		if seen++; seen == 10 {
			cancel()
		}
	}
	if seen != 10 || ctx.Err() == nil {
		t.Errorf("%d articles after cancelling at the 10th, want 10", seen)
	}
}

// unreadableFS fails to open the files named in bad, as a file without
// read permission or a broken disk sector would.
type unreadableFS struct {
	fstest.MapFS
	bad map[string]error
}

func (f unreadableFS) Open(name string) (fs.File, error) {
	if err, ok := f.bad[name]; ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f.MapFS.Open(name)
}

// TestScanUnreadableFile: one file that cannot be read is reported with its
// path and skipped, and one that vanished since the folder was listed (an
// editor's save) is not listed; neither stops the rest from loading.
func TestScanUnreadableFile(t *testing.T) {
	fsys := unreadableFS{
		MapFS: fstest.MapFS{
			"good.md":   {Data: []byte(header + "A paragraph.\n")},
			"locked.md": {Data: []byte(header + "Unreachable.\n")},
			"gone.md":   {Data: []byte(header + "Removed while scanning.\n")},
		},
		bad: map[string]error{"locked.md": fs.ErrPermission, "gone.md": fs.ErrNotExist},
	}
	files, err := corpus.Scan(context.Background(), fsys)
	if err != nil {
		t.Fatalf("Scan failed on one unreadable file: %v", err)
	}
	var listed []string
	for _, f := range files {
		listed = append(listed, fmt.Sprintf("%s:%t", f.Path, f.Hash != ""))
	}
	if got := strings.Join(listed, ","); got != "good.md:true,locked.md:false" {
		t.Errorf("Scan listed %s, want good.md with a hash and locked.md without", got)
	}
	c, err := corpus.LoadFiles(context.Background(), fsys, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 1 || len(c.Problems) != 1 {
		t.Fatalf("loaded %d articles with problems %v, want good.md and a problem with locked.md", len(c.Articles), c.Problems)
	}
	if msg := c.Problems[0].Error(); !strings.Contains(msg, "locked.md") || !strings.Contains(msg, "permission") {
		t.Errorf("problem %q does not say which file and why", msg)
	}
}

// countingFS counts the files opened for reading, not the folders.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	opens int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err == nil && strings.HasSuffix(name, ".md") {
		c.mu.Lock()
		c.opens++
		c.mu.Unlock()
	}
	return f, err
}

func (c *countingFS) reset() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.opens
	c.opens = 0
	return n
}

// TestScanSince: a rescan reads only the files whose size or modification
// time changed, and reads again a file hashed within a tick of its last
// change, which a second change in that tick could have left looking the
// same.
func TestScanSince(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for _, name := range []string{"a.md", "b.md", "sub/c.md"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(header+"Body of "+name+".\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	fsys := &countingFS{FS: os.DirFS(dir)}
	ctx := context.Background()
	first, err := corpus.Scan(ctx, fsys)
	if err != nil || len(first) != 3 || fsys.reset() != 3 {
		t.Fatalf("first scan: %v, %d files", err, len(first))
	}
	again, err := corpus.ScanSince(ctx, fsys, first)
	if err != nil || !slices.Equal(hashes(again), hashes(first)) {
		t.Fatalf("rescan of an unchanged folder = %v, %v", err, again)
	}
	if n := fsys.reset(); n != 0 {
		t.Errorf("rescan of an unchanged folder read %d files, want none", n)
	}

	// An edit (the size changes) is read, and only it. The edited file's
	// time is set a minute ahead, so that it is within the racy window
	// however slow the machine: the next scan reads it once more.
	if err := os.WriteFile(filepath.Join(dir, "b.md"), []byte(header+"A longer body, edited.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	soon := time.Now().Add(time.Minute)
	if err := os.Chtimes(filepath.Join(dir, "b.md"), soon, soon); err != nil {
		t.Fatal(err)
	}
	edited, err := corpus.ScanSince(ctx, fsys, again)
	if err != nil || edited[1].Hash == again[1].Hash || edited[0].Hash != again[0].Hash {
		t.Fatalf("after an edit: %v, %v", err, edited)
	}
	if n := fsys.reset(); n != 1 {
		t.Errorf("rescan after one edit read %d files, want 1", n)
	}
	if _, err := corpus.ScanSince(ctx, fsys, edited); err != nil {
		t.Fatal(err)
	}
	if n := fsys.reset(); n != 1 {
		t.Errorf("rescan after a change within the racy window read %d files, want the racy one", n)
	}

	// A new file is read; a removed one is gone from the list.
	os.Remove(filepath.Join(dir, "a.md"))
	os.WriteFile(filepath.Join(dir, "d.md"), []byte(header+"New.\n"), 0o644)
	changed, err := corpus.ScanSince(ctx, fsys, edited)
	var paths []string
	for _, f := range changed {
		paths = append(paths, f.Path)
	}
	if err != nil || strings.Join(paths, ",") != "b.md,d.md,sub/c.md" {
		t.Errorf("after remove and add: %v, %v", err, paths)
	}
}

func hashes(files []corpus.File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path+"="+f.Hash)
	}
	return out
}
