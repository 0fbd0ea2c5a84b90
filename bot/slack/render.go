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
	maxImageURL    = 3000 // an image block's image_url
	maxImageAlt    = 2000 // an image block's alt_text
	maxButtonValue = 2000 // characters in a button's value
	// maxMessageText caps all the text of one message. Slack documents no
	// total, but users report msg_blocks_too_long at about 13,000
	// characters, so racebot stays well under it.
	maxMessageText = 10000
	// maxFallback caps the top-level text, which Slack shows in
	// notifications and where blocks cannot be displayed.
	maxFallback = 500
)

// The most characters one part of a line takes, so that one long title,
// claimant or URL cannot crowd out the rest of the message.
const (
	maxQuestionShown = 300
	maxHeading       = 240
	maxFigure        = 200
	maxByline        = 150
	maxLinkLine      = 400
	maxPublisher     = 100
	maxFeedName      = 100 // a feed's name, in bold
	maxFeedSummary   = 180 // when it was read and what it gave
	listNote         = 40  // room a list section keeps for its "…and N more"
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
// 10 context elements, and about 10,000 characters in all. The reply is
// laid out by bot.ReplyDocument and fitted by bot.Fit; Slack's part is the
// shape: a section per block, figures that disagree as fields in two
// columns, each passage's citation right under it in a context block, the
// other sources and the footer in context blocks, and notices marked with
// an icon. Every string taken from the corpus or the user is escaped, so
// that no mention or link token can form.
//
// When share is set and the reply is worth sharing, it ends in a Share in
// channel button that re-asks share.
func render(r bot.Reply, share *bot.Request) message {
	return renderAt(r, share, time.Now())
}

// renderAt renders a reply as render does, saying how long ago feeds were
// read as of now.
func renderAt(r bot.Reply, share *bot.Request, now time.Time) message {
	doc := bot.ReplyDocument(r, time.UTC, now)
	_, m := bot.Fit(doc, renderer{share: shareValue(share, doc.Shareable)})
	return clamp(m)
}

// fallback is the top-level text of a reply's message.
func fallback(r bot.Reply) string {
	return escapeCut(bot.ReplyDocument(r, time.UTC, time.Now()).Summary, maxFallback)
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
	case bot.CommandAsk, bot.CommandFigures, bot.CommandSources, bot.CommandTimeline:
		return bot.Command(cmd), unescaper.Replace(text), ok
	}
	return "", "", false
}

// unescaper undoes slackutilsx.EscapeMessage.
var unescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// renderer renders documents as Slack messages, with a Share in channel
// button that re-asks share when share is set.
type renderer struct{ share string }

// Render implements bot.Renderer.
func (r renderer) Render(doc *bot.Document) message {
	b := &builder{}
	quoted := make(map[int]bool) // sources cited under their passage
	for _, blk := range doc.Blocks {
		switch blk.Kind {
		case bot.BlockTitle:
			if q := oneLine(blk.Text); q != "" {
				b.section(bold(q, maxQuestionShown))
			}
		case bot.BlockNotice:
			b.section(noticeText(blk))
		case bot.BlockFigures:
			figures(b, blk)
		case bot.BlockQuote:
			q := blk.Quote
			label := fmt.Sprintf("*[%d]* ", q.Ref)
			b.section(label + passageText(q.Passage, min(q.Max, maxSectionText-count(label))))
			b.context(citeLine(q.Ref, q.Passage.Citation))
			quoted[q.Ref] = true
		case bot.BlockReferences:
			var more []string
			for _, ref := range blk.Refs {
				if !quoted[ref.N] {
					more = append(more, citeLine(ref.N, ref.Citation))
				}
			}
			for len(more) > 0 {
				n := min(len(more), maxContextElem)
				b.context(more[:n]...)
				more = more[n:]
			}
		case bot.BlockLinks:
			b.list(heading(blk), suggestionLines(blk), blk.More())
		case bot.BlockArticles:
			b.list(heading(blk), sourceLines(blk), blk.More())
		case bot.BlockFeeds:
			b.list(heading(blk), feedLines(blk), blk.More())
		case bot.BlockText:
			b.text(blk.Text)
		case bot.BlockChart:
			if doc.ChartLink != "" && blk.Chart != nil {
				b.image(doc.ChartLink, blk.Chart.Describe())
			}
		case bot.BlockFooter:
			if doc.Link != "" {
				b.context(escapeText(blk.Text), link(doc.Link, "Full answer", maxContextText))
			} else {
				b.context(escapeText(blk.Text))
			}
		}
	}
	if doc.Shareable {
		b.button(r.share)
	}
	if len(b.blocks) == 0 {
		b.section(escapeText(bot.Apology))
	}
	return message{Text: escapeCut(doc.Summary, maxFallback), Blocks: b.blocks}
}

