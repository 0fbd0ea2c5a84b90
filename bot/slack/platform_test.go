package slack

import (
	"slices"
	"strings"
	"testing"

	"github.com/racebot/racebot/bot/bottest"
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
			got, log, err := bottest.StartPlatform(t, "slack", tc.env)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.services) {
				t.Errorf("started %v, want %v", got, tc.services)
			}
			if !strings.Contains(log, tc.log) {
				t.Errorf("log does not say %q:\n%s", tc.log, log)
			}
			for _, secret := range []string{"s3cret", "xoxb-1", "xapp-1"} {
				if strings.Contains(log, secret) {
					t.Errorf("log holds %q:\n%s", secret, log)
				}
			}
		})
	}
}
