package index

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/size"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Building the index spends most of its time analysing passages: Bleve's
// document mapping walks a struct by reflection, and its fields build their
// term frequencies token by token, with an allocation or two for each. The
// fields here give Bleve the same terms, frequencies and lengths for the same
// field names and options, read from the index mapping (which stays what
// queries and synonyms are analysed with), for a fraction of the cost:
//
//   - text is split by the same word scanner as racebot's tokenizer, and
//     what the analyzer's filters make of each distinct word is remembered
//     (wordMemo), which is exact because those filters look at one token
//     at a time;
//   - a field that does not depend on the passage alone (the article's
//     title and the heading above it) is analysed once and shared
//     (docCache).
//
// TestDocMatchesMapping checks the documents against Bleve's mapping of the
// same passages, and TestIndexMatchesMapping the index built from them.

// field is a document field whose analysis racebot does. It implements
// Bleve's document.Field.
type field struct {
	name    string
	typ     byte // Bleve's encoded field type: 't', 'n' or 'd'
	options bindex.FieldIndexingOptions
	value   []byte
	plain   uint64 // NumPlainTextBytes
	text    *fieldSpec
	length  int
	freqs   bindex.TokenFrequencies
}

var reflectStaticSizeField = int(reflect.TypeOf(field{}).Size())

func (f *field) Name() string                                      { return f.name }
func (f *field) ArrayPositions() []uint64                          { return nil }
func (f *field) Options() bindex.FieldIndexingOptions              { return f.options }
func (f *field) Value() []byte                                     { return f.value }
func (f *field) NumPlainTextBytes() uint64                         { return f.plain }
func (f *field) EncodedFieldType() byte                            { return f.typ }
func (f *field) AnalyzedLength() int                               { return f.length }
func (f *field) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

// Size estimates the memory the field holds; Bleve only keeps statistics of
// it, so it is not worth walking the frequencies as Bleve's fields do.
func (f *field) Size() int {
	return reflectStaticSizeField + len(f.name) + len(f.value) +
		len(f.freqs)*(size.SizeOfString+size.SizeOfPtr+48+8)
}

// Analyze computes the frequencies of a text field; the others are built
// with theirs.
func (f *field) Analyze() {
	if f.text != nil {
		f.length, f.freqs = f.text.analyse(f.value)
	}
}

// fieldSpec is what the index mapping says about one field of a passage
// document.
type fieldSpec struct {
	name     string
	options  bindex.FieldIndexingOptions
	analyzer analysis.Analyzer // text fields that are indexed
	memo     *wordMemo         // the analyzer's filters, memoised per word
}

// specOf reads the mapping of a top-level field, which must be of type typ.
func specOf(m *mapping.IndexMappingImpl, name, typ string) (*fieldSpec, error) {
	dm := m.DefaultMapping.Properties[name]
	if dm == nil || len(dm.Fields) != 1 || !dm.Enabled {
		return nil, fmt.Errorf("index mapping: field %q is not mapped once", name)
	}
	fm := dm.Fields[0]
	if fm.Type != typ || (fm.Name != "" && fm.Name != name) {
		return nil, fmt.Errorf("index mapping: field %q is %s %q, want %s", name, fm.Type, fm.Name, typ)
	}
	s := &fieldSpec{name: name, options: fm.Options()}
	if typ != "text" || !fm.Index {
		return s, nil
	}
	an := fm.Analyzer
	if an == "" {
		an = dm.DefaultAnalyzer
	}
	if an == "" {
		an = m.DefaultMapping.DefaultAnalyzer
	}
	if an == "" {
		an = m.DefaultAnalyzer
	}
	if s.analyzer = m.AnalyzerNamed(an); s.analyzer == nil {
		return nil, fmt.Errorf("index mapping: field %q: no analyzer %q", name, an)
	}
	if da, ok := s.analyzer.(*analysis.DefaultAnalyzer); ok && len(da.CharFilters) == 0 {
		if _, ok := da.Tokenizer.(*wordTokenizer); ok && perToken(da.TokenFilters) {
			s.memo = newWordMemo(da.TokenFilters)
		}
	}
	return s, nil
}

