package bot

import (
	"fmt"
	"strings"
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
