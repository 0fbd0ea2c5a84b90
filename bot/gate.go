package bot

import (
	"context"
	"sync"
)

// Gate counts the work an adapter has in flight (answers still to be
// sent after the platform's request has returned) and, at shutdown, stops
// taking more and waits for it: the one drain every adapter needs. The
// zero value is open and ready to use.
type Gate struct {
	mu      sync.Mutex
	closing bool
	wg      sync.WaitGroup
}

// Enter counts one piece of work in flight, unless the gate is closing:
// then it returns false and the work must not start. Each Enter that
// returns true is matched by a Leave.
func (g *Gate) Enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closing {
		return false
	}
	g.wg.Add(1)
	return true
}

// Leave marks work counted by Enter as done.
func (g *Gate) Leave() { g.wg.Done() }

// Closing reports whether Close has been called.
func (g *Gate) Closing() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.closing
}

// Stop stops taking work, for an adapter that must refuse new work
// before it can wait for the rest (a gateway closing its connection).
func (g *Gate) Stop() {
	g.mu.Lock()
	g.closing = true
	g.mu.Unlock()
}

// Close stops taking work and waits until the work in flight is done, or
// ctx is; then it returns ctx's error, and the work goes on.
func (g *Gate) Close(ctx context.Context) error {
	g.Stop()
	done := make(chan struct{})
	go func() { g.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Wait waits until the work in flight is done, whether or not the gate
// is closing.
func (g *Gate) Wait() { g.wg.Wait() }
