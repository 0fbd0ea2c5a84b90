package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// wordsTokenizer is the name of racebot's tokenizer in Bleve's registry.
const wordsTokenizer = "racebot_words"

// wordTokenizer splits text into words exactly as Bleve's unicode tokenizer
// (Unicode word boundaries, UAX #29) does, several times faster on the text
// news is written in: ASCII letters, digits and punctuation, curly quotes
// and dashes. Any other character sends the whole input to the unicode
// tokenizer, so the two always agree (see FuzzWordTokenizer). Tokenizing is
// the largest single cost of building the index.
type wordTokenizer struct {
	fallback analysis.Tokenizer
}

func init() {
	err := registry.RegisterTokenizer(wordsTokenizer, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return &wordTokenizer{fallback: unicode.NewUnicodeTokenizer()}, nil
	})
	if err != nil {
		panic(err)
	}
}

// Character classes of UAX #29 that occur in the fast path.
const (
	cOther     = iota // breaks words, never part of one
	cLetter           // ALetter
	cDigit            // Numeric
	cMidLetter        // ':' joins letters
	cMidNum           // ',' ';' join digits
	cMidNumLet        // '.' '\'' ‘ ’ join letters or digits
	cFallback         // anything the fast path does not model
)

var asciiClass = func() (t [128]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = cLetter, cLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	t[':'] = cMidLetter
	t[','], t[';'] = cMidNum, cMidNum
	t['.'], t['\''] = cMidNumLet, cMidNumLet
	t['_'] = cFallback // ExtendNumLet joins words; rare in news, left to unicode
	return t
}()

// class returns the class of the character at s[i] and its length.
func class(s []byte, i int) (byte, int) {
	c := s[i]
	if c < 0x80 {
		return asciiClass[c], 1
	}
	// The three-byte UTF-8 forms of the punctuation news uses: ‘ ’ as
	// apostrophes (MidNumLet), “ ” – — … • as separators.
	if c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 {
		switch s[i+2] {
		case 0x98, 0x99: // ‘ ’
			return cMidNumLet, 3
		case 0x9c, 0x9d, 0x93, 0x94, 0xa6, 0xa2: // “ ” – — … •
			return cOther, 3
		}
	}
	return cFallback, 1
}

// Tokenize implements analysis.Tokenizer.
func (t *wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	rv := make(analysis.TokenStream, 0, len(input)/6+1)
	tokens := make([]analysis.Token, 0, len(input)/6+1)
	pos := 1
	for i := 0; i < len(input); {
		c, n := class(input, i)
		switch c {
		case cFallback:
			return t.fallback.Tokenize(input)
		case cLetter, cDigit:
		default:
			i += n
			continue
		}
		start, last, numeric := i, c, c == cDigit
		i += n
		for i < len(input) {
			c, n := class(input, i)
			if c == cFallback {
				return t.fallback.Tokenize(input)
			}
			if c == cLetter || c == cDigit {
				last = c
				numeric = numeric && c == cDigit
				i += n
				continue
			}
			// A mid-word character joins only like with like: letters
			// across ':' '.' and apostrophes, digits across ',' ';' '.'
			// and apostrophes.
			if i+n < len(input) {
				next, m := class(input, i+n)
				if next == cFallback {
					return t.fallback.Tokenize(input)
				}
				joins := last == cLetter && next == cLetter && (c == cMidLetter || c == cMidNumLet) ||
					last == cDigit && next == cDigit && (c == cMidNum || c == cMidNumLet)
				if joins {
					i += n + m
					continue
				}
			}
			break
		}
		typ := analysis.AlphaNumeric
		if numeric {
			typ = analysis.Numeric
		}
		tokens = append(tokens, analysis.Token{Term: input[start:i], Start: start, End: i, Position: pos, Type: typ})
		pos++
	}
	for i := range tokens {
		rv = append(rv, &tokens[i])
	}
	return rv
}
