package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/corpus/corpustest"
)

// These tests run racebot as a process and break things under it: kill it
// while it rebuilds, corrupt its index, run two builds at once. After each,
// racebot must still answer from the corpus, and say what happened.

const gpuQuestion = "How many GPUs does DeepSeek have?"

// faultCorpus writes the starter articles and a generated corpus of about
// passages passages into a folder, so that a rebuild takes long enough to
// be interrupted.
func faultCorpus(t *testing.T, passages int) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpustest.WriteLarge(dir, passages, 1); err != nil {
		t.Fatal(err)
	}
	for name, f := range corpustest.Starter("starter") {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// racebotProc runs the racebot binary to completion and returns its exit
// status, standard output and standard error.
func racebotProc(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String(), errOut.String()
	case err != nil:
		t.Fatal(err)
	}
	return 0, out.String(), errOut.String()
}

// answersFrom checks that racebot answers the GPU question from the index
// in dir, and returns its log.
func answersFrom(t *testing.T, corpusDir, indexDir string) string {
	t.Helper()
	code, out, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "--log-level", "info", "ask", "--json", gpuQuestion)
	if code != 0 {
		t.Fatalf("ask: exit %d\n%s", code, errOut)
	}
	var a struct {
		Answered bool `json:"answered"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil || !a.Answered || !strings.Contains(out, "50,000") {
		t.Fatalf("ask did not answer with the GPU figure (%v):\n%s\n%s", err, out, errOut)
	}
	return errOut
}

func TestKillDuringRebuild(t *testing.T) {
	corpusDir := faultCorpus(t, 10_000)
	indexDir := filepath.Join(t.TempDir(), "index")
	if code, _, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index"); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, errOut)
	}
	start := time.Now()
	if code, _, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index", "--rebuild"); code != 0 {
		t.Fatalf("first rebuild: exit %d\n%s", code, errOut)
	}
	build := time.Since(start)

	rng := rand.New(rand.NewPCG(1, 2))
	const kills = 20
	interrupted := 0
	for i := range kills {
		cmd := exec.Command(binary(t), "--corpus", corpusDir, "--index", indexDir, "index", "--rebuild")
		cmd.Env = []string{"HOME=" + t.TempDir()}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Anywhere from start-up to near the end of the rebuild.
		time.Sleep(time.Duration(rng.Int64N(int64(build * 9 / 10))))
		_ = cmd.Process.Kill()
		if err := cmd.Wait(); err != nil {
			interrupted++ // killed before it finished
		}

		log := answersFrom(t, corpusDir, indexDir)
		if strings.Contains(log, "rebuilt") || strings.Contains(log, "no index yet") {
			t.Fatalf("kill %d: the previous index was not kept:\n%s", i+1, log)
		}
	}

	if interrupted < kills/2 {
		t.Errorf("only %d of %d rebuilds were killed before they finished", interrupted, kills)
	}
	t.Logf("%d of %d rebuilds killed mid-way (a rebuild takes %v)", interrupted, kills, build.Round(time.Millisecond))

	code, out, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index", "--rebuild")
	if code != 0 || !strings.Contains(out, "Built the index") {
		t.Fatalf("rebuild after %d kills: exit %d\n%s%s", kills, code, out, errOut)
	}
	gens, _ := filepath.Glob(filepath.Join(indexDir, "gen-*"))
	if len(gens) != 1 {
		t.Errorf("%d index generations left after a clean rebuild, want 1: %v", len(gens), gens)
	}
	answersFrom(t, corpusDir, indexDir)
}

func TestCorruptIndexIsRebuilt(t *testing.T) {
	corpusDir := faultCorpus(t, 500)
	for _, tc := range []struct {
		name    string
		corrupt func(t *testing.T, indexDir string)
	}{
		{"truncated segment", func(t *testing.T, dir string) {
			segs, _ := filepath.Glob(filepath.Join(dir, "gen-*", "store", "*.zap"))
			if len(segs) == 0 {
				t.Fatal("no segment files to truncate")
			}
			for _, s := range segs {
				if err := os.Truncate(s, 100); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"deleted CURRENT", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "CURRENT")); err != nil {
				t.Fatal(err)
			}
		}},
		{"garbage CURRENT", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "CURRENT"), []byte("../../etc\x00"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"deleted index metadata", func(t *testing.T, dir string) {
			metas, _ := filepath.Glob(filepath.Join(dir, "gen-*", "index_meta.json"))
			for _, m := range metas {
				if err := os.Remove(m); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"deleted generation", func(t *testing.T, dir string) {
			gens, _ := filepath.Glob(filepath.Join(dir, "gen-*"))
			for _, g := range gens {
				if err := os.RemoveAll(g); err != nil {
					t.Fatal(err)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			indexDir := filepath.Join(t.TempDir(), "index")
			if code, _, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index"); code != 0 {
				t.Fatalf("build: exit %d\n%s", code, errOut)
			}
			tc.corrupt(t, indexDir)
			log := answersFrom(t, corpusDir, indexDir)
			if !strings.Contains(log, "rebuilt") && !strings.Contains(log, "no index yet") {
				t.Errorf("no log line says the index is rebuilt:\n%s", log)
			}
			// And the rebuilt index is kept: the next run does not rebuild.
			if log := answersFrom(t, corpusDir, indexDir); strings.Contains(log, "rebuilt") {
				t.Errorf("rebuilt again on the next run:\n%s", log)
			}
		})
	}
}

func TestTwoBuildsAtOnce(t *testing.T) {
	corpusDir := faultCorpus(t, 10_000)
	indexDir := filepath.Join(t.TempDir(), "index")
	first := exec.Command(binary(t), "--corpus", corpusDir, "--index", indexDir, "index")
	first.Env = []string{"HOME=" + t.TempDir()}
	var firstOut bytes.Buffer
	first.Stdout, first.Stderr = &firstOut, &firstOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the first holds the folder.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(indexDir, "racebot.lock")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first build never took the index folder")
		}
		time.Sleep(10 * time.Millisecond)
	}
	code, out, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index")
	firstErr := first.Wait()
	switch {
	case code == 0 && strings.Contains(out, "up to date"):
		// The second waited for the first and found its work done.
	case code != 0 && strings.Contains(errOut, "in use by another racebot process"):
		// The second refused, saying why.
	default:
		t.Errorf("second build at once: exit %d, neither waited nor refused clearly:\n%s%s", code, out, errOut)
	}
	if firstErr != nil {
		t.Fatalf("first build: %v\n%s", firstErr, firstOut.String())
	}
	answersFrom(t, corpusDir, indexDir)
}