// perToken reports whether every filter maps one token to at most one,
// looking at nothing but that token's term: then what a chain of them makes
// of a word does not depend on the words around it.
func perToken(filters []analysis.TokenFilter) bool {
	for _, f := range filters {
		switch f.(type) {
		case *en.PossessiveFilter, *lowercase.LowerCaseFilter, *foldFilter, *stop.StopTokensFilter, *cachedStemmer:
		default:
			return false
		}
	}
	return true
}

// textField returns a text field holding value, analysed by Bleve's worker
// pool like Bleve's own text fields.
func (s *fieldSpec) textField(value string) *field {
	f := &field{}
	s.setText(f, value)
	return f
}

// setText makes f a text field holding value.
func (s *fieldSpec) setText(f *field, value string) {
	*f = field{name: s.name, typ: 't', options: s.options, value: []byte(value), plain: uint64(len(value)), text: s}
}

// analyse returns the length and term frequencies of a text value: what
// document.TextField.Analyze computes.
func (s *fieldSpec) analyse(value []byte) (int, bindex.TokenFrequencies) {
	if s.memo != nil {
		if n, freqs, ok := s.memo.frequencies(value, s.options); ok {
			return n, freqs
		}
	}
	if s.options.IsStored() {
		value = bytes.Clone(value) // filters may rewrite the input in place
	}
	tokens := s.analyzer.Analyze(value)
	return len(tokens), analysis.TokenFrequency(tokens, nil, s.options)
}

// keywordField returns a field holding values, each one term, as Bleve's
// keyword analyzer indexes a field of several values; nil for none.
func (s *fieldSpec) keywordField(values ...string) *field {
	if len(values) == 0 {
		return nil
	}
	f := &field{name: s.name, typ: 't', options: s.options, value: []byte(values[0]), length: len(values)}
	f.freqs = make(bindex.TokenFrequencies, len(values))
	for _, v := range values {
		f.plain += uint64(len(v))
		tf := f.freqs[v]
		if tf == nil {
			tf = &bindex.TokenFreq{Term: []byte(v)}
			f.freqs[v] = tf
		}
		if !s.options.SkipFreqNorm() {
			tf.SetFrequency(tf.Frequency() + 1)
		}
	}
	return f
}

// setStored makes f a text field that is stored and not indexed, as
// document.TextField stores one.
func (s *fieldSpec) setStored(f *field, value []byte) {
	*f = field{name: s.name, typ: 't', options: s.options, value: value, plain: uint64(len(value))}
}

// wordMemo remembers what a chain of per-token filters makes of each word
// (a term, or nothing for a stop word), so that analysing a passage costs
// a map lookup a word. Lookups read an immutable snapshot without locking;
// new words wait in pending, under mu, until there are enough of them to
// publish a new snapshot.
type wordMemo struct {
	filters []analysis.TokenFilter
	snap    atomic.Pointer[map[string]*memoTerm] // word → term, nil if dropped

	mu      sync.Mutex
	pending map[string]*memoTerm
	terms   map[string]*memoTerm // every term, once: words with one stem share it
	words   int                  // in snap and pending
}

// memoTerm is a term the index holds.
type memoTerm struct {
	id   int    // dense, for counting a passage's terms
	term []byte // never modified
	key  string // term as a string
}

// maxMemoWords bounds a memo; passages with words past it are analysed
// the ordinary way.
const maxMemoWords = 1 << 18

func newWordMemo(filters []analysis.TokenFilter) *wordMemo {
	m := &wordMemo{filters: filters, pending: make(map[string]*memoTerm), terms: make(map[string]*memoTerm)}
	m.snap.Store(&map[string]*memoTerm{})
	return m
}

