package bot

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index"
	"github.com/racebot/racebot/index/lexicon"
	"github.com/racebot/racebot/index/rank"
)

// candidate is a figure that may answer the question.
type candidate struct {
	fig     figure.Figure
	hit     int // rank of the passage it is in
	h       *index.Hit
	concept int // question concept it counts, or -1
	score   float64
	// near is whether the figure stands next to the question's other
	// words (Hit.FigureScores at least the policy's Near): it is about
	// what was asked, not only of the kind asked for.
	near bool
	// named is whether its passage holds, in its text or its article's
	// title, everything the question names but what the figure counts:
	// for "how many parameters does gpt-5 have", a count of parameters in
	// a passage about DeepSeek-V3 is of something else.
	named bool
	// other is whether the figure describes a name the question does not
	// hold (describesOther), part of what named rules out.
	other bool
	// prec is the figure's precision, set by disagreementsOf for its
	// comparisons.
	prec float64
}

type figurePick struct {
	top           []Figure
	disagreements []Disagreement
	highlight     map[string][]figure.Figure // passage ID → figures shown from it
}

// pickFigures chooses the figures that answer a question: of a wanted kind,
// from passages that are on topic, preferring those that count what the
// question names and sit next to its words. Figures for the same thing that
// differ are grouped as disagreements. When racebot is not confident that
// the passages answer, only figures that count what the question names or
// stand next to its words are shown.
func pickFigures(q Question, res *index.Result, shown []index.Hit, confident bool, policy *rank.Policy) figurePick {
	pick := figurePick{highlight: make(map[string][]figure.Figure)}
	if len(res.Hits) == 0 {
		return pick
	}
	fp := policy.Figures
	cands := figureCandidates(q, res, confident, fp)
	var groups [][]int
	var groupOf map[int]int
	pick.disagreements, groups, groupOf = disagreementsOf(cands, fp.Gap, confident)
	pick.list(cands, groups, groupOf, q.Parts, res.Concepts)
	pick.highlightShown(cands, shown)
	return pick
}

// figureCandidates are the figures of the passages that cover the
// question nearly as well as the best, that may answer it (of a kind it
// asks for, about what it names or standing next to its words; only the
// latter two when the passages are not vouched for), scored, corroborated,
// best first and without repeats.
func figureCandidates(q Question, res *index.Result, confident bool, fp rank.Figures) []candidate {
	var cands []candidate
	best := res.Hits[0].Coverage
	// Candidates are scored on their passage's score relative to the
	// best passage's, so that the policy's bonuses mean the same whatever
	// the scale of the ranking weights.
	top := res.Hits[0].Score
	relative := func(h *index.Hit) float64 {
		if top <= 0 {
			return 0
		}
		return h.Score / top
	}
	names := make([]bool, len(res.Concepts)) // the question's concepts written as names
	subjects := make([]bool, len(res.Concepts))
	for i, c := range res.Concepts {
		names[i] = !c.Light && isName(c)
		subjects[i] = subjectName(c)
	}
	// Shown with passages racebot is not sure of, DeepSeek's GPUs would
	// read as the answer to "how many gpus does xai have": a figure may
	// help only from a passage about what the question names, or, for a
	// question in parts, which names more than any one passage does,
	// about what one of its parts names (partFit).
	var fits []func(candidate) int
	if !confident && len(q.Parts) > 1 {
		fits = partFits(q.Parts, res.Concepts)
	}
	mayHelp := func(c candidate) bool {
		return namesAll(c.h, subjects, c.concept) && !c.other ||
			slices.ContainsFunc(fits, func(fit func(candidate) int) bool { return fit(c) > 0 })
	}
	for i := range res.Hits {
		h := &res.Hits[i]
		if h.Coverage < 0.75*best {
			continue
		}
		for j, f := range h.Passage.Figures {
			concept := -1
			if j < len(h.FigureConcepts) {
				concept = h.FigureConcepts[j]
			}
			near := j < len(h.FigureScores) && h.FigureScores[j] >= fp.Near
			switch {
			case len(q.Want) == 0 && concept < 0:
				continue // no figure was asked for, and this one is not about the question
			case !confident && concept < 0 && !near:
				// Passages shown as the closest racebot has: only
				// figures that match what was asked, by what they count
				// or by standing next to the question's words.
				continue
			}
			if len(q.Want) > 0 && !slices.Contains(q.Want, f.Kind) {
				continue
			}
			if _, ok := f.Number(); !ok && f.Kind != figure.Date {
				continue // vague ("billions"): never state it as a figure
			}
			if q.Future && f.Kind == figure.Date && before(f.Date, h.Published) {
				continue // when a forecast was made, not what it forecasts
			}
			other := describesOther(h.Passage.Text, f, res.Concepts)
			named := namesAll(h, names, concept) && !other
			c := candidate{fig: f, hit: i, h: h, concept: concept, score: relative(h), near: near, named: named, other: other}
			if !confident && !mayHelp(c) {
				continue
			}
			switch {
			case j < len(h.FigureScores) && h.FigureScores[j] > 0:
				c.score += fp.Answer * h.FigureScores[j]
			case concept >= 0:
				c.score += fp.Counts
			}
			if f.Kind == figure.Date && len(f.Date) == 4 && !yearAsked.MatchString(q.Text) {
				c.score -= fp.Counts // a bare year is rarely the figure wanted
			}
			// A figure of a part ("about $1 billion" for the first phase
			// of Stargate Norway) does not lead an answer about the whole.
			c.score -= fp.Part * h.Features.Part
			cands = append(cands, c)
		}
	}
	corroborate(cands, fp.Agree)
	cands = whatIsCounted(cands, q, res.Concepts)
	cands = withoutShorthand(cands)
	cands = withoutCoarserDates(cands)
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	return dedupe(cands)
}

