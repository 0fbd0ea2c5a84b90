package corpustest

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// factPatterns recognise, for each kind of realFacts, a sentence that
// states that kind of fact about a subject, written @S. They are written
// from the templates' wording (the test is template-aware) but not from
// their annotations, so that a template that states a fact without marking
// its subject is caught. Matching ignores case; @S matches the subject's
// name or another name of it (see factAliases), not followed by a hyphen
// ("o1" does not match "o1-mini").
var factPatterns = map[string][]string{
	"launch": {
		`@S\W+(?:\w+\W+){0,3}?(?:was |were )?(?:released|launched|launches|launch|unveiled|introduced|debuted|announced|began shipping|shipped)\b`,
		`(?:released|releases|launched|launches|unveiled|introduced|announced)\W+(?:\w+\W+)?@S`,
		`@S is an? .*\bbegan shipping`,
		`(?:derivative models based on|smaller versions of)\W+@S`,
	},
	"agent": {
		`@S\W+(?:\w+\W+){0,2}?(?:still struggled|asks users|was later extended|launched on|research preview)`,
		`(?:launches|released)\W+@S\W+(?:for|on)\b`,
		`How @S Works`,
	},
	"bench": {
		`@S\W+(?:\w+\W+){0,2}?(?:scored|scores|stayed ahead|was "basically comparable"|vs)\b`,
		`(?:%|percent) for @S`,
		`success rates? .* for @S`,
		`\bvs\.? @S`,
		`the @S scores`,
		`comparable" to @S`,
		`How @S Compares`,
	},
	"params": {
		`@S.*\bparameters\b`,
	},
	"training": {
		`@S.*\b(?:GPU hours|pre-trained|trained on|cluster|rollbacks|stable during training)\b`,
		`(?:training|trained|cluster behind)\W+@S`,
	},
	"price": {
		`@S.*\b(?:priced|per million|cheaper|per month)\b`,
		`(?:listed|priced)\W+@S`,
		`cheaper than @S`,
		`@S subscribers, at`,
	},
	"gpus": {
		`@S\W+(?:\w+\W+){0,4}?(?:GPUs|GPU cluster|GPU hours|cluster of|fleet|computing power|server spending|first cluster)\b`,
		`@S\W+(?:operates|had access|had built|has about|has more|had also ordered|bought its|said it expected to finish)\b`,
		`@S trained .* cluster`,
		`@S would spend .* GPUs`,
		`@S\W+\S+(?: \S+)? chips cost`,
		`(?:associated with|does|Inside the|Said About)\W+@S`,
		`behind @S\?`,
	},
	"capex": {
		`@S\W+(?:\w+\W+){0,2}?(?:plans to spend|to spend|expects to invest|raised its|said it would spend|would spend|spending|capex|capital expenditures|lifts|said it would bring|reported .* capital expenditures|plans a data center|is "good for"|was "good for"|Told Investors)`,
		`expected @S to spend`,
		`More than half of @S`,
	},
	"stock": {
		`@S\W+(?:shares|stock)\W+(?:\w+\W+){0,2}?(?:fell|fall|rose|dropped|lost|closed|had risen|slid)\b`,
		`@S\W+(?:closed|loses|lost|fell|dropped|shed)\b`,
		`record for @S`,
		`@S's largest since`,
		`sell-off: (?:[^:]*, )?@S`,
	},
	"selloff": {
		`blamed @S`,
		`after @S showed`,
	},
	"inference-costs": {
		`@S.*inference costs`,
	},
	"forecast": {
		`@S.*\b(?:generative AI|AI market|AI spending|AI infrastructure|AI servers|GDP|global economy|likely winners|customer operations|poised for)\b`,
		`(?:economy|spending), says @S`,
		`@S: AI spending`,
	},
	"agi": {
		`@S.*\b(?:AGI|artificial general intelligence|better than humans|beat humans|join the workforce|decade away|office work|the timeline|expected it|the estimate in a podcast|such forecasts)\b`,
		`(?:AGI|arrive\?).*@S`,
	},
	"us-lead": {
		`@S.*\b(?:lead of|behind their US counterparts|gap with US chips|closing faster|catching up)\b`,
	},
	"export": {
		`@S.*\b(?:licen[cs]es?|exports?|controls|rule|threshold|curbs)\b`,
		`(?:licen[cs]e|rule covering|controls on|curbs|catches|exports of)\W+(?:\w+\W+){0,2}?@S`,
	},
	"chip-sales": {
		`@S.*\b(?:charge|revenue|sales|deprecated|disclosure|inventory)\b`,
		`(?:charge as|revenue from|unable to ship .* of|related to)\W+@S`,
	},
	"chip-spec": {
		`@S.*\b(?:GB/s|gigabytes per second|TB/s|TFLOPS|PFLOPS|kW|memory bandwidth|moves data|FP16)\b`,
		`(?:GB/s|gigabytes per second|kW|TFLOPS) for (?:the |a rack of )?@S`,
		`How the @S Compares`,
	},
	"china-chip": {
		`@S.*designed to stay`,
		`@S.*\bfor China\b`,
	},
	"cn-output": {
		`@S.*\b(?:make|made|output|shipped|production|7-nanometer|accelerators since)\b`,
		`(?:make|output of|double)\W+(?:\w+\W+){0,4}?@S`,
		`double 920 production`,
	},
	"chip-test": {
		`@S.*\b(?:tested|inference performance)\b`,
		`Testing by @S`,
		`(?:found that the|tested .* on) @S`,
	},
	"rnd": {
		`@S.*invests more than .* research`,
	},
	"app-chart": {
		`@S.*\b(?:App Store|No\. \d+|downloads|top free|top 10|iPhone app|ranking)\b`,
		`downloads of the @S`,
	},
	"ban": {
		`@S.*\b(?:banned|bans|suspended|restricts|restricted|investigation|neglecting|order does not|government devices)\b`,
		`(?:banned|suspended new downloads of the|restricts|The)\W+@S\W+(?:on|app|over|web service)\b`,
	},
	"stargate": {
		`Stargate @S.*(?:\d|partner|secured|commit|capacity|phase|jobs|proposals|GPUs|campus)`,
		`(?:\d|partner|secured|commit|capacity|phase|behind|run|drawn|add|host).*Stargate @S`,
		`Stargate @S in Numbers`,
	},
	"site": {
		`@S.*(?:\d|campus|site|construction|data center|buildings|GPUs|grid)`,
		`(?:\d|campus|data center|site|construction|buildings|GPUs).*@S`,
	},
	"funds": {
		`@S\W+(?:had|has)\W+(?:only\W+)?\$`,
		`@S\W+(?:would|will) (?:commit|invest)`,
		`@S had .* capital commitments`,
		`joint venture of (?:\S+(?: \S+)? and )?@S`,
	},
	"stargate-claim": {
		`@S said \d+ data center buildings`,
		`@S answered on X`,
	},
	"distill": {
		`@S.*\b(?:distill|distilling|models' outputs|banned the accounts)`,
		`(?:that|accuses)\W+@S\W+(?:trained|of distilling)`,
	},
	"funding": {
		`@S\W+(?:raised|raises|is backed by)\b`,
		`@S.*valuation`,
	},
	"profile": {
		`@S\W+(?:\w+\W+)?(?:was spun off|team was|staff grew|publishes the weights|is backed by|founded|headquartered)`,
		`Who is behind @S`,
		`backed by @S, which manages`,
	},
	"venture": {
		`\d.*@S(?:[.,;:]|$)`,
		`@S\W+(?:would|will|pledged|partners|venture|has|had|project would|to invest)\b`,
		`(?:chairman of|secured for|commit \S+ \S+ to|invest \S+ \S+ in|capacity for|add \S+ \S+ to) @S(?:[.,;:]|$|(?-i: [a-z]))`,
	},
	"rule": {
		`@S`,
	},
	"gpu-cap": {
		`@S\W+agreed to limit`,
		`Under @S's own rules`,
		`@S.*\b(?:cap of|tier)\b`,
	},
}

