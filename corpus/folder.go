package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// Folder is a corpus folder on disk that articles are added to. Several
// goroutines may add to one Folder at once (a feed poller and a command, say);
// files added by hand in between are seen, since every Add looks at the
// folder again.
type Folder struct {
	dir string

	mu    sync.Mutex
	known map[string]folderFile // by slash path within dir
}

// folderFile is what Add needs to know about an article file to refuse a
// duplicate, kept until the file's size or time changes.
type folderFile struct {
	size    int64
	modTime time.Time
	id      string
	kind    string
	urls    []string // urlKey of each source
	text    string   // textHash of the body
}

// NewFolder returns the corpus folder dir, which must exist.
func NewFolder(dir string) *Folder {
	return &Folder{dir: dir, known: map[string]folderFile{}}
}

// Dir returns the folder's path.
func (f *Folder) Dir() string { return f.dir }

// Add writes an article into the folder and returns the new file's path. It
// refuses, with a *DuplicateError (errors.Is ErrDuplicate), an article the
// folder already holds: one whose source URL an article (kind: article)
// already cites, once both are normalised (see NormalizeURL; http and https
// count as one), or whose body has the same text as another file's.
//
// When a.ID is empty Add picks one from the title, and the published date if
// the title is taken; a given ID that is taken is an error. a itself is not
// changed. The file appears whole or not at all: it is written to a hidden
// temporary file in the folder, which is then linked into place.
func (f *Folder) Add(ctx context.Context, a *Article, body string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for tries := 1; ; tries++ {
		name, err := f.add(ctx, a, body, tries < 3)
		// Another process (racebot add beside racebot serve) wrote a
		// file of the chosen name since the folder was read: read it
		// again, for it may be this very article.
		if errors.Is(err, fs.ErrExist) && strings.TrimSpace(a.ID) == "" && tries < 3 {
			continue
		}
		return name, err
	}
}

func (f *Folder) add(ctx context.Context, a *Article, body string, recheck bool) (string, error) {
	if err := f.rescan(ctx); err != nil {
		return "", err
	}

	text := textHash(body)
	var urls []string
	for _, s := range a.Sources {
		urls = append(urls, urlKey(s.URL))
	}
	ids := make(map[string]string, len(f.known))
	for p, k := range f.known {
		switch {
		case k.kind == KindArticle && overlaps(urls, k.urls):
			return "", &DuplicateError{Existing: f.display(p), Reason: "same source URL"}
		case k.text != "" && k.text == text:
			return "", &DuplicateError{Existing: f.display(p), Reason: "same text"}
		}
		ids[k.id] = p
	}

	b := *a
	if b.ID = strings.TrimSpace(b.ID); b.ID != "" {
		if p, taken := ids[b.ID]; taken {
			return "", fmt.Errorf("add article: id %q is already used by %s", b.ID, f.display(p))
		}
		if f.exists(b.ID + ".md") {
			return "", fmt.Errorf("add article: %s already exists", filepath.Join(f.dir, b.ID+".md"))
		}
	} else {
		id, err := f.pickID(&b, ids, recheck)
		if err != nil {
			return "", err
		}
		b.ID = id
	}
	data, err := Marshal(&b, body)
	if err != nil {
		return "", fmt.Errorf("add article: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	name := filepath.Join(f.dir, b.ID+".md")
	if err := WriteNew(f.dir, name, data); err != nil {
		return "", err
	}
	if fi, err := os.Stat(name); err == nil {
		f.known[b.ID+".md"] = folderFile{size: fi.Size(), modTime: fi.ModTime(), id: b.ID, kind: kindOr(b.Kind), urls: urls, text: text}
	}
	return name, nil
}

// rescan brings f.known up to date with the folder, reading only the files
// that are new or changed since the last look.
func (f *Folder) rescan(ctx context.Context) error {
	seen := make(map[string]bool, len(f.known))
	err := filepath.WalkDir(f.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read corpus folder: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(f.dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !IsArticleFile(rel) || !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil // removed since the listing
		}
		seen[rel] = true
		if k, ok := f.known[rel]; ok && k.size == fi.Size() && k.modTime.Equal(fi.ModTime()) {
			return nil
		}
		k := folderFile{size: fi.Size(), modTime: fi.ModTime()}
		if data, err := os.ReadFile(p); err == nil && len(data) <= MaxFileSize {
			k.id, k.kind, k.urls, k.text = sketch(rel, data)
		}
		if k.id == "" {
			k.id = strings.TrimSuffix(path.Base(rel), path.Ext(rel))
		}
		f.known[rel] = k
		return nil
	})
	if err != nil {
		return err
	}
	for p := range f.known {
		if !seen[p] {
			delete(f.known, p)
		}
	}
	return nil
}

// sketch reads what duplicate detection needs from an article file without
// parsing its passages and figures, which on a large corpus would make every
// Add slow. A file whose front matter cannot be read yields only its text.
func sketch(name string, data []byte) (id, kind string, urls []string, text string) {
	s := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	header, body, _, err := splitFrontMatter(s)
	if err != nil {
		return "", "", nil, textHash(s)
	}
	text = textHash(body)
	var fm frontMatter
	if yaml.Unmarshal([]byte(header), &fm) != nil {
		return "", "", nil, text
	}
	id = strings.TrimSpace(fm.ID)
	if id == "" {
		id = strings.TrimSuffix(path.Base(name), path.Ext(name))
	}
	for _, src := range fm.Sources {
		urls = append(urls, urlKey(src.URL))
	}
	return id, kindOr(strings.TrimSpace(fm.Kind)), urls, text
}

func kindOr(k string) string {
	if k == "" {
		return KindArticle
	}
	return k
}

// textHash identifies a body by its words, so that the same article
// re-wrapped or with other spacing still counts as the same.
func textHash(body string) string {
	words := strings.Fields(body)
	if len(words) == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(words, " ")))
	return hex.EncodeToString(sum[:])
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// display is how messages name a file of the folder.
func (f *Folder) display(rel string) string { return filepath.Join(f.dir, filepath.FromSlash(rel)) }

