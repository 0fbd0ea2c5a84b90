package discord

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/racebot/racebot/bot"
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

// What one answer shows at most. Discord has room for more, but a chat
// answer should be read at a glance.
const (
	maxPassages      = 3
	maxPassageLen    = 1000 // a longer passage is cut at a word
	minPassageLen    = 200  // rather than cut a passage shorter, drop it
	maxFigureLines   = 10
	maxDisagreements = 3
	maxFigureLen     = 150
	maxAttribution   = 80
	maxPublisher     = 100
	maxLinkLabel     = 200
	maxSuggestions   = 5
	maxSourceLine    = 400
	maxURL           = 512
	maxFeeds         = 10  // feeds listed by /sources; the rest are counted
	maxFeedLine      = 250 // a feed's line, its name and what it gave
)

// Embed colours: Discord's blurple for an answer, grey for none, and
// between them a muted amber for the closest passages, which are shown but
// not vouched for: the bar beside the embed tells them apart at a glance.
const (
	colorAnswer   = 0x5865F2
	colorClosest  = 0xB8A46E
	colorDeclined = 0x99AAB5
)

// Render turns a reply into the data of an interaction response, which is
// also what an edit or a message carries:
//
//   - an answer is one embed: the question as title, figures first with who
//     gives them (disagreements side by side under their own heading), up
//     to three quoted passages with the matched words and figures in bold,
//     the sources as fields with their links, and a footer with the index
//     date and the time taken;
//   - closest passages (an answer racebot is not confident of) are laid
//     out as an answer, in a muted colour, the description opening with
//     bot.Hedge in italics and the figures headed as ones that may help;
//   - a declined answer is the reason and the closest articles;
//   - sources and help are lists in an embed; an unfiltered /sources adds
//     a second embed with the news feeds racebot reads, when it reads any;
//   - a notice (rate limit, too long, failure) is short plain content,
//     flagged ephemeral so that, as an interaction response, only the asker
//     sees it.
//
// The data always fits Discord's limits (2000 characters of content, 10
// embeds, 6000 characters across them, and the limits of each part): long
// passages are cut at a word and end in "…", whole passages are dropped
// before links are broken. Corpus and user text is escaped so that it
// cannot change the markdown or form a mention, and AllowedMentions is
// empty.
func Render(r bot.Reply) *discordgo.InteractionResponseData {
	return renderAt(r, time.Now())
}

// renderAt renders a reply as Render does, saying how long ago feeds were
// read as of now.
func renderAt(r bot.Reply, now time.Time) *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	switch {
	case r.Kind == bot.ReplyAnswer && r.Answer != nil:
		if r.Answer.Answered {
			d.Embeds = []*discordgo.MessageEmbed{answerEmbed(r.Answer)}
		} else {
			d.Embeds = []*discordgo.MessageEmbed{declinedEmbed(r.Answer)}
		}
	case r.Kind == bot.ReplySources:
		// The feeds are laid out first: their few lines are capped, and
		// the article list, which can be long, takes the room left.
		var feeds *discordgo.MessageEmbed
		room := maxEmbedsTotal
		if len(r.Feeds) > 0 {
			feeds = feedsEmbed(r.Feeds, now)
			room -= embedLength(feeds)
		}
		if len(r.Sources) == 0 {
			d.Content = "No article I have matches that. /sources with no words lists them all."
		} else {
			d.Embeds = append(d.Embeds, sourcesEmbed(r.Sources, room))
		}
		if feeds != nil {
			d.Embeds = append(d.Embeds, feeds)
		}
	case r.Kind == bot.ReplyHelp:
		text := r.Text
		if text == "" {
			text = bot.Help
		}
		desc, _ := fit([]piece{{text: text}}, maxDescription, "\n")
		d.Embeds = []*discordgo.MessageEmbed{{Type: discordgo.EmbedTypeRich, Title: "How to ask racebot", Description: desc, Color: colorAnswer}}
	default:
		text := r.Text
		if text == "" || r.Kind == bot.ReplyAnswer {
			text = bot.Apology
		}
		d.Content, _ = fit([]piece{{text: text}}, maxContent, "\n")
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	clamp(d)
	return d
}

