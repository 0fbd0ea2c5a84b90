package index

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index/lexicon"
	"github.com/racebot/racebot/index/rank"
)

// nearTokens is how far, in terms, a word may be from a figure and still be
// taken as speaking of it: about a clause.
const nearTokens = 10

// token is an analysed term of a passage with its place in the text.
type token struct {
	term       string
	start, end int // byte offsets
	pos        int
}

// match says how a passage holds one of the question's concepts, from
// worst to best.
type match int

const (
	noMatch      match = iota
	matchApart         // the terms of a name, not together
	matchRelated       // a related word
	matchSynonym       // a synonym
	matchExact         // the concept's own terms
)

// credit is what a match counts toward coverage.
func (m match) credit(w rank.Words) float64 {
	switch m {
	case matchExact:
		return 1
	case matchSynonym:
		return w.Synonym
	case matchRelated:
		return w.Related
	case matchApart:
		return w.Apart
	}
	return 0
}

// measure computes a candidate passage's Features against the question,
// its coverage, its highlights, and how well each of its figures answers.
// dated marks the concepts that give a day (dateParts). Support, which
// depends on the other candidates, and the score are set by the caller.
func (x *Index) measure(h *Hit, a *analysed, cs []Concept, dated []bool, q Query, p *rank.Policy) {
	toks, inText := a.toks, a.terms
	has := func(set map[string]bool, seq []string) bool {
		for _, t := range seq {
			if !set[t] {
				return false
			}
		}
		return true
	}
	inPassage := func(seq []string) bool { return has(inText, seq) && (len(seq) == 1 || together(toks, seq)) }

	// How the passage holds each concept.
	matches := make([]match, len(cs))
	concept := make(map[string]int) // matched term → concept, for highlighting and distances
	mark := func(seq []string, c int) {
		for _, t := range seq {
			if _, ok := concept[t]; !ok {
				concept[t] = c
			}
		}
	}
	for i, c := range cs {
		switch {
		case inPassage(c.Terms):
			matches[i] = matchExact
			mark(c.Terms, i)
		case slices.ContainsFunc(c.Spellings, inPassage):
			matches[i] = matchExact
			mark(c.Spellings[slices.IndexFunc(c.Spellings, inPassage)], i)
		case slices.ContainsFunc(c.Alts, inPassage):
			matches[i] = matchSynonym
			mark(c.Alts[slices.IndexFunc(c.Alts, inPassage)], i)
		case slices.ContainsFunc(c.Related, inPassage):
			matches[i] = matchRelated
			mark(c.Related[slices.IndexFunc(c.Related, inPassage)], i)
		case has(inText, c.Terms):
			matches[i] = matchApart
		}
	}
	var f rank.Features
	var head bool
	today := writtenDay(toks, concept, dated)
	f.Entity, head = entity(a, concept, cs, q, today)
	if head {
		// The passage names what a "what city" question asks for
		// ("Hangzhou"): the question's "city" is there in other words.
		for i, c := range cs {
			if matches[i] < matchRelated && len(c.Terms) == 1 && c.Terms[0] == x.termOf(q.Head) {
				matches[i] = matchRelated
			}
		}
	}

	var total, covered, textCovered float64
	h.credits = make([]float64, len(cs))
	h.listed = make([]bool, len(cs))
	credit := make([]float64, len(cs)) // each concept's credit in the text
	for i, c := range cs {
		w := c.Weight
		total += w
		credit[i] = matches[i].credit(p.Words)
		inContext := has(a.context, c.Terms) || slices.ContainsFunc(c.Alts, func(alt []string) bool { return has(a.context, alt) })
		inScope := has(a.scope, c.Terms) || slices.ContainsFunc(c.Alts, func(alt []string) bool { return has(a.scope, alt) })
		h.listed[i] = matches[i] == noMatch && inContext && !inScope
		switch matches[i] {
		case matchExact:
			f.Exact += w
		case matchSynonym:
			f.Synonym += w
		case matchRelated:
			f.Related += w
		case matchApart:
			f.Apart += w
		default:
			if inContext {
				f.Context += w
			}
		}
		h.credits[i] = credit[i]
		if inContext {
			f.Title += w
			h.OnTopic = true
			h.credits[i] = max(credit[i], p.Words.Context)
		}
		textCovered += w * credit[i]
		covered += w * h.credits[i]
	}
	if total > 0 {
		f.Exact /= total
		f.Synonym /= total
		f.Related /= total
		f.Apart /= total
		f.Context /= total
		f.Title /= total
		h.Coverage, h.TextCoverage = covered/total, textCovered/total
	}
	for _, t := range toks {
		if _, ok := concept[t.term]; ok {
			h.Matches = append(h.Matches, [2]int{t.start, t.end})
		}
	}
	if total > 0 {
		f.Part = part(a, concept, cs, matches) / total
	}
	f.Sentence, f.Opening = sentences(a.sentenceEnds, toks, concept, cs, credit, total)
	f.Phrase = phrases(toks, concept, cs)
	f.Answer = x.figureScores(h, toks, concept, cs, today, q.Want, p)
	if h.Passage.Paragraph == 1 {
		f.Lede = 1
	}
	if q.Define && definesConcept(h.Passage.Text, toks, cs) {
		f.Defines = 1
	}
	h.Features = f
}

