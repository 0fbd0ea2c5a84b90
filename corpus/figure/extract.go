package figure

import "math"

// parser holds the state of one Extract call.
type parser struct {
	measures
}

// raw is a figure in token terms, before it becomes a Figure.
type raw struct {
	start, end       int // token range of Text
	kind             Kind
	val, low, high   float64
	isRange, noValue bool
	unit, qual       string
	countsStart      int // token range of Counts, or -1
	countsEnd        int
	per              string
	perStart, perEnd int   // token range of a per-phrase written as is, or -1
	dspan            dspan // the normalised date, see parser.dates
	claimant         string
}

// Extract returns the figures in a paragraph of English news text, in order of
// appearance and without overlaps. Each figure's Text is text[Start:End].
//
// Extract is rule-based: a tokenizer with byte offsets, a lexicon of number
// words, scales, currencies and units, and small state machines for numbers,
// ranges, qualifiers, dates and counted nouns. It runs in time linear in the
// length of the text and never panics.
func Extract(text string) []Figure {
	if len(text) == 0 {
		return nil
	}
	p := &parser{measures{numbers: numbers{tokens{text: text, toks: tokenize(text)}}}}
	raws := make([]raw, 0, 8)
	prevEnd := -1
	for i := 0; i < len(p.toks); {
		r, next, ok := p.figureAt(i, prevEnd == i)
		if ok {
			raws = append(raws, r)
			prevEnd = r.end
		}
		if next <= i {
			next = i + 1
		}
		i = next
	}
	if len(raws) == 0 {
		return nil
	}
	(&attributor{tokens: p.tokens}).attachClaimants(raws)
	return p.figures(raws)
}

// canStart is a cheap filter for tokens that may begin a figure.
func (p *parser) canStart(i int) bool {
	t := p.tok(i)
	switch t.kind {
	case tNum:
		return true
	case tSym:
		switch t.r {
		case '.', '-', '−', '~', '≈', '∼', '>', '<', '≥', '≤', '+':
			return true
		case ',', '(', ')', '"', '\'', ';', ':', '/', '“', '”', '’', '‘', '—', '–', '!', '?', '&':
			// The common punctuation, answered without a map lookup.
			return false
		}
		_, isCur := symbolCurrency[t.r]
		_, isFrac := vulgarFractions[t.r]
		return isCur || isFrac
	case tWord:
		if p.has(i, wCard|wMonth|wScale|wCurPrefix|wPercentWord|wQualStart|wStartWord) {
			return true
		}
		// Dollar prefixes ("US$", "hk $", "u.s $") and "MUSD"-style codes.
		if p.isSym(i+1, '$') || p.isSym(i+1, '.') && p.isSym(i+3, '$') {
			return true
		}
		return t.end-t.start == 4 && p.text[t.start] == 'M'
	}
	return false
}

// skip returns "no figure here, continue at next".
func skip(next int) (raw, int, bool) { return raw{}, next, false }

