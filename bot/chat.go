package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Command is what a chat user asks racebot to do.
type Command string

// The chat commands, the same on every platform.
const (
	CommandAsk      Command = "ask"      // /ask question:, and a mention of the bot
	CommandFigures  Command = "figures"  // /figures topic:
	CommandSources  Command = "sources"  // /sources [query]
	CommandTimeline Command = "timeline" // /timeline topic:
	CommandHelp     Command = "help"     // /help
)

// Request is a chat message or command, translated from a platform's event.
type Request struct {
	Platform string // "discord", "slack", "http"
	User     string // the platform's user ID, for rate limiting
	Channel  string // the platform's channel ID, for rate limiting
	Command  Command
	Text     string // the question, topic or query as typed
}

// ReplyKind says what a Reply holds.
type ReplyKind int

// The kinds of reply.
const (
	ReplyAnswer   ReplyKind = iota // Answer is set (answered or declined)
	ReplySources                   // Sources is set
	ReplyTimeline                  // Timeline is set
	ReplyHelp                      // Text is the help
	ReplyNotice                    // Text explains why there is no answer: too long, rate limited, busy, failed
)

// Reply is what racebot says back, for an adapter to render.
type Reply struct {
	Kind     ReplyKind
	Answer   *Answer
	Timeline *Timeline
	Sources  []Source
	// Feeds are the news feeds articles are added from, with a sources
	// reply to an unfiltered /sources, when racebot reads any.
	Feeds []Feed
	// Text is the help or a notice; notices are polite and never hold
	// internal details.
	Text string
	// RetryAfter is set on a rate-limit or busy notice: when the user may
	// ask again.
	RetryAfter time.Duration
	// Busy marks a notice that racebot had too many questions at once to
	// take this one: the server's state, not the user's fault.
	Busy bool
	// Failed marks a notice for a failure of racebot itself, as opposed to
	// a question it cannot take.
	Failed bool
	// Link is where the whole reply can be read: the web page's permalink
	// of an answer, when racebot's page has a public address; "" without
	// one.
	Link string
	// ChartLink is where the chart of an answer's figures can be fetched
	// as an image, when the answer has one and racebot's page has a
	// public address, for platforms that show images by address.
	ChartLink string
}

// Observer is told about every request handled, for metrics. Its methods
// must be safe for concurrent use and quick.
type Observer interface {
	Handled(req Request, reply Reply, took time.Duration)
}

// Handler answers a chat request: what every adapter (Discord, Slack, the
// HTTP API) needs of racebot. *Chat implements it. Handle always returns a
// Reply; adapters still recover a panic, so that a user is never left
// without one.
type Handler interface {
	Handle(ctx context.Context, req Request) Reply
}

// Chat handles chat requests for every adapter: validation, rate limits,
// the answer engine, and recovery from panics, so that each adapter only
// translates events and renders replies. It is safe for concurrent use.
type Chat struct {
	engine   *Engine
	limiter  *Limiter
	observer Observer
	log      *slog.Logger
	feeds    func() []Feed
	link     func(question string) string
	chart    func(question string) string

	// searches holds a token per question being answered; waiting
	// counts the questions queued for one, up to maxWaiting.
	searches   chan struct{}
	waiting    atomic.Int64
	maxWaiting int64
	queueWait  time.Duration
}

// ChatOptions configure a Chat. Limiter and Observer may be nil.
type ChatOptions struct {
	Limiter  *Limiter
	Observer Observer
	Logger   *slog.Logger
	// MaxSearches is how many questions are answered at once; zero means
	// twice GOMAXPROCS. Searching is CPU-bound, so more at once would
	// only make every answer slower.
	MaxSearches int
	// Feeds, when set, reports the news feeds racebot adds articles from,
	// for /sources; it must be quick and safe for concurrent use.
	Feeds func() []Feed
	// QueueWait is how long a question may wait for a search to finish
	// before the user is told racebot is busy; zero means two seconds.
	// At most 16 questions per search wait at once: beyond that, new
	// questions are told at once, so a flood cannot pile up goroutines
	// and memory.
	QueueWait time.Duration
	// Permalink, when set, returns the address of a question's answer on
	// racebot's web page, for chat replies to link to their full version.
	Permalink func(question string) string
	// ChartLink, when set, returns the address of the chart of a
	// question's answer on racebot's web page.
	ChartLink func(question string) string
}

