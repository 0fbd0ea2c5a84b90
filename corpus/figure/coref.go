package figure

// claimState carries what a paragraph has named so far, for pronouns.
type claimState struct {
	lastPerson string  // the last person named, for "he" and "she"
	lastSingle string  // the last one-word name that may be a person's ("Amodei said"), when no person is known
	lastOrg    string  // the last organisation that claimed something, for "the company"
	prevClaim  string  // the last named source, for "the report", "the model card"
	persons    [8]span // full names of the persons named so far
	np         int     // number of persons (a ring)
}

// addPerson remembers a full name ("Demis Hassabis") so that a later
// "Hassabis" is known to be a person.
func (cs *claimState) addPerson(n span) {
	cs.persons[cs.np%len(cs.persons)] = n
	cs.np++
}

// knownPerson returns the full name whose last word is the one-word name
// w, or ok false.
func (p *attributor) knownPerson(cs *claimState, w string) (full span, ok bool) {
	m := min(cs.np, len(cs.persons))
	for i := 0; i < m; i++ {
		n := cs.persons[(cs.np-1-i)%len(cs.persons)]
		if n.end-n.start >= 2 && p.str(n.end-1) == w {
			return n, true
		}
	}
	return span{}, false
}

// fullName returns the full name of a person named by surname only, when
// the paragraph named them in full before.
func (p *attributor) fullName(cs *claimState, name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] == ' ' {
			return name
		}
	}
	if n, ok := p.knownPerson(cs, name); ok {
		return p.spanText(n)
	}
	return name
}

// isPerson reports whether the name n is a person's: a full name, a name
// after a title ("Analyst Lennart Heim", "President Trump"), or the surname
// of a person named before.
func (p *attributor) isPerson(n span, cs *claimState) bool {
	if p.personLike(n) {
		cs.addPerson(n)
		return true
	}
	if p.has(n.start-1, wTitle) && !p.has(n.start, wOrg) && !p.isAllCaps(n.start) {
		return true
	}
	if n.end == n.start+1 {
		_, ok := p.knownPerson(cs, p.str(n.start))
		return ok
	}
	return false
}

// resolvePerson resolves "he" or "she" at token k: the nearest person
// named before it in the sentence, else the last one in the paragraph.
func (p *attributor) resolvePerson(c *sent, k int, cs *claimState) string {
	for i := len(c.attrs) - 1; i >= 0; i-- {
		if a := &c.attrs[i]; a.verb < k && (a.person || a.single) && a.claim != "" {
			return a.claim
		}
	}
	if cs.lastPerson == "" {
		return cs.lastSingle
	}
	return p.fullName(cs, cs.lastPerson)
}

// resolveOrg resolves "they", "it" or "the company" at token k to the
// nearest organisation named before it in the sentence that is not itself
// a source there ("DeepSeek has …, not the 10,000 A100s they claim"), or "".
func (p *attributor) resolveOrg(c *sent, k int) string {
	lo := max(c.s, k-40)
	for j := k - 1; j >= lo; j-- {
		if !p.isNameWord(j) || p.has(j, wNameStop|wTitle) || c.inFigure(j) {
			continue
		}
		n := p.nameBefore(j, c.s)
		if !n.ok() {
			continue
		}
		j = n.start
		if p.personLike(n) || p.isPronounName(n) {
			continue
		}
		text := p.claimText(n)
		used := false
		for i := range c.attrs {
			if c.attrs[i].verb < k && c.attrs[i].claim == text {
				used = true
				break
			}
		}
		if !used {
			return text
		}
	}
	return ""
}

// companyName reports a name with a word that marks a company rather than a
// news outlet: "Nvidia reported revenue …" names a company that may be "the
// company" later; "Bisnow reported" does not.
func (p *attributor) companyName(name string) bool {
	for i := 0; i < len(name); {
		j := i
		for j < len(name) && name[j] != ' ' {
			j++
		}
		id := lookupWord(name[i:j])
		if id != 0 && lexWords[id].flags&wOrg != 0 && lexWords[id].flags&wMedia == 0 {
			return true
		}
		i = j + 1
	}
	return false
}

// noteSource records the source of the reporting verb at k in a sentence
// without figures: "Altman wrote: …" makes Altman the "he" of the next
// sentence.
func (p *attributor) noteSource(k int, c *sent, cs *claimState) {
	s := c.s
	if p.isCapitalised(k) || p.wordIs(k+1, "by") {
		return
	}
	v := k - 1
	for v > s && v > k-5 && p.has(v, wAdvSkip) {
		v--
	}
	if v < s || p.has(v, wBe) {
		return
	}
	var sj subject
	switch {
	case p.isNameWord(v) && !p.has(v, wNameStop|wTitle):
		n := p.nameBefore(v, s)
		if !n.ok() || !p.verbNotNoun(k) {
			return
		}
		sj = p.named(n, n.start, cs)
	case p.isSym(v, ','):
		sj = p.appositionSubject(v, c, cs)
	case p.isWord(v):
		sj = p.docSubject(v, c, cs)
	}
	if sj.kind != sjName {
		return
	}
	claim := sj.claim
	if sj.person {
		cs.lastPerson = p.fullName(cs, claim)
	} else if sj.single {
		cs.lastSingle = claim
	} else if p.companyName(claim) {
		cs.lastOrg = claim
	}
	cs.prevClaim = claim
}

// noteAttr remembers the source of a named attribution for the pronouns,
// "the company" and "the report" of what follows.
func (p *attributor) noteAttr(a *attr, cs *claimState) {
	if a.claim == "" || a.kind == akBy {
		return
	}
	if a.person {
		cs.lastPerson = p.fullName(cs, a.claim)
	} else if a.single {
		cs.lastSingle = a.claim
	}
	if !a.person && !a.single && a.kind == akPre && (!a.media || p.companyName(a.claim)) {
		cs.lastOrg = a.claim
	}
}
