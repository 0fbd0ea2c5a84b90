package slack

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/racebot/racebot/bot"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackutilsx"
)

// Limits of Slack's Block Kit that every rendered message keeps to. Slack
// refuses a message that breaks one, and a refused message is an answer the
// user never sees.
const (
	maxBlocks      = 50   // blocks in a message
	maxSectionText = 3000 // characters in a section's text
	maxFields      = 10   // fields in a section
	maxFieldText   = 2000 // characters in one field
	maxContextElem = 10   // elements in a context block
	maxContextText = 2000 // characters racebot puts in one context element
	maxButtonValue = 2000 // characters in a button's value
	// maxMessageText caps all the text of one message. Slack documents no
	// total, but users report msg_blocks_too_long at about 13,000
	// characters, so racebot stays well under it.
	maxMessageText = 10000
	// maxFallback caps the top-level text, which Slack shows in
	// notifications and where blocks cannot be displayed.
	maxFallback = 500
)

// Limits on what one reply shows, beyond what the engine already limits.
const (
	maxDisagreements = 3
	maxSources       = 40
	maxSuggestions   = 10
	maxQuestionShown = 300
	maxFeeds         = 10  // feeds listed by /sources; the rest are counted
	maxFeedName      = 100 // a feed's name, in bold
	maxFeedSummary   = 180 // when it was read and what it gave
)

// The Share in channel button.
const (
	shareActionID = "racebot_share"
	shareBlockID  = "racebot_share"
	shareLabel    = "Share in channel"
)

// message is a Slack message: blocks and the top-level text Slack shows in
// notifications and wherever blocks cannot be displayed.
type message struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

// render renders a reply as Block Kit blocks within Slack's limits: at most
// 50 blocks, 3,000 characters in a section, 10 fields of 2,000 characters,
// 10 context elements, and about 10,000 characters in all. Every string
// taken from the corpus or the user is escaped, so that no mention or link
// token can form.
//
// An answer shows its figures first with who said them, a disagreement side
// by side, up to three quoted passages with their highlights in bold, each
// followed by its citation, then the date of the index and the time taken.
// Closest passages (an answer racebot is not confident of) are laid out as an
// answer, introduced by bot.Hedge in italics right under the question, in
// the fallback text too, and their figures headed as ones that may help.
// A declined answer shows its message and the closest articles; sources and
// help are lists, and notices a short message. An unfiltered /sources also
// lists the news feeds racebot reads, when it reads any.
//
// When share is set and the reply is worth sharing, it ends in a Share in
// channel button that re-asks share.
func render(r bot.Reply, share *bot.Request) message {
	return renderAt(r, share, time.Now())
}

// renderAt renders a reply as render does, saying how long ago feeds were
// read as of now.
func renderAt(r bot.Reply, share *bot.Request, now time.Time) message {
	b := &builder{}
	switch {
	case r.Kind == bot.ReplyAnswer && r.Answer != nil:
		renderAnswer(b, r.Answer, shareValue(share, r.Answer.Answered))
	case r.Kind == bot.ReplySources:
		renderSources(b, r.Sources, feedsSection(r.Feeds, now), shareValue(share, len(r.Sources) > 0))
	case r.Kind == bot.ReplyHelp:
		b.text(r.Text)
	default:
		prefix := ""
		switch {
		case r.Failed:
			prefix = ":warning: "
		case r.RetryAfter > 0:
			prefix = ":hourglass_flowing_sand: "
		}
		b.section(prefix + escapeCut(r.Text, maxFieldText))
	}
	if len(b.blocks) == 0 {
		b.section(escapeText("Sorry, I have nothing to show for that."))
	}
	return message{Text: fallback(r), Blocks: b.blocks}
}

// shareValue is what the Share in channel button keeps to re-ask: the
// command and its text. The answer itself would not fit in a button's
// 2,000 characters, so the share re-answers. It returns "" when there is no
// button to show.
func shareValue(req *bot.Request, worth bool) string {
	if req == nil || !worth {
		return ""
	}
	// Escaped like text, though Slack never displays it, so that no string
	// racebot sends holds a raw < that could start a token.
	v := string(req.Command) + ":" + slackutilsx.EscapeMessage(strings.ToValidUTF8(req.Text, "\uFFFD"))
	if count(v) > maxButtonValue {
		return ""
	}
	return v
}

// parseShareValue reads a Share in channel button's value.
func parseShareValue(v string) (bot.Command, string, bool) {
	cmd, text, ok := strings.Cut(v, ":")
	switch bot.Command(cmd) {
	case bot.CommandAsk, bot.CommandFigures, bot.CommandSources:
		return bot.Command(cmd), unescaper.Replace(text), ok
	}
	return "", "", false
}

