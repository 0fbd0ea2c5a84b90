package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/racebot/racebot/corpus/watch"
	"github.com/racebot/racebot/index"
)

// watchCorpus keeps the index up to date with the corpus folder while ctx
// lasts, and returns a function that stops watching and waits until it has.
// A corpus that cannot be watched (the embedded one, or the system's limit
// on watches reached) leaves serve answering from the index as it is.
func (c *serveCmd) watchCorpus(ctx context.Context, log *slog.Logger, s *index.FolderSync) (stop func()) {
	switch {
	case s.Dir == "":
		log.Info("not watching the corpus: it is the embedded starter corpus")
		return func() {}
	case !c.Watch:
		log.Info("not watching the corpus folder (--no-watch): changes are indexed at the next start", "dir", s.Dir)
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := watch.Run(ctx, s.Dir, watch.Options{Logger: log}, s.Sync)
		if err != nil && !errors.Is(err, context.Canceled) {
			log.Error("cannot watch the corpus folder: changes are indexed at the next start", "dir", s.Dir, "err", err)
		}
	}()
	log.Info("watching the corpus folder for changes", "dir", s.Dir)
	return func() { cancel(); <-done }
}
