package index

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/racebot/racebot/corpus"
)

// FolderSync keeps an index up to date with a corpus folder while it is
// served. Its Sync may be called from several goroutines (a folder
// watcher, a feed poller, a repair); the calls take turns, since two
// Syncs of one index at once would make one of them fail. Each call
// rescans only what changed since the last (corpus.ScanSince).
type FolderSync struct {
	Dir   string
	Index *Index
	Log   *slog.Logger // nil logs nothing
	// Observe, when set, is told of each update: its outcome ("updated",
	// "unchanged" or "failed") and how many files could not be used.
	Observe func(outcome string, unusable int)

	mu   sync.Mutex
	last []corpus.File // the folder's last scan
}

// Sync updates the index from the folder. A folder that is gone,
// unreadable or holds no article any more is an error and changes nothing:
// serve keeps answering from the index as it is.
func (s *FolderSync) Sync(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	fsys := os.DirFS(s.Dir)
	rep, err := s.update(ctx, fsys)
	if err != nil {
		if ctx.Err() == nil {
			s.count("failed", rep)
		}
		return err
	}
	for _, p := range rep.Found {
		s.logger().Warn("skipping corpus file", "err", p)
	}
	if rep.Changes() {
		s.logger().Info("corpus updated", "dir", s.Dir, "added", rep.Added, "changed", rep.Changed, "removed", rep.Removed,
			"unusable", len(rep.Problems), "rebuilt", rep.Rebuilt, "took", rep.Duration.Round(time.Millisecond))
		s.count("updated", rep)
	} else {
		s.logger().Debug("corpus unchanged", "dir", s.Dir, "unusable", len(rep.Problems), "took", rep.Duration.Round(time.Millisecond))
		s.count("unchanged", rep)
	}
	return nil
}

func (s *FolderSync) update(ctx context.Context, fsys fs.FS) (Report, error) {
	has, err := hasArticle(fsys)
	if err != nil {
		return Report{}, fmt.Errorf("read corpus folder %s: %w", s.Dir, err)
	}
	if !has {
		// A full build refuses an empty corpus; an update must not reach
		// the same empty index one deletion at a time (a folder being
		// emptied, or removed file by file).
		return Report{}, fmt.Errorf("corpus folder %s: %w; answering from the index as it is", s.Dir, corpus.ErrNoArticles)
	}
	start := time.Now()
	files, err := corpus.ScanSince(ctx, fsys, s.last)
	if err != nil {
		return Report{}, fmt.Errorf("read corpus folder %s: %w", s.Dir, err)
	}
	rep, err := s.Index.SyncFiles(ctx, fsys, files)
	rep.Duration = time.Since(start)
	if err != nil {
		return rep, fmt.Errorf("update index from corpus folder %s: %w", s.Dir, err)
	}
	s.last = files
	return rep, nil
}

func (s *FolderSync) count(outcome string, rep Report) {
	if s.Observe != nil {
		s.Observe(outcome, len(rep.Problems))
	}
}

func (s *FolderSync) logger() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

// hasArticle reports whether fsys holds an article file where corpus.Scan
// looks, reading folders but no file.
func hasArticle(fsys fs.FS) (bool, error) {
	found := false
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && p != "." && d.Name()[0] == '.':
			return fs.SkipDir
		case !d.IsDir() && d.Type().IsRegular() && corpus.IsArticleFile(p):
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found, err
}
