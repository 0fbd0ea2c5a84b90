package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SplitVersion is bumped with any change to how an article's body is
// split into passages; an index records it and is rebuilt when it
// differs, since its passage numbers would no longer match.
const SplitVersion = 1

// Limits on passage size. A passage is what a chat answer quotes, so it must
// stay readable and within the platforms' message limits; a bullet list is
// joined with its lead-in only while the whole still reads as one passage.
const (
	maxGroupBytes   = 1200 // lead-in plus bullets
	maxPassageBytes = 1800 // longer paragraphs are cut at sentence ends
	wrapWidth       = 100  // lines no longer than this may be hard-wrapped prose
)

// line is one non-blank body line with what the splitter learned about it.
type line struct {
	text   string
	no     int // file line number
	kind   lineKind
	indent bool // the raw line started with white space
}

type lineKind int

const (
	textLine lineKind = iota
	headingLine
	bulletLine
)

// Split cuts an article body into passages. firstLine is the file line on
// which the body starts, so that passages can point back into the file.
//
// Bodies come in two shapes and both are handled: Markdown-style paragraphs
// separated by blank lines (possibly hard-wrapped), and one paragraph per line
// with no blank lines, as text copied from a web page often is. Headings
// ("## …", or a short title-case line with no final period) are not passages;
// they become the Heading of the passages below them. A bullet list is joined
// with the paragraph that introduces it.
func Split(body string, firstLine int) []Passage {
	var (
		out     []piece
		heading string
		block   []line
	)
	flush := func() {
		if len(block) == 0 {
			return
		}
		for _, it := range items(block) {
			if it.kind == headingLine {
				heading = it.text
				continue
			}
			out = appendItem(out, it, heading)
		}
		block = block[:0]
	}
	no := firstLine
	for raw := range strings.SplitSeq(body, "\n") {
		t := strings.TrimSpace(strings.Map(dropControl, raw))
		if t == "" {
			flush()
		} else {
			block = append(block, line{text: t, no: no, indent: raw[0] == ' ' || raw[0] == '\t'})
		}
		no++
	}
	flush()
	ps := groupBullets(out)
	for i := range ps {
		ps[i].Paragraph = i + 1
	}
	return ps
}

// piece is a passage before bullets are grouped with their lead-in.
type piece struct {
	Passage
	bullet bool
}

// item is a paragraph, heading or bullet assembled from one or more lines.
type item struct {
	line
}

// items turns a block of consecutive non-blank lines into paragraphs,
// headings and bullets.
func items(block []line) []item {
	for i := range block {
		block[i].kind = classify(block[i].text, len(block) == 1)
	}
	perLine := !hardWrapped(block)
	var out []item
	for _, l := range block {
		switch {
		case l.kind == headingLine:
			l.text = strings.TrimSpace(strings.Trim(strings.TrimLeft(l.text, "#"), "*_"))
			out = append(out, item{l})
		case l.kind == bulletLine:
			out = append(out, item{l})
		case l.indent && len(out) > 0 && out[len(out)-1].kind == bulletLine:
			// An indented line under a bullet continues it.
			out[len(out)-1].text += " " + l.text
		case perLine:
			if looksLikeHeading(l.text) {
				l.kind = headingLine
			}
			out = append(out, item{l})
		case len(out) > 0 && out[len(out)-1].kind != headingLine:
			// A wrapped continuation of the paragraph or bullet above.
			out[len(out)-1].text += " " + l.text
		default:
			out = append(out, item{l})
		}
	}
	return out
}

// classify recognises Markdown headings and bullets; everything else is text.
func classify(t string, alone bool) lineKind {
	switch {
	case strings.HasPrefix(t, "#"):
		rest := strings.TrimLeft(t, "#")
		if rest == "" || rest[0] == ' ' {
			return headingLine
		}
	case isBullet(t):
		return bulletLine
	case alone && len(t) > 4 && strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**") && !strings.Contains(t[2:len(t)-2], "**"):
		return headingLine
	}
	return textLine
}

func isBullet(t string) bool {
	for _, m := range []string{"- ", "* ", "• ", "– "} {
		if strings.HasPrefix(t, m) {
			return true
		}
	}
	// "1. " or "2) "
	i := 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}

