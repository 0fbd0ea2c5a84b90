package index_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/corpustest"
	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index"
	"github.com/racebot/racebot/index/rank"
)

// starter copies the embedded corpus into a MapFS that tests can change.
func starter(testing.TB) fstest.MapFS { return corpustest.Starter("") }

func open(t testing.TB, dir string, opts index.Options) *index.Index {
	t.Helper()
	x, err := index.Open(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func syncIndex(t testing.TB, x *index.Index, fsys fs.FS) index.Report {
	t.Helper()
	rep, err := x.Sync(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestSyncIncremental(t *testing.T) {
	dir := t.TempDir()
	fsys := starter(t)
	x := open(t, dir, index.Options{})

	rep := syncIndex(t, x, fsys)
	if !rep.Rebuilt || rep.Added != 19 || rep.Passages == 0 {
		t.Fatalf("first sync = %+v, want a rebuild of 19 articles", rep)
	}
	st := x.Stats()
	if st.Articles != 19 || st.Passages != rep.Passages || st.Figures != rep.Figures {
		t.Errorf("stats %+v disagree with report %+v", st, rep)
	}

	if rep := syncIndex(t, x, fsys); rep.Changes() || rep.Unchanged != 19 {
		t.Errorf("second sync = %+v, want no changes", rep)
	}

	// Change one article, remove one, add one.
	const changed = "stargate-announcement.md"
	fsys[changed].Data = bytes.Replace(fsys[changed].Data, []byte("Abilene, Texas"), []byte("Abilene, in Texas"), 1)
	delete(fsys, "huawei-ascend-chips.md")
	fsys["new-article.md"] = &fstest.MapFile{Data: []byte(newArticle)}
	rep = syncIndex(t, x, fsys)
	if rep.Rebuilt || rep.Added != 1 || rep.Changed != 1 || rep.Removed != 1 || rep.Unchanged != 17 {
		t.Errorf("incremental sync = %+v, want 1 added, 1 changed, 1 removed, 17 unchanged", rep)
	}
	if got := x.Stats().Articles; got != 19 {
		t.Errorf("articles after sync = %d, want 19", got)
	}
	mustFind(t, x, "zettaflops cluster", "new-article")
	mustFind(t, x, "Abilene in Texas", "stargate-announcement")
	if res := search(t, x, "Huawei Ascend SMIC"); slices.ContainsFunc(res.Hits, func(h index.Hit) bool { return h.Passage.Article == "huawei-ascend-chips" }) {
		t.Error("a removed article is still found")
	}
}

func TestSyncReportsBrokenFiles(t *testing.T) {
	fsys := starter(t)
	fsys["broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [oops\n---\nBody.\n")}
	x := open(t, t.TempDir(), index.Options{})
	rep := syncIndex(t, x, fsys)
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Error(), "broken.md:2") {
		t.Fatalf("problems = %v, want broken.md:2", rep.Problems)
	}
	if x.Stats().Articles != 19 {
		t.Errorf("a broken file stopped the others from loading: %+v", x.Stats())
	}
	// Unchanged, it is reported again but costs no index write.
	rep = syncIndex(t, x, fsys)
	if rep.Changes() || len(rep.Problems) != 1 {
		t.Errorf("re-sync = %+v, want the problem again and no changes", rep)
	}
	// A broken edit of a good article keeps the good version serving.
	good := fsys["deepseek-r1-release.md"].Data
	fsys["deepseek-r1-release.md"] = &fstest.MapFile{Data: []byte("---\nnot yaml: [\n---\n")}
	rep = syncIndex(t, x, fsys)
	if len(rep.Problems) != 2 {
		t.Errorf("problems = %v, want 2", rep.Problems)
	}
	mustFind(t, x, "DeepSeek-R1 January 20 2025 release", "deepseek-r1-release")
	fsys["deepseek-r1-release.md"] = &fstest.MapFile{Data: good}
	if rep = syncIndex(t, x, fsys); rep.Changes() || len(rep.Problems) != 1 {
		t.Errorf("restoring the file = %+v, want one problem left and nothing re-indexed", rep)
	}
	fsys["deepseek-r1-release.md"] = &fstest.MapFile{Data: append(good, "\nA new last paragraph.\n"...)}
	if rep = syncIndex(t, x, fsys); rep.Changed != 1 {
		t.Errorf("editing the file = %+v, want it re-indexed", rep)
	}
	// Deleting an indexed article whose file was broken removes one
	// article, not two.
	fsys["deepseek-r1-release.md"] = &fstest.MapFile{Data: []byte("---\nnot yaml: [\n---\n")}
	syncIndex(t, x, fsys)
	delete(fsys, "deepseek-r1-release.md")
	if rep = syncIndex(t, x, fsys); rep.Removed != 1 || x.Stats().Articles != 18 {
		t.Errorf("deleting a broken indexed file = %+v, %d articles; want 1 removed, 18 left", rep, x.Stats().Articles)
	}
}

// TestStrict: a strict sync fails on a file that cannot be parsed, whether
// it is new or was already skipped by an earlier, lenient sync (racebot
// index, then racebot index --strict).
func TestStrict(t *testing.T) {
	for _, known := range []bool{false, true} {
		fsys := starter(t)
		fsys["broken.md"] = &fstest.MapFile{Data: []byte("no front matter\n")}
		dir := t.TempDir()
		if known {
			x := open(t, dir, index.Options{})
			if rep := syncIndex(t, x, fsys); len(rep.Problems) != 1 {
				t.Fatalf("lenient sync: %+v, want broken.md skipped", rep)
			}
			x.Close()
		}
		x := open(t, dir, index.Options{Strict: true})
		_, err := x.Sync(context.Background(), fsys)
		if err == nil || !strings.Contains(err.Error(), "broken.md:1") {
			t.Errorf("strict sync (broken file known before: %v) error = %v, want one naming broken.md:1", known, err)
		}
	}
}

func TestReopenKeepsIndex(t *testing.T) {
	dir := t.TempDir()
	fsys := starter(t)
	x, err := index.Open(context.Background(), dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	syncIndex(t, x, fsys)
	x.Close()

	y := open(t, dir, index.Options{})
	if y.Stats().Articles != 19 {
		t.Fatalf("reopened index holds %+v", y.Stats())
	}
	if rep := syncIndex(t, y, fsys); rep.Changes() {
		t.Errorf("sync after reopen = %+v, want nothing to do", rep)
	}
}

func TestUpdateKeptAfterReopen(t *testing.T) {
	dir := t.TempDir()
	fsys := starter(t)
	x, err := index.Open(context.Background(), dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	syncIndex(t, x, fsys)
	fsys["new-article.md"] = &fstest.MapFile{Data: []byte(newArticle)}
	if rep := syncIndex(t, x, fsys); rep.Rebuilt || rep.Added != 1 {
		t.Fatalf("sync = %+v, want one article added to the index", rep)
	}
	// Closed as soon as Sync returns, as racebot index does: the update
	// must already be on disk.
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}

	y := open(t, dir, index.Options{})
	if rep := syncIndex(t, y, fsys); rep.Changes() {
		t.Errorf("sync after reopen = %+v, want the update kept", rep)
	}
	mustFind(t, y, "zettaflops cluster", "new-article")
}

func TestRebuildsWhenUnusable(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(t *testing.T, dir string)
		wantLog string
	}{
		{"corrupt CURRENT", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "CURRENT"), []byte("../../etc\n"), 0o644)
		}, "CURRENT file is corrupt"},
		{"missing generation", func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, current(t, dir)))
		}, "cannot be opened"},
		{"truncated root", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, current(t, dir), "store", "root.bolt"), []byte("garbage"), 0o644)
		}, "cannot be opened"},
		{"other scoring", func(t *testing.T, dir string) {}, "another version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			fsys := starter(t)
			x, err := index.Open(context.Background(), dir, index.Options{})
			if err != nil {
				t.Fatal(err)
			}
			syncIndex(t, x, fsys)
			x.Close()
			tt.damage(t, dir)

			var logs bytes.Buffer
			opts := index.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))}
			if tt.name == "other scoring" {
				opts.Scoring = index.BM25 // the index was built with the default, TF-IDF
			}
			y := open(t, dir, opts)
			if !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("log %q does not say %q", logs.String(), tt.wantLog)
			}
			if rep := syncIndex(t, y, fsys); !rep.Rebuilt {
				t.Errorf("sync = %+v, want a rebuild", rep)
			}
			mustFind(t, y, "Stargate Abilene Texas", "stargate-announcement")
		})
	}
}

