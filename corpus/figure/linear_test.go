package figure

import (
	"fmt"
	"strings"
	"testing"
)

// hostilePatterns are inputs that a careless extractor handles in
// quadratic time: long runs of number words, separators, qualifiers,
// attributions, pronouns and lists.
var hostilePatterns = []string{
	"one hundred ", "1,22", "A1", "Aa ", "about ", "$", "1 234 ", "1-", ". ", "a ", "twenty-one ",
	"Aa said ", "according to Aa ", "between 1 and ", "2026 or ", "½", "-1", "$1.2bn ", "10,000 GPUs ",
	"one and a half ", "H100s ", "No. 1 ", "over ", "Jan. 27, 2025 ", "per cent of ", "\xff", "9^9^",
	"Aa, Bb said 5% ", "Aa and ", "Aa, ", "10 GPUs they claim ", ", which Aa said $5 ", "he said 5 ",
	"Aa's statement on Bb said 5 ", "the report said 3 ", "and said 2 ", ", and Aa put it at 7 ", "\"5,\" said Aa ",
}

// BenchmarkExtractHostile measures extraction of each hostile pattern
// repeated to 8 KB and to 32 KB. Time per byte (ns/op divided by the size,
// or MB/s) must stay about the same at both sizes; a quadratic path shows as
// MB/s falling fourfold. Run it with go test -bench ExtractHostile. (This is
// a benchmark, not a test: timings on a shared machine are too noisy to
// assert on.)
func BenchmarkExtractHostile(b *testing.B) {
	for i, pat := range hostilePatterns {
		for _, size := range []int{8 << 10, 32 << 10} {
			text := strings.Repeat(pat, size/len(pat)+1)
			b.Run(fmt.Sprintf("%02d/%dKB", i, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					Extract(text)
				}
			})
		}
	}
}

// TestHostileInputs checks that the hostile patterns, at a size where a
// quadratic path would take minutes, produce well-formed figures.
func TestHostileInputs(t *testing.T) {
	for _, pat := range hostilePatterns {
		text := strings.Repeat(pat, (64<<10)/len(pat)+1)
		for _, f := range Extract(text) {
			if f.Start < 0 || f.End > len(text) || text[f.Start:f.End] != f.Text {
				t.Fatalf("%q: figure %q has bad offsets", pat, f.Text)
			}
		}
	}
}
