package term

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/racebot/racebot/bot"
)

// WriteSources prints a list of articles for a person, newest first as
// given, each with its date, id, title, publisher, size and address, then
// how many of all articles it shows and when the index was updated.
func WriteSources(w io.Writer, list []bot.Source, articles int, updated time.Time) {
	for _, s := range list {
		fmt.Fprintf(w, "%s  %s\n", s.Published, s.Doc)
		for _, l := range Wrap(fmt.Sprintf("%s — %s", s.Title, s.Publisher), Width-12) {
			fmt.Fprintln(w, "            "+l)
		}
		fmt.Fprintf(w, "            %d passages, %d figures · %s\n", s.Passages, s.Figures, s.URL)
	}
	fmt.Fprintf(w, "\n%d of %d articles · index as of %s\n", len(list), articles, updated.Local().Format("2006-01-02 15:04"))
}

// WriteFeeds prints the feeds for a person, each with its address, when it
// was last read as of now and what it added, or why reading it fails.
// Titles and errors come from the feeds' servers: Name and Summary keep
// them to one line without control characters, so that a feed cannot
// send escape codes to the terminal.
func WriteFeeds(w io.Writer, feeds []bot.Feed, now time.Time) {
	noun := "feeds"
	if len(feeds) == 1 {
		noun = "feed"
	}
	fmt.Fprintf(w, "%d news %s, as racebot serve last saved them:\n", len(feeds), noun)
	for _, f := range feeds {
		fmt.Fprintln(w)
		for _, l := range Wrap(f.Name(), Width-2) {
			fmt.Fprintln(w, "  "+l)
		}
		fmt.Fprintln(w, "    "+strings.Map(dropControl, f.URL))
		for _, l := range Wrap(f.Summary(now), Width-4) {
			fmt.Fprintln(w, "    "+l)
		}
		if e := strings.Map(dropControl, f.LastError); strings.TrimSpace(e) != "" {
			for _, l := range Wrap("last error: "+e, Width-4) {
				fmt.Fprintln(w, "    "+l)
			}
		} else if e := strings.Map(dropControl, f.ItemError); strings.TrimSpace(e) != "" {
			for _, l := range Wrap("last item not added: "+e, Width-4) {
				fmt.Fprintln(w, "    "+l)
			}
		}
	}
}

// dropControl drops control characters, for strings.Map: the state file is
// plain JSON that anything may have written.
func dropControl(r rune) rune {
	if unicode.IsControl(r) {
		return -1
	}
	return r
}
