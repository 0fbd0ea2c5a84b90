package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/racebot/racebot/bot"
)

// Gateway answers slash commands and mentions over a Discord gateway
// session. Create it with NewGateway and call Run.
type Gateway struct {
	*core
	cfg   Config
	token string // "Bot …"
}

// run is one call of Gateway.Run: its session's event handlers, whether it
// is shutting down, and the answers it has in flight. Each Run has its
// own, so that a Gateway can be run again after a shutdown, and a session
// that reconnects while its Run shuts down cannot take events for a later
// Run.
type run struct {
	*Gateway

	gate bot.Gate
}

// NewGateway returns a gateway adapter for the bot token in cfg. It checks
// the configuration but does not connect; Run does.
func NewGateway(cfg Config, h Handler, opts Options) (*Gateway, error) {
	token := strings.TrimSpace(cfg.Token)
	token = strings.TrimSpace(strings.TrimPrefix(token, "Bot "))
	if token == "" {
		return nil, errors.New("discord: gateway mode needs a bot token (DISCORD_BOT_TOKEN)")
	}
	if strings.ContainsAny(token, " \t\r\n") {
		return nil, errors.New("discord: the bot token (DISCORD_BOT_TOKEN) must not contain spaces")
	}
	if err := validateConfig(cfg); err != nil {
		return nil, err
	}
	if cfg.ShardCount == 0 {
		cfg.ShardCount = 1
	}
	if cfg.ShardCount < 0 || cfg.ShardID < 0 || cfg.ShardID >= cfg.ShardCount {
		return nil, fmt.Errorf("discord: shard %d of %d: DISCORD_SHARD_ID must be at least 0 and less than DISCORD_SHARD_COUNT",
			cfg.ShardID, cfg.ShardCount)
	}
	c, err := newCore(h, opts, "Bot "+token)
	if err != nil {
		return nil, err
	}
	return &Gateway{core: c, cfg: cfg, token: "Bot " + token}, nil
}

// intents are the gateway events racebot needs: messages in servers and
// in direct messages. Slash commands come whatever the intents, and the
// privileged message-content intent is not needed because Discord sends
// the content of a message that mentions the bot anyway.
const intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// Run opens the gateway session, registers the commands, and serves until
// ctx is done; then it stops taking events, waits (for a while) for the
// answers in flight, and closes the session. discordgo reconnects, and
// resumes, by itself when the connection drops. Run returns nil after a
// clean shutdown, or the error that kept it from connecting. Run may be
// called again after it returns, to reconnect with a new session.
func (g *Gateway) Run(ctx context.Context) error {
	r := &run{Gateway: g}
	s, err := discordgo.New(g.token)
	if err != nil {
		return fmt.Errorf("create discord session: %w", err)
	}
	s.Client = g.client
	s.StateEnabled = false // racebot needs only READY's user and application, which are kept anyway
	s.ShardID, s.ShardCount = g.cfg.ShardID, g.cfg.ShardCount
	s.Identify.Intents = intents
	s.ShouldReconnectOnError = true
	s.AddHandler(r.onInteraction)
	s.AddHandler(r.onMessage)
	s.AddHandler(r.onConnect)
	s.AddHandler(r.onDisconnect)
	s.AddHandler(g.onRateLimit)

	if err := s.Open(); err != nil {
		return fmt.Errorf("open discord gateway session: %w", redact(err, strings.TrimPrefix(g.token, "Bot ")))
	}
	user, appID := ready(s)
	if g.cfg.ApplicationID != "" {
		appID = g.cfg.ApplicationID
	}
	g.log.Info("connected to the Discord gateway", "bot", user, "application", appID,
		"shard", g.cfg.ShardID, "shards", g.cfg.ShardCount)
	if g.cfg.ShardID == 0 {
		// Commands belong to the application, not a shard: one shard
		// registering them is enough.
		g.register(ctx, s, appID)
	}

	<-ctx.Done()
	r.gate.Stop()
	// Close the websocket first, so that no new event comes in, then let
	// the answers in flight finish: they go out over REST. A reconnect
	// loop still running would otherwise outlive Run.
	s.Lock()
	s.ShouldReconnectOnError = false
	s.Unlock()
	if err := s.Close(); err != nil {
		g.log.Warn("closing the Discord gateway session", "err", err)
	}
	drainCtx, cancel := context.WithTimeout(context.Background(), g.grace)
	defer cancel()
	if err := r.gate.Close(drainCtx); err != nil {
		g.log.Warn("stopped waiting for Discord answers in flight")
	}
	g.log.Info("disconnected from the Discord gateway")
	return nil
}

