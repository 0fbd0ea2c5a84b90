package figure

// docPhrase is what docSubject learns reading a subject phrase backwards
// from its last word.
type docPhrase struct {
	head  int  // the head noun: the last word, or the noun before a prepositional phrase
	owner span // a possessive owner: "OpenAI's own statement"
	mod   span // a name that qualifies the head: "A National Law Review analysis"
	group span // a name before a group noun: "DeepSeek researchers"
	det   int  // the determiner that opens the phrase, or -1
}

// docSubject reads a subject phrase whose last word v is not a name:
// "OpenAI's own statement", "A National Law Review analysis", "Bernstein
// analysts", "a Chinese chip industry source", "the model card", "law firms".
func (p *attributor) docSubject(v int, c *sent, cs *claimState) subject {
	s := c.s
	if v < s || !p.isWord(v) || p.has(v, wClaim|wBe) && !p.has(v, wDocNoun) || p.has(v, wStop) && !p.has(v, wDocNoun|wGroupNoun|wSourceNoun) ||
		p.isCapitalised(v) && v != s && !p.has(v, wDocNoun|wGroupNoun|wSourceNoun) {
		return subject{}
	}
	d := docPhrase{head: v, det: -1}
	lo := max(s, v-14)
	j := v - 1
loop:
	for ; j >= lo; j-- {
		switch p.tok(j).kind {
		case tNum:
			continue // "36Kr": read with the name
		case tSym:
			if p.isApos(j) && p.wordIs(j+1, "s") && p.glued(j+1) {
				j = p.docOwner(&d, j, s)
				continue
			}
			if p.isHyphen(j) && p.glued(j) {
				continue
			}
			break loop
		}
		switch {
		case p.wordIs(j, "s") && p.isApos(j-1) && p.glued(j):
			continue
		case p.has(j, wPrep) && !p.isCapitalised(j):
			if !p.docPrep(&d, j, lo, s) {
				break loop
			}
		case p.has(j, wDet):
			if j-1 >= lo && p.has(j-1, wPrep) && !p.isCapitalised(j-1) {
				continue
			}
			d.det = j
			break loop
		case p.has(j, wMonth|wWeekday):
			continue
		case p.wordIs(j, "and") && p.wordIs(j+1, "other") && p.isNameWord(j-1):
			// "Livemint and other outlets reported"
			if n := p.nameBefore(j-1, s); n.ok() {
				return p.named(n, n.start, cs)
			}
			break loop
		case p.wordIs(j, "same") || p.wordIs(j, "own") || p.wordIs(j, "latest") || p.wordIs(j, "last") ||
			p.wordIs(j, "first") || p.wordIs(j, "next") || p.wordIs(j, "total"):
			continue
		case p.isNameWord(j) && !p.has(j, wNameStop):
			n := p.nameBefore(j, s)
			if !n.ok() {
				break loop
			}
			j = p.docName(&d, n, v, s)
		case p.has(j, wStop|wClaim|wBe) || p.isCapitalised(j) && j != s && !p.has(j, wDocNoun):
			break loop
		}
	}
	start := j + 1
	if d.det >= 0 {
		start = d.det
	}
	return p.docPhraseSubject(&d, start, s, cs)
}

// docOwner reads the possessive whose apostrophe is token j ("OpenAI's own
// statement") and returns the token to read on from.
func (p *attributor) docOwner(d *docPhrase, j, s int) int {
	o := p.nameBefore(j-1, s)
	if !o.ok() {
		// "a Chinese distributor's website", "the Trump administration's":
		// read on.
		return j
	}
	if !d.owner.ok() {
		d.owner = o
	}
	return o.start
}

// docPrep reads the preposition at j inside a subject phrase: the head of
// the phrase is the noun before it ("Reports on the filing", "One of
// Liang's partners"). It reports false where the phrase ends.
func (p *attributor) docPrep(d *docPhrase, j, lo, s int) bool {
	if j-1 < lo || !p.isWord(j-1) || p.has(j-1, wClaim|wBe) {
		return false
	}
	if p.has(j-1, wCard) || p.wordIs(j-1, "some") || p.wordIs(j-1, "many") || p.wordIs(j-1, "most") ||
		p.wordIs(j-1, "several") || p.wordIs(j-1, "each") || p.wordIs(j-1, "none") || p.wordIs(j-1, "all") {
		return true
	}
	if p.has(j-1, wStop) || p.isCapitalised(j-1) && j-1 != s {
		return false
	}
	d.head, d.mod = j-1, span{}
	return true
}

// docName reads the name n inside a subject phrase that ends at v, as the
// owner of the head, a name that qualifies it or the employer of a group,
// and returns the token to read on from.
func (p *attributor) docName(d *docPhrase, n span, v, s int) int {
	// "Nvidia's SEC filing": Nvidia owns the filing.
	for m := n.end - 1; m > n.start+1; m-- {
		if p.wordIs(m, "s") && p.isApos(m-1) && p.glued(m) {
			if !d.owner.ok() {
				d.owner = span{n.start, m - 1}
			}
			n.start = m + 1
			break
		}
	}
	if o := p.possessorBefore(n.start, s); o.ok() && !d.owner.ok() {
		d.owner = o
	}
	// A name that qualifies the head or a group noun: "A National Law
	// Review analysis", "DeepSeek researchers". "The" is the article of
	// the phrase then: "The Bloomberg Intelligence forecast".
	for m := n.end; m <= v; m++ {
		if p.has(m, wDocNoun|wGroupNoun) && !p.isCapitalised(m) {
			q := n
			if p.str(q.start) == "The" && q.end > q.start+1 {
				q.start++
			}
			if p.has(m, wGroupNoun) && !d.group.ok() {
				d.group = q
			}
			if m <= d.head && !d.mod.ok() {
				d.mod = q
			}
			break
		}
		if !p.isWord(m) || p.isCapitalised(m) || p.has(m, wStop) {
			break
		}
	}
	return n.start
}

// docPhraseSubject decides whose claim the subject phrase d, which starts
// at token start, makes.
func (p *attributor) docPhraseSubject(d *docPhrase, start, s int, cs *claimState) subject {
	// The object of a preposition is no subject: "In testimony reported on".
	if start-1 >= s && p.has(start-1, wPrep) && !p.isCapitalised(start-1) {
		return subject{}
	}
	head, det := d.head, d.det
	doc := p.has(head, wDocNoun)
	switch {
	case d.owner.ok() && (doc || p.has(head, wGroupNoun)):
		return p.named(d.owner, start, cs)
	case d.owner.ok() && d.owner.start == start && p.has(head, wInstitution):
		// "China's foreign ministry said": the ministry, named as written.
		return subject{kind: sjName, claim: p.spanText(span{d.owner.start, head + 1}), start: start}
	case d.mod.ok() && !(d.mod.end == d.mod.start+1 && p.has(d.mod.start, wPlatform)):
		return p.named(d.mod, start, cs)
	case d.group.ok():
		return p.named(d.group, start, cs)
	case p.has(head, wSourceNoun):
		return subject{kind: sjSource, start: start}
	case doc && det >= 0 && (p.wordIs(det, "the") || p.wordIs(det, "this")) && !p.pluralAt(head):
		return subject{kind: sjThe, start: start}
	case p.has(head, wCompanyNoun) && det >= 0 && p.wordIs(det, "the"):
		return subject{kind: sjCompany, start: start}
	}
	if p.isCapitalised(head) && head != s || p.has(head, wStop|wCard) || p.isAdverb(head) {
		return subject{}
	}
	return subject{kind: sjUnnamed, start: start}
}