// figureAt tries to read a figure starting at token i. afterFigure says a
// figure ended right before i.
func (p *parser) figureAt(i int, afterFigure bool) (raw, int, bool) {
	t := p.tok(i)
	if t.url || !p.canStart(i) {
		return skip(i + 1)
	}
	if r, end, ok := p.dateAt(i); ok {
		return r, end, true
	}
	q, j, qprep := p.qualifierAt(i, afterFigure)
	// Words that only open qualifiers ("in", "at", "as") stop here when no
	// qualifier was read.
	if j == i && t.kind == tWord && !p.has(i, wCard|wMonth|wScale|wCurPrefix|wPercentWord|wStartWord) && !p.isSym(i+1, '$') && !p.isSym(i+1, '.') && t.end-t.start != 4 {
		return skip(i + 1)
	}
	between := false
	if p.wordIs(j, "between") {
		between = true
		j++
	}
	m, ok := p.measureAt(j, q != "")
	if !ok {
		if r, end, ok := p.articleDuration(i, q, j); ok {
			return r, end, true
		}
		if r, end, ok := p.percentOf(i); ok {
			return r, end, true
		}
		return skip(i + 1)
	}
	if m.ident || m.time {
		return skip(p.skipGlued(m.end))
	}
	if p.identBefore(m) || p.identAfter(m) {
		return skip(p.skipGlued(m.end))
	}
	if p.pronounOne(m) || q == "" && p.bareReference(m) {
		return skip(m.end)
	}
	// "one-day loss", "one-time gain": adjectives, not figures.
	if m.hyphenAdj && m.wordsOnly && p.wordIs(m.n.start, "one") && m.n.end == m.n.start+1 && m.kind != Money {
		return skip(m.end)
	}
	// "over four years" after an amount is the period, not "more than".
	if qprep && q == MoreThan && m.kind == Duration && p.wordIs(i, "over") {
		q, i = "", j
	}
	r := raw{start: i, end: m.end, kind: m.kind, unit: m.unit, val: m.val, qual: q, countsStart: -1, countsEnd: -1, perStart: -1, perEnd: -1}
	// Ranges.
	a := m
	b, bEnd, isRange := p.rangeAfter(&a, between, i)
	if between && !isRange {
		// "between" without its "and": the figure starts at the number.
		r.start = m.start
		if q != "" {
			r.start = i
		}
	}
	if isRange {
		r.isRange = true
		r.low, r.high = a.val, b.val
		r.kind, r.unit = b.kind, b.unit
		if r.kind == "" {
			r.kind, r.unit = a.kind, a.unit
		}
		r.end = bEnd
	}
	// A qualifier written after the figure.
	if q == "" {
		if pq, end := p.postQualifier(r.end); pq != "" {
			r.qual = pq
			r.end = end
		}
	}
	// Years.
	if r.kind == "" && !m.negative && !m.scaleWord {
		if isRange && a.n.year() && b.n.year() {
			r.kind = Date
			r.noValue = false
			r.dspan = p.isoRange(int(r.low), 0, int(r.high), 0)
			return r, r.end, true
		}
		if !isRange && (m.n.year() || p.earlyYear(m.n)) && !p.yearIsCount(m, q, qprep) {
			r.kind, r.noValue = Date, true
			r.dspan = p.isoDate(int(m.val), 0, 0)
			if q != About {
				r.qual = ""
				r.start = m.start
			}
			// "2024-25": a season or fiscal year.
			if p.isHyphen(m.end) && p.glued(m.end) && p.numLen(m.end+1) == 2 && p.glued(m.end+1) && !p.isWord(m.end+2) {
				hi := math.Floor(m.val/100)*100 + p.digitsValue(0, m.end+1)
				if hi == m.val+1 {
					r.noValue, r.isRange, r.low, r.high = false, true, m.val, hi
					r.dspan = p.isoRange(int(m.val), 0, int(hi), 0)
					r.end = m.end + 2
				}
			}
			return r, r.end, true
		}
	}
	// What a count counts: "about 50,000 NVIDIA Hopper GPUs".
	if r.kind == "" {
		r.kind = Count
		if m.adjNoun >= 0 && !isRange {
			if m.wordsOnly {
				// "one-word reply", "two-door version" are adjectives.
				return skip(m.adjNoun + 1)
			}
			r.countsStart, r.countsEnd = m.adjNoun, m.adjNoun+1
			r.end = m.adjNoun + 1
		} else if cs, ce, ok := p.nounPhrase(r.end); ok {
			// "the 800 series": a product line, not a count.
			if p.wordIs(cs, "series") && !m.wordsOnly && q == "" && !isRange {
				return skip(ce)
			}
			// "Wang's 50,000 H100 figure" counts H100s.
			if ce-cs >= 2 && p.has(ce-1, wClaimNoun) && !p.isCapitalised(ce-1) {
				ce--
			}
			r.countsStart, r.countsEnd = cs, ce
			r.end = ce
		} else if !isRange && m.n.suffix && m.n.integer && p.str(m.end-1) == "B" && !p.wordIs(m.end, "active") {
			// "its 32B and 70B distilled versions": model sizes used as names.
			return skip(m.end)
		} else if !isRange && q == "" && !m.negative && m.wordsOnly && p.wordIs(m.n.start, "one") && m.n.end == m.n.start+1 {
			// A lone "one" is nearly always a pronoun: "one later timeline".
			return skip(m.end)
		}
		if r.countsStart >= 0 {
			if unit := p.nounUnit(r.countsStart, r.countsEnd); unit != "" {
				r.kind, r.unit = Quantity, unit
			}
		}
	}
	// Rates: "$2 per GPU hour", "$25 billion a year", "50,000 GPUs per country".
	if per, ps, pe, end, ok := p.perAfter(r.end); ok {
		r.per, r.perStart, r.perEnd = per, ps, pe
		r.end = end
	}
	if m.sub && r.kind == Money {
		r.unit = m.unit
	}
	return r, r.end, true
}

