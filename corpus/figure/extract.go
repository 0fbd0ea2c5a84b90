package figure

import "sync"

// parser is the fourth stage of Extract: it reads whole figures, with their
// qualifiers, ranges, years, counted nouns and rates, out of the measures.
//
// Extract runs in stages, each a type that embeds the one before, so that a
// stage can use what comes before it and nothing that comes after:
//
//	tokens      tokenize.go, tokens.go, sentences.go, names.go, shapes.go
//	numbers     numbers.go, digits.go, cardinal.go, fractions.go
//	measures    measure.go, units.go, money.go, counts.go, dates.go
//	parser      extract.go, qualifier.go, notfigures.go, ranges.go, years.go, rates.go, output.go
//	attributor  attribute.go, clauses.go, sources.go, verbs.go, subjects.go,
//	            docsubject.go, coref.go, scope.go
//
// The attributor embeds only the tokens: it reads the figures' token
// spans, not how they were read. All stages read the words of lexicon.go
// and the units and currencies of tables.go, looked up once per word when
// the text is tokenised.
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
	dspan            dspan // the normalised date, see measures.dates
	claimant         string
}

// tokenPool holds token slices for Extract to reuse: the tokens of a
// paragraph are its largest allocation, and none of them outlives the call.
var tokenPool = sync.Pool{New: func() any { return new([]token) }}

// maxPooledTokens bounds the token slices kept for reuse, so that one huge
// paragraph does not pin its tokens' memory for good.
const maxPooledTokens = 4096

// pooledTokens returns the tokens of text, in a slice taken from tokenPool
// that buf holds; give it back with releaseTokens once nothing refers to
// it.
func pooledTokens(text string) (buf *[]token, toks []token) {
	buf = tokenPool.Get().(*[]token)
	return buf, appendTokens((*buf)[:0], text)
}

// releaseTokens gives toks, taken with buf from pooledTokens, back to
// tokenPool, unless one huge paragraph grew it too large to keep.
func releaseTokens(buf *[]token, toks []token) {
	if cap(toks) <= maxPooledTokens {
		*buf = toks[:0]
		tokenPool.Put(buf)
	}
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
	buf, toks := pooledTokens(text)
	defer releaseTokens(buf, toks)
	p := &parser{measures{numbers: numbers{tokens{text: text, toks: toks}}}}
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
	p.partitives(raws)
	(&attributor{tokens: p.tokens}).attachClaimants(raws)
	return p.figures(raws)
}

// partitives gives a count that a pronoun completes ("only 37 billion of
// them") what the count before it in the sentence counts ("671 billion
// parameters in total but switches on only 37 billion of them"), so that
// it answers "how many parameters" as a count of parameters, not as a
// bare number.
func (p *parser) partitives(raws []raw) {
	for i := 1; i < len(raws); i++ {
		r := &raws[i]
		if r.kind != Count || r.countsStart >= 0 || r.isRange || !p.wordIs(r.end, "of") || !p.pronounAt(r.end+1) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			prev := &raws[j]
			if p.sentenceBreak(prev.end, r.start) {
				break
			}
			if prev.countsStart >= 0 && (prev.kind == Count || prev.kind == Quantity) {
				r.countsStart, r.countsEnd, r.kind, r.unit = prev.countsStart, prev.countsEnd, prev.kind, prev.unit
				break
			}
		}
	}
}

// pronounAt reports whether token k is "them", or "these" or "those"
// standing alone: "400 of those respondents" names its own noun, which
// need not be the earlier count's.
func (p *parser) pronounAt(k int) bool {
	if p.wordIs(k, "them") {
		return true
	}
	if !p.wordIs(k, "these") && !p.wordIs(k, "those") {
		return false
	}
	return !p.isWord(k+1) || p.has(k+1, wStop)
}

// sentenceBreak reports whether a sentence ends among tokens [from, to).
func (p *parser) sentenceBreak(from, to int) bool {
	for k := from; k < to; k++ {
		if p.sentenceEnd(k) || k+1 < len(p.toks) && p.toks[k+1].nl {
			return true
		}
	}
	return false
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
		// Figures without a number in digits or words: "a decade",
		// "within a year", "percent of 10".
		if r, end, ok := p.articleDuration(i, q, j); ok {
			return r, end, true
		}
		if r, end, ok := p.percentOf(i); ok {
			return r, end, true
		}
		return skip(i + 1)
	}
	if next, no := p.notFigure(&m, q); no {
		return skip(next)
	}
	// "over four years" after an amount is the period, not "more than".
	if qprep && q == MoreThan && m.kind == Duration && p.wordIs(i, "over") {
		q, i = "", j
	}
	r := raw{start: i, end: m.end, kind: m.kind, unit: m.unit, val: m.val, qual: q, countsStart: -1, countsEnd: -1, perStart: -1, perEnd: -1}
	bothYears := p.rangeFigure(&r, &m, between, i, q)
	// A qualifier written after the figure.
	if q == "" {
		if pq, end := p.postQualifier(r.end); pq != "" {
			r.qual = pq
			r.end = end
		}
	}
	if p.yearFigure(&r, &m, bothYears, q, qprep) {
		return r, r.end, true
	}
	if r.kind == "" {
		if next, no := p.countFigure(&r, &m, q); no {
			return skip(next)
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

// countFigure makes r, a number without a unit, a count of the noun
// phrase after it ("about 50,000 NVIDIA Hopper GPUs"), or a quantity when
// that noun is a unit ("671 billion parameters"). no says that the number
// is no figure after all, and that reading goes on at next.
func (p *parser) countFigure(r *raw, m *measure, q string) (next int, no bool) {
	isRange := r.isRange
	r.kind = Count
	if m.adjNoun >= 0 && !isRange {
		if m.wordsOnly {
			// "one-word reply", "two-door version" are adjectives.
			return m.adjNoun + 1, true
		}
		r.countsStart, r.countsEnd = m.adjNoun, m.adjNoun+1
		r.end = m.adjNoun + 1
	} else if cs, ce, ok := p.nounPhrase(r.end); ok {
		// "the 800 series": a product line, not a count.
		if p.wordIs(cs, "series") && !m.wordsOnly && q == "" && !isRange {
			return ce, true
		}
		// "Wang's 50,000 H100 figure" counts H100s.
		if ce-cs >= 2 && p.has(ce-1, wClaimNoun) && !p.isCapitalised(ce-1) {
			ce--
		}
		r.countsStart, r.countsEnd = cs, ce
		r.end = ce
	} else if !isRange && m.n.suffix && m.n.integer && p.str(m.end-1) == "B" && !p.wordIs(m.end, "active") {
		// "its 32B and 70B distilled versions": model sizes used as names.
		return m.end, true
	} else if !isRange && q == "" && !m.negative && m.wordsOnly && p.wordIs(m.n.start, "one") && m.n.end == m.n.start+1 {
		// A lone "one" is nearly always a pronoun: "one later timeline".
		return m.end, true
	}
	if r.countsStart >= 0 {
		if unit := p.nounUnit(r.countsStart, r.countsEnd); unit != "" {
			r.kind, r.unit = Quantity, unit
		}
	}
	return 0, false
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
