package bot

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index"
	"github.com/racebot/racebot/index/lexicon"
)

// MaxQuestionLen is the longest question racebot answers, in characters. A
// chat question is a sentence or two; anything longer is pasted text, and
// searching it would only be slow and vague.
const MaxQuestionLen = 500

// Question is a chat message read as a question.
type Question struct {
	Raw  string // as received
	Text string // chat noise removed: mentions, greetings, filler, emoji
	// Search is what is looked up: Text without the words that make it a
	// question ("how many", "did", "say"), which no passage answers with.
	Search string
	// Asks is the kind of answer wanted: "how many", "how much", "when",
	// "who", "where", "how long", "what percent", or "" for anything.
	Asks string
	// Want lists the kinds of figure that would answer the question.
	Want []figure.Kind
	// Class is the kind of name that would answer it: people for "who",
	// places for "where", what Head is for "what city"; Head the noun a
	// "what X" or "which X" question asks for, as a dictionary form
	// ("city" for "which cities").
	Class lexicon.Class
	Head  string
	// Future says the question asks when something is still to come
	// ("when will agi arrive", "how soon"): a date before its source was
	// published does not answer it. Nor, then, does the date of the
	// event as a later article reports it done ("when can i buy an h20"
	// is answered with forecasts only).
	Future bool
	// Parts are the questions a message asks at once, each read alone
	// ("how many GPUs does DeepSeek have", "what did V3 cost?"), so that
	// the figures block answers every part and not only the best-scored
	// one; nil for a question of one part.
	Parts []Question
}

