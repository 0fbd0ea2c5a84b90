package index

import (
	"container/list"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/racebot/racebot/corpus/figure"
)

// analysed is a candidate passage decoded from the index and analysed for
// ranking: the work that does not depend on the question.
type analysed struct {
	hit     Hit             // the passage and its citation, before ranking
	toks    []token         // its text's terms, with offsets
	terms   map[string]bool // the same terms, as a set
	context map[string]bool // the terms of its title, heading and tags
	// scope are the terms of context outside a list of names in the
	// title ("Microsoft, Meta, Alphabet and Amazon set record …") and,
	// with such a title, outside the tags: an article that lists several
	// subjects is not about each of its passages' subject.
	scope map[string]bool
	runs  []run // its runs of capitalised words
	// sentenceEnds are the byte offsets where its text's sentences end
	// (sentenceEnds).
	sentenceEnds []int

	// names are the proper names in its text, found the first time a
	// question asks for one: most do not.
	namesOnce sync.Once
	names     []name
}

// titleListRE finds a list of three or more names in a title: "Microsoft,
// Meta, Alphabet and Amazon", "Wang, Altman, Amodei, Hassabis and others".
var titleListRE = regexp.MustCompile(titleName + `(?:, ` + titleName + `)+,? (?:and|&) (?:others|` + titleName + `)`)

// titleName is a run of capitalised words ("Goldman Sachs", "A800").
const titleName = `\p{Lu}[\p{L}\p{N}&.'’-]*(?: \p{Lu}[\p{L}\p{N}&.'’-]*)*`

// properNames returns the proper names of the passage.
func (a *analysed) properNames() []name {
	a.namesOnce.Do(func() { a.names = names(a.hit.Passage.Text, a.toks, a.runs) })
	return a.names
}

// passageCache keeps the most recently ranked passages analysed. Questions
// in a chat keep coming back to the same articles, and decoding and
// analysing a candidate costs more than ranking it. It is emptied whenever
// the index changes.
type passageCache struct {
	mu      sync.Mutex
	max     int
	entries map[string]*list.Element // doc ID → element holding *analysed
	order   *list.List               // most recently used first
}

// cachedPassages is how many analysed passages an index keeps: a few
// megabytes.
const cachedPassages = 2048

func newPassageCache(max int) *passageCache {
	return &passageCache{max: max, entries: make(map[string]*list.Element), order: list.New()}
}

func (c *passageCache) get(id string) (*analysed, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*analysed), true
}

func (c *passageCache) put(id string, a *analysed) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[id]; ok {
		e.Value = a
		c.order.MoveToFront(e)
		return
	}
	c.entries[id] = c.order.PushFront(a)
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(*analysed).hit.Passage.ID())
	}
}

func (c *passageCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
	c.order.Init()
}

// analyse decodes and analyses a stored passage, or takes it from the
// cache.
func (x *Index) analysed(id, raw string) (*analysed, error) {
	if a, ok := x.cache.get(id); ok {
		return a, nil
	}
	h, err := decodeStored(id, raw)
	if err != nil {
		return nil, err
	}
	a := &analysed{hit: h, toks: x.tokens(h.Passage.Text), context: make(map[string]bool)}
	a.runs = runs(h.Passage.Text, a.toks)
	a.sentenceEnds = sentenceEnds(h.Passage.Text)
	a.terms = make(map[string]bool, len(a.toks))
	for _, t := range a.toks {
		a.terms[t.term] = true
	}
	for _, t := range analyse(x.an, h.Title+"\n"+h.Passage.Heading+"\n"+strings.ReplaceAll(strings.Join(h.Tags, " "), "-", " ")) {
		a.context[t] = true
	}
	a.scope = a.context
	if loc := titleListRE.FindStringIndex(h.Title); loc != nil {
		a.scope = make(map[string]bool, len(a.context))
		// The tags of such an article list the same subjects.
		for _, t := range analyse(x.an, h.Title[:loc[0]]+"\n"+h.Title[loc[1]:]+"\n"+h.Passage.Heading) {
			a.scope[t] = true
		}
	}
	x.cache.put(id, a)
	return a, nil
}

// sentenceEnds returns where the sentences of text end, as the figure
// extractor cuts them (figure.SentenceEnds), except that a stretch without
// a letter goes with the sentence after it: a list marker ("1.", "•") opens
// the item it numbers rather than being a sentence of its own, which would
// leave the item's first sentence out of Features.Opening.
func sentenceEnds(text string) []int {
	ends := figure.SentenceEnds(text)
	out := ends[:0]
	start := 0
	for i, e := range ends {
		if i < len(ends)-1 && !strings.ContainsFunc(text[start:e], unicode.IsLetter) {
			continue
		}
		out = append(out, e)
		start = e
	}
	return out
}
