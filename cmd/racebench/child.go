package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index"
)

const (
	engineRacebot = "racebot"
	engineFTS5    = "fts5"     // the question's words OR-ed
	engineFTS5And = "fts5-and" // all of them first, then any
)

// buildResult is one build of one engine's index from a corpus folder.
type buildResult struct {
	Passages   int     `json:"passages"`
	Seconds    float64 `json:"seconds"`     // wall clock
	CPUSeconds float64 `json:"cpu_seconds"` // user + system, all threads
	Bytes      int64   `json:"bytes"`       // index size on disk
	// OptimizeSeconds is FTS5's 'optimize' after the build: not part of
	// Seconds, and done so that FTS5 answers from one merged b-tree.
	OptimizeSeconds float64 `json:"optimize_seconds,omitempty"`
	PeakRSS         int64   `json:"peak_rss"` // bytes; set by the parent
}

// queryResult is one run of opening an index and answering questions.
type queryResult struct {
	OpenMS   float64 `json:"open_ms"` // median of five opens, to the first result
	Answers  int     `json:"answers"`
	P50MS    float64 `json:"p50_ms"`
	P95MS    float64 `json:"p95_ms"`
	P99MS    float64 `json:"p99_ms"`
	Hit1     float64 `json:"hit1"`
	Hit3     float64 `json:"hit3"`
	Declined float64 `json:"declined"` // share of unanswerable dev questions declined
	// Misses are the answerable dev questions with no hit in the first
	// three passages, to compare what each engine gets wrong.
	Misses  []string `json:"misses,omitempty"`
	PeakRSS int64    `json:"peak_rss"` // bytes; set by the parent
}

// questionSet is what the parent hands its children in a file: the
// questions to time, in order, and the dev cases to score.
type questionSet struct {
	Timed []string       `json:"timed"`
	Dev   []bot.EvalCase `json:"dev"`
}

// engine is one side of the comparison, as a child process runs it.
type engine interface {
	// build indexes the corpus in corpusDir into a new index in dir.
	build(ctx context.Context, corpusDir, dir string) (buildResult, error)
	// open opens the index in dir.
	open(ctx context.Context, dir string) (answerer, error)
}

// answerer answers questions from an open index.
type answerer interface {
	// answer returns the passages an engine would show, best first.
	answer(ctx context.Context, question string) (shown, error)
	Close() error
}

// shown is what an engine answered: its passages best first, and whether
// it answered at all (racebot declines questions its corpus does not
// cover; FTS5 answers whenever a word matches).
type shown struct {
	answered bool
	passages []string
	// rank, when set, overrides the scoring of passages: racebot's own
	// EvalCase.Rank, which also counts a figure's text as shown.
	rank func(bot.EvalCase) int
}

func newEngine(name string) (engine, error) {
	switch name {
	case engineRacebot:
		return racebotEngine{}, nil
	case engineFTS5:
		return fts5Engine{}, nil
	case engineFTS5And:
		return fts5Engine{and: true}, nil
	}
	return nil, fmt.Errorf("unknown engine %q", name)
}

