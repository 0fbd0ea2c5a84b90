package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/racebot/racebot/corpus"
)

// Report says what a Sync did.
type Report struct {
	Rebuilt   bool // the whole index was built anew
	Added     int  // articles new to the index
	Changed   int  // articles re-indexed because their file changed
	Removed   int  // articles dropped because their file is gone
	Unchanged int
	Passages  int // passages written by this sync
	Figures   int // figures in those passages
	// Problems lists the corpus files that could not be used (each a
	// *corpus.ParseError); the rest of the corpus is indexed.
	Problems []error
	// Found are the Problems this sync came upon: files new or changed
	// since the last sync. The index does not log them; its caller tells
	// the user once, where it happens, and not again on every sync while
	// the file stays as it is.
	Found    []error
	Duration time.Duration
}

// Changes reports whether the sync changed the index.
func (r Report) Changes() bool {
	return r.Rebuilt || r.Added+r.Changed+r.Removed > 0
}

// Sync brings the index up to date with the corpus in fsys. Only articles
// whose files were added, changed or removed since the last sync are
// (re)indexed, in one atomic batch. The index is rebuilt from scratch, into a
// new generation that replaces the old one only when complete, when there is
// none yet, when it was built by another schema, or when most of the corpus
// changed. Searches may run throughout.
func (x *Index) Sync(ctx context.Context, fsys fs.FS) (Report, error) {
	start := time.Now()
	files, err := corpus.Scan(ctx, fsys)
	if err != nil {
		return Report{}, err
	}
	rep, err := x.SyncFiles(ctx, fsys, files)
	rep.Duration = time.Since(start)
	return rep, err
}

// SyncFiles is Sync with the corpus already scanned, for a caller that
// keeps its last scan to rescan only what changed (corpus.ScanSince).
func (x *Index) SyncFiles(ctx context.Context, fsys fs.FS, files []corpus.File) (Report, error) {
	start := time.Now()
	x.mu.RLock()
	b, man, fault := x.b, x.man, x.fault
	x.mu.RUnlock()

	var (
		rep Report
		err error
	)
	if b == nil || fault != nil {
		rep, err = x.rebuild(ctx, fsys, files)
	} else {
		rep, err = x.update(ctx, fsys, files, man)
	}
	rep.Duration = time.Since(start)
	return rep, err
}

// Rebuild builds the whole index anew from the corpus and swaps it in.
func (x *Index) Rebuild(ctx context.Context, fsys fs.FS) (Report, error) {
	start := time.Now()
	files, err := corpus.Scan(ctx, fsys)
	if err != nil {
		return Report{}, err
	}
	rep, err := x.rebuild(ctx, fsys, files)
	rep.Duration = time.Since(start)
	return rep, err
}

func (x *Index) load(ctx context.Context, fsys fs.FS, files []corpus.File) (*corpus.Corpus, error) {
	c, err := corpus.LoadFiles(ctx, fsys, files)
	if err != nil {
		return nil, err
	}
	if x.opts.Strict && len(c.Problems) > 0 {
		return nil, fmt.Errorf("corpus has %d unusable file(s), first: %w", len(c.Problems), c.Problems[0])
	}
	return c, nil
}

