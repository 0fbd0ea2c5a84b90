package figure

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// The units and currencies Extract reads are data, not code: a unit is
// added by a line in units.tsv or currencies.tsv. Both are parsed, and
// checked, when the package starts; Fingerprint hashes what they hold, so
// an index built before a change is rebuilt.
var (
	//go:embed units.tsv
	unitsTSV string
	//go:embed currencies.tsv
	currenciesTSV string

	unitPhrases     = mustTable(parseUnits(unitsTSV))
	currencyPhrases = mustTable(parseCurrencies(currenciesTSV))
)

// mustTable stops the program on a table that does not parse: they are
// embedded, so a test catches that before any release.
func mustTable[T any](t []T, err error) []T {
	if err != nil {
		panic(fmt.Sprintf("corpus/figure: %v", err))
	}
	return t
}

// tableLines calls f with the fields of each line of a tab-separated
// table that is neither blank nor a comment, and its line number.
func tableLines(name, text string, fields int, f func(line int, cols []string) error) error {
	for i, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) != fields {
			return fmt.Errorf("%s:%d: %d fields, want %d", name, i+1, len(cols), fields)
		}
		if err := f(i+1, cols); err != nil {
			return fmt.Errorf("%s:%d: %w", name, i+1, err)
		}
	}
	return nil
}

// parseUnits reads units.tsv: kind, unit, multiplier, flags (phys, exact
// or -), and the phrase's words separated by spaces.
func parseUnits(text string) ([]unitPhrase, error) {
	var out []unitPhrase
	err := tableLines("units.tsv", text, 5, func(_ int, c []string) error {
		kind := Kind(c[0])
		switch kind {
		case Count, Money, Percent, Duration, Date, Quantity:
		default:
			return fmt.Errorf("unknown kind %q", c[0])
		}
		if c[1] == "" {
			return fmt.Errorf("no unit")
		}
		mult, err := strconv.ParseFloat(c[2], 64)
		if err != nil || mult <= 0 {
			return fmt.Errorf("multiplier %q is not a positive number", c[2])
		}
		p := unitPhrase{kind: kind, unit: c[1], mult: mult, words: strings.Fields(c[4])}
		if len(p.words) == 0 {
			return fmt.Errorf("no words")
		}
		for _, fl := range strings.Split(c[3], ",") {
			switch fl {
			case "-":
			case "phys":
				p.phys = true
			case "exact":
				p.exact = true
			default:
				return fmt.Errorf("unknown flag %q", fl)
			}
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// parseCurrencies reads currencies.tsv: code, flags (prefix, sub,
// ambiguous or -), and the phrase's words separated by spaces.
func parseCurrencies(text string) ([]currencyPhrase, error) {
	var out []currencyPhrase
	err := tableLines("currencies.tsv", text, 3, func(_ int, c []string) error {
		if c[0] == "" {
			return fmt.Errorf("no code")
		}
		p := currencyPhrase{code: c[0], words: strings.Fields(c[2])}
		if len(p.words) == 0 {
			return fmt.Errorf("no words")
		}
		for _, fl := range strings.Split(c[1], ",") {
			switch fl {
			case "-":
			case "prefix":
				p.prefix = true
			case "sub":
				p.sub = true
			case "ambiguous":
				p.ambiguous = true
			default:
				return fmt.Errorf("unknown flag %q", fl)
			}
		}
		out = append(out, p)
		return nil
	})
	return out, err
}
