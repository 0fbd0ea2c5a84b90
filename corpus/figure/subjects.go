package figure

// subjKind classifies the subject of a reporting verb.
type subjKind uint8

const (
	sjNone    subjKind = iota
	sjName             // a name: "Wang", "Tom's Hardware", "A National Law Review analysis"
	sjHe               // "he", "she"
	sjIt               // "it", "they"
	sjShared           // "… and said": the subject of the verb before
	sjUnnamed          // "law firms put", "Reports on the filing said"
	sjSource           // "a source told Reuters"
	sjThe              // "the report said": the source named before
	sjCompany          // "the company said"
)

type subject struct {
	kind   subjKind
	claim  string
	start  int // first token of the subject phrase
	person bool
	single bool
}

// subjectBefore reads the subject of a reporting verb backwards from token v,
// the last token before the verb.
func (p *attributor) subjectBefore(v int, c *sent, cs *claimState) subject {
	s := c.s
	if v < s {
		return subject{}
	}
	switch {
	case p.has(v, wPronoun):
		return subject{kind: sjHe, start: v}
	case p.wordIs(v, "it") || p.wordIs(v, "they"):
		return subject{kind: sjIt, start: v}
	case p.wordIs(v, "and"):
		return subject{kind: sjShared, start: v}
	case p.isSym(v, ')'):
		// "the Commerce Department's Bureau of Industry and Security (BIS)"
		if p.isSym(v-2, '(') && p.isAllCaps(v-1) {
			n := span{v - 1, v}
			return subject{kind: sjName, claim: p.spanText(n), start: p.npStart(v-3, s)}
		}
		return subject{}
	case p.isSym(v, ','):
		return p.appositionSubject(v, c, cs)
	case p.isNameWord(v) && !p.has(v, wNameStop|wTitle) || p.isNum(v) && p.glued(v) && p.isNameWord(v-1):
		return p.nameSubject(v, c, cs)
	case p.wordIs(v, "s") && p.isApos(v-1) && p.glued(v):
		// "DeepSeek's claim that …"
		n := p.nameBefore(v-2, s)
		if !n.ok() {
			return subject{}
		}
		return p.named(n, p.npStart(n.start-1, s), cs)
	case p.isWord(v):
		return p.docSubject(v, c, cs)
	}
	return subject{}
}

func (p *attributor) named(n span, start int, cs *claimState) subject {
	sj := subject{kind: sjName, claim: p.claimText(n), start: start, person: p.isPerson(n, cs)}
	sj.single = sj.person || p.singleName(n)
	return sj
}

// appositionSubject skips a phrase between commas before the verb:
// "Reuters, citing LSEG data, said", "OpenAI's own statement on Stargate, as
// quoted by Breitbart, said", "Satya Nadella, whose company is a partner,
// said".
func (p *attributor) appositionSubject(v int, c *sent, cs *claimState) subject {
	// "Nvidia's chief financial officer, Colette Kress, said": the
	// apposition is the name.
	if n := p.nameBefore(v-1, c.s); n.ok() && p.isSepComma(n.start-1) && p.personLike(n) {
		return p.named(n, n.start, cs)
	}
	for j := v - 1; j > c.s && j > v-16; j-- {
		switch {
		case p.isSym(j, ';') || p.isNum(j) && !p.glued(j):
			return subject{}
		case p.has(j, wClaim) && !p.wordIs(j+1, "by"):
			return subject{}
		case p.isSym(j, ','):
			if p.isSym(j-1, ',') {
				return subject{}
			}
			sj := p.subjectBefore(j-1, c, cs)
			if sj.kind != sjName {
				return subject{}
			}
			if st := sj.start; st > c.s && !p.isSym(st-1, ',') && !p.isSym(st-1, ':') && !p.isSym(st-1, '(') &&
				!(p.tok(st-1).kind == tSym && isOpener(p.tok(st-1).r)) &&
				!p.wordIs(st-1, "and") && !p.wordIs(st-1, "that") && !p.wordIs(st-1, "while") && !p.wordIs(st-1, "but") &&
				!p.wordIs(st-1, "when") {
				return subject{}
			}
			return sj
		}
	}
	return subject{}
}

// nameSubject reads a subject that ends in a name at token v.
func (p *attributor) nameSubject(v int, c *sent, cs *claimState) subject {
	s := c.s
	n := p.nameBefore(v, s)
	if !n.ok() {
		return subject{}
	}
	b := n.start - 1
	switch {
	case p.wordIs(b, "by") && b-1 >= s && (p.ingOrEd(b-1) || p.has(b-1, wClaim)):
		// "a Yonhap photo caption carried by Korea JoongAng Daily cited":
		// the originating source.
		if d := p.docSubject(b-2, c, cs); d.kind == sjName {
			return d
		}
	case p.has(b, wPrep) && !p.isCapitalised(b):
		// "Analysts at Bernstein estimated", "researchers from Toloka".
		if (p.wordIs(b, "at") || p.wordIs(b, "from") || p.wordIs(b, "with") || p.wordIs(b, "for") || p.wordIs(b, "of")) &&
			p.has(b-1, wGroupNoun|wSourceNoun) && (!p.isCapitalised(b-1) || b-1 == s) &&
			(b-1 == s || p.isSepComma(b-2) || p.wordIs(b-2, "the") || p.has(b-2, wStop) || !p.isWord(b-2)) {
			return p.named(n, p.npStart(b-1, s), cs)
		}
		// "OpenAI's own statement on Stargate said": the name is in a
		// prepositional phrase of the subject.
		if d := p.docSubject(b-1, c, cs); d.kind != sjNone {
			return d
		}
		return subject{}
	}
	// "OpenAI, Oracle and Related Digital announced"
	if l := p.listBefore(n, s); l.ok() {
		return p.named(l, l.start, cs)
	}
	// "OpenAI and the Abu Dhabi firm G42 said"
	if j := n.start - 1; p.has(j, wCompanyNoun) && !p.isCapitalised(j) {
		j--
		for j > s && j > n.start-6 && p.isNameWord(j) {
			j--
		}
		if p.wordIs(j, "the") {
			j--
		}
		if p.wordIs(j, "and") {
			if m := p.nameBefore(j-1, s); m.ok() && !p.spanHas(m, "and") {
				sj := p.named(n, p.npStart(m.start-1, s), cs)
				sj.claim = p.claimText(m) + " and " + sj.claim
				sj.person, sj.single = false, false
				return sj
			}
		}
	}
	return p.named(n, p.npStart(n.start-1, s), cs)
}

