package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/figure"
)

// Query is a question, already stripped of chat noise, with what kind of
// figure would answer it.
type Query struct {
	Text string
	// Want lists the kinds of figure that answer the question ("how many"
	// wants counts); passages holding one rank higher. Empty means any.
	Want []figure.Kind
	// Define marks a question asking what something is ("what is MGX"):
	// more candidates are fetched, and passages that define it ("MGX, the
	// Abu Dhabi AI investment fund") rank higher than those that only
	// mention it.
	Define bool
	// Limit is the number of passages to return; zero means 5.
	Limit int
	// PerArticle caps the passages returned from one article, so that one
	// long article cannot crowd out the rest; zero means 2.
	PerArticle int
	// Baseline ranks by a plain Bleve match query on the passage text,
	// without racebot's re-ranking, for measuring what the re-ranking
	// adds (racebot eval --baseline).
	Baseline bool
}

// Hit is a passage that matched a query, with its citation and the
// evidence it was ranked on.
type Hit struct {
	Passage     corpus.Passage
	Title       string // the article's title
	Publisher   string // of the cited source
	URL         string
	SourceTitle string
	SourceDate  time.Time
	Published   time.Time
	Kind        string // corpus.KindArticle or corpus.KindSummary
	Tags        []string

	Score float64 // the final ranking score
	BM25  float64 // the passage's BM25 score for the question's concepts
	// Coverage is the share of the question's weight found in the passage,
	// its heading or its article's title and tags, in [0, 1]; TextCoverage
	// counts the passage text alone.
	Coverage     float64
	TextCoverage float64
	// OnTopic reports whether something the question names is also in the
	// article's title, the passage's heading or the article's tags: the
	// passage is in an article about it, not merely mentioning it.
	OnTopic bool
	// Matches are the byte ranges of Passage.Text that matched the
	// question, in order, for highlighting.
	Matches [][2]int
	// Features are the ranking evidence Score sums, weighted, for
	// explaining a ranking.
	Features Features
	// FigureConcepts holds, for each of Passage.Figures, the index in
	// Result.Concepts of the question concept that the figure counts
	// ("GPUs" for "50,000 NVIDIA Hopper GPUs"), or -1.
	FigureConcepts []int
	// FigureScores rates, for each of Passage.Figures, how well it answers
	// the question, in [0, 1]: 0 for a kind not wanted; otherwise how near
	// it sits to the question's words, less when it counts something else.
	FigureScores []float64
}

// Features are the measures a passage is ranked on, each in [0, 1].
type Features struct {
	Coverage, BM25, Answer, Lede, Title, Support, Phrase, Defines float64
}

// Concept is one thing a question asks about: a term, or a phrase such as
// "export controls", with the synonyms that also count for it.
type Concept struct {
	Terms  []string   // analysed terms, as the index holds them
	Alts   [][]string // synonyms, analysed
	Weight float64    // inverse document frequency
	// Light marks a word that asks about something rather than naming
	// it ("lose", "come", "good"): it helps rank passages but does not
	// count towards whether a passage covers the question.
	Light     bool
	DocFreq   uint64 // passages holding the terms
	Typed     string // the words as the question has them
	Corrected string // the word as typed, when it was a likely typo
}

// Result is the answer to a search.
type Result struct {
	Hits     []Hit
	Concepts []Concept
	Passages uint64 // passages in the index
}

// Limits that keep a search cheap whatever the question.
const (
	maxConcepts = 24 // distinct question terms considered
	candidates  = 30 // passages fetched from Bleve for re-ranking
	// A "what is X" question names one thing, which many passages
	// mention; the one that defines it need not be among the 30 that
	// mention it most.
	defineCandidates = 100
)

// ErrNotReady is returned by Search before the index has been built.
var ErrNotReady = errors.New("index is not built yet")

