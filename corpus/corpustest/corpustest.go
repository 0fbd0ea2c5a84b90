// Package corpustest generates synthetic corpora in racebot's article format
// for tests and benchmarks, the way net/http/httptest provides servers: large
// test corpora are generated, never committed.
//
// Every generator is deterministic: the same arguments give byte-identical
// files, with any Go release, because the package uses its own random number
// generator. Each article is derived from the seed and its index alone, so a
// smaller call yields a prefix of a larger one: Distractors(10, s) holds the
// first ten files of Distractors(2000, s).
//
// Files are Markdown with YAML front matter (id, title, published, kind,
// sources, tags), named after their id at the root of the returned file
// system. To materialise one on disk, use os.CopyFS:
//
//	err := os.CopyFS(dir, corpustest.Distractors(500, 1))
//
// or WriteLarge to stream a large corpus without holding it in memory.
//
// No generated passage holds the answer to a question of racebot's dev set
// (eval/dev.jsonl): no distractor line, pair of adjacent lines, paragraph
// block or line read with the title, and no paragraph of a large corpus,
// contains every expected string of an answerable question, and none
// mentions what the unanswerable questions ask about. Distractors keep the
// held-out set (testdata/heldout.jsonl) out the same way. The generators also
// never write a figure quoted in the starter corpus, in any spelling, so
// that questions about the real articles keep their answers there.
//
// Nor does a distractor contradict the starter corpus: it states each kind
// of fact (a release date, a GPU count, a capex plan, a Stargate site's
// capacity, a ban, a claim…) only about subjects that the real articles do
// not state that kind of fact about, which realFacts lists. "Mistral
// released Mistral Large on …" competes with the real "DeepSeek released
// DeepSeek-R1 on January 20, 2025"; "DeepSeek released DeepSeek-R1 on …"
// with another date would contradict it, and no distractor says so.
package corpustest

import (
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing/fstest"
)

// Distractors returns n synthetic news articles about the AI race, in files
// distractor-00001.md, distractor-00002.md, … at the root of the file system.
//
// Distractors mention the companies, chips, people, places and kinds of
// figure of racebot's starter corpus in other combinations — Alexandr Wang
// on another lab's GPU count, another hyperscaler's capital spending,
// another chip's export licence, another app's App Store rank, another
// Stargate site's capacity — so that they compete hard with the real
// articles in retrieval without ever holding an expected answer or
// contradicting a real article: a subject of a real fact (DeepSeek-R1's
// release date, Microsoft's capex, Stargate UAE's capacity) appears only in
// other roles. Each has 3 to 10 paragraphs; some are written one
// paragraph per line, some have headings ("## Heading" or a short title-case
// line) and bullet lists.
func Distractors(n int, seed int64) fstest.MapFS {
	data := make([][]byte, n)
	parallel(n, func(i int) error {
		data[i] = distractor(i, seed)
		return nil
	})
	fsys := make(fstest.MapFS, n)
	for i, d := range data {
		fsys[distractorName(i)] = &fstest.MapFile{Data: d, Mode: 0o644}
	}
	return fsys
}

// Large returns a corpus of exactly passages paragraphs in articles of 8 to
// 12 paragraphs (the last article may be shorter), in files
// large-0000001.md, … at the root of the file system.
//
// The text is not prose but has realistic term statistics for indexing and
// ranking benchmarks: words follow a Zipf law over about 3,000 news words
// and the AI-race entities, paragraphs run from 40 to 120 words (a few
// more when their figures are long, 86 on average), and three
// paragraphs in four carry figures (money, percentages, counts of GPUs and
// jobs, dates, durations, power, GPU hours, parameters). Paragraphs are
// separated by blank lines, except in one article in ten, which is written
// one paragraph per line; "## " heading lines are not paragraphs.
//
// Large generates articles on all CPUs and holds the whole corpus in
// memory, about 600 bytes per passage; use LargeFiles or WriteLarge for a
// million passages or more.
func Large(passages int, seed int64) fstest.MapFS {
	plan := largePlan(passages, seed)
	data := make([][]byte, len(plan))
	parallel(len(plan), func(i int) error {
		data[i] = largeArticle(i, plan[i], seed)
		return nil
	})
	fsys := make(fstest.MapFS, len(plan))
	for i, d := range data {
		fsys[largeID(i)+".md"] = &fstest.MapFile{Data: d, Mode: 0o644}
	}
	return fsys
}

// LargeFiles yields the files of Large(passages, seed) one at a time, in
// name order, without keeping them: memory use does not grow with the
// corpus. Each data slice is newly allocated and may be retained.
func LargeFiles(passages int, seed int64) iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		for i, paras := range largePlan(passages, seed) {
			if !yield(largeID(i)+".md", largeArticle(i, paras, seed)) {
				return
			}
		}
	}
}

// WriteLarge writes the files of Large(passages, seed) to dir, creating it
// if needed and overwriting files of the same names. It generates and
// writes articles on all CPUs without keeping them, so a corpus of a million
// passages does not have to fit in memory.
func WriteLarge(dir string, passages int, seed int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	plan := largePlan(passages, seed)
	return parallel(len(plan), func(i int) error {
		return os.WriteFile(filepath.Join(dir, largeID(i)+".md"), largeArticle(i, plan[i], seed), 0o644)
	})
}

// largePlan returns the number of paragraphs of each article. The lengths
// come from their own stream, drawn in order, so that article i has the same
// length (and therefore the same text) whatever the total, except for a last
// article cut short.
func largePlan(passages int, seed int64) []int {
	r := newRNG(seed, streamLargePlan, 0)
	plan := make([]int, 0, passages/10+1)
	for passages > 0 {
		n := min(r.between(8, 12), passages)
		plan = append(plan, n)
		passages -= n
	}
	return plan
}

// parallel calls f(0), …, f(n-1) on GOMAXPROCS goroutines and returns the
// first error, after which no further calls start. Articles are independent,
// so generation scales with the cores available.
func parallel(n int, f func(i int) error) error {
	var (
		next    atomic.Int64
		failed  atomic.Bool
		errOnce sync.Once
		err     error
		wg      sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if e := f(i); e != nil {
					errOnce.Do(func() { err = e })
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return err
}
