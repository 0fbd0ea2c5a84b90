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
	wMultiplier                     // "times", "fold"
	wTimeOfDay                      // "am", "pm"
	wAfterYear                      // "earlier", "later", "ago": "a year earlier" is no rate
	wYearNoun                       // "fiscal", "FY": "fiscal 2025"
	wPerNoun                        // a noun that follows "a" in a rate: "$98 a share"
	wQualStart                      // first word of a qualifier: "about", "more", "up"
	wStartWord                      // other words that may open a figure: "a", "half", "between"
	wCurPrefix                      // a currency code written before numbers: "USD", "RMB"
	wPercentWord                    // "percent", "per": "percent of 10"
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
// ("twenty-first"), see words.go.
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
	lexAddAll(wStop, stopWords...)
	lexAddAll(wClaim, claimVerbs...)
	lexAddAll(wTitle, titles...)
	lexAddAll(wNameStop, nameStops...)
	lexAddAll(wOrg, orgWords...)
	lexAddAll(wPronoun, "he", "she")
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
	lexAddAll(wMultiplier, "times", "fold")
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

func u(kind Kind, unit string, phys bool, words ...string) unitPhrase {
	return unitPhrase{words: words, unit: unit, kind: kind, mult: 1, phys: phys}
}

func ux(kind Kind, unit string, phys bool, words ...string) unitPhrase {
	p := u(kind, unit, phys, words...)
	p.exact = true
	return p
}

func um(kind Kind, unit string, mult float64, words ...string) unitPhrase {
	p := u(kind, unit, false, words...)
	p.mult = mult
	return p
}

