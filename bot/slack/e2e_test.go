package slack_test

// End-to-end tests: the adapter, with the real slack-go clients (Socket
// Mode and the Web API) and the real bot.Chat over the embedded corpus,
// against the fake Slack of package slackfake on loopback.
//
// Every test checks, once it is done, what any test must hold: the fake
// found nothing Slack would refuse (limits, fallback text, pings), no
// outgoing payload holds a token that could ping or link, and no log line
// holds a token or the signing secret.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	rslack "github.com/racebot/racebot/bot/slack"
	"github.com/racebot/racebot/bot/slack/slackfake"
	"github.com/racebot/racebot/bot/web"
)

const (
	gpuQuestion = "How many GPUs does DeepSeek have?"
	gpuFigure   = "50,000"
	// ackWindow is Slack's deadline for acknowledging a request.
	ackWindow = 3 * time.Second
	// wait bounds every other wait, so that a broken adapter fails a test
	// rather than hanging it.
	wait = 10 * time.Second
)

// hostile is a question that tries every way to make racebot ping or link.
const hostile = "@everyone <!channel> <!here> <!everyone> <@U123> <#C1|x> <https://evil|click> " + gpuQuestion

// env is one test's fake Slack, logs, and the adapters running against it.
type env struct {
	t    testing.TB
	fake *slackfake.Server
	logs *bottest.Buffer
	log  *slog.Logger
	// skew moves the adapter's clock (Options.Now) away from the real one.
	skew atomic.Int64
	// secrets must appear in no log line.
	secrets []string
	// httpBodies are the HTTP-mode responses racebot wrote, outgoing
	// payloads like those the fake records.
	mu         sync.Mutex
	httpBodies [][]byte
	// stop stops the adapter last started, waiting for its answers in
	// flight; the test's end calls it too.
	stop func()
}

func newEnv(t testing.TB) *env {
	t.Helper()
	e := &env{
		t:       t,
		fake:    slackfake.Start(t),
		logs:    &bottest.Buffer{},
		secrets: []string{slackfake.BotToken, slackfake.AppToken, slackfake.SigningSecret},
	}
	e.log = slog.New(slog.NewJSONHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// Registered before any adapter's cleanup, so it runs after the
	// adapters have stopped (cleanups run last registered first), and
	// before the fake closes.
	t.Cleanup(e.check)
	return e
}

// now is the adapter's clock.
func (e *env) now() time.Time { return time.Now().Add(time.Duration(e.skew.Load())) }

// chat is the bot.Chat a deployment would run, with an optional limiter.
func (e *env) chat(l *bot.Limiter) *bot.Chat {
	return bot.NewChat(starter(e.t), bot.ChatOptions{Limiter: l, Logger: e.log})
}

func (e *env) options(opts rslack.Options) rslack.Options {
	opts.Logger = e.log
	if opts.Now == nil {
		opts.Now = e.now
	}
	return opts
}

// check is what every test must hold at its end.
func (e *env) check() {
	t := e.t
	for _, f := range e.fake.Failures() {
		t.Errorf("the fake Slack refused or flagged: %s", f)
	}
	for i, m := range e.fake.Messages(nil) {
		if m.DeleteOriginal {
			continue
		}
		if err := slackfake.ValidateMessage(m.Text, m.Blocks); err != nil {
			t.Errorf("message %d (%s) breaks Slack's limits: %v", i, m.Via, err)
		}
	}
	e.mu.Lock()
	bodies := append(e.fake.Bodies(), e.httpBodies...)
	e.mu.Unlock()
	for _, b := range bodies {
		for _, s := range outgoingStrings(b) {
			if p := slackfake.Pingable(s); p != "" {
				t.Errorf("an outgoing payload holds the pingable token %q: %.300s", p, s)
			}
			if strings.Contains(s, "<https://evil") {
				t.Errorf("an outgoing payload links to the user's URL: %.300s", s)
			}
		}
	}
	logs := e.logs.String()
	for _, secret := range e.secrets {
		if strings.Contains(logs, secret) {
			t.Errorf("the logs hold the secret %q", secret)
		}
	}
	if t.Failed() {
		t.Logf("logs:\n%s", logs)
	}
}

// outgoingStrings is every string in a body racebot sent: the strings of a
// JSON document, or the values of a form and the strings of any JSON in
// them (chat.postMessage sends its blocks so).
func outgoingStrings(body []byte) []string {
	var v any
	if json.Unmarshal(body, &v) == nil {
		return jsonStrings(v, nil)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return []string{string(body)}
	}
	var out []string
	for _, vs := range form {
		for _, s := range vs {
			out = append(out, s)
			if json.Unmarshal([]byte(s), &v) == nil {
				out = jsonStrings(v, out)
			}
		}
	}
	return out
}

func jsonStrings(v any, out []string) []string {
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, x := range v {
			out = jsonStrings(x, out)
		}
	case map[string]any:
		for _, x := range v {
			out = jsonStrings(x, out)
		}
	}
	return out
}

// shown is everything a message shows: its text and every string of its
// blocks.
func shown(m slackfake.Message) string {
	var v any
	_ = json.Unmarshal(m.Blocks, &v)
	return m.Text + "\n" + strings.Join(jsonStrings(v, nil), "\n")
}

// button finds a button in a message's blocks.
func button(t testing.TB, m slackfake.Message, actionID string) (slackfake.Click, bool) {
	t.Helper()
	var blocks []struct {
		Type     string `json:"type"`
		BlockID  string `json:"block_id"`
		Elements []struct {
			Type     string `json:"type"`
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
		t.Fatalf("blocks: %v", err)
	}
	for _, b := range blocks {
		for _, el := range b.Elements {
			if b.Type == "actions" && el.Type == "button" && el.ActionID == actionID {
				return slackfake.Click{ActionID: el.ActionID, BlockID: b.BlockID, Value: el.Value}, true
			}
		}
	}
	return slackfake.Click{}, false
}

const shareAction = "racebot_share"

// wantAnswer checks that a message answers gpuQuestion with its figure
// and cites, as a link, an article the engine quotes for it.
func wantAnswer(t testing.TB, m slackfake.Message) {
	t.Helper()
	s := shown(m)
	if !strings.Contains(s, gpuFigure) {
		t.Errorf("the answer lacks %q: %.1000s", gpuFigure, s)
	}
	a, err := starter(t).Answer(context.Background(), gpuQuestion)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range a.Passages {
		c := p.Citation
		if c.Publisher != "" && strings.Contains(s, "<"+strings.ReplaceAll(c.URL, "&", "&amp;")+"|"+c.Publisher) {
			return
		}
	}
	t.Errorf("the answer cites none of the engine's articles as a link with its publisher: %.1500s", s)
}

// --- Socket Mode ---

// socketMode runs a Socket Mode adapter until the test ends, and waits
// for it to connect.
func (e *env) socketMode(h rslack.Handler, opts rslack.Options) {
	t := e.t
	t.Helper()
	a, err := rslack.NewSocketMode(rslack.Config{
		BotToken: slackfake.BotToken, AppToken: slackfake.AppToken, APIURL: e.fake.APIURL(),
	}, h, e.options(opts))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	var once sync.Once
	e.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Error("Run did not return within 15s of its context's end")
			}
		})
	}
	t.Cleanup(e.stop)
	if err := e.fake.WaitConnections(1, wait); err != nil {
		t.Fatal(err)
	}
}

