package index

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/racebot/racebot/index/lexicon"
)

// englishGz is a list of English words — the lower-case words of four or
// more letters from SCOWL's american-english list (Debian's wamerican, see
// english.NOTICE) — sorted, one per line, gzipped.
//
//go:embed english.txt.gz
var englishGz []byte

var english = sync.OnceValue(func() []string {
	r, err := gzip.NewReader(bytes.NewReader(englishGz))
	if err != nil {
		return nil // the list is compiled in; this cannot fail at run time
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
})

// isEnglish reports whether w is an English word: in the word list, or a
// form of a WordNet lemma ("japanese", "geese"). A question word the index
// lacks is only taken for a typo when it is not one: "letter" is not a
// misspelt "better", whereas "deepsek" is a misspelt "deepseek".
func isEnglish(w string) bool {
	words := english()
	i := sort.SearchStrings(words, w)
	return i < len(words) && words[i] == w || len(lexicon.Base(w)) > 0
}
