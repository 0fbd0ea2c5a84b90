package index

import (
	"testing"
)

// TestCollocation: a word and the next one that WordNet holds as one entry
// (a phrasal verb, a compound) are looked up together, since the analyzer
// drops the particle.
func TestCollocation(t *testing.T) {
	for _, tt := range []struct {
		word, rest, want string
	}{
		{"set", " up a lab in hangzhou", "set up"},
		{"took", " over the company", "took over"},
		{"shut", "  down?", "shut down"},
		{"set", " aside", "set aside"},
		{"look", " after", ""},  // an entry, but with no related words
		{"deepseek", " v3", ""}, // names are not in WordNet
		{"set", "", ""},         // the question's last word
		{"set", ", up", ""},     // punctuation between
		{"come", " out", "come out"},
	} {
		if got, _ := collocation(tt.word, tt.rest); got != tt.want {
			t.Errorf("collocation(%q, %q) = %q, want %q", tt.word, tt.rest, got, tt.want)
		}
	}
}

// TestTitleList: a title that lists three or more names is found, so that
// a passage holding a question's name only there is not taken to be about
// it; two names, or words that are not names, are no list.
func TestTitleList(t *testing.T) {
	for _, tt := range []struct{ title, list string }{
		{"Microsoft, Meta, Alphabet and Amazon set record AI spending plans for 2025", "Microsoft, Meta, Alphabet and Amazon"},
		{"When will AGI arrive? What Wang, Altman, Amodei, Hassabis and others have predicted", "What Wang, Altman, Amodei, Hassabis and others"}, // a capitalised word before the first name goes with it
		{"A800, H800 and H20: how Nvidia cut down its AI chips for the Chinese market", "A800, H800 and H20"},
		{"Trillion-dollar forecasts for generative AI: Bloomberg Intelligence, McKinsey, Goldman Sachs and Gartner", "Bloomberg Intelligence, McKinsey, Goldman Sachs and Gartner"},
		{"OpenAI and Microsoft suspect DeepSeek of distilling OpenAI models", ""},
		{"Stargate grows in 2025: Oracle deal, new US sites and projects in the UAE and Norway", ""},
		{"Huawei's Ascend 910B and 910C: China's domestic alternative to Nvidia AI chips", ""},
	} {
		if got := titleListRE.FindString(tt.title); got != tt.list {
			t.Errorf("list in %q = %q, want %q", tt.title, got, tt.list)
		}
	}
}
