package figure

// verbAttr reads an attribution whose reporting verb is token k.
func (p *attributor) verbAttr(k int, c *sent, cs *claimState) (attr, bool) {
	s, e := c.s, c.e
	a := attr{kind: akPre, verb: k, subj: k, tail: k + 1, media: p.has(k, wMediaVerb), say: p.has(k, wSayVerb)}
	if p.isCapitalised(k) {
		return a, false
	}
	// "compared with" is a preposition.
	if p.wordIs(k, "compared") && (p.wordIs(k+1, "with") || p.wordIs(k+1, "to")) {
		return a, false
	}
	// "as reported by TechCrunch", "quoted by VideoCardz".
	if p.wordIs(k+1, "by") {
		n := p.nameAfter(k+2, e)
		if !n.ok() {
			return a, false
		}
		a.kind, a.claim = akBy, p.claimText(n)
		return a, true
	}
	v := k - 1
	for v > s && v > k-5 && p.has(v, wAdvSkip) {
		v--
	}
	// "are said to be made" is no attribution.
	if v >= s && p.has(v, wBe) {
		return a, false
	}
	// "…," said Wang." and ", says Scale AI CEO Alexandr Wang".
	if a.say && (v < s || p.isSym(v, ',') || p.isDoubleQuote(v)) && p.saidName(&a, k, e, cs) {
		return a, true
	}
	sj := p.subjectBefore(v, c, cs)
	if !p.subjectClaim(&a, &sj, k, v, c, cs) {
		return a, false
	}
	if a.claim == "" && sj.kind != sjHe && sj.kind != sjIt {
		// An unnamed subject before a participle: "a phase expected to come
		// online", "testimony reported on June 12".
		nt := p.tok(k + 1)
		if k+1 >= e || nt.kind == tSym && (nt.r == ',' || nt.r == '.' || nt.r == ';' || nt.r == ')' || nt.r == ':') ||
			p.has(k+1, wPrep|wBe) || p.wordIs(k+1, "to") || p.wordIs(k+1, "and") {
			return a, false
		}
	}
	a.subj = sj.start
	if sj.start > s && (p.isSym(sj.start-1, ',') || p.isSym(sj.start-1, ':')) {
		a.intro = true
	}
	// "…, Reuters reported.", "…, as Unusual Whales noted."
	if sj.start > s && (p.isSym(sj.start-1, ',') || p.isDoubleQuote(sj.start-1) || p.wordIs(sj.start-1, "as")) &&
		sj.kind != sjShared && p.verbEndsClause(k, e) {
		a.kind, a.intro = akPost, false
		a.tail = p.postTail(k+1, e)
	}
	return a, true
}

// saidName reads a speaker named after a verb of saying: "…," said Wang.
// and ", says Scale AI CEO Alexandr Wang".
func (p *attributor) saidName(a *attr, k, e int, cs *claimState) bool {
	n := p.nameAfter(k+1, e)
	if !n.ok() || !(p.isNameWord(k+1) || sourceNouns[p.str(k+1)]) || !p.verbEndsClause(n.end-1, e) {
		return false
	}
	a.kind, a.claim, a.tail = akPost, p.claimText(n), p.postTail(n.end, e)
	a.person = p.isPerson(n, cs)
	a.single = a.person || p.singleName(n)
	return true
}

// subjectClaim gives the attribution a of the verb at k the claimant its
// subject sj names, resolving pronouns, "the company" and "the report"; v
// is the last token of the subject. It reports false when the subject
// shows that k is no reporting verb.
func (p *attributor) subjectClaim(a *attr, sj *subject, k, v int, c *sent, cs *claimState) bool {
	switch sj.kind {
	case sjNone:
		return false
	case sjName:
		if !p.verbNotNoun(k) {
			return false
		}
		a.claim, a.person, a.single = sj.claim, sj.person, sj.single
	case sjHe:
		a.claim = p.resolvePerson(c, v, cs)
		a.person = a.claim != ""
	case sjIt:
		a.claim = p.resolveOrg(c, v)
		if a.claim == "" && p.wordIs(v, "it") {
			a.claim = cs.lastOrg
		}
	case sjCompany:
		a.claim = p.resolveOrg(c, sj.start)
		if a.claim == "" {
			a.claim = cs.lastOrg
		}
	case sjThe:
		a.claim = cs.prevClaim
	case sjShared:
		return p.sharedSubject(a, sj, k, v, c, cs)
	case sjSource:
		// "A Chinese chip industry source told Reuters": Reuters' report.
		if p.wordIs(k, "told") {
			if n := p.nameAfter(k+1, c.e); n.ok() {
				a.claim = p.claimText(n)
			}
		}
	}
	return true
}

