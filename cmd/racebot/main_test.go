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

func TestAskJSONStream(t *testing.T) {
	dir := indexFlag(t)
	in := "How much will Stargate invest?\n\nwhat is the capital of france\n" + strings.Repeat("x", 600) + "\n"
	code, out, errOut := racebot(t, in, "ask", "--json", "-", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d output lines for 4 input lines:\n%s", len(lines), out)
	}
	var answers []map[string]any
	for _, l := range lines {
		var a map[string]any
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("line %q is not JSON: %v", l, err)
		}
		for _, key := range []string{"question", "answered", "passages", "figures"} {
			if _, ok := a[key]; !ok {
				t.Errorf("answer %q lacks %q", l, key)
			}
		}
		answers = append(answers, a)
	}
	if answers[0]["answered"] != true || answers[1]["answered"] != false || answers[2]["answered"] != false || answers[3]["answered"] != false {
		t.Errorf("answered flags = %v %v %v %v, want true false false false",
			answers[0]["answered"], answers[1]["answered"], answers[2]["answered"], answers[3]["answered"])
	}
	p := answers[0]["passages"].([]any)[0].(map[string]any)
	for _, key := range []string{"doc", "title", "publisher", "url", "published", "paragraph", "text", "score"} {
		if _, ok := p[key]; !ok {
			t.Errorf("passage lacks %q", key)
		}
	}
	if !strings.Contains(answers[3]["message"].(string), "too long") {
		t.Errorf("over-long question got %v", answers[3]["message"])
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

func TestEval(t *testing.T) {
	code, out, errOut := racebot(t, "", indexFlag(t), "eval", "--json", "../../testdata/eval/dev.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s map[string]float64
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s["hit@1"] < 0.85 || s["declined"] < 0.9 {
		t.Errorf("eval scores %v", s)
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
