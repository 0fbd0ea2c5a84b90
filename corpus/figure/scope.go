package figure

// claimFor picks the claimant of figure f. ok is false when no attribution
// of the sentence reaches it.
func (p *attributor) claimFor(c *sent, f *raw, cs *claimState) (string, bool) {
	if claim, ok := p.localClaim(c, f, cs); ok {
		return claim, true
	}
	if claim, ok := p.clauseClaim(c, f); ok {
		return claim, true
	}
	return p.partClaim(c, f)
}

// clauseClaim looks for the claimant of figure f among the attributions of
// its own clause.
func (p *attributor) clauseClaim(c *sent, f *raw) (string, bool) {
	fr := c.region(f.start)
	// The nearest attribution before the figure in its clause: "X said … F",
	// "F …" inside "reported on April 20, 2025".
	for i := len(c.attrs) - 1; i >= 0; i-- {
		a := &c.attrs[i]
		if a.verb >= f.start || a.kind == akBy {
			continue
		}
		if a.region != fr {
			break
		}
		switch a.kind {
		case akPost:
			if f.start < a.tail {
				return a.claim, true
			}
			continue
		case akAcc:
			if f.start < a.tail {
				return a.claim, true
			}
			// "Musk said in April 2024, according to Business Insider,
			// that …" is Musk's claim.
			if c.preBefore(i) {
				continue
			}
		}
		return p.pick(c, i), true
	}
	// The figure stands in the subject of the first attribution after it
	// ("Nvidia's filing on the October 2023 update … said"), or in an
	// introductory phrase of its clause ("On January 3, 2025, Brad Smith
	// said").
	for i := range c.attrs {
		a := &c.attrs[i]
		if a.verb < f.end || a.kind == akBy {
			continue
		}
		if a.region != fr {
			break
		}
		if a.kind == akPre && a.subj <= f.start || a.kind != akPost && a.intro && f.end <= a.subj {
			return p.pick(c, i), true
		}
		break
	}
	// "…, Reuters reported", "…, according to X" later in its clause.
	for i := range c.attrs {
		a := &c.attrs[i]
		if a.verb > f.start && a.region == fr && (a.kind == akPost || a.kind == akAcc) {
			return a.claim, true
		}
	}
	return "", false
}

// partClaim looks for the claimant of figure f in the other clauses of its
// part of the sentence (up to a semicolon), and last in a reporter named
// anywhere in the sentence.
func (p *attributor) partClaim(c *sent, f *raw) (string, bool) {
	fp := c.part(f.start)
	// An attribution in an earlier clause of the same part of the sentence
	// ("Reuters reported that A rose 1%, while B fell 2%").
	for i := len(c.attrs) - 1; i >= 0; i-- {
		a := &c.attrs[i]
		if a.verb >= f.start || a.kind == akBy || a.kind == akPost {
			continue
		}
		if c.part(a.verb) != fp {
			break
		}
		return p.pick(c, i), true
	}
	// A report after it in a later clause ("A rose, and B fell, Reuters
	// reported").
	for i := range c.attrs {
		a := &c.attrs[i]
		if a.verb > f.start && (a.kind == akPost || a.kind == akAcc) && c.part(a.verb) == fp {
			return a.claim, true
		}
	}
	// "as reported by X" when nothing else names a source.
	for i := range c.attrs {
		if a := &c.attrs[i]; a.kind == akBy {
			return a.claim, true
		}
	}
	return "", false
}

