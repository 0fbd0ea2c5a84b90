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

// storedFigure keeps a figure's offsets, which its JSON form leaves out, so
// that answers can highlight it.
type storedFigure struct {
	figure.Figure
	S int `json:"s"`
	E int `json:"e"`
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
		Published: a.Published,
		Tags:      a.Tags,
	}
	for _, f := range p.Figures {
		sp.Figures = append(sp.Figures, storedFigure{Figure: f, S: f.Start, E: f.End})
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
	for _, f := range sp.Figures {
		fig := f.Figure
		fig.Start, fig.End = f.S, f.E
		h.Passage.Figures = append(h.Passage.Figures, fig)
	}
	return h, nil
}