func (x *Index) rebuild(ctx context.Context, fsys fs.FS, files []corpus.File) (Report, error) {
	rep := Report{Rebuilt: true}
	man := newManifest(x.scoring())

	var (
		path, gen string
		b         bleve.Index
		err       error
	)
	if x.dir != "" {
		gen = fmt.Sprintf("%s%d", genPrefix, time.Now().UnixNano())
		path = filepath.Join(x.dir, gen+tmpSuffix)
		x.removeStale("")
	}
	if b, err = x.newBleve(path); err != nil {
		x.removeUnfinished(path)
		return rep, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if path != "" {
		defer failBuildOn(path, func(err error) {
			cancel(fmt.Errorf("write new index %s: %w", path, err))
		})()
	}
	fail := func(err error) (Report, error) {
		b.Close()
		x.removeUnfinished(path)
		return rep, err
	}

	dm, err := newDocMaker(b.Mapping())
	if err != nil {
		return fail(err)
	}
	if err := x.indexArticles(ctx, b, dm, fsys, files, &rep, man); err != nil {
		return fail(err)
	}
	man.problems(rep.Problems, files)
	if rep.Added == 0 {
		return fail(fmt.Errorf("build index: %w (%d file(s) found, %d unusable)", corpus.ErrNoArticles, len(files), len(rep.Problems)))
	}
	batch := b.NewBatch()
	for i, def := range x.th.definitions() {
		if err := batch.IndexSynonym("synonyms/"+strconv.Itoa(i), synonymCollection, def); err != nil {
			return fail(fmt.Errorf("index synonyms: %w", err))
		}
	}
	man.Updated = time.Now().UTC()
	raw, err := json.Marshal(man)
	if err != nil {
		return fail(fmt.Errorf("encode manifest: %w", err))
	}
	batch.SetInternal([]byte(manifestKey), raw)
	persisted := make(chan error, 1)
	batch.SetPersistedCallback(func(err error) { persisted <- err })
	if err := x.commit(ctx, b, batch); err != nil {
		return fail(err)
	}
	if path != "" {
		// The last batch persisted means every batch before it is too.
		select {
		case err := <-persisted:
			if err != nil {
				return fail(fmt.Errorf("write new index: %w", err))
			}
		case <-ctx.Done():
			return fail(context.Cause(ctx))
		}
	}

	if x.dir != "" {
		// Close, move into place and reopen, so that what serves is exactly
		// what a later process will open.
		if err := b.Close(); err != nil {
			return fail(fmt.Errorf("close new index: %w", err))
		}
		final := filepath.Join(x.dir, gen)
		if err := os.Rename(path, final); err != nil {
			os.RemoveAll(path)
			return rep, fmt.Errorf("move new index into place: %w", err)
		}
		if err := writeFileAtomic(filepath.Join(x.dir, currentFile), []byte(gen+"\n")); err != nil {
			os.RemoveAll(final)
			return rep, fmt.Errorf("switch to new index: %w", err)
		}
		if b, _, err = x.openGen(gen); err != nil {
			return rep, fmt.Errorf("open new index: %w", err)
		}
	}
	x.swap(b, gen, man)
	if x.dir != "" {
		x.removeStale(gen)
	}
	return rep, nil
}

// removeUnfinished deletes the folder of a build that failed ("" for an
// in-memory one), so that a full disk gets its room back at once rather
// than at the next build.
func (x *Index) removeUnfinished(path string) {
	if path == "" {
		return
	}
	if err := os.RemoveAll(path); err != nil {
		x.log.Warn("cannot remove unfinished index generation", "dir", path, "err", err)
	}
}

// batchPassages is how many passages a batch of a build holds. Each
// writer holds one batch's documents and the segment being built from them
// at a time, so this, not the size of the corpus, bounds a build's memory.
// Each batch also becomes a segment for Bleve to merge while the build goes
// on, and looks its passages up in every segment already there. Measured
// at 100,000 passages (docs/benchmarks.md): 1,500 peaks at about 170 MB;
// 2,500 is 3% faster and peaks at 240 MB, 5,000 at 420 MB; 1,000 is 9%
// slower and peaks no lower.
const batchPassages = 1_500

// indexArticles reads the articles of files and writes their passages into
// b in batches, while the next files are read and parsed, and records each
// article in man and rep. Each batch is written from one of several
// goroutines, one per CPU: building documents and building a batch's
// segment happen in the caller of Batch, so one writer would leave a core
// idle. Passages are dropped once written, so that the parsed corpus is
// never held whole.
func (x *Index) indexArticles(ctx context.Context, b bleve.Index, dm *docMaker, fsys fs.FS, files []corpus.File, rep *Report, man *manifest) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan []*corpus.Article)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			dc := dm.cache()
			for chunk := range next {
				batch := b.NewBatch()
				for _, a := range chunk {
					for i := range a.Passages {
						if err := batch.IndexAdvanced(dc.newDoc(a, &a.Passages[i])); err != nil {
							cancel(fmt.Errorf("index passage %s: %w", a.Passages[i].ID(), err))
							return
						}
					}
				}
				if err := x.commit(ctx, b, batch); err != nil {
					cancel(err)
					return
				}
				for _, a := range chunk {
					a.Passages = nil
				}
				if x.opts.Progress != nil {
					mu.Lock()
					done += len(chunk)
					x.opts.Progress(done, len(files))
					mu.Unlock()
				}
			}
		})
	}
	var chunk []*corpus.Article
	size := 0
	send := func() bool {
		select {
		case next <- chunk:
			chunk, size = nil, 0
			return true
		case <-ctx.Done():
			return false
		}
	}
	for a, perr := range corpus.Articles(ctx, fsys, files) {
		if perr != nil {
			rep.Problems = append(rep.Problems, perr)
			rep.Found = append(rep.Found, perr)
			if x.opts.Strict {
				cancel(fmt.Errorf("corpus has an unusable file: %w", perr))
				break
			}
			continue
		}
		rep.Added++
		man.Articles[a.Path] = entryFor(a)
		for i := range a.Passages {
			rep.Figures += len(a.Passages[i].Figures)
		}
		rep.Passages += len(a.Passages)
		chunk = append(chunk, a)
		if size += len(a.Passages); size >= batchPassages && !send() {
			break
		}
	}
	if len(chunk) > 0 {
		send()
	}
	close(next)
	wg.Wait()
	if x.opts.Progress != nil && ctx.Err() == nil {
		x.opts.Progress(len(files), len(files))
	}
	return context.Cause(ctx)
}