// unescaper undoes slackutilsx.EscapeMessage.
var unescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// builder adds blocks to a message while keeping it within Slack's limits.
// Room for the blocks that end a message (the footer, the button) is
// reserved up front, so that content can never crowd them out.
type builder struct {
	blocks        []slack.Block
	chars         int
	reserved      int
	reservedBlock int
}

// room is how many characters the next blocks may take.
func (b *builder) room() int { return maxMessageText - b.chars - b.reserved }

// free is how many more blocks may be added.
func (b *builder) free() int { return maxBlocks - len(b.blocks) - b.reservedBlock }

func mrkdwn(s string) *slack.TextBlockObject {
	// Verbatim: Slack must not turn plain text into links or mentions.
	return &slack.TextBlockObject{Type: slack.MarkdownType, Text: s, Verbatim: true}
}

// section adds a section of mrkdwn text, reporting whether it fit.
func (b *builder) section(text string) bool {
	n := count(text)
	if text == "" || n > maxSectionText || n > b.room() || b.free() < 1 {
		return false
	}
	b.blocks = append(b.blocks, slack.NewSectionBlock(mrkdwn(text), nil, nil))
	b.chars += n
	return true
}

// fields adds a section with a heading and fields shown in two columns.
func (b *builder) fields(heading string, fields []string) bool {
	n := count(heading)
	objs := make([]*slack.TextBlockObject, 0, len(fields))
	for _, f := range fields {
		if count(f) > maxFieldText || f == "" {
			return false
		}
		n += count(f)
		objs = append(objs, mrkdwn(f))
	}
	if len(objs) == 0 || len(objs) > maxFields || count(heading) > maxSectionText || n > b.room() || b.free() < 1 {
		return false
	}
	var text *slack.TextBlockObject
	if heading != "" {
		text = mrkdwn(heading)
	}
	b.blocks = append(b.blocks, slack.NewSectionBlock(text, objs, nil))
	b.chars += n
	return true
}

// context adds a context block, the small grey print under a message.
func (b *builder) context(elems ...string) bool {
	n := 0
	mixed := make([]slack.MixedElement, 0, len(elems))
	for _, e := range elems {
		if e == "" || count(e) > maxContextText {
			return false
		}
		n += count(e)
		mixed = append(mixed, mrkdwn(e))
	}
	if len(mixed) == 0 || len(mixed) > maxContextElem || n > b.room() || b.free() < 1 {
		return false
	}
	b.blocks = append(b.blocks, slack.NewContextBlock("", mixed...))
	b.chars += n
	return true
}

// button adds the Share in channel button.
func (b *builder) button(value string) bool {
	n := count(shareLabel) + count(value)
	if value == "" || n > b.room() || b.free() < 1 {
		return false
	}
	btn := slack.NewButtonBlockElement(shareActionID, value, slack.NewTextBlockObject(slack.PlainTextType, shareLabel, false, false))
	b.blocks = append(b.blocks, slack.NewActionBlock(shareBlockID, btn))
	b.chars += n
	return true
}

// text adds plain text, such as the help, as sections of whole paragraphs,
// cutting a paragraph longer than a section at word boundaries.
func (b *builder) text(s string) {
	var chunks []string
	size := 0 // what the chunks hold: no need to cut more than fits
	for para := range strings.SplitSeq(strings.TrimSpace(s), "\n\n") {
		if size > b.room() {
			break
		}
		for size <= b.room() && !fitsEscaped(para, maxSectionText) {
			head := cutToFit(para, maxSectionText-1)
			if head == "" {
				break
			}
			chunks = append(chunks, escapeText(head)+"…")
			size += maxSectionText
			para = strings.TrimLeftFunc(para[len(head):], unicode.IsSpace)
		}
		if para = strings.TrimSpace(para); para != "" && size <= b.room() {
			c := escapeCut(para, maxSectionText)
			chunks = append(chunks, c)
			size += count(c)
		}
	}
	cur := ""
	for _, c := range chunks {
		if cur != "" && count(cur)+2+count(c) <= maxSectionText {
			cur += "\n\n" + c
			continue
		}
		if cur != "" && !b.section(cur) {
			return
		}
		cur = c
	}
	if cur != "" && !b.section(cur) {
		// Too long for what is left of the message: show what fits.
		b.section(escapeCut(s, min(maxSectionText, b.room())))
	}
}

// reserve keeps room for the blocks that end a message; release gives it
// back just before they are added.
func (b *builder) reserve(chars, blocks int) { b.reserved, b.reservedBlock = chars, blocks }
func (b *builder) release()                  { b.reserved, b.reservedBlock = 0, 0 }

