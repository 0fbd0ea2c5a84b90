package bot

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Document is a reply laid out once for every platform: an ordered list of
// blocks, each with what it shows and how long it holds when a platform's
// limits are reached. The chat adapters and the terminal only render it, so
// that what an answer shows, in what order and under which headings is
// decided here and nowhere else.
type Document struct {
	Kind   DocKind `json:"kind"`
	Blocks []Block `json:"blocks"`
	// Summary is the reply in one line of plain text, for where a platform
	// shows a notification or cannot show the blocks.
	Summary string `json:"summary"`
	// Shareable says whether the reply is worth posting for everyone to
	// see: an answer or a list of articles, not a decline or a notice.
	Shareable bool `json:"shareable,omitempty"`
	// Link is where the whole reply can be read (Reply.Link), for a
	// platform to link its title or footer to; "" without one.
	Link string `json:"link,omitempty"`
	// ChartLink is where the chart block's chart can be fetched as an
	// image (Reply.ChartLink); "" without one.
	ChartLink string `json:"chart_link,omitempty"`
}

// DocKind says what a Document is, so that a platform can set it apart:
// Discord colours an answer's embed by it, and shows a notice to the asker
// alone.
type DocKind int

// The kinds of document.
const (
	DocAnswer   DocKind = iota // passages racebot is confident answer
	DocClosest                 // the closest passages racebot has, not vouched for
	DocDeclined                // nothing on topic: why, and the closest articles
	DocListing                 // the articles and news feeds racebot answers from
	DocHelp                    // what racebot does and how to ask
	DocNotice                  // a short notice: rate limit, too long, failure
)

var docKinds = []string{"answer", "closest", "declined", "listing", "help", "notice"}

// String names the kind: "answer", "closest", …
func (k DocKind) String() string { return name(docKinds, int(k)) }

