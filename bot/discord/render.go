package discord

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/chart"
)

// Discord's limits on a message, in characters
// (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
const (
	maxContent     = 2000
	maxEmbeds      = 10
	maxEmbedsTotal = 6000 // title, description, field names and values, footer and author of all embeds
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxAuthor      = 256
)

// maxAttachment is the largest file a bot may attach without a boosted
// server: 10 MiB (https://discord.com/developers/docs/reference#uploading-files).
// A chart is a few tens of kilobytes.
const maxAttachment = 10 << 20

// The most characters one part of a line takes, so that one long title,
// claimant or URL cannot crowd out the rest of the message.
const (
	maxHeading     = 120
	maxHedge       = 200
	maxNotice      = 1500
	maxFigureLen   = 150
	maxAttribution = 80
	maxPublisher   = 100
	maxLinkLabel   = 200
	maxSourceLine  = 400
	maxURL         = 512
	maxFeedLine    = 250 // a feed's line, its name and what it gave
)

// Embed colours: Discord's blurple for an answer, grey for none, and
// between them a muted amber for the closest passages, which are shown but
// not vouched for: the bar beside the embed tells them apart at a glance.
var colors = map[bot.DocKind]int{
	bot.DocAnswer:   0x5865F2,
	bot.DocClosest:  0xB8A46E,
	bot.DocDeclined: 0x99AAB5,
	bot.DocListing:  0x5865F2,
	bot.DocHelp:     0x5865F2,
}

// Render turns a reply into the data of an interaction response, which is
// also what an edit or a message carries. The reply is laid out by
// bot.ReplyDocument and fitted by bot.Fit; Discord's part is the shape:
//
//   - an answer is one embed: the question as title, the blocks in the
//     description (the hedge in italics, figures and matched words in
//     bold, passages quoted), the sources as fields with their links, and
//     the footer as the embed's footer, coloured by what kind of answer it
//     is;
//   - a listing is an embed for the articles and one for the feeds, each
//     with its heading as title;
//   - a notice is short plain content, flagged ephemeral so that, as an
//     interaction response, only the asker sees it.
//
// The data always fits Discord's limits (2000 characters of content, 10
// embeds, 6000 characters across them, and the limits of each part).
// Corpus and user text is escaped so that it cannot change the markdown or
// form a mention, and AllowedMentions is empty.
func Render(r bot.Reply) *discordgo.InteractionResponseData {
	return renderAt(r, time.Now())
}

// renderAt renders a reply as Render does, saying how long ago feeds were
// read as of now.
func renderAt(r bot.Reply, now time.Time) *discordgo.InteractionResponseData {
	doc, d := bot.Fit(bot.ReplyDocument(r, time.UTC, now), renderer{})
	clamp(d)
	attachChart(doc, d)
	return d
}

// chartFile is the name of an answer's chart among its attachments.
const chartFile = "chart.png"

// attachChart attaches the chart of an answer's figures, when it has one,
// as a PNG shown as the embed's image. It is drawn once the reply is
// fitted, since Fit renders several candidates; a chart that cannot be
// drawn is left out, as it is on a platform that draws none.
func attachChart(doc *bot.Document, d *discordgo.InteractionResponseData) {
	if len(d.Embeds) == 0 {
		return
	}
	for _, b := range doc.Blocks {
		if b.Kind != bot.BlockChart || b.Chart == nil {
			continue
		}
		img, err := chart.PNG(b.Chart)
		if err != nil || len(img) > maxAttachment {
			return
		}
		d.Files = append(d.Files, &discordgo.File{Name: chartFile, ContentType: "image/png", Reader: bytes.NewReader(img)})
		d.Embeds[0].Image = &discordgo.MessageEmbedImage{URL: "attachment://" + chartFile}
		return
	}
}

