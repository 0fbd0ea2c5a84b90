package figure

// maxNounWords bounds a counted-noun phrase.
const maxNounWords = 6

// nounPhrase finds the noun phrase that starts at token k and names what a
// count counts: "NVIDIA Hopper GPUs", "A100s", "American jobs", "Ascend 910C
// chips". It runs to the first verb, preposition, punctuation or
// conjunction, and ends early at a plural head noun. Without a part-of-speech
// tagger, verbs are known from the stop list and from -ed/-ing endings.
func (p *measures) nounPhrase(k int) (start, end int, ok bool) {
	start, end = k, k
	m := k
	words := 0
	for words < maxNounWords {
		t := p.tok(m)
		if t.url || t.nl {
			break
		}
		switch t.kind {
		case tWord:
			if m > k && !t.sp && !p.isHyphen(m-1) && p.tok(m-1).kind != tNum || p.stopsNoun(m, words) {
				if words > 0 && m > k && p.coordinates(m) {
					// "550,000 Nvidia GB200 and GB300 chips": the count
					// is of the chips both names qualify.
					if _, e, ok := p.nounPhrase(m + 1); ok && p.pluralAt(e-1) {
						return start, e, true
					}
				}
				return start, end, end > start
			}
			n, model := p.nounWordEnd(m)
			if p.ingOrEd(m) && !model {
				if words == 0 {
					// "2025 adding sites": a verb follows the number.
					return start, end, false
				}
				// "distilled models" keeps the participle, "GPUs running
				// for" stops before it.
				if !p.isWord(n) || p.stopsNoun(n, 1) || !p.tok(n).sp {
					return start, end, end > start
				}
			}
			words++
			end = n
			if p.pluralAt(n-1) || (model && p.str(n-1) == "s") {
				return start, end, true
			}
			m = n
		case tNum:
			// A number inside a name: "RTX 4090 GPUs", "Ascend 910C chips".
			if words == 0 || !p.isWord(m-1) || !(p.isAllCaps(m-1) || p.isCapitalised(m-1)) {
				return start, end, end > start
			}
			n := p.skipGlued(m + 1)
			if !p.isWord(n) && n == m+1 {
				return start, end, end > start
			}
			words++
			end = n
			m = n
		default:
			return start, end, end > start
		}
	}
	return start, end, end > start
}

// coordinates reports whether token m joins two names: "and", "or".
func (p *measures) coordinates(m int) bool {
	switch p.str(m) {
	case "and", "or":
		return true
	}
	return false
}

// nounWordEnd returns the end of the word at token m with what is glued to
// it: the rest of a model name ("A100s", "H800", "GB200"), which sets model,
// and hyphenated compounds ("Hopper-generation", "large-model").
func (p *measures) nounWordEnd(m int) (n int, model bool) {
	n = p.skipGlued(m + 1)
	model = n > m+1
	for p.isHyphen(n) && p.glued(n) && p.isWord(n+1) && p.glued(n+1) {
		n = p.skipGlued(n + 2)
	}
	return n, model
}

// stopsNoun reports whether word token m cannot be part of a counted noun.
func (p *measures) stopsNoun(m, words int) bool {
	// Model names glued to digits are nouns: "A100s", "H800".
	if p.isNum(m+1) && p.glued(m+1) && !p.has(m, wCurrencyWord) {
		return false
	}
	e := p.info(m)
	// "30 states", "two reports": a plural claim verb right after a number
	// is a noun.
	if e.flags&wClaim != 0 && e.flags&(wStop|wNotNoun) == 0 && words == 0 && p.pluralAt(m) {
		return false
	}
	if e.flags&(wStop|wClaim|wNotNoun|wVague) != 0 {
		// "US" and "AI" are names, "us" is a pronoun.
		if p.isAllCaps(m) && e.flags&wNotNoun == 0 {
			return false
		}
		return true
	}
	if e.flags&(wCard|wScale|wHundred|wOrd) != 0 && e.flags&wOrdPl == 0 {
		return true
	}
	if e.flags&(wMonth|wWeekday) != 0 && (p.isNum(m+1) || p.isCapitalised(m)) {
		return true
	}
	if e.flags&wCurrencyWord != 0 && words == 0 {
		if _, _, _, ok := p.currencyWord(m); ok {
			return true
		}
	}
	s := p.str(m)
	// Adverbs: "immediately", "roughly".
	if len(s) > 4 && s[len(s)-2:] == "ly" && !p.isCapitalised(m) {
		switch s {
		case "supply", "family", "assembly", "anomaly", "monopoly", "rally", "ally", "reply",
			"weekly", "monthly", "daily", "yearly", "quarterly", "hourly", "nightly":
			return false
		}
		return true
	}
	return false
}
