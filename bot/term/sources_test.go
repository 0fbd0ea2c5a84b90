package term

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
)

// TestWriteFeeds: each feed in a few lines within 80 columns, and nothing
// a feed's server wrote (an escape code, a line break) reaching the
// terminal as such.
func TestWriteFeeds(t *testing.T) {
	now := time.Date(2026, 11, 28, 13, 56, 0, 0, time.UTC)
	feeds := []bot.Feed{
		{URL: "https://www.technologyreview.com/topic/artificial-intelligence/feed", Title: "MIT Technology Review",
			LastRead: now.Add(-12 * time.Minute), LastSuccess: now.Add(-12 * time.Minute), Added: 3,
			Recent:    []string{"OpenAI signs a $10 billion deal for chips with a maker of accelerators", "Older"},
			ItemError: "https://www.technologyreview.com/x: item cannot become an article: too little article text"},
		{URL: "https://example.com/new.xml"},
		{URL: "https://example.com/broken.xml\x1b[2J", Title: "Broken\x1b[2J feed\nsecond line", LastRead: now.Add(-5 * time.Minute),
			LastSuccess: now.Add(-72 * time.Hour), LastError: "fetch https://example.com/broken.xml: 500 Internal Server Error"},
	}
	var b bytes.Buffer
	WriteFeeds(&b, feeds, now)
	want := `3 news feeds, as racebot serve last saved them:

  MIT Technology Review
    https://www.technologyreview.com/topic/artificial-intelligence/feed
    read 12 min ago · added 3 articles, latest “OpenAI signs a $10 billion deal
    for chips with a maker of accelerators”
    last item not added: https://www.technologyreview.com/x: item cannot become
    an article: too little article text

  example.com
    https://example.com/new.xml
    not read yet

  Broken [2J feed second line
    https://example.com/broken.xml[2J
    read 5 min ago · failing since 3 days ago
    last error: fetch https://example.com/broken.xml: 500 Internal Server Error
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	for i, line := range strings.Split(b.String(), "\n") {
		if n := len([]rune(line)); n > Width && !strings.Contains(line, "://") {
			t.Errorf("line %d is %d characters wide: %q", i+1, n, line)
		}
		if strings.ContainsFunc(line, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			t.Errorf("line %d holds a control character: %q", i+1, line)
		}
	}
}
