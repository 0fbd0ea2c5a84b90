package bot_test

import (
	"context"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/index"
)

// recorder is an Observer that keeps what it is told.
type recorder struct {
	mu      sync.Mutex
	replies []bot.Reply
}

func (r *recorder) Handled(_ bot.Request, reply bot.Reply, _ time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.replies = append(r.replies, reply)
}

func TestChatCommands(t *testing.T) {
	rec := &recorder{}
	c := bot.NewChat(starter(t), bot.ChatOptions{Observer: rec})
	ctx := context.Background()
	tests := []struct {
		name string
		req  bot.Request
		kind bot.ReplyKind
		want string // in the answer's figures or passages, the text, or a source title
	}{
		{"ask", bot.Request{Command: bot.CommandAsk, Text: "how much will stargate invest"}, bot.ReplyAnswer, "$500 billion"},
		{"figures", bot.Request{Command: bot.CommandFigures, Text: "nvidia market value"}, bot.ReplyAnswer, "billion"},
		{"empty ask gets help", bot.Request{Command: bot.CommandAsk, Text: "  "}, bot.ReplyHelp, "/ask"},
		{"help", bot.Request{Command: bot.CommandHelp}, bot.ReplyHelp, "/figures"},
		{"sources", bot.Request{Command: bot.CommandSources, Text: "stargate"}, bot.ReplySources, "Stargate"},
		{"unknown", bot.Request{Command: "frobnicate"}, bot.ReplyNotice, "/help"},
		{"too long", bot.Request{Command: bot.CommandAsk, Text: strings.Repeat("why ", 200)}, bot.ReplyNotice, "too long"},
		{"no words", bot.Request{Command: bot.CommandAsk, Text: "🙂 ?*"}, bot.ReplyNotice, "could not find a question"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Handle(ctx, tt.req)
			if r.Kind != tt.kind {
				t.Fatalf("reply kind %v, want %v: %+v", r.Kind, tt.kind, r)
			}
			var got string
			switch r.Kind {
			case bot.ReplyAnswer:
				// Figures or passages: whether the engine is confident
				// enough to pick figures is its own tests' business;
				// that the chat hands on what it found is this one's.
				got = r.Answer.Message
				for _, f := range r.Answer.Figures {
					got += " " + f.Text
				}
				for _, p := range r.Answer.Passages {
					got += " " + p.Text
				}
			case bot.ReplySources:
				for _, s := range r.Sources {
					got += " " + s.Title
				}
			default:
				got = r.Text
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("reply %q lacks %q", got, tt.want)
			}
		})
	}
	if len(rec.replies) != len(tests) {
		t.Errorf("observer saw %d replies, want %d", len(rec.replies), len(tests))
	}
}

// panicky is a Searcher that panics, standing in for any bug in answering.
type panicky struct{ bot.Searcher }

func (panicky) Search(context.Context, index.Query) (*index.Result, error) { panic("boom") }
func (panicky) Stats() index.Stats                                         { return index.Stats{} }

func TestChatRecoversFromPanic(t *testing.T) {
	rec := &recorder{}
	c := bot.NewChat(bot.New(panicky{}, bot.Options{}), bot.ChatOptions{Observer: rec})
	r := c.Handle(context.Background(), bot.Request{Command: bot.CommandAsk, Text: "how many gpus"})
	if r.Kind != bot.ReplyNotice || !r.Failed || !strings.Contains(r.Text, "Sorry") {
		t.Errorf("reply after a panic = %+v, want an apology", r)
	}
	if strings.Contains(r.Text, "boom") {
		t.Error("the apology leaks the panic")
	}
	if len(rec.replies) != 1 {
		t.Error("a panicking request was not observed")
	}
}

