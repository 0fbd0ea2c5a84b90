package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/web"
)

// Overrides are what a person says of an article over what its page or
// file says: racebot add's --title, --publisher, --url and --published.
// Zero fields override nothing.
type Overrides struct {
	Title     string
	Publisher string
	URL       string // the address the article came from
	Published time.Time
}

// Errors of File and Page that an override can mend, for the caller to say
// which.
var (
	// ErrUnsupported: not a kind of file racebot reads.
	ErrUnsupported = errors.New("not a kind of file racebot reads")
	// ErrNoTitle: a text or Markdown file whose title cannot be found.
	ErrNoTitle = errors.New(`no title: start the file with a "# Title" line`)
)

// SourceError is a text or Markdown file that does not say where and when
// it was published, which only overrides can say.
type SourceError struct {
	Ext                string // ".md", ".txt"
	NoURL, NoPublished bool
}

func (e *SourceError) Error() string {
	var missing []string
	if e.NoURL {
		missing = append(missing, "the address it came from")
	}
	if e.NoPublished {
		missing = append(missing, "the date it was published")
	}
	return fmt.Sprintf("a %s file does not say %s", e.Ext, strings.Join(missing, " or "))
}

// Page makes an article of a page read from the web or a saved file, with
// the overrides applied. Its errors wrap web.ErrNoDate, web.ErrNoTitle and
// web.ErrNoURL for what an override could supply.
func Page(p *web.Page, ov Overrides) (*corpus.Article, string, error) {
	if ov.Title != "" {
		p.Title = ov.Title
	}
	if ov.Publisher != "" {
		p.Publisher = ov.Publisher
	}
	if !ov.Published.IsZero() {
		p.Published = ov.Published
	}
	if ov.URL != "" {
		p.URL = corpus.NormalizeURL(ov.URL)
	}
	return p.Article()
}

// File reads a saved file: .html and .htm as a web page, .md as an article
// file (front matter and all) or as plain Markdown whose "# " heading is
// the title, .txt as text whose first line is the title. Its errors wrap
// ErrUnsupported, ErrNoTitle, *SourceError and Page's, for what another
// file or an override could mend, and fs.ErrNotExist for a file that is
// not there.
func File(name string, ov Overrides) (*corpus.Article, string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".html", ".htm", ".xhtml", ".md", ".markdown", ".txt":
	default:
		if _, err := os.Stat(name); err != nil {
			return nil, "", err
		}
		return nil, "", fmt.Errorf("%w: %q files", ErrUnsupported, ext)
	}
	limit := int64(corpus.MaxFileSize)
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" {
		limit = web.DefaultMaxBytes // as for a page fetched
	}
	data, err := ReadRegular(name, limit)
	if err != nil {
		return nil, "", err
	}
	switch ext {
	case ".html", ".htm", ".xhtml":
		var base *url.URL
		if ov.URL != "" {
			base, _ = url.Parse(ov.URL)
		}
		p, err := web.ParseHTML(bytes.NewReader(data), base)
		if err != nil {
			return nil, "", err
		}
		return Page(p, ov)
	case ".md", ".markdown":
		if text := strings.TrimPrefix(string(data), "\ufeff"); strings.HasPrefix(strings.TrimSpace(firstLine(text)), "---") {
			return articleFile(name, data, ov)
		}
	}
	return textFile(ext, data, ov)
}

// ReadRegular reads a regular file of at most limit bytes. Anything else
// is refused before it is opened: a device ("/dev/zero" behind a
// symlink) would be read until memory runs out, and opening a FIFO waits
// for a writer that may never come.
func ReadRegular(name string, limit int64) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("read file: %w", errors.Unwrap(err))
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("read file %s: not a regular file but %s", name, describeMode(fi.Mode()))
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("the file is %d bytes, over the %d-byte limit for an article", fi.Size(), limit)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read file: %w", errors.Unwrap(err))
	}
	defer f.Close()
	// The file may have grown, or been replaced, since it was looked at.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read file %s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("the file is over the %d-byte limit for an article", limit)
	}
	return data, nil
}

// describeMode names the kind of a file that is not a regular one.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// articleFile takes a file already in the article format: it must parse,
// and is written again with the overrides applied. Its id is kept when it
// names one; otherwise the folder picks one from the title.
func articleFile(name string, data []byte, ov Overrides) (*corpus.Article, string, error) {
	a, err := corpus.Parse(filepath.Base(name), data)
	if err != nil {
		return nil, "", err
	}
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	header, body := splitArticle(text)
	if !hasKey(header, "id") {
		a.ID = ""
	}
	if ov.Title != "" {
		a.Title = ov.Title
	}
	if !ov.Published.IsZero() {
		a.Published = ov.Published
	}
	if ov.Publisher != "" {
		a.Sources[0].Publisher = ov.Publisher
	}
	if ov.URL != "" {
		a.Sources[0].URL = corpus.NormalizeURL(ov.URL)
	}
	return a, body, nil
}

// textFile takes plain Markdown (title from its first "# " heading) or
// plain text (title from its first line); the overrides give what a file
// cannot: the source URL, the date and, if need be, the publisher.
func textFile(ext string, data []byte, ov Overrides) (*corpus.Article, string, error) {
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	title := ov.Title
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if title != "" {
			break
		}
		if ext == ".txt" {
			title = t
		} else if h, ok := strings.CutPrefix(t, "# "); ok {
			title = strings.TrimSpace(h)
		} else {
			break
		}
		lines = append(lines[:i:i], lines[i+1:]...)
		break
	}
	if title == "" {
		return nil, "", ErrNoTitle
	}
	if ov.URL == "" || ov.Published.IsZero() {
		return nil, "", &SourceError{Ext: ext, NoURL: ov.URL == "", NoPublished: ov.Published.IsZero()}
	}
	u := corpus.NormalizeURL(ov.URL)
	publisher := ov.Publisher
	if publisher == "" {
		pu, _ := url.Parse(u)
		publisher = strings.TrimPrefix(pu.Hostname(), "www.")
	}
	a := &corpus.Article{
		Title:     title,
		Published: ov.Published,
		Kind:      corpus.KindArticle,
		Sources:   []corpus.Source{{Publisher: publisher, Title: title, URL: u, Date: ov.Published}},
	}
	return a, strings.Join(lines, "\n"), nil
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// splitArticle cuts a file in the article format, which corpus.Parse has
// accepted, into its front matter and its body.
func splitArticle(text string) (header, body string) {
	_, rest, _ := strings.Cut(text, "\n")
	for off := 0; off < len(rest); {
		end := strings.IndexByte(rest[off:], '\n')
		if end < 0 {
			end = len(rest) - off
		}
		if strings.TrimRight(rest[off:off+end], " \t") == "---" {
			return rest[:off], rest[min(off+end+1, len(rest)):]
		}
		off += end + 1
	}
	return rest, ""
}

// hasKey reports whether YAML front matter sets a top-level key.
func hasKey(header, key string) bool {
	for l := range strings.SplitSeq(header, "\n") {
		if k, _, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == key && !strings.HasPrefix(l, " ") {
			return true
		}
	}
	return false
}