// withoutFiles returns d without its attachments, for where a reply can
// only be JSON (the HTTP response to an HTTP interaction): the embed then
// shows no image rather than a broken one.
func withoutFiles(d *discordgo.InteractionResponseData) *discordgo.InteractionResponseData {
	if d == nil || len(d.Files) == 0 {
		return d
	}
	c := *d
	c.Files = nil
	c.Embeds = make([]*discordgo.MessageEmbed, len(d.Embeds))
	for i, e := range d.Embeds {
		ce := *e
		if ce.Image != nil && strings.HasPrefix(ce.Image.URL, "attachment://") {
			ce.Image = nil
		}
		c.Embeds[i] = &ce
	}
	return &c
}

// rewind makes attachments readable again before a request is retried.
func rewind(files []*discordgo.File) {
	for _, f := range files {
		if s, ok := f.Reader.(io.Seeker); ok {
			s.Seek(0, io.SeekStart)
		}
	}
}

// renderer renders documents as Discord interaction data.
type renderer struct{}

// Render implements bot.Renderer.
func (renderer) Render(doc *bot.Document) *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	switch doc.Kind {
	case bot.DocAnswer, bot.DocClosest, bot.DocDeclined:
		d.Embeds = []*discordgo.MessageEmbed{answerEmbed(doc)}
		return d
	case bot.DocNotice:
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	for _, b := range doc.Blocks {
		switch b.Kind {
		case bot.BlockNotice:
			d.Content, _ = fit([]piece{{text: b.Text}}, maxContent, "\n")
		case bot.BlockText:
			desc, _ := fit([]piece{{text: b.Text}}, maxDescription, "\n")
			d.Embeds = append(d.Embeds, listEmbed(doc, b.Title, desc))
		case bot.BlockArticles:
			d.Embeds = append(d.Embeds, listEmbed(doc, b.Title, list(b, false, sourceLines(b))))
		case bot.BlockFeeds:
			d.Embeds = append(d.Embeds, listEmbed(doc, b.Title, list(b, false, feedLines(b))))
		}
	}
	return d
}

// Fits implements bot.Renderer: every embed within its limits and all of
// them within 6000 characters.
func (renderer) Fits(d *discordgo.InteractionResponseData) bool {
	if length(d.Content) > maxContent || len(d.Embeds) > maxEmbeds {
		return false
	}
	total := 0
	for _, e := range d.Embeds {
		if !fits(e) {
			return false
		}
		total += embedLength(e)
	}
	return total <= maxEmbedsTotal
}

// answerEmbed is an answer, closest passages or a decline as one embed.
func answerEmbed(doc *bot.Document) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: colors[doc.Kind]}
	if u, ok := safeURL(doc.Link); ok {
		e.URL = u // the title links to the full answer on racebot's page
	}
	var paras []string
	for _, b := range doc.Blocks {
		switch b.Kind {
		case bot.BlockTitle:
			e.Title, _ = fit([]piece{{text: b.Text}}, maxTitle, " ")
		case bot.BlockNotice:
			paras = append(paras, notice(b))
		case bot.BlockFigures:
			paras = append(paras, list(b, true, figureLines(b)))
		case bot.BlockLinks:
			paras = append(paras, list(b, true, suggestionLines(b)))
		case bot.BlockQuote:
			body, _ := fit(piecesOf(b.Quote.Passage), b.Quote.Max, "\n> ")
			paras = append(paras, fmt.Sprintf("> **[%d]** %s", b.Quote.Ref, body))
		case bot.BlockReferences:
			for _, r := range b.Refs {
				e.Fields = append(e.Fields, citationField(r.N, r.Citation))
			}
		case bot.BlockFooter:
			e.Footer = &discordgo.MessageEmbedFooter{Text: b.Text}
		}
	}
	e.Description = strings.TrimSpace(strings.Join(paras, "\n\n"))
	return e
}

// listEmbed is an embed of a listing or the help.
func listEmbed(doc *bot.Document, title, desc string) *discordgo.MessageEmbed {
	t, _ := fit([]piece{{text: title}}, maxTitle, " ")
	return &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: t, Description: desc, Color: colors[doc.Kind]}
}

// notice is a notice in an answer: the hedge in italics, a decline's
// reason as it is.
func notice(b bot.Block) string {
	if b.Tone == bot.ToneHedge {
		hedge, _ := fit([]piece{{text: b.Text}}, maxHedge, " ")
		return "*" + hedge + "*"
	}
	text, _ := fit([]piece{{text: b.Text}}, maxNotice, "\n")
	return text
}

