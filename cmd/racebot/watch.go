package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/racebot/racebot/bot/metrics"
	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/watch"
	"github.com/racebot/racebot/index"
)

// corpusSync brings serve's index up to date with its corpus folder. Its
// sync may be called from several goroutines (the folder watcher, anything
// else that writes articles); the calls take turns, since two Syncs at once
// would make one of them fail.
type corpusSync struct {
	dir     string
	idx     *index.Index
	log     *slog.Logger
	metrics *metrics.Metrics // nil counts nothing

	mu   sync.Mutex
	last []corpus.File // the folder's last scan, for rescanning only what changed
}

// sync updates the index from the folder. A folder that is gone,
// unreadable or holds no article any more is an error and changes nothing:
// serve keeps answering from the index as it is.
func (s *corpusSync) sync(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	fsys := os.DirFS(s.dir)
	rep, err := s.update(ctx, fsys)
	if err != nil {
		if ctx.Err() == nil {
			s.count("failed", rep)
		}
		return err
	}
	if rep.Changes() {
		s.log.Info("corpus updated", "dir", s.dir, "added", rep.Added, "changed", rep.Changed, "removed", rep.Removed,
			"unusable", len(rep.Problems), "rebuilt", rep.Rebuilt, "took", rep.Duration.Round(time.Millisecond))
		s.count("updated", rep)
	} else {
		s.log.Debug("corpus unchanged", "dir", s.dir, "unusable", len(rep.Problems), "took", rep.Duration.Round(time.Millisecond))
		s.count("unchanged", rep)
	}
	return nil
}

func (s *corpusSync) update(ctx context.Context, fsys fs.FS) (index.Report, error) {
	has, err := hasArticle(fsys)
	if err != nil {
		return index.Report{}, fmt.Errorf("read corpus folder %s: %w", s.dir, err)
	}
	if !has {
		// A full build refuses an empty corpus; an update must not reach
		// the same empty index one deletion at a time (a folder being
		// emptied, or removed file by file).
		return index.Report{}, fmt.Errorf("corpus folder %s: %w; answering from the index as it is", s.dir, corpus.ErrNoArticles)
	}
	start := time.Now()
	files, err := corpus.ScanSince(ctx, fsys, s.last)
	if err != nil {
		return index.Report{}, fmt.Errorf("read corpus folder %s: %w", s.dir, err)
	}
	rep, err := s.idx.SyncFiles(ctx, fsys, files)
	rep.Duration = time.Since(start)
	if err != nil {
		return rep, fmt.Errorf("update index from corpus folder %s: %w", s.dir, err)
	}
	s.last = files
	return rep, nil
}

func (s *corpusSync) count(outcome string, rep index.Report) {
	if s.metrics != nil {
		s.metrics.CorpusUpdate(outcome, len(rep.Problems))
	}
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

// watchCorpus keeps the index up to date with the corpus folder while ctx
// lasts, and returns a function that stops watching and waits until it has.
// A corpus that cannot be watched (the embedded one, or the system's limit
// on watches reached) leaves serve answering from the index as it is.
func (c *serveCmd) watchCorpus(ctx context.Context, log *slog.Logger, s *corpusSync) (stop func()) {
	switch {
	case s.dir == "":
		log.Info("not watching the corpus: it is the embedded starter corpus")
		return func() {}
	case !c.Watch:
		log.Info("not watching the corpus folder (--no-watch): changes are indexed at the next start", "dir", s.dir)
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := watch.Run(ctx, s.dir, watch.Options{Logger: log}, s.sync)
		if err != nil && !errors.Is(err, context.Canceled) {
			log.Error("cannot watch the corpus folder: changes are indexed at the next start", "dir", s.dir, "err", err)
		}
	}()
	log.Info("watching the corpus folder for changes", "dir", s.dir)
	return func() { cancel(); <-done }
}