func TestUnfinishedBuildIsIgnored(t *testing.T) {
	dir := t.TempDir()
	fsys := starter(t)
	x, err := index.Open(context.Background(), dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	syncIndex(t, x, fsys)
	x.Close()
	// What a build killed half way leaves behind.
	junk := filepath.Join(dir, "gen-999.tmp")
	os.MkdirAll(filepath.Join(junk, "store"), 0o755)
	os.WriteFile(filepath.Join(junk, "store", "000000000001.zap"), []byte("partial"), 0o644)

	y := open(t, dir, index.Options{})
	if rep := syncIndex(t, y, fsys); rep.Changes() {
		t.Errorf("sync = %+v, want the finished index used as is", rep)
	}
	mustFind(t, y, "Stargate Abilene Texas", "stargate-announcement")
	if _, err := y.Rebuild(context.Background(), fsys); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(junk); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("unfinished build %s was not cleaned up: %v", junk, err)
	}
	gens, _ := filepath.Glob(filepath.Join(dir, "gen-*"))
	if len(gens) != 1 {
		t.Errorf("generations after rebuild: %v, want one", gens)
	}
}

func TestLocked(t *testing.T) {
	dir := t.TempDir()
	open(t, dir, index.Options{})
	_, err := index.Open(context.Background(), dir, index.Options{LockWait: 100_000_000})
	if !errors.Is(err, index.ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "pid") {
		t.Errorf("error %q does not say which process holds the lock", err)
	}
}