// answerEmbed renders an answer within Discord's limits. What gives way
// first: the length of the last passage, then the third and second
// passages, then figures; the first passage goes last, as it is the
// answer.
func answerEmbed(a *bot.Answer) *discordgo.MessageEmbed {
	groups := figureGroups(a)
	nfig := 0
	for _, g := range groups {
		nfig += len(g.figs)
	}
	passages := a.Passages[:min(len(a.Passages), maxPassages)]
	// try lays out n passages and k figures, cutting the last passage as
	// little as will fit but to no fewer than least characters; nil if
	// that does not fit.
	try := func(n, k, least int) *discordgo.MessageEmbed {
		if e := buildAnswer(a, groups, k, passages[:n], maxPassageLen); fits(e) {
			return e
		}
		if !fits(buildAnswer(a, groups, k, passages[:n], least)) {
			return nil
		}
		lo, hi := least, maxPassageLen
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if fits(buildAnswer(a, groups, k, passages[:n], mid)) {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return buildAnswer(a, groups, k, passages[:n], lo)
	}
	for n := len(passages); n >= 1; n-- {
		if e := try(n, nfig, minPassageLen); e != nil {
			return e
		}
	}
	if len(passages) > 0 {
		for k := nfig - 1; k >= 0; k-- {
			if e := try(1, k, minPassageLen); e != nil {
				return e
			}
		}
		if e := try(1, 0, 1); e != nil {
			return e
		}
	}
	for k := nfig; k >= 0; k-- {
		if e := buildAnswer(a, groups, k, nil, 0); fits(e) {
			return e
		}
	}
	return buildAnswer(a, groups, 0, nil, 0) // clamp cuts it
}

// figGroup is a list of figures under a heading.
type figGroup struct {
	heading string // already escaped
	figs    []bot.Figure
}

// figureGroups orders an answer's figures as the command line does:
// disagreements first, each under its own heading, then the other figures.
func figureGroups(a *bot.Answer) []figGroup {
	var groups []figGroup
	shown := make(map[string]bool)
	lines := 0
	for _, d := range a.Disagreements[:min(len(a.Disagreements), maxDisagreements)] {
		heading, _ := fit([]piece{{text: d.Heading()}}, 120, " ")
		heading = "**" + heading + "**"
		g := figGroup{heading: heading}
		for _, f := range d.Figures {
			if lines == maxFigureLines {
				break
			}
			g.figs = append(g.figs, f)
			shown[f.Key()] = true
			lines++
		}
		if len(g.figs) > 0 {
			groups = append(groups, g)
		}
	}
	rest := figGroup{heading: "**" + a.FiguresHeading() + "**"}
	for _, f := range a.Figures {
		if lines == maxFigureLines {
			break
		}
		if !shown[f.Key()] {
			rest.figs = append(rest.figs, f)
			shown[f.Key()] = true
			lines++
		}
	}
	if len(rest.figs) > 0 {
		groups = append(groups, rest)
	}
	return groups
}

// hedged reports whether an answer shows passages racebot is not
// confident answer the question: the closest it has.
func hedged(a *bot.Answer) bool { return a.Answered && !a.Confident }

// buildAnswer lays out an answer with the first nfig figures and the
// given passages, the last cut to at most lastMax characters.
func buildAnswer(a *bot.Answer, groups []figGroup, nfig int, passages []bot.Passage, lastMax int) *discordgo.MessageEmbed {
	refs := &bot.References{}
	for _, p := range passages {
		refs.Add(p.Citation)
	}
	var b strings.Builder
	color := colorAnswer
	if hedged(a) {
		// First, before any figure: whatever is cut to fit, the reader
		// is told these passages are not vouched for.
		hedge, _ := fit([]piece{{text: bot.Hedge}}, 200, " ")
		b.WriteString("*" + hedge + "*\n\n")
		color = colorClosest
	}
	left := nfig
	for _, g := range groups {
		if left == 0 {
			break
		}
		figs := g.figs[:min(len(g.figs), left)]
		left -= len(figs)
		b.WriteString(g.heading + "\n")
		for _, f := range figs {
			n := refs.Add(f.Citation())
			b.WriteString(figureLine(f, n) + "\n")
		}
		b.WriteString("\n")
	}
	for i, p := range passages {
		limit := maxPassageLen
		if i == len(passages)-1 {
			limit = lastMax
		}
		body, _ := fit(piecesOf(p), limit, "\n> ")
		fmt.Fprintf(&b, "> **[%d]** %s\n\n", refs.Find(p.Doc, p.Paragraph), body)
	}
	title, _ := fit([]piece{{text: a.Question}}, maxTitle, " ")
	e := &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       title,
		Description: strings.TrimSpace(b.String()),
		Color:       color,
		Footer:      &discordgo.MessageEmbedFooter{Text: bot.Footer(a, time.UTC)},
	}
	for i, c := range refs.List() {
		e.Fields = append(e.Fields, citationField(i+1, c))
	}
	return e
}

