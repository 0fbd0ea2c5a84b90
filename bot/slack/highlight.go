package slack

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/racebot/racebot/bot"
)

// piece is a run of a passage's text, set in bold or not.
type piece struct {
	text string
	bold bool
}

// Punctuation that may stay outside bold at either end of a word: Slack
// bolds "(*word*)," but not "x*word*" or "*word*s", so bold is widened to
// whole words except for these.
const (
	leadPunct  = `([{"'‘“«¿¡`
	trailPunct = `.,;:!?)]}"'’”»…`
)

// pieces cuts a passage into plain and bold runs. The highlights of
// Passage.Segments are trimmed of white space, widened to whole words so
// that Slack renders the bold (it ignores * inside a word), merged where
// they touch or stand a space apart, and dropped where they would span a
// line break, which bold cannot.
func pieces(p bot.Passage) []piece {
	text := p.Text
	var runs [][2]int
	at := 0
	for _, s := range p.Segments() {
		start := at
		at += len(s.Text)
		if s.Mark {
			runs = append(runs, [2]int{start, at})
		}
	}
	var merged [][2]int
	for _, r := range runs {
		a, b, ok := widen(text, r[0], r[1])
		if !ok {
			continue
		}
		// Runs that touch, or stand a space apart ("*market* *value*"),
		// become one.
		if n := len(merged); n > 0 && (a <= merged[n-1][1] || strings.Trim(text[merged[n-1][1]:a], " ") == "") {
			merged[n-1][1] = max(merged[n-1][1], b)
			continue
		}
		merged = append(merged, [2]int{a, b})
	}
	var out []piece
	at = 0
	for _, r := range merged {
		if r[0] > at {
			out = append(out, piece{text: text[at:r[0]]})
		}
		out = append(out, piece{text: text[r[0]:r[1]], bold: true})
		at = r[1]
	}
	if at < len(text) {
		out = append(out, piece{text: text[at:]})
	}
	return out
}

// widen trims the highlight text[a:b] of white space and widens it to the
// words it touches, leaving leading and trailing punctuation outside. It
// reports false for a highlight that is empty or spans a line break.
func widen(text string, a, b int) (int, int, bool) {
	// Offsets come from the index; align them to runes so that a cut never
	// splits one.
	for a > 0 && a < len(text) && !utf8.RuneStart(text[a]) {
		a--
	}
	for b < len(text) && b > 0 && !utf8.RuneStart(text[b]) {
		b++
	}
	for a < b {
		r, n := utf8.DecodeRuneInString(text[a:])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(text[:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	if a >= b || strings.ContainsAny(text[a:b], "\r\n") {
		return 0, 0, false
	}
	start := a
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsSpace(r) {
			break
		}
		start -= n
	}
	for start < a {
		r, n := utf8.DecodeRuneInString(text[start:])
		if !strings.ContainsRune(leadPunct, r) {
			break
		}
		start += n
	}
	end := b
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if unicode.IsSpace(r) {
			break
		}
		end += n
	}
	for end > b {
		r, n := utf8.DecodeLastRuneInString(text[:end])
		if !strings.ContainsRune(trailPunct, r) {
			break
		}
		end -= n
	}
	return min(a, start), max(b, end), true
}

// render writes a piece as mrkdwn.
func (p piece) render() string {
	if p.bold {
		return "*" + escapeText(p.text) + "*"
	}
	return escapeText(p.text)
}

// passageText renders a passage with its highlights in bold, in at most
// limit characters. When the passage is longer it is cut at a word boundary
// and ends in "…"; the bold run it cuts, if any, is set plain, so the
// markup always stays balanced.
func passageText(p bot.Passage, limit int) string {
	ps := pieces(p)
	var b strings.Builder
	n := 0
	for _, pc := range ps {
		b.WriteString(pc.render())
	}
	if full := b.String(); count(full) <= limit {
		return full
	}
	if limit < 1 {
		return ""
	}
	b.Reset()
	for _, pc := range ps {
		r := pc.render()
		if rn := count(r); n+rn+1 <= limit {
			b.WriteString(r)
			n += rn
			continue
		}
		// The piece that does not fit is cut, and a bold one loses its
		// bold rather than its closing *.
		b.WriteString(escapeText(cutToFit(pc.text, limit-n-1)))
		break
	}
	out := strings.TrimRightFunc(b.String(), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:–—-", r)
	})
	return out + "…"
}