func TestSearchBeforeSync(t *testing.T) {
	x := open(t, "", index.Options{})
	if _, err := x.Search(context.Background(), index.Query{Text: "gpu"}); !errors.Is(err, index.ErrNotReady) {
		t.Errorf("Search on an empty index = %v, want ErrNotReady", err)
	}
}

func current(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

func search(t testing.TB, x *index.Index, q string) *index.Result {
	t.Helper()
	res, err := x.Search(context.Background(), index.Query{Text: q})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// mustFind checks that a search finds a passage of article among its hits:
// that the index serves the article, whatever the ranking.
func mustFind(t testing.TB, x *index.Index, q, article string) {
	t.Helper()
	res := search(t, x, q)
	if !slices.ContainsFunc(res.Hits, func(h index.Hit) bool { return h.Passage.Article == article }) {
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.Passage.ID())
		}
		t.Errorf("search %q found %v, want %s among them", q, got, article)
	}
}

// newArticle is an article the starter corpus lacks, about a made-up
// cluster no starter article can answer for.
const newArticle = `---
title: "A new article about zettaflops"
published: 2025-06-01
sources:
  - publisher: "Example News"
    url: "https://example.com/new"
---
The zettaflops cluster holds 12,345 accelerators, the company said.
`

// TestOpenRemovesUnfinishedBuilds: a build killed halfway leaves its
// folder, which the next Open removes rather than the next rebuild.
func TestOpenRemovesUnfinishedBuilds(t *testing.T) {
	dir := t.TempDir()
	x := open(t, dir, index.Options{})
	syncIndex(t, x, starter(t))
	x.Close()
	left := filepath.Join(dir, "gen-1.tmp")
	if err := os.MkdirAll(filepath.Join(left, "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(left, "store", "000000000001.zap"), make([]byte, 4096), 0o644); err != nil {
		t.Fatal(err)
	}
	x = open(t, dir, index.Options{})
	if _, err := os.Stat(left); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("unfinished build %s still there after Open (%v)", left, err)
	}
	if x.Stats().Articles != 19 {
		t.Errorf("index holds %+v after Open, want the 19 starter articles", x.Stats())
	}
}

