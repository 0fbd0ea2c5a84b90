package figure

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true, "inc": true, "corp": true,
	"co": true, "ltd": true, "no": true, "nos": true, "vs": true, "etc": true, "gov": true, "sen": true, "rep": true,
	"gen": true, "lt": true, "col": true, "prof": true, "approx": true, "est": true, "fig": true, "jan": true,
	"feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "dept": true, "univ": true, "mt": true, "ft": true, "nr": true, "nrs": true,
	"bros": true, "cie": true, "plc": true, "al": true,
}

// SentenceEnds returns the byte offsets at which the sentences of text end,
// in order, as Extract reads them: after a full stop, question or
// exclamation mark and the quotes and brackets that close it, when the next
// word starts a sentence (not after "Mr.", "U.S." or "3.2" within one), and
// at a line break. The last is the end of the last sentence; white space
// after it is in none. It returns nil for text without a word, number or
// symbol.
func SentenceEnds(text string) []int {
	if len(text) == 0 {
		return nil
	}
	buf, toks := pooledTokens(text)
	defer releaseTokens(buf, toks)
	p := &tokens{text: text, toks: toks}
	var ends []int
	for s := 0; s < len(toks); {
		e := p.sentenceFrom(s)
		ends = append(ends, toks[e-1].end)
		s = e
	}
	return ends
}

// sentenceFrom returns the end (exclusive) of the sentence that starts at
// token s: after its final punctuation and the quotes and brackets that
// close it, at a line break, or at the end of the text. s must be a token.
func (p *tokens) sentenceFrom(s int) int {
	n := len(p.toks)
	k := s
	for !(k == n-1 || p.sentenceEnd(k) || p.toks[k+1].nl) {
		k++
	}
	e := k + 1
	// Closing quotes and brackets belong to the sentence they close.
	for e < n && !p.toks[e].sp && p.toks[e].kind == tSym && isCloser(p.toks[e].r) {
		e++
	}
	return e
}

// sentenceEnd reports whether token k ends a sentence.
func (p *tokens) sentenceEnd(k int) bool {
	t := p.tok(k)
	if t.kind != tSym {
		return false
	}
	switch t.r {
	case '!', '?':
	case '.':
		if p.isWord(k-1) && p.glued(k) {
			s := p.str(k - 1)
			if abbreviations[lowerKey(s)] {
				return false
			}
			// Initials ("Donald J. Trump", "U.S.") but not "on X. Then".
			if len(s) == 1 && (p.isSym(k-2, '.') || p.isNameWord(k-2) || k-1 == 0) {
				return false
			}
		}
	default:
		return false
	}
	// Closing quotes and brackets belong to the sentence they close.
	n := k + 1
	for p.tok(n).kind == tSym && !p.tok(n).sp && isCloser(p.tok(n).r) {
		n++
	}
	nt := p.tok(n)
	if nt.kind == 0 || nt.nl {
		return true
	}
	if !nt.sp {
		return false
	}
	switch nt.kind {
	case tWord:
		return p.isCapitalised(n) || p.text[nt.start] >= 0x80
	case tNum:
		return true
	case tSym:
		return isOpener(nt.r) || nt.r == '$' || nt.r == '-'
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', ')', ']', '»':
		return true
	}
	return false
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', '“', '‘':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '‘', '“', '(', '[', '«':
		return true
	}
	return false
}
