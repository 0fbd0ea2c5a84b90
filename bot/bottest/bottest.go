// Package bottest provides what tests of the answer engine, the chat
// adapters and the command line share: an engine over the embedded starter
// corpus, golden files, and a buffer for logs.
package bottest

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
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

// ReadEval reads the eval file at path, failing the test if it cannot.
func ReadEval(t testing.TB, path string) []bot.EvalCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := bot.ReadEval(f)
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// update is -update: tests rewrite their golden files instead of
// comparing with them.
var update = flag.Bool("update", false, "rewrite golden files under testdata from the current output")

// Golden compares got with the golden file at path, or with -update
// rewrites the file.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it, if the change is intended):\n%s", path, got)
	}
}

// Buffer is a bytes.Buffer safe for concurrent use, for logs written by
// goroutines and read by the test.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write implements io.Writer.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// String returns what was written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
