package web

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what a page says about itself, outside its text.
type meta struct {
	title, publisher, author string
	published                time.Time
	canonical                string // absolute http(s) URL, or ""
}

// readMeta reads the page's metadata: Open Graph and other <meta> tags,
// JSON-LD (NewsArticle and friends, also inside @graph and arrays),
// <link rel=canonical> and <time datetime>. Where sources disagree the
// more specific wins: JSON-LD's article over generic <meta> tags.
func readMeta(doc *html.Node, pageURL *url.URL) meta {
	props := map[string]string{} // first value of each <meta> property or name, lower-case keys
	var (
		canonical, docTitle string
		ld                  []any
		times               []string
		itempropDate        string
	)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				for _, k := range []string{attr(n, "property"), attr(n, "name"), attr(n, "itemprop")} {
					k = strings.ToLower(strings.TrimSpace(k))
					if k != "" && content != "" {
						if _, ok := props[k]; !ok {
							props[k] = content
						}
					}
				}
			case atom.Link:
				if canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					canonical = attr(n, "href")
				}
			case atom.Title:
				if docTitle == "" {
					docTitle = textOf(n)
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					var v any
					if json.Unmarshal([]byte(cdata.ReplaceAllString(textOf(n), "")), &v) == nil {
						ld = append(ld, v)
					}
				}
				return
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					if strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasToken(attr(n, "pubdate"), "pubdate") {
						if itempropDate == "" {
							itempropDate = dt
						}
					}
					times = append(times, dt)
				}
			}
			if strings.EqualFold(attr(n, "itemprop"), "datePublished") && itempropDate == "" {
				itempropDate = firstOf(attr(n, "datetime"), attr(n, "content"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	art := jsonLDArticle(ld)
	m := meta{
		title:     firstOf(art.headline, props["og:title"], props["twitter:title"], props["dc.title"], titleOnly(docTitle)),
		publisher: firstOf(props["og:site_name"], art.publisher, props["application-name"]),
		author:    firstOf(art.author, authorName(props["author"]), authorName(props["article:author"]), props["dc.creator"], props["parsely-author"]),
	}
	for _, s := range []string{
		props["article:published_time"], art.published,
		props["datepublished"], props["date"], props["pubdate"], props["publishdate"], props["publish-date"],
		props["dc.date"], props["dc.date.issued"], props["dcterms.created"], props["dcterms.issued"],
		props["citation_publication_date"], props["parsely-pub-date"], props["sailthru.date"],
		props["og:published_time"], itempropDate,
	} {
		if t, ok := parseDate(s); ok {
			m.published = t
			break
		}
	}
	if m.published.IsZero() {
		for _, s := range times {
			if t, ok := parseDate(s); ok {
				m.published = t
				break
			}
		}
	}
	for _, c := range []string{canonical, props["og:url"], art.url} {
		u := absoluteURL(pageURL, c)
		if u == "" || pageURL.Host != "" && !sameSite(u, pageURL) {
			continue
		}
		m.canonical = u
		break
	}
	return m
}

// sameSite reports whether rawURL is on pageURL's site: the same host name
// in any case, with or without "www.", whatever the scheme or port. A page
// may name its own canonical URL but not another site's: that would let any
// page be cited as a publisher it is not, or take the URL of an article
// already in the corpus and have the real one refused as a duplicate.
func sameSite(rawURL string, pageURL *url.URL) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	host := func(u *url.URL) string {
		return strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(u.Hostname()), "."), "www.")
	}
	return host(u) == host(pageURL)
}

var cdata = regexp.MustCompile(`^\s*<!\[CDATA\[|\]\]>\s*$`)

// titleSuffix is " | Site" or " - Site" at the end of a <title>.
var titleSuffix = regexp.MustCompile(`\s+[|–—-]\s+[^|–—-]{1,40}$`)

// titleOnly drops the site name a <title> usually ends with; the other
// title sources name the article alone.
func titleOnly(s string) string {
	s = oneLine(s)
	if t := titleSuffix.ReplaceAllString(s, ""); len(t) >= 15 {
		return t
	}
	return s
}

// authorName keeps an author <meta> that names a person rather than
// linking to a profile page.
func authorName(s string) string {
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return ""
	}
	return s
}

