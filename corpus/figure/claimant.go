package figure

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true, "inc": true, "corp": true,
	"co": true, "ltd": true, "no": true, "nos": true, "vs": true, "etc": true, "gov": true, "sen": true, "rep": true,
	"gen": true, "lt": true, "col": true, "prof": true, "approx": true, "est": true, "fig": true, "jan": true,
	"feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "dept": true, "univ": true, "mt": true, "ft": true, "nr": true, "nrs": true,
	"bros": true, "cie": true, "plc": true, "al": true,
}

// sentenceEnd reports whether token k ends a sentence.
func (p *parser) sentenceEnd(k int) bool {
	t := p.tok(k)
	if t.kind != tSym {
		return false
	}
	switch t.r {
	case '!', '?':
	case '.':
		if p.isWord(k-1) && p.glued(k) {
			s := p.str(k - 1)
			if abbreviations[lowerKey(s)] {
				return false
			}
			// Initials ("Donald J. Trump", "U.S.") but not "on X. Then".
			if len(s) == 1 && (p.isSym(k-2, '.') || p.isNameWord(k-2) || k-1 == 0) {
				return false
			}
		}
	default:
		return false
	}
	// Closing quotes and brackets belong to the sentence they close.
	n := k + 1
	for p.tok(n).kind == tSym && !p.tok(n).sp && isCloser(p.tok(n).r) {
		n++
	}
	nt := p.tok(n)
	if nt.kind == 0 || nt.nl {
		return true
	}
	if !nt.sp {
		return false
	}
	switch nt.kind {
	case tWord:
		return p.isCapitalised(n) || p.text[nt.start] >= 0x80
	case tNum:
		return true
	case tSym:
		return isOpener(nt.r) || nt.r == '$' || nt.r == '-'
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', ')', ']', '»':
		return true
	}
	return false
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', '“', '‘':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '‘', '“', '(', '[', '«':
		return true
	}
	return false
}

// sourceNouns may stand between "according to" and a name: "according to
// the AP", "according to law firm Alston & Bird".
var sourceNouns = map[string]bool{
	"the": true, "a": true, "an": true, "law": true, "research": true, "analytics": true, "app": true, "data": true,
	"consulting": true, "consultancy": true, "market": true, "firm": true, "firms": true, "company": true, "group": true,
	"analyst": true, "analysts": true, "investment": true, "bank": true, "broker": true, "brokerage": true, "media": true,
	"outlet": true, "newspaper": true, "state": true, "news": true, "agency": true, "website": true, "magazine": true,
	"think": true, "tank": true, "industry": true, "tracker": true, "publication": true, "daily": true, "trade": true,
	"official": true, "officials": true, "executive": true, "executives": true, "chief": true, "source": true,
}

// span is a token range [start, end).
type span struct{ start, end int }

func (s span) ok() bool { return s.end > s.start }

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

// Bounds on the attributions and clause boundaries looked at in one
// sentence; they keep Extract linear on hostile input.
const (
	maxAttrs  = 16
	maxBounds = 24
)

// sent is one sentence being attributed.
type sent struct {
	s, e   int   // token range
	figs   []raw // its figures
	attrs  []attr
	bounds []int // tokens that start a new clause: ";", ", and <subject>", ", while", ", which"
	hard   []int // ";" only
}

func (c *sent) addBound(k int, hard bool) {
	// Reslicing rather than append keeps the buffers on the stack.
	if n := len(c.bounds); n < cap(c.bounds) {
		c.bounds = c.bounds[:n+1]
		c.bounds[n] = k
	}
	if n := len(c.hard); hard && n < cap(c.hard) {
		c.hard = c.hard[:n+1]
		c.hard[n] = k
	}
}

// region numbers the clause that token k is in.
func (c *sent) region(k int) int {
	n := 0
	for _, b := range c.bounds {
		if b >= k {
			break
		}
		n++
	}
	return n
}

