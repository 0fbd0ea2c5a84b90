// Package term renders racebot's answers for a terminal: figures first,
// then the passages quoted with their highlights, then the sources, wrapped
// to 80 columns, with ANSI emphasis only when asked for, so that piped
// output stays plain.
package term

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/racebot/racebot/bot"
)

// Width is the terminal Width answers are written for.
const Width = 80

// Style emphasises text on a terminal (Color set) and does nothing
// elsewhere, so that piped output stays plain.
type Style struct{ Color bool }

func (s Style) bold(t string) string   { return s.wrap("\x1b[1m", t) }
func (s Style) figure(t string) string { return s.wrap("\x1b[1;33m", t) }
func (s Style) dim(t string) string    { return s.wrap("\x1b[2m", t) }
func (s Style) wrap(code, t string) string {
	if !s.Color || t == "" {
		return t
	}
	return code + t + "\x1b[0m"
}

// WriteAnswer prints an answer for a person, as bot.AnswerDocument lays it
// out, with times in the local time zone: each block a paragraph, and the
// hedge right under the question, so that nobody takes the closest
// passages racebot has for an answer.
func WriteAnswer(w io.Writer, a *bot.Answer, st Style) {
	_, out := bot.Fit(bot.AnswerDocument(a, time.Local), renderer{st})
	io.WriteString(w, out)
}

// WriteDocument prints any reply laid out as a document: a timeline, a
// listing.
func WriteDocument(w io.Writer, d *bot.Document, st Style) {
	_, out := bot.Fit(d, renderer{st})
	io.WriteString(w, out)
}

// renderer renders documents as text for a terminal. A terminal has no
// limit on a message, so its Fits takes anything: Fit only applies the
// caps every platform shares.
type renderer struct{ st Style }

// Fits implements bot.Renderer.
func (renderer) Fits(string) bool { return true }

// Render implements bot.Renderer: the blocks as paragraphs, wrapped to
// Width.
func (r renderer) Render(d *bot.Document) string {
	var paras []string
	for _, b := range d.Blocks {
		lines := r.block(b)
		if len(lines) == 0 {
			continue
		}
		if b.Tone == bot.ToneHedge && len(paras) > 0 {
			// The hedge qualifies the question: no line between them.
			paras[len(paras)-1] += "\n" + strings.Join(lines, "\n")
			continue
		}
		paras = append(paras, strings.Join(lines, "\n"))
	}
	return strings.Join(paras, "\n\n") + "\n"
}

// block renders one block as lines.
func (r renderer) block(b bot.Block) []string {
	st := r.st
	switch b.Kind {
	case bot.BlockTitle:
		return []string{st.bold(b.Text)}
	case bot.BlockNotice, bot.BlockText:
		return Wrap(b.Text, Width)
	case bot.BlockFooter:
		return []string{st.dim(b.Text)}
	case bot.BlockQuote:
		return quote(b.Quote, st)
	case bot.BlockReferences:
		return references(b, st)
	case bot.BlockChart:
		return nil // a terminal draws no chart: the figures list says it
	}
	heading := st.bold(strings.TrimSpace(b.Text + " " + b.Count()))
	lines := []string{heading}
	for _, f := range b.Figures {
		lines = append(lines, figureLines(f, st)...)
	}
	for _, s := range b.Links {
		lines = append(lines, bullet(s.Label())...)
	}
	for _, s := range b.Articles {
		lines = append(lines, bullet(strings.Join(nonEmpty(s.Label(), s.Publisher, s.Published.String()), " — "))...)
	}
	for _, f := range b.Feeds {
		lines = append(lines, bullet(f.Name+" — "+f.Summary)...)
	}
	if more := b.More(); more != "" {
		lines = append(lines, bullet(more)...)
	}
	return lines
}

// nonEmpty returns the strings that are not empty.
func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// bullet is an item of a list, wrapped and indented under its bullet.
func bullet(text string) []string {
	var out []string
	for i, l := range Wrap(text, Width-4) {
		prefix := "  • "
		if i > 0 {
			prefix = "    "
		}
		out = append(out, prefix+l)
	}
	return out
}

// quote is a passage after its reference number, its highlights styled,
// cut to the quote's Max characters.
func quote(q *bot.Quote, st Style) []string {
	ref := fmt.Sprintf("[%d] ", q.Ref)
	var out []string
	for i, l := range wrapSegments(cutSegments(q.Passage.Segments(), q.Max), Width-len(ref), st) {
		prefix := strings.Repeat(" ", len(ref))
		if i == 0 {
			prefix = ref
		}
		out = append(out, prefix+l)
	}
	return out
}

