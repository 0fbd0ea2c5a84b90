package discord_test

// End-to-end tests: the adapter drives the real discordgo client, which
// talks over loopback to discordfake's REST routes and gateway websocket.
// Every wait is bounded, so that a broken adapter fails a test instead of
// hanging it.

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/bot/discord"
	"github.com/racebot/racebot/bot/discord/discordfake"
)

// waitFor bounds every wait for something the adapter should do.
const waitFor = 10 * time.Second

// gpuQuestion is answered from the corpus with the figure and sources below.
const (
	gpuQuestion = "How many GPUs does DeepSeek have?"
	gpuFigure   = "50,000"
	gpuSource   = "https://www.livemint.com/"
)

// testLogger returns a JSON logger at debug level into a buffer, which is
// printed if the test fails.
func testLogger(t testing.TB) (*slog.Logger, *bottest.Buffer) {
	t.Helper()
	buf := &bottest.Buffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("adapter log:\n%s", buf)
		}
	})
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// errorLog records the adapter's OnError reports.
type errorLog struct {
	mu  sync.Mutex
	ops []string
	all []error
}

func (e *errorLog) record(op string, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.ops = append(e.ops, op)
	e.all = append(e.all, err)
}

func (e *errorLog) has(op string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Contains(e.ops, op)
}

func (e *errorLog) errs() []error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.all)
}

// waitUntil polls cond until it holds, and fails the test if it does not
// within waitFor.
func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %v: %s", waitFor, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// handlerFunc adapts a function to discord.Handler.
type handlerFunc func(ctx context.Context, req bot.Request) bot.Reply

func (f handlerFunc) Handle(ctx context.Context, req bot.Request) bot.Reply { return f(ctx, req) }

// chat is the handler racebot gives the adapter, over the starter corpus.
func chat(t testing.TB, limiter *bot.Limiter) *bot.Chat {
	return bot.NewChat(starter(t), bot.ChatOptions{Limiter: limiter})
}

// slowed makes every answer of h take at least d, as an overloaded
// engine would.
func slowed(h discord.Handler, d time.Duration) discord.Handler {
	return handlerFunc(func(ctx context.Context, req bot.Request) bot.Reply {
		time.Sleep(d)
		return h.Handle(ctx, req)
	})
}

// startFake starts a fake Discord and, when the test ends (after the
// adapter is stopped), checks every message the adapter sent: accepted
// shapes only, and nothing that can ping.
func startFake(t testing.TB, opts discordfake.Options) *discordfake.Server {
	t.Helper()
	fake := discordfake.Start(t, opts)
	t.Cleanup(func() { auditNoPings(t, fake) })
	return fake
}

// messageRoutes are the routes whose bodies are, or hold, a message.
var messageRoutes = []string{discordfake.RouteCallback, discordfake.RouteEdit, discordfake.RouteFollowup, discordfake.RouteMessage}

// auditNoPings checks every outgoing message the fake received: its
// allowed_mentions is exactly {"parse":[]} (replied_user false), and no
// string in it could ping if Discord parsed it. It returns how many
// messages it checked.
func auditNoPings(t testing.TB, fake *discordfake.Server) int {
	t.Helper()
	n := 0
	for _, r := range fake.Requests() {
		if !slices.Contains(messageRoutes, r.Route) {
			continue
		}
		n++
		checkNoPings(t, r.Route, r.Body)
	}
	return n
}

