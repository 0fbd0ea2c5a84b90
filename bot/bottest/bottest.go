// Package bottest provides what tests of the answer engine and of the chat
// adapters share: an engine over the embedded starter corpus.
package bottest

import (
	"context"
	"sync"
	"testing"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/index"
)

var (
	once   sync.Once
	engine *bot.Engine
	err    error
)

// Starter returns an engine over an in-memory index of the embedded
// starter corpus, built once per test binary and shared: it is safe for
// concurrent use.
func Starter(t testing.TB) *bot.Engine {
	t.Helper()
	once.Do(func() {
		x, e := index.Open(context.Background(), "", index.Options{})
		if e != nil {
			err = e
			return
		}
		if _, e := x.Sync(context.Background(), corpus.Embedded()); e != nil {
			err = e
			return
		}
		engine = bot.New(x, bot.Options{})
	})
	if err != nil {
		t.Fatal(err)
	}
	return engine
}