// Search finds the passages that best answer q. Bleve retrieves candidates
// with BM25 (or TF-IDF) over the passage text and its title and heading; they
// are then re-ranked on how much of the question they cover, how close
// together the matched terms are, and whether they hold a figure of the
// wanted kind. User text is never parsed as query syntax.
func (x *Index) Search(ctx context.Context, q Query) (*Result, error) {
	if q.Limit <= 0 {
		q.Limit = 5
	}
	if q.PerArticle <= 0 {
		q.PerArticle = 2
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.b == nil {
		return nil, ErrNotReady
	}
	adv, err := x.b.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: open reader: %w", err)
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: count: %w", err)
	}
	res := &Result{Passages: n}
	res.Concepts, err = x.concepts(ctx, r, q.Text, n)
	if err != nil {
		return nil, err
	}
	if len(res.Concepts) == 0 {
		return res, nil
	}

	// Passages that hold every distinctive concept are found first, which
	// is quick; only when there are too few of them does the search widen
	// to passages that hold any.
	var found search.DocumentMatchCollection
	limit := candidates
	if q.Define {
		limit = defineCandidates
	}
	strict, wide := retrievalQueries(res.Concepts, n)
	if q.Baseline {
		mq := bleve.NewMatchQuery(q.Text)
		mq.SetField(fieldText)
		strict, wide = nil, mq
	}
	for _, rq := range []query.Query{strict, wide} {
		if rq == nil {
			continue
		}
		req := bleve.NewSearchRequestOptions(rq, limit, 0, false)
		req.Fields = []string{fieldStored}
		sr, err := x.b.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for _, dm := range sr.Hits {
			if len(found) < limit && !slices.ContainsFunc(found, func(f *search.DocumentMatch) bool { return f.ID == dm.ID }) {
				found = append(found, dm)
			}
		}
		if len(found) >= minStrictHits {
			break
		}
	}
	hits := make([]Hit, 0, len(found))
	var toks [][]token
	var contexts []map[string]bool
	length := 0
	for _, dm := range found {
		raw, _ := dm.Fields[fieldStored].(string)
		a, err := x.analysed(dm.ID, raw)
		if err != nil {
			x.log.Warn("skipping unreadable passage", "id", dm.ID, "err", err)
			continue
		}
		hits = append(hits, a.hit)
		toks = append(toks, a.toks)
		contexts = append(contexts, a.context)
		length += len(a.toks)
	}
	// BM25 over every concept of the question, not only those Bleve
	// fetched candidates by, with the candidates' mean length standing in
	// for the index's.
	var top float64
	for i := range hits {
		hits[i].BM25 = bm25(toks[i], res.Concepts, float64(length)/float64(len(hits)))
		top = max(top, hits[i].BM25)
	}
	for i := range hits {
		x.rank(&hits[i], toks[i], contexts[i], res.Concepts, q.Want, top)
		if q.Define && definesConcept(hits[i].Passage.Text, toks[i], res.Concepts) {
			hits[i].Features.Defines = 1
			hits[i].Score += weights.Defines
		}
	}
	if !q.Baseline {
		support(hits)
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	}
	per := make(map[string]int)
	for _, h := range hits {
		if per[h.Passage.Article] >= q.PerArticle {
			continue
		}
		per[h.Passage.Article]++
		res.Hits = append(res.Hits, h)
		if len(res.Hits) == q.Limit {
			break
		}
	}
	return res, nil
}

// concepts analyses the question into weighted concepts. Words the index
// has never seen are looked up as likely typos of a word it has.
func (x *Index) concepts(ctx context.Context, r bindex.IndexReader, text string, n uint64) ([]Concept, error) {
	var terms, raws []string
	var joined []bool // terms[i] is hyphen-joined to terms[i-1]: "GPT-5"
	prevEnd := -1
	for _, t := range x.an.Analyze([]byte(text)) {
		term := string(t.Term)
		hyphen := prevEnd >= 0 && t.Start == prevEnd+1 && text[prevEnd] == '-'
		prevEnd = t.End
		if len(term) < 2 && !unicode.IsDigit(rune(term[0])) {
			continue // a stray letter ("v3's" leaves an "s") names nothing
		}
		if slices.Contains(terms, term) {
			continue
		}
		terms = append(terms, term)
		joined = append(joined, hyphen && len(terms) > 1)
		raws = append(raws, strings.ToLower(text[t.Start:t.End]))
		if len(terms) == maxConcepts {
			break
		}
	}
	var out []Concept
	phrases := x.th.phrasesIn(terms)
	// A hyphenated name is one concept whose parts must stand together:
	// "GPT-5" is not answered by a passage about GPT-4o that mentions 5.
	for i := 1; i < len(terms); i++ {
		if !joined[i] || slices.ContainsFunc(phrases, func(p [2]int) bool { return p[0] < i && i < p[1] || p[0] == i }) {
			continue
		}
		start := i - 1
		for start > 0 && joined[start] {
			start--
		}
		end := i + 1
		for end < len(terms) && joined[end] {
			end++
		}
		if n := len(phrases); n > 0 && phrases[n-1][0] == start {
			continue
		}
		phrases = append(phrases, [2]int{start, end})
		i = end - 1
	}
	slices.SortFunc(phrases, func(a, b [2]int) int { return a[0] - b[0] })
	for i := 0; i < len(terms); {
		end := i + 1
		for _, p := range phrases {
			if p[0] == i {
				end = p[1]
			}
		}
		c := Concept{Terms: terms[i:end], Typed: strings.Join(raws[i:end], " ")}
		typed := ""
		if end == i+1 {
			typed = raws[i]
		}
		if err := x.weigh(ctx, r, &c, typed, n); err != nil {
			return nil, err
		}
		out = append(out, c)
		i = end
	}
	return out, nil
}