// listBefore extends the name n to a list that ends in it: "OpenAI, Oracle
// and Related Digital". It returns an empty span when there is no list.
func (p *attributor) listBefore(n span, s int) span {
	if p.spanHas(n, "and") {
		return span{}
	}
	st := n.start
	items, sawAnd := 0, false
	for items < 4 {
		sep := st - 1
		switch {
		case p.wordIs(sep, "and") && !sawAnd && items == 0:
			sawAnd = true
			if p.isSym(sep-1, ',') {
				sep--
			}
		case p.isSym(sep, ',') && sawAnd:
		default:
			sep = -1
		}
		if sep < 0 {
			break
		}
		m := p.nameBefore(sep-1, s)
		if !m.ok() || m.end != sep || p.spanHas(m, "and") || p.has(m.start, wMonth) {
			break
		}
		st = m.start
		items++
	}
	if items < 2 {
		return span{}
	}
	b := st - 1
	if b >= s && !p.wordIs(b, "when") && !p.wordIs(b, "that") && !p.wordIs(b, "while") && !p.wordIs(b, "after") &&
		!p.wordIs(b, "as") && !p.wordIs(b, "and") && !p.wordIs(b, "but") && !p.isSym(b, ':') &&
		!(p.tok(b).kind == tSym && isOpener(p.tok(b).r)) {
		return span{}
	}
	return span{st, n.end}
}

// npStart returns the first token of the subject phrase that ends at token
// j: "Microsoft vice chair and president Brad Smith", "the Trump
// administration's Commerce Department", "research firm SemiAnalysis".
func (p *attributor) npStart(j, s int) int {
	start := j + 1
	for m := j; m >= s && m > j-10; m-- {
		t := p.tok(m)
		if t.kind == tSym {
			if p.isApos(m) || p.isHyphen(m) && p.glued(m) {
				continue
			}
			break
		}
		if t.kind == tNum {
			if p.glued(m+1) && p.isWord(m+1) {
				start = m
				continue
			}
			break
		}
		if p.has(m, wClaim|wBe) || p.isAdverb(m) {
			break
		}
		det := p.has(m, wDet)
		if p.has(m, wStop) && !det && !p.wordIs(m, "and") && !p.wordIs(m, "of") {
			break
		}
		if p.isCapitalised(m) && p.has(m, wNameStop) && !p.wordIs(m, "The") {
			break
		}
		start = m
		if det && (p.wordIs(m, "the") || p.wordIs(m, "a") || p.wordIs(m, "an")) {
			break
		}
	}
	for start <= j && (p.wordIs(start, "and") || p.wordIs(start, "of") || p.isApos(start) || p.wordIs(start, "s") && p.isApos(start-1)) {
		start++
	}
	return start
}

// clauseSubject finds the name that is the subject of the sentence [s, v):
// "On February 21, 2025, DeepSeek called itself …".
func (p *attributor) clauseSubject(s, v int, cs *claimState) span {
	k := s
	for k < v && p.tok(k).kind == tSym && isOpener(p.tok(k).r) {
		k++
	}
	if !p.isNameWord(k) || p.has(k, wNameStop) {
		// Skip an introductory phrase up to the comma before a name.
		for m := k; m < v && m < k+25; m++ {
			if p.isSym(m, ',') && p.isNameWord(m+1) && !p.has(m+1, wNameStop) {
				k = m + 1
				break
			}
		}
	}
	if !p.isNameWord(k) || p.has(k, wNameStop) {
		return span{}
	}
	n := p.nameAfter(k, v)
	if !n.ok() || n.start != k {
		return span{}
	}
	// "Nvidia's SEC filing … and listed": the name only qualifies the subject.
	if p.isApos(n.end) || p.isWord(n.end) && !p.isCapitalised(n.end) && p.has(n.end, wDocNoun|wGroupNoun|wCompanyNoun) {
		return span{}
	}
	// "Bernstein's Stacy Rasgon" is Stacy Rasgon.
	for m := n.end - 1; m > n.start; m-- {
		if p.wordIs(m, "s") && p.isApos(m-1) && (p.personLike(span{m + 1, n.end}) || n.end-m >= 3) {
			n.start = m + 1
			break
		}
	}
	return n
}
