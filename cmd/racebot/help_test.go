package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/kong"

	"github.com/racebot/racebot/bot"
)

// model is the command line as kong sees it: every command with its flags.
func model(t *testing.T) *kong.Application {
	t.Helper()
	var c cli
	p, err := kong.New(&c, kong.DefaultEnvars("RACEBOT"), kong.Vars{"version": "test", "default_scoring": "tf-idf"})
	if err != nil {
		t.Fatal(err)
	}
	return p.Model
}

// TestREADMENamesOnlyWhatExists checks that every flag and environment
// variable the README names is one racebot has, so that the docs cannot
// drift from the code unseen.
func TestREADMENamesOnlyWhatExists(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	flags := map[string]bool{"--help": true}
	envs := map[string]bool{
		// Read by Go's HTTP client for the chat platforms and feeds.
		"HTTP_PROXY": true, "HTTPS_PROXY": true,
	}
	var walk func(n *kong.Node)
	walk = func(n *kong.Node) {
		for _, f := range n.Flags {
			flags["--"+f.Name] = true
			if f.Tag.Negatable != "" {
				flags["--no-"+f.Name] = true
			}
			for _, e := range f.Envs {
				envs[e] = true
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(model(t).Node)
	for _, p := range bot.Platforms() {
		for _, v := range p.Env {
			envs[v.Name] = true
		}
	}
	// Names that are not racebot's: docker's flag, a placeholder in a URL.
	notOurs := []string{"--rm", "APP_ID"}
	for _, f := range regexp.MustCompile(`--[a-z][a-z0-9-]*`).FindAllString(string(readme), -1) {
		if !flags[f] && !slices.Contains(notOurs, f) {
			t.Errorf("README names flag %s, which no racebot command has", f)
		}
	}
	for _, e := range regexp.MustCompile(`\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b`).FindAllString(string(readme), -1) {
		if !envs[e] && !slices.Contains(notOurs, e) {
			t.Errorf("README names environment variable %s, which racebot does not read", e)
		}
	}
}

// TestEnvironmentMeansOneThing: an environment variable read by the flags
// of several commands means the same there, so that setting it for one
// (RACEBOT_URL for health, say) cannot change what another does (the URL
// racebot add cites): the same type and the same help, unless it is one
// that every command reads in its own words. (Defaults may differ: a
// question's timeout is shorter in the terminal than in serve.)
func TestEnvironmentMeansOneThing(t *testing.T) {
	worded := map[string]bool{
		"RACEBOT_JSON":    true, // print JSON
		"RACEBOT_TIMEOUT": true, // give up on a question
	}
	type use struct{ command, typ, help string }
	seen := make(map[string]use)
	var walk func(n *kong.Node)
	walk = func(n *kong.Node) {
		for _, f := range n.Flags {
			u := use{n.Name, f.Target.Type().String(), f.Help}
			for _, e := range f.Envs {
				if prev, ok := seen[e]; ok && (prev.typ != u.typ || prev.help != u.help && !worded[e]) {
					t.Errorf("%s is --%s of %s (%s: %q) and of %s (%s: %q)", e, f.Name, prev.command, prev.typ, prev.help, u.command, u.typ, u.help)
				}
				seen[e] = u
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(model(t).Node)
}

// TestHelpNamesTheEnvironment checks that each command's help names the
// environment variables it reads: its flags' RACEBOT_ ones and, for serve,
// every chat platform's credentials.
func TestHelpNamesTheEnvironment(t *testing.T) {
	for _, n := range model(t).Children {
		t.Run(n.Name, func(t *testing.T) {
			code, out, errOut := racebot(t, "", n.Name, "--help")
			if code != 0 {
				t.Fatalf("%s --help: exit %d: %s", n.Name, code, errOut)
			}
			var want []string
			for _, f := range n.Flags {
				if !f.Hidden {
					want = append(want, f.Envs...)
				}
			}
			if n.Name == "serve" {
				for _, p := range bot.Platforms() {
					for _, v := range p.Env {
						want = append(want, v.Name)
					}
				}
			}
			for _, e := range want {
				if !strings.Contains(out, e) {
					t.Errorf("racebot %s --help does not name %s:\n%s", n.Name, e, out)
				}
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		out  string // in standard output
		err  string // in standard error
	}{
		{args: nil, out: "help        Show help"},
		{args: []string{"help"}, out: "serve       Answer on Discord and Slack"},
		{args: []string{"help", "serve"}, out: "SLACK_SIGNING_SECRET"},
		{args: []string{"help", "nosuch"}, code: 2, err: "run racebot help"},
		{args: []string{"--version"}, out: "racebot "},
		{args: []string{"version"}, out: "racebot "},
		{args: []string{"frobnicate"}, code: 2, err: "run racebot help"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := racebot(t, "", tc.args...)
			if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errOut, tc.err) {
				t.Errorf("racebot %v: exit %d (want %d)\nstdout (want %q):\n%s\nstderr (want %q):\n%s", tc.args, code, tc.code, tc.out, out, tc.err, errOut)
			}
		})
	}
}