// slash sends a slash command over the socket and waits for its
// acknowledgement, within Slack's three seconds, and for its reply.
func (e *env) slash(cmd slackfake.SlashCommand) (slackfake.Envelope, slackfake.Message) {
	t := e.t
	t.Helper()
	env, err := e.fake.SlashCommand(cmd)
	if err != nil {
		t.Fatal(err)
	}
	ack, err := e.fake.WaitAck(env.ID, ackWindow)
	if err != nil {
		t.Fatalf("%s %q: %v", cmd.Command, cmd.Text, err)
	}
	if d := ack.At.Sub(env.Sent); d > ackWindow {
		t.Errorf("%s %q acknowledged after %v, more than Slack's %v", cmd.Command, cmd.Text, d, ackWindow)
	}
	msgs, err := e.fake.WaitMessages(1, wait, slackfake.Reply(env))
	if err != nil {
		t.Fatalf("%s %q: %v", cmd.Command, cmd.Text, err)
	}
	if len(msgs) != 1 {
		t.Errorf("%s %q: %d replies, want 1", cmd.Command, cmd.Text, len(msgs))
	}
	return env, msgs[0]
}

// mention sends an app_mention asking question, checks that it is
// acknowledged within Slack's three seconds, and returns the reply in its
// thread.
func (e *env) mention(question string) slackfake.Message {
	t := e.t
	t.Helper()
	env, m, err := e.fake.AppMention(slackfake.Mention{Question: question}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.fake.WaitAck(env.ID, ackWindow); err != nil {
		t.Fatal(err)
	}
	msgs, err := e.fake.WaitMessages(1, wait, slackfake.InThread(m.Channel, m.TS))
	if err != nil {
		t.Fatal(err)
	}
	return msgs[0]
}

// slow answers after a delay, to push answers past the acknowledgement.
type slow struct {
	h rslack.Handler
	d time.Duration
}

func (s slow) Handle(ctx context.Context, req bot.Request) bot.Reply {
	select {
	case <-time.After(s.d):
	case <-ctx.Done():
	}
	return s.h.Handle(ctx, req)
}

// panicky panics on requests whose text holds trigger.
type panicky struct {
	h       rslack.Handler
	trigger string
	panics  atomic.Int32
}

func (p *panicky) Handle(ctx context.Context, req bot.Request) bot.Reply {
	if strings.Contains(req.Text, p.trigger) {
		p.panics.Add(1)
		panic("test panic: " + req.Text)
	}
	return p.h.Handle(ctx, req)
}

// counting counts the requests that reach the handler.
type counting struct {
	h rslack.Handler
	n atomic.Int32
}

func (c *counting) Handle(ctx context.Context, req bot.Request) bot.Reply {
	c.n.Add(1)
	return c.h.Handle(ctx, req)
}

func TestSocketModeSlashCommands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		cmd      string
		text     string
		slow     bool          // the answer misses the ack and goes to the response_url
		slowWith time.Duration // with the default AckWait, how slow
		want     []string      // in what the reply shows
		share    bool          // has a Share in channel button
		viaReply string        // "ack" or "response_url"
	}{
		{name: "ask", cmd: "/ask", text: gpuQuestion, want: []string{gpuFigure, "<https://"}, share: true, viaReply: "ack"},
		{name: "ask slow", cmd: "/ask", text: gpuQuestion, slow: true, want: []string{gpuFigure, "<https://"}, share: true, viaReply: "response_url"},
		{name: "slower than the default AckWait", cmd: "/ask", text: gpuQuestion, slowWith: 2500 * time.Millisecond, want: []string{gpuFigure}, share: true, viaReply: "response_url"},
		{name: "racebot ask", cmd: "/racebot", text: "ask " + gpuQuestion, want: []string{gpuFigure}, share: true, viaReply: "ack"},
		{name: "figures", cmd: "/figures", text: "DeepSeek GPUs", want: []string{"50,000"}, share: true, viaReply: "ack"},
		{name: "sources", cmd: "/sources", text: "", want: []string{"articles I answer from", "<https://"}, share: true, viaReply: "ack"},
		{name: "help", cmd: "/help", text: "", want: []string{"/ask"}, viaReply: "ack"},
		{name: "empty ask is help", cmd: "/ask", text: "  ", want: []string{"/ask"}, viaReply: "ack"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			var h rslack.Handler = e.chat(nil)
			opts := rslack.Options{}
			switch {
			case tt.slow:
				h, opts.AckWait = slow{h, 300 * time.Millisecond}, 50*time.Millisecond
			case tt.slowWith > 0:
				h = slow{h, tt.slowWith}
			}
			e.socketMode(h, opts)
			env, m := e.slash(slackfake.SlashCommand{Command: tt.cmd, Text: tt.text})
			if m.Via != tt.viaReply {
				t.Errorf("answered by %s, want %s", m.Via, tt.viaReply)
			}
			if tt.viaReply == "response_url" {
				if a, _ := e.fake.WaitAck(env.ID, 0); len(a.Payload) > 0 && string(a.Payload) != "null" {
					t.Errorf("the ack of a late answer has a payload: %s", a.Payload)
				}
			}
			if m.ResponseType != "ephemeral" {
				t.Errorf("response_type %q, want ephemeral: answers are private until shared", m.ResponseType)
			}
			s := shown(m)
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("the reply lacks %q: %.1500s", w, s)
				}
			}
			if _, ok := button(t, m, shareAction); ok != tt.share {
				t.Errorf("share button shown: %v, want %v", ok, tt.share)
			}
		})
	}
}

