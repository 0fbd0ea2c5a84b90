package corpustest

import (
	"strconv"
	"strings"
)

// distractorGen writes one distractor article. Its state is per article, so
// articles can be generated in any order.
type distractorGen struct {
	r     *rng
	f     figures
	bound map[string]entity // entity slots of the current paragraph
	said  map[string]bool   // people already introduced in the current paragraph
	used  map[string]bool   // templates already used in the article
	// lastBn is the last {bn} drawn, which {bnup} and {bndown} exceed or
	// undercut, so that "up from" and "could rise to" read right.
	lastBn string
}

func newDistractorGen(r *rng, published date) *distractorGen {
	return &distractorGen{r: r, f: newFigures(r, published),
		bound: make(map[string]entity), said: make(map[string]bool), used: make(map[string]bool)}
}

// reset starts a new paragraph: entity slots are drawn afresh.
func (g *distractorGen) reset() {
	clear(g.bound)
	clear(g.said)
	g.lastBn = "$10 billion"
}

// render fills a template's slots and capitalises the first letter. It
// reports false, and writes nothing, when the template would state a fact
// about a subject of the starter corpus (see realFacts): a slot that names
// the subject of a fact and is already bound in this paragraph to a listed
// subject rules the template out, and one that is not yet bound is drawn
// among the other entities of its pool.
func (g *distractorGen) render(tmpl string) (string, bool) {
	t := compiled(tmpl)
	for _, f := range t.facts {
		if e, ok := g.bound[f.slot]; ok && !allows(f.conds, e) {
			return "", false
		}
	}
	for _, f := range t.facts {
		if _, ok := g.bound[f.slot]; !ok {
			g.draw(f.slot, f.conds)
		}
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.slot == "" {
			b.WriteString(p.lit)
		} else {
			b.WriteString(g.slot(p.slot))
		}
	}
	// "Moore Threads's" reads as a typo; news style writes "Moore Threads'".
	return capitalize(strings.ReplaceAll(b.String(), "s's ", "s' ")), true
}

// mustRender renders a template that states no fact about a bound slot, such
// as a title rendered right after reset.
func (g *distractorGen) mustRender(tmpl string) string {
	s, ok := g.render(tmpl)
	if !ok {
		panic("corpustest: template cannot be rendered: " + tmpl)
	}
	return s
}