// hardWrapped reports whether a block of several lines is one paragraph
// wrapped at a fixed width rather than one paragraph per line: every line is
// short and the lines do not each end a sentence.
func hardWrapped(block []line) bool {
	n, ends := 0, 0
	for i, l := range block {
		if l.kind != textLine {
			continue
		}
		n++
		if len(l.text) > wrapWidth {
			return false
		}
		if i < len(block)-1 && endsSentence(l.text) {
			ends++
		}
	}
	if n < 2 {
		return false
	}
	return ends < n-1
}

func endsSentence(t string) bool {
	t = strings.TrimRight(t, `"'”’)]*_`)
	if t == "" {
		return false
	}
	switch t[len(t)-1] {
	case '.', '!', '?', ':', ';':
		return true
	}
	return false
}

// looksLikeHeading spots the unmarked headings of text copied from web pages:
// a short line, not a sentence, mostly in title case ("U.S. Ramps Up AI
// Investment", "DeepSeek: A Game Changer in AI?").
func looksLikeHeading(t string) bool {
	if len(t) > 90 {
		return false
	}
	words := strings.Fields(t)
	if len(words) > 12 {
		return false
	}
	last := strings.TrimRight(t, `"'”’)`)
	if strings.HasSuffix(last, ".") || strings.HasSuffix(last, ",") || strings.HasSuffix(last, ";") {
		return false
	}
	upper, counted := 0, 0
	for _, w := range words {
		w = strings.TrimLeft(w, `"'“‘(`)
		r, _ := utf8.DecodeRuneInString(w)
		if r == utf8.RuneError || isMinorWord(w) {
			continue
		}
		counted++
		if unicode.IsUpper(r) || unicode.IsDigit(r) || r == '$' {
			upper++
		}
	}
	return counted > 0 && upper*10 >= counted*7
}

func isMinorWord(w string) bool {
	switch strings.ToLower(strings.TrimRight(w, ":,?!")) {
	case "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "vs", "vs.", "is", "are":
		return true
	}
	return false
}

// appendItem adds a paragraph or bullet as a passage, cutting paragraphs that
// are too long to quote at sentence ends.
func appendItem(out []piece, it item, heading string) []piece {
	for _, chunk := range chunkSentences(it.text, maxPassageBytes) {
		out = append(out, piece{
			Passage: Passage{Line: it.no, Heading: heading, Text: chunk},
			bullet:  it.kind == bulletLine,
		})
	}
	return out
}

// groupBullets joins each run of bullets with the paragraph that introduces
// it, while the result stays short enough to read as one passage. A bullet on
// its own lacks the subject its lead-in names ("The project, called Stargate,
// was unveiled…" needs "Trump announced a joint venture…").
func groupBullets(ps []piece) []Passage {
	var out []Passage
	for _, p := range ps {
		if p.bullet && len(out) > 0 {
			prev := &out[len(out)-1]
			if prev.Heading == p.Heading && len(prev.Text)+1+len(p.Text) <= maxGroupBytes {
				prev.Text += "\n" + p.Text
				continue
			}
		}
		out = append(out, p.Passage)
	}
	return out
}

// chunkSentences splits text into pieces of at most max bytes, at sentence
// ends where possible.
func chunkSentences(text string, max int) []string {
	if len(text) <= max {
		return []string{text}
	}
	var out []string
	for len(text) > max {
		cut := -1
		for i := max; i > max/3; i-- {
			if text[i] == ' ' && endsSentence(text[:i]) {
				cut = i
				break
			}
		}
		if cut < 0 {
			cut = strings.LastIndexByte(text[:max], ' ')
		}
		if cut <= 0 {
			// One enormous word: cut at a rune boundary.
			cut = max
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
			if cut == 0 {
				cut = max
			}
		}
		out = append(out, strings.TrimSpace(text[:cut]))
		text = strings.TrimSpace(text[cut:])
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}

// dropControl removes control characters (other than tab) that would
// otherwise reach chat messages and terminals.
func dropControl(r rune) rune {
	if r == '\t' {
		return ' '
	}
	if unicode.IsControl(r) || r == '\u202e' || r == '\u202d' || r == '\u2066' || r == '\u2067' || r == '\u2068' || r == '\u2069' {
		return -1
	}
	return r
}
