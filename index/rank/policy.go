package rank

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// Policy is every decision racebot makes about candidate passages, as
// numbers: the weights that order them, the models and thresholds that say
// whether the first answers and whether any is on topic, and how a
// question's words are weighed. The zero value is not usable; start from
// Default or Parse.
type Policy struct {
	// Rank scores a candidate from its Features; higher is better.
	Rank Model `json:"rank"`
	// Confident is the probability, from a candidate list's Evidence,
	// that the first candidate answers the question; at ConfidentAt or
	// above, racebot answers without hedging. With ConfidentTrees, the
	// probability is the mean of the two models': the trees learn how
	// measures combine, which a linear model cannot; out of fold, the
	// mean did better than the linear model alone on every question set,
	// and than the trees alone on most (docs/quality.md).
	Confident      Model   `json:"confident"`
	ConfidentTrees *Trees  `json:"confident_trees,omitempty"`
	ConfidentAt    float64 `json:"confident_at"`
	// OnTopic is the probability that some candidate is about what the
	// question asks, averaged with OnTopicTrees when there are any; below
	// OnTopicAt racebot declines, and in between it shows its closest
	// passages as such.
	OnTopic      Model   `json:"on_topic"`
	OnTopicTrees *Trees  `json:"on_topic_trees,omitempty"`
	OnTopicAt    float64 `json:"on_topic_at"`

	Words   Words   `json:"words"`
	Figures Figures `json:"figures"`

	// PerArticle is how many passages of one article are shown before
	// the passages of other articles; more of the same article are shown
	// only when other articles have no candidates left.
	PerArticle int `json:"per_article"`

	// Fitted says where the numbers come from, for people reading the
	// file; racebot does not use it.
	Fitted *Provenance `json:"fitted,omitempty"`

	rank               Linear
	confident, onTopic Decision
}

// Decision is a model of a yes or no from a candidate list's Evidence: a
// linear model, averaged with boosted trees when there are any.
type Decision struct {
	Linear Linear
	Trees  *Boosted // nil for none
}

// Probability returns the probability of a yes for the evidence vector v.
func (d Decision) Probability(v []float64) float64 {
	p := d.Linear.Probability(v)
	if d.Trees != nil {
		p = (p + d.Trees.Probability(v)) / 2
	}
	return p
}

// bindDecision binds a decision model's parts to the evidence's layout.
func bindDecision(m Model, t *Trees) (Decision, error) {
	var d Decision
	var err error
	if d.Linear, err = m.Bind(EvidenceNames); err != nil {
		return d, err
	}
	if t != nil {
		if d.Trees, err = t.Bind(EvidenceNames); err != nil {
			return d, fmt.Errorf("trees: %w", err)
		}
	}
	return d, nil
}

// treesModel returns b as Trees over the evidence, or nil.
func treesModel(b *Boosted) *Trees {
	if b == nil {
		return nil
	}
	m := b.Model(EvidenceNames)
	return &m
}

// Words are how much a question's words weigh and how much a match that
// is not the word itself counts. Weights start from each concept's inverse
// document frequency.
type Words struct {
	// Light is the share of its weight a light word keeps: a verb or
	// adjective that asks about something rather than naming it.
	Light float64 `json:"light"`
	// Unknown is the share of the weight of the rarest indexed word that
	// a word no passage holds gets, unless it names something; Missing
	// the share it gets when it does (an English noun, a model number).
	Unknown float64 `json:"unknown"`
	Missing float64 `json:"missing"`
	// Synonym, Related, Apart and Context are the credit a concept gets
	// toward a passage's coverage when the passage holds it only through
	// a synonym, a related word, with the words of a name apart, or in
	// its title, heading or tags.
	Synonym float64 `json:"synonym"`
	Related float64 `json:"related"`
	Apart   float64 `json:"apart"`
	Context float64 `json:"context"`
}

