package corpustest

import (
	"strings"
	"sync"
)

// Distractors must state facts only in other combinations than the starter
// corpus: "Mistral released Le Chat on …" competes with "DeepSeek released
// DeepSeek-R1 on January 20, 2025" in retrieval, but "DeepSeek released
// DeepSeek-R1 on January 23, 2024" contradicts it, and no retrieval system
// could be expected to prefer the real article over a contradiction.
//
// realFacts lists, for each kind of fact that a template can state, the
// subjects that the 19 real articles (corpus/articles) state that kind of fact
// about, plus the subjects of the held-out set's unanswerable questions (U),
// which no passage may answer. A template marks the slot that holds the
// subject of each fact it states, "{model|params}" or "{hyper.ceo|capex}",
// and the generator never binds such a slot to a subject listed for that
// kind: it draws another entity, or, when the slot is already bound in the
// paragraph, uses another template. A listed subject may still appear in
// the same paragraph in another role ("Alexandr Wang said Mistral has …").
//
// A slot's subject is the entity's name ("Son", "Italy", "Ascend 910C")
// whatever attribute the template writes, except for the "maker" attribute,
// whose subject is the maker ("{cnchip.maker|rnd}" is about Huawei, Cambricon…).
//
// Kinds and subjects are plain strings so that the tests can read this
// table and look for violations in generated text.
var realFacts = []factKind{
	{"launch", "when a product was released, launched, announced or began shipping; its derivative or distilled versions", []string{
		"DeepSeek-R1",          // deepseek-r1-release: released on January 20, 2025; six distilled models; 500 derivatives
		"DeepSeek-R1-Zero",     // deepseek-r1-release
		"DeepSeek-V3",          // deepseek-v3-technical-report: announced December 26, 2024
		"o1",                   // deepseek-r1-release: came out about four months before R1
		"Claude 3.5 Sonnet",    // computer-use-agents: upgraded version released October 22, 2024
		"Claude 3.5 Haiku",     // computer-use-agents: announced together with computer use
		"computer use",         // computer-use-agents: October 22, 2024
		"Operator",             // computer-use-agents: January 23, 2025
		"Computer-Using Agent", // computer-use-agents: the model Operator runs on
		"Project Mariner",      // computer-use-agents: December 11, 2024
		"ChatGPT agent",        // computer-use-agents: July 17, 2025
		"A800",                 // china-specific-nvidia-chips: production in Q3 2022, confirmed November 8, 2022
		"H800",                 // china-specific-nvidia-chips: introduced in March 2023
		"H20",                  // china-specific-nvidia-chips, nvidia-h20-china-sales: released in 2024
		"L20",                  // china-specific-nvidia-chips: launched alongside the H20
		"Ascend 910B",          // huawei-ascend-chips: on the market since 2022
	}},
	{"agent", "what a computer-using agent does, its limits, and who can use it", []string{
		"computer use", "Operator", "Computer-Using Agent", "ChatGPT agent", "Project Mariner", // computer-use-agents
	}},
	{"bench", "a benchmark score of a model or agent, or a head-to-head comparison of two", []string{
		"DeepSeek-R1",          // deepseek-r1-release: 79.8% on AIME 2024 …; "basically comparable" to o1
		"o1",                   // deepseek-r1-release: 79.2% on AIME 2024 …
		"o1-mini",              // deepseek-r1-release: R1's 32B and 70B versions on par with o1-mini
		"DeepSeek-V3",          // deepseek-v3-technical-report: competing with GPT-4o and Llama 3.1
		"Claude 3.5 Sonnet",    // computer-use-agents: 14.9% on OSWorld, 49.0% on SWE-bench Verified
		"computer use",         // computer-use-agents
		"Operator",             // computer-use-agents: 38.1% OSWorld, 58.1% WebArena, 87% WebVoyager
		"Computer-Using Agent", // computer-use-agents
	}},
	{"params", "the parameter count of a model", []string{
		"DeepSeek-V3",       // deepseek-v3-technical-report: 671 billion, 37 billion active
		"DeepSeek-R1",       // deepseek-r1-release: 671B, 37B active
		"Llama 3.1 405B",    // deepseek-v3-technical-report: 405-billion-parameter Llama 3
		"QwQ-32B",           // its name states its size
		"Gemini 1.5 Pro",    // U: gemini 1.5 pro parameter count
		"Mistral Large",     // U: how many parameters does mistral large have
		"DeepSeek-V2",       // U: how many parameters does deepseek v2 have
		"DeepSeek-Coder-V2", // U: the same question
		"GPT-5",             // U: how many parameters does gpt-5 have
	}},
	{"training", "how a model was trained: GPU hours, cluster, days, tokens, cost, stability", []string{
		"DeepSeek-V3",    // deepseek-v3-technical-report: 2.788M H800 GPU hours, 2,048 H800s, 14.8 trillion tokens
		"DeepSeek-R1",    // deepseek-v3-technical-report: $294,000 for the RL stage
		"Llama 3.1 405B", // deepseek-v3-technical-report: 30.8 million GPU hours on 16,384 H100s over 54 days
	}},
	{"price", "the price of a model's API or of a subscription plan", []string{
		"DeepSeek-R1",   // deepseek-r1-release: $0.14, $0.55, $2.19 per million tokens
		"o1",            // deepseek-r1-release: $15 and $60 per million tokens
		"ChatGPT Pro",   // computer-use-agents: $200 per month
		"Claude 3 Opus", // U: claude 3 opus price per million tokens
	}},
	{"gpus", "the GPUs a company has, ordered, clustered or spent on", []string{
		"DeepSeek",   // deepseek-gpu-estimates, deepseek-50000-hopper-gpus-wang-musk: 50,000 H100s, 50,000 Hoppers, $1.6 billion
		"High-Flyer", // deepseek-gpu-estimates, deepseek-company-profile: 10,000 A100s, first cluster of 1,100
		"Meta",       // big-tech-ai-capex-2025: more than 1.3 million GPUs; deepseek-v3-technical-report: 16,384 H100s
		"Tencent",    // china-specific-nvidia-chips, nvidia-h20-china-sales: buying H800s, large H20 orders
		"Alibaba",    // the same
		"Baidu",      // china-specific-nvidia-chips: buying H800s
		"ByteDance",  // nvidia-h20-china-sales: large H20 orders
		"xAI",        // U: how many gpus are in xai's colossus cluster
		"Microsoft",  // U: how many h200 gpus did microsoft order
	}},
	{"capex", "a company's capital spending (plan, forecast, quarter, compute brought online, data-center plans)", []string{
		"Microsoft", // big-tech-ai-capex-2025: $80 billion in fiscal 2025; "good for my $80 billion" (stargate-announcement)
		"Meta",      // big-tech-ai-capex-2025: $60 billion to $65 billion, 1 gigawatt, 2 gigawatts in Louisiana
		"Alphabet",  // big-tech-ai-capex-2025: $75 billion, later $85 billion
		"Amazon",    // big-tech-ai-capex-2025: $26.3 billion in Q4, about $100 billion
	}},
	{"stock", "a share-price move, closing price, market-value loss or record of a company or index", []string{
		"Nvidia",                                                                  // nvidia-market-value-drop-jan-2025: 17%, $118.58, $593 billion; U: nvidia stock price today
		"Broadcom",                                                                // nvidia-market-value-drop-jan-2025: down 17.4%
		"Microsoft",                                                               // nvidia-market-value-drop-jan-2025: fell 2.1%
		"Alphabet",                                                                // nvidia-market-value-drop-jan-2025: fell 4.2%; big-tech-ai-capex-2025: fell 8%
		"Marvell",                                                                 // nvidia-market-value-drop-jan-2025: down 19.1%
		"Meta",                                                                    // nvidia-market-value-drop-jan-2025: shed $232 billion in 2022
		"the Nasdaq Composite", "the S&P 500", "the Dow Jones Industrial Average", // nvidia-market-value-drop-jan-2025
		"the Philadelphia semiconductor index", // nvidia-market-value-drop-jan-2025: dropped 9.2%
	}},
	{"selloff", "who was blamed for a sell-off or showed that AI could be trained cheaply", []string{
		"DeepSeek", "High-Flyer", // nvidia-market-value-drop-jan-2025, big-tech-ai-capex-2025
	}},
	{"inference-costs", "who said falling inference costs would raise spending", []string{
		"Amazon", // big-tech-ai-capex-2025: Jassy argued that falling AI inference costs would lead companies to spend more
	}},
	{"forecast", "a forecast of the AI market, its value or spending, by a firm or analyst", []string{
		"Bloomberg Intelligence", "Mandeep Singh", // generative-ai-market-forecasts: $1.3 trillion by 2032
		"McKinsey", "the McKinsey Global Institute", // generative-ai-market-forecasts: $2.6 trillion to $4.4 trillion
		"Goldman Sachs", "Goldman Sachs Research", // generative-ai-market-forecasts: 7%, $7 trillion, $150 billion
		"Gartner",       // generative-ai-market-forecasts: $644 billion in 2025
		"Alexandr Wang", // generative-ai-market-forecasts: a trillion-dollar market
	}},
	{"agi", "when a person expects AGI or human-level AI, or how they define it", []string{
		"Alexandr Wang",  // agi-timeline-claims: two to four years; a remote worker
		"Sam Altman",     // agi-timeline-claims: Reflections, January 5, 2025
		"Dario Amodei",   // agi-timeline-claims: 2027
		"Demis Hassabis", // agi-timeline-claims: five to 10 years
		"Son",            // agi-timeline-claims: "very, very soon"
		"Elon Musk",      // agi-timeline-claims: around the end of next year
		"Sergey Brin",    // agi-timeline-claims: before 2030
		"Jeetu Patel",    // agi-timeline-claims: early examples in 2025
		"Robin Li",       // agi-timeline-claims: more than a decade away
	}},
	{"us-lead", "how far the US leads China in AI or chips", []string{
		"David Sacks",     // openai-distillation-accusation: between three and six months
		"Alexandr Wang",   // deepseek-50000-hopper-gpus-wang-musk: China has caught up
		"Jeffrey Kessler", // huawei-ascend-chips: China catching up quickly
		"Ren Zhengfei",    // huawei-ascend-chips: a generation behind
		"Huawei",          // huawei-ascend-chips: a generation behind US rivals
		"the White House", // huawei-ascend-chips: one to two years behind
	}},
	{"export", "an export rule, licence requirement or control on a chip, and its date", []string{
		"A100", "H100", // us-chip-export-controls-2022-2024: August 26, 2022; October 2022
		"A800", "H800", "L40S", "RTX 4090", // us-chip-export-controls-2022-2024: October 17, 2023
		"H20", "MI308", // nvidia-h20-china-sales: April 9, 2025; July 14, 2025
		"Ascend 910B", "Ascend 910C", "Ascend 920", // ai-diffusion-rule, huawei-ascend-chips: May 13, 2025 guidance
	}},
	{"chip-sales", "a chip's China sales, charges, unshipped revenue, revenue share or status", []string{
		"H20",   // nvidia-h20-china-sales: $5.5 billion, $4.5 billion, $2.5 billion, 15%, "deprecated chip"
		"MI308", // nvidia-h20-china-sales: 15% of revenue
	}},
	{"chip-spec", "a chip's or system's bandwidth, memory, compute or power", []string{
		"A100", "A800", "H100", "H800", "H20", // china-specific-nvidia-chips: 600, 400, 300, 900 GB/s; 96 GB, 4.0 TB/s
		"Ascend 910C", // huawei-ascend-chips: 800 TFLOPS, 3.2 TB/s, 559 kW for 384 chips
		"GB200",       // huawei-ascend-chips: 180 PFLOPS, 145 kW for the NVL72
		"MI300X",      // U: amd mi300x memory and bandwidth
	}},
	{"china-chip", "which chips were designed for China, under the export thresholds", []string{
		"A800", "H800", "H20", "L20", // china-specific-nvidia-chips
	}},
	{"cn-output", "how many chips were made or shipped, and where and how they are made", []string{
		"Ascend 910B", "Ascend 910C", "Ascend 920", // huawei-ascend-chips: at or below 200,000 in 2025; SMIC 7nm
		"H20", // huawei-ascend-chips, china-specific-nvidia-chips: more than 1 million H20s
	}},
	{"chip-test", "which lab tested a chip and how it compared", []string{
		"Ascend 910C", // huawei-ascend-chips: about 60% of the H100's inference performance
		"DeepSeek",    // huawei-ascend-chips: testing by DeepSeek researchers
		"H20",         // china-specific-nvidia-chips: 20 percent faster than the H100 for inference
	}},
	{"rnd", "how much a chipmaker invests in research a year", []string{
		"Huawei", // huawei-ascend-chips: more than $25 billion a year
	}},
	{"app-chart", "an app's App Store rank or downloads", []string{
		"DeepSeek", // deepseek-app-and-government-bans: No. 1 on January 26, 2025; 2.6 million downloads
	}},
	{"ban", "a government body's restriction of an app, and the app restricted", []string{
		"DeepSeek",    // deepseek-app-and-government-bans: the app restricted
		"Italy",       // the Garante, January 30, 2025
		"South Korea", // the PIPC, February 15, 2025
		"Taiwan",      // the Ministry of Digital Affairs, January 31, 2025
		"Australia",   // February 4, 2025
		"India",       // the finance ministry
		"Texas",       // Governor Greg Abbott
		"the US Navy", // January 24, 2025
		"NASA",        // limited DeepSeek
	}},
	{"stargate", "the capacity, place, partners, money, GPUs, jobs or timing of a Stargate site", []string{
		"Texas", "UAE", "Norway", "UK", "Michigan", "Ohio", "New Mexico", // stargate-expansion-2025, stargate-announcement
	}},
	{"site", "what is being built at a data-center location: capacity, GPUs, buildings, construction", []string{
		"Abilene",                     // stargate-announcement: 10 buildings, 20 planned
		"Milam County, Texas",         // stargate-expansion-2025
		"Shackelford County, Texas",   // stargate-expansion-2025
		"Saline Township, Michigan",   // stargate-expansion-2025: more than 1 gigawatt
		"Doña Ana County, New Mexico", // stargate-expansion-2025
		"Lordstown, Ohio",             // stargate-expansion-2025
		"Narvik",                      // stargate-expansion-2025: 230 megawatts, 100,000 GPUs
		"Stord, Norway",               // would read as Stargate Norway
		"Abu Dhabi",                   // stargate-expansion-2025: 1 gigawatt, 200-megawatt first phase
		"Richland Parish, Louisiana",  // big-tech-ai-capex-2025: Meta's 2-gigawatt data center
		"Memphis, Tennessee",          // U: xAI's Colossus cluster
	}},
	{"funds", "how much money an investor has, has secured or commits to a project", []string{
		"SoftBank",  // stargate-announcement: well under $10B secured; $24.3 billion of cash
		"Oracle",    // stargate-announcement: $11 billion in cash
		"MGX",       // stargate-announcement: $100 billion in capital commitments
		"OpenAI",    // stargate-announcement: $500 billion over four years
		"G42",       // stargate-expansion-2025: pays for Stargate UAE
		"Nscale",    // stargate-expansion-2025: $1 billion joint venture
		"Microsoft", // openai-distillation-accusation: OpenAI's largest investor; U: microsoft's investment in openai
	}},
	{"stargate-claim", "who made a claim about Stargate that only the real corpus may quote", []string{
		"Larry Ellison", // stargate-announcement: 10 buildings under construction
		"Sam Altman",    // stargate-announcement: Musk was "wrong"; invited him to visit
	}},
	{"distill", "who accused whom of distillation, or acted on it", []string{
		"OpenAI", "DeepSeek", "High-Flyer", "Microsoft", // openai-distillation-accusation
	}},
	{"funding", "a company's funding round or valuation", []string{
		"DeepSeek", "High-Flyer", // deepseek-company-profile: funded by High-Flyer, no outside capital
		"Anthropic", // U: how much did anthropic raise in its latest funding round
		"Mistral",   // U: what is mistral ai's valuation
		"OpenAI",    // U: how much money has microsoft invested in openai
	}},
	{"profile", "a company's founding, spin-off, headquarters, leaders, staff, assets or openness", []string{
		"DeepSeek", "High-Flyer", // deepseek-company-profile
		"MGX",    // stargate-announcement: the Abu Dhabi AI investment fund
		"Huawei", // huawei-ascend-chips: CEO Ren Zhengfei; U: where is huawei headquartered
		"TSMC",   // U: who is the ceo of tsmc
	}},
	{"venture", "the money, jobs, partners, leaders or deals of the Stargate venture itself (no template states one: Stargate sentences name a site)", []string{
		"Stargate", // stargate-announcement, stargate-expansion-2025: $100 billion to $500 billion, 100,000 jobs, Son as chairman, 4.5 gigawatts with Oracle
	}},
	{"rule", "anything about the export rules the starter corpus describes (no template names them)", []string{
		"AI Diffusion rule", // ai-diffusion-rule: January 13, 2025, 1,700 GPUs, 50,000, 320,000, 18 allies, rescinded May 13, 2025
		"Entity List",       // us-chip-export-controls-2022-2024: 140 entities on December 2, 2024
	}},
	{"gpu-cap", "a country's cap on GPUs or licence-free orders, or its tier", []string{
		"the United States", // ai-diffusion-rule: 1,700 GPUs without a licence, 50,000 per country
		// ai-diffusion-rule: the allies exempted and the adversaries denied access
		"Australia", "Canada", "the United Kingdom", "South Korea", "Japan", "Taiwan", "the Netherlands",
		"China", "Russia", "Iran",
	}},
}