// skipGlued moves past tokens glued to the one before k, so that the parts of
// a name like "GB200" or "4o" are not read again.
func (p *parser) skipGlued(k int) int {
	for k < len(p.toks) && !p.toks[k].sp && (p.toks[k].kind == tWord || p.toks[k].kind == tNum) {
		k++
	}
	return k
}

// identBefore reports that the number of m is part of a name or code because
// of what precedes it: "H100", "GPT-4", "DeepSeek-V3", "No. 1", "#1",
// "Llama 4", "RTX 4090", "Claude 3.5 Sonnet", "Tier 1".
func (p *parser) identBefore(m measure) bool {
	k := m.n.start
	if m.prefixCur || m.negative {
		return false
	}
	t := p.tok(k)
	if k > 0 && !t.sp {
		prev := p.tok(k - 1)
		switch prev.kind {
		case tWord:
			return true
		case tSym:
			switch prev.r {
			case '-', '‐', '‑', '–':
				if prev.sp {
					break
				}
				pp := p.tok(k - 2)
				switch pp.kind {
				case tWord:
					if p.has(k-2, wDateMod|wCard|wScale|wHundred) || p.has(k-2, wStop) && !p.isCapitalised(k-2) {
						return false
					}
					return true
				case tNum:
					// "scp2-173": the number before is itself a name.
					return !pp.sp && p.tok(k-3).kind == tWord
				}
			case ':', '#', '/', '\\', '_', '@', '&', '=', '^':
				return true
			case '+':
				// "N+2"
				return !prev.sp && p.tok(k-2).kind == tWord
			case '.':
				return p.tok(k-2).kind == tWord && !prev.sp && !p.wordIs(k-2, "no")
			case '[':
				return true
			}
		}
	}
	// "No. 1", "no. 31": rankings.
	if (p.wordIs(k-2, "no") || p.wordIs(k-2, "nos")) && p.isSym(k-1, '.') {
		return true
	}
	if p.str(k-1) == "No" || p.str(k-1) == "Nos" {
		return true
	}
	// "the 910B": a letter suffix on a bare number that counts nothing is a
	// model name.
	if m.kind == "" && m.n.suffix && p.wordIs(k-1, "the") && !p.isWord(m.end) {
		return true
	}
	// A capitalised name before a bare number in digits.
	if m.kind == "" && t.sp && !t.nl && !m.n.words && p.tok(k-1).kind == tWord && p.isCapitalised(k-1) {
		w := k - 1
		if p.has(w, wStop|wNameStop|wMonth|wWeekday|wClaim|wCurrencyWord|wYearPrep|wCard|wDateMod|wPrepHead) {
			return false
		}
		if p.has(w, wQualStart) {
			return false
		}
		return true
	}
	return false
}

// identAfter reports that a bare number is part of a code because of what
// follows it: "50/50", "24/7", "[1]".
func (p *parser) identAfter(m measure) bool {
	if m.kind != "" {
		return false
	}
	k := m.end
	if p.isSym(k, '/') && p.glued(k) && p.isNum(k+1) && p.glued(k+1) {
		return true
	}
	if p.isSym(k, ']') && p.glued(k) && p.isSym(m.n.start-1, '[') {
		return true
	}
	return false
}

// bareReference reports a number that refers rather than counts: "a
// combination of the two", "sat in the top 10 in 111 countries".
func (p *parser) bareReference(m measure) bool {
	if m.kind != "" || m.negative {
		return false
	}
	k := m.n.start
	if !m.n.words && (p.wordIs(k-1, "top") || p.wordIs(k-1, "bottom")) && (p.wordIs(k-2, "the") || p.wordIs(k-2, "a")) {
		return true
	}
	if m.wordsOnly && m.n.end == k+1 && p.has(k, wCard) && (p.wordIs(k-1, "the") || p.wordIs(k-1, "both")) {
		t := p.tok(m.end)
		return t.kind == 0 || t.kind == tSym && !p.glued(m.end) || t.kind == tSym && (t.r == '.' || t.r == ',' || t.r == ';' || t.r == ')')
	}
	return false
}

