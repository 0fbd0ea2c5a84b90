package figure

import (
	"testing"
)

func f64(v float64) *float64 { return &v }

// TestExtractSpec checks the phrases the issue spells out, one figure each.
func TestExtractSpec(t *testing.T) {
	tests := []struct {
		in   string
		want Figure
	}{
		{"It begins with a $100 billion investment.", Figure{Text: "$100 billion", Value: f64(1e11), Unit: "USD", Kind: Money}},
		{"offering of $ 75 million of notes", Figure{Text: "$ 75 million", Value: f64(75e6), Unit: "USD", Kind: Money}},
		{"AI will become a trillion-dollar market", Figure{Text: "a trillion-dollar", Value: f64(1e12), Unit: "USD", Kind: Money}},
		{"target is US$ 1MM", Figure{Text: "US$ 1MM", Value: f64(1e6), Unit: "USD", Kind: Money}},
		{"raised $1.2bn", Figure{Text: "$1.2bn", Value: f64(1.2e9), Unit: "USD", Kind: Money}},
		{"a loss close to $600 billion", Figure{Text: "close to $600 billion", Value: f64(6e11), Unit: "USD", Kind: Money, Qualifier: About}},
		{"SoftBank has well under $10B secured.", Figure{Text: "well under $10B", Value: f64(1e10), Unit: "USD", Kind: Money, Qualifier: LessThan}},
		{"cost 200 million yuan", Figure{Text: "200 million yuan", Value: f64(2e8), Unit: "CNY", Kind: Money}},
		{"a ¥1 trillion plan", Figure{Text: "¥1 trillion", Value: f64(1e12), Unit: "CNY", Kind: Money}},
		{"a €200 million round", Figure{Text: "€200 million", Value: f64(2e8), Unit: "EUR", Kind: Money}},
		{"assuming $2 per GPU hour", Figure{Text: "$2 per GPU hour", Value: f64(2), Unit: "USD", Kind: Money, Per: "GPU hour"}},
		{"Nvidia fell 17%", Figure{Text: "17%", Value: f64(17), Unit: "%", Kind: Percent}},
		{"up 20 percent", Figure{Text: "20 percent", Value: f64(20), Unit: "%", Kind: Percent}},
		{"fell 17 per cent", Figure{Text: "17 per cent", Value: f64(17), Unit: "%", Kind: Percent}},
		{"by 1.5 percentage points", Figure{Text: "1.5 percentage points", Value: f64(1.5), Unit: "pp", Kind: Percent}},
		{"grow between 2 and 3 percent", Figure{Text: "between 2 and 3 percent", Low: f64(2), High: f64(3), Unit: "%", Kind: Percent}},
		{"spend $60 billion to $65 billion", Figure{Text: "$60 billion to $65 billion", Low: f64(6e10), High: f64(6.5e10), Unit: "USD", Kind: Money}},
		{"add $2.6 trillion to $4.4 trillion", Figure{Text: "$2.6 trillion to $4.4 trillion", Low: f64(2.6e12), High: f64(4.4e12), Unit: "USD", Kind: Money}},
		{"swing 10-20 dollars", Figure{Text: "10-20 dollars", Low: f64(10), High: f64(20), Unit: "USD", Kind: Money}},
		{"within the next two to four years", Figure{Text: "two to four years", Low: f64(2), High: f64(4), Unit: "year", Kind: Duration}},
		{"within five to 10 years", Figure{Text: "five to 10 years", Low: f64(5), High: f64(10), Unit: "year", Kind: Duration}},
		{"a lead of between three and six months", Figure{Text: "between three and six months", Low: f64(3), High: f64(6), Unit: "month", Kind: Duration}},
		{"revenue within a decade", Figure{Text: "a decade", Value: f64(10), Unit: "year", Kind: Duration}},
		{"founded 18 months earlier", Figure{Text: "18 months", Value: f64(18), Unit: "month", Kind: Duration}},
		{"released on December 25, followed", Figure{Text: "December 25", Kind: Date, Date: "XXXX-12-25"}},
		{"On January 27, 2025, shares fell", Figure{Text: "January 27, 2025", Kind: Date, Date: "2025-01-27"}},
		{"announced Jan. 27 in Davos", Figure{Text: "Jan. 27", Kind: Date, Date: "XXXX-01-27"}},
		{"the October 2023 rule", Figure{Text: "October 2023", Kind: Date, Date: "2023-10"}},
		{"founded in 2019", Figure{Text: "2019", Kind: Date, Date: "2019"}},
		{"had 1988 sales of", Figure{Text: "1988", Kind: Date, Date: "1988"}},
		{"spend in fiscal 2025", Figure{Text: "2025", Kind: Date, Date: "2025"}},
		{"revenue will grow by 2032", Figure{Text: "2032", Kind: Date, Date: "2032"}},
		{"match geniuses by 2026 or 2027.", Figure{Text: "2026 or 2027", Low: f64(2026), High: f64(2027), Kind: Date, Date: "2026/2027"}},
		{"bought 1500 GPUs", Figure{Text: "1500 GPUs", Value: f64(1500), Kind: Count, Counts: "GPUs"}},
		{"a third attack in 1185, when", Figure{Text: "1185", Kind: Date, Date: "1185"}},
		{"the winter of 1812", Figure{Text: "1812", Kind: Date, Date: "1812"}},
		{"it employs about 1500 workers", Figure{Text: "about 1500 workers", Value: f64(1500), Qualifier: About, Kind: Count, Counts: "workers"}},
		{"a score of 1200", Figure{Text: "1200", Value: f64(1200), Kind: Count}},
		{"took 2.788M GPU hours", Figure{Text: "2.788M GPU hours", Value: f64(2788000), Unit: "GPU hour", Kind: Quantity}},
		{"has 671 billion parameters in total", Figure{Text: "671 billion parameters", Value: f64(6.71e11), Unit: "parameter", Kind: Quantity, Counts: "parameters"}},
		{"trained on 14.8 trillion tokens", Figure{Text: "14.8 trillion tokens", Value: f64(1.48e13), Unit: "token", Kind: Quantity, Counts: "tokens"}},
		{"reach 1 gigawatt", Figure{Text: "1 gigawatt", Value: f64(1), Unit: "GW", Kind: Quantity}},
		{"a first 200-megawatt phase", Figure{Text: "200-megawatt", Value: f64(200), Unit: "MW", Kind: Quantity}},
		{"starting with 230 megawatts", Figure{Text: "230 megawatts", Value: f64(230), Unit: "MW", Kind: Quantity}},
		{"at 400 gigabytes per second", Figure{Text: "400 gigabytes per second", Value: f64(400), Unit: "GB/s", Kind: Quantity}},
		{"296 TFLOPS of FP8", Figure{Text: "296 TFLOPS", Value: f64(296), Unit: "TFLOPS", Kind: Quantity}},
		{"about half a million square feet", Figure{Text: "about half a million square feet", Value: f64(5e5), Unit: "sq ft", Kind: Quantity, Qualifier: About}},
		{"has about 50,000 NVIDIA Hopper GPUs, not", Figure{Text: "about 50,000 NVIDIA Hopper GPUs", Value: f64(5e4), Kind: Count, Qualifier: About, Counts: "NVIDIA Hopper GPUs"}},
		{"not the 10,000 A100s they claim", Figure{Text: "10,000 A100s", Value: f64(1e4), Kind: Count, Counts: "A100s"}},
		{"create more than 100,000 American jobs", Figure{Text: "more than 100,000 American jobs", Value: f64(1e5), Kind: Count, Qualifier: MoreThan, Counts: "American jobs"}},
		{"fifty thousand users", Figure{Text: "fifty thousand users", Value: f64(5e4), Kind: Count, Counts: "users"}},
		{"one hundred and sixteen", Figure{Text: "one hundred and sixteen", Value: f64(116), Kind: Count}},
		{"twenty-one trillion", Figure{Text: "twenty-one trillion", Value: f64(21e12), Kind: Count}},
		{"two thirds", Figure{Text: "two thirds", Value: f64(2.0 / 3), Kind: Count}},
		{"one hundred and three and two thirds", Figure{Text: "one hundred and three and two thirds", Value: f64(103 + 2.0/3), Kind: Count}},
		{"a dozen labs", Figure{Text: "a dozen labs", Value: f64(12), Kind: Count, Counts: "labs"}},
		{"10k", Figure{Text: "10k", Value: f64(1e4), Kind: Count}},
		{".08", Figure{Text: ".08", Value: f64(0.08), Kind: Count}},
		{"at least 20,000 GPUs", Figure{Text: "at least 20,000 GPUs", Value: f64(2e4), Kind: Count, Qualifier: AtLeast, Counts: "GPUs"}},
		{"performance of 4800 or more", Figure{Text: "4800 or more", Value: f64(4800), Kind: Count, Qualifier: AtLeast}},
		{"as many as 100,000 people", Figure{Text: "as many as 100,000 people", Value: f64(1e5), Kind: Count, Qualifier: UpTo, Counts: "people"}},
		{"revenue exceeding $5 billion", Figure{Text: "exceeding $5 billion", Value: f64(5e9), Unit: "USD", Kind: Money, Qualifier: MoreThan}},
		{"valued north of $100 billion", Figure{Text: "north of $100 billion", Value: f64(1e11), Unit: "USD", Kind: Money, Qualifier: MoreThan}},
		{"in the 1990s, it grew", Figure{Text: "1990s", Kind: Date, Date: "199X"}},
		{"since the 2000's", Figure{Text: "2000's", Kind: Date, Date: "200X"}},
		{"the 19th century", Figure{Text: "19th century", Kind: Date, Date: "18XX"}},
		{"in the 21st century", Figure{Text: "21st century", Kind: Date, Date: "20XX"}},
		{"in the 1800s", Figure{Text: "1800s", Kind: Date, Date: "18XX"}},
		{"in the 10th and 11th centuries", Figure{Text: "10th and 11th centuries", Kind: Date, Date: "09XX/10XX"}},
		{"a 12th/13th-century nobleman", Figure{Text: "12th/13th-century", Kind: Date, Date: "11XX/12XX"}},
		{"since the mid-14th century", Figure{Text: "14th century", Kind: Date, Date: "13XX"}},
		{"~50,000 GPUs", Figure{Text: "~50,000 GPUs", Value: f64(5e4), Kind: Count, Qualifier: About, Counts: "GPUs"}},
	}
	for _, tt := range tests {
		got := Extract(tt.in)
		if len(got) != 1 {
			t.Errorf("Extract(%q) = %d figures (%s), want 1", tt.in, len(got), texts(got))
			continue
		}
		if d := diffFigure(got[0], tt.want); d != "" {
			t.Errorf("Extract(%q): %s", tt.in, d)
		}
	}
}

