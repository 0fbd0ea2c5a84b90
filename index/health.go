package index

import (
	"context"
	"log/slog"
	"time"
)

// CheckEvery and RepairEvery are how often KeepHealthy checks an index
// served with a known search, and looks for a fault a question found:
// more often, since repairing it quickly is what brings answers back.
const (
	CheckEvery  = time.Minute
	RepairEvery = 5 * time.Second
)

// Checked is what KeepHealthy needs of an index: *Index.
type Checked interface {
	Check(context.Context) error
	Fault() error
	Dir() string
}

// KeepHealthy checks the index with idx.Check every check and, when it
// is found damaged (a check or a question's search failed or panicked),
// rebuilds it from the corpus with repair, looking every tick and
// retrying until it works. It returns a function that stops it and waits
// until it has.
func KeepHealthy(ctx context.Context, log *slog.Logger, idx Checked, tick, check time.Duration, repair func(context.Context) error) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(tick)
		defer tick.Stop()
		last := time.Now()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			if time.Since(last) >= check {
				last = time.Now()
				if err := idx.Check(ctx); err != nil {
					log.Error("index check failed", "dir", idx.Dir(), "err", err)
				}
			}
			if idx.Fault() == nil {
				continue
			}
			log.Warn("rebuilding the damaged index from the corpus", "dir", idx.Dir(), "err", idx.Fault())
			if err := repair(ctx); err != nil && ctx.Err() == nil {
				log.Error("index rebuild failed; trying again", "dir", idx.Dir(), "err", err)
				continue
			}
			if idx.Fault() == nil {
				log.Info("index rebuilt; answering again", "dir", idx.Dir())
			}
		}
	}()
	return func() { cancel(); <-done }
}