// pronounOne reports "one" used as a pronoun: "the one you mentioned",
// "which one", "one of the first".
func (p *parser) pronounOne(m measure) bool {
	if !m.wordsOnly || m.n.end != m.n.start+1 || !p.wordIs(m.n.start, "one") || m.kind != "" {
		return false
	}
	k := m.n.start
	if p.has(k-1, wOneDet) {
		return true
	}
	return p.wordIs(k+1, "of") || p.wordIs(k+1, "another") || p.isSym(k+1, '\'')
}

// rangeAfter reads the second half of a range after a: "to $65 billion",
// "-20 dollars", "and 3 percent" (with between), "or 2027". It may give a
// the unit or scale of b ("five to 10 years", "$60 to $65 billion").
func (p *parser) rangeAfter(a *measure, between bool, start int) (b measure, end int, ok bool) {
	k := a.end
	conn := ""
	switch {
	case between:
		if !p.wordIs(k, "and") {
			return b, k, false
		}
		conn = "and"
		k++
	case p.wordIs(k, "to") || p.wordIs(k, "through") || p.wordIs(k, "thru"):
		// "from A to B" is a change, unless it names a range.
		if p.wordIs(start-1, "from") && !p.has(start-2, wRangeWord) {
			return b, k, false
		}
		conn = "to"
		k++
	case p.isHyphen(k) && p.glued(k) && p.wordIs(k+1, "to") && p.glued(k+1) && p.isHyphen(k+2) && p.glued(k+2):
		// "five-to-ten-year"
		conn = "to"
		k += 3
	case p.isHyphen(k) && p.glued(k) && p.wordIs(k+1, "to") && !p.glued(k+1):
		// "8- to 16-meter"
		conn = "to"
		k += 2
	case p.isHyphen(k) && !a.hyphenAdj:
		if p.wordIs(start-1, "from") && !p.has(start-2, wRangeWord) {
			return b, k, false
		}
		conn = "-"
		k++
	case p.wordIs(k, "or"):
		conn = "or"
		k++
	default:
		return b, k, false
	}
	if a.ident || a.time || a.adjNoun >= 0 {
		return b, k, false
	}
	b, ok = p.measureAt(k, false)
	if !ok || b.ident || b.time || p.identBefore(b) && conn != "-" {
		return b, k, false
	}
	if conn == "-" && b.negative {
		return b, k, false
	}
	if conn == "or" {
		// "2026 or 2027", "one or two", "four or five years".
		if a.prefixCur || b.prefixCur || a.kind != "" && a.kind != b.kind {
			return b, k, false
		}
		if !(a.n.year() && b.n.year()) && (a.n.val >= 1000 || b.n.val >= 1000) {
			return b, k, false
		}
	}
	aYear := a.n.year() && a.kind == "" && !a.scaleWord
	bYear := b.n.year() && b.kind == "" && !b.scaleWord
	if aYear != bYear && conn != "-" {
		return b, k, false
	}
	if aYear && bYear {
		if a.val < b.val {
			return b, b.end, true
		}
		return b, k, false
	}
	aval := a.val
	switch {
	case a.kind == "" && b.kind != "":
		if b.prefixCur && conn != "-" || aYear {
			return b, k, false
		}
	case a.kind != "" && b.kind == "":
		if conn != "-" || !a.prefixCur && a.kind != Percent {
			return b, k, false
		}
		if a.scaleWord && !b.scaleWord {
			b.val *= a.n.scale
		}
		b.kind, b.unit = a.kind, a.unit
	case a.kind != b.kind || a.unit != b.unit:
		return b, k, false
	}
	// "$60 to $65 billion": the scale is shared.
	if !a.scaleWord && b.scaleWord && b.n.scale > 0 && aval*b.n.scale <= b.val && aval > 0 {
		aval *= b.n.scale
	}
	if !(aval < b.val) {
		return b, k, false
	}
	a.val = aval
	return b, b.end, true
}

