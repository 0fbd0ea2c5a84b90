package figure

// atomKind classifies the pieces a cardinal number is built from.
type atomKind uint8

const (
	aNone    atomKind = iota
	aDigit            // a digit literal: "4", "1,674.5"
	aUnit             // "zero".."nine"
	aTeen             // "ten".."nineteen"
	aTens             // "twenty".."ninety"
	aHundred          // "hundred"
	aScale            // "thousand", "million", "lakh"…
	aDozen            // "dozen", "dzs"
)

// atom classifies token k as a piece of a cardinal number.
func (p *parser) atom(k int) (kind atomKind, v float64, end int, lit num) {
	t := p.tok(k)
	switch t.kind {
	case tNum, tSym:
		l, ok := p.literal(k)
		if !ok {
			return aNone, 0, k, l
		}
		return aDigit, l.val, l.end, l
	case tWord:
		e := p.info(k)
		switch {
		case e.flags&wCard != 0:
			switch {
			case e.flags&wTens != 0:
				return aTens, e.val, k + 1, lit
			case e.val >= 10:
				return aTeen, e.val, k + 1, lit
			}
			return aUnit, e.val, k + 1, lit
		case e.flags&wHundred != 0:
			return aHundred, 100, k + 1, lit
		case e.flags&wScale != 0:
			return aScale, e.val, k + 1, lit
		case e.flags&wDozen != 0:
			return aDozen, 12, k + 1, lit
		}
	}
	return aNone, 0, k, lit
}

// card is a cardinal number with the structure the fraction rules need.
type card struct {
	num
	last       atomKind
	hasScale   bool    // a scale word ("million") was used
	hasAnd     bool    // an "and" joined two parts
	andX, andY float64 // the value before and after the last "and"
	andScale   float64 // the scale in force before the last "and"
	tensTok    int     // token of a trailing tens word that followed a larger part, or -1
	tensVal    float64
}

