package bot_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
)

func TestGate(t *testing.T) {
	var g bot.Gate
	if !g.Enter() || g.Closing() {
		t.Fatal("a new gate refuses work")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := g.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close with work in flight: %v, want the deadline", err)
	}
	if g.Enter() || !g.Closing() {
		t.Error("a closing gate takes work")
	}
	done := make(chan error)
	go func() { done <- g.Close(context.Background()) }()
	select {
	case err := <-done:
		t.Fatalf("Close returned %v with work in flight", err)
	case <-time.After(10 * time.Millisecond):
	}
	g.Leave()
	if err := <-done; err != nil {
		t.Errorf("Close once the work is done: %v", err)
	}
}