// figureLine is one figure: the figure in bold, who gives it, and the
// number of its source.
func figureLine(f bot.Figure, ref int) string {
	text, _ := fit([]piece{{text: f.Text, bold: true}}, maxFigureLen, " ")
	line := "• " + text
	if who := f.Byline(); who != "" {
		w, _ := fit([]piece{{text: who}}, maxAttribution, " ")
		line += " — " + w
	}
	return line + fmt.Sprintf(" [%d]", ref)
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

// declinedEmbed says why the articles do not answer, and which come
// closest.
func declinedEmbed(a *bot.Answer) *discordgo.MessageEmbed {
	msg := a.Message
	if msg == "" {
		msg = "I could not find an answer to that in the articles I have."
	}
	var b strings.Builder
	text, _ := fit([]piece{{text: msg}}, 1500, "\n")
	b.WriteString(text)
	if len(a.Suggestions) > 0 {
		b.WriteString("\n\n**The closest articles I have:**")
		for _, s := range a.Suggestions[:min(len(a.Suggestions), maxSuggestions)] {
			title := s.Title
			if title == "" {
				title = s.Doc
			}
			b.WriteString("\n• " + link(title, s.URL, maxSourceLine))
		}
	}
	title, _ := fit([]piece{{text: a.Question}}, maxTitle, " ")
	return &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       title,
		Description: b.String(),
		Color:       colorDeclined,
		Footer:      &discordgo.MessageEmbedFooter{Text: bot.Footer(a, time.UTC)},
	}
}

// sourcesEmbed lists articles, as many as fit in room characters, and says
// how many more there are.
func sourcesEmbed(list []bot.Source, room int) *discordgo.MessageEmbed {
	noun := "articles"
	if len(list) == 1 {
		noun = "article"
	}
	e := &discordgo.MessageEmbed{
		Type:  discordgo.EmbedTypeRich,
		Title: fmt.Sprintf("The articles I answer from (%d %s, newest first)", len(list), noun),
		Color: colorAnswer,
	}
	// Leave room for the closing line and the title within the total.
	budget := min(maxDescription, room-length(e.Title)) - 100
	var b strings.Builder
	n := 0
	for _, s := range list {
		line := sourceLine(s)
		if n > 0 && length(b.String())+1+length(line) > budget {
			break
		}
		if n > 0 {
			b.WriteString("\n")
		}
		b.WriteString(line)
		n++
	}
	if more := len(list) - n; more > 0 {
		fmt.Fprintf(&b, "\n…and %d more: /sources with a word of a title, publisher or tag narrows the list.", more)
	}
	e.Description = b.String()
	return e
}