// list is a list block as lines: its heading in bold, unless the embed
// shows it as title, the items, and the line that says how many more
// there are.
func list(b bot.Block, heading bool, items []string) string {
	var out []string
	if heading {
		h, _ := fit([]piece{{text: b.Text}}, maxHeading, " ")
		h = "**" + h + "**"
		if c := b.Count(); c != "" {
			h += " " + c
		}
		out = append(out, h)
	}
	out = append(out, items...)
	if more := b.More(); more != "" {
		m, _ := fit([]piece{{text: more + "."}}, maxSourceLine, " ")
		out = append(out, m)
	}
	return strings.Join(out, "\n")
}

// figureLines are the lines of a block's figures.
func figureLines(b bot.Block) []string {
	var out []string
	for _, f := range b.Figures {
		out = append(out, figureLine(f))
	}
	return out
}

// figureLine is one figure: the figure in bold, who gives it, and the
// number of its source.
func figureLine(f bot.FigureLine) string {
	text, _ := fit([]piece{{text: f.Text, bold: !f.Plain}}, maxFigureLen, " ")
	line := "• " + text
	if f.Byline != "" {
		w, _ := fit([]piece{{text: f.Byline}}, maxAttribution, " ")
		line += " — " + w
	}
	return line + fmt.Sprintf(" [%d]", f.Ref)
}

// suggestionLines are the closest articles, linked.
func suggestionLines(b bot.Block) []string {
	var out []string
	for _, s := range b.Links {
		out = append(out, "• "+link(s.Label(), s.URL, maxSourceLine))
	}
	return out
}

// sourceLines are the articles of /sources: title linked, publisher, date,
// and how much each holds.
func sourceLines(b bot.Block) []string {
	var out []string
	for _, s := range b.Articles {
		var tail strings.Builder
		if s.Publisher != "" {
			p, _ := fit([]piece{{text: s.Publisher}}, 80, " ")
			tail.WriteString(" — " + p)
		}
		if d := s.Published.String(); d != "" {
			tail.WriteString(", " + d)
		}
		fmt.Fprintf(&tail, " · %d passages, %d figures", s.Passages, s.Figures)
		out = append(out, "• "+link(s.Label(), s.URL, maxSourceLine-2-length(tail.String()))+tail.String())
	}
	return out
}

// feedLines are the news feeds: each one's name in bold, when it was last
// read and what it added. Names and titles come from the feeds, and are
// escaped like corpus text.
func feedLines(b bot.Block) []string {
	var out []string
	for _, f := range b.Feeds {
		line, _ := fit([]piece{{text: f.Name, bold: true}, {text: " — " + f.Summary}}, maxFeedLine-2, " ")
		out = append(out, "• "+line)
	}
	return out
}

// piecesOf cuts a passage at its highlights.
func piecesOf(p bot.Passage) []piece {
	segs := p.Segments()
	out := make([]piece, 0, len(segs))
	for _, s := range segs {
		out = append(out, piece{text: s.Text, bold: s.Mark})
	}
	return out
}

// citationField is a source as an embed field: number, publisher and date
// as its name; the title linked to the article, and the paragraph, as its
// value.
func citationField(n int, c bot.Citation) *discordgo.MessageEmbedField {
	name := fmt.Sprintf("[%d]", n)
	if c.Publisher != "" {
		p, _ := fit([]piece{{text: c.Publisher}}, maxPublisher, " ")
		name += " " + p
	}
	if d := c.Published.String(); d != "" {
		if c.Publisher != "" {
			name += ","
		}
		name += " " + d
	}
	title := c.Title
	if title == "" {
		title = c.Doc
	}
	suffix := ""
	if c.Paragraph > 0 {
		suffix = fmt.Sprintf(" · ¶%d", c.Paragraph)
	}
	return &discordgo.MessageEmbedField{Name: name, Value: link(title, c.URL, maxFieldValue-length(suffix)) + suffix}
}
