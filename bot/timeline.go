package bot

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/racebot/racebot/corpus/figure"
)

// Timeline is what the articles say happened on a topic, newest first:
// /timeline, racebot timeline and the web page's /timeline.
type Timeline struct {
	Topic   string          `json:"topic"`
	Entries []TimelineEntry `json:"entries"`
	// Message says why there are no entries; "" when there are.
	Message string        `json:"message,omitempty"`
	Took    time.Duration `json:"-"`
}

// TimelineEntry is one dated passage of a timeline: the sentence that
// says what happened, the figures that sentence gives, both verbatim, and
// where it is from. It is dated by the day the sentence gives for what
// happened, when it gives one, else by its article.
type TimelineEntry struct {
	Citation
	Text    string   `json:"text"`
	Figures []string `json:"figures,omitempty"`
	// When is the date the sentence gives, as it gives it (2025-07-31,
	// or 2025-07 for "July 2025"), when that is a day or month no later
	// than the article's; "" otherwise.
	When string `json:"when,omitempty"`
}

// Date is when the entry happened as far as the articles say: When, or
// else the article's date.
func (e TimelineEntry) Date() string {
	if e.When != "" {
		return e.When
	}
	return e.Published.String()
}

// Caps on a timeline.
const (
	timelineDepth = 24  // passages searched
	maxTimeline   = 12  // entries shown
	maxEventText  = 240 // characters of an event's sentence
)

