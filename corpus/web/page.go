package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/racebot/racebot/corpus"
)

// MinText is the least article text, in characters, a page must have to be
// taken as an article. Less is a paywall stub, a teaser, a page that needs
// JavaScript, or no article at all; adding it would only add noise.
const MinText = 300

// maxFileBytes caps what ParseHTML reads of a saved page.
const maxFileBytes = 32 << 20

// maxElements guards the readability pass against pathological pages.
const maxElements = 200_000

// Errors ParseHTML and Page.Article fail with, for errors.Is.
var (
	ErrTooShort = errors.New("too little article text")
	ErrNoDate   = errors.New("the page gives no publication date")
	ErrNoTitle  = errors.New("the page gives no title")
	ErrNoURL    = errors.New("no source URL")
)

// Page is an article as read from a web page.
type Page struct {
	// URL is the page's canonical URL when it names one (link
	// rel=canonical, og:url) on the site it was read from, else the URL it
	// was read from; tracking parameters are dropped (see
	// corpus.NormalizeURL).
	URL       string
	Title     string
	Publisher string // og:site_name or JSON-LD publisher, else the host
	Author    string
	Published time.Time // zero when the page does not say
	// LastModified is the HTTP Last-Modified time, zero when absent; Article
	// falls back to it when the page gives no date.
	LastModified time.Time
	// Body is the main text in the article format: paragraphs separated by
	// blank lines, headings as "## " lines, list items as "- " lines.
	Body string
}

// ParseHTML reads a saved HTML page. pageURL is where the page came from,
// used to resolve relative links and as the source URL when the page names
// no canonical one on pageURL's site; it may be nil, and then the page's
// canonical URL is taken wherever it points. A page that is valid UTF-8 is read as
// UTF-8; any other is decoded as its <meta> charset says or as sniffed, so
// pages saved as windows-1252 or ISO-8859-1 read correctly. A page with less than MinText characters of article text is
// refused with ErrTooShort.
func ParseHTML(r io.Reader, pageURL *url.URL) (*Page, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read HTML: %w", err)
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("read HTML: %w: over the %d-byte limit", ErrTooLarge, maxFileBytes)
	}
	return parse(data, "", pageURL)
}

// parse decodes data to UTF-8 (see decode) and extracts the article.
func parse(data []byte, contentType string, pageURL *url.URL) (*Page, error) {
	data, err := decode(data, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	if pageURL == nil {
		pageURL = &url.URL{}
	}
	m := readMeta(doc, pageURL)
	removeNoise(doc)

	p := readability.NewParser()
	p.MaxElemsToParse = maxElements
	art, err := p.ParseAndMutate(doc, pageURL)
	if err != nil {
		return nil, fmt.Errorf("extract article: %w", err)
	}

	page := &Page{
		Title:     firstOf(m.title, strings.TrimSpace(art.Title())),
		Publisher: firstOf(m.publisher, strings.TrimSpace(art.SiteName())),
		Author:    firstOf(m.author, strings.TrimSpace(art.Byline())),
		Published: m.published,
		URL:       m.canonical,
	}
	if page.Published.IsZero() {
		if t, err := art.PublishedTime(); err == nil && plausible(t) {
			page.Published = t
		}
	}
	if page.URL == "" && pageURL.Host != "" {
		page.URL = pageURL.String()
	}
	page.URL = corpus.NormalizeURL(page.URL)
	if page.Publisher == "" {
		page.Publisher = hostName(page.URL)
	}
	page.Title = oneLine(page.Title)
	page.Publisher = oneLine(page.Publisher)
	page.Author = oneLine(page.Author)

	var n int
	if art.Node != nil {
		page.Body, n = renderText(art.Node, page.Title)
	}
	if n < MinText {
		return nil, fmt.Errorf("%w: %d characters found, fewer than %d (a paywall, a teaser, a page that needs JavaScript, or no article)",
			ErrTooShort, n, MinText)
	}
	return page, nil
}

// decode returns data as UTF-8. A byte-order mark or contentType's charset
// is obeyed. Otherwise a page that is valid UTF-8 is taken as UTF-8, even
// against a <meta> that says otherwise: the sniffer behind the <meta> reads
// only the first 1024 bytes, guesses windows-1252 when those are ASCII, and
// text in another charset is almost never valid UTF-8 by chance. Anything
// else is decoded as its <meta> says or as sniffed.
func decode(data []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(data, contentType)
	if name != "utf-8" && (certain || !utf8.Valid(data)) {
		dec, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("decode %s page: %w", name, err)
		}
		data = dec
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD")), nil
}

// Article returns the page as a corpus article (kind article, the page as
// its one source) and its body, for corpus.Folder.Add. The ID is left for
// the folder to pick. With no date on the page, the HTTP Last-Modified time
// stands in; with neither, Article fails with ErrNoDate, as would a page
// with no title or no http(s) URL: set the field and call it again.
func (p *Page) Article() (*corpus.Article, string, error) {
	if strings.TrimSpace(p.Title) == "" {
		return nil, "", ErrNoTitle
	}
	u, err := url.Parse(p.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, "", ErrNoURL
	}
	published := p.Published
	if published.IsZero() {
		published = p.LastModified
	}
	if published.IsZero() {
		return nil, "", ErrNoDate
	}
	publisher := p.Publisher
	if strings.TrimSpace(publisher) == "" {
		publisher = hostName(p.URL)
	}
	a := &corpus.Article{
		Title:     p.Title,
		Published: published,
		Kind:      corpus.KindArticle,
		Sources:   []corpus.Source{{Publisher: publisher, Title: p.Title, URL: p.URL, Date: published}},
	}
	return a, p.Body, nil
}

// hostName is a publisher name of last resort: the URL's host without
// "www.".
func hostName(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// oneLine collapses white space, as metadata often carries line breaks, and
// turns control characters into spaces, as corpus.Marshal does to one-line
// fields: what a page says must read the same once written to the corpus.
// It mirrors the unexported oneLine of corpus/write.go; keep them alike.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
