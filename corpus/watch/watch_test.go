package watch_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racebot/racebot/corpus/watch"
)

// hang bounds every wait for something that must happen; it guards against
// a hang and says nothing about speed.
const hang = 10 * time.Second

// calls records the calls Run makes, and fails the test if two overlap.
type calls struct {
	t       *testing.T
	ch      chan struct{} // one value per call
	running atomic.Int32
	n       atomic.Int32
	mu      sync.Mutex
	fail    int           // how many calls still fail
	block   chan struct{} // when set, calls wait for it to close
}

func (c *calls) changed(ctx context.Context) error {
	if c.running.Add(1) > 1 {
		c.t.Error("changed called while a call was running")
	}
	defer c.running.Add(-1)
	c.n.Add(1)
	c.mu.Lock()
	block := c.block
	fail := c.fail > 0
	if fail {
		c.fail--
	}
	c.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
		}
	}
	c.ch <- struct{}{}
	if fail {
		return errors.New("sync failed")
	}
	return nil
}

// next waits for the next call.
func (c *calls) next(what string) {
	c.t.Helper()
	select {
	case <-c.ch:
	case <-time.After(hang):
		c.t.Fatalf("%s: changed not called within %v", what, hang)
	}
}

// none checks that no call comes within a while: longer than the quiet
// period, so that a wrong call would have been made by then.
func (c *calls) none(what string) {
	c.t.Helper()
	select {
	case <-c.ch:
		c.t.Errorf("%s: changed called", what)
	case <-time.After(time.Second):
	}
}

// start runs the watcher on dir until the test ends, and waits for the
// first call, which says the watch is in place.
func start(t *testing.T, dir string, opts watch.Options) *calls {
	t.Helper()
	c := &calls{t: t, ch: make(chan struct{}, 100)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- watch.Run(ctx, dir, opts, c.changed) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(hang):
			t.Errorf("Run did not return within %v of cancel", hang)
		}
	})
	c.next("start")
	return c
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEvents(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "old.md"), "old")
	write(t, filepath.Join(dir, "sub", "inner.md"), "inner")
	c := start(t, dir, watch.Options{})

	steps := []struct {
		name   string
		do     func()
		called bool
	}{
		{"article added", func() { write(t, filepath.Join(dir, "new.md"), "new") }, true},
		{"article edited", func() { write(t, filepath.Join(dir, "old.md"), "old, edited") }, true},
		{"article removed", func() { os.Remove(filepath.Join(dir, "new.md")) }, true},
		{"article in a subfolder edited", func() { write(t, filepath.Join(dir, "sub", "inner.md"), "edited") }, true},
		{"article renamed", func() { os.Rename(filepath.Join(dir, "old.md"), filepath.Join(dir, "older.md")) }, true},
		{"article renamed away", func() { os.Rename(filepath.Join(dir, "older.md"), filepath.Join(dir, "older.md.bak")) }, true},
		{"files that are no articles", func() {
			for _, name := range []string{"notes.txt", "README.md", ".hidden.md", "x.md~", "#x.md#", ".x.md.swp", "x.md.tmp", "~$x.md", "4913", ".git/y.md"} {
				write(t, filepath.Join(dir, name), "noise")
			}
			os.Remove(filepath.Join(dir, "notes.txt"))
			os.Chmod(filepath.Join(dir, "sub", "inner.md"), 0o600)
		}, false},
		{"editor save: temp file renamed over the article", func() {
			tmp := filepath.Join(dir, "sub", ".inner.md.tmp123")
			write(t, tmp, "saved by an editor")
			if err := os.Rename(tmp, filepath.Join(dir, "sub", "inner.md")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"folders made with an article already in", func() { write(t, filepath.Join(dir, "a", "b", "c", "deep.md"), "deep") }, true},
		{"article in a new folder edited", func() { write(t, filepath.Join(dir, "a", "b", "c", "deep.md"), "deeper") }, true},
		{"folder moved in", func() {
			outside := filepath.Join(t.TempDir(), "batch")
			write(t, filepath.Join(outside, "moved.md"), "moved")
			if err := os.Rename(outside, filepath.Join(dir, "batch")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"article in a moved-in folder edited", func() { write(t, filepath.Join(dir, "batch", "moved.md"), "edited") }, true},
		{"folder renamed", func() {
			if err := os.Rename(filepath.Join(dir, "batch"), filepath.Join(dir, "batch2")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"article in a renamed folder edited", func() { write(t, filepath.Join(dir, "batch2", "moved.md"), "edited again") }, true},
		{"article added to a renamed folder's subfolder", func() { write(t, filepath.Join(dir, "batch2", "deeper", "new.md"), "new") }, true},
		{"folder removed", func() { os.RemoveAll(filepath.Join(dir, "a")) }, true},
		{"empty folder made", func() { os.Mkdir(filepath.Join(dir, "empty"), 0o755) }, false},
		{"article added to the new folder", func() { write(t, filepath.Join(dir, "empty", "first.md"), "first") }, true},
	}
	for _, s := range steps {
		s.do()
		if s.called {
			c.next(s.name)
		} else {
			c.none(s.name)
		}
	}
}

func TestBurstIsOneCall(t *testing.T) {
	dir := t.TempDir()
	c := start(t, dir, watch.Options{})
	for i := range 50 {
		write(t, filepath.Join(dir, fmt.Sprintf("burst-%02d.md", i)), "burst")
	}
	c.next("burst")
	c.none("after the burst")
	// Without debouncing there would be one call per event, over 100. A
	// machine slow enough to pause for the whole quiet period between
	// two writes makes a few.
	n := c.n.Load() - 1
	t.Logf("50 files added at once: %d call(s)", n)
	if n > 5 {
		t.Errorf("50 files added at once led to %d calls", n)
	}
}

func TestSteadyChangesStillCall(t *testing.T) {
	dir := t.TempDir()
	c := start(t, dir, watch.Options{Quiet: 300 * time.Millisecond, MaxDelay: 600 * time.Millisecond})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				write(t, filepath.Join(dir, "busy.md"), fmt.Sprint(i))
			}
		}
	})
	defer func() { close(stop); wg.Wait() }()
	// The folder is never quiet for 300 ms; MaxDelay makes the call anyway.
	c.next("changes every 50 ms")
}

func TestChangeDuringCallCallsAgain(t *testing.T) {
	dir := t.TempDir()
	c := start(t, dir, watch.Options{})
	block := make(chan struct{})
	c.mu.Lock()
	c.block = block
	c.mu.Unlock()
	write(t, filepath.Join(dir, "one.md"), "one")
	waitFor(t, "a call to start", func() bool { return c.running.Load() == 1 })
	write(t, filepath.Join(dir, "two.md"), "two")
	c.mu.Lock()
	c.block = nil
	c.mu.Unlock()
	time.Sleep(time.Second) // the second change's quiet period passes during the call
	close(block)
	c.next("the blocked call")
	c.next("the change made during it")
}

func TestFailedCallIsRetried(t *testing.T) {
	dir := t.TempDir()
	c := start(t, dir, watch.Options{Retry: 100 * time.Millisecond})
	c.mu.Lock()
	c.fail = 2
	c.mu.Unlock()
	write(t, filepath.Join(dir, "one.md"), "one")
	c.next("the change")
	c.next("first retry")
	c.next("second retry")
	c.none("after a call succeeded")
}

func TestFolderRemovedAndBack(t *testing.T) {
	for _, how := range []string{"removed", "renamed"} {
		t.Run(how, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "corpus")
			write(t, filepath.Join(dir, "sub", "a.md"), "a")
			c := start(t, dir, watch.Options{Retry: 100 * time.Millisecond})
			if how == "removed" {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
			} else {
				if err := os.Rename(dir, filepath.Join(parent, "elsewhere")); err != nil {
					t.Fatal(err)
				}
				// Changes in the moved folder are no longer the corpus's.
				write(t, filepath.Join(parent, "elsewhere", "sub", "b.md"), "b")
			}
			c.none("folder " + how)
			write(t, filepath.Join(dir, "back.md"), "back")
			c.next("folder back")
			write(t, filepath.Join(dir, "again.md"), "again")
			c.next("article added to the folder that came back")
		})
	}
}

