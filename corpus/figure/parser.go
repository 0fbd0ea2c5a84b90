package figure

// parser holds the state of one Extract call.
type parser struct {
	text  string
	toks  []token
	dates []byte // normalised dates of this text, see dspan
}

// noToken stands for the tokens past either end of the text. It is never
// written to.
var noToken token

// tok returns token i, or noToken past either end, so lookahead code needs
// no bounds checks.
func (p *parser) tok(i int) *token {
	if uint(i) >= uint(len(p.toks)) {
		return &noToken
	}
	return &p.toks[i]
}

func (p *parser) str(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	t := p.toks[i]
	return p.text[t.start:t.end]
}

func (p *parser) info(i int) *wordInfo {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex == 0 {
		return &lexWords[0]
	}
	return &lexWords[p.toks[i].lex]
}

func (p *parser) has(i int, f wflag) bool {
	return p.info(i).flags&f != 0
}

func (p *parser) isSym(i int, r rune) bool {
	if uint(i) >= uint(len(p.toks)) {
		return false
	}
	t := &p.toks[i]
	return t.kind == tSym && t.r == r
}

func (p *parser) isWord(i int) bool { return p.tok(i).kind == tWord }
func (p *parser) isNum(i int) bool  { return p.tok(i).kind == tNum }

// glued reports that token i follows token i-1 with no space between.
func (p *parser) glued(i int) bool {
	return i > 0 && i < len(p.toks) && !p.toks[i].sp
}

// wordIs reports whether token i is the word w, ignoring ASCII case.
func (p *parser) wordIs(i int, w string) bool {
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
func (p *parser) isHyphen(i int) bool {
	t := p.tok(i)
	return t.kind == tSym && (t.r == '-' || t.r == '‐' || t.r == '‑' || t.r == '–' || t.r == '—')
}

// isCapitalised reports whether word token i starts with an upper-case letter.
func (p *parser) isCapitalised(i int) bool {
	t := p.tok(i)
	if t.kind != tWord {
		return false
	}
	c := p.text[t.start]
	return 'A' <= c && c <= 'Z'
}

// isAllCaps reports whether word token i is written in capitals (at least two).
func (p *parser) isAllCaps(i int) bool {
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
