package slack

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/racebot/racebot/bot"
)

func TestPlatformStart(t *testing.T) {
	for _, tc := range []struct {
		name     string
		env      map[string]string
		services []string
		log      string // a line the log must hold
	}{
		{name: "no credentials", log: "Socket Mode off"},
		{name: "app token alone", env: map[string]string{"SLACK_APP_TOKEN": "xapp-1"}, log: "SLACK_BOT_TOKEN is not"},
		{name: "socket mode", env: map[string]string{"SLACK_APP_TOKEN": "xapp-1", "SLACK_BOT_TOKEN": "xoxb-1"}, services: []string{"slack socket mode"}},
		{name: "HTTP mode", env: map[string]string{"SLACK_SIGNING_SECRET": "s3cret"}, services: []string{"slack HTTP mode"}, log: "needs SLACK_BOT_TOKEN"},
		{name: "plain HTTP API", env: map[string]string{"SLACK_SIGNING_SECRET": "s3cret", "SLACK_API_URL": "http://example.com/api/"}, services: []string{"slack HTTP mode"}, log: "not https"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := slices.IndexFunc(bot.Platforms(), func(p bot.Platform) bool { return p.Name == "slack" })
			if i < 0 {
				t.Fatal("the slack platform is not registered")
			}
			p := bot.Platforms()[i]
			var log bytes.Buffer
			got, err := p.Start(noAnswer{}, bot.PlatformOptions{
				Getenv: func(k string) string { return tc.env[k] },
				Logger: slog.New(slog.NewTextHandler(&log, nil)),
			})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, s := range got {
				names = append(names, s.Name)
				for route := range s.Handlers {
					if !slices.Contains(p.Routes, route) {
						t.Errorf("%s answers %s, which Platform.Routes does not declare", s.Name, route)
					}
				}
			}
			if !slices.Equal(names, tc.services) {
				t.Errorf("started %v, want %v", names, tc.services)
			}
			if !strings.Contains(log.String(), tc.log) {
				t.Errorf("log does not say %q:\n%s", tc.log, log.String())
			}
			for _, secret := range []string{"s3cret", "xoxb-1", "xapp-1"} {
				if strings.Contains(log.String(), secret) {
					t.Errorf("log holds %q:\n%s", secret, log.String())
				}
			}
		})
	}
}

// noAnswer is a handler for starting adapters that are never asked.
type noAnswer struct{}

func (noAnswer) Handle(context.Context, bot.Request) bot.Reply { return bot.Reply{} }