// capitalize upper-cases a leading lower-case letter unless the first word
// is a name that is written in lower case ("o1", "o3-mini", "xAI").
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	first, _, _ := strings.Cut(s, " ")
	if strings.ContainsAny(first, "0123456789") || strings.HasPrefix(first, "xAI") || strings.HasPrefix(first, "data.ai") {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// entityPools maps an entity slot name (without a trailing "2") to its pool.
var entityPools = map[string][]entity{
	"person": people, "co": companies, "hyper": hyperscalers, "lab": labs,
	"chip": chips, "cnchip": chinaChips, "model": models, "agent": agents,
	"ban":   banCountries,
	"bench": names(benchmarks), "abench": names(agentBenchmarks), "app": names(apps),
	"tracker": names(appTrackers), "listed": names(listed), "country": names(countries), "site": names(stargateSites),
	"place": names(places), "firm": names(firms), "eval": names(evaluators),
	"lawfirm": names(lawFirms), "agency": names(agencies), "plan": names(plans),
	"index": names(indexes),
}

func names(ss []string) []entity {
	es := make([]entity, len(ss))
	for i, s := range ss {
		es[i] = entity{name: s, short: s}
	}
	return es
}

// entity returns the entity bound to slot in this paragraph, drawing it on
// first use. A slot ending in "2" draws from the same pool as the slot
// without it but never repeats its value, so "{chip} and {chip2}" names two
// chips.
func (g *distractorGen) entity(slot string) (entity, bool) {
	if e, ok := g.bound[slot]; ok {
		return e, true
	}
	base, _ := strings.CutSuffix(slot, "2")
	if _, ok := entityPools[base]; !ok {
		return entity{}, false
	}
	return g.draw(slot, nil), true
}

// draw binds slot to an entity of its pool that may be the subject of the
// facts in conds (and differs from the base slot's for a second slot).
// Rejection sampling keeps the draw uniform over the allowed entities; the
// scan after it only runs if the pool has almost none, and panics if it has
// none, which TestFactTable rules out.
func (g *distractorGen) draw(slot string, conds []slotCond) entity {
	base, second := strings.CutSuffix(slot, "2")
	pool := entityPools[base]
	var first entity
	if second {
		first, _ = g.entity(base)
	}
	ok := func(e entity) bool {
		return (!second || e.name != first.name && e.short != first.short) && allows(conds, e)
	}
	e := pick(g.r, pool)
	for i := 0; i < 64 && !ok(e); i++ {
		e = pick(g.r, pool)
	}
	if !ok(e) {
		found := false
		for _, c := range pool {
			if ok(c) {
				e, found = c, true
				break
			}
		}
		if !found {
			panic("corpustest: no entity of {" + slot + "} may be the subject")
		}
	}
	g.bound[slot] = e
	return e
}

// slot returns the text for one {slot} or {slot.attr}.
func (g *distractorGen) slot(key string) string {
	name, attr, _ := strings.Cut(key, ".")
	if e, ok := g.entity(name); ok {
		switch attr {
		case "short":
			return e.short
		case "maker", "body", "desc":
			return e.role
		case "family", "ceo":
			return e.extra
		case "name":
			return e.name
		}
		if strings.HasPrefix(name, "person") {
			// Introduce a person with their title, then use the surname,
			// as news style does.
			if g.said[e.name] {
				return e.short
			}
			g.said[e.name] = true
			return e.role + " " + e.name
		}
		return e.name
	}
	f := g.f
	switch name {
	case "pub":
		return pick(g.r, publishers)
	case "gpus":
		return f.gpus()
	case "gpun":
		return f.gpuCount()
	case "count":
		return f.count(20000, 900000)
	case "jobs":
		return f.count(1000, 90000)
	case "n":
		return strconv.Itoa(g.r.between(3, 60))
	case "rank":
		return strconv.Itoa(g.r.between(1, 40))
	case "days":
		return strconv.Itoa(g.r.between(14, 120))
	case "bn":
		s := f.billions(10, 150)
		g.lastBn = s
		return s
	case "bnup", "bndown":
		// A second amount that must be above or below the last {bn}.
		k, _ := parseFigure(g.lastBn)
		last := int(k.v / 100e9)
		lo, hi := last+1, 3*last+10
		if name == "bndown" {
			lo, hi = max(1, last/3), max(1, last-1)
		}
		var s string
		for range 16 {
			s = f.billions(lo, hi)
			if k2, _ := parseFigure(s); k2.v > k.v == (name == "bnup") && k2.v != k.v {
				break
			}
		}
		return s
	case "bnrange":
		return f.billionRange()
	case "tnrange":
		return f.trillionRange()
	case "bn1":
		return f.billions(1, 9)
	case "mn":
		return f.millions()
	case "tn":
		return f.trillions()
	case "money":
		return f.money()
	case "pct":
		return f.percent(2, 60)
	case "movepct":
		return f.percent(1, 25)
	case "idxpct":
		return f.percent(0, 6)
	case "bigpct":
		return f.percent(60, 300)
	case "score":
		return f.score()
	case "date":
		return f.day()
	case "wdate":
		return f.dayOfWeek()
	case "month":
		return f.month()
	case "year":
		return f.year(3, 0)
	case "fyear":
		return f.year(0, 4)
	case "agiyear":
		return pick(g.r, []string{"2026", "2028", "2029", "2030", "2031", "2032", "2035", "the end of the decade"})
	case "agidur":
		return pick(g.r, []string{"three to five years", "five to eight years", "one to three years",
			"the next 18 months", "a decade", "two to three years", "about five years", "three years"})
	case "leaddur":
		return pick(g.r, []string{"a year", "18 months", "one to two years", "two to three months",
			"nine months", "a few months"})
	case "dur":
		return f.duration()
	case "mw":
		return f.megawatts()
	case "gw":
		return f.gigawatts()
	case "kw":
		return f.kilowatts()
	case "gpuh":
		return f.gpuHours()
	case "params":
		return f.scaled("billion", 7, 1200)
	case "active":
		return f.scaled("billion", 3, 60)
	case "ttok":
		return f.scaled("trillion", 2, 30)
	case "price":
		return f.price()
	case "bw":
		return f.bandwidth()
	case "tflops":
		return f.tflops()
	case "stock":
		return f.stockPrice()
	case "dl":
		return f.scaled("million", 2, 40)
	case "tpp":
		return fresh(func() string { return commas(int64(g.r.between(8, 64) * 200)) })
	}
	panic("corpustest: unknown template slot {" + key + "}")
}

// sentences renders n distinct templates of list (or as many as can be
// rendered), preferring templates not yet used in the article: real articles
// do not repeat a sentence with other numbers. Templates that would state a
// fact about a subject of the starter corpus are skipped.
func (g *distractorGen) sentences(list []string, n int, out []string) []string {
	var fresh, stale []string
	for _, t := range list {
		if g.used[t] {
			stale = append(stale, t)
		} else {
			fresh = append(fresh, t)
		}
	}
	g.shuffle(fresh)
	g.shuffle(stale)
	for _, t := range append(fresh, stale...) {
		if n == 0 {
			break
		}
		if s, ok := g.render(t); ok {
			g.used[t] = true
			out = append(out, s)
			n--
		}
	}
	return out
}

func (g *distractorGen) shuffle(s []string) {
	for i := len(s) - 1; i > 0; i-- {
		j := g.r.intn(i + 1)
		s[i], s[j] = s[j], s[i]
	}
}

// one renders one template of list, preferring one not yet used, or a
// neutral filler if none can be rendered with the paragraph's entities.
func (g *distractorGen) one(list []string) string {
	if s := g.sentences(list, 1, nil); len(s) > 0 {
		return s[0]
	}
	return fillers[0]
}

// paragraph writes a paragraph about t: a lead sentence, two to four more,
// and sometimes a neutral closing sentence. Real paragraphs in the corpus run
// from about 60 to 140 words, and so do these.
func (g *distractorGen) paragraph(t *topic) string {
	g.reset()
	s := []string{g.one(t.leads)}
	s = g.sentences(t.body, g.r.between(2, 4), s)
	if g.r.chance(0.25) {
		s = append(s, pick(g.r, fillers))
	}
	return strings.Join(s, " ")
}

// body accumulates an article body and enforces the no-answer property on
// every passage a chunker could plausibly cut from it: each line, each pair
// of adjacent lines (a heading glued to its paragraph, a bullet to its
// introduction), each blank-line-separated block (in an article written one
// paragraph per line, the whole body) and each line together with the title.
// Passages are lines joined by "\n", so each line is scanned once and
// passages are checked on the union of their lines' needles.
type body struct {
	chk     *answerChecker
	title   needles // the title's needles
	perLine bool
	lines   []string  // lines written so far; "" is a blank line
	found   []needles // the needles of each line
	block   needles   // the needles of the current block
	inBlock bool      // whether the current block has a line
}

func newBody(chk *answerChecker, title string, perLine bool) *body {
	return &body{chk: chk, title: chk.found([]byte(title)), perLine: perLine}
}

// fits reports whether line, whose needles are f, can be added, continuing
// the current block or not, without any passage holding an expected answer.
func (b *body) fits(f needles, cont bool) bool {
	c := b.chk
	if c.complete(f) || c.complete(f.or(b.title)) {
		return false
	}
	if n := len(b.lines); n > 0 && b.lines[n-1] != "" && c.complete(f.or(b.found[n-1])) {
		return false
	}
	if n := len(b.lines); n > 1 && b.lines[n-1] == "" && c.complete(f.or(b.found[n-2])) {
		return false
	}
	if !b.inBlock || !cont && !b.perLine {
		return true // line starts a block of its own
	}
	return !c.complete(b.block.or(f))
}

// add appends a line with needles f, which continues the current block
// when cont is set or the body is written one paragraph per line.
func (b *body) add(line string, f needles, cont bool) {
	if len(b.lines) > 0 && !cont && !b.perLine {
		b.lines = append(b.lines, "")
		b.found = append(b.found, needles{})
		b.block, b.inBlock = needles{}, false
	}
	b.lines = append(b.lines, line)
	b.found = append(b.found, f)
	b.block, b.inBlock = b.block.or(f), true
}

// write adds the first candidate from gen that fits, trying a bounded number
// of times before falling back to a neutral filler sentence, which holds
// nothing an answer needs and so always fits.
func (b *body) write(gen func() string, cont bool) {
	for range 100 {
		s := gen()
		if f := b.chk.found([]byte(s)); b.fits(f, cont) {
			b.add(s, f, cont)
			return
		}
	}
	b.add(fillers[0], b.chk.found([]byte(fillers[0])), cont)
}

func (b *body) String() string { return strings.Join(b.lines, "\n") + "\n" }

func distractorName(i int) string { return "distractor-" + pad5(i+1) + ".md" }

// distractor builds distractor article i.
func distractor(i int, seed int64) []byte {
	r := newRNG(seed, streamDistractor, uint64(i))
	published := randomDate(r, date{2022, 11, 1}, corpusTo)
	g := newDistractorGen(r, published)
	chk := distractorAnswers()
	id := strings.TrimSuffix(distractorName(i), ".md")

	// Most paragraphs follow the article's main storyline; the others bring
	// in a neighbouring one, as real news articles do for context.
	main := &topics[r.intn(len(topics))]
	title := "AI race roundup"
	for range 100 {
		g.reset()
		if t := g.mustRender(pick(r, main.titles)); !chk.holdsString(t) {
			title = t
			break
		}
	}

	b := newBody(chk, title, r.chance(0.25))
	nPara := r.between(3, 10)
	headingEvery := 0
	if r.chance(0.3) {
		headingEvery = r.between(2, 3)
	}
	bulletsAt := -1
	if r.chance(0.2) {
		bulletsAt = r.between(0, nPara-1)
	}
	hashHeadings := r.chance(0.5)
	tags := map[string]bool{}
	for _, tag := range main.tags {
		tags[tag] = true
	}
	for p := range nPara {
		t := main
		if p > 0 && r.chance(0.4) {
			t = &topics[r.intn(len(topics))]
		}
		for _, tag := range t.tags {
			if len(tags) < 6 {
				tags[tag] = true
			}
		}
		if headingEvery > 0 && p > 0 && p%headingEvery == 0 {
			b.write(func() string {
				g.reset()
				h := g.one(t.headings)
				if hashHeadings {
					return "## " + h
				}
				return h
			}, false)
		}
		b.write(func() string { return g.paragraph(t) }, false)
		if p == bulletsAt {
			// The introduction and its items share their entities.
			g.reset()
			b.write(func() string {
				return g.mustRender(pick(r, []string{"Key figures from the {co} announcement:",
					"The main points:", "According to {pub}:", "What {person} said:"}))
			}, false)
			for range r.between(2, 4) {
				b.write(func() string { return "- " + g.one(t.body) }, true)
			}
		}
	}

	m := &meta{id: id, title: title, published: published, kind: "article"}
	nSources := 1
	if r.chance(0.35) {
		m.kind = "summary"
		nSources = r.between(2, 4)
	}
	for s := range nSources {
		st := title
		if s > 0 {
			g.reset()
			st = g.mustRender(pick(r, main.titles))
		}
		m.sources = append(m.sources, newSource(r, st, published.addDays(-r.intn(4))))
	}
	m.tags = sortedKeys(tags)
	out := appendFrontMatter(nil, m)
	return append(out, b.String()...)
}

func pad5(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 5 {
		s = strings.Repeat("0", 5-len(s)) + s
	}
	return s
}
