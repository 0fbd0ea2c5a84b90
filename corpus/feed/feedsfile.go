package feed

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"
)

// Interval bounds for a per-line override in a feeds file. Polling more often
// than every few minutes is impolite to publishers; less often than weekly
// would let items scroll out of a busy feed unseen.
const (
	MinInterval = 5 * time.Minute
	MaxInterval = 7 * 24 * time.Hour
)

// maxLine bounds one line of a feeds file; no feed URL comes near it.
const maxLine = 8 << 10

// Source is one feed to poll, as listed in a feeds file.
type Source struct {
	// URL is the feed's address as written, userinfo included: it is what
	// gets fetched. Never log it; use Redact.
	URL string
	// Interval overrides the poller's interval for this feed; zero means
	// the poller's default.
	Interval time.Duration
	// Line is the line of the feeds file the feed was listed on (0 when the
	// source did not come from a file).
	Line int
}

// LineError is a bad line in a feeds file.
type LineError struct {
	File string
	Line int
	Msg  string
}

// Error reports the error as "file:line: message", the form editors jump to.
func (e *LineError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// ReadFeedsFile reads and parses a feeds file; see ParseFeeds.
func ReadFeedsFile(path string) ([]Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read feeds file: %w", err)
	}
	defer f.Close()
	return ParseFeeds(f, path)
}

// ParseFeeds parses a feeds file: one http or https feed URL per line,
// optionally followed by a poll interval such as "30m" or "6h"; blank lines
// and lines starting with # are skipped, as is anything after " #". name is
// the file's name for error messages.
//
// It returns the good sources in file order and, when any line is bad, an
// error joining one *LineError per bad line (duplicates included), so a
// caller can report every mistake at once and still decide whether to go on
// with the good lines.
func ParseFeeds(r io.Reader, name string) ([]Source, error) {
	var (
		out  []Source
		errs []error
		seen = map[string]int{} // normalised URL → line
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		src, key, msg := parseLine(line)
		switch {
		case msg != "":
			errs = append(errs, &LineError{File: name, Line: n, Msg: msg})
		case src.URL == "":
			// blank or comment
		case seen[key] != 0:
			errs = append(errs, &LineError{File: name, Line: n, Msg: fmt.Sprintf("duplicate feed: already listed on line %d", seen[key])})
		default:
			seen[key] = n
			src.Line = n
			out = append(out, src)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			errs = append(errs, &LineError{File: name, Line: n + 1, Msg: fmt.Sprintf("line longer than %d bytes; the rest of the file was not read", maxLine)})
		} else {
			errs = append(errs, fmt.Errorf("read feeds file %s: %w", name, err))
		}
	}
	return out, errors.Join(errs...)
}

// parseLine parses one line. It returns a zero Source for a blank or comment
// line, and a message saying what is wrong with a bad one. key identifies
// the feed for duplicate detection.
func parseLine(line string) (src Source, key, msg string) {
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	if i := strings.Index(line, "\t#"); i >= 0 {
		line = line[:i]
	}
	fields := strings.Fields(line)
	if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
		return Source{}, "", ""
	}
	if len(fields) > 2 {
		return Source{}, "", fmt.Sprintf("want a feed URL and an optional interval, got %d words", len(fields))
	}
	key, msg = checkURL(fields[0])
	if msg != "" {
		return Source{}, "", msg
	}
	src.URL = fields[0]
	if len(fields) == 2 {
		d, err := time.ParseDuration(fields[1])
		if err != nil {
			return Source{}, "", fmt.Sprintf("interval %q: want a duration such as 30m or 6h", fields[1])
		}
		if d < MinInterval || d > MaxInterval {
			return Source{}, "", fmt.Sprintf("interval %s: must be between %s and %s", fields[1], MinInterval, MaxInterval)
		}
		src.Interval = d
	}
	return src, key, ""
}

// checkURL says what is wrong with a feed URL, or returns the key under
// which two spellings of one feed compare equal.
func checkURL(raw string) (key, msg string) {
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its text repeats the URL, which may hold a password
		}
		return "", fmt.Sprintf("not a URL: %v", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return "", fmt.Sprintf("%s: want an absolute http or https URL", Redact(raw))
	default:
		return "", fmt.Sprintf("%s: scheme %q is not supported; use http or https", Redact(raw), u.Scheme)
	}
	if u.Hostname() == "" {
		return "", fmt.Sprintf("%s: no host", Redact(raw))
	}
	if u.Opaque != "" {
		return "", fmt.Sprintf("%s: want scheme://host/path", Redact(raw))
	}
	return normalise(u), ""
}

// normalise folds what does not change which feed a URL names: the case of
// scheme and host, a default port, an empty path and the fragment.
func normalise(u *url.URL) string {
	v := *u
	v.Scheme = strings.ToLower(v.Scheme)
	host, port := strings.ToLower(v.Hostname()), v.Port()
	if (v.Scheme == "http" && port == "80") || (v.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	v.Host = host
	if v.Path == "" {
		v.Path = "/"
	}
	v.Fragment, v.RawFragment = "", ""
	return v.String()
}
