package corpustest

import (
	"slices"
	"sync"
)

// devAnswers are the expect sets of the answerable questions in racebot's
// dev set (shared/eval/dev.jsonl, copied to testdata/dev.jsonl). A question
// counts as answered when one passage contains every string of its set, so
// no generated passage may contain a whole set: a synthetic passage must
// never be able to stand in for the real answer. The test suite fails if
// testdata/dev.jsonl gains a set that is missing here.
var devAnswers = [][]string{
	{"50,000 NVIDIA Hopper GPUs"},
	{"December 25"},
	{"AI war"},
	{"Masayoshi Son"},
	{"remote worker"},
	{"671 billion", "37 billion"},
	{"2.788M"},
	{"$2 per GPU hour", "$5.576M"},
	{"January 20, 2025"},
	{"79.8%", "79.2%"},
	{"Toloka"},
	{"50,000 H100s"},
	{"10,000 PCIe A100 GPUs"},
	{"January 23, 2025"},
	{"January 26, 2025"},
	{"February 4, 2025"},
	{"February 15, 2025"},
	{"distillation"},
	{"January 29, 2025"},
	{"three and six months"},
	{"Liang Wenfeng"},
	{"High-Flyer", "$8 billion"},
	{"MIT licence"},
	{"$593 billion"},
	{"$279 billion"},
	{"9.2%"},
	{"August 26, 2022"},
	{"A800", "H800"},
	{"high-bandwidth memory"},
	{"January 13, 2025"},
	{"50,000 GPUs"},
	{"May 13, 2025"},
	{"$5.5 billion"},
	{"July 14, 2025"},
	{"$2.5 billion"},
	{"400 gigabytes per second"},
	{"roughly half"},
	{"20 percent"},
	{"200,000"},
	{"SMIC"},
	{"$25 billion"},
	{"$500 billion", "$100 billion"},
	{"Abilene, Texas"},
	{"100,000"},
	{"1 gigawatt", "200-megawatt"},
	{"Shackelford County", "Lordstown"},
	{"100,000 Nvidia GPUs", "230 megawatts"},
	{"$80 billion"},
	{"$75 billion"},
	{"1.3 million"},
	{"two to four years"},
	{"2027"},
	{"very, very soon"},
	{"October 22, 2024", "Claude 3.5 Sonnet"},
	{"January 23, 2025"},
	{"87%", "38.1%"},
	{"$1.3 trillion"},
	{"$2.6 trillion to $4.4 trillion"},
	{"7%", "$7 trillion"},
}

// offTopic are strings that would let the dev set's unanswerable questions
// (the capital of France, router passwords, the weather in Berlin, the size of
// Llama 4 Behemoth, Samsung's chief executive) find a plausible passage. The
// generators never write them, so those questions stay unanswerable.
var offTopic = []string{
	"France", "Paris", "router", "password", "Berlin", "weather",
	"Behemoth", "Llama 4", "Samsung",
}

// heldoutOffTopic are strings that would let the unanswerable questions of
// racebot's held-out set (testdata/heldout.jsonl) find a plausible passage:
// the general questions (banana bread, the World Cup, a cover letter…) and
// the AI questions about things outside the starter corpus (GPT-5, TPU v5p,
// Gaudi 3, the EU AI Act…). Distractors never write them. The AI questions
// about entities that distractors do write (Gemini 1.5 Pro's parameters,
// Mistral's valuation, the MI300X's memory…) are covered by realFacts
// instead. Large does not use this list, so that its text, which only
// has to keep the dev set's answers out, does not change with it.
var heldoutOffTopic = []string{
	"joke", "banana", "recipe", "World Cup", "Tokyo", "cover letter", "population", "pizza",
	"New York", "GPT-5", "TPU v5", "Gaudi", "EU AI Act", "Apple Intelligence", "net worth",
	"salary", "context window", "ARC-AGI", "weekly active users", "Bletchley", "water use",
	"Colossus", "headquartered",
}