// extraAliases are other names under which a subject of a kind appears in
// generated text.
var extraAliases = map[[2]string][]string{
	{"inference-costs", "Amazon"}:                     {"Andy Jassy", "Jassy"},
	{"stock", "the Nasdaq Composite"}:                 {"Nasdaq"},
	{"stock", "the S&P 500"}:                          {"S&P 500"},
	{"stock", "the Dow Jones Industrial Average"}:     {"Dow Jones"},
	{"stock", "the Philadelphia semiconductor index"}: {"semiconductor index", "index of semiconductor stocks"},
	{"agi", "Son"}:                                    {"Masayoshi Son"},
	{"us-lead", "the White House"}:                    {"White House"},
}

// factAliases returns the names under which subject may appear in a
// sentence stating a fact of kind: the name itself, a short name that no
// other entity uses (and that is not a bare number), a ban entity's
// authority, and extraAliases.
func factAliases(kind, subject string) []string {
	shortOwners := map[string]map[string]bool{}
	for _, pool := range entityPools {
		for _, e := range pool {
			for _, s := range []string{e.short, e.name} {
				if shortOwners[s] == nil {
					shortOwners[s] = map[string]bool{}
				}
				shortOwners[s][e.name] = true
			}
		}
	}
	out := []string{subject}
	for _, pool := range entityPools {
		for _, e := range pool {
			if e.name != subject {
				continue
			}
			if _, err := strconv.Atoi(e.short); err != nil && len(shortOwners[e.short]) == 1 {
				out = append(out, e.short)
			}
		}
	}
	for _, e := range banCountries {
		if e.name == subject {
			out = append(out, e.role)
		}
	}
	out = append(out, extraAliases[[2]string{kind, subject}]...)
	slices.Sort(out)
	return slices.Compact(out)
}