// fixed always gives the same reply.
type fixed bot.Reply

func (f fixed) Handle(context.Context, bot.Request) bot.Reply { return bot.Reply(f) }

// TestSocketModeLargeReplies sends replies far beyond Slack's limits: each
// is cut to fit (the fake refuses anything over a limit), and one too
// large for a Socket Mode acknowledgement (20 KiB) goes to the
// response_url instead.
func TestSocketModeLargeReplies(t *testing.T) {
	t.Parallel()
	var sources []bot.Source
	for i := range 500 {
		sources = append(sources, bot.Source{
			Doc: fmt.Sprint("doc-", i), Title: strings.Repeat("A long title <!channel> & more ", 10), Publisher: "Publisher",
			URL: "https://example.com/" + strings.Repeat("x", i),
		})
	}
	tests := []struct {
		name  string
		reply bot.Reply
		via   string
	}{
		{"a megabyte of help", bot.Reply{Kind: bot.ReplyHelp, Text: strings.Repeat("word ", 1<<18)}, "ack"},
		{"a megabyte of notice", bot.Reply{Kind: bot.ReplyNotice, Text: strings.Repeat("notice ", 1<<17)}, "ack"},
		// Three bytes a character, and < and > that grow in JSON: over
		// 20 KiB once encoded.
		{"help too large to ack", bot.Reply{Kind: bot.ReplyHelp, Text: strings.Repeat("数字<> ", 1<<17)}, "response_url"},
		{"500 sources", bot.Reply{Kind: bot.ReplySources, Sources: sources}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.socketMode(fixed(tt.reply), rslack.Options{})
			_, m := e.slash(slackfake.SlashCommand{Command: "/help"})
			if tt.via != "" && m.Via != tt.via {
				t.Errorf("sent by %s, want %s (%d bytes)", m.Via, tt.via, len(m.Raw))
			}
			if m.Invalid != nil {
				t.Errorf("refused: %v", m.Invalid)
			}
			if len(m.Blocks) < 100 {
				t.Errorf("blocks: %s", m.Blocks)
			}
		})
	}
}

// TestSocketModeShare answers /ask privately, then clicks Share in channel:
// the answer is posted for the channel and the private copy deleted.
func TestSocketModeShare(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.socketMode(e.chat(nil), rslack.Options{})
	_, m := e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion})
	wantAnswer(t, m)
	click, ok := button(t, m, shareAction)
	if !ok {
		t.Fatalf("no Share in channel button: %s", m.Blocks)
	}
	click.Ephemeral = true
	click.MessageTS = "1700000500.000100" // the same message for both clicks
	env, err := e.fake.BlockAction(click)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.fake.WaitAck(env.ID, ackWindow); err != nil {
		t.Fatal(err)
	}
	msgs, err := e.fake.WaitMessages(2, wait, slackfake.To(env.ResponseURL))
	if err != nil {
		t.Fatal(err)
	}
	shared, del := msgs[0], msgs[1]
	if shared.ResponseType != "in_channel" {
		t.Errorf("shared with response_type %q, want in_channel", shared.ResponseType)
	}
	wantAnswer(t, shared)
	if _, ok := button(t, shared, shareAction); ok {
		t.Error("the shared answer still has a Share button")
	}
	if !del.DeleteOriginal {
		t.Errorf("the private copy was not deleted: %+v", del)
	}

	// A second click on the same message shares nothing more.
	env2, err := e.fake.BlockAction(click)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.fake.WaitAck(env2.ID, ackWindow); err != nil {
		t.Fatal(err)
	}
	// Then a command, answered after the second click was handled or
	// dropped; nothing for that click may have come by then.
	e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion})
	if got := e.fake.Messages(slackfake.To(env2.ResponseURL)); len(got) != 0 {
		t.Errorf("the message was shared again: %d posts", len(got))
	}
}

func TestSocketModeMentions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		mention  slackfake.Mention
		want     []string
		noAnswer bool
	}{
		{name: "in channel", mention: slackfake.Mention{Question: gpuQuestion}, want: []string{gpuFigure, "<https://"}},
		{name: "in a thread", mention: slackfake.Mention{Question: gpuQuestion, ThreadTS: "1699999999.000100"}, want: []string{gpuFigure}},
		{name: "mention mid-message", mention: slackfake.Mention{Text: "hey <@" + slackfake.BotUserID + "|racebot> " + gpuQuestion}, want: []string{gpuFigure}},
		{name: "help", mention: slackfake.Mention{Question: "help"}, want: []string{"/ask"}},
		{name: "from a bot", mention: slackfake.Mention{Question: gpuQuestion, BotID: "B999"}, noAnswer: true},
		{name: "from racebot itself", mention: slackfake.Mention{Question: gpuQuestion, User: slackfake.BotUserID}, noAnswer: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.socketMode(e.chat(nil), rslack.Options{})
			env, m, err := e.fake.AppMention(tt.mention, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.fake.WaitAck(env.ID, ackWindow); err != nil {
				t.Fatal(err)
			}
			thread := m.TS
			if m.ThreadTS != "" {
				thread = m.ThreadTS
			}
			if tt.noAnswer {
				// A later mention is answered; by then the first would
				// have been too.
				_, m2, err := e.fake.AppMention(slackfake.Mention{Question: gpuQuestion}, 0)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := e.fake.WaitMessages(1, wait, slackfake.InThread(slackfake.Channel, m2.TS)); err != nil {
					t.Fatal(err)
				}
				if got := e.fake.Messages(slackfake.InThread(slackfake.Channel, thread)); len(got) != 0 {
					t.Errorf("answered a mention it should ignore: %s", shown(got[0]))
				}
				return
			}
			msgs, err := e.fake.WaitMessages(1, wait, slackfake.InThread(m.Channel, thread))
			if err != nil {
				t.Fatalf("no reply in the thread %s: %v; sent: %+v", thread, err, e.fake.Messages(nil))
			}
			s := shown(msgs[0])
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("the reply lacks %q: %.1500s", w, s)
				}
			}
			if _, ok := button(t, msgs[0], shareAction); ok {
				t.Error("a public reply has a Share button")
			}
			calls, err := e.fake.WaitCalls("chat.postMessage", 1, wait)
			if err != nil {
				t.Fatal(err)
			}
			call := calls[0]
			if call.Form.Get("unfurl_links") != "false" || call.Form.Get("unfurl_media") != "false" {
				t.Errorf("link previews are not turned off: %v", call.Form)
			}
		})
	}
}

