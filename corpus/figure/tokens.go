package figure

// tokens is the first stage of Extract: the text split into tokens, with
// the questions every later stage asks about a token. The later stages
// embed it, so that they read "p.wordIs(k, "and")" as the rules are written;
// none of them changes the tokens.
type tokens struct {
	text string
	toks []token
}

// noToken stands for the tokens past either end of the text. It is never
// written to.
var noToken token

// tok returns token i, or noToken past either end, so lookahead code needs
// no bounds checks.
func (p *tokens) tok(i int) *token {
	if uint(i) >= uint(len(p.toks)) {
		return &noToken
	}
	return &p.toks[i]
}

func (p *tokens) str(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	t := p.toks[i]
	return p.text[t.start:t.end]
}

func (p *tokens) info(i int) *wordInfo {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex == 0 {
		return &lexWords[0]
	}
	return &lexWords[p.toks[i].lex]
}

func (p *tokens) has(i int, f wflag) bool {
	return p.info(i).flags&f != 0
}

func (p *tokens) isSym(i int, r rune) bool {
	if uint(i) >= uint(len(p.toks)) {
		return false
	}
	t := &p.toks[i]
	return t.kind == tSym && t.r == r
}

func (p *tokens) isWord(i int) bool { return p.tok(i).kind == tWord }
func (p *tokens) isNum(i int) bool  { return p.tok(i).kind == tNum }

// glued reports that token i follows token i-1 with no space between.
func (p *tokens) glued(i int) bool {
	return i > 0 && i < len(p.toks) && !p.toks[i].sp
}

// wordIs reports whether token i is the word w, ignoring ASCII case.
func (p *tokens) wordIs(i int, w string) bool {
	if uint(i) >= uint(len(p.toks)) {
		return false
	}
	t := &p.toks[i]
	if t.kind != tWord || t.end-t.start != len(w) {
		return false
	}
	s := p.text[t.start:t.end]
	return s == w || equalFoldASCII(s, w)
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// isHyphen reports a hyphen or dash joining two words or numbers.
func (p *tokens) isHyphen(i int) bool {
	t := p.tok(i)
	return t.kind == tSym && (t.r == '-' || t.r == '‐' || t.r == '‑' || t.r == '–' || t.r == '—')
}

// isCapitalised reports whether word token i starts with an upper-case letter.
func (p *tokens) isCapitalised(i int) bool {
	t := p.tok(i)
	if t.kind != tWord {
		return false
	}
	c := p.text[t.start]
	return 'A' <= c && c <= 'Z'
}

// isAllCaps reports whether word token i is written in capitals (at least two).
func (p *tokens) isAllCaps(i int) bool {
	t := p.tok(i)
	if t.kind != tWord || t.end-t.start < 2 {
		return false
	}
	for k := t.start; k < t.end; k++ {
		c := p.text[k]
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// digitsValue accumulates the digits of token i onto v.
func (p *tokens) digitsValue(v float64, i int) float64 {
	s := p.str(i)
	for k := 0; k < len(s); k++ {
		v = v*10 + float64(s[k]-'0')
	}
	return v
}

func (p *tokens) numLen(i int) int {
	t := p.tok(i)
	if t.kind != tNum {
		return 0
	}
	return t.end - t.start
}

// singleSpace reports that exactly one ASCII space separates token i from
// the token before it.
func (p *tokens) singleSpace(i int) bool {
	if i <= 0 || i >= len(p.toks) {
		return false
	}
	prev, t := p.toks[i-1], p.toks[i]
	gap := p.text[prev.end:t.start]
	switch gap {
	case " ", "\u00a0", "\u2009", "\u202f":
		return true
	}
	return false
}

// span is a token range [start, end).
type span struct{ start, end int }

func (s span) ok() bool { return s.end > s.start }

// spanText returns the text of a non-empty span, from its first token to its
// last.
func (p *tokens) spanText(s span) string {
	return p.text[p.toks[s.start].start:p.toks[s.end-1].end]
}

// spanHas reports whether the word w is in span n.
func (p *tokens) spanHas(n span, w string) bool {
	for k := n.start; k < n.end; k++ {
		if p.wordIs(k, w) {
			return true
		}
	}
	return false
}

func (p *tokens) isApos(k int) bool { return p.isSym(k, '\'') || p.isSym(k, '’') }

func (p *tokens) isDoubleQuote(k int) bool {
	return p.isSym(k, '"') || p.isSym(k, '“') || p.isSym(k, '”')
}

// isSepComma reports a comma that separates words, not the digit groups of
// "10,000".
func (p *tokens) isSepComma(k int) bool {
	return p.isSym(k, ',') && !(p.isNum(k-1) && p.isNum(k+1) && p.glued(k) && p.glued(k+1))
}

// matchWords matches words (lower case, or exact) starting at token k.
func (p *tokens) matchWords(k int, words []string, exact bool) (end int, ok bool) {
	m := k
	for wi, w := range words {
		t := p.tok(m)
		if t.kind == 0 {
			return k, false
		}
		s := p.text[t.start:t.end]
		if exact {
			if s != w {
				return k, false
			}
		} else if !equalFoldASCII(s, w) && !(t.kind == tWord && t.lex != 0 && wi == 0 && len(s) != len(w) && p.lowerEq(m, w)) {
			return k, false
		}
		// Symbols and digits inside a unit are glued: "GB/s", "km/h", "m2".
		if wi > 0 && (t.kind == tSym || t.kind == tNum || p.tok(m-1).kind == tSym) && t.sp && w != "-" {
			return k, false
		}
		m++
	}
	return m, true
}

// lowerEq compares a non-ASCII word token with a lower-case word.
func (p *tokens) lowerEq(k int, w string) bool {
	id, ok := lexIndex[w]
	return ok && p.tok(k).lex == id
}

// skipGlued moves past tokens glued to the one before k, so that the parts of
// a name like "GB200" or "4o" are not read again.
func (p *tokens) skipGlued(k int) int {
	for k < len(p.toks) && !p.toks[k].sp && (p.toks[k].kind == tWord || p.toks[k].kind == tNum) {
		k++
	}
	return k
}
