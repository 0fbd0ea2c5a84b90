package discord

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"

	"github.com/racebot/racebot/bot"
)

func registered(t *testing.T, name string) bot.Platform {
	t.Helper()
	i := slices.IndexFunc(bot.Platforms(), func(p bot.Platform) bool { return p.Name == name })
	if i < 0 {
		t.Fatalf("no platform %q is registered", name)
	}
	return bot.Platforms()[i]
}

func TestPlatformStart(t *testing.T) {
	const key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	for _, tc := range []struct {
		name     string
		env      map[string]string
		services []string // names of what starts
		wantErr  bool
	}{
		{name: "no credentials", services: nil},
		{name: "public key", env: map[string]string{"DISCORD_PUBLIC_KEY": key}, services: []string{"discord interactions"}},
		{name: "token", env: map[string]string{"DISCORD_BOT_TOKEN": "x.y.z"}, services: []string{"discord gateway"}},
		{name: "both", env: map[string]string{"DISCORD_BOT_TOKEN": "x.y.z", "DISCORD_PUBLIC_KEY": key}, services: []string{"discord gateway", "discord interactions"}},
		{name: "key not hex", env: map[string]string{"DISCORD_PUBLIC_KEY": "not-hex"}, wantErr: true},
		{name: "shard count not a number", env: map[string]string{"DISCORD_SHARD_COUNT": "two"}, wantErr: true},
		{name: "negative shard", env: map[string]string{"DISCORD_SHARD_ID": "-1"}, wantErr: true},
		{name: "shard beyond count", env: map[string]string{"DISCORD_BOT_TOKEN": "x.y.z", "DISCORD_SHARD_ID": "2", "DISCORD_SHARD_COUNT": "2"}, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := registered(t, "discord")
			got, err := p.Start(noAnswer{}, bot.PlatformOptions{
				Getenv: func(k string) string { return tc.env[k] },
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			})
			if (err != nil) != tc.wantErr {
				t.Fatalf("Start: %v, want error %v", err, tc.wantErr)
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
		})
	}
}

// noAnswer is a handler for starting adapters that are never asked.
type noAnswer struct{}

func (noAnswer) Handle(context.Context, bot.Request) bot.Reply { return bot.Reply{} }