// checkNoPings checks one outgoing message body (a callback's is wrapped
// in {"type","data"}).
func checkNoPings(t testing.TB, what string, body []byte) {
	t.Helper()
	if p := discordfake.Pings(body); len(p) > 0 {
		t.Errorf("%s could ping %q:\n%s", what, p, body)
	}
	msg := body
	if what == discordfake.RouteCallback || what == "http response" {
		var cb discordfake.Callback
		if err := json.Unmarshal(body, &cb); err != nil {
			t.Errorf("%s: %v:\n%s", what, err, body)
			return
		}
		if cb.Type == 1 { // a PONG holds no message
			return
		}
		msg = cb.Data
	}
	var m struct {
		AllowedMentions map[string]json.RawMessage `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(msg, &m); err != nil {
		t.Errorf("%s: %v:\n%s", what, err, body)
		return
	}
	for k, v := range m.AllowedMentions {
		switch {
		case k == "parse" && string(v) == "[]":
		case k == "replied_user" && string(v) == "false":
		case (k == "users" || k == "roles") && (string(v) == "[]" || string(v) == "null"):
		default:
			t.Errorf(`%s: allowed_mentions.%s is %s, want allowed_mentions {"parse":[]}:`+"\n%s", what, k, v, body)
		}
	}
	if string(m.AllowedMentions["parse"]) != "[]" {
		t.Errorf(`%s: allowed_mentions is not {"parse":[]}:`+"\n%s", what, body)
	}
}

// gateway is a Gateway running against a fake.
type gateway struct {
	*discord.Gateway
	fake *discordfake.Server
	logs *bottest.Buffer
	errs *errorLog
}

// newGateway returns a gateway adapter talking to fake, with a logger
// into a buffer and OnError recorded. opts.HTTPClient, Logger and OnError
// are filled in unless set; cfg.Token defaults to the fake's.
func newGateway(t testing.TB, fake *discordfake.Server, cfg discord.Config, h discord.Handler, opts discord.Options) *gateway {
	t.Helper()
	g := &gateway{fake: fake, errs: &errorLog{}}
	if cfg.Token == "" {
		cfg.Token = strings.TrimPrefix(fake.Token, "Bot ")
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = fake.Client()
	}
	if opts.Logger == nil {
		opts.Logger, g.logs = testLogger(t)
	}
	if opts.OnError == nil {
		opts.OnError = g.errs.record
	}
	gw, err := discord.NewGateway(cfg, h, opts)
	if err != nil {
		t.Fatal(err)
	}
	g.Gateway = gw
	return g
}

// start calls Run in a goroutine and waits until the session is live and
// the commands are registered (for shard 0). It returns a stop function,
// which is also called when the test ends, that cancels Run and waits
// for it to return.
func (g *gateway) start(t testing.TB) (stop func()) {
	t.Helper()
	began := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(waitFor):
				t.Errorf("Run did not return within %v of its context's end", waitFor)
			}
		})
	}
	t.Cleanup(stop)
	_, err := g.fake.Wait(waitFor, func(r *discordfake.Request) bool {
		return r.Route == discordfake.RouteCommands && r.Method == http.MethodPut && !r.Time.Before(began)
	})
	if err != nil {
		select {
		case err := <-done:
			t.Fatalf("Run returned early: %v", err)
		default:
		}
		t.Fatalf("no command registration: %v", err)
	}
	return stop
}

// startGateway creates and starts a gateway adapter against fake.
func startGateway(t testing.TB, fake *discordfake.Server, cfg discord.Config, h discord.Handler, opts discord.Options) *gateway {
	t.Helper()
	g := newGateway(t, fake, cfg, h, opts)
	g.start(t)
	return g
}

// askCommand is /ask with a question, private or not.
func askCommand(question string, private bool) discordfake.Command {
	opts := map[string]any{"question": question}
	if private {
		opts["private"] = true
	}
	return discordfake.Command{Name: "ask", Options: opts}
}

// slash dispatches a slash command and returns the interaction.
func slash(t testing.TB, fake *discordfake.Server, cmd discordfake.Command) *discordfake.Interaction {
	t.Helper()
	in, err := fake.SlashCommand(cmd)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// answer waits for the message an interaction ends with: its request and
// the message's JSON.
func answer(t testing.TB, fake *discordfake.Server, in *discordfake.Interaction) (*discordfake.Request, []byte) {
	t.Helper()
	r, msg, err := fake.WaitAnswer(in, waitFor)
	if err != nil {
		t.Fatalf("no answer to the interaction: %v", err)
	}
	return r, msg
}

// firstCallback returns the first accepted callback for an interaction.
func firstCallback(t testing.TB, fake *discordfake.Server, in *discordfake.Interaction) discordfake.Callback {
	t.Helper()
	r, err := fake.Wait(waitFor, func(r *discordfake.Request) bool {
		return r.Route == discordfake.RouteCallback && r.Token == in.Token && r.Status < 300
	})
	if err != nil {
		t.Fatalf("no callback: %v", err)
	}
	var cb discordfake.Callback
	if err := json.Unmarshal(r.Body, &cb); err != nil {
		t.Fatal(err)
	}
	return cb
}

// requestsFor returns the requests on route for an interaction's token.
func requestsFor(fake *discordfake.Server, route, token string) []*discordfake.Request {
	var out []*discordfake.Request
	for _, r := range fake.Requests() {
		if r.Route == route && r.Token == token {
			out = append(out, r)
		}
	}
	return out
}

// flags returns a message's flags.
func flags(t testing.TB, msg []byte) int {
	t.Helper()
	var m struct {
		Flags int `json:"flags"`
	}
	if err := json.Unmarshal(msg, &m); err != nil {
		t.Fatalf("%v:\n%s", err, msg)
	}
	return m.Flags
}

// checkGPUAnswer checks that a message answers gpuQuestion from the
// corpus: the figure, and a source's link.
func checkGPUAnswer(t testing.TB, msg []byte) {
	t.Helper()
	for _, want := range []string{gpuFigure, gpuSource} {
		if !bytes.Contains(msg, []byte(want)) {
			t.Errorf("the answer does not contain %q:\n%s", want, msg)
		}
	}
}

// commandNames returns the names of registered commands, sorted.
func commandNames(t testing.TB, cmds []json.RawMessage) []string {
	t.Helper()
	var names []string
	for _, c := range cmds {
		var v struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal(c, &v); err != nil {
			t.Fatal(err)
		}
		names = append(names, v.Name)
	}
	sort.Strings(names)
	return names
}

func wantCommandNames() []string {
	var names []string
	for _, c := range discord.Commands() {
		names = append(names, c.Name)
	}
	sort.Strings(names)
	return names
}

// TestGatewayRegistersCommands checks that the commands are registered on
// start, globally or in the configured guild only, and that running the
// gateway twice at once, and again after a restart, leaves one copy of
// each: registration is a bulk overwrite. The restarted gateway answers.
func TestGatewayRegistersCommands(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, guild, other string
		path               string
	}{
		{name: "global", guild: "", other: "500000000000000001", path: "/applications/100000000000000001/commands"},
		{name: "guild", guild: "500000000000000001", other: "", path: "/applications/100000000000000001/guilds/500000000000000001/commands"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := startFake(t, discordfake.Options{})
			// No ApplicationID: the adapter learns it from READY.
			g := newGateway(t, fake, discord.Config{GuildID: tt.guild}, chat(t, nil), discord.Options{})
			stop1 := g.start(t)
			stop2 := g.start(t) // Run twice at once, as two replicas would
			if got, want := commandNames(t, fake.Commands(tt.guild)), wantCommandNames(); !slices.Equal(got, want) {
				t.Errorf("registered %v after two starts, want %v", got, want)
			}
			stop1()
			stop2()
			g.start(t) // restarted
			if got, want := commandNames(t, fake.Commands(tt.guild)), wantCommandNames(); !slices.Equal(got, want) {
				t.Errorf("registered %v after a restart, want %v", got, want)
			}
			if got := fake.Commands(tt.other); len(got) != 0 {
				t.Errorf("%d commands registered in scope %q too", len(got), tt.other)
			}
			puts := 0
			for _, r := range fake.Requests() {
				if r.Route != discordfake.RouteCommands || r.Method == http.MethodGet {
					continue
				}
				if r.Method != http.MethodPut || !strings.HasSuffix(r.Path, tt.path) || r.Status != http.StatusOK {
					t.Errorf("registration %s %s: %d, want PUT …%s: 200", r.Method, r.Path, r.Status, tt.path)
				}
				puts++
			}
			if puts != 3 {
				t.Errorf("%d registrations for three starts, want 3", puts)
			}
			// The restarted gateway answers, and the stopped ones do not.
			in := slash(t, fake, askCommand(gpuQuestion, false))
			_, msg := answer(t, fake, in)
			checkGPUAnswer(t, msg)
			if n := len(requestsFor(fake, discordfake.RouteCallback, in.Token)); n != 1 {
				t.Errorf("%d responses to one interaction, want 1", n)
			}
		})
	}
}

// TestGatewayWarnsOfGlobalDuplicates registers the commands globally, then
// in one guild: Discord would list them twice there, and the log says so.
func TestGatewayWarnsOfGlobalDuplicates(t *testing.T) {
	t.Parallel()
	fake := startFake(t, discordfake.Options{})
	stop := newGateway(t, fake, discord.Config{}, chat(t, nil), discord.Options{}).start(t)
	stop()
	g := newGateway(t, fake, discord.Config{GuildID: "500000000000000001"}, chat(t, nil), discord.Options{})
	g.start(t)
	deadline := time.Now().Add(waitFor)
	for !strings.Contains(g.logs.String(), "registered globally too") {
		if time.Now().After(deadline) {
			t.Fatalf("no warning that the commands are registered in both scopes:\n%s", g.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestGatewayShardRegistersNot checks that a shard other than 0 identifies
// as its shard and leaves the commands to shard 0.
func TestGatewayShardRegistersNot(t *testing.T) {
	t.Parallel()
	fake := startFake(t, discordfake.Options{})
	g := newGateway(t, fake, discord.Config{ShardID: 1, ShardCount: 2}, chat(t, nil), discord.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(waitFor):
			t.Errorf("Run did not return")
		}
	}()
	if err := fake.WaitSessions(1, waitFor); err != nil {
		t.Fatal(err)
	}
	in := slash(t, fake, askCommand(gpuQuestion, false))
	answer(t, fake, in)
	ids := fake.Identifies()
	if len(ids) != 1 || ids[0].Shard == nil || *ids[0].Shard != [2]int{1, 2} {
		t.Errorf("identified as %+v, want shard [1 2]", ids)
	}
	for _, r := range fake.Requests() {
		if r.Route == discordfake.RouteCommands {
			t.Errorf("shard 1 registered commands: %s %s", r.Method, r.Path)
		}
	}
}

// TestGatewaySlashCommand checks /ask: answered at once (type 4) when the
// answer is ready within AnswerWait, else deferred (type 5) and the answer
// edited into @original; private answers are ephemeral (flags 64) either
// way.
func TestGatewaySlashCommand(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		slow     bool
		private  bool
		dm       bool // in a direct message: a user, no member or guild
		wantType int
		wantEdit bool
	}{
		{name: "fast", wantType: 4},
		{name: "fast-private", private: true, wantType: 4},
		{name: "deferred", slow: true, wantType: 5, wantEdit: true},
		{name: "deferred-private", slow: true, private: true, wantType: 5, wantEdit: true},
		{name: "direct-message", dm: true, wantType: 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := startFake(t, discordfake.Options{})
			var h discord.Handler = chat(t, nil)
			opts := discord.Options{} // AnswerWait 2s: the engine answers well within it
			if tt.slow {
				h = slowed(h, 300*time.Millisecond)
				opts.AnswerWait = 50 * time.Millisecond
			}
			startGateway(t, fake, discord.Config{ApplicationID: fake.AppID}, h, opts)
			cmd := askCommand(gpuQuestion, tt.private)
			cmd.DM = tt.dm
			in := slash(t, fake, cmd)
			r, msg := answer(t, fake, in)
			cb := firstCallback(t, fake, in)
			if cb.Type != tt.wantType {
				t.Errorf("first response of type %d, want %d", cb.Type, tt.wantType)
			}
			if got := r.Route == discordfake.RouteEdit; got != tt.wantEdit {
				t.Errorf("answer sent as %s, want an edit: %v", r.Route, tt.wantEdit)
			}
			if r.Route == discordfake.RouteEdit && r.Method != http.MethodPatch || r.Route == discordfake.RouteEdit && !strings.HasSuffix(r.Path, "/messages/@original") {
				t.Errorf("edit %s %s, want PATCH …/messages/@original", r.Method, r.Path)
			}
			if el := firstCallbackElapsed(fake, in); el > 3*time.Second {
				t.Errorf("first response %v after the dispatch, over Discord's 3s", el)
			}
			wantFlags := 0
			if tt.private {
				wantFlags = 64
			}
			if got := flags(t, cb.Data); got != wantFlags {
				t.Errorf("first response has flags %d, want %d", got, wantFlags)
			}
			checkGPUAnswer(t, msg)
			checkChartAttached(t, r)
			if n := len(requestsFor(fake, discordfake.RouteCallback, in.Token)); n != 1 {
				t.Errorf("%d callbacks, want 1", n)
			}
		})
	}
}

// checkChartAttached checks that the GPU answer carries its chart: one PNG
// attachment, within Discord's limit, that the embed shows.
func checkChartAttached(t *testing.T, r *discordfake.Request) {
	t.Helper()
	if len(r.Files) != 1 {
		t.Fatalf("answer has %d attachments, want its chart", len(r.Files))
	}
	f := r.Files[0]
	if f.Name != "chart.png" || f.ContentType != "image/png" || len(f.Data) > discordfake.MaxAttachment {
		t.Errorf("attachment %q (%s, %d bytes), want chart.png, a PNG within %d bytes", f.Name, f.ContentType, len(f.Data), discordfake.MaxAttachment)
	}
	if img, err := png.Decode(bytes.NewReader(f.Data)); err != nil || img.Bounds().Dx() < 300 {
		t.Errorf("chart.png does not decode to a chart: %v", err)
	}
	if !bytes.Contains(r.Body, []byte(`"url":"attachment://chart.png"`)) {
		t.Errorf("the embed does not show the chart:\n%s", r.Body)
	}
}

// firstCallbackElapsed is when the first response came after the dispatch.
func firstCallbackElapsed(fake *discordfake.Server, in *discordfake.Interaction) time.Duration {
	for _, r := range requestsFor(fake, discordfake.RouteCallback, in.Token) {
		return r.Elapsed
	}
	return 0
}

// TestGatewayMention checks that a message mentioning the bot, or sent to
// it in a direct message, gets a reply to it, and that other messages,
// and messages from bots, get nothing.
func TestGatewayMention(t *testing.T) {
	t.Parallel()
	fake := startFake(t, discordfake.Options{})
	startGateway(t, fake, discord.Config{}, chat(t, nil), discord.Options{})
	botID := fake.BotID
	tests := []struct {
		name  string
		msg   discordfake.Message
		reply bool
	}{
		{"mention", discordfake.Message{Content: "<@" + botID + "> " + gpuQuestion, Mentions: []string{botID}}, true},
		{"nickname mention", discordfake.Message{Content: gpuQuestion + " <@!" + botID + ">", Mentions: []string{botID}}, true},
		{"direct message", discordfake.Message{Content: gpuQuestion, DM: true, ChannelID: "300000000000000009"}, true},
		{"no mention", discordfake.Message{Content: gpuQuestion}, false},
		{"someone else mentioned", discordfake.Message{Content: "<@400000000000000077> " + gpuQuestion, Mentions: []string{"400000000000000077"}}, false},
		{"from a bot", discordfake.Message{Content: "<@" + botID + "> " + gpuQuestion, Mentions: []string{botID}, Bot: true, AuthorID: "400000000000000088"}, false},
		{"from itself", discordfake.Message{Content: "<@" + botID + "> " + gpuQuestion, Mentions: []string{botID}, AuthorID: botID}, false},
	}
	ids := map[string]string{} // message ID → test name
	var want []string
	for _, tt := range tests {
		id, err := fake.MessageCreate(tt.msg)
		if err != nil {
			t.Fatal(err)
		}
		ids[id] = tt.name
		if tt.reply {
			want = append(want, tt.name)
		}
	}
	// Wait for the replies expected, and then a while for any other.
	for _, tt := range tests {
		if !tt.reply {
			continue
		}
		var id string
		for k, v := range ids {
			if v == tt.name {
				id = k
			}
		}
		r, err := fake.Wait(waitFor, func(r *discordfake.Request) bool {
			return r.Route == discordfake.RouteMessage && bytes.Contains(r.Body, []byte(`"message_id":"`+id+`"`))
		})
		if err != nil {
			t.Fatalf("%s: no reply: %v", tt.name, err)
		}
		if r.Status != http.StatusOK {
			t.Errorf("%s: reply refused with %d", tt.name, r.Status)
		}
		if r.Channel != tt.msg.ChannelID && tt.msg.ChannelID != "" {
			t.Errorf("%s: reply in channel %s, want %s", tt.name, r.Channel, tt.msg.ChannelID)
		}
		var body struct {
			Reference struct {
				MessageID       string `json:"message_id"`
				ChannelID       string `json:"channel_id"`
				FailIfNotExists *bool  `json:"fail_if_not_exists"`
			} `json:"message_reference"`
		}
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatal(err)
		}
		if body.Reference.MessageID != id || body.Reference.ChannelID != r.Channel {
			t.Errorf("%s: message_reference %+v, want message %s in channel %s", tt.name, body.Reference, id, r.Channel)
		}
		if body.Reference.FailIfNotExists == nil || *body.Reference.FailIfNotExists {
			t.Errorf("%s: fail_if_not_exists is not false: a deleted question would lose the answer", tt.name)
		}
		checkGPUAnswer(t, r.Body)
	}
	time.Sleep(300 * time.Millisecond)
	var got []string
	for _, r := range fake.Requests() {
		if r.Route != discordfake.RouteMessage {
			continue
		}
		var body struct {
			Reference struct {
				MessageID string `json:"message_id"`
			} `json:"message_reference"`
		}
		_ = json.Unmarshal(r.Body, &body)
		got = append(got, ids[body.Reference.MessageID])
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("replied to %q, want %q", got, want)
	}
}

// TestGatewaySlowMention checks that a mention whose answer is slow shows
// "typing…" in the channel, then gets the answer as a reply.
func TestGatewaySlowMention(t *testing.T) {
	t.Parallel()
	fake := startFake(t, discordfake.Options{})
	startGateway(t, fake, discord.Config{}, slowed(chat(t, nil), 300*time.Millisecond), discord.Options{AnswerWait: 50 * time.Millisecond})
	id, err := fake.MessageCreate(discordfake.Message{Content: "<@" + fake.BotID + "> " + gpuQuestion, Mentions: []string{fake.BotID}})
	if err != nil {
		t.Fatal(err)
	}
	reply, err := fake.Wait(waitFor, func(r *discordfake.Request) bool {
		return r.Route == discordfake.RouteMessage && bytes.Contains(r.Body, []byte(id))
	})
	if err != nil {
		t.Fatalf("no reply: %v", err)
	}
	checkGPUAnswer(t, reply.Body)
	typing, err := fake.Wait(time.Millisecond, func(r *discordfake.Request) bool { return r.Route == discordfake.RouteTyping })
	if err != nil {
		t.Fatalf("no typing indicator while the answer was slow: %v", err)
	}
	if typing.Status != http.StatusNoContent || typing.Time.After(reply.Time) {
		t.Errorf("typing indicator: %d at %v, reply at %v", typing.Status, typing.Time, reply.Time)
	}
}

// TestGatewayShutdownDrains checks that a shutdown waits for the answers
// in flight: Run returns only once a deferred answer is edited in.
func TestGatewayShutdownDrains(t *testing.T) {
	t.Parallel()
	fake := startFake(t, discordfake.Options{})
	g := newGateway(t, fake, discord.Config{}, slowed(chat(t, nil), 1500*time.Millisecond), discord.Options{AnswerWait: 50 * time.Millisecond})
	stop := g.start(t)
	in := slash(t, fake, askCommand(gpuQuestion, false))
	if cb := firstCallback(t, fake, in); cb.Type != 5 {
		t.Fatalf("first response of type %d, want 5", cb.Type)
	}
	stop() // while the answer is still being worked out
	returned := time.Now()
	r, msg := answer(t, fake, in)
	if !r.Time.Before(returned) {
		t.Errorf("Run returned %v before the answer in flight was sent", r.Time.Sub(returned))
	}
	if r.Route != discordfake.RouteEdit {
		t.Errorf("answer sent as %s, want an edit", r.Route)
	}
	checkGPUAnswer(t, msg)
}

// TestNothingPings asks a question full of mentions (@everyone, @here, a
// role, a user) in every way the adapter can be asked, and checks that no
// outgoing payload can ping: allowed_mentions is {"parse":[]} on every
// response, edit and message, and no mention survives in the text.
func TestNothingPings(t *testing.T) {
	t.Parallel()
	const hostile = "@everyone @here <@&123> <@456> <@!789> <#321> How many GPUs does DeepSeek have? @everyone"
	fake := startFake(t, discordfake.Options{})
	// Slow enough for the deferred path, fast enough for the fast one.
	slowOnce := handlerFunc(func(ctx context.Context, req bot.Request) bot.Reply {
		if strings.HasPrefix(req.Channel, "slow") {
			time.Sleep(300 * time.Millisecond)
		}
		return chat(t, nil).Handle(ctx, req)
	})
	startGateway(t, fake, discord.Config{}, slowOnce, discord.Options{AnswerWait: 150 * time.Millisecond})

	fast := slash(t, fake, askCommand(hostile, false))
	slowCmd := askCommand(hostile, true)
	slowCmd.ChannelID = "slow"
	slow := slash(t, fake, slowCmd)
	figures := slash(t, fake, discordfake.Command{Name: "figures", Options: map[string]any{"topic": hostile}})
	sources := slash(t, fake, discordfake.Command{Name: "sources", Options: map[string]any{"query": hostile}})
	tooLong := slash(t, fake, askCommand(strings.Repeat("@everyone <@&1> ", 100), false))
	for _, in := range []*discordfake.Interaction{fast, slow, figures, sources, tooLong} {
		answer(t, fake, in)
	}
	if r, _ := answer(t, fake, slow); r.Route != discordfake.RouteEdit {
		t.Errorf("the slow answer came as %s, want an edit", r.Route)
	}
	id, err := fake.MessageCreate(discordfake.Message{Content: "<@" + fake.BotID + "> " + hostile, Mentions: []string{fake.BotID, "456"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.Wait(waitFor, func(r *discordfake.Request) bool {
		return r.Route == discordfake.RouteMessage && bytes.Contains(r.Body, []byte(id))
	}); err != nil {
		t.Fatalf("no reply to the mention: %v", err)
	}
	// HTTP interactions mode, whose first response is the HTTP response.
	key := newSigner(t)
	_, srv := startInteractions(t, fake, key, chat(t, nil), discord.Options{})
	hin := fake.HTTPInteraction(askCommand(hostile, false))
	resp, body := key.post(t, srv.URL, hin.Payload, time.Now(), nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("HTTP interaction: %d %s", resp.StatusCode, body)
	}
	checkNoPings(t, "http response", body)

	if n := auditNoPings(t, fake); n < 7 {
		t.Errorf("only %d messages were sent", n)
	}
	for _, r := range fake.Requests() {
		if slices.Contains(messageRoutes, r.Route) && r.Status >= 300 {
			t.Errorf("Discord would refuse %s %s: %d\n%s", r.Method, r.Path, r.Status, r.Body)
		}
	}
}

// signer signs interaction requests as Discord does.
type signer struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return signer{pub: pub, priv: priv}
}

// post POSTs body to url signed with timestamp ts; edit may change the
// headers after signing.
func (s signer) post(t testing.TB, url string, body []byte, ts time.Time, edit func(http.Header)) (*http.Response, []byte) {
	t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", stamp)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.priv, append([]byte(stamp), body...))))
	if edit != nil {
		edit(req.Header)
	}
	client := &http.Client{Timeout: waitFor}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// startInteractions serves an HTTP interactions handler whose edits go to
// fake, and shuts it down (waiting for its edits) when the test ends.
func startInteractions(t testing.TB, fake *discordfake.Server, key signer, h discord.Handler, opts discord.Options) (*discord.Interactions, *httptest.Server) {
	t.Helper()
	if opts.HTTPClient == nil {
		opts.HTTPClient = fake.Client()
	}
	if opts.Logger == nil {
		opts.Logger, _ = testLogger(t)
	}
	in, err := discord.NewInteractions(discord.Config{PublicKey: hex.EncodeToString(key.pub)}, h, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(in)
	t.Cleanup(func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), waitFor)
		defer cancel()
		if err := in.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	})
	return in, srv
}

// TestInteractionsHTTP checks HTTP interactions mode: a signed PING gets a
// PONG; a signed /ask is answered in the HTTP response, or deferred there
// and edited in; a forged, missing or stale signature gets 401 and nothing
// is answered.
func TestInteractionsHTTP(t *testing.T) {
	t.Parallel()
	fake := startFake(t, discordfake.Options{})
	key := newSigner(t)
	forger := newSigner(t)
	var calls atomic.Int32
	h := handlerFunc(func(ctx context.Context, req bot.Request) bot.Reply {
		calls.Add(1)
		if req.Channel == "slow" {
			time.Sleep(300 * time.Millisecond)
		}
		return chat(t, nil).Handle(ctx, req)
	})
	// The host's clock is the real one; the stale requests are signed
	// with an old timestamp.
	now := func() time.Time { return time.Now() }
	// One server answers within the default AnswerWait; the other defers
	// after 50ms, and its handler takes 300ms for the "slow" channel.
	_, srv := startInteractions(t, fake, key, h, discord.Options{Now: now})
	_, slowSrv := startInteractions(t, fake, key, h, discord.Options{Now: now, AnswerWait: 50 * time.Millisecond})
	slowAsk := askCommand(gpuQuestion, false)
	slowAsk.ChannelID = "slow"

	type check func(t *testing.T, resp *http.Response, body []byte, in *discordfake.Interaction)
	pong := func(t *testing.T, resp *http.Response, body []byte, _ *discordfake.Interaction) {
		if resp.StatusCode != http.StatusOK || strings.TrimSpace(string(body)) != `{"type":1}` {
			t.Errorf("PING got %d %s, want 200 {\"type\":1}", resp.StatusCode, body)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("PONG with Content-Type %q", ct)
		}
	}
	answered := func(t *testing.T, resp *http.Response, body []byte, in *discordfake.Interaction) {
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d %s, want 200", resp.StatusCode, body)
		}
		var cb discordfake.Callback
		if err := json.Unmarshal(body, &cb); err != nil {
			t.Fatal(err)
		}
		if cb.Type != 4 {
			t.Fatalf("response of type %d, want 4:\n%s", cb.Type, body)
		}
		checkGPUAnswer(t, cb.Data)
		if err := discordfake.ValidateMessage(cb.Data, true); err != nil {
			t.Errorf("Discord would refuse the response: %v", err)
		}
	}
	deferred := func(t *testing.T, resp *http.Response, body []byte, in *discordfake.Interaction) {
		var cb discordfake.Callback
		if err := json.Unmarshal(body, &cb); err != nil || resp.StatusCode != http.StatusOK || cb.Type != 5 {
			t.Fatalf("got %d %s, want 200 and a type 5 response", resp.StatusCode, body)
		}
		r, msg := answer(t, fake, in)
		if r.Route != discordfake.RouteEdit {
			t.Errorf("answer sent as %s, want an edit", r.Route)
		}
		checkGPUAnswer(t, msg)
	}
	refused := func(t *testing.T, resp *http.Response, body []byte, in *discordfake.Interaction) {
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("got %d %s, want 401", resp.StatusCode, body)
		}
		if bytes.Contains(body, []byte(`"type"`)) {
			t.Errorf("a refused request got an interaction response: %s", body)
		}
	}
	tests := []struct {
		name   string
		cmd    *discordfake.Command // nil: a PING
		signer signer
		age    time.Duration // of the signed timestamp
		header func(http.Header)
		check  check
		calls  int32 // of the handler
	}{
		{name: "ping", signer: key, check: pong},
		{name: "ask", cmd: ptr(askCommand(gpuQuestion, false)), signer: key, check: answered, calls: 1},
		{name: "ask deferred", cmd: &slowAsk, signer: key, check: deferred, calls: 1},
		{name: "clock a little off", cmd: ptr(askCommand(gpuQuestion, false)), signer: key, age: 4 * time.Minute, check: answered, calls: 1},
		{name: "forged", cmd: ptr(askCommand(gpuQuestion, false)), signer: forger, check: refused},
		{name: "forged ping", signer: forger, check: refused},
		{name: "missing signature", cmd: ptr(askCommand(gpuQuestion, false)), signer: key, check: refused,
			header: func(h http.Header) { h.Del("X-Signature-Ed25519") }},
		{name: "missing timestamp", cmd: ptr(askCommand(gpuQuestion, false)), signer: key, check: refused,
			header: func(h http.Header) { h.Del("X-Signature-Timestamp") }},
		{name: "timestamp changed", cmd: ptr(askCommand(gpuQuestion, false)), signer: key, check: refused,
			header: func(h http.Header) {
				ts, _ := strconv.ParseInt(h.Get("X-Signature-Timestamp"), 10, 64)
				h.Set("X-Signature-Timestamp", strconv.FormatInt(ts+1, 10))
			}},
		{name: "stale", cmd: ptr(askCommand(gpuQuestion, false)), signer: key, age: 6 * time.Minute, check: refused},
		{name: "from the future", cmd: ptr(askCommand(gpuQuestion, false)), signer: key, age: -6 * time.Minute, check: refused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := calls.Load()
			body := []byte(`{"type":1,"id":"1","application_id":"` + fake.AppID + `","token":"ping","version":1}`)
			var in *discordfake.Interaction
			if tt.cmd != nil {
				in = fake.HTTPInteraction(*tt.cmd)
				body = in.Payload
			}
			url := srv.URL
			if tt.cmd != nil && tt.cmd.ChannelID == "slow" {
				url = slowSrv.URL
			}
			resp, got := tt.signer.post(t, url, body, now().Add(-tt.age), tt.header)
			tt.check(t, resp, got, in)
			if n := calls.Load() - before; n != tt.calls {
				t.Errorf("the handler was called %d times, want %d", n, tt.calls)
			}
			if in == nil || tt.calls > 0 {
				return
			}
			time.Sleep(200 * time.Millisecond) // for a deferred answer that should not come
			for _, route := range messageRoutes {
				if rs := requestsFor(fake, route, in.Token); len(rs) > 0 {
					t.Errorf("a refused interaction was answered on %s", route)
				}
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestInteractionsStaleByClock checks the freshness check against
// Options.Now: a request signed now is stale for a host whose clock says
// it is six minutes later.
func TestInteractionsStaleByClock(t *testing.T) {
	t.Parallel()
	fake := startFake(t, discordfake.Options{})
	key := newSigner(t)
	var offset atomic.Int64
	now := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	_, srv := startInteractions(t, fake, key, chat(t, nil), discord.Options{Now: now})
	for _, tt := range []struct {
		offset time.Duration
		want   int
	}{
		{0, http.StatusOK},
		{6 * time.Minute, http.StatusUnauthorized},
		{-6 * time.Minute, http.StatusUnauthorized},
		{4 * time.Minute, http.StatusOK},
	} {
		offset.Store(int64(tt.offset))
		in := fake.HTTPInteraction(askCommand(gpuQuestion, false))
		resp, body := key.post(t, srv.URL, in.Payload, time.Now(), nil)
		if resp.StatusCode != tt.want {
			t.Errorf("host clock %v ahead: %d %s, want %d", tt.offset, resp.StatusCode, body, tt.want)
		}
	}
}

// TestRateLimits checks racebot's own limit, which answers the asker alone
// with a polite notice, and Discord's 429s and 5xx on the first response
// and on the edit, which are waited out or retried until the answer
// arrives.
func TestRateLimits(t *testing.T) {
	t.Parallel()
	t.Run("racebot", func(t *testing.T) {
		t.Parallel()
		fake := startFake(t, discordfake.Options{})
		limiter := bot.NewLimiter(bot.Rate{Burst: 2, Every: time.Hour}, bot.Rate{})
		startGateway(t, fake, discord.Config{}, chat(t, limiter), discord.Options{})
		for i := range 2 {
			in := slash(t, fake, askCommand(gpuQuestion, false))
			_, msg := answer(t, fake, in)
			checkGPUAnswer(t, msg)
			if f := flags(t, msg); f != 0 {
				t.Errorf("answer %d has flags %d, want 0", i+1, f)
			}
		}
		in := slash(t, fake, askCommand(gpuQuestion, false))
		r, msg := answer(t, fake, in)
		if r.Route != discordfake.RouteCallback {
			t.Errorf("the notice came as %s, want the first response", r.Route)
		}
		if !bytes.Contains(msg, []byte("try again in")) || bytes.Contains(msg, []byte(gpuFigure)) {
			t.Errorf("the third question got %s, want a notice to try again", msg)
		}
		if f := flags(t, msg); f != 64 {
			t.Errorf("the notice has flags %d, want 64 (ephemeral)", f)
		}
		// Someone else is not limited.
		other := askCommand(gpuQuestion, false)
		other.UserID = "400000000000000002"
		_, msg = answer(t, fake, slash(t, fake, other))
		checkGPUAnswer(t, msg)
	})
	for _, tt := range []struct {
		name   string
		route  string
		status int
		slow   bool
	}{
		{name: "429 on the edit", route: discordfake.RouteEdit, status: http.StatusTooManyRequests, slow: true},
		{name: "429 on the response", route: discordfake.RouteCallback, status: http.StatusTooManyRequests},
		{name: "429 on the deferral", route: discordfake.RouteCallback, status: http.StatusTooManyRequests, slow: true},
		{name: "500 on the edit", route: discordfake.RouteEdit, status: http.StatusInternalServerError, slow: true},
		{name: "500 on the response", route: discordfake.RouteCallback, status: http.StatusInternalServerError},
		{name: "429 on the reply", route: discordfake.RouteMessage, status: http.StatusTooManyRequests},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := startFake(t, discordfake.Options{})
			var h discord.Handler = chat(t, nil)
			opts := discord.Options{}
			if tt.slow {
				h, opts.AnswerWait = slowed(h, 300*time.Millisecond), 50*time.Millisecond
			}
			startGateway(t, fake, discord.Config{}, h, opts)
			if tt.status == http.StatusTooManyRequests {
				fake.RateLimitNext(tt.route, 250*time.Millisecond)
			} else {
				fake.FailNext(tt.route, tt.status)
			}
			var msg []byte
			var token string
			if tt.route == discordfake.RouteMessage {
				id, err := fake.MessageCreate(discordfake.Message{Content: "<@" + fake.BotID + "> " + gpuQuestion, Mentions: []string{fake.BotID}})
				if err != nil {
					t.Fatal(err)
				}
				r, err := fake.Wait(waitFor, func(r *discordfake.Request) bool {
					return r.Route == discordfake.RouteMessage && r.Status == http.StatusOK && bytes.Contains(r.Body, []byte(id))
				})
				if err != nil {
					t.Fatal(err)
				}
				msg = r.Body
			} else {
				in := slash(t, fake, askCommand(gpuQuestion, false))
				_, msg = answer(t, fake, in)
				token = in.Token
			}
			checkGPUAnswer(t, msg)
			var statuses []int
			for _, r := range fake.Requests() {
				if r.Route == tt.route && r.Token == token {
					statuses = append(statuses, r.Status)
				}
			}
			ok := http.StatusOK
			if tt.route == discordfake.RouteCallback {
				ok = http.StatusNoContent
			}
			if want := []int{tt.status, ok}; !slices.Equal(statuses, want) {
				t.Errorf("%s answered %v, want %v", tt.route, statuses, want)
			}
		})
	}
}

// TestGatewayReconnects checks that after the connection drops, or
// Discord asks for a reconnect, discordgo resumes the session and the
// next slash command is answered.
func TestGatewayReconnects(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		cut  func(*discordfake.Server) error
	}{
		{"dropped", (*discordfake.Server).Drop},
		{"reconnect requested", (*discordfake.Server).Reconnect},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := startFake(t, discordfake.Options{})
			g := startGateway(t, fake, discord.Config{}, chat(t, nil), discord.Options{})
			_, msg := answer(t, fake, slash(t, fake, askCommand(gpuQuestion, false)))
			checkGPUAnswer(t, msg)
			if err := tt.cut(fake); err != nil {
				t.Fatal(err)
			}
			if err := fake.WaitSessions(2, waitFor); err != nil {
				t.Fatal(err)
			}
			_, msg = answer(t, fake, slash(t, fake, askCommand(gpuQuestion, true)))
			checkGPUAnswer(t, msg)
			started, resumed := fake.Sessions()
			if started+resumed != 2 {
				t.Errorf("%d sessions started and %d resumed, want 2 in all", started, resumed)
			}
			t.Logf("sessions started %d, resumed %d", started, resumed)
			if tt.name == "dropped" && !g.errs.has("gateway") {
				t.Errorf("the lost connection was not reported")
			}
		})
	}
}

// TestGatewayRecoversFromPanic checks that a handler that panics on one
// request is logged and reported, that the user gets an apology (on a
// slash command, and on a mention), and that the next command is answered
// on the same session.
func TestGatewayRecoversFromPanic(t *testing.T) {
	t.Parallel()
	fake := startFake(t, discordfake.Options{})
	c := chat(t, nil)
	h := handlerFunc(func(ctx context.Context, req bot.Request) bot.Reply {
		if strings.Contains(req.Text, "boom") {
			panic("boom: the handler broke")
		}
		return c.Handle(ctx, req)
	})
	g := startGateway(t, fake, discord.Config{}, h, discord.Options{})

	_, msg := answer(t, fake, slash(t, fake, askCommand("boom", false)))
	if !bytes.Contains(msg, []byte("Sorry, something went wrong")) {
		t.Errorf("the user got %s, want an apology", msg)
	}
	if f := flags(t, msg); f != 64 {
		t.Errorf("the apology has flags %d, want 64", f)
	}
	id, err := fake.MessageCreate(discordfake.Message{Content: "<@" + fake.BotID + "> boom", Mentions: []string{fake.BotID}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := fake.Wait(waitFor, func(r *discordfake.Request) bool {
		return r.Route == discordfake.RouteMessage && bytes.Contains(r.Body, []byte(id))
	})
	if err != nil {
		t.Fatalf("no reply to the mention: %v", err)
	}
	if !bytes.Contains(r.Body, []byte("Sorry, something went wrong")) {
		t.Errorf("the mention got %s, want an apology", r.Body)
	}

	_, msg = answer(t, fake, slash(t, fake, askCommand(gpuQuestion, false)))
	checkGPUAnswer(t, msg)
	if started, resumed := fake.Sessions(); started != 1 || resumed != 0 {
		t.Errorf("%d sessions started, %d resumed: the panic cost the connection", started, resumed)
	}
	if !g.errs.has("handle") {
		t.Errorf("the panic was not reported to OnError")
	}
	if logs := g.logs.String(); !strings.Contains(logs, "panic") || !strings.Contains(logs, "boom: the handler broke") {
		t.Errorf("the panic was not logged:\n%s", logs)
	}
}

// failingTransport fails the first n requests whose path contains a
// string, as a broken network would, before the fake sees them; the
// http.Client's error then quotes the URL.
type failingTransport struct {
	next http.RoundTripper
	path string
	n    atomic.Int32
}

func (f *failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.Contains(r.URL.Path, f.path) && f.n.Add(-1) >= 0 {
		return nil, errors.New("connection reset by peer (injected)")
	}
	return f.next.RoundTrip(r)
}

// TestNoTokenInLogs runs the gateway with a realistic bot token, makes
// registration, a response, an edit and a reply fail (with 5xx from the
// fake and with network errors, which quote the URL, and so the
// interaction's token), and checks that no log line and no reported error
// holds the bot token or an interaction token.
func TestNoTokenInLogs(t *testing.T) {
	t.Parallel()
	const botToken = "MTAxNTk4NzY1NDMyMTAxMjM0.GhJkLm.s3cr3t-b0t-t0k3n_ABCDEFGHIJKLMNOPQRSTUV"
	fake := startFake(t, discordfake.Options{Token: "Bot " + botToken})
	for range 3 {
		fake.FailNext(discordfake.RouteCommands, http.StatusInternalServerError)
	}
	logger, logs := testLogger(t)
	ft := &failingTransport{path: "/callback"}
	ft.n.Store(3)
	base := fake.Client()
	ft.next = base.Transport
	client := &http.Client{Timeout: base.Timeout, Transport: ft}
	g := newGateway(t, fake, discord.Config{Token: "Bot " + botToken}, slowed(chat(t, nil), 0),
		discord.Options{Logger: logger, HTTPClient: client})
	g.logs = logs
	g.start(t)
	waitUntil(t, "the failed registration is reported", func() bool { return g.errs.has("register") })

	// Network errors on the first response and its retries: the user
	// gets the apology, sent after them.
	in := slash(t, fake, askCommand(gpuQuestion, false))
	_, msg := answer(t, fake, in)
	if !bytes.Contains(msg, []byte("Sorry")) {
		t.Errorf("after failed responses the user got %s, want an apology", msg)
	}
	// 5xx on every try of a reply, then the apology goes through.
	for range 3 {
		fake.FailNext(discordfake.RouteMessage, http.StatusServiceUnavailable)
	}
	id, err := fake.MessageCreate(discordfake.Message{Content: "<@" + fake.BotID + "> " + gpuQuestion, Mentions: []string{fake.BotID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.Wait(waitFor, func(r *discordfake.Request) bool {
		return r.Route == discordfake.RouteMessage && r.Status == http.StatusOK && bytes.Contains(r.Body, []byte(id))
	}); err != nil {
		t.Fatalf("no reply after the failures: %v", err)
	}
	if !g.errs.has("respond") || !g.errs.has("reply") {
		t.Errorf("errors reported: %v, want respond and reply among them", g.errs.ops)
	}

	out := logs.String()
	if !strings.Contains(out, `"level":"ERROR"`) {
		t.Errorf("nothing was logged as an error:\n%s", out)
	}
	secrets := map[string]string{"bot token": botToken, "interaction token": in.Token,
		"interaction token's tail": in.Token[len(in.Token)-40:]}
	for what, secret := range secrets {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds the %s", what)
		}
		for _, err := range g.errs.errs() {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("an error reported to OnError holds the %s: %v", what, err)
			}
		}
	}
	if !strings.Contains(out, "[token]") {
		t.Errorf("no redacted URL in the log: the network errors were not logged?\n%s", out)
	}
}

// latencyQuestions are corpus questions for the latency measurement.
var latencyQuestions = []string{
	gpuQuestion,
	"How much will Stargate invest?",
	"How much did DeepSeek-V3 cost to train?",
	"What is Nvidia's market value?",
	"How many parameters does DeepSeek-V3 have?",
	"What did OpenAI raise?",
	"Who leads the AI race?",
	"what is the capital of france",
}

// measureLatency dispatches n /ask interactions one after another and
// returns, for each, the time from the fake's dispatch to its receiving
// the final answer.
func measureLatency(t testing.TB, fake *discordfake.Server, n int) []time.Duration {
	t.Helper()
	lat := make([]time.Duration, 0, n)
	for i := range n {
		cmd := askCommand(latencyQuestions[i%len(latencyQuestions)], false)
		in := slash(t, fake, cmd)
		r, _ := answer(t, fake, in)
		lat = append(lat, r.Time.Sub(in.Dispatched))
	}
	return lat
}

// percentile returns the p-th percentile (0-100) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// TestGatewayLatency measures event-to-reply latency over the fake
// gateway: 200 /ask interactions, one at a time, from the dispatch of
// INTERACTION_CREATE to the fake's receipt of the answer.
func TestGatewayLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("measures latency; skipped with -short")
	}
	fake := startFake(t, discordfake.Options{})
	startGateway(t, fake, discord.Config{}, chat(t, nil), discord.Options{})
	measureLatency(t, fake, 10) // warm up
	lat := measureLatency(t, fake, 200)
	slices.Sort(lat)
	p50, p99 := percentile(lat, 50), percentile(lat, 99)
	t.Logf("event-to-reply latency over %d /ask: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (race detector: %v)",
		len(lat), ms(p50), ms(percentile(lat, 90)), ms(p99), ms(lat[len(lat)-1]), raceEnabled)
	if p99 > 2*time.Second {
		t.Errorf("p99 %v: answers are deferred instead of sent at once", p99)
	}
}

// BenchmarkGatewayLatency is TestGatewayLatency as a benchmark: b.N /ask
// interactions, reporting p50 and p99 in milliseconds.
func BenchmarkGatewayLatency(b *testing.B) {
	fake := startFake(b, discordfake.Options{})
	startGateway(b, fake, discord.Config{}, chat(b, nil), discord.Options{})
	measureLatency(b, fake, 10) // warm up
	b.ResetTimer()
	lat := measureLatency(b, fake, b.N)
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(ms(percentile(lat, 50)), "p50-ms")
	b.ReportMetric(ms(percentile(lat, 99)), "p99-ms")
}

// starter returns the shared engine over the embedded corpus.
func starter(t testing.TB) *bot.Engine { return bottest.Starter(t) }

// TestFakeAttachmentLimits: the fake takes attachments as Discord does, so
// that the tests above mean something: a file over Discord's limit is
// refused, and so is a message that shows an attachment it does not carry.
func TestFakeAttachmentLimits(t *testing.T) {
	t.Parallel()
	fake := discordfake.Start(t, discordfake.Options{})
	post := func(payload string, file []byte) int {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		pw, _ := mw.CreateFormField("payload_json")
		pw.Write([]byte(payload))
		if file != nil {
			fw, _ := mw.CreateFormFile("files[0]", "chart.png")
			fw.Write(file)
		}
		mw.Close()
		req, _ := http.NewRequest(http.MethodPost, fake.URL+"/api/v10/channels/300000000000000001/messages", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", fake.Token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	const msg = `{"content":"","embeds":[{"image":{"url":"attachment://chart.png"}}],"allowed_mentions":{"parse":[]}}`
	for _, tt := range []struct {
		name    string
		payload string
		file    []byte
		want    int
	}{
		{"a chart", msg, make([]byte, 30<<10), http.StatusOK},
		{"at the limit", msg, make([]byte, discordfake.MaxAttachment), http.StatusOK},
		{"over the limit", msg, make([]byte, discordfake.MaxAttachment+1), http.StatusRequestEntityTooLarge},
		{"shown, not attached", msg, nil, http.StatusBadRequest},
	} {
		if got := post(tt.payload, tt.file); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestDiscordAPIURL: with DISCORD_API_URL, racebot serve's Discord platform
// talks to that server instead of discord.com, REST and gateway, so that a
// self-hoster or a test outside Go can run it against a fake Discord.
func TestDiscordAPIURL(t *testing.T) {
	t.Parallel()
	fake := startFake(t, discordfake.Options{})
	var platform bot.Platform
	for _, p := range bot.Platforms() {
		if p.Name == "discord" {
			platform = p
		}
	}
	env := map[string]string{
		"DISCORD_BOT_TOKEN": strings.TrimPrefix(fake.Token, "Bot "),
		"DISCORD_API_URL":   fake.URL,
	}
	services, err := platform.Start(chat(t, nil), bot.PlatformOptions{
		Getenv: func(k string) string { return env[k] },
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil || len(services) != 1 {
		t.Fatalf("start: %v, %d services", err, len(services))
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- services[0].Run(ctx) }()
	defer func() { cancel(); <-done }()
	if _, err := fake.Wait(waitFor, func(r *discordfake.Request) bool {
		return r.Route == discordfake.RouteCommands && r.Method == http.MethodPut
	}); err != nil {
		t.Fatalf("the gateway did not register its commands with the fake: %v", err)
	}
	in := slash(t, fake, askCommand(gpuQuestion, false))
	_, msg := answer(t, fake, in)
	checkGPUAnswer(t, msg)

	env["DISCORD_API_URL"] = "discord.example.com"
	if _, err := platform.Start(chat(t, nil), bot.PlatformOptions{Getenv: func(k string) string { return env[k] }, Logger: slog.New(slog.DiscardHandler)}); err == nil || !strings.Contains(err.Error(), "DISCORD_API_URL") {
		t.Errorf("a base URL without a scheme: %v, want an error naming DISCORD_API_URL", err)
	}
}

// TestGatewayMentionWithoutAttachFiles: where the bot may not attach files,
// a mention's answer goes without its chart, not as an apology.
func TestGatewayMentionWithoutAttachFiles(t *testing.T) {
	t.Parallel()
	fake := startFake(t, discordfake.Options{})
	startGateway(t, fake, discord.Config{}, chat(t, nil), discord.Options{})
	fake.FailNext(discordfake.RouteMessage, http.StatusForbidden)
	id, err := fake.MessageCreate(discordfake.Message{Content: "<@" + fake.BotID + "> " + gpuQuestion, Mentions: []string{fake.BotID}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := fake.Wait(waitFor, func(r *discordfake.Request) bool {
		return r.Route == discordfake.RouteMessage && r.Status == http.StatusOK && bytes.Contains(r.Body, []byte(`"message_id":"`+id+`"`))
	})
	if err != nil {
		t.Fatalf("no answer after the attachment was refused: %v", err)
	}
	if len(r.Files) != 0 || bytes.Contains(r.Body, []byte("attachment://")) {
		t.Errorf("the second try still attaches the chart")
	}
	if !bytes.Contains(r.Body, []byte("50,000")) {
		t.Errorf("the answer went without its figures: %.300s", r.Body)
	}
}
