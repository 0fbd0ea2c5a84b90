package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for racebench's child processes,
// which run os.Executable with "child" as the first argument.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		if err := runChild(context.Background(), os.Args[2:]); err != nil {
			os.Stderr.WriteString("racebench child: " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestRun runs the whole comparison on a small corpus and checks that each
// engine indexed the same passages, answered, and was measured.
func TestRun(t *testing.T) {
	work := t.TempDir()
	out := filepath.Join(work, "results.json")
	var table bytes.Buffer
	err := run(context.Background(), []string{"-sizes", "500", "-reps", "1", "-answers", "50",
		"-questions", "20", "-work", work, "-json", out}, &table)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var all []sizeResult
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || len(all[0].Engines) != 3 {
		t.Fatalf("results: %s", data)
	}
	passages := -1
	for _, e := range all[0].Engines {
		b, q := e.Builds[0], e.Queries[0]
		if passages >= 0 && b.Passages != passages {
			t.Errorf("%s indexed %d passages, the other engine %d", e.Engine, b.Passages, passages)
		}
		passages = b.Passages
		if b.Passages < 500 || b.Seconds <= 0 || b.Bytes <= 0 || b.PeakRSS <= 0 {
			t.Errorf("%s build: %+v", e.Engine, b)
		}
		if q.P50MS <= 0 || q.P99MS < q.P50MS || q.OpenMS <= 0 || q.Answers != 50 || q.PeakRSS <= 0 {
			t.Errorf("%s answers: %+v", e.Engine, q)
		}
		// Both engines find most dev answers among 500 generated passages;
		// a broken query or a wrong hit test would score near zero.
		if q.Hit3 < 0.6 {
			t.Errorf("%s dev hit@3 = %.3f, want at least 0.6", e.Engine, q.Hit3)
		}
	}
	for _, want := range []string{"| answer p50 (ms) |", "racebot/FTS5", "SQLite 3."} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, table.String())
		}
	}
}

func TestQuestionWords(t *testing.T) {
	stop := stopWords()
	for _, tc := range []struct{ q, want string }{
		{"GPUs DeepSeek", `"gpus" OR "deepseek"`},
		{"Wang's claim", `"wang" OR "claim"`},
		{"field:value", `"field" OR "value"`},
		{`"quoted" AND NEAR(x y) -minus *star`, `"quoted" OR "near" OR "x" OR "y" OR "minus" OR "star"`},
		{"?*?*", ""},
		{"the the the", ""},
		{"H100 h100 Hopper", `"h100" OR "hopper"`},
		{"États-Unis", `"états" OR "unis"`},
	} {
		// The OR query, as the plain FTS5 engine sends it.
		if got := strings.Join(questionWords(tc.q, stop), " OR "); got != tc.want {
			t.Errorf("questionWords(%q) OR-ed = %s, want %s", tc.q, got, tc.want)
		}
	}
}

// TestFTS5Hostile checks that no question can make the FTS5 side fail: a
// query error there would be counted as a fast answer.
func TestFTS5Hostile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	if err := ensureCorpus(discard(), corpusDir, 200); err != nil {
		t.Fatal(err)
	}
	if err := writePassages(ctx, corpusDir); err != nil {
		t.Fatal(err)
	}
	e := fts5Engine{and: true}
	if _, err := e.build(ctx, corpusDir, filepath.Join(dir, "fts5")); err != nil {
		t.Fatal(err)
	}
	a, err := e.open(ctx, filepath.Join(dir, "fts5"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, q := range []string{`"`, `""""`, `NOT`, `a AND`, `(`, `^gpu`, `gpu*`, `col:nvidia`, `NEAR(`, "\x00\xff", strings.Repeat("gpu ", 2000)} {
		if _, err := a.answer(ctx, q); err != nil {
			t.Errorf("answer(%q): %v", q, err)
		}
	}
	s, err := a.answer(ctx, "How many GPUs does DeepSeek have?")
	if err != nil || !s.answered || len(s.passages) == 0 {
		t.Errorf("answer: %+v, %v", s, err)
	}
}

// TestLoad runs racebot serve under a short load, then overloads one that
// may answer one question at a time, which must answer "busy" politely
// rather than fail or time out.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds racebot and serves it")
	}
	work := t.TempDir()
	bin := filepath.Join(work, "racebot")
	build := exec.Command("go", "build", "-C", "../..", "-o", bin, "./cmd/racebot")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build racebot: %v\n%s", err, out)
	}
	base := loadConfig{passages: 300, clients: 20, duration: 2 * time.Second, rate: 5, slack: 0.25,
		sample: time.Second, work: work, binary: bin}
	log := discard()

	t.Run("steady", func(t *testing.T) {
		res, err := load(context.Background(), log, base)
		if err != nil {
			t.Fatal(err)
		}
		if res.Errors != 0 || res.Busy != 0 {
			t.Errorf("%d errors, %d busy: %v", res.Errors, res.Busy, res.FirstErrs)
		}
		if res.API.N < 50 || res.Slack.N < 10 || res.API.P50MS <= 0 {
			t.Errorf("too few answers measured: %+v", res)
		}
		if len(res.Samples) < 2 || res.Samples[0].RSS <= 0 || res.Samples[0].Goroutines <= 0 {
			t.Errorf("server not sampled: %+v", res.Samples)
		}
	})

	t.Run("overload", func(t *testing.T) {
		c := base
		c.clients, c.rate, c.slack = 40, 0, 0
		c.serveArgs = []string{"--max-searches", "1", "--queue-wait", "1ms"}
		res, err := load(context.Background(), log, c)
		if err != nil {
			t.Fatal(err)
		}
		if res.Errors != 0 {
			t.Errorf("%d errors under overload: %v", res.Errors, res.FirstErrs)
		}
		if res.Busy == 0 || res.API.N == 0 {
			t.Errorf("overload gave %d busy replies and %d answers; want both", res.Busy, res.API.N)
		}
	})
}