// TestFolderSync: a folder synced while served reports each update's
// outcome, and a folder emptied of articles is refused rather than
// emptying the index one deletion at a time.
func TestFolderSync(t *testing.T) {
	dir := t.TempDir()
	for name, f := range starter(t) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	x := open(t, "", index.Options{})
	var outcomes []string
	s := &index.FolderSync{Dir: dir, Index: x, Observe: func(outcome string, _ int) { outcomes = append(outcomes, outcome) }}
	ctx := context.Background()
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, f := range files {
		os.Remove(f)
	}
	if err := s.Sync(ctx); !errors.Is(err, corpus.ErrNoArticles) {
		t.Errorf("sync of an emptied folder: %v, want ErrNoArticles", err)
	}
	if got := x.Stats().Articles; got != 19 {
		t.Errorf("index holds %d articles after the folder was emptied, want the 19 it had", got)
	}
	if want := []string{"updated", "unchanged", "failed"}; !slices.Equal(outcomes, want) {
		t.Errorf("outcomes %v, want %v", outcomes, want)
	}
}

// TestSearchFilters: since:, before: and source: keep only the passages
// of the articles they name, found among all, not only among those the
// unfiltered search ranks first.
func TestSearchFilters(t *testing.T) {
	x := open(t, "", index.Options{})
	if _, err := x.Sync(context.Background(), starter(t)); err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tt := range []struct {
		name string
		q    index.Query
		ok   func(index.Hit) bool
	}{
		{"source", index.Query{Text: "deepseek gpus", Sources: []string{"Livemint"}},
			func(h index.Hit) bool { return strings.Contains(h.Publisher, "Livemint") }},
		{"since", index.Query{Text: "nvidia chips china", Since: day("2025-06-01")},
			func(h index.Hit) bool { return !h.Published.Before(day("2025-06-01")) }},
		{"before", index.Query{Text: "nvidia chips china", Before: day("2025-01-01")},
			func(h index.Hit) bool { return h.Published.Before(day("2025-01-01")) }},
		{"between, from a source", index.Query{Text: "stargate", Since: day("2025-01-01"), Before: day("2025-02-01"), Sources: []string{"openai", "reuters", "cnbc"}},
			func(h index.Hit) bool {
				return !h.Published.Before(day("2025-01-01")) && h.Published.Before(day("2025-02-01"))
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Limit = 10
			res, err := x.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 {
				t.Fatal("no passage passes the filter")
			}
			for _, h := range res.Hits {
				if !tt.ok(h) {
					t.Errorf("%s (%s, %s) does not pass the filter", h.Passage.ID(), h.Publisher, h.Published.Format(time.DateOnly))
				}
			}
		})
	}
	res, err := x.Search(context.Background(), index.Query{Text: "deepseek gpus", Sources: []string{"nosuchpublisher"}})
	if err != nil || len(res.Hits) != 0 {
		t.Errorf("a source no article has: %d hits, %v", len(res.Hits), err)
	}
}

