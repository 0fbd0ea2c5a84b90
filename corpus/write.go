package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Marshal writes an article in the corpus format: YAML front matter (id,
// title, published, kind, sources, tags) and then body. It is the inverse of
// Parse: whatever Marshal writes, Parse reads back with the same metadata and
// the passages Split finds in body.
//
// One-line fields (title, publisher, tags, ...) have their white space
// collapsed, as a title taken from a web page often carries line breaks. A
// source with no date takes the article's. Marshal refuses an article Parse
// would refuse: a bad ID, no title, no date, no source, a source URL that is
// not http(s), or a body with no paragraph.
func Marshal(a *Article, body string) ([]byte, error) {
	n, err := normalize(a)
	if err != nil {
		return nil, err
	}
	if !utf8.ValidString(body) {
		return nil, fmt.Errorf("marshal article %s: body is not valid UTF-8", n.ID)
	}
	body = strings.ReplaceAll(strings.TrimPrefix(body, "\ufeff"), "\r\n", "\n")
	body = strings.Trim(body, "\n") + "\n"
	if len(Split(body, 1)) == 0 {
		return nil, fmt.Errorf("marshal article %s: body is empty: an article needs at least one paragraph", n.ID)
	}

	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) {
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
	}
	add("id", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: n.ID})
	add("title", quoted(n.Title))
	add("published", plain(n.Published.Format(dateLayout)))
	add("kind", plain(n.Kind))
	sources := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range n.Sources {
		sources.Content = append(sources.Content, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			plain("publisher"), quoted(s.Publisher),
			plain("title"), quoted(s.Title),
			plain("url"), quoted(s.URL),
			plain("date"), plain(s.Date.Format(dateLayout)),
		}})
	}
	add("sources", sources)
	if len(n.Tags) > 0 {
		tags := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, t := range n.Tags {
			tags.Content = append(tags.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: t})
		}
		add("tags", tags)
	}

	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("marshal article %s: %w", n.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("marshal article %s: %w", n.ID, err)
	}
	buf.WriteString("---\n")
	buf.WriteString(body)
	if buf.Len() > MaxFileSize {
		return nil, fmt.Errorf("marshal article %s: %d bytes, over the %d-byte limit for an article", n.ID, buf.Len(), MaxFileSize)
	}
	return buf.Bytes(), nil
}

// normalize returns a copy of a's metadata as Marshal writes it, or why it
// cannot be written.
func normalize(a *Article) (*Article, error) {
	n := &Article{
		ID:        strings.TrimSpace(a.ID),
		Title:     oneLine(a.Title),
		Published: a.Published,
		Kind:      strings.TrimSpace(a.Kind),
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("marshal article %q: %s", n.ID, fmt.Sprintf(format, args...))
	}
	if !idPattern.MatchString(n.ID) {
		return nil, fail("id is not lower-case kebab-case (like deepseek-r1-release)")
	}
	if n.Title == "" {
		return nil, fail("title is missing")
	}
	if n.Published.IsZero() {
		return nil, fail("published date is missing")
	}
	if y := n.Published.Year(); y < 1 || y > 9999 {
		return nil, fail("published year %d is out of range", y)
	}
	n.Published = dateOnly(n.Published)
	if _, err := parseDate(n.Published.Format(dateLayout), now()); err != nil {
		return nil, fail("published date %v", err)
	}
	switch n.Kind {
	case "":
		n.Kind = KindArticle
	case KindArticle, KindSummary:
	default:
		return nil, fail("kind %q is neither %q nor %q", n.Kind, KindArticle, KindSummary)
	}
	if len(a.Sources) == 0 {
		return nil, fail("at least one source is required")
	}
	for i, s := range a.Sources {
		src := Source{
			Publisher: oneLine(s.Publisher),
			Title:     oneLine(s.Title),
			URL:       strings.TrimSpace(s.URL),
			Date:      s.Date,
		}
		if src.Publisher == "" {
			return nil, fail("sources[%d]: publisher is missing", i)
		}
		if u, err := url.Parse(src.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			!strings.HasPrefix(src.URL, u.Scheme+"://") || strings.ContainsFunc(src.URL, func(r rune) bool { return isSpaceOrControl(r) || unicode.IsSpace(r) }) {
			return nil, fail("sources[%d]: url %q is not an http(s) URL", i, src.URL)
		}
		if src.Title == "" {
			src.Title = n.Title
		}
		if src.Date.IsZero() {
			src.Date = n.Published
		}
		if y := src.Date.Year(); y < 1 || y > 9999 {
			return nil, fail("sources[%d]: year %d is out of range", i, y)
		}
		src.Date = dateOnly(src.Date)
		if _, err := parseDate(src.Date.Format(dateLayout), now()); err != nil {
			return nil, fail("sources[%d]: date %v", i, err)
		}
		n.Sources = append(n.Sources, src)
	}
	for _, t := range a.Tags {
		if t = oneLine(t); t != "" && !slices.Contains(n.Tags, t) {
			n.Tags = append(n.Tags, t)
		}
	}
	for _, s := range append([]string{n.Title}, n.Tags...) {
		if !utf8.ValidString(s) {
			return nil, fail("%q is not valid UTF-8", s)
		}
	}
	for _, s := range n.Sources {
		if !utf8.ValidString(s.Publisher) || !utf8.ValidString(s.Title) {
			return nil, fail("source %q is not valid UTF-8", s.Publisher)
		}
	}
	return n, nil
}

// oneLine collapses runs of white space (line breaks included) to single
// spaces and drops control characters, which have no place in a title.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if isSpaceOrControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func isSpaceOrControl(r rune) bool {
	return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' || r == '\ufeff'
}

