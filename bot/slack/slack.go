// Package slack is racebot's Slack adapter. It answers the /ask, /figures,
// /sources and /help slash commands and mentions of the bot, over Socket
// Mode (no public URL needed) or over HTTP (slash commands, the Events API
// and button clicks posted to racebot's own server, every request checked
// against the app's signing secret).
//
// The adapter only translates: a slash command, a mention or a button click
// becomes a bot.Request for the Handler, and the bot.Reply it gets back
// becomes a Block Kit message within Slack's limits, with every piece of
// corpus and user text escaped so that no @channel, @here, user mention or
// link can form. Validation, rate limits and recovery from panics while
// answering are the Handler's (bot.Chat's); the adapter recovers its own
// goroutines and rendering.
//
// Slash command answers are private (ephemeral), with a "Share in channel"
// button that posts the same answer for everyone. A command is acknowledged
// within Slack's three seconds: with the answer itself when it is ready
// within Options.AckWait, otherwise at once, the answer following through
// the command's response_url. Mentions are answered in a thread.
package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// Handler is what the adapter needs of racebot, bot.Handler: *bot.Chat
// implements it.
type Handler = bot.Handler

// Config holds a Slack app's credentials and where its Web API is.
type Config struct {
	BotToken      string // SLACK_BOT_TOKEN (xoxb-)
	AppToken      string // SLACK_APP_TOKEN (xapp-, Socket Mode)
	SigningSecret string // SLACK_SIGNING_SECRET (HTTP mode)
	// APIURL is SLACK_API_URL: the Web API's base URL, for GovSlack and
	// tests. The default is https://slack.com/api/.
	APIURL string
}

// Options tune an adapter. The zero value is ready to use.
type Options struct {
	// Logger receives the adapter's logs; tokens and secrets are never
	// logged. The default discards them.
	Logger *slog.Logger
	// OnError is told of every error from Slack (refusals, rate limits,
	// connection failures, bad signatures), for metrics. It must be quick
	// and safe for concurrent use.
	OnError func(op string, err error)
	// HTTPClient makes the Web API and response_url calls. The default
	// times out after 30 seconds.
	HTTPClient *http.Client
	// AckWait is how long a slash command waits for its answer before
	// being acknowledged without it. The default is 2 seconds; it is held
	// under 2.5 seconds, since Slack gives up after 3.
	AckWait time.Duration
	// Now tells the time, for the signature window; the default is
	// time.Now.
	Now func() time.Time
	// Grace is how long Socket Mode's Run lets answers in flight finish
	// once its context is done; the default is 10 seconds.
	Grace time.Duration
}

const (
	defaultAckWait = 2 * time.Second
	defaultGrace   = 10 * time.Second
	maxAckWait     = 2500 * time.Millisecond
	// workTimeout bounds everything done for one event: answering, then
	// delivering the answer, waits for rate limits included.
	workTimeout = 2 * time.Minute
	// answerTimeout bounds the Handler. bot.Chat answers in well under a
	// second; this only catches a Handler that never returns.
	answerTimeout = 30 * time.Second
	// maxAttempts is how often a call Slack rate-limits is tried.
	maxAttempts = 5
	// maxRetryWait caps a Retry-After.
	maxRetryWait = time.Minute
	// maxAckPayload is the largest Socket Mode acknowledgement or HTTP
	// response body racebot sends; Slack silently drops Socket Mode
	// responses of 20 KiB or more. A larger answer goes to the
	// response_url.
	maxAckPayload = 19 * 1024
	// authRetry is how long to wait before asking auth.test again after it
	// failed.
	authRetry = time.Minute
)

// Texts of the adapter's own messages.
const (
	cannotShow   = "Sorry, Slack would not show my answer here. Please try again, or ask more briefly."
	cannotShare  = "Sorry, I could not share that answer. Please ask again."
	platformName = "slack"
)

// core is what Socket Mode and HTTP mode share: asking the Handler,
// rendering, delivering answers through Slack, and the bookkeeping around
// them.
type core struct {
	h       Handler
	api     *slack.Client
	log     *slog.Logger
	onError func(op string, err error)
	ackWait time.Duration
	now     func() time.Time
	grace   time.Duration

	botToken bool      // whether chat.postMessage can be used
	noToken  sync.Once // logs once that mentions cannot be answered

	authMu   sync.Mutex
	botID    string    // the bot's user ID, from auth.test
	authLast time.Time // when auth.test last failed

	seen *dedup

	// life is the context of background work; stop cancels it.
	life context.Context
	stop context.CancelFunc

	gate bot.Gate
}

