package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/racebot/racebot/bot"
	_ "github.com/racebot/racebot/bot/discord" // registers the Discord platform
	"github.com/racebot/racebot/bot/httpapi"
	"github.com/racebot/racebot/bot/metrics"
	_ "github.com/racebot/racebot/bot/slack" // registers the Slack platform
	"github.com/racebot/racebot/bot/web"
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
	Web            bool          `help:"Serve the web page at /: a question box, answers with their sources and figures, and /sources." default:"true" negatable:""`
	PublicURL      string        `help:"Address the web page is reached at from outside (https://racebot.example.com), for links to it; racebot itself listens on --addr." placeholder:"URL"`
	// FeedSpread is for tests, which cannot wait for the first reads to be
	// spread over the poller's default minute.
	FeedSpread time.Duration `hidden:"" default:"0s"`
}

// Help lists the environment variables serve reads: the chat platforms'
// credentials are never flags, which ps shows.
func (c *serveCmd) Help() string {
	var b strings.Builder
	b.WriteString("Each chat platform starts when its credentials are set in the environment:\n")
	for _, p := range bot.Platforms() {
		for _, v := range p.Env {
			fmt.Fprintf(&b, "\n  %-24s %s", v.Name, v.Usage)
		}
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
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
	if c.PublicURL != "" && web.AskURL(c.PublicURL, "") == "" {
		return usageError{fmt.Errorf("--public-url: %q is not an http or https address", c.PublicURL)}
	}
	s := &server{log: log, grace: c.Grace, trusted: trusted, web: c.Web}
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
	var permalink, chartLink func(string) string
	if c.PublicURL != "" && c.Web {
		permalink = func(q string) string { return web.AskURL(c.PublicURL, q) }
		chartLink = func(q string) string { return web.ChartURL(c.PublicURL, q) }
	}
	s.chat = bot.NewChat(bot.New(idx, bot.Options{Logger: log, Timeout: c.Timeout}), bot.ChatOptions{
		Permalink: permalink, ChartLink: chartLink,
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
	trusted []netip.Prefix   // reverse proxies whose X-Forwarded-For is believed
	web     bool             // serve the web page
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
	if s.web {
		web.New(readyChat{s}, web.Options{
			ClientIP: func(r *http.Request) string { return httpapi.ClientIP(r, s.trusted) },
			Logger:   s.log,
		}).Register(mux)
	}
	for _, p := range bot.Platforms() {
		for _, route := range p.Routes {
			s.route(mux, route)
		}
	}
	return mux
}

// readyChat answers through the server's chat once the index is ready, and
// until then says racebot is starting, so that the web page can be served
// from the start like health checks.
type readyChat struct{ s *server }

// startingWait is how long a reader is asked to wait while the index is
// being built.
const startingWait = 10 * time.Second

func (c readyChat) Handle(ctx context.Context, req bot.Request) bot.Reply {
	if !c.s.ready.Load() {
		return bot.Reply{Kind: bot.ReplyNotice, Busy: true, RetryAfter: startingWait,
			Text: "racebot is starting: its index is being built. Try again in a few seconds."}
	}
	return c.s.chat.Handle(ctx, req)
}

// route serves a platform's POST route, which answers once the platform's
// credentials have started it.
func (s *server) route(mux *http.ServeMux, route string) {
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

func (s *server) metricsOrNil() *metrics.Metrics {
	if !s.ready.Load() {
		return nil
	}
	return s.metrics
}

// startAdapters starts every registered chat platform whose credentials
// are in the environment; each says why the rest did not start.
func (s *server) startAdapters(ctx context.Context, wg *sync.WaitGroup) error {
	handlers := make(map[string]http.Handler)
	started := 0
	for _, p := range bot.Platforms() {
		services, err := p.Start(s.chat, bot.PlatformOptions{
			Getenv: os.Getenv,
			Logger: s.log.With("platform", p.Name),
			// The adapters log their errors with context; here
			// they are counted.
			OnError: func(op string, _ error) { s.metrics.PlatformError(p.Name, op) },
			Grace:   s.grace,
		})
		if err != nil {
			return usageError{err}
		}
		for _, svc := range services {
			if svc.Run != nil {
				runAdapter(ctx, wg, s.log, svc.Name, svc.Run)
			}
			maps.Copy(handlers, svc.Handlers)
			if svc.Drain != nil {
				s.drains = append(s.drains, svc.Drain)
			}
		}
		started += len(services)
	}
	s.mu.Lock()
	s.handlers = handlers
	s.mu.Unlock()
	if started == 0 {
		what := "/api/ask"
		if s.web {
			what = "the web page at /, and /api/ask"
		}
		s.log.Warn("no chat platform configured: serving HTTP only (" + what + "). " +
			"To add one, set the credentials racebot serve --help lists, and restart; see the README")
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
