package bot

import (
	"slices"
	"testing"

	"github.com/racebot/racebot/corpus/figure"
)

func TestReframe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"how mnay gpus does deepsek have", "how many gpus does deepsek have"},
		{"hw mcuh did v3 cost??", "how much did v3 cost??"},
		{"wher is deepseek hq", "where is deepseek hq"},
		{"wat did nvidia lose", "what did nvidia lose"},
		{"whos the ceo of anthropic", "who's the ceo of anthropic"},
		{"whta is the h20", "what is the h20"},
		{"wen was stargate announced", "when was stargate announced"},
		{"wehre is stargate uae", "where is stargate uae"},
		// Only an opener, as the first word, and "many" or "much" after
		// "how": names and words one slip from a framing word stay.
		{"aws capex 2025", "aws capex 2025"},                   // one swap from "was"
		{"what did liang wen say", "what did liang wen say"},   // "wen" only opens
		{"nvidia hw revenue", "nvidia hw revenue"},             // hardware
		{"how manly is musk", "how manly is musk"},             // a word
		{"does deepseek hav h100s", "does deepseek hav h100s"}, // not an opener's place
		{"the hat does not fit", "the hat does not fit"},       // a word
		{"whoe is it", "whoe is it"},                           // "who" or "whose"
		{"how many gpus does deepseek have", "how many gpus does deepseek have"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := reframe(tt.in); got != tt.want {
			t.Errorf("reframe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestParseMistyped checks that a question with mistyped framing words is
// read as the same question typed right: what it asks, and what it searches.
func TestParseMistyped(t *testing.T) {
	tests := []struct{ typed, right string }{
		{"how mnay gpus does deepseek have", "how many gpus does deepseek have"},
		{"hw much did deepseek v3 cost", "how much did deepseek v3 cost"},
		{"wen was stargate announced", "when was stargate announced"},
		{"wher is deepseek based", "where is deepseek based"},
		{"whos the ceo of anthropic", "who is the ceo of anthropic"},
	}
	for _, tt := range tests {
		got, want := Parse(tt.typed), Parse(tt.right)
		if got.Asks != want.Asks || !slices.Equal(got.Want, want.Want) || got.Class != want.Class || got.Search != want.Search {
			t.Errorf("Parse(%q) = asks %q want %v class %v search %q; Parse(%q) = asks %q want %v class %v search %q",
				tt.typed, got.Asks, got.Want, got.Class, got.Search, tt.right, want.Asks, want.Want, want.Class, want.Search)
		}
	}
	if q := Parse("how mnay gpus"); !slices.Contains(q.Want, figure.Count) {
		t.Errorf(`Parse("how mnay gpus").Want = %v, want a count`, q.Want)
	}
}
