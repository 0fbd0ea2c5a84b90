package bot

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Segment is a run of a passage's text with one emphasis, for renderers.
type Segment struct {
	Text   string
	Mark   bool // a highlighted word or figure
	Figure bool // a highlighted figure
}

// Segments cuts a passage's text at its highlights, so that each platform
// can escape the plain runs and emphasise the marked ones its own way.
func (p Passage) Segments() []Segment {
	var out []Segment
	at := 0
	for _, s := range p.Highlights {
		if s.Start < at || s.End > len(p.Text) || s.Start >= s.End {
			continue // never trust offsets blindly: skip rather than panic
		}
		if s.Start > at {
			out = append(out, Segment{Text: p.Text[at:s.Start]})
		}
		out = append(out, Segment{Text: p.Text[s.Start:s.End], Mark: true, Figure: s.Figure})
		at = s.End
	}
	if at < len(p.Text) {
		out = append(out, Segment{Text: p.Text[at:]})
	}
	return out
}

// Attribution says who stands behind a figure: "Alexandr Wang, via Unusual
// Whales", or just the publisher when the text names no claimant.
func (f Figure) Attribution() string {
	switch {
	case f.Claimant == "":
		return f.Publisher
	case f.Publisher == "" || strings.EqualFold(f.Claimant, f.Publisher):
		return f.Claimant
	}
	return f.Claimant + ", via " + f.Publisher
}

// Byline is a figure's attribution and the day it was reported: "Alexandr
// Wang, via Unusual Whales, 2025-01-27". Figures change as a story
// develops, so every figure says when it was true.
func (f Figure) Byline() string {
	who, when := f.Attribution(), f.Published.String()
	switch {
	case when == "":
		return who
	case who == "":
		return when
	}
	return who + ", " + when
}

// Key identifies a figure among an answer's, whether listed alone or in a
// disagreement: the same text at the same place of the same passage.
func (f Figure) Key() string {
	return fmt.Sprintf("%s/%d/%d/%s", f.Doc, f.Paragraph, f.Start, f.Text)
}

// FiguresHeading is the heading, without markup, of an answer's figures
// outside its disagreements: "Figures:", or "Figures that may help:" when
// the passages are only the closest racebot has, since then neither they
// nor their figures may answer.
func (a *Answer) FiguresHeading() string {
	if a.Answered && !a.Confident {
		return "Figures that may help:"
	}
	return "Figures:"
}

// Heading is the line above a disagreement's figures, without
// markup: "Sources disagree on GPUs:", or "…, newest first:" when they
// reported at different times.
func (d Disagreement) Heading() string {
	h := "Sources disagree"
	if d.About != "" {
		h += " on " + d.About
	}
	if d.NewestFirst {
		h += ", newest first"
	}
	return h + ":"
}

// Cite formats a citation on one line: publisher, date and title.
func (c Citation) Cite() string {
	var b strings.Builder
	b.WriteString(c.Publisher)
	if d := c.Published.String(); d != "" {
		b.WriteString(", " + d)
	}
	if c.Title != "" {
		fmt.Fprintf(&b, ": “%s”", c.Title)
	}
	return b.String()
}

// Truncate shortens s to at most n characters, ending in "…" when it cut,
// at a word boundary where there is one close by.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	r := []rune(s)[:n-1]
	cut := len(r)
	for i := len(r) - 1; i > len(r)*3/4; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}

// Ago says how long before now t was, as a person says it: "just now",
// "12 min ago", "3 h ago", "5 days ago", and the date beyond two months.
// A t after now (clocks of two machines disagree) is "just now".
func Ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	case d < 60*24*time.Hour:
		return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
	}
	return "on " + t.UTC().Format("2006-01-02")
}

// Caps on the parts of a feed's summary that come from the feed or the
// network, so that one feed's line stays a line.
const (
	maxFeedName  = 100
	maxFeedTitle = 80
)

// Name is what a feed is called in a list: its title, or the host of its
// URL when it has none, as one line of plain text, at most 100
// characters. Not the whole URL: a private feed's address may hold a key
// in its path, and a chat channel is no place for it. Feed titles are
// untrusted: platforms escape it.
func (f Feed) Name() string {
	if n := plainLine(f.Title, maxFeedName); n != "" {
		return n
	}
	if u, err := url.Parse(f.URL); err == nil && u.Host != "" {
		return plainLine(u.Host, maxFeedName)
	}
	return "a feed"
}

// Summary says in one line of plain text when a feed was last read and
// what it gave: "read 12 min ago · added 3 articles, latest “…”", "read
// 2 h ago · failing since 3 days ago", or "not read yet". It holds the
// feed's article titles unescaped, for each platform to escape, and not
// why the feed fails: network errors name internal addresses, which the
// operator sees in the log and in racebot sources, not a chat channel.
func (f Feed) Summary(now time.Time) string {
	if f.LastRead.IsZero() {
		return "not read yet"
	}
	s := "read " + Ago(f.LastRead, now) + " · "
	if strings.TrimSpace(f.LastError) != "" {
		if f.LastSuccess.IsZero() {
			return s + "failing, never read without error"
		}
		return s + "failing since " + Ago(f.LastSuccess, now)
	}
	latest := ""
	if len(f.Recent) > 0 {
		if t := plainLine(f.Recent[0], maxFeedTitle); t != "" {
			latest = "“" + t + "”"
		}
	}
	switch {
	case f.Added == 0:
		return s + "no articles added yet"
	case f.Added == 1 && latest != "":
		return s + "added 1 article, " + latest
	case f.Added == 1:
		return s + "added 1 article"
	case latest != "":
		return s + fmt.Sprintf("added %d articles, latest %s", f.Added, latest)
	}
	return s + fmt.Sprintf("added %d articles", f.Added)
}

// plainLine makes untrusted text one line of plain text of at most n
// characters: valid UTF-8, with control characters (a terminal's escape
// sequences among them) and line breaks turned to spaces, runs of white
// space collapsed, and cut with "…" when longer.
func plainLine(s string, n int) string {
	// Only the first n characters can show; white space collapses, so
	// keep a generous margin rather than read a huge text whole.
	if len(s) > 64*n {
		s = s[:64*n]
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return Truncate(strings.Join(strings.Fields(s), " "), n)
}
