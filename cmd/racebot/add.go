package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/web"
	"github.com/racebot/racebot/index"
)

type addCmd struct {
	Inputs    []string `arg:"" name:"url-or-file" help:"Web pages (http or https URLs) or saved .html, .md or .txt files." placeholder:"URL|FILE"`
	Title     string   `help:"Title to use instead of the page's or file's (one input only)."`
	Published string   `help:"Publication date, for pages that give none (or a wrong one)." placeholder:"YYYY-MM-DD"`
	Publisher string   `help:"Publisher to cite instead of the page's."`
	URL       string   `name:"url" help:"Source URL of a saved file, cited in answers (one input only; default: the page's canonical URL)." placeholder:"URL"`
	Tag       []string `help:"Tag to give the new articles (repeatable)." placeholder:"TAG"`
	NoIndex   bool     `help:"Do not bring the index up to date afterwards."`
}

// addResult is what became of one input.
type addResult struct {
	path string // the file written
	dup  *corpus.DuplicateError
}

func (c *addCmd) Run(e *env, g *cli) error {
	if g.Corpus == "" {
		return usageError{errors.New("racebot add writes into a corpus folder: give --corpus DIR or set RACEBOT_CORPUS " +
			"(a new or empty folder starts with a copy of the starter articles)")}
	}
	if len(c.Inputs) > 1 && (c.Title != "" || c.URL != "") {
		return usageError{errors.New("--title and --url name one article: give them with a single URL or file")}
	}
	var published time.Time
	if c.Published != "" {
		t, err := time.Parse("2006-01-02", strings.TrimSpace(c.Published))
		if err != nil {
			return usageError{fmt.Errorf("--published %q is not a date like 2025-01-27", c.Published)}
		}
		published = t
	}
	if c.URL != "" {
		if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError{fmt.Errorf("--url %q is not an http(s) URL", c.URL)}
		}
	}
	if err := prepareCorpus(e, g.Corpus); err != nil {
		return err
	}

	folder := corpus.NewFolder(g.Corpus)
	client := &web.Client{UserAgent: web.UserAgent(racebotVersion())}
	added, failed := 0, 0
	for _, in := range c.Inputs {
		if err := e.ctx.Err(); err != nil {
			return err
		}
		res, err := c.addOne(e, folder, client, in, published)
		switch {
		case errors.Is(err, context.Canceled) && e.ctx.Err() != nil:
			return err
		case err != nil:
			failed++
			fmt.Fprintf(e.stderr, "failed %s: %v\n", in, err)
		case res.dup != nil:
			fmt.Fprintf(e.stdout, "skipped %s: already in the corpus as %s (%s)\n", in, res.dup.Existing, res.dup.Reason)
		default:
			added++
			fmt.Fprintf(e.stdout, "added %s\n", describeAdded(g.Corpus, res.path))
		}
	}

	if added > 0 && !c.NoIndex {
		if err := syncIndex(e, g); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d input(s) could not be added (see above)", failed, len(c.Inputs))
	}
	return nil
}

