package figure

import "math"

// yearFigure makes r a date when its number is a year ("in 2019", "fiscal
// 2025", "2026 or 2027", "2024-25") rather than a count ("1500 GPUs");
// bothYears says both ends of a range look like years. It reports whether
// r is a date.
func (p *parser) yearFigure(r *raw, m *measure, bothYears bool, q string, qprep bool) bool {
	if r.kind != "" || m.negative || m.scaleWord {
		return false
	}
	if r.isRange && bothYears {
		r.kind = Date
		r.noValue = false
		r.dspan = p.isoRange(int(r.low), 0, int(r.high), 0)
		return true
	}
	if r.isRange || !(m.n.year() || p.earlyYear(m.n)) || p.yearIsCount(*m, q, qprep) {
		return false
	}
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
	return true
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
	_, ce, ok := p.nounPhrase(m.end)
	if !ok {
		return false
	}
	head := ce - 1
	if p.has(head, wPeriodNoun) {
		return false
	}
	return p.pluralAt(head)
}