// Timeline answers /timeline: the passages on a topic, newest first, each
// dated and cited, with the figures they give. Filters (since:, before:,
// source:) apply as to a question.
func (e *Engine) Timeline(ctx context.Context, topic string) (*Timeline, error) {
	start := time.Now()
	t := &Timeline{Topic: topic, Entries: []TimelineEntry{}}
	defer func() { t.Took = time.Since(start) }()
	text, filter, msg := readQuestion(topic)
	if msg != "" {
		t.Message = msg
		return t, nil
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	iq := Parse(text).Query()
	iq.Limit, iq.PerArticle, iq.Policy = timelineDepth, 3, e.policy
	iq.Since, iq.Before, iq.Sources = filter.Since, filter.Before, filter.Sources
	res, err := e.idx.Search(ctx, iq)
	if err != nil {
		return nil, fmt.Errorf("timeline %q: %w", Truncate(topic, 80), err)
	}
	for _, h := range res.Hits {
		// Undated, or about something else that only mentions the
		// topic: the passage's own text must hold half of what the
		// topic names, or some of it in an article about it.
		if h.Published.IsZero() || h.TextCoverage < 0.5 && !(h.OnTopic && h.TextCoverage > 0) {
			continue
		}
		entry := TimelineEntry{Citation: citation(h)}
		entry.Text, entry.Figures, entry.When = eventOf(h.Passage.Text, h.Passage.Figures, h.Matches, entry.Published.String())
		t.Entries = append(t.Entries, entry)
	}
	// Newest first; in one article, in its order.
	sort.SliceStable(t.Entries, func(i, j int) bool {
		a, b := t.Entries[i], t.Entries[j]
		if a.Date() != b.Date() {
			return a.Date() > b.Date() // ISO dates: a month sorts before its days
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		return a.Paragraph < b.Paragraph
	})
	t.Entries = t.Entries[:min(len(t.Entries), maxTimeline)]
	if len(t.Entries) == 0 {
		t.Message = "I found no dated passages on that in the articles I have."
		if !filter.IsZero() {
			t.Message = "I found no dated passages on that in the articles I have " + filter.String() + "."
		}
	}
	return t, nil
}

// eventOf picks what a passage says happened, among its sentences that
// hold a word of the topic (matches, byte ranges of text): the first that
// dates what it says (a day or month, not after the article's date,
// published), else the first that gives a figure, else the first. It
// returns the sentence, verbatim but for a list marker and cut to
// maxEventText characters at a word; the figures in it other than dates;
// and the date it gives, if it was picked for one.
func eventOf(text string, figs []figure.Figure, matches [][2]int, published string) (event string, inIt []string, when string) {
	sentences := sentenceSpans(text)
	var topical [][2]int
	for _, sp := range sentences {
		if slices.ContainsFunc(matches, func(m [2]int) bool { return m[0] >= sp[0] && m[1] <= sp[1] }) {
			topical = append(topical, sp)
		}
	}
	if len(topical) == 0 {
		topical = sentences
	}
	in := func(f figure.Figure, sp [2]int) bool { return f.Start >= sp[0] && f.End <= sp[1] }
	pick := topical[0]
	found := false
	for _, sp := range topical {
		for _, f := range figs {
			if f.Kind == figure.Date && in(f, sp) && eventDate.MatchString(f.Date) && f.Date <= published {
				pick, when, found = sp, f.Date, true
				break
			}
		}
		if found {
			break
		}
	}
	if !found {
		for _, sp := range topical {
			if slices.ContainsFunc(figs, func(f figure.Figure) bool { return f.Kind != figure.Date && in(f, sp) }) {
				pick = sp
				break
			}
		}
	}
	for _, f := range figs {
		if f.Kind != figure.Date && in(f, pick) {
			inIt = append(inIt, f.Text)
		}
	}
	event = strings.TrimSpace(text[pick[0]:pick[1]])
	event = strings.TrimSpace(strings.TrimLeft(event, "-*•"))
	if utf8.RuneCountInString(event) > maxEventText {
		event = Truncate(event, maxEventText)
	}
	return event, inIt, when
}

// eventDate is a date that places an event: a day or a month of a year.
var eventDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$`)

// sentenceSpans cuts text into sentences at a full stop, question or
// exclamation mark followed by white space, or at a line break; it always
// returns at least one span.
func sentenceSpans(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		end := -1
		switch {
		case c == '\n':
			end = i
		case (c == '.' || c == '!' || c == '?') && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') && i-start > 20:
			end = i + 1
		}
		if end >= 0 {
			if strings.TrimSpace(text[start:end]) != "" {
				out = append(out, [2]int{start, end})
			}
			start = end
		}
	}
	if strings.TrimSpace(text[start:]) != "" || len(out) == 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// timelineHead is the heading of a timeline's entries.
const timelineHead = "Newest first:"

// TimelineDocument lays out a timeline: the topic, its entries newest
// first, each its date and figures (or what happened) with the number of
// its source, the sources, and the time taken. With no entries, why.
func TimelineDocument(t *Timeline) *Document {
	d := &Document{Kind: DocAnswer, Shareable: len(t.Entries) > 0}
	d.Blocks = append(d.Blocks, Block{Kind: BlockTitle, Priority: PriorityRequired, Text: "Timeline: " + t.Topic})
	footer := Block{Kind: BlockFooter, Priority: PriorityRequired, Text: fmt.Sprintf("%d dated passages · took %v", len(t.Entries), t.Took.Round(time.Millisecond))}
	if len(t.Entries) == 0 {
		d.Kind = DocDeclined
		d.Blocks = append(d.Blocks, Block{Kind: BlockNotice, Priority: PriorityRequired, Text: t.Message}, footer)
		d.Summary = summary(t.Message)
		return d
	}
	b := Block{Kind: BlockFigures, Priority: PriorityNormal, Text: timelineHead, Total: len(t.Entries)}
	for _, e := range t.Entries {
		b.Figures = append(b.Figures, FigureLine{Text: e.Text, Plain: true, Byline: strings.TrimPrefix(e.Date()+" · "+e.Publisher, " · "), Source: e.Citation})
	}
	d.Blocks = append(d.Blocks, b,
		Block{Kind: BlockReferences, Priority: PriorityRequired, Text: referencesHead}, footer)
	d.Summary = summary(fmt.Sprintf("Timeline of %s: %d dated passages, newest %s", t.Topic, len(t.Entries), t.Entries[0].Date()))
	d.number()
	return d
}
