package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/ingest"
	"github.com/racebot/racebot/corpus/web"
	"github.com/racebot/racebot/index"
)

type addCmd struct {
	Inputs    []string `arg:"" name:"url-or-file" help:"Web pages (http or https URLs) or saved .html, .md or .txt files." placeholder:"URL|FILE"`
	Title     string   `help:"Title to use instead of the page's or file's (one input only)."`
	Published string   `help:"Publication date, for pages that give none (or a wrong one)." placeholder:"YYYY-MM-DD"`
	Publisher string   `help:"Publisher to cite instead of the page's."`
	URL       string   `name:"url" help:"Source URL of a saved file, cited in answers (one input only; default: the page's canonical URL)." placeholder:"URL" env:"-"`
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
		a, body, err = ingest.Page(p, c.overrides(published))
	} else {
		a, body, err = ingest.File(in, c.overrides(published))
	}
	if err != nil {
		return addResult{}, withFlags(err, in)
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

// overrides are the flags that say what a page or file does not.
func (c *addCmd) overrides(published time.Time) ingest.Overrides {
	return ingest.Overrides{Title: c.Title, Publisher: c.Publisher, URL: c.URL, Published: published}
}

// withFlags says which flag mends an error of ingest for the input in.
func withFlags(err error, in string) error {
	var (
		src     *ingest.SourceError
		pathErr *fs.PathError
	)
	switch {
	case errors.Is(err, web.ErrNoDate):
		return fmt.Errorf("%w; give it with --published YYYY-MM-DD", err)
	case errors.Is(err, web.ErrNoTitle):
		return fmt.Errorf("%w; give it with --title", err)
	case errors.Is(err, web.ErrNoURL):
		return fmt.Errorf("%w: the page names no canonical URL; give the address it came from with --url", err)
	case errors.Is(err, ingest.ErrNoTitle):
		return fmt.Errorf("%w, or give one with --title", err)
	case errors.Is(err, ingest.ErrUnsupported):
		return fmt.Errorf("racebot add reads web pages (http or https URLs) and .html, .md and .txt files, not %q files", strings.ToLower(filepath.Ext(in)))
	case errors.As(err, &pathErr):
		// Neither a file racebot reads nor one at all.
		return fmt.Errorf("not a URL (they start with https://) and not a file: %w", pathErr.Err)
	case errors.As(err, &src):
		var missing []string
		if src.NoURL {
			missing = append(missing, "--url (the address the article came from)")
		}
		if src.NoPublished {
			missing = append(missing, "--published YYYY-MM-DD")
		}
		return fmt.Errorf("a %s file does not say where and when it was published: give %s", src.Ext, strings.Join(missing, " and "))
	}
	return err
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
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

// prepareCorpus makes sure the corpus folder exists and holds articles,
// copying the starter articles into a new or empty one (corpus.Prepare).
func prepareCorpus(e *env, dir string) error {
	n, err := corpus.Prepare(e.ctx, dir)
	if errors.Is(err, corpus.ErrNotFolder) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintf(e.stdout, "The corpus folder %s held no articles: copied the %d starter articles into it, so racebot keeps what it knew.\n", dir, n)
	}
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
