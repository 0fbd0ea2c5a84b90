package corpustest

import (
	"slices"
	"strconv"
	"strings"
)

// meta is an article's front matter.
type meta struct {
	id, title string
	published date
	kind      string // "article" or "summary"
	sources   []source
	tags      []string
}

type source struct {
	publisher, title, url string
	date                  date
}

// appendFrontMatter writes m in racebot's article format. Strings are
// written as YAML double-quoted scalars with strconv.Quote: titles contain
// quotes and colons, and Go's escapes (\", \\, \n, \xNN, \uNNNN) are all
// valid YAML escapes.
func appendFrontMatter(b []byte, m *meta) []byte {
	b = append(b, "---\nid: "...)
	b = append(b, m.id...)
	b = append(b, "\ntitle: "...)
	b = strconv.AppendQuote(b, m.title)
	b = append(b, "\npublished: "...)
	b = m.published.appendISO(b)
	b = append(b, "\nkind: "...)
	b = append(b, m.kind...)
	b = append(b, "\nsources:\n"...)
	for _, s := range m.sources {
		b = append(b, "  - publisher: "...)
		b = strconv.AppendQuote(b, s.publisher)
		b = append(b, "\n    title: "...)
		b = strconv.AppendQuote(b, s.title)
		b = append(b, "\n    url: "...)
		b = strconv.AppendQuote(b, s.url)
		b = append(b, "\n    date: "...)
		b = s.date.appendISO(b)
		b = append(b, '\n')
	}
	b = append(b, "tags: ["...)
	for i, t := range m.tags {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, t...)
	}
	return append(b, "]\n---\n"...)
}

// newSource returns a source by a random publisher. URLs use the reserved
// .example top-level domain (RFC 2606) so that a synthetic article can never
// be mistaken for, or cited as, a real page.
func newSource(r *rng, title string, d date) source {
	pub := pick(r, publishers)
	pub = strings.TrimPrefix(pub, "the ")
	url := make([]byte, 0, 128)
	url = append(url, "https://"...)
	url = appendSlug(url, pub, 40)
	url = append(url, ".example/"...)
	url = strconv.AppendInt(url, int64(d.y), 10)
	url = append(url, '/', byte('0'+d.m/10), byte('0'+d.m%10), '/', byte('0'+d.d/10), byte('0'+d.d%10), '/')
	url = appendSlug(url, title, 80)
	return source{publisher: pub, title: title, url: string(url), date: d}
}

// appendSlug appends the kebab-case form of s, cut to at most max bytes.
func appendSlug(b []byte, s string, max int) []byte {
	start := len(b)
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			dash = len(b) > start
			continue
		}
		if len(b)-start >= max {
			break
		}
		if dash {
			b = append(b, '-')
			dash = false
		}
		b = append(b, c)
	}
	if len(b)-start > max {
		b = b[:start+max]
	}
	for len(b) > start && b[len(b)-1] == '-' {
		b = b[:len(b)-1]
	}
	return b
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