// namesAll reports whether h holds every concept of the question that
// names marks but skip, in its text or its article's title, heading or
// tags, but not only as one of several names the title lists: in an
// article titled "Microsoft, Meta, Alphabet and Amazon set record AI
// spending plans", Microsoft's passage is not about Amazon. Other words
// may be said otherwise ("house" as "hold").
func namesAll(h *index.Hit, names []bool, skip int) bool {
	for i, name := range names {
		if name && i != skip && (!h.Holds(i) || h.Listed(i)) {
			return false
		}
	}
	return true
}

// describesOther reports whether f, written as a compound adjective, is
// an attribute of a name the question does not hold: "the
// 405-billion-parameter Llama 3" gives Llama 3's size, whichever model
// the passage is otherwise about, and is no side of a dispute over
// DeepSeek-V3's. A name is a capitalised word with a digit in it or
// after it, or one WordNet lacks: "a 671-billion-parameter
// Mixture-of-Experts model" and "a $500-billion AI venture" describe no
// other name.
func describesOther(text string, f figure.Figure, cs []index.Concept) bool {
	hyphen := strings.LastIndexByte(f.Text, '-')
	if hyphen < 0 || strings.ContainsRune(f.Text[hyphen:], ' ') || f.End >= len(text) || text[f.End] != ' ' {
		return false
	}
	rest := text[f.End+1:]
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if end < 0 {
		end = len(rest)
	}
	word := rest[:end]
	if r, _ := utf8.DecodeRuneInString(word); !unicode.IsUpper(r) {
		return false
	}
	numbered := strings.ContainsAny(word, "0123456789") ||
		end+1 < len(rest) && rest[end] == ' ' && rest[end+1] >= '0' && rest[end+1] <= '9'
	word = strings.ToLower(word)
	if !numbered && lexicon.Base(word) != nil {
		return false
	}
	return !slices.ContainsFunc(cs, func(c index.Concept) bool {
		return slices.Contains(strings.Fields(strings.ToLower(c.Typed)), word) || slices.Contains(c.Terms, word)
	})
}

// isName reports whether a concept of the question is written as a name:
// with a digit or a capital letter ("gpt-5", "Gemini"), or in words that
// WordNet does not know but the corpus does ("deepseek", "xai"). A word
// neither knows is a typo or chat ("actualy", "rly"), and a word taken
// for a typo is another word.
func isName(c index.Concept) bool {
	if c.Corrected != "" {
		return false
	}
	if strings.ContainsAny(c.Typed, "0123456789") || strings.ToLower(c.Typed) != c.Typed {
		return true
	}
	if c.DocFreq == 0 {
		return false
	}
	for _, w := range strings.Fields(c.Typed) {
		if lexicon.Base(strings.Trim(w, ".,'’")) == nil {
			return true
		}
	}
	return false
}

// subjectName reports whether a concept of the question names what a
// passage must be about for its figures to be shown with passages racebot
// is not sure of: a name the candidates write capitalised ("Alphabet",
// "TSMC", not "app"), a model number ("h800", "gpt-5", "o3-mini"), or a
// hyphenated name the corpus lacks. An amount the question quotes ("the
// 5.6M number", "10x"), a year and a bare number are figures, which
// passages write otherwise ("$5.576M").
func subjectName(c index.Concept) bool {
	if c.Light {
		return false
	}
	if c.Proper || c.Names && len(c.Terms) > 1 {
		return true
	}
	typed := strings.Fields(c.Typed)
	if slices.ContainsFunc(typed, func(w string) bool { return quotedAmountRE.MatchString(w) }) {
		return false
	}
	return strings.ContainsAny(c.Typed, "0123456789") && strings.IndexFunc(c.Typed, unicode.IsLetter) >= 0
}