// TestSynonymOnly: a question word no passage holds ("hq", "msft") fetches
// candidates by its synonyms, however common they are. Words common
// enough are looked for without their synonyms, which only the word's
// own frequency may decide: "hq" had counted as common as "headquarters"
// and was then looked for alone, which found nothing.
func TestSynonymOnly(t *testing.T) {
	x := open(t, "", index.Options{})
	syncIndex(t, x, starter(t))
	for _, tt := range []struct{ q, article string }{
		{"hq", "deepseek-company-profile"},
		{"msft", "big-tech-ai-capex-2025"},
		{"nvda", "nvidia-market-value-drop-jan-2025"},
	} {
		mustFind(t, x, tt.q, tt.article)
	}
}

// TestCorrect: a word no passage holds is read as the spelling one slip
// away that the index holds, or that its thesaurus knows ("parms" is
// "params", which passages say as "parameters"), or else as the one term
// it is a clipping of ("zuck"); an English word, or one that would be
// corrected to a light word, is left as typed.
func TestCorrect(t *testing.T) {
	x := open(t, "", index.Options{})
	syncIndex(t, x, starter(t))
	for _, tt := range []struct {
		q, typed, want string // want "" when typed stays as it is
		word           string // how the passages write it
	}{
		{"deepsek gpus", "deepsek", "deepseek", "deepseek"},
		{"nvdia h20", "nvdia", "nvidia", "nvidia"},
		{"ai diffusoin rule", "diffusoin", "diffus", "diffusion"},
		{"how many parms in deepseek v3", "parms", "param", ""},                  // only the thesaurus knows "params"
		{"how many gpus is zuck gonna have", "zuck", "zuckerberg", "zuckerberg"}, // clipped
		{"deepseek code repos", "repos", "repositori", "repositories"},
		{"who is phil", "phil", "", ""},   // Philadelphia, but beside nothing the question names
		{"chai gpt tips", "chai", "", ""}, // chairman: never beside "gpt"
		{"letter from nvidia", "letter", "", ""},
		{"beyonce chips", "beyonce", "", ""},
	} {
		res := search(t, x, tt.q)
		i := slices.IndexFunc(res.Concepts, func(c index.Concept) bool { return c.Typed == tt.typed })
		if i < 0 {
			t.Errorf("search %q: no concept typed %q", tt.q, tt.typed)
			continue
		}
		c := res.Concepts[i]
		switch {
		case tt.want == "" && c.Corrected != "":
			t.Errorf("search %q: %q corrected to %v, want it as typed", tt.q, tt.typed, c.Terms)
		case tt.want != "" && (c.Corrected != tt.typed || !slices.Equal(c.Terms, []string{tt.want})):
			t.Errorf("search %q: %q read as %v (corrected %q), want %q", tt.q, tt.typed, c.Terms, c.Corrected, tt.want)
		}
		if c.Word != tt.word {
			t.Errorf("search %q: %q corrected to the word %q, want %q", tt.q, tt.typed, c.Word, tt.word)
		}
	}
}

// TestStableTies: with StableTies, passages tied in score at the cut are
// the ones of lowest ID, in every build: here 80 articles say the same
// thing and only the first candidates of them are fetched.
func TestStableTies(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 80 {
		name := fmt.Sprintf("tied-%02d.md", i)
		fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(newArticle, "A new article about zettaflops", fmt.Sprintf("Report %d", i), 1))}
	}
	var first []string
	for build := range 2 {
		x := open(t, "", index.Options{StableTies: true})
		syncIndex(t, x, fsys)
		res, err := x.Search(context.Background(), index.Query{Text: "zettaflops cluster", Limit: 100, PerArticle: 100})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.Passage.ID())
		}
		if len(ids) == 0 || len(ids) == len(fsys) {
			t.Fatalf("build %d: %d candidates of %d tied passages, want some but not all", build, len(ids), len(fsys))
		}
		if !slices.IsSorted(ids) || ids[0] != "tied-00/1" {
			t.Errorf("build %d: candidates %q, want the lowest IDs in order", build, ids)
		}
		if build == 0 {
			first = ids
		} else if !slices.Equal(ids, first) {
			t.Errorf("candidates differ between builds:\n%q\n%q", first, ids)
		}
	}
}