// pick returns the claimant of attribution i for a figure inside its scope.
// An unnamed source inside a named one ("Voicebot reported that the analysts
// expected …") leaves the claim with the named one; so does a company inside
// what its executive says ("Sundar Pichai said … that Alphabet expected …").
func (p *attributor) pick(c *sent, i int) string {
	a := &c.attrs[i]
	if a.claim == "" {
		for j := i - 1; j >= 0; j-- {
			o := &c.attrs[j]
			if o.region != a.region {
				break
			}
			if (o.kind == akPre || o.kind == akAcc) && o.claim != "" {
				return o.claim
			}
		}
		// "…, while analysts expected $42.3 billion, according to LSEG."
		for j := i + 1; j < len(c.attrs); j++ {
			o := &c.attrs[j]
			if o.region != a.region {
				break
			}
			if o.kind == akPost || o.kind == akAcc {
				return o.claim
			}
		}
		return ""
	}
	if a.kind == akPre && !a.person && !a.single && !a.media {
		for j := i - 1; j >= 0; j-- {
			o := &c.attrs[j]
			if o.region != a.region {
				break
			}
			if o.kind == akPre && o.person && o.say && o.claim != "" {
				return o.claim
			}
		}
	}
	return a.claim
}

// localClaim reads an attribution that belongs to figure f alone: "the
// 10,000 A100s they claim", "a $30 billion contract that Oracle disclosed",
// "$5 billion, which Nvidia said …", "Wang's 50,000 H100 figure".
func (p *attributor) localClaim(c *sent, f *raw, cs *claimState) (string, bool) {
	j := f.end
	if p.has(j, wClaimNoun) && !p.isCapitalised(j) {
		if n := p.possessorBefore(f.start, c.s); n.ok() {
			return p.claimText(n), true
		}
	}
	if f.kind == Date || f.kind == Duration {
		// "reported on March 17, 2025 that Hassabis expected": "that"
		// opens what was reported.
		return "", false
	}
	m := j
	for m < j+3 && m < c.e && p.isWord(m) && !p.isCapitalised(m) && !p.has(m, wStop|wClaim|wBe|wPrep) && !p.ingOrEd(m) {
		m++
	}
	switch {
	case p.isSym(m, ',') && p.wordIs(m+1, "which") && m == j:
		m += 2
	case p.wordIs(m, "that") || p.wordIs(m, "which"):
		m++
	case m != j:
		return "", false
	}
	if m >= c.e {
		return "", false
	}
	claim, sEnd := "", m+1
	switch {
	case p.wordIs(m, "they") || p.wordIs(m, "it"):
		claim = p.resolveOrg(c, f.start)
	case p.has(m, wPronoun):
		claim = p.resolvePerson(c, m, cs)
	case p.isNameWord(m) && !p.has(m, wNameStop|wMonth|wWeekday):
		n := p.nameAfter(m, c.e)
		if !n.ok() || n.start != m {
			return "", false
		}
		claim, sEnd = p.claimText(n), n.end
	default:
		return "", false
	}
	v := sEnd
	for v < c.e && v < sEnd+3 && p.has(v, wAdvSkip) {
		v++
	}
	if !p.has(v, wClaim) || p.isCapitalised(v) || p.wordIs(v+1, "by") || p.wordIs(v, "described") ||
		p.wordIs(v, "compared") || p.has(v, wAmbClaim) && !p.wordIs(v, "claim") && !p.objectFollows(v+1) {
		return "", false
	}
	return claim, true
}

// quoteClaim gives a sentence that opens a quotation closed in a later
// sentence the speaker named after the closing quote:
// "I don't know if it'll be 2027. I think …," Amodei said.
func (p *attributor) quoteClaim(c *sent) string {
	s, e := c.s, c.e
	if !p.isSym(s, '"') && !p.isSym(s, '“') {
		return ""
	}
	nq := 0
	for k := s; k < e; k++ {
		if p.isDoubleQuote(k) {
			nq++
		}
	}
	if nq%2 == 0 {
		return ""
	}
	n := len(p.toks)
	for k := e; k < n && k < e+150; k++ {
		if !p.isDoubleQuote(k) {
			continue
		}
		end := min(n, k+12)
		for m := k + 1; m < k+6 && m < end; m++ {
			if !p.has(m, wClaim) || p.isCapitalised(m) {
				continue
			}
			if nb := p.nameBefore(m-1, k+1); nb.ok() {
				return p.claimText(nb)
			}
			if na := p.nameAfter(m+1, end); na.ok() {
				return p.claimText(na)
			}
			return ""
		}
		return ""
	}
	return ""
}
