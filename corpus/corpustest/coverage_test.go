package corpustest

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// questionCoverage says, for every question of the dev and held-out sets,
// what keeps distractors from answering it: the (kind, subject) pairs of
// realFacts that its answer is a fact of ("kind:subject"), strings the
// generators never write ("guard:string", from offTopic or
// heldoutOffTopic), or, when no template can state such a fact at all,
// "none:" and why.
var questionCoverage = []struct{ question, covered string }{
	// testdata/dev.jsonl
	{"how many gpus does deepseek have according to musk and wang", "gpus:DeepSeek"},
	{"when did deepseek drop the earth-shattering model wang talked about", "launch:DeepSeek-V3; launch:DeepSeek-R1"},
	{"what did wang call the race between the US and China", "us-lead:Alexandr Wang"},
	{"who stood with trump when stargate was unveiled", "venture:Stargate"},
	{"how does Wang define AGI", "agi:Alexandr Wang"},
	{"how many parameters does deepseek v3 have, and how many are actually active per token?", "params:DeepSeek-V3"},
	{"total H800 GPU hours for DeepSeek-V3 training?", "training:DeepSeek-V3"},
	{"what gpu rental price did deepseek assume to get the v3 cost figure", "training:DeepSeek-V3"},
	{"when did deepseek r1 come out", "launch:DeepSeek-R1"},
	{"how does r1 compare to o1 on AIME 2024", "bench:DeepSeek-R1; bench:o1"},
	{"is r1 really as good as o1 or is that disputed?", "bench:DeepSeek-R1; bench:o1"},
	{"how many H100s did Alexandr Wang say DeepSeek has", "gpus:DeepSeek"},
	{"how many A100s did High-Flyer / DeepSeek report having", "gpus:High-Flyer; gpus:DeepSeek"},
	{"when was the wang cnbc davos interview about deepseek gpus", "gpus:DeepSeek"},
	{"when did deepseek hit no 1 on the us app store?", "app-chart:DeepSeek"},
	{"did australia ban deepseek on government devices? when?", "ban:Australia; ban:DeepSeek"},
	{"south korea deepseek download ban date", "ban:South Korea; ban:DeepSeek"},
	{"did openai accuse deepseek of copying its models?", "distill:OpenAI; distill:DeepSeek"},
	{"when did the FT report that openai had evidence against deepseek", "distill:OpenAI; distill:DeepSeek"},
	{"how big a lead does the us have over china in ai according to sacks", "us-lead:David Sacks"},
	{"who founded deepseek", "profile:DeepSeek"},
	{"what's the hedge fund behind deepseek and how much does it manage", "profile:High-Flyer; funding:DeepSeek"},
	{"does deepseek release open weights or keep models closed?", "profile:DeepSeek"},
	{"how much market value did nvidia lose when deepseek blew up?", "stock:Nvidia; selloff:DeepSeek"},
	{"what was the record one-day market cap loss before nvidia's deepseek crash", "stock:Nvidia; stock:Meta"},
	{"how much did chip stocks drop overall on deepseek monday", "stock:the Philadelphia semiconductor index"},
	{"when did the us first make nvidia get a license to sell a100s to china", "export:A100"},
	{"which nvidia chips got caught by the october 2023 export rule update?", "export:A800; export:H800"},
	{"did the december 2024 export controls cover hbm memory", "none: no template says what the December 2024 package covered; its expected answer is never written"},
	{"when was the ai diffusion rule released", "rule:AI Diffusion rule"},
	{"what was the per-country gpu cap in biden's ai diffusion rule?", "rule:AI Diffusion rule; gpu-cap:the United States"},
	{"when did trump's commerce department scrap the ai diffusion rule", "rule:AI Diffusion rule"},
	{"how big a charge did nvidia say it would take from the h20 ban", "chip-sales:H20"},
	{"when did nvidia say it could start selling h20 to china again", "export:H20"},
	{"how much h20 revenue couldn't nvidia ship in the first quarter", "chip-sales:H20"},
	{"what's actually different between the a800 and the a100", "chip-spec:A800; chip-spec:A100"},
	{"how much slower is the h800 interconnect than the h100's", "chip-spec:H800; chip-spec:H100"},
	{"is the h20 faster than the h100 for inference?", "chip-test:H20; chip-spec:H20"},
	{"how many ascend ai chips can huawei make in 2025", "cn-output:Ascend 910B; cn-output:Ascend 910C; cn-output:Ascend 920"},
	{"who makes huawei's ascend chips", "cn-output:Ascend 910B; cn-output:Ascend 910C"},
	{"how much does huawei spend per year trying to catch up on chips", "rnd:Huawei"},
	{"how much money is stargate supposed to invest?", "venture:Stargate; funds:SoftBank; funds:OpenAI; funds:Oracle; funds:MGX"},
	{"where's the first stargate data center being built", "site:Abilene; stargate:Texas"},
	{"how many jobs did trump claim stargate would create", "venture:Stargate"},
	{"how big is stargate uae supposed to be", "stargate:UAE; site:Abu Dhabi"},
	{"where are the five new stargate sites announced in september", "stargate:Texas; stargate:Ohio; stargate:New Mexico; site:Shackelford County, Texas; site:Lordstown, Ohio; site:Milam County, Texas; site:Doña Ana County, New Mexico"},
	{"stargate norway - how many gpus and how much power", "stargate:Norway; site:Narvik"},
	{"how much is microsoft spending on ai data centers in fiscal 2025", "capex:Microsoft"},
	{"what did alphabet say its 2025 capital spending would be", "capex:Alphabet"},
	{"how many GPUs did zuckerberg say meta would have by end of 2025", "gpus:Meta; capex:Meta"},
	{"when does alexandr wang think we get agi", "agi:Alexandr Wang"},
	{"dario amodei's timeline for ai better than humans at almost everything?", "agi:Dario Amodei"},
	{"what did masayoshi son say about agi at the stargate launch", "agi:Son"},
	{"when did anthropic release computer use and for which model", "launch:computer use; launch:Claude 3.5 Sonnet"},
	{"when did openai launch operator", "launch:Operator"},
	{"how well did operator do on webvoyager and osworld", "bench:Operator; bench:Computer-Using Agent"},
	{"how big will the generative ai market be by 2032 per bloomberg intelligence", "forecast:Bloomberg Intelligence"},
	{"mckinsey estimate for how much value generative ai could add", "forecast:McKinsey; forecast:the McKinsey Global Institute"},
	{"goldman sachs says gen ai boosts global gdp by how much", "forecast:Goldman Sachs; forecast:Goldman Sachs Research"},
	{"what is the capital of france?", "guard:France; guard:Paris"},
	{"how do I reset my router password", "guard:router; guard:password"},
	{"what's the weather in berlin tomorrow", "guard:Berlin; guard:weather"},
	{"how many parameters does llama 4 behemoth have", "guard:Behemoth; guard:Llama 4"},
	{"who is the ceo of samsung electronics", "guard:Samsung"},
	// testdata/heldout.jsonl
	{"when did sam altman publish his reflctions blog post", "agi:Sam Altman"},
	{"demis hassabis agi prediction", "agi:Demis Hassabis"},
	{"hey bot, what does baidu's robin li think about when agi shows up", "agi:Robin Li"},
	{"what did elon musk predict in april 2024 about ai being smarter than any one human", "agi:Elon Musk"},
	{"amodie says ai beats humans at almost everything by when??", "agi:Dario Amodei"},
	{"what did altman write about knowing how to build agi?", "agi:Sam Altman"},
	{"how many gpus can you ship without an export licence under the ai diffusion rule", "rule:AI Diffusion rule; gpu-cap:the United States"},
	{"National Verified End User status - how many GPUs over two years?", "rule:AI Diffusion rule; gpu-cap:the United States"},
	{"how many allies were exempted from the diffusion rule restrictions", "rule:AI Diffusion rule; gpu-cap:Australia; gpu-cap:Canada; gpu-cap:the United Kingdom; gpu-cap:South Korea; gpu-cap:Japan"},
	{"who called the ai diffusion rule \"the mother of all regulations\"", "rule:AI Diffusion rule"},
	{"<@482913377120> quick q: when did biden's people put out the ai diffusion framework", "rule:AI Diffusion rule"},
	{"when was the diffusoin rule rescinded", "rule:AI Diffusion rule"},
	{"how much is zuckerburg's meta spending on capex in 2025", "capex:Meta"},
	{"where is meta building its 2 gigawatt data center", "capex:Meta; site:Richland Parish, Louisiana"},
	{"amazon q4 capex", "capex:Amazon"},
	{"did alphabet raise its 2025 capex forecast later? to how much", "capex:Alphabet"},
	{"what did satya nadella say about deepseek on the earnings call", "selloff:DeepSeek"},
	{"@racebot how much is msft putting into ai datacenters this fiscal year", "capex:Microsoft"},
	{"how much memory does the h20 have", "chip-spec:H20"},
	{"when did nvidia confirm it was selling the a800 in china", "launch:A800; china-chip:A800"},
	{"which chinese companies were buying the H800?", "gpus:Tencent; gpus:Alibaba; gpus:Baidu"},
	{"how many h20 chips did nvidia make in the last nine months of 2024", "cn-output:H20"},
	{"how much faster is an h100 sxm than an h20 at fp16", "chip-spec:H100; chip-spec:H20"},
	{"nvdia h800 interconnect bandwith in GB/s", "chip-spec:H800"},
	{"what did claude 3.5 sonnet score on osworld screenshot only", "bench:Claude 3.5 Sonnet; bench:computer use"},
	{"how much does chatgpt pro cost per month", "price:ChatGPT Pro"},
	{"what model is opertor built on", "agent:Operator; agent:Computer-Using Agent"},
	{"when did google deepmind show project mariner", "launch:Project Mariner"},
	{"when was chatgpt agent announced", "launch:ChatGPT agent"},
	{"anthropics computer use launch date pls", "launch:computer use"},
	{"wang says the ai industry will become what kind of market", "forecast:Alexandr Wang"},
	{"where was alexandr wang speaking when he talked about deepseek", "gpus:DeepSeek; agi:Alexandr Wang"},
	{"what did wang say the us needs to unleash for the ai boom", "none: no template says what the US needs for AI; Wang's AI claims are blocked under us-lead, agi and forecast"},
	{"musk and wang think deepseek has how many hopper gpus instead of 10k a100s lol", "gpus:DeepSeek"},
	{"whats wang's definition of agi", "agi:Alexandr Wang"},
	{"when did the us navy tell people not to use deepseek", "ban:the US Navy; ban:DeepSeek"},
	{"which governor made texas the first state to ban deepseek on government devices", "ban:Texas"},
	{"when did italy's privacy regulator act against deepseek", "ban:Italy"},
	{"in how many countries was deepseek the top free iphone app", "app-chart:DeepSeek"},
	{"deepsek app store number one when", "app-chart:DeepSeek"},
	{"- australia gov devices deepseek ban", "ban:Australia; ban:DeepSeek"},
	{"where is deepseek headquartered", "profile:DeepSeek"},
	{"where did liang wenfang go to university", "profile:DeepSeek"},
	{"how old is liang wenfeng", "profile:DeepSeek"},
	{"how many researchers co-authored the deepseek r1 paper", "profile:DeepSeek; launch:DeepSeek-R1"},
	{"how many code repos did deepseek say it would open source in feb 2025", "profile:DeepSeek"},
	{"who started deepseek? thanks!", "profile:DeepSeek"},
	{"what did musk reply on x to wang's deepseek h100 claim", "gpus:DeepSeek"},
	{"semianalisys estimate of deepseek server capex and operating costs", "gpus:DeepSeek"},
	{"how much did high-flyer's first a100 cluster cost", "gpus:High-Flyer"},
	{"when did semianalysis publish its deepseek hardware estimate", "gpus:DeepSeek"},
	{"what's the name of the cluster deepseek used with 10000 a100s", "gpus:DeepSeek; gpus:High-Flyer"},
	{"wang claims deepseek has 50k h100s?", "gpus:DeepSeek"},
	{"r1 api pricing per million tokens", "price:DeepSeek-R1"},
	{"how much does openai charge for o1 input and output tokens", "price:o1"},
	{"how many distilled models did deepseek release with r1", "launch:DeepSeek-R1"},
	{"codeforces rating o1 vs r1", "bench:o1; bench:DeepSeek-R1"},
	{"how many derivative models have devs built on r1", "launch:DeepSeek-R1"},
	{"deepseak r1 relase date", "launch:DeepSeek-R1"},
	{"R1 VS O1 ON AIME 2024", "bench:DeepSeek-R1; bench:o1"},
	{"how many tokens was deepseek v3 pre-trained on", "training:DeepSeek-V3"},
	{"when did deepseek announce v3 on x", "launch:DeepSeek-V3"},
	{"how many parameters does llama 3 have and how many gpu hours did meta use", "params:Llama 3.1 405B; training:Llama 3.1 405B; gpus:Meta"},
	{"what did karpathy say about deepseek v3's budget", "training:DeepSeek-V3"},
	{"what is the $294,000 deepseek figure about", "training:DeepSeek-R1"},
	{"yo what's v3's param count 🤔", "params:DeepSeek-V3"},
	{"deepseek v3 how many h800 gpu hours total", "training:DeepSeek-V3"},
	{"gartner generative ai spending forecast 2025 🙏", "forecast:Gartner"},
	{"how big was generative ai revenue in 2022 per bloomberg intelligence", "forecast:Bloomberg Intelligence"},
	{"who led the bloomberg intelligence genai report", "forecast:Bloomberg Intelligence; forecast:Mandeep Singh"},
	{"how many use cases did mckinsey analyse", "forecast:McKinsey; forecast:the McKinsey Global Institute"},
	{"how much did goldman raise its gdp boost estimate to in october 2023", "forecast:Goldman Sachs; forecast:Goldman Sachs Research"},
	{"bloomberg intellegence 2032 gen ai market size", "forecast:Bloomberg Intelligence"},
	{"how does the ascend 910c compare to the h100 for inference", "chip-test:Ascend 910C"},
	{"how many chips are in huawei cloudmatrix 384", "chip-spec:Ascend 910C"},
	{"how much power does cloudmatrix 384 draw vs the gb200 nvl72", "chip-spec:Ascend 910C; chip-spec:GB200"},
	{"who is huawie's ceo", "profile:Huawei"},
	{"*how long has the ascend 910b been on the market*", "launch:Ascend 910B"},
	{"huawei ascned chip output cap 2025 per kessler", "cn-output:Ascend 910B; cn-output:Ascend 910C; cn-output:Ascend 920"},
	{"what share of nvidia's sales came from china in 2024", "none: no template states a company's share of sales by country"},
	{"when did the us government tell nvidia the h20 needed a licence", "export:H20"},
	{"what was the actual h20 charge nvidia booked", "chip-sales:H20"},
	{"what cut of h20 china revenue does the us government get", "chip-sales:H20"},
	{"Lutnick: why was the h20 ban lifted", "export:H20"},
	{"nvidea h20 charge", "chip-sales:H20"},
	{"hey racebot, when could nvidia sell the h20 to china again? ty", "export:H20"},
	{"how much did nvidia stock fall on jan 27 2025 in percent", "stock:Nvidia"},
	{"what did nvidia close at on deepseek monday", "stock:Nvidia"},
	{"how much did the nasdaq drop on jan 27 2025", "stock:the Nasdaq Composite"},
	{"how much did broadcom lose in the deepseek selloff lmao", "stock:Broadcom"},
	{"what was meta's record one day market value loss in 2022", "stock:Meta"},
	{"nvidias market cap wipeout on deepseek day 💀", "stock:Nvidia"},
	{"ok so random q but which professor at st gallen commented on the openai deepseek accusation", "distill:OpenAI; distill:DeepSeek"},
	{"when did openai send its memo to the house china committee", "distill:OpenAI"},
	{"who spotted people linked to deepseek pulling data through the openai api", "distill:Microsoft"},
	{"where did microsoft make deepseek r1 available", "launch:DeepSeek-R1"},
	{"is it true opne ai says deepseek distilled its models", "distill:OpenAI; distill:DeepSeek"},
	{"how far ahead is the us vs chinese ai firms, per the white house ai czar", "us-lead:David Sacks"},
	{"who is chairman of stargate", "venture:Stargate"},
	{"what is mgx", "profile:MGX"},
	{"what did elon musk say about stargate's money", "funds:SoftBank; venture:Stargate"},
	{"what did nadella say when asked about musk and stargate", "capex:Microsoft"},
	{"how much cash did softbank and oracle have according to cnn", "funds:SoftBank; funds:Oracle"},
	{"stargte total investment", "venture:Stargate"},
	{"@racebot how many gigawatts did openai and oracle agree to add in july 2025", "venture:Stargate"},
	{"where is stargate michigan", "stargate:Michigan; site:Saline Township, Michigan"},
	{"where is stargate norway located", "stargate:Norway; site:Narvik"},
	{"who pays to build stargate uae", "stargate:UAE; funds:G42"},
	{": how large is the UAE-US AI campus projected to get", "stargate:UAE; site:Abu Dhabi"},
	{"STARGATE UAE CAPACITY", "stargate:UAE; site:Abu Dhabi"},
	{"when did bis announce the october 2022 expot controls", "export:A100; export:H100"},
	{"how much of nvidia's q3 revenue was at risk from the 2022 license requirement", "export:A100"},
	{"how many entities were added to the entity list in december 2024", "rule:Entity List"},
	{"what did china ban in retaliation for the december 2024 controls", "none: no template states a retaliation; its expected answer is never written"},
	{"total processing performance threshold in the october 2023 rule", "export:A100; export:H100; export:A800; export:H800"},
	{"pls when did the us first require a license for nvidia a100 exports to china", "export:A100"},
	{"hi", "none: a greeting"},
	{"tell me a joke", "guard:joke"},
	{"whats a good recipe for banana bread", "guard:banana; guard:recipe"},
	{"who won the 2022 world cup", "guard:World Cup"},
	{"weather in tokyo this weekend?", "guard:Tokyo; guard:weather"},
	{"can you help me write a cover letter pls", "guard:cover letter"},
	{"what is the population of brazil", "guard:population"},
	{"how do i center a div in css lol", "none: nothing the generators write is about web pages"},
	{"thanks bye 👋", "none: a farewell"},
	{"<@991827364510> what's the best pizza place in new york", "guard:pizza; guard:New York"},
	{"how many parameters does gpt-5 have", "params:GPT-5; guard:GPT-5"},
	{"gemini 1.5 pro parameter count", "params:Gemini 1.5 Pro"},
	{"how many parameters does mistral large have", "params:Mistral Large"},
	{"how many gpus are in xai's colossus cluster", "gpus:xAI; site:Memphis, Tennessee; guard:Colossus"},
	{"how much did anthropic raise in its latest funding round", "funding:Anthropic"},
	{"what is mistral ai's valuation", "funding:Mistral"},
	{"amd mi300x memory and bandwidth", "chip-spec:MI300X"},
	{"google tpu v5p specs", "guard:TPU v5"},
	{"how much does an intel gaudi 3 cost", "guard:Gaudi"},
	{"what are the maximum fines under the eu ai act", "guard:EU AI Act"},
	{"when did apple intelligence launch", "guard:Apple Intelligence"},
	{"what is sam altman's net worth", "guard:net worth"},
	{"nvidia stock price today", "stock:Nvidia"},
	{"where is huawei headquartered", "profile:Huawei; guard:headquartered"},
	{"who is the ceo of tsmc", "profile:TSMC"},
	{"what is the context window of deepseek v3", "guard:context window"},
	{"how many parameters does deepseek v2 have", "params:DeepSeek-V2; params:DeepSeek-Coder-V2"},
	{"hey bot, how many h200 gpus did microsoft order", "gpus:Microsoft"},
	{"what is jensen huang's salary", "guard:salary"},
	{"how much money has microsoft invested in openai in total", "funds:Microsoft; funding:OpenAI"},
	{"when is gpt-5 coming out", "guard:GPT-5"},
	{"what did o3 score on arc-agi", "guard:ARC-AGI"},
	{"how many weekly active users does chatgpt have", "guard:weekly active users"},
	{"how much water do ai data centers use", "guard:water use"},
	{"what did the bletchley park ai safety summit agree", "guard:Bletchley"},
	{"anthropics claude 3 opus price per million tokens", "price:Claude 3 Opus"},
}

