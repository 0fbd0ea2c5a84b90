package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/index"
)

// racebot runs the command line in-process with its own index folder and
// returns its exit status, standard output and standard error.
func racebot(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func indexFlag(t *testing.T) string { return "--index=" + filepath.Join(t.TempDir(), "index") }

func TestAskText(t *testing.T) {
	code, out, errOut := racebot(t, "", indexFlag(t), "ask", "How", "many", "GPUs", "does", "DeepSeek", "have?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"How many GPUs does DeepSeek have?", "50,000", "Sources:", "https://", "answered in"} {
		if !strings.Contains(out, want) {
			t.Errorf("answer lacks %q:\n%s", want, out)
		}
	}
	for i, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > 80 && !strings.Contains(line, "https://") {
			t.Errorf("line %d is %d characters wide: %q", i+1, n, line)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("escape codes in output that is not a terminal")
	}
}

// TestAskJSONStream checks ask --json -: one JSON object per input line,
// blank and over-long lines included, and an error object for a line over
// a megabyte, which must not end the batch. The questions are chosen so that
// what it asserts of each does not hang on the engine's tuning: the corpus
// is about Stargate's investment; no article holds a word of the sourdough
// question, so nothing can be found to show; and the capital of France,
// whose words some articles do hold, is at most shown closest passages,
// never answered with confidence.
func TestAskJSONStream(t *testing.T) {
	dir := indexFlag(t)
	in := "How much will Stargate invest?\n\nhow do I bake sourdough bread\nwhat is the capital of france\n" +
		strings.Repeat("x", 600) + "\n2 7\n" + strings.Repeat("y", 1<<20+1) + "\nHow much will Stargate invest?"
	code, out, errOut := racebot(t, in, "ask", "--json", "-", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 8 {
		t.Fatalf("%d output lines for 8 input lines:\n%.2000s", len(lines), out)
	}
	var huge struct {
		Line     int
		Answered *bool
		Error    string
	}
	if err := json.Unmarshal([]byte(lines[6]), &huge); err != nil || huge.Line != 7 || huge.Answered == nil || *huge.Answered || !strings.Contains(huge.Error, "over 1 MB") {
		t.Errorf("line over 1 MB: got %s (%v), want an error object for line 7", lines[6], err)
	}
	if !strings.Contains(lines[7], `"answered":true`) {
		t.Errorf("the question after the line over 1 MB was not answered: %.300s", lines[7])
	}
	lines = lines[:6]
	type answer struct {
		Answered  *bool            `json:"answered"`
		Confident *bool            `json:"confident"`
		Passages  []map[string]any `json:"passages"`
		Message   string           `json:"message"`
	}
	var answers []answer
	for _, l := range lines {
		var keys map[string]any
		if err := json.Unmarshal([]byte(l), &keys); err != nil {
			t.Fatalf("line %q is not JSON: %v", l, err)
		}
		for _, key := range []string{"question", "answered", "confident", "passages", "figures"} {
			if _, ok := keys[key]; !ok {
				t.Errorf("answer %q lacks %q", l, key)
			}
		}
		var a answer
		if err := json.Unmarshal([]byte(l), &a); err != nil || a.Answered == nil || a.Confident == nil {
			t.Fatalf("line %q: answered and confident are not both true or false (%v)", l, err)
		}
		answers = append(answers, a)
	}
	stargate, france, long, numbers := answers[0], answers[3], answers[4], answers[5]
	if !*stargate.Answered || len(stargate.Passages) == 0 {
		t.Fatalf("the Stargate question was not answered: %s", lines[0])
	}
	for _, key := range []string{"doc", "title", "publisher", "url", "published", "paragraph", "text", "score"} {
		if _, ok := stargate.Passages[0][key]; !ok {
			t.Errorf("passage lacks %q", key)
		}
	}
	for _, i := range []int{1, 2, 4, 5} { // blank, sourdough, too long, numbers alone
		if a := answers[i]; *a.Answered || *a.Confident || len(a.Passages) > 0 {
			t.Errorf("line %d was answered: %s", i+1, lines[i])
		}
	}
	if *france.Confident {
		t.Errorf("an off-topic question was answered with confidence: %s", lines[3])
	}
	if !strings.Contains(long.Message, "too long") {
		t.Errorf("over-long question got %q", long.Message)
	}
	if !strings.Contains(numbers.Message, "word to search for") {
		t.Errorf("a question of numbers alone got %q", numbers.Message)
	}
}

func TestEachLine(t *testing.T) {
	type line struct {
		text  string
		whole bool
	}
	for _, tc := range []struct {
		name string
		in   string
		want []line
	}{
		{"empty", "", nil},
		{"one, no newline", "abc", []line{{"abc", true}}},
		{"blank lines kept", "a\n\nb\n", []line{{"a", true}, {"", true}, {"b", true}}},
		{"CRLF", "a\r\nb\r\n", []line{{"a", true}, {"b", true}}},
		{"exactly the limit", "12345678\nz", []line{{"12345678", true}, {"z", true}}},
		{"over the limit", "123456789\nz\n", []line{{"12345678", false}, {"z", true}}},
		{"far over, last", strings.Repeat("w", 100), []line{{"wwwwwwww", false}}},
		{"one over, last", "123456789", []line{{"12345678", false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []line
			n := 0
			err := eachLine(strings.NewReader(tc.in), 8, func(i int, text string, whole bool) error {
				if n++; i != n {
					t.Errorf("line numbered %d, want %d", i, n)
				}
				got = append(got, line{text, whole})
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("line %d: got %v, want %v", i+1, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestFiguresJSON(t *testing.T) {
	in := "DeepSeek has about 50,000 NVIDIA Hopper GPUs, Wang said.\nno figures here\n"
	code, out, errOut := racebot(t, in, "figures", "--json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 || lines[1] != "[]" {
		t.Fatalf("output %q, want two lines, the second []", out)
	}
	var figs []map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &figs); err != nil {
		t.Fatal(err)
	}
	if len(figs) != 1 || figs[0]["text"] != "about 50,000 NVIDIA Hopper GPUs" || figs[0]["value"] != 50000.0 ||
		figs[0]["qualifier"] != "about" || figs[0]["counts"] != "NVIDIA Hopper GPUs" || figs[0]["claimant"] != "Wang" {
		t.Errorf("figures = %v", figs)
	}
	if _, ok := figs[0]["doc"]; ok {
		t.Error("figures output has a doc field")
	}
}

// TestFiguresText: the text output writes values in full, as the figure's
// text gives them, not in exponent form.
func TestFiguresText(t *testing.T) {
	code, out, errOut := racebot(t, "", "figures", "Stargate pledged $500 billion, between $1.2 and $1.5 trillion in all.")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"value=500000000000", "range=1200000000000..1500000000000"} {
		if !strings.Contains(out, want) {
			t.Errorf("figures output does not say %s:\n%s", want, out)
		}
	}
}

func TestIndexAndSources(t *testing.T) {
	dir := indexFlag(t)
	code, out, errOut := racebot(t, "", "index", dir)
	if code != 0 || !strings.Contains(out, "Built the index: 19 articles") {
		t.Fatalf("exit %d, output %q, errors %q", code, out, errOut)
	}
	code, out, _ = racebot(t, "", dir, "index")
	if code != 0 || !strings.Contains(out, "up to date") {
		t.Errorf("second index run: %q", out)
	}
	code, out, _ = racebot(t, "", dir, "sources", "stargate")
	if code != 0 || !strings.Contains(out, "stargate-announcement") || strings.Contains(out, "huawei") {
		t.Errorf("sources stargate: %q", out)
	}
}

func TestCorpusFolder(t *testing.T) {
	corpusDir := t.TempDir()
	good := "---\ntitle: \"Zettaflops\"\npublished: 2025-06-01\nsources:\n  - publisher: \"Example\"\n    url: \"https://example.com/z\"\n---\nThe zettaflops cluster holds 12,345 accelerators, the company said.\n"
	os.WriteFile(filepath.Join(corpusDir, "z.md"), []byte(good), 0o644)
	os.WriteFile(filepath.Join(corpusDir, "broken.md"), []byte("---\ntitle: [\n---\n"), 0o644)

	code, out, errOut := racebot(t, "", "--corpus", corpusDir, indexFlag(t), "ask", "how many accelerators in the zettaflops cluster")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "12,345 accelerators") {
		t.Errorf("answer from a corpus folder:\n%s", out)
	}
	if !strings.Contains(errOut, "broken.md:2") {
		t.Errorf("the broken file is not reported with its line: %q", errOut)
	}
	code, _, errOut = racebot(t, "", "--corpus", corpusDir, indexFlag(t), "index", "--strict")
	if code == 0 || !strings.Contains(errOut, "broken.md") {
		t.Errorf("index --strict: exit %d, %q", code, errOut)
	}
}

// TestEval checks that eval scores every question of the file and prints
// every score. How good the scores are is for the engine's tests
// (TestEvalScores in bot) to hold, as its tuning moves them; here a hit@3
// of at least a half only tells that the questions were asked of the
// corpus's index at all.
func TestEval(t *testing.T) {
	const file = "../../testdata/eval/dev.jsonl"
	code, out, errOut := racebot(t, "", indexFlag(t), "eval", "--json", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s map[string]float64
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	cases := bottest.ReadEval(t, file)
	unanswerable := 0
	for _, c := range cases {
		if c.Unanswerable {
			unanswerable++
		}
	}
	if s["answerable"] != float64(len(cases)-unanswerable) || s["unanswerable"] != float64(unanswerable) {
		t.Errorf("scored %v answerable and %v unanswerable questions, want %d and %d",
			s["answerable"], s["unanswerable"], len(cases)-unanswerable, unanswerable)
	}
	for _, key := range []string{"hit@1", "hit@3", "mrr", "false_decline", "confident_first", "declined", "handled"} {
		if v, ok := s[key]; !ok || v < 0 || v > 1 {
			t.Errorf("score %s = %v (present %v), want a share from 0 to 1", key, v, ok)
		}
	}
	if s["hit@3"] < 0.5 {
		t.Errorf("hit@3 %.3f: were the questions asked of the corpus?", s["hit@3"])
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"ask"}, "expected"},
		{[]string{"frobnicate"}, "unexpected argument"},
		{[]string{"--corpus", "/does/not/exist", "ask", "x"}, "corpus folder"},
		{[]string{"eval", "/does/not/exist.jsonl"}, "exist"},
	}
	for _, tt := range tests {
		code, _, errOut := racebot(t, "", append(tt.args, indexFlag(t))...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("racebot %v: exit %d, %q; want exit 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}

func TestEnvironment(t *testing.T) {
	t.Setenv("RACEBOT_INDEX", filepath.Join(t.TempDir(), "env-index"))
	t.Setenv("RACEBOT_JSON", "true")
	code, out, errOut := racebot(t, "", "ask", "when did deepseek r1 come out")
	if code != 0 || !strings.HasPrefix(out, "{") {
		t.Fatalf("exit %d, output %q, errors %q", code, out, errOut)
	}
	if _, err := os.Stat(os.Getenv("RACEBOT_INDEX")); err != nil {
		t.Errorf("RACEBOT_INDEX was not used: %v", err)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := racebot(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "racebot ") || !strings.Contains(out, "bleve") {
		t.Errorf("version: %q", out)
	}
}

// TestIsTerminal guards against drawing progress bars and colours into
// /dev/null, a log file or a pipe: /dev/null is a character device but no
// terminal.
func TestIsTerminal(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for _, w := range []io.Writer{devNull, file, &bytes.Buffer{}} {
		if isTerminal(w) {
			t.Errorf("isTerminal(%T %v) = true", w, w)
		}
	}
}

// TestAskWhileIndexInUse checks what the README promises: while another
// racebot process (a server) holds the index folder, ask answers from its
// own copy at once, without waiting for the folder and without a warning;
// racebot index, whose job is the folder, says who holds it.
func TestAskWhileIndexInUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if code, _, errOut := racebot(t, "", "--index="+dir, "index"); code != 0 {
		t.Fatalf("index: exit %d: %s", code, errOut)
	}
	held, err := index.Open(context.Background(), dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()

	code, out, errOut := racebot(t, "", "--index="+dir, "ask", "How much will Stargate invest?")
	if code != 0 || !strings.Contains(out, "$500 billion") {
		t.Errorf("ask while the folder is in use: exit %d\n%s\n%s", code, out, errOut)
	}
	if errOut != "" {
		t.Errorf("ask while the folder is in use printed on stderr:\n%s", errOut)
	}
	if code, _, errOut := racebot(t, "", "--index="+dir, "index"); code == 0 || !strings.Contains(errOut, "in use by another racebot process") {
		t.Errorf("index while the folder is in use: exit %d, stderr %q", code, errOut)
	}
}

// TestBrokenFileReportedOnce checks that a corpus file racebot cannot use
// is reported once, where it is found, with its line: not both logged and
// printed, and not again by every later question while it stays as it is.
// racebot index lists every such file each time, since that is its job.
func TestBrokenFileReportedOnce(t *testing.T) {
	corpus := starterCorpus(t)
	writeFile(t, filepath.Join(corpus, "future.md"), "---\ntitle: From the future\npublished: 2099-01-01\n"+
		"sources:\n  - publisher: P\n    url: https://example.com/f\n---\n9 billion GPUs, X said.\n")
	dir := indexFlag(t)
	const want = "racebot: skipped future.md:3: published date 2099-01-01 is in the future"

	_, _, errOut := racebot(t, "", dir, "--corpus", corpus, "ask", "how many gpus")
	if strings.Count(errOut, "future.md") != 1 || !strings.Contains(errOut, want) {
		t.Errorf("first ask: stderr should report future.md once, as %q:\n%s", want, errOut)
	}
	code, out, errOut := racebot(t, "", dir, "--corpus", corpus, "ask", "how many gpus")
	if code != 0 || strings.Contains(out, "9 billion") || errOut != "" {
		t.Errorf("second ask: exit %d, stderr %q (want nothing), answer:\n%s", code, errOut, out)
	}
	_, out, errOut = racebot(t, "", dir, "--corpus", corpus, "index")
	if !strings.Contains(errOut, want) || !strings.Contains(out, "1 file(s) skipped") {
		t.Errorf("index does not list the file it skips:\n%s\n%s", out, errOut)
	}
}