// part returns the weight of the question's names that the passage holds
// as the first words of a longer name the question does not say, in
// proportion to their mentions: "Stargate Norway" and "Stargate UAE" for a
// question about Stargate. Such a passage is about a part of what was
// asked, and its figures are the part's.
func part(a *analysed, concept map[string]int, cs []Concept, matches []match) float64 {
	qualified := make([]int, len(cs)) // mentions followed by a name the question does not say
	for _, r := range a.runs {
		for k := r.first; k < r.end-1; k++ {
			c, ok := concept[a.toks[k].term]
			if !ok || matches[c] != matchExact {
				continue
			}
			if _, asked := concept[a.toks[k+1].term]; !asked {
				qualified[c]++
			}
		}
	}
	mentions := make([]int, len(cs))
	for _, t := range a.toks {
		if c, ok := concept[t.term]; ok {
			mentions[c]++
		}
	}
	w := 0.0
	for c, q := range qualified {
		if q > 0 && !cs[c].Light {
			w += cs[c].Weight * float64(q) / float64(mentions[c])
		}
	}
	return w
}

// entity rates the passage's names as the answer to a question that asks
// for one, and reports whether one of them is what a "what X" question
// names as X. A name is a better answer when it is of the kind asked for
// (best of all an instance of X: "Hangzhou" for "what city"), and when it
// stands close to the question's words; a name the question itself holds
// answers nothing.
func entity(a *analysed, concept map[string]int, cs []Concept, q Query, today day) (best float64, head bool) {
	if q.Class == 0 && q.Head == "" {
		return 0, false
	}
	for _, nm := range a.properNames() {
		asked := false
		for _, t := range a.toks[nm.first : nm.first+nm.words] {
			if _, ok := concept[t.term]; ok {
				asked = true
			}
		}
		if asked {
			continue
		}
		kind := 0.0
		switch {
		case q.Head != "" && lexicon.IsA(nm.lower, q.Head):
			kind, head = 1, true
		case nm.class.Has(q.Class):
			kind = 0.8
		case nm.class == 0 && q.Class != 0:
			kind = 0.3 // a name WordNet does not know may be of any kind
		default:
			continue
		}
		best = max(best, kind*(0.5+0.5*nearness(a.toks, concept, cs, today, nm.pos, -1, [2]int{})))
	}
	return best, head
}

// figureScores rates each of the passage's figures as an answer (Hit.
// FigureScores) and returns the best rating: 0 for a kind not wanted;
// otherwise how near it sits to the question's words, less when it counts
// something else than the question names.
func (x *Index) figureScores(h *Hit, toks []token, concept map[string]int, cs []Concept, today day, want []figure.Kind, p *rank.Policy) float64 {
	h.FigureConcepts = make([]int, len(h.Passage.Figures))
	h.FigureScores = make([]float64, len(h.Passage.Figures))
	best := 0.0
	for i, f := range h.Passage.Figures {
		var exact bool
		h.FigureConcepts[i], exact = countsConcept(x.an, f.Counts, cs)
		if !slices.Contains(want, f.Kind) {
			continue
		}
		a := 1.0
		switch {
		case exact:
		case h.FigureConcepts[i] >= 0:
			a = p.Words.Synonym
		case f.Kind == figure.Count || f.Kind == figure.Quantity:
			a = p.Figures.OtherCount
		case f.Kind == figure.Date && len(f.Date) == 4:
			a = p.Figures.BareYear
		}
		h.FigureScores[i] = a * (0.5 + 0.5*aboutness(h.Passage.Text, toks, concept, cs, today, f, h.FigureConcepts[i]))
		best = max(best, h.FigureScores[i])
	}
	return best
}

