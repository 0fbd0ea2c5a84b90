// Package discord connects racebot to Discord.
//
// It has two modes, which share everything but the transport:
//
//   - Gateway (NewGateway, with a bot token): a websocket session that
//     registers the slash commands (/ask, /figures, /sources, /help),
//     answers them, and answers messages that mention the bot with a reply.
//   - HTTP interactions (NewInteractions, with the application's public
//     key): an http.Handler for POST /discord/interactions that verifies
//     Discord's Ed25519 signature and answers the same slash commands, so
//     that they can run behind a load balancer without a gateway session.
//
// Discord drops an interaction that is not answered within three seconds,
// so both modes start the answer at once and, if it is not ready within
// Options.AnswerWait, acknowledge with a deferred response and edit the
// answer in when it comes. Every path ends in a visible message: an answer,
// a notice, or an apology.
//
// Render turns a bot.Reply into Discord embeds within Discord's size
// limits, with corpus and user text escaped so that it can neither break
// the markdown nor ping anyone; every message is also sent with empty
// allowed mentions.
package discord

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/racebot/racebot/bot"
)

// Handler is what the adapter needs of racebot, bot.Handler: *bot.Chat
// implements it.
type Handler = bot.Handler

// Config holds the Discord credentials and settings, from the environment.
type Config struct {
	Token         string // DISCORD_BOT_TOKEN (gateway mode; "Bot " prefix added by the adapter)
	ApplicationID string // DISCORD_APPLICATION_ID (optional: learnt from READY otherwise)
	PublicKey     string // DISCORD_PUBLIC_KEY, hex (HTTP interactions mode)
	GuildID       string // DISCORD_GUILD_ID: register commands instantly in one guild instead of globally

	ShardID    int // DISCORD_SHARD_ID
	ShardCount int // DISCORD_SHARD_COUNT; 0 means 1
}

// Options tune an adapter. The zero value is ready to use.
type Options struct {
	Logger *slog.Logger // never given a token
	// OnError is told about every platform error, for metrics. op says
	// what failed: "respond", "defer", "edit", "reply", "register",
	// "gateway", "signature" (a refused HTTP interaction) or "handle" (a
	// panic in the Handler).
	OnError func(op string, err error)
	// HTTPClient sends the REST requests; tests pass a client whose
	// transport rewrites requests to a fake server.
	HTTPClient *http.Client
	// AnswerWait is how long to wait for an answer before deferring the
	// response to an interaction; default 2s. It must leave time for the
	// deferral within Discord's three seconds.
	AnswerWait time.Duration
	// Now is the clock; tests set it.
	Now func() time.Time
	// Grace bounds how long the gateway's Run waits, once its context is
	// done, for the answers in flight; default 20s.
	Grace time.Duration
}

const (
	platform = "discord"

	defaultAnswerWait = 2 * time.Second
	// responseDeadline is Discord's limit for the first response to an
	// interaction; after it the interaction token no longer works.
	responseDeadline = 3 * time.Second
	// answerTimeout bounds one Handle call. Interaction tokens last 15
	// minutes, but nobody waits that long for a quote.
	answerTimeout = time.Minute
	// sendTimeout bounds sending one message, retries included.
	sendTimeout = 30 * time.Second
	// defaultGrace bounds how long a shutdown waits for answers in flight.
	defaultGrace = 20 * time.Second
)

// core is what both modes share: the handler, logging and error reports,
// and the logic that answers an interaction within Discord's deadline.
type core struct {
	h       Handler
	log     *slog.Logger
	onError func(op string, err error)
	client  *http.Client
	wait    time.Duration
	grace   time.Duration
	now     func() time.Time
	rest    *restPool
}

func newCore(h Handler, opts Options, token string) (*core, error) {
	if h == nil {
		return nil, errors.New("discord: no handler")
	}
	if opts.AnswerWait < 0 || opts.AnswerWait >= responseDeadline {
		return nil, fmt.Errorf("discord: answer wait %v must be between 0 and Discord's 3s deadline", opts.AnswerWait)
	}
	c := &core{
		h:       h,
		log:     opts.Logger,
		onError: opts.OnError,
		client:  opts.HTTPClient,
		wait:    opts.AnswerWait,
		now:     opts.Now,
		grace:   opts.Grace,
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.onError == nil {
		c.onError = func(string, error) {}
	}
	if c.client == nil {
		c.client = &http.Client{Timeout: 20 * time.Second}
	}
	if c.wait == 0 {
		c.wait = defaultAnswerWait
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.grace <= 0 {
		c.grace = defaultGrace
	}
	c.rest = &restPool{token: token, client: c.client}
	return c, nil
}

// report logs a platform error and passes it to OnError.
func (c *core) report(op string, err error, attrs ...any) {
	c.log.Error("discord "+op+" failed", append(attrs, "op", op, "err", err)...)
	c.onError(op, err)
}

// start answers req in the background. A panic in the Handler is logged
// and counted, and becomes bot.Apology.
func (c *core) start(req bot.Request) *bot.Pending {
	return bot.Ask(context.Background(), c.h, req, answerTimeout, func(p any) {
		c.log.Error("panic in the answer handler", "command", req.Command, "user", req.User,
			"channel", req.Channel, "panic", fmt.Sprint(p))
		c.onError("handle", fmt.Errorf("handler panicked: %v", p))
	})
}

// noMentions is the allowed_mentions of every message racebot sends: none.
// Parse must be an empty slice, not nil, which discordgo would send as
// null, letting Discord apply its defaults.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// validateConfig checks the parts of cfg that both modes use.
func validateConfig(cfg Config) error {
	if cfg.ApplicationID != "" && !snowflake(cfg.ApplicationID) {
		return errors.New("discord: DISCORD_APPLICATION_ID must be the application's numeric ID")
	}
	if cfg.GuildID != "" && !snowflake(cfg.GuildID) {
		return errors.New("discord: DISCORD_GUILD_ID must be a server's numeric ID")
	}
	return nil
}

// snowflake reports whether s looks like a Discord ID.
func snowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// decodePublicKey reads the application's hex public key.
func decodePublicKey(s string) ([]byte, error) {
	k, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(k) != 32 {
		return nil, errors.New("discord: DISCORD_PUBLIC_KEY must be the application's public key: 64 hexadecimal digits")
	}
	return k, nil
}
