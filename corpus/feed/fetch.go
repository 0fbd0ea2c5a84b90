package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// accept asks for feeds first but takes anything: many servers label feeds
// text/xml or text/html, and the parser detects the format itself.
const accept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"

// fetched is the outcome of one conditional GET of a feed.
type fetched struct {
	feed         *gofeed.Feed
	base         *url.URL // where the feed came from, after redirects, for relative links
	notModified  bool
	etag         string
	lastModified string
	retryAfter   time.Duration // from a 429 or 503, else zero
}

// fetch GETs a feed with the validators of the last read, within the
// timeout and size cap, and parses it.
func (p *Poller) fetch(ctx context.Context, f *feedRun, etag, lastModified string) (fetched, error) {
	ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	var out fetched
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.src.URL, nil)
	if err != nil {
		return out, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("User-Agent", p.opts.UserAgent)
	req.Header.Set("Accept", accept)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := p.opts.Client.Do(req)
	if err != nil {
		return out, p.timeoutOr(ctx, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.notModified = true
		return out, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		out.retryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
		return out, fmt.Errorf("server answered %s", resp.Status)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return out, fmt.Errorf("server answered %s", resp.Status)
	}
	max := p.opts.MaxBytes
	if resp.ContentLength > max {
		return out, fmt.Errorf("feed is %d bytes, more than the %d allowed", resp.ContentLength, max)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return out, p.timeoutOr(ctx, fmt.Errorf("read body: %w", err))
	}
	if int64(len(body)) > max {
		return out, fmt.Errorf("feed is more than the %d bytes allowed", max)
	}
	out.feed, err = parseFeed(body)
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return out, fmt.Errorf("not an RSS, Atom or JSON feed (Content-Type %q)", resp.Header.Get("Content-Type"))
		}
		return out, fmt.Errorf("parse feed: %w", err)
	}
	out.base = resp.Request.URL
	out.etag = resp.Header.Get("ETag")
	out.lastModified = resp.Header.Get("Last-Modified")
	return out, nil
}

// timeoutOr turns the fetch's own deadline into a message a user can act
// on, and passes other errors through.
func (p *Poller) timeoutOr(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no complete answer within %s", p.opts.Timeout)
	}
	return err
}

// parseFeed parses a feed of any of the three formats. The parser sees
// untrusted bytes; a panic in it becomes an error for this feed rather than
// the end of the process.
func parseFeed(b []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(b))
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// entry is a feed item with the key it is remembered by.
type entry struct {
	key  string
	item Item
}

// entries turns a parsed feed into items, in the feed's order, each once.
// An item without an http(s) link is left out: it cannot become an article
// with a source to cite.
func entries(gf *gofeed.Feed, base *url.URL, feedURL string) (out []entry) {
	if base != nil {
		b := *base
		b.User = nil
		base = &b
	}
	if l, err := url.Parse(strings.TrimSpace(gf.Link)); err == nil && l.IsAbs() {
		if base == nil || l.Scheme == "http" || l.Scheme == "https" {
			base = l
		}
	}
	dup := map[string]bool{}
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		link := itemLink(gi, base)
		key := strings.TrimSpace(gi.GUID)
		if key == "" {
			key = link
		}
		if link == "" || dup[key] {
			continue
		}
		dup[key] = true
		it := Item{
			Link:       link,
			GUID:       strings.TrimSpace(gi.GUID),
			Title:      strings.TrimSpace(gi.Title),
			Author:     itemAuthor(gi),
			Summary:    gi.Description,
			Content:    gi.Content,
			Categories: gi.Categories,
			FeedTitle:  strings.TrimSpace(gf.Title),
			FeedLink:   strings.TrimSpace(gf.Link),
			FeedURL:    Redact(feedURL),
		}
		if gi.PublishedParsed != nil {
			it.Published = gi.PublishedParsed.UTC()
		}
		if gi.UpdatedParsed != nil {
			it.Updated = gi.UpdatedParsed.UTC()
		}
		out = append(out, entry{key: key, item: it})
	}
	return out
}

// itemLink is the item's absolute http(s) link: its link, else its first
// alternate link, else a GUID that is a URL (RSS's isPermaLink), resolved
// against the feed's site or address when relative.
func itemLink(gi *gofeed.Item, base *url.URL) string {
	cands := append([]string{gi.Link}, gi.Links...)
	cands = append(cands, gi.GUID)
	for i, c := range cands {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		u, err := url.Parse(c)
		if err != nil {
			continue
		}
		if !u.IsAbs() {
			// A GUID that is not an absolute URL is an identifier, not a path.
			if base == nil || i == len(cands)-1 {
				continue
			}
			u = base.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return ""
}

func itemAuthor(gi *gofeed.Item) string {
	for _, a := range gi.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			return strings.TrimSpace(a.Name)
		}
	}
	if gi.Author != nil && strings.TrimSpace(gi.Author.Name) != "" {
		return strings.TrimSpace(gi.Author.Name)
	}
	if dc := gi.DublinCoreExt; dc != nil && len(dc.Creator) > 0 {
		return strings.TrimSpace(dc.Creator[0])
	}
	return ""
}

// newestFirst orders entries newest first by date (published, else
// updated) when every entry has one; otherwise it trusts the feed's order,
// which is newest first in practice.
func newestFirst(es []entry) {
	for _, e := range es {
		if e.item.date().IsZero() {
			return
		}
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].item.date().After(es[j].item.date()) })
}