// Figures are how well a figure of the kind asked for answers, by what it
// counts, for the figures shown first. OtherCount, BareYear, Answer and
// Counts are fitted by racefit on the questions whose answer is a number
// (the figure listed first should be it), OtherCount and BareYear below
// Near; Part, Gap, Near and Agree are set by hand.
type Figures struct {
	// OtherCount is the credit of a count that counts something other
	// than what the question names ("20 months" for "how many GPUs").
	OtherCount float64 `json:"other_count"`
	// BareYear is the credit of a bare year ("by 2026") as the answer to
	// "when", against a day: in news a year alone is often a forecast's
	// horizon, not the date of the event asked about, though in an
	// encyclopedia it is most often the answer.
	BareYear float64 `json:"bare_year"`
	// The rest are in units of the best passage's score, which a figure
	// starts from its passage's share of. Answer is what a figure that
	// answers (Hit.FigureScores 1) adds; Counts what one that counts what
	// the question names adds, and a bare year not asked for loses; Part
	// what a figure loses for each share of the question its passage holds
	// only as part of a longer name (Features.Part); Gap how far below the
	// best figure another may be and still be shown beside it as a
	// disagreement.
	Answer float64 `json:"answer"`
	Counts float64 `json:"counts"`
	Part   float64 `json:"part"`
	Gap    float64 `json:"gap"`
	// Near is the least rating (Hit.FigureScores) a figure that counts
	// nothing the question names needs to be shown with passages racebot
	// is not confident answer, and the least the best figure of such an
	// answer needs to lead a disagreement. The rating includes the kind's
	// credit, so with credits below Near (Words.Synonym, OtherCount and
	// BareYear are kept below it) a count of a synonym or of something
	// else, or a bare year, is never near: it may be shown for what it
	// counts, not for where it stands.
	Near float64 `json:"near"`
	// Agree is what a figure gains when two or more other articles give
	// the same value: a figure reported widely is more likely the one
	// asked about than an aside.
	Agree float64 `json:"agree"`
}

// Provenance records how a policy was fitted.
type Provenance struct {
	By   string         `json:"by"`   // the command that wrote it
	Data []string       `json:"data"` // the question sets it was fitted on
	CV   map[string]any `json:"cv,omitempty"`
}

// Parse reads a policy from its JSON form and checks that its models name
// only measures that exist.
func Parse(data []byte) (*Policy, error) {
	var p Policy
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("parse ranking policy: %w", err)
	}
	if err := p.bind(); err != nil {
		return nil, err
	}
	return &p, nil
}

// bind prepares the models for use.
func (p *Policy) bind() error {
	var err error
	if p.rank, err = p.Rank.Bind(FeatureNames); err != nil {
		return fmt.Errorf("ranking policy: rank: %w", err)
	}
	if p.confident, err = bindDecision(p.Confident, p.ConfidentTrees); err != nil {
		return fmt.Errorf("ranking policy: confident: %w", err)
	}
	if p.onTopic, err = bindDecision(p.OnTopic, p.OnTopicTrees); err != nil {
		return fmt.Errorf("ranking policy: on_topic: %w", err)
	}
	if p.PerArticle <= 0 {
		return fmt.Errorf("ranking policy: per_article is %d, want at least 1", p.PerArticle)
	}
	return nil
}

// Clone returns a copy of p that can be changed without changing p.
func (p *Policy) Clone() *Policy {
	data, err := json.Marshal(p)
	if err != nil {
		panic(fmt.Sprintf("rank: marshal policy: %v", err)) // plain data: cannot fail
	}
	q, err := Parse(data)
	if err != nil {
		panic(fmt.Sprintf("rank: a policy that was valid is not: %v", err))
	}
	return q
}

// SetRank replaces the ranking model.
func (p *Policy) SetRank(l Linear) {
	p.rank = l
	p.Rank = l.Model(FeatureNames)
}

// SetConfident replaces the confidence model and its threshold.
func (p *Policy) SetConfident(d Decision, at float64) {
	p.confident, p.ConfidentAt = d, at
	p.Confident, p.ConfidentTrees = d.Linear.Model(EvidenceNames), treesModel(d.Trees)
}

// SetOnTopic replaces the on-topic model and its threshold.
func (p *Policy) SetOnTopic(d Decision, at float64) {
	p.onTopic, p.OnTopicAt = d, at
	p.OnTopic, p.OnTopicTrees = d.Linear.Model(EvidenceNames), treesModel(d.Trees)
}

// Score is a candidate's ranking score.
func (p *Policy) Score(f Features) float64 { return p.rank.Value(f.Vector()) }

// Confidence is the probability that the first candidate answers.
func (p *Policy) Confidence(e Evidence) float64 { return p.confident.Probability(e.Vector()) }

// Topicality is the probability that the candidates are on topic.
func (p *Policy) Topicality(e Evidence) float64 { return p.onTopic.Probability(e.Vector()) }

// Outcome is what racebot does with a question's candidates.
type Outcome int

// The outcomes, from least to most sure.
const (
	Decline Outcome = iota // nothing is on topic
	Closest                // the closest passages, shown as such
	Answer                 // the first passage answers
)

// Decide returns the outcome for a question's evidence.
func (p *Policy) Decide(e Evidence) Outcome {
	switch {
	case p.Topicality(e) < p.OnTopicAt:
		return Decline
	case p.Confidence(e) >= p.ConfidentAt:
		return Answer
	}
	return Closest
}

//go:embed policy.json
var policyJSON []byte

// Default returns the policy racebot ships with, fitted by cmd/racefit.
// Callers must not change it; Clone it first.
var Default = sync.OnceValue(func() *Policy {
	p, err := Parse(policyJSON)
	if err != nil {
		panic(err) // embedded and tested: cannot fail at run time
	}
	return p
})