// cardinal parses a whole number written in words, digits or both, starting
// at token i: "one hundred and sixteen", "twenty-one trillion three
// hundred", "4 thousand 3 hundred and 21", "three lakh crore", "a dozen".
func (p *parser) cardinal(i int) (c card, ok bool) {
	c.num = num{start: i, integer: true}
	c.tensTok = -1
	var total, cur, sub, lastScale float64
	last := aNone
	groupHundred := false
	k := i
	// "a hundred", "a million", "a dozen", "an estimated" is not a number.
	if p.wordIs(k, "a") || p.wordIs(k, "an") {
		kind, _, _, _ := p.atom(k + 1)
		if kind != aHundred && kind != aScale && kind != aDozen {
			return c, false
		}
		if p.tok(k+1).kind != tWord {
			return c, false
		}
		cur, sub, last = 1, 1, aUnit
		c.article, c.words = true, true
		k++
	}
	for {
		at := k
		joinAnd, hyph := false, false
		if last != aNone {
			switch {
			case p.wordIs(k, "and"):
				at, joinAnd = k+1, true
			case p.isHyphen(k):
				at, hyph = k+1, true
			}
		}
		kind, v, end, lit := p.atom(at)
		if kind == aNone {
			break
		}
		accept := false
		switch kind {
		case aDigit:
			if lit.start != at || hyph || lit.frac && last != aNone {
				break
			}
			if last == aNone {
				accept = true
				c.integer, c.digits, c.sep, c.frac = lit.integer, lit.digits, lit.sep, lit.frac
			} else if (last == aScale && v < lastScale || last == aHundred && v < 100) && lit.integer && v > 0 && p.tok(at).sp {
				accept = true
			}
		case aUnit:
			switch last {
			case aNone:
				accept = !joinAnd && !hyph
			case aHundred, aScale:
				accept = v > 0 && !hyph
			case aTens:
				accept = v > 0
			}
		case aTeen, aTens:
			accept = (last == aNone && !joinAnd && !hyph) || ((last == aHundred || last == aScale) && !hyph)
		case aHundred:
			accept = !joinAnd && !hyph && !groupHundred && cur > 0 && (last == aUnit || last == aTeen || last == aTens || last == aDigit)
			if last == aDigit && cur >= 1000 {
				accept = false
			}
		case aScale:
			accept = !joinAnd && (cur > 0 || (last == aScale && total > 0 && v > lastScale))
			// "405-billion-parameter": a hyphen joins digits and a scale.
			if hyph && (last != aDigit || !p.glued(at) || !p.glued(at-1)) {
				accept = false
			}
			if cur > 0 && lastScale > 0 && v >= lastScale {
				accept = false
			}
			// Short forms ("bn", "mil", "tn") are suffixes of figures
			// in digits, never parts of a number in words.
			if accept && p.tok(at).end-p.tok(at).start <= 3 && c.words && last != aDigit {
				accept = false
			}
		case aDozen:
			accept = !joinAnd && !hyph && cur > 0 && last != aScale
		}
		// A part after a hundred that takes its own hundred starts a new
		// number: "3 hundred and 2 hundred" is two numbers.
		if accept && groupHundred && last == aHundred && kind != aHundred && kind != aScale && kind != aDozen {
			if k2, _, _, _ := p.atom(end); k2 == aHundred {
				accept = false
			}
			if p.isHyphen(end) {
				if k2, _, _, _ := p.atom(end + 1); k2 == aHundred {
					accept = false
				}
			}
		}
		if !accept {
			break
		}
		if joinAnd {
			c.andX = total + cur
			c.andScale = lastScale
			c.hasAnd = true
		}
		if kind != aDigit {
			c.words = true
		}
		c.tensTok = -1
		switch kind {
		case aDigit:
			if last == aNone {
				cur, sub = v, v
			} else {
				cur += v
				sub = v
			}
		case aUnit, aTeen:
			cur += v
			sub += v
			if last == aHundred || last == aScale {
				sub = v
			}
		case aTens:
			if last == aHundred || last == aScale {
				if !joinAnd {
					c.tensTok, c.tensVal = at, v
				}
				sub = v
			} else {
				sub = v
			}
			cur += v
		case aHundred:
			cur *= 100
			sub = 0
			groupHundred = true
		case aScale:
			if cur > 0 {
				total += cur * v
			} else {
				total *= v
			}
			cur, sub = 0, 0
			lastScale = v
			c.hasScale = true
			groupHundred = false
		case aDozen:
			if sub > 0 && sub != cur {
				cur += sub * 11
			} else {
				cur *= 12
			}
			sub = 0
		}
		last = kind
		k = end
		if kind == aDigit && lit.frac {
			break
		}
	}
	if last == aNone {
		return c, false
	}
	c.val = total + cur
	c.end = k
	c.last = last
	c.scale = lastScale
	if c.hasAnd {
		c.andY = c.val - c.andX
	}
	if c.words {
		c.digits = 0
		c.integer = c.val == float64(int64(c.val))
	}
	return c, true
}

