package main

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/discord"
)

// deployDir holds the files a self-hoster deploys with; these tests keep
// them in step with the code.
const deployDir = "../../docs/deploy"

// slackManifest is the part of a Slack app manifest racebot depends on.
type slackManifest struct {
	Features struct {
		BotUser struct {
			DisplayName string `yaml:"display_name"`
		} `yaml:"bot_user"`
		SlashCommands []struct {
			Command     string `yaml:"command"`
			URL         string `yaml:"url"`
			Description string `yaml:"description"`
		} `yaml:"slash_commands"`
	} `yaml:"features"`
	OAuth struct {
		Scopes struct {
			Bot []string `yaml:"bot"`
		} `yaml:"scopes"`
	} `yaml:"oauth_config"`
	Settings struct {
		Events struct {
			RequestURL string   `yaml:"request_url"`
			BotEvents  []string `yaml:"bot_events"`
		} `yaml:"event_subscriptions"`
		Interactivity struct {
			Enabled    bool   `yaml:"is_enabled"`
			RequestURL string `yaml:"request_url"`
		} `yaml:"interactivity"`
		SocketMode bool `yaml:"socket_mode_enabled"`
	} `yaml:"settings"`
}

// commands are the chat commands racebot handles, the same on every
// platform.
var commands = []string{string(bot.CommandAsk), string(bot.CommandFigures), string(bot.CommandSources), string(bot.CommandHelp), string(bot.CommandTimeline)}

func TestSlackManifests(t *testing.T) {
	for _, tc := range []struct {
		file       string
		socketMode bool
	}{
		{"slack-manifest.yaml", true},
		{"slack-manifest-http.yaml", false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(deployDir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var m slackManifest
			dec := yaml.NewDecoder(strings.NewReader(string(b)))
			if err := dec.Decode(&m); err != nil {
				t.Fatalf("%s does not parse: %v", tc.file, err)
			}
			var got []string
			for _, c := range m.Features.SlashCommands {
				got = append(got, strings.TrimPrefix(c.Command, "/"))
				if c.Description == "" {
					t.Errorf("%s: %s has no description", tc.file, c.Command)
				}
				if tc.socketMode != (c.URL == "") {
					t.Errorf("%s: %s has url %q; Socket Mode needs none, HTTP mode needs one", tc.file, c.Command, c.URL)
				}
				if !tc.socketMode {
					checkRoute(t, tc.file, c.URL, "/slack/commands")
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(commands))
			if !slices.Equal(got, want) {
				t.Errorf("%s declares commands %v; racebot handles %v", tc.file, got, want)
			}
			for _, scope := range []string{"commands", "app_mentions:read", "chat:write"} {
				if !slices.Contains(m.OAuth.Scopes.Bot, scope) {
					t.Errorf("%s lacks the bot scope %s", tc.file, scope)
				}
			}
			if len(m.OAuth.Scopes.Bot) != 3 {
				t.Errorf("%s asks for scopes %v; racebot needs only commands, app_mentions:read and chat:write", tc.file, m.OAuth.Scopes.Bot)
			}
			if !slices.Equal(m.Settings.Events.BotEvents, []string{"app_mention"}) {
				t.Errorf("%s subscribes to %v, want [app_mention]", tc.file, m.Settings.Events.BotEvents)
			}
			if !m.Settings.Interactivity.Enabled {
				t.Errorf("%s: interactivity is off; the Share button needs it", tc.file)
			}
			if m.Settings.SocketMode != tc.socketMode {
				t.Errorf("%s: socket_mode_enabled is %v", tc.file, m.Settings.SocketMode)
			}
			if !tc.socketMode {
				checkRoute(t, tc.file, m.Settings.Events.RequestURL, "/slack/events")
				checkRoute(t, tc.file, m.Settings.Interactivity.RequestURL, "/slack/interactive")
			}
		})
	}
}

// checkRoute checks that a manifest URL is HTTPS and ends in the route
// racebot serve answers.
func checkRoute(t *testing.T, file, raw, route string) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Path != route {
		t.Errorf("%s: URL %q, want https://…%s", file, raw, route)
	}
}

func TestDiscordCommandsMatchChat(t *testing.T) {
	var got []string
	for _, c := range discord.Commands() {
		got = append(got, c.Name)
	}
	slices.Sort(got)
	if want := slices.Sorted(slices.Values(commands)); !slices.Equal(got, want) {
		t.Errorf("Discord registers %v; racebot handles %v", got, want)
	}
}

func TestDeployFiles(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"Dockerfile", []string{
			"AS build", "CGO_ENABLED=0", "racebot index", "USER 65532", `"serve"`, "RACEBOT_INDEX=",
			"VOLUME /var/cache/racebot", `HEALTHCHECK`, `"health"`,
		}},
		{"racebot.service", []string{
			"ExecStart=/usr/local/bin/racebot serve", "EnvironmentFile=", "DynamicUser=yes", "RACEBOT_INDEX=/var/cache/racebot",
			"RestartPreventExitStatus=2", "/var/lib/private/racebot/articles",
		}},
	} {
		b, err := os.ReadFile(filepath.Join(deployDir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s lacks %q", tc.file, w)
			}
		}
	}
}

// TestServeMissingCorpusExits2: a corpus folder that is not there is a
// configuration mistake, exit status 2, which the systemd unit does not
// restart on (RestartPreventExitStatus=2) rather than looping.
func TestServeMissingCorpusExits2(t *testing.T) {
	code, _, errOut := racebot(t, "", "--corpus", filepath.Join(t.TempDir(), "missing"), indexFlag(t), "serve", "--addr", "127.0.0.1:0")
	if code != 2 || !strings.Contains(errOut, "corpus folder") {
		t.Errorf("serve with a missing corpus: exit %d, %q; want 2 and the reason", code, errOut)
	}
}