// TestSocketModeEventRetries redelivers a mention, as Slack does when it
// thinks the first delivery was not acknowledged: one reply only.
func TestSocketModeEventRetries(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	h := &counting{h: e.chat(nil)}
	e.socketMode(h, rslack.Options{})
	env, m, err := e.fake.AppMention(slackfake.Mention{Question: gpuQuestion}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.fake.WaitAck(env.ID, ackWindow); err != nil {
		t.Fatal(err)
	}
	for attempt := 1; attempt <= 3; attempt++ {
		env, _, err := e.fake.AppMention(m, attempt)
		if err != nil {
			t.Fatal(err)
		}
		// Retries are acknowledged too, or Slack keeps retrying.
		if _, err := e.fake.WaitAck(env.ID, ackWindow); err != nil {
			t.Fatal(err)
		}
	}
	// A fresh mention sent after the retries is answered after they were
	// dispatched.
	_, m2, err := e.fake.AppMention(slackfake.Mention{Question: gpuQuestion}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.fake.WaitMessages(1, wait, slackfake.InThread(slackfake.Channel, m2.TS)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let a wrongly started second answer land
	if got := e.fake.Messages(slackfake.InThread(m.Channel, m.TS)); len(got) != 1 {
		t.Errorf("%d replies to one mention delivered 4 times, want 1", len(got))
	}
	if n := h.n.Load(); n != 2 {
		t.Errorf("the handler was asked %d times for 2 distinct mentions", n)
	}
}

// TestSocketModeReconnects drops the connection, or has Slack ask for a
// new one: the client connects again and the next command is answered.
func TestSocketModeReconnects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		drop func(*slackfake.Server) error
	}{
		{"dropped", (*slackfake.Server).DropConnection},
		{"refresh_requested", func(s *slackfake.Server) error { return s.Disconnect("refresh_requested") }},
		{"warning", func(s *slackfake.Server) error { return s.Disconnect("warning") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.socketMode(e.chat(nil), rslack.Options{})
			_, m := e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion})
			wantAnswer(t, m)
			for i := 2; i <= 3; i++ {
				if err := tt.drop(e.fake); err != nil {
					t.Fatal(err)
				}
				if err := e.fake.WaitConnections(i, wait); err != nil {
					t.Fatal(err)
				}
				_, m := e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion})
				wantAnswer(t, m)
				// Mentions too.
				e.mention(gpuQuestion)
			}
			if n := e.fake.Opens(); n != 3 {
				t.Errorf("%d calls to apps.connections.open, want 3", n)
			}
		})
	}
}

// TestSocketModeRunAgain has Slack refuse the Socket Mode connection: Run
// returns the error, and the same adapter, run again as racebot serve does,
// answers as if nothing had happened.
func TestSocketModeRunAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.fake.RefuseOpens("invalid_auth")
	a, err := rslack.NewSocketMode(rslack.Config{
		BotToken: slackfake.BotToken, AppToken: slackfake.AppToken, APIURL: e.fake.APIURL(),
	}, e.chat(nil), e.options(rslack.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := make(chan error, 1)
	go func() { first <- a.Run(ctx) }()
	select {
	case err := <-first:
		if err == nil || !strings.Contains(err.Error(), "invalid_auth") {
			t.Fatalf("Run after a refused connection: %v, want an invalid_auth error", err)
		}
	case <-time.After(wait):
		t.Fatal("Run did not return after Slack refused the connection")
	}

	second := make(chan error, 1)
	go func() { second <- a.Run(ctx) }()
	if err := e.fake.WaitConnections(1, wait); err != nil {
		t.Fatal(err)
	}
	_, m := e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion})
	wantAnswer(t, m)
	e.mention(gpuQuestion)
	cancel()
	select {
	case err := <-second:
		if err != nil {
			t.Errorf("Run after its context ended: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Error("Run did not return within 15s of its context's end")
	}
}

// TestSocketModePanic has the handler panic on one request: the user gets
// an apology, the panic is logged, and the same connection answers the
// next command.
func TestSocketModePanic(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	h := &panicky{h: e.chat(nil), trigger: "explode"}
	e.socketMode(h, rslack.Options{})

	_, m := e.slash(slackfake.SlashCommand{Command: "/ask", Text: "please explode"})
	if s := shown(m); !strings.Contains(s, "Sorry, something went wrong") {
		t.Errorf("no apology after a panic: %s", s)
	}
	// A mention that panics gets an apology in its thread.
	if s := shown(e.mention("explode again")); !strings.Contains(s, "Sorry, something went wrong") {
		t.Errorf("no apology after a panic: %s", s)
	}
	// A share that panics.
	env, err := e.fake.BlockAction(slackfake.Click{ActionID: shareAction, BlockID: shareAction, Value: "ask:explode thrice"})
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := e.fake.WaitMessages(1, wait, slackfake.To(env.ResponseURL))
	if err != nil {
		t.Fatal(err)
	}
	if msgs[0].ResponseType == "in_channel" {
		t.Errorf("an apology was shared in the channel: %s", shown(msgs[0]))
	}

	_, m = e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion})
	wantAnswer(t, m)
	if n := h.panics.Load(); n != 3 {
		t.Errorf("%d panics, want 3", n)
	}
	if n := e.fake.Opens(); n != 1 {
		t.Errorf("%d connections opened: a panic cost the connection", n)
	}
	if logs := e.logs.String(); !strings.Contains(logs, "panic while answering") || !strings.Contains(logs, "test panic") {
		t.Error("the panic was not logged")
	}
}

