package index

import (
	"context"
	"maps"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/corpustest"
	"github.com/racebot/racebot/corpus/figure"
)

// mapped is a passage as Bleve's document mapping would index it: what
// docMaker must give the same terms as.
func mapped(a *corpus.Article, p *corpus.Passage) map[string]any {
	// A map rather than a struct: Bleve maps a struct's zero fields too,
	// and an article without a date or a publisher has no field for it.
	d := map[string]any{
		"text":    p.Text,
		"context": strings.TrimSpace(a.Title + "\n" + p.Heading),
		"p":       "stored",
	}
	if !a.Published.IsZero() {
		d["day"] = a.Published.Format(time.DateOnly)
	}
	if words := sourceWords(a); len(words) > 0 {
		d["source"] = words
	}
	return d
}

// indexedField is what Bleve's segment builder keeps of the fields of one
// name in a document.
type indexedField struct {
	typ     byte
	options bindex.FieldIndexingOptions
	length  int
	freqs   map[string]int
	stored  int
}

func indexedFields(t *testing.T, doc *document.Document) map[string]*indexedField {
	t.Helper()
	out := map[string]*indexedField{}
	doc.VisitFields(func(f bindex.Field) {
		x := out[f.Name()]
		if x == nil {
			x = &indexedField{typ: f.EncodedFieldType(), options: f.Options(), freqs: map[string]int{}}
			out[f.Name()] = x
		}
		if x.typ != f.EncodedFieldType() || x.options != f.Options() {
			t.Fatalf("field %s: two types or options", f.Name())
		}
		if f.Options().IsStored() {
			x.stored++
		}
		if !f.Options().IsIndexed() {
			return
		}
		f.Analyze()
		x.length += f.AnalyzedLength()
		for k, tf := range f.AnalyzedTokenFrequencies() {
			if string(tf.Term) != k || len(tf.Locations) != 0 {
				t.Fatalf("field %s: term %q under key %q, %d locations", f.Name(), tf.Term, k, len(tf.Locations))
			}
			x.freqs[k] += tf.Frequency()
		}
	})
	return out
}

// edgeArticles are passages the generated corpus does not have.
func edgeArticles() []*corpus.Article {
	v, lo := 3.5, -2.0
	return []*corpus.Article{
		{ID: "bare", Title: "", Kind: corpus.KindSummary, Passages: []corpus.Passage{
			{Article: "bare", Paragraph: 1, Text: ""},
			{Article: "bare", Paragraph: 2, Text: "the and of"},
		}},
		{ID: "unicode", Title: "Ünïcode “title”", Published: time.Date(2025, 1, 2, 3, 4, 5, 6, time.FixedZone("X", 3600)),
			Sources: []corpus.Source{{Publisher: "Zeitung AG", URL: "https://z.example", Title: "Überschrift", Date: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)}},
			Tags:    []string{"chips", "chips", "export-controls", ""},
			Passages: []corpus.Passage{
				{Article: "unicode", Paragraph: 1, Line: 7, Heading: "Straße", Text: "Die Straße ist 5,5 km lang — naïve café’s owner's costs: $3.5 billion, ½ of it. DeepSeek’s H800s; U.S. 2,048 GPUs_x",
					Figures: []figure.Figure{{Start: 4, End: 10, Kind: figure.Quantity, Value: &v, Unit: "km"}, {Start: 0, End: 3, Kind: figure.Money, Low: &lo, High: &v}, {Start: 1, End: 2, Kind: figure.Date, Date: "2025"}}},
			}},
		{ID: "far-future", Title: "Year 3000", Published: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), Passages: []corpus.Passage{
			{Article: "far-future", Paragraph: 1, Text: "Numbers: 1, 2, 3; 1,000 and 1.000 and 1.0. NaN.", Figures: []figure.Figure{{Kind: figure.Count, Value: ptr(math.Inf(1))}, {Kind: figure.Count, Value: ptr(0)}, {Kind: figure.Count, Value: ptr(-1e300)}}},
		}},
	}
}

func ptr(f float64) *float64 { return &f }

