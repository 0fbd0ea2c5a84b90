// Package watch tells when the article files of a corpus folder change, so
// that a long-running racebot can bring its index up to date within seconds
// instead of at its next start.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/racebot/racebot/corpus"
)

// Options tune Run. The zero value is ready to use.
type Options struct {
	// Quiet is how long the folder must stay quiet after a change before
	// changed is called, so that a burst of changes (a folder copied in, an
	// editor's save) leads to one call; zero means 400 ms.
	Quiet time.Duration
	// MaxDelay bounds how long a steady stream of changes can put the call
	// off, counted from the first change; zero means 2 s.
	MaxDelay time.Duration
	// Retry is how often a missing corpus folder is looked for, and the
	// first wait before a call that failed is made again (the wait doubles
	// up to a minute); zero means 2 s.
	Retry time.Duration
	// Logger receives what the watcher notices; nil discards it.
	Logger *slog.Logger
}

const maxRetry = time.Minute

// Run watches the article files (corpus.IsArticleFile) in dir and its
// subfolders, as corpus.Scan lists them, and calls changed after each burst
// of changes to them, until ctx is done. It calls changed once as soon as
// the watch is in place, so that a change made before it began is not
// missed.
//
// changed is never called twice at once: a change during a call leads to
// another call after it returns. A call that returns an error is made
// again later, with a growing wait, until one succeeds or another change
// comes. When dir is missing, at the start or later, Run waits for it to
// come back and for its changes to settle, and then calls changed.
//
// Run returns nil once ctx is done and changed has returned, or an error if
// the folder cannot be watched at all. On Linux each folder takes one of the
// user's inotify watches (fs.inotify.max_user_watches); on macOS and the
// BSDs, kqueue takes a file descriptor per file as well.
func Run(ctx context.Context, dir string, opts Options, changed func(context.Context) error) error {
	w, err := newWatcher(dir, opts)
	if err != nil {
		return err
	}
	defer w.fsw.Close()
	return w.run(ctx, changed)
}

type watcher struct {
	root string // as given
	top  string // root with symbolic links resolved: what is watched
	opts Options
	log  *slog.Logger
	fsw  *fsnotify.Watcher
	dirs map[string]bool // folders watched, by path
}

func newWatcher(dir string, opts Options) (*watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 400 * time.Millisecond
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = 2 * time.Second
	}
	if opts.Retry <= 0 {
		opts.Retry = 2 * time.Second
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch corpus folder %s: %w", dir, err)
	}
	return &watcher{root: filepath.Clean(dir), opts: opts, log: log, fsw: fsw, dirs: make(map[string]bool)}, nil
}

// run is Run's event loop. It owns every field of w; changed runs in a
// goroutine of its own, so that events keep being read during a long call
// and the kernel's event queue does not overflow.
func (w *watcher) run(ctx context.Context, changed func(context.Context) error) error {
	var (
		first, last time.Time // of the changes not yet passed on; first zero if none
		running     bool
		done        = make(chan error, 1)
		wait        time.Duration // before retrying a failed call; 0 if none failed
		missing     bool          // the corpus folder is gone
		timer       = time.NewTimer(time.Hour)
	)
	timer.Stop()
	defer timer.Stop()
	// due is when the changes noted are passed on.
	due := func() time.Time {
		q, m := last.Add(w.opts.Quiet), first.Add(w.opts.MaxDelay)
		if m.Before(q) {
			return m
		}
		return q
	}
	// reset arms the one timer for the earliest thing the loop waits for.
	reset := func() {
		var d time.Duration
		switch {
		case running:
			return // the end of the call rearms it
		case !first.IsZero():
			d = time.Until(due())
		case missing:
			d = w.opts.Retry
		case wait > 0:
			d = wait
		default:
			timer.Stop()
			return
		}
		timer.Reset(max(d, 0))
	}
	note := func() {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		last = now
		reset()
	}
	start := func() {
		first, running = time.Time{}, true
		go func() { done <- changed(ctx) }()
	}

	if err := w.watchRoot(); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		w.log.Warn("corpus folder is gone; answering from the index as it is until it comes back", "dir", w.root)
		missing = true
		reset()
	} else {
		start()
	}

	for {
		select {
		case <-ctx.Done():
			if running {
				<-done
			}
			return nil

		case err := <-done:
			running = false
			switch {
			case err == nil:
				wait = 0
			case ctx.Err() != nil:
			default:
				wait = min(max(2*wait, w.opts.Retry), maxRetry)
				w.log.Warn("corpus update failed; trying again later", "dir", w.root, "err", err, "in", wait)
			}
			// Changes noted during the call are passed on once they
			// settle, which they may have done already.
			reset()

		case <-timer.C:
			switch {
			case running:
			case missing:
				if err := w.watchRoot(); err != nil {
					reset()
					continue
				}
				missing = false
				w.log.Info("corpus folder is back", "dir", w.root)
				// It may be being filled file by file: wait for
				// quiet, as for any change.
				note()
			case !first.IsZero() && time.Now().Before(due()):
				reset() // the quiet period was extended since the timer was set
			default:
				start() // changes settled, or a failed call is due again
			}

		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			switch w.event(ev) {
			case rootGone:
				w.log.Warn("corpus folder is gone; answering from the index as it is until it comes back", "dir", w.root)
				w.unwatchAll()
				missing, first = true, time.Time{}
				reset()
			case relevant:
				if !missing {
					note()
				}
			}

		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			// Events were lost (the kernel's queue overflowed): folders
			// may have appeared unwatched, and only a full look at the
			// corpus can tell what changed.
			w.log.Warn("corpus watch lost events; looking at the whole folder again", "dir", w.root, "err", err)
			if !missing {
				if err := w.watchRoot(); err != nil {
					w.log.Warn("cannot watch corpus folder", "dir", w.root, "err", err)
				}
				note()
			}
		}
	}
}

