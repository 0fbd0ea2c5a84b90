// Package ingest turns what a self-hoster gives racebot into corpus
// articles: the items of news feeds, through the pages they link to or the
// text they carry.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/feed"
	"github.com/racebot/racebot/corpus/web"
)

// FeedAdder turns feed items into articles in a corpus folder: the page
// the item links to, read as `racebot add` reads it, or, when that page
// cannot be had (a paywall, robots.txt, not HTML), the full text the feed
// itself carries. It implements feed.Adder.
type FeedAdder struct {
	Client *web.Client    // fetches the item's page; give it web.PublicTransport
	Folder *corpus.Folder // where the articles are written
	Log    *slog.Logger   // nil logs nothing
	// Changed is told of each article written, so that the index can be
	// brought up to date even when the corpus folder is not watched.
	Changed func()
}

// Add implements feed.Adder.
func (a *FeedAdder) Add(ctx context.Context, it feed.Item) (string, error) {
	ctx = web.WithPrivateFeed(ctx, it.FeedURL)
	p, err := a.Client.Fetch(ctx, it.Link)
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
		a.logger().Info("feed item's page could not be read; using the feed's own text", "link", feed.Redact(it.Link), "err", err)
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
	path, err := a.Folder.Add(ctx, art, body)
	if errors.Is(err, corpus.ErrDuplicate) {
		return "", fmt.Errorf("%w: %w", feed.ErrDuplicate, err)
	}
	if err != nil {
		return "", err
	}
	if a.Changed != nil {
		a.Changed()
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

func (a *FeedAdder) logger() *slog.Logger {
	if a.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return a.Log
}
