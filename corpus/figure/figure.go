// Package figure finds the figures in English news text — counts, money,
// percentages, durations, dates and quantities with units — and normalises
// them so that answers can quote, compare and rank them.
//
// A figure always keeps its verbatim span (Text): racebot quotes figures, it
// never restates them, so every number a user sees can be found byte for byte
// in the cited passage.
package figure

// Kind is what sort of figure a span is.
type Kind string

// The kinds of figure. A bare count has no unit and names what it counts in
// Figure.Counts.
const (
	Count    Kind = "count"    // "about 50,000 NVIDIA Hopper GPUs", "100,000 jobs"
	Money    Kind = "money"    // "$500 billion", "¥1 trillion", "€200 million"
	Percent  Kind = "percent"  // "17%", "20 percent"
	Duration Kind = "duration" // "two to four years", "three and six months"
	Date     Kind = "date"     // "December 25", "January 27, 2025", "2026 or 2027"
	Quantity Kind = "quantity" // a number with a unit: "2.788M GPU hours", "1 gigawatt", "671 billion parameters"
)

// Canonical qualifiers. Surface words map onto these: "over" and "above" are
// MoreThan, "nearly" and "close to" are About, "as much as" is UpTo, "well
// under" is LessThan.
const (
	About    = "about"
	MoreThan = "more than"
	AtLeast  = "at least"
	UpTo     = "up to"
	LessThan = "less than"
)

// Figure is one figure found in a text.
//
// Exactly one of Value or the Low/High pair describes the number: Value for a
// single number (qualified or not), Low and High for a range ("$60 billion to
// $65 billion", "two to four years"). Values are fully scaled: "$100 billion"
// has Value 1e11. Dates carry no number; their normalised form is in Date.
type Figure struct {
	// Text is the figure exactly as written, qualifier included
	// ("about 50,000 NVIDIA Hopper GPUs", "up to $500 billion").
	Text string `json:"text"`
	// Start and End are the byte offsets of Text in the extracted string
	// (End exclusive), so callers can highlight it.
	Start int `json:"-"`
	End   int `json:"-"`

	Value *float64 `json:"value"`
	Low   *float64 `json:"low"`
	High  *float64 `json:"high"`

	// Unit is canonical and singular: USD, CNY, EUR, GBP, %, year, month,
	// week, day, hour, GPU hour, GW, MW, kW, TFLOPS, GB/s, parameter, token…
	// Minor currency units keep their own unit ("cent", "penny") and value.
	// It is empty for a bare count.
	Unit string `json:"unit"`
	Kind Kind   `json:"kind"`
	// Qualifier is one of the canonical qualifiers above, or empty.
	Qualifier string `json:"qualifier"`
	// Counts is what a count or quantity counts, as written
	// ("NVIDIA Hopper GPUs", "American jobs").
	Counts string `json:"counts"`
	// Claimant is who makes this particular claim, as written in the text
	// but without job titles or an "of <Org>" apposition: "Alexandr Wang",
	// "SemiAnalysis", "Elon Musk and Alexandr Wang". Figures of one
	// sentence can have different claimants ("CNBC described the loss as
	// close to $600 billion, and a Yonhap photo caption … cited some $589
	// billion"). Pronouns resolve to a name earlier in the text. It is
	// empty when the source is unnamed or unknown: an empty claimant is
	// better than a wrong one.
	Claimant string `json:"claimant"`
	// Per is the denominator of a rate ("$2 per GPU hour" has Per "GPU
	// hour", "$98 a share" has Per "share"): a canonical unit when there is
	// one, else the noun as written.
	Per string `json:"per,omitempty"`
	// Date is a date figure in ISO form, with X for what the text leaves
	// out: "2025-01-27", "XXXX-12-25", "2025-01", "2027", "199X" (the
	// 1990s), "18XX" (the 19th century); alternatives and ranges joined
	// by "/": "2026/2027", "09XX/10XX".
	Date string `json:"date,omitempty"`
}

// Number reports the figure's representative number: Value, or the middle of a
// range, or ok false for dates and vague figures.
func (f Figure) Number() (n float64, ok bool) {
	if f.Kind == Date {
		// A year range ("2026 or 2027") keeps its years in Low and High
		// for comparison, but a date is no amount.
		return 0, false
	}
	switch {
	case f.Value != nil:
		return *f.Value, true
	case f.Low != nil && f.High != nil:
		return (*f.Low + *f.High) / 2, true
	case f.Low != nil:
		return *f.Low, true
	case f.High != nil:
		return *f.High, true
	}
	return 0, false
}
