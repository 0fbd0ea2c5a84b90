package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/metrics"
	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/feed"
	"github.com/racebot/racebot/corpus/ingest"
	"github.com/racebot/racebot/corpus/web"
	"github.com/racebot/racebot/index"
)

// feedStateFile is where racebot serve keeps what its feeds have given, in
// the index folder that racebot owns, for `racebot sources` to read.
const feedStateFile = "feeds-state.json"

// readFeeds reads --feeds before anything else starts, so that a mistake in
// the file is reported at once, with its line, rather than after the index
// is built. Feeds write into a corpus folder, which a new one gets with the
// starter articles in it, as `racebot add` does.
func (c *serveCmd) readFeeds(e *env, g *cli) ([]feed.Source, error) {
	if c.Feeds == "" {
		return nil, nil
	}
	if g.Corpus == "" {
		return nil, usageError{errors.New("--feeds adds articles to a corpus folder: give --corpus DIR or set RACEBOT_CORPUS " +
			"(a new or empty folder starts with a copy of the starter articles)")}
	}
	if c.FeedInterval < feed.MinInterval || c.FeedInterval > feed.MaxInterval {
		return nil, usageError{fmt.Errorf("--feed-interval %s: must be between %s and %s", c.FeedInterval, feed.MinInterval, feed.MaxInterval)}
	}
	srcs, err := feed.ReadFeedsFile(c.Feeds)
	if err != nil {
		return nil, usageError{err}
	}
	if len(srcs) == 0 {
		return nil, usageError{fmt.Errorf("feeds file %s lists no feed", c.Feeds)}
	}
	if err := prepareCorpus(e, g.Corpus); err != nil {
		return nil, err
	}
	return srcs, nil
}

// newPoller makes the poller of --feeds, or nil when there are none. The
// watcher indexes what the feeds add; without it (--no-watch), each article
// added is indexed at once.
func (c *serveCmd) newPoller(ctx context.Context, log *slog.Logger, srcs []feed.Source, cs *index.FolderSync, m *metrics.Metrics) (*feed.Poller, error) {
	if len(srcs) == 0 {
		return nil, nil
	}
	adder := &ingest.FeedAdder{
		Client: &web.Client{UserAgent: web.UserAgent(racebotVersion()), HTTP: &http.Client{Transport: web.PublicTransport()}},
		Folder: corpus.NewFolder(cs.Dir),
		Log:    log,
	}
	if !c.Watch {
		adder.Changed = func() {
			if err := cs.Sync(ctx); err != nil && ctx.Err() == nil {
				log.Warn("index not updated with a feed's article", "err", err)
			}
		}
	}
	opts := feed.Options{
		Feeds:     srcs,
		Adder:     adder,
		UserAgent: web.UserAgent(racebotVersion()),
		Interval:  c.FeedInterval,
		Spread:    c.FeedSpread,
		Logger:    log,
	}
	if dir := cs.Index.Dir(); dir != "" {
		opts.StatePath = filepath.Join(dir, feedStateFile)
	}
	if m != nil {
		opts.Observer = m.Feeds()
	}
	p, err := feed.New(opts)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	if m != nil {
		m.Feeds().Start(p.Status())
	}
	return p, nil
}

// runPoller reads the feeds while ctx lasts, and returns a function that
// stops and waits until the poller has saved its state.
func runPoller(ctx context.Context, log *slog.Logger, p *feed.Poller) (stop func()) {
	if p == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := p.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("feeds stopped", "err", err)
		}
	}()
	return func() { cancel(); <-done }
}

// feedsOf reports a poller's feeds as /sources shows them.
func feedsOf(p *feed.Poller) func() []bot.Feed {
	if p == nil {
		return nil
	}
	return func() []bot.Feed { return botFeeds(p.Status()) }
}

// botFeeds turns the feed poller's status of its feeds into the feeds
// /sources and racebot sources show. It lives here, not in bot, so that
// the answer engine does not depend on the feed reader.
func botFeeds(sts []feed.FeedStatus) []bot.Feed {
	out := make([]bot.Feed, 0, len(sts))
	for _, st := range sts {
		f := bot.Feed{URL: st.URL, Title: st.Title, LastRead: st.LastRead, LastSuccess: st.LastSuccess,
			LastError: st.LastError, ItemError: st.LastItemError, Added: st.Added}
		for _, r := range st.Recent {
			f.Recent = append(f.Recent, r.Title)
		}
		out = append(out, f)
	}
	return out
}