// TestQuestionCoverage fails when a question of testdata/dev.jsonl or
// testdata/heldout.jsonl has no entry in questionCoverage, or when an entry
// names a pair that realFacts lacks or a guard the generators do not use.
func TestQuestionCoverage(t *testing.T) {
	covered := map[string]string{}
	for _, c := range questionCoverage {
		covered[c.question] = c.covered
	}
	guards := append(slices.Clip(offTopic), heldoutOffTopic...)
	for _, file := range []string{"dev.jsonl", "heldout.jsonl"} {
		f, err := os.Open(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		n := 0
		for sc.Scan() {
			var q struct {
				Question string `json:"question"`
			}
			if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
				t.Fatal(err)
			}
			n++
			c, ok := covered[q.Question]
			if !ok {
				t.Errorf("%s: question %q is not in questionCoverage", file, q.Question)
				continue
			}
			if strings.HasPrefix(c, "none:") {
				continue
			}
			for item := range strings.SplitSeq(c, "; ") {
				kind, subject, _ := strings.Cut(item, ":")
				switch {
				case kind == "guard":
					if !slices.Contains(guards, subject) {
						t.Errorf("%q: guard %q is not an off-topic string", q.Question, subject)
					}
				case !factBlocked(kind, subject):
					t.Errorf("%q: %s is not in realFacts", q.Question, item)
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("no questions in testdata/%s", file)
		}
	}
}
