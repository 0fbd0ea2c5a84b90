package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/racebot/racebot/corpus/figure"
)

// MaxFileSize is the largest article file racebot reads. News articles are a
// few kilobytes; anything far larger is almost certainly not an article and
// would only slow indexing down.
const MaxFileSize = 4 << 20

const dateLayout = "2006-01-02"

// frontMatter mirrors the YAML header of an article file. Dates are read as
// strings so that a malformed one is reported with our message and line
// rather than a YAML type error.
type frontMatter struct {
	ID        string         `yaml:"id"`
	Title     string         `yaml:"title"`
	Published string         `yaml:"published"`
	Kind      string         `yaml:"kind"`
	Sources   []sourceMatter `yaml:"sources"`
	Tags      []string       `yaml:"tags"`
}

type sourceMatter struct {
	Publisher string `yaml:"publisher"`
	Title     string `yaml:"title"`
	URL       string `yaml:"url"`
	Date      string `yaml:"date"`
}

// idPattern is the shape of an article ID: lower-case kebab-case.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(?:[-_.][a-z0-9]+)*$`)

// Parse reads one article file: its YAML front matter and its body, split
// into passages with their figures. name is the file's path, used for the
// default ID and in errors. Errors are *ParseError values carrying the line.
func Parse(name string, data []byte) (*Article, error) {
	perr := func(line int, format string, args ...any) error {
		return &ParseError{Path: name, Line: line, Err: fmt.Errorf(format, args...)}
	}
	if len(data) > MaxFileSize {
		return nil, perr(0, "file is %d bytes, over the %d-byte limit for an article", len(data), MaxFileSize)
	}
	if !utf8.Valid(data) {
		return nil, perr(firstInvalidLine(data), "file is not valid UTF-8")
	}
	sum := sha256.Sum256(data)
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")

	header, body, bodyLine, err := splitFrontMatter(text)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			pe.Path = name
		}
		return nil, err
	}

	var root yaml.Node
	if err := yaml.Unmarshal([]byte(header), &root); err != nil {
		if line, quote := unclosedQuote(header); line > 0 {
			// The YAML reader notices only where the header ends,
			// lines below the quote that is never closed.
			return nil, perr(line+1, "front matter: the %s opened on this line is never closed", quote)
		}
		return nil, perr(yamlErrorLine(err), "front matter: %s", yamlErrorText(err))
	}
	var fm frontMatter
	if err := root.Decode(&fm); err != nil {
		return nil, perr(yamlErrorLine(err), "front matter: %s", yamlErrorText(err))
	}
	// keyLine finds the file line of a top-level front-matter key, so that a
	// bad value is reported where it is.
	keyLine := func(key string) int {
		if len(root.Content) == 0 {
			return 1
		}
		m := root.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return m.Content[i+1].Line + 1 // +1 for the opening fence
			}
		}
		return 1
	}

	a := &Article{
		ID:    strings.TrimSpace(fm.ID),
		Title: strings.TrimSpace(fm.Title),
		Kind:  strings.TrimSpace(fm.Kind),
		Path:  name,
		Hash:  hex.EncodeToString(sum[:]),
	}
	if a.ID == "" {
		a.ID = strings.TrimSuffix(path.Base(name), path.Ext(name))
	}
	if !idPattern.MatchString(a.ID) {
		return nil, perr(keyLine("id"), "id %q is not lower-case kebab-case (like deepseek-r1-release)", a.ID)
	}
	if a.Title == "" {
		return nil, perr(keyLine("title"), "title is missing")
	}
	if fm.Published == "" {
		return nil, perr(keyLine("published"), "published date is missing (want YYYY-MM-DD)")
	}
	if a.Published, err = parseDate(fm.Published, now()); err != nil {
		return nil, perr(keyLine("published"), "published date %w", err)
	}
	switch a.Kind {
	case "":
		a.Kind = KindArticle
	case KindArticle, KindSummary:
	default:
		return nil, perr(keyLine("kind"), "kind %q is neither %q nor %q", a.Kind, KindArticle, KindSummary)
	}
	if len(fm.Sources) == 0 {
		return nil, perr(keyLine("sources"), "sources: at least one source (publisher, title, url, date) is required")
	}
	for i, s := range fm.Sources {
		src := Source{
			Publisher: strings.TrimSpace(s.Publisher),
			Title:     strings.TrimSpace(s.Title),
			URL:       strings.TrimSpace(s.URL),
			Date:      a.Published,
		}
		if src.Publisher == "" {
			return nil, perr(keyLine("sources"), "sources[%d]: publisher is missing", i)
		}
		if !strings.HasPrefix(src.URL, "https://") && !strings.HasPrefix(src.URL, "http://") {
			return nil, perr(keyLine("sources"), "sources[%d]: url %q is not an http(s) URL", i, src.URL)
		}
		if src.Title == "" {
			src.Title = a.Title
		}
		if d := strings.TrimSpace(s.Date); d != "" {
			if src.Date, err = parseDate(d, now()); err != nil {
				return nil, perr(keyLine("sources"), "sources[%d]: date %w", i, err)
			}
		}
		a.Sources = append(a.Sources, src)
	}
	for _, t := range fm.Tags {
		if t = strings.TrimSpace(t); t != "" {
			a.Tags = append(a.Tags, t)
		}
	}

	a.Passages = Split(body, bodyLine)
	if len(a.Passages) == 0 {
		return nil, perr(bodyLine, "body is empty: an article needs at least one paragraph")
	}
	for i := range a.Passages {
		p := &a.Passages[i]
		p.Article = a.ID
		p.Figures = figure.Extract(p.Text)
	}
	return a, nil
}

