package figure

// dateAt reads a calendar date starting at token i: "December 25", "Jan. 27",
// "January 27, 2025", "27 January 2025", "October 2023", "in October",
// "February or March 2024", "5/17/2018", "2025-01-27". Years alone are read
// in figureAt, because whether "2048" is a year depends on what follows.
func (p *measures) dateAt(i int) (raw, int, bool) {
	t := p.tok(i)
	switch t.kind {
	case tWord:
		if p.has(i, wMonth) {
			return p.monthDate(i)
		}
	case tNum:
		if r, end, ok := p.periodAt(i); ok {
			return r, end, true
		}
		if r, end, ok := p.numericDate(i); ok {
			return r, end, true
		}
		return p.dayMonthDate(i)
	}
	return raw{}, i, false
}

func dateRaw(start, end int, date dspan) raw {
	return raw{start: start, end: end, kind: Date, noValue: true, dspan: date, countsStart: -1, countsEnd: -1, perStart: -1, perEnd: -1}
}

// monthAt reads a month name at token i, with the full stop of an
// abbreviation ("Jan.", "oct ."). ok is false for words that are more often
// not months: lower-case "may" and "march", and "May" or "March" unless a day
// or year follows.
func (p *measures) monthAt(i int) (mon int, end int, ok bool) {
	e := p.info(i)
	if p.tok(i).kind != tWord || e.flags&wMonth == 0 {
		return 0, i, false
	}
	end = i + 1
	if e.flags&wMonthAbbr != 0 {
		if p.isSym(end, '.') {
			end++
		} else if !p.isCapitalised(i) {
			return 0, i, false
		}
		// "Mar-a-Lago"
		if p.isHyphen(i+1) && p.glued(i+1) {
			return 0, i, false
		}
	}
	return int(e.val), end, true
}

// dayAt reads a day of the month at token k: "25", "4th".
func (p *measures) dayAt(k int) (day int, end int, ok bool) {
	if !p.isNum(k) || p.numLen(k) > 2 || p.glued(k) {
		return 0, k, false
	}
	d := int(p.digitsValue(0, k))
	if d < 1 || d > 31 {
		return 0, k, false
	}
	end = k + 1
	if p.glued(end) && p.isWord(end) {
		switch p.str(end) {
		case "st", "nd", "rd", "th":
			end++
		default:
			return 0, k, false
		}
	}
	nt := p.tok(end)
	if !nt.sp && (nt.kind == tNum || nt.kind == tWord) {
		return 0, k, false
	}
	if p.isSym(end, ':') || p.isSym(end, '%') || p.isSym(end, '.') && p.isNum(end+1) && p.glued(end+1) {
		return 0, k, false
	}
	if nt.kind == tWord && (p.has(end, wScale|wUnitWord|wCurrencyWord|wHundred) && !p.has(end, wMonth)) {
		return 0, k, false
	}
	return d, end, true
}

// yearAt reads a four-digit year at token k.
func (p *measures) yearAt(k int) (year int, ok bool) {
	if p.numLen(k) != 4 {
		return 0, false
	}
	nt := p.tok(k + 1)
	if !nt.sp && (nt.kind == tNum || nt.kind == tWord) {
		return 0, false
	}
	if p.isSym(k+1, ',') && p.isNum(k+2) && p.glued(k+1) && p.glued(k+2) {
		return 0, false
	}
	y := int(p.digitsValue(0, k))
	if y < 1000 || y > 2999 {
		return 0, false
	}
	return y, true
}

func (p *measures) monthDate(i int) (raw, int, bool) {
	mon, k, ok := p.monthAt(i)
	if !ok {
		return raw{}, i, false
	}
	lowerVerb := p.wordIs(i, "may") && p.str(i) == "may" || p.wordIs(i, "march") && p.str(i) == "march"
	if day, end, ok := p.dayAt(k); ok {
		y, yEnd := 0, end
		m := end
		if p.isSym(m, ',') {
			m++
		}
		if yr, yok := p.yearAt(m); yok && p.tok(m).sp {
			y, yEnd = yr, m+1
		}
		if lowerVerb && y == 0 {
			nt := p.tok(end)
			if nt.kind == tWord || nt.kind == tNum {
				return raw{}, i, false
			}
		}
		return dateRaw(i, yEnd, p.isoDate(y, mon, day)), yEnd, true
	}
	if lowerVerb {
		return raw{}, i, false
	}
	if y, ok := p.yearAt(k); ok && p.tok(k).sp {
		return dateRaw(i, k+1, p.isoDate(y, mon, 0)), k + 1, true
	}
	// "February or March 2024".
	if (p.wordIs(k, "or") || p.wordIs(k, "to") || p.wordIs(k, "and")) && p.isCapitalised(i) {
		if mon2, k2, ok := p.monthAt(k + 1); ok && mon2 > mon {
			if y, ok := p.yearAt(k2); ok {
				return dateRaw(i, k2+1, p.isoRange(y, mon, y, mon2)), k2 + 1, true
			}
		}
	}
	// A month alone, after a preposition: "in October".
	if p.isCapitalised(i) && !p.wordIs(i, "may") && p.info(i).flags&wMonthAbbr == 0 {
		prev := i - 1
		if p.has(prev, wYearPrep|wDateMod) || p.wordIs(prev, "last") || p.wordIs(prev, "next") || p.wordIs(prev, "this") {
			return dateRaw(i, k, p.isoDate(0, mon, 0)), k, true
		}
	}
	return raw{}, i, false
}