// sentences returns the largest share of the question's weight, at each
// concept's credit, that one sentence of a passage holds, and the share its
// first sentence holds. ends are where the passage's sentences end
// (sentenceEnds), toks its terms in order.
func sentences(ends []int, toks []token, concept map[string]int, cs []Concept, credit []float64, total float64) (best, first float64) {
	if total == 0 {
		return 0, 0
	}
	seen := make([]bool, len(cs))
	sum, k := 0.0, 0
	for _, t := range toks {
		if k < len(ends) && t.start >= ends[k] {
			if k == 0 {
				first = sum
			}
			best, sum = max(best, sum), 0
			clear(seen)
			for k < len(ends) && t.start >= ends[k] {
				k++
			}
		}
		if c, ok := concept[t.term]; ok && !seen[c] {
			seen[c] = true
			sum += cs[c].Weight * credit[c]
		}
	}
	if k == 0 {
		first = sum
	}
	return min(1, max(best, sum)/total), min(1, first/total)
}

// definesConcept reports whether a passage defines what a "what is X"
// question asks about, the way news introduces a name: "MGX, the Abu Dhabi
// AI investment fund", "MGX is an investment firm", "MGX (an investment
// firm)". X is the question's rarest concept.
func definesConcept(text string, toks []token, cs []Concept) bool {
	c := -1
	for i := range cs {
		if !cs[i].Light && (c < 0 || cs[i].Weight > cs[c].Weight) {
			c = i
		}
	}
	if c < 0 {
		return false
	}
	last := cs[c].Terms[len(cs[c].Terms)-1]
	for i, t := range toks {
		if t.term != last || !together(toks[max(0, i-len(cs[c].Terms)+1):i+1], cs[c].Terms) {
			continue
		}
		rest := strings.ToLower(text[t.end:min(len(text), t.end+12)])
		for _, p := range definitionOpenings {
			if strings.HasPrefix(rest, p) {
				return true
			}
		}
	}
	return false
}

// definitionOpenings are how news goes on after a name it introduces.
var definitionOpenings = []string{", a ", ", an ", ", the ", " is a ", " is an ", " is the ", " (a ", " (an ", " (the "}

