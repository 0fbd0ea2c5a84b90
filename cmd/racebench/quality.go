package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index"
)

// qualityConfig is the command line of racebench quality.
type qualityConfig struct {
	corpus  string
	evals   []string
	engines []string
	folds   int // 1: score each eval file whole only
	jsonOut string
}

// evalFlags collects the -eval flags, which may be repeated.
type evalFlags []string

func (e *evalFlags) String() string { return strings.Join(*e, ",") }

func (e *evalFlags) Set(v string) error {
	*e = append(*e, v)
	return nil
}

func parseQualityConfig(args []string) (qualityConfig, error) {
	fs := flag.NewFlagSet("racebench quality", flag.ContinueOnError)
	c := qualityConfig{}
	var evals evalFlags
	fs.StringVar(&c.corpus, "corpus", "", "corpus folder of articles in racebot's format (required)")
	fs.Var(&evals, "eval", "eval file, one JSON case a line as racebot eval reads them; repeat for more (at least one)")
	engines := fs.String("engines", "racebot,fts5,fts5-and", "engines to score: racebot, fts5 (words OR-ed), fts5-and (all words first, then any)")
	fs.IntVar(&c.folds, "folds", 1, "also score each of this many folds of the questions, split by article")
	fs.StringVar(&c.jsonOut, "json", "", "also write the scores to this file")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if c.corpus == "" || len(evals) == 0 {
		return c, errors.New("-corpus and at least one -eval are required")
	}
	if c.folds < 1 {
		return c, fmt.Errorf("-folds: %d is not a number of folds (at least 1)", c.folds)
	}
	c.evals = evals
	var err error
	c.engines, err = parseEngines(*engines)
	return c, err
}

// parseEngines returns the engine names of a comma-separated list.
func parseEngines(list string) ([]string, error) {
	var names []string
	for e := range strings.SplitSeq(list, ",") {
		e = strings.TrimSpace(e)
		if _, err := newEngine(e); err != nil {
			return nil, fmt.Errorf("-engines: %w (want racebot, fts5 or fts5-and)", err)
		}
		if slices.Contains(names, e) {
			return nil, fmt.Errorf("-engines: %q is listed twice", e)
		}
		names = append(names, e)
	}
	return names, nil
}

// qualityReport is what racebench quality measured on one corpus.
type qualityReport struct {
	Corpus   string       `json:"corpus"`
	Passages int          `json:"passages"` // indexed by every engine
	SQLite   string       `json:"sqlite"`
	Folds    []foldSplit  `json:"folds,omitempty"`
	Rows     []qualityRow `json:"rows"`
}

// qualityRow is one engine's scores on one eval file, or on one fold of
// it.
type qualityRow struct {
	Eval      string     `json:"eval"`           // the file, as given
	Fold      int        `json:"fold,omitempty"` // 1-based; 0 for the whole file
	Engine    string     `json:"engine"`
	Questions int        `json:"questions"`
	Scores    bot.Scores `json:"scores"`
}

// foldSplit names the articles of each fold of one eval file.
type foldSplit struct {
	Eval     string     `json:"eval"`
	Articles [][]string `json:"articles"`
}

// runQuality is racebench quality: it scores racebot and FTS5 on the same
// passages and questions with racebot's own scoring, and writes a
// Markdown table of the scores to stdout.
func runQuality(ctx context.Context, args []string, stdout io.Writer) error {
	c, err := parseQualityConfig(args)
	if err != nil {
		return err
	}
	evals, err := readEvalFiles(c.evals)
	if err != nil {
		return err
	}
	rep, err := measureQuality(ctx, c, evals)
	if err != nil {
		return err
	}
	if c.jsonOut != "" {
		if err := writeJSON(c.jsonOut, rep); err != nil {
			return err
		}
	}
	return writeQualityTable(stdout, rep)
}

// readEvalFiles reads each eval file named on the command line.
func readEvalFiles(paths []string) ([][]bot.EvalCase, error) {
	var all [][]bot.EvalCase
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("-eval: %w", err)
		}
		cases, err := readEval(p)
		if err != nil {
			return nil, err
		}
		all = append(all, cases)
	}
	return all, nil
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write results: %w", err)
	}
	return nil
}

