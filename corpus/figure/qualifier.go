package figure

// qualPhrase is a surface form of a qualifier.
type qualPhrase struct {
	words []string
	q     string
	// prep marks words that are also prepositions ("over four years",
	// "under the rule"): they qualify only a figure that starts right after
	// them and is not itself the period of a figure before.
	prep bool
}

func qp(q string, words ...string) qualPhrase { return qualPhrase{words: words, q: q} }

func qprep(q string, words ...string) qualPhrase {
	return qualPhrase{words: words, q: q, prep: true}
}

// qualPhrases maps the qualifiers of news text onto the canonical ones.
// Longer phrases come first where they share a first word.
var qualPhrases = []qualPhrase{
	qp(MoreThan, "more", "than"), qprep(MoreThan, "over"), qprep(MoreThan, "above"), qp(MoreThan, "upwards", "of"),
	qp(MoreThan, "upward", "of"), qp(MoreThan, "in", "excess", "of"), qp(MoreThan, "north", "of"), qp(MoreThan, "exceeding"),
	qp(MoreThan, "greater", "than"), qp(MoreThan, "well", "over"), qp(MoreThan, "well", "above"), qp(MoreThan, "just", "over"),
	qp(MoreThan, "just", "above"), qp(MoreThan, "higher", "than"), qp(MoreThan, "well", "in", "excess", "of"),
	qp(MoreThan, "a", "little", "over"), qp(MoreThan, "slightly", "more", "than"), qp(MoreThan, "slightly", "over"),
	qp(MoreThan, "far", "more", "than"), qp(MoreThan, "much", "more", "than"), qp(MoreThan, "many", "more", "than"),
	qp(AtLeast, "at", "least"), qp(AtLeast, "no", "less", "than"), qp(AtLeast, "no", "fewer", "than"), qp(AtLeast, "not", "less", "than"),
	qp(AtLeast, "a", "minimum", "of"), qp(AtLeast, "at", "or", "above"), qp(AtLeast, "at", "a", "minimum"),
	qp(UpTo, "up", "to"), qp(UpTo, "as", "much", "as"), qp(UpTo, "as", "many", "as"), qp(UpTo, "as", "high", "as"),
	qp(UpTo, "as", "large", "as"), qp(UpTo, "at", "most"), qp(UpTo, "no", "more", "than"), qp(UpTo, "not", "more", "than"),
	qp(UpTo, "a", "maximum", "of"), qp(UpTo, "at", "or", "below"), qp(UpTo, "at", "or", "under"), qp(UpTo, "at", "a", "maximum"),
	qp(UpTo, "no", "higher", "than"), qp(UpTo, "as", "little", "as"), qp(UpTo, "as", "few", "as"), qp(UpTo, "as", "low", "as"),
	qp(LessThan, "less", "than"), qp(LessThan, "fewer", "than"), qprep(LessThan, "under"), qprep(LessThan, "below"),
	qp(LessThan, "well", "under"), qp(LessThan, "well", "below"), qp(LessThan, "just", "under"), qp(LessThan, "just", "below"),
	qp(LessThan, "lower", "than"), qp(LessThan, "shy", "of"), qp(LessThan, "short", "of"), qp(LessThan, "far", "less", "than"),
	qp(LessThan, "slightly", "less", "than"), qp(LessThan, "a", "little", "under"), qp(LessThan, "much", "less", "than"),
	qp(About, "about"), qp(About, "around"), qp(About, "roughly"), qp(About, "approximately"), qp(About, "approx"),
	qp(About, "some"), qp(About, "an", "estimated"), qp(About, "nearly"), qp(About, "almost"), qp(About, "close", "to"),
	qp(About, "circa"), qp(About, "just", "about"), qp(About, "roughly", "about"), qp(About, "an", "approximate"),
	qp(About, "in", "the", "region", "of"), qp(About, "on", "the", "order", "of"), qp(About, "in", "the", "order", "of"),
	qp(About, "an", "estimated"), qp(About, "estimated"), qp(About, "some", "estimated"), qp(About, "just", "shy", "of"),
	qp(About, "close", "on"), qp(About, "give", "or", "take"), qp(About, "an", "approximately"),
}

var qualIndex = func() map[string][]int {
	m := make(map[string][]int)
	for i, q := range qualPhrases {
		m[q.words[0]] = append(m[q.words[0]], i)
	}
	return m
}()

// qualCandidates returns the qualifier phrases whose first word is the
// word s, in any case, without allocating.
func qualCandidates(s string) []int {
	var key [16]byte
	if len(s) > len(key) {
		return nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		key[i] = c
	}
	return qualIndex[string(key[:len(s)])]
}