func newCore(cfg Config, h Handler, opts Options, extra ...slack.Option) (*core, error) {
	if h == nil {
		return nil, errors.New("slack: no handler")
	}
	c := &core{
		h:        h,
		log:      opts.Logger,
		onError:  opts.OnError,
		ackWait:  opts.AckWait,
		now:      opts.Now,
		grace:    opts.Grace,
		botToken: cfg.BotToken != "",
	}
	if c.grace <= 0 {
		c.grace = defaultGrace
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.ackWait <= 0 {
		c.ackWait = defaultAckWait
	}
	c.ackWait = min(c.ackWait, maxAckWait)
	c.seen = newDedup(time.Hour, c.now)

	apiURL := cfg.APIURL
	if apiURL == "" {
		apiURL = slack.APIURL
	}
	u, err := url.Parse(apiURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("slack: API URL %q is not an http(s) URL", apiURL)
	}
	if !strings.HasSuffix(apiURL, "/") {
		// slack-go appends method names to the base URL as it is.
		apiURL += "/"
	}
	client := opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	options := append([]slack.Option{
		slack.OptionAPIURL(apiURL),
		slack.OptionHTTPClient(client),
		slack.OptionLog(debugLogger{c.log}),
	}, extra...)
	c.api = slack.New(cfg.BotToken, options...)
	c.life, c.stop = context.WithCancel(context.Background())
	return c, nil
}

// debugLogger passes slack-go's own logging to slog at debug level.
type debugLogger struct{ log *slog.Logger }

func (l debugLogger) Output(_ int, s string) error {
	l.log.Debug(strings.TrimSpace(s), "source", "slack-go")
	return nil
}

// fail logs a platform error with its context and reports it to OnError.
func (c *core) fail(op string, err error, attrs ...any) {
	err = redact(err)
	c.log.Error("slack call failed", append([]any{"op", op, "err", err}, attrs...)...)
	c.report(op, err)
}

func (c *core) report(op string, err error) {
	if c.onError != nil {
		c.onError(op, redact(err))
	}
}

// redact drops the URL from a transport error: a response_url is a
// credential for thirty minutes, and has no place in a log.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		host := "?"
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Host
		}
		return fmt.Errorf("%s %s: %w", ue.Op, host, ue.Err)
	}
	return err
}

// goSafe runs f in the background with a bounded context, recovering a
// panic, and reports false if the adapter is shutting down.
func (c *core) goSafe(op string, f func(ctx context.Context)) bool {
	if !c.gate.Enter() {
		return false
	}
	go func() {
		defer c.gate.Leave()
		defer c.recoverPanic(op)
		ctx, cancel := context.WithTimeout(c.life, workTimeout)
		defer cancel()
		f(ctx)
	}()
	return true
}