// quotedAmountRE matches a number with a scale or a times sign as the
// index reads a question ("5.6M", "75bn", "10x"): an amount or a ratio.
var quotedAmountRE = regexp.MustCompile(`^\d[\d,.]*(?:k|m|mn|b|bn|t|tn|x)$`)

// disagreementsOf finds the disagreement among candidates, best first:
// one, on what the best figure measures, since a second one is almost
// always the same dispute seen through a sub-figure. When two sources
// give the best figure and agree on it, up to rounding, or its passage
// lacks a name the question has, there is none: a lesser figure's dispute
// would be about something else than what was asked ("about 2.79 million
// GPU hours", agreed, over Meta's and DeepSeek's clusters for "how many
// gpus did deepseek use to train v3"). No side comes from a passage that
// lacks a name the question has (GPT-5's parameters are not V3's).
// It returns the disagreements, the candidates of each in order, and each
// grouped candidate's disagreement.
//
// When racebot is not confident that its passages answer, only the best
// figure can lead a disagreement, and only when it stands next to the
// question's words: two counts of GPUs in passages that may not be about
// what was asked are most often counts of different things (a site's
// 100,000 GPUs, a company's 2 million chips), and "Sources disagree" would
// say otherwise. Passing over the best figure to a lesser one would set
// out a dispute about something else than the question (the training
// cost, for a question about the parameter count).
func disagreementsOf(cands []candidate, gap float64, confident bool) ([]Disagreement, [][]int, map[int]int) {
	var (
		ds     []Disagreement
		groups [][]int
	)
	used := make(map[int]bool)
	groupOf := make(map[int]int)
	for i := range cands {
		cands[i].prec = precision(cands[i].fig)
	}
	for i := 0; i < len(cands) && len(ds) < 1; i++ {
		if used[i] {
			continue
		}
		if !confident && (i > 0 || !cands[i].near) {
			break
		}
		group, stop := sameThing(cands, i, used, gap)
		if stop {
			break // the best figure still in question is agreed on, or about something else
		}
		if len(group) < 2 {
			continue
		}
		var d Disagreement
		if words := strings.Fields(cands[i].fig.Counts); cands[i].concept >= 0 && len(words) > 0 {
			d.About = words[len(words)-1] // the head noun: "GPUs"
		}
		d.NewestFirst = newestFirst(cands, group)
		for _, g := range group {
			used[g] = true
			groupOf[g] = len(ds)
			d.Figures = append(d.Figures, figureOf(cands[g]))
		}
		ds = append(ds, d)
		groups = append(groups, group)
	}
	return ds, groups, groupOf
}

// list fills the figure list, best first, and highlights each listed
// figure and each disagreeing one in its passage. A figure in a
// disagreement brings the rest of it along, in the disagreement's order,
// so that the figures shown side by side are also listed together, room
// allowing. When the question asks several things at once, the best
// figures are often all for one part, from the passages found for both:
// four costs for "how many GPUs … and what did V3 cost?". So a part
// whose best answer (partFit, partLead) is better than any figure listed
// gets it listed at the end, in place of the last of the others; a list
// of four holds at most three such.
func (pick *figurePick) list(cands []candidate, groups [][]int, groupOf map[int]int, parts []Question, cs []index.Concept) {
	var order []int // the candidates in the order listed, whatever the room
	seen := make(map[int]bool)
	for i := range cands {
		members := []int{i}
		if g, ok := groupOf[i]; ok {
			members = groups[g]
		}
		for _, j := range members {
			if !seen[j] {
				seen[j] = true
				order = append(order, j)
			}
		}
	}
	var leads []int
	listed := func() []int {
		return append(slices.Clone(order[:min(max(0, maxFigures-len(leads)), len(order))]), leads...)
	}
	if len(parts) > 1 {
		fits := partFits(parts, cs)
		taken := make(map[int]bool)
		// A lead takes a place from the end of the list, which may be
		// the figure that answered another part: look again after each.
		for added := true; added && len(leads) < len(parts); {
			added = false
			shown := listed()
			for _, fit := range fits {
				i := partLead(fit, cands, taken)
				if i < 0 || slices.ContainsFunc(shown, func(j int) bool { return fit(cands[j]) >= fit(cands[i]) }) {
					continue // none, or one as good is listed
				}
				taken[i], added = true, true
				leads = append(leads, i)
				break
			}
		}
	}
	for _, i := range listed() {
		c := cands[i]
		pid := c.h.Passage.ID()
		pick.highlight[pid] = append(pick.highlight[pid], c.fig)
		pick.top = append(pick.top, figureOf(c))
	}
	for _, d := range pick.disagreements {
		for _, f := range d.Figures {
			pid := f.Doc + "/" + strconv.Itoa(f.Paragraph)
			if !slices.ContainsFunc(pick.highlight[pid], func(x figure.Figure) bool { return x.Start == f.Start }) {
				pick.highlight[pid] = append(pick.highlight[pid], f.Figure)
			}
		}
	}
}

