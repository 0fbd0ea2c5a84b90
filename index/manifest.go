package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/figure"
)

// manifest records what an index generation holds: the schema it was built
// with and, per corpus file, the content hash that was indexed. Comparing it
// with a scan of the corpus tells which articles to re-index.
type manifest struct {
	Schema   string `json:"schema"`
	Scoring  string `json:"scoring"`
	Synonyms string `json:"synonyms"` // hash of the synonym list
	// Extractor identifies the figure extractor and the passage
	// splitter that built the index (extractorFingerprint).
	Extractor string                    `json:"extractor"`
	Updated   time.Time                 `json:"updated"`
	Articles  map[string]*manifestEntry `json:"articles"` // by file path
	// Problems records files that could not be parsed, by path, so that an
	// unchanged broken file is reported again without being re-read.
	Problems map[string]*problemEntry `json:"problems,omitempty"`
}

type problemEntry struct {
	Hash  string `json:"hash"`
	Line  int    `json:"line,omitempty"`
	Error string `json:"error"`
}

func (p *problemEntry) err(path string) error {
	return &corpus.ParseError{Path: path, Line: p.Line, Err: errors.New(p.Error)}
}

// problems records the parse errors of this sync against the files' hashes.
func (m *manifest) problems(errs []error, files []corpus.File) {
	hashes := make(map[string]string, len(files))
	for _, f := range files {
		hashes[f.Path] = f.Hash
	}
	for _, err := range errs {
		var pe *corpus.ParseError
		if !errors.As(err, &pe) || hashes[pe.Path] == "" {
			continue
		}
		if m.Problems == nil {
			m.Problems = make(map[string]*problemEntry)
		}
		m.Problems[pe.Path] = &problemEntry{Hash: hashes[pe.Path], Line: pe.Line, Error: pe.Err.Error()}
	}
}

type manifestEntry struct {
	ID        string    `json:"id"`
	Hash      string    `json:"hash"`
	Title     string    `json:"title"`
	Published time.Time `json:"published"`
	Kind      string    `json:"kind"`
	Publisher string    `json:"publisher"`
	URL       string    `json:"url"`
	Tags      []string  `json:"tags,omitempty"`
	Passages  int       `json:"passages"`
	Figures   int       `json:"figures"`
}

func newManifest(scoring string) *manifest {
	return &manifest{
		Schema:    schemaVersion,
		Scoring:   scoring,
		Synonyms:  synonymsHash(),
		Extractor: extractorFingerprint(),
		Articles:  make(map[string]*manifestEntry),
	}
}

// extractorFingerprint identifies the figure extractor and the passage
// splitter: an index they did not build holds figures and passages they
// would not make. A variable, so that a test can play a new version.
var extractorFingerprint = func() string {
	return fmt.Sprintf("figure %s, split %d", figure.Fingerprint(), corpus.SplitVersion)
}

func synonymsHash() string {
	h := sha256.Sum256([]byte(synonymsFile))
	return hex.EncodeToString(h[:8])
}

// staleBecause says why an index built under this manifest must be rebuilt,
// or "" when it can be used and updated in place.
func (m *manifest) staleBecause(scoring string) string {
	switch {
	case m.Schema != schemaVersion:
		return fmt.Sprintf("schema %q, want %q", m.Schema, schemaVersion)
	case scoring != "" && m.Scoring != scoring:
		return fmt.Sprintf("scoring %q, want %q", m.Scoring, scoring)
	case m.Synonyms != synonymsHash():
		return "synonym list changed"
	case m.Extractor != extractorFingerprint():
		return "figure extractor or passage splitter changed"
	case m.Articles == nil:
		return "manifest lists no articles"
	}
	return ""
}

func (m *manifest) clone() *manifest {
	c := *m
	c.Articles = make(map[string]*manifestEntry, len(m.Articles))
	for k, v := range m.Articles {
		c.Articles[k] = v
	}
	c.Problems = make(map[string]*problemEntry, len(m.Problems))
	for k, v := range m.Problems {
		c.Problems[k] = v
	}
	return &c
}

func entryFor(a *corpus.Article) *manifestEntry {
	e := &manifestEntry{
		ID:        a.ID,
		Hash:      a.Hash,
		Title:     a.Title,
		Published: a.Published,
		Kind:      a.Kind,
		Tags:      a.Tags,
		Passages:  len(a.Passages),
	}
	src := a.Cite()
	e.Publisher, e.URL = src.Publisher, src.URL
	for _, p := range a.Passages {
		e.Figures += len(p.Figures)
	}
	return e
}

func (m *manifest) list() []ArticleInfo {
	out := make([]ArticleInfo, 0, len(m.Articles))
	for p, e := range m.Articles {
		out = append(out, ArticleInfo{
			ID: e.ID, Path: p, Title: e.Title, Published: e.Published, Kind: e.Kind,
			Publisher: e.Publisher, URL: e.URL, Tags: e.Tags, Passages: e.Passages, Figures: e.Figures,
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Published.Equal(out[j].Published) {
			return out[i].Published.After(out[j].Published)
		}
		return out[i].ID < out[j].ID
	})
	return out
}
