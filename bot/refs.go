package bot

import (
	"strings"
	"time"
)

// References numbers sources, [1], [2], … in order of first mention.
// A Document numbers what it shows with it, once for every platform. The
// zero value is empty and ready to use.
type References struct{ list []Citation }

// Add returns c's number, listing c first if no citation of the same
// paragraph is listed yet.
func (r *References) Add(c Citation) int {
	if n := r.Find(c.Doc, c.Paragraph); n > 0 {
		return n
	}
	r.list = append(r.list, c)
	return len(r.list)
}

// Find returns the number of paragraph para of article doc, or 0 if it is
// not listed.
func (r *References) Find(doc string, para int) int {
	for i, c := range r.list {
		if c.Doc == doc && c.Paragraph == para {
			return i + 1
		}
	}
	return 0
}

// List returns the citations in order: List()[0] is [1].
func (r *References) List() []Citation { return r.list }

// Citation is the source of the figure: its passage.
func (f Figure) Citation() Citation {
	return Citation{Doc: f.Doc, Paragraph: f.Paragraph, Title: f.Title, Publisher: f.Publisher, URL: f.URL, Published: f.Published}
}

// Footer says how fresh the index is and how long the answer took, with
// the index's time in loc: "index as of 2026-11-28 15:04 UTC · answered
// in 2.4ms".
func Footer(a *Answer, loc *time.Location) string {
	var parts []string
	if !a.IndexUpdated.IsZero() {
		parts = append(parts, "index as of "+a.IndexUpdated.In(loc).Format("2006-01-02 15:04 MST"))
	}
	parts = append(parts, "answered in "+RoundDuration(a.Took).String())
	return strings.Join(parts, " · ")
}

// RoundDuration rounds d to what a person reads: 2.4ms, 1.23s, 950µs.
func RoundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
