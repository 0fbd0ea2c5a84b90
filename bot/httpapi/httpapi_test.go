package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
)

func TestClientIP(t *testing.T) {
	trusted, err := ParsePrefixes([]string{"10.0.0.0/8", " 192.0.2.7 ", ""})
	if err != nil {
		t.Fatal(err)
	}
	h := New(nil, trusted)
	tests := []struct {
		name, peer string
		forwarded  []string
		want       string
	}{
		{"direct", "198.51.100.1:5000", nil, "198.51.100.1"},
		{"forged header from an untrusted peer", "198.51.100.1:5000", []string{"203.0.113.9"}, "198.51.100.1"},
		{"through a trusted proxy", "10.1.2.3:5000", []string{"203.0.113.9"}, "203.0.113.9"},
		{"the last untrusted hop, not a forged first one", "10.1.2.3:5000", []string{"1.1.1.1, 203.0.113.9, 10.9.9.9"}, "203.0.113.9"},
		{"hops over two headers", "192.0.2.7:80", []string{"1.1.1.1", "203.0.113.9"}, "203.0.113.9"},
		{"a malformed hop ends the chain", "10.1.2.3:5000", []string{"1.1.1.1, not-an-ip"}, "10.1.2.3"},
		{"IPv4 in IPv6", "10.1.2.3:5000", []string{"::ffff:203.0.113.9"}, "203.0.113.9"},
		{"only trusted hops", "10.1.2.3:5000", []string{"10.0.0.1"}, "10.1.2.3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/api/ask?q=x", nil)
			r.RemoteAddr = tt.peer
			for _, f := range tt.forwarded {
				r.Header.Add("X-Forwarded-For", f)
			}
			if got := h.ClientIP(r); got != tt.want {
				t.Errorf("ClientIP = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParsePrefixes(t *testing.T) {
	got, err := ParsePrefixes([]string{"10.0.0.1", "fd00::/8", "::ffff:192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.1/32"), netip.MustParsePrefix("fd00::/8"), netip.MustParsePrefix("192.0.2.1/32")}
	if len(got) != len(want) {
		t.Fatalf("ParsePrefixes = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ParsePrefixes[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if _, err := ParsePrefixes([]string{"proxy.example"}); err == nil {
		t.Error("a host name was taken for an address")
	}
}

// replier answers every request with one reply and records the request.
type replier struct {
	reply bot.Reply
	got   bot.Request
}

func (r *replier) Handle(_ context.Context, req bot.Request) bot.Reply {
	r.got = req
	return r.reply
}

func TestServeHTTP(t *testing.T) {
	tests := []struct {
		name       string
		reply      bot.Reply
		status     int
		retryAfter string
	}{
		{"answer", bot.Reply{Kind: bot.ReplyAnswer, Answer: &bot.Answer{Question: "q", Answered: true, Passages: []bot.Passage{}, Figures: []bot.Figure{}}}, 200, ""},
		{"rate limited", bot.Reply{Kind: bot.ReplyNotice, RetryAfter: 1500 * time.Millisecond, Text: "wait"}, 429, "2"},
		{"busy", bot.Reply{Kind: bot.ReplyNotice, Busy: true, RetryAfter: time.Second, Text: "busy"}, 503, "1"},
		{"failed", bot.Reply{Kind: bot.ReplyNotice, Failed: true, Text: "sorry"}, 500, ""},
		{"help", bot.Reply{Kind: bot.ReplyHelp, Text: "ask me"}, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &replier{reply: tt.reply}
			w := httptest.NewRecorder()
			r := httptest.NewRequest("GET", "/api/ask?q=R%26D+%3Cb%3E", nil)
			r.RemoteAddr = "198.51.100.1:5000"
			New(c, nil).ServeHTTP(w, r)
			if w.Code != tt.status || w.Header().Get("Retry-After") != tt.retryAfter {
				t.Errorf("status %d, Retry-After %q; want %d, %q", w.Code, w.Header().Get("Retry-After"), tt.status, tt.retryAfter)
			}
			var a struct {
				Question string          `json:"question"`
				Passages json.RawMessage `json:"passages"`
				Figures  json.RawMessage `json:"figures"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, w.Body)
			}
			if string(a.Passages) != "[]" || string(a.Figures) != "[]" {
				t.Errorf("passages %s, figures %s: want empty lists, not null", a.Passages, a.Figures)
			}
			// No index answered a notice or the help: no zero date.
			if bytes.Contains(w.Body.Bytes(), []byte("0001-01-01")) {
				t.Errorf("a zero date in the reply:\n%s", w.Body)
			}
			if c.got.Text != "R&D <b>" || c.got.User != "198.51.100.1" || c.got.Channel != "api:198.51.100.1" {
				t.Errorf("asked %+v", c.got)
			}
			if w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", w.Header().Get("Content-Type"))
			}
		})
	}
}
