package slack

import (
	"fmt"
	"net"
	"net/http"
	"net/url"

	"github.com/racebot/racebot/bot"
)

// The routes Slack posts to in HTTP mode.
const (
	routeCommands    = "/slack/commands"
	routeEvents      = "/slack/events"
	routeInteractive = "/slack/interactive"
)

func init() {
	bot.Register(bot.Platform{
		Name: "slack",
		Env: []bot.EnvVar{
			{Name: "SLACK_BOT_TOKEN", Usage: "bot token (xoxb-): Socket Mode with SLACK_APP_TOKEN, and threaded replies"},
			{Name: "SLACK_APP_TOKEN", Usage: "app-level token (xapp-): Socket Mode"},
			{Name: "SLACK_SIGNING_SECRET", Usage: "signing secret: HTTP mode at POST " + routeCommands + ", " + routeEvents + ", " + routeInteractive},
			{Name: "SLACK_API_URL", Usage: "Web API base URL (optional, for tests and proxies)"},
		},
		Routes: []string{routeCommands, routeEvents, routeInteractive},
		Start:  start,
	})
}

// start starts Socket Mode when both tokens are set and HTTP mode when the
// signing secret is.
func start(h bot.Handler, o bot.PlatformOptions) ([]bot.Service, error) {
	cfg := Config{
		BotToken:      o.Getenv("SLACK_BOT_TOKEN"),
		AppToken:      o.Getenv("SLACK_APP_TOKEN"),
		SigningSecret: o.Getenv("SLACK_SIGNING_SECRET"),
		APIURL:        o.Getenv("SLACK_API_URL"),
	}
	opts := Options{Logger: o.Logger, OnError: o.OnError, Grace: o.Grace}
	if u, err := url.Parse(cfg.APIURL); err == nil && u.Scheme == "http" && !loopback(u.Hostname()) {
		o.Logger.Warn("SLACK_API_URL is not https: the bot token would cross the network unencrypted", "url", cfg.APIURL)
	}
	var out []bot.Service
	switch {
	case cfg.BotToken != "" && cfg.AppToken != "":
		sm, err := NewSocketMode(cfg, h, opts)
		if err != nil {
			return nil, fmt.Errorf("slack socket mode: %w", err)
		}
		out = append(out, bot.Service{Name: "slack socket mode", Run: sm.Run})
		o.Logger.Info("Slack Socket Mode started")
	case cfg.AppToken != "":
		o.Logger.Info("Slack Socket Mode off: SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not")
	default:
		o.Logger.Info("Slack Socket Mode off: SLACK_BOT_TOKEN and SLACK_APP_TOKEN are not both set")
	}
	if cfg.SigningSecret != "" {
		hm, err := NewHTTP(cfg, h, opts)
		if err != nil {
			return nil, fmt.Errorf("slack HTTP mode: %w", err)
		}
		out = append(out, bot.Service{
			Name: "slack HTTP mode",
			Handlers: map[string]http.Handler{
				routeCommands:    hm.Commands(),
				routeEvents:      hm.Events(),
				routeInteractive: hm.Interactive(),
			},
			Drain: hm.Shutdown,
		})
		o.Logger.Info("Slack HTTP mode started", "routes", "POST "+routeCommands+", "+routeEvents+", "+routeInteractive)
		if cfg.BotToken == "" {
			o.Logger.Warn("Slack HTTP mode answers slash commands but not mentions: replying in a thread needs SLACK_BOT_TOKEN")
		}
	} else {
		o.Logger.Info("Slack HTTP mode off: SLACK_SIGNING_SECRET is not set")
	}
	return out, nil
}

// loopback says whether host names this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
