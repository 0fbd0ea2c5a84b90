// Package web turns web pages into corpus articles: it fetches a page
// politely (robots.txt, an honest User-Agent, a timeout, a size cap, HTML
// only), finds the article's main text with a readability algorithm, and
// reads its title, publisher, author, date and canonical URL from the page's
// metadata (Open Graph, JSON-LD, <time>).
package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// Defaults for a zero Client.
const (
	DefaultMaxBytes     = 5 << 20
	DefaultTimeout      = 15 * time.Second
	DefaultMaxRedirects = 5
	// robotsTTL is how long a host's robots.txt is trusted; RFC 9309
	// asks crawlers not to keep it longer than a day.
	robotsTTL = time.Hour
	// robotsRetry is how long a robots.txt that could not be read keeps
	// racebot off its host: a site down for maintenance is back soon.
	robotsRetry = 2 * time.Minute
	// maxRobotsBytes is the part of a robots.txt that is read, as RFC 9309
	// allows (500 KiB at least).
	maxRobotsBytes = 512 << 10
	// agentToken is the product token robots.txt rules name racebot by.
	agentToken = "racebot"
)

// Errors a fetch can fail with, for errors.Is; the messages say more.
// ErrDisallowed, ErrNotHTML, ErrTooLarge and ErrScheme (a URL or redirect
// leading out of the web: ftp:, file:, javascript:) are answers that
// fetching again will not change. ErrRobotsUnavailable may change: the site
// could not be reached or failed to serve its robots.txt, which RFC 9309
// says to treat as disallowing everything for now, so try again later.
var (
	ErrDisallowed        = errors.New("disallowed by robots.txt")
	ErrNotHTML           = errors.New("not an HTML page")
	ErrTooLarge          = errors.New("page too large")
	ErrRobotsUnavailable = errors.New("could not read robots.txt")
	ErrScheme            = errors.New("not an http(s) URL")
)

// Client fetches web pages. Its zero value is ready to use; a Client may be
// used by several goroutines at once and remembers each host's robots.txt.
type Client struct {
	HTTP         *http.Client  // transport to use; nil: a default client
	UserAgent    string        // "" : DefaultUserAgent()
	MaxBytes     int64         // largest page read; 0: DefaultMaxBytes
	Timeout      time.Duration // for a whole fetch, robots.txt included; 0: DefaultTimeout
	MaxRedirects int           // 0: DefaultMaxRedirects

	mu     sync.Mutex
	robots map[string]robotsEntry // by scheme://host
	now    func() time.Time       // nil: time.Now
}

type robotsEntry struct {
	data    *robotstxt.RobotsData // nil: the host could not say, so nothing is allowed for robotsRetry
	err     error                 // why data is nil
	fetched time.Time
}

// DefaultUserAgent is the User-Agent a Client sends unless told otherwise:
// racebot, its version and where to read about it.
func DefaultUserAgent() string {
	v := "devel"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	return UserAgent(v)
}

// UserAgent is the User-Agent for racebot version v.
func UserAgent(v string) string {
	return "racebot/" + v + " (+https://github.com/racebot/racebot)"
}

func (c *Client) userAgent() string {
	if c.UserAgent != "" {
		return c.UserAgent
	}
	return DefaultUserAgent()
}

func (c *Client) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

func (c *Client) maxBytes() int64 {
	if c.MaxBytes > 0 {
		return c.MaxBytes
	}
	return DefaultMaxBytes
}

// Fetch downloads the page at rawURL and extracts its article. It refuses,
// with an error that says why, a URL that is not http(s), a page robots.txt
// keeps racebot from, one that is not HTML, one over the size cap, an HTTP
// error, and a page with too little article text to be one (see ParseHTML).
func (c *Client) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: not a URL: %w", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("fetch %s: %w (only http and https pages can be fetched)", u.Redacted(), ErrScheme)
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	page, err := c.fetch(tctx, u)
	if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("fetch %s: no complete answer within %v", u.Redacted(), timeout)
	}
	return page, err
}

func (c *Client) fetch(ctx context.Context, u *url.URL) (*Page, error) {
	if err := c.allowed(ctx, u); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	resp, err := c.do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), unwrapURLError(err))
	}
	defer resp.Body.Close()
	final := resp.Request.URL
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("fetch %s: the server answered %s", u.Redacted(), resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); ct != "" && (err != nil || !isHTMLType(mt)) {
		if err == nil {
			ct = mt
		}
		return nil, fmt.Errorf("fetch %s: it is %s, %w (racebot reads HTML articles)", u.Redacted(), ct, ErrNotHTML)
	}
	max := c.maxBytes()
	if resp.ContentLength > max {
		return nil, fmt.Errorf("fetch %s: %w: %d bytes, over the %d-byte limit", u.Redacted(), ErrTooLarge, resp.ContentLength, max)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read page: %w", u.Redacted(), err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("fetch %s: %w: over the %d-byte limit", u.Redacted(), ErrTooLarge, max)
	}
	if ct == "" {
		if mt, _, _ := mime.ParseMediaType(http.DetectContentType(data)); !isHTMLType(mt) {
			return nil, fmt.Errorf("fetch %s: it looks like %s, %w (racebot reads HTML articles)", u.Redacted(), mt, ErrNotHTML)
		}
	}
	page, err := parse(data, ct, final)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	// A page generated on request says it was modified just now, which
	// dates nothing; only an older time is the article's.
	if lm, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil && lm.Before(time.Now().Add(-time.Hour)) {
		page.LastModified = lm.UTC()
	}
	return page, nil
}