func renderAnswer(b *builder, a *bot.Answer, share string) {
	footer := escapeText(bot.Footer(a, time.UTC))
	b.reserve(count(footer)+count(shareLabel)+count(share), 2)
	defer func() {
		b.release()
		b.context(footer)
		b.button(share)
	}()

	if q := oneLine(a.Question); q != "" {
		b.section(bold(q, maxQuestionShown))
	}
	hedged := a.Answered && !a.Confident
	if hedged {
		// Before any figure or passage, while the message has all its
		// room: the hedge is never what gives way.
		b.section("_" + escapeText(bot.Hedge) + "_")
	}
	if !a.Answered {
		msg := a.Message
		if msg == "" {
			msg = "I could not find an answer to that in the articles I have."
		}
		b.section(escapeCut(msg, maxFieldText))
		var lines []string
		for i, s := range a.Suggestions {
			if i == maxSuggestions {
				break
			}
			lines = append(lines, "• "+link(s.URL, s.Title, 400))
		}
		if len(lines) > 0 {
			addList(b, "*The closest articles I have:*", lines, len(a.Suggestions))
		}
		return
	}

	refs := a.References()
	// Keep room for the first passage while the figures are laid out: the
	// quote and its citation are what the figures stand on.
	firstQuote := 0
	if len(a.Passages) > 0 {
		p := a.Passages[0]
		firstQuote = min(count(passageText(p, maxSectionText)), 1500) + count(citeLine(1, p.Citation)) + 10
	}
	b.reserved += firstQuote
	b.reservedBlock += 2
	shown := make(map[string]bool)
	for i, d := range a.Disagreements {
		if i == maxDisagreements {
			break
		}
		heading := "*" + escapeCut(oneLine(d.Heading()), 240) + "*"
		var fields []string
		for _, f := range d.Figures {
			fields = append(fields, figureField(f, refs))
		}
		// As many columns as fit, saying how many are left out.
		for n := min(len(fields), maxFields); n > 0; n-- {
			h := heading
			if n < len(fields) {
				h += fmt.Sprintf(" (%d of %d shown)", n, len(fields))
			}
			if b.fields(h, fields[:n]) {
				for _, f := range d.Figures[:n] {
					shown[f.Key()] = true
				}
				break
			}
		}
	}
	var rest []string
	for _, f := range a.Figures {
		if !shown[f.Key()] {
			rest = append(rest, "• "+figureLine(f, refs))
		}
	}
	if len(rest) > 0 {
		addList(b, "*"+a.FiguresHeading()+"*", rest, len(rest))
	}
	b.reserved -= firstQuote
	b.reservedBlock -= 2

	// Passages: the first always shows, cut to fit if it must; a later one
	// shows whole or not at all, so a message never ends mid-thought.
	cited := make(map[int]bool)
	for i, p := range a.Passages {
		if i == 3 {
			break
		}
		n := refs.Add(p.Citation)
		cite := citeLine(n, p.Citation)
		label := fmt.Sprintf("*[%d]* ", n)
		limit := min(maxSectionText, b.room()-count(cite)) - count(label)
		text := passageText(p, limit)
		if text == "" || (i > 0 && text != passageText(p, maxSectionText)) || b.free() < 2 {
			break
		}
		b.section(label + text)
		b.context(cite)
		cited[n] = true
	}
	// The sources of figures whose passage is not shown.
	var more []string
	for i, c := range refs.List() {
		if !cited[i+1] && len(more) < maxContextElem {
			more = append(more, citeLine(i+1, c))
		}
	}
	if len(more) > 0 {
		b.context(more...)
	}
}

// addList adds a heading and lines as sections, as many lines as fit, and
// says how many were left out.
func addList(b *builder, heading string, lines []string, total int) {
	const note = 40 // room kept for the "…and N more" line
	cur := heading
	shown := 0
	for _, l := range lines {
		if next := cur + "\n" + l; count(next)+note <= min(maxSectionText, b.room()) {
			cur = next
			shown++
			continue
		}
		// This section is full: start another if the message has room.
		if b.free() < 2 || count(cur)+count(l)+note > b.room() || !b.section(cur) {
			break
		}
		cur = l
		shown++
	}
	if shown < total {
		cur += fmt.Sprintf("\n_…and %d more_", total-shown)
	}
	b.section(cur)
}

// renderSources lists articles, as many as fit, then feeds, the section
// feedsSection made of the news feeds, if any: room for it is kept first,
// since the article list alone can fill a message.
func renderSources(b *builder, sources []bot.Source, feeds, share string) {
	b.reserve(count(feeds)+count(shareLabel)+count(share), 2)
	defer func() {
		b.release()
		if feeds != "" {
			b.section(feeds)
		}
		b.button(share)
	}()
	if len(sources) == 0 {
		b.section(escapeText("I have no articles matching that. Try /sources with fewer words, or with none to list them all."))
		return
	}
	var lines []string
	for i, s := range sources {
		if i == maxSources {
			break
		}
		line := "• " + link(s.URL, s.Title, 400)
		var about []string
		if s.Publisher != "" {
			about = append(about, escapeCut(oneLine(s.Publisher), 100))
		}
		if d := s.Published.String(); d != "" {
			about = append(about, d)
		}
		if len(about) > 0 {
			line += " — " + strings.Join(about, ", ")
		}
		lines = append(lines, line)
	}
	noun := "articles"
	if len(sources) == 1 {
		noun = "article"
	}
	addList(b, fmt.Sprintf("*The %d %s I answer from, newest first:*", len(sources), noun), lines, len(sources))
}

