// Package rank holds the decisions racebot makes about a question's
// candidate passages: in what order to show them, whether the first one
// answers the question, and whether any of them is on topic at all. They
// are one Policy value, fitted on labelled questions by cmd/racefit and
// embedded as policy.json, so that a fit, a test or an experiment can pass
// a policy of its own instead of editing numbers scattered through the
// code.
//
// The measures a decision is made on are Features (one candidate passage
// against the question) and Evidence (what the best candidates say about
// the question as a whole). Each is a vector of named values; a Model is a
// linear or logistic function of such a vector, stored by name so that a
// policy file stays readable and a renamed or new feature is caught when
// the policy is loaded.
package rank

import (
	"fmt"
	"math"
	"reflect"
)

// Features are the measures a candidate passage is ranked on, each about
// in [0, 1]. The coverage features split the question's weight (the
// inverse document frequency of each of its concepts) by how the passage
// holds each concept: the shares add up to at most 1.
type Features struct {
	Exact   float64 `rank:"exact"`   // concepts in the passage text as the question has them
	Synonym float64 `rank:"synonym"` // only through a synonym of the thesaurus
	Related float64 `rank:"related"` // only through a related word (a derived form, a WordNet synonym)
	Apart   float64 `rank:"apart"`   // the words of a name, but not together
	Context float64 `rank:"context"` // only in the article's title, the heading or the tags
	Title   float64 `rank:"title"`   // in the title, heading or tags, whether or not in the text
	BM25    float64 `rank:"bm25"`    // Okapi BM25 over all concepts, relative to the best candidate
	// Part is the share of the question's weight the passage holds only
	// as part of a longer name ("Stargate Norway" for "Stargate"): it is
	// about a part of what was asked.
	Part float64 `rank:"part"`
	// Answer is whether the passage holds a figure of the kind asked for
	// ("how many" wants a count) close to the question's words; Entity the
	// same for a name of the kind asked for ("who" wants a person, "what
	// city" a place).
	Answer float64 `rank:"answer"`
	Entity float64 `rank:"entity"`
	// Sentence is the largest share of the question's weight that one
	// sentence of the passage holds: a sentence that holds the question,
	// not a paragraph that holds its words in different sentences.
	Sentence float64 `rank:"sentence"`
	Phrase   float64 `rank:"phrase"` // neighbouring concepts of the question are neighbours in the text
	Lede     float64 `rank:"lede"`   // the article's first paragraph, where news puts its key facts
	// Opening is the share of the question's weight the passage's first
	// sentence holds: a passage names what it is about first, and one
	// that names the question's subject only later ("The project is
	// separate from Stargate Michigan") is about something else.
	Opening float64 `rank:"opening"`
	Support float64 `rank:"support"` // the best other candidate of the same article covers the question too
	Defines float64 `rank:"defines"` // for "what is X", the passage introduces X as news defines a name
}