func isHTMLType(mt string) bool { return mt == "text/html" || mt == "application/xhtml+xml" }

// do sends req with racebot's User-Agent, following at most MaxRedirects
// redirects, each to an http(s) URL that robots.txt allows.
func (c *Client) do(req *http.Request) (*http.Response, error) {
	hc := http.Client{}
	if c.HTTP != nil {
		hc = *c.HTTP
	}
	hc.Timeout = 0 // the context bounds the whole fetch
	max := c.MaxRedirects
	if max <= 0 {
		max = DefaultMaxRedirects
	}
	hc.CheckRedirect = func(next *http.Request, via []*http.Request) error {
		if len(via) > max {
			return fmt.Errorf("stopped after %d redirects", max)
		}
		if next.URL.Scheme != "http" && next.URL.Scheme != "https" {
			return fmt.Errorf("redirected to %s, which is %w", next.URL.Redacted(), ErrScheme)
		}
		next.Header.Set("User-Agent", c.userAgent())
		if next.Context().Value(robotsKey{}) != nil {
			// Fetching robots.txt itself: checking its redirects against
			// robots.txt would fetch it again, without end.
			return nil
		}
		return c.allowed(next.Context(), next.URL)
	}
	req.Header.Set("User-Agent", c.userAgent())
	return hc.Do(req)
}

// unwrapURLError drops the *url.Error wrapper, whose message repeats the
// method and URL the caller already names.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// allowed checks u against its host's robots.txt, fetching that once per
// robotsTTL. As RFC 9309 asks, a robots.txt that is missing (4xx) allows
// everything, and one that cannot be read (5xx, no answer) nothing; that
// refusal is ErrRobotsUnavailable and lasts robotsRetry.
func (c *Client) allowed(ctx context.Context, u *url.URL) error {
	origin := u.Scheme + "://" + u.Host
	c.mu.Lock()
	e, ok := c.robots[origin]
	c.mu.Unlock()
	ttl := robotsTTL
	if e.data == nil {
		ttl = robotsRetry
	}
	if !ok || c.clock().Sub(e.fetched) > ttl {
		e = c.fetchRobots(ctx, origin, u.Host)
		if ctx.Err() != nil {
			return fmt.Errorf("read %s/robots.txt: %w", origin, ctx.Err())
		}
		c.mu.Lock()
		if c.robots == nil {
			c.robots = map[string]robotsEntry{}
		}
		c.robots[origin] = e
		c.mu.Unlock()
	}
	if e.data == nil {
		return fmt.Errorf("%w: %w, and RFC 9309 says to fetch no page of the site until it can be read", e.err, ErrRobotsUnavailable)
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	if !e.data.TestAgent(p, agentToken) {
		return fmt.Errorf("%w: %s/robots.txt disallows %s for racebot", ErrDisallowed, origin, p)
	}
	return nil
}

// robotsKey marks the context of a robots.txt request.
type robotsKey struct{}

func (c *Client) fetchRobots(ctx context.Context, origin, host string) robotsEntry {
	now := c.clock()
	ctx = context.WithValue(ctx, robotsKey{}, true)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return robotsEntry{err: fmt.Errorf("robots.txt: %w", err), fetched: now}
	}
	resp, err := c.do(req)
	if err != nil {
		// The cause stays wrapped: a caller's own dialer may have refused
		// the connection, and wants to know.
		return robotsEntry{err: fmt.Errorf("could not reach %s (%w)", host, unwrapURLError(err)), fetched: now}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
	if err != nil {
		return robotsEntry{err: fmt.Errorf("%s/robots.txt could not be read (%w)", origin, err), fetched: now}
	}
	if resp.StatusCode >= 500 {
		return robotsEntry{err: fmt.Errorf("%s/robots.txt answered %s", origin, resp.Status), fetched: now}
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, bytes.ToValidUTF8(body, nil))
	if err != nil {
		// The parser skips what it cannot read and reports it; a robots.txt
		// with a typo still says what it can.
		if data == nil {
			return robotsEntry{err: fmt.Errorf("%s/robots.txt could not be parsed (%w)", origin, err), fetched: now}
		}
	}
	return robotsEntry{data: data, fetched: now}
}
