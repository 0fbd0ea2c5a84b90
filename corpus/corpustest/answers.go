package corpustest

import (
	"slices"
	"strconv"
	"strings"
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

// heldoutAnswers are the expect sets of the answerable questions of the
// held-out set (testdata/heldout.jsonl), which Distractors also keeps out of
// every passage, as it does devAnswers: a distractor shown for a held-out
// question must not count as its answer. Large does not use them.
var heldoutAnswers = [][]string{
	{"January 5, 2025"},
	{"five to 10 years"},
	{"more than a decade away"},
	{"around the end of next year"},
	{"2027"},
	{"We are now confident we know how to build AGI"},
	{"1,700 GPUs"},
	{"320,000 GPUs"},
	{"18 allies"},
	{"Ken Glueck"},
	{"January 13, 2025"},
	{"May 13, 2025", "rescind"},
	{"$60 billion to $65 billion"},
	{"Richland Parish, Louisiana"},
	{"$26.3 billion"},
	{"$85 billion"},
	{"real innovation"},
	{"$80 billion", "Brad Smith"},
	{"96 GB of HBM3"},
	{"November 8, 2022"},
	{"Tencent, Alibaba and Baidu"},
	{"more than 1 million", "last nine months of 2024"},
	{"6.68 times"},
	{"300 GB/s"},
	{"14.9%", "7.8%"},
	{"$200 per month"},
	{"Computer-Using Agent"},
	{"December 11, 2024"},
	{"July 17, 2025"},
	{"October 22, 2024"},
	{"trillion-dollar market"},
	{"World Economic Forum in Davos"},
	{"unleash U.S. energy"},
	{"50,000 NVIDIA Hopper GPUs"},
	{"remote worker"},
	{"January 24, 2025", "Navy"},
	{"Greg Abbott"},
	{"January 30, 2025"},
	{"51 other countries"},
	{"January 26, 2025"},
	{"February 4, 2025", "federal government systems"},
	{"headquartered in Hangzhou"},
	{"Zhejiang University"},
	{"described Liang as 39"},
	{"around 200 researchers"},
	{"five code repositories"},
	{"Liang Wenfeng founded DeepSeek"},
	{"Obviously"},
	{"$1.6 billion", "$944 million"},
	{"200 million yuan"},
	{"January 31, 2025", "SemiAnalysis published"},
	{"Fire-Flyer 2"},
	{"50,000 H100s"},
	{"$2.19 per million output tokens"},
	{"$15 per million input tokens", "$60 per million output tokens"},
	{"six smaller distilled models"},
	{"2061", "2029"},
	{"more than 500 derivative models"},
	{"released on January 20, 2025"},
	{"79.8%", "79.2%"},
	{"14.8 trillion tokens"},
	{"December 26, 2024"},
	{"405-billion-parameter Llama 3", "30.8 million GPU hours"},
	{"joke of a budget"},
	{"$294,000"},
	{"671 billion"},
	{"2.788M"},
	{"$644 billion"},
	{"$40 billion in 2022"},
	{"Mandeep Singh"},
	{"63 use cases"},
	{"10% to 15%"},
	{"$1.3 trillion"},
	{"60%"},
	{"384 Ascend 910C chips"},
	{"559 kW", "145 kW"},
	{"Ren Zhengfei"},
	{"since 2022"},
	{"200,000"},
	{"13%"},
	{"April 9, 2025"},
	{"$4.5 billion"},
	{"15% of their revenue"},
	{"rare-earth magnets"},
	{"$5.5 billion"},
	{"July 14, 2025"},
	{"17%"},
	{"$118.58"},
	{"3.07%"},
	{"17.4%"},
	{"$232 billion"},
	{"$593 billion"},
	{"Naomi Haefner"},
	{"February 12, 2026"},
	{"Microsoft security researchers"},
	{"Azure AI Foundry"},
	{"distillation", "January 29, 2025"},
	{"three and six months"},
	{"Son would serve as chairman"},
	{"Abu Dhabi AI investment fund"},
	{"They don't actually have the money."},
	{"good for my $80 billion"},
	{"$24.3 billion", "$11 billion"},
	{"as much as $500 billion"},
	{"4.5 gigawatts"},
	{"Saline Township, Michigan"},
	{"Narvik"},
	{"G42 is paying"},
	{"projected to reach 5 gigawatts"},
	{"would reach 1 gigawatt"},
	{"October 7, 2022"},
	{"$400 million"},
	{"140 entities"},
	{"gallium, germanium and antimony"},
	{"4,800", "5.92"},
	{"August 26, 2022"},
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
	needles [][]byte  // distinct expected strings, lower-cased
	first   []uint16  // first[pair] is 1 + the first needle starting with pair
	next    []uint16  // next[i] is 1 + the following needle with needle i's pair
	sets    []needles // the needles of each set
}

// needles is a set of needles by index.
type needles [4]uint64

// maxNeedles is the number of distinct strings a checker can hold.
const maxNeedles = len(needles{}) * 64

// answers returns the shared checker of Large, for the dev set, and
// distractorAnswers that of Distractors, which also keeps out the held-out
// set's answers and what its unanswerable questions ask about. A checker is
// read-only once built, so generators running in parallel share one.
var (
	answers           = sync.OnceValue(func() *answerChecker { return newAnswerChecker(devAnswers, offTopic) })
	distractorAnswers = sync.OnceValue(func() *answerChecker {
		return newAnswerChecker(append(slices.Clip(devAnswers), heldoutAnswers...),
			append(slices.Clip(offTopic), heldoutOffTopic...))
	})
)

// newAnswerChecker returns a checker for the expect sets and the off-topic
// strings given.
func newAnswerChecker(sets [][]string, offTopic []string) *answerChecker {
	c := &answerChecker{first: make([]uint16, 1<<16)}
	index := map[string]int{}
	var all [][]string
	all = append(all, sets...)
	for _, w := range offTopic {
		all = append(all, []string{w})
	}
	for _, set := range all {
		var mask needles
		for _, e := range set {
			e = string(appendLowerASCII(nil, []byte(e)))
			i, ok := index[e]
			if !ok {
				i = len(c.needles)
				if i >= maxNeedles || len(e) < 2 || strings.IndexByte(e, '\n') >= 0 {
					panic("corpustest: expected strings must be at least 2 bytes long, on one line and at most " +
						strconv.Itoa(maxNeedles) + " distinct")
				}
				index[e] = i
				c.needles = append(c.needles, []byte(e))
				c.next = append(c.next, 0)
				pair := pairOf(e[0], e[1])
				// Append to the end of the pair's chain.
				if c.first[pair] == 0 {
					c.first[pair] = uint16(i + 1)
				} else {
					j := int(c.first[pair]) - 1
					for c.next[j] != 0 {
						j = int(c.next[j]) - 1
					}
					c.next[j] = uint16(i + 1)
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
	return c.complete(c.found(text))
}

// found returns the needles that text contains. No needle spans a line
// break, so the needles of two lines joined by "\n" are the union of theirs:
// a generator can check a line against its neighbours, its title and its
// block without scanning them again.
func (c *answerChecker) found(text []byte) needles {
	var found needles
	for i := 0; i+1 < len(text); i++ {
		for n := c.first[pairOf(text[i], text[i+1])]; n != 0; n = c.next[n-1] {
			if hasPrefixFold(text[i:], c.needles[n-1]) {
				found[(n-1)/64] |= 1 << ((n - 1) % 64)
			}
		}
	}
	return found
}

func (n needles) or(m needles) needles {
	return needles{n[0] | m[0], n[1] | m[1], n[2] | m[2], n[3] | m[3]}
}

// complete reports whether found holds a whole expect set or an off-topic
// string.
func (c *answerChecker) complete(found needles) bool {
	if found == (needles{}) {
		return false
	}
	for _, m := range c.sets {
		if m[0]&found[0] == m[0] && m[1]&found[1] == m[1] && m[2]&found[2] == m[2] && m[3]&found[3] == m[3] {
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
