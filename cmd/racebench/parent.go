package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/corpus/corpustest"
)

// engineRuns are the runs of one engine at one corpus size.
type engineRuns struct {
	Engine  string        `json:"engine"`
	Builds  []buildResult `json:"builds"`
	Queries []queryResult `json:"queries"`
}

// sizeResult is everything measured at one corpus size.
type sizeResult struct {
	Size     int          `json:"size"`     // generated passages asked for
	Passages int          `json:"passages"` // indexed, the starter corpus included
	Engines  []engineRuns `json:"engines"`
}

// evalDir is where the dev and held-out questions are, relative to this
// command's folder, which go run and go test run it from.
const evalDir = "../../testdata/eval"

func measureSize(ctx context.Context, log *slog.Logger, c config, size int) (sizeResult, error) {
	res := sizeResult{Size: size}
	corpusDir := filepath.Join(c.work, "corpus-"+strconv.Itoa(size))
	if err := ensureCorpus(log, corpusDir, size); err != nil {
		return res, err
	}
	if err := writePassages(ctx, corpusDir); err != nil {
		return res, err
	}
	qfile := filepath.Join(c.work, "questions.json")
	if err := writeQuestions(qfile, c.questions); err != nil {
		return res, err
	}
	self, err := os.Executable()
	if err != nil {
		return res, err
	}
	for _, name := range c.engines {
		runs := engineRuns{Engine: name}
		for rep := range c.reps {
			store := filepath.Join(c.work, fmt.Sprintf("%s-%d", name, size))
			if err := os.RemoveAll(store); err != nil {
				return res, err
			}
			log.Info("building", "engine", name, "passages", size, "run", rep+1)
			var b buildResult
			rss, err := child(ctx, self, &b, "-engine", name, "-phase", "build", "-corpus", corpusDir, "-store", store)
			if err != nil {
				return res, err
			}
			b.PeakRSS = rss
			runs.Builds = append(runs.Builds, b)
			res.Passages = b.Passages

			log.Info("answering", "engine", name, "passages", size, "run", rep+1, "built_in", fmt.Sprintf("%.1fs", b.Seconds))
			var q queryResult
			rss, err = child(ctx, self, &q, "-engine", name, "-phase", "query", "-store", store,
				"-questions", qfile, "-answers", strconv.Itoa(c.answers), "-warmup", strconv.Itoa(c.warmup))
			if err != nil {
				return res, err
			}
			q.PeakRSS = rss
			runs.Queries = append(runs.Queries, q)
			if !c.keep {
				if err := os.RemoveAll(store); err != nil {
					return res, err
				}
			}
		}
		res.Engines = append(res.Engines, runs)
	}
	return res, nil
}

// child runs this program as a child process with the given arguments,
// decodes the JSON it prints into out, and returns its peak memory.
func child(ctx context.Context, self string, out any, args ...string) (int64, error) {
	cmd := exec.CommandContext(ctx, self, append([]string{"child"}, args...)...)
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("child %v: %w", args, err)
	}
	if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
		return 0, fmt.Errorf("child %v printed %q: %w", args, stdout.String(), err)
	}
	return maxRSS(cmd.ProcessState), nil
}

// ensureCorpus writes the generated corpus of size passages plus the
// starter corpus into dir, unless an earlier run left it there complete.
func ensureCorpus(log *slog.Logger, dir string, size int) error {
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return nil
	}
	log.Info("generating corpus", "dir", dir, "passages", size)
	start := time.Now()
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := corpustest.WriteLarge(dir, size, 1); err != nil {
		return fmt.Errorf("generate corpus in %s: %w", dir, err)
	}
	starter := corpustest.Starter("starter")
	if err := os.MkdirAll(filepath.Join(dir, "starter"), 0o755); err != nil {
		return err
	}
	err := fs.WalkDir(starter, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(starter, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), data, 0o644)
	})
	if err != nil {
		return fmt.Errorf("copy the starter corpus: %w", err)
	}
	log.Info("generated corpus", "dir", dir, "took", time.Since(start).Round(time.Millisecond))
	return os.WriteFile(done, nil, 0o644)
}

// writeQuestions writes the question set: the dev and held-out questions
// and n generated ones to time, the dev cases to score.
func writeQuestions(path string, n int) error {
	var qs questionSet
	for _, name := range []string{"dev.jsonl", "heldout.jsonl"} {
		cases, err := readEval(filepath.Join(evalDir, name))
		if err != nil {
			return err
		}
		for _, c := range cases {
			qs.Timed = append(qs.Timed, c.Question)
		}
		if name == "dev.jsonl" {
			qs.Dev = cases
		}
	}
	qs.Timed = append(qs.Timed, corpustest.Questions(n, 1)...)
	data, err := json.Marshal(qs)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

func readEval(path string) ([]bot.EvalCase, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s not found: run racebench from its own folder, cmd/racebench", path)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cases, err := bot.ReadEval(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cases, nil
}
