package figure

// currencyAt reports whether a currency word or sign is at token k.
func (p *measures) currencyAt(k int) bool {
	t := p.tok(k)
	if t.kind == tSym {
		_, ok := symbolCurrency[t.r]
		return ok
	}
	_, _, _, ok := p.currencyWord(k)
	return ok
}

// currencyWord matches a currency written in words at token k ("dollars",
// "Australian dollars", "USD", "yuan") and returns its code and end.
func (p *measures) currencyWord(k int) (code string, end int, ph *currencyPhrase, ok bool) {
	if p.tok(k).kind != tWord {
		return "", k, nil, false
	}
	e := p.info(k)
	best := -1
	bestEnd := k
	for _, ci := range e.curs {
		c := &currencyPhrases[ci]
		if m, ok := p.matchWords(k, c.words, false); ok && m > bestEnd {
			best, bestEnd = ci, m
		}
	}
	if best < 0 {
		return "", k, nil, false
	}
	return currencyPhrases[best].code, bestEnd, &currencyPhrases[best], true
}

// prefixCurrency reads a currency written before a number at token i: "$",
// "US$", "hk $", "USD", "€", "MAUD". It returns the code, the token where
// the number should start and a multiplier (1e6 for "MUSD"-style codes).
func (p *measures) prefixCurrency(i int) (code string, next int, mult float64, ok bool) {
	t := p.tok(i)
	if t.url {
		return "", i, 0, false
	}
	switch t.kind {
	case tSym:
		if c, isCur := symbolCurrency[t.r]; isCur && c != "cent" {
			return c, i + 1, 1, true
		}
	case tWord:
		s := p.str(i)
		// "US$", "HK$", "C$", "nzd$", "hk $".
		m := i + 1
		key := s
		if (s == "u" || s == "U") && p.isSym(i+1, '.') && p.glued(i+1) && (p.wordIs(i+2, "s")) && p.glued(i+2) {
			key = "u.s"
			m = i + 3
			if p.isSym(m, '.') && p.glued(m) {
				m++
			}
		}
		if p.isSym(m, '$') {
			lk := lowerKey(key)
			if dp, isPfx := dollarPrefixes[lk]; isPfx {
				glued := p.glued(m)
				upper := key != lk
				switch {
				case len(lk) == 1 && (!glued || !upper) && !(lk == "c" && !upper && !glued):
				case !glued && !dp.spaced:
				default:
					return dp.code, m + 1, 1, true
				}
			}
		}
		// ISO codes before the number: "USD 200", "EUR125", "RMB 5".
		if code, end, ph, isCur := p.currencyWord(i); isCur && ph.prefix && end == i+1 && p.numberStartsAt(end) && (p.isAllCaps(i) || !p.glued(end) || true) {
			return code, end, 1, true
		}
		// "MAUD 60", "MUSD 20".
		if len(s) == 4 && s[0] == 'M' && p.isAllCaps(i) && p.numberStartsAt(i+1) {
			if c, isCode := millionCodes[s[1:]]; isCode {
				return c, i + 1, 1e6, true
			}
		}
	}
	return "", i, 0, false
}

// millionCodes are ISO codes that take an "M" prefix for millions: "30 MUSD".
var millionCodes = map[string]string{
	"USD": "USD", "EUR": "EUR", "GBP": "GBP", "AUD": "AUD", "CAD": "CAD", "CHF": "CHF", "JPY": "JPY", "CNY": "CNY", "SEK": "SEK", "NOK": "NOK",
}

func lowerKey(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return lowerASCII(s)
		}
	}
	return s
}

// currencyAfter reads a currency word or code written after the number of
// m, at token k (after the hyphen of an adjective when hy is set): "5
// dollars", "115USD", "420 million Finnish markka", "30 MUSD". It reports
// whether m is complete; m is unchanged when it is not, and a unit may
// follow.
func (p *measures) currencyAfter(m *measure, k int, hy bool) bool {
	glued := !p.tok(k).sp
	if code, end, ph, isCur := p.currencyWord(k); isCur && !(glued && p.glued(end) && (p.isNum(end) || p.isWord(end))) {
		switch {
		case ph.ambiguous && !m.scaleWord && !hy && !p.moneyContext(m.start):
			// "25 pounds" is a weight.
		case ph.prefix && p.isNum(end) && p.glued(end):
			// "3 USD50": the code belongs to the next number.
			return true
		default:
			m.kind, m.unit, m.end = Money, code, end
			m.sub = ph.sub
			m.wordCur = true
			m.hyphenAdj = hy
			// "75 USD million"
			if p.isScaleWord(end) && ph.prefix {
				m.val *= p.info(end).val
				m.end = end + 1
				m.scaleWord = true
			}
			*m = p.afterMoney(*m)
			return true
		}
	}
	s := p.str(k)
	if len(s) == 4 && s[0] == 'M' && p.isAllCaps(k) {
		if c, isCode := millionCodes[s[1:]]; isCode {
			m.kind, m.unit, m.end = Money, c, k+1
			m.val *= 1e6
			m.scaleWord = true
			m.wordCur = true
			return true
		}
	}
	return false
}

// suffixSignOK decides whether a currency sign after a number belongs to it:
// "10 $" does, but in "1 $10" the sign is the next number's.
func (p *measures) suffixSignOK(k int) bool {
	nt := p.tok(k + 1)
	if nt.kind != tNum && !(nt.kind == tSym && nt.r == '.' && p.isNum(k+2)) {
		return true
	}
	// The next number must have its own currency after it.
	l, ok := p.literal(k + 1)
	if !ok {
		return true
	}
	if p.currencyAt(l.end) {
		return true
	}
	return false
}

// moneyContext reports a currency sign or word shortly before token i, which
// makes "pounds" money.
func (p *measures) moneyContext(i int) bool {
	return p.isSym(i-1, '£')
}

// afterMoney reads what may follow an amount of money: cents ("3 dollars 50
// cents", "thirteen dollars and forty-five cents", "c $ 100 and fifty").
func (p *measures) afterMoney(m measure) measure {
	k := m.end
	and := false
	if p.wordIs(k, "and") {
		and = true
		k++
	}
	t := p.tok(k)
	if m.sub || m.scaleWord || !m.n.integer {
		return m
	}
	// "c $ 100 and fifty": a prefix currency takes cents only in words.
	if m.prefixCur && (!and || t.kind != tWord) {
		return m
	}
	prefixWords := m.prefixCur
	if t.url || (t.kind != tNum && !(t.kind == tWord && p.has(k, wCard))) {
		return m
	}
	c, ok := p.cardinal(k)
	if !ok || !c.integer || c.val >= 100 || c.val <= 0 || c.hasScale || (c.digits > 2) {
		return m
	}
	end := c.end
	if p.glued(end) && (p.isWord(end) || p.isNum(end)) {
		// "10 turkish lira 11a" is a code.
		return m
	}
	cents := false
	if p.wordIs(end, "cents") || p.wordIs(end, "cent") {
		cents = true
		end++
	} else if p.currencyAt(end) || p.isHyphen(end) || (p.isNum(end)) || p.isSym(end, '/') || p.isSym(end, '.') && p.isNum(end+1) {
		return m
	}
	if !cents && !m.wordCur && !prefixWords {
		return m
	}
	if !cents && m.wordCur && p.isSym(m.end-1, '$') {
		return m
	}
	// A noun after the bare number means it counts something else.
	if !cents && p.isWord(end) && !p.has(end, wStop) {
		return m
	}
	if m.val < 0 {
		m.val -= c.val / 100
	} else {
		m.val += c.val / 100
	}
	m.end = end
	return m
}
