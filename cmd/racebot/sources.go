package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/term"
	"github.com/racebot/racebot/corpus/feed"
	"github.com/racebot/racebot/index"
)

type sourcesCmd struct {
	Query []string `arg:"" optional:"" help:"Only list articles about this (words of the title, publisher or tags)." placeholder:"QUERY"`
	JSON  bool     `name:"json" help:"Print a JSON array: of the articles, or with --feeds of the feeds."`
	Feeds bool     `name:"feeds" help:"List only the news feeds racebot serve --feeds reads: when each was last read and what it added."`
}

func (c *sourcesCmd) Run(e *env, g *cli) error {
	query := strings.Join(c.Query, " ")
	if c.Feeds {
		if strings.TrimSpace(query) != "" {
			return usageError{errors.New("--feeds lists every feed; a query narrows the articles only: give one or the other")}
		}
		return c.runFeeds(e, g)
	}
	idx, _, err := g.openIndex(e, index.Options{}, false)
	if err != nil {
		return err
	}
	defer idx.Close()
	list := bot.Sources(idx.Articles(), query)
	if c.JSON {
		if list == nil {
			list = []bot.Source{}
		}
		return writeJSON(e.stdout, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "No article matches that.")
		return nil
	}
	for _, s := range list {
		fmt.Fprintf(e.stdout, "%s  %s\n", s.Published, s.Doc)
		for _, l := range term.Wrap(fmt.Sprintf("%s — %s", s.Title, s.Publisher), term.Width-12) {
			fmt.Fprintln(e.stdout, "            "+l)
		}
		fmt.Fprintf(e.stdout, "            %d passages, %d figures · %s\n", s.Passages, s.Figures, s.URL)
	}
	st := idx.Stats()
	fmt.Fprintf(e.stdout, "\n%d of %d articles · index as of %s\n", len(list), st.Articles, st.Updated.Local().Format("2006-01-02 15:04"))
	// As /sources does, a query narrows the articles and leaves the feeds
	// out. The feeds are an extra here: a state file that cannot be read
	// is worth a warning, not the article list.
	if strings.TrimSpace(query) != "" {
		return nil
	}
	feeds, err := readFeedState(g)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		e.log.Warn("feeds not listed", "err", err)
	default:
		fmt.Fprintln(e.stdout)
		writeFeeds(e.stdout, feeds, time.Now())
	}
	return nil
}

// runFeeds lists the feeds alone. It needs no index, so it opens none: the
// state file is all it reads, and racebot serve may be writing it.
func (c *sourcesCmd) runFeeds(e *env, g *cli) error {
	feeds, err := readFeedState(g)
	if errors.Is(err, fs.ErrNotExist) {
		if c.JSON {
			return writeJSON(e.stdout, []bot.Feed{})
		}
		fmt.Fprintln(e.stdout, "No feeds have been read yet (racebot serve --feeds FILE reads them).")
		return nil
	}
	if err != nil {
		return err
	}
	if c.JSON {
		return writeJSON(e.stdout, feeds)
	}
	writeFeeds(e.stdout, feeds, time.Now())
	return nil
}

// readFeedState reads what racebot serve last saved about its feeds, in the
// index folder. A missing file, when no feed has been read with this index
// folder, gives an error matching fs.ErrNotExist.
func readFeedState(g *cli) ([]bot.Feed, error) {
	dir, err := g.indexDir()
	if err != nil {
		return nil, err
	}
	sts, err := feed.LoadStatus(filepath.Join(dir, feedStateFile))
	if err != nil {
		return nil, err
	}
	return botFeeds(sts), nil
}

// writeFeeds prints the feeds for a person, each with its address, when it
// was last read as of now and what it added, or why reading it fails.
// Titles and errors come from the feeds' servers: Name and Summary keep
// them to one line without control characters, so that a feed cannot
// send escape codes to the terminal.
func writeFeeds(w io.Writer, feeds []bot.Feed, now time.Time) {
	noun := "feeds"
	if len(feeds) == 1 {
		noun = "feed"
	}
	fmt.Fprintf(w, "%d news %s, as racebot serve last saved them:\n", len(feeds), noun)
	for _, f := range feeds {
		fmt.Fprintln(w)
		for _, l := range term.Wrap(f.Name(), term.Width-2) {
			fmt.Fprintln(w, "  "+l)
		}
		fmt.Fprintln(w, "    "+strings.Map(dropControl, f.URL))
		for _, l := range term.Wrap(f.Summary(now), term.Width-4) {
			fmt.Fprintln(w, "    "+l)
		}
		if e := strings.Map(dropControl, f.LastError); strings.TrimSpace(e) != "" {
			for _, l := range term.Wrap("last error: "+e, term.Width-4) {
				fmt.Fprintln(w, "    "+l)
			}
		} else if e := strings.Map(dropControl, f.ItemError); strings.TrimSpace(e) != "" {
			for _, l := range term.Wrap("last item not added: "+e, term.Width-4) {
				fmt.Fprintln(w, "    "+l)
			}
		}
	}
}

// dropControl drops control characters, for strings.Map: the state file is
// plain JSON that anything may have written.
func dropControl(r rune) rune {
	if unicode.IsControl(r) {
		return -1
	}
	return r
}
