package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseFeeds(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Source
		errs []string // each a substring of one LineError, in order
	}{
		{
			name: "urls comments blanks intervals",
			in: "\uFEFF# AI news\n\nhttps://a.example/feed.xml\n   \n  http://b.example/rss 30m  # hourly is too slow\n" +
				"https://c.example/atom.xml\t6h\n",
			want: []Source{
				{URL: "https://a.example/feed.xml", Line: 3},
				{URL: "http://b.example/rss", Interval: 30 * time.Minute, Line: 5},
				{URL: "https://c.example/atom.xml", Interval: 6 * time.Hour, Line: 6},
			},
		},
		{
			name: "fragment is not a comment",
			in:   "https://a.example/feed#section\n",
			want: []Source{{URL: "https://a.example/feed#section", Line: 1}},
		},
		{
			name: "crlf line endings",
			in:   "https://a.example/feed\r\n# x\r\nhttps://b.example/feed 1h\r\n",
			want: []Source{{URL: "https://a.example/feed", Line: 1}, {URL: "https://b.example/feed", Interval: time.Hour, Line: 3}},
		},
		{
			name: "bad lines reported with line numbers, good ones kept",
			in: "ftp://a.example/feed\nexample.com/feed\nhttps://ok.example/feed\nhttps:///nohost\n" +
				"https://ok.example/feed 2x\nhttps://ok2.example/feed 1m\nhttps://ok3.example/feed 30m extra\n%zz\nmailto:news@example.com\n",
			want: []Source{{URL: "https://ok.example/feed", Line: 3}},
			errs: []string{
				`feeds.txt:1: ftp://a.example/feed: scheme "ftp" is not supported`,
				"feeds.txt:2: example.com/feed: want an absolute http or https URL",
				"feeds.txt:4: https:///nohost: no host",
				`feeds.txt:5: interval "2x"`,
				"feeds.txt:6: interval 1m: must be between 5m0s and 168h0m0s",
				"feeds.txt:7: want a feed URL and an optional interval, got 3 words",
				"feeds.txt:8: not a URL",
				`feeds.txt:9: mailto:news@example.com: scheme "mailto" is not supported`,
			},
		},
		{
			name: "duplicates, however spelled",
			in: "https://a.example/feed\nHTTPS://A.EXAMPLE:443/feed\nhttps://a.example/feed#top 2h\n" +
				"http://b.example\nhttp://b.example:80/\nhttps://a.example/feed?x=1\n",
			want: []Source{{URL: "https://a.example/feed", Line: 1}, {URL: "http://b.example", Line: 4}, {URL: "https://a.example/feed?x=1", Line: 6}},
			errs: []string{
				"feeds.txt:2: duplicate feed: already listed on line 1",
				"feeds.txt:3: duplicate feed: already listed on line 1",
				"feeds.txt:5: duplicate feed: already listed on line 4",
			},
		},
		{
			name: "password never echoed",
			in:   "ftp://alice:s3cret@a.example/feed\n",
			errs: []string{`feeds.txt:1: ftp://a.example/feed: scheme "ftp"`},
		},
		{
			name: "line too long",
			in:   "https://a.example/feed\nhttps://b.example/" + strings.Repeat("x", maxLine) + "\nhttps://c.example/feed\n",
			want: []Source{{URL: "https://a.example/feed", Line: 1}},
			errs: []string{"feeds.txt:2: line longer than 8192 bytes"},
		},
		{name: "empty", in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFeeds(strings.NewReader(tt.in), "feeds.txt")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sources:\n got %+v\nwant %+v", got, tt.want)
			}
			lines := lineErrors(t, err)
			if len(lines) != len(tt.errs) {
				t.Fatalf("got %d errors, want %d: %v", len(lines), len(tt.errs), err)
			}
			for i, le := range lines {
				if !strings.Contains(le.Error(), tt.errs[i]) {
					t.Errorf("error %d = %q, want it to contain %q", i, le.Error(), tt.errs[i])
				}
				if strings.Contains(le.Error(), "s3cret") {
					t.Errorf("error %d shows a password: %q", i, le.Error())
				}
			}
		})
	}
}