// cutSegments cuts segments to at most n characters in all, as
// bot.Truncate cuts text, ending in "…" when it cut.
func cutSegments(segs []bot.Segment, n int) []bot.Segment {
	var all strings.Builder
	for _, s := range segs {
		all.WriteString(s.Text)
	}
	t := bot.Truncate(all.String(), n)
	if t == all.String() {
		return segs
	}
	keep := len(strings.TrimSuffix(t, "…"))
	var out []bot.Segment
	for _, s := range segs {
		if keep <= 0 {
			break
		}
		if len(s.Text) > keep {
			s.Text = s.Text[:keep]
		}
		keep -= len(s.Text)
		out = append(out, s)
	}
	return append(out, bot.Segment{Text: "…"})
}

// references are the sources cited under their heading: each one's
// number, publisher, date, title and paragraph, and its address.
func references(b bot.Block, st Style) []string {
	out := []string{st.bold(b.Text)}
	for _, r := range b.Refs {
		ref := fmt.Sprintf("[%d] ", r.N)
		pad := strings.Repeat(" ", len(ref))
		text := fmt.Sprintf("%s, ¶%d", r.Cite(), r.Paragraph)
		for j, l := range Wrap(text, Width-len(ref)) {
			if j == 0 {
				out = append(out, ref+l)
			} else {
				out = append(out, pad+l)
			}
		}
		out = append(out, pad+st.dim(r.URL))
	}
	return out
}

// figureLines are a figure, who gives it and the number of its source, on
// one line if it fits, else with the rest wrapped under the figure.
func figureLines(f bot.FigureLine, st Style) []string {
	if f.Plain {
		// A sentence of what happened, not a figure: plain, wrapped
		// like any list item.
		return bullet(fmt.Sprintf("%s — %s [%d]", f.Text, f.Byline, f.Ref))
	}
	rest := fmt.Sprintf(" [%d]", f.Ref)
	if f.Byline != "" {
		rest = " — " + f.Byline + rest
	}
	if utf8.RuneCountInString("  • "+f.Text+rest) <= Width {
		return []string{"  • " + st.figure(f.Text) + rest}
	}
	out := []string{"  • " + st.figure(f.Text)}
	for _, l := range Wrap(strings.TrimPrefix(rest, " "), Width-6) {
		out = append(out, "      "+l)
	}
	return out
}

// Wrap breaks text into lines of at most w characters.
func Wrap(text string, w int) []string {
	var lines []string
	for para := range strings.SplitSeq(text, "\n") {
		var line strings.Builder
		n := 0
		for _, word := range strings.Fields(para) {
			wl := utf8.RuneCountInString(word)
			if n > 0 && n+1+wl > w {
				lines = append(lines, line.String())
				line.Reset()
				n = 0
			}
			if n > 0 {
				line.WriteByte(' ')
				n++
			}
			line.WriteString(word)
			n += wl
		}
		lines = append(lines, line.String())
	}
	return lines
}

// wrapSegments wraps highlighted text to w characters, styling the marked
// words and keeping the text's own line breaks (bullet lists).
func wrapSegments(segs []bot.Segment, w int, st Style) []string {
	type word struct {
		text    string
		seg     bot.Segment
		glue    bool // no space before: continues the previous word
		newline bool // the text breaks the line before this word
	}
	var words []word
	spaceBefore := true
	for _, s := range segs {
		text := s.Text
		first := true
		for len(text) > 0 {
			lead := text[:len(text)-len(strings.TrimLeft(text, " \n\t"))]
			text = text[len(lead):]
			if text == "" {
				break
			}
			end := strings.IndexAny(text, " \n\t")
			if end < 0 {
				end = len(text)
			}
			words = append(words, word{
				text:    text[:end],
				seg:     s,
				glue:    first && lead == "" && !spaceBefore,
				newline: strings.Contains(lead, "\n"),
			})
			text = text[end:]
			first = false
		}
		spaceBefore = s.Text == "" || strings.ContainsAny(s.Text[len(s.Text)-1:], " \n\t")
	}
	var lines []string
	var line strings.Builder
	n := 0
	for _, wd := range words {
		wl := utf8.RuneCountInString(wd.text)
		if n > 0 && (wd.newline || !wd.glue && n+1+wl > w) {
			lines = append(lines, line.String())
			line.Reset()
			n = 0
		}
		if n > 0 && !wd.glue {
			line.WriteByte(' ')
			n++
		}
		t := wd.text
		switch {
		case wd.seg.Figure:
			t = st.figure(t)
		case wd.seg.Mark:
			t = st.bold(t)
		}
		line.WriteString(t)
		n += wl
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}
