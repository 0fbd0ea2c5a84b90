package corpus_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/racebot/racebot/corpus"
)

// FuzzParse feeds arbitrary bytes to the article parser: it must never
// panic, must report failures as *ParseError with a line inside the file,
// and must only return well-formed passages.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("articles/*.md")
	more, _ := filepath.Glob("testdata/split/*.md")
	for _, s := range append(seeds, more...) {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(header + "- only\n- bullets\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\ntitle: &a [*a]\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := corpus.Parse("fuzz.md", data)
		lines := strings.Count(string(data), "\n") + 1
		if err != nil {
			var pe *corpus.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.Line < 0 || pe.Line > lines+1 {
				t.Fatalf("error line %d outside a %d-line file", pe.Line, lines)
			}
			return
		}
		if len(a.Passages) == 0 {
			t.Fatal("parsed article has no passages")
		}
		checkPassages(t, a.Passages, lines)
	})
}

// FuzzSplit feeds arbitrary bodies to the passage splitter.
func FuzzSplit(f *testing.F) {
	f.Add("Para one.\n\nPara two.\n")
	f.Add("Heading Line\nA paragraph line that is long enough to count as one.\n- bullet\n- bullet\n")
	f.Add("## h\n\n1. one\n2) two\n\n**Bold Heading**\n")
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return // Parse rejects invalid UTF-8 before splitting
		}
		ps := corpus.Split(body, 1)
		checkPassages(t, ps, strings.Count(body, "\n")+1)
	})
}

func checkPassages(t *testing.T, ps []corpus.Passage, lines int) {
	t.Helper()
	for i, p := range ps {
		if p.Paragraph != i+1 {
			t.Fatalf("passage %d numbered %d", i+1, p.Paragraph)
		}
		if strings.TrimSpace(p.Text) == "" {
			t.Fatalf("passage %d is blank", p.Paragraph)
		}
		if len(p.Text) > 1800 {
			t.Fatalf("passage %d is %d bytes", p.Paragraph, len(p.Text))
		}
		if p.Line < 1 || p.Line > lines+20 {
			t.Fatalf("passage %d at line %d of %d", p.Paragraph, p.Line, lines)
		}
		for _, r := range p.Text {
			if r != '\n' && r < ' ' {
				t.Fatalf("passage %d holds control character %U", p.Paragraph, r)
			}
		}
		for _, fg := range p.Figures {
			if fg.Start < 0 || fg.End > len(p.Text) || fg.Start > fg.End || p.Text[fg.Start:fg.End] != fg.Text {
				t.Fatalf("passage %d: figure %q has bad offsets %d:%d", p.Paragraph, fg.Text, fg.Start, fg.End)
			}
		}
	}
}