// feedsEmbed lists the news feeds racebot adds articles from, up to
// maxFeeds of them: each one's name, when it was last read and what it
// added, or why reading it fails. Names, titles and errors come from the
// feeds and the network, and are escaped like corpus text.
func feedsEmbed(feeds []bot.Feed, now time.Time) *discordgo.MessageEmbed {
	noun := "feeds"
	if len(feeds) == 1 {
		noun = "feed"
	}
	var b strings.Builder
	for i, f := range feeds[:min(len(feeds), maxFeeds)] {
		if i > 0 {
			b.WriteString("\n")
		}
		line, _ := fit([]piece{{text: f.Name(), bold: true}, {text: " — " + f.Summary(now)}}, maxFeedLine-2, " ")
		b.WriteString("• " + line)
	}
	if more := len(feeds) - maxFeeds; more > 0 {
		fmt.Fprintf(&b, "\n…and %d more.", more)
	}
	return &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       fmt.Sprintf("The news feeds I add articles from (%d %s)", len(feeds), noun),
		Description: b.String(),
		Color:       colorAnswer,
	}
}

// sourceLine is one article in /sources: title linked, publisher, date,
// and how much it holds.
func sourceLine(s bot.Source) string {
	title := s.Title
	if title == "" {
		title = s.Doc
	}
	var tail strings.Builder
	if s.Publisher != "" {
		p, _ := fit([]piece{{text: s.Publisher}}, 80, " ")
		tail.WriteString(" — " + p)
	}
	if d := s.Published.String(); d != "" {
		tail.WriteString(", " + d)
	}
	fmt.Fprintf(&tail, " · %d passages, %d figures", s.Passages, s.Figures)
	return "• " + link(title, s.URL, maxSourceLine-2-length(tail.String())) + tail.String()
}

// link is a markdown link to rawURL with text as its label, within max
// characters: the label is cut to fit, never the URL. A URL that is not
// http(s), or too long to fit, is left out and the label shown alone.
func link(text, rawURL string, max int) string {
	u, ok := safeURL(rawURL)
	if ok && length(u)+8 < max {
		label, _ := fit([]piece{{text: text}}, min(maxLinkLabel, max-length(u)-4), " ")
		return "[" + label + "](" + u + ")"
	}
	label, _ := fit([]piece{{text: text}}, min(maxLinkLabel, max), " ")
	return label
}

// urlEscaper percent-encodes what would end a markdown link's URL early or
// let it form a mention.
var urlEscaper = strings.NewReplacer("(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "@", "%40",
	" ", "%20", `"`, "%22", `\`, "%5C", "`", "%60", "|", "%7C")

// safeURL returns an http(s) URL fit to put in a markdown link.
func safeURL(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", false
	}
	s := urlEscaper.Replace(u.String())
	if len(s) > maxURL || !utf8.ValidString(s) {
		return "", false
	}
	return s, true
}

// piece is a run of text, in bold or not.
type piece struct {
	text string
	bold bool
	line bool // the text begins a line
}

// fit renders pieces as Discord markdown in at most max characters. Text
// is escaped (see escape), newlines become nl, bold pieces are wrapped in
// **. When the whole does not fit it is cut at a word boundary, never
// inside an escape or an emphasis, and ends in "…"; cut reports that.
func fit(pieces []piece, max int, nl string) (out string, cut bool) {
	pieces = mergeBold(pieces)
	var b strings.Builder
	n := 0
	for i, p := range pieces {
		// The text may begin a line; a later piece does when the one
		// before it ended one.
		p.line = i == 0 || strings.HasSuffix(pieces[i-1].text, "\n")
		// Every character renders to at least one, so no more than
		// max-n+1 of them can matter: cutting there keeps a huge text
		// from costing more than a short one.
		p.text = headRunes(p.text, max-n+1)
		r := render(p, nl)
		room := max - n
		if i < len(pieces)-1 {
			room-- // keep room for "…" in case a later piece is cut
		}
		if length(r) <= room {
			b.WriteString(r)
			n += length(r)
			continue
		}
		prefix := longestPrefix(p, max-n-1, nl)
		b.WriteString(strings.TrimRightFunc(prefix, unicode.IsSpace))
		return trimCut(b.String()) + "…", true
	}
	return b.String(), false
}

