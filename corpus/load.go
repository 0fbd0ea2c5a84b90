package corpus

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// File identifies one article file by path and content, so that an index
// can tell which articles changed without parsing any of them.
type File struct {
	Path string // slash-separated, relative to the corpus root
	Hash string // hex SHA-256 of the file's bytes; "" if it could not be read

	// Size and ModTime are what the file system said when the file was
	// hashed; ScanSince trusts Hash while they stay the same. They are
	// zero where the file system does not say (an embedded corpus).
	Size    int64
	ModTime time.Time
	// racy is set when the file was hashed within a tick of its last
	// change: a second change in the same tick would leave the size and
	// time as they were, so its hash is not trusted the next time.
	racy bool
}

// IsArticleFile reports whether a corpus path names an article: a Markdown
// file that is not hidden and not a README.
func IsArticleFile(p string) bool {
	base := path.Base(p)
	if strings.HasPrefix(base, ".") || strings.EqualFold(base, "README.md") {
		return false
	}
	ext := strings.ToLower(path.Ext(base))
	return ext == ".md" || ext == ".markdown"
}

// Scan lists the article files of fsys, recursively, with their hashes, in
// path order. It reads every file but parses none. A file that cannot be
// read is listed with no hash; Read then says why.
func Scan(ctx context.Context, fsys fs.FS) ([]File, error) {
	return ScanSince(ctx, fsys, nil)
}

// racyWindow is how close to a file's last change a hash is taken to be
// racy: more than the coarsest modification-time resolution in use (FAT's
// two seconds).
const racyWindow = 2 * time.Second

