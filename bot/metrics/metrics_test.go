package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/corpus/feed"
)

func TestMetricsOutcomes(t *testing.T) {
	m := New(nil)
	for _, h := range []struct {
		req   bot.Request
		reply bot.Reply
	}{
		{bot.Request{Platform: "slack", Command: bot.CommandAsk}, bot.Reply{Kind: bot.ReplyAnswer, Answer: &bot.Answer{Answered: true, Confident: true}}},
		{bot.Request{Platform: "slack", Command: bot.CommandAsk}, bot.Reply{Kind: bot.ReplyAnswer, Answer: &bot.Answer{}}},
		{bot.Request{Platform: "slack", Command: bot.CommandAsk}, bot.Reply{Kind: bot.ReplyAnswer, Answer: &bot.Answer{Answered: true, Message: bot.Hedge}}},
		{bot.Request{Platform: "http", Command: bot.CommandFigures}, bot.Reply{Kind: bot.ReplyAnswer, Answer: &bot.Answer{Answered: true, Message: bot.Hedge}}},
		{bot.Request{Platform: "discord", Command: bot.CommandAsk}, bot.Reply{Kind: bot.ReplyNotice, RetryAfter: time.Second}},
		{bot.Request{Platform: "discord", Command: bot.CommandFigures}, bot.Reply{Kind: bot.ReplyNotice, Failed: true}},
		{bot.Request{Platform: "slack", Command: bot.Command("weather-for-" + strings.Repeat("x", 100))}, bot.Reply{Kind: bot.ReplyNotice}},
		{bot.Request{Platform: "slack", Command: "/etc/passwd"}, bot.Reply{Kind: bot.ReplyNotice}},
	} {
		m.Handled(h.req, h.reply, time.Millisecond)
	}
	m.PlatformError("discord", "edit")

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	out := string(body)
	for _, want := range []string{
		`racebot_requests_total{command="ask",outcome="answered",platform="slack"} 1`,
		`racebot_requests_total{command="ask",outcome="declined",platform="slack"} 1`,
		`racebot_requests_total{command="ask",outcome="closest",platform="slack"} 1`,
		`racebot_requests_total{command="figures",outcome="closest",platform="http"} 1`,
		`racebot_requests_total{command="ask",outcome="limited",platform="discord"} 1`,
		`racebot_requests_total{command="figures",outcome="failed",platform="discord"} 1`,
		`racebot_requests_total{command="other",outcome="notice",platform="slack"} 2`,
		`racebot_unanswered_total{platform="slack"} 1`,
		`racebot_platform_errors_total{op="edit",platform="discord"} 1`,
		`racebot_request_duration_seconds_count{command="ask",platform="slack"} 3`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// Closest passages are not a decline: the unanswered count, read as
	// what to add articles about, holds only the one declined question.
	if strings.Contains(out, `racebot_unanswered_total{platform="http"}`) {
		t.Error("closest passages were counted as unanswered")
	}
	if strings.Contains(out, "weather-for") || strings.Contains(out, "passwd") {
		t.Error("a user's command name became a label value")
	}
}

// TestFeedMetricsAcrossRestart: a feed that kept failing before a restart
// shows its failures on /metrics from the start, and each read sets the
// count rather than adding to what this process has seen.
func TestFeedMetricsAcrossRestart(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := newFeedMetrics(reg)
	ok := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	m.Start([]feed.FeedStatus{
		{URL: "https://a.example/feed", Failures: 3, LastSuccess: ok},
		{URL: "https://b.example/feed"},
	})
	if got := testutil.ToFloat64(m.failures.WithLabelValues("https://a.example/feed")); got != 3 {
		t.Errorf("failures after restart = %v, want the 3 saved", got)
	}
	if got := testutil.ToFloat64(m.lastOK.WithLabelValues("https://a.example/feed")); got != float64(ok.Unix()) {
		t.Errorf("last success after restart = %v, want %v", got, ok.Unix())
	}
	m.PollDone(feed.PollResult{Feed: "https://a.example/feed", Outcome: feed.OutcomeError, Failures: 4})
	if got := testutil.ToFloat64(m.failures.WithLabelValues("https://a.example/feed")); got != 4 {
		t.Errorf("failures after one more failed read = %v, want 4", got)
	}
	m.PollDone(feed.PollResult{Feed: "https://a.example/feed", Outcome: feed.OutcomeOK, Added: 2})
	if got := testutil.ToFloat64(m.failures.WithLabelValues("https://a.example/feed")); got != 0 {
		t.Errorf("failures after a good read = %v, want 0", got)
	}
	if got := testutil.ToFloat64(m.added.WithLabelValues("https://a.example/feed")); got != 2 {
		t.Errorf("added = %v, want 2", got)
	}
}