// addOne turns one input into an article in the folder.
func (c *addCmd) addOne(e *env, folder *corpus.Folder, client *web.Client, in string, published time.Time) (addResult, error) {
	var (
		a    *corpus.Article
		body string
		err  error
	)
	if isURL(in) {
		var p *web.Page
		if p, err = client.Fetch(e.ctx, in); err != nil {
			return addResult{}, err
		}
		a, body, err = c.pageArticle(p, published)
	} else {
		a, body, err = c.fileArticle(in, published)
	}
	if err != nil {
		return addResult{}, err
	}
	for _, t := range c.Tag {
		if t = strings.TrimSpace(t); t != "" {
			a.Tags = append(a.Tags, t)
		}
	}
	p, err := folder.Add(e.ctx, a, body)
	var dup *corpus.DuplicateError
	if errors.As(err, &dup) {
		return addResult{dup: dup}, nil
	}
	return addResult{path: p}, err
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// pageArticle applies the flags to a page read from the web or a saved file
// and makes it an article, saying which flag supplies what the page lacks.
func (c *addCmd) pageArticle(p *web.Page, published time.Time) (*corpus.Article, string, error) {
	if c.Title != "" {
		p.Title = c.Title
	}
	if c.Publisher != "" {
		p.Publisher = c.Publisher
	}
	if !published.IsZero() {
		p.Published = published
	}
	if c.URL != "" {
		p.URL = corpus.NormalizeURL(c.URL)
	}
	a, body, err := p.Article()
	switch {
	case errors.Is(err, web.ErrNoDate):
		return nil, "", fmt.Errorf("%w; give it with --published YYYY-MM-DD", err)
	case errors.Is(err, web.ErrNoTitle):
		return nil, "", fmt.Errorf("%w; give it with --title", err)
	case errors.Is(err, web.ErrNoURL):
		return nil, "", fmt.Errorf("%w: the page names no canonical URL; give the address it came from with --url", err)
	}
	return a, body, err
}

// fileArticle reads a saved file: .html and .htm as a web page, .md as an
// article file (front matter and all) or as plain Markdown whose "# "
// heading is the title, .txt as text whose first line is the title.
func (c *addCmd) fileArticle(name string, published time.Time) (*corpus.Article, string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".html", ".htm", ".xhtml", ".md", ".markdown", ".txt":
	default:
		if _, err := os.Stat(name); err != nil {
			return nil, "", fmt.Errorf("not a URL (they start with https://) and not a file: %w", errors.Unwrap(err))
		}
		return nil, "", fmt.Errorf("racebot add reads web pages (http or https URLs) and .html, .md and .txt files, not %q files", ext)
	}
	limit := int64(corpus.MaxFileSize)
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" {
		limit = web.DefaultMaxBytes // as for a page fetched
	}
	data, err := readRegular(name, limit)
	if err != nil {
		return nil, "", err
	}
	switch ext {
	case ".html", ".htm", ".xhtml":
		var base *url.URL
		if c.URL != "" {
			base, _ = url.Parse(c.URL)
		}
		p, err := web.ParseHTML(bytes.NewReader(data), base)
		if err != nil {
			return nil, "", err
		}
		return c.pageArticle(p, published)
	case ".md", ".markdown":
		if text := strings.TrimPrefix(string(data), "\ufeff"); strings.HasPrefix(strings.TrimSpace(firstLine(text)), "---") {
			return c.articleFile(name, data, published)
		}
	}
	return c.textFile(ext, data, published)
}