// NewChat returns a Chat answering with engine.
func NewChat(engine *Engine, opts ChatOptions) *Chat {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxSearches <= 0 {
		opts.MaxSearches = 2 * runtime.GOMAXPROCS(0)
	}
	if opts.QueueWait <= 0 {
		opts.QueueWait = 2 * time.Second
	}
	return &Chat{
		engine: engine, limiter: opts.Limiter, observer: opts.Observer, log: opts.Logger, feeds: opts.Feeds, link: opts.Permalink, chart: opts.ChartLink,
		searches:   make(chan struct{}, opts.MaxSearches),
		maxWaiting: 16 * int64(opts.MaxSearches),
		queueWait:  opts.QueueWait,
	}
}

// busyRetry is when a user told racebot is busy is asked to try again.
const busyRetry = 5 * time.Second

// withdrawnReply answers a question whose asker hung up before it was
// answered; nobody sees it, but metrics count it as a notice, not a
// failure or a busy server.
var withdrawnReply = Reply{Kind: ReplyNotice, Text: "The question was withdrawn before it was answered."}

var busyReply = Reply{Kind: ReplyNotice, Busy: true, RetryAfter: busyRetry,
	Text: "I am answering a lot of questions right now. Please try again in a few seconds."}

// acquire takes a search slot, waiting up to the queue wait for one. It
// returns nil when it has one, or the reply to send instead: busy, or
// withdrawn when ctx ended first.
func (c *Chat) acquire(ctx context.Context) *Reply {
	select {
	case c.searches <- struct{}{}:
		return nil
	default:
	}
	if c.waiting.Add(1) > c.maxWaiting {
		c.waiting.Add(-1)
		return &busyReply
	}
	defer c.waiting.Add(-1)
	t := time.NewTimer(c.queueWait)
	defer t.Stop()
	select {
	case c.searches <- struct{}{}:
		return nil
	case <-t.C:
		return &busyReply
	case <-ctx.Done():
		return &withdrawnReply
	}
}

func (c *Chat) release() { <-c.searches }

// Handle answers one request. It always returns a Reply an adapter can
// send: a failure or a panic becomes an apologetic notice, so that a user
// never waits for an answer that will not come.
func (c *Chat) Handle(ctx context.Context, req Request) (reply Reply) {
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			c.log.Error("panic while answering", "platform", req.Platform, "command", req.Command,
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			reply = Reply{Kind: ReplyNotice, Failed: true, Text: Apology}
		}
		if c.observer != nil {
			c.observer.Handled(req, reply, time.Since(start))
		}
	}()
	// What needs no search is answered before the rate limit, so that a
	// user who mistyped is told so rather than asked to wait.
	switch req.Command {
	case CommandHelp:
		return Reply{Kind: ReplyHelp, Text: Help}
	case CommandSources:
		req.Text = Truncate(req.Text, 4*MaxQuestionLen)
	case CommandAsk, CommandFigures, CommandTimeline:
		if strings.TrimSpace(req.Text) == "" {
			return Reply{Kind: ReplyHelp, Text: Help}
		}
		if msg := Validate(req.Text); msg != "" {
			return Reply{Kind: ReplyNotice, Text: msg} // too long, or no words
		}
	default:
		return Reply{Kind: ReplyNotice, Text: fmt.Sprintf("I do not know the command %q. Try /help.", Truncate(string(req.Command), 40))}
	}
	if c.limiter != nil {
		user, channel := req.User, req.Channel
		if req.Command == CommandSources {
			// Listing the articles needs no search: it has a budget of
			// its own, so that browsing them (the web page's /sources)
			// does not use up the questions.
			user, channel = user+"\x00sources", channel+"\x00sources"
		}
		if wait := c.limiter.Allow(user, channel, start); wait > 0 {
			return Reply{Kind: ReplyNotice, RetryAfter: wait, Text: rateLimited(wait)}
		}
	}
	if req.Command == CommandSources {
		r := Reply{Kind: ReplySources, Sources: c.engine.Sources(req.Text)}
		if c.feeds != nil && strings.TrimSpace(req.Text) == "" {
			r.Feeds = c.feeds()
		}
		return r
	}
	if r := c.acquire(ctx); r != nil {
		return *r
	}
	defer c.release()
	if req.Command == CommandTimeline {
		t, err := c.engine.Timeline(ctx, req.Text)
		if err != nil {
			return c.failed(ctx, req, err)
		}
		return Reply{Kind: ReplyTimeline, Timeline: t}
	}
	answer := c.engine.Answer
	if req.Command == CommandFigures {
		answer = c.engine.Figures
	}
	a, err := answer(ctx, req.Text)
	if err != nil {
		return c.failed(ctx, req, err)
	}
	r := Reply{Kind: ReplyAnswer, Answer: a}
	if c.link != nil && a.Answered && req.Command == CommandAsk {
		r.Link = c.link(req.Text)
	}
	if c.chart != nil && req.Command == CommandAsk && ChartOf(a) != nil {
		r.ChartLink = c.chart(req.Text)
	}
	return r
}

