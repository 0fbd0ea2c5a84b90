package bot

import (
	"slices"
	"strings"
	"testing"

	"github.com/racebot/racebot/corpus/figure"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"How many GPUs does DeepSeek have?", "How many GPUs does DeepSeek have"},
		{"<@123456789> hey bot, how many GPUs does DeepSeek have? thanks!", "how many GPUs does DeepSeek have"},
		{"<@!42> <@&7> <#99> pls when did R1 launch 🙏🚀", "when did R1 launch"},
		{"@racebot yo what's the H20 charge lol", "what's the H20 charge"},
		{"<!channel> <!here|here> how much is Stargate?", "how much is Stargate"},
		{"see https://example.com/x?a=b what is this", "see what is this"},
		{"-how *many* gpus: deepseek?", "how many gpus deepseek"},
		{"$500 billion over 4 years?", "$500 billion over 4 years"},
		{"U.S. export controls", "U.S. export controls"},
		{"\x00\x1b[31mred\u202e evil", "red evil"},
		{"bad \xff utf8", "bad utf8"},
		{"🙂🙂🙂", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseIntent(t *testing.T) {
	tests := []struct {
		q    string
		asks string
		want []figure.Kind
	}{
		{"how many gpus does deepseek have", "how many", []figure.Kind{figure.Count, figure.Quantity}},
		{"how much money is stargate supposed to invest?", "how much", []figure.Kind{figure.Money}},
		{"stargate norway - how much power", "how much", []figure.Kind{figure.Quantity}},
		{"how much slower is the h800 interconnect", "how much", []figure.Kind{figure.Percent, figure.Quantity, figure.Count}},
		{"how much did chip stocks drop overall", "how much", []figure.Kind{figure.Percent, figure.Money}},
		{"when did deepseek r1 come out", "when", []figure.Kind{figure.Date}},
		{"what date was the ai diffusion rule released", "when", []figure.Kind{figure.Date}},
		{"deepseek app store number one when", "when", []figure.Kind{figure.Date, figure.Duration}},
		{"amodei says ai beats humans by when??", "when", []figure.Kind{figure.Date, figure.Duration}},
		{"stargate until when", "when", []figure.Kind{figure.Date, figure.Duration}},
		{"stargate uae opens when…", "when", []figure.Kind{figure.Date, figure.Duration}},
		{"(h20 ban lifted when)", "when", []figure.Kind{figure.Date, figure.Duration}},
		{"when the h20 ban hit, how much did nvidia lose", "how much", []figure.Kind{figure.Money, figure.Quantity, figure.Percent}},
		{"how long until agi", "how long", []figure.Kind{figure.Duration, figure.Date}},
		{"who founded deepseek", "who", nil},
		{"where's the first stargate data center", "where", nil},
		{"what did wang call the race", "", nil},
		{"what was the v3 training cost", "how much", []figure.Kind{figure.Money}},
		{"what % of nvidias 2024 sales came from china", "what percent", []figure.Kind{figure.Percent}},
		{"how much did deepseek v3 cost", "how much", []figure.Kind{figure.Money}},
		{"How much of Jacksonville is made up of water?", "how much", []figure.Kind{figure.Money, figure.Quantity, figure.Percent}},
		// A terse question that names a measure says what is wanted
		// (measured); one written as a sentence does not.
		{"H20 MEMORY SIZE", "", []figure.Kind{figure.Money, figure.Quantity, figure.Count}},
		{"nvda closing price jan 27 2025", "how much", []figure.Kind{figure.Money}},
		{"diffusion rule compliance deadline", "", []figure.Kind{figure.Date}},
		{"annual growth rate in the bloomberg intelligence forecast", "", []figure.Kind{figure.Percent, figure.Quantity}},
		{"h20 fp8 tflops and memory bandwidth", "", []figure.Kind{figure.Quantity, figure.Count}},
		{"deepseek v3 budget", "", []figure.Kind{figure.Money}},
		{"nvidia stock drop jan 27", "", nil},
		{"is the stargate budget 500 billion", "", nil},
		{"how much of nvidia's revenue is paid by china", "how much", []figure.Kind{figure.Money, figure.Quantity, figure.Percent}},
		{"how much memory does the h20 have compared to its price in china", "how much", []figure.Kind{figure.Money, figure.Quantity, figure.Percent}},
		{"stargate abilene opening day", "", []figure.Kind{figure.Date, figure.Duration}},
		// Not a measure: a name, a noun of another kind, a verb, a word
		// whose measure sense is not its first.
		{"deepseek r1", "", nil},
		{"export controls on the a800", "", nil},
		{"baidu robin li agi", "", nil},
		{"australia gov devices deepseek ban", "", nil},
		{"what did nvidia close at on deepseek monday", "", nil},
		{"why can't smic go below 7nm", "", nil},
		{"which city hosts stargate norway", "", nil},
		// "what is X" when X is a noun phrase: its last noun is asked.
		{"whats jensen huangs salary", "", []figure.Kind{figure.Money}},
		{"What is Kenya's literacy rate?", "", []figure.Kind{figure.Percent, figure.Quantity}},
		{"What is the population of Warsaw in 2010?", "", nil},
		{"what is the deadline that did not pass", "", nil},
		{"tell me a joke", "", nil},
		{"What is the basic unit of territorial division in Poland?", "", nil},
		{"did the h20 ban cut the size of nvidia's china sales", "", nil},
	}
	for _, tt := range tests {
		q := Parse(tt.q)
		if q.Asks != tt.asks || !slices.Equal(q.Want, tt.want) {
			t.Errorf("Parse(%q) asks %q want %v; expected %q %v", tt.q, q.Asks, q.Want, tt.asks, tt.want)
		}
	}
}

func TestParseFuture(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"when will agi arrive", true},
		{"how soon could stargate uae open", true},
		{"amodei says ai beats humans by when??", true},
		{"when is agi gonna happen lol", true},
		{"when did altman say agi would come", false},
		{"when was stargate announced", false},
		{"how many gpus will stargate uk have", false},
		{"what did jensen say when asked if china will catch up", false},
	} {
		if got := Parse(tt.q).Future; got != tt.want {
			t.Errorf("Parse(%q).Future = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestSearchWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"How many GPUs does DeepSeek have", "gpus deepseek"},
		{"how big a lead does the us have over china", "a lead the us over china"},
		{"what did wang say about agi", "wang about agi"},
	}
	for _, tt := range tests {
		if got := Parse(tt.in).Search; got != tt.want {
			t.Errorf("Parse(%q).Search = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		in   string
		want string // substring of the message; "" for a valid question
	}{
		{"How many GPUs does DeepSeek have?", ""},
		{"", "Ask me a question"},
		{"   \n\t", "Ask me a question"},
		{strings.Repeat("a", 501), "too long"},
		{strings.Repeat("é", 500), ""},
		{"🙂 <@123>", "could not find a question"},
		{"?*?*", "could not find a question"},
		{"2 7", "at least one word"},
		{"50,000?", "at least one word"},
		{"@racebot 2025", "at least one word"},
		{"h100", ""},
		{"2025 capex", ""},
		{"深度求索 2025", ""},
	}
	for _, tt := range tests {
		got := Validate(tt.in)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("Validate(%.20q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzParse checks that no chat message can crash question parsing or blow
// up in size (numbers gain thousands separators, nothing else grows).
func FuzzParse(f *testing.F) {
	for _, s := range []string{"How many GPUs does DeepSeek have?", "<@1> hey", "/.*/ field:value *", "\u202e\u200d🙂"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := Parse(s)
		if len(q.Search) > 3*len(q.Text)+8 || len(q.Text) > 4*len(s)+4 {
			t.Fatalf("Parse(%q) grew: text %q search %q", s, q.Text, q.Search)
		}
		Validate(s)
	})
}

// FuzzSplitParts checks that no chat message can crash the reading of a
// question as parts, or give none, more than maxParts, or text that is
// not the message's own, in order.
func FuzzSplitParts(f *testing.F) {
	for _, s := range []string{
		"how many GPUs does DeepSeek have and what did V3 cost?",
		"who started deepseek and when",
		"what is stargate? who funds it? how much will it cost?",
		"and what? and how? and when? and it and they",
		"? ? what ; how",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := splitParts(s)
		if len(parts) == 0 || len(parts) > maxParts {
			t.Fatalf("splitParts(%q) gave %d parts", s, len(parts))
		}
		rest := s
		for _, p := range parts {
			i := strings.Index(rest, p)
			if i < 0 {
				t.Fatalf("splitParts(%q): part %q is not the message's, in order", s, p)
			}
			rest = rest[i+len(p):]
		}
		askedByParts(s, Parse(s))
	})
}