// lineErrors unpacks ParseFeeds's joined error, failing on anything that is
// not a *LineError.
func lineErrors(t testing.TB, err error) []*LineError {
	t.Helper()
	if err == nil {
		return nil
	}
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %v (%T) is not a joined error", err, err)
	}
	var out []*LineError
	for _, e := range j.Unwrap() {
		var le *LineError
		if !errors.As(e, &le) {
			t.Fatalf("error %v (%T) is not a *LineError", e, e)
		}
		out = append(out, le)
	}
	return out
}

func TestReadFeedsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feeds.txt")
	if err := os.WriteFile(path, []byte("https://a.example/feed\nnot a url\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFeedsFile(path)
	if len(got) != 1 || err == nil || !strings.Contains(err.Error(), path+":2: ") {
		t.Errorf("ReadFeedsFile = %v, %v; want one source and an error at %s:2", got, err, path)
	}
	if _, err := ReadFeedsFile(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v, want ErrNotExist", err)
	}
}

// formatFeeds writes sources in the format ParseFeeds reads.
func formatFeeds(w io.Writer, srcs []Source) {
	for _, s := range srcs {
		fmt.Fprint(w, s.URL)
		if s.Interval != 0 {
			fmt.Fprint(w, " ", s.Interval)
		}
		fmt.Fprintln(w)
	}
}

func FuzzParseFeeds(f *testing.F) {
	for _, s := range []string{
		"https://a.example/feed.xml\n# c\n\nhttp://b.example/rss 30m # x\n",
		"ftp://x\n%zz\nhttps://a.example/feed\nHTTPS://A.EXAMPLE:443/feed 2h\n",
		"\uFEFFhttps://u:p@a.example/f?token=1 1h\r\nhttps://[::1]:8080/feed\n",
		"https://a.example/feed 1m\nhttps://a.example/feed extra words\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseFeeds(strings.NewReader(in), "f")
		lines := strings.Count(in, "\n") + 1
		keys := map[string]bool{}
		for _, s := range got {
			u, perr := url.Parse(s.URL)
			if perr != nil || (strings.ToLower(u.Scheme) != "http" && strings.ToLower(u.Scheme) != "https") || u.Hostname() == "" {
				t.Fatalf("accepted a bad feed URL %q", s.URL)
			}
			if s.Interval != 0 && (s.Interval < MinInterval || s.Interval > MaxInterval) {
				t.Fatalf("accepted interval %v", s.Interval)
			}
			if s.Line < 1 || s.Line > lines {
				t.Fatalf("line %d out of 1..%d", s.Line, lines)
			}
			k := normalise(u)
			if keys[k] {
				t.Fatalf("duplicate %q accepted", s.URL)
			}
			keys[k] = true
		}
		for _, le := range lineErrors(t, err) {
			if le.Line < 1 || le.Line > lines+1 || le.Msg == "" {
				t.Fatalf("bad line error %+v", le)
			}
		}
		// What was accepted reads back the same.
		var b bytes.Buffer
		formatFeeds(&b, got)
		again, err := ParseFeeds(&b, "f")
		if err != nil {
			t.Fatalf("re-reading accepted sources: %v\n%s", err, b.String())
		}
		if len(again) != len(got) {
			t.Fatalf("re-read %d sources, want %d", len(again), len(got))
		}
		for i := range got {
			if again[i].URL != got[i].URL || again[i].Interval != got[i].Interval {
				t.Fatalf("re-read %+v, want %+v", again[i], got[i])
			}
		}
	})
}

// TestSampleFeedsFile keeps the example feeds file, which the README
// shows, readable.
func TestSampleFeedsFile(t *testing.T) {
	srcs, err := ReadFeedsFile(filepath.Join("..", "..", "docs", "feeds.txt"))
	if err != nil || len(srcs) < 10 {
		t.Errorf("ReadFeedsFile = %d sources, %v", len(srcs), err)
	}
}
