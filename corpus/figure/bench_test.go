package figure

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// paragraphsFile holds the paragraphs of the starter corpus, one a line.
const paragraphsFile = "paragraphs.txt"

func readParagraphs(tb testing.TB) []string {
	tb.Helper()
	fh, err := os.Open(filepath.Join("testdata", paragraphsFile))
	if err != nil {
		tb.Fatal(err)
	}
	defer fh.Close()
	var ps []string
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			ps = append(ps, s)
		}
	}
	return ps
}

// BenchmarkExtract extracts one paragraph of the starter corpus per
// operation, so ns/op, B/op and allocs/op are per paragraph.
func BenchmarkExtract(b *testing.B) {
	ps := readParagraphs(b)
	total := 0
	for _, p := range ps {
		total += len(p)
	}
	b.SetBytes(int64(total / len(ps)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Extract(ps[i%len(ps)])
	}
}

// BenchmarkExtract500 measures a typical 500-byte news paragraph.
func BenchmarkExtract500(b *testing.B) {
	p := "Zuckerberg said Meta would spend $60 billion to $65 billion on capital expenditures in 2025; " +
		"Meta's chief financial officer Susan Li had previously put 2024 spending at around $38 billion to $40 billion. " +
		"Zuckerberg said Meta would bring roughly 1 gigawatt of compute online during 2025, finish the year with more " +
		"than 1.3 million GPUs, and build a data center of over 2 gigawatts in Richland Parish, Louisiana, large enough " +
		"to \"cover a significant part of Manhattan.\" SemiAnalysis estimated that DeepSeek has about 50,000 Nvidia GPUs."
	b.SetBytes(int64(len(p)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(p)
	}
}