// now is the clock that dates are checked against.
var now = time.Now

// dateShape is YYYY-MM-DD, before the month and day are checked.
var dateShape = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// parseDate reads a front-matter date, YYYY-MM-DD, and says what is wrong
// with one it refuses: a month or day that does not exist, or a day still
// to come (beyond a day of clock skew), which would put the article's
// figures ahead of every real report.
func parseDate(v string, now time.Time) (time.Time, error) {
	v = strings.TrimSpace(v)
	m := dateShape.FindStringSubmatch(v)
	if m == nil {
		return time.Time{}, fmt.Errorf("%q is not YYYY-MM-DD", v)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 {
		msg := fmt.Sprintf("%q is not YYYY-MM-DD: there is no month %d", v, mo)
		if d >= 1 && d <= 12 {
			msg += fmt.Sprintf(" (for %s, write %04d-%02d-%02d)", time.Month(d), y, d, mo)
		}
		return time.Time{}, errors.New(msg)
	}
	if last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d < 1 || d > last {
		return time.Time{}, fmt.Errorf("%q is not YYYY-MM-DD: %s %d has %d days", v, time.Month(mo), y, last)
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.After(now.Add(24 * time.Hour)) {
		return time.Time{}, fmt.Errorf("%s is in the future (today is %s)", t.Format(dateLayout), now.Format(dateLayout))
	}
	return t, nil
}

// unclosedQuote finds the first line of a YAML header whose value opens a
// quote that the line does not close, and names the quote; 0 when there
// is none. A quoted value may run over lines, so this is only asked once
// the header has failed to parse, and then that line is the likely cause.
func unclosedQuote(header string) (line int, quote string) {
	for i, l := range strings.Split(header, "\n") {
		v := strings.TrimPrefix(strings.TrimSpace(l), "- ")
		if _, after, ok := strings.Cut(v, ": "); ok {
			v = strings.TrimSpace(after)
		}
		switch {
		case strings.HasPrefix(v, `"`) && !closesDouble(v[1:]):
			return i + 1, `double quote (")`
		case strings.HasPrefix(v, "'") && !closesSingle(v[1:]):
			return i + 1, "single quote (')"
		}
	}
	return 0, ""
}

// closesDouble reports whether s holds an unescaped double quote.
func closesDouble(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return true
		}
	}
	return false
}

// closesSingle reports whether s holds a single quote that is not doubled
// (YAML writes a quote inside single quotes as ”).
func closesSingle(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			if i+1 < len(s) && s[i+1] == '\'' {
				i++
				continue
			}
			return true
		}
	}
	return false
}

// splitFrontMatter separates the YAML header from the body. bodyLine is the
// 1-based file line on which the body starts.
func splitFrontMatter(text string) (header, body string, bodyLine int, err error) {
	first, rest, _ := strings.Cut(text, "\n")
	if strings.TrimSpace(first) != "---" {
		return "", "", 0, &ParseError{Line: 1, Err: errors.New(`front matter missing: the file must start with a "---" line`)}
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := strings.IndexByte(rest[off:], '\n')
		var l string
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if strings.TrimRight(l, " \t") == "---" {
			header = rest[:off]
			if end < 0 {
				return header, "", line + 1, nil
			}
			return header, rest[off+end+1:], line + 1, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return "", "", 0, &ParseError{Line: 1, Err: errors.New(`front matter not closed: no "---" line after the opening one`)}
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// yamlErrorLine turns the line in a YAML error, which counts from the first
// line of the front matter, into a file line.
func yamlErrorLine(err error) int {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 1
	}
	n, _ := strconv.Atoi(m[1])
	return n + 1
}

// yamlErrorText drops the library's "yaml:" and "line N:" prefixes, since
// the ParseError already carries the (file) line.
func yamlErrorText(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	s = strings.TrimPrefix(s, "unmarshal errors:\n")
	s = yamlLinePrefixRE.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}

var yamlLinePrefixRE = regexp.MustCompile(`line \d+: `)

func firstInvalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}
