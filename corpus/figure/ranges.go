package figure

// rangeFigure reads the second half of a range after the measure m that
// opens the figure r at token i ("$60 billion to $65 billion", "between 2
// and 3 percent") into r, and reports whether both halves look like years.
func (p *parser) rangeFigure(r *raw, m *measure, between bool, i int, q string) (bothYears bool) {
	a := *m
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
	return isRange && a.n.year() && b.n.year()
}

// rangeAfter reads the second half of a range after a: "to $65 billion",
// "-20 dollars", "and 3 percent" (with between), "or 2027". It may give a
// the unit or scale of b ("five to 10 years", "$60 to $65 billion").
func (p *parser) rangeAfter(a *measure, between bool, start int) (b measure, end int, ok bool) {
	conn, k, ok := p.rangeConn(a, between, start)
	if !ok {
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

// rangeConn reads the word or hyphen that joins the two halves of a range
// after a ("to", "-", "or", "and" after "between") and returns it, with the
// token after it. start is the first token of the figure.
func (p *parser) rangeConn(a *measure, between bool, start int) (conn string, k int, ok bool) {
	k = a.end
	switch {
	case between:
		if !p.wordIs(k, "and") {
			return "", k, false
		}
		return "and", k + 1, true
	case p.wordIs(k, "to") || p.wordIs(k, "through") || p.wordIs(k, "thru"):
		// "from A to B" is a change, unless it names a range.
		if p.wordIs(start-1, "from") && !p.has(start-2, wRangeWord) {
			return "", k, false
		}
		return "to", k + 1, true
	case p.isHyphen(k) && p.glued(k) && p.wordIs(k+1, "to") && p.glued(k+1) && p.isHyphen(k+2) && p.glued(k+2):
		// "five-to-ten-year"
		return "to", k + 3, true
	case p.isHyphen(k) && p.glued(k) && p.wordIs(k+1, "to") && !p.glued(k+1):
		// "8- to 16-meter"
		return "to", k + 2, true
	case p.isHyphen(k) && !a.hyphenAdj:
		if p.wordIs(start-1, "from") && !p.has(start-2, wRangeWord) {
			return "", k, false
		}
		return "-", k + 1, true
	case p.wordIs(k, "or"):
		return "or", k + 1, true
	}
	return "", k, false
}