var (
	// Platform mention and link syntax: Discord <@123>, <@!123>, <@&123>,
	// <#123>, <:emoji:123>; Slack <@U123>, <!here>, <#C123|name>, <url|text>.
	chatTokenRE = regexp.MustCompile(`<[@#!:&][^<>\s]{0,100}>`)
	handleRE    = regexp.MustCompile(`(^|\s)@[\p{L}\p{N}_.\-]+`)
	urlRE       = regexp.MustCompile(`https?://\S+`)
	ansiRE      = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]`)
)

// noise are words that carry no meaning for search in a chat question:
// greetings, politeness, and the bot's own name.
var noise = map[string]bool{
	"hey": true, "hi": true, "hello": true, "yo": true, "hiya": true, "howdy": true,
	"bot": true, "racebot": true, "please": true, "pls": true, "plz": true,
	"thanks": true, "thank": true, "thx": true, "ty": true, "lol": true, "lmao": true,
	"btw": true, "quick": true, "q": true, "question": true, "um": true, "uh": true,
	"ok": true, "okay": true, "so": true, "tell": true, "know": true, "anyone": true,
	"actually": true, "really": true, "exactly": true, "wondering": true, "curious": true,
	"idk": true, "imo": true, "guys": true, "folks": true, "ya": true, "u": true,
	// Small talk, which no article answers: "good morning", "tell me a
	// joke".
	"morning": true, "afternoon": true, "evening": true, "joke": true, "jokes": true,
}

// questionWords make a sentence a question but are not what it is about.
// The index's analyzer drops the commonest English stop words; these are the
// ones it keeps that questions are full of.
var questionWords = map[string]bool{
	"how": true, "many": true, "much": true, "what": true, "whats": true, "what's": true, "what’s": true,
	"when": true, "where": true, "who": true, "whom": true, "whose": true, "which": true, "why": true,
	"who's": true, "who’s": true, "where's": true, "where’s": true, "when's": true, "when’s": true, "how's": true, "how’s": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true,
	"do": true, "does": true, "did": true, "doing": true, "done": true,
	"have": true, "has": true, "had": true, "having": true,
	"can": true, "could": true, "would": true, "should": true, "will": true, "shall": true, "may": true, "might": true, "must": true,
	"say": true, "says": true, "said": true, "saying": true, "tell": true, "told": true, "according": true,
	"think": true, "thinks": true, "thought": true, "get": true, "gets": true, "got": true, "getting": true,
	"supposed": true, "approximately": true, "roughly": true, "really": true, "actually": true,
	"there": true, "their": true, "they": true, "them": true, "it": true, "its": true, "it's": true,
	"this": true, "that": true, "these": true, "those": true, "i": true, "me": true, "my": true,
	"we": true, "our": true, "you": true, "your": true, "he": true, "she": true, "his": true, "her": true,
	"any": true, "some": true, "anything": true, "something": true, "thing": true, "things": true,
	"vs": true, "versus": true, "like": true, "just": true, "also": true, "even": true, "still": true,
	// Chat's contractions of the auxiliaries above ("is zuck gonna
	// have"): the English word list has them, so left in they would be
	// searched for as nouns no article holds, and the question declined
	// as about something the corpus lacks.
	"gonna": true, "wanna": true, "gotta": true, "hafta": true, "tryna": true, "finna": true,
	"dunno": true, "lemme": true, "gimme": true, "kinda": true, "sorta": true,
	// Words that name the kind of answer wanted; intent turns them into
	// Want, and passages say "17%", not "percent".
	"percent": true, "percentage": true, "pct": true, "count": true, "figure": true, "figures": true,
	"date": true, "old": true,
}

// searchWords drops the question words from a cleaned, lower-cased
// question, and "big"/"large" after "how", where they only ask for a size.
// Numbers are written the way news writes them ("10k" and "10000" as
// "10,000"), so that they match.
func searchWords(lower string) string {
	words := strings.Fields(lower)
	out := make([]string, 0, len(words))
	for i, w := range words {
		w = newsNumber(w)
		bare := strings.Trim(w, ".,")
		if questionWords[bare] {
			continue
		}
		if i > 0 && words[i-1] == "how" && (bare == "big" || bare == "large" || bare == "long" || bare == "soon" || bare == "fast" || bare == "well") {
			continue
		}
		if i > 1 && words[i-2] == "how" && words[i-1] == "much" && (bare == "money" || bare == "cash") {
			continue // "how much money" asks for an amount, which Want says
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

var shortNumberRE = regexp.MustCompile(`^(\d{1,3})k$`)

// newsNumber rewrites a bare number as news prints it: thousands separated
// by commas, "k" spelt out. Four digits are left alone, since they are
// most often a year ("1859", "2025"); the index looks for them with a
// comma too ("2048" finds "2,048").
func newsNumber(w string) string {
	if m := shortNumberRE.FindStringSubmatch(w); m != nil {
		w = m[1] + "000"
	}
	if len(w) < 5 || strings.Trim(w, "0123456789") != "" {
		return w
	}
	var b strings.Builder
	for i, c := range w {
		if i > 0 && (len(w)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Clean strips what chat adds to a question: mentions, channel and emoji
// tokens, links, greetings and politeness, emoji and stray punctuation. It
// keeps the words in order.
func Clean(s string) string {
	s = strings.ToValidUTF8(s, " ")
	s = ansiRE.ReplaceAllString(s, " ")
	s = chatTokenRE.ReplaceAllString(s, " ")
	s = urlRE.ReplaceAllString(s, " ")
	s = handleRE.ReplaceAllString(s, " ")
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r):
			return r
		case strings.ContainsRune("'’-.,$%/&+", r):
			return r
		}
		return ' '
	}, s)
	words := strings.Fields(s)
	out := words[:0]
	for _, w := range words {
		bare := strings.ToLower(strings.Trim(w, "'’-.,/&+"))
		if bare == "" || noise[bare] {
			continue
		}
		out = append(out, strings.Trim(w, "'’-,/&+"))
	}
	return strings.Join(out, " ")
}

// Query returns what the index is asked for the question: its search
// words, the kinds of figure and name that answer it, and whether it asks
// what something is.
func (q Question) Query() index.Query {
	return index.Query{Text: q.Search, Want: q.Want, Class: q.Class, Head: q.Head, Define: q.Asks == "define"}
}

// Parse reads a chat message as a question.
func Parse(raw string) Question {
	q := Question{Raw: raw, Text: Clean(raw)}
	lower := reframe(strings.ToLower(q.Text))
	q.Asks, q.Want = intent(lower)
	q.Future = futureRE.MatchString(lower) && !pastRE.MatchString(lower)
	q.Class, q.Head = answerClass(lower)
	q.Search = searchWords(lower)
	if q.Asks == "" && nounPhrase(lower, q.Search) {
		q.Want = measured(q.Search)
	}
	return q
}

var (
	headRE   = regexp.MustCompile(`\b(?:what|which|whose)\s+(?:(?:kind|type|sort|name)s?\s+of\s+(?:an?\s+|the\s+)?)?([a-z]+)`)
	whoRE    = regexp.MustCompile(`\b(?:who|whom|whose)\b`)
	whereRE  = regexp.MustCompile(`\bwhere\b`)
	personRE = regexp.MustCompile(`\b(?:which|what) (?:person|people|man|woman|men|women)\b`)
)

// answerClass reads the kind of name a question asks for: a person (or
// an organisation) for "who", a place for "where", and for "what city" or
// "which companies" the WordNet classes of the noun asked for, with the
// noun.
func answerClass(lower string) (lexicon.Class, string) {
	if m := headRE.FindStringSubmatch(lower); m != nil && !questionWords[m[1]] && !personRE.MatchString(lower) {
		for _, base := range lexicon.Base(m[1]) {
			if c := lexicon.Classes(base); c != 0 {
				return c, base
			}
		}
	}
	switch {
	case whoRE.MatchString(lower) || personRE.MatchString(lower):
		return lexicon.Person | lexicon.Group, ""
	case whereRE.MatchString(lower):
		return lexicon.Location, ""
	}
	return 0, ""
}

var (
	futureRE = regexp.MustCompile(`\bhow soon\b|\bby when\b|\bwhen (will|would|could|can|might)\b|^when\b.*\b(will|gonna|going to)\b`)
	pastRE   = regexp.MustCompile(`\bwhen (did|was|were|had|has|have)\b`)
)

// prepositions end the noun phrase a terse question opens with: "h20
// memory size", "annual growth rate in the forecast".
var prepositions = map[string]bool{
	"in": true, "of": true, "for": true, "on": true, "at": true, "by": true, "per": true,
	"from": true, "with": true, "to": true, "before": true, "after": true, "during": true,
	"since": true, "between": true, "over": true, "under": true, "about": true, "into": true,
	"than": true, "as": true,
}

// measures are WordNet classes of nouns that name a measure, with the
// kinds of figure that give one's value, most specific first: a price is
// a monetary value, a deadline a point in time, a size a magnitude. Only
// a noun's first sense counts: "take" is also income, "ban" a coin.
var measures = []struct {
	class string
	want  []figure.Kind
}{
	{"monetary value", []figure.Kind{figure.Money}},
	{"sum", []figure.Kind{figure.Money}},
	{"cost", []figure.Kind{figure.Money}},
	{"money", []figure.Kind{figure.Money}}, // a budget is money before it is a measure
	{"point in time", []figure.Kind{figure.Date}},
	{"date", []figure.Kind{figure.Date}},
	{"time period", []figure.Kind{figure.Duration, figure.Date}},
	{"time unit", []figure.Kind{figure.Date, figure.Duration}},
	{"ratio", []figure.Kind{figure.Percent}},
	{"rate", []figure.Kind{figure.Percent, figure.Quantity}},
	{"magnitude", []figure.Kind{figure.Money, figure.Quantity, figure.Count}},
	{"measure", []figure.Kind{figure.Quantity, figure.Count}},
}

// sentenceRE matches a question written as a sentence: with a question
// word, its noun phrase is often not what is asked ("what is the basic
// unit of …", "what did nvidia close at"); with an auxiliary, its last
// word before a preposition is often a verb ("did smic go below 7nm").
var sentenceRE = regexp.MustCompile(`\b(what|what's|whats|which|who|whom|whose|when|where|why|how|do|does|did|don't|doesn't|didn't|is|are|was|were|isn't|aren't|wasn't|has|have|had|can|can't|could|will|won't|would|should|may|might|must|shall)\b`)

// whatIsRE matches the opening of "what is X": when X is a noun phrase,
// with no preposition and no other question word, its last noun is what
// is asked ("whats jensen huangs salary", "What is Kenya's literacy
// rate?"), and measured reads it as a terse question.
var whatIsRE = regexp.MustCompile(`^(what's|whats|what’s|what\s+(is|was|are|were))\s`)

// nounPhrase reports whether a question is a noun phrase whose last noun
// may be what it asks about: one with no question word or auxiliary
// ("h20 memory size"), or "what is" one with no preposition either.
func nounPhrase(lower, search string) bool {
	rest := whatIsRE.ReplaceAllString(lower, "")
	if sentenceRE.MatchString(rest) {
		return false
	}
	return rest == lower || !slices.ContainsFunc(strings.Fields(search), func(w string) bool { return prepositions[w] })
}

// measured returns the kinds of figure that a terse question, a noun
// phrase with no question word (or a "what is" one), asks for when it
// names a measure: "h20 memory size" wants a quantity, "diffusion rule
// compliance deadline" a date, "annual growth rate in the forecast" a
// percentage. The measure is the last noun WordNet knows of the phrase
// the question opens with, before its first preposition; names, numbers,
// words of one or two letters ("a" is also an ampere) and words WordNet
// does not know are read past.
func measured(search string) []figure.Kind {
	words := strings.Fields(search)
	if i := slices.IndexFunc(words, func(w string) bool { return prepositions[w] }); i >= 0 {
		words = words[:i]
	}
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.Trim(words[i], ".,'’")
		if len(w) < 3 || strings.ContainsFunc(w, unicode.IsDigit) || lexicon.Classes(w) == 0 || lexicon.Instance(w) ||
			lexicon.FirstIsA(w, "calendar month") || lexicon.FirstIsA(w, "day of the week") {
			continue // a name, a number or a date's part: "nvidia stock drop jan 27"
		}
		for _, m := range measures {
			if lexicon.FirstIsA(w, m.class) {
				return m.want
			}
		}
		return nil
	}
	return nil
}