// sharedSubject gives "… and announced" the subject of the claim before it
// in its part of the sentence, or else the subject of that part:
// "DeepSeek called itself … and announced …".
func (p *attributor) sharedSubject(a *attr, sj *subject, k, v int, c *sent, cs *claimState) bool {
	for i := len(c.attrs) - 1; i >= 0; i-- {
		if o := &c.attrs[i]; o.kind == akPre && o.claim != "" && c.part(o.verb) == c.part(k) {
			a.claim, a.person, a.single, sj.start = o.claim, o.person, o.single, o.subj
			return true
		}
	}
	ps := c.s
	if len(c.hard) > 0 {
		ps = c.hard[len(c.hard)-1] + 1
	}
	n := p.clauseSubject(ps, v, cs)
	if !n.ok() {
		return false
	}
	a.claim, a.person, sj.start = p.claimText(n), p.isPerson(n, cs), n.start
	a.single = a.person || p.singleName(n)
	return true
}

// verbEndsClause reports that the reporting verb at k takes no complement:
// "…, Reuters reported.", "…, WinBuzzer reported on April 20, 2025", "…, as
// Unusual Whales noted".
func (p *attributor) verbEndsClause(k, e int) bool {
	j := k + 1
	if j >= e {
		return true
	}
	t := p.tok(j)
	switch t.kind {
	case tSym:
		switch t.r {
		case ',', '.', ';', ')', '!', '?', '”':
			return true
		}
		return false
	case tWord:
		if (p.wordIs(k, "told") || p.wordIs(k, "tells")) && p.isNameWord(j) {
			// "…," Wang told CNBC.
			if n := p.nameAfter(j, e); n.ok() {
				return p.verbEndsClause(n.end-1, e)
			}
		}
		if !p.has(j, wPostAdjunct) {
			return false
		}
	default:
		return false
	}
	for m := j; m < e && m < j+12; m++ {
		if p.wordIs(m, "that") || p.isSym(m, '"') || p.isSym(m, '“') || p.isSym(m, ':') {
			return false
		}
		if p.isSym(m, ',') || p.isSym(m, ';') || p.isSym(m, '.') {
			return true
		}
	}
	return j+12 >= e
}

// tailEnd returns the end of the adjuncts that follow token k up to the next
// comma or semicolon ("reported on April 20, 2025": up to the comma).
func (p *attributor) tailEnd(k, e int) int {
	for m := k; m < e && m < k+16; m++ {
		if p.isSym(m, ',') || p.isSym(m, ';') {
			return m
		}
	}
	return min(e, k+16)
}

// postTail is tailEnd for a reporting verb after its claim, extended over a
// participle clause of the same speaker: "…, Zuckerberg wrote on Facebook,
// adding that the company will end the year with 1.3 million GPUs".
func (p *attributor) postTail(k, e int) int {
	t := p.tailEnd(k, e)
	if p.isSepComma(t) && (p.wordIs(t+1, "adding") || p.wordIs(t+1, "saying") || p.wordIs(t+1, "noting") ||
		p.wordIs(t+1, "arguing") || p.wordIs(t+1, "explaining") || p.wordIs(t+1, "warning") || p.wordIs(t+1, "estimating")) {
		for m := t + 1; m < e; m++ {
			if p.isSym(m, ';') {
				return m
			}
		}
		return e
	}
	return t
}

// verbNotNoun reports that a reporting verb after a name is a verb:
// "CoreWeave projects brought …" and "The Bloomberg Intelligence forecast
// expects …" are nouns.
func (p *attributor) verbNotNoun(k int) bool {
	if p.has(k, wAmbClaim) && !p.objectFollows(k+1) {
		return false
	}
	return !(p.wordIs(k, "forecast") && p.isWord(k+1) && !p.isCapitalised(k+1) && p.has(k+1, wClaim|wBe|wPrep))
}

// objectFollows reports that token k can start the object of a verb whose
// form is also a plural noun: "Reuters reports that …" but not "CoreWeave
// projects brought …".
func (p *attributor) objectFollows(k int) bool {
	t := p.tok(k)
	switch t.kind {
	case tNum:
		return true
	case tSym:
		return t.r == '$' || t.r == ':' || isQuote(t.r) && t.r != '\''
	case tWord:
		if p.wordIs(k, "that") || p.wordIs(k, "the") || p.wordIs(k, "a") || p.wordIs(k, "an") || p.wordIs(k, "its") ||
			p.wordIs(k, "their") || p.wordIs(k, "his") || p.wordIs(k, "her") || p.has(k, wQualStart|wCard) {
			return true
		}
		return p.isNameWord(k) && !p.has(k, wNameStop)
	}
	return false
}