// dayMonthDate reads "27 January 2025" and "1 May".
func (p *measures) dayMonthDate(i int) (raw, int, bool) {
	if p.numLen(i) > 2 || p.glued(i) && i > 0 {
		return raw{}, i, false
	}
	d := int(p.digitsValue(0, i))
	k := i + 1
	if p.glued(k) && p.isWord(k) {
		switch p.str(k) {
		case "st", "nd", "rd", "th":
			k++
		default:
			return raw{}, i, false
		}
	}
	if d < 1 || d > 31 || !p.isCapitalised(k) || !p.tok(k).sp {
		return raw{}, i, false
	}
	mon, end, ok := p.monthAt(k)
	if !ok {
		return raw{}, i, false
	}
	y := 0
	if yr, ok := p.yearAt(end); ok && p.tok(end).sp {
		y = yr
		end++
	}
	return dateRaw(i, end, p.isoDate(y, mon, d)), end, true
}

// numericDate reads "5/17/2018" (month first, as US news writes it) and
// ISO "2025-01-27".
func (p *measures) numericDate(i int) (raw, int, bool) {
	if i > 0 && p.glued(i) && (p.isWord(i-1) || p.isSym(i-1, '/') || p.isSym(i-1, '-')) {
		return raw{}, i, false
	}
	sep := p.tok(i + 1)
	if sep.kind != tSym || (sep.r != '/' && sep.r != '-') || sep.sp || !p.isNum(i+2) || !p.glued(i+2) ||
		!p.isSym(i+3, sep.r) || !p.glued(i+3) || !p.isNum(i+4) || !p.glued(i+4) {
		return raw{}, i, false
	}
	nt := p.tok(i + 5)
	if !nt.sp && (nt.kind == tNum || nt.kind == tWord || nt.kind == tSym && (nt.r == '/' || nt.r == '-')) {
		return raw{}, i, false
	}
	a, b, c := int(p.digitsValue(0, i)), int(p.digitsValue(0, i+2)), int(p.digitsValue(0, i+4))
	var y, mon, d int
	switch {
	case sep.r == '-' && p.numLen(i) == 4 && p.numLen(i+2) == 2 && p.numLen(i+4) == 2:
		y, mon, d = a, b, c
	case sep.r == '/' && p.numLen(i) <= 2 && p.numLen(i+2) <= 2 && (p.numLen(i+4) == 4 || p.numLen(i+4) == 2):
		y, mon, d = c, a, b
		if p.numLen(i+4) == 2 {
			y += 2000
		}
	default:
		return raw{}, i, false
	}
	if mon < 1 || mon > 12 || d < 1 || d > 31 || y < 1000 || y > 2999 {
		return raw{}, i, false
	}
	return dateRaw(i, i+5, p.isoDate(y, mon, d)), i + 5, true
}

// dspan locates a normalised date in measures.dates; all the dates of one
// Extract call share one buffer, so they cost one allocation in all.
type dspan struct{ off, n int }

// isoDate writes a date in ISO form with X for unknown parts: "2025-01-27",
// "XXXX-12-25", "2023-10", "XXXX-10", "2027".
func (p *measures) isoDate(y, m, d int) dspan {
	off := len(p.dates)
	p.appendISO(y, m, d)
	return dspan{off, len(p.dates) - off}
}

// isoRange writes a range of months or years: "2024-02/2024-03", "2026/2027".
func (p *measures) isoRange(y1, m1, y2, m2 int) dspan {
	off := len(p.dates)
	p.appendISO(y1, m1, 0)
	p.dates = append(p.dates, '/')
	p.appendISO(y2, m2, 0)
	return dspan{off, len(p.dates) - off}
}

