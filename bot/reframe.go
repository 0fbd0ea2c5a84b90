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

// openers are the words a question opens with, and quantities the words
// that follow "how". reframe corrects only to these, and only where they
// stand: a slip of an auxiliary could be anywhere, and "aws" is one swap
// from "was".
var (
	openers    = []string{"how", "what", "whats", "when", "where", "which", "who", "whose", "why"}
	quantities = []string{"many", "much"}
)

// chatFraming are the ways chat writes an opener that are more than one
// slip from it, or are themselves rare English words ("wat" is a Thai
// temple, "wen" a cyst), so that the dictionary would keep them. They are
// read so only as a question's first word: "liang wen" and "nvidia hw"
// name a man and hardware.
var chatFraming = map[string]string{
	"wat": "what", "wut": "what", "wot": "what", "wats": "whats",
	"wen": "when", "whn": "when",
	"wher": "where", "whr": "where", "wheres": "where's",
	"hw": "how", "hows": "how's",
	"whos": "who's",
}

// reframe returns lower, a lower-cased question, with its mistyped
// framing words put right: the first word when it is in chatFraming or a
// slip of an opener, and the word after "how" when it is a slip of "many"
// or "much". A slip is two neighbouring letters swapped, one left out or
// one too many, in a word WordNet does not know: "mnay", "whta", "wehre",
// but not "hat" or "manly".
func reframe(lower string) string {
	words := strings.Fields(lower)
	changed := false
	for i, w := range words {
		bare := strings.TrimRight(w, "?!.,;:")
		var fixed string
		switch {
		case i == 0:
			if f, ok := chatFraming[bare]; ok {
				fixed = f
			} else {
				fixed = slipOf(bare, openers)
			}
		case strings.TrimRight(words[i-1], "?!.,;:") == "how":
			fixed = slipOf(bare, quantities)
		}
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

// slipOf returns the one word of want that w is a slip of, or "".
func slipOf(w string, want []string) string {
	if len(w) < 3 || !isLetters(w) || questionWords[w] || noise[w] || lexicon.Base(w) != nil {
		return ""
	}
	found := ""
	for _, f := range want {
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
