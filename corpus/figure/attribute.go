package figure

// attrKind is the shape of an attribution.
type attrKind uint8

const (
	akPre  attrKind = iota + 1 // "Wang said …", "SemiAnalysis put … at": the claim follows the verb
	akPost                     // "…, Reuters reported", "…," said Wang: the claim comes before
	akAcc                      // "according to X": before or after the claim
	akBy                       // "as reported by X", "cited by Reuters": the reporter, a last resort
)

// attr is one attribution found in a sentence.
type attr struct {
	kind   attrKind
	verb   int    // the reporting verb, "according" or the claim noun
	subj   int    // first token of the subject phrase, or verb when there is none before it
	tail   int    // end of the verb's own adjuncts ("reported on April 20, 2025")
	region int    // clause of the verb, see sent.region
	claim  string // the claimant, "" when the source is unnamed ("law firms put …")
	intro  bool   // a comma or colon precedes the subject: a phrase before it belongs to its clause
	person bool   // the claimant is a person
	single bool   // the claimant is one capitalised word that may be a person ("Son")
	media  bool   // a verb of reporting ("reported", "wrote"): a claim made inside it is someone else's
	say    bool   // a verb of saying
}

// attributor is the last stage of Extract: it reads the tokens again,
// sentence by sentence, for who makes each claim. It needs nothing of how
// figures were read but their token spans.
type attributor struct {
	tokens
}

// attachClaimants sets the claimant of each figure to the source that makes
// that particular claim. Each attribution in a sentence ("Wang said",
// "according to SemiAnalysis", "…, Reuters reported", "DeepSeek's claim that",
// "the 10,000 A100s they claim") governs a stretch of it; a figure takes the
// nearest attribution that governs it, so that "X said A, and Y cited B"
// gives A to X and B to Y. Pronouns resolve to names earlier in the
// paragraph, and an unnamed source ("law firms put …") leaves the claimant
// empty rather than wrong.
func (p *attributor) attachClaimants(raws []raw) {
	var cs claimState
	var abuf [maxAttrs]attr
	var bbuf [maxBounds]int
	var hbuf [maxBounds]int
	ri := 0
	for s := 0; s < len(p.toks) && ri < len(raws); {
		e := p.sentenceFrom(s)
		first := ri
		for ri < len(raws) && raws[ri].start < e {
			ri++
		}
		c := sent{s: s, e: e, figs: raws[first:ri], attrs: abuf[:0], bounds: bbuf[:0], hard: hbuf[:0]}
		p.sentenceClaims(&c, &cs)
		s = e
	}
}

// sentenceClaims finds the attributions of one sentence and gives each of
// its figures a claimant.
func (p *attributor) sentenceClaims(c *sent, cs *claimState) {
	if subj := p.openingName(c.s, c.e); subj.ok() && p.personLike(subj) {
		cs.addPerson(subj)
		cs.lastPerson = p.spanText(subj)
	}
	if len(c.figs) == 0 {
		// A sentence without figures only names people and sources that
		// later pronouns may refer to.
		for k := c.s; k < c.e; k++ {
			if p.isWord(k) && p.has(k, wClaim) {
				p.noteSource(k, c, cs)
			}
		}
		return
	}
	p.readAttrs(c, cs)
	quote, quoteDone := "", false
	for i := range c.figs {
		f := &c.figs[i]
		claim, ok := p.claimFor(c, f, cs)
		if !ok && len(c.attrs) == 0 {
			if !quoteDone {
				quote, quoteDone = p.quoteClaim(c), true
			}
			claim = quote
		}
		f.claimant = claim
	}
	for i := len(c.attrs) - 1; i >= 0; i-- {
		if a := &c.attrs[i]; a.claim != "" && a.kind != akBy {
			cs.prevClaim = a.claim
			break
		}
	}
}

// readAttrs reads the clause boundaries and the attributions of sentence c
// in one pass from left to right, because reading an attribution looks at
// the clauses and attributions before it ("… and said" shares a subject).
func (p *attributor) readAttrs(c *sent, cs *claimState) {
	for k := c.s; k < c.e; k++ {
		t := p.tok(k)
		if t.kind == tSym {
			switch t.r {
			case ';':
				c.addBound(k, true)
			case ',':
				if p.commaBoundary(k) {
					c.addBound(k, false)
				}
			}
			continue
		}
		if t.kind != tWord || len(c.attrs) == cap(c.attrs) || !p.has(k, wAttrWord) {
			continue
		}
		a, ok := p.attrAt(k, c, cs)
		if !ok {
			continue
		}
		a.region = c.region(a.verb)
		n := len(c.attrs)
		c.attrs = c.attrs[:n+1]
		c.attrs[n] = a
		p.noteAttr(&a, cs)
	}
}

// attrAt reads an attribution whose verb, claim noun or "according" is
// token k.
func (p *attributor) attrAt(k int, c *sent, cs *claimState) (attr, bool) {
	switch {
	case p.wordIs(k, "according") && p.wordIs(k+1, "to"):
		return p.accordingAttr(k, c, cs)
	case p.has(k, wClaim):
		if a, ok := p.verbAttr(k, c, cs); ok || !p.has(k, wClaimNoun) {
			return a, ok
		}
		return p.nounAttr(k, c, cs)
	case p.has(k, wClaimNoun):
		return p.nounAttr(k, c, cs)
	case p.has(k, wRevise):
		return p.reviseAttr(k, c, cs)
	case p.wordIs(k, "comes") || p.wordIs(k, "came") || p.wordIs(k, "come"):
		return p.comesFromAttr(k, c, cs)
	case p.wordIs(k, "whether") && (p.wordIs(k-1, "asked") || p.wordIs(k-1, "questioned") ||
		p.wordIs(k-1, "wondered") || p.wordIs(k-1, "doubted") || p.wordIs(k-1, "asking") || p.wordIs(k-1, "questioning")):
		// A figure in a question is nobody's claim: "Rasgon asked
		// whether DeepSeek really built "an OpenAI for US$5m"".
		return attr{kind: akPre, verb: k, subj: k, tail: k + 1}, true
	}
	return attr{}, false
}