// answerChecker reports whether a text holds an expected answer or an
// off-topic string. Matching is by case-insensitive substring, which is at
// least as strict as any exact or case-sensitive evaluation.
//
// Every generated line is checked, so the checker is the hot spot of Large.
// Instead of one substring search per expected string it scans the text once,
// looking up each pair of adjacent bytes in a table of the expected strings
// that start with that pair, and then checks which sets are complete.
type answerChecker struct {
	needles [][]byte // distinct expected strings, lower-cased
	first   []uint8  // first[pair] is 1 + the first needle starting with pair
	next    []uint8  // next[i] is 1 + the following needle with needle i's pair
	sets    [][2]uint64
}

// answers returns the shared checker of Large, and distractorAnswers that
// of Distractors, which also keeps out heldoutOffTopic. A checker is
// read-only once built, so generators running in parallel share one.
var (
	answers           = sync.OnceValue(func() *answerChecker { return newAnswerChecker(offTopic) })
	distractorAnswers = sync.OnceValue(func() *answerChecker {
		return newAnswerChecker(append(slices.Clip(offTopic), heldoutOffTopic...))
	})
)

// newAnswerChecker returns a checker for the dev set's expect sets and the
// off-topic strings given.
func newAnswerChecker(offTopic []string) *answerChecker {
	c := &answerChecker{first: make([]uint8, 1<<16)}
	index := map[string]int{}
	var all [][]string
	all = append(all, devAnswers...)
	for _, w := range offTopic {
		all = append(all, []string{w})
	}
	for _, set := range all {
		var mask [2]uint64
		for _, e := range set {
			e = string(appendLowerASCII(nil, []byte(e)))
			i, ok := index[e]
			if !ok {
				i = len(c.needles)
				if i >= 128 || len(e) < 2 {
					panic("corpustest: expected strings must be at least 2 bytes and at most 128")
				}
				index[e] = i
				c.needles = append(c.needles, []byte(e))
				c.next = append(c.next, 0)
				pair := pairOf(e[0], e[1])
				// Append to the end of the pair's chain.
				if c.first[pair] == 0 {
					c.first[pair] = uint8(i + 1)
				} else {
					j := int(c.first[pair]) - 1
					for c.next[j] != 0 {
						j = int(c.next[j]) - 1
					}
					c.next[j] = uint8(i + 1)
				}
			}
			mask[i/64] |= 1 << (i % 64)
		}
		c.sets = append(c.sets, mask)
	}
	return c
}

func pairOf(a, b byte) int { return int(lowerASCII[a])<<8 | int(lowerASCII[b]) }

var lowerASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// holds reports whether text holds a whole expect set or an off-topic string.
func (c *answerChecker) holds(text []byte) bool {
	var found [2]uint64
	for i := 0; i+1 < len(text); i++ {
		for n := c.first[pairOf(text[i], text[i+1])]; n != 0; n = c.next[n-1] {
			if hasPrefixFold(text[i:], c.needles[n-1]) {
				found[(n-1)/64] |= 1 << ((n - 1) % 64)
			}
		}
	}
	if found == [2]uint64{} {
		return false
	}
	for _, m := range c.sets {
		if m[0]&found[0] == m[0] && m[1]&found[1] == m[1] {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix.
func hasPrefixFold(s, prefix []byte) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i, c := range prefix {
		if lowerASCII[s[i]] != c {
			return false
		}
	}
	return true
}

func (c *answerChecker) holdsString(text string) bool {
	return c.holds([]byte(text))
}

// appendLowerASCII lower-cases ASCII letters only: the expect strings are
// ASCII, and leaving other bytes alone keeps UTF-8 intact.
func appendLowerASCII(dst, s []byte) []byte {
	for _, c := range s {
		dst = append(dst, lowerASCII[c])
	}
	return dst
}
