package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/racebot/racebot/index/lexicon"
)

// name is a proper name in a passage ("Hangzhou", "Liang Wenfeng",
// "Financial Times"): a run of capitalised words, with the kinds of thing
// WordNet says it is. A name WordNet does not know has no class; it is
// still a name, and may be what a "who" question asks for.
type name struct {
	lower      string // its words, lower case, one space apart
	first, pos int    // index in the passage's tokens of its first word, and its term position
	words      int
	class      lexicon.Class
}

// maxNameWords bounds a name: longer runs of capitals are titles, not
// names.
const maxNameWords = 4

// run is a run of capitalised words of a passage: tokens [first, end).
type run struct{ first, end int }

// runs finds the runs of capitalised words of a passage, the names it may
// hold, without asking what they are: cheap enough for every candidate.
func runs(text string, toks []token) []run {
	var out []run
	for i := 0; i < len(toks); {
		if !capitalised(text, toks[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && j-i < maxNameWords && toks[j].pos == toks[j-1].pos+1 && capitalised(text, toks[j]) &&
			!strings.ContainsAny(text[toks[j-1].end:toks[j].start], ",;:.()\"“”") {
			j++
		}
		out = append(out, run{i, j})
		i = j
	}
	return out
}

// names finds the proper names of a passage among its runs of capitals,
// with what WordNet says they are.
func names(text string, toks []token, rs []run) []name {
	var out []name
	for _, r := range rs {
		words := make([]string, 0, r.end-r.first)
		for _, t := range toks[r.first:r.end] {
			words = append(words, strings.ToLower(text[t.start:t.end]))
		}
		nm := name{lower: strings.Join(words, " "), first: r.first, pos: toks[r.first].pos, words: r.end - r.first}
		nm.class = lexicon.Classes(nm.lower)
		if nm.class == 0 {
			nm.class = lexicon.Classes(words[len(words)-1])
		}
		// A capitalised word that starts a sentence is a name only if it
		// is one: "However" and "The" are not, "Warsaw" is.
		if !(len(words) == 1 && sentenceStart(text, toks[r.first].start) && isEnglish(words[0]) && !lexicon.Instance(words[0])) {
			out = append(out, nm)
		}
	}
	return out
}

// capitalised reports whether a token starts with a capital letter, as
// names are written ("Hangzhou", "NVIDIA"; not "iPhone").
func capitalised(text string, t token) bool {
	r, _ := utf8.DecodeRuneInString(text[t.start:])
	return unicode.IsUpper(r)
}

// sentenceEnd returns where the sentence holding byte from ends: after the
// first full stop, question or exclamation mark followed by a space, or at
// the first line break (a list item), or at the end of text.
func sentenceEnd(text string, from int) int {
	for i := from; i < len(text); i++ {
		switch text[i] {
		case '\n':
			return i
		case '.', '?', '!':
			if i+1 < len(text) && text[i+1] == ' ' {
				return i + 1
			}
		}
	}
	return len(text)
}

// sentenceStart reports whether the text before at ends a sentence, or
// there is none.
func sentenceStart(text string, at int) bool {
	before := strings.TrimRight(text[:at], " \t\n\"“‘'(")
	return before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "?") ||
		strings.HasSuffix(before, "!") || strings.HasSuffix(before, ":")
}
