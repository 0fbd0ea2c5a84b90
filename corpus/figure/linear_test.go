package figure

import (
	"strings"
	"testing"
	"time"
)

// TestLinearTime guards against quadratic behaviour on hostile inputs: four
// times the text must not take much more than four times as long. The bound
// is loose because the machine may be busy.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	patterns := []string{
		"one hundred ", "1,22", "A1", "Aa ", "about ", "$", "1 234 ", "1-", ". ", "a ", "twenty-one ",
		"Aa said ", "according to Aa ", "between 1 and ", "2026 or ", "½", "-1", "$1.2bn ", "10,000 GPUs ",
		"one and a half ", "H100s ", "No. 1 ", "over ", "Jan. 27, 2025 ", "per cent of ", "\xff", "9^9^",
		// Attribution: long sentences full of sources, pronouns and lists.
		"Aa, Bb said 5% ", "Aa and ", "Aa, ", "10 GPUs they claim ", ", which Aa said $5 ", "he said 5 ",
		"Aa's statement on Bb said 5 ", "the report said 3 ", "and said 2 ", ", and Aa put it at 7 ", "\"5,\" said Aa ",
	}
	const base = 1 << 13
	for _, pat := range patterns {
		small := strings.Repeat(pat, base/len(pat)+1)
		large := strings.Repeat(pat, 4*(base/len(pat)+1))
		ts, tl := minTime(small), minTime(large)
		if tl > 16*ts+2*time.Millisecond {
			t.Errorf("%q: %v for %d bytes but %v for %d bytes: not linear", pat, ts, len(small), tl, len(large))
		}
	}
}

func minTime(s string) time.Duration {
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		Extract(s)
		if d := time.Since(start); d < best {
			best = d
		}
	}
	return best
}
