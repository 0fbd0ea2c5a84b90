package figure

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzExtract checks the invariants every caller relies on: Extract never
// panics, each Text is the byte span [Start, End) of the input, figures are
// ordered and do not overlap, and every number is finite with Low <= High.
func FuzzExtract(f *testing.F) {
	for _, c := range readNewsSeeds(f) {
		f.Add(c)
	}
	for _, s := range []string{
		"", " ", "$", "%", "-", "1", "a", "one", "half", "No. 1", "192.168.1.2", "1,2,3,4", "1e999", "9^999",
		"99999999999999999999999999999 trillion", "$1.2bn", "US$ 1MM", "between 2 and", "two to", "2026 or",
		"\xff\xfe1,000\x00 GPUs", "１２３", "⅔ million", "1 234 567 890 123 456", "- - - 5", "over over over 5",
		"5/17/2018", "http://a.com/?q=30%25", "Jan. 27, 2025", "12 ft 2 in", "½ teaspoon", "1.1^--23",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkInvariants(t, text, Extract(text))
	})
}

func checkInvariants(t *testing.T, text string, figs []Figure) {
	t.Helper()
	prevEnd := 0
	for i, g := range figs {
		if g.Start < 0 || g.End > len(text) || g.Start >= g.End {
			t.Fatalf("figure %d: bad span [%d,%d) in %d bytes", i, g.Start, g.End, len(text))
		}
		if text[g.Start:g.End] != g.Text || g.Text == "" {
			t.Fatalf("figure %d: Text %q is not text[%d:%d]", i, g.Text, g.Start, g.End)
		}
		if g.Start < prevEnd {
			t.Fatalf("figure %d %q overlaps or precedes the one before", i, g.Text)
		}
		prevEnd = g.End
		for _, p := range []*float64{g.Value, g.Low, g.High} {
			if p != nil && (math.IsNaN(*p) || math.IsInf(*p, 0)) {
				t.Fatalf("figure %d %q: value not finite", i, g.Text)
			}
		}
		if g.Value != nil && (g.Low != nil || g.High != nil) {
			t.Fatalf("figure %d %q: both a value and a range", i, g.Text)
		}
		if (g.Low == nil) != (g.High == nil) {
			t.Fatalf("figure %d %q: half a range", i, g.Text)
		}
		if g.Low != nil && *g.Low > *g.High {
			t.Fatalf("figure %d %q: Low %v > High %v", i, g.Text, *g.Low, *g.High)
		}
		if g.Kind == "" {
			t.Fatalf("figure %d %q: no kind", i, g.Text)
		}
	}
}

// readNewsSeeds returns the sentences of the golden file and the paragraphs
// of the benchmark corpus as fuzz seeds.
func readNewsSeeds(tb testing.TB) []string {
	var seeds []string
	for _, name := range []string{newsFile, paragraphsFile} {
		fh, err := os.Open(filepath.Join("testdata", name))
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
		for sc.Scan() {
			seeds = append(seeds, sc.Text())
		}
		fh.Close()
	}
	return seeds
}

// TestInvariantsOnCorpus runs the fuzz invariants over the seed corpus and
// some hostile inputs, so that plain "go test" covers them too.
func TestInvariantsOnCorpus(t *testing.T) {
	for _, s := range readNewsSeeds(t) {
		checkInvariants(t, s, Extract(s))
	}
	huge := make([]byte, 0, 1<<20)
	for len(huge) < 1<<20 {
		huge = append(huge, "about $1,234.5 billion to 2,000 GPUs\xff 2026 or 2027 — 5%, "...)
	}
	checkInvariants(t, string(huge), Extract(string(huge)))
}

// TestConcurrentExtract runs Extract from several goroutines: it shares only
// read-only tables, so "go test -race" must stay quiet.
func TestConcurrentExtract(t *testing.T) {
	seeds := readNewsSeeds(t)
	done := make(chan struct{})
	for range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for _, s := range seeds {
				Extract(s)
			}
		}()
	}
	for range 4 {
		<-done
	}
}