func TestLimiter(t *testing.T) {
	l := bot.NewLimiter(bot.Rate{Burst: 2, Every: 10 * time.Second}, bot.Rate{Burst: 3, Every: time.Second})
	now := time.Unix(1000, 0)
	for i := range 2 {
		if w := l.Allow("alice", "general", now); w != 0 {
			t.Fatalf("question %d waited %v", i+1, w)
		}
	}
	if w := l.Allow("alice", "general", now); w <= 0 || w > 10*time.Second {
		t.Errorf("third question in a burst: wait %v, want up to 10s", w)
	}
	if w := l.Allow("bob", "general", now); w != 0 {
		t.Errorf("another user was limited: %v", w)
	}
	if w := l.Allow("carol", "general", now); w <= 0 {
		t.Error("a fourth question in one channel at once was allowed")
	}
	if w := l.Allow("alice", "general", now.Add(10*time.Second)); w != 0 {
		t.Errorf("after the refill: wait %v", w)
	}
	// A refused question does not spend a token.
	l2 := bot.NewLimiter(bot.Rate{Burst: 1, Every: time.Second}, bot.Rate{})
	l2.Allow("u", "c", now)
	l2.Allow("u", "c", now)
	if w := l2.Allow("u", "c", now.Add(time.Second)); w != 0 {
		t.Errorf("refused questions were charged: wait %v", w)
	}
}

func TestChatRateLimit(t *testing.T) {
	c := bot.NewChat(starter(t), bot.ChatOptions{Limiter: bot.NewLimiter(bot.Rate{Burst: 1, Every: time.Minute}, bot.Rate{})})
	ask := bot.Request{User: "U1", Channel: "C1", Command: bot.CommandAsk, Text: "How many GPUs does DeepSeek have?"}
	// What needs no search is not charged: help, an empty question, one
	// too long, an unknown command.
	for _, req := range []bot.Request{
		{User: "U1", Channel: "C1", Command: bot.CommandHelp},
		{User: "U1", Channel: "C1", Command: bot.CommandAsk, Text: "  "},
		{User: "U1", Channel: "C1", Command: bot.CommandAsk, Text: strings.Repeat("why ", 200)},
		{User: "U1", Channel: "C1", Command: "weather"},
	} {
		if r := c.Handle(context.Background(), req); r.RetryAfter > 0 {
			t.Errorf("%s %q was rate limited: %+v", req.Command, bot.Truncate(req.Text, 20), r)
		}
	}
	if r := c.Handle(context.Background(), ask); r.Kind != bot.ReplyAnswer {
		t.Fatalf("first question = %+v, want an answer", r)
	}
	r := c.Handle(context.Background(), ask)
	if r.Kind != bot.ReplyNotice || r.RetryAfter <= 0 || !strings.Contains(r.Text, "try again in") {
		t.Errorf("second question = %+v, want a polite rate-limit notice", r)
	}
	// Listing the articles has a budget of its own, limited the same way.
	src := bot.Request{User: "U1", Channel: "C1", Command: bot.CommandSources}
	if r := c.Handle(context.Background(), src); r.Kind != bot.ReplySources {
		t.Errorf("/sources after the question limit = %+v, want the list", r)
	}
	if r := c.Handle(context.Background(), src); r.RetryAfter <= 0 {
		t.Errorf("/sources after its own limit = %+v, want a rate-limit notice", r)
	}
	if r := c.Handle(context.Background(), bot.Request{User: "U2", Channel: "C2", Command: bot.CommandSources}); r.Kind != bot.ReplySources {
		t.Errorf("/sources of another user = %+v, want the list", r)
	}
}

// gated is a Searcher whose searches wait for its gate to open, standing
// in for an index too slow for the questions coming in.
type gated struct {
	bot.Searcher
	entered chan struct{} // a value per search started
	gate    chan struct{}
}

