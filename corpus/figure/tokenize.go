package figure

import (
	"unicode"
	"unicode/utf8"
)

// tokKind is the lexical class of a token.
type tokKind uint8

const (
	tWord tokKind = iota + 1 // a run of letters (and combining marks)
	tNum                     // a run of ASCII digits
	tSym                     // any other single rune, or one invalid byte
)

// token is a span of the text. Tokens never include white space; sp records
// whether white space came before, which is what tells "10k" from "10 k" and
// "H100" from "H 100".
type token struct {
	start, end int
	kind       tokKind
	sp         bool   // white space (or the start of the text) precedes
	nl         bool   // a line break precedes
	url        bool   // inside a URL or e-mail address: never a figure
	lex        uint16 // lexicon entry of a word, 0 if unknown
	r          rune   // the rune of a tSym token
}

// maxLexWord bounds the words looked up in the lexicon; no entry is longer.
const maxLexWord = 32

// appendTokens splits text into tokens with byte offsets, appended to
// toks. It never fails: invalid UTF-8 bytes become one-byte symbol tokens.
func appendTokens(toks []token, text string) []token {
	sp, nl := true, false
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			sp = true
			i++
			continue
		case c == '\n' || c == '\v' || c == '\f':
			sp, nl = true, true
			i++
			continue
		case '0' <= c && c <= '9':
			j := i + 1
			for j < len(text) && '0' <= text[j] && text[j] <= '9' {
				j++
			}
			toks = append(toks, token{start: i, end: j, kind: tNum, sp: sp, nl: nl})
			sp, nl = false, false
			i = j
			continue
		case c < utf8.RuneSelf && isASCIILetter(c):
			j := i + 1
			for j < len(text) && text[j] < utf8.RuneSelf && isASCIILetter(text[j]) {
				j++
			}
			if j < len(text) && text[j] >= utf8.RuneSelf {
				j = scanWord(text, j)
			}
			toks = append(toks, token{start: i, end: j, kind: tWord, sp: sp, nl: nl, lex: lookupWord(text[i:j])})
			sp, nl = false, false
			i = j
			continue
		case c < utf8.RuneSelf:
			toks = append(toks, token{start: i, end: i + 1, kind: tSym, sp: sp, nl: nl, r: rune(c)})
			sp, nl = false, false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			toks = append(toks, token{start: i, end: i + 1, kind: tSym, sp: sp, nl: nl, r: utf8.RuneError})
			sp, nl = false, false
			i++
		case unicode.IsSpace(r):
			sp = true
			if r == '\u2028' || r == '\u2029' || r == '\u0085' {
				nl = true
			}
			i += size
		case unicode.IsLetter(r):
			j := scanWord(text, i+size)
			toks = append(toks, token{start: i, end: j, kind: tWord, sp: sp, nl: nl, lex: lookupWord(text[i:j])})
			sp, nl = false, false
			i = j
		default:
			toks = append(toks, token{start: i, end: i + size, kind: tSym, sp: sp, nl: nl, r: r})
			sp, nl = false, false
			i += size
		}
	}
	markURLs(text, toks)
	return toks
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// scanWord returns the end of the word that continues at i.
func scanWord(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			return i
		}
		i += size
	}
	return i
}

// lookupWord finds w in the lexicon, ignoring case, without allocating.
func lookupWord(w string) uint16 {
	if len(w) > lexMaxLen {
		return 0
	}
	// Most words are lower-case ASCII and need no copy.
	lower := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			lower = false
			break
		}
	}
	if lower {
		return lexIndex[w]
	}
	var buf [maxLexWord * 2]byte
	n := 0
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[n] = c
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		r = unicode.ToLower(r)
		if n+utf8.RuneLen(r) > len(buf) {
			return 0
		}
		n += utf8.EncodeRune(buf[n:], r)
		i += size
	}
	return lexIndex[string(buf[:n])]
}

// markURLs flags the tokens of URLs, e-mail addresses and percent-encoded
// strings, whose digits and "%" signs are not figures.
func markURLs(text string, toks []token) {
	for i := 0; i < len(toks); {
		// A chunk is a run of tokens with no white space between them.
		j := i + 1
		for j < len(toks) && !toks[j].sp {
			j++
		}
		if isURLChunk(text, toks[i:j]) {
			for k := i; k < j; k++ {
				toks[k].url = true
			}
		}
		i = j
	}
}

func isURLChunk(text string, chunk []token) bool {
	if len(chunk) < 3 {
		return false
	}
	for k, t := range chunk {
		if t.kind != tSym {
			continue
		}
		switch t.r {
		case ':':
			// "http://", "https://"
			if k+2 < len(chunk) && chunk[k+1].r == '/' && chunk[k+2].r == '/' {
				return true
			}
		case '@':
			if k > 0 && k+1 < len(chunk) && chunk[k-1].kind == tWord && chunk[k+1].kind == tWord {
				return true
			}
		case '%':
			// Percent-encoding: "%2D", "%20". A percentage is never glued to
			// a following letter or digit.
			if k+1 < len(chunk) && (chunk[k+1].kind == tNum || chunk[k+1].kind == tWord) && k > 0 {
				return true
			}
		case '=', '?', '&':
			if t.r == '=' && k > 0 && chunk[k-1].kind == tWord && k+1 < len(chunk) {
				return true
			}
		case '.':
			// "www.example.com"
			if k > 0 && chunk[k-1].kind == tWord {
				w := text[chunk[k-1].start:chunk[k-1].end]
				if w == "www" || w == "WWW" {
					return true
				}
				if k+1 < len(chunk) && chunk[k+1].kind == tWord {
					n := text[chunk[k+1].start:chunk[k+1].end]
					if n == "com" || n == "org" || n == "net" || n == "io" || n == "htm" || n == "html" {
						return true
					}
				}
			}
		}
	}
	return false
}