// TestNotFigures checks that names, versions and rankings yield no figure.
func TestNotFigures(t *testing.T) {
	for _, in := range []string{
		"DeepSeek-V3", "OpenAI's o1 model", "DeepSeek-R1", "GPT-4", "GPT-4o", "H100", "the A800 chip",
		"Claude 3.5 Sonnet", "5G networks", "reached No. 1 on the App Store", "Meta's Llama 4", "RTX 4090",
		"the S&P 500 index", "CBS 60 Minutes", "Tier 1 countries", "MATH-500", "the 910B", "a 50/50 venture",
		"The one you mentioned is invalid", "Which one do you prefer?", "one of the first", "COVID-19",
		"http://example.com/?q=30%25", "I'll call you at 6pm", "SCP-173", "24703L202", "the 4th quarter", "on the 19th of May", "the 1990sX",
		"miners bought GTX 1080s and RTX 2080s", "1000s of people protested", "the 3rd century BC", "the 5th century B.C.",
	} {
		if got := Extract(in); len(got) != 0 {
			t.Errorf("Extract(%q) = %s, want no figure", in, texts(got))
		}
	}
}

// TestPartitive checks that a bare count completed by "of them" counts
// what the count before it in the sentence counts, and nothing across a
// sentence's end or without the pronoun.
func TestPartitive(t *testing.T) {
	tests := []struct {
		in   string
		want Figure // the last figure of in
	}{
		{"It has 671 billion parameters in total but switches on only 37 billion of them for each token.",
			Figure{Text: "37 billion", Value: f64(37e9), Unit: "parameter", Kind: Quantity, Counts: "parameters"}},
		{"The lab bought 50,000 GPUs and resold 10,000 of those to a cloud.",
			Figure{Text: "10,000", Value: f64(1e4), Kind: Count, Counts: "GPUs"}},
		{"It has 671 billion parameters. Only 37 billion of them are active.",
			Figure{Text: "37 billion", Value: f64(37e9), Kind: Count}},
		{"It has 671 billion parameters and 37 billion in its router.",
			Figure{Text: "37 billion", Value: f64(37e9), Kind: Count}},
		{"Of 2,048 GPUs, 1,024 of them were idle.",
			Figure{Text: "1,024", Value: f64(1024), Kind: Count, Counts: "GPUs"}},
		{"It hired 500 engineers, and 40 of those managers left.",
			Figure{Text: "40", Value: f64(40), Kind: Count}},
		{"It bought 50,000 GPUs and 10,000 of those were idle.",
			Figure{Text: "10,000", Value: f64(1e4), Kind: Count, Counts: "GPUs"}},
		{"Spending rose 20% and 1,024 of them were idle.",
			Figure{Text: "1,024", Value: f64(1024), Kind: Count}},
	}
	for _, tt := range tests {
		got := Extract(tt.in)
		if len(got) == 0 {
			t.Errorf("Extract(%q): no figure", tt.in)
			continue
		}
		if d := diffFigure(got[len(got)-1], tt.want); d != "" {
			t.Errorf("Extract(%q): %s", tt.in, d)
		}
	}
}

