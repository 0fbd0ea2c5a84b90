package figure

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// isNameWord reports a word that can be part of a name.
func (p *tokens) isNameWord(k int) bool {
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

func (p *tokens) isCapitalisedRune(k int) bool {
	t := p.tok(k)
	r, _ := utf8.DecodeRuneInString(p.text[t.start:t.end])
	return unicode.IsUpper(r)
}

// gluedNum reports a number glued to a name word on either side: the "42"
// of "G42", the "36" of "36Kr".
func (p *tokens) gluedNum(k int) bool {
	return p.isNum(k) && (p.glued(k) && p.isNameWord(k-1) || p.glued(k+1) && p.isNameWord(k+1))
}

// nameBefore finds a name that ends at token v, scanning back no further
// than s: "Alexandr Wang", "Tom's Hardware", "Elon Musk and Alexandr Wang",
// "Times of India", "G42". Job titles before a person are cut off.
func (p *tokens) nameBefore(v, s int) span {
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
func (p *tokens) nameAfter(k, e int) span {
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

func (p *tokens) oneNameAfter(k, e int) span {
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
func (p *tokens) claimText(n span) string {
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

// personLike guesses whether a name is a person's: two or three capitalised
// words with lower-case letters ("Alexandr Wang"), none of them a word that
// marks an organisation.
func (p *tokens) personLike(n span) bool {
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

// singleName reports a one-word name that may be a person's: "Son", "Wang".
func (p *tokens) singleName(n span) bool {
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

func (p *tokens) isPronounName(n span) bool {
	return n.end == n.start+1 && (p.has(n.start, wStop|wNameStop) || p.wordIs(n.start, "I"))
}

// possessorBefore finds "Wang's" right before token k.
func (p *tokens) possessorBefore(k, s int) span {
	if !p.wordIs(k-1, "s") || !p.isApos(k-2) || !p.glued(k-1) || !p.glued(k-2) {
		return span{}
	}
	return p.nameBefore(k-3, s)
}

// openingName returns a name that opens the sentence [s, e): "Elon Musk, a close
// Trump ally, responded". It feeds pronoun resolution.
func (p *tokens) openingName(s, e int) span {
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
