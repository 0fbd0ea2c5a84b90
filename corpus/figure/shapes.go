package figure

// ingOrEd reports a lower-case word ending in -ing or -ed: a participle.
func (p *tokens) ingOrEd(m int) bool {
	s := p.str(m)
	if len(s) < 5 || p.isCapitalised(m) {
		return false
	}
	return s[len(s)-3:] == "ing" || s[len(s)-2:] == "ed"
}

// pluralAt reports whether word token m looks like a plural noun: "GPUs",
// "jobs", "people", "A100s".
func (p *tokens) pluralAt(m int) bool {
	t := p.tok(m)
	if t.kind != tWord {
		return false
	}
	if p.has(m, wPlural) {
		return true
	}
	s := p.text[t.start:t.end]
	n := len(s)
	if n < 2 || s[n-1] != 's' {
		return n >= 2 && s[n-1] == 'S' && p.isAllCaps(m) && n > 3
	}
	if n == 2 {
		return false
	}
	switch s[n-2] {
	case 's', 'u', 'i':
		// "class", "status", "analysis" are singular.
		return false
	}
	if s == "news" || s == "this" || s == "its" || s == "his" || s == "was" || s == "has" || s == "does" || s == "is" {
		return false
	}
	return true
}

func (p *tokens) isAdverb(k int) bool {
	s := p.str(k)
	return len(s) > 4 && s[len(s)-2:] == "ly"
}
