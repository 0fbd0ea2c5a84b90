package index

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/figure"
)

// bleveDoc is a passage as Bleve indexes it. Field names are the json tags.
type bleveDoc struct {
	Text        string    `json:"text"`
	Context     string    `json:"context"`
	Article     string    `json:"article"`
	Publisher   string    `json:"publisher"`
	Published   time.Time `json:"published"`
	Tags        []string  `json:"tags,omitempty"`
	FigureValue []float64 `json:"figure_value,omitempty"`
	FigureKind  []string  `json:"figure_kind,omitempty"`
	Stored      string    `json:"p"`
}

// storedPassage is everything an answer needs about a passage, stored in the
// index so that answering never has to read the corpus.
type storedPassage struct {
	Title       string         `json:"title"`
	Heading     string         `json:"heading,omitempty"`
	Text        string         `json:"text"`
	Paragraph   int            `json:"paragraph"`
	Line        int            `json:"line"`
	Publisher   string         `json:"publisher"`
	URL         string         `json:"url"`
	SourceTitle string         `json:"source_title,omitempty"`
	SourceDate  time.Time      `json:"source_date"`
	Published   time.Time      `json:"published"`
	Kind        string         `json:"kind"`
	Tags        []string       `json:"tags,omitempty"`
	Figures     []storedFigure `json:"figures,omitempty"`
}

// storedFigure is a figure as the index stores it: compact, and without its
// text, which is the passage's text between S and E — so a figure shown
// from the index is verbatim by construction.
type storedFigure struct {
	S int      `json:"s"`
	E int      `json:"e"`
	V *float64 `json:"v,omitempty"`
	L *float64 `json:"l,omitempty"`
	H *float64 `json:"h,omitempty"`
	K string   `json:"k"`
	U string   `json:"u,omitempty"`
	Q string   `json:"q,omitempty"`
	C string   `json:"c,omitempty"` // counts
	W string   `json:"w,omitempty"` // claimant: who
	P string   `json:"p,omitempty"` // per
	D string   `json:"d,omitempty"` // date
}

func storeFigure(f figure.Figure) storedFigure {
	return storedFigure{
		S: f.Start, E: f.End, V: f.Value, L: f.Low, H: f.High, K: string(f.Kind), U: f.Unit,
		Q: f.Qualifier, C: f.Counts, W: f.Claimant, P: f.Per, D: f.Date,
	}
}

func (s storedFigure) figure(text string) (figure.Figure, bool) {
	if s.S < 0 || s.E > len(text) || s.S >= s.E {
		return figure.Figure{}, false
	}
	return figure.Figure{
		Text: text[s.S:s.E], Start: s.S, End: s.E, Value: s.V, Low: s.L, High: s.H, Kind: figure.Kind(s.K),
		Unit: s.U, Qualifier: s.Q, Counts: s.C, Claimant: s.W, Per: s.P, Date: s.D,
	}, true
}

func newDoc(a *corpus.Article, p *corpus.Passage) (bleveDoc, error) {
	src := a.Cite()
	sp := storedPassage{
		Title: a.Title, Heading: p.Heading, Text: p.Text, Paragraph: p.Paragraph, Line: p.Line,
		Publisher: src.Publisher, URL: src.URL, SourceTitle: src.Title, SourceDate: src.Date,
		Published: a.Published, Kind: a.Kind, Tags: a.Tags,
	}
	d := bleveDoc{
		Text:      p.Text,
		Context:   strings.TrimSpace(a.Title + "\n" + p.Heading),
		Article:   a.ID,
		Publisher: src.Publisher,
		Published: a.Published,
		Tags:      a.Tags,
	}
	for _, f := range p.Figures {
		sp.Figures = append(sp.Figures, storeFigure(f))
		d.FigureKind = append(d.FigureKind, string(f.Kind))
		if n, ok := f.Number(); ok {
			d.FigureValue = append(d.FigureValue, n)
		}
	}
	raw, err := json.Marshal(sp)
	if err != nil {
		return bleveDoc{}, fmt.Errorf("encode passage %s: %w", p.ID(), err)
	}
	d.Stored = string(raw)
	return d, nil
}

// passage rebuilds the corpus passage and its citation from a stored blob.
func decodeStored(id string, raw string) (Hit, error) {
	var sp storedPassage
	if err := json.Unmarshal([]byte(raw), &sp); err != nil {
		return Hit{}, fmt.Errorf("decode stored passage %s: %w", id, err)
	}
	article, _, _ := strings.Cut(id, "/")
	h := Hit{
		Passage: corpus.Passage{
			Article: article, Paragraph: sp.Paragraph, Line: sp.Line, Heading: sp.Heading, Text: sp.Text,
		},
		Title: sp.Title, Publisher: sp.Publisher, URL: sp.URL, SourceTitle: sp.SourceTitle,
		SourceDate: sp.SourceDate, Published: sp.Published, Kind: sp.Kind, Tags: sp.Tags,
	}
	for _, sf := range sp.Figures {
		if f, ok := sf.figure(sp.Text); ok {
			h.Passage.Figures = append(h.Passage.Figures, f)
		}
	}
	return h, nil
}