// part numbers the part of the sentence between semicolons that k is in.
func (c *sent) part(k int) int {
	n := 0
	for _, b := range c.hard {
		if b >= k {
			break
		}
		n++
	}
	return n
}

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
func (p *parser) knownPerson(cs *claimState, w string) (full span, ok bool) {
	m := min(cs.np, len(cs.persons))
	for i := 0; i < m; i++ {
		n := cs.persons[(cs.np-1-i)%len(cs.persons)]
		if n.end-n.start >= 2 && p.str(n.end-1) == w {
			return n, true
		}
	}
	return span{}, false
}

// attachClaimants sets the claimant of each figure to the source that makes
// that particular claim. Each attribution in a sentence ("Wang said",
// "according to SemiAnalysis", "…, Reuters reported", "DeepSeek's claim that",
// "the 10,000 A100s they claim") governs a stretch of it; a figure takes the
// nearest attribution that governs it, so that "X said A, and Y cited B"
// gives A to X and B to Y. Pronouns resolve to names earlier in the
// paragraph, and an unnamed source ("law firms put …") leaves the claimant
// empty rather than wrong.
func (p *parser) attachClaimants(raws []raw) {
	var cs claimState
	var abuf [maxAttrs]attr
	var bbuf [maxBounds]int
	var hbuf [maxBounds]int
	n := len(p.toks)
	ri, s := 0, 0
	for k := 0; k < n && ri < len(raws); k++ {
		if !(k == n-1 || p.sentenceEnd(k) || p.toks[k+1].nl) {
			continue
		}
		e := k + 1
		// Closing quotes and brackets belong to the sentence they close.
		for e < n && !p.toks[e].sp && p.toks[e].kind == tSym && isCloser(p.toks[e].r) {
			e++
		}
		k = e - 1
		first := ri
		for ri < len(raws) && raws[ri].start < e {
			ri++
		}
		c := sent{s: s, e: e, figs: raws[first:ri], attrs: abuf[:0], bounds: bbuf[:0], hard: hbuf[:0]}
		p.sentenceClaims(&c, &cs)
		s = e
	}
}

func (p *parser) spanText(s span) string {
	return p.text[p.toks[s.start].start:p.toks[s.end-1].end]
}

