package figure

// measures is the third stage of Extract: a number with what is attached to
// it (a currency, a scale, a unit, the noun it counts), and calendar dates,
// which are read before numbers because "December 25" holds one.
type measures struct {
	numbers
	dates []byte // normalised dates of this text, see dspan
}

// measure is a number with what is attached to it: a currency, a scale, a
// unit. It spans tokens [start, end).
type measure struct {
	n          num
	start, end int
	val        float64
	kind       Kind
	unit       string
	prefixCur  bool // the currency is written before the number ("$5")
	wordCur    bool // the currency is a word or code after the number ("5 dollars")
	phys       bool // a physical unit
	hyphenAdj  bool // a hyphenated adjective: "200-megawatt", "12-cent"
	adjNoun    int  // token of the noun in "10,000-chip", or -1
	time       bool // a time of day: "6pm", "2:00"
	ident      bool // part of a name or code: "H100", "GPT-4", "5G"
	scaleWord  bool // a scale word or suffix applied
	negative   bool
	sub        bool // a minor currency unit ("50 cents")
	wordsOnly  bool // the number is written in words only
}

// scaleSuffix reads a scale written as letters glued to digits, or as a lone
// letter after them: "10k", "2.788M", "$1.2bn", "1MM", "10G", "2.33 k".
// money says a currency was seen, which makes "m" and "t" scales rather than
// metres and tonnes.
func (p *measures) scaleSuffix(n num, money bool) (mult float64, end int, ident bool) {
	k := n.end
	t := p.tok(k)
	if t.kind != tWord {
		return 0, k, false
	}
	s := p.text[t.start:t.end]
	if !p.glued(k) {
		// A spaced single letter only at the end of a phrase: "2.33 k".
		nt := p.tok(k + 1)
		if nt.kind == tWord || nt.kind == tNum {
			return 0, k, false
		}
		switch s {
		case "k", "K":
			return 1e3, k + 1, false
		case "M", "G", "B", "T":
			return suffixMult(s), k + 1, false
		}
		return 0, k, false
	}
	// Glued letters followed by more letters or digits are a name: "5G2".
	nt := p.tok(k + 1)
	if !nt.sp && (nt.kind == tWord || nt.kind == tNum) {
		return 0, k, false
	}
	switch s {
	case "k", "K":
		return 1e3, k + 1, false
	case "M", "MM", "MN", "Mn", "mn", "mln", "mil":
		return 1e6, k + 1, false
	case "B", "b", "bn", "Bn", "BN", "bln", "Bln":
		return 1e9, k + 1, false
	case "T", "tn", "Tn", "trn", "tln":
		return 1e12, k + 1, false
	case "G":
		// "5G", "4G" are network generations.
		if n.integer && n.digits == 1 {
			return 0, k, true
		}
		return 1e9, k + 1, false
	case "m", "mm", "t":
		if money || p.currencyAt(k+1) {
			if s == "t" {
				return 1e12, k + 1, false
			}
			return 1e6, k + 1, false
		}
	}
	return 0, k, false
}

func suffixMult(s string) float64 {
	switch s {
	case "M":
		return 1e6
	case "G", "B":
		return 1e9
	case "T":
		return 1e12
	}
	return 0
}

// numberStartsAt reports whether a number may start at token k.
func (p *measures) numberStartsAt(k int) bool {
	t := p.tok(k)
	switch t.kind {
	case tNum:
		return true
	case tSym:
		return (t.r == '.' && p.isNum(k+1)) || t.r == '-' && p.isNum(k+1)
	case tWord:
		e := p.info(k)
		return e.flags&(wCard|wScale) != 0 || p.wordIs(k, "a") || p.wordIs(k, "an") || p.wordIs(k, "half") || p.wordIs(k, "quarter")
	}
	return false
}

// measureAt parses a measure starting at token i. bareHalf allows a lone
// "half" (after a qualifier).
func (p *measures) measureAt(i int, bareHalf bool) (m measure, ok bool) {
	m = measure{start: i, adjNoun: -1}
	k := i
	code, next, cmult, hasCur := p.prefixCurrency(k)
	if hasCur {
		k = next
		m.prefixCur = true
	}
	// Signs.
	neg := false
	switch {
	case p.isSym(k, '-') || p.isSym(k, '−'):
		t := p.tok(k)
		prevNum := p.isNum(k-1) || (p.tok(k-1).kind == tWord && !t.sp)
		if !prevNum && p.isNum(k+1) && (p.glued(k+1) || k == 0 || hasCur) && (t.sp || hasCur || p.isSym(k-1, '(')) {
			neg = true
			k++
		} else if !prevNum && k == 0 && p.isNum(k+1) {
			neg = true
			k++
		}
	case p.wordIs(k, "minus") || p.wordIs(k, "negative"):
		if p.numberStartsAt(k+1) && !p.wordIs(k+1, "a") && !p.wordIs(k+1, "an") {
			neg = true
			k++
		}
	}
	if !hasCur && neg {
		// "-$5": a sign before the currency.
		if c, nx, cm, ok := p.prefixCurrency(k); ok {
			code, k, cmult, hasCur = c, nx, cm, true
			m.prefixCur = true
		}
	}
	n, nok := p.number(k, bareHalf)
	if !nok {
		return m, false
	}
	m.n = n
	m.negative = neg
	m.wordsOnly = n.words && n.digits == 0 && !p.isNum(n.start)
	if !p.scale(&m, hasCur, cmult) {
		return m, true
	}
	if hasCur {
		m.kind, m.unit = Money, code
		// "US$ 1MM", "$ 75 USD million" do not take a second currency, but a
		// scale may follow a code: "USD 22.5 million" is read by number().
		return p.afterMoney(m), true
	}
	return p.attachUnit(m), true
}

// scale sets the value and end of the measure m from its number, with a
// scale suffix glued to digits ("10k", "2.788M"), the million of a
// "MUSD"-style code (cmult) and the sign. hasCur says a currency came
// before the number. It reports false when a glued letter makes the number
// part of a name ("5G"), and m is then complete.
func (p *measures) scale(m *measure, hasCur bool, cmult float64) bool {
	n := m.n
	val := n.val
	end := n.end
	if n.scale > 0 {
		m.scaleWord = true
	}
	// Glued scale suffixes for numbers in digits.
	if !n.words || p.isNum(n.end-1) || p.isSym(n.end-1, '.') {
		mult, e2, ident := p.scaleSuffix(n, hasCur)
		if ident {
			m.ident = true
			m.end = e2 + 1
			return false
		}
		if mult > 0 {
			val *= mult
			end = e2
			m.scaleWord = true
			m.n.scale = mult
			m.n.suffix = true
		}
	}
	// "MUSD 20": the code holds a scale.
	if hasCur && cmult > 0 {
		val *= cmult
		if cmult > 1 {
			m.scaleWord = true
		}
	}
	if m.negative {
		val = -val
	}
	m.val = val
	m.end = end
	return true
}
