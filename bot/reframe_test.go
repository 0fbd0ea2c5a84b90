package bot

import (
	"slices"
	"testing"

	"github.com/racebot/racebot/corpus/figure"
)

func TestReframe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"how mnay gpus does deepsek hav", "how many gpus does deepsek have"},
		{"hw mcuh did v3 cost??", "how much did v3 cost??"},
		{"wher is deepseek hq", "where is deepseek hq"},
		{"wat did nvidia lose", "what did nvidia lose"},
		{"whos the ceo of anthropic", "who's the ceo of anthropic"},
		{"whta is the h20, waht is the h800", "what is the h20, what is the h800"},
		{"wen was stargate announced", "when was stargate announced"},
		// Words, names and numbers one slip from a framing word stay.
		{"the hat does not fit", "the hat does not fit"},
		{"a dose of ai", "a dose of ai"},
		{"how many gpus does deepseek have", "how many gpus does deepseek have"},
		{"v3 vs r1 in 2025", "v3 vs r1 in 2025"},
		{"the mao era", "the mao era"},
		// "whoe" is a slip from "who" and from "whose": neither is sure.
		{"whoe is it", "whoe is it"},
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
		{"how mnay gpus does deepseek hav", "how many gpus does deepseek have"},
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
