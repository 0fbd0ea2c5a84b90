package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
)

func TestAgo(t *testing.T) {
	now := time.Date(2026, 11, 28, 13, 56, 0, 0, time.UTC)
	tests := []struct {
		ago  time.Duration
		want string
	}{
		{0, "just now"},
		{59 * time.Second, "just now"},
		{-10 * time.Minute, "just now"}, // a clock ahead of ours
		{time.Minute, "1 min ago"},
		{12*time.Minute + 59*time.Second, "12 min ago"},
		{time.Hour, "1 h ago"},
		{47 * time.Hour, "47 h ago"},
		{48 * time.Hour, "2 days ago"},
		{59 * 24 * time.Hour, "59 days ago"},
		{60 * 24 * time.Hour, "on 2026-09-29"},
	}
	for _, tt := range tests {
		if got := bot.Ago(now.Add(-tt.ago), now); got != tt.want {
			t.Errorf("Ago(now - %v) = %q, want %q", tt.ago, got, tt.want)
		}
	}
}

func TestFeedSummary(t *testing.T) {
	now := time.Date(2026, 11, 28, 13, 56, 0, 0, time.UTC)
	read := now.Add(-12 * time.Minute)
	tests := []struct {
		name              string
		feed              bot.Feed
		wantName, wantSum string
	}{
		{"never read", bot.Feed{URL: "https://example.com/private/3f9a7c.rss?t=x"}, "example.com", "not read yet"},
		{"no title, no URL", bot.Feed{URL: "::"}, "a feed", "not read yet"},
		{"nothing added", bot.Feed{URL: "u", Title: "Example", LastRead: read}, "Example", "read 12 min ago · no articles added yet"},
		{"one added", bot.Feed{URL: "u", Title: "E", LastRead: read, Added: 1, Recent: []string{"A title"}},
			"E", "read 12 min ago · added 1 article, “A title”"},
		{"several added", bot.Feed{URL: "u", Title: "E", LastRead: read, Added: 5, Recent: []string{"Newest", "Older"}},
			"E", "read 12 min ago · added 5 articles, latest “Newest”"},
		{"added, titles forgotten", bot.Feed{URL: "u", Title: "E", LastRead: read, Added: 5}, "E", "read 12 min ago · added 5 articles"},
		{"failing", bot.Feed{URL: "u", Title: "E", LastRead: read, LastError: "fetch u: 500 Internal Server Error", Added: 5, Recent: []string{"x"}},
			"E", "read 12 min ago · failing, never read without error"},
		{"failing after working", bot.Feed{URL: "u", Title: "E", LastRead: read, LastSuccess: now.Add(-72 * time.Hour),
			LastError: "dial tcp 10.0.0.7:443: connect: connection refused"}, "E", "read 12 min ago · failing since 3 days ago"},
		{"hostile text is one plain line", bot.Feed{URL: "u", Title: "  Evil\n\x1b[2J feed\u2028 ", LastRead: read,
			LastError: "line one\r\nline two\x00\xff"}, "Evil [2J feed", "read 12 min ago · failing, never read without error"},
		{"long text is cut", bot.Feed{URL: "u", Title: strings.Repeat("word ", 100), LastRead: read, Added: 2,
			Recent: []string{strings.Repeat("title ", 100)}},
			strings.TrimSpace(strings.Repeat("word ", 19)) + "…", "read 12 min ago · added 2 articles, latest “" + strings.TrimSpace(strings.Repeat("title ", 13)) + "…”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.feed.Name(); got != tt.wantName {
				t.Errorf("Name() = %q, want %q", got, tt.wantName)
			}
			if got := tt.feed.Summary(now); got != tt.wantSum {
				t.Errorf("Summary() = %q, want %q", got, tt.wantSum)
			}
		})
	}
	huge := bot.Feed{Title: strings.Repeat("x", 10<<20), LastRead: read, LastError: strings.Repeat("e ", 5<<20)}
	if n := len([]rune(huge.Name())); n > 100 {
		t.Errorf("a 10 MB title gives a name of %d characters", n)
	}
	if n := len([]rune(huge.Summary(now))); n > 200 {
		t.Errorf("a 10 MB error gives a summary of %d characters", n)
	}
}
