package figure

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
func (p *parser) scaleSuffix(n num, money bool) (mult float64, end int, ident bool) {
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

// matchWords matches words (lower case, or exact) starting at token k.
func (p *parser) matchWords(k int, words []string, exact bool) (end int, ok bool) {
	m := k
	for wi, w := range words {
		t := p.tok(m)
		if t.kind == 0 {
			return k, false
		}
		s := p.text[t.start:t.end]
		if exact {
			if s != w {
				return k, false
			}
		} else if !equalFoldASCII(s, w) && !(t.kind == tWord && t.lex != 0 && wi == 0 && len(s) != len(w) && p.lowerEq(m, w)) {
			return k, false
		}
		// Symbols and digits inside a unit are glued: "GB/s", "km/h", "m2".
		if wi > 0 && (t.kind == tSym || t.kind == tNum || p.tok(m-1).kind == tSym) && t.sp && w != "-" {
			return k, false
		}
		m++
	}
	return m, true
}

// lowerEq compares a non-ASCII word token with a lower-case word.
func (p *parser) lowerEq(k int, w string) bool {
	id, ok := lexIndex[w]
	return ok && p.tok(k).lex == id
}

// unitAt matches the longest unit phrase at token k.
func (p *parser) unitAt(k int) (ph *unitPhrase, end int, ok bool) {
	t := p.tok(k)
	if t.kind == 0 || t.url {
		return nil, k, false
	}
	e := p.info(k)
	if t.kind == tSym {
		switch t.r {
		case '°':
			for _, w := range []string{"celsius", "c", "fahrenheit", "f"} {
				if p.wordIs(k+1, w) {
					unit := uCelsius
					if w[0] == 'f' {
						unit = uFahrenht
					}
					return &unitPhrase{unit: unit, kind: Quantity, mult: 1}, k + 2, true
				}
			}
			return &degreePhrase, k + 1, true
		case '×':
			return &timesPhrase, k + 1, true
		}
		return nil, k, false
	}
	best, bestEnd := -1, k
	for _, ui := range e.units {
		u := &unitPhrases[ui]
		if m, ok := p.matchWords(k, u.words, u.exact); ok && m > bestEnd {
			best, bestEnd = ui, m
		}
	}
	if best < 0 {
		return nil, k, false
	}
	return &unitPhrases[best], bestEnd, true
}

var (
	degreePhrase = unitPhrase{unit: uDegree, kind: Quantity, mult: 1}
	timesPhrase  = unitPhrase{unit: uTimes, kind: Quantity, mult: 1}
)

// numberStartsAt reports whether a number may start at token k.
func (p *parser) numberStartsAt(k int) bool {
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
func (p *parser) measureAt(i int, bareHalf bool) (m measure, ok bool) {
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
			return m, true
		}
		if mult > 0 {
			val *= mult
			end = e2
			m.scaleWord = true
			m.n.scale = mult
			m.n.suffix = true
		}
	}
	// Letters glued to the digits that are no unit or scale make a name: "4o", "910C".
	if hasCur && cmult > 0 {
		val *= cmult
		if cmult > 1 {
			m.scaleWord = true
		}
	}
	if neg {
		val = -val
	}
	m.val = val
	m.end = end
	if hasCur {
		m.kind, m.unit = Money, code
		// "US$ 1MM", "$ 75 USD million" do not take a second currency, but a
		// scale may follow a code: "USD 22.5 million" is read by number().
		return p.afterMoney(m), true
	}
	return p.attachUnit(m), true
}