// measureQuality opens every engine on the corpus and scores each on
// every eval file.
func measureQuality(ctx context.Context, c qualityConfig, evals [][]bot.EvalCase) (qualityReport, error) {
	rep := qualityReport{Corpus: c.corpus, SQLite: sqliteVersion()}
	work, err := os.MkdirTemp("", "racebench-quality-")
	if err != nil {
		return rep, fmt.Errorf("make a work folder: %w", err)
	}
	defer os.RemoveAll(work)
	s, err := openEngines(ctx, c, work)
	if err != nil {
		return rep, err
	}
	defer s.Close()
	rep.Passages = s.passages
	for i, cases := range evals {
		rows, split, err := scoreEval(ctx, s, c, c.evals[i], cases)
		if err != nil {
			return rep, err
		}
		rep.Rows = append(rep.Rows, rows...)
		if split != nil {
			rep.Folds = append(rep.Folds, *split)
		}
	}
	return rep, nil
}

// scoreEval scores every engine on one eval file, whole and fold by
// fold: the rows of the whole file first, then those of each fold.
func scoreEval(ctx context.Context, s *engineSet, c qualityConfig, eval string, cases []bot.EvalCase) ([]qualityRow, *foldSplit, error) {
	var fold []int
	var split *foldSplit
	if c.folds > 1 {
		var articles [][]string
		var err error
		if fold, articles, err = assignFolds(cases, c.folds); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", eval, err)
		}
		split = &foldSplit{Eval: eval, Articles: articles}
	}
	var rows []qualityRow
	for _, name := range c.engines {
		results, err := s.byName[name].evaluate(ctx, cases)
		if err != nil {
			return nil, nil, fmt.Errorf("%s on %s: %w", name, eval, err)
		}
		rows = append(rows, scoreRows(eval, name, results, fold, c.folds)...)
	}
	slices.SortStableFunc(rows, func(a, b qualityRow) int { return cmp.Compare(a.Fold, b.Fold) })
	return rows, split, nil
}

// scoreRows scores one engine's results on one eval file whole and, when
// there are n > 1 folds, each fold apart; fold[i] is results[i]'s.
func scoreRows(eval, engine string, results []bot.EvalResult, fold []int, n int) []qualityRow {
	rows := []qualityRow{{Eval: eval, Engine: engine, Questions: len(results), Scores: bot.Score(results)}}
	if n == 1 {
		return rows
	}
	for k := range n {
		var sub []bot.EvalResult
		for i, r := range results {
			if fold[i] == k {
				sub = append(sub, r)
			}
		}
		rows = append(rows, qualityRow{Eval: eval, Fold: k + 1, Engine: engine, Questions: len(sub), Scores: bot.Score(sub)})
	}
	return rows
}

// assignFolds splits cases into n folds by article, so that no article's
// questions are in two folds: the articles, sorted by ID, are dealt to
// the folds in turn, and the cases without an article (unanswerable ones)
// likewise in file order. It returns each case's fold, 0 to n-1, and the
// articles of each fold.
func assignFolds(cases []bot.EvalCase, n int) ([]int, [][]string, error) {
	var docs []string
	for _, c := range cases {
		if c.Doc != "" && !slices.Contains(docs, c.Doc) {
			docs = append(docs, c.Doc)
		}
	}
	if len(docs) < n {
		return nil, nil, fmt.Errorf("split into %d folds: the questions are on %d articles", n, len(docs))
	}
	slices.Sort(docs)
	foldOf := map[string]int{}
	articles := make([][]string, n)
	for i, d := range docs {
		foldOf[d] = i % n
		articles[i%n] = append(articles[i%n], d)
	}
	fold := make([]int, len(cases))
	free := 0
	for i, c := range cases {
		if c.Doc == "" {
			fold[i], free = free%n, free+1
			continue
		}
		fold[i] = foldOf[c.Doc]
	}
	return fold, articles, nil
}

// evaluator answers the cases of an eval file as one engine would, and
// scores each answer as racebot eval does.
type evaluator interface {
	evaluate(ctx context.Context, cases []bot.EvalCase) ([]bot.EvalResult, error)
}

// engineSet is the engines being scored, open on one corpus.
type engineSet struct {
	byName   map[string]evaluator
	passages int // indexed, the same for every engine
	closers  []func() error
	// fts5Dir is the FTS5 database both FTS5 engines query, once built.
	fts5Dir string
}