// earlyYear reports whether a four-digit number before 1900 is a year: it
// is one when the words before it say so ("in 1185", "since 1859", "the
// winter of 1812", "c. 1450"); otherwise "1500" more likely counts
// something.
func (p *parser) earlyYear(n num) bool {
	if n.digits != 4 || !n.integer || n.sep || n.scale != 0 || n.val < 1000 || n.val >= 1900 {
		return false
	}
	k := n.start
	for _, w := range []string{"in", "since", "by", "from", "until", "till", "before", "after", "around", "circa", "c", "during", "of", "year", "early", "late", "mid", "between", "and", "to", "ad"} {
		if p.wordIs(k-1, w) {
			return true
		}
	}
	return false
}

// yearIsCount decides whether a year-like number counts something: "1500
// GPUs", "more than 2000". Otherwise it is a year ("in 2019", "1988 sales",
// "fiscal 2025").
func (p *parser) yearIsCount(m measure, q string, qprep bool) bool {
	if q != "" && q != About && !qprep {
		return true
	}
	k := m.n.start
	if p.wordIs(k-1, "of") && (p.wordIs(k-2, "rating") || p.wordIs(k-2, "score") || p.wordIs(k-2, "total")) ||
		p.wordIs(k-1, "scored") || p.wordIs(k-1, "rating") {
		return true
	}
	if p.has(k-1, wYearNoun) {
		return false
	}
	// "a rating of 2061 against 2029": the year-like number answers a count.
	if (p.wordIs(k-1, "against") || p.wordIs(k-1, "versus") || p.wordIs(k-1, "vs")) && p.isNum(k-2) {
		if l, ok := p.literal(k - 2); ok && l.end == k-1 && !l.year() {
			return true
		}
		if p.wordIs(k-3, "of") && (p.wordIs(k-4, "rating") || p.wordIs(k-4, "score")) {
			return true
		}
	}
	cs, ce, ok := p.nounPhrase(m.end)
	if !ok {
		return false
	}
	head := ce - 1
	if p.has(head, wPeriodNoun) {
		return false
	}
	if !p.pluralAt(head) {
		return false
	}
	_ = cs
	return true
}

// articleDuration reads "a decade", "within a year", "more than a year".
func (p *parser) articleDuration(i int, q string, j int) (raw, int, bool) {
	if !p.wordIs(j, "a") && !p.wordIs(j, "an") {
		return raw{}, i, false
	}
	ph, end, ok := p.unitAt(j + 1)
	if !ok || ph.kind != Duration || !p.glued(j+1) && !p.tok(j+1).sp {
		return raw{}, i, false
	}
	long := ph.mult >= 10
	if !long {
		if q == "" && !p.has(j-1, wPrepHead) && !p.wordIs(j-1, "than") {
			return raw{}, i, false
		}
		if p.has(end, wAfterYear) || p.wordIs(j-1, "once") || p.wordIs(j-1, "twice") {
			return raw{}, i, false
		}
	}
	r := raw{start: i, end: end, kind: Duration, unit: ph.unit, val: ph.mult, qual: q, countsStart: -1, countsEnd: -1, perStart: -1, perEnd: -1}
	if ph.unit == uGPUHour {
		return raw{}, i, false
	}
	return r, end, true
}

// percentOf reads "percent of 10" and "per cent of twenty-two", where the
// number follows the percent word.
func (p *parser) percentOf(i int) (raw, int, bool) {
	ph, end, ok := p.unitAt(i)
	if !ok || ph.unit != uPercent || p.numberStartsAt(i-1) || p.isNum(i-1) || !p.wordIs(end, "of") {
		return raw{}, i, false
	}
	m, mok := p.measureAt(end+1, false)
	if !mok || m.kind != "" || m.ident || p.isWord(m.end) {
		return raw{}, i, false
	}
	r := raw{start: i, end: m.end, kind: Percent, unit: uPercent, val: m.val, countsStart: -1, countsEnd: -1, perStart: -1, perEnd: -1}
	return r, m.end, true
}

