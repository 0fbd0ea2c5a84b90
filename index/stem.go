package index

import (
	"bytes"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// stemFilter is the name of racebot's stemmer in Bleve's registry.
const stemFilter = "racebot_stem"

// cachedStemmer is Bleve's Porter stemmer with a cache of the words it has
// stemmed. News repeats a vocabulary of some tens of thousands of words, and
// a map lookup costs a fraction of stemming one, which is the second-largest
// cost of analysis after tokenizing. It gives the same terms as
// stemmer_porter (see TestCachedStemmer), except for stemExceptions.
type cachedStemmer struct {
	stems sync.Map // word → stem ([]byte, never modified)
	size  atomic.Int64
}

// stemExceptions are words whose Porter stem is another word that
// matters here: Porter takes "use", "used" and "using" to "us", the United
// States of every export-control story, so that "computer use" was a
// question about the US and "US export rules" matched every passage that
// used anything.
var stemExceptions = map[string]string{
	"use": "use", "uses": "use", "used": "use", "using": "use",
	"useful": "use", "usefulness": "use",
}

// maxStems bounds the cache; past it, new words are stemmed uncached.
const maxStems = 500_000

var sharedStemmer = &cachedStemmer{}

func init() {
	err := registry.RegisterTokenFilter(stemFilter, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return sharedStemmer, nil
	})
	if err != nil {
		panic(err)
	}
}

// Filter implements analysis.TokenFilter.
func (s *cachedStemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, token := range input {
		if token.KeyWord {
			continue
		}
		if stem, ok := s.stems.Load(string(token.Term)); ok {
			token.Term = stem.([]byte)
			continue
		}
		word := string(token.Term)
		var stem []byte
		if e, ok := stemExceptions[word]; ok {
			stem = []byte(e)
		} else {
			stem = analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(token.Term)))
		}
		token.Term = stem
		if len(word) <= 40 && s.size.Load() < maxStems {
			if _, loaded := s.stems.LoadOrStore(word, stem); !loaded {
				s.size.Add(1)
			}
		}
	}
	return input
}

// stem returns the Porter stem of a lower-case word, from the cache when it
// has been seen.
func (s *cachedStemmer) stem(word string) string {
	tok := &analysis.Token{Term: []byte(word)}
	s.Filter(analysis.TokenStream{tok})
	return string(tok.Term)
}

// termOf returns the index term of one lower-case word as the text
// analyser gives it, or "" for a stop word; it is the analyser without the
// tokenizing, for words known to be one token.
func (x *Index) termOf(word string) string {
	if x.stop[word] {
		return ""
	}
	return sharedStemmer.stem(word)
}