// attachUnit attaches a currency, percent sign or unit written after the
// number of m.
func (p *parser) attachUnit(m measure) measure {
	k := m.end
	t := p.tok(k)
	if t.url {
		return m
	}
	// Hyphenated adjectives: "200-megawatt", "12-cent", "trillion-dollar".
	hy := false
	if p.isHyphen(k) && p.glued(k) && p.tok(k+1).kind == tWord && p.glued(k+1) {
		hy = true
		k++
		t = p.tok(k)
	}
	glued := !t.sp
	// Time of day: "6pm", "2 pm", "2:00".
	if t.kind == tWord && p.has(k, wTimeOfDay) && !hy && m.n.integer && m.val <= 12 && !m.n.words {
		m.time = true
		m.end = k + 1
		if p.isSym(k+1, '.') && p.glued(k+1) {
			m.end = k + 2
		}
		return m
	}
	if p.isSym(k, ':') && glued && p.isNum(k+1) && p.glued(k+1) && !hy {
		m.time = true
		m.end = k + 2
		return m
	}
	// Percent.
	if t.kind == tSym && (t.r == '%' || t.r == '％') && !hy {
		m.kind, m.unit, m.end = Percent, uPercent, k+1
		return m
	}
	if t.kind == tSym && t.r == '‰' && !hy {
		m.kind, m.unit, m.end = Percent, "‰", k+1
		return m
	}
	// Currency signs after the number: "10 $", "100₾".
	if t.kind == tSym && !hy {
		if code, isCur := symbolCurrency[t.r]; isCur {
			if p.suffixSignOK(k) {
				m.kind, m.unit, m.end = Money, code, k+1
				if code == "cent" {
					m.sub = true
				}
				m.wordCur = true
				return p.afterMoney(m)
			}
			return m
		}
	}
	// Currency words and codes after the number: "5 dollars", "115USD",
	// "420 million Finnish markka", "30 MUSD".
	if t.kind == tWord {
		if code, end, ph, isCur := p.currencyWord(k); isCur && !(glued && p.glued(end) && (p.isNum(end) || p.isWord(end))) {
			if ph.ambiguous && !m.scaleWord && !hy && !p.moneyContext(m.start) {
				// "25 pounds" is a weight.
			} else if ph.prefix && p.isNum(end) && p.glued(end) {
				// "3 USD50": the code belongs to the next number.
				return m
			} else {
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
				return p.afterMoney(m)
			}
		}
		s := p.str(k)
		if len(s) == 4 && s[0] == 'M' && p.isAllCaps(k) {
			if c, isCode := millionCodes[s[1:]]; isCode {
				m.kind, m.unit, m.end = Money, c, k+1
				m.val *= 1e6
				m.scaleWord = true
				m.wordCur = true
				return m
			}
		}
	}
	// Units.
	if ph, end, ok := p.unitAt(k); ok && p.unitOK(m, k, end, ph, hy) {
		m.kind, m.unit, m.phys = ph.kind, ph.unit, ph.phys
		if ph.mult != 1 && ph.mult != 0 {
			m.val *= ph.mult
		}
		m.end = end
		m.hyphenAdj = hy
		// Feet and inches: "5 ft 2 in", "5 feet and 2 inches".
		if ph.unit == "ft" {
			m = p.feetInches(m)
		}
		return m
	}
	// A spaced inch mark: `10 " long`.
	if t.kind == tSym && t.r == '"' && t.sp && !hy && p.tok(k+1).sp && p.isWord(k+1) && !p.isCapitalised(k+1) {
		m.kind, m.unit, m.phys, m.end = Quantity, "in", true, k+1
		return m
	}
	// A unit in brackets: "20 (kg)".
	if t.kind == tSym && (t.r == '(' || t.r == '[' || t.r == '{' || t.r == '<') && !hy {
		if ph, end, ok := p.unitAt(k + 1); ok && ph.phys && p.glued(k+1) && p.tok(end).kind == tSym && p.glued(end) {
			switch p.tok(end).r {
			case ')', ']', '}', '>':
				m.kind, m.unit, m.phys, m.end = Quantity, ph.unit, true, end+1
				return m
			}
		}
	}
	// Any other letters glued to the digits make a name or code: "4o",
	// "910C", "1990s", "24703L202".
	if glued && !hy && (t.kind == tWord || t.kind == tNum) && !m.n.words {
		if ord := p.str(k); (ord == "st" || ord == "nd" || ord == "rd" || ord == "th") && m.n.integer {
			m.ident = true
			m.end = k + 1
			return m
		}
		m.ident = true
		m.end = k + 1
		return m
	}
	if hy && (t.kind == tWord) {
		// "10,000-chip cluster": a count whose noun is glued on.
		if !p.has(k, wStop) && !p.has(k, wCard) && !p.has(k, wScale) {
			m.adjNoun = k
		}
	}
	return m
}

// unitOK checks the context of a unit match: single-letter units must be
// glued, and a unit must not run into more letters or digits ("24703L202",
// "m212", "L-202").
func (p *parser) unitOK(m measure, k, end int, ph *unitPhrase, hy bool) bool {
	s := p.str(k)
	glued := p.glued(k) && !hy
	nt := p.tok(end)
	if !nt.sp && (nt.kind == tWord || nt.kind == tNum) {
		return false
	}
	if p.isHyphen(end) && !nt.sp && p.isNum(end+1) {
		return false
	}
	switch s {
	case "x", "t", "g", "L":
		if !glued {
			return false
		}
	case "m":
		// "1 m" and "1.8m" are metres, "I'm" is not a number at all.
		if p.isSym(k-1, '\'') {
			return false
		}
	case "in", "pm", "am":
		return false
	}
	if ph.kind == Duration && m.n.words && m.n.article && !p.wordIs(k, "decade") && !p.wordIs(k, "decades") && !p.wordIs(k, "century") {
		return true
	}
	// Capitalised duration words after a name are titles: "CBS 60 Minutes".
	if ph.kind == Duration && p.isCapitalised(k) && !p.isAllCaps(k) && !p.tok(k).nl {
		if p.tok(m.start-1).kind == tWord && p.isCapitalised(m.start-1) {
			return false
		}
	}
	return true
}

// feetInches reads "5 ft 2 in" and "5 feet and 2 inches" as feet.
func (p *parser) feetInches(m measure) measure {
	k := m.end
	if p.wordIs(k, "and") {
		k++
	}
	if !p.isNum(k) {
		return m
	}
	l, ok := p.literal(k)
	if !ok || l.val >= 12 {
		return m
	}
	if p.wordIs(l.end, "in") || p.wordIs(l.end, "inches") || p.wordIs(l.end, "inch") {
		m.val += l.val / 12
		m.end = l.end + 1
	}
	return m
}
