package figure

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
)

// Version is bumped with any change to how Extract reads text that its
// lexicon does not show (a new pattern, a different attribution rule).
// Changes to the lexicon itself are caught by Fingerprint without it.
const Version = 3

// Fingerprint identifies what Extract would find: a hash of Version and
// of every word, unit and currency table it reads. An index records it,
// so that an index built by another extractor is rebuilt rather than
// holding figures this one would not find.
var Fingerprint = sync.OnceValue(fingerprint)

func fingerprint() string {
	h := sha256.New()
	// %#v prints maps sorted by key, so the hash does not depend on map
	// order. lexWords and lexIndex are left out: init builds them from
	// these tables, in an order that ranging over a map makes differ
	// from one run to the next.
	fmt.Fprintf(h, "%d\n%#v\n%#v\n%#v\n", Version, unitPhrases, currencyPhrases, symbolCurrency)
	fmt.Fprintf(h, "%#v\n%#v\n%#v\n%#v\n%#v\n%#v\n%#v\n", dollarPrefixes, cardinals, tens, scales, ordinals, months, monthAbbrs)
	for _, list := range [][]string{stopWords, claimVerbs, titles, nameStops, orgWords, docNouns, claimNouns,
		groupNouns, sourceNouns1, companyNouns, advSkips, preps, weekdays, yearPreps, periodNouns, vagueWords,
		irregularPlurals, oneDets, notNouns, dateMods, afterYear} {
		fmt.Fprintf(h, "%q\n", list)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
