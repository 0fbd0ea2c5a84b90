package bot

import (
	"strings"

	"github.com/racebot/racebot/index/lexicon"
)

// Chat mistypes the words a question is framed by as often as any other
// ("how mnay gpus", "wher is", "does it hav"), and those words decide
// what kind of answer is wanted: left as typed, "how mnay" asks for no
// count, and "mnay" is searched for as a name no passage holds, which
// counts against answering at all. The index corrects misspelt names
// against its own terms; these words are not among them (the analyzer
// drops most), so they are put right here, before the question is read.

// framingWords are the words reframe corrects to.
var framingWords = []string{
	"how", "many", "much", "what", "whats", "when", "where", "which", "who", "whose", "why",
	"have", "does", "did", "was", "were", "are",
}

// chatFraming are the ways chat writes framing words that are more than
// one slip from them, or are themselves rare English words ("wat" is a
// Thai temple, "wen" a cyst), so that the dictionary would keep them.
var chatFraming = map[string]string{
	"wat": "what", "wut": "what", "wot": "what", "wats": "whats",
	"wen": "when", "whn": "when",
	"wher": "where", "whr": "where", "wheres": "where's",
	"hw": "how", "hows": "how's",
	"whos": "who's",
}

// reframe returns lower, a lower-cased question, with its mistyped
// framing words put right. A word is taken for a slip when it is in
// chatFraming, or when it is one slip (two neighbouring letters swapped,
// one left out or one too many) from a framing word and neither WordNet
// nor the framing words know it: "mnay", "hav", "whta", but not "hat" or
// "doe", which are words.
func reframe(lower string) string {
	words := strings.Fields(lower)
	changed := false
	for i, w := range words {
		bare := strings.TrimRight(w, "?!.,;:")
		fixed := framingSlip(bare)
		if fixed == "" {
			continue
		}
		words[i] = fixed + w[len(bare):]
		changed = true
	}
	if !changed {
		return lower
	}
	return strings.Join(words, " ")
}

// framingSlip returns the framing word w was meant to be, or "".
func framingSlip(w string) string {
	if f, ok := chatFraming[w]; ok {
		return f
	}
	if len(w) < 3 || !isLetters(w) || questionWords[w] || noise[w] || lexicon.Base(w) != nil {
		return ""
	}
	found := ""
	for _, f := range framingWords {
		if oneSlip(w, f) {
			if found != "" {
				return "" // "whoe": "who" or "whose"; neither is sure
			}
			found = f
		}
	}
	return found
}

// oneSlip reports whether typed is want with two neighbouring letters
// swapped, one letter left out, or one letter too many.
func oneSlip(typed, want string) bool {
	switch len(typed) - len(want) {
	case 0:
		for i := 0; i+1 < len(want); i++ {
			if typed[i] != want[i] {
				return typed[i] == want[i+1] && typed[i+1] == want[i] && typed[i+2:] == want[i+2:]
			}
		}
		return false
	case -1:
		return dropsOne(want, typed)
	case 1:
		return dropsOne(typed, want)
	}
	return false
}

// dropsOne reports whether short is long with one letter removed.
func dropsOne(long, short string) bool {
	for i := 0; i < len(long); i++ {
		if long[:i]+long[i+1:] == short {
			return true
		}
	}
	return false
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
