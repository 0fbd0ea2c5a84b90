// Command racefit fits racebot's ranking policy (index/rank/policy.json) on
// labelled questions and reports how well it does on questions and
// articles it was not fitted on.
//
// The policy has three fitted parts: the weights that order a question's
// candidate passages (listwise logistic learning to rank over
// rank.Features), and the models that say whether the first passage
// answers and whether any is on topic (each the mean of a logistic
// regression and boosted trees over rank.Evidence), each with its
// threshold. They are fitted on
//
//   - SQuAD v1.1 questions on 24 Wikipedia articles (testdata/squad:
//     Rajpurkar et al. 2016, CC BY-SA 4.0), over those articles;
//   - racebot's own question sets (testdata/eval: dev, held-out and chat),
//     over the starter corpus and over the starter corpus with 2,000
//     generated distractor articles;
//   - off-topic questions: each set's questions asked of the other corpus
//     (a Wikipedia question of the AI-race articles, and the other way
//     round), and the chat set's off-topic questions.
//
// Before them, the figure credits and bonuses (rank.Figures), which order
// a question's figures and also rate them for the ranking, are chosen by
// coordinate ascent on figure first (the expected figure listed first)
// over the SQuAD questions whose answer holds a number, and checked on
// racebot's own, which they are never fitted on.
//
// Scores are cross-validated by article: the questions are split into
// folds by the article that answers them, each fold is answered with a
// policy fitted on the others, and the report adds up the folds. The
// locked chat set (testdata/eval/chat-heldout.jsonl) is never fitted on; it
// is answered with the final policy only, once per run.
//
// Two runs on the same code write the same policy byte for byte: the
// indexes are opened with index.Options.StableTies, so that passages tied
// for the last candidate places are cut by ID, not by the segment order
// that parallel writers leave, and the features are summed in a fixed
// order. Without that, ties moved a few candidates from run to run, the
// fitted models with them, and confident-first by up to 0.01 on every
// set.
//
// Run it from the repository's root:
//
//	go run ./cmd/racefit                 # fit, cross-validate, write the policy and the report
//	go run ./cmd/racefit -write=false    # cross-validate only
//	go run ./cmd/racefit -ranking        # the ranking alone, cross-validated: the quick test of a feature
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"
)

func main() {
	var c config
	flag.StringVar(&c.policy, "policy", "index/rank/policy.json", "where to write the fitted policy")
	flag.StringVar(&c.report, "report", "docs/fit.md", "where to write the report")
	flag.BoolVar(&c.write, "write", true, "write the policy and the report (otherwise print the report)")
	flag.IntVar(&c.folds, "folds", 5, "folds of the cross-validation by article")
	flag.IntVar(&c.distractors, "distractors", 2000, "generated distractor articles beside the starter corpus; 0 for none")
	flag.Float64Var(&c.l2, "l2", 1e-3, "L2 penalty of every fit")
	flag.IntVar(&c.misses, "misses", 0, "list this many questions of each set that the final policy does not rank an answer first, with features")
	flag.BoolVar(&c.locked, "locked", true, "answer the locked set with the final policy (turn off while tuning, so as not to tune on it)")
	flag.BoolVar(&c.ranking, "ranking", false, "report the ranking alone, cross-validated (first, first three, answer among the candidates), and write nothing")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	start := time.Now()
	if err := run(context.Background(), log, c); err != nil {
		fmt.Fprintln(os.Stderr, "racefit:", err)
		os.Exit(1)
	}
	log.Info("done", "took", time.Since(start).Round(time.Second))
}