// commit writes a batch, giving up if ctx is done first.
func (x *Index) commit(ctx context.Context, b bleve.Index, batch *bleve.Batch) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	if err := b.Batch(batch); err != nil {
		return fmt.Errorf("write index batch: %w", err)
	}
	return nil
}

// swap makes b the index that searches use and closes the one it replaces.
func (x *Index) swap(b bleve.Index, gen string, man *manifest) {
	x.mu.Lock()
	old := x.b
	x.b, x.gen, x.fault = b, gen, nil
	x.setManifest(man)
	x.cache.clear()
	x.mu.Unlock()
	if old != nil && old != b {
		old.Close()
	}
}

// removeStale deletes generations other than keep, and builds that never
// finished. It runs under the directory lock, so nothing else is using them.
func (x *Index) removeStale(keep string) {
	entries, err := os.ReadDir(x.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, genPrefix) || name == keep || name == x.gen {
			continue
		}
		if err := os.RemoveAll(filepath.Join(x.dir, name)); err != nil {
			x.log.Warn("cannot remove old index generation", "dir", name, "err", err)
			continue
		}
		x.log.Info("removed an old or unfinished index generation", "dir", filepath.Join(x.dir, name))
	}
}

func (x *Index) update(ctx context.Context, fsys fs.FS, files []corpus.File, man *manifest) (Report, error) {
	var rep Report
	present := make(map[string]bool, len(files))
	var todo []corpus.File
	var resolved []string // problems whose file is back to the indexed version
	for _, f := range files {
		present[f.Path] = true
		if e, ok := man.Articles[f.Path]; ok && e.Hash == f.Hash {
			rep.Unchanged++
			if _, ok := man.Problems[f.Path]; ok {
				resolved = append(resolved, f.Path)
			}
			continue
		}
		if p, ok := man.Problems[f.Path]; ok && p.Hash == f.Hash {
			if x.opts.Strict {
				// Skipped by an earlier, lenient sync, and still broken.
				return rep, fmt.Errorf("corpus has an unusable file: %w", p.err(f.Path))
			}
			rep.Problems = append(rep.Problems, p.err(f.Path))
			continue
		}
		todo = append(todo, f)
	}
	var gone []string
	for p := range man.Articles {
		if !present[p] {
			gone = append(gone, p)
		}
	}
	for p := range man.Problems {
		if _, indexed := man.Articles[p]; !present[p] && !indexed {
			gone = append(gone, p) // an indexed one is already listed
		}
	}
	if len(todo) == 0 && len(gone) == 0 && len(resolved) == 0 {
		return rep, nil
	}
	if x.readOnly != nil {
		return rep, fmt.Errorf("cannot add %d and remove %d article file(s): %w", len(todo), len(gone), x.readOnly)
	}
	if x.dir != "" && len(todo)+len(gone) > 64 && 2*(len(todo)+len(gone)) > len(man.Articles) {
		// Most of the corpus changed: a fresh, compact index is quicker
		// to build than a long batch of deletes and re-adds.
		return x.rebuild(ctx, fsys, files)
	}

	c, err := x.load(ctx, fsys, todo)
	if err != nil {
		return rep, err
	}
	next := man.clone()
	for _, p := range resolved {
		delete(next.Problems, p)
	}
	cur := x.currentBleve()
	dm, err := newDocMaker(cur.Mapping())
	if err != nil {
		return rep, err
	}
	dc := dm.cache()
	batch := cur.NewBatch()
	drop := func(path string) {
		if old, ok := next.Articles[path]; ok {
			for i := 1; i <= old.Passages; i++ {
				batch.Delete(fmt.Sprintf("%s/%d", old.ID, i))
			}
			delete(next.Articles, path)
		}
		delete(next.Problems, path)
	}
	for _, p := range gone {
		if _, ok := man.Articles[p]; ok {
			rep.Removed++
		}
		drop(p)
	}
	ids := make(map[string]string, len(next.Articles))
	for p, e := range next.Articles {
		ids[e.ID] = p
	}
	rep.Problems = append(rep.Problems, c.Problems...)
	rep.Found = append(rep.Found, c.Problems...)
	for _, a := range c.Articles {
		if _, ok := man.Articles[a.Path]; ok {
			rep.Changed++
		} else {
			rep.Added++
		}
		drop(a.Path)
		if other, taken := ids[a.ID]; taken && other != a.Path {
			perr := &corpus.ParseError{Path: a.Path, Line: 2, Err: fmt.Errorf("id %q is already used by %s", a.ID, other)}
			rep.Problems = append(rep.Problems, perr)
			rep.Found = append(rep.Found, perr)
			c.Problems = append(c.Problems, perr)
			continue
		}
		ids[a.ID] = a.Path
		next.Articles[a.Path] = entryFor(a)
		for i := range a.Passages {
			if err := batch.IndexAdvanced(dc.newDoc(a, &a.Passages[i])); err != nil {
				return rep, fmt.Errorf("index passage %s: %w", a.Passages[i].ID(), err)
			}
			rep.Passages++
			rep.Figures += len(a.Passages[i].Figures)
		}
	}
	next.problems(c.Problems, files)
	next.Updated = time.Now().UTC()
	raw, err := json.Marshal(next)
	if err != nil {
		return rep, fmt.Errorf("encode manifest: %w", err)
	}
	batch.SetInternal([]byte(manifestKey), raw)

	x.mu.Lock()
	defer x.mu.Unlock()
	if x.man != man {
		return rep, errors.New("index changed during sync; run it again")
	}
	if err := x.commit(ctx, x.b, batch); err != nil {
		x.reopenLocked()
		return rep, err
	}
	x.setManifest(next)
	x.cache.clear()
	return rep, nil
}