// Fits implements bot.Renderer.
func (renderer) Fits(m message) bool {
	n, ok := size(m.Blocks)
	return ok && n <= maxMessageText && len(m.Blocks) <= maxBlocks
}

// size counts the characters of text in blocks, and reports whether each
// block is within its own limits.
func size(blocks []slack.Block) (int, bool) {
	n := 0
	text := func(o *slack.TextBlockObject, limit int) bool {
		if o == nil {
			return true
		}
		n += count(o.Text)
		return o.Text != "" && count(o.Text) <= limit
	}
	for _, blk := range blocks {
		ok := true
		switch blk := blk.(type) {
		case *slack.SectionBlock:
			ok = text(blk.Text, maxSectionText) && len(blk.Fields) <= maxFields && (blk.Text != nil || len(blk.Fields) > 0)
			for _, f := range blk.Fields {
				ok = text(f, maxFieldText) && ok
			}
		case *slack.ContextBlock:
			elems := blk.ContextElements.Elements
			ok = len(elems) > 0 && len(elems) <= maxContextElem
			for _, e := range elems {
				ok = text(e.(*slack.TextBlockObject), maxContextText) && ok
			}
		case *slack.ActionBlock:
			for _, e := range blk.Elements.ElementSet {
				btn := e.(*slack.ButtonBlockElement)
				n += count(btn.Text.Text) + count(btn.Value)
				ok = ok && count(btn.Value) <= maxButtonValue
			}
		}
		if !ok {
			return n, false
		}
	}
	return n, true
}

// clamp is the last guard on Slack's limits: bot.Fit keeps within them,
// but it cannot shorten the blocks a reply must keep, and a message Slack
// refuses would leave the user without an answer. It drops the largest
// block after the first until the message fits.
func clamp(m message) message {
	for len(m.Blocks) > 1 && !(renderer{}).Fits(m) {
		largest, most := 1, -1
		for i, blk := range m.Blocks[1:] {
			if n, _ := size([]slack.Block{blk}); n > most {
				largest, most = i+1, n
			}
		}
		m.Blocks = append(m.Blocks[:largest:largest], m.Blocks[largest+1:]...)
	}
	return m
}

// noticeText is a notice: the hedge in italics, anything else with an icon
// for a failure or a wait.
func noticeText(b bot.Block) string {
	switch b.Tone {
	case bot.ToneHedge:
		return "_" + escapeText(b.Text) + "_"
	case bot.ToneFailed:
		return ":warning: " + escapeCut(b.Text, maxFieldText)
	case bot.ToneWait:
		return ":hourglass_flowing_sand: " + escapeCut(b.Text, maxFieldText)
	}
	return escapeCut(b.Text, maxFieldText)
}

// heading is a list's heading in bold.
func heading(b bot.Block) string {
	return "*" + escapeCut(oneLine(b.Text), maxHeading) + "*"
}

// figures adds figures: side by side as fields, saying how many are shown
// when not all of them are, or as a list.
func figures(b *builder, blk bot.Block) {
	if !blk.SideBySide {
		var lines []string
		for _, f := range blk.Figures {
			lines = append(lines, "• "+figureLine(f, " — "))
		}
		b.list(heading(blk), lines, blk.More())
		return
	}
	h := heading(blk)
	if c := blk.Count(); c != "" {
		h += " " + c
	}
	var fields []string
	for _, f := range blk.Figures {
		fields = append(fields, figureLine(f, "\n"))
	}
	b.fields(h, fields)
}

// figureLine is a figure: the figure in bold, then who said it and when
// after sep, and its reference.
func figureLine(f bot.FigureLine, sep string) string {
	line := bold(f.Text, maxFigure)
	if f.Plain {
		line = escapeCut(oneLine(f.Text), maxFigure)
	}
	if f.Byline != "" {
		line += sep + escapeCut(oneLine(f.Byline), maxByline)
	}
	return line + fmt.Sprintf(" [%d]", f.Ref)
}

// suggestionLines are the closest articles, linked.
func suggestionLines(b bot.Block) []string {
	var out []string
	for _, s := range b.Links {
		out = append(out, "• "+link(s.URL, s.Label(), maxLinkLine))
	}
	return out
}