// dateOnly keeps the calendar date of t as written where it was published,
// at midnight UTC, as Parse returns dates.
func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

// quoted is a string written in double quotes, as the starter articles
// write titles: no title ("Yes", "2025", "null", "a: b") can then be read
// back as anything but a string.
func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}

// ErrDuplicate is matched (errors.Is) by the error Folder.Add returns when
// the corpus already holds the article; errors.As with *DuplicateError tells
// which file.
var ErrDuplicate = errors.New("already in the corpus")

// DuplicateError reports an article the corpus already holds.
type DuplicateError struct {
	Existing string // path of the file that holds it
	Reason   string // "same source URL" or "same text"
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("already in the corpus as %s (%s)", e.Existing, e.Reason)
}

// Is makes errors.Is(err, ErrDuplicate) true.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

// trackingParams are query parameters that only say how a reader reached a
// page; the same article shared from a newsletter and from a feed carries
// different ones.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true, "twclid": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true,
	"cmpid": true, "ocid": true, "smid": true, "sr_share": true, "ref": true, "ref_src": true, "ref_url": true,
	"guccounter": true, "guce_referrer": true, "guce_referrer_sig": true, "spm": true, "share": true,
}

// NormalizeURL returns rawURL cleaned for citing and comparing: scheme and
// host in lower case, no default port, no fragment, no tracking parameters
// (utm_* and the like), the remaining query sorted, no trailing slash. A
// string that is not an absolute http(s) URL comes back trimmed but
// otherwise unchanged.
func NormalizeURL(rawURL string) string {
	rawURL = strings.TrimSpace(rawURL)
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return rawURL
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return rawURL
	}
	u.Host = strings.ToLower(u.Host)
	if h, port, ok := strings.Cut(u.Host, ":"); ok && !strings.Contains(port, ":") &&
		(u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443") {
		u.Host = h
	}
	u.Fragment, u.RawFragment = "", ""
	u.User = nil
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if strings.HasPrefix(strings.ToLower(k), "utm_") || trackingParams[strings.ToLower(k)] {
				delete(q, k)
			}
		}
		u.RawQuery = q.Encode() // sorted by key
	}
	u.ForceQuery = false
	if p := strings.TrimRight(u.EscapedPath(), "/"); p != u.EscapedPath() {
		u.RawPath = ""
		u.Path = strings.TrimRight(u.Path, "/")
	}
	return u.String()
}

// urlKey is the form in which two URLs of the same article compare equal:
// normalised, and the same over http and https.
func urlKey(rawURL string) string {
	s := NormalizeURL(rawURL)
	if i := strings.Index(s, "://"); i >= 0 {
		return s[i+1:]
	}
	return s
}
