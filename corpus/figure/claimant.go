package figure

import (
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

// attachClaimants sets the claimant of each figure to the source its sentence
// names: "Wang said", "said Wang", "according to SemiAnalysis", "Reuters
// reported". A pronoun ("he said") resolves to the last person named in the
// paragraph.
func (p *parser) attachClaimants(raws []raw) {
	var lastPerson string
	ri := 0
	sentStart := 0
	for k := 0; k <= len(p.toks) && ri < len(raws); k++ {
		end := k == len(p.toks) || p.sentenceEnd(k) || (k+1 < len(p.toks) && p.toks[k+1].nl)
		if !end {
			continue
		}
		sentEnd := k + 1
		if sentEnd > len(p.toks) {
			sentEnd = len(p.toks)
		}
		name, pronoun := p.claimantIn(sentStart, sentEnd)
		claim := ""
		switch {
		case name.ok():
			claim = p.spanText(name)
			if p.personLike(name) {
				lastPerson = claim
			}
		case pronoun:
			claim = lastPerson
		default:
			if subj := p.subject(sentStart, sentEnd); subj.ok() && p.personLike(subj) {
				lastPerson = p.spanText(subj)
			}
		}
		for ri < len(raws) && raws[ri].start < sentEnd {
			raws[ri].claimant = claim
			ri++
		}
		sentStart = sentEnd
	}
}

func (p *parser) spanText(s span) string {
	return p.text[p.toks[s.start].start:p.toks[s.end-1].end]
}

// claimantIn finds the source named in the sentence [s, e): the first
// attribution wins, and "as reported by X" counts only when nothing else
// names a source. The first is usually the speaker ("Wang said …, CNBC
// reported"), who is the one making the claim.
func (p *parser) claimantIn(s, e int) (name span, pronoun bool) {
	var fallback span
	for k := s; k < e; k++ {
		n, pr, by := p.claimAt(k, s, e)
		if !n.ok() && !pr {
			continue
		}
		if by {
			if !fallback.ok() {
				fallback = n
			}
			continue
		}
		return n, pr
	}
	return fallback, false
}

// claimAt reads an attribution whose reporting verb (or "according") is at
// token k of the sentence [s, e). by is set for "reported by X".
func (p *parser) claimAt(k, s, e int) (name span, pronoun bool, by bool) {
	if p.tok(k).kind != tWord {
		return span{}, false, false
	}
	if p.wordIs(k, "according") && p.wordIs(k+1, "to") {
		return p.nameAfter(k+2, e), false, false
	}
	if !p.has(k, wClaim) || p.isCapitalised(k) {
		return span{}, false, false
	}
	// "as reported by TechCrunch", "as quoted by Breitbart".
	if p.wordIs(k+1, "by") {
		if n := p.nameAfter(k+2, e); n.ok() {
			return n, false, true
		}
	}
	// "Wang said", "Scale AI CEO Alexandr Wang estimated", "Musk also said".
	v := k - 1
	for v > s && (p.wordIs(v, "also") || p.wordIs(v, "later") || p.wordIs(v, "previously") || p.wordIs(v, "has") ||
		p.wordIs(v, "had") || p.wordIs(v, "have") || p.wordIs(v, "once") || p.wordIs(v, "recently") || p.wordIs(v, "then") ||
		p.wordIs(v, "publicly") || p.wordIs(v, "separately") || p.wordIs(v, "further") || p.wordIs(v, "repeatedly")) {
		v--
	}
	if v >= s && p.has(v, wPronoun) {
		return span{}, true, false
	}
	if n := p.nameBefore(v, s); n.ok() {
		return n, false, false
	}
	// An apposition: "Satya Nadella, whose company is a partner, said".
	if p.isSym(v, ',') {
		for c := v - 1; c > s && c > v-40; c-- {
			if p.isSym(c, ',') {
				if n := p.nameBefore(c-1, s); n.ok() && !p.has(n.start-1, wStop) {
					return n, false, false
				}
				break
			}
		}
	}
	// "said Wang", ", says Scale AI CEO Alexandr Wang".
	if v < s || p.isSym(v, ',') || p.tok(v).kind == tSym && isQuote(p.tok(v).r) {
		if n := p.nameAfter(k+1, e); n.ok() {
			return n, false, false
		}
	}
	return span{}, false, false
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

// nameBefore finds a name that ends at token v, scanning back no further
// than s: "Alexandr Wang", "Tom's Hardware", "Elon Musk and Alexandr Wang",
// "Times of India". Job titles before a person are cut off.
func (p *parser) nameBefore(v, s int) span {
	if v < s || !p.isNameWord(v) || p.has(v, wNameStop) && !p.isAllCaps(v) {
		// "Cantor analysts wrote": a capitalised group with a noun.
		if v > s && p.has(v, wTitle) && !p.isCapitalised(v) && p.isNameWord(v-1) && !p.has(v-1, wNameStop) {
			n := p.nameBefore(v-1, s)
			if n.ok() {
				return span{n.start, v + 1}
			}
		}
		return span{}
	}
	start := v
	for k := v - 1; k >= s; k-- {
		switch {
		case p.isNameWord(k) && !p.has(k, wNameStop):
			start = k
			continue
		case p.wordIs(k, "The") && p.str(k) == "The":
			start = k
		case p.isSym(k, '&') && p.isNameWord(k-1):
			continue
		case p.isHyphen(k) && p.glued(k) && p.glued(k+1) && p.isNameWord(k-1):
			continue
		case p.isSym(k, '.') && p.glued(k) && p.isWord(k-1) && len(p.str(k-1)) <= 2:
			continue
		case p.wordIs(k, "s") && (p.isSym(k-1, '\'') || p.isSym(k-1, '’')) && p.glued(k) && p.isNameWord(k-2):
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
	// "SoftBank's Masayoshi Son" names Masayoshi Son; "Tom's Hardware" stays.
	for k := v - 1; k > start; k-- {
		if p.wordIs(k, "s") && (p.isSym(k-1, '\'') || p.isSym(k-1, '’')) && p.personLike(span{k + 1, v + 1}) {
			start = k + 1
			break
		}
	}
	for start <= v && !p.isNameWord(start) && !p.wordIs(start, "The") {
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
// "according to law firm Alston & Bird".
func (p *parser) nameAfter(k, e int) span {
	skipped := 0
	for k < e && skipped < 3 && p.isWord(k) && !p.isNameWord(k) && sourceNouns[p.str(k)] {
		k++
		skipped++
	}
	if k >= e || !p.isNameWord(k) {
		return span{}
	}
	end := k
	for end < e {
		switch {
		case p.isNameWord(end) && !(p.has(end, wNameStop) && end > k):
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
		case (p.isSym(end, '\'') || p.isSym(end, '’')) && p.glued(end) && p.wordIs(end+1, "s") && p.glued(end+1) && p.isNameWord(end+2):
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
		if p.has(k, wOrg|wTitle|wNameStop) || p.isAllCaps(k) && t.end-t.start > 1 {
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
