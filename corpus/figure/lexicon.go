package figure

// The lexicon is built once at package initialisation and only read after
// that. Every word token is looked up once, when the text is tokenised; all
// later decisions work on the flags found there, so the hot path does one map
// lookup per word and no lower-casing allocations.
//
// Parts of the currency and unit vocabulary follow the English pattern files
// of Microsoft Recognizers-Text (MIT licence, Copyright (c) Microsoft
// Corporation), see testdata/recognizers-text/LICENSE-recognizers-text.txt.

// wflag describes what a word can be.
type wflag uint64

const (
	wCard         wflag = 1 << iota // cardinal number word, val: "zero".."ninety"
	wTens                           // "twenty".."ninety"
	wHundred                        // "hundred"
	wScale                          // "thousand", "million", "lakh"…; val is the multiplier
	wOrd                            // ordinal usable as a fraction denominator; val
	wOrdPl                          // plural ordinal: "thirds", "halves", "quarters"
	wMonth                          // month name, val 1..12
	wMonthAbbr                      // abbreviated month name: "Jan", "Sept"
	wStop                           // function word: ends a counted-noun phrase
	wClaim                          // reporting verb: "said", "estimated"
	wTitle                          // job title inside a name: "CEO"
	wPronoun                        // "he", "she": resolves to the last person
	wOneDet                         // word that turns a following "one" into a pronoun: "the one"
	wYearPrep                       // preposition that introduces years: "in 2019", "by 2032"
	wPeriodNoun                     // plural noun that follows a year: "1988 sales"
	wDozen                          // "dozen", "dzs": val 12
	wVague                          // "billions", "thousands": a vague amount, never a figure
	wPlural                         // irregular plural noun: "people"
	wNameStop                       // capitalised word that does not start a name: "The", "In"
	wOrg                            // word that marks an organisation rather than a person
	wDateMod                        // "mid", "early", "late": modifiers glued to years
	wRangeWord                      // "range", "ranging": "ranging from A to B" is a range
	wNotNoun                        // adjectives and adverbs that never head a counted noun
	wCurrencyWord                   // appears in currencyPhrases
	wUnitWord                       // appears in unitPhrases
	wWeekday                        // "Monday"
	wPrepHead                       // preposition that can follow a figure and take a period: "over", "within"
	wTimeOfDay                      // "am", "pm"
	wAfterYear                      // "earlier", "later", "ago": "a year earlier" is no rate
	wYearNoun                       // "fiscal", "FY": "fiscal 2025"
	wPerNoun                        // a noun that follows "a" in a rate: "$98 a share"
	wQualStart                      // first word of a qualifier: "about", "more", "up"
	wStartWord                      // other words that may open a figure: "a", "half", "between"
	wCurPrefix                      // a currency code written before numbers: "USD", "RMB"
	wPercentWord                    // "percent", "per": "percent of 10"
	wDocNoun                        // a document that can say something: "statement", "report", "model card"
	wClaimNoun                      // a noun naming a claim: "Wang's 50,000 H100 figure", "a SemiAnalysis estimate that"
	wGroupNoun                      // people named by their employer: "Bernstein analysts", "DeepSeek researchers"
	wSourceNoun                     // an unnamed source: "a source told Reuters"
	wCompanyNoun                    // "the company said": an organisation named before
	wAdvSkip                        // words between a subject and its reporting verb: "also", "had", "both"
	wBe                             // forms of "be": "are said to" is no attribution
	wPrep                           // prepositions inside noun phrases: "statement on Stargate"
	wMediaVerb                      // verbs of reporting rather than claiming: "reported", "wrote", "noted"
	wSayVerb                        // verbs that may follow their subject: "…," said Wang
	wAmbClaim                       // reporting verbs that are also plural nouns: "reports", "projects"
	wPostAdjunct                    // words that may follow a reporting verb at the end of a clause: "on", "via"
	wRevise                         // "Goldman raised its estimate to …": the estimate is Goldman's
	wPlatform                       // where a post appears rather than who wrote it: "a WeChat post"
	wMedia                          // a word of a news outlet's name: "Reuters", "Times"
	wAttrWord                       // a word that may open an attribution: claim verbs and nouns, "according", "whether"
	wDet                            // articles and possessive determiners: "the", "its"
	wInstitution                    // a public body named by its country: "China's foreign ministry"
)