// perAfter reads the denominator of a rate after token k: "per GPU hour",
// "a year", "-per-year", "- a - share", "/month".
func (p *parser) perAfter(k int) (per string, ps, pe, end int, ok bool) {
	m := k
	hy := false
	switch {
	case p.isHyphen(m) && (p.wordIs(m+1, "per") || p.wordIs(m+1, "a") || p.wordIs(m+1, "an")) && p.isHyphen(m+2):
		hy = true
		m++
	case p.isSym(m, '/') && p.glued(m) && p.isWord(m+1) && p.glued(m+1):
		if ph, e, ok := p.unitAt(m + 1); ok && ph.kind == Duration {
			return ph.unit, -1, -1, e, true
		}
		return "", -1, -1, k, false
	}
	switch {
	case p.wordIs(m, "per"):
		n := m + 1
		if hy {
			n++
		}
		if p.wordIs(n, "annum") {
			return uYear, -1, -1, n + 1, true
		}
		if p.wordIs(n, "cent") || p.wordIs(n, "capita") {
			return "", -1, -1, k, false
		}
		if ph, e, ok := p.unitAt(n); ok && ph.kind == Duration {
			return ph.unit, -1, -1, e, true
		}
		// "per million input tokens", "per share", "per barrel".
		s := n
		if p.isScaleWord(s) || p.has(s, wCard) {
			s++
		}
		if ph, e, ok := p.unitAt(s); ok && s == n && ph.kind != Percent {
			return ph.unit, -1, -1, e, true
		}
		if cs, ce, ok := p.nounPhrase(s); ok {
			_ = cs
			if ce-n > 4 {
				ce = n + 4
			}
			return "", n, ce, ce, true
		}
	case p.wordIs(m, "a") || p.wordIs(m, "an"):
		n := m + 1
		if hy {
			n++
		}
		if p.has(n+1, wAfterYear) {
			return "", -1, -1, k, false
		}
		if ph, e, ok := p.unitAt(n); ok && ph.kind == Duration && ph.mult == 1 && ph.unit != uGPUHour {
			// "a year and a half" is a duration; "$192 billion a year and
			// AI servers $134 billion" a rate.
			if !hy && (p.isHyphen(e) || p.wordIs(e, "and") && (p.wordIs(e+1, "a") || p.wordIs(e+1, "an") ||
				p.wordIs(e+1, "half") || p.has(e+1, wCard) || p.isNum(e+1))) {
				return "", -1, -1, k, false
			}
			return ph.unit, -1, -1, e, true
		}
		if p.has(n, wPerNoun) {
			return "", n, n + 1, n + 1, true
		}
	}
	return "", -1, -1, k, false
}

// figures turns raw figures into Figures; all values share one allocation.
func (p *parser) figures(raws []raw) []Figure {
	nvals := 0
	for _, r := range raws {
		switch {
		case r.isRange:
			nvals += 2
		case !r.noValue:
			nvals++
		}
	}
	vals := make([]float64, 0, nvals)
	dates := string(p.dates)
	out := make([]Figure, 0, len(raws))
	for _, r := range raws {
		if r.end <= r.start || r.end > len(p.toks) {
			continue
		}
		start, end := p.toks[r.start].start, p.toks[r.end-1].end
		f := Figure{Text: p.text[start:end], Start: start, End: end, Unit: r.unit, Kind: r.kind, Qualifier: r.qual,
			Claimant: r.claimant, Per: r.per}
		if r.dspan.n > 0 {
			f.Date = dates[r.dspan.off : r.dspan.off+r.dspan.n]
		}
		if r.countsStart >= 0 && r.countsEnd > r.countsStart {
			f.Counts = p.text[p.toks[r.countsStart].start:p.toks[r.countsEnd-1].end]
		}
		if r.perStart >= 0 && r.perEnd > r.perStart {
			f.Per = p.text[p.toks[r.perStart].start:p.toks[r.perEnd-1].end]
		}
		switch {
		case r.isRange:
			lo, hi := r.low, r.high
			if !finite(lo) || !finite(hi) || lo > hi {
				continue
			}
			vals = append(vals, snap(lo), snap(hi))
			f.Low, f.High = &vals[len(vals)-2], &vals[len(vals)-1]
		case !r.noValue:
			if !finite(r.val) {
				continue
			}
			vals = append(vals, snap(r.val))
			f.Value = &vals[len(vals)-1]
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// snap removes the rounding noise that scaling decimals leaves
// ("2.788M" is 2788000, not 2788000.0000000005).
func snap(v float64) float64 {
	r := math.Round(v)
	if r != 0 && math.Abs(v-r) <= math.Abs(r)*1e-12 {
		return r
	}
	return v
}