// ready returns the bot's user ID and the application ID from the READY
// event. discordgo stores READY before Open returns.
func ready(s *discordgo.Session) (user, app string) {
	s.State.RLock()
	defer s.State.RUnlock()
	if s.State.User != nil {
		user = s.State.User.ID
	}
	if s.State.Application != nil {
		app = s.State.Application.ID
	}
	return user, app
}

// register replaces the application's commands with racebot's, in one
// guild when GuildID is set (instantly) or globally. A failure is logged
// and reported but does not stop the bot: mentions still work, and so do
// commands registered before.
func (g *Gateway) register(ctx context.Context, s *discordgo.Session, appID string) {
	if appID == "" {
		g.report("register", errors.New("no application ID: set DISCORD_APPLICATION_ID"))
		return
	}
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	var cmds []*discordgo.ApplicationCommand
	err := retry(ctx, func(ctx context.Context) error {
		var err error
		cmds, err = s.ApplicationCommandBulkOverwrite(appID, g.cfg.GuildID, Commands(), discordgo.WithContext(ctx))
		return err
	})
	if err != nil {
		g.report("register", fmt.Errorf("register slash commands: %w", err), "guild", g.cfg.GuildID)
		return
	}
	scope := "globally (they can take up to an hour to appear)"
	if g.cfg.GuildID != "" {
		scope = "in guild " + g.cfg.GuildID
	}
	g.log.Info("registered slash commands "+scope, "commands", len(cmds))
	if g.cfg.GuildID != "" {
		g.warnGlobal(ctx, s, appID)
	}
}

// warnGlobal says so when racebot's commands are also registered globally,
// by an earlier run without DISCORD_GUILD_ID: Discord then lists each of
// them twice in the guild, and only the owner can say which scope to keep.
func (g *Gateway) warnGlobal(ctx context.Context, s *discordgo.Session, appID string) {
	global, err := s.ApplicationCommands(appID, "", discordgo.WithContext(ctx))
	if err != nil {
		g.log.Debug("could not list the global slash commands", "err", redact(err, strings.TrimPrefix(g.token, "Bot ")))
		return
	}
	if len(global) > 0 {
		g.log.Warn("slash commands are registered globally too, so Discord lists them twice in this guild: "+
			"unset DISCORD_GUILD_ID to use only the global ones, or delete the global ones (README: Discord)",
			"guild", g.cfg.GuildID, "global", len(global), "application", appID)
	}
}

// begin counts an event as in flight, unless the gateway is shutting down.
func (r *run) begin() bool { return r.gate.Enter() }

// recoverEvent keeps a panic in an event handler from killing the process:
// discordgo runs handlers in goroutines of their own.
func (g *Gateway) recoverEvent(event string, attrs ...any) {
	if p := recover(); p != nil {
		g.log.Error("panic while handling a Discord event", append(attrs, "event", event,
			"panic", fmt.Sprint(p), "stack", string(debug.Stack()))...)
		g.onError("handle", fmt.Errorf("panic while handling %s: %v", event, p))
	}
}

// onInteraction answers a slash command: with the answer if it is ready
// within AnswerWait, or else with a deferral and then an edit.
func (r *run) onInteraction(s *discordgo.Session, ev *discordgo.InteractionCreate) {
	received := time.Now()
	if ev.Interaction == nil || !r.begin() {
		return
	}
	defer r.gate.Leave()
	i := ev.Interaction
	defer r.recoverEvent("INTERACTION_CREATE", interactionAttrs(i)...)

	resp, late := r.first(i, received)
	err := r.respond(i, resp, received.Add(responseDeadline))
	switch {
	case err == nil:
	case late == nil:
		r.report("respond", err, interactionAttrs(i)...)
		// The answer was not delivered; an apology may still be, while
		// the interaction is valid.
		if !gone(err) {
			fallback := answerResponse(bot.Reply{Kind: bot.ReplyNotice, Failed: true, Text: bot.Apology}, true)
			if err := r.respond(i, fallback, received.Add(responseDeadline)); err != nil {
				r.report("respond", err, interactionAttrs(i)...)
			}
		}
		return
	default:
		r.report("defer", err, interactionAttrs(i)...)
		if gone(err) {
			return // too late: the interaction no longer exists
		}
		// The deferral may have arrived even though its response did
		// not: try the edit anyway.
	}
	if late != nil {
		r.finish(i, late)
	}
}