// readRegular reads a regular file of at most limit bytes. Anything else
// is refused before it is opened: a device ("/dev/zero" behind a
// symlink) would be read until memory runs out, and opening a FIFO waits
// for a writer that may never come.
func readRegular(name string, limit int64) ([]byte, error) {
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
// and is written again with the flags applied. Its id is kept when it
// names one; otherwise the folder picks one from the title.
func (c *addCmd) articleFile(name string, data []byte, published time.Time) (*corpus.Article, string, error) {
	a, err := corpus.Parse(filepath.Base(name), data)
	if err != nil {
		return nil, "", err
	}
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	header, body := splitArticle(text)
	if !hasKey(header, "id") {
		a.ID = ""
	}
	if c.Title != "" {
		a.Title = c.Title
	}
	if !published.IsZero() {
		a.Published = published
	}
	if c.Publisher != "" {
		a.Sources[0].Publisher = c.Publisher
	}
	if c.URL != "" {
		a.Sources[0].URL = corpus.NormalizeURL(c.URL)
	}
	return a, body, nil
}

// textFile takes plain Markdown (title from its first "# " heading) or
// plain text (title from its first line); the flags give what a file
// cannot: the source URL, the date and, if need be, the publisher.
func (c *addCmd) textFile(ext string, data []byte, published time.Time) (*corpus.Article, string, error) {
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	title := c.Title
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
		return nil, "", errors.New(`no title: start the file with a "# Title" line, or give one with --title`)
	}
	var missing []string
	if c.URL == "" {
		missing = append(missing, "--url (the address the article came from)")
	}
	if published.IsZero() {
		missing = append(missing, "--published YYYY-MM-DD")
	}
	if len(missing) > 0 {
		return nil, "", fmt.Errorf("a %s file does not say where and when it was published: give %s", ext, strings.Join(missing, " and "))
	}
	u := corpus.NormalizeURL(c.URL)
	publisher := c.Publisher
	if publisher == "" {
		pu, _ := url.Parse(u)
		publisher = strings.TrimPrefix(pu.Hostname(), "www.")
	}
	a := &corpus.Article{
		Title:     title,
		Published: published,
		Kind:      corpus.KindArticle,
		Sources:   []corpus.Source{{Publisher: publisher, Title: title, URL: u, Date: published}},
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

// describeAdded reads back an added file for its report line: "corpus/x.md:
// Title (Publisher, 2025-01-27), 7 passages, 12 figures".
func describeAdded(dir, p string) string {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return p
	}
	a, err := corpus.Read(os.DirFS(dir), filepath.ToSlash(rel))
	if err != nil {
		return p
	}
	figures := 0
	for _, ps := range a.Passages {
		figures += len(ps.Figures)
	}
	src := a.Cite()
	return fmt.Sprintf("%s: %s (%s, %s), %s, %s", p, a.Title, src.Publisher, a.Published.Format("2006-01-02"),
		count(len(a.Passages), "passage"), count(figures, "figure"))
}

// count writes n and a noun, in the plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// prepareCorpus makes sure the corpus folder exists and holds articles: a
// new or empty folder gets a copy of the embedded starter articles first,
// so that adding one article does not leave racebot knowing only that one.
func prepareCorpus(e *env, dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create corpus folder: %w", err)
		}
	case err != nil:
		return fmt.Errorf("corpus folder: %w", err)
	case !fi.IsDir():
		return usageError{fmt.Errorf("corpus %s is not a folder", dir)}
	}
	files, err := corpus.Scan(e.ctx, os.DirFS(dir))
	if err != nil {
		return err
	}
	if len(files) > 0 {
		return nil
	}
	starter := corpus.Embedded()
	names, err := fs.Glob(starter, "*.md")
	if err != nil {
		return err
	}
	for _, n := range names {
		data, err := fs.ReadFile(starter, n)
		if err != nil {
			return err
		}
		if err := corpus.WriteNew(dir, filepath.Join(dir, path.Base(n)), data); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "The corpus folder %s held no articles: copied the %d starter articles into it, so racebot keeps what it knew.\n", dir, len(names))
	return nil
}

// syncIndex brings the index up to date with the new files, as racebot
// index does. A running racebot serve holds the index; then the files wait
// for it (or for the next command that opens the index).
func syncIndex(e *env, g *cli) error {
	idx, rep, err := g.openIndex(e, index.Options{}, true)
	if errors.Is(err, index.ErrLocked) {
		fmt.Fprintln(e.stdout, "The index is in use by a running racebot serve; it is brought up to date when serve next reads the corpus folder, or by racebot index once serve stops.")
		return nil
	}
	if err != nil {
		// The articles are written; only the index lags.
		return fmt.Errorf("the articles added are in the corpus folder, but the index was not brought up to date (racebot index will): %w", err)
	}
	defer idx.Close()
	st := idx.Stats()
	if rep.Rebuilt {
		fmt.Fprintf(e.stdout, "Built the index: %d articles, %d passages, %d figures.\n", st.Articles, st.Passages, st.Figures)
	} else {
		fmt.Fprintf(e.stdout, "Updated the index: %d added, %d changed, %d removed; it holds %d articles, %d passages, %d figures.\n",
			rep.Added, rep.Changed, rep.Removed, st.Articles, st.Passages, st.Figures)
	}
	return nil
}
