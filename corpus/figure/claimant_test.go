package figure

import (
	"strings"
	"testing"
)

// TestClaimantPerFigure checks that each figure of a sentence gets the
// source that makes that particular claim, not the sentence's first
// attribution. want lists "figure text => claimant" in order.
func TestClaimantPerFigure(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		// A clause-local attribution beats the sentence's; "they" is the
		// organisation the clause is about; "of <Org>" is dropped.
		{"Elon Musk of TSLA and Alexandr Wang suggest DeepSeek has about 50,000 NVIDIA Hopper GPUs, not the 10,000 A100s they claim, due to US export controls",
			[]string{"about 50,000 NVIDIA Hopper GPUs => Elon Musk and Alexandr Wang", "10,000 A100s => DeepSeek"}},
		// Coordinated clauses with their own verbs; the originating source
		// of a caption carried by another outlet.
		{"CNBC described the loss as close to $600 billion, and a Yonhap photo caption carried by Korea JoongAng Daily cited some $589 billion.",
			[]string{"close to $600 billion => CNBC", "some $589 billion => Yonhap"}},
		{"Reuters, citing LSEG data, said Nvidia erased about $593 billion of stock market value.",
			[]string{"about $593 billion => Reuters"}},
		// "X's statement, as quoted by Y, said": X.
		{`OpenAI's own statement on Stargate, as quoted by Breitbart, said the new company intends to invest $500 billion over four years building AI infrastructure.`,
			[]string{"$500 billion => OpenAI", "four years => OpenAI"}},
		// A later "DeepSeek reported" does not reach back.
		{"Tom's Hardware compared this with Meta, which used 30.8 million GPU hours on 16,384 H100 GPUs over 54 days to train the 405-billion-parameter Llama 3, roughly 11 times the compute DeepSeek reported for DeepSeek-V3.",
			[]string{"30.8 million GPU hours => Tom's Hardware", "16,384 H100 GPUs => Tom's Hardware", "54 days => Tom's Hardware",
				"405-billion-parameter => Tom's Hardware", "roughly 11 times => Tom's Hardware"}},
		{"Sergey Brin expected AGI around 2030, the Times of India reported, while Demis Hassabis put it at 2030 too.",
			[]string{"around 2030 => Sergey Brin", "2030 => Demis Hassabis"}},
		{"On the New York Times Hard Fork podcast, Hassabis placed AGI just after 2030, while Google co-founder Sergey Brin expected it before 2030, the Times of India reported.",
			[]string{"2030 => Hassabis", "2030 => Sergey Brin"}},
		{"Turtles AI noted that Cisco's Jeetu Patel suggested early examples of AGI could appear in 2025, while Baidu CEO Robin Li believed AGI was still more than a decade away.",
			[]string{"2025 => Jeetu Patel", "more than a decade => Robin Li"}},
		// An unnamed source leaves its clause empty rather than wrong.
		{"BIS said exporters did not have to comply until 120 days after publication, and law firms put the compliance date at May 15, 2025.",
			[]string{"120 days => BIS", "May 15, 2025 => "}},
		{"Downloads rose from about 1 million on Friday to 2.6 million by Monday morning, and Sensor Tower said more than 80% of all DeepSeek app downloads had come in the previous seven days.",
			[]string{"about 1 million => ", "2.6 million => ", "more than 80% => Sensor Tower", "seven days => Sensor Tower"}},
		// A semicolon starts a new claim.
		{"Zuckerberg said Meta would spend $60 billion to $65 billion on capital expenditures in 2025; Meta's chief financial officer Susan Li had previously put 2024 spending at around $38 billion to $40 billion.",
			[]string{"$60 billion to $65 billion => Zuckerberg", "2025 => Zuckerberg", "2024 => Susan Li", "around $38 billion to $40 billion => Susan Li"}},
		// "Y's claim that …", "a SemiAnalysis estimate that …", "Wang's … figure".
		{"According to CNBC, the sell-off was driven by DeepSeek's claim that it had built a model in about two months for less than $6 million.",
			[]string{"about two months => DeepSeek", "less than $6 million => DeepSeek"}},
		{"For comparison, the South China Morning Post noted a SemiAnalysis estimate that Nvidia made more than 1 million H20 chips in 2024.",
			[]string{"more than 1 million H20 chips => SemiAnalysis", "2024 => SemiAnalysis"}},
		{"Several reports set Wang's 50,000 H100 figure against the roughly 10,000 A100s associated with DeepSeek.",
			[]string{"50,000 H100 => Wang", "roughly 10,000 A100s => "}},
		{"TechRadar and Etcentric tied the agreement to a $30 billion-per-year cloud contract that Oracle disclosed in a June 30 filing.",
			[]string{"$30 billion-per-year => Oracle", "June 30 => Oracle"}},
		// Post-posed reports, joint and listed subjects, acronyms.
		{`"DeepSeek has 50,000 H100s," said Scale AI CEO Alexandr Wang, who added that China has more chips than people think.`,
			[]string{"50,000 H100s => Alexandr Wang"}},
		{`"We have about 50,000 H100s," Wang told CNBC.`, []string{"about 50,000 H100s => Wang"}},
		{"Stargate Michigan followed in late October 2025, when OpenAI, Oracle and Related Digital announced a campus of more than 1 gigawatt.",
			[]string{"October 2025 => ", "more than 1 gigawatt => OpenAI, Oracle and Related Digital"}},
		{"OpenAI and the Abu Dhabi firm G42 said the cluster would reach 1 gigawatt, Techzine reported.",
			[]string{"1 gigawatt => OpenAI and G42"}},
		{"On October 7, 2022, the Commerce Department's Bureau of Industry and Security (BIS) announced two rules, according to the BIS press release.",
			[]string{"October 7, 2022 => BIS", "two rules => BIS"}},
		// Pronouns: the nearest fitting name before them.
		{"Nvidia posted revenue of $35.1 billion. It said it expects revenue of $37.5 billion in the next quarter.",
			[]string{"$35.1 billion => Nvidia", "$37.5 billion => Nvidia"}},
		{"Demis Hassabis has been cautious. Turtles AI reported that Hassabis expected AGI within five to 10 years, and he repeated the range in April 2025.",
			[]string{"five to 10 years => Hassabis", "April 2025 => Hassabis"}},
		{"The company said it would spend $10 billion.", []string{"$10 billion => "}},
		// A question is nobody's claim.
		{`Bernstein analysts stressed that the number assumes rented GPUs; Bernstein's Stacy Rasgon asked whether DeepSeek really built "an OpenAI for US$5m" and answered "Of course not."`,
			[]string{"US$5m => "}},
	}
	for _, tt := range tests {
		figs := Extract(tt.in)
		got := make([]string, len(figs))
		for i, f := range figs {
			got[i] = f.Text + " => " + f.Claimant
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Extract(%q):\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}