// ordinalDen parses a fraction denominator at token k: "thirds", "fifth",
// "twenty-first", "thirty fifths", "one hundred fifth", "hundredths". first
// and second alone are ordinals, not denominators.
func (p *parser) ordinalDen(k int) (den float64, plural bool, end int, ok bool) {
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
func (p *parser) simpleOrdinal(k int) (den float64, plural bool, end int, ok bool) {
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

// number parses a number in digits or words at token i. It extends a cardinal (or starts at "a"/"an"/"half") with a
// fraction: "two thirds", "one hundred and three quarters", "a half", "one
// and a half", "five and a half million", "half a million", "two thirds of a
// million", "one over three", "one out of three", "1 in twenty-one",
// "two hundred point zero three". bareHalf allows "half" alone, as in "more
// than half".
func (p *parser) number(i int, bareHalf bool) (n num, ok bool) {
	var c card
	article := false
	switch {
	case (p.wordIs(i, "a") || p.wordIs(i, "an")) && p.isOrdinalAt(i+1):
		c = card{num: num{start: i, end: i + 1, val: 1, words: true, integer: true}, last: aUnit, tensTok: -1}
		article = true
	case p.wordIs(i, "half") || p.wordIs(i, "quarter"):
		// "half a million", "half million", "quarter million", "half a dozen".
		f := 0.5
		if p.wordIs(i, "quarter") {
			f = 0.25
		}
		m := i + 1
		if p.wordIs(m, "a") {
			m++
		}
		kind, v, _, _ := p.atom(m)
		if (kind == aScale || kind == aDozen) && p.tok(m).kind == tWord && p.tok(m).end-p.tok(m).start > 3 {
			n = num{start: i, end: m + 1, val: f * v, words: true, frac: true, scale: v}
			if kind == aDozen {
				n.scale = 0
			}
			return n, true
		}
		if bareHalf && f == 0.5 {
			return num{start: i, end: i + 1, val: 0.5, words: true, frac: true}, true
		}
		return n, false
	default:
		var cok bool
		c, cok = p.cardinal(i)
		if !cok {
			return n, false
		}
	}
	n = c.num
	k := c.end
	// "point": "two hundred point zero three", "nought point eleven".
	if c.words && !c.hasScale && p.wordIs(k, "point") {
		if v, end, ok := p.pointDigits(k + 1); ok {
			n.val += v
			n.end, n.integer = end, false
			return n, true
		}
	}
	// A fraction whose numerator is the cardinal.
	if c.words || article {
		m := k
		if p.isHyphen(m) {
			m++
		}
		numer := c.val
		var den float64
		var plural, fok bool
		var end int
		if c.tensTok >= 0 && c.tensTok == k-1 && !p.isHyphen(k) {
			// "one hundred thirty fifths" is 100/35.
			o := p.info(k)
			if p.tok(k).kind == tWord && o.flags&wOrd != 0 && o.val > 2 && o.val < 10 && !p.wordIs(k, "quarter") && !p.wordIs(k, "quarters") {
				numer, den, plural, end, fok = c.val-c.tensVal, c.tensVal+o.val, o.flags&wOrdPl != 0, k+1, true
			}
		}
		if !fok && c.tensTok >= 0 && c.tensTok == k-1 && p.isHyphen(k) {
			o := p.info(k + 1)
			if p.tok(k+1).kind == tWord && o.flags&wOrd != 0 && o.val < 10 && o.val > 0 && !p.wordIs(k+1, "quarters") && !p.wordIs(k+1, "half") {
				numer, den, plural, end, fok = c.val-c.tensVal, c.tensVal+o.val, o.flags&wOrdPl != 0, k+2, true
			}
		}
		if !fok {
			den, plural, end, fok = p.ordinalDen(m)
		}
		checkNumer := numer
		if c.hasAnd && c.tensTok < 0 {
			checkNumer = c.andY
		}
		if fok && den > 0 && p.fractionOK(checkNumer, plural, end, i) {
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
			n.val, n.end, n.frac, n.integer = v, end, true, false
			k = end
			n = p.fractionScale(n, k)
			return n, true
		}
	}
	if article {
		return n, false
	}
	// "and a half", "and two thirds", "and three fifths" after a cardinal.
	if p.wordIs(k, "and") {
		if fr, ok := p.andFraction(k + 1); ok {
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
			return n, true
		}
	}
	// "one over three", "2000 over 3".
	if p.wordIs(k, "over") && c.integer {
		if d, ok := p.cardinal(k + 1); ok && d.integer && d.val > 0 && !p.isWord(d.end) && !d.hasScale {
			n.val /= d.val
			n.end, n.frac, n.integer = d.end, true, false
			return n, true
		}
	}
	// "one out of three", "1 in twenty-one".
	if c.integer && !c.hasScale && (p.wordIs(k, "out") && p.wordIs(k+1, "of") || p.wordIs(k, "in") && c.val == 1) {
		m := k + 1
		if p.wordIs(k, "out") {
			m = k + 2
		}
		if d, ok := p.cardinal(m); ok && d.integer && d.val > c.val && d.val > 1 && !(d.digits == 4 && d.val >= 1900 && d.val <= 2099) {
			n.val /= d.val
			n.end, n.frac, n.integer = d.end, true, false
			return n, true
		}
	}
	return n, true
}

func (p *parser) isScaleWord(k int) bool {
	t := p.tok(k)
	return t.kind == tWord && p.has(k, wScale) && t.end-t.start > 3
}

func (p *parser) isOrdinalAt(k int) bool {
	_, _, _, ok := p.ordinalDen(k)
	return ok
}

// fractionOK decides whether numerator + ordinal is a fraction. A singular
// ordinal after a numerator other than one is an ordinal ("two millionth"),
// and "a third" or "one third" before a noun is an ordinal too ("a third
// party").
func (p *parser) fractionOK(numer float64, plural bool, end, start int) bool {
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
func (p *parser) fractionScale(n num, k int) num {
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
func (p *parser) andFraction(k int) (n num, ok bool) {
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
func (p *parser) pointDigits(k int) (v float64, end int, ok bool) {
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
