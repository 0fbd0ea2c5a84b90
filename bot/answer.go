// Package bot is racebot's answer engine: it reads a chat question, searches
// the index, and assembles a platform-neutral Answer — figures first, then
// the passages they come from, each with its citation. The chat adapters
// (bot/discord, bot/slack) and the command line only translate a platform
// event into a question and an Answer into the platform's message.
package bot

import (
	"time"

	"github.com/racebot/racebot/corpus/figure"
)

// Answer is racebot's reply to a question, independent of any platform.
//
// Its JSON form is the contract of `racebot ask --json` and /api/ask:
// question, answered, passages (doc, title, publisher, url, published,
// paragraph, text, score) and figures (text, value, low, high, unit, kind,
// qualifier, counts, claimant, doc, paragraph), plus the fields below.
type Answer struct {
	Question string `json:"question"`
	// Answered is false when nothing in the corpus is on topic; Passages
	// is then empty and Suggestions names the closest articles.
	Answered bool `json:"answered"`
	// Confident says whether racebot claims the first passage answers the
	// question. When it is false and Answered is true, the passages are
	// the closest racebot has, shown as such, and Figures only those that
	// match what was asked.
	Confident bool      `json:"confident"`
	Passages  []Passage `json:"passages"`
	// Figures are the figures that answer the question, best first; the
	// last one or two may instead be the best for a part of a question
	// that asks several things, when no figure before them answers it.
	Figures []Figure `json:"figures"`
	// Disagreements groups figures for the same thing on which sources
	// differ, to be shown side by side.
	Disagreements []Disagreement `json:"disagreements,omitempty"`
	Suggestions   []Suggestion   `json:"suggestions,omitempty"`
	// Message explains a declined or rejected question, for the user.
	Message string `json:"message,omitempty"`
	// Unknown lists words of the question that no article mentions.
	Unknown []string `json:"unknown,omitempty"`
	// Corrected maps words taken for typos to the word searched instead,
	// as the articles write it ("stargte": "stargate").
	Corrected map[string]string `json:"corrected,omitempty"`

	// IndexUpdated is when the index answering was last updated; absent
	// from the JSON of a reply no index answered (help, a notice).
	IndexUpdated time.Time     `json:"index_updated,omitzero"`
	Took         time.Duration `json:"took_ns"`
}

// Citation says where a passage or figure comes from.
type Citation struct {
	Doc       string `json:"doc"`       // article ID
	Paragraph int    `json:"paragraph"` // 1-based
	Title     string `json:"title"`     // the article's title
	Publisher string `json:"publisher"` // of the source to cite
	URL       string `json:"url"`
	Published Date   `json:"published"`
}

// Passage is a quoted paragraph.
type Passage struct {
	Citation
	Heading string  `json:"heading,omitempty"`
	Text    string  `json:"text"` // verbatim
	Score   float64 `json:"score"`
	// Highlights are byte ranges of Text to emphasise: the figures shown
	// and the words that matched the question. They are sorted and do not
	// overlap.
	Highlights []Span `json:"highlights,omitempty"`
}

// Span is a highlighted byte range of a passage's text.
type Span struct {
	Start  int  `json:"start"`
	End    int  `json:"end"`
	Figure bool `json:"figure,omitempty"` // a figure rather than a matched word
}

// Figure is a figure quoted from a passage, with its citation.
type Figure struct {
	figure.Figure
	Doc       string `json:"doc"`
	Paragraph int    `json:"paragraph"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Published Date   `json:"published"`
}

// Disagreement is a set of figures for the same thing that differ, with who
// says what.
type Disagreement struct {
	About   string   `json:"about"` // what is measured, e.g. "GPUs" or "USD"
	Figures []Figure `json:"figures"`
	// NewestFirst is set when the sources reported 90 days or more apart:
	// Figures are then ordered by date, newest first, since later
	// reporting usually revises earlier figures.
	NewestFirst bool `json:"newest_first,omitempty"`
}

// Suggestion is an article that comes closest to a question the corpus does
// not answer.
type Suggestion struct {
	Doc   string `json:"doc"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Date is a calendar day; it is written YYYY-MM-DD in JSON and text.
type Date struct{ time.Time }

// String formats the day as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// MarshalJSON writes the day as a YYYY-MM-DD string.
func (d Date) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads a YYYY-MM-DD string.
func (d *Date) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == `""` || s == "null" {
		*d = Date{}
		return nil
	}
	t, err := time.Parse(`"`+time.DateOnly+`"`, s)
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}
