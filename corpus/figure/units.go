package figure

// unitAt matches the longest unit phrase at token k.
func (p *measures) unitAt(k int) (ph *unitPhrase, end int, ok bool) {
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

// attachUnit attaches a currency, percent sign or unit written after the
// number of m.
func (p *measures) attachUnit(m measure) measure {
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
	if !hy && p.signAfter(&m, k) || t.kind == tWord && p.currencyAfter(&m, k, hy) || p.unitAfter(&m, k, hy) {
		return m
	}
	// Any other letters glued to the digits make a name or code: "4o",
	// "910C", "1990s", "4th", "24703L202".
	if !t.sp && !hy && (t.kind == tWord || t.kind == tNum) && !m.n.words {
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

// signAfter reads a sign or a short word right after the number of m, at
// token k, that makes it a time of day ("6pm", "2 pm", "2:00"), a
// percentage ("17%") or money ("10 $", "100₾"). It reports whether m is
// complete; m is unchanged when there is none.
func (p *measures) signAfter(m *measure, k int) bool {
	t := p.tok(k)
	if t.kind == tWord && p.has(k, wTimeOfDay) && m.n.integer && m.val <= 12 && !m.n.words {
		m.time = true
		m.end = k + 1
		if p.isSym(k+1, '.') && p.glued(k+1) {
			m.end = k + 2
		}
		return true
	}
	if p.isSym(k, ':') && !t.sp && p.isNum(k+1) && p.glued(k+1) {
		m.time = true
		m.end = k + 2
		return true
	}
	if t.kind != tSym {
		return false
	}
	switch t.r {
	case '%', '％':
		m.kind, m.unit, m.end = Percent, uPercent, k+1
		return true
	case '‰':
		m.kind, m.unit, m.end = Percent, "‰", k+1
		return true
	}
	code, isCur := symbolCurrency[t.r]
	if !isCur {
		return false
	}
	if !p.suffixSignOK(k) {
		// "1 $10": the sign is the next number's, and this one has none.
		return true
	}
	m.kind, m.unit, m.end = Money, code, k+1
	if code == "cent" {
		m.sub = true
	}
	m.wordCur = true
	*m = p.afterMoney(*m)
	return true
}

// unitAfter reads a unit written after the number of m, at token k (after
// the hyphen of an adjective when hy is set): "1 gigawatt", "2.788M GPU
// hours", "5 ft 2 in", `10 " long`, "20 (kg)". It reports whether there
// is one; m is unchanged when there is none.
func (p *measures) unitAfter(m *measure, k int, hy bool) bool {
	t := p.tok(k)
	if ph, end, ok := p.unitAt(k); ok && p.unitOK(*m, k, end, ph, hy) {
		m.kind, m.unit, m.phys = ph.kind, ph.unit, ph.phys
		if ph.mult != 1 && ph.mult != 0 {
			m.val *= ph.mult
		}
		m.end = end
		m.hyphenAdj = hy
		// Feet and inches: "5 ft 2 in", "5 feet and 2 inches".
		if ph.unit == "ft" {
			*m = p.feetInches(*m)
		}
		return true
	}
	// A spaced inch mark: `10 " long`.
	if t.kind == tSym && t.r == '"' && t.sp && !hy && p.tok(k+1).sp && p.isWord(k+1) && !p.isCapitalised(k+1) {
		m.kind, m.unit, m.phys, m.end = Quantity, "in", true, k+1
		return true
	}
	// A unit in brackets: "20 (kg)".
	if t.kind == tSym && (t.r == '(' || t.r == '[' || t.r == '{' || t.r == '<') && !hy {
		if ph, end, ok := p.unitAt(k + 1); ok && ph.phys && p.glued(k+1) && p.tok(end).kind == tSym && p.glued(end) {
			switch p.tok(end).r {
			case ')', ']', '}', '>':
				m.kind, m.unit, m.phys, m.end = Quantity, ph.unit, true, end+1
				return true
			}
		}
	}
	return false
}

// unitOK checks the context of a unit match: single-letter units must be
// glued, and a unit must not run into more letters or digits ("24703L202",
// "m212", "L-202").
func (p *measures) unitOK(m measure, k, end int, ph *unitPhrase, hy bool) bool {
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
func (p *measures) feetInches(m measure) measure {
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

// nounUnit reports a unit that is written as the head of a noun phrase:
// "2.788M H800 GPU hours", "671 billion parameters", "14.8 trillion tokens".
func (p *measures) nounUnit(cs, ce int) string {
	h := ce - 1
	switch {
	case p.wordIs(h, "parameters") || p.wordIs(h, "parameter") || p.wordIs(h, "params"):
		return uParam
	case p.wordIs(h, "tokens") || p.wordIs(h, "token"):
		return uToken
	case (p.wordIs(h, "hours") || p.wordIs(h, "hour") || p.wordIs(h, "hrs")) && h > cs:
		g := h - 1
		if p.isHyphen(g) {
			g--
		}
		if p.wordIs(g, "gpu") {
			return uGPUHour
		}
	}
	return ""
}