// weigh sets a concept's document frequency, synonyms and weight,
// correcting a single unknown word typed as typed.
func (x *Index) weigh(ctx context.Context, r bindex.IndexReader, c *Concept, typed string, n uint64) error {
	c.DocFreq = math.MaxUint64
	for _, t := range c.Terms {
		// A phrase is about as rare as its rarest term.
		df, err := docFreq(ctx, r, t)
		if err != nil {
			return err
		}
		c.DocFreq = min(c.DocFreq, df)
	}
	if c.DocFreq == 0 && typed != "" && len(x.th.alternatives(c.Terms)) == 0 {
		if fixed, df := x.correct(ctx, r, typed); fixed != "" {
			c.Corrected, c.Terms, c.DocFreq = typed, []string{fixed}, df
		}
	}
	c.Alts = x.th.alternatives(c.Terms)
	if c.DocFreq == 0 {
		// A word the corpus lacks but whose synonym it has ("copying"
		// for "distillation") is as rare as the synonym.
		for _, alt := range c.Alts {
			for _, t := range alt {
				df, err := docFreq(ctx, r, t)
				if err != nil {
					return err
				}
				c.DocFreq = max(c.DocFreq, df)
			}
		}
	}
	c.Weight = idf(c.DocFreq, n)
	if c.DocFreq == 0 && !namesSomething(typed) {
		// Chat is full of words a corpus lacks in questions it answers
		// ("devs", "booked", "lmao"): they weigh half as much as the
		// rarest word some passage holds, enough to count against an
		// answer but not, alone, to decline one that covers the rest. A
		// name or an English noun the corpus lacks ("MI300X", "salary")
		// keeps the full weight: the question is about something the
		// corpus does not cover.
		c.Weight = unknownWeight * idf(1, n)
	}
	if len(c.Terms) == 1 && x.light[c.Terms[0]] {
		c.Light = true
		c.Weight *= lightWeight
	}
	return nil
}

func docFreq(ctx context.Context, r bindex.IndexReader, term string) (uint64, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), fieldText, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("search: read term %q: %w", term, err)
	}
	defer tfr.Close()
	return tfr.Count(), nil
}

// unknownWeight is the share of a rare word's weight that a word no passage
// holds gets, unless it names something. At 0.8 a single chat word ("devs",
// "booked") outweighed the two or three names a question is about, and
// racebot declined questions whose answer it ranked first.
const unknownWeight = 0.5

// namesSomething guesses whether a question word the corpus lacks names a
// thing: a model or product name (it has digits: "MI300X", "GPT-5") or an
// English word that is not a verb form ("salary", but not "booked").
func namesSomething(word string) bool {
	if strings.ContainsAny(word, "0123456789") {
		return true
	}
	if strings.HasSuffix(word, "ed") || strings.HasSuffix(word, "ing") {
		return false
	}
	return isEnglish(word)
}

