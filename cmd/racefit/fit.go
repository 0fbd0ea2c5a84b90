package main

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/corpus/corpustest"
	"github.com/racebot/racebot/index"
	"github.com/racebot/racebot/index/rank"
)

type config struct {
	policy, report     string
	write, locked      bool
	folds, distractors int
	misses             int
	ranking            bool
	l2                 float64
}

// Limits of the fit.
const (
	// candidates is how many passages of each question the ranking is
	// fitted on: every one Bleve fetches.
	candidates = 100
	// maxFalseDecline is the share of the answerable questions fitted on
	// that the on-topic threshold may decline. The aim is 2% of new
	// questions, but questions of folds not fitted on fall below a
	// threshold read at 2% a little more often (SQuAD 0.021, our chat set
	// 0.025, cross-validated), so it is read at 1.8%: SQuAD 0.019, our
	// chat set still 0.025 (six of its 242).
	maxFalseDecline = 0.018
	// wrongCost is what answering confidently with a wrong first passage
	// costs against what a right one gains: the confidence threshold is
	// where the expected gain is zero (fitPolicy). A user who
	// is told "this answers it" and finds it does not trusts the next
	// answer less; one shown the closest passages reads them anyway.
	wrongCost = 2.5
	// unanswerableShare is the share of a chat's questions taken to be
	// ones its corpus does not answer.
	unanswerableShare = 0.25
)

// set is a question set asked of one corpus.
type set struct {
	name   string
	corpus *corpusIndex
	cases  []bot.EvalCase
	// files names the file each question comes from, for scoring each
	// file apart; nil for a set of one file.
	files map[string]string
	// fit marks a set the policies are fitted on; the locked set is
	// only answered.
	fit bool
	// weight and unanswerableWeight are what one of its answerable and
	// unanswerable questions counts in the fits: each set counts as much
	// as any other, whatever its size, so that SQuAD's thousands of
	// questions do not drown racebot's own; and in a set of both kinds
	// the unanswerable ones count for unanswerableShare of it, what a
	// chat might ask, however many of them the set holds.
	weight, unanswerableWeight float64
	samples                    []*sample
}

// The names of the sets of answerable questions over each corpus alone.
const (
	squadSet = "SQuAD, 24 articles"
	oursSet  = "ours, starter corpus"
)

// setsNamed returns the sets of that name.
func setsNamed(sets []*set, name string) []*set {
	var out []*set
	for _, s := range sets {
		if s.name == name {
			out = append(out, s)
		}
	}
	return out
}

// corpusIndex is an in-memory index of one corpus.
type corpusIndex struct {
	name string
	idx  *index.Index
}

// sample is one question of a set, with what the ranking is fitted on.
type sample struct {
	set   *set
	c     bot.EvalCase
	fold  int
	query index.Query
	// x and answers are the features of each candidate and whether it
	// shows the answer.
	x       [][]float64
	answers []bool
	texts   []string // "article/paragraph: text", for listing misses
}

func run(ctx context.Context, log *slog.Logger, c config) error {
	corpora, err := openCorpora(ctx, log, c.distractors)
	if err != nil {
		return err
	}
	sets, locked, err := questionSets(corpora)
	if err != nil {
		return err
	}
	base := policyBase()
	if !c.locked {
		locked = nil
	}
	// The figure credits come first: a figure's rating is also the
	// ranking's answer feature. The quick ranking report keeps the
	// shipped ones.
	var figures figureFit
	if !c.ranking {
		if figures, err = fitFigures(ctx, log, base, setsNamed(sets, squadSet), setsNamed(sets, oursSet)); err != nil {
			return err
		}
		base.Figures = figures.after
	}
	for _, s := range append(slices.Clone(sets), locked...) {
		if err := extract(ctx, s, base, c.folds); err != nil {
			return err
		}
		log.Info("extracted", "set", s.name, "questions", len(s.samples))
	}
	if c.ranking {
		writeRanking(os.Stdout, sets, c.folds, c.l2)
		return nil
	}
	cv := make(map[*set][]bot.EvalResult)
	for k := range c.folds {
		train := fitSamples(sets, func(s *sample) bool { return s.fold != k })
		pol, err := fitPolicy(ctx, base, train, c.l2)
		if err != nil {
			return err
		}
		for _, s := range sets {
			rs, err := answer(ctx, s, pol, func(sm *sample) bool { return sm.fold == k })
			if err != nil {
				return err
			}
			cv[s] = append(cv[s], rs...)
		}
		log.Info("fold", "k", k, "train", len(train))
	}
	final, err := fitPolicy(ctx, base, fitSamples(sets, func(*sample) bool { return true }), c.l2)
	if err != nil {
		return err
	}
	lockedScores := make(map[*set]bot.Scores)
	if !c.locked {
		locked = nil
	}
	for _, s := range locked {
		rs, err := answer(ctx, s, final, func(*sample) bool { return true })
		if err != nil {
			return err
		}
		lockedScores[s] = bot.Score(rs)
	}
	if c.misses > 0 {
		listMisses(os.Stderr, sets, final, c.misses)
	}
	rep := report{config: c, sets: sets, locked: locked, cv: cv, lockedScores: lockedScores, policy: final, figures: figures}
	final.Fitted = rep.provenance()
	if !c.write {
		return rep.write(os.Stdout)
	}
	data, err := json.MarshalIndent(final, "", "  ")
	if err != nil {
		return fmt.Errorf("encode policy: %w", err)
	}
	if err := os.WriteFile(c.policy, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write policy: %w", err)
	}
	f, err := os.Create(c.report)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := rep.write(f); err != nil {
		f.Close()
		return fmt.Errorf("write report %s: %w", c.report, err)
	}
	return f.Close()
}