// TestSocketModeRateLimits: racebot's own limiter answers the burst+1th
// question with a polite notice, and a 429 from Slack on chat.postMessage
// or a response_url is waited out and retried.
func TestSocketModeRateLimits(t *testing.T) {
	t.Parallel()
	t.Run("limiter", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		const burst = 3
		e.socketMode(e.chat(bot.NewLimiter(bot.Rate{Burst: burst, Every: time.Hour}, bot.Rate{})), rslack.Options{})
		for range burst {
			_, m := e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion})
			wantAnswer(t, m)
		}
		_, m := e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion})
		s := shown(m)
		if !strings.Contains(s, "try again") || strings.Contains(s, gpuFigure) {
			t.Errorf("question %d of a burst of %d: %s", burst+1, burst, s)
		}
		if m.ResponseType != "ephemeral" {
			t.Errorf("a rate-limit notice with response_type %q", m.ResponseType)
		}
		// Another user is not limited.
		_, m = e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion, User: "U2"})
		wantAnswer(t, m)
	})
	for _, retryAfter := range []string{"1", ""} {
		t.Run("chat.postMessage 429 Retry-After="+retryAfter, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.socketMode(e.chat(nil), rslack.Options{})
			e.fake.RateLimitNext("chat.postMessage", 1, retryAfter)
			wantAnswer(t, e.mention(gpuQuestion))
			calls, err := e.fake.WaitCalls("chat.postMessage", 2, wait)
			if err != nil {
				t.Fatal(err)
			}
			if len(calls) != 2 || calls[0].Status != http.StatusTooManyRequests || calls[1].Status != http.StatusOK {
				t.Fatalf("calls: %+v", calls)
			}
			if gap := calls[1].At.Sub(calls[0].At); gap < 900*time.Millisecond {
				t.Errorf("retried after %v, before the 1s Slack asked for", gap)
			}
		})
	}
	t.Run("response_url 429", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		e.socketMode(e.chat(nil), rslack.Options{})
		e.fake.RateLimitNext("response_url", 1, "1")
		env, err := e.fake.BlockAction(slackfake.Click{ActionID: shareAction, BlockID: shareAction, Value: "ask:" + gpuQuestion})
		if err != nil {
			t.Fatal(err)
		}
		msgs, err := e.fake.WaitMessages(2, wait, slackfake.To(env.ResponseURL))
		if err != nil {
			t.Fatal(err)
		}
		if msgs[0].ResponseType != "in_channel" {
			t.Errorf("shared with response_type %q", msgs[0].ResponseType)
		}
		wantAnswer(t, msgs[0])
	})
}

// TestHostileQuestion asks a question full of mentions and links every
// way racebot can be asked: nothing it sends may ping or link (env.check
// inspects every payload).
func TestHostileQuestion(t *testing.T) {
	t.Parallel()
	t.Run("socket mode", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		e.socketMode(e.chat(nil), rslack.Options{})
		for _, cmd := range []string{"/ask", "/figures", "/sources", "/racebot"} {
			_, m := e.slash(slackfake.SlashCommand{Command: cmd, Text: hostile})
			if click, ok := button(t, m, shareAction); ok {
				env, err := e.fake.BlockAction(click)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := e.fake.WaitMessages(1, wait, slackfake.To(env.ResponseURL)); err != nil {
					t.Fatal(err)
				}
			}
		}
		_, m, err := e.fake.AppMention(slackfake.Mention{Question: hostile}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.fake.WaitMessages(1, wait, slackfake.InThread(m.Channel, m.TS)); err != nil {
			t.Fatal(err)
		}
		checkNoPings(t, e)
	})
	t.Run("socket mode, late answer", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		e.socketMode(slow{e.chat(nil), 200 * time.Millisecond}, rslack.Options{AckWait: 20 * time.Millisecond})
		_, m := e.slash(slackfake.SlashCommand{Command: "/ask", Text: hostile})
		if m.Via != "response_url" {
			t.Errorf("answered by %s", m.Via)
		}
		checkNoPings(t, e)
	})
	t.Run("http", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		srv := e.httpMode(e.chat(nil), rslack.Options{})
		respURL := e.fake.NewResponseURL()
		form := slackfake.SlashCommandForm(slackfake.SlashCommand{Command: "/ask", Text: hostile}, respURL)
		status, body := e.post(srv.URL+"/slack/commands", "application/x-www-form-urlencoded", []byte(form), time.Now(), nil)
		if status != http.StatusOK {
			t.Fatalf("status %d, body %q", status, body)
		}
		if len(body) == 0 { // a late answer
			if _, err := e.fake.WaitMessages(1, wait, slackfake.To(respURL)); err != nil {
				t.Fatal(err)
			}
		}
		mention := e.fake.NewMention(slackfake.Mention{Question: hostile})
		if status, _ := e.post(srv.URL+"/slack/events", "application/json", slackfake.EventCallback(mention), time.Now(), nil); status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		if _, err := e.fake.WaitMessages(1, wait, slackfake.InThread(mention.Channel, mention.TS)); err != nil {
			t.Fatal(err)
		}
		checkNoPings(t, e)
	})
}

// checkNoPings checks now what env.check checks at the end, so that a
// failure points at the test that caused it, and that the checks saw the
// hostile text at all.
func checkNoPings(t *testing.T, e *env) {
	t.Helper()
	e.mu.Lock()
	bodies := append(e.fake.Bodies(), e.httpBodies...)
	e.mu.Unlock()
	sawQuestion := false
	for _, b := range bodies {
		if p := slackfake.PingableIn(b); p != "" {
			t.Errorf("a payload holds the pingable token %q", p)
		}
		for _, s := range outgoingStrings(b) {
			if p := slackfake.Pingable(s); p != "" {
				t.Errorf("a payload holds the pingable token %q", p)
			}
			if strings.Contains(s, "&lt;!channel&gt;") {
				sawQuestion = true // the question is echoed, escaped
			}
		}
	}
	if !sawQuestion {
		t.Error("no payload echoed the question: the check saw nothing to check")
	}
}

// --- HTTP mode ---

// httpMode serves an HTTP-mode adapter until the test ends.
func (e *env) httpMode(h rslack.Handler, opts rslack.Options) *httptest.Server {
	t := e.t
	t.Helper()
	a, err := rslack.NewHTTP(rslack.Config{
		BotToken: slackfake.BotToken, SigningSecret: slackfake.SigningSecret, APIURL: e.fake.APIURL(),
	}, h, e.options(opts))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/slack/commands", a.Commands())
	mux.Handle("/slack/events", a.Events())
	mux.Handle("/slack/interactive", a.Interactive())
	srv := httptest.NewServer(mux)
	var once sync.Once
	e.stop = func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), wait)
			defer cancel()
			if err := a.Shutdown(ctx); err != nil {
				t.Errorf("Shutdown: %v", err)
			}
		})
	}
	t.Cleanup(func() {
		srv.Close()
		e.stop()
	})
	return srv
}

