package bot

import (
	"slices"
	"testing"

	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index/lexicon"
)

func TestSplitParts(t *testing.T) {
	tests := []struct {
		question string
		parts    []string
	}{
		{"how many GPUs does DeepSeek have", []string{"how many GPUs does DeepSeek have"}},
		{"how many GPUs does DeepSeek have and what did V3 cost?", []string{"how many GPUs does DeepSeek have", "what did V3 cost?"}},
		{"how many GPUs does DeepSeek have? what did V3 cost?", []string{"how many GPUs does DeepSeek have", "what did V3 cost?"}},
		{"is r1 open source, and is it free", []string{"is r1 open source", "is it free"}},
		{"who started deepseek; when", []string{"who started deepseek", "when"}},
		{"what is stargate? who funds it? how much will it cost? where is it?", []string{"what is stargate", "who funds it", "how much will it cost? where is it?"}},
		// "and" before a verb phrase, a noun, or a question word with no
		// verb of its own joins two things of one question.
		{"Who is required to verify and have existing utility lines marked?", []string{"Who is required to verify and have existing utility lines marked?"}},
		{"which companies build and have the most gpus", []string{"which companies build and have the most gpus"}},
		{"how much did nvidia and amd lose", []string{"how much did nvidia and amd lose"}},
		{"Colonialism as a policy is caused by financial and what other reasons?", []string{"Colonialism as a policy is caused by financial and what other reasons?"}},
		{"The Ottoman empire controlled territory on three continents, Africa, Asia and which other?", []string{"The Ottoman empire controlled territory on three continents, Africa, Asia and which other?"}},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			if got := splitParts(tt.question); !slices.Equal(got, tt.parts) {
				t.Errorf("parts %q, want %q", got, tt.parts)
			}
		})
	}
}

// TestAskedByParts: a question asks for what each of its parts asks for,
// and whether it asks about the future stays its own.
func TestAskedByParts(t *testing.T) {
	tests := []struct {
		question string
		want     []figure.Kind // among the kinds asked for
		class    lexicon.Class // among the kinds of name asked for
		future   bool
	}{
		{"how many GPUs does DeepSeek have and what did V3 cost?", []figure.Kind{figure.Count, figure.Money}, 0, false},
		{"who started deepseek and when", []figure.Kind{figure.Date}, lexicon.Person, false},
		{"did australia ban deepseek on government devices? when?", []figure.Kind{figure.Date}, 0, false},
		{"when did australia ban deepseek and when will the ban end", []figure.Kind{figure.Date}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			q := askedByParts(tt.question, Parse(tt.question))
			for _, k := range tt.want {
				if !slices.Contains(q.Want, k) {
					t.Errorf("wants %v, want %v among them", q.Want, k)
				}
			}
			if tt.class != 0 && !q.Class.Has(tt.class) {
				t.Errorf("class %v, want %v", q.Class, tt.class)
			}
			if q.Future != tt.future {
				t.Errorf("future %v, want %v", q.Future, tt.future)
			}
			if q.Search != Parse(tt.question).Search {
				t.Errorf("search %q, want the whole question's %q", q.Search, Parse(tt.question).Search)
			}
		})
	}
	// A question of one part is left as it is.
	q := Parse("how many GPUs does DeepSeek have")
	if got := askedByParts(q.Raw, q); !slices.Equal(got.Want, q.Want) || got.Parts != nil {
		t.Errorf("one part: wants %v, %d parts, want %v and no parts", got.Want, len(got.Parts), q.Want)
	}
	// Each part is also kept as read alone.
	two := "how many GPUs does DeepSeek have and what did V3 cost?"
	parts := askedByParts(two, Parse(two)).Parts
	if len(parts) != 2 || parts[0].Want[0] != figure.Count || !slices.Equal(parts[1].Want, []figure.Kind{figure.Money}) {
		t.Errorf("%q: %d parts, want a count asked first, then money", two, len(parts))
	}
}

// TestRefersBack: a part that says "it" or "they" is about what the part
// before it names; one that names its own subject is not.
func TestRefersBack(t *testing.T) {
	for _, tt := range []struct {
		part string
		want bool
	}{
		{"when did it come online", true},
		{"how many are they selling", true},
		{"what was its cost?", true},
		{"what did V3 cost?", false},
		{"who founded deepseek", false},
		{"is there a waitlist", false},
	} {
		if got := refersBack(tt.part); got != tt.want {
			t.Errorf("refersBack(%q) = %v, want %v", tt.part, got, tt.want)
		}
	}
}
