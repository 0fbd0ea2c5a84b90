package figure

import (
	"errors"
	"testing"
)

// TestFingerprintFollowsTheLexicon: a unit added to the lexicon changes
// the fingerprint, and so makes indexes built before it stale.
func TestFingerprintFollowsTheLexicon(t *testing.T) {
	before := fingerprint()
	if again := fingerprint(); again != before {
		t.Fatalf("fingerprint not stable: %s, then %s", before, again)
	}
	saved := unitPhrases
	t.Cleanup(func() { unitPhrases = saved })
	unitPhrases = append(append([]unitPhrase(nil), saved...), unitPhrase{kind: Quantity, unit: "PFLOPS", mult: 1, phys: true, words: []string{"petaflops"}})
	if after := fingerprint(); after == before {
		t.Errorf("fingerprint %s unchanged by a new unit", after)
	}
}

func TestParseTables(t *testing.T) {
	tests := []struct {
		name, units, currencies, want string
	}{
		{"fields", "quantity\tGW\t1\tphys\n", "", "units.tsv:1: 4 fields, want 5"},
		{"kind", "# a comment\n\nweight\tkg\t1\tphys\tkg\n", "", `units.tsv:3: unknown kind "weight"`},
		{"multiplier", "duration\tyear\t0\t-\tdecades\n", "", `units.tsv:1: multiplier "0" is not a positive number`},
		{"flag", "quantity\tGW\t1\theavy\tGW\n", "", `units.tsv:1: unknown flag "heavy"`},
		{"words", "quantity\tGW\t1\t-\t \n", "", "units.tsv:1: no words"},
		{"currency flag", "", "USD\tsuffix\tdollars\n", `currencies.tsv:1: unknown flag "suffix"`},
		{"currency code", "", "\t-\tdollars\n", "currencies.tsv:1: no code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, uerr := parseUnits(tt.units)
			_, cerr := parseCurrencies(tt.currencies)
			err := errors.Join(uerr, cerr)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	good := "# kind\tunit\tmultiplier\tflags\twords\nquantity\tGW\t1\tphys,exact\tGW\nduration\tyear\t10\t-\tdecades\n"
	us, err := parseUnits(good)
	if err != nil || len(us) != 2 || !us[0].phys || !us[0].exact || us[1].mult != 10 || us[1].words[0] != "decades" {
		t.Errorf("parseUnits = %+v, %v", us, err)
	}
}