// partFit returns how well a candidate answers part, a question asked
// together with others: 2 when it counts what the part asks about, 1 when
// it is merely of a kind the part asks for, 0 when it does not answer.
//
// The figure must describe no name the question does not hold (as Llama
// 3's "405-billion-parameter" does), and its passage must hold every word
// the part gives ("DeepSeek" in "how many GPUs does DeepSeek have"), not
// only in a title's list; the other parts' words it need not hold, which
// are often in other articles. So a part about xAI, which no article
// names, takes no count of DeepSeek's, and a part that names nothing
// ("… and when was it founded") takes nothing. A part that names
// something and refers back with a pronoun also gives the words of the
// part before it (before, nil for the first): for "… and when did it come
// online", Stargate UAE's "2026" is online, but it is not High-Flyer's
// cluster.
//
// English puts what is counted first ("how many GPUs does …", "r1 param
// count"), so only the first two words the part searches for are taken
// as what it counts: "how many are active per token" counts no tokens. A
// count or quantity that counts something else ("2.79 million GPU hours"
// for "how many params") answers nothing; an amount, a date, a duration
// or a share of the kind asked for answers, if less well.
func partFit(part Question, before *Question, cs []index.Concept) func(candidate) int {
	words := wordsOf(part.Search)
	counted := words[:min(2, len(words))]
	names := func(words []string) []int {
		var ks []int
		for k, c := range cs {
			if !c.Light && containsWords(words, c.Typed) {
				ks = append(ks, k)
			}
		}
		return ks
	}
	own := names(words) // the concepts the part names
	if len(own) == 0 {
		return func(candidate) int { return 0 }
	}
	if before != nil && refersBack(part.Text) {
		own = append(own, names(wordsOf(before.Search))...)
	}
	return func(c candidate) int {
		switch {
		case !slices.Contains(part.Want, c.fig.Kind) || c.other:
			return 0
		case slices.ContainsFunc(own, func(k int) bool { return k != c.concept && (!c.h.Holds(k) || c.h.Listed(k)) }):
			return 0
		case c.concept >= 0 && c.concept < len(cs) && containsWords(counted, cs[c.concept].Typed):
			return 2
		case c.fig.Kind != figure.Count && c.fig.Kind != figure.Quantity:
			return 1
		}
		return 0
	}
}

// partFits returns partFit for each part of a question, each part
// referring back to the one before it.
func partFits(parts []Question, cs []index.Concept) []func(candidate) int {
	fits := make([]func(candidate) int, len(parts))
	for k, p := range parts {
		var before *Question
		if k > 0 {
			before = &parts[k-1]
		}
		fits[k] = partFit(p, before, cs)
	}
	return fits
}

// partLead returns the candidate, not taken by another part, that fit
// rates best, the first of those rated alike; -1 when none answers.
func partLead(fit func(candidate) int, cands []candidate, taken map[int]bool) int {
	best, rated := -1, 0
	for i, c := range cands {
		if r := fit(c); !taken[i] && r > rated {
			best, rated = i, r
		}
	}
	return best
}