// ScanSince is Scan that reads only the files that changed since prev, an
// earlier scan of the same fsys: a file whose size and modification time
// are as they were keeps its hash, as make and rsync judge. Watching a
// folder of ten thousand articles, a change is indexed in milliseconds
// instead of the half second that hashing every file takes.
func ScanSince(ctx context.Context, fsys fs.FS, prev []File) ([]File, error) {
	known := make(map[string]File, len(prev))
	for _, f := range prev {
		if f.Hash != "" && !f.racy && !f.ModTime.IsZero() {
			known[f.Path] = f
		}
	}
	var files []File
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("scan corpus: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !IsArticleFile(p) || !d.Type().IsRegular() {
			return nil
		}
		var size int64
		var mod time.Time
		if info, err := d.Info(); err == nil {
			size, mod = info.Size(), info.ModTime()
		}
		if k, ok := known[p]; ok && k.Size == size && k.ModTime.Equal(mod) {
			files = append(files, k)
			return nil
		}
		// Racy is judged from before the read: a change during a slow
		// read, in the tick of the time just taken, must not be trusted.
		racy := time.Since(mod) < racyWindow
		h, err := hashFile(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil // removed since the folder was listed: an editor's save
		case err != nil && ctx.Err() != nil:
			return ctx.Err()
		}
		// A file that cannot be read is listed without a hash, so that
		// reading it reports the problem with its path while the other
		// files still load, rather than one file stopping every update.
		files = append(files, File{Path: p, Hash: h, Size: size, ModTime: mod, racy: racy})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

func hashFile(fsys fs.FS, p string) (string, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return "", fmt.Errorf("open corpus file: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	// Hidden behind a plain io.Reader, a file cannot copy itself with a
	// buffer of its own: hashing a large corpus would allocate one a file.
	if _, err := io.CopyBuffer(h, struct{ io.Reader }{f}, *buf); err != nil {
		return "", fmt.Errorf("read corpus file %s: %w", p, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// copyBuffers holds the buffers hashFile reads through.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// Read reads and parses one article file of fsys.
func Read(fsys fs.FS, p string) (*Article, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, &ParseError{Path: p, Err: err}
	}
	defer f.Close()
	// Read in one allocation where the file says its size, rather than
	// growing a buffer from 512 bytes.
	var b bytes.Buffer
	if st, err := f.Stat(); err == nil && st.Size() > 0 && st.Size() <= MaxFileSize {
		b.Grow(int(st.Size()) + bytes.MinRead)
	}
	if _, err := b.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, &ParseError{Path: p, Err: err}
	}
	return Parse(p, b.Bytes())
}

// Corpus is a set of parsed articles.
type Corpus struct {
	Articles []*Article // in path order
	// Problems holds one *ParseError per file that could not be used; the
	// other files still load.
	Problems []error
}

// Passages returns the number of passages in the corpus.
func (c *Corpus) Passages() int {
	n := 0
	for _, a := range c.Articles {
		n += len(a.Passages)
	}
	return n
}

// Load reads and parses every article file of fsys. A file that cannot be
// parsed, or whose ID is already taken by an earlier file, is reported in
// Problems and skipped.
func Load(ctx context.Context, fsys fs.FS) (*Corpus, error) {
	files, err := Scan(ctx, fsys)
	if err != nil {
		return nil, err
	}
	return LoadFiles(ctx, fsys, files)
}

// LoadFiles is Load for the given files only, as listed by Scan. It parses
// them on all CPUs.
func LoadFiles(ctx context.Context, fsys fs.FS, files []File) (*Corpus, error) {
	c := &Corpus{}
	for a, err := range Articles(ctx, fsys, files) {
		if err != nil {
			c.Problems = append(c.Problems, err)
			continue
		}
		c.Articles = append(c.Articles, a)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// readAhead is how many files per CPU Articles parses ahead of its
// caller: enough to keep every CPU busy while the caller is slow for a
// moment, few enough that the parsed corpus is never held in memory.
const readAhead = 4

// Articles reads and parses files on all CPUs and yields them in the order
// of files: each usable article with a nil error, or a nil article and a
// *ParseError for a file that cannot be used, because it does not parse or
// because its ID is already taken by an earlier file. Only a few files per
// CPU are parsed ahead of the caller, so a corpus of any size is read in
// memory that does not grow with it, as long as the caller lets go of the
// articles it is done with.
//
// Articles stops early when ctx is done, without saying so: the caller
// checks ctx.Err() after the loop.
func Articles(ctx context.Context, fsys fs.FS, files []File) iter.Seq2[*Article, error] {
	return func(yield func(*Article, error) bool) {
		workers := min(runtime.GOMAXPROCS(0), len(files))
		if workers == 0 {
			return
		}
		type result struct {
			a   *Article
			err error
		}
		type job struct {
			path string
			out  chan<- result
		}
		var (
			wg   sync.WaitGroup
			jobs = make(chan job)
			// inOrder holds each file's result slot in the order of
			// files; its capacity bounds how far parsing runs ahead.
			inOrder = make(chan chan result, readAhead*workers)
			stop    = make(chan struct{})
		)
		defer wg.Wait()
		defer close(stop)
		for range workers {
			wg.Go(func() {
				for j := range jobs {
					a, err := Read(fsys, j.path)
					j.out <- result{a, err} // buffered: never blocks
				}
			})
		}
		wg.Go(func() {
			defer close(inOrder)
			defer close(jobs)
			for _, f := range files {
				out := make(chan result, 1)
				// The job goes out first: a slot in inOrder is
				// always filled, so the reader never waits on one
				// that no worker has.
				select {
				case jobs <- job{f.Path, out}:
				case <-stop:
					return
				case <-ctx.Done():
					return
				}
				select {
				case inOrder <- out:
				case <-stop:
					return
				case <-ctx.Done():
					return
				}
			}
		})
		seen := make(map[string]string, len(files))
		for out := range inOrder {
			r := <-out
			if ctx.Err() != nil {
				return
			}
			if r.err == nil {
				if first, dup := seen[r.a.ID]; dup {
					r = result{err: &ParseError{Path: r.a.Path, Line: 2,
						Err: fmt.Errorf("id %q is already used by %s", r.a.ID, first)}}
				} else {
					seen[r.a.ID] = r.a.Path
				}
			}
			if !yield(r.a, r.err) {
				return
			}
		}
	}
}

// ErrNoArticles is returned when a corpus holds no usable article.
var ErrNoArticles = errors.New("corpus holds no articles")
