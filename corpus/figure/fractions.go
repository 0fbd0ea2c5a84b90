package figure

// ordinalDen parses a fraction denominator at token k: "thirds", "fifth",
// "twenty-first", "thirty fifths", "one hundred fifth", "hundredths". first
// and second alone are ordinals, not denominators.
func (p *numbers) ordinalDen(k int) (den float64, plural bool, end int, ok bool) {
	if den, plural, end, ok = p.simpleOrdinal(k); ok {
		return den, plural, end, ok
	}
	// A cardinal with a hundred or a scale, then "and" and an ordinal:
	// "one hundred fifth", "one hundred and fifth".
	c, cok := p.cardinal(k)
	if !cok || !c.words || (c.last != aHundred && c.last != aScale) {
		return 0, false, k, false
	}
	m := c.end
	if p.wordIs(m, "and") {
		m++
	}
	if p.isHyphen(m) {
		m++
	}
	d, pl, end2, ok2 := p.simpleOrdinal(m)
	if !ok2 || d >= 100 {
		return 0, false, k, false
	}
	return c.val + d, pl, end2, true
}

// simpleOrdinal parses an ordinal word or a tens word with a unit ordinal.
func (p *numbers) simpleOrdinal(k int) (den float64, plural bool, end int, ok bool) {
	e := p.info(k)
	if p.tok(k).kind == tWord && e.flags&wOrd != 0 {
		if e.val <= 2 && e.flags&wOrdPl == 0 && !p.wordIs(k, "half") {
			return 0, false, k, false
		}
		return e.val, e.flags&wOrdPl != 0, k + 1, true
	}
	// tens + unit ordinal: "twenty-first", "thirty fifths".
	if p.tok(k).kind == tWord && e.flags&wTens != 0 {
		m := k + 1
		if p.isHyphen(m) {
			m++
		}
		o := p.info(m)
		if p.tok(m).kind == tWord && o.flags&wOrd != 0 && o.val < 10 && !p.wordIs(m, "half") && !p.wordIs(m, "quarter") && !p.wordIs(m, "quarters") {
			return e.val + o.val, o.flags&wOrdPl != 0, m + 1, true
		}
		return 0, false, k, false
	}
	return 0, false, k, false
}

func (p *numbers) isScaleWord(k int) bool {
	t := p.tok(k)
	return t.kind == tWord && p.has(k, wScale) && t.end-t.start > 3
}

func (p *numbers) isOrdinalAt(k int) bool {
	_, _, _, ok := p.ordinalDen(k)
	return ok
}

// fractionOK decides whether numerator + ordinal is a fraction. A singular
// ordinal after a numerator other than one is an ordinal ("two millionth"),
// and "a third" or "one third" before a noun is an ordinal too ("a third
// party").
func (p *numbers) fractionOK(numer float64, plural bool, end, start int) bool {
	if plural {
		// "the last three quarters" are fiscal quarters.
		if p.wordIs(end-1, "quarters") && (p.wordIs(start-1, "last") || p.wordIs(start-1, "past") || p.wordIs(start-1, "next") ||
			p.wordIs(start-1, "previous") || p.wordIs(start-1, "first") || p.wordIs(start-1, "consecutive") || p.wordIs(start-1, "straight")) {
			return false
		}
		return true
	}
	if numer != 1 {
		return false
	}
	if p.wordIs(end-1, "half") {
		return true
	}
	// A singular fraction must stand alone or be followed by "of" or a scale.
	t := p.tok(end)
	switch {
	case t.kind == 0, t.kind == tSym, t.kind == tNum:
		return true
	case p.wordIs(end, "of"), p.isScaleWord(end), p.has(end, wStop):
		return true
	}
	return false
}

// fractionScale applies a scale word after a fraction: "three quarters
// billion", "two thirds of a million".
func (p *numbers) fractionScale(n num, k int) num {
	m := k
	if p.wordIs(m, "of") && p.wordIs(m+1, "a") {
		m += 2
	} else if p.wordIs(m, "a") {
		m++
	}
	if p.isScaleWord(m) {
		s := p.info(m).val
		n.val *= s
		n.scale = s
		n.end = m + 1
	} else if p.has(m, wDozen) && p.tok(m).kind == tWord && m > k {
		n.val *= 12
		n.end = m + 1
	}
	return n
}

// andFraction parses the fraction after "and": "a half", "one fourth", "two
// thirds", "a thirtieth".
func (p *numbers) andFraction(k int) (n num, ok bool) {
	if p.wordIs(k, "a") || p.wordIs(k, "an") || p.wordIs(k, "one") {
		m := k + 1
		if p.isHyphen(m) {
			m++
		}
		if den, _, end, ok := p.ordinalDen(m); ok {
			return num{start: k, end: end, val: 1 / den, words: true, frac: true}, true
		}
		if p.wordIs(k, "one") && p.wordIs(m, "half") {
			return num{start: k, end: m + 1, val: 0.5, words: true, frac: true}, true
		}
		return n, false
	}
	c, cok := p.cardinal(k)
	if !cok || !c.words || c.hasScale {
		return n, false
	}
	m := c.end
	if p.isHyphen(m) {
		m++
	}
	den, plural, end, dok := p.ordinalDen(m)
	if !dok || (!plural && c.val != 1) {
		return n, false
	}
	return num{start: k, end: end, val: c.val / den, words: true, frac: true}, true
}