// openEngines opens the engines c names on c's corpus, building what
// they need in work, and checks that they indexed the same passages.
func openEngines(ctx context.Context, c qualityConfig, work string) (*engineSet, error) {
	s := &engineSet{byName: map[string]evaluator{}, passages: -1}
	for _, name := range c.engines {
		if err := s.open(ctx, name, c.corpus, work); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

func (s *engineSet) open(ctx context.Context, name, corpusDir, work string) error {
	if name == engineRacebot {
		x, n, err := openRacebot(ctx, corpusDir)
		if err != nil {
			return err
		}
		s.closers = append(s.closers, x.Close)
		s.byName[name] = racebotEvaluator{bot.New(x, bot.Options{})}
		return s.indexed(name, n)
	}
	if s.fts5Dir == "" {
		b, err := buildFTS5Corpus(ctx, corpusDir, filepath.Join(work, "fts5"))
		if err != nil {
			return err
		}
		s.fts5Dir = filepath.Join(work, "fts5")
		if err := s.indexed(name, b.Passages); err != nil {
			return err
		}
	}
	a, err := fts5Engine{and: name == engineFTS5And}.openFTS5(ctx, s.fts5Dir)
	if err != nil {
		return fmt.Errorf("open fts5 database: %w", err)
	}
	s.closers = append(s.closers, a.Close)
	s.byName[name] = fts5Evaluator{a}
	return nil
}

// indexed records that engine indexed n passages, and fails when another
// engine indexed a different number.
func (s *engineSet) indexed(engine string, n int) error {
	if s.passages >= 0 && s.passages != n {
		return fmt.Errorf("%s indexed %d passages of the corpus, another engine %d", engine, n, s.passages)
	}
	s.passages = n
	return nil
}

// Close closes every engine opened.
func (s *engineSet) Close() error {
	var errs []error
	for _, c := range s.closers {
		errs = append(errs, c())
	}
	return errors.Join(errs...)
}

// openRacebot indexes the corpus in corpusDir in memory, as racebot would
// on disk, and returns the index and the passages in it. A corpus file
// racebot would skip is an error: FTS5, reading the corpus with
// walkArticles, would not skip it.
func openRacebot(ctx context.Context, corpusDir string) (*index.Index, int, error) {
	x, err := index.Open(ctx, "", index.Options{})
	if err != nil {
		return nil, 0, fmt.Errorf("open racebot index: %w", err)
	}
	rep, err := x.Sync(ctx, os.DirFS(corpusDir))
	if err == nil && len(rep.Problems) > 0 {
		err = fmt.Errorf("%d files cannot be read, the first: %w", len(rep.Problems), rep.Problems[0])
	}
	if err != nil {
		x.Close()
		return nil, 0, fmt.Errorf("index %s with racebot: %w", corpusDir, err)
	}
	return x, rep.Passages, nil
}

// buildFTS5Corpus writes the passages of the corpus in corpusDir into a
// file beside dir and builds an FTS5 database of them in dir.
func buildFTS5Corpus(ctx context.Context, corpusDir, dir string) (buildResult, error) {
	passages := dir + ".passages"
	if err := writePassagesTo(ctx, corpusDir, passages); err != nil {
		return buildResult{}, err
	}
	b, err := buildFTS5(ctx, passages, dir)
	if err != nil {
		return b, fmt.Errorf("build fts5 database of %s: %w", corpusDir, err)
	}
	return b, nil
}

// racebotEvaluator is racebot answering from its index: bot.Evaluate, as
// racebot eval runs it.
type racebotEvaluator struct{ e *bot.Engine }

func (r racebotEvaluator) evaluate(ctx context.Context, cases []bot.EvalCase) ([]bot.EvalResult, error) {
	_, results, err := bot.Evaluate(ctx, r.e, cases)
	return results, err
}

// fts5Evaluator is FTS5 answering every question with its best three
// passages, confidently: it never declines.
type fts5Evaluator struct{ a *fts5Answerer }

func (f fts5Evaluator) evaluate(ctx context.Context, cases []bot.EvalCase) ([]bot.EvalResult, error) {
	results := make([]bot.EvalResult, 0, len(cases))
	for _, c := range cases {
		ps, err := f.a.passages(ctx, c.Question)
		if err != nil {
			return nil, fmt.Errorf("answer %q: %w", c.Question, err)
		}
		a := &bot.Answer{Question: c.Question, Answered: true, Confident: true, Passages: ps}
		results = append(results, evalResult(c, a))
	}
	return results, nil
}

// evalResult scores one answer to c as bot.Evaluate does: by c.Rank for
// an answerable case, and for an unanswerable one by whether it was
// declined or hedged.
func evalResult(c bot.EvalCase, a *bot.Answer) bot.EvalResult {
	r := bot.EvalResult{Case: c, Answer: a}
	if c.Unanswerable {
		r.OK = !a.Answered || !a.Confident
	} else {
		r.Rank = c.Rank(a)
		r.OK = r.Rank >= 1 && r.Rank <= 3
	}
	return r
}

// engineLabels name the engines in the table.
var engineLabels = map[string]string{
	engineRacebot: "racebot",
	engineFTS5:    "FTS5 bm25, OR",
	engineFTS5And: "FTS5 bm25, AND then OR",
}

// writeQualityTable writes the scores as one Markdown table, with each
// FTS5 row's difference to racebot's on the same questions.
func writeQualityTable(w io.Writer, rep qualityReport) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Corpus %s: %s passages. FTS5: SQLite %s (modernc.org/sqlite), porter unicode61, bm25, top 3 shown, never declines.\n\n",
		rep.Corpus, thousands(rep.Passages), rep.SQLite)
	fmt.Fprintln(bw, "| eval | engine | questions | answerable | hit@1 | hit@3 | MRR | racebot − this, hit@1 | racebot − this, hit@3 | wrongly declined | confident & first | unanswerable handled | off-topic declined |")
	fmt.Fprintln(bw, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rep.Rows {
		fmt.Fprintln(bw, qualityLine(r, racebotRow(rep.Rows, r)))
	}
	for _, f := range rep.Folds {
		fmt.Fprintf(bw, "\nFolds of %s, by article:\n", filepath.Base(f.Eval))
		for k, docs := range f.Articles {
			fmt.Fprintf(bw, "- fold %d: %s\n", k+1, strings.Join(docs, ", "))
		}
	}
	return bw.Flush()
}

// racebotRow returns racebot's row on the questions of r, or nil.
func racebotRow(rows []qualityRow, r qualityRow) *qualityRow {
	for i, o := range rows {
		if o.Engine == engineRacebot && o.Eval == r.Eval && o.Fold == r.Fold {
			return &rows[i]
		}
	}
	return nil
}

// qualityLine is r's line of the table; rb is racebot's row on the same
// questions, if racebot was scored.
func qualityLine(r qualityRow, rb *qualityRow) string {
	s := r.Scores
	eval := filepath.Base(r.Eval)
	if r.Fold > 0 {
		eval += fmt.Sprintf(", fold %d", r.Fold)
	}
	cells := []string{eval, engineLabels[r.Engine], fmt.Sprint(r.Questions), fmt.Sprint(s.Answerable),
		share(s.Hit1), share(s.Hit3), share(s.MRR)}
	if rb != nil && r.Engine != engineRacebot {
		cells = append(cells, fmt.Sprintf("%+.3f", rb.Scores.Hit1-s.Hit1), fmt.Sprintf("%+.3f", rb.Scores.Hit3-s.Hit3))
	} else {
		cells = append(cells, "—", "—")
	}
	cells = append(cells, declineCells(r)...)
	return "| " + strings.Join(cells, " | ") + " |"
}

// declineCells are the columns that only racebot, which declines and
// hedges, has values for.
func declineCells(r qualityRow) []string {
	if r.Engine != engineRacebot {
		return []string{"—", "—", "—", "—"}
	}
	s := r.Scores
	cells := []string{share(s.FalseDecline), share(s.ConfidentFirst), "—", "—"}
	if s.Unanswerable > 0 {
		cells[2] = share(s.Handled)
	}
	if s.OffTopic > 0 {
		cells[3] = share(s.OffTopicDeclined)
	}
	return cells
}

func share(v float64) string { return fmt.Sprintf("%.3f", v) }
