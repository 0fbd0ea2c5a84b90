package index_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/corpustest"
	"github.com/racebot/racebot/index"
)

// benchPassages is the size of the generated corpus the large benchmarks
// use; go test -bench . -benchpassages 1000000 measures a bigger one.
var benchPassages = flag.Int("benchpassages", 100_000, "passages in the generated benchmark corpus")

var (
	largeOnce sync.Once
	largeDir  string       // a built index of the generated corpus
	largeFS   fstest.MapFS // the corpus it was built from
	largeErr  error
)

// largeIndex builds, once per test binary, an on-disk index of the starter
// corpus plus a generated one of about benchPassages passages.
func largeIndex(b *testing.B) string {
	b.Helper()
	largeOnce.Do(func() {
		largeDir, largeErr = os.MkdirTemp("", "racebot-bench-")
		if largeErr != nil {
			return
		}
		fsys := corpustest.Large(*benchPassages, 1)
		maps.Copy(fsys, corpustest.Starter("starter"))
		largeFS = fsys
		var x *index.Index
		if x, largeErr = index.Open(context.Background(), largeDir, index.Options{}); largeErr != nil {
			return
		}
		defer x.Close()
		_, largeErr = x.Sync(context.Background(), fsys)
	})
	if largeErr != nil {
		b.Fatal(largeErr)
	}
	return largeDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if largeDir != "" {
		os.RemoveAll(largeDir)
	}
	os.Exit(code)
}

// BenchmarkBuild measures a full build, corpus parsing and figure
// extraction included, and reports passages per second.
func BenchmarkBuild(b *testing.B) {
	for _, tc := range []struct {
		name string
		fsys func() fstest.MapFS
	}{
		{"embedded", func() fstest.MapFS { return starter(b) }},
		{"generated", func() fstest.MapFS { return corpustest.Large(*benchPassages, 1) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			fsys := tc.fsys()
			passages := 0
			cpu := cpuTime()
			for b.Loop() {
				dir := b.TempDir()
				x, err := index.Open(context.Background(), dir, index.Options{})
				if err != nil {
					b.Fatal(err)
				}
				rep, err := x.Sync(context.Background(), fsys)
				if err != nil {
					b.Fatal(err)
				}
				passages += rep.Passages
				x.Close()
			}
			b.ReportMetric(float64(passages)/b.Elapsed().Seconds(), "passages/s")
			if cpu := cpuTime() - cpu; cpu > 0 {
				b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			}
		})
	}
}

// updates numbers the articles BenchmarkUpdate adds, across runs.
var updates int

// BenchmarkUpdate measures an incremental update of the large index: one
// article file added and synced, as the folder watcher does it, with the
// corpus already scanned (corpus.ScanSince rereads only changed files).
func BenchmarkUpdate(b *testing.B) {
	dir := largeIndex(b)
	x, err := index.Open(context.Background(), dir, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	files, err := corpus.Scan(context.Background(), largeFS)
	if err != nil {
		b.Fatal(err)
	}
	var template []byte
	for _, f := range corpustest.Large(10, 99) {
		template = f.Data
	}
	for b.Loop() {
		updates++
		// The generator numbers articles from 1 whatever the seed: a new
		// ID, so that the article is new to the index too.
		name := fmt.Sprintf("update/u%d.md", updates)
		file := fstest.MapFS{name: {Data: bytes.Replace(template, []byte("id: large-"), []byte(fmt.Sprintf("id: u%d-", updates)), 1)}}
		added, err := corpus.Scan(context.Background(), file)
		if err != nil || len(added) != 1 {
			b.Fatalf("scan %s: %v, %v", name, added, err)
		}
		largeFS[name] = file[name]
		files = append(files, added[0])
		slices.SortFunc(files, func(a, b corpus.File) int { return strings.Compare(a.Path, b.Path) })
		rep, err := x.SyncFiles(context.Background(), largeFS, files)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Added != 1 || rep.Rebuilt || len(rep.Problems) > 0 {
			b.Fatalf("sync after adding %s: %+v", name, rep)
		}
	}
}

// BenchmarkLoad measures corpus parsing with figure extraction alone.
func BenchmarkLoad(b *testing.B) {
	fsys := corpustest.Large(*benchPassages/10, 1)
	passages := 0
	for b.Loop() {
		c, err := corpus.Load(context.Background(), fsys)
		if err != nil {
			b.Fatal(err)
		}
		passages += c.Passages()
	}
	b.ReportMetric(float64(passages)/b.Elapsed().Seconds(), "passages/s")
}

// BenchmarkOpen measures opening an existing index of the generated corpus,
// reading its manifest included.
func BenchmarkOpen(b *testing.B) {
	dir := largeIndex(b)
	for b.Loop() {
		x, err := index.Open(context.Background(), dir, index.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if x.Stats().Passages < *benchPassages {
			b.Fatalf("index holds %+v", x.Stats())
		}
		x.Close()
	}
}

// benchQuestions are search texts as the engine passes them (question
// words already removed).
var benchQuestions = []string{
	"gpus deepseek musk wang", "deepseek v3 parameters active per token", "h800 gpu hours deepseek-v3 training",
	"stargate invest", "nvidia market value lose deepseek", "huawei ascend chips 2025", "export controls a100 china license",
	"microsoft ai data centers fiscal 2025", "alexandr wang agi", "operator webvoyager osworld",
	"ai diffusion rule per-country gpu cap", "generative ai market 2032 bloomberg intelligence",
}

// BenchmarkSearch measures search with re-ranking on the generated
// corpus and reports the median and 99th-percentile latency.
func BenchmarkSearch(b *testing.B) {
	x, err := index.Open(context.Background(), largeIndex(b), index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	for _, q := range benchQuestions { // warm up
		x.Search(context.Background(), index.Query{Text: q})
	}
	var lat []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := x.Search(context.Background(), index.Query{Text: benchQuestions[i%len(benchQuestions)]}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	reportPercentiles(b, lat)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	at := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
