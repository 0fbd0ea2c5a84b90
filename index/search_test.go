package index

import "testing"

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