// A factKind is one row of realFacts.
type factKind struct {
	kind     string
	what     string
	subjects []string
}

// blockedFacts is realFacts as a set of kind and subject.
var blockedFacts = func() map[[2]string]bool {
	m := map[[2]string]bool{}
	for _, k := range realFacts {
		for _, s := range k.subjects {
			m[[2]string{k.kind, s}] = true
		}
	}
	return m
}()

func factBlocked(kind, subject string) bool { return blockedFacts[[2]string{kind, subject}] }

func knownKind(kind string) bool {
	for _, k := range realFacts {
		if k.kind == kind {
			return true
		}
	}
	return false
}

// A template is a sentence pattern parsed once: literal text and slots in
// order, and the facts it states.
type template struct {
	parts []tmplPart
	facts []slotFacts // base slots ("chip") before their seconds ("chip2")
}

type tmplPart struct {
	lit  string
	slot string // "chip.maker"; "" for a literal
}

// slotFacts are the kinds of fact that a template states about the entity of
// one slot, keyed by the attribute that names the subject.
type slotFacts struct {
	slot  string // "chip2"
	conds []slotCond
}

type slotCond struct {
	attr  string // "maker", or "" for the entity's name
	kinds []string
}

// parseTemplate parses "{slot.attr|kind|kind}" annotations. It panics on an
// unknown kind, so that a typo cannot silently disable a check.
func parseTemplate(s string) *template {
	t := &template{}
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			if s != "" {
				t.parts = append(t.parts, tmplPart{lit: s})
			}
			break
		}
		j := strings.IndexByte(s[i:], '}') + i
		if i > 0 {
			t.parts = append(t.parts, tmplPart{lit: s[:i]})
		}
		key, kinds, annotated := strings.Cut(s[i+1:j], "|")
		t.parts = append(t.parts, tmplPart{slot: key})
		if annotated {
			name, attr, _ := strings.Cut(key, ".")
			if attr != "maker" {
				attr = ""
			}
			c := slotCond{attr: attr, kinds: strings.Split(kinds, "|")}
			for _, k := range c.kinds {
				if !knownKind(k) {
					panic("corpustest: unknown fact kind " + k + " in template " + s)
				}
			}
			t.addFact(name, c)
		}
		s = s[j+1:]
	}
	return t
}

func (t *template) addFact(slot string, c slotCond) {
	for i := range t.facts {
		if t.facts[i].slot == slot {
			t.facts[i].conds = append(t.facts[i].conds, c)
			return
		}
	}
	f := slotFacts{slot: slot, conds: []slotCond{c}}
	if strings.HasSuffix(slot, "2") {
		t.facts = append(t.facts, f)
		return
	}
	t.facts = append([]slotFacts{f}, t.facts...)
}

// allows reports whether e may be the subject of every fact in conds.
func allows(conds []slotCond, e entity) bool {
	for _, c := range conds {
		subject := e.name
		if c.attr == "maker" {
			subject = e.role
		}
		for _, k := range c.kinds {
			if factBlocked(k, subject) {
				return false
			}
		}
	}
	return true
}

// templates caches parsed templates by their text. Templates are package
// literals, so the cache stays small; it is shared by the goroutines of
// Distractors.
var templates sync.Map // string → *template

func compiled(s string) *template {
	if t, ok := templates.Load(s); ok {
		return t.(*template)
	}
	t, _ := templates.LoadOrStore(s, parseTemplate(s))
	return t.(*template)
}