// TestClaimant checks who a sentence names as the source of its figures.
func TestClaimant(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Wang said DeepSeek has 50,000 H100s.", "Wang"},
		{`"DeepSeek has 50,000 H100s," said Wang.`, "Wang"},
		{"According to SemiAnalysis, DeepSeek has 50,000 GPUs.", "SemiAnalysis"},
		{"Scale AI CEO Alexandr Wang estimated that DeepSeek has 50,000 GPUs.", "Alexandr Wang"},
		{"Elon Musk and Alexandr Wang suggest DeepSeek has 50,000 GPUs.", "Elon Musk and Alexandr Wang"},
		{"Bloomberg Intelligence expects revenue of $1.3 trillion by 2032.", "Bloomberg Intelligence"},
		{"Nvidia sold 1 million chips, Reuters reported.", "Reuters"},
		{"The company said it would spend $10 billion.", ""},
		{"Elon Musk posted on X. He said SoftBank has under $10B.", "Elon Musk"},
	}
	for _, tt := range tests {
		figs := Extract(tt.in)
		if len(figs) == 0 {
			t.Errorf("Extract(%q): no figure", tt.in)
			continue
		}
		if got := figs[len(figs)-1].Claimant; got != tt.want {
			t.Errorf("Extract(%q): claimant %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNumberOfDate(t *testing.T) {
	figs := Extract("by 2026 or 2027")
	if len(figs) != 1 {
		t.Fatalf("got %s", texts(figs))
	}
	if _, ok := figs[0].Number(); ok {
		t.Error("a date range reported a number")
	}
}