func TestSymlinkedFolder(t *testing.T) {
	real := t.TempDir()
	link := filepath.Join(t.TempDir(), "corpus")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	c := start(t, link, watch.Options{})
	write(t, filepath.Join(real, "sub", "a.md"), "a")
	c.next("article added in a subfolder of a folder reached through a link")
	write(t, filepath.Join(real, "sub", "a.md"), "edited")
	c.next("article edited")
}

func TestMissingFolderAtStart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "later")
	c := &calls{t: t, ch: make(chan struct{}, 10)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- watch.Run(ctx, dir, watch.Options{Retry: 100 * time.Millisecond}, c.changed) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	c.none("no folder")
	write(t, filepath.Join(dir, "a.md"), "a")
	c.next("folder made")
}

func TestNotAFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file.md")
	write(t, file, "x")
	err := watch.Run(context.Background(), file, watch.Options{}, func(context.Context) error { return nil })
	if err == nil {
		t.Fatal("Run on a file: no error")
	}
}

func TestCancelStopsEverything(t *testing.T) {
	before := runtime.NumGoroutine()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), "a")
	c := &calls{t: t, ch: make(chan struct{}, 10), block: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- watch.Run(ctx, dir, watch.Options{}, c.changed) }()
	// Cancel during a call: Run waits for it, which ctx ends.
	waitFor(t, "the first call", func() bool { return c.running.Load() == 1 })
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(hang):
		t.Fatalf("Run did not return within %v of cancel", hang)
	}
	if c.running.Load() != 0 {
		t.Error("Run returned while changed was running")
	}
	waitFor(t, "goroutines to end", func() bool { return runtime.NumGoroutine() <= before })
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(hang)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %v", what, hang)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