// feedsSection is the text of the section that lists the news feeds, up to
// maxFeeds of them: each one's name, when it was last read and what it
// added, or why reading it fails. Names, titles and errors come from the
// feeds and the network, and are escaped like corpus text. It is "" when
// there are no feeds.
func feedsSection(feeds []bot.Feed, now time.Time) string {
	if len(feeds) == 0 {
		return ""
	}
	noun := "feeds"
	if len(feeds) == 1 {
		noun = "feed"
	}
	text := fmt.Sprintf("*The %d news %s I add articles from:*", len(feeds), noun)
	shown := 0
	for _, f := range feeds[:min(len(feeds), maxFeeds)] {
		line := "\n• " + bold(f.Name(), maxFeedName) + " — " + escapeCut(f.Summary(now), maxFeedSummary)
		// The caps above keep ten lines well within a section; this
		// guards the limit should they change.
		if count(text)+count(line)+40 > maxSectionText {
			break
		}
		text += line
		shown++
	}
	if more := len(feeds) - shown; more > 0 {
		text += fmt.Sprintf("\n_…and %d more_", more)
	}
	return text
}

// figureField is a figure in a disagreement's column: the figure in bold,
// then who said it and where.
func figureField(f bot.Figure, refs *bot.References) string {
	ref := fmt.Sprintf(" [%d]", refs.Add(f.Citation()))
	who := ""
	if a := f.Byline(); a != "" {
		who = "\n" + escapeCut(oneLine(a), 150)
	}
	return bold(f.Text, 200) + who + ref
}

// figureLine is a figure in the list of figures: the figure in bold, who
// said it, and its reference.
func figureLine(f bot.Figure, refs *bot.References) string {
	line := bold(f.Text, 200)
	if a := f.Byline(); a != "" {
		line += " — " + escapeCut(oneLine(a), 150)
	}
	return line + fmt.Sprintf(" [%d]", refs.Add(f.Citation()))
}

// citeLine is a citation: its number, then publisher, date and title as a
// link to the article, and the paragraph.
func citeLine(n int, c bot.Citation) string {
	prefix := fmt.Sprintf("[%d] ", n)
	suffix := ""
	if c.Paragraph > 0 {
		suffix = fmt.Sprintf(", ¶%d", c.Paragraph)
	}
	label := c.Cite()
	if strings.TrimSpace(label) == "" {
		label = c.Doc
	}
	return prefix + link(c.URL, label, maxContextText-count(prefix)-count(suffix)) + suffix
}

// fallback is the top-level text of a reply's message.
func fallback(r bot.Reply) string {
	var s string
	switch {
	case r.Kind == bot.ReplyAnswer && r.Answer != nil:
		a := r.Answer
		if a.Answered && !a.Confident {
			// A notification is all some readers see: it must not
			// read as an answer.
			s = bot.Hedge + " "
		}
		switch {
		case !a.Answered:
			s = a.Message
		case len(a.Figures) > 0:
			f := a.Figures[0]
			s += oneLine(a.Question) + " — " + f.Text
			if who := f.Attribution(); who != "" {
				s += " (" + who + ")"
			}
		case len(a.Passages) > 0:
			s += oneLine(a.Question) + " — " + a.Passages[0].Text
		default:
			s += a.Question
		}
	case r.Kind == bot.ReplySources:
		s = fmt.Sprintf("%d articles", len(r.Sources))
		if len(r.Sources) == 1 {
			s = "1 article"
		}
		switch n := len(r.Feeds); {
		case n == 1:
			s += ", 1 news feed"
		case n > 1:
			s += fmt.Sprintf(", %d news feeds", n)
		}
	case r.Kind == bot.ReplyHelp:
		s, _, _ = strings.Cut(strings.TrimSpace(r.Text), "\n")
	default:
		s = r.Text
	}
	// The fallback shows maxFallback characters at most: collapsing the
	// white space of a megabyte of help to show 500 would be waste.
	if head, cut := clip(s, 8*maxFallback); cut {
		s = head + "…"
	}
	if s = oneLine(s); s == "" {
		s = "racebot"
	}
	return escapeCut(s, maxFallback)
}
