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
func (p *numbers) atom(k int) (kind atomKind, v float64, end int, lit num) {
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

// cardState is the running value of a cardinal being read.
type cardState struct {
	total, cur   float64 // the scaled groups so far, and the group being read
	sub          float64 // the last part of cur, which "dozen" multiplies
	lastScale    float64
	last         atomKind
	groupHundred bool // cur has taken its "hundred"
}

// cardPart is a part of a cardinal: an atom, maybe after "and" or a
// hyphen.
type cardPart struct {
	kind      atomKind
	v         float64
	at, end   int // the atom's token range
	lit       num // the atom in digits
	and, hyph bool
}

// cardinal parses a whole number written in words, digits or both, starting
// at token i: "one hundred and sixteen", "twenty-one trillion three
// hundred", "4 thousand 3 hundred and 21", "three lakh crore", "a dozen".
func (p *numbers) cardinal(i int) (c card, ok bool) {
	c.num = num{start: i, integer: true}
	c.tensTok = -1
	var st cardState
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
		st.cur, st.sub, st.last = 1, 1, aUnit
		c.article, c.words = true, true
		k++
	}
	for {
		// The next part: an atom, maybe after "and" or a hyphen.
		at, joinAnd, hyph := k, false, false
		if st.last != aNone {
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
		pt := cardPart{kind: kind, v: v, at: at, end: end, lit: lit, and: joinAnd, hyph: hyph}
		if !p.cardAccepts(&st, &pt, c.words) {
			break
		}
		st.add(&c, &pt)
		k = pt.end
		if pt.kind == aDigit && pt.lit.frac {
			break
		}
	}
	if st.last == aNone {
		return c, false
	}
	c.val = st.total + st.cur
	c.end = k
	c.last = st.last
	c.scale = st.lastScale
	if c.hasAnd {
		c.andY = c.val - c.andX
	}
	if c.words {
		c.digits = 0
		c.integer = c.val == float64(int64(c.val))
	}
	return c, true
}

// cardAccepts reports whether the part pt continues the cardinal st, as
// English orders them: "two hundred and five thousand" but not "five two"
// or "thousand hundred". words says the cardinal so far has words.
func (p *numbers) cardAccepts(st *cardState, pt *cardPart, words bool) bool {
	kind, v, at, last := pt.kind, pt.v, pt.at, st.last
	joinAnd, hyph := pt.and, pt.hyph
	accept := false
	switch kind {
	case aDigit:
		if pt.lit.start != at || hyph || pt.lit.frac && last != aNone {
			break
		}
		if last == aNone {
			accept = true
		} else if (last == aScale && v < st.lastScale || last == aHundred && v < 100) && pt.lit.integer && v > 0 && p.tok(at).sp {
			// Digits go on a number only as its next group ("4
			// thousand 3 hundred", "4 thousand and 21"): in "€1.7
			// billion 13 days" the 13 counts the days.
			next, _, _, _ := p.atom(pt.end)
			accept = joinAnd || next == aHundred || next == aScale
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
		accept = !joinAnd && !hyph && !st.groupHundred && st.cur > 0 && (last == aUnit || last == aTeen || last == aTens || last == aDigit)
		if last == aDigit && st.cur >= 1000 {
			accept = false
		}
	case aScale:
		accept = !joinAnd && (st.cur > 0 || (last == aScale && st.total > 0 && v > st.lastScale))
		// "405-billion-parameter": a hyphen joins digits and a scale.
		if hyph && (last != aDigit || !p.glued(at) || !p.glued(at-1)) {
			accept = false
		}
		if st.cur > 0 && st.lastScale > 0 && v >= st.lastScale {
			accept = false
		}
		// Short forms ("bn", "mil", "tn") are suffixes of figures
		// in digits, never parts of a number in words.
		if accept && p.tok(at).end-p.tok(at).start <= 3 && words && last != aDigit {
			accept = false
		}
	case aDozen:
		accept = !joinAnd && !hyph && st.cur > 0 && last != aScale
	}
	// A part after a hundred that takes its own hundred starts a new
	// number: "3 hundred and 2 hundred" is two numbers.
	if accept && st.groupHundred && last == aHundred && kind != aHundred && kind != aScale && kind != aDozen {
		if k2, _, _, _ := p.atom(pt.end); k2 == aHundred {
			accept = false
		}
		if p.isHyphen(pt.end) {
			if k2, _, _, _ := p.atom(pt.end + 1); k2 == aHundred {
				accept = false
			}
		}
	}
	return accept
}

// add adds the accepted part pt to the cardinal c being read.
func (st *cardState) add(c *card, pt *cardPart) {
	kind, v, last := pt.kind, pt.v, st.last
	if pt.and {
		c.andX = st.total + st.cur
		c.andScale = st.lastScale
		c.hasAnd = true
	}
	if kind != aDigit {
		c.words = true
	}
	c.tensTok = -1
	switch kind {
	case aDigit:
		if last == aNone {
			c.integer, c.digits, c.sep, c.frac = pt.lit.integer, pt.lit.digits, pt.lit.sep, pt.lit.frac
			st.cur, st.sub = v, v
		} else {
			st.cur += v
			st.sub = v
		}
	case aUnit, aTeen:
		st.cur += v
		st.sub += v
		if last == aHundred || last == aScale {
			st.sub = v
		}
	case aTens:
		if last == aHundred || last == aScale {
			if !pt.and {
				c.tensTok, c.tensVal = pt.at, v
			}
			st.sub = v
		} else {
			st.sub = v
		}
		st.cur += v
	case aHundred:
		st.cur *= 100
		st.sub = 0
		st.groupHundred = true
	case aScale:
		if st.cur > 0 {
			st.total += st.cur * v
		} else {
			st.total *= v
		}
		st.cur, st.sub = 0, 0
		st.lastScale = v
		c.hasScale = true
		st.groupHundred = false
	case aDozen:
		if st.sub > 0 && st.sub != st.cur {
			st.cur += st.sub * 11
		} else {
			st.cur *= 12
		}
		st.sub = 0
	}
	st.last = kind
}
