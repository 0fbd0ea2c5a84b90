package corpus_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/corpustest"
)

// BenchmarkScan measures listing and hashing a folder of 100,000 passages
// (about 10,000 files), as each update of a watched corpus does: all of it
// (Scan), and only what changed since the last scan (ScanSince, nothing
// changed).
func BenchmarkScan(b *testing.B) {
	dir := b.TempDir()
	if err := corpustest.WriteLarge(dir, 100_000, 1); err != nil {
		b.Fatal(err)
	}
	// Files written a moment ago are hashed again on every scan (see
	// ScanSince); a corpus is mostly older than that.
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return err
	})
	fsys := os.DirFS(dir)
	ctx := context.Background()
	prev, err := corpus.Scan(ctx, fsys)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			if _, err := corpus.Scan(ctx, fsys); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(prev)), "files")
	})
	b.Run("since", func(b *testing.B) {
		for b.Loop() {
			if _, err := corpus.ScanSince(ctx, fsys, prev); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(prev)), "files")
	})
}
