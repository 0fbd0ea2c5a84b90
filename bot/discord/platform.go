package discord

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/racebot/racebot/bot"
)

// route is where Discord posts HTTP interactions.
const route = "/discord/interactions"

func init() {
	bot.Register(bot.Platform{
		Name: "discord",
		Env: []bot.EnvVar{
			{Name: "DISCORD_BOT_TOKEN", Usage: "bot token: gateway mode (slash commands and @-mentions)"},
			{Name: "DISCORD_PUBLIC_KEY", Usage: "application public key: HTTP interactions at POST " + route},
			{Name: "DISCORD_APPLICATION_ID", Usage: "application ID (optional: learnt from the gateway)"},
			{Name: "DISCORD_GUILD_ID", Usage: "register slash commands in this server only, at once (optional)"},
			{Name: "DISCORD_SHARD_ID", Usage: "this process's shard (optional)"},
			{Name: "DISCORD_SHARD_COUNT", Usage: "how many shards (optional)"},
			{Name: "DISCORD_API_URL", Usage: "REST base URL, e.g. http://127.0.0.1:9000 (optional, for a fake Discord in tests; the gateway is the one it names)"},
		},
		Routes: []string{route},
		Start:  start,
	})
}

// clientFor returns an HTTP client that sends Discord's REST requests to
// base's scheme and host instead of discord.com, keeping their paths, so
// that racebot can run against a fake Discord (discordfake, or one outside
// Go). The gateway is the address that base's GET /gateway/bot gives.
func clientFor(base string) (*http.Client, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("%q is not an http or https base URL", base)
	}
	return &http.Client{Timeout: 30 * time.Second, Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host, r.Host = u.Scheme, u.Host, u.Host
		return http.DefaultTransport.RoundTrip(r)
	})}, nil
}

// roundTripper is a function as an http.RoundTripper.
type roundTripper func(*http.Request) (*http.Response, error)

// RoundTrip implements http.RoundTripper.
func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// start starts gateway mode when a bot token is set and HTTP interactions
// when a public key is.
func start(h bot.Handler, o bot.PlatformOptions) ([]bot.Service, error) {
	cfg := Config{
		Token:         o.Getenv("DISCORD_BOT_TOKEN"),
		ApplicationID: o.Getenv("DISCORD_APPLICATION_ID"),
		PublicKey:     o.Getenv("DISCORD_PUBLIC_KEY"),
		GuildID:       o.Getenv("DISCORD_GUILD_ID"),
	}
	var err error
	if cfg.ShardID, cfg.ShardCount, err = shards(o.Getenv); err != nil {
		return nil, err
	}
	opts := Options{Logger: o.Logger, OnError: o.OnError, Grace: o.Grace}
	if base := o.Getenv("DISCORD_API_URL"); base != "" {
		client, err := clientFor(base)
		if err != nil {
			return nil, fmt.Errorf("DISCORD_API_URL: %w", err)
		}
		if !strings.HasPrefix(base, "https://") {
			o.Logger.Warn("DISCORD_API_URL is not https: the bot token would cross the network unencrypted", "url", base)
		}
		opts.HTTPClient = client
	}
	if cfg.Token != "" || cfg.PublicKey != "" {
		routeDiscordgoLog(o.Logger, cfg.Token)
	}
	var out []bot.Service
	if cfg.Token != "" {
		gw, err := NewGateway(cfg, h, opts)
		if err != nil {
			return nil, fmt.Errorf("discord gateway: %w", err)
		}
		out = append(out, bot.Service{Name: "discord gateway", Run: gw.Run})
		o.Logger.Info("Discord gateway mode started", "shard", cfg.ShardID, "shards", max(cfg.ShardCount, 1), "guild", cfg.GuildID)
	} else {
		o.Logger.Info("Discord gateway mode off: DISCORD_BOT_TOKEN is not set")
	}
	if cfg.PublicKey != "" {
		in, err := NewInteractions(cfg, h, opts)
		if err != nil {
			return nil, fmt.Errorf("discord interactions: %w", err)
		}
		out = append(out, bot.Service{
			Name:     "discord interactions",
			Handlers: map[string]http.Handler{route: in},
			Drain:    in.Shutdown,
		})
		o.Logger.Info("Discord HTTP interactions started", "route", "POST "+route)
		if cfg.Token == "" {
			o.Logger.Info("Discord slash commands are registered by gateway mode: if they are not yet, " +
				"run racebot serve once with DISCORD_BOT_TOKEN set")
		}
	} else {
		o.Logger.Info("Discord HTTP interactions off: DISCORD_PUBLIC_KEY is not set")
	}
	return out, nil
}

// shards reads DISCORD_SHARD_ID and DISCORD_SHARD_COUNT.
func shards(getenv func(string) string) (id, count int, err error) {
	parse := func(name string) (int, error) {
		v := getenv(name)
		if v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%s=%q is not a whole number", name, v)
		}
		return n, nil
	}
	if id, err = parse("DISCORD_SHARD_ID"); err != nil {
		return 0, 0, err
	}
	if count, err = parse("DISCORD_SHARD_COUNT"); err != nil {
		return 0, 0, err
	}
	if count > 0 && id >= count {
		return 0, 0, fmt.Errorf("DISCORD_SHARD_ID %d is not below DISCORD_SHARD_COUNT %d", id, count)
	}
	return id, count, nil
}

// routeDiscordgoLog sends discordgo's own log lines, which it writes with
// the standard log package unless told otherwise, to racebot's log, with
// the token taken out should one ever appear in them.
func routeDiscordgoLog(log *slog.Logger, token string) {
	token = strings.TrimPrefix(token, "Bot ")
	discordgo.Logger = func(level, _ int, format string, a ...any) {
		msg := fmt.Sprintf(format, a...)
		if token != "" {
			msg = strings.ReplaceAll(msg, token, "[token]")
		}
		l := slog.LevelDebug
		switch level {
		case discordgo.LogError:
			l = slog.LevelError
		case discordgo.LogWarning:
			l = slog.LevelWarn
		}
		log.Log(context.Background(), l, "discordgo: "+msg)
	}
}
