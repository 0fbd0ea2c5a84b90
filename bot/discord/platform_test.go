package discord

import (
	"slices"
	"testing"

	"github.com/racebot/racebot/bot/bottest"
)

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
			got, _, err := bottest.StartPlatform(t, "discord", tc.env)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Start: %v, want error %v", err, tc.wantErr)
			}
			if !slices.Equal(got, tc.services) {
				t.Errorf("started %v, want %v", got, tc.services)
			}
		})
	}
}
