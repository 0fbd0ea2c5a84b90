package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read corpus file %s: %w", p, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Read reads and parses one article file of fsys.
func Read(fsys fs.FS, p string) (*Article, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, &ParseError{Path: p, Err: err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &ParseError{Path: p, Err: err}
	}
	return Parse(p, data)
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
	articles := make([]*Article, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				articles[i], errs[i] = Read(fsys, files[i].Path)
			}
		})
	}
feed:
	for i := range files {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	c := &Corpus{}
	seen := make(map[string]string, len(files))
	for i, a := range articles {
		if errs[i] != nil {
			c.Problems = append(c.Problems, errs[i])
			continue
		}
		if first, dup := seen[a.ID]; dup {
			c.Problems = append(c.Problems, &ParseError{Path: a.Path, Line: 2,
				Err: fmt.Errorf("id %q is already used by %s", a.ID, first)})
			continue
		}
		seen[a.ID] = a.Path
		c.Articles = append(c.Articles, a)
	}
	return c, nil
}

// ErrNoArticles is returned when a corpus holds no usable article.
var ErrNoArticles = errors.New("corpus holds no articles")