type factMatcher struct {
	kind    string
	aliases []string // lower case, for a quick test before the expression
	pattern string
	re      *regexp.Regexp
	subject int // index of the subject's submatch
}

// factMatchers compiles factPatterns with the subjects of realFacts.
var factMatchers = sync.OnceValue(func() []factMatcher {
	var ms []factMatcher
	for _, k := range realFacts {
		var alts []string
		for _, s := range k.subjects {
			alts = append(alts, factAliases(k.kind, s)...)
		}
		// Longest first, so that "DeepSeek-R1" is preferred to "R1".
		sort.Slice(alts, func(i, j int) bool { return len(alts[i]) > len(alts[j]) })
		var q []string
		for _, a := range alts {
			q = append(q, regexp.QuoteMeta(a))
		}
		subj := `\b(?P<s>` + strings.Join(q, "|") + `)(?:'s|s)?\b`
		for _, p := range factPatterns[k.kind] {
			re := regexp.MustCompile(`(?i)` + strings.ReplaceAll(p, "@S", subj))
			var lower []string
			for _, a := range alts {
				lower = append(lower, strings.ToLower(a))
			}
			ms = append(ms, factMatcher{kind: k.kind, aliases: lower, pattern: p, re: re, subject: re.SubexpIndex("s")})
		}
	}
	return ms
})

// peopleIntros maps a person's introduction ("Scale AI chief executive
// Alexandr Wang") to the bare name, so that the company in a job title is
// not read as the subject of the sentence.
var peopleIntros = func() *strings.Replacer {
	var r []string
	for _, p := range people {
		r = append(r, p.role+" "+p.name, p.name)
	}
	return strings.NewReplacer(r...)
}()

// A factViolation is a sentence that states a kind of fact about a subject
// of the starter corpus.
type factViolation struct {
	kind, subject, pattern, sentence string
}

// factViolations returns the facts about real subjects that sentence
// states.
func factViolations(sentence string) []factViolation {
	s := peopleIntros.Replace(sentence)
	lower := strings.ToLower(s)
	var out []factViolation
	for _, m := range factMatchers() {
		if !slices.ContainsFunc(m.aliases, func(a string) bool { return strings.Contains(lower, a) }) &&
			!strings.Contains(m.pattern, "920") {
			continue
		}
		for pos := 0; pos < len(s); {
			loc := m.re.FindStringSubmatchIndex(s[pos:])
			if loc == nil {
				break
			}
			a, b := pos+loc[0], pos+loc[1] // a pattern without @S names its subject
			if m.subject >= 0 {
				a, b = pos+loc[2*m.subject], pos+loc[2*m.subject+1]
			}
			if b < len(s) && s[b] == '-' {
				pos = a + 1 // "o1-mini" is not "o1"
				continue
			}
			out = append(out, factViolation{m.kind, s[a:b], m.pattern, sentence})
			break
		}
	}
	return out
}