// pointDigits reads the digits after "point": "zero three" is .03,
// "seventy-one" is .71, "eleven" is .11.
func (p *numbers) pointDigits(k int) (v float64, end int, ok bool) {
	var digits [24]byte
	nd := 0
	m := k
	for nd < len(digits) {
		e := p.info(m)
		if p.tok(m).kind != tWord || e.flags&wCard == 0 {
			break
		}
		val := int(e.val)
		if val >= 10 {
			if nd > 0 {
				break
			}
			if e.flags&wTens != 0 && p.isHyphen(m+1) {
				u := p.info(m + 2)
				if u.flags&wCard != 0 && u.val > 0 && u.val < 10 {
					val += int(u.val)
					m += 2
				}
			} else if e.flags&wTens != 0 {
				u := p.info(m + 1)
				if p.tok(m+1).kind == tWord && u.flags&wCard != 0 && u.val > 0 && u.val < 10 {
					val += int(u.val)
					m++
				}
			}
			digits[nd], digits[nd+1] = byte(val/10), byte(val%10)
			nd += 2
			m++
			break
		}
		digits[nd] = byte(val)
		nd++
		m++
	}
	if nd == 0 {
		return 0, k, false
	}
	var whole float64
	for i := 0; i < nd; i++ {
		whole = whole*10 + float64(digits[i])
	}
	return whole / pow10(nd), m, true
}

// cardFraction reads the cardinal c, which starts at token i, as the
// numerator of a fraction whose ordinal follows it: "two thirds", "one
// hundred and three quarters", "a half", "three quarters of a billion".
func (p *numbers) cardFraction(c *card, i int) (n num, ok bool) {
	numer, den, plural, end, fok := p.denominatorAfter(c)
	checkNumer := numer
	if c.hasAnd && c.tensTok < 0 {
		checkNumer = c.andY
	}
	if !(fok && den > 0 && p.fractionOK(checkNumer, plural, end, i)) {
		return n, false
	}
	v := numer / den
	if c.hasAnd && !(c.tensTok >= 0 && numer != c.val) {
		x, y := c.andX, c.andY
		switch {
		case c.andScale > 0 && y < 1000:
			// "five billion and three quarters", "one billion and
			// three quarters million".
			s := c.andScale
			if p.isScaleWord(end) {
				s = p.info(end).val
				end++
			}
			v = x + y/den*s
		case x < 100 || y < 10 || den >= 100:
			v = x + y/den
		}
	}
	n = c.num
	n.val, n.end, n.frac, n.integer = v, end, true, false
	return p.fractionScale(n, end), true
}

// denominatorAfter reads the ordinal after the cardinal c, with the
// numerator it divides: c itself, except that in "one hundred thirty
// fifths" (100/35) the ordinal takes the tens word before it.
func (p *numbers) denominatorAfter(c *card) (numer, den float64, plural bool, end int, ok bool) {
	k := c.end
	if c.tensTok >= 0 && c.tensTok == k-1 && !p.isHyphen(k) {
		o := p.info(k)
		if p.tok(k).kind == tWord && o.flags&wOrd != 0 && o.val > 2 && o.val < 10 && !p.wordIs(k, "quarter") && !p.wordIs(k, "quarters") {
			return c.val - c.tensVal, c.tensVal + o.val, o.flags&wOrdPl != 0, k + 1, true
		}
	}
	if c.tensTok >= 0 && c.tensTok == k-1 && p.isHyphen(k) {
		o := p.info(k + 1)
		if p.tok(k+1).kind == tWord && o.flags&wOrd != 0 && o.val < 10 && o.val > 0 && !p.wordIs(k+1, "quarters") && !p.wordIs(k+1, "half") {
			return c.val - c.tensVal, c.tensVal + o.val, o.flags&wOrdPl != 0, k + 2, true
		}
	}
	m := k
	if p.isHyphen(m) {
		m++
	}
	den, plural, end, ok = p.ordinalDen(m)
	return c.val, den, plural, end, ok
}

// plusFraction adds the fraction fr read after "and" to the cardinal c:
// "one and a half", "five and a half million", "one million and a half".
func (p *numbers) plusFraction(c *card, fr num) num {
	n := c.num
	v := fr.val
	end := fr.end
	base := n.val
	switch {
	case c.hasScale && p.isScaleWord(end):
		// "one billion and a half million"
		v *= p.info(end).val
		end++
		n.val = base + v
	case c.hasScale:
		// "one million and a half", "five billion and three quarters"
		n.val = base + v*c.scale
	case p.isScaleWord(end):
		// "five and a half million"
		s := p.info(end).val
		n.val = (base + v) * s
		n.scale = s
		end++
	default:
		n.val = base + v
	}
	n.end, n.frac, n.integer = end, true, false
	return n
}
