package corpustest

import "strings"

// questionTemplates are the shapes of chat questions about a large corpus:
// how many and how much, when, who and what, with the AI-race entities that
// Large writes into its passages. {person}, {company}, {chip}, {place} and
// {noun} are filled from the entity pools.
var questionTemplates = []string{
	"How many {chip} GPUs does {company} have?",
	"How much is {company} spending on data centers?",
	"What did {person} say about {company}?",
	"When will {company} open its data center in {place}?",
	"How many {noun} does {company} have?",
	"Who runs {company}?",
	"What is the {chip}?",
	"How much power will the {place} site use?",
	"How many parameters does the {company} model have?",
	"What share of the market does {company} hold?",
	"hey bot, how many GPU hours did {company} use to train its model?",
	"Did {person} say {company} has {chip} chips?",
	"How much did {company} shares fall?",
	"What did {person} announce in {place}?",
	"export controls on {chip} to China?",
}

// Questions returns n chat questions about the subjects of Large's corpora,
// the same for the same seed: the "generated questions" benchmarks ask
// beside the dev set, so that latency is not measured only on the few
// subjects the starter corpus covers.
func Questions(n int, seed int64) []string {
	out := make([]string, n)
	for i := range out {
		r := newRNG(seed, streamQuestion, uint64(i))
		t := pick(r, questionTemplates)
		out[i] = strings.NewReplacer(
			"{person}", pick(r, people).name,
			"{company}", pick(r, companies).name,
			"{chip}", pick(r, chips).name,
			"{place}", pick(r, places),
			"{noun}", pick(r, countNouns),
		).Replace(t)
	}
	return out
}
