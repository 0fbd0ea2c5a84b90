package corpustest

import (
	_ "embed"
	"strings"
	"sync"
)

// vocabText is about 3,000 words in rough order of frequency: English
// function words first, then the words of racebot's starter corpus
// interleaved with general business and politics news words. Words that an
// unanswerable dev question needs (France, password, weather…) and the
// single words of expected answers (SMIC, Toloka, distillation…) are left
// out.
//
//go:embed vocab.txt
var vocabText string

// vocab is the ranked vocabulary of large corpora and its Zipf sampler.
type vocab struct {
	words []string
	zipf  *zipf
	// unit marks words that make a figure after a number ("percent",
	// "billion", "TFLOPS"). They are not drawn after a word that ends in a
	// digit, so that "o1" and "Hanguang 800" do not turn into "1 billion"
	// or "800 TFLOPS" and repeat a figure of the starter corpus.
	unit []bool
}

var largeVocab = sync.OnceValue(func() *vocab {
	words := strings.Fields(vocabText)
	// Splice the AI-race entities into the ranking below the function words,
	// a few ranks apart, so that they are frequent but not stop words: in
	// the real corpus "DeepSeek" and "Nvidia" rank just after "the", "of"
	// and "said".
	var ents []string
	for _, pool := range [][]entity{people, companies, chips, chinaChips, models} {
		for _, e := range pool {
			if strings.Contains(e.name, " ") || e.name != e.short {
				ents = append(ents, e.name)
			}
		}
	}
	for _, pool := range [][]string{places, firms, apps, stargateSites} {
		for _, s := range pool {
			if strings.Contains(s, " ") {
				ents = append(ents, s)
			}
		}
	}
	ranked := make([]string, 0, len(words)+len(ents))
	ranked = append(ranked, words[:60]...)
	rest := words[60:]
	for i, e := range ents {
		n := min(len(rest), 11+i%7)
		ranked = append(ranked, rest[:n]...)
		rest = rest[n:]
		ranked = append(ranked, e)
	}
	ranked = append(ranked, rest...)
	unit := make([]bool, len(ranked))
	for i, w := range ranked {
		_, unit[i] = parseFigure("1 " + w)
	}
	// s=1 and q=1.5 match English text: "the" is about 5% of the words and
	// the 100 most frequent words make up half of them.
	return &vocab{words: ranked, zipf: newZipf(len(ranked), 1.0, 1.5), unit: unit}
})

var countNouns = []string{"jobs", "servers", "employees", "GPUs", "chips", "users", "customers",
	"engineers", "racks", "accelerators", "wafers", "subscribers", "developers", "downloads"}

// largeGen writes the articles of a large corpus.
type largeGen struct {
	r   *rng
	f   figures
	v   *vocab
	chk *answerChecker
}

// word appends a word drawn from the Zipf distribution.
func (g *largeGen) word(b []byte) []byte {
	w := g.v.zipf.sample(g.r)
	if n := len(b); n >= 2 && b[n-1] == ' ' && '0' <= b[n-2] && b[n-2] <= '9' {
		for g.v.unit[w] {
			w = g.v.zipf.sample(g.r)
		}
	}
	return append(b, g.v.words[w]...)
}

// figure appends a figure with the mix of kinds the real articles have:
// mostly money, percentages and counts of things, then dates, durations,
// power and model sizes.
func (g *largeGen) figure(b []byte) []byte {
	f := g.f
	switch k := g.r.intn(20); {
	case k < 5:
		return append(b, f.money()...)
	case k < 9:
		return append(b, f.percent(1, 80)...)
	case k < 11:
		c := pick(g.r, chips)
		b = append(b, f.gpus()...)
		b = append(b, ' ')
		b = append(b, c.role...)
		b = append(b, ' ')
		b = append(b, c.name...)
		return append(b, " GPUs"...)
	case k < 13:
		b = append(b, f.count(1000, 900000)...)
		b = append(b, ' ')
		return append(b, pick(g.r, countNouns)...)
	case k < 15:
		return append(b, f.day()...)
	case k < 16:
		return append(b, f.month()...)
	case k < 17:
		return append(b, f.duration()...)
	case k < 18:
		if g.r.chance(0.5) {
			return append(b, f.megawatts()...)
		}
		return append(b, f.gigawatts()...)
	case k < 19:
		b = append(b, f.gpuHours()...)
		return append(b, " GPU hours"...)
	default:
		b = append(b, f.scaled("billion", 7, 1200)...)
		return append(b, " parameters"...)
	}
}