// splitSentences splits a line of prose into sentences. A period ends a
// sentence when a space and a capital letter, digit, quote or a name
// written in lower case follow, except after "No." and "Corp.".
func splitSentences(line string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(line); i++ {
		end := func(c byte) bool { return c == '.' || c == '?' || c == '!' }
		if c := line[i]; line[i+1] != ' ' || !end(c) && (c != '"' || i == 0 || !end(line[i-1])) {
			continue
		}
		before := line[start:i]
		if strings.HasSuffix(before, " No") || strings.HasSuffix(before, "Corp") || before == "No" {
			continue
		}
		next := line[i+2:]
		if n := next[0]; !('a' <= n && n <= 'z') || strings.HasPrefix(next, "o1") ||
			strings.HasPrefix(next, "o3") || strings.HasPrefix(next, "xAI") || strings.HasPrefix(next, "data.ai") {
			out = append(out, line[start:i+1])
			start = i + 2
		}
	}
	return append(out, line[start:])
}

// articleSentences returns the sentences of a generated article: its
// title, its sources' titles and every sentence of its body, headings and
// bullets included.
func articleSentences(a article) []string {
	title, _ := strconv.Unquote(a.fields["title"])
	out := []string{title}
	for _, s := range a.sources {
		t, _ := strconv.Unquote(s["title"])
		out = append(out, t)
	}
	for line := range strings.SplitSeq(a.body, "\n") {
		line = strings.TrimPrefix(strings.TrimPrefix(line, "## "), "- ")
		if line != "" {
			out = append(out, splitSentences(line)...)
		}
	}
	return out
}