// runChild runs one phase of one engine and writes its result as JSON to
// standard output.
func runChild(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("racebench child", flag.ContinueOnError)
	name := fl.String("engine", "", "racebot or fts5")
	phase := fl.String("phase", "", "build or query")
	corpusDir := fl.String("corpus", "", "corpus folder")
	store := fl.String("store", "", "index folder")
	qfile := fl.String("questions", "", "question set file (query phase)")
	answers := fl.Int("answers", 2000, "timed answers")
	warmup := fl.Int("warmup", 0, "questions answered before timing (0: all)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	e, err := newEngine(*name)
	if err != nil {
		return err
	}
	var out any
	switch *phase {
	case "build":
		out, err = e.build(ctx, *corpusDir, *store)
	case "query":
		var qs questionSet
		qs, err = readQuestions(*qfile)
		if err == nil {
			out, err = measureQueries(ctx, e, *store, qs, *answers, *warmup)
		}
	default:
		err = fmt.Errorf("unknown phase %q", *phase)
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", *name, *phase, err)
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}

func readQuestions(path string) (questionSet, error) {
	var qs questionSet
	data, err := os.ReadFile(path)
	if err != nil {
		return qs, err
	}
	if err := json.Unmarshal(data, &qs); err != nil {
		return qs, fmt.Errorf("read questions %s: %w", path, err)
	}
	return qs, nil
}

// measureQueries times opening the index, then answers every timed
// question once to warm up (or the first warmup of them), then answers n
// more and reports the latency percentiles, then scores the dev cases.
func measureQueries(ctx context.Context, e engine, dir string, qs questionSet, n, warmup int) (queryResult, error) {
	var r queryResult
	var opens []time.Duration
	for range 5 {
		start := time.Now()
		a, err := openReady(ctx, e, dir)
		if err != nil {
			return r, err
		}
		opens = append(opens, time.Since(start))
		if err := a.Close(); err != nil {
			return r, err
		}
	}
	r.OpenMS = ms(median(opens))

	a, err := openReady(ctx, e, dir)
	if err != nil {
		return r, err
	}
	defer a.Close()
	warm := qs.Timed
	if warmup > 0 && warmup < len(warm) {
		warm = warm[:warmup]
	}
	for _, q := range warm {
		if _, err := a.answer(ctx, q); err != nil {
			return r, fmt.Errorf("answer %q: %w", q, err)
		}
	}
	lat := make([]time.Duration, 0, n)
	for i := range n {
		q := qs.Timed[i%len(qs.Timed)]
		start := time.Now()
		if _, err := a.answer(ctx, q); err != nil {
			return r, fmt.Errorf("answer %q: %w", q, err)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	r.Answers = n
	r.P50MS, r.P95MS, r.P99MS = ms(percentile(lat, 0.50)), ms(percentile(lat, 0.95)), ms(percentile(lat, 0.99))

	r.Hit1, r.Hit3, r.Declined, r.Misses, err = score(ctx, a, qs.Dev)
	return r, err
}

// openReady opens the index in dir and answers a one-word question, so
// that what either engine loads lazily counts as part of opening.
func openReady(ctx context.Context, e engine, dir string) (answerer, error) {
	a, err := e.open(ctx, dir)
	if err != nil {
		return nil, err
	}
	if _, err := a.answer(ctx, "nvidia"); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// score answers the dev cases and returns hit@1 and hit@3 over the
// answerable ones and the share of unanswerable ones declined. A passage
// hits when it shows every expected string, as in racebot eval.
func score(ctx context.Context, a answerer, cases []bot.EvalCase) (hit1, hit3, declined float64, misses []string, err error) {
	var answerable, unanswerable, h1, h3, dec int
	for _, c := range cases {
		s, err := a.answer(ctx, c.Question)
		if err != nil {
			return 0, 0, 0, nil, fmt.Errorf("answer %q: %w", c.Question, err)
		}
		if c.Unanswerable {
			unanswerable++
			if !s.answered {
				dec++
			}
			continue
		}
		answerable++
		rank := 0
		if s.rank != nil {
			rank = s.rank(c)
		} else if s.answered {
			rank = firstShowing(s.passages, c.Expect)
		}
		if rank == 1 {
			h1++
		}
		if rank >= 1 && rank <= 3 {
			h3++
		} else {
			misses = append(misses, c.Question)
		}
	}
	if answerable > 0 {
		hit1, hit3 = float64(h1)/float64(answerable), float64(h3)/float64(answerable)
	}
	if unanswerable > 0 {
		declined = float64(dec) / float64(unanswerable)
	}
	return hit1, hit3, declined, misses, nil
}

// firstShowing returns the 1-based position of the first passage that
// contains every expected string, or 0.
func firstShowing(passages []string, expect []string) int {
	for i, p := range passages {
		all := true
		for _, e := range expect {
			if !strings.Contains(p, e) {
				all = false
				break
			}
		}
		if all {
			return i + 1
		}
	}
	return 0
}

// racebotEngine is racebot's own index and answer engine.
type racebotEngine struct{}

func (racebotEngine) build(ctx context.Context, corpusDir, dir string) (buildResult, error) {
	var r buildResult
	// racebot's command line leaves the garbage collector at Go's
	// default, as this child does, so that the build's time and memory
	// are those of racebot index.
	cpu := cpuTime()
	start := time.Now()
	x, err := index.Open(ctx, dir, index.Options{})
	if err != nil {
		return r, err
	}
	rep, err := x.Sync(ctx, os.DirFS(corpusDir))
	if cerr := x.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return r, err
	}
	r.Seconds = time.Since(start).Seconds()
	r.CPUSeconds = (cpuTime() - cpu).Seconds()
	r.Passages = rep.Passages
	r.Bytes, err = dirSize(dir)
	return r, err
}

func (racebotEngine) open(ctx context.Context, dir string) (answerer, error) {
	x, err := index.Open(ctx, dir, index.Options{})
	if err != nil {
		return nil, err
	}
	return racebotAnswerer{x: x, e: bot.New(x, bot.Options{})}, nil
}

type racebotAnswerer struct {
	x *index.Index
	e *bot.Engine
}

func (a racebotAnswerer) answer(ctx context.Context, q string) (shown, error) {
	ans, err := a.e.Answer(ctx, q)
	if err != nil {
		return shown{}, err
	}
	s := shown{answered: ans.Answered, rank: func(c bot.EvalCase) int { return c.Rank(ans) }}
	for _, p := range ans.Passages {
		s.passages = append(s.passages, p.Text)
	}
	return s, nil
}

func (a racebotAnswerer) Close() error { return a.x.Close() }

// dirSize returns the bytes of the regular files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n += info.Size()
		return nil
	})
	return n, err
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[int(p*float64(len(sorted)-1))]
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return percentile(s, 0.5)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
