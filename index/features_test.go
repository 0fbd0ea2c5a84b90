package index

import (
	"strings"
	"testing"

	"github.com/racebot/racebot/corpus/figure"
)

// TestOpeningDate: a date that opens its sentence, after at most a
// preposition, dates the whole sentence; one inside it does not.
func TestOpeningDate(t *testing.T) {
	for _, tt := range []struct {
		text, date string
		dated      string // from the date to the end of its sentence; "" when the date does not open it
	}{
		{"On January 21, 2025, Trump appeared at the White House to unveil Stargate. Musk doubted it.", "January 21, 2025",
			"January 21, 2025, Trump appeared at the White House to unveil Stargate."},
		{"Nvidia fell. In 2024, China was 13% of its sales. It said so.", "2024", "2024, China was 13% of its sales."},
		{"- By May 2025 the site was built", "May 2025", "May 2025 the site was built"},
		{"Stargate Norway was announced on July 31, 2025 by Nscale.", "July 31, 2025", ""},
		{"Analysts said that in March 2025 sales fell.", "March 2025", ""},
	} {
		start := strings.Index(tt.text, tt.date)
		f := figure.Figure{Text: tt.date, Start: start, End: start + len(tt.date), Kind: figure.Date}
		e, ok := openingDate(tt.text, f)
		got := ""
		if ok {
			got = tt.text[f.Start:e]
		}
		if got != tt.dated {
			t.Errorf("openingDate(%q, %q) dates %q, want %q", tt.text, tt.date, got, tt.dated)
		}
	}
}