func (g gated) Search(ctx context.Context, _ index.Query) (*index.Result, error) {
	g.entered <- struct{}{}
	select {
	case <-g.gate:
		return &index.Result{}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (gated) Stats() index.Stats { return index.Stats{} }

func TestChatBusy(t *testing.T) {
	ctx := context.Background()
	ask := bot.Request{Command: bot.CommandAsk, Text: "how many gpus does deepseek have"}
	isBusy := func(r bot.Reply) bool {
		return r.Kind == bot.ReplyNotice && r.Busy && r.RetryAfter > 0 && strings.Contains(r.Text, "try again")
	}
	// await returns the next reply, failing rather than hanging.
	await := func(ch <-chan bot.Reply) bot.Reply {
		t.Helper()
		select {
		case r := <-ch:
			return r
		case <-time.After(10 * time.Second):
			t.Fatal("no reply within 10 s")
			return bot.Reply{}
		}
	}

	t.Run("queue is bounded", func(t *testing.T) {
		g := gated{entered: make(chan struct{}, 100), gate: make(chan struct{})}
		rec := &recorder{}
		c := bot.NewChat(bot.New(g, bot.Options{Timeout: time.Minute}), bot.ChatOptions{Observer: rec, MaxSearches: 1, QueueWait: time.Hour})
		replies := make(chan bot.Reply, 50)
		go func() { replies <- c.Handle(ctx, ask) }()
		<-g.entered // the only search slot is taken

		// 16 questions per search may wait; the 24 beyond are told at
		// once that racebot is busy, however long the queue wait.
		for range 40 {
			go func() { replies <- c.Handle(ctx, ask) }()
		}
		for range 24 {
			if r := await(replies); !isBusy(r) {
				t.Fatalf("reply while the queue is full = %+v, want busy", r)
			}
		}
		// Help needs no search and is answered while busy.
		if r := c.Handle(ctx, bot.Request{Command: bot.CommandHelp}); r.Kind != bot.ReplyHelp {
			t.Errorf("help while busy = %+v", r)
		}
		close(g.gate)
		for range 17 {
			if r := await(replies); r.Kind != bot.ReplyAnswer {
				t.Errorf("queued question got %+v, want an answer", r)
			}
		}
		busy := 0
		for _, r := range rec.replies {
			if r.Busy {
				busy++
			}
		}
		if busy != 24 {
			t.Errorf("observer saw %d busy replies, want 24", busy)
		}
	})

	t.Run("wait expires", func(t *testing.T) {
		g := gated{entered: make(chan struct{}, 100), gate: make(chan struct{})}
		c := bot.NewChat(bot.New(g, bot.Options{Timeout: time.Minute}), bot.ChatOptions{MaxSearches: 1, QueueWait: 10 * time.Millisecond})
		first := make(chan bot.Reply, 1)
		go func() { first <- c.Handle(ctx, ask) }()
		<-g.entered
		if r := c.Handle(ctx, ask); !isBusy(r) {
			t.Errorf("reply after the queue wait = %+v, want busy", r)
		}
		// A waiting question whose asker has gone is dropped, and not
		// counted as racebot being busy.
		gone, cancel := context.WithCancel(ctx)
		cancel()
		if r := c.Handle(gone, ask); r.Busy || r.Failed || r.Kind != bot.ReplyNotice {
			t.Errorf("reply to a cancelled question = %+v, want a withdrawn notice", r)
		}
		close(g.gate)
		if r := await(first); r.Kind != bot.ReplyAnswer {
			t.Errorf("first question got %+v", r)
		}
		// The slot is free again.
		if r := c.Handle(ctx, ask); r.Kind != bot.ReplyAnswer {
			t.Errorf("question after the load = %+v, want an answer", r)
		}
	})
}

// TestChatAbandoned checks that a question whose asker hangs up is not
// logged or counted as racebot failing.
func TestChatAbandoned(t *testing.T) {
	g := gated{entered: make(chan struct{}, 10), gate: make(chan struct{})}
	var log bottest.Buffer
	c := bot.NewChat(bot.New(g, bot.Options{Timeout: time.Minute}), bot.ChatOptions{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-g.entered
		cancel()
	}()
	r := c.Handle(ctx, bot.Request{Command: bot.CommandAsk, Text: "how many gpus does deepseek have"})
	if r.Failed || r.Kind != bot.ReplyNotice {
		t.Errorf("reply to an abandoned question = %+v, want a notice that is not a failure", r)
	}
	if strings.Contains(log.String(), "level=ERROR") {
		t.Errorf("an abandoned question was logged as an error:\n%s", log.String())
	}
}

func TestChatSourcesFeeds(t *testing.T) {
	want := []bot.Feed{{URL: "https://example.com/feed.xml", Title: "Example", Added: 2, Recent: []string{"B", "A"},
		LastRead: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}
	var calls atomic.Int32
	withFeeds := bot.NewChat(starter(t), bot.ChatOptions{Feeds: func() []bot.Feed { calls.Add(1); return want }})
	without := bot.NewChat(starter(t), bot.ChatOptions{})
	tests := []struct {
		name      string
		chat      *bot.Chat
		query     string
		wantFeeds bool
	}{
		{"all sources", withFeeds, "", true},
		{"only spaces", withFeeds, "  \t", true},
		{"a query narrows articles, not feeds", withFeeds, "stargate", false},
		{"no feeds read", without, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := calls.Load()
			r := tt.chat.Handle(context.Background(), bot.Request{User: "u", Command: bot.CommandSources, Text: tt.query})
			if r.Kind != bot.ReplySources || len(r.Sources) == 0 {
				t.Fatalf("reply %v with %d sources, want a sources reply listing articles", r.Kind, len(r.Sources))
			}
			if tt.wantFeeds {
				if len(r.Feeds) != 1 || r.Feeds[0].URL != want[0].URL || r.Feeds[0].Recent[0] != "B" {
					t.Errorf("feeds %+v, want %+v", r.Feeds, want)
				}
				return
			}
			if r.Feeds != nil {
				t.Errorf("feeds %+v, want none", r.Feeds)
			}
			if calls.Load() != before {
				t.Error("the feeds were asked for a reply that does not show them")
			}
		})
	}
}

// TestChatPermalink: with a web page to link to, an answered question's
// reply links to its full version there; a decline, a listing and /figures
// do not, and without a page nothing does.
func TestChatPermalink(t *testing.T) {
	link := func(q string) string { return "https://racebot.example.com/ask?q=" + url.QueryEscape(q) }
	chart := func(q string) string { return "https://racebot.example.com/chart.png?q=" + url.QueryEscape(q) }
	c := bot.NewChat(starter(t), bot.ChatOptions{Permalink: link, ChartLink: chart})
	ctx := context.Background()
	r := c.Handle(ctx, bot.Request{Command: bot.CommandAsk, Text: "how much will stargate invest"})
	if want := link("how much will stargate invest"); r.Link != want {
		t.Errorf("answer links to %q, want %q", r.Link, want)
	}
	if want := chart("how much will stargate invest"); r.ChartLink != want {
		t.Errorf("answer's chart is at %q, want %q", r.ChartLink, want)
	}
	if r := c.Handle(ctx, bot.Request{Command: bot.CommandAsk, Text: "what is the AI diffusion rule"}); r.ChartLink != "" {
		t.Errorf("an answer without a chart has one at %q", r.ChartLink)
	}
	for _, req := range []bot.Request{
		{Command: bot.CommandAsk, Text: "what is the best pizza topping in naples"},
		{Command: bot.CommandSources, Text: "stargate"},
		{Command: bot.CommandFigures, Text: "nvidia market value"},
	} {
		if r := c.Handle(ctx, req); r.Link != "" {
			t.Errorf("%s %q links to %q, want no link", req.Command, req.Text, r.Link)
		}
	}
	plain := bot.NewChat(starter(t), bot.ChatOptions{})
	if r := plain.Handle(ctx, bot.Request{Command: bot.CommandAsk, Text: "how much will stargate invest"}); r.Link != "" {
		t.Errorf("without a page the answer links to %q", r.Link)
	}
}
