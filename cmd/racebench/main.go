// Command racebench measures racebot against SQLite FTS5 side by side, on
// the same generated corpora and the same questions, and prints the results
// as a Markdown table with racebot/FTS5 ratios.
//
// Each measurement runs in a child process of its own, so that peak memory
// (the child's maximum resident set) belongs to one engine and one phase,
// and no engine warms the page cache or the Go heap for the other. The
// corpora are generated deterministically (corpustest.Large, seed 1) with
// the starter corpus added, so the dev questions have their answers in
// them.
//
//	cd cmd/racebench && go run . -sizes 10000,100000
//
// racebench load serves a generated corpus with racebot serve and asks it
// questions from many concurrent clients over loopback HTTP (/api/ask and
// signed Slack slash commands), reporting latency percentiles, errors,
// busy replies, and the server's memory and goroutines over the run:
//
//	cd cmd/racebench && go run . load -passages 100000 -clients 200 -duration 60s
//
// racebench quality compares the answers' quality instead, on any corpus
// folder and eval files: FTS5 (bm25 over the passages racebot indexes,
// searching for the words racebot searches for, its best three passages
// shown and never declining) and racebot (an in-memory index and
// bot.Evaluate), both scored by racebot's own rule, bot.EvalCase.Rank. It
// prints one Markdown table row per eval file and engine: hit@1, hit@3 and
// MRR, the difference racebot − FTS5 at hit@1 and hit@3, and racebot's
// declines. -folds N adds rows for N folds of the questions, split by
// article; -json writes the scores to a file as well.
//
//	cd cmd/racebench && go run . quality -corpus DIR -eval FILE [-eval FILE2 ...] [-engines racebot,fts5,fts5-and] [-folds N] [-json out.json]
//
// It lives in a module of its own so that racebot itself does not depend
// on an SQL driver.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(os.Args) > 1 && os.Args[1] == "child" {
		if err := runChild(ctx, os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "racebench child:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "load" {
		if err := runLoad(ctx, os.Args[2:], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "racebench load:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "quality" {
		if err := runQuality(ctx, os.Args[2:], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "racebench quality:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "racebench:", err)
		os.Exit(1)
	}
}

// config is the parent's command line.
type config struct {
	sizes     []int
	work      string
	questions int // generated questions beside the dev and held-out ones
	answers   int // timed answers per engine, after a warm-up pass
	warmup    int // questions of the warm-up pass; 0 for all of them
	reps      int // runs of each measurement; the table shows medians
	jsonOut   string
	keep      bool
	engines   []string
}

func parseConfig(args []string) (config, error) {
	fs := flag.NewFlagSet("racebench", flag.ContinueOnError)
	sizes := fs.String("sizes", "10000,100000", "comma-separated corpus sizes in passages")
	engines := fs.String("engines", "racebot,fts5,fts5-and", "engines to measure: racebot, fts5 (words OR-ed), fts5-and (all words first, then any)")
	c := config{}
	fs.StringVar(&c.work, "work", filepath.Join(os.TempDir(), "racebench"), "folder for the generated corpora and the indexes")
	fs.IntVar(&c.questions, "questions", 300, "generated questions asked beside the dev and held-out ones")
	fs.IntVar(&c.answers, "answers", 2000, "timed answers per engine and run, after one warm-up pass")
	fs.IntVar(&c.warmup, "warmup", 0, "questions answered before timing (0: every question once)")
	fs.IntVar(&c.reps, "reps", 3, "runs of each measurement (the table shows medians)")
	fs.StringVar(&c.jsonOut, "json", "", "also write every run's raw results to this file")
	fs.BoolVar(&c.keep, "keep", false, "keep the indexes after measuring (the corpora are always kept for the next run)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for s := range strings.SplitSeq(*sizes, ",") {
		n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s), "_", ""))
		if err != nil || n < 100 {
			return c, fmt.Errorf("-sizes: %q is not a number of passages (at least 100)", s)
		}
		c.sizes = append(c.sizes, n)
	}
	for e := range strings.SplitSeq(*engines, ",") {
		if _, err := newEngine(e); err != nil {
			return c, fmt.Errorf("-engines: %w (want racebot, fts5 or fts5-and)", err)
		}
		c.engines = append(c.engines, e)
	}
	if c.reps < 1 || c.answers < 1 || c.questions < 0 || c.warmup < 0 {
		return c, fmt.Errorf("-reps and -answers must be at least 1, -questions and -warmup at least 0")
	}
	return c, nil
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	c, err := parseConfig(args)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	var all []sizeResult
	for _, n := range c.sizes {
		r, err := measureSize(ctx, log, c, n)
		if err != nil {
			return err
		}
		all = append(all, r)
	}
	if c.jsonOut != "" {
		data, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(c.jsonOut, data, 0o644); err != nil {
			return fmt.Errorf("write results: %w", err)
		}
	}
	return writeTable(stdout, machine(), all)
}
