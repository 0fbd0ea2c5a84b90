package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/term"
	"github.com/racebot/racebot/corpus/feed"
	"github.com/racebot/racebot/index"
)

type sourcesCmd struct {
	Query []string `arg:"" optional:"" help:"Only list articles about this (words of the title, publisher or tags)." placeholder:"QUERY"`
	JSON  bool     `name:"json" help:"Print a JSON array: of the articles, or with --feeds of the feeds."`
	// No variable: RACEBOT_FEEDS is serve's feeds file.
	Feeds bool `name:"feeds" help:"List only the news feeds racebot serve --feeds reads: when each was last read and what it added." env:"-"`
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
	st := idx.Stats()
	term.WriteSources(e.stdout, list, st.Articles, st.Updated)
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
		term.WriteFeeds(e.stdout, feeds, time.Now())
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
	term.WriteFeeds(e.stdout, feeds, time.Now())
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
