package discord_test

import (
	"context"
	"sync"
	"testing"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/index"
)

var (
	engineOnce sync.Once
	engine     *bot.Engine
	engineErr  error
)

// starter returns the answer engine over an in-memory index of the
// embedded starter corpus, built once for all tests.
func starter(t testing.TB) *bot.Engine {
	t.Helper()
	engineOnce.Do(func() {
		x, err := index.Open(context.Background(), "", index.Options{})
		if err != nil {
			engineErr = err
			return
		}
		if _, err := x.Sync(context.Background(), corpus.Embedded()); err != nil {
			engineErr = err
			return
		}
		engine = bot.New(x, bot.Options{})
	})
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}