func (c *core) recoverPanic(op string) {
	if p := recover(); p != nil {
		c.log.Error("panic in the Slack adapter", "op", op, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	}
}

// shutdown stops taking new work and waits for the work in flight, until
// ctx is done; then it cancels what is left.
func (c *core) shutdown(ctx context.Context) error {
	err := c.gate.Close(ctx)
	c.stop()
	if err != nil {
		c.gate.Wait() // work ends promptly once its context is cancelled
		return fmt.Errorf("slack: shutting down with answers in flight: %w", err)
	}
	return nil
}

// handle asks the Handler and waits for its reply while ctx lasts (see
// bot.Pending: a panic becomes an apology, no reply in time a too-slow
// notice), so that the user still gets one.
func (c *core) handle(ctx context.Context, req bot.Request) bot.Reply {
	return c.ask(req).Reply(ctx)
}

// ask starts answering req in the background, for at most answerTimeout
// and while the adapter runs.
func (c *core) ask(req bot.Request) *bot.Pending {
	return bot.Ask(c.life, c.h, req, answerTimeout, func(p any) {
		c.log.Error("panic while answering", "command", req.Command, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	})
}

// message renders a reply, private with a Share in channel button that
// re-asks req, or public. A panic in rendering becomes a plain apology.
func (c *core) message(r bot.Reply, req *bot.Request, private bool) (m message) {
	defer func() {
		if p := recover(); p != nil {
			c.log.Error("panic while rendering", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			m = notice(bot.Apology)
		}
	}()
	if !private {
		req = nil
	}
	return render(r, req)
}

// notice is a message of one short text of racebot's own.
func notice(text string) message {
	return render(bot.Reply{Kind: bot.ReplyNotice, Failed: true, Text: text}, nil)
}

// awaitAck waits for an answer for as long as an acknowledgement may.
func (c *core) awaitAck(p *bot.Pending) (bot.Reply, bool) {
	return p.Wait(c.ackWait)
}

// ackPayload is a slash command's answer as an acknowledgement or HTTP
// response body, or nil when it is too large for one.
func ackPayload(m message) *responseMessage {
	p := &responseMessage{ResponseType: slack.ResponseTypeEphemeral, Text: m.Text, Blocks: m.Blocks}
	if b, err := json.Marshal(p); err != nil || len(b) > maxAckPayload {
		return nil
	}
	return p
}

// responseMessage is a message as a slash command's acknowledgement, HTTP
// response or response_url body.
type responseMessage struct {
	ResponseType string        `json:"response_type"`
	Text         string        `json:"text"`
	Blocks       []slack.Block `json:"blocks"`
}

// slashRequest turns a slash command into a request.
func slashRequest(cmd slack.SlashCommand) bot.Request {
	command, text := commandFor(cmd.Command, unescapeText(cmd.Text))
	return bot.Request{Platform: platformName, User: cmd.UserID, Channel: cmd.ChannelID, Command: command, Text: text}
}

// commandFor maps a slash command to racebot's command. A workspace may
// have had to name the commands differently ("/racebot-ask"), and one
// /racebot command can take the command as its first word.
func commandFor(name, text string) (bot.Command, string) {
	name = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), "/"))
	for _, p := range []string{"racebot-", "racebot_"} {
		name = strings.TrimPrefix(name, p)
	}
	switch c := bot.Command(name); c {
	case bot.CommandAsk, bot.CommandFigures, bot.CommandSources, bot.CommandHelp, bot.CommandTimeline:
		return c, text
	case "racebot":
		first, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
		switch c := bot.Command(strings.ToLower(first)); c {
		case bot.CommandAsk, bot.CommandFigures, bot.CommandSources, bot.CommandHelp, bot.CommandTimeline:
			return c, strings.TrimSpace(rest)
		}
		return bot.CommandAsk, text
	}
	return bot.Command(name), text
}

// respond delivers a message through a response_url. A message Slack
// refuses is followed by a plain apology, so that a user never waits in
// silence.
func (c *core) respond(ctx context.Context, responseURL string, m message, responseType string, replace bool) error {
	send := func(m message) error {
		opts := []slack.MsgOption{
			slack.MsgOptionResponseURL(responseURL, responseType),
			slack.MsgOptionText(m.Text, false), // already escaped
			slack.MsgOptionBlocks(m.Blocks...),
		}
		if replace {
			opts = append(opts, slack.MsgOptionReplaceOriginal(responseURL))
		}
		return c.retry(ctx, "response_url", func() error {
			_, _, err := c.api.PostMessageContext(ctx, "", opts...)
			return err
		})
	}
	if responseURL == "" {
		err := errors.New("no response_url to answer through")
		c.fail("response_url", err)
		return err
	}
	err := send(m)
	if err == nil {
		return nil
	}
	c.fail("response_url", err, "response_type", responseType)
	if refused(err) {
		if err2 := send(notice(cannotShow)); err2 != nil {
			c.fail("response_url", err2, "response_type", responseType, "fallback", true)
		}
	}
	return err
}

// deleteOriginal deletes the message a button was clicked in.
func (c *core) deleteOriginal(ctx context.Context, responseURL string) {
	err := c.retry(ctx, "response_url", func() error {
		_, _, err := c.api.PostMessageContext(ctx, "", slack.MsgOptionDeleteOriginal(responseURL))
		return err
	})
	if err != nil {
		c.fail("response_url", err, "delete_original", true)
	}
}