// wordsOf splits text, lower case, as the analyser does: "xai-colossus"
// gives the two words of the concept typed "xai colossus".
func wordsOf(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// containsWords reports whether the words of phrase, lower case, are
// all among words.
func containsWords(words []string, phrase string) bool {
	fs := strings.Fields(strings.ToLower(phrase))
	for _, f := range fs {
		if !slices.Contains(words, f) {
			return false
		}
	}
	return len(fs) > 0
}

// highlightShown makes the quoted passages highlight the figures they
// hold of the wanted kind even when the figure list had no room for them.
func (pick *figurePick) highlightShown(cands []candidate, shown []index.Hit) {
	for _, h := range shown {
		pid := h.Passage.ID()
		for _, c := range cands {
			if c.h.Passage.ID() == pid && !slices.ContainsFunc(pick.highlight[pid], func(f figure.Figure) bool { return f.Start == c.fig.Start }) {
				pick.highlight[pid] = append(pick.highlight[pid], c.fig)
			}
		}
	}
}

// corroborate raises the candidates whose value other articles give too,
// or their own article's headline: "$500 billion" for Stargate, in the
// headline and in five articles, over Son's "$500" quip, said once.
// Figures that count what the question names need no help: they are shown
// side by side when they differ, whoever says them.
func corroborate(cs []candidate, bonus float64) {
	headlines := make(map[string][]figure.Figure) // article → figures of its title
	for i := range cs {
		if cs[i].concept >= 0 {
			continue
		}
		p := &cs[i].h.Passage
		if _, ok := headlines[p.Article]; !ok {
			headlines[p.Article] = figure.Extract(cs[i].h.Title)
		}
		support := 0.0
		if slices.ContainsFunc(headlines[p.Article], func(f figure.Figure) bool { return sameValue(f, cs[i].fig) }) {
			support = 2 // the headline states the figure an article is about
		}
		others := make(map[string]bool)
		for j := range cs {
			if cs[j].h.Passage.Article != p.Article && sameValue(cs[i].fig, cs[j].fig) {
				others[cs[j].h.Passage.Article] = true
			}
		}
		support += float64(len(others))
		cs[i].score += bonus * min(1, support/2)
	}
}

// sameValue reports whether two figures state the same amount or date.
func sameValue(a, b figure.Figure) bool {
	if a.Kind != b.Kind || a.Unit != b.Unit {
		return false
	}
	if a.Kind == figure.Date {
		return a.Date != "" && a.Date == b.Date
	}
	av, aok := a.Number()
	bv, bok := b.Number()
	return aok && bok && relDiff(av, bv) < 1e-9
}

// whatIsCounted drops the counts of other things when some candidates count
// what the question names: "how many GPUs" is not answered by "two groups"
// or "20 months" when a passage says "2,048 GPUs". Nor, when the question
// asks how many and the passage answered from counts the thing, by a
// measure the question does not name ("roughly 1 gigawatt" beside "more
// than 1.3 million GPUs"). A bare number ("37B" beside "671B
// parameters"), a measure in the unit of the counts, a ratio ("roughly 11
// times") or a measure the question names ("30.8 million GPU hours" for
// "how many gpu hours", "1 gigawatt" for "how many gpus and gigawatts")
// may still be about it.
func whatIsCounted(cs []candidate, q Question, concepts []index.Concept) []candidate {
	counted := false
	units := make(map[string]bool) // of the counts in the first passage
	for _, c := range cs {
		if c.concept >= 0 {
			counted = true
			if c.hit == 0 {
				units[c.fig.Unit] = true
			}
		}
	}
	if !counted {
		return cs
	}
	// Only a count in the passage racebot answers from rules out the
	// measures: "how many gpus are going into stargate uae" is not
	// answered by Stargate Norway's GPUs, and the UAE site's gigawatts
	// are the closest the corpus comes.
	howMany := len(units) > 0 && len(q.Want) > 0 && q.Want[0] == figure.Count
	return slices.DeleteFunc(cs, func(c candidate) bool {
		if c.concept >= 0 || c.fig.Kind != figure.Count && c.fig.Kind != figure.Quantity {
			return false
		}
		return c.fig.Counts != "" ||
			howMany && c.fig.Unit != "" && c.fig.Unit != "x" && !units[c.fig.Unit] && !measureAsked(c.fig, concepts)
	})
}

// measureAsked reports whether the question names what a measure is of:
// every word the figure writes after its number ("gigawatt", "GPU hours"),
// but the scale ("million"), is one of the question's concepts, as the
// index stems them ("gpu" for "GPUs"). The unit itself is no help: it is
// a symbol ("GW").
func measureAsked(f figure.Figure, concepts []index.Concept) bool {
	at := strings.IndexAny(f.Text, "0123456789")
	if at < 0 {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(f.Text[at:]), func(r rune) bool { return !unicode.IsLetter(r) })
	asked := 0
	for _, w := range words {
		if scaleWords[w] {
			continue
		}
		if !slices.ContainsFunc(concepts, func(c index.Concept) bool {
			return slices.ContainsFunc(c.Terms, func(t string) bool { return w == t || len(t) >= 3 && strings.HasPrefix(w, t) })
		}) {
			return false
		}
		asked++
	}
	return asked > 0
}

// scaleWords are the words of a figure that say its scale, not what it
// measures.
var scaleWords = map[string]bool{
	"thousand": true, "million": true, "billion": true, "trillion": true,
	"k": true, "m": true, "mn": true, "b": true, "bn": true, "t": true, "tn": true,
}

// withoutShorthand drops an amount that is another candidate's said
// short, without its scale: Son's "Now I come back with $500" beside the
// "$500 billion" it stands for. Shown as a figure, it would read as five
// hundred dollars.
func withoutShorthand(cs []candidate) []candidate {
	out := cs[:0]
	for _, c := range cs {
		v, ok := c.fig.Number()
		short := ok && c.fig.Kind == figure.Money && v > 0 && slices.ContainsFunc(cs, func(o candidate) bool {
			w, ok := o.fig.Number()
			if !ok || o.fig.Kind != figure.Money || o.fig.Unit != c.fig.Unit {
				return false
			}
			for _, scale := range []float64{1e3, 1e6, 1e9, 1e12} {
				if w == v*scale {
					return true
				}
			}
			return false
		})
		if !short {
			out = append(out, c)
		}
	}
	return out
}

// withoutCoarserDates drops a date that another candidate of the same
// article and claimant gives more precisely: "December 2024" beside
// "December 26, 2024", "2025" beside "April 9, 2025". Said of the same
// event, as it almost always is by one source in one article, the coarser
// date tells nothing more, and shown first it hides the day asked for. A
// coarser date from another article or claimant may be of another event
// that month ("late January 2025" for OpenAI's own statement, "January
// 29, 2025" for a newspaper's report), so it stays, but after the precise
// one.
func withoutCoarserDates(cs []candidate) []candidate {
	drop := make([]bool, len(cs))
	score := make([]float64, len(cs))
	for i, c := range cs {
		score[i] = c.score
		if c.fig.Kind != figure.Date || c.fig.Date == "" {
			continue
		}
		for _, o := range cs {
			if o.fig.Kind != figure.Date || !strings.HasPrefix(o.fig.Date, c.fig.Date+"-") {
				continue
			}
			if o.h.Passage.Article == c.h.Passage.Article && o.fig.Claimant == c.fig.Claimant {
				drop[i] = true
				break
			}
			// From the scores as they were, so that the order of the
			// candidates does not matter.
			score[i] = min(score[i], math.Nextafter(o.score, math.Inf(-1)))
		}
	}
	out := cs[:0]
	for i, c := range cs {
		if !drop[i] {
			c.score = score[i]
			out = append(out, c)
		}
	}
	return out
}

// before reports whether every day the ISO date d ("2025-01-21",
// "2025-01", "2027") may stand for is before t's day: whether d sorts
// before t's date cut to d's length. A decade or century ("199X",
// "18XX") is before when its last year is. A date with no year
// ("XXXX-12-25"), and a range ("2024/2030"), is never before.
func before(d string, t time.Time) bool {
	if t.IsZero() {
		return false
	}
	if periodRE.MatchString(d) {
		d = strings.ReplaceAll(d, "X", "9")
	}
	if !isoDateRE.MatchString(d) {
		return false
	}
	return d < t.Format(time.DateOnly)[:len(d)]
}

var (
	isoDateRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	periodRE  = regexp.MustCompile(`^\d{2}(\dX|XX)$`)
)

// dedupe drops repeats of the same figure from the same article and
// claimant: the same claim quoted twice is one claim, next to the
// question's words if either quote is.
func dedupe(cs []candidate) []candidate {
	out := cs[:0]
	for _, c := range cs {
		if i := slices.IndexFunc(out, func(o candidate) bool {
			return o.h.Passage.Article == c.h.Passage.Article && o.fig.Text == c.fig.Text && o.fig.Claimant == c.fig.Claimant
		}); i >= 0 {
			out[i].near = out[i].near || c.near
			continue
		}
		out = append(out, c)
	}
	return out
}

var yearAsked = regexp.MustCompile(`(?i)\b(what|which|in what) year\b`)

// maxSideBySide bounds a disagreement to what reads well side by side.
const maxSideBySide = 4

// sameThing gathers the candidates that measure what candidate i measures,
// one per distinct claim, and returns them only if they disagree: at least
// two values that differ at their precision, from at least two sources.
// It reports stop when no disagreement is to be sought past candidate i:
// two sources give its measure and differ only in rounding it, another
// source (however far down, or unattributed) confirms its value while
// none disputes it, or its passage lacks a name the question has, so
// that the figures that follow are about something else too.
func sameThing(cs []candidate, i int, used map[int]bool, gap float64) (group []int, stop bool) {
	a := cs[i]
	av, ok := a.fig.Number()
	if !ok || a.fig.Kind == figure.Date {
		return nil, false
	}
	if !a.named {
		return nil, true
	}
	group = []int{i}
	var agreeing []int // same value, another named source: shown if there is room
	confirmed := false // another source gives a value of the group, named or not
	for j := range cs {
		if j == i || used[j] {
			continue
		}
		b := cs[j]
		bv, ok := b.fig.Number()
		if !ok || b.fig.Kind != a.fig.Kind || b.fig.Unit != a.fig.Unit || !b.named {
			continue
		}
		switch {
		case a.concept >= 0 && b.concept == a.concept:
			// Both count the thing the question names.
		case relDiff(av, bv) <= 0.05 && (a.fig.Kind != figure.Percent || math.Abs(av-bv) <= 0.5) && source(a) != source(b):
			// Near-equal amounts from different sources: the same
			// measurement reported differently ($589, $593, "close to
			// $600" billion). Percentages are near only within the half
			// point that rounding to a whole one leaves ("17%",
			// "17.4%"): 5% of R1's 97.3% on MATH-500 would take in
			// o1's 96.4% and 91.8% on other tests.
		default:
			continue
		}
		if b.score < a.score-gap {
			// From a passage far less relevant than the best figure's:
			// no side, but another source's word for its value all the
			// same.
			confirmed = confirmed || source(a) != source(b) && !a.differs(b)
			continue
		}
		if slices.ContainsFunc(group, func(g int) bool {
			samePassage := cs[g].h.Passage.ID() == b.h.Passage.ID()
			return (samePassage || !cs[g].differs(b)) && source(cs[g]) == source(b)
		}) {
			// The same claim again, or another figure of the same
			// source's breakdown ("50,000 GPUs, including 10,000
			// H800s"): not a second side.
			continue
		}
		if slices.ContainsFunc(group, func(g int) bool { return !cs[g].differs(b) }) {
			confirmed = true
			if b.fig.Claimant != "" && !slices.ContainsFunc(agreeing, func(g int) bool { return source(cs[g]) == source(b) }) {
				agreeing = append(agreeing, j)
			}
			continue
		}
		if slices.ContainsFunc(group, func(g int) bool { return states(cs[g], b) || states(b, cs[g]) }) {
			// One side's source gives the other's value too: two
			// amounts of the thing ("671 billion parameters in total
			// but ... only 37 billion of them" active), not two words
			// for one.
			continue
		}
		if len(group) < maxSideBySide {
			group = append(group, j)
		}
	}
	// Each side first, then who else agrees with one, while there is room.
	for _, j := range agreeing {
		if len(group) == maxSideBySide {
			break
		}
		group = append(group, j)
	}
	// Best first, with the sources that agree on a value next to each
	// other.
	slices.Sort(group)
	first := firstPlaces(cs, group)
	slices.SortStableFunc(group, func(x, y int) int {
		xv, _ := cs[x].fig.Number()
		yv, _ := cs[y].fig.Number()
		return first[xv] - first[yv]
	})
	differs := false
	sources := map[string]bool{}
	for k, g := range group {
		sources[source(cs[g])] = true
		for _, h := range group[:k] {
			differs = differs || cs[g].differs(cs[h])
		}
	}
	if len(sources) < 2 {
		return nil, confirmed
	}
	if !differs {
		return nil, true
	}
	return group, false
}

// states reports whether by's passage gives c's value, as a figure of
// c's kind and unit counting what c counts, in the words of by's own
// named claimant. A passage that sets one claimant's figure against
// another's ("about $593 billion", Reuters; "some $589 billion", Yonhap)
// reports a disagreement and does not state both; nor does one that
// names no claimant ("The lab claims 2,048 GPUs but probably has 50,000
// GPUs"), which may quote a figure only to rebut it.
func states(by, c candidate) bool {
	return slices.ContainsFunc(by.h.Passage.Figures, func(f figure.Figure) bool {
		if f.Claimant == "" || f.Kind != c.fig.Kind || f.Unit != c.fig.Unit || !strings.EqualFold(f.Counts, c.fig.Counts) {
			return false
		}
		d := candidate{fig: f, h: by.h, prec: precision(f)}
		_, ok := f.Number()
		return ok && source(d) == source(by) && !c.differs(d)
	})
}

// differs reports whether two candidates' amounts differ by more than
// rounding: at the precision of the coarser (prec, which disagreementsOf
// sets), and by more than the 5% within which sameThing takes amounts
// from different sources for one measurement; and neither lies in the
// other's range. "$5.6 million", "roughly $5.58 million" and "$5.576M"
// are one figure rounded three ways, which "Sources disagree" would
// misreport; $589 and $593 billion are two estimates, and "1 million" is
// not "1.4 million" rounded, however it is written.
func (c candidate) differs(d candidate) bool {
	av, _ := c.fig.Number()
	bv, _ := d.fig.Number()
	if av == bv || within(av, d.fig) || within(bv, c.fig) {
		return false
	}
	return relDiff(av, bv) > 0.05 || math.Abs(av-bv) >= max(c.prec, d.prec)/2
}

// within reports whether v lies in the range f gives ("90% to 95%"): a
// value inside a range does not contradict it.
func within(v float64, f figure.Figure) bool {
	return f.Value == nil && f.Low != nil && f.High != nil && *f.Low <= v && v <= *f.High
}

// numeralRE finds the number a figure is written with: "5.576" in
// "$5.576M", "50,000" in "about 50,000 Nvidia GPUs".
var numeralRE = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?`)

// precision returns the place of a figure's last written digit in the
// figure's own terms: $0.1 million for "$5.6 million", $1,000 for
// "$5.576M", 1 for "17%"; 0 when it is not written in digits or is a
// range.
func precision(f figure.Figure) float64 {
	m := numeralRE.FindString(f.Text)
	if m == "" || f.Value == nil {
		return 0
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(m, ",", ""), 64)
	if err != nil || n == 0 {
		return 0
	}
	decimals := 0
	if i := strings.IndexByte(m, '.'); i >= 0 {
		decimals = len(m) - i - 1
	}
	return math.Abs(*f.Value/n) * math.Pow10(-decimals)
}

// overTime is how far apart in time the reports of a disagreement must be
// for it to be read as a figure that changed rather than as estimates made
// in the same news cycle (the DeepSeek GPU estimates span five weeks, and
// none of them revised another).
const overTime = 90 * 24 * time.Hour

// newestFirst orders a disagreement newest first when its sources
// reported at different times, and reports whether it did: later reporting
// usually revises earlier estimates, so the latest figure leads. Figures of
// the same value stay together, behind the newest report of that value.
func newestFirst(cs []candidate, group []int) bool {
	var oldest, newest time.Time
	latest := make(map[float64]time.Time) // value → its newest report
	for _, g := range group {
		t := cs[g].h.Published
		if t.IsZero() {
			return false // undated: no order in time to speak of
		}
		if oldest.IsZero() || t.Before(oldest) {
			oldest = t
		}
		newest = later(newest, t)
		v, _ := cs[g].fig.Number()
		latest[v] = later(latest[v], t)
	}
	if newest.Sub(oldest) < overTime {
		return false
	}
	first := firstPlaces(cs, group) // to keep values apart on a tie
	slices.SortStableFunc(group, func(x, y int) int {
		xv, _ := cs[x].fig.Number()
		yv, _ := cs[y].fig.Number()
		if c := latest[yv].Compare(latest[xv]); c != 0 {
			return c
		}
		if c := first[xv] - first[yv]; c != 0 {
			return c
		}
		return cs[y].h.Published.Compare(cs[x].h.Published)
	})
	return true
}

// firstPlaces maps each value of a group's figures to the place in the
// group where it, or a value it rounds to or from, first appears.
func firstPlaces(cs []candidate, group []int) map[float64]int {
	first := make(map[float64]int)
	for k, g := range group {
		v, _ := cs[g].fig.Number()
		if _, ok := first[v]; ok {
			continue
		}
		first[v] = k
		for _, h := range group[:k] {
			if !cs[h].differs(cs[g]) {
				w, _ := cs[h].fig.Number()
				first[v] = first[w]
				break
			}
		}
	}
	return first
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// source names who stands behind a figure: its claimant, or the article's
// publisher.
func source(c candidate) string {
	if c.fig.Claimant != "" {
		return strings.ToLower(c.fig.Claimant)
	}
	return c.h.Passage.Article
}

func relDiff(a, b float64) float64 {
	m := math.Max(math.Abs(a), math.Abs(b))
	if m == 0 {
		return 0
	}
	return math.Abs(a-b) / m
}

func figureOf(c candidate) Figure {
	return Figure{
		Figure: c.fig, Doc: c.h.Passage.Article, Paragraph: c.h.Passage.Paragraph,
		Title: c.h.Title, Publisher: c.h.Publisher, URL: c.h.URL, Published: Date{c.h.Published},
	}
}
