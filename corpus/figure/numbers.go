package figure

// numbers is the second stage of Extract: it reads numbers in digits
// ("50,000", "2.788", "3/4", "1.3e6") and in words ("one hundred and
// sixteen", "two thirds", "five and a half million"), with their scale
// words but nothing that follows them.
type numbers struct {
	tokens
}

// num is a parsed number, before any unit is attached.
type num struct {
	start, end int // token range [start, end)
	val        float64
	words      bool    // written (partly) in words
	integer    bool    // a whole number written without decimals or fractions
	digits     int     // digits in a plain digit literal, 0 otherwise
	sep        bool    // written with thousands separators
	scale      float64 // the multiplier of the last scale word or suffix, 0 if none
	suffix     bool    // the scale is a glued suffix ("10k", "2.788M")
	frac       bool    // a fraction
	article    bool    // starts with "a"/"an" ("a dozen", "a trillion")
}

// year reports whether n looks like a year: a four-digit whole number from
// 1900 to 2099 written without separators or scale.
func (n num) year() bool {
	return n.digits == 4 && n.integer && !n.sep && n.scale == 0 && n.val >= 1900 && n.val <= 2099
}

// number parses a number in digits or words at token i. It extends a
// cardinal (or starts at "a"/"an"/"half") with a fraction: "two thirds",
// "one hundred and three quarters", "a half", "one and a half", "five and a
// half million", "half a million", "two thirds of a million", "one over
// three", "one out of three", "1 in twenty-one", "two hundred point zero
// three". bareHalf allows "half" alone, as in "more than half".
func (p *numbers) number(i int, bareHalf bool) (n num, ok bool) {
	var c card
	article := false
	switch {
	case (p.wordIs(i, "a") || p.wordIs(i, "an")) && p.isOrdinalAt(i+1):
		c = card{num: num{start: i, end: i + 1, val: 1, words: true, integer: true}, last: aUnit, tensTok: -1}
		article = true
	case p.wordIs(i, "half") || p.wordIs(i, "quarter"):
		return p.halfOf(i, bareHalf)
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
	if c.words || article {
		if f, ok := p.cardFraction(&c, i); ok {
			return f, true
		}
	}
	if article {
		return n, false
	}
	// "and a half", "and two thirds", "and three fifths" after a cardinal.
	if p.wordIs(k, "and") {
		if fr, ok := p.andFraction(k + 1); ok {
			return p.plusFraction(&c, fr), true
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

// halfOf reads a number that starts with "half" or "quarter" at token i:
// "half a million", "half million", "quarter million", "half a dozen", and
// "half" alone when bareHalf is set.
func (p *numbers) halfOf(i int, bareHalf bool) (n num, ok bool) {
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
}