// phrases is the share of the question's neighbouring concept pairs
// ("chairman of Stargate", "export controls") that stand together in the
// passage, in either order ("when was Stargate announced" and "to
// announce Stargate"): a passage that says "chairman of Stargate" answers
// better than one that names a chairman and Stargate apart.
func phrases(toks []token, concept map[string]int, cs []Concept) float64 {
	if len(cs) < 2 {
		return 0
	}
	next := make(map[int]bool) // concept i is followed closely by concept i+1
	for i, t := range toks {
		a, ok := concept[t.term]
		if !ok {
			continue
		}
		for _, u := range toks[i+1 : min(i+3, len(toks))] {
			b, ok := concept[u.term]
			if !ok || u.pos-t.pos > 3 {
				continue
			}
			switch b {
			case a + 1:
				next[a] = true
			case a - 1:
				next[b] = true
			}
		}
	}
	var total, got float64
	for i := 0; i+1 < len(cs); i++ {
		w := min(cs[i].Weight, cs[i+1].Weight)
		total += w
		if next[i] {
			got += w
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// together reports whether the terms of seq follow each other in the
// passage, allowing one stop word between them ("chairman of Stargate").
func together(toks []token, seq []string) bool {
	for i, t := range toks {
		if t.term != seq[0] {
			continue
		}
		j, pos := 1, t.pos
		for k := i + 1; k < len(toks) && j < len(seq) && toks[k].pos-pos <= 2; k++ {
			if toks[k].term == seq[j] {
				j, pos = j+1, toks[k].pos
			}
		}
		if j == len(seq) {
			return true
		}
	}
	return false
}

// bm25 scores a passage for the question's concepts with Okapi BM25
// (k1 1.2, b 0.75, as Bleve), counting a phrase by its least frequent
// term, another spelling of a concept as the concept, and a synonym's or
// a related word's occurrences at its credit: the passage that says
// "headquartered in Hangzhou" for "based" is not scored as if it lacked
// the word.
func bm25(toks []token, cs []Concept, avgLen float64, w rank.Words) float64 {
	const k1, b = 1.2, 0.75
	if len(toks) == 0 || avgLen == 0 {
		return 0
	}
	freq := make(map[string]int, len(toks))
	for _, t := range toks {
		freq[t.term]++
	}
	count := func(seq []string) int {
		n := math.MaxInt
		for _, t := range seq {
			n = min(n, freq[t])
		}
		return n
	}
	norm := k1 * (1 - b + b*float64(len(toks))/avgLen)
	score := 0.0
	for _, c := range cs {
		tf := float64(count(c.Terms))
		for _, sp := range c.Spellings {
			tf = max(tf, float64(count(sp)))
		}
		for _, alt := range c.Alts {
			tf = max(tf, w.Synonym*float64(count(alt)))
		}
		for _, rel := range c.Related {
			tf = max(tf, w.Related*float64(count(rel)))
		}
		if tf > 0 {
			score += c.Weight * tf * (k1 + 1) / (tf + norm)
		}
	}
	return score
}

// support sets each hit's Support feature: the coverage of the best other
// candidate from its article. An article about the question's subject has
// several passages that match it; a passage that mentions the subject
// once, in an article about something else, has none. This is what tells
// the answer apart from thousands of articles that name the same
// companies and chips.
func support(hits []Hit) {
	best := make(map[string][2]float64) // article → two best coverages
	for _, h := range hits {
		b := best[h.Passage.Article]
		switch {
		case h.Coverage > b[0]:
			b[0], b[1] = h.Coverage, b[0]
		case h.Coverage > b[1]:
			b[1] = h.Coverage
		}
		best[h.Passage.Article] = b
	}
	for i := range hits {
		h := &hits[i]
		b := best[h.Passage.Article]
		other := b[0]
		if h.Coverage == b[0] {
			other = b[1]
		}
		h.Features.Support = other
	}
}

// aboutness measures how close a figure sits to the other things the
// question names: "DeepSeek has about 50,000 GPUs" is about DeepSeek;
// "Meta used 16,384 H100 GPUs … the compute DeepSeek reported" much less
// so.
func aboutness(text string, toks []token, concept map[string]int, cs []Concept, today day, f figure.Figure, counted int) float64 {
	// The figure's place in the term sequence: its first term, or the
	// first term after it.
	pos := 0
	for _, t := range toks {
		pos = t.pos
		if t.end > f.Start {
			break
		}
	}
	// "On January 21, 2025, Trump appeared … to unveil Stargate": a date
	// that opens its sentence dates all of it, however far its words are.
	var dates [2]int
	if f.Kind == figure.Date {
		if end, ok := openingDate(text, f); ok {
			dates = [2]int{f.Start, end}
		}
	}
	return nearness(toks, concept, cs, today, pos, counted, dates)
}

// openingDate reports whether date f opens its sentence, after at most a
// preposition ("On January 21, 2025, …", "In 1066, …"), and returns where
// the sentence ends.
func openingDate(text string, f figure.Figure) (end int, ok bool) {
	if f.Start > len(text) || f.End > len(text) {
		return 0, false
	}
	before := strings.TrimRight(text[:f.Start], " ")
	for _, prep := range []string{"on", "in", "by", "since", "as of", "from", "at"} {
		if n := len(before) - len(prep); n >= 0 && strings.EqualFold(before[n:], prep) && (n == 0 || before[n-1] == ' ' || before[n-1] == '\n') {
			before = before[:n]
			break
		}
	}
	if !sentenceStart(strings.TrimRight(before, "-*• "), len(strings.TrimRight(before, "-*• "))) {
		return 0, false
	}
	return sentenceEnd(text, f.End), true
}

// nearness measures how close the term position pos is to the things the
// question names, but concept skip, weighted: 1 when each is within a few
// words of it, falling to 0 at a sentence's length away. Mentions within
// the byte span near count as next to it, and so does the day the
// question gives (today), written out anywhere earlier in the passage:
// news gives a day once and reports its events in the sentences that
// follow ("The dollar size of Nvidia's January 27, 2025 loss varies …
// Reuters said Nvidia erased about $593 billion").
func nearness(toks []token, concept map[string]int, cs []Concept, today day, pos, skip int, near [2]int) float64 {
	dayBefore := today.end >= 0 && today.end < pos
	// dist is each concept's distance to its closest mention, -1 for
	// none: a slice, not a map, so that the weights below add up in the
	// same order every time and a fit on these features comes out the
	// same twice.
	dist := make([]int, len(cs))
	for c := range dist {
		dist[c] = -1
	}
	for _, t := range toks {
		c, ok := concept[t.term]
		if !ok || c == skip {
			continue
		}
		d := t.pos - pos
		if d < 0 {
			d = -d
		}
		if t.start >= near[0] && t.end <= near[1] || dayBefore && today.parts[c] && t.pos < pos {
			d = 0 // in the span of text the figure is about as a whole
		}
		if dist[c] < 0 || d < dist[c] {
			dist[c] = d
		}
	}
	var all, close float64
	for c, d := range dist {
		if d < 0 {
			continue
		}
		all += cs[c].Weight
		close += cs[c].Weight * max(0, 1-float64(max(0, d-nearTokens/3))/float64(2*nearTokens))
	}
	if all == 0 {
		return 1
	}
	return close / all
}

// day is the day a question gives ("jan 27") as one passage writes it.
type day struct {
	parts []bool // the question's concepts that give it (dateParts)
	end   int    // term position where the passage first has it whole, or -1
}

// writtenDay finds where the passage first writes the question's day
// whole, its parts within two terms of each other: "January 27" for "jan
// 27", not a "Jan 6" and a "27 countries" apart. Measured once a passage,
// since every figure and name in it asks.
func writtenDay(toks []token, concept map[string]int, parts []bool) day {
	d := day{parts: parts, end: -1}
	var all uint64 // a bit for each part; a question has at most maxConcepts
	for c, p := range parts {
		if p {
			all |= 1 << c
		}
	}
	if all == 0 {
		return d
	}
	for i, t := range toks {
		if d.end >= 0 && t.pos >= d.end {
			break // a writing that starts here ends no sooner
		}
		c, ok := concept[t.term]
		if !ok || !parts[c] {
			continue
		}
		seen := uint64(1) << c
		for _, u := range toks[i:] {
			if u.pos-t.pos > 2 {
				break
			}
			if e, ok := concept[u.term]; ok && parts[e] {
				seen |= 1 << e
			}
			if seen == all {
				if d.end < 0 || u.pos < d.end {
					d.end = u.pos
				}
				break
			}
		}
	}
	return d
}

// countsConcept returns the question concept that the thing a figure counts
// names, or -1, and whether it names it as the question does rather than
// through a synonym. Only the head noun counts: "2.788M H800 GPU hours"
// counts hours, not GPUs.
func countsConcept(an analysis.Analyzer, counts string, cs []Concept) (int, bool) {
	terms := analyse(an, counts)
	if len(terms) == 0 {
		return -1, false
	}
	terms = terms[len(terms)-1:]
	found := -1
	for i, c := range cs {
		for _, t := range terms {
			if len(c.Terms) == 1 && c.Terms[0] == t {
				return i, true
			}
			if found < 0 && slices.ContainsFunc(c.Alts, func(alt []string) bool { return len(alt) == 1 && alt[0] == t }) {
				found = i
			}
		}
	}
	return found, false
}

// monthTerms are the index terms of the months' names (full), and of
// their abbreviations (short), which name a month only beside a number
// ("jan 27", not "jan leike").
var monthTerms = sync.OnceValue(func() (m struct{ full, short map[string]bool }) {
	stems := func(words string) map[string]bool {
		set := make(map[string]bool)
		for _, w := range strings.Fields(words) {
			set[sharedStemmer.stem(w)] = true
		}
		return set
	}
	m.full = stems("january february march april may june july august september october november december")
	m.short = stems("jan feb mar apr jun jul aug sep sept oct nov dec")
	return m
})

// dateParts marks the question's concepts that give a day: a month named
// in full, or abbreviated beside a number, and a day of the month (1 to
// 31) right before or after a month ("jan 27", "27 january"). Not a year
// alone: "2024" names a benchmark ("AIME 2024") or a fiscal year as often
// as a day's events.
func dateParts(cs []Concept) []bool {
	dated := make([]bool, len(cs))
	single := func(i int) string {
		if i < 0 || i >= len(cs) || len(cs[i].Terms) != 1 {
			return ""
		}
		return cs[i].Terms[0]
	}
	number := func(i int) bool {
		_, err := strconv.Atoi(single(i))
		return err == nil
	}
	months := monthTerms()
	month := func(i int) bool {
		t := single(i)
		return months.full[t] || months.short[t] && (number(i-1) || number(i+1))
	}
	for i := range cs {
		switch {
		case month(i):
			dated[i] = true
		case number(i) && len(single(i)) <= 2 && (month(i-1) || month(i+1)):
			if n, _ := strconv.Atoi(single(i)); n >= 1 && n <= 31 {
				dated[i] = true
			}
		}
	}
	return dated
}