// qualifierAt reads a qualifier starting at token i and returns its canonical
// form and the token after it. Qualifiers may stack ("up to about"): the
// first one is the canonical one. afterFigure says a figure ends right before
// i, which makes "over" and "under" prepositions.
func (p *parser) qualifierAt(i int, afterFigure bool) (q string, end int, prep bool) {
	end = i
	for n := 0; n < 3; n++ {
		t := p.tok(end)
		if t.url {
			break
		}
		s, m, isPrep := "", end, false
		switch {
		case t.kind == tSym:
			if sq := symbolQualifier(t.r); sq != "" && p.numberOrCurrencyAt(end+1) {
				s, m = sq, end+1
			}
		case t.kind == tWord && p.has(end, wQualStart):
			s, m, isPrep = p.wordQualifier(end, n, afterFigure)
		}
		if s == "" {
			break
		}
		if q == "" {
			q = s
			prep = isPrep && n == 0
		}
		end = m
	}
	return q, end, prep
}

// symbolQualifier returns the qualifier a sign stands for: "~5", ">5", "≤5".
func symbolQualifier(r rune) string {
	switch r {
	case '~', '≈', '∼':
		return About
	case '>':
		return MoreThan
	case '<':
		return LessThan
	case '≥':
		return AtLeast
	case '≤':
		return UpTo
	}
	return ""
}

// wordQualifier reads the longest qualifier phrase at token k, the n-th
// qualifier of a stack, and returns its canonical form, the token after it
// and whether it is also a preposition; q is "" when no phrase there
// qualifies a number.
func (p *parser) wordQualifier(k, n int, afterFigure bool) (q string, end int, prep bool) {
	best, bestEnd := -1, k
	for _, qi := range qualCandidates(p.str(k)) {
		if m, ok := p.matchWords(k, qualPhrases[qi].words, false); ok && m > bestEnd {
			best, bestEnd = qi, m
		}
	}
	if best < 0 {
		return "", k, false
	}
	ph := &qualPhrases[best]
	if ph.prep && n == 0 && afterFigure {
		return "", k, false
	}
	// "approx." and "ca." take a full stop.
	m := bestEnd
	if p.isSym(m, '.') && p.glued(m) && (p.wordIs(m-1, "approx") || p.wordIs(m-1, "ca")) {
		m++
	}
	if !(p.numberOrCurrencyAt(m) || p.wordIs(m, "between") || n < 2 && p.qualifierStartsAt(m)) {
		return "", k, false
	}
	return ph.q, m, ph.prep
}

// numberOrCurrencyAt reports whether a figure may start at token k.
func (p *parser) numberOrCurrencyAt(k int) bool {
	if p.numberStartsAt(k) {
		return true
	}
	if _, _, _, ok := p.prefixCurrency(k); ok {
		return true
	}
	t := p.tok(k)
	if t.kind == tSym && (t.r == '-' || t.r == '−') && p.isNum(k+1) {
		return true
	}
	return p.wordIs(k, "minus") || p.wordIs(k, "half")
}

// qualifierStartsAt reports whether a qualifier word followed by a number
// starts at token k, as "about" in "up to about $5.5 billion". It does not
// look further, which keeps runs of qualifier words linear.
func (p *parser) qualifierStartsAt(k int) bool {
	if p.tok(k).kind != tWord || !p.has(k, wQualStart) {
		return false
	}
	for _, qi := range qualCandidates(p.str(k)) {
		if m, ok := p.matchWords(k, qualPhrases[qi].words, false); ok && p.numberOrCurrencyAt(m) {
			return true
		}
	}
	return false
}

// postQualifier reads a qualifier written after a figure: "4800 or more",
// "600 gigabytes per second or above".
func (p *parser) postQualifier(k int) (q string, end int) {
	if p.isSym(k, '+') && p.glued(k) && !p.isNum(k+1) {
		return AtLeast, k + 1
	}
	if p.isHyphen(k) && p.glued(k) && p.wordIs(k+1, "plus") && p.glued(k+1) {
		return AtLeast, k + 2
	}
	if !p.wordIs(k, "or") && !p.wordIs(k, "and") {
		return "", k
	}
	switch {
	case p.wordIs(k+1, "more"), p.wordIs(k+1, "above"), p.wordIs(k+1, "higher"), p.wordIs(k+1, "greater"), p.wordIs(k+1, "over"), p.wordIs(k+1, "up"):
		if p.wordIs(k, "and") && !p.wordIs(k+1, "up") && !p.wordIs(k+1, "above") && !p.wordIs(k+1, "over") {
			return "", k
		}
		if p.numberOrCurrencyAt(k + 2) {
			return "", k
		}
		return AtLeast, k + 2
	case p.wordIs(k+1, "less"), p.wordIs(k+1, "fewer"), p.wordIs(k+1, "below"), p.wordIs(k+1, "lower"), p.wordIs(k+1, "under"):
		if p.wordIs(k, "and") && !p.wordIs(k+1, "below") && !p.wordIs(k+1, "under") {
			return "", k
		}
		if p.numberOrCurrencyAt(k + 2) {
			return "", k
		}
		return UpTo, k + 2
	}
	return "", k
}
