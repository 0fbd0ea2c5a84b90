package bot_test

import (
	"context"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
)

// handlerFunc adapts a function to bot.Handler.
type handlerFunc func(context.Context, bot.Request) bot.Reply

func (f handlerFunc) Handle(ctx context.Context, req bot.Request) bot.Reply { return f(ctx, req) }

func TestPending(t *testing.T) {
	answer := bot.Reply{Kind: bot.ReplyHelp, Text: "ask me"}
	quick := handlerFunc(func(context.Context, bot.Request) bot.Reply { return answer })
	release := make(chan struct{})
	slow := handlerFunc(func(ctx context.Context, _ bot.Request) bot.Reply {
		select {
		case <-release:
		case <-ctx.Done():
		}
		return answer
	})
	var panicked any
	broken := handlerFunc(func(context.Context, bot.Request) bot.Reply { panic("boom") })

	if r, ok := bot.Ask(context.Background(), quick, bot.Request{}, time.Minute, nil).Wait(time.Second); !ok || r.Text != answer.Text {
		t.Errorf("quick answer: %+v, %v", r, ok)
	}

	p := bot.Ask(context.Background(), slow, bot.Request{}, time.Minute, nil)
	if _, ok := p.Wait(0); ok {
		t.Error("a slow answer was there at once")
	}
	if _, ok := p.Wait(10 * time.Millisecond); ok {
		t.Error("a slow answer came within 10 ms")
	}
	close(release)
	if r := p.Reply(context.Background()); r.Text != answer.Text {
		t.Errorf("late answer: %+v", r)
	}

	r := bot.Ask(context.Background(), broken, bot.Request{}, time.Minute, func(p any) { panicked = p }).Reply(context.Background())
	if r.Text != bot.Apology || !r.Failed || panicked != "boom" {
		t.Errorf("panic: %+v, told %v", r, panicked)
	}

	// An answer that never comes: the caller's context ends the wait.
	stop := make(chan struct{})
	defer close(stop)
	never := handlerFunc(func(context.Context, bot.Request) bot.Reply { <-stop; return answer })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if r := bot.Ask(context.Background(), never, bot.Request{}, time.Minute, nil).Reply(ctx); r.Text != bot.TooSlow {
		t.Errorf("an answer that never comes: %+v", r)
	}
}
