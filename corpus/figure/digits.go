package figure

import "math"

// pow10 returns 10**e for the small exponents digit literals need.
func pow10(e int) float64 {
	if e >= 0 && e < len(pow10tab) {
		return pow10tab[e]
	}
	return math.Pow(10, float64(e))
}

var pow10tab = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// maxGroups bounds the digit groups of one number ("1,234,567"), which keeps
// a long run of commas and digits from being re-read at every group.
const maxGroups = 10

// maxDigits bounds digit literals: longer runs are codes, not figures, and
// would lose precision anyway.
const maxDigits = 30

// vulgar fractions written as one rune.
var vulgarFractions = map[rune]float64{
	'½': 1.0 / 2, '⅓': 1.0 / 3, '⅔': 2.0 / 3, '¼': 1.0 / 4, '¾': 3.0 / 4, '⅕': 1.0 / 5, '⅖': 2.0 / 5,
	'⅗': 3.0 / 5, '⅘': 4.0 / 5, '⅙': 1.0 / 6, '⅚': 5.0 / 6, '⅛': 1.0 / 8, '⅜': 3.0 / 8, '⅝': 5.0 / 8,
	'⅞': 7.0 / 8, '⅐': 1.0 / 7, '⅑': 1.0 / 9, '⅒': 1.0 / 10,
}

// fractionDenominators are the denominators accepted in "a/b" fractions;
// others ("9/11", "24/7") are names or codes.
func fractionDenominator(d float64) bool {
	switch d {
	case 2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100:
		return true
	}
	return false
}

// inDottedChain reports whether the number at i continues a dotted chain like
// an IP address or version ("192.168.1.2"), whose parts are separate integers.
func (p *numbers) inDottedChain(i int) bool {
	return p.isSym(i-1, '.') && p.glued(i) && p.isNum(i-2) && p.glued(i-1)
}

// literal parses a number written in digits at token i: "50,000", "2.788",
// ".08", "1 234 567", "12,34,567.89", "1.3e6", "3/4", "2 1/4", "⅔".
// It does not read signs, scale words or units.
func (p *numbers) literal(i int) (n num, ok bool) {
	n = num{start: i, integer: true}
	t := p.tok(i)
	if t.url {
		return n, false
	}
	if t.kind == tSym {
		if f, isFrac := vulgarFractions[t.r]; isFrac {
			n.val, n.end, n.frac, n.integer = f, i+1, true, false
			return n, true
		}
		// A leading decimal point: ".08", but not the end of "192.".
		if t.r == '.' && p.isNum(i+1) && p.glued(i+1) && (t.sp || p.isSym(i-1, '$') || p.isSym(i-1, '(')) {
			if p.numLen(i+1) > maxDigits {
				return n, false
			}
			n.val = p.digitsValue(0, i+1) / pow10(p.numLen(i+1))
			n.end, n.integer = i+2, false
			p.exponent(&n)
			return n, true
		}
		return n, false
	}
	if t.kind != tNum || t.end-t.start > maxDigits {
		return n, false
	}
	n.val = p.digitsValue(0, i)
	n.end = i + 1
	n.digits = t.end - t.start
	if p.inDottedChain(i) {
		return n, true
	}
	// Dotted chains of three or more parts are read as separate integers.
	if p.isSym(i+1, '.') && p.glued(i+1) && p.isNum(i+2) && p.glued(i+2) && p.isSym(i+3, '.') && p.glued(i+3) && p.isNum(i+4) && p.glued(i+4) {
		return n, true
	}
	k, done := p.digitGroups(&n, i)
	if done {
		return n, true
	}
	// Decimals.
	if p.isSym(k, '.') && p.glued(k) && p.isNum(k+1) && p.glued(k+1) && p.numLen(k+1) <= maxDigits {
		l := p.numLen(k + 1)
		n.val += p.digitsValue(0, k+1) / pow10(l)
		n.end, n.integer, n.digits = k+2, false, 0
		k += 2
	}
	p.exponent(&n)
	if n.end != k {
		return n, true
	}
	p.fractionAfter(&n, k)
	return n, true
}

// digitGroups extends the digits n at token i over the groups written after
// them: "1,234,567", Indian "12,34,567", European "1.111,11", "1 234 567".
// It returns the token after them, with done set when the number cannot go
// on to decimals or a fraction (it ended in a decimal comma).
func (p *numbers) digitGroups(n *num, i int) (k int, done bool) {
	k = i + 1
	switch {
	case p.isSym(k, ',') && p.glued(k) && p.isNum(k+1) && p.glued(k+1):
		return p.commaGroups(n, i)
	case n.digits <= 3 && p.isSym(k, '.') && p.glued(k) && p.numLen(k+1) == 3 && p.glued(k+1) &&
		p.isSym(k+2, ',') && p.glued(k+2) && p.isNum(k+3) && p.glued(k+3) && p.numLen(k+3) <= 2:
		// European grouping with a decimal comma: "1.111,11".
		v := p.digitsValue(n.val, k+1)
		l := p.numLen(k + 3)
		n.val = v + p.digitsValue(0, k+3)/pow10(l)
		n.end, n.integer, n.digits, n.sep = k+4, false, 0, true
		return k, true
	case n.digits <= 3 && p.numLen(k) == 3 && p.tok(k).sp && p.singleSpace(k):
		// Groups separated by single spaces: "1 234 567", "40 000".
		end := k
		v := n.val
		for end-k < maxGroups && p.numLen(end) == 3 && p.tok(end).sp && p.singleSpace(end) && !(p.isWord(end+1) && p.glued(end+1)) {
			v = p.digitsValue(v, end)
			end++
		}
		if end > k {
			n.val, n.end, n.sep, n.digits = v, end, true, 0
			k = end
		}
	}
	return k, false
}