func TestPassageRoundTrip(t *testing.T) {
	for _, p := range []passageRow{
		{"T", "", "plain", "a", "1", "https://e.com"},
		{"tab\there", "new\nline", `back\slash \t not a tab`, "a-b", "12", ""},
		{`\`, `\\n`, "\t\n\\", "", "0", `\t`},
	} {
		got, err := decodePassage(encodePassage(p))
		if err != nil || got != p {
			t.Errorf("round trip of %q = %q, %v", p, got, err)
		}
		if strings.ContainsAny(encodePassage(p), "\n") {
			t.Errorf("encoded %q holds a newline", p)
		}
	}
}

// qualityArticles are a corpus small enough to work out by hand what
// FTS5 ranks first for each of qualityEval's questions.
var qualityArticles = map[string][2]string{
	"apples": {"Apple orchards", "Orchards in Kent grow the Bramley apple for cooking.\n\nThe harvest starts in September and ends in October."},
	"rivers": {"Rivers", "The Thames flows through London for 346 kilometres.\n\nThe Severn is the longest river in Britain, at 354 kilometres."},
	"trains": {"Railways", "The first public steam railway opened in 1825 between Stockton and Darlington.\n\nHigh speed trains in Japan reach 320 kilometres per hour."},
}

// qualityEval's questions, and where FTS5 shows the answer: first (the
// only passage with "harvest" and "start"); first (the only one with
// "thames"); second (the Thames passage matches "thames" and "river",
// the Severn one only "river", and nothing has "longer"); nowhere (no
// passage has any of the words).
const qualityEval = `{"question": "When does the orchard harvest start?", "doc": "apples", "answers": ["September"]}
{"question": "How long is the Thames?", "doc": "rivers", "answers": ["346 kilometres"]}
{"question": "Which river is longer than the Thames?", "doc": "rivers", "answers": ["Severn"]}
{"question": "What month do pickers begin gathering fruit?", "doc": "apples", "answers": ["September"]}
`

// TestQuality scores every engine on qualityArticles, whole and in two
// folds, and checks FTS5's scores against those worked out by hand.
func TestQuality(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	if err := os.Mkdir(corpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for id, a := range qualityArticles {
		text := "---\nid: " + id + "\ntitle: \"" + a[0] + "\"\npublished: 2024-01-02\nkind: article\nsources:\n" +
			"  - publisher: \"Test\"\n    title: \"" + a[0] + "\"\n    url: \"https://example.com/" + id + "\"\n    date: 2024-01-02\n---\n" + a[1] + "\n"
		if err := os.WriteFile(filepath.Join(corpusDir, id+".md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	eval, out := filepath.Join(dir, "eval.jsonl"), filepath.Join(dir, "quality.json")
	if err := os.WriteFile(eval, []byte(qualityEval), 0o644); err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := runQuality(context.Background(), []string{"-corpus", corpusDir, "-eval", eval, "-folds", "2", "-json", out}, &table); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep qualityReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Passages != 6 || len(rep.Rows) != 9 {
		t.Fatalf("%d passages and %d rows, want 6 and 9 (3 engines × whole, fold 1, fold 2):\n%s", rep.Passages, len(rep.Rows), data)
	}
	want := map[int][3]float64{ // hit@1, hit@3 and MRR by fold
		0: {2.0 / 4, 3.0 / 4, (1 + 1 + 0.5 + 0) / 4},
		1: {1.0 / 2, 1.0 / 2, (1 + 0) / 2.0},   // apples: rank 1, none
		2: {1.0 / 2, 2.0 / 2, (1 + 0.5) / 2.0}, // rivers: rank 1, rank 2
	}
	for _, r := range rep.Rows {
		s := r.Scores
		if r.Engine == engineRacebot {
			if rb := racebotRow(rep.Rows, r); rb == nil || s.Answerable != r.Questions {
				t.Errorf("racebot row %+v", r)
			}
			continue
		}
		w := want[r.Fold]
		if got := [3]float64{s.Hit1, s.Hit3, s.MRR}; got != w || s.FalseDecline != 0 {
			t.Errorf("%s, fold %d: hit@1, hit@3, MRR = %v, wrongly declined %v; want %v, 0", r.Engine, r.Fold, got, s.FalseDecline, w)
		}
		// The table's difference is racebot's score less this one's.
		rb := racebotRow(rep.Rows, r)
		line := fmt.Sprintf("| eval.jsonl | %s | 4 | 4 | 0.500 | 0.750 | 0.625 | %+.3f | %+.3f |", engineLabels[r.Engine], rb.Scores.Hit1-0.5, rb.Scores.Hit3-0.75)
		if r.Fold == 0 && !strings.Contains(table.String(), line) {
			t.Errorf("table lacks %q:\n%s", line, table.String())
		}
	}
	if !strings.Contains(table.String(), "- fold 1: apples\n- fold 2: rivers\n") {
		t.Errorf("table lacks the folds' articles:\n%s", table.String())
	}
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