// lookup returns what the filters make of raw, a word of the given type:
// its term, or nil for a word they drop. It reports false when the memo is
// full.
func (m *wordMemo) lookup(raw []byte, typ analysis.TokenType) (*memoTerm, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	// Look again now that no one else can add the word.
	if t, ok := m.pending[string(raw)]; ok {
		return t, true
	}
	snap := *m.snap.Load()
	if t, ok := snap[string(raw)]; ok {
		return t, true
	}
	if m.words >= maxMemoWords {
		return nil, false
	}
	tokens := analysis.TokenStream{&analysis.Token{Term: bytes.Clone(raw), End: len(raw), Position: 1, Type: typ}}
	for _, f := range m.filters {
		tokens = f.Filter(tokens)
	}
	var t *memoTerm
	switch len(tokens) {
	case 0:
	case 1:
		if t = m.terms[string(tokens[0].Term)]; t == nil {
			t = &memoTerm{id: len(m.terms), term: tokens[0].Term, key: string(tokens[0].Term)}
			m.terms[t.key] = t
		}
	default:
		return nil, false
	}
	m.words++
	m.pending[string(raw)] = t
	if len(m.pending) >= max(256, len(snap)/4) {
		next := make(map[string]*memoTerm, len(snap)+len(m.pending))
		maps.Copy(next, snap)
		maps.Copy(next, m.pending)
		m.snap.Store(&next)
		m.pending = make(map[string]*memoTerm)
	}
	return t, true
}

// countScratch is the working memory of one frequencies call.
type countScratch struct {
	spans  []span
	terms  []*memoTerm // distinct terms of the passage, in order
	counts []int       // occurrences of terms[i]
	stamp  []uint32    // stamp[id] == serial: term id is terms[slot[id]]
	slot   []int32
	serial uint32
}

var countScratchPool = sync.Pool{New: func() any { return new(countScratch) }}

// frequencies analyses value as the filters do, reporting false when the
// memo cannot: the text holds a character racebot's word scanner leaves to
// the unicode tokenizer, or the memo is full.
func (m *wordMemo) frequencies(value []byte, options bindex.FieldIndexingOptions) (int, bindex.TokenFrequencies, bool) {
	sc := countScratchPool.Get().(*countScratch)
	defer countScratchPool.Put(sc)
	var ok bool
	if sc.spans, ok = scanWords(sc.spans[:0], value); !ok {
		return 0, nil, false
	}
	if sc.serial++; sc.serial == 0 {
		clear(sc.stamp)
		sc.serial = 1
	}
	sc.terms, sc.counts = sc.terms[:0], sc.counts[:0]
	snap := *m.snap.Load()
	length := 0
	for _, sp := range sc.spans {
		raw := value[sp.start:sp.end]
		t, ok := snap[string(raw)]
		if !ok {
			typ := analysis.AlphaNumeric
			if sp.numeric {
				typ = analysis.Numeric
			}
			if t, ok = m.lookup(raw, typ); !ok {
				return 0, nil, false
			}
		}
		if t == nil {
			continue
		}
		length++
		if t.id >= len(sc.stamp) {
			n := max(2*len(sc.stamp), t.id+1, 1024)
			sc.stamp = append(sc.stamp, make([]uint32, n-len(sc.stamp))...)
			sc.slot = append(sc.slot, make([]int32, n-len(sc.slot))...)
		}
		if sc.stamp[t.id] == sc.serial {
			sc.counts[sc.slot[t.id]]++
			continue
		}
		sc.stamp[t.id] = sc.serial
		sc.slot[t.id] = int32(len(sc.terms))
		sc.terms = append(sc.terms, t)
		sc.counts = append(sc.counts, 1)
	}
	freqs := make(bindex.TokenFrequencies, len(sc.terms))
	slab := make([]bindex.TokenFreq, len(sc.terms))
	for i, t := range sc.terms {
		tf := &slab[i]
		tf.Term = t.term
		if !options.SkipFreqNorm() {
			tf.SetFrequency(sc.counts[i])
		}
		freqs[t.key] = tf
	}
	clear(sc.terms) // let the memo go with its build
	return length, freqs, true
}
