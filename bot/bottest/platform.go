package bottest

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"testing"

	"github.com/racebot/racebot/bot"
)

// StartPlatform starts the registered platform name with env as its
// environment and a handler that is never asked, and returns the names of
// the services it started, what it logged, and its error. It fails the
// test if the platform is not registered or answers on a route its
// bot.Platform does not declare.
func StartPlatform(t *testing.T, name string, env map[string]string) (services []string, log string, err error) {
	t.Helper()
	ps := bot.Platforms()
	i := slices.IndexFunc(ps, func(p bot.Platform) bool { return p.Name == name })
	if i < 0 {
		t.Fatalf("no platform %q is registered", name)
	}
	var buf bytes.Buffer
	started, err := ps[i].Start(handlerFunc(func(context.Context, bot.Request) bot.Reply { return bot.Reply{} }), bot.PlatformOptions{
		Getenv: func(k string) string { return env[k] },
		Logger: slog.New(slog.NewTextHandler(&buf, nil)),
	})
	for _, s := range started {
		services = append(services, s.Name)
		for route := range s.Handlers {
			if !slices.Contains(ps[i].Routes, route) {
				t.Errorf("%s answers %s, which its bot.Platform does not declare", s.Name, route)
			}
		}
	}
	return services, buf.String(), err
}
