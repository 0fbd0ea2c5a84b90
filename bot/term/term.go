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

// WriteAnswer prints an answer for a person: figures first, then the
// passages quoted, then the sources they come from. Passages racebot is
// not confident answer are introduced by bot.Hedge, so that nobody takes
// the closest it has for an answer.
func WriteAnswer(w io.Writer, a *bot.Answer, st Style) {
	fmt.Fprintln(w, st.bold(a.Question))
	hedged := a.Answered && !a.Confident
	if hedged {
		for _, l := range Wrap(bot.Hedge, Width) {
			fmt.Fprintln(w, l)
		}
	}
	fmt.Fprintln(w)
	if !a.Answered {
		for _, l := range Wrap(a.Message, Width) {
			fmt.Fprintln(w, l)
		}
		if len(a.Suggestions) > 0 {
			fmt.Fprintln(w)
			fmt.Fprintln(w, "The closest articles I have:")
			for _, s := range a.Suggestions {
				for i, l := range Wrap(s.Title, Width-4) {
					prefix := "  • "
					if i > 0 {
						prefix = "    "
					}
					fmt.Fprintln(w, prefix+l)
				}
			}
		}
		return
	}

	refs := a.References()
	shown := make(map[string]bool)
	for _, d := range a.Disagreements {
		fmt.Fprintln(w, st.bold(d.Heading()))
		for _, f := range d.Figures {
			writeFigure(w, f, refs, st)
			shown[f.Key()] = true
		}
		fmt.Fprintln(w)
	}
	var rest []bot.Figure
	for _, f := range a.Figures {
		if !shown[f.Key()] {
			rest = append(rest, f)
		}
	}
	if len(rest) > 0 {
		fmt.Fprintln(w, st.bold(a.FiguresHeading()))
		for _, f := range rest {
			writeFigure(w, f, refs, st)
		}
		fmt.Fprintln(w)
	}

	for _, p := range a.Passages {
		ref := fmt.Sprintf("[%d] ", refs.Add(p.Citation))
		lines := wrapSegments(p.Segments(), Width-len(ref), st)
		for i, l := range lines {
			prefix := strings.Repeat(" ", len(ref))
			if i == 0 {
				prefix = ref
			}
			fmt.Fprintln(w, prefix+l)
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintln(w, st.bold("Sources:"))
	for i, c := range refs.List() {
		ref := fmt.Sprintf("[%d] ", i+1)
		text := fmt.Sprintf("%s, ¶%d", c.Cite(), c.Paragraph)
		for j, l := range Wrap(text, Width-len(ref)) {
			prefix := strings.Repeat(" ", len(ref))
			if j == 0 {
				prefix = ref
			}
			fmt.Fprintln(w, prefix+l)
		}
		fmt.Fprintln(w, strings.Repeat(" ", len(ref))+st.dim(c.URL))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, st.dim(bot.Footer(a, time.Local)))
}

func writeFigure(w io.Writer, f bot.Figure, refs *bot.References, st Style) {
	rest := fmt.Sprintf(" [%d]", refs.Add(f.Citation()))
	if who := f.Byline(); who != "" {
		rest = " — " + who + rest
	}
	if utf8.RuneCountInString("  • "+f.Text+rest) <= Width {
		fmt.Fprintln(w, "  • "+st.figure(f.Text)+rest)
		return
	}
	fmt.Fprintln(w, "  • "+st.figure(f.Text))
	for _, l := range Wrap(strings.TrimPrefix(rest, " "), Width-6) {
		fmt.Fprintln(w, "      "+l)
	}
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