// MarshalText writes the kind by name, for readable golden documents.
func (k DocKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// BlockKind says what a Block shows, and so which of its fields are set.
type BlockKind int

// The kinds of block.
const (
	BlockTitle      BlockKind = iota // Text: the question
	BlockNotice                      // Text, in Tone: the hedge, a decline's reason, a notice
	BlockFigures                     // Text: heading; Figures, side by side when SideBySide
	BlockQuote                       // Quote: a passage with its highlights and reference
	BlockReferences                  // Text: heading; Refs: the sources cited, numbered
	BlockLinks                       // Text: heading; Links: articles to read instead
	BlockArticles                    // Title or Text: heading; Articles
	BlockFeeds                       // Title or Text: heading; Feeds
	BlockText                        // Title, Text: paragraphs of racebot's own (the help)
	BlockFooter                      // Text: the index date and the time taken
	BlockChart                       // Text: heading; Chart: figures that compare, for platforms that draw
)

var blockKinds = []string{"title", "notice", "figures", "quote", "references", "links", "articles", "feeds", "text", "footer", "chart"}

// String names the kind: "title", "notice", …
func (k BlockKind) String() string { return name(blockKinds, int(k)) }

// MarshalText writes the kind by name, for readable golden documents.
func (k BlockKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Priority says how long a block holds when a message is over its
// platform's limits: a block gives way (is shortened, then dropped) before
// any later block of higher priority is cut below its minimum, and Fit
// never drops a Required one.
type Priority int

// The priorities, lowest first.
const (
	PriorityExtra    Priority = iota + 1 // quotes after the first: more of the same
	PriorityNormal                       // figures and lists
	PriorityLead                         // the first quote: what the figures stand on
	PriorityRequired                     // the question, the hedge, the sources cited, the footer
)

var priorities = []string{"", "extra", "normal", "lead", "required"}

// String names the priority: "extra", "normal", "lead" or "required".
func (p Priority) String() string { return name(priorities, int(p)) }

// MarshalText writes the priority by name, for readable golden documents.
func (p Priority) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// Tone says how a notice reads, for platforms that mark it: the hedge in
// italics, an icon for a wait or a failure.
type Tone int

// The tones of a notice.
const (
	TonePlain  Tone = iota
	ToneHedge       // the passages may not answer: bot.Hedge
	ToneWait        // asked too fast, or racebot is busy: try again later
	ToneFailed      // racebot itself failed
)

var tones = []string{"plain", "hedge", "wait", "failed"}

// String names the tone: "plain", "hedge", "wait" or "failed".
func (t Tone) String() string { return name(tones, int(t)) }

// MarshalText writes the tone by name, for readable golden documents.
func (t Tone) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// name is names[i], or the number when there is no such name.
func name(names []string, i int) string {
	if i >= 0 && i < len(names) && names[i] != "" {
		return names[i]
	}
	return fmt.Sprint(i)
}

// Block is one part of a Document. Kind says which fields are set; text
// fields hold plain text, which each platform escapes.
type Block struct {
	Kind     BlockKind `json:"kind"`
	Priority Priority  `json:"priority"`
	// Text is the block's text: the question, a notice, a heading, the
	// footer, the help. For a list it is the heading as a line that
	// introduces the list.
	Text string `json:"text,omitempty"`
	// Title is the heading where a platform has a slot for one (a Discord
	// embed's title), which reads as a name rather than as a line.
	Title string `json:"title,omitempty"`
	Tone  Tone   `json:"tone,omitempty"`
	// SideBySide marks figures that disagree, to be shown in columns where
	// the platform has them.
	SideBySide bool         `json:"side_by_side,omitempty"`
	Figures    []FigureLine `json:"figures,omitempty"`
	Quote      *Quote       `json:"quote,omitempty"`
	Refs       []Ref        `json:"refs,omitempty"`
	Links      []Suggestion `json:"links,omitempty"`
	Articles   []Source     `json:"articles,omitempty"`
	Feeds      []FeedLine   `json:"feeds,omitempty"`
	Chart      *Chart       `json:"chart,omitempty"`
	// Total is how many items the list has: more than it shows when Fit
	// cut it, or when racebot lists only the first of many.
	Total int `json:"total,omitempty"`
	// Hint says how to see what a cut list leaves out.
	Hint string `json:"hint,omitempty"`
}

// FigureLine is a figure as a list shows it: the figure, who gives it and
// when, and the number of the source it is quoted from.
type FigureLine struct {
	Text string `json:"text"`
	// Plain marks a line that is a sentence of what happened (a
	// timeline's), not a figure: platforms show it without emphasis.
	Plain  bool     `json:"plain,omitempty"`
	Byline string   `json:"byline,omitempty"`
	Ref    int      `json:"ref"`
	Source Citation `json:"-"`
}

// Quote is a passage as an answer quotes it.
type Quote struct {
	Ref     int     `json:"ref"`
	Passage Passage `json:"passage"`
	// Max is the most characters of the passage to show, counted as the
	// platform counts: a longer one is cut at a word and ends in "…".
	Max int `json:"max"`
}

// Ref is a numbered source: [N] and its citation.
type Ref struct {
	N int `json:"n"`
	Citation
}

// FeedLine is a news feed as /sources lists it: its name and, in one line,
// when it was last read and what it gave.
type FeedLine struct {
	Name    string `json:"name"`
	Summary string `json:"summary"`
}

// Label is what a suggestion is shown as: its title, or its ID if it has
// none.
func (s Suggestion) Label() string {
	if s.Title == "" {
		return s.Doc
	}
	return s.Title
}

// Label is what an article is shown as: its title, or its ID if it has
// none.
func (s Source) Label() string {
	if s.Title == "" {
		return s.Doc
	}
	return s.Title
}

// items is how many items a list block shows; 0 for a block that is not a
// list.
func (b *Block) items() int {
	switch b.Kind {
	case BlockFigures:
		return len(b.Figures)
	case BlockLinks:
		return len(b.Links)
	case BlockArticles:
		return len(b.Articles)
	case BlockFeeds:
		return len(b.Feeds)
	}
	return 0
}

// Count is what follows the heading of figures shown side by side when
// not all of them are: "(3 of 12 shown)"; "" otherwise.
func (b *Block) Count() string {
	if !b.SideBySide || b.items() >= b.Total {
		return ""
	}
	return fmt.Sprintf("(%d of %d shown)", b.items(), b.Total)
}

// More is the line that ends a list that does not show all its items:
// "…and 5 more", with the block's hint if it has one; "" otherwise, and
// for figures side by side, which say so in their Count.
func (b *Block) More() string {
	n := b.Total - b.items()
	if b.SideBySide || n <= 0 {
		return ""
	}
	s := fmt.Sprintf("…and %d more", n)
	if b.Hint != "" {
		s += ": " + b.Hint
	}
	return s
}

// What one reply shows at most, whatever room the platform has: a chat
// answer should be read at a glance. Figures and passages are ranked, so
// the ones left out are said nothing of; a list says how many more it has.
const (
	maxQuotes        = 3
	maxFigureLines   = 10
	maxDisagreements = 3
	maxSuggestions   = 5
	maxArticles      = 40
	maxFeeds         = 10
	// MaxQuote is the most characters of a passage a reply quotes.
	MaxQuote = 1000
	// MinQuote is the fewest characters a passage is cut to when room
	// runs out: a shorter cut says too little, so the passage is dropped
	// instead.
	MinQuote = 200
)

// The texts a reply shows of racebot's own.
const (
	declinedText   = "I could not find an answer to that in the articles I have."
	suggestionHead = "The closest articles I have:"
	referencesHead = "Sources:"
	noArticlesText = "No article I have matches that. /sources with no words lists them all."
	articlesHint   = "/sources with a word of a title, publisher or tag narrows the list"
	helpTitle      = "How to ask racebot"
)

// ReplyDocument lays out any reply: an answer with AnswerDocument, sources
// with ListingDocument, the help, or a notice. Times of day are shown in
// loc; now is when feeds are said to have been read from.
func ReplyDocument(r Reply, loc *time.Location, now time.Time) *Document {
	switch {
	case r.Kind == ReplyAnswer && r.Answer != nil:
		d := AnswerDocument(r.Answer, loc)
		if d.Kind != DocDeclined {
			d.Link, d.ChartLink = r.Link, r.ChartLink
		}
		return d
	case r.Kind == ReplySources:
		return ListingDocument(r.Sources, r.Feeds, now)
	case r.Kind == ReplyTimeline && r.Timeline != nil:
		return TimelineDocument(r.Timeline)
	case r.Kind == ReplyHelp:
		return HelpDocument(r.Text)
	}
	text, tone := r.Text, TonePlain
	switch {
	case r.Failed:
		tone = ToneFailed
	case r.RetryAfter > 0:
		tone = ToneWait
	}
	if text == "" || r.Kind == ReplyAnswer {
		// An answer without one, or a notice without a text: racebot
		// failed somewhere, and the user is still told.
		text, tone = Apology, ToneFailed
	}
	return NoticeDocument(text, tone)
}

// NoticeDocument is a short notice: why there is no answer.
func NoticeDocument(text string, tone Tone) *Document {
	return &Document{
		Kind:    DocNotice,
		Blocks:  []Block{{Kind: BlockNotice, Priority: PriorityRequired, Text: text, Tone: tone}},
		Summary: summary(text),
	}
}

// HelpDocument is the help: text, or Help when it is empty.
func HelpDocument(text string) *Document {
	if text == "" {
		text = Help
	}
	first, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	return &Document{
		Kind:    DocHelp,
		Blocks:  []Block{{Kind: BlockText, Priority: PriorityRequired, Title: helpTitle, Text: text}},
		Summary: summary(first),
	}
}

// AnswerDocument lays out an answer: the question; for closest passages
// the hedge, before anything else; figures first with who gives them,
// disagreements side by side under their own heading; up to three quoted
// passages; the sources cited; the index date and the time taken. A
// declined answer is the question, why it is declined, and the closest
// articles. Times are shown in loc.
func AnswerDocument(a *Answer, loc *time.Location) *Document {
	d := &Document{Kind: DocAnswer}
	// A question refused as too long is shown only as far as one could be.
	d.Blocks = append(d.Blocks, Block{Kind: BlockTitle, Priority: PriorityRequired, Text: Truncate(a.Question, MaxQuestionLen)})
	footer := Block{Kind: BlockFooter, Priority: PriorityRequired, Text: Footer(a, loc)}
	if !a.Answered {
		d.Kind = DocDeclined
		msg := a.Message
		if msg == "" {
			msg = declinedText
		}
		d.Blocks = append(d.Blocks, Block{Kind: BlockNotice, Priority: PriorityRequired, Text: msg})
		if len(a.Suggestions) > 0 {
			d.Blocks = append(d.Blocks, Block{Kind: BlockLinks, Priority: PriorityNormal, Text: suggestionHead,
				Links: a.Suggestions[:min(len(a.Suggestions), maxSuggestions)], Total: len(a.Suggestions)})
		}
		d.Blocks = append(d.Blocks, footer)
		d.Summary = summary(msg)
		return d
	}
	if !a.Confident {
		// First, right under the question: whatever gives way, the
		// reader is told these passages are not vouched for.
		d.Kind = DocClosest
		d.Blocks = append(d.Blocks, Block{Kind: BlockNotice, Priority: PriorityRequired, Text: Hedge, Tone: ToneHedge})
	}
	d.Blocks = append(d.Blocks, figureBlocks(a)...)
	if c := ChartOf(a); c != nil {
		// Text platforms leave it out; those that draw show it after
		// the figures it draws, which say the same in words.
		d.Blocks = append(d.Blocks, Block{Kind: BlockChart, Priority: PriorityExtra, Text: "Chart of " + c.Title, Chart: c})
	}
	for i, p := range a.Passages[:min(len(a.Passages), maxQuotes)] {
		prio := PriorityExtra
		if i == 0 {
			prio = PriorityLead
		}
		d.Blocks = append(d.Blocks, Block{Kind: BlockQuote, Priority: prio, Quote: &Quote{Passage: p, Max: MaxQuote}})
	}
	d.Blocks = append(d.Blocks, Block{Kind: BlockReferences, Priority: PriorityRequired, Text: referencesHead}, footer)
	d.Summary = answerSummary(a)
	d.Shareable = true
	d.number()
	return d
}

// figureBlocks lists an answer's figures: each disagreement side by side
// under its own heading, then the other figures, each figure once and at
// most maxFigureLines in all.
func figureBlocks(a *Answer) []Block {
	var out []Block
	shown := make(map[string]bool)
	lines := 0
	take := func(b *Block, f Figure) {
		b.Figures = append(b.Figures, FigureLine{Text: f.Text, Byline: f.Byline(), Source: f.Citation()})
		shown[f.Key()] = true
		lines++
	}
	for _, d := range a.Disagreements[:min(len(a.Disagreements), maxDisagreements)] {
		b := Block{Kind: BlockFigures, Priority: PriorityNormal, Text: d.Heading(), SideBySide: true}
		for _, f := range d.Figures {
			if lines == maxFigureLines {
				break
			}
			take(&b, f)
		}
		if len(b.Figures) > 0 {
			b.Total = len(b.Figures)
			out = append(out, b)
		}
	}
	rest := Block{Kind: BlockFigures, Priority: PriorityNormal, Text: a.FiguresHeading()}
	for _, f := range a.Figures {
		if lines == maxFigureLines {
			break
		}
		if !shown[f.Key()] {
			take(&rest, f)
		}
	}
	if len(rest.Figures) > 0 {
		rest.Total = len(rest.Figures)
		out = append(out, rest)
	}
	return out
}

// number numbers the sources the document cites, [1], [2], … in order of
// first mention: the quoted passages first, then the sources of the
// figures in the order they are shown, so that a figure quoted from a
// passage shown takes that passage's number. It fills the references
// block with them. Fit numbers again what is left after cutting, so that
// no number is skipped and none lacks its source.
func (d *Document) number() {
	refs := &References{}
	for i := range d.Blocks {
		if q := d.Blocks[i].Quote; q != nil {
			q.Ref = refs.Add(q.Passage.Citation)
		}
	}
	for i := range d.Blocks {
		for j := range d.Blocks[i].Figures {
			f := &d.Blocks[i].Figures[j]
			f.Ref = refs.Add(f.Source)
		}
	}
	for i := range d.Blocks {
		if d.Blocks[i].Kind == BlockReferences {
			d.Blocks[i].Refs = nil
			for n, c := range refs.List() {
				d.Blocks[i].Refs = append(d.Blocks[i].Refs, Ref{N: n + 1, Citation: c})
			}
		}
	}
}

// ListingDocument lists the articles racebot answers from, newest first as
// given, then the news feeds it adds articles from, if any; now is when
// feeds are said to have been read from.
func ListingDocument(sources []Source, feeds []Feed, now time.Time) *Document {
	d := &Document{Kind: DocListing, Shareable: len(sources) > 0, Summary: summary(listingSummary(len(sources), len(feeds)))}
	if len(sources) == 0 {
		d.Blocks = append(d.Blocks, Block{Kind: BlockNotice, Priority: PriorityRequired, Text: noArticlesText})
	} else {
		noun := plural(len(sources), "article", "articles")
		d.Blocks = append(d.Blocks, Block{
			Kind: BlockArticles, Priority: PriorityNormal,
			Title:    fmt.Sprintf("The articles I answer from (%d %s, newest first)", len(sources), noun),
			Text:     fmt.Sprintf("The %d %s I answer from, newest first:", len(sources), noun),
			Articles: sources[:min(len(sources), maxArticles)], Total: len(sources), Hint: articlesHint,
		})
	}
	if len(feeds) > 0 {
		// Required: the few feed lines are capped, and the article list,
		// which can be long, gives way to them.
		noun := plural(len(feeds), "feed", "feeds")
		b := Block{
			Kind: BlockFeeds, Priority: PriorityRequired,
			Title: fmt.Sprintf("The news feeds I add articles from (%d %s)", len(feeds), noun),
			Text:  fmt.Sprintf("The %d news %s I add articles from:", len(feeds), noun),
			Total: len(feeds),
		}
		for _, f := range feeds[:min(len(feeds), maxFeeds)] {
			b.Feeds = append(b.Feeds, FeedLine{Name: f.Name(), Summary: f.Summary(now)})
		}
		d.Blocks = append(d.Blocks, b)
	}
	return d
}

// listingSummary says how many articles and feeds a listing has: "8
// articles, 12 news feeds".
func listingSummary(articles, feeds int) string {
	s := fmt.Sprintf("%d %s", articles, plural(articles, "article", "articles"))
	if feeds > 0 {
		s += fmt.Sprintf(", %d news %s", feeds, plural(feeds, "feed", "feeds"))
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// answerSummary is an answer in one line: its first figure and who gives
// it, or the start of its first passage, after the hedge when racebot is
// not sure, since a notification is all some readers see and it must not
// read as an answer.
func answerSummary(a *Answer) string {
	var s string
	if !a.Confident {
		s = Hedge + " "
	}
	switch {
	case len(a.Figures) > 0:
		f := a.Figures[0]
		s += oneLine(a.Question) + " — " + f.Text
		if who := f.Attribution(); who != "" {
			s += " (" + who + ")"
		}
	case len(a.Passages) > 0:
		s += oneLine(a.Question) + " — " + a.Passages[0].Text
	default:
		s += Truncate(a.Question, MaxQuestionLen)
	}
	return summary(s)
}

// maxSummary is the most bytes of text a summary is made from: platforms
// show a few hundred characters of it, and collapsing the white space of
// a megabyte to show them would be waste.
const maxSummary = 4000

// summary makes s one line of at most about maxSummary bytes, ending in
// "…" when cut, or "racebot" when there is nothing to say.
func summary(s string) string {
	if len(s) > maxSummary {
		n := maxSummary
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	if s = oneLine(s); s == "" {
		return "racebot"
	}
	return s
}

// oneLine collapses runs of white space, line breaks included, to single
// spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