// reopenLocked reopens the generation in use from its files after a
// batch failed to be written to it (a full disk). Bleve keeps the failed
// batch's segment in its snapshot with its caches torn down, and the
// next search of it panics in a goroutine of Bleve's own, beyond any
// recover; what is on disk is the index as it was before the batch, and
// the part of a segment the disk cut short, which Bleve removes when it
// opens the generation again (it deletes the segment files no snapshot
// names before it starts writing). An in-memory index is left as it is.
// x.mu must be held for writing.
func (x *Index) reopenLocked() {
	if x.dir == "" || x.b == nil {
		return
	}
	x.b.Close()
	x.cache.clear()
	b, man, err := x.openGen(x.gen)
	if err != nil {
		x.b = nil
		x.fault = fmt.Errorf("%w: reopen %s after a failed update: %w", ErrDamaged, filepath.Join(x.dir, x.gen), err)
		x.log.Error("index cannot be reopened after a failed update; it will be rebuilt from the corpus", "dir", x.dir, "generation", x.gen, "err", err)
		return
	}
	x.b = b
	x.setManifest(man)
}

func (x *Index) currentBleve() bleve.Index {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.b
}

// writeFileAtomic replaces path with data so that readers see either the old
// or the new content, even across a crash.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + tmpSuffix
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