// post posts a message in a channel, in the thread of threadTS, with
// chat.postMessage. Link previews are off: an answer cites up to six
// articles, and their previews would bury it.
func (c *core) post(ctx context.Context, channel, threadTS string, m message) error {
	send := func(m message) error {
		opts := []slack.MsgOption{
			slack.MsgOptionText(m.Text, false), // already escaped
			slack.MsgOptionBlocks(m.Blocks...),
			slack.MsgOptionDisableLinkUnfurl(),
			slack.MsgOptionDisableMediaUnfurl(),
		}
		if threadTS != "" {
			opts = append(opts, slack.MsgOptionTS(threadTS))
		}
		return c.retry(ctx, "chat.postMessage", func() error {
			_, _, err := c.api.PostMessageContext(ctx, channel, opts...)
			return err
		})
	}
	err := send(m)
	if err == nil {
		return nil
	}
	c.fail("chat.postMessage", err, "channel", channel, "thread_ts", threadTS)
	if refused(err) {
		if err2 := send(notice(cannotShow)); err2 != nil {
			c.fail("chat.postMessage", err2, "channel", channel, "fallback", true)
		}
	}
	return err
}

// refused reports whether Slack refused a message for its content, so that
// a plain apology could still get through; it is false when nothing could
// be posted there at all (no access to the channel, a bad token).
func refused(err error) bool {
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) {
		return false
	}
	switch se.Err {
	case "not_in_channel", "channel_not_found", "is_archived", "invalid_auth", "not_authed",
		"account_inactive", "token_revoked", "missing_scope", "restricted_action", "expired_url", "used_url":
		return false
	}
	return true
}

// retry calls f until Slack stops rate-limiting it, waiting as long as
// Slack's Retry-After asks, so that no answer is lost to a rate limit.
func (c *core) retry(ctx context.Context, op string, f func() error) error {
	for attempt := 1; ; attempt++ {
		err := f()
		wait, limited := retryAfter(err)
		if !limited || attempt == maxAttempts {
			return err
		}
		c.report(op, err)
		c.log.Warn("rate limited by Slack; waiting to retry", "op", op, "retry_after", wait, "attempt", attempt)
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("waiting out a rate limit: %w (%w)", ctx.Err(), err)
		}
	}
}

// retryAfter reports whether err is a rate limit, and how long to wait.
func retryAfter(err error) (time.Duration, bool) {
	if rl, ok := errors.AsType[*slack.RateLimitedError](err); ok {
		return min(max(rl.RetryAfter, 0), maxRetryWait), true
	}
	if sc, ok := errors.AsType[slack.StatusCodeError](err); ok && sc.Code == http.StatusTooManyRequests {
		// A 429 without Retry-After.
		return time.Second, true
	}
	return 0, false
}

// botUser is the bot's own user ID, learned from auth.test, or "" when it
// is not known (no bot token, or auth.test failing).
func (c *core) botUser(ctx context.Context) string {
	c.authMu.Lock()
	defer c.authMu.Unlock()
	if c.botID != "" || !c.botToken || (!c.authLast.IsZero() && c.now().Sub(c.authLast) < authRetry) {
		return c.botID
	}
	if _, err := c.authTest(ctx); err != nil {
		c.authLast = c.now()
	}
	return c.botID
}

// authTest calls auth.test and keeps the bot's user ID. Callers hold
// authMu.
func (c *core) authTest(ctx context.Context) (*slack.AuthTestResponse, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var res *slack.AuthTestResponse
	err := c.retry(ctx, "auth.test", func() (err error) {
		res, err = c.api.AuthTestContext(ctx)
		return err
	})
	if err != nil {
		c.fail("auth.test", err)
		return nil, err
	}
	c.botID = res.UserID
	c.log.Info("signed in to Slack", "team", res.Team, "bot_user", res.UserID)
	return res, nil
}

// authError reports whether err says the credentials are wrong, which no
// retry can fix.
func authError(err error) bool {
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) {
		return false
	}
	switch se.Err {
	case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type":
		return true
	}
	return false
}

// event handles an Events API event, once per event ID: Slack redelivers
// an event it thinks was not acknowledged in time.
func (c *core) event(e slackevents.EventsAPIEvent, retry int) {
	if e.Type != slackevents.CallbackEvent {
		return
	}
	if cb, ok := e.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.EventID != "" {
		if !c.seen.first("event/" + cb.EventID) {
			c.log.Debug("ignoring a redelivered event", "event_id", cb.EventID, "retry", retry)
			return
		}
	}
	switch ev := e.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		c.goSafe("app_mention", func(ctx context.Context) { c.mention(ctx, ev) })
	}
}