// corpusViolations checks every sentence of fsys.
func corpusViolations(t *testing.T, fsys fstest.MapFS) (sentences int, v []factViolation) {
	t.Helper()
	for _, f := range fsys {
		a, err := parseArticle(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range articleSentences(a) {
			sentences++
			v = append(v, factViolations(s)...)
		}
	}
	return sentences, v
}

// TestNoRealCombination checks that no distractor sentence states a kind of
// fact about a subject that the starter corpus states it about.
func TestNoRealCombination(t *testing.T) {
	n, vs := corpusViolations(t, Distractors(2000, 1))
	if n < 50000 {
		t.Errorf("only %d sentences checked", n)
	}
	for i, v := range vs {
		if i == 30 {
			t.Errorf("… and %d more", len(vs)-i)
			break
		}
		t.Errorf("%s about %q (pattern %s):\n\t%s", v.kind, v.subject, v.pattern, v.sentence)
	}
	t.Logf("%d sentences, %d violations", n, len(vs))
}

// TestFactPatterns checks the matcher itself: the contradictions that the
// generator used to write are caught, and other combinations are not.
func TestFactPatterns(t *testing.T) {
	bad := []struct{ sentence, kind string }{
		{"Anthropic's computer use launched on May 4, 2024 as a research preview for Claude Pro subscribers, at $20.00 per month.", "launch"},
		{"Stargate UAE would start with 720 megawatts of capacity and could grow to 3 gigawatts, ByteDance said on June 11, 2025.", "stargate"},
		{"DeepSeek released DeepSeek-R1 on January 23, 2024 with open weights and a technical report.", "launch"},
		{"Elon Musk wrote on X that SoftBank had $95 billion secured for Stargate Texas, a claim OpenAI disputed.", "funds"},
		{"Elon Musk wrote on X that SoftBank had $95 billion secured for Stargate Texas, a claim OpenAI disputed.", "stargate"},
		{"Oracle chairman Larry Ellison said 36 data center buildings were under construction in Milam County, Texas.", "stargate-claim"},
		{"Oracle chairman Larry Ellison said 36 data center buildings were under construction in Milam County, Texas.", "site"},
		{"OpenAI released Operator on April 10, 2024, letting the model read the screen, move the cursor and type.", "launch"},
		{"Google DeepMind's Project Mariner launched on October 2, 2024 as a research preview for Gemini Advanced subscribers, at $19.99 per month.", "launch"},
		{"OpenAI released ChatGPT agent on August 22, 2024, letting the model read the screen, move the cursor and type.", "launch"},
		{"The US Navy suspended new downloads of the Kimi app on October 7, 2025, citing data-protection concerns.", "ban"},
		{"Microsoft plans to spend $32 billion on data centers in fiscal 2026, Brad Smith said in a blog post on March 3, 2025.", "capex"},
		{"The first phase of 390 megawatts is expected to come online in 2025 at Stargate Norway.", "stargate"},
		{"Gemini 1.5 Pro has 240 billion parameters in total and activates 32 billion for each token, according to its model card.", "params"},
		{"xAI operates a cluster of 100,000 Nvidia H100 chips, according to SemiAnalysis, which published its estimate on May 2, 2025.", "gpus"},
		{"Scale AI chief executive Alexandr Wang said Microsoft has about 30,000 Nvidia H200 GPUs, far more than the company has disclosed.", "gpus"},
		{"Anthropic raised $4.5 billion at a valuation of $60 billion, Reuters reported on March 3, 2025.", "funding"},
		{"Mistral raised $1.2 billion at a valuation of $14 billion, Reuters reported on March 3, 2025.", "funding"},
		{"The MI300X moves data between chips at 900 GB/s, against 450 GB/s for the B200.", "chip-spec"},
		{"Anthropic listed Claude 3 Opus at $12.00 per million input tokens and $60.00 per million output tokens.", "price"},
		{"Nvidia closed at $131.20 on March 3, 2025, its worst day since May 2023.", "stock"},
		{"The Nasdaq Composite fell 2.3% and the S&P 500 lost 1.1%.", "stock"},
		{"Microsoft chief executive Satya Nadella said Microsoft was \"good for\" its $45 billion, dismissing questions about the cost.", "capex"},
		{"Anthropic chief executive Dario Amodei said artificial general intelligence could arrive within a decade.", "agi"},
		{"Nvidia said in a filing on March 3, 2025 that it would take a charge of up to $3.1 billion related to H20 inventory and purchase commitments.", "chip-sales"},
		{"On March 3, 2024, the Bureau of Industry and Security issued a rule covering the H100 and B200, with a compliance date of June 1, 2024.", "export"},
		{"DeepSeek reached No. 4 on Apple's US App Store on March 3, 2025, up from No. 30 a week earlier, according to Appfigures.", "app-chart"},
		{"Huawei said on March 3, 2025 that it could make 300,000 Ascend 910C chips in 2026.", "cn-output"},
		{"Huawei plans to double 920 production by 2027, Reuters reported.", "cn-output"},
		{"Morgan Stanley has said Huawei's chips are 18 months behind their US counterparts.", "us-lead"},
		{"Gartner forecast worldwide generative AI spending of $700 billion in 2026, an increase of 40% on the previous year.", "forecast"},
		{"OpenAI said on March 3, 2025 that it had seen signs that Moonshot AI trained on its models' outputs, Reuters reported.", "distill"},
		{"Reviewers said R1 was 47% cheaper than Claude 3.5 Haiku for the same tasks.", "price"},
		{"Elon Musk wrote on X that SoftBank had $95 billion secured for Stargate, a claim OpenAI disputed.", "venture"},
		{"Stargate would create more than 40,000 jobs, Trump said on March 3, 2025.", "venture"},
		{"Oracle and OpenAI agreed on July 1, 2025 to develop 3 gigawatts of capacity for Stargate.", "venture"},
		{"India was placed in the second tier of the AI diffusion rule, with a cap of 30,000 GPUs through 2027.", "rule"},
		{"BIS added 35 Chinese entities to the Entity List on March 5, 2024, Reuters reported.", "rule"},
		{"The partners behind Stargate Michigan pledged an initial $20 billion, an amount that could rise to $90 billion over four years.", "stargate"},
		{"MGX had $45 billion in capital commitments, Reuters reported.", "funds"},
		{"Home Affairs' order does not cover private citizens' devices.", "ban"},
		{"The Stargate campus in Narvik is expected to house 80,000 Nvidia GB200 GPUs by the end of 2027.", "site"},
	}
	for _, c := range bad {
		var kinds []string
		for _, v := range factViolations(c.sentence) {
			kinds = append(kinds, v.kind)
		}
		if !slices.Contains(kinds, c.kind) {
			t.Errorf("%s fact not caught (found %q):\n\t%s", c.kind, kinds, c.sentence)
		}
	}
	good := []string{
		"Mistral released Mistral Large on March 3, 2025 with open weights and a technical report.",
		"Elon Musk wrote on X that xAI had only $12 billion secured for Stargate India, a claim Oracle disputed.",
		"Stargate India would start with 300 megawatts of capacity and could grow to 2 gigawatts, Oracle said on May 3, 2025.",
		"Scale AI chief executive Alexandr Wang said Mistral has about 30,000 Nvidia H100 GPUs, far more than the company has disclosed.",
		"Microsoft chief executive Satya Nadella said Oracle was \"good for\" its $45 billion, dismissing questions about the cost.",
		"Traders compared the move with earlier swings in Nvidia shares.",
		"Analysts at UBS wrote that the reaction was overdone and kept a buy rating on Nvidia.",
		"OpenAI listed o1-mini at $1.10 per million input tokens and $4.40 per million output tokens.",
		"Developers compared R1 with Grok 3.",
		"Anthropic's Claude for Chrome launched on March 4, 2025 as a research preview for Claude Max subscribers, at $30.00 per month.",
		"The project is separate from Stargate UAE.",
		"xAI founder Elon Musk said Cohere has about 12,000 Nvidia H100 GPUs, far more than the company has disclosed.",
		"DeepSeek founder Liang said distilling rival models was common across the industry.",
		"The Virginia governor's office banned Kimi on government devices on March 3, 2025, Reuters reported.",
		"Nvidia agreed to give the US government 20% of its revenue from B200 sales in Malaysia.",
		"Testing by Zhipu AI researchers found that the Ascend 920 reached about 45% of the H100's inference performance, Reuters reported.",
		"Morgan Stanley has said Cambricon's chips are 18 months behind their US counterparts.",
		"The app competes with DeepSeek for the top spot.",
		"## Who Pays for Stargate",
		"The Stargate campus in Quincy, Washington is expected to house 30,000 Nvidia GB200 GPUs by the end of 2027.",
	}
	for _, s := range good {
		if v := factViolations(s); len(v) > 0 {
			t.Errorf("other combination flagged as %s about %q (pattern %s):\n\t%s", v[0].kind, v[0].subject, v[0].pattern, s)
		}
	}
}

// TestFactTable checks realFacts against the generator: every kind has
// patterns, every subject is spelled as some pool spells it (or is one of
// the few subjects no pool holds), every annotated template parses and
// every annotated slot can still be filled.
func TestFactTable(t *testing.T) {
	notInPools := map[string]bool{
		"DeepSeek-R1-Zero": true, "Claude 3.5 Sonnet": true, "GPT-5": true,
		"the Nasdaq Composite": true, "the S&P 500": true, "the Dow Jones Industrial Average": true,
		"the Philadelphia semiconductor index": true,
		"Stargate":                             true, "AI Diffusion rule": true, "Entity List": true, "Computer-Using Agent": true,
	}
	known := map[string]bool{}
	for _, pool := range entityPools {
		for _, e := range pool {
			known[e.name] = true
			known[e.role] = true // makers
		}
	}
	seen := map[string]bool{}
	for _, k := range realFacts {
		if seen[k.kind] {
			t.Errorf("kind %s listed twice", k.kind)
		}
		seen[k.kind] = true
		if len(factPatterns[k.kind]) == 0 {
			t.Errorf("kind %s has no test patterns", k.kind)
		}
		for _, s := range k.subjects {
			if !known[s] && !notInPools[s] {
				t.Errorf("%s subject %q is in no entity pool", k.kind, s)
			}
		}
	}
	for kind := range factPatterns {
		if !seen[kind] {
			t.Errorf("patterns for unknown kind %s", kind)
		}
	}
	used := map[string]bool{}
	for _, tp := range topics {
		for _, list := range [][]string{tp.titles, tp.headings, tp.leads, tp.body} {
			for _, s := range list {
				for _, f := range compiled(s).facts {
					base, _ := strings.CutSuffix(f.slot, "2")
					n := 0
					for _, e := range entityPools[base] {
						if allows(f.conds, e) {
							n++
						}
					}
					if n < 2 {
						t.Errorf("{%s} of %q has %d possible subjects", f.slot, s, n)
					}
					for _, c := range f.conds {
						for _, k := range c.kinds {
							used[k] = true
						}
					}
				}
			}
		}
	}
	// Kinds that no template may state; the patterns check that none does.
	untemplated := map[string]bool{"venture": true, "rule": true}
	for _, k := range realFacts {
		if !used[k.kind] && !untemplated[k.kind] {
			t.Errorf("no template states a %s fact", k.kind)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	got := splitSentences(`Kimi reached No. 3 on the App Store. Semiconductor Manufacturing International Corp. cannot import them. o1 scored 80.1%. xAI said "no." It rose 4.5% to $1.2 billion.`)
	want := []string{"Kimi reached No. 3 on the App Store.", "Semiconductor Manufacturing International Corp. cannot import them.",
		"o1 scored 80.1%.", `xAI said "no."`, "It rose 4.5% to $1.2 billion."}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("splitSentences = %q\nwant %q", got, want)
	}
}