// wordInfo is one lexicon entry.
type wordInfo struct {
	flags wflag
	val   float64
	// units and curs index the phrase tables whose first word this is.
	units []int
	curs  []int
}

// unitPhrase is a unit as written: one or more words (or symbols) in a row.
type unitPhrase struct {
	words []string // lower case, except when exact is set
	exact bool     // compare case-sensitively ("W", "GW")
	unit  string   // canonical unit
	kind  Kind
	mult  float64 // "decade" is 10 years
	phys  bool    // a physical dimension (length, mass, power…)
}

// currencyPhrase is a currency written after (or, for codes, before) the
// number: "dollars", "Australian dollars", "yuan", "USD".
type currencyPhrase struct {
	words []string
	code  string
	// prefix allows the phrase before the number: "USD 200", "RMB 5".
	prefix bool
	// sub is set for minor units written as a whole number: "50 cents".
	sub bool
	// ambiguous words ("pounds") are money only with a scale word or a
	// currency context.
	ambiguous bool
}

var (
	lexWords []wordInfo
	lexIndex map[string]uint16
	// lexMaxLen is the byte length of the longest lexicon entry.
	lexMaxLen int
)

func lexAdd(w string, f wflag, val float64) {
	id, ok := lexIndex[w]
	if !ok {
		if len(w) > lexMaxLen {
			lexMaxLen = min(len(w), maxLexWord)
		}
		lexWords = append(lexWords, wordInfo{})
		id = uint16(len(lexWords) - 1)
		lexIndex[w] = id
	}
	e := &lexWords[id]
	e.flags |= f
	if val != 0 {
		e.val = val
	}
}

func lexAddAll(f wflag, words ...string) {
	for _, w := range words {
		lexAdd(w, f, 0)
	}
}