// mention answers a mention of the bot in the mention's thread.
func (c *core) mention(ctx context.Context, ev *slackevents.AppMentionEvent) {
	if !c.botToken {
		c.noToken.Do(func() {
			c.log.Warn("received a mention, but SLACK_BOT_TOKEN is not set: mentions cannot be answered until it is")
		})
		return
	}
	if ev.BotID != "" || ev.User == "" {
		return // never answer a bot, racebot included: that way lie loops
	}
	me := c.botUser(ctx)
	if ev.User == me {
		return
	}
	text := unescapeText(stripMention(ev.Text, me))
	command := bot.CommandAsk
	if strings.EqualFold(strings.Trim(text, " .!?"), "help") {
		command, text = bot.CommandHelp, ""
	}
	req := bot.Request{Platform: platformName, User: ev.User, Channel: ev.Channel, Command: command, Text: text}
	m := c.message(c.handle(ctx, req), nil, false)
	thread := ev.ThreadTimeStamp
	if thread == "" {
		thread = ev.TimeStamp
	}
	_ = c.post(ctx, ev.Channel, thread, m)
}

var (
	userMention    = regexp.MustCompile(`<@([A-Z0-9]+)(?:\|[^>]*)?>`)
	leadingMention = regexp.MustCompile(`^\s*<@[A-Z0-9]+(\|[^>]*)?>`)
)

// stripMention removes the bot's mention, <@UBOT> or <@UBOT|name>, from a
// message. Without the bot's ID it removes the mention the message starts
// with, which an app_mention's is.
func stripMention(text, botID string) string {
	if botID != "" {
		text = userMention.ReplaceAllStringFunc(text, func(m string) string {
			if userMention.FindStringSubmatch(m)[1] == botID {
				return " "
			}
			return m
		})
	} else {
		text = leadingMention.ReplaceAllString(text, " ")
	}
	return strings.TrimSpace(text)
}

// interaction handles a button click.
func (c *core) interaction(ctx context.Context, cb slack.InteractionCallback) {
	if cb.Type != slack.InteractionTypeBlockActions {
		return
	}
	for _, a := range cb.ActionCallback.BlockActions {
		if a.ActionID == shareActionID {
			c.share(ctx, cb, a.Value)
			return
		}
	}
}

// share answers a Share in channel click: it answers the question again
// and posts the answer for the whole channel through the click's
// response_url, then deletes the private copy. A message is shared once,
// however often the button is clicked.
func (c *core) share(ctx context.Context, cb slack.InteractionCallback, value string) {
	key := ""
	if ts := cb.Container.MessageTs; ts != "" {
		key = "share/" + cb.Container.ChannelID + "/" + ts
		if !c.seen.first(key) {
			return
		}
	}
	command, text, ok := parseShareValue(value)
	if !ok {
		c.log.Warn("a Share in channel button with an unknown value", "length", len(value))
		_ = c.respond(ctx, cb.ResponseURL, notice(cannotShare), slack.ResponseTypeEphemeral, false)
		return
	}
	channel := cb.Channel.ID
	if channel == "" {
		channel = cb.Container.ChannelID
	}
	req := bot.Request{Platform: platformName, User: cb.User.ID, Channel: channel, Command: command, Text: text}
	r := c.handle(ctx, req)
	if r.Kind == bot.ReplyNotice {
		// Rate limited or failed: tell the user alone, and let them click
		// again later.
		c.seen.forget(key)
		_ = c.respond(ctx, cb.ResponseURL, c.message(r, nil, false), slack.ResponseTypeEphemeral, false)
		return
	}
	if err := c.respond(ctx, cb.ResponseURL, c.message(r, nil, false), slack.ResponseTypeInChannel, false); err != nil {
		c.seen.forget(key)
		return
	}
	c.deleteOriginal(ctx, cb.ResponseURL)
}

// dedup remembers keys for a while, to act on each event once.
type dedup struct {
	mu    sync.Mutex
	seen  map[string]time.Time
	ttl   time.Duration
	now   func() time.Time
	sweep time.Time
}

func newDedup(ttl time.Duration, now func() time.Time) *dedup {
	return &dedup{seen: make(map[string]time.Time), ttl: ttl, now: now}
}

// first records key and reports whether it is new.
func (d *dedup) first(key string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	if now.Sub(d.sweep) > d.ttl/4 {
		for k, t := range d.seen {
			if now.Sub(t) > d.ttl {
				delete(d.seen, k)
			}
		}
		d.sweep = now
	}
	if t, ok := d.seen[key]; ok && now.Sub(t) <= d.ttl {
		return false
	}
	d.seen[key] = now
	return true
}

// forget forgets key, so that it counts as new again.
func (d *dedup) forget(key string) {
	if key == "" {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.seen, key)
}
