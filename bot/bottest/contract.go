package bottest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
)

// Adapter is a chat adapter under the contract every adapter keeps,
// driven through its platform's fake. Adding a platform means a package,
// a fake, and an Adapter for Contract.
type Adapter interface {
	// Start runs the adapter, answering with h, until the test ends. It
	// waits only briefly (tens of milliseconds) for an answer before
	// deferring, so that an answer of a few hundred is a slow one.
	Start(t *testing.T, h bot.Handler)
	// Ask sends question with the platform's ask command, as a user in a
	// channel would, and returns what the platform received in answer.
	Ask(t *testing.T, question string) string
	// Pings returns what in sent could notify more people than the one
	// who asked (@everyone, a channel, a role), as the platform reads it.
	Pings(sent string) []string
	// Log returns what the adapter has logged so far.
	Log() string
	// Secrets are the credentials the adapter was given.
	Secrets() []string
	// Stop shuts the adapter down as serve does at SIGTERM, returning
	// once the answers in flight are delivered.
	Stop(t *testing.T)
}

// HostileText is in the question, the passage and the figure of the
// answer Contract's "no pings" case gives: every mass ping of Discord and
// Slack, raw and as markup.
const HostileText = "@everyone @here <!channel> <!here> <!everyone> <!subteam^S0123|@team> <@&123456789012345678> <@U0123>"

// Contract runs the cases every adapter must pass, each against a fresh
// adapter from newAdapter: an answer is delivered; nothing in it can ping,
// whatever the question or the corpus says; a panic becomes bot.Apology; a
// slow answer is deferred and still delivered; a rate-limit notice is
// shown; what the user typed reaches racebot as typed; no credential is
// logged; and an answer in flight when the adapter stops is delivered.
func Contract(t *testing.T, newAdapter func(t *testing.T) Adapter) {
	gpu := "How many GPUs does DeepSeek have?"
	engine := func(t *testing.T) bot.Handler { return bot.NewChat(Starter(t), bot.ChatOptions{}) }
	typed := make(chan string, 1) // what the "as typed" case's handler was asked
	tests := []struct {
		name     string
		question string // default gpu
		handler  func(t *testing.T) bot.Handler
		check    func(t *testing.T, a Adapter, sent string)
	}{
		{"answers", "", engine, func(t *testing.T, _ Adapter, sent string) {
			if !strings.Contains(sent, "50,000") {
				t.Errorf("no GPU figure in the answer:\n%s", sent)
			}
		}},
		{"no pings", "", func(*testing.T) bot.Handler { return fixed(hostileAnswer()) }, func(t *testing.T, a Adapter, sent string) {
			if p := a.Pings(sent); len(p) > 0 {
				t.Errorf("the answer could ping %q:\n%s", p, sent)
			}
		}},
		{"panic is an apology", "", func(*testing.T) bot.Handler {
			return handlerFunc(func(context.Context, bot.Request) bot.Reply { panic("contract: handler panics") })
		}, func(t *testing.T, a Adapter, sent string) {
			if !strings.Contains(sent, "something went wrong on my side") {
				t.Errorf("no apology after a panic:\n%s", sent)
			}
			if !strings.Contains(a.Log(), "contract: handler panics") {
				t.Errorf("the panic was not logged:\n%s", a.Log())
			}
		}},
		{"slow answer deferred", "", func(t *testing.T) bot.Handler {
			h := engine(t)
			return handlerFunc(func(ctx context.Context, req bot.Request) bot.Reply {
				time.Sleep(300 * time.Millisecond)
				return h.Handle(ctx, req)
			})
		}, func(t *testing.T, _ Adapter, sent string) {
			if !strings.Contains(sent, "50,000") {
				t.Errorf("a slow answer was not delivered:\n%s", sent)
			}
		}},
		{"rate limited", "", func(*testing.T) bot.Handler {
			return fixed(bot.Reply{Kind: bot.ReplyNotice, RetryAfter: 5 * time.Second, Text: "You are asking quickly; please wait 5 s."})
		}, func(t *testing.T, _ Adapter, sent string) {
			if !strings.Contains(sent, "please wait 5 s") {
				t.Errorf("the rate-limit notice was not shown:\n%s", sent)
			}
		}},
		// Slack sends &, < and > escaped; racebot must read them as typed,
		// and not search for "amp", "lt" and "gt".
		{"question as typed", "nvidia R&D <b>spending</b> & more", func(t *testing.T) bot.Handler {
			h := engine(t)
			return handlerFunc(func(ctx context.Context, req bot.Request) bot.Reply {
				select {
				case typed <- req.Text:
				default:
				}
				return h.Handle(ctx, req)
			})
		}, func(t *testing.T, _ Adapter, _ string) {
			select {
			case got := <-typed:
				if got != "nvidia R&D <b>spending</b> & more" {
					t.Errorf("racebot was asked %q, not what was typed", got)
				}
			default:
				t.Error("the question never reached racebot")
			}
		}},
	}
	t.Run("drain at shutdown", func(t *testing.T) {
		a := newAdapter(t)
		h := engine(t)
		a.Start(t, handlerFunc(func(ctx context.Context, req bot.Request) bot.Reply {
			time.Sleep(400 * time.Millisecond)
			return h.Handle(ctx, req)
		}))
		stopped := make(chan struct{})
		go func() {
			defer close(stopped)
			time.Sleep(150 * time.Millisecond) // the question is in, its answer not
			a.Stop(t)
		}()
		if sent := a.Ask(t, gpu); !strings.Contains(sent, "50,000") {
			t.Errorf("the answer in flight at shutdown was not delivered:\n%s", sent)
		}
		select {
		case <-stopped:
		case <-time.After(10 * time.Second):
			t.Error("the adapter did not stop within 10 s")
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAdapter(t)
			a.Start(t, tt.handler(t))
			q := tt.question
			if q == "" {
				q = gpu
			}
			sent := a.Ask(t, q)
			tt.check(t, a, sent)
			for _, s := range a.Secrets() {
				if s != "" && strings.Contains(a.Log(), s) {
					t.Errorf("a credential is in the log:\n%s", a.Log())
				}
			}
		})
	}
}

// hostileAnswer is an answer whose question, passage and figure all hold
// HostileText, as a hostile user or article would put it there.
func hostileAnswer() bot.Reply {
	a := HandAnswer(true, true, time.Time{})
	a.Question = HostileText + " how many gpus"
	a.Passages[0].Text = HostileText + " " + a.Passages[0].Text
	a.Passages[0].Highlights = nil
	a.Figures[0].Claimant = HostileText
	return bot.Reply{Kind: bot.ReplyAnswer, Answer: a}
}

type fixed bot.Reply

func (f fixed) Handle(context.Context, bot.Request) bot.Reply { return bot.Reply(f) }

type handlerFunc func(context.Context, bot.Request) bot.Reply

func (f handlerFunc) Handle(ctx context.Context, req bot.Request) bot.Reply { return f(ctx, req) }