// trimCut removes what should not come right before "…": spaces and
// clause punctuation.
func trimCut(s string) string {
	t := strings.TrimRight(s, " \t\n,;:")
	// Never leave a quote prefix or an escape dangling.
	t = strings.TrimSuffix(t, "\n>")
	if strings.HasSuffix(t, `\`) && !strings.HasSuffix(t, `\\`) {
		t = t[:len(t)-1]
	}
	return t
}

// headRunes returns at most the first n characters of s.
func headRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	k := 0
	for i := range s {
		if k == n {
			return s[:i]
		}
		k++
	}
	return s
}

// mergeBold cleans the pieces' text (valid UTF-8, no carriage returns, so
// that each character renders to at least one) and joins neighbouring
// bold pieces, so that "**a****b**" never forms.
func mergeBold(pieces []piece) []piece {
	var out []piece
	for _, p := range pieces {
		p.text = strings.ReplaceAll(strings.ToValidUTF8(p.text, "\uFFFD"), "\r", "")
		if p.text == "" {
			continue
		}
		if len(out) > 0 && p.bold && out[len(out)-1].bold {
			out[len(out)-1].text += p.text
			continue
		}
		out = append(out, p)
	}
	return out
}

// render escapes one piece and makes it bold if it is. The ** go inside
// any surrounding spaces, or Discord would not see them as emphasis.
func render(p piece, nl string) string {
	if !p.bold {
		return escape(p.text, nl, p.line)
	}
	core := strings.TrimFunc(p.text, unicode.IsSpace)
	if core == "" {
		return escape(p.text, nl, p.line)
	}
	i := strings.Index(p.text, core)
	lead := escape(p.text[:i], nl, p.line)
	inLine := p.line && !strings.Contains(p.text[:i], "\n") || strings.HasSuffix(p.text[:i], "\n")
	return lead + "**" + escape(core, nl, inLine) + "**" + escape(p.text[i+len(core):], nl, false)
}

// longestPrefix renders the longest start of a piece that fits in max
// characters: ending at a word boundary when that keeps most of the
// room, else at any character.
func longestPrefix(p piece, max int, nl string) string {
	if max <= 0 {
		return ""
	}
	// Rendered length grows with the prefix, so search on it.
	var words, chars []int // byte offsets of candidate ends
	for i, r := range p.text {
		if i > 0 {
			chars = append(chars, i)
			if unicode.IsSpace(r) {
				words = append(words, i)
			}
		}
	}
	chars = append(chars, len(p.text))
	best := func(ends []int) int {
		lo, hi, found := 0, len(ends)-1, -1
		for lo <= hi {
			mid := (lo + hi) / 2
			if length(render(piece{p.text[:ends[mid]], p.bold, p.line}, nl)) <= max {
				found, lo = mid, mid+1
			} else {
				hi = mid - 1
			}
		}
		if found < 0 {
			return 0
		}
		return ends[found]
	}
	end := best(chars)
	if w := best(words); w > 0 && w >= end*3/4 {
		end = w
	}
	if end == 0 {
		return ""
	}
	return render(piece{p.text[:end], p.bold, p.line}, nl)
}

// escape makes text from the corpus or a user safe to show in Discord
// markdown: it escapes the markdown characters (\ * _ ~ ` | [ ] <, and > # -
// at the start of a line), puts a zero-width space after every @ so that
// no @everyone, @here or <@id> can form, replaces control characters and
// invalid UTF-8, and turns newlines into nl. lineStart says whether s
// begins a line.
func escape(s, nl string, lineStart bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(nl)
			lineStart = true
			continue
		case r == '\r':
			continue
		case r == '@':
			b.WriteString("@\u200b")
		case strings.ContainsRune("\\*_~`|[]<", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case lineStart && strings.ContainsRune(">#-", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
		lineStart = lineStart && (r == ' ' || r == '\t')
	}
	return b.String()
}

// plain makes text safe where Discord shows it without markdown (footers,
// authors): no mention can form, and no control character or line break
// gets through.
func plain(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, strings.ReplaceAll(s, "@", "@\u200b"))
}

// length counts characters as Discord does, with a character outside the
// Basic Multilingual Plane (most emoji) counted twice, as JavaScript
// counts it, to stay within the limits whichever way they are counted.
func length(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// fits reports whether one embed is within Discord's limits.
func fits(e *discordgo.MessageEmbed) bool {
	if length(e.Title) > maxTitle || length(e.Description) > maxDescription || len(e.Fields) > maxFields {
		return false
	}
	for _, f := range e.Fields {
		if length(f.Name) > maxFieldName || length(f.Value) > maxFieldValue {
			return false
		}
	}
	if e.Footer != nil && length(e.Footer.Text) > maxFooter {
		return false
	}
	return embedLength(e) <= maxEmbedsTotal
}

// embedLength is what an embed counts towards the 6000 characters.
func embedLength(e *discordgo.MessageEmbed) int {
	n := length(e.Title) + length(e.Description)
	for _, f := range e.Fields {
		n += length(f.Name) + length(f.Value)
	}
	if e.Footer != nil {
		n += length(e.Footer.Text)
	}
	if e.Author != nil {
		n += length(e.Author.Name)
	}
	return n
}

// clamp is the last guard on Discord's limits: the renderers above keep
// within them, so it should never change anything, but a message Discord
// refuses would leave the user without an answer. It also neutralises
// mentions in the parts shown without markdown.
func clamp(d *discordgo.InteractionResponseData) {
	d.AllowedMentions = noMentions()
	d.Content = cut(d.Content, maxContent)
	if len(d.Embeds) > maxEmbeds {
		d.Embeds = d.Embeds[:maxEmbeds]
	}
	total := 0
	for _, e := range d.Embeds {
		e.Title = cut(e.Title, maxTitle)
		e.Description = cut(e.Description, maxDescription)
		if len(e.Fields) > maxFields {
			e.Fields = e.Fields[:maxFields]
		}
		for _, f := range e.Fields {
			f.Name = cut(f.Name, maxFieldName)
			f.Value = cut(f.Value, maxFieldValue)
			// Discord refuses a field with an empty name or value.
			if strings.TrimSpace(f.Name) == "" {
				f.Name = "\u200b"
			}
			if strings.TrimSpace(f.Value) == "" {
				f.Value = "\u200b"
			}
		}
		if e.Footer != nil {
			e.Footer.Text = cut(plain(e.Footer.Text), maxFooter)
		}
		if e.Author != nil {
			e.Author.Name = cut(plain(e.Author.Name), maxAuthor)
		}
		for embedLength(e)+total > maxEmbedsTotal && len(e.Fields) > 0 {
			e.Fields = e.Fields[:len(e.Fields)-1]
		}
		if over := embedLength(e) + total - maxEmbedsTotal; over > 0 {
			e.Description = cut(e.Description, max(0, length(e.Description)-over))
		}
		total += embedLength(e)
	}
}

// cut shortens already rendered text to n characters, ending in "…". It
// is only the last guard: it may cut through markdown.
func cut(s string, n int) string {
	if length(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	var b strings.Builder
	k := 0
	for _, r := range s {
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if k+w > n-1 {
			break
		}
		b.WriteRune(r)
		k += w
	}
	return trimCut(b.String()) + "…"
}