// absoluteURL resolves ref against base and returns it if it is an http(s)
// URL worth citing: not the site's home page standing in for every page,
// which some sites put in rel=canonical.
func absoluteURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	u := base.ResolveReference(r)
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	if strings.Trim(u.Path, "/") == "" && u.RawQuery == "" && strings.Trim(base.Path, "/") != "" {
		return ""
	}
	return u.String()
}

// dateLayouts are the shapes dates take in page metadata, most common first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02",
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
}

// parseDate reads a date as metadata writes it. The calendar date is kept
// as the page gives it, in its own time zone: an article published at 11pm
// in New York is dated that day, not the next.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil && plausible(t) {
			return t, true
		}
	}
	// "2025-01-27T10:00:00.000+0000" and other near-ISO forms: the date
	// at the front is what matters.
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil && plausible(t) {
			return t, true
		}
	}
	return time.Time{}, false
}

// plausible rejects dates no news article has: before the web, or in the
// future (beyond time-zone slack).
func plausible(t time.Time) bool {
	return t.Year() >= 1990 && t.Before(time.Now().Add(48*time.Hour))
}

// ldArticle is what racebot reads from a JSON-LD article.
type ldArticle struct {
	headline, published, author, publisher, url string
}

// jsonLDArticle finds the first article object (NewsArticle, Article,
// BlogPosting, ...) in the page's JSON-LD blocks, looking inside arrays and
// @graph, and resolves {"@id": ...} references to objects elsewhere in the
// blocks.
func jsonLDArticle(blocks []any) ldArticle {
	var objs []map[string]any
	byID := map[string]map[string]any{}
	var collect func(v any, depth int)
	collect = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				collect(e, depth+1)
			}
		case map[string]any:
			objs = append(objs, x)
			if id, ok := x["@id"].(string); ok && len(x) > 1 {
				byID[id] = x
			}
			if g, ok := x["@graph"]; ok {
				collect(g, depth+1)
			}
		}
	}
	for _, b := range blocks {
		collect(b, 0)
	}
	resolve := func(v any) any {
		if m, ok := v.(map[string]any); ok && len(m) == 1 {
			if id, ok := m["@id"].(string); ok && byID[id] != nil {
				return byID[id]
			}
		}
		return v
	}
	var a ldArticle
	for _, o := range objs {
		if !isArticleType(o["@type"]) {
			continue
		}
		a.headline = firstOf(str(o["headline"]), str(o["name"]))
		a.published = str(o["datePublished"])
		if a.published == "" {
			a.published = str(o["dateCreated"])
		}
		a.author = names(o["author"], resolve)
		a.publisher = names(o["publisher"], resolve)
		a.url = str(o["url"])
		if a.url == "" {
			switch me := resolve(o["mainEntityOfPage"]).(type) {
			case string:
				a.url = me
			case map[string]any:
				a.url = firstOf(str(me["url"]), str(me["@id"]))
			}
		}
		break
	}
	if a.publisher == "" {
		for _, o := range objs {
			if hasType(o["@type"], "NewsMediaOrganization") {
				a.publisher = str(o["name"])
				break
			}
		}
	}
	return a
}

// isArticleType reports whether a JSON-LD @type (a string or a list of
// them) names a kind of article.
func isArticleType(t any) bool {
	check := func(s string) bool {
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://schema.org/"), "http://schema.org/")
		return strings.HasSuffix(s, "Article") || strings.HasSuffix(s, "Posting") || s == "Report"
	}
	switch x := t.(type) {
	case string:
		return check(x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && check(s) {
				return true
			}
		}
	}
	return false
}

func hasType(t any, want string) bool {
	switch x := t.(type) {
	case string:
		return x == want
	case []any:
		for _, e := range x {
			if e == want {
				return true
			}
		}
	}
	return false
}

// names reads a JSON-LD person or organisation: a string, an object with a
// name, a reference to one, or a list of them (joined with ", ").
func names(v any, resolve func(any) any) string {
	var out []string
	var add func(v any, depth int)
	add = func(v any, depth int) {
		switch x := resolve(v).(type) {
		case string:
			if s := oneLine(x); s != "" && !strings.HasPrefix(s, "http") {
				out = append(out, s)
			}
		case map[string]any:
			if s := oneLine(str(x["name"])); s != "" {
				out = append(out, s)
			}
		case []any:
			if depth == 0 {
				for _, e := range x {
					add(e, 1)
				}
			}
		}
	}
	add(v, 0)
	return strings.Join(out, ", ")
}

func str(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf is the text inside n, as written.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
