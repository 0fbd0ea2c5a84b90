package figure

// accordingAttr reads "according to X" at token k.
func (p *attributor) accordingAttr(k int, c *sent, cs *claimState) (attr, bool) {
	a := attr{kind: akAcc, verb: k, subj: k, media: true}
	a.intro = k > c.s && (p.isSym(k-1, ',') || p.isSym(k-1, ':'))
	n := p.nameAfter(k+2, c.e)
	if !n.ok() || n.end == n.start+1 && p.has(n.start, wPlatform) {
		// "According to the report": the report named before.
		d := k + 2
		if !p.wordIs(d, "the") {
			return a, false
		}
		d++
		for d < c.e && d < k+6 && p.isWord(d) && !p.isCapitalised(d) && !p.has(d, wDocNoun) {
			d++
		}
		if !p.has(d, wDocNoun) || p.isCapitalised(d) {
			return a, false
		}
		a.claim = cs.prevClaim
		a.tail = p.tailEnd(d+1, c.e)
		return a, true
	}
	a.claim = p.claimText(n)
	a.person = p.isPerson(n, cs)
	a.tail = p.tailEnd(n.end, c.e)
	return a, true
}

// nounAttr reads a claim noun with its owner: "a SemiAnalysis estimate that
// …", "Goldman's forecast of …".
func (p *attributor) nounAttr(k int, c *sent, cs *claimState) (attr, bool) {
	a := attr{kind: akPre, verb: k}
	if p.isCapitalised(k) || !(p.wordIs(k+1, "that") || p.wordIs(k+1, "of")) {
		return a, false
	}
	var n span
	if p.wordIs(k-1, "s") && p.isApos(k-2) && p.glued(k-1) {
		n = p.nameBefore(k-3, c.s)
	} else if p.isNameWord(k-1) && !p.has(k-1, wNameStop) {
		n = p.nameBefore(k-1, c.s)
	}
	if !n.ok() {
		return a, false
	}
	a.subj, a.claim = n.start, p.claimText(n)
	a.person = p.isPerson(n, cs)
	a.single = a.person || p.singleName(n)
	return a, true
}

// reviseAttr reads "Goldman raised its long-run estimate to …", "Alphabet
// lifted its 2025 forecast to …": the new estimate is the subject's claim.
func (p *attributor) reviseAttr(k int, c *sent, cs *claimState) (attr, bool) {
	a := attr{kind: akPre, verb: k, subj: k}
	if p.isCapitalised(k) || !(p.wordIs(k+1, "its") || p.wordIs(k+1, "their") || p.wordIs(k+1, "his") || p.wordIs(k+1, "her")) {
		return a, false
	}
	found := false
	for m := k + 2; m < c.e && m < k+6; m++ {
		if p.has(m, wClaimNoun) || p.wordIs(m, "outlook") || p.wordIs(m, "target") || p.wordIs(m, "targets") {
			found = true
			break
		}
	}
	if !found {
		return a, false
	}
	v := k - 1
	for v > c.s && v > k-5 && p.has(v, wAdvSkip) {
		v--
	}
	sj := p.subjectBefore(v, c, cs)
	if sj.kind != sjName {
		return a, false
	}
	a.claim, a.person, a.single, a.subj = sj.claim, sj.person, sj.single, sj.start
	a.intro = sj.start > c.s && p.isSym(sj.start-1, ',')
	return a, true
}

// comesFromAttr reads "The figure of 10,000 A100s comes from High-Flyer and
// DeepSeek themselves."
func (p *attributor) comesFromAttr(k int, c *sent, cs *claimState) (attr, bool) {
	a := attr{kind: akPost, verb: k, subj: k}
	if !p.wordIs(k+1, "from") {
		return a, false
	}
	found := false
	for m := k - 1; m >= c.s && m > k-12; m-- {
		if p.isSepComma(m) || p.isSym(m, ';') {
			break
		}
		if p.has(m, wClaimNoun) || p.wordIs(m, "number") || p.wordIs(m, "numbers") || p.wordIs(m, "data") ||
			p.wordIs(m, "plan") || p.wordIs(m, "plans") {
			found = true
			break
		}
	}
	if !found {
		return a, false
	}
	n := p.nameAfter(k+2, c.e)
	if !n.ok() {
		return a, false
	}
	a.claim, a.tail = p.claimText(n), p.tailEnd(n.end, c.e)
	return a, true
}
