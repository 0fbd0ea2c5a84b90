package figure

import "testing"

// TestFingerprintFollowsTheLexicon: a unit added to the lexicon changes
// the fingerprint, and so makes indexes built before it stale.
func TestFingerprintFollowsTheLexicon(t *testing.T) {
	before := fingerprint()
	if again := fingerprint(); again != before {
		t.Fatalf("fingerprint not stable: %s, then %s", before, again)
	}
	saved := unitPhrases
	t.Cleanup(func() { unitPhrases = saved })
	unitPhrases = append(append([]unitPhrase(nil), saved...), unitOf(Quantity, "PFLOPS", true, "petaflops"))
	if after := fingerprint(); after == before {
		t.Errorf("fingerprint %s unchanged by a new unit", after)
	}
}
