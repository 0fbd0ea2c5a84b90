package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/figure"
)

// docMaker builds the Bleve document of a passage, with the fields the
// index mapping (newMapping) defines: see fields.go.
type docMaker struct {
	text, context, day, source, stored *fieldSpec
}

// newDocMaker reads the fields of the mapping m. It fails if they are not
// the fields newDoc fills.
func newDocMaker(m mapping.IndexMapping) (*docMaker, error) {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok || im.DefaultMapping == nil {
		return nil, fmt.Errorf("index mapping: unexpected %T", m)
	}
	var (
		d   docMaker
		err error
	)
	for _, f := range []struct {
		spec       **fieldSpec
		name, kind string
	}{
		{&d.text, fieldText, "text"},
		{&d.context, fieldContext, "text"},
		{&d.day, fieldDay, "text"},
		{&d.source, fieldSource, "text"},
		{&d.stored, fieldStored, "text"},
	} {
		if *f.spec, err = specOf(im, f.name, f.kind); err != nil {
			return nil, err
		}
		if (*f.spec).options.IncludeTermVectors() {
			// Fields of several values would need the positions of each.
			return nil, fmt.Errorf("index mapping: field %q has term vectors, which documents are built without", f.name)
		}
	}
	if d.stored.options.IsIndexed() {
		return nil, fmt.Errorf("index mapping: field %q must be stored only", fieldStored)
	}
	return &d, nil
}

// docCache builds documents for one goroutine, and holds the context
// fields of the article it is on: Bleve only reads a field once it is
// analysed, so one field, analysed when it is made, can serve every passage
// under one heading.
type docCache struct {
	m           *docMaker
	a           *corpus.Article
	src         corpus.Source
	day, source *field            // the article's, nil when it has none
	contexts    map[string]*field // by heading
}

// passageDoc is a passage's document with the fields no other passage
// shares. Bleve adds the _id field.
type passageDoc struct {
	doc          document.Document
	fields       [5]document.Field
	text, stored field
}

func (d *docMaker) cache() *docCache {
	return &docCache{m: d, contexts: make(map[string]*field)}
}

// newDoc returns the document of passage p of article a, as indexed under
// the passage's ID.
func (c *docCache) newDoc(a *corpus.Article, p *corpus.Passage) *document.Document {
	if c.a != a {
		c.a, c.src = a, a.Cite()
		c.day, c.source = nil, nil
		if !a.Published.IsZero() {
			c.day = c.m.day.keywordField(a.Published.Format(time.DateOnly))
		}
		c.source = c.m.source.keywordField(sourceWords(a)...)
		clear(c.contexts)
	}
	// The document and the fields that are the passage's own are one
	// allocation: Bleve visits a document's fields several times while
	// building a segment, and finds them together.
	pd := &passageDoc{}
	doc := &pd.doc
	doc.Fields = pd.fields[:0]
	doc.SetID(p.Article + "/" + strconv.Itoa(p.Paragraph)) // p.ID()
	c.m.text.setText(&pd.text, p.Text)
	doc.AddField(&pd.text)
	ctx := c.contexts[p.Heading]
	if ctx == nil {
		ctx = c.m.context.textField(strings.TrimSpace(a.Title + "\n" + p.Heading))
		ctx.Analyze()
		ctx.text = nil // analysed: it can be shared
		c.contexts[p.Heading] = ctx
	}
	doc.AddField(ctx)
	if c.day != nil {
		doc.AddField(c.day)
	}
	if c.source != nil {
		doc.AddField(c.source)
	}
	c.m.stored.setStored(&pd.stored, encodeStored(a, &c.src, p))
	doc.AddField(&pd.stored)
	doc.SetIndexed()
	return doc
}

