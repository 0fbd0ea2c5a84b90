package discord

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

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