func (p *measures) appendISO(y, m, d int) {
	if y > 0 {
		p.dates = append(p.dates, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	} else {
		p.dates = append(p.dates, 'X', 'X', 'X', 'X')
	}
	if m == 0 {
		return
	}
	p.dates = append(p.dates, '-', byte('0'+m/10), byte('0'+m%10))
	if d > 0 {
		p.dates = append(p.dates, '-', byte('0'+d/10), byte('0'+d%10))
	}
}

// periodAt reads a decade or a century at token i: "1990s", "1990's",
// "the 1800s", "19th century", "12th-century", "10th and 11th
// centuries". Its date leaves the years it does not fix as X: "199X",
// "18XX", "09XX/10XX". These answer "when" as much as a year does ("When
// were the Normans in Normandy?": "in the 10th and 11th centuries").
func (p *measures) periodAt(i int) (raw, int, bool) {
	if p.numLen(i) == 4 {
		return p.decadeAt(i)
	}
	return p.centuryAt(i)
}

// decadeAt reads "1990s", "1990's" or "the 1800s" at token i.
func (p *measures) decadeAt(i int) (raw, int, bool) {
	if p.isNum(i - 1) {
		return raw{}, i, false
	}
	v := int(p.digitsValue(0, i))
	k := i + 1
	if p.isSym(k, '\'') || p.isSym(k, '’') {
		k++
	}
	// "1000s of people" are thousands.
	if v < 1100 || v > 2090 || v%10 != 0 || !p.glued(k) || !p.wordIs(k, "s") {
		return raw{}, i, false
	}
	if p.glued(k+1) && (p.isWord(k+1) || p.isNum(k+1)) {
		return raw{}, i, false // "1990sX": a code
	}
	// "RTX 2080s" and "Windows 2000s" are products, named by the
	// capitalised word before; a sentence may still open with one
	// ("Late 1990s").
	if p.isWord(i-1) && p.isCapitalised(i-1) && i >= 2 && !p.sentenceEnd(i-2) {
		return raw{}, i, false
	}
	off := len(p.dates)
	p.appendISO(v, 0, 0)
	p.dates[len(p.dates)-1] = 'X'
	if v%100 == 0 && v != 2000 {
		p.dates[len(p.dates)-2] = 'X' // the 1800s are the years 1800–1899
	}
	return dateRaw(i, k+1, dspan{off, 4}), k + 1, true
}

// centuryAt reads "19th century", "12th-century" or "10th and 11th
// centuries" at token i.
func (p *measures) centuryAt(i int) (raw, int, bool) {
	n1, k, ok := p.ordinalAt(i)
	if !ok {
		return raw{}, i, false
	}
	n2 := 0
	if p.wordIs(k, "and") || p.wordIs(k, "or") || p.wordIs(k, "to") || p.isSym(k, '/') || p.isHyphen(k) {
		if n, end, ok := p.ordinalAt(k + 1); ok && n > n1 {
			n2, k = n, end
		}
	}
	if p.isHyphen(k) && p.glued(k) && p.glued(k+1) {
		k++
	}
	if !p.wordIs(k, "century") && !p.wordIs(k, "centuries") {
		return raw{}, i, false
	}
	if p.wordIs(k+1, "bc") || p.wordIs(k+1, "bce") || p.wordIs(k+1, "b") && p.isSym(k+2, '.') {
		return raw{}, i, false // ISO years before year 1 are not written here
	}
	off := len(p.dates)
	p.appendCentury(n1)
	if n2 > 0 {
		p.dates = append(p.dates, '/')
		p.appendCentury(n2)
	}
	return dateRaw(i, k+1, dspan{off, len(p.dates) - off}), k + 1, true
}

// appendCentury writes the years of the nth century: "18XX" for the 19th.
func (p *measures) appendCentury(n int) {
	p.dates = append(p.dates, byte('0'+(n-1)/10), byte('0'+(n-1)%10), 'X', 'X')
}

// ordinalAt reads a century's ordinal in digits at token k: "19th",
// "21st", from the 1st to the 21st.
func (p *measures) ordinalAt(k int) (n, end int, ok bool) {
	if p.numLen(k) == 0 || p.numLen(k) > 2 || !p.glued(k+1) {
		return 0, k, false
	}
	if !p.wordIs(k+1, "st") && !p.wordIs(k+1, "nd") && !p.wordIs(k+1, "rd") && !p.wordIs(k+1, "th") {
		return 0, k, false
	}
	n = int(p.digitsValue(0, k))
	if n < 1 || n > 21 {
		return 0, k, false
	}
	return n, k + 2, true
}