// unitPhrases lists the units written after a number. Longer phrases win over
// shorter ones that share a first word.
var unitPhrases = []unitPhrase{
	// Durations.
	u(Duration, uYear, false, "years"), u(Duration, uYear, false, "year"), u(Duration, uYear, false, "yrs"), u(Duration, uYear, false, "yr"),
	u(Duration, uMonth, false, "months"), u(Duration, uMonth, false, "month"), u(Duration, uMonth, false, "mos"),
	u(Duration, uWeek, false, "weeks"), u(Duration, uWeek, false, "week"), u(Duration, uWeek, false, "wks"),
	u(Duration, uDay, false, "days"), u(Duration, uDay, false, "day"),
	u(Duration, uHour, false, "hours"), u(Duration, uHour, false, "hour"), u(Duration, uHour, false, "hrs"), u(Duration, uHour, false, "hr"),
	u(Duration, "minute", false, "minutes"), u(Duration, "minute", false, "minute"), u(Duration, "minute", false, "mins"),
	u(Duration, "second", false, "seconds"), u(Duration, "second", false, "second"), u(Duration, "second", false, "secs"),
	um(Duration, uYear, 10, "decades"), um(Duration, uYear, 10, "decade"),
	um(Duration, uYear, 100, "centuries"), um(Duration, uYear, 100, "century"),
	u(Quantity, uGPUHour, false, "gpu", "hours"), u(Quantity, uGPUHour, false, "gpu", "hour"), u(Quantity, uGPUHour, false, "gpu", "-", "hours"),
	// Percentages.
	u(Percent, uPP, false, "percentage", "points"), u(Percent, uPP, false, "percentage", "point"),
	u(Percent, uPP, false, "percent", "points"), u(Percent, uPP, false, "per", "cent", "points"),
	u(Percent, uPP, false, "pp"), u(Percent, uPP, false, "ppt"), u(Percent, uPP, false, "ppts"), u(Percent, "bp", false, "basis", "points"),
	u(Percent, "bp", false, "basis", "point"), u(Percent, "bp", false, "bps"),
	u(Percent, uPercent, false, "percent"), u(Percent, uPercent, false, "per", "cent"), u(Percent, uPercent, false, "percents"),
	u(Percent, uPercent, false, "percentage"), u(Percent, uPercent, false, "pct"), u(Percent, uPercent, false, "per", "cents"),
	// Power and energy.
	u(Quantity, "GW", true, "gigawatts"), u(Quantity, "GW", true, "gigawatt"), ux(Quantity, "GW", true, "GW"),
	u(Quantity, "MW", true, "megawatts"), u(Quantity, "MW", true, "megawatt"), ux(Quantity, "MW", true, "MW"),
	u(Quantity, "kW", true, "kilowatts"), u(Quantity, "kW", true, "kilowatt"), ux(Quantity, "kW", true, "kW"), ux(Quantity, "kW", true, "KW"),
	u(Quantity, "TW", true, "terawatts"), u(Quantity, "TW", true, "terawatt"), ux(Quantity, "TW", true, "TW"),
	u(Quantity, "W", true, "watts"), u(Quantity, "W", true, "watt"), ux(Quantity, "W", true, "W"),
	ux(Quantity, "GWh", true, "GWh"), ux(Quantity, "MWh", true, "MWh"), ux(Quantity, "kWh", true, "kWh"), ux(Quantity, "TWh", true, "TWh"),
	u(Quantity, "GWh", true, "gigawatt", "hours"), u(Quantity, "MWh", true, "megawatt", "hours"), u(Quantity, "kWh", true, "kilowatt", "hours"),
	u(Quantity, "GWh", true, "gigawatt", "-", "hours"), u(Quantity, "MWh", true, "megawatt", "-", "hours"), u(Quantity, "kWh", true, "kilowatt", "-", "hours"),
	// Compute and bandwidth.
	u(Quantity, "TFLOPS", true, "tflops"), u(Quantity, "TFLOPS", true, "teraflops"), u(Quantity, "TFLOPS", true, "tflop"),
	u(Quantity, "PFLOPS", true, "pflops"), u(Quantity, "PFLOPS", true, "petaflops"), u(Quantity, "EFLOPS", true, "eflops"),
	u(Quantity, "EFLOPS", true, "exaflops"), u(Quantity, "GFLOPS", true, "gflops"), u(Quantity, "GFLOPS", true, "gigaflops"),
	u(Quantity, "TOPS", true, "tops"), u(Quantity, "FLOP", true, "flops"), u(Quantity, "FLOP", true, "flop"),
	u(Quantity, "GB/s", true, "gb", "/", "s"), u(Quantity, "GB/s", true, "gigabytes", "per", "second"), u(Quantity, "GB/s", true, "gbps"),
	u(Quantity, "GB/s", true, "gigabyte", "per", "second"), u(Quantity, "GB/s", true, "gb", "per", "second"),
	u(Quantity, "TB/s", true, "tb", "/", "s"), u(Quantity, "TB/s", true, "terabytes", "per", "second"), u(Quantity, "TB/s", true, "tbps"),
	u(Quantity, "MB/s", true, "mb", "/", "s"), u(Quantity, "MB/s", true, "megabytes", "per", "second"),
	u(Quantity, "Gb/s", true, "gigabits", "per", "second"), u(Quantity, "Gb/s", true, "gbit", "/", "s"), u(Quantity, "Tb/s", true, "terabits", "per", "second"),
	// Storage.
	u(Quantity, "TB", true, "tb"), u(Quantity, "TB", true, "terabytes"), u(Quantity, "TB", true, "terabyte"),
	u(Quantity, "GB", true, "gb"), u(Quantity, "GB", true, "gigabytes"), u(Quantity, "GB", true, "gigabyte"),
	u(Quantity, "MB", true, "mb"), u(Quantity, "MB", true, "megabytes"), u(Quantity, "MB", true, "megabyte"),
	u(Quantity, "KB", true, "kb"), u(Quantity, "KB", true, "kilobytes"), u(Quantity, "PB", true, "pb"), u(Quantity, "PB", true, "petabytes"),
	u(Quantity, "EB", true, "exabytes"), u(Quantity, "Mb", true, "megabits"), u(Quantity, "Gb", true, "gigabits"),
	u(Quantity, "bit", true, "bits"), u(Quantity, "bit", true, "bit"), u(Quantity, "byte", true, "bytes"), u(Quantity, "byte", true, "byte"),
	// Length.
	u(Quantity, "km", true, "km"), u(Quantity, "km", true, "kilometers"), u(Quantity, "km", true, "kilometer"), u(Quantity, "km", true, "kilometres"), u(Quantity, "km", true, "kilometre"),
	ux(Quantity, "m", true, "m"), u(Quantity, "m", true, "meters"), u(Quantity, "m", true, "meter"), u(Quantity, "m", true, "metres"), u(Quantity, "m", true, "metre"),
	u(Quantity, "cm", true, "cm"), u(Quantity, "cm", true, "centimeters"), u(Quantity, "cm", true, "centimeter"), u(Quantity, "cm", true, "centimetres"),
	ux(Quantity, "mm", true, "mm"), u(Quantity, "mm", true, "millimeters"), u(Quantity, "mm", true, "millimeter"), u(Quantity, "mm", true, "millimetres"),
	u(Quantity, "nm", true, "nm"), u(Quantity, "nm", true, "nanometers"), u(Quantity, "nm", true, "nanometer"), u(Quantity, "nm", true, "nanometres"), u(Quantity, "nm", true, "nanometre"),
	u(Quantity, "µm", true, "microns"), u(Quantity, "µm", true, "micron"), u(Quantity, "µm", true, "micrometers"), u(Quantity, "µm", true, "μm"),
	u(Quantity, "dm", true, "dm"), u(Quantity, "dm", true, "decimeters"), u(Quantity, "dm", true, "decimeter"),
	u(Quantity, "pm", true, "picometers"), u(Quantity, "pm", true, "picometer"),
	u(Quantity, "mile", true, "miles"), u(Quantity, "mile", true, "mile"), u(Quantity, "mile", true, "mi"),
	u(Quantity, "ft", true, "feet"), u(Quantity, "ft", true, "foot"), u(Quantity, "ft", true, "ft"),
	u(Quantity, "in", true, "inches"), u(Quantity, "in", true, "inch"),
	u(Quantity, "yd", true, "yards"), u(Quantity, "yd", true, "yard"), u(Quantity, "yd", true, "yd"),
	u(Quantity, "nmi", true, "nautical", "miles"),
	// Area.
	u(Quantity, "sq ft", true, "square", "feet"), u(Quantity, "sq ft", true, "square", "foot"), u(Quantity, "sq ft", true, "sq", "ft"), u(Quantity, "sq ft", true, "sq", ".", "ft"),
	u(Quantity, "m²", true, "square", "meters"), u(Quantity, "m²", true, "square", "metres"), u(Quantity, "m²", true, "square", "meter"), u(Quantity, "m²", true, "square", "metre"),
	u(Quantity, "m²", true, "sqm"), u(Quantity, "m²", true, "m", "2"), u(Quantity, "m²", true, "m²"),
	u(Quantity, "km²", true, "square", "kilometers"), u(Quantity, "km²", true, "square", "kilometres"), u(Quantity, "km²", true, "square", "kilometer"), u(Quantity, "km²", true, "km", "2"), u(Quantity, "km²", true, "km²"),
	u(Quantity, "sq mi", true, "square", "miles"), u(Quantity, "sq mi", true, "square", "mile"),
	u(Quantity, "acre", true, "acres"), u(Quantity, "acre", true, "acre"), u(Quantity, "ha", true, "hectares"), u(Quantity, "ha", true, "hectare"),
	// Volume.
	u(Quantity, "L", true, "liters"), u(Quantity, "L", true, "liter"), u(Quantity, "L", true, "litres"), u(Quantity, "L", true, "litre"), ux(Quantity, "L", true, "L"),
	u(Quantity, "mL", true, "ml"), u(Quantity, "mL", true, "milliliters"), u(Quantity, "mL", true, "milliliter"), u(Quantity, "mL", true, "millilitres"),
	u(Quantity, "gal", true, "gallons"), u(Quantity, "gal", true, "gallon"), u(Quantity, "gal", true, "gal"),
	u(Quantity, "barrel", true, "barrels"), u(Quantity, "barrel", true, "barrel"), u(Quantity, "barrel", true, "bbl"),
	u(Quantity, "cu ft", true, "cubic", "feet"), u(Quantity, "cu ft", true, "cubic", "foot"),
	u(Quantity, "m³", true, "cubic", "meters"), u(Quantity, "m³", true, "cubic", "metres"), u(Quantity, "m³", true, "cubic", "meter"),
	u(Quantity, "cup", true, "cups"), u(Quantity, "cup", true, "cup"),
	u(Quantity, "tbsp", true, "tablespoons"), u(Quantity, "tbsp", true, "tablespoon"), u(Quantity, "tbsp", true, "tbsp"),
	u(Quantity, "tsp", true, "teaspoons"), u(Quantity, "tsp", true, "teaspoon"), u(Quantity, "tsp", true, "tsp"),
	// Mass.
	u(Quantity, "kg", true, "kg"), u(Quantity, "kg", true, "kilograms"), u(Quantity, "kg", true, "kilogram"), u(Quantity, "kg", true, "kilos"),
	ux(Quantity, "g", true, "g"), u(Quantity, "g", true, "grams"), u(Quantity, "g", true, "gram"), u(Quantity, "g", true, "grammes"), u(Quantity, "g", true, "gramme"),
	u(Quantity, "mg", true, "mg"), u(Quantity, "mg", true, "milligrams"), u(Quantity, "mg", true, "milligram"),
	u(Quantity, "µg", true, "μg"), u(Quantity, "µg", true, "µg"), u(Quantity, "µg", true, "mcg"), u(Quantity, "µg", true, "micrograms"),
	u(Quantity, "µg", true, "microgram"), u(Quantity, "µg", true, "microgrammes"), u(Quantity, "µg", true, "microgramme"),
	u(Quantity, "t", true, "metric", "tons"), u(Quantity, "t", true, "metric", "ton"), u(Quantity, "t", true, "tonnes"), u(Quantity, "t", true, "tonne"),
	u(Quantity, "ton", true, "tons"), u(Quantity, "ton", true, "ton"), ux(Quantity, "t", true, "t"),
	u(Quantity, "lb", true, "lbs"), u(Quantity, "lb", true, "lb"), u(Quantity, "lb", true, "pounds"), u(Quantity, "lb", true, "pound"),
	u(Quantity, "oz", true, "ounces"), u(Quantity, "oz", true, "ounce"), u(Quantity, "oz", true, "oz"),
	u(Quantity, "dram", true, "drams"), u(Quantity, "dram", true, "dram"), u(Quantity, "dram", true, "drachmas"), u(Quantity, "dram", true, "drachma"),
	// Speed.
	u(Quantity, "mph", true, "miles", "per", "hour"), u(Quantity, "mph", true, "miles", "an", "hour"), u(Quantity, "mph", true, "mph"),
	u(Quantity, "km/h", true, "kilometers", "per", "hour"), u(Quantity, "km/h", true, "kilometres", "per", "hour"), u(Quantity, "km/h", true, "kilometers", "an", "hour"),
	u(Quantity, "km/h", true, "km", "/", "h"), u(Quantity, "km/h", true, "km", "/", "hr"), u(Quantity, "km/h", true, "kph"), u(Quantity, "km/h", true, "kmph"), u(Quantity, "km/h", true, "kmh"),
	u(Quantity, "m/s", true, "m", "/", "s"), u(Quantity, "m/s", true, "meters", "per", "second"), u(Quantity, "m/s", true, "metres", "per", "second"),
	u(Quantity, "knot", true, "knots"),
	// Angle and temperature. A bare "degrees" is ambiguous between the two.
	u(Quantity, uCelsius, false, "degrees", "celsius"), u(Quantity, uCelsius, false, "degrees", "centigrade"), u(Quantity, uCelsius, false, "°", "c"),
	u(Quantity, uCelsius, false, "°", "celsius"), u(Quantity, uCelsius, false, "°c"),
	u(Quantity, uFahrenht, false, "degrees", "fahrenheit"), u(Quantity, uFahrenht, false, "°", "f"), u(Quantity, uFahrenht, false, "°", "fahrenheit"), u(Quantity, uFahrenht, false, "°f"),
	u(Quantity, uDegree, false, "degrees"), u(Quantity, uDegree, false, "degree"), u(Quantity, uDegree, false, "°"),
	u(Quantity, "rad", true, "radians"), u(Quantity, "rad", true, "radian"), u(Quantity, "rad", true, "rad"),
	u(Quantity, "turn", false, "turns"), u(Quantity, "turn", false, "turn"),
	// Multipliers.
	u(Quantity, uTimes, false, "times"), u(Quantity, uTimes, false, "fold"), ux(Quantity, uTimes, false, "x"), ux(Quantity, uTimes, false, "×"),
}