// openCorpora indexes the starter corpus, the SQuAD articles and, unless
// distractors is 0, the starter corpus with that many distractor articles.
func openCorpora(ctx context.Context, log *slog.Logger, distractors int) (map[string]*corpusIndex, error) {
	starter := corpustest.Starter("")
	fss := map[string]fs.FS{
		"starter": starter,
		"squad":   os.DirFS("testdata/squad/corpus"),
	}
	if distractors > 0 {
		mixed := corpustest.Distractors(distractors, 1)
		maps.Copy(mixed, starter)
		fss["distractors"] = mixed
	}
	out := make(map[string]*corpusIndex)
	for name, fsys := range fss {
		x, err := index.Open(ctx, "", index.Options{StableTies: true})
		if err != nil {
			return nil, fmt.Errorf("open index of %s: %w", name, err)
		}
		rep, err := x.Sync(ctx, fsys)
		if err != nil {
			return nil, fmt.Errorf("index %s: %w", name, err)
		}
		log.Info("indexed", "corpus", name, "articles", rep.Added)
		out[name] = &corpusIndex{name: name, idx: x}
	}
	return out, nil
}

// questionSets reads the question sets and pairs them with corpora: the
// sets fitted on, and the locked ones that are only answered.
func questionSets(corpora map[string]*corpusIndex) (fit, locked []*set, err error) {
	read := func(path string) ([]bot.EvalCase, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		cs, err := bot.ReadEval(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return cs, nil
	}
	squad, err := read("testdata/squad/questions.jsonl")
	if err != nil {
		return nil, nil, err
	}
	var ours []bot.EvalCase
	files := make(map[string]string)
	for _, name := range []string{"dev", "heldout", "chat", "offtopic", "missing"} {
		cs, err := read("testdata/eval/" + name + ".jsonl")
		if err != nil {
			return nil, nil, err
		}
		for _, c := range cs {
			files[c.Question] = name + ".jsonl"
		}
		ours = append(ours, cs...)
	}
	held, err := read("testdata/eval/chat-heldout.jsonl")
	if err != nil {
		return nil, nil, err
	}
	fit = []*set{
		{name: squadSet, corpus: corpora["squad"], cases: squad, fit: true},
		{name: oursSet, corpus: corpora["starter"], cases: ours, files: files, fit: true},
		{name: "SQuAD asked of the starter corpus (off-topic)", corpus: corpora["starter"], cases: offTopic(squad), fit: true},
		{name: "ours asked of the SQuAD articles (off-topic)", corpus: corpora["squad"], cases: offTopic(ours), fit: true},
	}
	locked = []*set{{name: "locked chat set, starter corpus", corpus: corpora["starter"], cases: held}}
	if d := corpora["distractors"]; d != nil {
		fit = append(fit, &set{name: "ours, with distractors", corpus: d, cases: ours, files: files, fit: true})
		locked = append(locked, &set{name: "locked chat set, with distractors", corpus: d, cases: held})
	}
	total := 0
	for _, s := range fit {
		total += len(s.cases)
	}
	for _, s := range fit {
		w := float64(total) / float64(len(fit))
		n := 0
		for _, c := range s.cases {
			if c.Unanswerable {
				n++
			}
		}
		switch n {
		case 0, len(s.cases):
			s.weight = w / float64(len(s.cases))
			s.unanswerableWeight = s.weight
		default:
			s.weight = (1 - unanswerableShare) * w / float64(len(s.cases)-n)
			s.unanswerableWeight = unanswerableShare * w / float64(n)
		}
	}
	return fit, locked, nil
}

// offTopic returns the answerable cases of a set as off-topic ones, for
// asking them of a corpus about something else.
func offTopic(cases []bot.EvalCase) []bot.EvalCase {
	var out []bot.EvalCase
	for _, c := range cases {
		if !c.Unanswerable {
			out = append(out, bot.EvalCase{Question: c.Question, Unanswerable: true, OffTopic: true})
		}
	}
	return out
}

// foldOf puts a case in a fold by the article that answers it, so that no
// article's questions are both fitted on and scored; a question no article
// answers goes by its text.
func foldOf(c bot.EvalCase, folds int) int {
	h := fnv.New32a()
	if c.Doc != "" {
		h.Write([]byte(c.Doc))
	} else {
		h.Write([]byte(c.Question))
	}
	return int(h.Sum32() % uint32(folds))
}

// extract searches every question of a set for all its candidates and
// measures them.
func extract(ctx context.Context, s *set, pol *rank.Policy, folds int) error {
	for _, c := range s.cases {
		sm := &sample{set: s, c: c, fold: foldOf(c, folds), query: bot.Parse(c.Question).Query()}
		s.samples = append(s.samples, sm)
		if bot.Validate(c.Question) != "" {
			continue
		}
		q := sm.query
		q.Limit, q.PerArticle, q.Policy = candidates, candidates, pol
		res, err := s.corpus.idx.Search(ctx, q)
		if err != nil {
			return fmt.Errorf("search %q: %w", c.Question, err)
		}
		for _, h := range res.Hits {
			sm.x = append(sm.x, h.Features.Vector())
			sm.answers = append(sm.answers, c.ShownBy(h.Passage.Article, h.Passage.Text))
			sm.texts = append(sm.texts, h.Passage.ID()+": "+h.Passage.Text)
		}
	}
	return nil
}

// weight is what the sample counts in the fits.
func (sm *sample) weight() float64 {
	if sm.c.Unanswerable {
		return sm.set.unanswerableWeight
	}
	return sm.set.weight
}

func fitSamples(sets []*set, keep func(*sample) bool) []*sample {
	var out []*sample
	for _, s := range sets {
		if !s.fit {
			continue
		}
		for _, sm := range s.samples {
			if keep(sm) {
				out = append(out, sm)
			}
		}
	}
	return out
}

// fitRanking fits the ranking weights on the answerable samples, each a
// list of candidates of which those holding the answer are the right ones.
func fitRanking(samples []*sample, l2 float64) rank.Linear {
	var groups []rank.Group
	for _, sm := range samples {
		if !sm.c.Unanswerable {
			groups = append(groups, rank.Group{X: sm.x, Answer: sm.answers, Weight: sm.weight()})
		}
	}
	return rank.FitRank(groups, len(rank.FeatureNames), l2)
}

// fitPolicy fits a policy on samples: the ranking weights first, then,
// with the questions ranked by them, the decision models.
func fitPolicy(ctx context.Context, base *rank.Policy, samples []*sample, l2 float64) (*rank.Policy, error) {
	pol := base.Clone()
	pol.SetRank(fitRanking(samples, l2))

	var (
		ex        [][]float64
		confident []bool
		weight    []float64
		on        []bool
		onX       [][]float64
		onWeight  []float64
		onFold    []int
	)
	for _, sm := range samples {
		q := sm.query
		q.Limit, q.PerArticle, q.Policy = 8, pol.PerArticle, pol
		res, err := sm.set.corpus.idx.Search(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", sm.c.Question, err)
		}
		if len(res.Hits) == 0 {
			continue // declined whatever the models say
		}
		v := res.Evidence.Vector()
		first := sm.c.ShownBy(res.Hits[0].Passage.Article, res.Hits[0].Passage.Text)
		ex = append(ex, v)
		confident = append(confident, first)
		weight = append(weight, sm.weight())
		// The on-topic model tells answerable questions from off-topic
		// ones; a question on topic that the corpus does not answer may
		// go either way, and teaches it nothing.
		if !sm.c.Unanswerable || sm.c.OffTopic {
			onX = append(onX, v)
			on = append(on, !sm.c.Unanswerable)
			onWeight = append(onWeight, sm.weight())
			onFold = append(onFold, sm.fold)
		}
	}
	dims := len(rank.EvidenceNames)
	// Each decision is the mean of a logistic regression and boosted
	// trees, fitted on the same loss and weights: the trees learn how
	// the measures combine, and out of fold the mean did better than the
	// linear model alone on every set, and than the trees alone on most
	// (docs/quality.md).
	fit := func(x [][]float64, y []bool, w []float64) rank.Decision {
		return rank.Decision{Linear: rank.FitLogistic(x, y, w, dims, l2), Trees: rank.FitBoosted(x, y, w, dims)}
	}
	pol.SetOnTopic(fit(onX, on, onWeight), onTopicAt(onX, on, onWeight, onFold, fit))
	// The confidence model is fitted with the same weights that right
	// and wrong answers are counted by, so its probability is what a
	// confident answer is right with, and answering pays when p -
	// wrongCost(1-p) > 0. The threshold that maximised the count on the
	// questions fitted on had come out of a flat optimum (0.676 in one
	// fit, 0.728 in the next, for a change to a few questions), moving a
	// dozen answers each time for nothing.
	pol.SetConfident(fit(ex, confident, weight), wrongCost/(1+wrongCost))
	return pol, nil
}

// onTopicAt returns the on-topic threshold: the probability below which
// maxFalseDecline of the answerable questions fall. Trees fit the
// questions they are fitted on more closely than new ones, so a threshold
// read off those would decline more new questions than it should; the
// probabilities are taken out of fold instead, each fold's questions from
// models fitted on the other folds. Questions of a single fold (a
// cross-validation of two folds leaves each fit one) are scored by the
// model fitted on them, for want of others.
func onTopicAt(x [][]float64, on []bool, w []float64, fold []int, fit func([][]float64, []bool, []float64) rank.Decision) float64 {
	var ps []float64
	folds := slices.Compact(slices.Sorted(slices.Values(fold)))
	for _, k := range folds {
		var tx [][]float64
		var ty []bool
		var tw []float64
		for i := range x {
			if fold[i] != k || len(folds) == 1 {
				tx, ty, tw = append(tx, x[i]), append(ty, on[i]), append(tw, w[i])
			}
		}
		d := fit(tx, ty, tw)
		for i := range x {
			if fold[i] == k && on[i] {
				ps = append(ps, d.Probability(x[i]))
			}
		}
	}
	if len(ps) == 0 {
		return 0
	}
	sort.Float64s(ps)
	return ps[int(maxFalseDecline*float64(len(ps)))]
}

// answer answers the samples of s that keep selects with pol, as racebot
// would, and scores them.
func answer(ctx context.Context, s *set, pol *rank.Policy, keep func(*sample) bool) ([]bot.EvalResult, error) {
	eng := bot.New(s.corpus.idx, bot.Options{Policy: pol})
	var cases []bot.EvalCase
	for _, sm := range s.samples {
		if keep(sm) {
			cases = append(cases, sm.c)
		}
	}
	_, rs, err := bot.Evaluate(ctx, eng, cases)
	if err != nil {
		return nil, fmt.Errorf("answer %s: %w", s.name, err)
	}
	return rs, nil
}

// listMisses writes, for up to n questions of each set that pol does not
// rank an answer first among all candidates, the question, the candidate
// it puts first and the best answering one, with their features: what to
// look at when deciding what to measure next. It uses the final policy, so
// the questions listed were fitted on.
func listMisses(w io.Writer, sets []*set, pol *rank.Policy, n int) {
	for _, s := range sets {
		listed := 0
		for _, sm := range s.samples {
			if listed == n || !slices.Contains(sm.answers, true) {
				continue
			}
			top, good := -1, -1
			score := func(i int) float64 { return pol.Score(features(sm.x[i])) }
			for i := range sm.x {
				if top < 0 || score(i) > score(top) {
					top = i
				}
				if sm.answers[i] && (good < 0 || score(i) > score(good)) {
					good = i
				}
			}
			if top == good {
				continue
			}
			listed++
			fmt.Fprintf(w, "%s: %q want %q %q\n", s.name, sm.c.Question, sm.c.Answers, sm.c.Expect)
			for _, i := range []int{top, good} {
				fmt.Fprintf(w, "  %6.3f %s\n         %s\n", score(i), vectorString(sm.x[i]), truncate(sm.texts[i], 160))
			}
		}
	}
}

func features(v []float64) rank.Features {
	var f rank.Features
	rv := reflect.ValueOf(&f).Elem()
	for i := range v {
		rv.Field(i).SetFloat(v[i])
	}
	return f
}

func vectorString(v []float64) string {
	var b strings.Builder
	for i, x := range v {
		if x != 0 {
			fmt.Fprintf(&b, "%s=%.2f ", rank.FeatureNames[i], x)
		}
	}
	return b.String()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// policyBase is the policy the features are measured with: the one racebot
// ships, whose word weights and credits the fit keeps.
func policyBase() *rank.Policy { return rank.Default().Clone() }