// failed is the reply to a request whose answer failed with err.
func (c *Chat) failed(ctx context.Context, req Request, err error) Reply {
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		// The asker hung up (an HTTP client closed its connection, the
		// server is stopping): nobody is waiting for this reply, and
		// racebot did nothing wrong.
		c.log.Info("question abandoned by the asker", "platform", req.Platform, "command", req.Command)
		return withdrawnReply
	}
	c.log.Error("answer failed", "platform", req.Platform, "command", req.Command, "err", err)
	if errors.Is(err, context.DeadlineExceeded) {
		return Reply{Kind: ReplyNotice, Failed: true, Text: "That took me too long to answer. Please try again in a moment, or ask more briefly."}
	}
	return Reply{Kind: ReplyNotice, Failed: true, Text: Apology}
}

// Apology and TooSlow are what a user sees when racebot itself failed, and
// when no answer came in time: the same words on every platform.
const (
	Apology = "Sorry, something went wrong on my side while answering. Please try again; if it keeps happening, tell whoever runs this bot."
	TooSlow = "Sorry, that took me too long to answer. Please try again in a moment, or ask more briefly."
)

func rateLimited(wait time.Duration) string {
	secs := int(wait.Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	unit := "seconds"
	if secs == 1 {
		unit = "second"
	}
	return fmt.Sprintf("You are asking faster than I can answer. Please try again in %d %s.", secs, unit)
}

// Limiter limits how often a user and a channel may ask, with token
// buckets: a burst, then a steady rate. It is safe for concurrent use.
type Limiter struct {
	user, channel Rate

	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time
}

// Rate is a token bucket's size and refill.
type Rate struct {
	Burst int           // questions allowed at once
	Every time.Duration // one more allowed after each interval
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewLimiter returns a limiter with the given per-user and per-channel
// rates. A zero Rate means no limit of that kind.
func NewLimiter(user, channel Rate) *Limiter {
	return &Limiter{user: user, channel: channel, buckets: make(map[string]*bucket)}
}

// Allow takes a question from user in channel at now, and returns 0 if it
// may be answered, or how long to wait before asking again.
func (l *Limiter) Allow(user, channel string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.sweep) > 10*time.Minute {
		// Forget idle users and channels so the map does not grow
		// forever.
		for k, b := range l.buckets {
			if now.Sub(b.last) > 10*time.Minute {
				delete(l.buckets, k)
			}
		}
		l.sweep = now
	}
	wu := l.wait("u:"+user, l.user, now)
	wc := l.wait("c:"+channel, l.channel, now)
	if wait := max(wu, wc); wait > 0 {
		return wait
	}
	l.take("u:"+user, l.user)
	l.take("c:"+channel, l.channel)
	return 0
}

func (l *Limiter) refill(key string, r Rate, now time.Time) *bucket {
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(r.Burst), last: now}
		l.buckets[key] = b
	}
	b.tokens = min(float64(r.Burst), b.tokens+float64(now.Sub(b.last))/float64(r.Every))
	b.last = now
	return b
}

func (l *Limiter) wait(key string, r Rate, now time.Time) time.Duration {
	if r.Burst <= 0 || r.Every <= 0 {
		return 0
	}
	b := l.refill(key, r, now)
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) * float64(r.Every))
}

func (l *Limiter) take(key string, r Rate) {
	if b, ok := l.buckets[key]; ok && r.Burst > 0 && r.Every > 0 {
		b.tokens--
	}
}