// paragraph appends one paragraph of 40 to 120 words (triangular, mean 80),
// with a figure in three paragraphs out of four.
func (g *largeGen) paragraph(b []byte) []byte {
	target := g.r.between(20, 60) + g.r.between(20, 60)
	figs := 0
	if g.r.chance(0.75) {
		figs = g.r.between(1, 3)
	}
	for n := 0; n < target; {
		if n > 0 {
			b = append(b, ' ')
		}
		start := len(b)
		length := min(g.r.between(8, 24), max(target-n, 5))
		for i := range length {
			if i > 0 {
				b = append(b, ' ')
			}
			if figs > 0 && g.r.intn(target) < 3 {
				b = g.figure(b)
				figs--
			} else {
				b = g.word(b)
			}
			if i > 0 && i < length-1 && g.r.intn(16) == 0 {
				b = append(b, ',')
			}
		}
		if c := b[start]; 'a' <= c && c <= 'z' {
			b[start] = c - 'a' + 'A'
		}
		if g.r.intn(10) == 0 {
			b = append(b, ", "...)
			b = append(b, pick(g.r, publishers)...)
			b = append(b, " reported"...)
		}
		b = append(b, '.')
		n += length
	}
	return b
}

// line appends what gen appends, regenerating it while it holds an
// expected answer. A random word paragraph almost never does, so the loop
// rarely repeats; the bound keeps a pathological case from hanging, at the
// price of that one line.
func (g *largeGen) line(b []byte, gen func([]byte) []byte) []byte {
	start := len(b)
	for range 100 {
		b = gen(b[:start])
		if !g.chk.holds(b[start:]) {
			break
		}
	}
	return b
}

// heading appends a "## " heading of two to five capitalised words.
func (g *largeGen) heading(b []byte) []byte {
	b = append(b, "## "...)
	for i := range g.r.between(2, 5) {
		if i > 0 {
			b = append(b, ' ')
		}
		start := len(b)
		b = g.word(b)
		if c := b[start]; 'a' <= c && c <= 'z' {
			b[start] = c - 'a' + 'A'
		}
	}
	return b
}

// title returns a headline of five to ten words. Headlines drop most
// function words, so words of the 40 most frequent ranks are redrawn once.
func (g *largeGen) title() string {
	b := g.line(nil, func(b []byte) []byte {
		for i := range g.r.between(5, 10) {
			if i > 0 {
				b = append(b, ' ')
			}
			w := g.v.zipf.sample(g.r)
			if w < 40 {
				w = g.v.zipf.sample(g.r)
			}
			b = append(b, g.v.words[w]...)
		}
		if c := b[0]; 'a' <= c && c <= 'z' {
			b[0] = c - 'a' + 'A'
		}
		return b
	})
	return string(b)
}

// largeArticle returns large article i with paras paragraphs. Most bodies
// separate paragraphs with blank lines; one in ten is written one paragraph
// per line, and about one in seven has "## " headings, which are not
// paragraphs.
func largeArticle(i, paras int, seed int64) []byte {
	r := newRNG(seed, streamLarge, uint64(i))
	// About 580 bytes a paragraph plus front matter: one allocation in
	// nearly all cases, with little slack kept by Large.
	b := make([]byte, 0, 512+640*paras)
	published := randomDate(r, corpusFrom, corpusTo)
	g := &largeGen{r: r, f: newFigures(r, published), v: largeVocab(), chk: answers()}
	m := &meta{id: largeID(i), title: g.title(), kind: "article", published: published}
	if r.chance(0.2) {
		m.kind = "summary"
	}
	for range r.between(1, 2) {
		m.sources = append(m.sources, newSource(r, m.title, m.published.addDays(-r.intn(3))))
	}
	tags := map[string]bool{}
	for range r.between(2, 4) {
		tags[pick(r, tagWords)] = true
	}
	m.tags = sortedKeys(tags)
	b = appendFrontMatter(b, m)

	sep := "\n\n"
	if r.intn(10) == 0 {
		sep = "\n"
	}
	headingEvery := 0
	if r.intn(7) == 0 {
		headingEvery = r.between(3, 4)
	}
	for p := range paras {
		if p > 0 {
			b = append(b, sep...)
			if headingEvery > 0 && p%headingEvery == 0 {
				b = g.line(b, g.heading)
				b = append(b, sep...)
			}
		}
		b = g.line(b, g.paragraph)
	}
	return append(b, '\n')
}

func largeID(i int) string {
	s := make([]byte, 0, 16)
	s = append(s, "large-"...)
	n := pad5(i + 1)
	for range 7 - len(n) {
		s = append(s, '0')
	}
	return string(append(s, n...))
}
