package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/discord"
	"github.com/racebot/racebot/bot/httpapi"
	"github.com/racebot/racebot/bot/metrics"
	slackbot "github.com/racebot/racebot/bot/slack"
	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/index"
)

type serveCmd struct {
	Addr         string        `help:"Address the HTTP server listens on." default:"127.0.0.1:8080" placeholder:"HOST:PORT"`
	UserBurst    int           `help:"Questions one user may ask at once before being asked to wait." default:"5"`
	UserEvery    time.Duration `help:"After a burst, one more question per user each this long." default:"10s"`
	ChannelBurst int           `help:"Questions one channel may ask at once." default:"20"`
	ChannelEvery time.Duration `help:"After a burst, one more question per channel each this long." default:"2s"`
	Timeout      time.Duration `help:"Give up on a question after this long." default:"10s"`
	MaxSearches  int           `help:"Questions answered at once; more wait (see --queue-wait). 0 means twice the CPUs." default:"0"`
	QueueWait    time.Duration `help:"How long a question waits for a free search before the user is told racebot is busy." default:"2s"`
	Grace        time.Duration `help:"On SIGINT or SIGTERM, how long to let questions in flight finish." default:"10s"`
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed: anyone else could forge it to escape their limit.
	TrustedProxies []string      `help:"Addresses or CIDR ranges of reverse proxies in front of racebot, whose X-Forwarded-For names the client that /api/ask's per-address limits apply to." placeholder:"CIDR" sep:","`
	Watch          bool          `help:"Index changes to the corpus folder as they are made." default:"true" negatable:""`
	Feeds          string        `help:"File of RSS, Atom or JSON Feed URLs, one per line, whose new items are added to the corpus folder as they appear." placeholder:"FILE" type:"path"`
	FeedInterval   time.Duration `help:"How often to read each feed, unless its line in --feeds says otherwise (at least 5m)." default:"1h"`
	// FeedSpread is for tests, which cannot wait for the first reads to be
	// spread over the poller's default minute.
	FeedSpread time.Duration `hidden:"" default:"0s"`
}

func (c *serveCmd) Run(e *env, g *cli) error {
	log := e.log
	feeds, err := c.readFeeds(e, g)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	trusted, err := httpapi.ParsePrefixes(c.TrustedProxies)
	if err != nil {
		return usageError{fmt.Errorf("--trusted-proxies: %w", err)}
	}
	s := &server{log: log, grace: c.Grace}
	httpSrv := &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- httpSrv.Serve(ln) }()
	log.Info("HTTP server listening", "addr", ln.Addr().String())

	// Health answers at once; readiness waits for the index, which may
	// take a while to build for a large corpus.
	idx, rep, err := g.openIndex(e, index.Options{}, false)
	if err != nil {
		httpSrv.Close()
		if e.ctx.Err() != nil {
			// Asked to stop while building: the previous index, if
			// any, is untouched, and stopping is what was asked.
			log.Info("stopped before the index was ready")
			return nil
		}
		return err
	}
	defer idx.Close()
	st := idx.Stats()
	log.Info("index ready", "articles", st.Articles, "passages", st.Passages, "figures", st.Figures,
		"rebuilt", rep.Rebuilt, "took", rep.Duration.Round(time.Millisecond), "dir", idx.Dir())

	s.metrics = metrics.New(idx)
	runCtx, stopAdapters := context.WithCancel(context.WithoutCancel(e.ctx))
	defer stopAdapters()
	cs := &index.FolderSync{Dir: g.Corpus, Index: idx, Log: log, Observe: s.metrics.CorpusUpdate}
	poller, err := c.newPoller(runCtx, log, feeds, cs, s.metrics)
	if err != nil {
		httpSrv.Close()
		return err
	}
	s.chat = bot.NewChat(bot.New(idx, bot.Options{Logger: log, Timeout: c.Timeout}), bot.ChatOptions{
		Limiter: bot.NewLimiter(
			bot.Rate{Burst: c.UserBurst, Every: c.UserEvery},
			bot.Rate{Burst: c.ChannelBurst, Every: c.ChannelEvery},
		),
		Observer: s.metrics, Logger: log,
		MaxSearches: c.MaxSearches, QueueWait: c.QueueWait,
		Feeds: feedsOf(poller),
	})
	s.api = httpapi.New(s.chat, trusted)
	var adapters sync.WaitGroup
	if err := s.startAdapters(runCtx, &adapters); err != nil {
		httpSrv.Close()
		return err
	}
	stopWatch := c.watchCorpus(runCtx, log, cs)
	defer stopWatch()
	s.fault = idx.Fault
	defer index.KeepHealthy(runCtx, log, idx, index.RepairEvery, index.CheckEvery, func(ctx context.Context) error {
		if g.Corpus != "" {
			return cs.Sync(ctx)
		}
		_, err := idx.Sync(ctx, corpus.Embedded())
		return err
	})()
	defer runPoller(runCtx, log, poller)()
	s.ready.Store(true)

	select {
	case err := <-served:
		stopAdapters()
		adapters.Wait()
		return fmt.Errorf("HTTP server: %w", err)
	case <-e.ctx.Done():
	}
	// Stop taking new questions everywhere at once (the adapters close
	// their connections to the platforms, the HTTP server its listener),
	// then let the answers in flight finish, all within the grace period.
	log.Info("shutting down", "grace", c.Grace)
	s.ready.Store(false)
	shutCtx, cancel := context.WithTimeout(context.Background(), c.Grace)
	defer cancel()
	// The adapters stop waiting for their answers at the same deadline;
	// the second is for them to say so.
	adaptersDone := time.After(c.Grace + time.Second)
	stopAdapters()
	if err := httpSrv.Shutdown(shutCtx); err != nil {
		log.Warn("HTTP server did not stop in time", "err", err)
	}
	for _, drain := range s.drains {
		if err := drain(shutCtx); err != nil {
			log.Warn("answers in flight not sent", "err", err)
		}
	}
	done := make(chan struct{})
	go func() { adapters.Wait(); close(done) }()
	select {
	case <-done:
	case <-adaptersDone:
		log.Warn("chat adapters did not stop in time")
	}
	log.Info("stopped")
	return nil
}