func cur(code string, words ...string) currencyPhrase {
	return currencyPhrase{words: words, code: code}
}

func curP(code string, words ...string) currencyPhrase {
	c := cur(code, words...)
	c.prefix = true
	return c
}

func curSub(code string, words ...string) currencyPhrase {
	c := cur(code, words...)
	c.sub = true
	return c
}

// currencyPhrases are currencies written as words after the number.
var currencyPhrases = []currencyPhrase{
	cur("USD", "us", "dollars"), cur("USD", "us", "dollar"), cur("USD", "u", ".", "s", ".", "dollars"), cur("USD", "american", "dollars"),
	cur("USD", "united", "states", "dollars"), cur("USD", "dollars"), cur("USD", "dollar"), curP("USD", "usd"),
	cur("AUD", "australian", "dollars"), cur("AUD", "australian", "dollar"), curP("AUD", "aud"),
	cur("CAD", "canadian", "dollars"), cur("CAD", "canadian", "dollar"), curP("CAD", "cad"),
	cur("HKD", "hong", "kong", "dollars"), cur("HKD", "hk", "dollars"), curP("HKD", "hkd"),
	cur("NZD", "new", "zealand", "dollars"), curP("NZD", "nzd"), cur("SGD", "singapore", "dollars"), curP("SGD", "sgd"),
	cur("TWD", "taiwan", "dollars"), cur("TWD", "new", "taiwan", "dollars"), curP("TWD", "twd"), curP("TWD", "nt$"),
	cur("CNY", "chinese", "yuan"), cur("CNY", "yuan"), cur("CNY", "renminbi"), curP("CNY", "rmb"), curP("CNY", "cny"), cur("CNY", "元"), cur("CNY", "kuai"),
	cur("EUR", "euros"), cur("EUR", "euro"), curP("EUR", "eur"),
	cur("GBP", "british", "pounds"), cur("GBP", "pounds", "sterling"), cur("GBP", "pound", "sterling"), cur("GBP", "sterling"), curP("GBP", "gbp"),
	{words: []string{"pounds"}, code: "GBP", ambiguous: true}, {words: []string{"pound"}, code: "GBP", ambiguous: true},
	cur("JPY", "japanese", "yen"), cur("JPY", "yen"), curP("JPY", "jpy"),
	cur("KRW", "korean", "won"), cur("KRW", "won"), curP("KRW", "krw"),
	cur("INR", "indian", "rupees"), cur("INR", "rupees"), cur("INR", "rupee"), curP("INR", "inr"), cur("INR", "rs"),
	cur("LKR", "ரூ"), cur("CHF", "swiss", "francs"), cur("CHF", "swiss", "franc"), curP("CHF", "chf"),
	cur("FRF", "french", "francs"), cur("FRF", "francs"), cur("FRF", "franc"),
	cur("FIM", "finnish", "markka"), cur("FIM", "markka"), cur("ESP", "pesetas"), cur("ESP", "peseta"),
	cur("NLG", "dutch", "guilders"), cur("NLG", "guilders"), cur("DEM", "deutsche", "marks"), cur("DEM", "marks"),
	cur("TRY", "turkish", "lira"), cur("TRY", "lira"), cur("ITL", "italian", "lire"), cur("ITL", "lire"),
	cur("RUB", "rubles"), cur("RUB", "roubles"), cur("RUB", "ruble"), cur("RUB", "rouble"), curP("RUB", "rub"),
	cur("BRL", "reais"), cur("BRL", "brazilian", "reais"), curP("BRL", "brl"),
	cur("MXN", "mexican", "pesos"), cur("MXN", "pesos"), curP("MXN", "mxn"),
	cur("SAR", "riyals"), cur("SAR", "saudi", "riyals"), curP("SAR", "sar"), cur("AED", "dirhams"), curP("AED", "aed"),
	cur("SEK", "swedish", "kronor"), curP("SEK", "sek"), cur("NOK", "norwegian", "kroner"), curP("NOK", "nok"), cur("DKK", "danish", "kroner"), curP("DKK", "dkk"),
	cur("CRC", "colones"), cur("GEL", "lari"), cur("LAK", "kip"),
	cur("BTC", "bitcoins"), cur("BTC", "bitcoin"), curP("BTC", "btc"), cur("BTC", "satoshis"), cur("BTC", "satoshi"),
	curSub("cent", "cents"), curSub("cent", "cent"), curSub("penny", "pence"), curSub("penny", "penny"), curSub("penny", "pennies"),
}

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