// onMessage answers a message that mentions the bot, or any message in a
// direct conversation, with a reply to it.
func (r *run) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	if m.Message == nil || m.Author == nil || m.Author.Bot {
		return
	}
	botID, _ := ready(s)
	if botID == "" || m.Author.ID == botID {
		return
	}
	question, ok := mentioned(m.Message, botID)
	if !ok {
		return
	}
	if !r.begin() {
		return
	}
	defer r.gate.Leave()
	attrs := []any{"message", m.ID, "guild", m.GuildID, "channel", m.ChannelID}
	defer r.recoverEvent("MESSAGE_CREATE", attrs...)

	pending := r.start(bot.Request{Platform: platform, User: m.Author.ID, Channel: m.ChannelID,
		Command: bot.CommandAsk, Text: question})
	rep, ok := pending.Wait(r.wait)
	if !ok {
		// Show "racebot is typing…" while the answer is slow.
		if err := s.ChannelTyping(m.ChannelID); err != nil {
			r.log.Debug("could not show typing", append(attrs, "err", err)...)
		}
		rep = pending.Reply(context.Background())
	}
	err := r.reply(s, m.Message, Render(rep))
	if err == nil {
		return
	}
	r.report("reply", err, attrs...)
	if err := r.reply(s, m.Message, Render(bot.Reply{Kind: bot.ReplyNotice, Failed: true, Text: bot.Apology})); err != nil {
		r.report("reply", err, attrs...)
	}
}

// reply sends d as a reply to m. It does not fail when m was deleted in
// the meantime, and it pings no one, not even m's author.
func (g *Gateway) reply(s *discordgo.Session, m *discordgo.Message, d *discordgo.InteractionResponseData) error {
	ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
	defer cancel()
	failIfGone := false
	send := &discordgo.MessageSend{
		Content:         d.Content,
		Embeds:          d.Embeds,
		Files:           d.Files,
		AllowedMentions: noMentions(),
		Reference: &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID,
			FailIfNotExists: &failIfGone},
	}
	post := func() error {
		return retry(ctx, func(ctx context.Context) error {
			rewind(send.Files)
			_, err := s.ChannelMessageSendComplex(m.ChannelID, send, discordgo.WithContext(ctx))
			return err
		})
	}
	err := post()
	if err != nil && len(send.Files) > 0 && forbidden(err) {
		// A server may not give the bot Attach Files in this channel:
		// the answer still goes, without its chart.
		d = withoutFiles(d)
		send.Files, send.Embeds = nil, d.Embeds
		err = post()
	}
	return err
}

// forbidden reports whether Discord refused a request for want of a
// permission.
func forbidden(err error) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusForbidden
}

// mentioned returns the question in a message addressed to the bot: one
// that mentions it (<@ID> or <@!ID>, or a reply that pings it), or any
// message in a direct conversation. ok is false for other messages.
func mentioned(m *discordgo.Message, botID string) (question string, ok bool) {
	text := m.Content
	for _, tok := range []string{"<@" + botID + ">", "<@!" + botID + ">"} {
		if strings.Contains(text, tok) {
			ok = true
			text = strings.ReplaceAll(text, tok, " ")
		}
	}
	for _, u := range m.Mentions {
		if u != nil && u.ID == botID {
			ok = true
		}
	}
	if m.GuildID == "" {
		ok = true // a direct message is always to the bot
	}
	return strings.Join(strings.Fields(text), " "), ok
}

// onConnect logs a (re)connection, and closes one that a reconnect opened
// after Run began shutting down.
func (r *run) onConnect(s *discordgo.Session, _ *discordgo.Connect) {
	if r.gate.Closing() {
		_ = s.Close()
		return
	}
	r.log.Info("Discord gateway connected")
}

// onDisconnect logs a dropped connection; discordgo reconnects by itself.
func (r *run) onDisconnect(_ *discordgo.Session, _ *discordgo.Disconnect) {
	if !r.gate.Closing() {
		r.log.Warn("Discord gateway disconnected; reconnecting")
		r.onError("gateway", errors.New("gateway connection lost"))
	}
}

// onRateLimit logs a rate limit that discordgo is waiting out.
func (g *Gateway) onRateLimit(_ *discordgo.Session, rl *discordgo.RateLimit) {
	if rl == nil || rl.TooManyRequests == nil {
		return
	}
	g.log.Warn("Discord rate limit; waiting", "retry_after", rl.RetryAfter, "bucket", rl.Bucket)
}
