package bot_test

import (
	"context"
	"flag"
	"maps"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/corpus/corpustest"
	"github.com/racebot/racebot/index"
)

var benchPassages = flag.Int("benchpassages", 100_000, "passages in the generated benchmark corpus")

// BenchmarkAnswer measures whole answers — search, ranking, figures,
// disagreements and highlights — over the dev and held-out questions, and
// reports the median and 99th-percentile latency after a warm-up pass:
// "warm" with the passage cache, as a bot answering the same subjects
// again runs; "cold" without it, every candidate decoded and analysed.
func BenchmarkAnswer(b *testing.B) {
	var questions []string
	for _, path := range []string{"../testdata/eval/dev.jsonl", "../testdata/eval/heldout.jsonl"} {
		for _, c := range readEval(b, path) {
			questions = append(questions, c.Question)
		}
	}
	b.Run("embedded", func(b *testing.B) {
		benchAnswers(b, starter(b), questions)
	})
	dir := b.TempDir()
	built := false
	for _, tc := range []struct {
		name  string
		cache int
	}{{"generated/warm", 0}, {"generated/cold", -1}} {
		b.Run(tc.name, func(b *testing.B) {
			x := largeIndex(b, dir, &built, tc.cache)
			defer x.Close()
			b.ResetTimer()
			benchAnswers(b, bot.New(x, bot.Options{}), questions)
		})
	}
}

// largeIndex opens, building it the first time, an index of the starter
// corpus plus a generated one of about benchPassages passages.
func largeIndex(b *testing.B, dir string, built *bool, cache int) *index.Index {
	x, err := index.Open(context.Background(), dir, index.Options{PassageCache: cache})
	if err != nil {
		b.Fatal(err)
	}
	if !*built {
		fsys := corpustest.Large(*benchPassages, 1)
		maps.Copy(fsys, corpustest.Starter("starter"))
		if _, err := x.Sync(context.Background(), fsys); err != nil {
			b.Fatal(err)
		}
		*built = true
	}
	return x
}

func benchAnswers(b *testing.B, eng *bot.Engine, questions []string) {
	for _, q := range questions {
		if _, err := eng.Answer(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, 0, b.N)
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := eng.Answer(context.Background(), questions[i%len(questions)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	bottest.ReportLatency(b, lat)
}