type verdict int

const (
	ignored verdict = iota
	relevant
	rootGone
)

// event decides what an event means for the corpus, and watches a folder
// that appeared.
func (w *watcher) event(ev fsnotify.Event) verdict {
	name := filepath.Clean(ev.Name)
	if name == w.top {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			return rootGone
		}
		return ignored
	}
	if hidden(filepath.Base(name)) {
		return ignored // corpus.Scan skips hidden files and folders
	}
	switch {
	case ev.Has(fsnotify.Create):
		fi, err := os.Lstat(name)
		if err == nil && fi.IsDir() {
			// A folder created or moved in: it may already hold
			// articles, which send no events of their own.
			articles, err := w.watchTree(name)
			if err != nil {
				w.log.Warn("cannot watch corpus subfolder", "dir", name, "err", err)
			}
			if articles {
				return relevant
			}
			return ignored
		}
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		if w.dirs[name] {
			// A folder removed or moved away takes its articles along.
			w.unwatch(name)
			return relevant
		}
	case ev.Has(fsnotify.Write):
	default:
		// Chmod alone leaves the content, which is what is indexed, as
		// it was.
		return ignored
	}
	if !corpus.IsArticleFile(filepath.ToSlash(name)) || editorFile(filepath.Base(name)) {
		return ignored
	}
	return relevant
}

func hidden(base string) bool { return strings.HasPrefix(base, ".") }

// editorFile reports whether a file name that corpus.IsArticleFile accepts
// is one an editor or office suite keeps beside the file it edits. Most
// such names (.x.md.swp, x.md~, #x.md#, x.md.tmp) already fail
// IsArticleFile.
func editorFile(base string) bool {
	return strings.HasPrefix(base, "~") || strings.HasPrefix(base, "#")
}

// watchRoot watches the corpus folder. A folder reached through a symbolic
// link (/srv/corpus -> /data/corpus) is watched where it is, as os.DirFS
// reads it.
func (w *watcher) watchRoot() error {
	top, err := filepath.EvalSymlinks(w.root)
	if err != nil {
		return fmt.Errorf("watch corpus folder %s: %w", w.root, err)
	}
	w.top = top
	_, err = w.watchTree(top)
	return err
}

// watchTree watches dir and every folder under it that corpus.Scan would
// walk, and reports whether it saw an article file there. Folders already
// watched are watched again, which is harmless. Each folder is watched
// before it is read, so a file is either seen or sends an event.
func (w *watcher) watchTree(dir string) (articles bool, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			// A subfolder vanished or is unreadable: Sync will report
			// what it cannot read.
			return nil
		}
		if !d.IsDir() {
			if p == dir {
				return fmt.Errorf("watch corpus folder %s: not a folder", p)
			}
			if d.Type().IsRegular() && corpus.IsArticleFile(filepath.ToSlash(p)) && !editorFile(d.Name()) {
				articles = true
			}
			return nil
		}
		if p != dir && hidden(d.Name()) {
			return fs.SkipDir
		}
		if err := w.fsw.Add(p); err != nil {
			if p == dir {
				return fmt.Errorf("watch corpus folder %s: %w", p, err)
			}
			w.log.Warn("cannot watch corpus subfolder", "dir", p, "err", err)
			return fs.SkipDir
		}
		w.dirs[p] = true
		return nil
	})
	return articles, err
}

// unwatch stops watching dir and the folders under it.
func (w *watcher) unwatch(dir string) {
	prefix := dir + string(filepath.Separator)
	for p := range w.dirs {
		if p == dir || strings.HasPrefix(p, prefix) {
			delete(w.dirs, p)
			// The kernel may have dropped the watch already.
			_ = w.fsw.Remove(p)
		}
	}
}

func (w *watcher) unwatchAll() {
	for p := range w.dirs {
		_ = w.fsw.Remove(p)
	}
	clear(w.dirs)
}