// Evidence are the measures of a question's best candidates that say
// whether the first answers it and whether any is on topic.
type Evidence struct {
	Score  float64 `rank:"score"`  // the first candidate's ranking score
	Margin float64 `rank:"margin"` // its lead over the second
	// Lead is its lead over the best candidate of another article: two
	// passages of one article close together agree more than they
	// compete.
	Lead float64 `rank:"lead"`
	// Coverage is the first candidate's share of the question's weight,
	// counting partial matches at their credit; TextCoverage the same in
	// its text alone.
	Coverage     float64 `rank:"coverage"`
	TextCoverage float64 `rank:"text_coverage"`
	Exact        float64 `rank:"exact"`
	Title        float64 `rank:"title"`
	Sentence     float64 `rank:"sentence"`
	Answer       float64 `rank:"answer"`
	Entity       float64 `rank:"entity"`
	// Lacks is, when the question asks for a kind of figure ("how many"),
	// 1 - the first candidate's Answer feature (how well its best figure
	// of that kind answers), and 0 when no figure is asked for. Since
	// Answer is 0 then too, what Lacks adds to Answer is a flag for the
	// questions that ask for a figure, which Wanted (a figure or a kind
	// of name) does not give: with it a model can weigh a missing figure
	// against those questions alone.
	Lacks float64 `rank:"lacks"`
	// Wanted is 1 when the question asks for a kind of figure or name,
	// so that the absence of one counts against the first candidate.
	Wanted float64 `rank:"wanted"`
	// Heaviest is how the first candidate holds the question's rarest
	// concept: 1 in its text, less through a synonym or related word or
	// only in its title, 0 not at all.
	Heaviest float64 `rank:"heaviest"`
	// Missing is the share of the question's weight in words no passage
	// holds that name something ("salary", "MI300X"): the question is
	// about what the corpus does not cover. Unknown is the share in other
	// words no passage holds, which chat is full of ("devs", "lmao").
	Missing float64 `rank:"missing"`
	Unknown float64 `rank:"unknown"`
	// Absent counts the words no passage holds that name something,
	// whatever they weigh: 0.5 for one, 1 for two or more.
	Absent float64 `rank:"absent"`
	// Single is 1 when the question names one thing only: a word found in
	// passing is weaker evidence than two found together.
	Single float64 `rank:"single"`
	// Passing is 1 when the question names one thing and the first
	// candidate holds it in passing, not in its title or heading: "tell
	// me a joke" finding "a joke of a budget".
	Passing float64 `rank:"passing"`
	// Matched counts the question's names the first candidate holds: a
	// third for each, up to three.
	Matched float64 `rank:"matched"`
	// Topical is how common in the corpus the commonest of them is, on a
	// log scale from one passage (0) to all (1): what a corpus is about,
	// it says often; a word that only happens to be in it ("joke",
	// "France" in an AI-race corpus), once or twice.
	Topical float64 `rank:"topical"`
	// Light is the share of the question's weight in words that ask
	// rather than name ("how are you doing today").
	Light float64 `rank:"light"`
	// Agree is the share of the next candidates that come from the first
	// one's article: answers cluster in the article about the subject.
	Agree float64 `rank:"agree"`
	// Stray is the share of the question's weight in words the first
	// candidate lacks, neither in its text nor as its article's subject,
	// that the candidates write as names ("Apple", "TSMC"): a question
	// about a company the passage does not mention is about something
	// else, however well the rest of it matches.
	Stray float64 `rank:"stray"`
}

// Vector returns the features in the order of FeatureNames.
func (f Features) Vector() []float64 { return vectorOf(reflect.ValueOf(f)) }

// Vector returns the evidence in the order of EvidenceNames.
func (e Evidence) Vector() []float64 { return vectorOf(reflect.ValueOf(e)) }

// FeatureNames and EvidenceNames name the values of Features.Vector and
// Evidence.Vector, as policy files do.
var (
	FeatureNames  = namesOf(reflect.TypeFor[Features]())
	EvidenceNames = namesOf(reflect.TypeFor[Evidence]())
)

func namesOf(t reflect.Type) []string {
	names := make([]string, t.NumField())
	for i := range names {
		names[i] = t.Field(i).Tag.Get("rank")
	}
	return names
}

func vectorOf(v reflect.Value) []float64 {
	out := make([]float64, v.NumField())
	for i := range out {
		out[i] = v.Field(i).Float()
	}
	return out
}

// Model is a linear function of a named vector: Bias plus the sum of each
// value times its weight. Weights are looked up by name when the model is
// bound to a vector layout (Bind), so that a model file need not list
// features it gives no weight.
type Model struct {
	Bias    float64            `json:"bias"`
	Weights map[string]float64 `json:"weights"`
}

// Linear is a Model bound to the layout of a vector.
type Linear struct {
	Bias float64
	W    []float64
}

// Bind returns the model's weights in the order of names. A weight for a
// name the layout lacks is an error: a policy fitted on features that no
// longer exist would otherwise be applied silently to the wrong ones.
func (m Model) Bind(names []string) (Linear, error) {
	l := Linear{Bias: m.Bias, W: make([]float64, len(names))}
	index := make(map[string]int, len(names))
	for i, n := range names {
		index[n] = i
	}
	for n, w := range m.Weights {
		i, ok := index[n]
		if !ok {
			return Linear{}, fmt.Errorf("weight for unknown measure %q", n)
		}
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return Linear{}, fmt.Errorf("weight for %q is %v", n, w)
		}
		l.W[i] = w
	}
	return l, nil
}

// Model returns l as a Model over names, leaving out zero weights.
func (l Linear) Model(names []string) Model {
	m := Model{Bias: l.Bias, Weights: make(map[string]float64)}
	for i, w := range l.W {
		if w != 0 {
			m.Weights[names[i]] = w
		}
	}
	return m
}

// Value returns the bias plus the weighted sum of x.
func (l Linear) Value(x []float64) float64 {
	s := l.Bias
	for i, w := range l.W {
		s += w * x[i]
	}
	return s
}

// Probability returns the logistic function of Value(x).
func (l Linear) Probability(x []float64) float64 { return sigmoid(l.Value(x)) }

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}
