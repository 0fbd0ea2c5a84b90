package index

import (
	"sync"

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

// spanBuffers recycles the word lists of Tokenize.
var spanBuffers = sync.Pool{New: func() any { return new([]span) }}

// Tokenize implements analysis.Tokenizer.
func (t *wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	buf := spanBuffers.Get().(*[]span)
	defer spanBuffers.Put(buf)
	words, ok := scanWords((*buf)[:0], input)
	*buf = words
	if !ok {
		return t.fallback.Tokenize(input)
	}
	rv := make(analysis.TokenStream, len(words))
	tokens := make([]analysis.Token, len(words))
	for i, w := range words {
		typ := analysis.AlphaNumeric
		if w.numeric {
			typ = analysis.Numeric
		}
		tokens[i] = analysis.Token{Term: input[w.start:w.end], Start: w.start, End: w.end, Position: i + 1, Type: typ}
		rv[i] = &tokens[i]
	}
	return rv
}

// span is one word of a text: input[start:end].
type span struct {
	start, end int
	numeric    bool // digits only: the token is analysis.Numeric
}

// scanWords appends the words of input to dst, in order. It reports false,
// with dst unspecified, when input holds a character the fast path does not
// model; the unicode tokenizer must then split the whole input.
func scanWords(dst []span, input []byte) ([]span, bool) {
	for i := 0; i < len(input); {
		c, n := class(input, i)
		switch c {
		case cFallback:
			return dst, false
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
				return dst, false
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
					return dst, false
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
		dst = append(dst, span{start: start, end: i, numeric: numeric})
	}
	return dst, true
}
