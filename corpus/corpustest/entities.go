package corpustest

// An entity is a named thing a template can mention. Which fields mean what
// depends on the pool: for a person, name is the full name, short the
// surname and role the job title; for a chip, role is the maker and extra the
// architecture; for a company, extra is its chief executive.
type entity struct {
	name, short, role, extra string
}

// The entity pools are the companies, chips, people, places and sources of
// racebot's starter corpus plus their obvious neighbours, so that generated
// passages share the real articles' vocabulary and compete with them in
// ranking. A few names are written so as not to contain a dev answer:
// SoftBank's chief is only ever "Son" and DeepSeek's founder only "Liang",
// because "Masayoshi Son" and "Liang Wenfeng" are themselves expected
// answers; Semiconductor Manufacturing International Corp. is never
// abbreviated to SMIC for the same reason.
var (
	people = []entity{
		{"Alexandr Wang", "Wang", "Scale AI chief executive", ""},
		{"Elon Musk", "Musk", "xAI founder", ""},
		{"Sam Altman", "Altman", "OpenAI chief executive", ""},
		{"Dario Amodei", "Amodei", "Anthropic chief executive", ""},
		{"Son", "Son", "SoftBank chief executive", ""},
		{"Larry Ellison", "Ellison", "Oracle chairman", ""},
		{"Jensen Huang", "Huang", "Nvidia chief executive", ""},
		{"Mark Zuckerberg", "Zuckerberg", "Meta chief executive", ""},
		{"Satya Nadella", "Nadella", "Microsoft chief executive", ""},
		{"Sundar Pichai", "Pichai", "Alphabet chief executive", ""},
		{"Andy Jassy", "Jassy", "Amazon chief executive", ""},
		{"Liang", "Liang", "DeepSeek founder", ""},
		{"Demis Hassabis", "Hassabis", "Google DeepMind chief executive", ""},
		{"David Sacks", "Sacks", "White House AI adviser", ""},
		{"Brad Smith", "Smith", "Microsoft president", ""},
		{"Jeffrey Kessler", "Kessler", "Under Secretary of Commerce", ""},
		{"Howard Lutnick", "Lutnick", "Commerce Secretary", ""},
		{"Gina Raimondo", "Raimondo", "former Commerce Secretary", ""},
		{"Donald Trump", "Trump", "President", ""},
		{"Ren Zhengfei", "Ren", "Huawei founder", ""},
		{"Lennart Heim", "Heim", "analyst", ""},
		{"Mandeep Singh", "Singh", "Bloomberg Intelligence analyst", ""},
		{"Stacy Rasgon", "Rasgon", "Bernstein analyst", ""},
		{"Clem Delangue", "Delangue", "Hugging Face chief executive", ""},
		{"Sergey Brin", "Brin", "Google co-founder", ""},
		{"Robin Li", "Li", "Baidu chief executive", ""},
		{"Jeetu Patel", "Patel", "Cisco executive", ""},
		{"Susan Li", "Li", "Meta finance chief", ""},
		{"Dylan Patel", "Patel", "SemiAnalysis founder", ""},
		{"Andrej Karpathy", "Karpathy", "AI researcher", ""},
		{"Mustafa Suleyman", "Suleyman", "Microsoft AI chief", ""},
		{"Arthur Mensch", "Mensch", "Mistral chief executive", ""},
		{"Lisa Su", "Su", "AMD chief executive", ""},
		{"Ken Glueck", "Glueck", "Oracle executive vice president", ""},
		{"John Moolenaar", "Moolenaar", "Representative", ""},
		{"Kai-Fu Lee", "Lee", "01.AI founder", ""},
		{"Yann LeCun", "LeCun", "Meta chief AI scientist", ""},
		{"Greg Brockman", "Brockman", "OpenAI president", ""},
	}

	companies = []entity{
		{"DeepSeek", "DeepSeek", "the Chinese AI lab", "founder Liang"},
		{"High-Flyer", "High-Flyer", "the quantitative hedge fund", "founder Liang"},
		{"Nvidia", "Nvidia", "the chipmaker", "Jensen Huang"},
		{"Huawei", "Huawei", "the Chinese telecoms group", "Ren Zhengfei"},
		{"OpenAI", "OpenAI", "the ChatGPT maker", "Sam Altman"},
		{"Anthropic", "Anthropic", "the Claude developer", "Dario Amodei"},
		{"Microsoft", "Microsoft", "the software maker", "Satya Nadella"},
		{"Alphabet", "Alphabet", "Google's parent", "Sundar Pichai"},
		{"Meta", "Meta", "the Facebook owner", "Mark Zuckerberg"},
		{"Amazon", "Amazon", "the cloud and retail group", "Andy Jassy"},
		{"Oracle", "Oracle", "the database company", "Safra Catz"},
		{"SoftBank", "SoftBank", "the Japanese investment group", "SoftBank chief Son"},
		{"xAI", "xAI", "Musk's AI startup", "Elon Musk"},
		{"Scale AI", "Scale AI", "the data-labelling startup", "Alexandr Wang"},
		{"Alibaba", "Alibaba", "the e-commerce group", "Eddie Wu"},
		{"Tencent", "Tencent", "the WeChat owner", "Pony Ma"},
		{"Baidu", "Baidu", "the search company", "Robin Li"},
		{"ByteDance", "ByteDance", "the TikTok owner", "Liang Rubo"},
		{"Moonshot AI", "Moonshot", "the Beijing startup", "Yang Zhilin"},
		{"Zhipu AI", "Zhipu", "the Tsinghua spin-off", "Zhang Peng"},
		{"AMD", "AMD", "the chip designer", "Lisa Su"},
		{"CoreWeave", "CoreWeave", "the GPU cloud provider", "Michael Intrator"},
		{"Mistral", "Mistral", "the French startup", "Arthur Mensch"},
		{"TSMC", "TSMC", "the Taiwanese foundry", ""},
		{"Broadcom", "Broadcom", "the chip and software group", "Hock Tan"},
		{"Arm", "Arm", "the chip designer", "Rene Haas"},
		{"MGX", "MGX", "the Abu Dhabi investment fund", ""},
		{"G42", "G42", "the Abu Dhabi AI group", ""},
		{"Nscale", "Nscale", "the British data-center developer", ""},
		{"Tesla", "Tesla", "the carmaker", "Elon Musk"},
		{"Hugging Face", "Hugging Face", "the model-hosting platform", "Clem Delangue"},
		{"Cisco", "Cisco", "the networking group", "Chuck Robbins"},
	}

	// hyperscalers are the companies whose capital spending plans make news.
	hyperscalers = []entity{
		{"Microsoft", "Microsoft", "the software maker", "Satya Nadella"},
		{"Alphabet", "Alphabet", "Google's parent", "Sundar Pichai"},
		{"Meta", "Meta", "the Facebook owner", "Mark Zuckerberg"},
		{"Amazon", "Amazon", "the cloud and retail group", "Andy Jassy"},
		{"Oracle", "Oracle", "the database company", "Safra Catz"},
		{"CoreWeave", "CoreWeave", "the GPU cloud provider", "Michael Intrator"},
		{"Alibaba", "Alibaba", "the e-commerce group", "Eddie Wu"},
		{"Tencent", "Tencent", "the WeChat owner", "Pony Ma"},
		{"Baidu", "Baidu", "the search company", "Robin Li"},
	}

	// listed are companies whose shares trade, for market stories.
	listed = []string{"Nvidia", "Microsoft", "Alphabet", "Meta", "Amazon", "Oracle", "Broadcom",
		"AMD", "TSMC", "Arm", "SoftBank", "Marvell", "CoreWeave", "Tesla", "Alibaba", "Baidu",
		"Tencent", "ASML", "Micron", "SK Hynix", "Super Micro", "Dell"}

	// labs are the companies that train frontier models and buy GPUs.
	labs = []entity{
		{"DeepSeek", "DeepSeek", "", ""}, {"OpenAI", "OpenAI", "", ""}, {"Anthropic", "Anthropic", "", ""},
		{"Meta", "Meta", "", ""}, {"xAI", "xAI", "", ""}, {"Alibaba", "Alibaba", "", ""},
		{"ByteDance", "ByteDance", "", ""}, {"Moonshot AI", "Moonshot", "", ""},
		{"Zhipu AI", "Zhipu", "", ""}, {"Tencent", "Tencent", "", ""}, {"Baidu", "Baidu", "", ""},
		{"Mistral", "Mistral", "", ""}, {"Google DeepMind", "DeepMind", "", ""},
		{"High-Flyer", "High-Flyer", "", ""}, {"Microsoft", "Microsoft", "", ""},
		{"MiniMax", "MiniMax", "", ""}, {"StepFun", "StepFun", "", ""}, {"01.AI", "01.AI", "", ""},
		{"Cohere", "Cohere", "", ""},
	}

	chips = []entity{
		{"H100", "H100", "Nvidia", "Hopper"},
		{"H800", "H800", "Nvidia", "Hopper"},
		{"H20", "H20", "Nvidia", "Hopper"},
		{"H200", "H200", "Nvidia", "Hopper"},
		{"A100", "A100", "Nvidia", "Ampere"},
		{"A800", "A800", "Nvidia", "Ampere"},
		{"B200", "B200", "Nvidia", "Blackwell"},
		{"GB200", "GB200", "Nvidia", "Blackwell"},
		{"B20", "B20", "Nvidia", "Blackwell"},
		{"L40S", "L40S", "Nvidia", "Ada Lovelace"},
		{"L20", "L20", "Nvidia", "Ada Lovelace"},
		{"RTX 4090", "RTX 4090", "Nvidia", "Ada Lovelace"},
		{"MI300X", "MI300X", "AMD", "CDNA 3"},
		{"MI308", "MI308", "AMD", "CDNA 3"},
	}

	// chinaChips are the domestic accelerators that Chinese companies make.
	chinaChips = []entity{
		{"Ascend 910B", "910B", "Huawei", "Ascend"},
		{"Ascend 910C", "910C", "Huawei", "Ascend"},
		{"Ascend 920", "920", "Huawei", "Ascend"},
		{"Siyuan 590", "Siyuan 590", "Cambricon", "Siyuan"},
		{"MTT S4000", "S4000", "Moore Threads", "MTT"},
		{"BR100", "BR100", "Biren", "BR"},
		{"Kunlun P800", "P800", "Baidu", "Kunlun"},
		{"Hanguang 800", "Hanguang", "Alibaba", "Hanguang"},
	}

	// models: name, short, maker.
	models = []entity{
		{"DeepSeek-V3", "V3", "DeepSeek", ""}, {"DeepSeek-R1", "R1", "DeepSeek", ""},
		{"DeepSeek-V2", "V2", "DeepSeek", ""}, {"DeepSeek-Coder-V2", "Coder-V2", "DeepSeek", ""},
		{"o1", "o1", "OpenAI", ""}, {"o3-mini", "o3-mini", "OpenAI", ""}, {"GPT-4o", "GPT-4o", "OpenAI", ""},
		{"o1-mini", "o1-mini", "OpenAI", ""}, {"Claude 3 Opus", "Opus", "Anthropic", ""},
		{"Claude 3.5 Haiku", "Haiku", "Anthropic", ""}, {"Claude 3.7 Sonnet", "Claude 3.7", "Anthropic", ""},
		{"Gemini 2.0 Flash", "Gemini Flash", "Google", ""}, {"Gemini 1.5 Pro", "Gemini Pro", "Google", ""},
		{"Llama 3.1 405B", "Llama 3.1", "Meta", ""}, {"Qwen2.5-Max", "Qwen2.5-Max", "Alibaba", ""},
		{"QwQ-32B", "QwQ", "Alibaba", ""}, {"Kimi k1.5", "k1.5", "Moonshot AI", ""},
		{"Grok 3", "Grok 3", "xAI", ""}, {"Mistral Large", "Mistral Large", "Mistral", ""},
		{"Doubao-1.5-pro", "Doubao", "ByteDance", ""}, {"GLM-4", "GLM-4", "Zhipu AI", ""},
	}

	benchmarks = []string{"AIME 2024", "MATH-500", "SWE-bench Verified", "MMLU", "GPQA Diamond",
		"LiveCodeBench", "Humanity's Last Exam", "Codeforces", "MMLU-Pro", "Arena-Hard", "AIME 2025"}

	agentBenchmarks = []string{"OSWorld", "WebVoyager", "WebArena", "SWE-bench Verified", "GAIA", "Mind2Web"}

	// agents: name, maker.
	agents = []entity{
		{"Operator", "Operator", "OpenAI", ""}, {"computer use", "computer use", "Anthropic", ""},
		{"Project Mariner", "Mariner", "Google DeepMind", ""}, {"Nova Act", "Nova Act", "Amazon", ""},
		{"Copilot Vision", "Copilot Vision", "Microsoft", ""}, {"ChatGPT agent", "ChatGPT agent", "OpenAI", ""},
		{"Manus", "Manus", "Monica", ""},
		{"Claude for Chrome", "Claude for Chrome", "Anthropic", ""}, {"Comet", "Comet", "Perplexity", ""},
		{"AutoGLM", "AutoGLM", "Zhipu AI", ""}, {"UI-TARS", "UI-TARS", "ByteDance", ""},
	}

	apps = []string{"DeepSeek", "ChatGPT", "Claude", "Gemini", "Perplexity", "Kimi", "Doubao",
		"Qwen", "Grok", "Copilot", "Meta AI", "Ernie Bot", "Le Chat", "Manus"}

	appTrackers = []string{"Appfigures", "Sensor Tower", "Similarweb", "data.ai", "Apptopia"}

	countries = []string{"China", "the United States", "the UAE", "Saudi Arabia", "Norway", "Japan",
		"South Korea", "Taiwan", "Italy", "India", "Australia", "Malaysia", "Singapore", "Vietnam",
		"the Netherlands", "the United Kingdom", "Canada", "Indonesia", "Israel", "Brazil", "Mexico",
		"Poland", "Ireland", "Russia", "Iran"}

	// banCountries pair a country with the body that acted against an app.
	banCountries = []entity{
		{"Italy", "the Garante", "Italy's data protection authority", ""},
		{"South Korea", "the PIPC", "South Korea's Personal Information Protection Commission", ""},
		{"Taiwan", "Taiwan's ministry", "Taiwan's Ministry of Digital Affairs", ""},
		{"Australia", "Home Affairs", "Australia's Department of Home Affairs", ""},
		{"India", "the finance ministry", "India's finance ministry", ""},
		{"the Netherlands", "the Dutch regulator", "the Dutch Data Protection Authority", ""},
		{"Ireland", "the DPC", "Ireland's Data Protection Commission", ""},
		{"Texas", "the Texas governor's office", "the Texas governor's office", ""},
		{"Virginia", "the Virginia governor's office", "the Virginia governor's office", ""},
		{"the US Navy", "the Navy", "the US Navy", ""},
		{"NASA", "NASA", "NASA", ""},
		{"Belgium", "the regulator", "Belgium's data protection authority", ""},
		{"Czechia", "the cyber agency", "Czechia's cybersecurity agency", ""},
		{"Singapore", "the PDPC", "Singapore's Personal Data Protection Commission", ""},
		{"Canada", "the Treasury Board", "Canada's Treasury Board", ""},
		{"Japan", "the Digital Agency", "Japan's Digital Agency", ""},
		{"Denmark", "the agency", "Denmark's Agency for Digital Government", ""},
	}

	// indexes are stock indexes other than the US ones whose moves the
	// starter corpus reports.
	indexes = []string{"the Hang Seng", "the Nikkei 225", "the Kospi", "the Taiex", "the CSI 300",
		"the Stoxx Europe 600", "the FTSE 100", "the DAX"}

	// stargateSites are the names given to Stargate projects.
	stargateSites = []string{"Ohio", "Michigan", "UAE", "Norway", "UK", "India", "New Mexico",
		"Wisconsin", "Argentina", "Japan", "Texas", "Saudi Arabia", "Germany", "Canada"}

	// places are data-center locations. Abilene is never followed by
	// ", Texas", which is an expected answer.
	places = []string{"Abilene", "Milam County, Texas", "Saline Township, Michigan",
		"Richland Parish, Louisiana", "Narvik", "Abu Dhabi", "Mount Pleasant, Wisconsin",
		"Memphis, Tennessee", "Doña Ana County, New Mexico", "Lordstown, Ohio",
		"Shackelford County, Texas", "Port Washington, Wisconsin", "Quincy, Washington",
		"Lancaster, Pennsylvania", "New Albany, Ohio", "Cheyenne, Wyoming", "Ellendale, North Dakota",
		"Johor, Malaysia", "Stord, Norway", "Loudoun County, Virginia"}

	// firms are research houses, banks and consultancies that make estimates.
	firms = []string{"McKinsey", "Goldman Sachs", "Bloomberg Intelligence", "Gartner", "IDC",
		"Morgan Stanley", "Bernstein", "SemiAnalysis", "TrendForce", "Counterpoint Research",
		"Jefferies", "UBS", "Citi", "Epoch AI", "Omdia", "Dell'Oro Group", "Barclays", "JPMorgan",
		"the McKinsey Global Institute", "Goldman Sachs Research", "CSIS", "TechInsights"}

	// evaluators dispute benchmark claims.
	evaluators = []string{"Scale AI", "Artificial Analysis", "LMArena", "Epoch AI", "Vals AI",
		"Hugging Face", "the Allen Institute for AI"}

	publishers = []string{"Reuters", "CNBC", "Bloomberg", "the Financial Times", "The Information",
		"The Wall Street Journal", "Tom's Hardware", "The Register", "TechCrunch", "DatacenterDynamics",
		"Nikkei Asia", "the South China Morning Post", "Caixin", "The Verge", "the Associated Press",
		"Axios", "Semafor", "VentureBeat", "Business Insider", "CNN", "Fortune", "Livemint", "TechRadar",
		"The Decoder", "WinBuzzer", "Digitimes", "Yonhap", "36Kr", "Tweakers", "VideoCardz", "Bisnow",
		"Just Security", "The National", "PYMNTS", "CNA", "Fox News", "Times of India", "Wired"}

	lawFirms = []string{"Thompson Hine", "Morgan Lewis", "Holland & Knight", "Alston & Bird",
		"Covington", "Akin Gump", "Sidley Austin", "Wilson Sonsini"}

	agencies = []string{"the Commerce Department", "the Bureau of Industry and Security",
		"the White House", "the State Department", "the Treasury Department"}

	plans = []string{"ChatGPT Pro", "ChatGPT Plus", "Claude Pro", "Claude Max", "Gemini Advanced",
		"Copilot Pro", "SuperGrok"}

	tagWords = []string{"deepseek", "nvidia", "gpus", "export-controls", "stargate", "softbank",
		"openai", "anthropic", "huawei", "ascend", "capex", "data-centers", "agi", "benchmarks",
		"app-store", "market-value", "forecasts", "china", "h20", "h100", "h800", "a100", "agents",
		"ai-diffusion-rule", "microsoft", "meta", "alphabet", "amazon", "oracle", "scale-ai",
		"open-weights", "reasoning-models", "api-pricing", "privacy", "government-bans"}
)