func testArticles(t *testing.T, passages int) []*corpus.Article {
	t.Helper()
	fsys := corpustest.Large(passages, 7)
	maps.Copy(fsys, corpustest.Starter("starter"))
	c, err := corpus.Load(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	return append(c.Articles, edgeArticles()...)
}

// TestDocMatchesMapping checks that the documents racebot builds hold
// exactly what Bleve's mapping of the same passage would: field names,
// types and options, and after analysis the same lengths and term
// frequencies, so that queries cannot tell the difference.
func TestDocMatchesMapping(t *testing.T) {
	m, err := newMapping(DefaultScoring)
	if err != nil {
		t.Fatal(err)
	}
	dm, err := newDocMaker(m)
	if err != nil {
		t.Fatal(err)
	}
	if dm.text.memo == nil || dm.context.memo == nil {
		t.Fatal("the fast paths are not used")
	}
	if _, _, ok := dm.text.memo.frequencies([]byte("The GPUs’ makers said: 2,048 GPUs."), dm.text.options); !ok {
		t.Fatal("news text is not analysed by the memo")
	}
	n := 0
	dc := dm.cache()
	for range 2 { // with the memo cold, then warm
		for _, a := range testArticles(t, 3000) {
			for i := range a.Passages {
				p := &a.Passages[i]
				ref := document.NewDocument(p.ID())
				if err := m.MapDocument(ref, mapped(a, p)); err != nil {
					t.Fatal(err)
				}
				doc := dc.newDoc(a, p)
				if doc.ID() != ref.ID() || doc.Indexed() != ref.Indexed() || doc.HasComposite() != ref.HasComposite() {
					t.Fatalf("%s: document differs", p.ID())
				}
				got, want := indexedFields(t, doc), indexedFields(t, ref)
				if !reflect.DeepEqual(got, want) {
					for name := range maps.Keys(want) {
						if !reflect.DeepEqual(got[name], want[name]) {
							t.Errorf("%s field %s:\n got %+v\nwant %+v", p.ID(), name, got[name], want[name])
						}
					}
					t.Fatalf("%s: fields %v, want %v", p.ID(), slicesOf(got), slicesOf(want))
				}
				n++
			}
		}
	}
	t.Logf("%d documents compared", n)
}

func slicesOf(m map[string]*indexedField) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestStoredRoundTrip checks that a stored passage decodes to the passage
// and citation it was encoded from.
func TestStoredRoundTrip(t *testing.T) {
	for _, a := range testArticles(t, 500) {
		src := a.Cite()
		for i := range a.Passages {
			p := &a.Passages[i]
			h, err := decodeStored(p.ID(), string(encodeStored(a, &src, p)))
			if err != nil {
				t.Fatal(err)
			}
			want := Hit{
				Passage: corpus.Passage{Article: a.ID, Paragraph: p.Paragraph, Line: p.Line, Heading: p.Heading, Text: p.Text},
				Title:   a.Title, Publisher: src.Publisher, URL: src.URL, SourceTitle: src.Title,
				SourceDate: src.Date, Published: a.Published, Kind: a.Kind, Tags: a.Tags,
			}
			if len(want.Tags) == 0 {
				want.Tags = nil
			}
			for _, f := range p.Figures {
				if f.Start >= 0 && f.Start < f.End && f.End <= len(p.Text) {
					f.Text = p.Text[f.Start:f.End]
					want.Passage.Figures = append(want.Passage.Figures, f)
				}
			}
			if !sameTime(h.SourceDate, want.SourceDate) || !sameTime(h.Published, want.Published) {
				t.Fatalf("%s: times %v %v, want %v %v", p.ID(), h.SourceDate, h.Published, want.SourceDate, want.Published)
			}
			h.SourceDate, h.Published = want.SourceDate, want.Published
			if !reflect.DeepEqual(h, want) {
				t.Fatalf("%s: decoded\n%+v\nwant\n%+v", p.ID(), h, want)
			}
		}
	}
}

// sameTime reports whether a and b are the same instant in the same zone
// offset.
func sameTime(a, b time.Time) bool {
	_, ao := a.Zone()
	_, bo := b.Zone()
	return a.Equal(b) && ao == bo
}

// FuzzDecodeStored checks that no stored value makes decoding panic, and
// that what decodes encodes back to the same bytes.
func FuzzDecodeStored(f *testing.F) {
	for _, a := range edgeArticles() {
		src := a.Cite()
		for i := range a.Passages {
			f.Add(encodeStored(a, &src, &a.Passages[i]))
		}
	}
	f.Add([]byte{})
	f.Add([]byte{storedVersion})
	f.Add([]byte(`{"title":"json"}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		h, err := decodeStored("a/1", string(raw))
		if err != nil {
			return
		}
		for _, f := range h.Passage.Figures {
			if f.Text != h.Passage.Text[f.Start:f.End] {
				t.Fatalf("figure %q is not the text at %d:%d", f.Text, f.Start, f.End)
			}
		}
		a := &corpus.Article{ID: "a", Title: h.Title, Published: h.Published, Kind: h.Kind, Tags: h.Tags,
			Sources: []corpus.Source{{Publisher: h.Publisher, URL: h.URL, Title: h.SourceTitle, Date: h.SourceDate}}}
		src := a.Cite()
		again := encodeStored(a, &src, &h.Passage)
		h2, err := decodeStored("a/1", string(again))
		if err != nil {
			t.Fatalf("re-encoded passage does not decode: %v", err)
		}
		if !sameTime(h2.SourceDate, h.SourceDate) || !sameTime(h2.Published, h.Published) {
			t.Fatal("round trip changed the times")
		}
		h2.SourceDate, h2.Published = h.SourceDate, h.Published
		if !reflect.DeepEqual(h2, h) {
			t.Fatalf("round trip changed the passage:\n%+v\n%+v", h, h2)
		}
	})
}

// TestIndexMatchesMapping builds an index of a generated corpus as Sync
// does, from several writers, and another by mapping the same passages
// with Bleve's document mapping, and checks that every field holds the
// same terms, in the same passages, with the same frequencies and norms,
// and that the stored passages are the same.
func TestIndexMatchesMapping(t *testing.T) {
	fsys := corpustest.Large(3000, 3)
	maps.Copy(fsys, corpustest.Starter("starter"))
	x, err := Open(t.Context(), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if _, err := x.Sync(t.Context(), fsys); err != nil {
		t.Fatal(err)
	}

	c, err := corpus.Load(t.Context(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMapping(DefaultScoring)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	batch := ref.NewBatch()
	for _, a := range c.Articles {
		src := a.Cite()
		for i := range a.Passages {
			p := &a.Passages[i]
			d := mapped(a, p)
			d["p"] = string(encodeStored(a, &src, p))
			if err := batch.Index(p.ID(), d); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := ref.Batch(batch); err != nil {
		t.Fatal(err)
	}

	readers := make([]bindex.IndexReader, 2)
	for i, b := range []bleve.Index{x.b, ref} {
		adv, err := b.Advanced()
		if err != nil {
			t.Fatal(err)
		}
		if readers[i], err = adv.Reader(); err != nil {
			t.Fatal(err)
		}
		defer readers[i].Close()
	}
	type posting struct {
		freq uint64
		norm float64
	}
	postings := func(r bindex.IndexReader, field string) map[string]map[string]posting {
		out := map[string]map[string]posting{}
		dict, err := r.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		defer dict.Close()
		for {
			e, err := dict.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				break
			}
			tfr, err := r.TermFieldReader(t.Context(), []byte(e.Term), field, true, true, false)
			if err != nil {
				t.Fatal(err)
			}
			docs := map[string]posting{}
			for {
				d, err := tfr.Next(nil)
				if err != nil {
					t.Fatal(err)
				}
				if d == nil {
					break
				}
				id, err := r.ExternalID(d.ID)
				if err != nil {
					t.Fatal(err)
				}
				docs[id] = posting{d.Freq, d.Norm}
			}
			tfr.Close()
			if uint64(len(docs)) != e.Count {
				t.Fatalf("field %s term %q: dictionary counts %d passages, postings hold %d", field, e.Term, e.Count, len(docs))
			}
			out[e.Term] = docs
		}
		return out
	}
	for _, field := range []string{fieldText, fieldContext, fieldDay, fieldSource} {
		got, want := postings(readers[0], field), postings(readers[1], field)
		if len(want) < 2 {
			t.Fatalf("field %s: only %d terms", field, len(want))
		}
		if !reflect.DeepEqual(got, want) {
			for term, docs := range want {
				for id, p := range docs {
					if q, ok := got[term][id]; !ok || q != p {
						t.Fatalf("field %s term %q passage %s: %+v (held: %v), want %+v", field, term, id, q, ok, p)
					}
				}
				if len(got[term]) != len(docs) {
					t.Fatalf("field %s term %q: %d passages, want %d", field, term, len(got[term]), len(docs))
				}
			}
			t.Fatalf("field %s: %d terms, want %d", field, len(got), len(want))
		}
	}
	n := 0
	for _, a := range c.Articles {
		for i := range a.Passages {
			id := a.Passages[i].ID()
			var stored [2]string
			for j, r := range readers {
				doc, err := r.Document(id)
				if err != nil || doc == nil {
					t.Fatalf("passage %s: %v", id, err)
				}
				doc.VisitFields(func(f bindex.Field) {
					if f.Name() == fieldStored {
						stored[j] = string(f.Value())
					}
				})
			}
			if stored[0] == "" || stored[0] != stored[1] {
				t.Fatalf("passage %s: stored %q, want %q", id, stored[0], stored[1])
			}
			n++
		}
	}
	t.Logf("%d passages compared", n)
}

// FuzzMemoMatchesAnalyzer checks that analysing text through the word memo
// gives the frequencies the text analyzer's tokens do.
func FuzzMemoMatchesAnalyzer(f *testing.F) {
	for _, s := range []string{"The GPUs’ makers' GPU said: 2,048 GPUs.", "U.S. export controls; Nvidia's H100s", "a's s's 's ’s", "Straße ½"} {
		f.Add(s)
	}
	m, err := newMapping(DefaultScoring)
	if err != nil {
		f.Fatal(err)
	}
	dm, err := newDocMaker(m)
	if err != nil {
		f.Fatal(err)
	}
	spec := dm.text
	f.Fuzz(func(t *testing.T, s string) {
		n, freqs, ok := spec.memo.frequencies([]byte(s), spec.options)
		if !ok {
			return
		}
		tokens := spec.analyzer.Analyze([]byte(s))
		if n != len(tokens) {
			t.Fatalf("length %d, want %d", n, len(tokens))
		}
		want := analysis.TokenFrequency(tokens, nil, spec.options)
		if len(freqs) != len(want) {
			t.Fatalf("%d terms, want %d", len(freqs), len(want))
		}
		for k, tf := range want {
			if got := freqs[k]; got == nil || got.Frequency() != tf.Frequency() || string(got.Term) != k {
				t.Fatalf("term %q: %+v, want frequency %d", k, got, tf.Frequency())
			}
		}
	})
}