func (f *Folder) exists(name string) bool {
	_, err := os.Lstat(filepath.Join(f.dir, name))
	return err == nil
}

// pickID makes an ID from the title that neither an article nor a file of
// the folder uses yet: the title's words, then with the date, then numbered.
//
// With recheck, a name that is taken by no file of the folder as it was
// read, but exists now, means that another process is writing articles
// too, perhaps this one: pickID then fails with fs.ErrExist, for Add to
// read the folder again. Without, such a name is taken, like any other (a
// folder, a link, a name that differs only in case on macOS).
func (f *Folder) pickID(a *Article, ids map[string]string, recheck bool) (string, error) {
	base := Slug(a.Title)
	if base == "" {
		base = "article"
	}
	free := func(id string) (bool, error) {
		if _, taken := ids[id]; taken {
			return false, nil
		}
		if _, known := f.known[id+".md"]; known || !f.exists(id+".md") {
			return !known, nil // a known file's ID can differ from its name
		}
		if recheck {
			return false, fmt.Errorf("add article: %s appeared while adding: %w", f.display(id+".md"), fs.ErrExist)
		}
		return false, nil
	}
	if ok, err := free(base); ok || err != nil {
		return base, err
	}
	if !a.Published.IsZero() {
		base += "-" + a.Published.Format(dateLayout)
		if ok, err := free(base); ok || err != nil {
			return base, err
		}
	}
	for i := 2; ; i++ {
		id := fmt.Sprintf("%s-%d", base, i)
		if ok, err := free(id); ok || err != nil {
			return id, err
		}
	}
}

// maxSlug is the longest ID Slug makes: enough to tell headlines apart,
// short enough for a file name.
const maxSlug = 64

// Slug turns a title into a kebab-case article ID: lower-case ASCII letters
// and digits, accents dropped, other characters as hyphens, at most 64
// characters cut at a word. It returns "" for a title with no letter or
// digit it can keep.
func Slug(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(strings.ToLower(title)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case r == '\'' || r == '’' || unicode.Is(unicode.Mn, r):
			// "Nvidia's" → "nvidias", "é" → "e"
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	return s
}

// WriteNew writes data to the file name in dir, which must not exist yet,
// so that the file appears whole or not at all: a temporary file in dir is
// written, synced and then linked (or, where links are not supported,
// renamed) into place. A file of that name, even one created a moment ago,
// is never overwritten: the error then matches fs.ErrExist.
func WriteNew(dir, name string, data []byte) (err error) {
	tmp, err := os.CreateTemp(dir, ".racebot-add-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		// The temporary name goes in every case: after a link the
		// article has its own, and after an error nothing may remain.
		if rerr := os.Remove(tmp.Name()); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) && err == nil {
			err = fmt.Errorf("remove temporary file: %w", rerr)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	// A link fails if name exists, so a file added by hand a moment ago is
	// never overwritten.
	if err := os.Link(tmp.Name(), name); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("write %s: %w", name, err)
		}
		if _, serr := os.Lstat(name); serr == nil {
			return fmt.Errorf("write %s: %w", name, fs.ErrExist)
		}
		if err := os.Rename(tmp.Name(), name); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: the rename survives a crash on most file systems
		d.Close()
	}
	return nil
}

// ErrNotFolder is returned by Prepare for a corpus path that is a file.
var ErrNotFolder = errors.New("not a folder")

// Prepare makes sure the corpus folder dir exists and holds articles: a
// new or empty folder gets a copy of the embedded starter articles, so
// that adding one article does not leave racebot knowing only that one.
// It returns how many it copied.
func Prepare(ctx context.Context, dir string) (int, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return 0, fmt.Errorf("create corpus folder: %w", err)
		}
	case err != nil:
		return 0, fmt.Errorf("corpus folder: %w", err)
	case !fi.IsDir():
		return 0, fmt.Errorf("corpus %s is %w", dir, ErrNotFolder)
	}
	files, err := Scan(ctx, os.DirFS(dir))
	if err != nil {
		return 0, err
	}
	if len(files) > 0 {
		return 0, nil
	}
	starter := Embedded()
	names, err := fs.Glob(starter, "*.md")
	if err != nil {
		return 0, err
	}
	for _, n := range names {
		data, err := fs.ReadFile(starter, n)
		if err != nil {
			return 0, err
		}
		if err := WriteNew(dir, filepath.Join(dir, path.Base(n)), data); err != nil {
			return 0, err
		}
	}
	return len(names), nil
}