// sourceLines are the articles of /sources: title linked, publisher and
// date.
func sourceLines(b bot.Block) []string {
	var out []string
	for _, s := range b.Articles {
		line := "• " + link(s.URL, s.Label(), maxLinkLine)
		var about []string
		if s.Publisher != "" {
			about = append(about, escapeCut(oneLine(s.Publisher), maxPublisher))
		}
		if d := s.Published.String(); d != "" {
			about = append(about, d)
		}
		if len(about) > 0 {
			line += " — " + strings.Join(about, ", ")
		}
		out = append(out, line)
	}
	return out
}

// feedLines are the news feeds: each one's name in bold, when it was last
// read and what it added. Names and titles come from the feeds, and are
// escaped like corpus text.
func feedLines(b bot.Block) []string {
	var out []string
	for _, f := range b.Feeds {
		out = append(out, "• "+bold(f.Name, maxFeedName)+" — "+escapeCut(f.Summary, maxFeedSummary))
	}
	return out
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

// builder adds blocks to a message and counts their text.
type builder struct {
	blocks []slack.Block
	chars  int
}

// room is how many characters of the message are left.
func (b *builder) room() int { return maxMessageText - b.chars }

func mrkdwn(s string) *slack.TextBlockObject {
	// Verbatim: Slack must not turn plain text into links or mentions.
	return &slack.TextBlockObject{Type: slack.MarkdownType, Text: s, Verbatim: true}
}

// section adds a section of mrkdwn text, unless the text is empty.
func (b *builder) section(text string) {
	if text == "" {
		return
	}
	b.blocks = append(b.blocks, slack.NewSectionBlock(mrkdwn(text), nil, nil))
	b.chars += count(text)
}

// fields adds a section with a heading and fields shown in two columns.
func (b *builder) fields(heading string, fields []string) {
	objs := make([]*slack.TextBlockObject, 0, len(fields))
	for _, f := range fields {
		objs = append(objs, mrkdwn(f))
		b.chars += count(f)
	}
	b.blocks = append(b.blocks, slack.NewSectionBlock(mrkdwn(heading), objs, nil))
	b.chars += count(heading)
}

// context adds a context block, the small grey print under a message.
func (b *builder) context(elems ...string) {
	mixed := make([]slack.MixedElement, 0, len(elems))
	for _, e := range elems {
		mixed = append(mixed, mrkdwn(e))
		b.chars += count(e)
	}
	b.blocks = append(b.blocks, slack.NewContextBlock("", mixed...))
}

// image adds an image block showing the picture at url, when it is an
// http(s) address Slack may fetch; alt is its text alternative.
func (b *builder) image(url, alt string) {
	if len(url) > maxImageURL || !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return
	}
	// Escaped like any text: nothing a corpus holds can form a token.
	alt = escapeCut(oneLine(alt), maxImageAlt)
	b.blocks = append(b.blocks, slack.NewImageBlock(url, alt, "", nil))
	b.chars += count(alt)
}

// button adds the Share in channel button, unless value is empty.
func (b *builder) button(value string) {
	if value == "" {
		return
	}
	btn := slack.NewButtonBlockElement(shareActionID, value, slack.NewTextBlockObject(slack.PlainTextType, shareLabel, false, false))
	b.blocks = append(b.blocks, slack.NewActionBlock(shareBlockID, btn))
	b.chars += count(shareLabel) + count(value)
}

// list adds a heading and lines as sections, starting another section
// when one is full, and ends with more, the line that says how many are
// left out, if any.
func (b *builder) list(heading string, lines []string, more string) {
	cur := heading
	for _, l := range lines {
		if next := cur + "\n" + l; count(next)+listNote <= maxSectionText {
			cur = next
			continue
		}
		b.section(cur)
		cur = l
	}
	if more != "" {
		cur += "\n_" + escapeText(more) + "_"
	}
	b.section(cur)
}

// text adds plain text, such as the help, as sections of whole paragraphs,
// cutting a paragraph longer than a section at word boundaries, as much of
// it as the message has room for: a megabyte of text costs no more than a
// message's worth.
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
	// Sections are only added while the message has room for them.
	add := func(sec string) bool {
		if count(sec) > b.room() || len(b.blocks) >= maxBlocks {
			return false
		}
		b.section(sec)
		return true
	}
	cur := ""
	for _, c := range chunks {
		if cur != "" && count(cur)+2+count(c) <= maxSectionText {
			cur += "\n\n" + c
			continue
		}
		if cur != "" && !add(cur) {
			return
		}
		cur = c
	}
	if cur != "" && !add(cur) {
		// Too long for what is left of the message: show what fits.
		add(escapeCut(s, min(maxSectionText, b.room())))
	}
}