// post sends a request signed at the time at, as Slack would, after
// letting tamper change it, and returns the status and body.
func (e *env) post(u, contentType string, body []byte, at time.Time, tamper func(*http.Request)) (int, []byte) {
	t := e.t
	t.Helper()
	req, err := slackfake.SignedRequest(u, slackfake.SigningSecret, at, contentType, body)
	if err != nil {
		t.Fatal(err)
	}
	if tamper != nil {
		tamper(req)
	}
	client := &http.Client{Timeout: wait}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	e.mu.Lock()
	e.httpBodies = append(e.httpBodies, b)
	e.mu.Unlock()
	return res.StatusCode, b
}

// responseBody is a slash command's answer in the HTTP response.
type responseBody struct {
	ResponseType string          `json:"response_type"`
	Text         string          `json:"text"`
	Blocks       json.RawMessage `json:"blocks"`
}

func TestHTTPSlashCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		slow bool
	}{
		{"answer in the response", false},
		{"answer through the response_url", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			var h rslack.Handler = e.chat(nil)
			opts := rslack.Options{}
			if tt.slow {
				h, opts.AckWait = slow{h, 300 * time.Millisecond}, 50*time.Millisecond
			}
			srv := e.httpMode(h, opts)
			respURL := e.fake.NewResponseURL()
			form := slackfake.SlashCommandForm(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion}, respURL)
			start := time.Now()
			status, body := e.post(srv.URL+"/slack/commands", "application/x-www-form-urlencoded", []byte(form), time.Now(), nil)
			if d := time.Since(start); d > ackWindow {
				t.Errorf("answered the request after %v, more than Slack's %v", d, ackWindow)
			}
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			var m slackfake.Message
			if !tt.slow {
				var r responseBody
				if err := json.Unmarshal(body, &r); err != nil {
					t.Fatalf("response %q: %v", body, err)
				}
				m = slackfake.Message{Via: "http", ResponseType: r.ResponseType, Text: r.Text, Blocks: r.Blocks}
				if err := slackfake.ValidateMessage(m.Text, m.Blocks); err != nil {
					t.Errorf("the response breaks Slack's limits: %v", err)
				}
			} else {
				if len(body) != 0 {
					t.Errorf("a late answer's response has a body: %q", body)
				}
				msgs, err := e.fake.WaitMessages(1, wait, slackfake.To(respURL))
				if err != nil {
					t.Fatal(err)
				}
				m = msgs[0]
			}
			if m.ResponseType != "ephemeral" {
				t.Errorf("response_type %q, want ephemeral", m.ResponseType)
			}
			wantAnswer(t, m)
			click, ok := button(t, m, shareAction)
			if !ok {
				t.Fatal("no Share in channel button")
			}

			// Share it, through the interactivity endpoint.
			clickURL := e.fake.NewResponseURL()
			click.MessageTS = "1700000001.000100"
			status, body = e.post(srv.URL+"/slack/interactive", "application/x-www-form-urlencoded",
				[]byte(slackfake.BlockActionsForm(click, clickURL)), time.Now(), nil)
			if status != http.StatusOK {
				t.Fatalf("click: status %d: %s", status, body)
			}
			msgs, err := e.fake.WaitMessages(2, wait, slackfake.To(clickURL))
			if err != nil {
				t.Fatal(err)
			}
			if msgs[0].ResponseType != "in_channel" || !msgs[1].DeleteOriginal {
				t.Errorf("share: %s then delete_original=%v", msgs[0].ResponseType, msgs[1].DeleteOriginal)
			}
			wantAnswer(t, msgs[0])
		})
	}
}

// TestHTTPSSLCheck: Slack's certificate check on the commands URL gets a
// 200 and asks nothing of the bot.
func TestHTTPSSLCheck(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	h := &counting{h: e.chat(nil)}
	srv := e.httpMode(h, rslack.Options{})
	status, body := e.post(srv.URL+"/slack/commands", "application/x-www-form-urlencoded", []byte("ssl_check=1&token=fake-verification-token"), time.Now(), nil)
	if status != http.StatusOK || len(body) != 0 {
		t.Errorf("status %d, body %q: want 200 and nothing", status, body)
	}
	if n := h.n.Load(); n != 0 {
		t.Errorf("the handler was asked %d times", n)
	}
}

func TestHTTPEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	h := &counting{h: e.chat(nil)}
	srv := e.httpMode(h, rslack.Options{})

	t.Run("url_verification", func(t *testing.T) {
		const challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
		status, body := e.post(srv.URL+"/slack/events", "application/json", slackfake.URLVerification(challenge), time.Now(), nil)
		if status != http.StatusOK || !strings.Contains(string(body), challenge) {
			t.Errorf("status %d, body %q: want 200 and the challenge", status, body)
		}
	})
	t.Run("app_mention and its retries", func(t *testing.T) {
		m := e.fake.NewMention(slackfake.Mention{Question: gpuQuestion})
		body := slackfake.EventCallback(m)
		if status, b := e.post(srv.URL+"/slack/events", "application/json", body, time.Now(), nil); status != http.StatusOK {
			t.Fatalf("status %d: %s", status, b)
		}
		msgs, err := e.fake.WaitMessages(1, wait, slackfake.InThread(m.Channel, m.TS))
		if err != nil {
			t.Fatal(err)
		}
		wantAnswer(t, msgs[0])
		for retry := 1; retry <= 2; retry++ {
			status, b := e.post(srv.URL+"/slack/events", "application/json", body, time.Now(), func(r *http.Request) {
				r.Header.Set("X-Slack-Retry-Num", fmt.Sprint(retry))
				r.Header.Set("X-Slack-Retry-Reason", "http_timeout")
			})
			if status != http.StatusOK {
				t.Fatalf("retry %d: status %d: %s", retry, status, b)
			}
		}
		// Retries are handled before the request returns: nothing more
		// may come.
		time.Sleep(100 * time.Millisecond)
		if got := e.fake.Messages(slackfake.InThread(m.Channel, m.TS)); len(got) != 1 {
			t.Errorf("%d replies to a mention delivered 3 times", len(got))
		}
	})
	t.Run("a mention in a thread", func(t *testing.T) {
		m := e.fake.NewMention(slackfake.Mention{Question: gpuQuestion, ThreadTS: "1699999000.000100"})
		if status, b := e.post(srv.URL+"/slack/events", "application/json", slackfake.EventCallback(m), time.Now(), nil); status != http.StatusOK {
			t.Fatalf("status %d: %s", status, b)
		}
		if _, err := e.fake.WaitMessages(1, wait, slackfake.InThread(m.Channel, m.ThreadTS)); err != nil {
			t.Fatal(err)
		}
	})
}

