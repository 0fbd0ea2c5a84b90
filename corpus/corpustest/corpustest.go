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
// No generated passage holds the answer to a dev-set question: no line, pair
// of adjacent lines or paragraph block contains every expected string of an
// answerable question in racebot's eval/dev.jsonl, and none mentions what
// the unanswerable questions ask about. The generators also never repeat a
// figure quoted in the starter corpus, so questions about the real articles
// keep their answers there.
package corpustest

import (
	"iter"
	"os"
	"path/filepath"
	"testing/fstest"
)

// Distractors returns n synthetic news articles about the AI race, in files
// distractor-00001.md, distractor-00002.md, … at the root of the file system.
//
// Distractors mention the companies, chips, people, places and kinds of
// figure of racebot's starter corpus in other combinations — Alexandr Wang
// on another lab's GPU count, another hyperscaler's capital spending,
// another chip's export licence, another app's App Store rank — so that they
// compete hard with the real articles in retrieval without ever holding an
// expected answer. Each has 3 to 10 paragraphs; some are written one
// paragraph per line, some have headings ("## Heading" or a short title-case
// line) and bullet lists.
func Distractors(n int, seed int64) fstest.MapFS {
	fsys := make(fstest.MapFS, n)
	chk := newAnswerChecker()
	for i := range n {
		name, data := distractor(i, seed, chk)
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// Large returns a corpus of exactly passages paragraphs in articles of 8 to
// 12 paragraphs (the last article may be shorter), in files
// large-0000001.md, … at the root of the file system.
//
// The text is not prose but has realistic term statistics for indexing and
// ranking benchmarks: words follow a Zipf law over about 3,000 news words
// and the AI-race entities, paragraphs run from 40 to 120 words, and three
// paragraphs in four carry figures (money, percentages, counts of GPUs and
// jobs, dates, durations, power, GPU hours, parameters). Paragraphs are
// separated by blank lines, except in one article in ten, which is written
// one paragraph per line; "## " heading lines are not paragraphs.
//
// Large holds the whole corpus in memory, about 600 bytes per passage; use
// LargeFiles or WriteLarge for a million passages or more.
func Large(passages int, seed int64) fstest.MapFS {
	fsys := make(fstest.MapFS, passages/10+1)
	for name, data := range LargeFiles(passages, seed) {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// LargeFiles yields the files of Large(passages, seed) one at a time, in
// name order, without keeping them: memory use does not grow with the
// corpus. Each data slice is newly allocated and may be retained.
func LargeFiles(passages int, seed int64) iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		v := largeVocab()
		chk := newAnswerChecker()
		// Article lengths come from their own stream so that article i is
		// the same whatever the total.
		plan := newRNG(seed, streamLargePlan, 0)
		for i := 0; passages > 0; i++ {
			paras := min(plan.between(8, 12), passages)
			passages -= paras
			// About 580 bytes a paragraph plus front matter: one allocation
			// in nearly all cases, with little slack kept by Large.
			data := largeArticle(i, paras, seed, v, chk, make([]byte, 0, 512+640*paras))
			if !yield(largeID(i)+".md", data) {
				return
			}
		}
	}
}

// WriteLarge writes the files of Large(passages, seed) to dir, creating it
// if needed and overwriting files of the same names, streaming them so that
// a corpus of a million passages does not have to fit in memory.
func WriteLarge(dir string, passages int, seed int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, data := range LargeFiles(passages, seed) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
