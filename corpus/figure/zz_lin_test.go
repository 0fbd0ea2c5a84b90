package figure

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZLin(t *testing.T) {
	if os.Getenv("FIGLIN") == "" {
		t.Skip()
	}
	for _, pat := range []string{"Aa, Bb said 5% ", "Aa and ", "Aa, ", "10 GPUs they claim ", ", which Aa said $5 ", "he said 5 ",
		"Aa's statement on Bb said 5 ", "the report said 3 ", "and said 2 ", ", and Aa put it at 7 ", "\"5,\" said Aa ", "Aa said ", "according to Aa ", "Aa Bb Cc said 5 "} {
		small := strings.Repeat(pat, 1<<13/len(pat)+1)
		large := strings.Repeat(pat, 16*(1<<13/len(pat)+1))
		ts, tl := minTime(small), minTime(large)
		fmt.Printf("%-30q %v %v ratio %.1f\n", pat, ts, tl, float64(tl)/float64(ts))
	}
}
