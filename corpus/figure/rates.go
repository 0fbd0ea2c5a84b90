package figure

// perAfter reads the denominator of a rate after token k: "per GPU hour",
// "a year", "-per-year", "- a - share", "/month". per is a canonical unit,
// or else [ps, pe) is the noun as written; end is the token after it.
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
	n := m + 1
	if hy {
		n++
	}
	switch {
	case p.wordIs(m, "per"):
		return p.perRate(n, k)
	case p.wordIs(m, "a") || p.wordIs(m, "an"):
		return p.articleRate(n, k, hy)
	}
	return "", -1, -1, k, false
}

// perRate reads the denominator at token n after "per": "per annum", "per
// GPU hour", "per million input tokens", "per share". k is where the rate
// would start.
func (p *parser) perRate(n, k int) (per string, ps, pe, end int, ok bool) {
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
	if _, ce, ok := p.nounPhrase(s); ok {
		if ce-n > 4 {
			ce = n + 4
		}
		return "", n, ce, ce, true
	}
	return "", -1, -1, k, false
}

// articleRate reads the denominator at token n after "a" or "an": "$25
// billion a year", "$98 a share"; hy says hyphens join them ("-a-year").
// k is where the rate would start.
func (p *parser) articleRate(n, k int, hy bool) (per string, ps, pe, end int, ok bool) {
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
	return "", -1, -1, k, false
}
