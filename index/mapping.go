package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Field names in the Bleve documents. One document is one passage.
//
// Only the fields that queries search are indexed. An article's ID and
// tags, and a passage's figures, are in the stored passage, which answers
// read; indexing them as well, as fields no query names, took a quarter of
// a build's time and 40% of its memory (docs/benchmarks.md). The date and
// the source, which questions filter on (since:, before:, source:), are
// indexed as a term or two a passage, not as Bleve's date fields, whose
// sixteen prefix-coded terms a value cost as much as the text.
const (
	fieldText    = "text"    // the paragraph: English analysis, synonyms
	fieldContext = "context" // article title and heading above the passage
	fieldDay     = "day"     // the article's publication day, YYYY-MM-DD
	fieldSource  = "source"  // the words of its sources' publishers, lower case
	fieldStored  = "p"       // the passage, stored only (encodeStored)
)

const (
	synonymSource     = "racebot_synonyms"
	synonymCollection = "racebot_synonyms"
	// textAnalyzer is Bleve's English analyzer ("en": possessives,
	// lower case, stop words, Porter stemming) with racebot's faster
	// tokenizer and cached stemmer, which give exactly the terms "en"
	// does, and accents folded (foldFilter).
	textAnalyzer = "racebot_en"
)

// Scoring models Bleve offers. The default was chosen by measuring which
// ranks the eval questions better: TF-IDF, whose coordination factor favours
// passages that hold more of the question's words, fetches better
// candidates than BM25, most of all among thousands of similar articles
// (docs/quality.md).
const (
	BM25  = bindex.BM25Scoring
	TFIDF = bindex.TFIDFScoring
)

// DefaultScoring is the scoring model new indexes are built with.
const DefaultScoring = TFIDF

// schemaVersion names the document layout and analysis. An index built with
// another version is rebuilt from the corpus automatically. Bump it whenever
// a change here, in the passage splitter or in the figure extractor would
// make an existing index answer differently from a fresh one.
const schemaVersion = "racebot-22"

// newMapping builds the index mapping. Only what search needs is indexed,
// and only the passage blob is stored: no term vectors, no doc values on
// text, no composite "_all" field. Highlighting is done from the stored
// text at answer time, so term vectors would only cost build time and disk.
func newMapping(scoring string) (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = scoring
	if err := m.AddCustomAnalyzer(textAnalyzer, map[string]any{
		"type":          custom.Name,
		"tokenizer":     wordsTokenizer,
		"token_filters": []any{en.PossessiveName, lowercase.Name, foldFilterName, en.StopName, stemFilter},
	}); err != nil {
		return nil, fmt.Errorf("define analyzer: %w", err)
	}
	m.DefaultAnalyzer = textAnalyzer
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	if err := m.AddSynonymSource(synonymSource, map[string]any{
		"collection": synonymCollection,
		"analyzer":   textAnalyzer,
	}); err != nil {
		return nil, fmt.Errorf("add synonym source: %w", err)
	}

	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = textAnalyzer
		f.SynonymSource = synonymSource
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keyword := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeTermVectors = false
	stored.IncludeInAll = false
	stored.DocValues = false

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, text())
	dm.AddFieldMappingsAt(fieldContext, text())
	dm.AddFieldMappingsAt(fieldDay, keyword())
	dm.AddFieldMappingsAt(fieldSource, keyword())
	dm.AddFieldMappingsAt(fieldStored, stored)
	// No composite "_all" field: every query names its field, and
	// building it would analyse every passage a second time.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	m.DefaultMapping = dm
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("validate index mapping: %w", err)
	}
	return m, nil
}

// analyzer returns the analyzer the text fields use, so that questions and
// passages are tokenised and stemmed exactly as the index does.
func analyzer(m mapping.IndexMapping) (analysis.Analyzer, error) {
	a := m.AnalyzerNamed(textAnalyzer)
	if a == nil {
		return nil, fmt.Errorf("analyzer %q is not registered", textAnalyzer)
	}
	return a, nil
}