// TestHTTPSignatures sends requests Slack did not sign, or signed too long
// ago, to every endpoint: each gets 401, and nothing is answered or
// posted.
func TestHTTPSignatures(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	h := &counting{h: e.chat(nil)}
	srv := e.httpMode(h, rslack.Options{})

	type request struct {
		path, contentType string
		body              []byte
	}
	mention := e.fake.NewMention(slackfake.Mention{Question: gpuQuestion})
	requests := []request{
		{"/slack/commands", "application/x-www-form-urlencoded",
			[]byte(slackfake.SlashCommandForm(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion}, e.fake.NewResponseURL()))},
		{"/slack/events", "application/json", slackfake.EventCallback(mention)},
		{"/slack/events", "application/json", slackfake.URLVerification("challenge")},
		{"/slack/interactive", "application/x-www-form-urlencoded",
			[]byte(slackfake.BlockActionsForm(slackfake.Click{ActionID: shareAction, BlockID: shareAction, Value: "ask:" + gpuQuestion, MessageTS: "1.2"}, e.fake.NewResponseURL()))},
	}
	tests := []struct {
		name   string
		at     time.Duration // when the request was signed, from now
		skew   time.Duration // how far the adapter's clock is ahead
		tamper func(*http.Request)
	}{
		{name: "forged", tamper: func(r *http.Request) {
			ts := r.Header.Get("X-Slack-Request-Timestamp")
			body, _ := io.ReadAll(r.Body)
			r.Header.Set("X-Slack-Signature", slackfake.Sign("not-the-signing-secret", ts, body))
			r.Body = io.NopCloser(bytes.NewReader(body))
		}},
		{name: "tampered body", tamper: func(r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			body = bytes.Replace(body, []byte("DeepSeek"), []byte("DeepFake"), 1)
			body = append(body, ' ')
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		}},
		{name: "no signature", tamper: func(r *http.Request) { r.Header.Del("X-Slack-Signature") }},
		{name: "no timestamp", tamper: func(r *http.Request) { r.Header.Del("X-Slack-Request-Timestamp") }},
		{name: "no headers", tamper: func(r *http.Request) {
			r.Header.Del("X-Slack-Signature")
			r.Header.Del("X-Slack-Request-Timestamp")
		}},
		{name: "malformed signature", tamper: func(r *http.Request) { r.Header.Set("X-Slack-Signature", "v0=zz") }},
		{name: "v1 signature", tamper: func(r *http.Request) {
			r.Header.Set("X-Slack-Signature", "v1="+strings.TrimPrefix(r.Header.Get("X-Slack-Signature"), "v0="))
		}},
		{name: "timestamp changed", tamper: func(r *http.Request) {
			ts, _ := strconv.ParseInt(r.Header.Get("X-Slack-Request-Timestamp"), 10, 64)
			r.Header.Set("X-Slack-Request-Timestamp", fmt.Sprint(ts-1))
		}},
		{name: "stale (adapter clock 6 minutes ahead)", skew: 6 * time.Minute},
		{name: "signed 6 minutes ago", at: -6 * time.Minute},
		{name: "signed 6 minutes ahead", at: 6 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.skew.Store(int64(tt.skew))
			defer e.skew.Store(0)
			for _, r := range requests {
				status, body := e.post(srv.URL+r.path, r.contentType, r.body, time.Now().Add(tt.at), tt.tamper)
				if status != http.StatusUnauthorized {
					t.Errorf("%s: status %d, want 401; body %q", r.path, status, body)
				}
				if strings.Contains(string(body), "challenge") {
					t.Errorf("%s: answered the challenge of an unsigned request", r.path)
				}
			}
		})
	}
	// A correctly signed request just inside the window is taken: the
	// check is not refusing everything.
	t.Run("signed 4 minutes ago", func(t *testing.T) {
		status, body := e.post(srv.URL+"/slack/events", "application/json", slackfake.URLVerification("fresh"), time.Now().Add(-4*time.Minute), nil)
		if status != http.StatusOK || !strings.Contains(string(body), "fresh") {
			t.Errorf("status %d, body %q", status, body)
		}
	})
	time.Sleep(100 * time.Millisecond) // anything wrongly started would land
	if n := h.n.Load(); n != 0 {
		t.Errorf("the handler was asked %d times by unsigned requests", n)
	}
	if msgs := e.fake.Messages(nil); len(msgs) != 0 {
		t.Errorf("%d messages sent for unsigned requests, the first by %s", len(msgs), msgs[0].Via)
	}
	if calls := e.fake.Calls(""); slices.ContainsFunc(calls, func(c slackfake.Call) bool { return c.Method != "auth.test" }) {
		t.Errorf("Web API calls for unsigned requests: %+v", calls)
	}
}

