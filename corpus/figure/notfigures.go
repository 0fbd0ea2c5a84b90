package figure

// notFigure reports a number that is no figure, and the token after what
// it is part of: a name or code ("H100", "GPT-4", "No. 1"), a time of day
// ("6pm"), the pronoun "one", a reference ("the top 10") or an adjective
// ("one-day loss").
func (p *parser) notFigure(m *measure, q string) (next int, no bool) {
	if m.ident || m.time {
		return p.skipGlued(m.end), true
	}
	if p.identBefore(*m) || p.identAfter(*m) {
		return p.skipGlued(m.end), true
	}
	if p.pronounOne(*m) || q == "" && p.bareReference(*m) {
		return m.end, true
	}
	// "one-day loss", "one-time gain": adjectives, not figures.
	if m.hyphenAdj && m.wordsOnly && p.wordIs(m.n.start, "one") && m.n.end == m.n.start+1 && m.kind != Money {
		return m.end, true
	}
	return 0, false
}

// identBefore reports that the number of m is part of a name or code because
// of what precedes it: "H100", "GPT-4", "DeepSeek-V3", "No. 1", "#1",
// "Llama 4", "RTX 4090", "Claude 3.5 Sonnet", "Tier 1".
func (p *parser) identBefore(m measure) bool {
	k := m.n.start
	if m.prefixCur || m.negative {
		return false
	}
	t := p.tok(k)
	if k > 0 && !t.sp {
		prev := p.tok(k - 1)
		switch prev.kind {
		case tWord:
			return true
		case tSym:
			switch prev.r {
			case '-', '‐', '‑', '–':
				if prev.sp {
					break
				}
				pp := p.tok(k - 2)
				switch pp.kind {
				case tWord:
					if p.has(k-2, wDateMod|wCard|wScale|wHundred) || p.has(k-2, wStop) && !p.isCapitalised(k-2) {
						return false
					}
					return true
				case tNum:
					// "scp2-173": the number before is itself a name.
					return !pp.sp && p.tok(k-3).kind == tWord
				}
			case ':', '#', '/', '\\', '_', '@', '&', '=', '^':
				return true
			case '+':
				// "N+2"
				return !prev.sp && p.tok(k-2).kind == tWord
			case '.':
				return p.tok(k-2).kind == tWord && !prev.sp && !p.wordIs(k-2, "no")
			case '[':
				return true
			}
		}
	}
	// "No. 1", "no. 31": rankings.
	if (p.wordIs(k-2, "no") || p.wordIs(k-2, "nos")) && p.isSym(k-1, '.') {
		return true
	}
	if p.str(k-1) == "No" || p.str(k-1) == "Nos" {
		return true
	}
	// "the 910B": a letter suffix on a bare number that counts nothing is a
	// model name.
	if m.kind == "" && m.n.suffix && p.wordIs(k-1, "the") && !p.isWord(m.end) {
		return true
	}
	// A capitalised name before a bare number in digits.
	if m.kind == "" && t.sp && !t.nl && !m.n.words && p.tok(k-1).kind == tWord && p.isCapitalised(k-1) {
		w := k - 1
		if p.has(w, wStop|wNameStop|wMonth|wWeekday|wClaim|wCurrencyWord|wYearPrep|wCard|wDateMod|wPrepHead) {
			return false
		}
		if p.has(w, wQualStart) {
			return false
		}
		return true
	}
	return false
}

// identAfter reports that a bare number is part of a code because of what
// follows it: "50/50", "24/7", "[1]".
func (p *parser) identAfter(m measure) bool {
	if m.kind != "" {
		return false
	}
	k := m.end
	if p.isSym(k, '/') && p.glued(k) && p.isNum(k+1) && p.glued(k+1) {
		return true
	}
	if p.isSym(k, ']') && p.glued(k) && p.isSym(m.n.start-1, '[') {
		return true
	}
	return false
}

// bareReference reports a number that refers rather than counts: "a
// combination of the two", "sat in the top 10 in 111 countries".
func (p *parser) bareReference(m measure) bool {
	if m.kind != "" || m.negative {
		return false
	}
	k := m.n.start
	if !m.n.words && (p.wordIs(k-1, "top") || p.wordIs(k-1, "bottom")) && (p.wordIs(k-2, "the") || p.wordIs(k-2, "a")) {
		return true
	}
	if m.wordsOnly && m.n.end == k+1 && p.has(k, wCard) && (p.wordIs(k-1, "the") || p.wordIs(k-1, "both")) {
		t := p.tok(m.end)
		return t.kind == 0 || t.kind == tSym && !p.glued(m.end) || t.kind == tSym && (t.r == '.' || t.r == ',' || t.r == ';' || t.r == ')')
	}
	return false
}

// pronounOne reports "one" used as a pronoun: "the one you mentioned",
// "which one", "one of the first".
func (p *parser) pronounOne(m measure) bool {
	if !m.wordsOnly || m.n.end != m.n.start+1 || !p.wordIs(m.n.start, "one") || m.kind != "" {
		return false
	}
	k := m.n.start
	if p.has(k-1, wOneDet) {
		return true
	}
	return p.wordIs(k+1, "of") || p.wordIs(k+1, "another") || p.isSym(k+1, '\'')
}