var cardinals = map[string]float64{
	"zero": 0, "nought": 0, "naught": 0,
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tens = map[string]float64{
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

var scales = map[string]float64{
	"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "quadrillion": 1e15,
	"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7, "crores": 1e7,
	"bln": 1e9, "tln": 1e12, "mln": 1e6, "mil": 1e6, "bn": 1e9, "mn": 1e6, "trn": 1e12, "tn": 1e12,
}

// ordinals maps ordinal words to the denominator they stand for in a
// fraction. "first" and "second" are only denominators inside compounds
// ("twenty-first"), see simpleOrdinal in fractions.go.
var ordinals = map[string]float64{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
	"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
	"hundredth": 100, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
	"half": 2, "quarter": 4,
}

var months = map[string]float64{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

var monthAbbrs = map[string]float64{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var stopWords = []string{
	"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your",
	"of", "in", "on", "at", "for", "with", "by", "from", "to", "into", "onto", "over", "under", "above", "below",
	"per", "than", "as", "via", "about", "around", "after", "before", "since", "until", "till", "during", "within",
	"without", "between", "among", "across", "through", "against", "toward", "towards", "upon", "off", "up", "down",
	"and", "or", "but", "nor", "so", "yet", "while", "whereas", "which", "who", "whom", "whose", "where", "when",
	"if", "because", "although", "though", "unless", "whether",
	"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
	"do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
	"not", "no", "also", "already", "still", "just", "only", "even", "now", "then", "there", "here",
	"more", "most", "less", "least", "fewer", "each", "every", "all", "both", "either", "neither",
	"it", "they", "them", "he", "she", "we", "you", "i", "me", "him", "itself", "themselves",
	"according", "including", "such", "like", "ago", "earlier", "later", "instead", "again",
	"respectively", "apiece", "each", "alone", "too", "very", "much", "many", "what", "how", "why",
	"cost", "costs", "make", "made", "makes", "get", "got", "reach", "reached", "reaches", "rose", "fell",
	"take", "took", "run", "runs", "came", "come", "went", "go", "give", "gave", "lost", "won", "pay", "paid",
	"set", "used", "put", "puts", "become", "became", "remain", "remained", "sold", "bought",
	"left", "kept", "seen", "saw", "need", "needed", "needs", "want", "wanted", "show", "showed", "shows",
	"per", "vs", "versus", "plus", "minus", "times", "next", "last", "same", "own", "total", "overall",
	"active", "available", "online", "apart", "away", "ahead", "behind", "long", "tall", "wide", "high", "deep", "old",
	"isn", "aren", "don", "doesn", "didn", "t",
}

var claimVerbs = []string{
	"said", "says", "say", "told", "tells", "wrote", "writes", "estimated", "estimates", "stressed", "quoted",
	"expects", "expected", "predicted", "predicts", "reported", "reports", "claimed", "claims",
	"noted", "notes", "argued", "argues", "added", "adds", "believes", "believed", "projected", "projects",
	"forecast", "forecasts", "announced", "announces", "stated", "states", "suggested", "suggest", "suggests",
	"described", "describes", "put", "puts", "calculated", "counted", "confirmed", "disclosed", "listed",
	"cited", "warned", "pledged", "promised", "acknowledged", "explained", "emphasized", "emphasised",
	"found", "asserted", "compared", "insisted", "posted", "tweeted", "declared",
	"revealed", "reckons", "reckoned", "guided", "forecasted", "answered", "replied", "conceded",
	"placed", "quipped", "repeated", "framed", "testified", "admitted", "pegged", "maintained", "recalled",
	"expect", "predict", "believe", "reckon", "claim", "showed", "shows", "show", "mentioned", "mentions",
}

// titles are words of a job title written before a name, cut off the
// claimant: "Scale AI CEO Alexandr Wang" names "Alexandr Wang".
var titles = []string{
	"ceo", "cfo", "cto", "coo", "chief", "executive", "president", "vice", "chair", "chairman", "chairwoman",
	"secretary", "minister", "governor", "premier", "representative", "senator", "rep", "sen", "analyst", "analysts",
	"founder", "co-founder", "cofounder", "director", "officer", "adviser", "advisor", "czar", "spokesperson",
	"spokesman", "spokeswoman", "economist", "economists", "researcher", "professor", "head", "leader", "chancellor",
	"mr", "mrs", "ms", "dr", "prof", "sir", "under", "deputy", "general", "commissioner", "boss", "partner",
	"investor", "billionaire", "trader", "strategist", "strategists",
}

var nameStops = []string{
	"the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "as", "by", "to", "of", "with", "from",
	"this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their",
	"earlier", "later", "meanwhile", "however", "still", "also", "after", "before", "since", "when", "while",
	"if", "so", "yet", "some", "many", "most", "other", "others", "all", "both", "each", "one", "two",
	"speaking", "according", "asked", "under", "over", "about", "around", "nearly", "almost", "roughly",
	"more", "less", "there", "here", "what", "how", "why", "who", "which", "where", "then", "now", "today",
	"yesterday", "tomorrow", "last", "next", "first", "only", "just", "even", "not", "no", "alongside",
	"like", "unlike", "despite", "although", "though", "because", "during", "within", "without", "into",
	"through", "between", "among", "against", "toward", "towards", "upon", "via", "per", "than", "once",
	"outside", "inside", "analysts", "reports", "critics", "defenders", "commentators", "researchers",
	"several", "few", "much", "such", "said", "says", "told", "reported", "added", "wrote",
}

// orgWords mark a name as an organisation: a pronoun never resolves to it.
var orgWords = []string{
	"inc", "corp", "co", "ltd", "llc", "plc", "group", "holdings", "company", "department", "ministry", "bureau",
	"commission", "committee", "agency", "office", "house", "intelligence", "journal", "times", "news", "post",
	"daily", "hardware", "research", "institute", "university", "capital", "bank", "fund", "securities",
	"sachs", "stanley", "lynch", "bernstein", "reuters", "bloomberg", "cnbc", "cnn", "ap", "afp", "ft",
	"government", "administration", "congress", "senate", "council", "court", "foundation", "association",
	"labs", "lab", "ai", "analytics", "partners", "associates", "magazine", "world", "review", "insider",
	"street", "guide", "alert", "network", "press", "media", "online", "report", "semianalysis", "techcrunch",
	"navy", "army", "pentagon", "openai", "deepseek", "nvidia", "microsoft", "google", "meta", "amazon",
	"alphabet", "oracle", "softbank", "huawei", "anthropic", "apple", "intel", "amd", "tsmc", "smic", "mckinsey",
	"gartner", "goldman", "morgan", "citi", "ubs", "jpmorgan", "barclays", "federal", "national", "global",
	"international", "systems", "technologies", "technology", "services", "consulting", "economics",
}

// docNouns name documents and statements whose owner is the claimant:
// "OpenAI's own statement", "A National Law Review analysis", "the model card".
var docNouns = []string{
	"statement", "statements", "report", "reports", "filing", "filings", "post", "posts", "paper", "papers", "card",
	"release", "account", "blog", "website", "site", "data", "analysis", "analyses", "estimate", "estimates", "claim",
	"claims", "figure", "figures", "letter", "memo", "listing", "listings", "table", "tables", "note", "notes",
	"interview", "testimony", "survey", "study", "studies", "calculation", "calculations", "teardown", "caption",
	"summary", "article", "thread", "tweet", "email", "presentation", "transcript", "forecast", "forecasts",
	"projection", "projections", "document", "documents", "specifications", "guidance", "page", "chart", "research",
	"testing", "tests", "test", "benchmark", "benchmarks", "outlook", "profile", "release", "announcement", "notice",
	"disclosure", "prospectus", "review", "tally", "model", "update", "podcast", "video", "newsletter", "story",
}

// claimNouns name a claim: "Wang's 50,000 H100 figure", "a SemiAnalysis estimate
// that", "DeepSeek's claim that".
var claimNouns = []string{
	"figure", "figures", "estimate", "estimates", "claim", "claims", "forecast", "forecasts", "projection",
	"projections", "calculation", "calculations", "tally", "assessment", "prediction", "predictions", "guidance",
}

// groupNouns name people by their employer: "Bernstein analysts stressed".
var groupNouns = []string{
	"analyst", "analysts", "researchers", "economists", "experts", "scientists", "engineers", "strategists",
	"executives", "officials", "staff", "lawyers", "reporters", "editors",
}

// sourceNouns1 are unnamed sources; "a source told Reuters" is Reuters' claim.
var sourceNouns1 = []string{
	"source", "sources", "official", "officials", "insider", "insiders", "person", "people", "partner", "partners",
	"spokesperson", "spokesman", "spokeswoman", "executive", "executives", "employee", "employees", "familiar",
}

var companyNouns = []string{
	"company", "firm", "lab", "startup", "start-up", "chipmaker", "group", "carmaker", "maker", "giant", "developer",
	"business", "corporation", "outfit", "venture",
}

var advSkips = []string{
	"also", "later", "previously", "has", "had", "have", "once", "recently", "then", "publicly", "separately",
	"further", "repeatedly", "both", "reportedly", "still", "itself", "themselves", "himself", "herself", "all",
	"now", "first", "initially", "originally", "already", "officially", "privately", "earlier", "again",
	"similarly", "likewise", "subsequently", "too", "last", "each", "alone", "just", "jointly", "own",
}

var preps = []string{
	"on", "of", "about", "for", "from", "in", "at", "with", "by", "after", "before", "during", "under", "to",
	"into", "over", "between", "among", "across", "via", "near", "behind", "since", "until", "without", "within",
	"through", "against", "toward", "towards", "upon", "around", "behind", "like", "including",
}

var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

var yearPreps = []string{
	"in", "since", "by", "until", "till", "through", "before", "after", "during", "from", "of", "for",
	"to", "and", "or", "between", "circa", "early", "late", "mid", "around", "about", "than", "year",
	"spring", "summer", "autumn", "fall", "winter", "end", "start", "beginning", "middle", "half", "quarter",
}

// periodNouns are plural nouns that follow a year used attributively ("1988
// sales", "the 2022 rules"); a year before them is still a year.
var periodNouns = []string{
	"sales", "results", "earnings", "revenues", "profits", "losses", "levels", "figures", "numbers", "prices",
	"rules", "controls", "restrictions", "regulations", "elections", "forecasts", "estimates", "highs", "lows",
	"models", "standards", "exports", "imports", "shipments", "guidelines", "deadlines", "games", "olympics",
	"budgets", "targets", "goals", "plans", "expenses", "costs", "spending", "accounts", "filings", "reports",
	"returns", "taxes", "policies", "sanctions", "tariffs", "bonds", "notes", "figures", "measures", "updates",
	"rankings", "versions", "editions", "campaigns", "talks", "summits", "deals", "releases", "benchmarks",
	"totals", "projections", "lows", "guidance", "purchases", "orders", "outlays", "commitments", "agreements",
}

var vagueWords = []string{
	"thousands", "millions", "billions", "trillions", "hundreds", "dozens", "tens", "scores", "lakhs", "crores",
}

var irregularPlurals = []string{
	"people", "staff", "personnel", "children", "men", "women", "mice", "geese", "teeth", "police", "cattle",
}

var oneDets = []string{
	"the", "this", "that", "which", "each", "any", "every", "no", "another", "what", "whichever", "one's",
}

var notNouns = []string{
	"more", "most", "less", "least", "others", "old", "active", "available", "online",
	"later", "earlier", "ago", "apart", "away", "ahead", "behind", "each", "apiece", "alone", "together",
	"long", "tall", "wide", "high", "deep", "thick", "straight", "consecutive", "respectively", "percent",
	"last", "first", "next", "same",
}

var dateMods = []string{"mid", "early", "late", "pre", "post", "end", "start"}

var afterYear = []string{"earlier", "later", "ago", "before", "after", "prior", "previously", "back", "on", "out"}

func init() {
	lexIndex = make(map[string]uint16, 1024)
	lexWords = append(lexWords, wordInfo{}) // id 0 is "unknown"
	// lexAdd lets a later table set a word's value over an earlier one's,
	// so the order of these calls is part of the lexicon.
	lexNumberWords()
	lexSentenceWords()
	lexFigureWords()
	lexPhraseTables()
	// Last, so that it sees every word a table above made a claim word.
	for i := range lexWords {
		if lexWords[i].flags&(wClaim|wClaimNoun|wRevise) != 0 {
			lexWords[i].flags |= wAttrWord
		}
	}
}

// lexNumberWords adds the words numbers and dates are written with.
func lexNumberWords() {
	for w, v := range cardinals {
		lexAdd(w, wCard, v)
	}
	for w, v := range tens {
		lexAdd(w, wCard|wTens, v)
	}
	lexAdd("hundred", wHundred, 100)
	lexAdd("hundreds", wHundred|wVague, 100)
	for w, v := range scales {
		lexAdd(w, wScale, v)
	}
	for w, v := range ordinals {
		lexAdd(w, wOrd, v)
		pl := w + "s"
		switch w {
		case "half":
			pl = "halves"
		}
		lexAdd(pl, wOrd|wOrdPl, v)
	}
	for w, v := range months {
		lexAdd(w, wMonth, v)
	}
	for w, v := range monthAbbrs {
		lexAdd(w, wMonth|wMonthAbbr, v)
	}
}

// lexSentenceWords adds the function words and the words attribution reads:
// reporting verbs, titles, organisations, documents, sources.
func lexSentenceWords() {
	lexAddAll(wStop, stopWords...)
	lexAddAll(wClaim, claimVerbs...)
	lexAddAll(wTitle, titles...)
	lexAddAll(wNameStop, nameStops...)
	lexAddAll(wOrg, orgWords...)
	lexAddAll(wPronoun, "he", "she")
	lexAddAll(wAttrWord, "according", "comes", "came", "come", "whether")
	lexAddAll(wDet, "the", "a", "an", "its", "their", "his", "her", "this", "these")
	lexAddAll(wInstitution, "ministry", "government", "regulator", "regulators", "cabinet", "parliament", "embassy",
		"military", "customs", "statistics", "watchdog", "authorities", "legislature", "congress")
	lexAddAll(wDocNoun, docNouns...)
	lexAddAll(wMedia, "reuters", "bloomberg", "cnbc", "cnn", "ap", "afp", "times", "journal", "post", "news", "daily",
		"press", "hardware", "register", "techcrunch", "venturebeat", "verge", "wired", "axios", "insider", "information",
		"economist", "guardian", "telegraph", "forbes", "fortune", "semafor", "politico", "nikkei", "yonhap", "xinhua",
		"caixin", "scmp", "wsj", "ft", "bbc", "nbc", "abc", "cbs", "fox", "npr", "magazine", "review", "herald",
		"tribune", "gazette", "chronicle", "wire", "media", "tweakers", "winbuzzer", "videocardz", "techpowerup",
		"wccftech", "livemint", "firstpost", "bisnow", "pymnts", "infoq", "datacenterdynamics", "semianalysis")
	lexAddAll(wPlatform, "wechat", "weibo", "twitter", "x", "facebook", "linkedin", "youtube", "reddit", "threads",
		"instagram", "tiktok", "bluesky", "substack", "medium", "arxiv", "github", "telegram", "douyin", "bilibili")
	lexAddAll(wClaimNoun, claimNouns...)
	lexAddAll(wGroupNoun, groupNouns...)
	lexAddAll(wSourceNoun, sourceNouns1...)
	lexAddAll(wCompanyNoun, companyNouns...)
	lexAddAll(wAdvSkip, advSkips...)
	lexAddAll(wBe, "is", "are", "was", "were", "be", "been", "being")
	lexAddAll(wRevise, "raised", "lifted", "cut", "lowered", "boosted", "trimmed", "raises", "lifts", "cuts", "lowers",
		"increased", "reduced", "revised", "upped", "slashed", "set")
	lexAddAll(wPrep, preps...)
	lexAddAll(wMediaVerb, "reported", "reports", "wrote", "writes", "noted", "notes", "described", "describes",
		"cited", "quoted", "posted", "tweeted", "listed", "counted", "calculated", "compared", "found")
	lexAddAll(wSayVerb, "said", "says", "say", "wrote", "writes", "added", "adds", "noted", "notes", "reported",
		"told", "tells", "argued", "argues", "stressed", "explained", "insisted", "quipped", "asked", "continued",
		"warned", "estimated", "estimates", "predicted", "predicts", "claimed", "claims", "acknowledged", "replied",
		"answered", "conceded", "declared", "admitted", "cautioned", "observed", "recalled", "suggested", "suggests")
	lexAddAll(wAmbClaim, "reports", "projects", "states", "claims", "notes", "estimates", "forecasts", "counts",
		"lists", "posts", "quotes", "tweets", "finds", "cites", "claim", "reckons", "shows", "show")
	lexAddAll(wPostAdjunct, "on", "in", "via", "citing", "at", "around", "last", "earlier", "this", "late", "early",
		"after", "when", "while", "according", "adding", "noting", "today", "yesterday", "separately", "previously",
		"also", "recently", "later", "before", "during", "on", "late", "overnight", "again", "saying", "and", "but")
}

// lexFigureWords adds the words that decide what a number is: "the one",
// "in 2019", "1988 sales", "a year later", "$98 a share", "a dozen".
func lexFigureWords() {
	lexAddAll(wOneDet, oneDets...)
	lexAddAll(wYearPrep, yearPreps...)
	lexAddAll(wPeriodNoun, periodNouns...)
	lexAddAll(wVague, vagueWords...)
	lexAddAll(wPlural, irregularPlurals...)
	lexAddAll(wNotNoun, notNouns...)
	lexAddAll(wDateMod, dateMods...)
	lexAddAll(wRangeWord, "range", "ranges", "ranging", "ranged", "varying", "varied", "vary", "varies", "somewhere")
	lexAddAll(wWeekday, weekdays...)
	lexAddAll(wPrepHead, "over", "within", "in", "for", "during", "across", "after", "under", "through")
	lexAddAll(wTimeOfDay, "am", "pm", "a.m", "p.m")
	lexAddAll(wAfterYear, afterYear...)
	lexAddAll(wYearNoun, "fiscal", "fy", "year", "calendar", "class", "vintage", "model")
	lexAddAll(wPerNoun, "share", "barrel", "dozen", "head", "person", "piece", "unit", "ton", "tonne", "gallon", "pound",
		"ounce", "kilo", "kilogram", "night", "seat", "user", "customer", "employee", "chip", "gpu", "server", "device",
		"subscriber", "country", "license", "licence", "megawatt", "gigawatt", "kilowatt", "token", "query", "pop", "copy")
	lexAdd("dozen", wDozen, 12)
	lexAdd("dozens", wDozen|wVague, 12)
	lexAdd("dzs", wDozen, 12)
	lexAdd("dozs", wDozen, 12)
	lexAdd("doz", wDozen, 12)
	lexAdd("dz", wDozen, 12)
}

// lexPhraseTables indexes the unit, qualifier and currency phrases by their
// first word, and marks the words that may open a figure.
func lexPhraseTables() {
	for i, u := range unitPhrases {
		w := u.words[0]
		if u.exact {
			w = lowerASCII(w)
		}
		lexAdd(w, wUnitWord, 0)
		id := lexIndex[w]
		lexWords[id].units = append(lexWords[id].units, i)
	}
	for _, q := range qualPhrases {
		lexAdd(q.words[0], wQualStart, 0)
	}
	lexAddAll(wStartWord, "a", "an", "half", "quarter", "between", "minus", "negative")
	lexAddAll(wPercentWord, "percent", "percents", "per", "percentage")
	for i, c := range currencyPhrases {
		if c.prefix {
			lexAdd(c.words[0], wCurPrefix, 0)
		}
		w := c.words[0]
		lexAdd(w, wCurrencyWord, 0)
		id := lexIndex[w]
		lexWords[id].curs = append(lexWords[id].curs, i)
	}
}

// lowerASCII lower-cases ASCII letters; it is used only at init time.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Canonical units.
const (
	uUSD      = "USD"
	uPercent  = "%"
	uPP       = "pp"
	uYear     = "year"
	uMonth    = "month"
	uWeek     = "week"
	uDay      = "day"
	uHour     = "hour"
	uGPUHour  = "GPU hour"
	uParam    = "parameter"
	uToken    = "token"
	uTimes    = "x"
	uDegree   = "degree"
	uCelsius  = "°C"
	uFahrenht = "°F"
)

// symbolCurrency maps currency signs to ISO codes. "$" is read as US dollars,
// the default for the US news this bot reads.
var symbolCurrency = map[rune]string{
	'$': "USD", '€': "EUR", '£': "GBP", '¥': "CNY", '￥': "CNY", '₹': "INR", '₿': "BTC", '₩': "KRW",
	'₽': "RUB", '₺': "TRY", '₡': "CRC", '₾': "GEL", '₭': "LAK", '₱': "PHP", '₦': "NGN", '₪': "ILS",
	'₫': "VND", '฿': "THB", '₴': "UAH", '¢': "cent",
}

// dollarPrefixes are letters written before "$" to name a dollar: "US$",
// "HK$", "C$". spaced marks the ones also read with a space, as tokenised
// news text writes them ("hk $ 10.05 billion"); single letters need to be
// upper case and glued to "$" so that the article "a" is never Australian.
var dollarPrefixes = map[string]struct {
	code   string
	spaced bool
}{
	"us": {"USD", true}, "u.s": {"USD", true}, "u.s.": {"USD", true}, "usd": {"USD", false},
	"hk": {"HKD", true}, "hkd": {"HKD", false}, "c": {"CAD", true}, "ca": {"CAD", false}, "can": {"CAD", false}, "cad": {"CAD", false},
	"a": {"AUD", false}, "au": {"AUD", false}, "aud": {"AUD", false}, "nz": {"NZD", false}, "nzd": {"NZD", false},
	"mex": {"MXN", true}, "mx": {"MXN", false}, "mxn": {"MXN", false}, "s": {"SGD", false}, "sg": {"SGD", false},
	"r": {"BRL", false}, "nt": {"TWD", true}, "rmb": {"CNY", false},
}