// TestNoSecretsInLogs makes every kind of call fail, and checks that the
// logs, at debug level, say so without any token, signing secret or
// response_url.
func TestNoSecretsInLogs(t *testing.T) {
	t.Parallel()
	t.Run("socket mode", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		e.socketMode(e.chat(nil), rslack.Options{})
		// chat.postMessage rate-limited on every one of the adapter's five
		// attempts.
		const attempts = 5
		e.fake.RateLimitNext("chat.postMessage", attempts, "0")
		_, m, err := e.fake.AppMention(slackfake.Mention{Question: gpuQuestion}, 0)
		if err != nil {
			t.Fatal(err)
		}
		// A response_url rate-limited on every attempt.
		e.fake.RateLimitNext("response_url", attempts, "0")
		if _, err := e.fake.BlockAction(slackfake.Click{ActionID: shareAction, BlockID: shareAction, Value: "ask:" + gpuQuestion}); err != nil {
			t.Fatal(err)
		}
		if !waitLog(e, `"op":"chat.postMessage"`) || !waitLog(e, `"op":"response_url"`) {
			t.Errorf("the failures were not logged:\n%s", e.logs.String())
		}
		// A button racebot does not know.
		env, err := e.fake.BlockAction(slackfake.Click{ActionID: shareAction, BlockID: shareAction, Value: "nonsense"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.fake.WaitMessages(1, wait, slackfake.To(env.ResponseURL)); err != nil {
			t.Fatal(err)
		}
		if err := e.fake.DropConnection(); err != nil {
			t.Fatal(err)
		}
		if err := e.fake.WaitConnections(2, wait); err != nil {
			t.Fatal(err)
		}
		_, reply := e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion})
		wantAnswer(t, reply)
		if got := e.fake.Messages(slackfake.InThread(m.Channel, m.TS)); len(got) != 0 {
			t.Errorf("a reply came through a rate limit that never ended")
		}
	})
	t.Run("refused tokens", func(t *testing.T) {
		t.Parallel()
		for _, cfg := range []rslack.Config{
			{BotToken: "xoxb-wrong-bot-token-1234", AppToken: slackfake.AppToken},
			{BotToken: slackfake.BotToken, AppToken: "xapp-wrong-app-token-5678"},
		} {
			e := newEnv(t)
			e.secrets = append(e.secrets, cfg.BotToken, cfg.AppToken)
			cfg.APIURL = e.fake.APIURL()
			a, err := rslack.NewSocketMode(cfg, e.chat(nil), e.options(rslack.Options{}))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), wait)
			err = a.Run(ctx)
			cancel()
			if err == nil {
				t.Errorf("Run with a wrong token returned nil")
			} else if strings.Contains(err.Error(), cfg.BotToken) || strings.Contains(err.Error(), cfg.AppToken) {
				t.Errorf("Run's error holds a token: %v", err)
			}
			if !strings.Contains(e.logs.String(), "invalid_auth") {
				t.Errorf("the refusal was not logged:\n%s", e.logs.String())
			}
		}
	})
	t.Run("http", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		srv := e.httpMode(slow{e.chat(nil), 100 * time.Millisecond}, rslack.Options{AckWait: 10 * time.Millisecond})
		// A response_url nobody listens on: the error must not show it.
		dead := "http://127.0.0.1:1/commands/T1/1234/secret-response-url-part"
		e.secrets = append(e.secrets, "secret-response-url-part")
		form := slackfake.SlashCommandForm(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion}, dead)
		if status, b := e.post(srv.URL+"/slack/commands", "application/x-www-form-urlencoded", []byte(form), time.Now(), nil); status != http.StatusOK {
			t.Fatalf("status %d: %s", status, b)
		}
		// A bad signature.
		e.post(srv.URL+"/slack/commands", "application/x-www-form-urlencoded", []byte(form), time.Now(), func(r *http.Request) {
			r.Header.Set("X-Slack-Signature", slackfake.Sign(slackfake.SigningSecret+"x", r.Header.Get("X-Slack-Request-Timestamp"), []byte(form)))
		})
		if !waitLog(e, `"op":"response_url"`) || !waitLog(e, "refused a request not signed by Slack") {
			t.Errorf("the failures were not logged:\n%s", e.logs.String())
		}
	})
}

// waitLog waits for the logs to hold s.
func waitLog(e *env, s string) bool {
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		if strings.Contains(e.logs.String(), s) {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// starter returns the shared engine over the embedded corpus.
func starter(t testing.TB) *bot.Engine { return bottest.Starter(t) }

// TestTypedMarkupIsEscapedOnce: Slack sends what a user types with &, <
// and > escaped; racebot reads it as typed and escapes it once when it
// shows the question, in a slash command and in a mention alike.
func TestTypedMarkupIsEscapedOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.socketMode(e.chat(nil), rslack.Options{})
	const typed = "nvidia R&D <b>spending</b> 2025"
	_, slash := e.slash(slackfake.SlashCommand{Command: "/ask", Text: typed})
	mention := e.mention(typed)
	for name, m := range map[string]slackfake.Message{"slash command": slash, "mention": mention} {
		// The blocks are JSON, which writes &, < and > as \u escapes.
		shown := m.Text + strings.NewReplacer(`\u0026`, "&", `\u003c`, "<", `\u003e`, ">").Replace(string(m.Blocks))
		if !strings.Contains(shown, "R&amp;D &lt;b&gt;spending&lt;/b&gt;") {
			t.Errorf("%s: the question is not shown escaped once:\n%s", name, shown)
		}
		for _, twice := range []string{"&amp;amp;", "&amp;lt;", "&amp;gt;"} {
			if strings.Contains(shown, twice) {
				t.Errorf("%s: %q, escaped twice:\n%s", name, twice, shown)
			}
		}
	}
}

// TestSocketModeChart: with racebot's page at a public address, an answer
// whose figures compare shows their chart as an image block fetched from
// the page, and links to its full version there; the fake checks the
// image block against Slack's limits. An answer without a chart shows no
// image.
func TestSocketModeChart(t *testing.T) {
	t.Parallel()
	const base = "https://racebot.example.com"
	e := newEnv(t)
	e.socketMode(bot.NewChat(starter(t), bot.ChatOptions{
		Logger:    e.log,
		Permalink: func(q string) string { return web.AskURL(base, q) },
		ChartLink: func(q string) string { return web.ChartURL(base, q) },
	}), rslack.Options{})
	images := func(m slackfake.Message) []map[string]any {
		var blocks []map[string]any
		if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
			t.Fatalf("blocks: %v", err)
		}
		var out []map[string]any
		for _, b := range blocks {
			if b["type"] == "image" {
				out = append(out, b)
			}
		}
		return out
	}
	_, m := e.slash(slackfake.SlashCommand{Command: "/ask", Text: gpuQuestion})
	imgs := images(m)
	if len(imgs) != 1 {
		t.Fatalf("%d image blocks, want the chart: %s", len(imgs), m.Blocks)
	}
	if u, want := imgs[0]["image_url"], web.ChartURL(base, gpuQuestion); u != want {
		t.Errorf("image_url %v, want %s", u, want)
	}
	if alt, _ := imgs[0]["alt_text"].(string); !strings.Contains(alt, "50,000") {
		t.Errorf("alt_text %q does not say the figures", alt)
	}
	if s := shown(m); !strings.Contains(s, "|Full answer>") {
		t.Errorf("no link to the full answer: %.1500s", s)
	}
	_, m = e.slash(slackfake.SlashCommand{Command: "/ask", Text: "what is the AI diffusion rule"})
	if imgs := images(m); len(imgs) != 0 {
		t.Errorf("an answer without figures to compare shows %d images", len(imgs))
	}
}