// sentenceClaims finds the attributions of one sentence and gives each of
// its figures a claimant.
func (p *parser) sentenceClaims(c *sent, cs *claimState) {
	s, e := c.s, c.e
	if subj := p.subject(s, e); subj.ok() && p.personLike(subj) {
		cs.addPerson(subj)
		cs.lastPerson = p.spanText(subj)
	}
	if len(c.figs) == 0 {
		// A sentence without figures only names people and sources that
		// later pronouns may refer to.
		for k := s; k < e; k++ {
			if p.isWord(k) && p.has(k, wClaim) {
				p.noteSource(k, c, cs)
			}
		}
		return
	}
	for k := s; k < e; k++ {
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
		var a attr
		ok := false
		switch {
		case p.wordIs(k, "according") && p.wordIs(k+1, "to"):
			a, ok = p.accordingAttr(k, c, cs)
		case p.has(k, wClaim):
			a, ok = p.verbAttr(k, c, cs)
			if !ok && p.has(k, wClaimNoun) {
				a, ok = p.nounAttr(k, c, cs)
			}
		case p.has(k, wClaimNoun):
			a, ok = p.nounAttr(k, c, cs)
		case p.has(k, wRevise):
			a, ok = p.reviseAttr(k, c, cs)
		case p.wordIs(k, "comes") || p.wordIs(k, "came") || p.wordIs(k, "come"):
			a, ok = p.comesFromAttr(k, c, cs)
		case p.wordIs(k, "whether") && (p.wordIs(k-1, "asked") || p.wordIs(k-1, "questioned") ||
			p.wordIs(k-1, "wondered") || p.wordIs(k-1, "doubted") || p.wordIs(k-1, "asking") || p.wordIs(k-1, "questioning")):
			// A figure in a question is nobody's claim: "Rasgon asked
			// whether DeepSeek really built "an OpenAI for US$5m"".
			a, ok = attr{kind: akPre, verb: k, subj: k, tail: k + 1}, true
		}
		if !ok {
			continue
		}
		a.region = c.region(a.verb)
		n := len(c.attrs)
		c.attrs = c.attrs[:n+1]
		c.attrs[n] = a
		if a.claim != "" && a.kind != akBy {
			if a.person {
				cs.lastPerson = p.fullName(cs, a.claim)
			} else if a.single {
				cs.lastSingle = a.claim
			}
			if !a.person && !a.single && a.kind == akPre && (!a.media || p.companyName(a.claim)) {
				cs.lastOrg = a.claim
			}
		}
	}
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

// companyName reports a name with a word that marks a company rather than a
// news outlet: "Nvidia reported revenue …" names a company that may be "the
// company" later; "Bisnow reported" does not.
func (p *parser) companyName(name string) bool {
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
func (p *parser) noteSource(k int, c *sent, cs *claimState) {
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

// fullName returns the full name of a person named by surname only, when
// the paragraph named them in full before.
func (p *parser) fullName(cs *claimState, name string) string {
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

// commaBoundary reports whether the comma at k starts a new clause with its
// own subject: ", and law firms put", ", while Baidu CEO Robin Li believed",
// ", which CNBC described". ", and that …" and ", while noting …" go on with
// the clause before.
func (p *parser) commaBoundary(k int) bool {
	w := k + 1
	switch {
	case p.wordIs(w, "which"):
		return true
	case p.wordIs(w, "and") || p.wordIs(w, "but") || p.wordIs(w, "while") || p.wordIs(w, "whereas") ||
		p.wordIs(w, "although") || p.wordIs(w, "though") || p.wordIs(w, "when") || p.wordIs(w, "yet"):
	default:
		return false
	}
	n := w + 1
	if p.wordIs(n, "that") || p.wordIs(n, "then") || p.wordIs(n, "also") {
		return false
	}
	if p.isWord(n) && !p.isCapitalised(n) && (p.has(n, wClaim|wBe) || p.ingOrEd(n)) {
		return false
	}
	return true
}

// claimFor picks the claimant of figure f. ok is false when no attribution
// of the sentence reaches it.
func (p *parser) claimFor(c *sent, f *raw, cs *claimState) (string, bool) {
	if claim, ok := p.localClaim(c, f, cs); ok {
		return claim, true
	}
	fr, fp := c.region(f.start), c.part(f.start)
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

// preBefore reports a claim verb before attribution i in its clause.
func (c *sent) preBefore(i int) bool {
	for j := i - 1; j >= 0; j-- {
		o := &c.attrs[j]
		if o.region != c.attrs[i].region {
			return false
		}
		if o.kind == akPre {
			return true
		}
	}
	return false
}

// pick returns the claimant of attribution i for a figure inside its scope.
// An unnamed source inside a named one ("Voicebot reported that the analysts
// expected …") leaves the claim with the named one; so does a company inside
// what its executive says ("Sundar Pichai said … that Alphabet expected …").
func (p *parser) pick(c *sent, i int) string {
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
func (p *parser) localClaim(c *sent, f *raw, cs *claimState) (string, bool) {
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

// possessorBefore finds "Wang's" right before token k.
func (p *parser) possessorBefore(k, s int) span {
	if !p.wordIs(k-1, "s") || !p.isApos(k-2) || !p.glued(k-1) || !p.glued(k-2) {
		return span{}
	}
	return p.nameBefore(k-3, s)
}

// isSepComma reports a comma that separates words, not the digit groups of
// "10,000".
func (p *parser) isSepComma(k int) bool {
	return p.isSym(k, ',') && !(p.isNum(k-1) && p.isNum(k+1) && p.glued(k) && p.glued(k+1))
}

func (p *parser) isApos(k int) bool { return p.isSym(k, '\'') || p.isSym(k, '’') }

func (p *parser) isDoubleQuote(k int) bool {
	return p.isSym(k, '"') || p.isSym(k, '“') || p.isSym(k, '”')
}

// verbNotNoun reports that a reporting verb after a name is a verb:
// "CoreWeave projects brought …" and "The Bloomberg Intelligence forecast
// expects …" are nouns.
func (p *parser) verbNotNoun(k int) bool {
	if p.has(k, wAmbClaim) && !p.objectFollows(k+1) {
		return false
	}
	return !(p.wordIs(k, "forecast") && p.isWord(k+1) && !p.isCapitalised(k+1) && p.has(k+1, wClaim|wBe|wPrep))
}

// objectFollows reports that token k can start the object of a verb whose
// form is also a plural noun: "Reuters reports that …" but not "CoreWeave
// projects brought …".
func (p *parser) objectFollows(k int) bool {
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

// resolvePerson resolves "he" or "she" at token k: the nearest person
// named before it in the sentence, else the last one in the paragraph.
func (p *parser) resolvePerson(c *sent, k int, cs *claimState) string {
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
func (p *parser) resolveOrg(c *sent, k int) string {
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

func (p *parser) isPronounName(n span) bool {
	return n.end == n.start+1 && (p.has(n.start, wStop|wNameStop) || p.wordIs(n.start, "I"))
}

// inFigure reports whether token k is part of one of the sentence's figures.
func (c *sent) inFigure(k int) bool {
	// The figures are in order and do not overlap: find the last that
	// starts at or before k.
	lo, hi := 0, len(c.figs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.figs[m].start <= k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo > 0 && k < c.figs[lo-1].end
}

// quoteClaim gives a sentence that opens a quotation closed in a later
// sentence the speaker named after the closing quote:
// "I don't know if it'll be 2027. I think …," Amodei said.
func (p *parser) quoteClaim(c *sent) string {
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

// accordingAttr reads "according to X" at token k.
func (p *parser) accordingAttr(k int, c *sent, cs *claimState) (attr, bool) {
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

// tailEnd returns the end of the adjuncts that follow token k up to the next
// comma or semicolon ("reported on April 20, 2025": up to the comma).
func (p *parser) tailEnd(k, e int) int {
	for m := k; m < e && m < k+16; m++ {
		if p.isSym(m, ',') || p.isSym(m, ';') {
			return m
		}
	}
	return min(e, k+16)
}

// verbEndsClause reports that the reporting verb at k takes no complement:
// "…, Reuters reported.", "…, WinBuzzer reported on April 20, 2025", "…, as
// Unusual Whales noted".
func (p *parser) verbEndsClause(k, e int) bool {
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

// verbAttr reads an attribution whose reporting verb is token k.
func (p *parser) verbAttr(k int, c *sent, cs *claimState) (attr, bool) {
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
	if a.say && (v < s || p.isSym(v, ',') || p.isDoubleQuote(v)) {
		if n := p.nameAfter(k+1, e); n.ok() && (p.isNameWord(k+1) || sourceNouns[p.str(k+1)]) && p.verbEndsClause(n.end-1, e) {
			a.kind, a.claim, a.tail = akPost, p.claimText(n), p.postTail(n.end, e)
			a.person = p.isPerson(n, cs)
			a.single = a.person || p.singleName(n)
			return a, true
		}
	}
	sj := p.subjectBefore(v, c, cs)
	switch sj.kind {
	case sjNone:
		return a, false
	case sjName:
		if !p.verbNotNoun(k) {
			return a, false
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
		// "DeepSeek called itself … and announced …": the subject of the
		// claim before, or of the sentence.
		found := false
		for i := len(c.attrs) - 1; i >= 0; i-- {
			if o := &c.attrs[i]; o.kind == akPre && o.claim != "" && c.part(o.verb) == c.part(k) {
				a.claim, a.person, a.single, sj.start, found = o.claim, o.person, o.single, o.subj, true
				break
			}
		}
		if !found {
			ps := s
			if len(c.hard) > 0 {
				ps = c.hard[len(c.hard)-1] + 1
			}
			n := p.clauseSubject(ps, v, cs)
			if !n.ok() {
				return a, false
			}
			a.claim, a.person, sj.start = p.claimText(n), p.isPerson(n, cs), n.start
			a.single = a.person || p.singleName(n)
		}
	case sjSource:
		// "A Chinese chip industry source told Reuters": Reuters' report.
		if p.wordIs(k, "told") {
			if n := p.nameAfter(k+1, e); n.ok() {
				a.claim = p.claimText(n)
			}
		}
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

// postTail is tailEnd for a reporting verb after its claim, extended over a
// participle clause of the same speaker: "…, Zuckerberg wrote on Facebook,
// adding that the company will end the year with 1.3 million GPUs".
func (p *parser) postTail(k, e int) int {
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

// nounAttr reads a claim noun with its owner: "a SemiAnalysis estimate that
// …", "Goldman's forecast of …".
func (p *parser) nounAttr(k int, c *sent, cs *claimState) (attr, bool) {
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
func (p *parser) reviseAttr(k int, c *sent, cs *claimState) (attr, bool) {
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
func (p *parser) comesFromAttr(k int, c *sent, cs *claimState) (attr, bool) {
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
func (p *parser) subjectBefore(v int, c *sent, cs *claimState) subject {
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

func (p *parser) named(n span, start int, cs *claimState) subject {
	sj := subject{kind: sjName, claim: p.claimText(n), start: start, person: p.isPerson(n, cs)}
	sj.single = sj.person || p.singleName(n)
	return sj
}

// appositionSubject skips a phrase between commas before the verb:
// "Reuters, citing LSEG data, said", "OpenAI's own statement on Stargate, as
// quoted by Breitbart, said", "Satya Nadella, whose company is a partner,
// said".
func (p *parser) appositionSubject(v int, c *sent, cs *claimState) subject {
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
func (p *parser) nameSubject(v int, c *sent, cs *claimState) subject {
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

func (p *parser) spanHas(n span, w string) bool {
	for k := n.start; k < n.end; k++ {
		if p.wordIs(k, w) {
			return true
		}
	}
	return false
}

// listBefore extends the name n to a list that ends in it: "OpenAI, Oracle
// and Related Digital". It returns an empty span when there is no list.
func (p *parser) listBefore(n span, s int) span {
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

// docSubject reads a subject phrase whose last word v is not a name:
// "OpenAI's own statement", "A National Law Review analysis", "Bernstein
// analysts", "a Chinese chip industry source", "the model card", "law firms".
func (p *parser) docSubject(v int, c *sent, cs *claimState) subject {
	s := c.s
	if v < s || !p.isWord(v) || p.has(v, wClaim|wBe) && !p.has(v, wDocNoun) || p.has(v, wStop) && !p.has(v, wDocNoun|wGroupNoun|wSourceNoun) ||
		p.isCapitalised(v) && v != s && !p.has(v, wDocNoun|wGroupNoun|wSourceNoun) {
		return subject{}
	}
	head := v
	var owner, mod, group span
	det := -1
	lo := max(s, v-14)
	j := v - 1
loop:
	for ; j >= lo; j-- {
		t := p.tok(j)
		switch t.kind {
		case tNum:
			if p.glued(j+1) && p.isNameWord(j+1) && j+1 <= v {
				continue // "36Kr": read with the name
			}
			continue
		case tSym:
			if p.isApos(j) && p.wordIs(j+1, "s") && p.glued(j+1) {
				// A possessive: "OpenAI's own statement".
				o := p.nameBefore(j-1, s)
				if !o.ok() {
					// "a Chinese distributor's website", "the Trump
					// administration's": read on.
					continue
				}
				if !owner.ok() {
					owner = o
				}
				j = o.start
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
			// A prepositional phrase in the subject: its head is the noun
			// before it ("Reports on the filing", "One of Liang's partners").
			if j-1 < lo || !p.isWord(j-1) || p.has(j-1, wClaim|wBe) {
				break loop
			}
			if p.has(j-1, wCard) || p.wordIs(j-1, "some") || p.wordIs(j-1, "many") || p.wordIs(j-1, "most") ||
				p.wordIs(j-1, "several") || p.wordIs(j-1, "each") || p.wordIs(j-1, "none") || p.wordIs(j-1, "all") {
				continue
			}
			if p.has(j-1, wStop) || p.isCapitalised(j-1) && j-1 != s {
				break loop
			}
			head, mod = j-1, span{}
			continue
		case p.has(j, wDet):
			if j-1 >= lo && p.has(j-1, wPrep) && !p.isCapitalised(j-1) {
				continue
			}
			det = j
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
			// "Nvidia's SEC filing": Nvidia owns the filing.
			for m := n.end - 1; m > n.start+1; m-- {
				if p.wordIs(m, "s") && p.isApos(m-1) && p.glued(m) {
					if !owner.ok() {
						owner = span{n.start, m - 1}
					}
					n.start = m + 1
					break
				}
			}
			if o := p.possessorBefore(n.start, s); o.ok() && !owner.ok() {
				owner = o
			}
			// A name that qualifies the head or a group noun: "A National
			// Law Review analysis", "DeepSeek researchers". "The" is the
			// article of the phrase then: "The Bloomberg Intelligence
			// forecast".
			for m := n.end; m <= v; m++ {
				if p.has(m, wDocNoun|wGroupNoun) && !p.isCapitalised(m) {
					q := n
					if p.str(q.start) == "The" && q.end > q.start+1 {
						q.start++
					}
					if p.has(m, wGroupNoun) && !group.ok() {
						group = q
					}
					if m <= head && !mod.ok() {
						mod = q
					}
					break
				}
				if !p.isWord(m) || p.isCapitalised(m) || p.has(m, wStop) {
					break
				}
			}
			j = n.start
		case p.has(j, wStop|wClaim|wBe) || p.isCapitalised(j) && j != s && !p.has(j, wDocNoun):
			break loop
		}
	}
	start := j + 1
	if det >= 0 {
		start = det
	}
	// The object of a preposition is no subject: "In testimony reported on".
	if start-1 >= s && p.has(start-1, wPrep) && !p.isCapitalised(start-1) {
		return subject{}
	}
	doc := p.has(head, wDocNoun)
	switch {
	case owner.ok() && (doc || p.has(head, wGroupNoun)):
		return p.named(owner, start, cs)
	case owner.ok() && owner.start == start && p.has(head, wInstitution):
		// "China's foreign ministry said": the ministry, named as written.
		return subject{kind: sjName, claim: p.spanText(span{owner.start, head + 1}), start: start}
	case mod.ok() && !(mod.end == mod.start+1 && p.has(mod.start, wPlatform)):
		return p.named(mod, start, cs)
	case group.ok():
		return p.named(group, start, cs)
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

func (p *parser) isAdverb(k int) bool {
	s := p.str(k)
	return len(s) > 4 && s[len(s)-2:] == "ly"
}

// npStart returns the first token of the subject phrase that ends at token
// j: "Microsoft vice chair and president Brad Smith", "the Trump
// administration's Commerce Department", "research firm SemiAnalysis".
func (p *parser) npStart(j, s int) int {
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
func (p *parser) clauseSubject(s, v int, cs *claimState) span {
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

// isPerson reports whether the name n is a person's: a full name, a name
// after a title ("Analyst Lennart Heim", "President Trump"), or the surname
// of a person named before.
func (p *parser) isPerson(n span, cs *claimState) bool {
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

// singleName reports a one-word name that may be a person's: "Son", "Wang".
func (p *parser) singleName(n span) bool {
	if n.end != n.start+1 || p.has(n.start, wOrg|wNameStop) || p.isAllCaps(n.start) {
		return false
	}
	t := p.tok(n.start)
	for i := t.start + 1; i < t.end; i++ {
		if c := p.text[i]; 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// isNameWord reports a word that can be part of a name.
func (p *parser) isNameWord(k int) bool {
	t := p.tok(k)
	if t.kind != tWord {
		return false
	}
	c := p.text[t.start]
	if c < 'A' || c > 'Z' {
		return c >= 0x80 && p.isCapitalisedRune(k)
	}
	if p.has(k, wMonth|wWeekday) {
		return false
	}
	return true
}

func (p *parser) isCapitalisedRune(k int) bool {
	t := p.tok(k)
	r, _ := utf8.DecodeRuneInString(p.text[t.start:t.end])
	return unicode.IsUpper(r)
}

// gluedNum reports a number glued to a name word on either side: the "42"
// of "G42", the "36" of "36Kr".
func (p *parser) gluedNum(k int) bool {
	return p.isNum(k) && (p.glued(k) && p.isNameWord(k-1) || p.glued(k+1) && p.isNameWord(k+1))
}

// nameBefore finds a name that ends at token v, scanning back no further
// than s: "Alexandr Wang", "Tom's Hardware", "Elon Musk and Alexandr Wang",
// "Times of India", "G42". Job titles before a person are cut off.
func (p *parser) nameBefore(v, s int) span {
	if v < s || !(p.isNameWord(v) || p.gluedNum(v)) || p.has(v, wNameStop) && !p.isAllCaps(v) {
		return span{}
	}
	start := v
	lo := max(s, v-16)
	for k := v - 1; k >= lo; k-- {
		switch {
		case p.isNameWord(k) && !p.has(k, wNameStop):
			start = k
			continue
		case p.gluedNum(k) && p.glued(k+1):
			start = k
			continue
		case p.isNameWord(k) && p.wordIs(k, "The") && p.str(k) == "The":
			start = k
		case p.isSym(k, '&') && p.isNameWord(k-1):
			continue
		case p.isHyphen(k) && p.glued(k) && p.glued(k+1) && p.isNameWord(k-1):
			continue
		case p.isSym(k, '.') && p.glued(k) && p.isWord(k-1) && len(p.str(k-1)) <= 2:
			continue
		case p.wordIs(k, "s") && p.isApos(k-1) && p.glued(k) && p.isNameWord(k-2):
			k--
			continue
		case p.wordIs(k, "of") && p.isNameWord(k-1) && p.isNameWord(k+1):
			continue
		case p.wordIs(k, "and") && p.isNameWord(k-1) && !p.has(k-1, wTitle|wNameStop) && !p.isSym(k-2, ','):
			// "Elon Musk and Alexandr Wang", "VentureBeat and TechCrunch":
			// a joint subject.
			continue
		}
		break
	}
	// Cut off job titles: "Scale AI CEO Alexandr Wang" names Alexandr Wang.
	for k := v; k >= start; k-- {
		if p.has(k, wTitle) && p.isCapitalised(k) {
			if k == v {
				return span{}
			}
			start = k + 1
			break
		}
	}
	// "SoftBank's Masayoshi Son" names Masayoshi Son and "South Korea's
	// Personal Information Protection Commission" the commission; "Tom's
	// Hardware" stays.
	for k := v - 1; k > start; k-- {
		if p.wordIs(k, "s") && p.isApos(k-1) && (p.personLike(span{k + 1, v + 1}) || v-k >= 2 && p.isNameWord(v) && p.isNameWord(k+1) && !p.spanHas(span{k + 1, v + 1}, "and")) {
			start = k + 1
			break
		}
	}
	for start <= v && !p.isNameWord(start) && !p.gluedNum(start) && !p.wordIs(start, "The") {
		start++
	}
	if p.wordIs(start, "and") || p.wordIs(start, "of") {
		start++
	}
	if start > v {
		return span{}
	}
	return span{start, v + 1}
}

// nameAfter finds a name starting at token k (before e), skipping an article
// and a few lower-case words such as "law firm": "according to the AP",
// "according to law firm Alston & Bird", "according to a summary by Center
// Consulting", "according to R&D World and TechGetHub".
func (p *parser) nameAfter(k, e int) span {
	skipped := 0
	for k < e && skipped < 3 && p.isWord(k) && !p.isNameWord(k) {
		// "a summary by Center Consulting", "data from LSEG"
		if p.has(k, wDocNoun) && (p.wordIs(k+1, "by") || p.wordIs(k+1, "from")) {
			k += 2
			break
		}
		if !(sourceNouns[p.str(k)] || p.has(k, wDet)) {
			break
		}
		k++
		skipped++
	}
	n := p.oneNameAfter(k, e)
	if !n.ok() {
		return n
	}
	// A joint source: "VentureBeat and TechCrunch", but not "AI Wiki and
	// OpenAI's release notes".
	if p.wordIs(n.end, "and") && p.isNameWord(n.end+1) && !p.has(n.end+1, wNameStop) {
		m := p.oneNameAfter(n.end+1, e)
		if m.ok() && m.start == n.end+1 && !p.isApos(m.end) && !p.has(m.end-1, wPlatform) {
			n.end = m.end
		}
	}
	return n
}

func (p *parser) oneNameAfter(k, e int) span {
	if k >= e || !p.isNameWord(k) {
		return span{}
	}
	end := k
	for end < e {
		switch {
		case p.isNameWord(end) && !(p.has(end, wNameStop) && end > k):
			end++
			continue
		case p.gluedNum(end) && end > k:
			end++
			continue
		case p.isSym(end, '&') && p.isNameWord(end+1):
			end++
			continue
		case p.isHyphen(end) && p.glued(end) && p.glued(end+1) && p.isNameWord(end+1):
			end++
			continue
		case p.wordIs(end, "of") && p.isNameWord(end+1) && !p.has(end+1, wNameStop):
			end++
			continue
		case p.isApos(end) && p.glued(end) && p.wordIs(end+1, "s") && p.glued(end+1) && p.isNameWord(end+2):
			// "Tom's Hardware"
			end += 2
			continue
		}
		break
	}
	// Cut off job titles: "Scale AI CEO Alexandr Wang".
	start := k
	for j := end - 1; j >= k; j-- {
		if p.has(j, wTitle) && p.isCapitalised(j) {
			start = j + 1
			break
		}
	}
	if p.has(start, wNameStop) && !p.isAllCaps(start) && !p.wordIs(start, "The") {
		return span{}
	}
	if start >= end {
		return span{}
	}
	return span{start, end}
}

// claimText renders a claimant as written, without an "of <Org>" after a
// person's name: "Elon Musk of TSLA and Alexandr Wang" is "Elon Musk and
// Alexandr Wang".
func (p *parser) claimText(n span) string {
	drop := false
	seg := n.start
	for k := n.start; k < n.end && !drop; k++ {
		switch {
		case p.wordIs(k, "and"):
			seg = k + 1
		case p.wordIs(k, "of") && k > seg && p.personLike(span{seg, k}):
			drop = true
		}
	}
	if !drop {
		return p.spanText(n)
	}
	var b strings.Builder
	seg = n.start
	for k := n.start; k <= n.end; k++ {
		if k < n.end && !p.wordIs(k, "and") {
			continue
		}
		end := k
		for o := seg + 1; o < k; o++ {
			if p.wordIs(o, "of") && p.personLike(span{seg, o}) {
				end = o
				break
			}
		}
		if end > seg {
			if b.Len() > 0 {
				b.WriteString(" and ")
			}
			b.WriteString(p.spanText(span{seg, end}))
		}
		seg = k + 1
	}
	return b.String()
}

// subject returns a name that opens the sentence [s, e): "Elon Musk, a close
// Trump ally, responded". It feeds pronoun resolution.
func (p *parser) subject(s, e int) span {
	k := s
	for k < e && p.tok(k).kind == tSym && isOpener(p.tok(k).r) {
		k++
	}
	end := k
	for end < e && p.isNameWord(end) && !p.has(end, wNameStop|wTitle) {
		end++
	}
	if end == k || end-k > 3 {
		return span{}
	}
	return span{k, end}
}

// personLike guesses whether a name is a person's: two or three capitalised
// words with lower-case letters ("Alexandr Wang"), none of them a word that
// marks an organisation.
func (p *parser) personLike(n span) bool {
	words := 0
	for k := n.start; k < n.end; k++ {
		t := p.tok(k)
		if t.kind == tSym {
			if t.r == '-' || t.r == '.' {
				continue
			}
			return false
		}
		if t.kind != tWord {
			return false
		}
		if p.wordIs(k, "and") {
			continue
		}
		if p.has(k, wOrg|wTitle|wNameStop|wPlatform) || p.isAllCaps(k) && t.end-t.start > 1 {
			return false
		}
		// CamelCase words are company names: "SoftBank", "OpenAI".
		for i := t.start + 1; i < t.end; i++ {
			if c := p.text[i]; 'A' <= c && c <= 'Z' {
				return false
			}
		}
		words++
	}
	return words >= 2
}
