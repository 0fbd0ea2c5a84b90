package feed

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://a.example/feed.xml", "https://a.example/feed.xml"},
		{"https://alice:s3cret@a.example/feed", "https://a.example/feed"},
		{"https://alice@a.example/feed", "https://a.example/feed"},
		{"https://a.example/feed?token=abc&lang=en", "https://a.example/feed?lang=REDACTED&token=REDACTED"},
		{"https://a.example/feed?api_key=abc", "https://a.example/feed?api_key=REDACTED"},
		{"https://a.example/feed?s=SECRET", "https://a.example/feed?s=REDACTED"},
		{"https://a.example/feed?page=2", "https://a.example/feed?page=REDACTED"},
		{"https://a.example/feed?flag", "https://a.example/feed?flag="},
		{"https://a.example/feed#k=SECRET", "https://a.example/feed"},
		{"https://a.example/feed?x=%zz&token=abc", "https://a.example/feed?REDACTED"},
		{"http://[::1", "(unparseable URL)"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStateKey(t *testing.T) {
	if k := stateKey("https://a.example/feed"); k != "https://a.example/feed" {
		t.Errorf("plain URL key = %q", k)
	}
	a, b := stateKey("https://a.example/f?token=one"), stateKey("https://a.example/f?token=two")
	if a == b || strings.Contains(a+b, "one") || strings.Contains(a+b, "two") {
		t.Errorf("keys of feeds differing in token: %q, %q; want distinct and without the tokens", a, b)
	}
}

func TestErrText(t *testing.T) {
	raw := "https://alice:s3cret@a.example/feed?token=tok123&s=zq9secret"
	err := &url.Error{Op: "Get", URL: "https://alice:***@a.example/feed?token=tok123&s=zq9secret", Err: errors.New("dial tcp: connection refused")}
	got := errText(err, raw)
	for _, secret := range []string{"alice", "s3cret", "tok123", "zq9secret"} {
		if strings.Contains(got, secret) {
			t.Errorf("errText = %q shows %q", got, secret)
		}
	}
	if !strings.Contains(got, "connection refused") || !strings.Contains(got, "a.example/feed") {
		t.Errorf("errText = %q lost the cause or the feed", got)
	}
	if got := errText(errors.New("server answered 500 Internal Server Error"), raw); got != "server answered 500 Internal Server Error" {
		t.Errorf("plain error changed: %q", got)
	}
}