// intents map the opening of a question to what answers it, longest
// patterns first.
var intents = []struct {
	re   *regexp.Regexp
	asks string
	want []figure.Kind
}{
	{regexp.MustCompile(`\bhow much (power|energy|electricity|capacity|compute)\b`), "how much", []figure.Kind{figure.Quantity}},
	{regexp.MustCompile(`\bhow much (slower|faster|better|worse|higher|lower|more|less|bigger|smaller|cheaper)\b`), "how much", []figure.Kind{figure.Percent, figure.Quantity, figure.Count}},
	{regexp.MustCompile(`\bhow much .*\b(drop|fall|fell|rise|rose|grow|grew|gain|jump|slump|decline|increase)`), "how much", []figure.Kind{figure.Percent, figure.Money}},
	// "how much did v3 cost" wants money, not the model's size; "how
	// much of the revenue is paid by" a share.
	{regexp.MustCompile(`\bhow much of\b`), "how much", []figure.Kind{figure.Money, figure.Quantity, figure.Percent}},
	{regexp.MustCompile(`\bhow much\s+(\S+\s+){0,6}(money|cash|cost|costs|spend|spent|pay|paid|invest|invested|worth|price|charge|charged|earn|earned)\b`), "how much", []figure.Kind{figure.Money}},
	{regexp.MustCompile(`\bhow (much|big a|large a)\b`), "how much", []figure.Kind{figure.Money, figure.Quantity, figure.Percent}},
	{regexp.MustCompile(`\bhow many\b`), "how many", []figure.Kind{figure.Count, figure.Quantity}},
	{regexp.MustCompile(`\bhow (big|large|huge|small)\b`), "how much", []figure.Kind{figure.Money, figure.Quantity, figure.Count}},
	{regexp.MustCompile(`\bhow (long|soon)\b`), "how long", []figure.Kind{figure.Duration, figure.Date}},
	{regexp.MustCompile(`\bhow old\b|\bage of\b`), "how old", []figure.Kind{figure.Count, figure.Quantity, figure.Duration}},
	{regexp.MustCompile(`\b(count|number of|amount of|total)\b`), "how many", []figure.Kind{figure.Count, figure.Quantity, figure.Money}},
	{regexp.MustCompile(`\b(what|which) (percent|percentage|share|proportion|fraction)\b|\bhow (fast|well)\b|\bscore\b|\b(percent|percentage|pct)\b|(^|\s)%(\s|$)`), "what percent", []figure.Kind{figure.Percent}},
	// A past "when" is answered by a date; "in two years" answers only
	// what is still to come.
	{regexp.MustCompile(`\bwhen (was|were|did|had)\b|\b(what|which) (date|day)\b`), "when", []figure.Kind{figure.Date}},
	{regexp.MustCompile(`\b(what|which) (date|day|month|year)\b|\b(since|by|until) when\b|^when\b|\bwhen[\p{P}\s]*$|\bwhen (did|does|do|was|is|will|were|are|can|could)\b|\bdate\b`), "when", []figure.Kind{figure.Date, figure.Duration}},
	{regexp.MustCompile(`\b(cost|costs|spend|spending|spent|invest|investment|worth|valuation|revenue|price|charge|funding|raise|raised|capex)\b`), "how much", []figure.Kind{figure.Money}},
	{regexp.MustCompile(`\b(differ|differs|different|difference|compare|compares|compared|comparison|vs|versus|faster|slower|cheaper)\b`), "compare", []figure.Kind{figure.Quantity, figure.Percent, figure.Count, figure.Money}},
	{regexp.MustCompile(`^(what|who)(\s+is|\s+are|'s|’s|s)\s+(an?\s+|the\s+)?\S+$`), "define", nil},
	{regexp.MustCompile(`^who\b|\bwho (is|was|are|were|did|does|founded|made|makes|built|said|runs|leads|stood)\b`), "who", nil},
	{regexp.MustCompile(`^where\b|\bwhere (is|was|are|were|did|does|will)\b`), "where", nil},
}

func intent(q string) (string, []figure.Kind) {
	for _, it := range intents {
		if it.re.MatchString(q) {
			return it.asks, it.want
		}
	}
	return "", nil
}

// Validate reports what is wrong with a question that cannot be answered
// as asked, or "" when it can be searched. The message is for the user.
func Validate(raw string) string {
	n := utf8.RuneCountInString(raw)
	switch {
	case strings.TrimSpace(raw) == "":
		return "Ask me a question about the AI race, for example: How many GPUs does DeepSeek have?"
	case n > MaxQuestionLen:
		return "That question is too long for me (" + strconv.Itoa(n) + " characters; the limit is " + strconv.Itoa(MaxQuestionLen) + "). Please ask it in a sentence or two."
	case Clean(raw) == "":
		return "I could not find a question in that message. Try, for example: How much will Stargate invest?"
	case !strings.ContainsFunc(Clean(raw), unicode.IsLetter):
		// Numbers alone ("2 7", "2025") match a date or a count in
		// passages on any subject: what came back would be chance.
		return "I need at least one word to search for, not only numbers. Try, for example: What happened to Nvidia's shares on January 27, 2025?"
	}
	return ""
}