// commaGroups reads the comma-separated groups after the digits n at token
// i: thousands separators ("1,234,567", Indian "12,34,567") or a decimal
// comma, as some countries write it ("5,00", "1,3").
func (p *numbers) commaGroups(n *num, i int) (k int, done bool) {
	k = i + 1
	end, valid := k, -1 // valid: token index after the last well-formed grouping
	threes, sawThree := true, false
	for groups := 0; groups < maxGroups && p.isSym(end, ',') && p.glued(end) && p.isNum(end+1) && p.glued(end+1); groups++ {
		l := p.numLen(end + 1)
		if l != 3 && l != 2 {
			break
		}
		if l == 2 {
			if sawThree {
				break
			}
			threes = false
		}
		end += 2
		if l == 3 {
			valid, sawThree = end, true
			if !threes {
				break
			}
		}
	}
	switch {
	case valid > 0:
		v := n.val
		for m := k + 1; m < valid; m += 2 {
			v = p.digitsValue(v, m)
		}
		n.val, n.end, n.sep, n.digits = v, valid, true, 0
		return valid, false
	case p.numLen(k+1) <= 2 && n.digits <= 3 && !(p.isSym(k+2, ',') && p.isNum(k+3)) && !(p.isSym(k+2, '.') && p.isNum(k+3)) &&
		!(p.isSym(i-1, ',') && p.glued(i)):
		// A decimal comma.
		l := p.numLen(k + 1)
		n.val += p.digitsValue(0, k+1) / pow10(l)
		n.end, n.integer, n.digits = k+2, false, 0
		return k, true
	}
	return k, false
}

// fractionAfter reads a fraction that continues the whole number n at
// token k: "3/4", the mixed numbers "2 1/4" and "2½".
func (p *numbers) fractionAfter(n *num, k int) {
	if n.integer && p.isSym(k, '/') && p.glued(k) && p.isNum(k+1) && p.glued(k+1) && !(p.isSym(k+2, '/') && p.isNum(k+3)) {
		d := p.digitsValue(0, k+1)
		if fractionDenominator(d) && n.val < d && p.numLen(k+1) <= 3 {
			n.val /= d
			n.end, n.frac, n.integer, n.digits = k+2, true, false, 0
			return
		}
	}
	if n.integer && n.digits > 0 && n.digits <= 3 && p.isNum(k) && p.tok(k).sp && p.isSym(k+1, '/') && p.glued(k+1) &&
		p.isNum(k+2) && p.glued(k+2) && !(p.isSym(k+3, '/') && p.isNum(k+4)) {
		a, d := p.digitsValue(0, k), p.digitsValue(0, k+2)
		if fractionDenominator(d) && a < d && a > 0 {
			n.val += a / d
			n.end, n.frac, n.integer, n.digits = k+3, true, false, 0
			return
		}
	}
	if f, isFrac := vulgarFractions[p.tok(k).r]; isFrac && p.tok(k).kind == tSym && p.glued(k) && n.integer {
		n.val += f
		n.end, n.frac, n.integer, n.digits = k+1, true, false, 0
	}
}

// exponent reads scientific notation after a literal: "1.3e6", "12.32e+14",
// "1.1^23", "6.23x10^-4".
func (p *numbers) exponent(n *num) {
	k := n.end
	if p.wordIs(k, "e") && p.glued(k) {
		sign, m := 1.0, k+1
		if (p.isSym(m, '+') || p.isSym(m, '-')) && p.glued(m) {
			if p.isSym(m, '-') {
				sign = -1
			}
			m++
		}
		if p.isNum(m) && p.glued(m) && p.numLen(m) <= 3 && !p.isWord(m+1) {
			e := sign * p.digitsValue(0, m)
			n.val *= math.Pow(10, e)
			n.end, n.integer, n.digits = m+1, false, 0
		}
		return
	}
	base := n.val
	m := k
	times := false
	if (p.wordIs(m, "x") || p.isSym(m, '×')) && p.glued(m) && p.str(m+1) == "10" && p.glued(m+1) && p.isSym(m+2, '^') {
		base, m, times = 10, m+2, true
	}
	if !p.isSym(m, '^') || !p.glued(m) {
		return
	}
	sign, q := 1.0, m+1
	for (p.isSym(q, '+') || p.isSym(q, '-')) && p.glued(q) {
		if p.isSym(q, '-') {
			sign = -sign
		}
		q++
	}
	if !p.isNum(q) || !p.glued(q) || p.numLen(q) > 3 {
		return
	}
	e := p.digitsValue(0, q)
	if p.isSym(q+1, '.') && p.isNum(q+2) && p.glued(q+1) && p.glued(q+2) {
		return
	}
	v := math.Pow(base, sign*e)
	if times {
		v *= n.val
	}
	n.val = v
	n.end, n.integer, n.digits = q+1, false, 0
}