// TestFeaturesRepeat: a passage's features are the same to the last bit
// every time it is measured, so that a fit on them comes out the same
// twice; sums over a map had added the question's weights in a random
// order.
func TestFeaturesRepeat(t *testing.T) {
	x := open(t, "", index.Options{PassageCache: -1})
	syncIndex(t, x, starter(t))
	questions := []string{
		"how many GPUs did DeepSeek use to train V3 and what did it cost in 2024",
		"when did nvidia lose $593 billion in market value on january 27",
		"how many jobs did trump say stargate would create in the united states",
	}
	for _, q := range questions {
		var first []rank.Features
		for try := range 30 {
			res, err := x.Search(context.Background(), index.Query{Text: q, Want: []figure.Kind{figure.Count, figure.Money, figure.Date}, Limit: 10, PerArticle: 10})
			if err != nil {
				t.Fatal(err)
			}
			var fs []rank.Features
			for _, h := range res.Hits {
				fs = append(fs, h.Features)
			}
			if try == 0 {
				first = fs
			} else if !slices.Equal(fs, first) {
				t.Fatalf("%q: try %d measured\n%+v\nafter\n%+v", q, try, fs, first)
			}
		}
	}
}

// TestStray: a question about a company the first passage does not
// mention ("apple" in a question Microsoft's spending answers) has the
// weight of that name as Stray; one whose names the passage holds, or
// whose missing word no passage holds, has none.
func TestStray(t *testing.T) {
	x := open(t, "", index.Options{})
	syncIndex(t, x, starter(t))
	for _, tt := range []struct {
		q     string
		stray bool
	}{
		{"how much is apple spending on ai data centers in 2025", true},
		{"tsmc capex 2025", true},
		{"how much is microsoft spending on ai data centers in 2025", false},
		{"microsoft spending on ai cafeterias", false}, // "cafeterias" is in no passage
		// Amazon only in the title's list of companies, over Microsoft's
		// passage, is not what the passage is about.
		{"how much did amazon expect to spend in fiscal 2025 on data centers", true},
		// Capitalised only where a list item starts ("- Key partners").
		{"what are the key numbers for huawei ascend 910c", false},
		// The one "Windows Report" does not make "window" a name.
		{"how big is the context window of deepseek v3", false},
		// Written only where sentences start, but no English word.
		{"venturebeat capex 2025", true},
	} {
		res := search(t, x, tt.q)
		if got := res.Evidence.Stray > 0; got != tt.stray {
			t.Errorf("%q: Stray = %.3f, want it above 0: %v", tt.q, res.Evidence.Stray, tt.stray)
		}
	}
}

// TestMissing: a question word no passage holds that names something (an
// English noun, a model number, a hyphenated name) counts as Missing, what
// the corpus does not cover; chat's words and names the corpus holds do
// not.
func TestMissing(t *testing.T) {
	x := open(t, "", index.Options{})
	syncIndex(t, x, starter(t))
	for _, tt := range []struct {
		q       string
		missing bool
	}{
		{"what is jensen huang's salary", true},
		{"what did r1 score on arc-agi", true}, // "arc" is in no passage
		{"how many gpus does the mi300x have", true},
		{"deepseek-v3 parameters", false},
		{"deepseek devs lmao", false}, // chat, not a subject
		{"when did openai release o3-mini", true},
		// Chat's own hyphenated words are not names.
		{"deepseek v3 training cost, one-liner pls", false},
		{"deepseek gpu count, ballpark-ish", false},
	} {
		res := search(t, x, tt.q)
		if got := res.Evidence.Missing > 0; got != tt.missing {
			t.Errorf("%q: Missing = %.3f, want it above 0: %v", tt.q, res.Evidence.Missing, tt.missing)
		}
	}
}