// sourceWords are the words a source: filter matches an article by: each
// word of its sources' publishers, in lower case, once.
func sourceWords(a *corpus.Article) []string {
	var out []string
	for _, s := range a.Sources {
		for w := range strings.FieldsFuncSeq(strings.ToLower(s.Publisher), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// The stored passage is everything an answer needs about it, so that
// answering never reads the corpus. It is encoded compactly:
//
//	version byte (storedVersion)
//	varint paragraph, line
//	string title, heading, text, publisher, url, source title, kind
//	time   source date, published
//	uvarint tag count, then each tag as a string
//	uvarint figure count, then each figure:
//	  uvarint start, end (byte offsets in text: a figure's text is the
//	    passage's, so a figure shown from the index is verbatim)
//	  byte which of value, low, high follow (bits 0, 1, 2), then each as
//	    8 bytes, little-endian IEEE 754
//	  string kind, unit, qualifier, counts, claimant, per, date
//
// where a string is a uvarint length and the bytes, and a time is a varint
// of Unix seconds, a uvarint of nanoseconds and a varint of the zone
// offset in seconds.
const storedVersion = 1

// encodeStored returns the stored value of passage p of article a, whose
// source is src.
func encodeStored(a *corpus.Article, src *corpus.Source, p *corpus.Passage) []byte {
	n := 64 + len(a.Title) + len(p.Heading) + len(p.Text) + len(src.Publisher) + len(src.URL) + len(src.Title) + len(a.Kind)
	for _, t := range a.Tags {
		n += 2 + len(t)
	}
	for _, f := range p.Figures {
		n += 40 + len(f.Kind) + len(f.Unit) + len(f.Qualifier) + len(f.Counts) + len(f.Claimant) + len(f.Per) + len(f.Date)
	}
	b := append(make([]byte, 0, n), storedVersion)
	b = binary.AppendVarint(b, int64(p.Paragraph))
	b = binary.AppendVarint(b, int64(p.Line))
	for _, s := range []string{a.Title, p.Heading, p.Text, src.Publisher, src.URL, src.Title, a.Kind} {
		b = appendString(b, s)
	}
	b = appendTime(b, src.Date)
	b = appendTime(b, a.Published)
	b = binary.AppendUvarint(b, uint64(len(a.Tags)))
	for _, t := range a.Tags {
		b = appendString(b, t)
	}
	b = binary.AppendUvarint(b, uint64(len(p.Figures)))
	for _, f := range p.Figures {
		b = binary.AppendUvarint(b, uint64(max(f.Start, 0)))
		b = binary.AppendUvarint(b, uint64(max(f.End, 0)))
		var has byte
		for i, v := range []*float64{f.Value, f.Low, f.High} {
			if v != nil {
				has |= 1 << i
			}
		}
		b = append(b, has)
		for _, v := range []*float64{f.Value, f.Low, f.High} {
			if v != nil {
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(*v))
			}
		}
		for _, s := range []string{string(f.Kind), f.Unit, f.Qualifier, f.Counts, f.Claimant, f.Per, f.Date} {
			b = appendString(b, s)
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendTime(b []byte, t time.Time) []byte {
	_, offset := t.Zone()
	b = binary.AppendVarint(b, t.Unix())
	b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
	return binary.AppendVarint(b, int64(offset))
}

var errStored = errors.New("malformed")

// storedReader decodes a stored passage. Strings are slices of the stored
// value, not copies. Any error sticks, and every read after it returns
// zero values.
type storedReader struct {
	s   string
	err error
}

func (r *storedReader) fail() {
	r.s, r.err = "", errStored
}

func (r *storedReader) uvarint() uint64 {
	var x uint64
	for i := 0; i < len(r.s) && i < binary.MaxVarintLen64; i++ {
		c := r.s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break
			}
			r.s = r.s[i+1:]
			return x | uint64(c)<<(7*i)
		}
		x |= uint64(c&0x7f) << (7 * i)
	}
	r.fail()
	return 0
}

func (r *storedReader) varint() int64 {
	u := r.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// int reads a varint that must fit an int.
func (r *storedReader) int() int {
	v := r.varint()
	if v < math.MinInt32 || v > math.MaxInt32 {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *storedReader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.s)) {
		r.fail()
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *storedReader) byte() byte {
	if len(r.s) == 0 {
		r.fail()
		return 0
	}
	c := r.s[0]
	r.s = r.s[1:]
	return c
}

func (r *storedReader) float() float64 {
	if len(r.s) < 8 {
		r.fail()
		return 0
	}
	var u uint64
	for i := 7; i >= 0; i-- {
		u = u<<8 | uint64(r.s[i])
	}
	v := math.Float64frombits(u)
	r.s = r.s[8:]
	return v
}

func (r *storedReader) time() time.Time {
	sec, nsec, offset := r.varint(), r.uvarint(), r.varint()
	if r.err != nil || nsec >= 1e9 || offset <= -24*3600 || offset >= 24*3600 {
		r.fail()
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	if offset == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", int(offset)))
}

// count reads a number of items that each take at least least bytes.
func (r *storedReader) count(least int) int {
	n := r.uvarint()
	if n > uint64(len(r.s)/least) {
		r.fail()
		return 0
	}
	return int(n)
}

// decodeStored rebuilds the passage with ID id, and its citation, from its
// stored value.
func decodeStored(id string, raw string) (Hit, error) {
	if len(raw) == 0 || raw[0] != storedVersion {
		return Hit{}, fmt.Errorf("decode stored passage %s: unknown encoding", id)
	}
	r := &storedReader{s: raw[1:]}
	article, _, _ := strings.Cut(id, "/")
	h := Hit{Passage: corpus.Passage{Article: article}}
	h.Passage.Paragraph = r.int()
	h.Passage.Line = r.int()
	h.Title = r.string()
	h.Passage.Heading = r.string()
	h.Passage.Text = r.string()
	h.Publisher = r.string()
	h.URL = r.string()
	h.SourceTitle = r.string()
	h.Kind = r.string()
	h.SourceDate = r.time()
	h.Published = r.time()
	if n := r.count(1); n > 0 {
		h.Tags = make([]string, n)
		for i := range h.Tags {
			h.Tags[i] = r.string()
		}
	}
	// A figure takes at least 2 bytes of offsets, 1 of flags and 7 of
	// string lengths.
	if n := r.count(10); n > 0 {
		text := h.Passage.Text
		figs := make([]figure.Figure, 0, n)
		var nums []float64
		for range n {
			var f figure.Figure
			f.Start, f.End = int(min(r.uvarint(), math.MaxInt32)), int(min(r.uvarint(), math.MaxInt32))
			has := r.byte()
			if has&^7 != 0 {
				r.fail()
			}
			for i, v := range []**float64{&f.Value, &f.Low, &f.High} {
				if has&(1<<i) != 0 {
					if nums == nil {
						nums = make([]float64, 0, 3*n)
					}
					nums = append(nums, r.float())
					*v = &nums[len(nums)-1]
				}
			}
			f.Kind = figure.Kind(r.string())
			f.Unit, f.Qualifier, f.Counts = r.string(), r.string(), r.string()
			f.Claimant, f.Per, f.Date = r.string(), r.string(), r.string()
			if r.err != nil {
				break
			}
			// A figure whose offsets do not fit the text is dropped,
			// never shown with a text other than its own.
			if 0 <= f.Start && f.Start < f.End && f.End <= len(text) {
				f.Text = text[f.Start:f.End]
				figs = append(figs, f)
			}
		}
		if len(figs) > 0 {
			h.Passage.Figures = figs
		}
	}
	if r.err == nil && len(r.s) != 0 {
		r.fail()
	}
	if r.err != nil {
		return Hit{}, fmt.Errorf("decode stored passage %s: %w", id, r.err)
	}
	return h, nil
}