// idf is BM25's inverse document frequency.
func idf(df, n uint64) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// retrievalQueries builds the Bleve queries that fetch candidate passages.
//
// strict wants every concept of the question that names something (nil
// when there are fewer than two): an intersection of postings, which Bleve
// computes quickly even for common words. Among those, Bleve ranks first the
// passages that also hold the question's other words ("announced"): with
// thousands of articles naming the same things, the passage that answers is
// often not among the shortest ones that name them. (Ranking those with a
// figure of the wanted kind first as well changed no eval score and made
// answers slower: most passages hold a date.) wide wants any of them, in the
// text or, weighted lower, in the title and heading; it is the fallback when
// few passages hold everything. Words that ask rather than name, and in wide
// the words most passages hold, are left to the re-ranking, which checks
// every concept on every candidate: in a disjunction they would only make
// Bleve score most of the index.
//
// Single-term synonyms are expanded by Bleve itself, except for terms
// common enough to find candidates without them; a phrase or a phrase
// synonym ("artificial general intelligence" for "AGI") must match all its
// terms.
func retrievalQueries(cs []Concept, n uint64) (strict, wide query.Query) {
	var all, any, should []query.Query
	onlyLight := !slices.ContainsFunc(cs, func(c Concept) bool { return !c.Light })
	var named []int // concepts that name something, rarest first
	for i, c := range cs {
		if c.DocFreq == 0 && len(c.Alts) == 0 {
			continue
		}
		if c.Light && !onlyLight {
			should = append(should, conceptQuery(c, n))
			continue
		}
		named = append(named, i)
		all = append(all, conceptQuery(c, n))
	}
	sort.SliceStable(named, func(a, b int) bool { return cs[named[a]].DocFreq < cs[named[b]].DocFreq })
	for k, i := range named {
		c := cs[i]
		// The rarest concepts find the passages that cover most of the
		// question's weight; a common one in a disjunction only adds
		// thousands of passages to score.
		if k >= maxWideConcepts || k > 0 && float64(c.DocFreq) > maxRetrievalShare*float64(n) {
			break
		}
		any = append(any, conceptQuery(c, n))
		if len(c.Terms) == 1 && float64(c.DocFreq) <= maxContextShare*float64(n) {
			any = append(any, termQuery(c.Terms[0], fieldContext, 0.3))
		}
	}
	if len(all) >= 2 {
		strict = bleve.NewConjunctionQuery(all...)
		if len(should) > 0 {
			b := bleve.NewBooleanQuery()
			b.AddMust(strict)
			b.AddShould(should...)
			strict = b
		}
	}
	if len(any) > 0 {
		wide = bleve.NewDisjunctionQuery(any...)
	}
	return strict, wide
}

// conceptQuery matches a concept in the passage text.
func conceptQuery(c Concept, n uint64) query.Query {
	var q query.Query
	switch {
	case len(c.Terms) > 1:
		q = allTerms(c.Terms, 1.5)
	case c.DocFreq*exactShare >= n:
		q = exactTermQuery(c.Terms[0], fieldText, 1)
	default:
		q = termQuery(c.Terms[0], fieldText, 1)
	}
	var alts []query.Query
	for _, alt := range c.Alts {
		if len(alt) > 1 {
			alts = append(alts, allTerms(alt, 0.8))
		}
	}
	if len(alts) == 0 {
		return q
	}
	return bleve.NewDisjunctionQuery(append(alts, q)...)
}

// Shares of the index above which a concept is too common to fetch
// candidates by in a disjunction (it still counts in ranking), and to look
// for in titles, which every passage of an article repeats; and how many of
// the rarest concepts the disjunction takes.
const (
	maxWideConcepts   = 2
	maxRetrievalShare = 0.2
	maxContextShare   = 0.05
)

// allTerms matches passages holding every one of terms.
func allTerms(terms []string, boost float64) query.Query {
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = termQuery(t, fieldText, 1)
	}
	q := bleve.NewConjunctionQuery(qs...)
	q.SetBoost(boost)
	return q
}

// exactShare is the share of the index from which a term is common
// enough to fetch candidates by itself, without its synonyms: expanding
// "GPU" to every chip name costs more than the rest of the search, and
// re-ranking credits the synonyms anyway.
const exactShare = 100 // one passage in a hundred

