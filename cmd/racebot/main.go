// Command racebot answers questions about the AI race from a corpus of news
// articles, quoting passages and the figures in them with their sources.
//
//	racebot ask "How many GPUs does DeepSeek have?"
//	racebot ask --json - < questions.txt
//	racebot figures --json - < sentences.txt
//	racebot index            # build or update the index
//	racebot sources [QUERY]  # the articles behind the answers, and the feeds
//	racebot add URL|FILE...  # add web pages or saved files to the corpus folder
//	racebot eval FILE        # score answers against an eval file
//	racebot serve            # Discord, Slack and HTTP; --feeds FILE reads news feeds
//
// Every flag can also be set from the environment (RACEBOT_CORPUS,
// RACEBOT_INDEX, …); see racebot --help.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/alecthomas/kong"

	"github.com/racebot/racebot/index"
	"golang.org/x/term"
)

// cli is the command line. Global flags are accepted before or after the
// subcommand.
type cli struct {
	Corpus   string `help:"Folder of article files to answer from (default: the embedded starter corpus)." placeholder:"DIR" type:"path"`
	Index    string `name:"index" help:"Folder racebot keeps its index in (default: under the user cache directory)." placeholder:"DIR" type:"path"`
	LogLevel string `help:"Least severe log messages to print: debug, info, warn or error (default: info for serve, warn otherwise)." enum:",debug,info,warn,error" default:"" placeholder:"LEVEL"`

	Ask      askCmd      `cmd:"" help:"Answer a question from the corpus."`
	Figures  figuresCmd  `cmd:"" help:"List the figures found in text."`
	Timeline timelineCmd `cmd:"" help:"What the articles say happened on a topic, newest first, each dated and cited."`
	Build    indexCmd    `cmd:"" name:"index" help:"Build the index, or bring it up to date with the corpus."`
	Sources  sourcesCmd  `cmd:"" help:"List the articles racebot answers from, and the news feeds racebot serve reads."`
	Add      addCmd      `cmd:"" help:"Add web pages or saved .html, .md and .txt files to the corpus folder as articles, then update the index."`
	Eval     evalCmd     `cmd:"" help:"Score answers against an eval file (hit@1, hit@3, MRR, wrongly declined, confident and first, figure first, unanswerable handled)."`
	Serve    serveCmd    `cmd:"" help:"Answer on Discord and Slack, and over HTTP (the web page at /, /api/ask, /healthz, /readyz, /metrics)."`
	Health   healthCmd   `cmd:"" help:"Check that a running racebot serve answers (for container and supervisor health checks)."`
	Version  versionCmd  `cmd:"" help:"Print the version."`
	Help     helpCmd     `cmd:"" help:"Show help for racebot or for one of its commands: racebot help ask."`

	ShowVersion kong.VersionFlag `name:"version" env:"-" help:"Print the version and exit."`
}

// helpCmd is racebot help [COMMAND], the same as racebot [COMMAND] --help.
type helpCmd struct {
	Command []string `arg:"" optional:"" help:"The command to explain." placeholder:"COMMAND"`
}

func (c *helpCmd) Run(e *env) error {
	if code := run(e.ctx, append(c.Command, "--help"), e.stdin, e.stdout, e.stderr); code != 0 {
		return exitStatus(code) // run has said why
	}
	return nil
}

// env is what a command needs from its surroundings, so that tests can run
// commands without a terminal.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	tty    bool // stdout is a terminal
	errTTY bool // stderr is a terminal: progress bars go there
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"--help"} // every command, rather than an error naming five
	}
	var c cli
	parser, err := kong.New(&c,
		kong.Name("racebot"),
		kong.Description("racebot answers questions about the AI race from news articles, quoting the passages and figures with their sources."),
		kong.DefaultEnvars("RACEBOT"),
		kong.UsageOnError(),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
		kong.Writers(stdout, stderr),
		kong.Vars{"version": "racebot " + racebotVersion(), "default_scoring": index.DefaultScoring},
	)
	if err != nil {
		fmt.Fprintf(stderr, "racebot: %v\n", err)
		return 2
	}
	exited := false
	parser.Exit = func(int) { exited = true }
	kctx, err := parser.Parse(args)
	if exited {
		return 0 // --help: kong printed it
	}
	if err != nil {
		fmt.Fprintf(stderr, "racebot: %v\n", err)
		fmt.Fprintln(stderr, "racebot: run racebot help for the commands and flags")
		return 2
	}
	e := &env{
		ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: logLevel(c.LogLevel, kctx.Command())})),
		tty: isTerminal(stdout), errTTY: isTerminal(stderr),
	}
	if err := kctx.Run(e, &c); err != nil {
		var status exitStatus
		if errors.As(err, &status) {
			return int(status)
		}
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "racebot: interrupted")
			return 130
		}
		fmt.Fprintf(stderr, "racebot: %v\n", err)
		// Bleve formats some write errors with %v, which loses the
		// errno; its text is the same.
		if errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), syscall.ENOSPC.Error()) {
			// Bleve's message names the segment file; say what it means.
			fmt.Fprintln(stderr, "racebot: the disk is full. The index as it was before this run, if there is one, is intact and still answers. Free some space and run the command again.")
		}
		var ue usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

// logLevel is the level --log-level names or, by default, warn for the
// one-shot commands, whose output is their answer, and info for serve,
// whose log is how an operator sees what it does.
func logLevel(name, command string) slog.Level {
	var l slog.Level
	switch {
	case name == "" && command == "serve":
		return slog.LevelInfo
	case name == "":
		return slog.LevelWarn
	case l.UnmarshalText([]byte(name)) != nil:
		return slog.LevelWarn // kong's enum has already refused anything else
	}
	return l
}

// exitStatus ends a command with a status, its reason already printed.
type exitStatus int

func (s exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(s)) }

// usageError is an error in how a command was called.
type usageError struct{ error }

// isTerminal reports whether w is a terminal. A character device is not
// enough: /dev/null is one, and a progress bar drawn into a log file or a
// pipe is noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// writeJSON writes v as one line of JSON, without escaping <, > and &, which
// appear in news text and are safe in JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
