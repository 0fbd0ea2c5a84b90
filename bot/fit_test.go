package bot_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/corpus/figure"
)

// unit is how a platform counts characters.
type unit struct {
	name string
	len  func(string) int
}

// The ways platforms count: Slack and the terminal in runes, Discord in
// UTF-16 code units, and some limits are in bytes.
var (
	inRunes = unit{"runes", utf8.RuneCountInString}
	inBytes = unit{"bytes", func(s string) int { return len(s) }}
	inUTF16 = unit{"utf16", func(s string) int { return len(utf16.Encode([]rune(s))) }}
)

// plain is a renderer of documents as plain text for the tests of Fit:
// a line per block and item, within max characters counted in unit and
// at most lines lines when lines is set.
type plain struct {
	unit  unit
	max   int
	lines int
}

// Fits implements bot.Renderer.
func (p plain) Fits(s string) bool {
	return p.unit.len(s) <= p.max && (p.lines == 0 || strings.Count(s, "\n") <= p.lines)
}

// Render implements bot.Renderer: a line per block and item.
func (p plain) Render(d *bot.Document) string {
	var out []string
	for _, b := range d.Blocks {
		switch b.Kind {
		case bot.BlockQuote:
			out = append(out, fmt.Sprintf("[%d] %s", b.Quote.Ref, p.cut(b.Quote.Passage.Text, b.Quote.Max)))
		case bot.BlockReferences:
			for _, r := range b.Refs {
				out = append(out, fmt.Sprintf("[%d] %s", r.N, r.Cite()))
			}
		default:
			out = append(out, strings.TrimSpace(b.Text+" "+b.Count()))
		}
		for _, f := range b.Figures {
			out = append(out, fmt.Sprintf("• %s — %s [%d]", f.Text, f.Byline, f.Ref))
		}
		for _, l := range b.Links {
			out = append(out, "• "+l.Label())
		}
		for _, s := range b.Articles {
			out = append(out, "• "+s.Label())
		}
		for _, f := range b.Feeds {
			out = append(out, "• "+f.Name+" — "+f.Summary)
		}
		if m := b.More(); m != "" {
			out = append(out, m)
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// cut shortens s to at most n characters in p's unit, ending in "…".
func (p plain) cut(s string, n int) string {
	if p.unit.len(s) <= n {
		return s
	}
	room := n - p.unit.len("…")
	end := 0
	for i, r := range s {
		if room -= p.unit.len(string(r)); room < 0 {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	return s[:end] + "…"
}

// blocks is a document of the given kinds and priorities, each block of
// about size characters, for the tests of which block gives way.
func blocks(size int, parts ...bot.Priority) *bot.Document {
	d := &bot.Document{Kind: bot.DocAnswer}
	for i, p := range parts {
		d.Blocks = append(d.Blocks, bot.Block{Kind: bot.BlockNotice, Priority: p, Text: fmt.Sprintf("%d%s", i, strings.Repeat("x", size-1))})
	}
	return d
}

// texts are the texts of a document's blocks.
func texts(d *bot.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, b.Text[:1])
	}
	return out
}

// TestFitGivesWayByPriority: the block of lowest priority gives way
// first, an earlier block of the same priority takes the room before a
// later one, and a required block is never dropped.
func TestFitGivesWayByPriority(t *testing.T) {
	const (
		extra  = bot.PriorityExtra
		normal = bot.PriorityNormal
		lead   = bot.PriorityLead
		req    = bot.PriorityRequired
	)
	lines := func(n int) plain { return plain{unit: inRunes, max: 1 << 20, lines: n} }
	tests := []struct {
		name  string
		doc   *bot.Document
		limit plain
		want  []string // the first character of each block kept
	}{
		{"all fit", blocks(10, req, normal, extra), lines(3), []string{"0", "1", "2"}},
		{"lowest first", blocks(10, req, normal, extra, normal), lines(3), []string{"0", "1", "3"}},
		{"lowest first, whatever its place", blocks(10, extra, normal, lead, req), lines(3), []string{"1", "2", "3"}},
		{"later and higher is kept", blocks(10, normal, lead, req), lines(2), []string{"1", "2"}},
		{"earlier and equal takes the room first", blocks(10, normal, normal, req), lines(2), []string{"0", "2"}},
		{"by length, in bytes", blocks(10, normal, extra, lead), plain{unit: inBytes, max: 22}, []string{"0", "2"}},
		{"required kept over the limit", blocks(10, req, extra, req, req), lines(2), []string{"0", "2", "3"}},
		{"no room: all but required dropped", blocks(10, extra, normal, lead, req), plain{unit: inRunes, max: 0}, []string{"3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := bot.Fit(tt.doc, tt.limit)
			if g := texts(got); !slices.Equal(g, tt.want) {
				t.Errorf("kept %q, want %q", g, tt.want)
			}
		})
	}
}

// longAnswer is an answer far over any platform's room: long passages
// dense with multibyte text and emoji, many figures from many sources, a
// long question.
func longAnswer(passageLen, figures int) *bot.Answer {
	text := func(seed string, n int) string {
		var b strings.Builder
		for i, k := 0, 0; k < n; i++ {
			w := fmt.Sprintf("%s %d 数字 🚀 GPUs, ", seed, i)
			b.WriteString(w)
			k += utf8.RuneCountInString(w)
		}
		return string([]rune(b.String())[:n])
	}
	a := &bot.Answer{Question: text("how many", 300), Answered: true, Confident: true, Took: time.Millisecond}
	for i := range 3 {
		c := bot.Citation{Doc: fmt.Sprintf("doc-%d", i), Paragraph: 1, Title: text("title", 100), Publisher: "P", URL: "https://example.com/"}
		a.Passages = append(a.Passages, bot.Passage{Citation: c, Text: text(fmt.Sprintf("passage %d", i), passageLen),
			Highlights: []bot.Span{{Start: 0, End: 7}}})
	}
	for i := range figures {
		v := float64(i)
		a.Figures = append(a.Figures, bot.Figure{Figure: figure.Figure{Text: text("about", 60), Value: &v, Claimant: text("claimant", 40), Start: i},
			Doc: fmt.Sprintf("fig-%d", i), Paragraph: i + 1, Title: text("figure", 20), Publisher: "Q"})
	}
	a.Disagreements = []bot.Disagreement{{About: "GPUs", Figures: a.Figures[:min(len(a.Figures), 4)]}}
	return a
}

// reRef is a reference number as the plain renderer writes it after a
// figure or before a quote or citation.
var reRef = regexp.MustCompile(`\[(\d+)\]`)

// checkRefs fails unless the references of d are numbered 1 to n with no
// gap, and every number a quote or figure shows is among them.
func checkRefs(t *testing.T, d *bot.Document) {
	t.Helper()
	listed := make(map[int]bool)
	for _, b := range d.Blocks {
		for i, r := range b.Refs {
			if r.N != i+1 {
				t.Errorf("reference %d is numbered %d", i+1, r.N)
			}
			listed[r.N] = true
		}
	}
	for _, b := range d.Blocks {
		if b.Quote != nil && !listed[b.Quote.Ref] {
			t.Errorf("quote cites [%d], which is not listed", b.Quote.Ref)
		}
		for _, f := range b.Figures {
			if !listed[f.Ref] {
				t.Errorf("figure %.20q cites [%d], which is not listed", f.Text, f.Ref)
			}
		}
	}
}

// span is a range of sizes.
type span struct{ lo, hi int }

// TestFitWithinLimits fits answers, from one that fits whole to ones far
// over any platform's room, for renderers that count in runes, bytes and
// UTF-16 units: the message is within the limit unless the required
// blocks alone are not, they are all kept, every number shown has its
// source, and quotes and figures give way in the order of their
// priorities.
func TestFitWithinLimits(t *testing.T) {
	hand := bottest.HandAnswer(true, true, time.Time{})
	whole, cut := span{bot.MaxQuote, bot.MaxQuote}, span{bot.MinQuote, bot.MaxQuote - 1}
	tests := []struct {
		name    string
		answer  *bot.Answer
		max     int
		quotes  []span // the Max of each quote kept; nil: not checked
		figures span   // how many figure lines are kept
	}{
		{"fits whole", hand, 2000, []span{whole}, span{1, 1}},
		// About 440 characters are required; a figure line and its
		// source take about 150, a quote's source 115.
		{"later passages give way first", longAnswer(1500, 2), 2500, []span{whole, cut}, span{2, 2}},
		{"then the first is cut, figures kept", longAnswer(1500, 10), 2600, []span{cut}, span{10, 10}},
		// The figures take the room above the first quote's MinQuote, which
		// then has what they leave: less than a figure more.
		{"figures give way once it is at MinQuote", longAnswer(1500, 10), 1500, []span{{bot.MinQuote, bot.MinQuote + 200}}, span{1, 9}},
		{"pathological: megabyte passages, 500 figures", longAnswer(1<<20, 500), 3000, nil, span{0, 10}},
		{"pathological: no room at all", longAnswer(5000, 50), 10, []span{}, span{0, 0}},
	}
	for _, u := range []unit{inRunes, inBytes, inUTF16} {
		for _, tt := range tests {
			t.Run(u.name+"/"+tt.name, func(t *testing.T) {
				r := plain{unit: u, max: tt.max}
				d := bot.AnswerDocument(tt.answer, time.UTC)
				got, msg := bot.Fit(d, r)
				checkRefs(t, got)
				required := &bot.Document{Kind: d.Kind}
				for _, b := range d.Blocks {
					if b.Priority == bot.PriorityRequired {
						required.Blocks = append(required.Blocks, b)
					}
				}
				var quotes []int
				figures, kept := 0, 0
				for _, b := range got.Blocks {
					if b.Priority == bot.PriorityRequired {
						kept++
					}
					if b.Quote != nil {
						quotes = append(quotes, b.Quote.Max)
					}
					figures += len(b.Figures)
				}
				if kept != len(required.Blocks) {
					t.Errorf("kept %d required blocks of %d", kept, len(required.Blocks))
				}
				// Within the limit, unless the required blocks alone are not.
				if r.Fits(r.Render(required)) && !r.Fits(msg) {
					t.Errorf("%d %s, over the limit of %d", u.len(msg), u.name, tt.max)
				}
				t.Logf("%d %s; quotes cut to %v; %d figure lines", u.len(msg), u.name, quotes, figures)
				if u.name != inRunes.name {
					return // the sizes below are for text counted in runes
				}
				if figures < tt.figures.lo || figures > tt.figures.hi {
					t.Errorf("%d figure lines kept, want %d to %d", figures, tt.figures.lo, tt.figures.hi)
				}
				if tt.quotes == nil {
					return
				}
				if len(quotes) != len(tt.quotes) {
					t.Fatalf("quotes cut to %v, want %v", quotes, tt.quotes)
				}
				for i, q := range quotes {
					if q < tt.quotes[i].lo || q > tt.quotes[i].hi {
						t.Errorf("quote %d cut to %d, want %d to %d", i+1, q, tt.quotes[i].lo, tt.quotes[i].hi)
					}
				}
			})
		}
	}
}
