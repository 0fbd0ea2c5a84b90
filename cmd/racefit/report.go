package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index/rank"
)

// report is what a run of racefit found.
type report struct {
	config       config
	sets, locked []*set
	cv           map[*set][]bot.EvalResult
	lockedScores map[*set]bot.Scores
	policy       *rank.Policy
	figures      figureFit
}

// provenance says in the policy file where its numbers come from.
func (r report) provenance() *rank.Provenance {
	p := &rank.Provenance{By: "go run ./cmd/racefit", CV: make(map[string]any)}
	for _, s := range r.sets {
		p.Data = append(p.Data, s.name)
		p.CV[s.name] = bot.Score(r.cv[s])
	}
	return p
}

func (r report) write(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# The fitted ranking policy\n\n")
	b.WriteString("Written by `go run ./cmd/racefit`, which also wrote `index/rank/policy.json`; see its doc comment for the method.\n")
	fmt.Fprintf(&b, "Cross-validation by article, %d folds; L2 penalty %g; at most %.1f%% of answerable questions declined by the on-topic threshold; a wrong confident answer costs %g right ones.\n\n", r.config.folds, r.config.l2, 100*maxFalseDecline, wrongCost)
	b.WriteString("SQuAD v1.1 questions and articles: Rajpurkar, Zhang, Lopyrev and Liang, EMNLP 2016, CC BY-SA 4.0.\n\n")
	b.WriteString("## Cross-validated scores\n\n")
	b.WriteString("Each question answered by a policy fitted without its article.\n\n")
	writeScores(&b, r.sets, func(s *set) bot.Scores { return bot.Score(r.cv[s]) })
	for _, s := range r.sets {
		if s.files == nil {
			continue
		}
		fmt.Fprintf(&b, "\n%s, by file:\n\n", s.name)
		b.WriteString("| file | answerable | hit@1 | hit@3 | MRR | wrongly declined | confident, first | figure first | unanswerable | handled | off-topic declined |\n")
		b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		names, parts := byFile(s, r.cv[s])
		for i, n := range names {
			writeRow(&b, n, bot.Score(parts[i]))
		}
	}
	b.WriteString("\nHow often an answering passage is among the candidates Bleve fetches at all, the most re-ranking can reach:\n\n")
	b.WriteString("| questions | answer among the candidates |\n|---|---:|\n")
	for _, s := range r.sets {
		found, n := 0, 0
		for _, sm := range s.samples {
			if sm.c.Unanswerable {
				continue
			}
			n++
			if slices.Contains(sm.answers, true) {
				found++
			}
		}
		if n > 0 {
			fmt.Fprintf(&b, "| %s | %.3f |\n", s.name, float64(found)/float64(n))
		}
	}
	if len(r.locked) == 0 {
		b.WriteString("\nThe locked set was not answered (-locked=false).\n")
	} else {
		b.WriteString("\n## The locked set\n\n")
		b.WriteString("Never fitted on or read while tuning; answered only with a final policy, after the decision to ship it was made on the cross-validated scores.\n\n")
		writeScores(&b, r.locked, func(s *set) bot.Scores { return r.lockedScores[s] })
	}
	b.WriteString("\n## The final policy\n\n")
	b.WriteString("Fitted on every question of the sets above.\n\n")
	writeModel(&b, "Ranking weights", r.policy.Rank, rank.FeatureNames)
	writeModel(&b, fmt.Sprintf("Confidence that the first passage answers (threshold %.3f), averaged with the trees below", r.policy.ConfidentAt), r.policy.Confident, rank.EvidenceNames)
	writeTrees(&b, "Confidence trees", r.policy.ConfidentTrees)
	writeModel(&b, fmt.Sprintf("On topic (threshold %.3f, from probabilities out of fold), averaged with the trees below", r.policy.OnTopicAt), r.policy.OnTopic, rank.EvidenceNames)
	writeTrees(&b, "On-topic trees", r.policy.OnTopicTrees)
	r.writeFigures(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

// byFile splits the results of a set of several files by file, in the
// order the files are named.
func byFile(s *set, rs []bot.EvalResult) (names []string, parts [][]bot.EvalResult) {
	index := make(map[string]int)
	for _, r := range rs {
		f := s.files[r.Case.Question]
		i, ok := index[f]
		if !ok {
			i = len(names)
			index[f] = i
			names = append(names, f)
			parts = append(parts, nil)
		}
		parts[i] = append(parts[i], r)
	}
	return names, parts
}

func writeScores(b *strings.Builder, sets []*set, scores func(*set) bot.Scores) {
	b.WriteString("| questions | answerable | hit@1 | hit@3 | MRR | wrongly declined | confident, first | figure first | unanswerable | handled | off-topic declined |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range sets {
		writeRow(b, s.name, scores(s))
	}
}

func writeRow(b *strings.Builder, name string, sc bot.Scores) {
	{
		if sc.Answerable > 0 {
			fmt.Fprintf(b, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |", name, sc.Answerable, sc.Hit1, sc.Hit3, sc.MRR, sc.FalseDecline, sc.ConfidentFirst)
		} else {
			fmt.Fprintf(b, "| %s | 0 | | | | | |", name)
		}
		if sc.FigureQuestions > 0 {
			fmt.Fprintf(b, " %.3f |", sc.FigureFirst)
		} else {
			b.WriteString(" |")
		}
		if sc.Unanswerable > 0 {
			fmt.Fprintf(b, " %d | %.3f |", sc.Unanswerable, sc.Handled)
		} else {
			b.WriteString(" 0 | |")
		}
		if sc.OffTopic > 0 {
			fmt.Fprintf(b, " %.3f |\n", sc.OffTopicDeclined)
		} else {
			b.WriteString(" |\n")
		}
	}
}

func writeModel(b *strings.Builder, title string, m rank.Model, names []string) {
	fmt.Fprintf(b, "%s:\n\n| measure | weight |\n|---|---:|\n", title)
	if m.Bias != 0 {
		fmt.Fprintf(b, "| (bias) | %.3f |\n", m.Bias)
	}
	for _, n := range names {
		if w, ok := m.Weights[n]; ok {
			fmt.Fprintf(b, "| %s | %.3f |\n", n, w)
		}
	}
	b.WriteString("\n")
}

// writeFigures reports the figure fit: the credits before and after, and
// figure first with each on the questions fitted on and on the others.
func (r report) writeFigures(b *strings.Builder) {
	f := r.figures
	b.WriteString("\n## Figures\n\n")
	b.WriteString("The credits and bonuses that order a question's figures, chosen by coordinate ascent on figure first over the SQuAD questions whose answer holds a number, answered with the shipped ranking, before the cross-validation (so SQuAD's cross-validated scores are not quite out of sample for them); the credits of a count of something else and of a bare year stay below `near`. The fit does not read racebot's own questions' figures.\n\n")
	b.WriteString("| measure | before | after |\n|---|---:|---:|\n")
	for _, g := range figureGrid {
		fmt.Fprintf(b, "| %s | %g | %g |\n", g.name, *g.field(&f.before), *g.field(&f.after))
	}
	b.WriteString("\n| questions | whose answer holds a number | figure first before | after |\n|---|---:|---:|---:|\n")
	fmt.Fprintf(b, "| %s (fitted on) | %d | %.3f | %.3f |\n", squadSet, f.fitted[0].FigureQuestions, f.fitted[0].FigureFirst, f.fitted[1].FigureFirst)
	fmt.Fprintf(b, "| %s (figures not fitted on) | %d | %.3f | %.3f |\n", oursSet, f.held[0].FigureQuestions, f.held[0].FigureFirst, f.held[1].FigureFirst)
}

// writeTrees summarises boosted trees by the measures they split on: how
// many trees split first on each, and how many split on it at all.
func writeTrees(b *strings.Builder, title string, m *rank.Trees) {
	if m == nil {
		return
	}
	first, split := make(map[string]int), make(map[string]int)
	for _, t := range m.Trees {
		first[t.Root.Measure]++
		seen := make(map[string]bool)
		for _, sp := range []rank.Split{t.Root, t.Below[0], t.Below[1]} {
			if sp.At < math.MaxFloat64 { // not a side left unsplit
				seen[sp.Measure] = true
			}
		}
		for n := range seen {
			split[n]++
		}
	}
	fmt.Fprintf(b, "%s: %d boosted trees of two levels (in the policy file), by the measures they split on:\n\n", title, len(m.Trees))
	b.WriteString("| measure | trees splitting first on it | trees splitting on it |\n|---|---:|---:|\n")
	for _, n := range rank.EvidenceNames {
		if split[n] > 0 {
			fmt.Fprintf(b, "| %s | %d | %d |\n", n, first[n], split[n])
		}
	}
	b.WriteString("\n")
}