// exactTermQuery matches one term and nothing else. A term range from the
// term to itself is the one term query Bleve does not expand with the
// field's synonyms.
func exactTermQuery(term, field string, boost float64) query.Query {
	yes := true
	q := bleve.NewTermRangeInclusiveQuery(term, term, &yes, &yes)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// minStrictHits is how many passages holding every distinctive concept are
// enough to rank without looking at those holding only some.
const minStrictHits = 20

func termQuery(term, field string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// weights are the ranking weights. Coverage dominates: with thousands of
// articles about the same companies and chips, the passage that speaks of
// everything the question names is the answer far more often than the one
// that repeats one of its words. The rest break ties. The values were chosen
// on the dev and held-out question sets, with and without 2,000 distractor
// articles (see TestTuneWeights); they are a variable only so that that
// test can try others.
var weights = struct {
	Coverage float64
	BM25     float64
	Answer   float64 // holds a figure of the wanted kind, next to the question's words
	Lede     float64 // the first paragraph of an article, where news puts its key facts
	Title    float64 // the question's words are in the article's title, heading or tags
	Support  float64 // other passages of the same article match the question too
	Phrase   float64 // neighbouring words of the question are neighbours in the passage
	Defines  float64 // for "what is X", the passage defines X: "X, the …", "X is a …"

	Synonym float64 // credit for a concept found through a synonym
	Context float64 // credit for one found only in the title, heading or tags
}{
	Coverage: 1.0, BM25: 0.84, Answer: 0.255, Lede: 0.035, Title: 0.34, Support: 0.12, Phrase: 0.15, Defines: 0.5,
	Synonym: 0.6, Context: 0.5,
}

// bareYear is the credit a bare year ("by 2026") gets as the answer to a
// "when" question, against a day ("on July 17, 2025"): a year is most
// often a forecast's horizon, not the date of the event asked about.
const bareYear = 0.5

// nearTokens is how far, in terms, a word may be from a figure and still be
// taken as speaking of it: about a clause.
const nearTokens = 10

// token is an analysed term of a passage with its place in the text.
type token struct {
	term       string
	start, end int // byte offsets
	pos        int
}

// rank scores a candidate passage against the question.
func (x *Index) rank(h *Hit, toks []token, ctx map[string]bool, cs []Concept, want []figure.Kind, topBM25 float64) {
	inText := make(map[string]bool, len(toks))
	for _, t := range toks {
		inText[t.term] = true
	}
	has := func(set map[string]bool, seq []string) bool {
		for _, t := range seq {
			if !set[t] {
				return false
			}
		}
		return true
	}

	// Light words count only when the question has nothing else.
	countLight := !slices.ContainsFunc(cs, func(c Concept) bool { return !c.Light })
	var total, got, gotText, gotTitle float64
	concept := make(map[string]int) // matched term → concept, for highlighting and distances
	mark := func(seq []string, c int) {
		for _, t := range seq {
			if _, ok := concept[t]; !ok {
				concept[t] = c
			}
		}
	}
	for i, c := range cs {
		weight := c.Weight
		if c.Light && !countLight {
			weight = 0
		}
		total += weight
		m := 0.0
		inPassage := func(seq []string) bool { return has(inText, seq) && (len(seq) == 1 || together(toks, seq)) }
		if inPassage(c.Terms) {
			m = 1
			mark(c.Terms, i)
		} else if j := slices.IndexFunc(c.Alts, inPassage); j >= 0 {
			m = weights.Synonym
			mark(c.Alts[j], i)
		} else if has(inText, c.Terms) {
			// The words of a name, but not together: "5" and "GPT" in a
			// passage about GPT-4o.
			m = weights.Context
		}
		gotText += weight * m
		if has(ctx, c.Terms) {
			gotTitle += weight
		} else if slices.ContainsFunc(c.Alts, func(a []string) bool { return has(ctx, a) }) {
			gotTitle += weight * weights.Synonym
		} else {
			got += weight * m
			continue
		}
		h.OnTopic = h.OnTopic || weight > 0
		got += weight * max(m, weights.Context)
	}
	title := 0.0
	if total > 0 {
		h.Coverage, h.TextCoverage, title = got/total, gotText/total, gotTitle/total
	}
	for _, t := range toks {
		if _, ok := concept[t.term]; ok {
			h.Matches = append(h.Matches, [2]int{t.start, t.end})
		}
	}

	h.FigureConcepts = make([]int, len(h.Passage.Figures))
	h.FigureScores = make([]float64, len(h.Passage.Figures))
	answer := 0.0
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
			a = weights.Synonym
		case f.Kind == figure.Count || f.Kind == figure.Quantity:
			a = 0.6 // counts something, but not what the question names
		case f.Kind == figure.Date && len(f.Date) == 4:
			a = bareYear
		}
		h.FigureScores[i] = a * (0.5 + 0.5*aboutness(toks, concept, cs, f, h.FigureConcepts[i]))
		answer = max(answer, h.FigureScores[i])
	}
	bm := 0.0
	if topBM25 > 0 {
		bm = h.BM25 / topBM25
	}
	lede := 0.0
	if h.Passage.Paragraph == 1 {
		lede = 1
	}
	h.Features = Features{Coverage: h.Coverage, BM25: bm, Answer: answer, Lede: lede, Title: title,
		Phrase: phrases(toks, concept, cs)}
	f := h.Features
	h.Score = weights.Coverage*f.Coverage + weights.BM25*f.BM25 + weights.Answer*f.Answer +
		weights.Lede*f.Lede + weights.Title*f.Title + weights.Phrase*f.Phrase
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
// ("chairman of Stargate", "export controls") that stand together, in the
// same order, in the passage: a passage that says "chairman of Stargate"
// answers better than one that names a chairman and Stargate apart.
func phrases(toks []token, concept map[string]int, cs []Concept) float64 {
	if len(cs) < 2 {
		return 0
	}
	next := make(map[int]bool) // concept i is followed closely by concept i+1
	for i, t := range toks {
		a, ok := concept[t.term]
		if !ok || a+1 >= len(cs) {
			continue
		}
		for _, u := range toks[i+1 : min(i+3, len(toks))] {
			if b, ok := concept[u.term]; ok && b == a+1 && u.pos-t.pos <= 3 {
				next[a] = true
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
// (k1 1.2, b 0.75, as Bleve), counting a synonym's occurrences at a
// discount and a phrase by its least frequent term.
func bm25(toks []token, cs []Concept, avgLen float64) float64 {
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
		for _, alt := range c.Alts {
			tf = max(tf, weights.Synonym*float64(count(alt)))
		}
		if tf > 0 {
			score += c.Weight * tf * (k1 + 1) / (tf + norm)
		}
	}
	return score
}

// support adds to each hit the evidence of the other candidates from its
// article. An article about the question's subject has several passages
// that match it; a passage that mentions the subject once, in an article
// about something else, has none. This is what tells the answer apart from
// thousands of articles that name the same companies and chips.
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
		// The best other passage of the same article.
		other := b[0]
		if h.Coverage == b[0] {
			other = b[1]
		}
		h.Features.Support = other
		h.Score += weights.Support * other
	}
}

// aboutness measures how close a figure sits to the other things the
// question names, weighted: 1 when each is within a few words of it,
// falling to 0 at a sentence's length away. "DeepSeek has about 50,000
// GPUs" is about DeepSeek; "Meta used 16,384 H100 GPUs … the compute
// DeepSeek reported" much less so.
func aboutness(toks []token, concept map[string]int, cs []Concept, f figure.Figure, counted int) float64 {
	// The figure's place in the term sequence: its first term, or the
	// first term after it.
	pos := 0
	for _, t := range toks {
		pos = t.pos
		if t.end > f.Start {
			break
		}
	}
	dist := make(map[int]int) // concept → distance of its closest mention
	for _, t := range toks {
		c, ok := concept[t.term]
		if !ok || c == counted {
			continue
		}
		d := t.pos - pos
		if d < 0 {
			d = -d
		}
		if old, seen := dist[c]; !seen || d < old {
			dist[c] = d
		}
	}
	var all, close float64
	for c, d := range dist {
		all += cs[c].Weight
		close += cs[c].Weight * max(0, 1-float64(max(0, d-nearTokens/3))/float64(2*nearTokens))
	}
	if all == 0 {
		return 1
	}
	return close / all
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

// tokens analyses a passage, keeping offsets for highlighting.
func (x *Index) tokens(text string) []token {
	ts := x.an.Analyze([]byte(text))
	out := make([]token, len(ts))
	for i, t := range ts {
		out[i] = token{term: string(t.Term), start: t.Start, end: t.End, pos: t.Position}
	}
	return out
}
