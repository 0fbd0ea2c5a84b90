package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/registry"
)

// foldFilterName is the name of racebot's accent folding in Bleve's
// registry.
const foldFilterName = "racebot_fold"

// foldFilter folds letters with diacritics to the ASCII letters people
// type for them ("Gospić" → "gospic", "Skłodowska" → "sklodowska",
// "Straße" → "strasse"), with the table of Lucene's ASCIIFoldingFilter that
// Bleve carries as a character filter. It works on terms, not on the text,
// so that the offsets highlighting relies on stay those of the text as
// written.
type foldFilter struct {
	fold *asciifolding.AsciiFoldingFilter
}

func init() {
	err := registry.RegisterTokenFilter(foldFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return &foldFilter{fold: asciifolding.New()}, nil
	})
	if err != nil {
		panic(err)
	}
}

// Filter implements analysis.TokenFilter.
func (f *foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if !isASCII(t.Term) {
			t.Term = f.fold.Filter(t.Term)
		}
	}
	return input
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
