package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/metrics"
	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/feed"
	"github.com/racebot/racebot/corpus/web"
)

// feedStateFile is where racebot serve keeps what its feeds have given, in
// the index folder that racebot owns, for `racebot sources` to read.
const feedStateFile = "feeds-state.json"

// feedAdder turns feed items into articles in the corpus folder: the page
// the item links to, read as `racebot add` reads it, or, when that page
// cannot be had (a paywall, robots.txt, not HTML), the full text the feed
// itself carries.
type feedAdder struct {
	client *web.Client
	folder *corpus.Folder
	log    *slog.Logger
	// changed is told of each article written, so that the index is
	// brought up to date even when the corpus folder is not watched.
	changed func()
}

// Add implements feed.Adder.
func (a *feedAdder) Add(ctx context.Context, it feed.Item) (string, error) {
	ctx = web.WithPrivateFeed(ctx, it.FeedURL)
	p, err := a.client.Fetch(ctx, it.Link)
	if err != nil {
		if ctx.Err() != nil {
			return "", err
		}
		fromFeed, ferr := itemPage(it)
		if ferr != nil {
			if permanent(err) {
				return "", fmt.Errorf("%w: %w (and the feed's own text: %w)", feed.ErrRejected, err, ferr)
			}
			return "", err
		}
		a.log.Info("feed item's page could not be read; using the feed's own text", "link", feed.Redact(it.Link), "err", err)
		p = fromFeed
	}
	// The page has the last word on its metadata; the feed fills in what
	// the page leaves out.
	if strings.TrimSpace(p.Title) == "" {
		p.Title = it.Title
	}
	if p.Published.IsZero() {
		p.Published = it.Published
	}
	if p.Published.IsZero() {
		p.Published = it.Updated
	}
	if strings.TrimSpace(p.Publisher) == "" {
		p.Publisher = feedPublisher(it.FeedTitle)
	}
	art, body, err := p.Article()
	if err != nil {
		return "", fmt.Errorf("%w: %w", feed.ErrRejected, err)
	}
	path, err := a.folder.Add(ctx, art, body)
	if errors.Is(err, corpus.ErrDuplicate) {
		return "", fmt.Errorf("%w: %w", feed.ErrDuplicate, err)
	}
	if err != nil {
		return "", err
	}
	if a.changed != nil {
		a.changed()
	}
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), nil
}

// itemPage makes a page of the text a feed carries for an item, for items
// whose own page cannot be read. Feeds that carry only a teaser fail here
// with web.ErrTooShort, as a paywalled page does.
func itemPage(it feed.Item) (*web.Page, error) {
	text := it.Content
	if len(strings.TrimSpace(text)) < len(strings.TrimSpace(it.Summary)) {
		text = it.Summary
	}
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("the feed carries no text for the item")
	}
	u, err := url.Parse(it.Link)
	if err != nil {
		return nil, fmt.Errorf("item link %q: %w", it.Link, err)
	}
	p, err := web.ParseHTML(strings.NewReader("<html><head><title></title></head><body><article>"+text+"</article></body></html>"), u)
	if err != nil {
		return nil, err
	}
	p.URL = corpus.NormalizeURL(it.Link)
	p.Title = it.Title
	p.Author = it.Author
	p.Publisher = feedPublisher(it.FeedTitle)
	return p, nil
}

// permanent reports whether a page will never be read however often it is
// tried, so that its item need not be offered again.
func permanent(err error) bool {
	if _, ok := errors.AsType[*web.PrivateAddrError](err); ok {
		return true
	}
	if errors.Is(err, web.ErrRobotsUnavailable) {
		return false // the site was down or failing: it may be back later
	}
	for _, e := range []error{web.ErrDisallowed, web.ErrNotHTML, web.ErrTooLarge, web.ErrTooShort, web.ErrNoTitle, web.ErrNoURL, web.ErrScheme} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// feedPublisher makes a publisher name of a feed's title, which often
// carries a section: "Artificial Intelligence | MIT Technology Review" is
// published by MIT Technology Review.
func feedPublisher(title string) string {
	title = strings.TrimSpace(title)
	for _, sep := range []string{" | ", " – ", " — ", " - "} {
		if i := strings.LastIndex(title, sep); i >= 0 {
			return strings.TrimSpace(title[i+len(sep):])
		}
	}
	return title
}

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
func (c *serveCmd) newPoller(ctx context.Context, log *slog.Logger, srcs []feed.Source, cs *corpusSync, m *metrics.Metrics) (*feed.Poller, error) {
	if len(srcs) == 0 {
		return nil, nil
	}
	adder := &feedAdder{
		client: &web.Client{UserAgent: web.UserAgent(racebotVersion()), HTTP: &http.Client{Transport: web.PublicTransport()}},
		folder: corpus.NewFolder(cs.dir),
		log:    log,
	}
	if !c.Watch {
		adder.changed = func() {
			if err := cs.sync(ctx); err != nil && ctx.Err() == nil {
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
	if dir := cs.idx.Dir(); dir != "" {
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