// server is racebot serve's HTTP side and the wiring of its adapters.
type server struct {
	log     *slog.Logger
	grace   time.Duration // for the answers in flight at shutdown
	metrics *metrics.Metrics
	chat    *bot.Chat
	ready   atomic.Bool
	api     *httpapi.Handler // set, with chat, before ready
	// fault says why the index cannot answer (index.Index.Fault); nil
	// before it is open.
	fault func() error

	mu       sync.RWMutex
	handlers map[string]http.Handler // platform routes, set once adapters start

	// drains wait for the answers the HTTP-mode adapters still owe:
	// those sent after the HTTP response, through a response_url or a
	// webhook edit.
	drains []func(context.Context) error
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !s.ready.Load() {
			http.Error(w, "index not ready", http.StatusServiceUnavailable)
			return
		}
		if s.fault != nil && s.fault() != nil {
			http.Error(w, "index damaged; rebuilding it from the corpus", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		if m := s.metricsOrNil(); m != nil {
			m.Handler().ServeHTTP(w, r)
			return
		}
		http.Error(w, "index not ready", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("GET /api/ask", func(w http.ResponseWriter, r *http.Request) {
		if !s.ready.Load() {
			http.Error(w, "index not ready", http.StatusServiceUnavailable)
			return
		}
		s.api.ServeHTTP(w, r)
	})
	for _, route := range []string{"/slack/commands", "/slack/events", "/slack/interactive", "/discord/interactions"} {
		mux.HandleFunc("POST "+route, func(w http.ResponseWriter, r *http.Request) {
			s.mu.RLock()
			h := s.handlers[route]
			s.mu.RUnlock()
			if h == nil {
				http.Error(w, "this racebot has no credentials for "+route, http.StatusNotFound)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	return mux
}

func (s *server) metricsOrNil() *metrics.Metrics {
	if !s.ready.Load() {
		return nil
	}
	return s.metrics
}

// startAdapters starts every chat adapter whose credentials are in the
// environment, and says why the others did not start. Credentials are read
// from the environment only, never from flags, which ps shows.
func (s *server) startAdapters(ctx context.Context, wg *sync.WaitGroup) error {
	handlers := make(map[string]http.Handler)
	// The adapters log their errors with context; here they are counted.
	onError := func(platform string) func(op string, err error) {
		return func(op string, _ error) { s.metrics.PlatformError(platform, op) }
	}
	started := 0

	dcfg := discord.Config{
		Token:         os.Getenv("DISCORD_BOT_TOKEN"),
		ApplicationID: os.Getenv("DISCORD_APPLICATION_ID"),
		PublicKey:     os.Getenv("DISCORD_PUBLIC_KEY"),
		GuildID:       os.Getenv("DISCORD_GUILD_ID"),
	}
	var err error
	if dcfg.ShardID, dcfg.ShardCount, err = shards(); err != nil {
		return err
	}
	dopts := discord.Options{Logger: s.log.With("platform", "discord"), OnError: onError("discord"), Grace: s.grace}
	if dcfg.Token != "" || dcfg.PublicKey != "" {
		routeDiscordgoLog(s.log, dcfg.Token)
	}
	if dcfg.Token != "" {
		gw, err := discord.NewGateway(dcfg, s.chat, dopts)
		if err != nil {
			return fmt.Errorf("discord gateway: %w", err)
		}
		runAdapter(ctx, wg, s.log, "discord gateway", gw.Run)
		s.log.Info("Discord gateway mode started", "shard", dcfg.ShardID, "shards", max(dcfg.ShardCount, 1), "guild", dcfg.GuildID)
		started++
	} else {
		s.log.Info("Discord gateway mode off: DISCORD_BOT_TOKEN is not set")
	}
	if dcfg.PublicKey != "" {
		in, err := discord.NewInteractions(dcfg, s.chat, dopts)
		if err != nil {
			return fmt.Errorf("discord interactions: %w", err)
		}
		handlers["/discord/interactions"] = in
		s.drains = append(s.drains, in.Shutdown)
		s.log.Info("Discord HTTP interactions started", "route", "POST /discord/interactions")
		if dcfg.Token == "" {
			s.log.Info("Discord slash commands are registered by gateway mode: if they are not yet, " +
				"run racebot serve once with DISCORD_BOT_TOKEN set")
		}
		started++
	} else {
		s.log.Info("Discord HTTP interactions off: DISCORD_PUBLIC_KEY is not set")
	}

	scfg := slackbot.Config{
		BotToken:      os.Getenv("SLACK_BOT_TOKEN"),
		AppToken:      os.Getenv("SLACK_APP_TOKEN"),
		SigningSecret: os.Getenv("SLACK_SIGNING_SECRET"),
		APIURL:        os.Getenv("SLACK_API_URL"),
	}
	sopts := slackbot.Options{Logger: s.log.With("platform", "slack"), OnError: onError("slack"), Grace: s.grace}
	if u, err := url.Parse(scfg.APIURL); err == nil && u.Scheme == "http" && !loopback(u.Hostname()) {
		s.log.Warn("SLACK_API_URL is not https: the bot token would cross the network unencrypted", "url", scfg.APIURL)
	}
	switch {
	case scfg.BotToken != "" && scfg.AppToken != "":
		sm, err := slackbot.NewSocketMode(scfg, s.chat, sopts)
		if err != nil {
			return fmt.Errorf("slack socket mode: %w", err)
		}
		runAdapter(ctx, wg, s.log, "slack socket mode", sm.Run)
		s.log.Info("Slack Socket Mode started")
		started++
	case scfg.AppToken != "":
		s.log.Info("Slack Socket Mode off: SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not")
	default:
		s.log.Info("Slack Socket Mode off: SLACK_BOT_TOKEN and SLACK_APP_TOKEN are not both set")
	}
	if scfg.SigningSecret != "" {
		h, err := slackbot.NewHTTP(scfg, s.chat, sopts)
		if err != nil {
			return fmt.Errorf("slack HTTP mode: %w", err)
		}
		handlers["/slack/commands"] = h.Commands()
		handlers["/slack/events"] = h.Events()
		handlers["/slack/interactive"] = h.Interactive()
		s.drains = append(s.drains, h.Shutdown)
		s.log.Info("Slack HTTP mode started", "routes", "POST /slack/commands, /slack/events, /slack/interactive")
		if scfg.BotToken == "" {
			s.log.Warn("Slack HTTP mode answers slash commands but not mentions: replying in a thread needs SLACK_BOT_TOKEN")
		}
		started++
	} else {
		s.log.Info("Slack HTTP mode off: SLACK_SIGNING_SECRET is not set")
	}

	s.mu.Lock()
	s.handlers = handlers
	s.mu.Unlock()
	if started == 0 {
		s.log.Warn("no chat platform configured: serving HTTP only (/api/ask). " +
			"To add one, set DISCORD_BOT_TOKEN, or SLACK_BOT_TOKEN and SLACK_APP_TOKEN, and restart; see the README")
	}
	return nil
}

// runAdapter runs an adapter until ctx is done. An adapter that stops
// with an error (the network was down at start, the platform refused the
// token) is started again after a wait that doubles up to five minutes:
// a long-running bot should come back by itself once the cause is gone,
// and each failure is logged and counted in the meantime.
func runAdapter(ctx context.Context, wg *sync.WaitGroup, log *slog.Logger, name string, f func(context.Context) error) {
	const (
		firstWait = 5 * time.Second
		maxWait   = 5 * time.Minute
	)
	wg.Go(func() {
		wait := firstWait
		for {
			started := time.Now()
			err := f(ctx)
			if ctx.Err() != nil || err == nil || errors.Is(err, context.Canceled) {
				log.Info("adapter stopped", "adapter", name)
				return
			}
			if time.Since(started) > maxWait {
				wait = firstWait // it ran for a while: a new failure, not the same one
			}
			log.Error("adapter stopped with an error; restarting it", "adapter", name, "err", err, "in", wait)
			select {
			case <-ctx.Done():
				log.Info("adapter stopped", "adapter", name)
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, maxWait)
		}
	})
}

// shards reads DISCORD_SHARD_ID and DISCORD_SHARD_COUNT.
func shards() (id, count int, err error) {
	parse := func(name string) (int, error) {
		v := os.Getenv(name)
		if v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, usageError{fmt.Errorf("%s=%q is not a whole number", name, v)}
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
		return 0, 0, usageError{fmt.Errorf("DISCORD_SHARD_ID %d is not below DISCORD_SHARD_COUNT %d", id, count)}
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
		log.Log(context.Background(), l, "discordgo: "+msg, "platform", "discord")
	}
}

// loopback says whether host names this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
