// Package server serves racebot over HTTP and runs its chat adapters:
// health and readiness, Prometheus metrics, /api/ask, the web page, the
// chat platforms' routes, and the platforms' connections, restarted when
// they fail, until a graceful shutdown lets the answers in flight finish.
//
// Health is served from the moment the server listens; the rest answers
// once Start is given the chat, which waits for the index.
package server

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
	"sync"
	"sync/atomic"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/httpapi"
	"github.com/racebot/racebot/bot/metrics"
	"github.com/racebot/racebot/bot/web"
)

// Options configures a Server.
type Options struct {
	Logger *slog.Logger
	// Grace is how long answers in flight may take at shutdown.
	Grace time.Duration
	// Trusted are the reverse proxies whose X-Forwarded-For is believed.
	Trusted []netip.Prefix
	// Web serves the web page at / and its other pages.
	Web bool
	// Getenv reads the platforms' credentials; os.Getenv when nil.
	Getenv func(string) string
}

// Server is racebot serve's HTTP side and the supervisor of its chat
// adapters.
type Server struct {
	opts Options
	log  *slog.Logger
	http *http.Server

	served chan error // the HTTP server's end, once Serve has begun
	ready  atomic.Bool
	// Set by Start, before ready; read only once ready.
	chat    *bot.Chat
	api     *httpapi.Handler
	metrics *metrics.Metrics
	fault   func() error // why the index cannot answer, or nil

	mu       sync.RWMutex
	handlers map[string]http.Handler // platform routes, set once adapters start

	// drains wait for the answers the HTTP-mode adapters still owe:
	// those sent after the HTTP response, through a response_url or a
	// webhook edit.
	drains       []func(context.Context) error
	adapters     sync.WaitGroup
	stopAdapters context.CancelFunc
}

// New returns a server that is not yet listening.
func New(opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	s := &Server{opts: opts, log: opts.Logger, served: make(chan error, 1), stopAdapters: func() {}}
	s.http = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelWarn),
	}
	return s
}

// Serve serves HTTP on ln in the background until Wait or Close stops it.
func (s *Server) Serve(ln net.Listener) {
	go func() { s.served <- s.http.Serve(ln) }()
	s.log.Info("HTTP server listening", "addr", ln.Addr().String())
}

// Close stops the HTTP server at once, for a start that failed.
func (s *Server) Close() {
	s.http.Close()
	s.stopAdapters()
	s.adapters.Wait()
}

// Start answers with chat from now on: /api/ask, the web page and every
// chat platform whose credentials are in the environment. m counts what
// happens; fault says why the index cannot answer, for /readyz. It fails,
// starting nothing, when a platform's credentials are set but wrong.
func (s *Server) Start(chat *bot.Chat, m *metrics.Metrics, fault func() error) error {
	s.chat, s.metrics, s.fault = chat, m, fault
	s.api = httpapi.New(chat, s.opts.Trusted)
	ctx, cancel := context.WithCancel(context.Background())
	s.stopAdapters = cancel
	if err := s.startAdapters(ctx); err != nil {
		cancel()
		s.adapters.Wait()
		return err
	}
	s.ready.Store(true)
	return nil
}

// Wait serves until ctx is done, then stops taking new questions
// everywhere at once (the adapters close their connections to the
// platforms, the HTTP server its listener) and lets the answers in flight
// finish within the grace period. It returns the HTTP server's error if it
// stops by itself first.
func (s *Server) Wait(ctx context.Context) error {
	select {
	case err := <-s.served:
		s.stopAdapters()
		s.adapters.Wait()
		return fmt.Errorf("HTTP server: %w", err)
	case <-ctx.Done():
	}
	grace := s.opts.Grace
	s.log.Info("shutting down", "grace", grace)
	s.ready.Store(false)
	shutCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	// The adapters stop waiting for their answers at the same deadline;
	// the second is for them to say so.
	adaptersDone := time.After(grace + time.Second)
	s.stopAdapters()
	if err := s.http.Shutdown(shutCtx); err != nil {
		s.log.Warn("HTTP server did not stop in time", "err", err)
	}
	for _, drain := range s.drains {
		if err := drain(shutCtx); err != nil {
			s.log.Warn("answers in flight not sent", "err", err)
		}
	}
	done := make(chan struct{})
	go func() { s.adapters.Wait(); close(done) }()
	select {
	case <-done:
	case <-adaptersDone:
		s.log.Warn("chat adapters did not stop in time")
	}
	s.log.Info("stopped")
	return nil
}

// Handler returns the server's routes.
func (s *Server) Handler() http.Handler {
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
		if !s.ready.Load() || s.metrics == nil {
			http.Error(w, "index not ready", http.StatusServiceUnavailable)
			return
		}
		s.metrics.Handler().ServeHTTP(w, r)
	})
	mux.HandleFunc("GET /api/ask", func(w http.ResponseWriter, r *http.Request) {
		if !s.ready.Load() {
			http.Error(w, "index not ready", http.StatusServiceUnavailable)
			return
		}
		s.api.ServeHTTP(w, r)
	})
	if s.opts.Web {
		web.New(readyChat{s}, web.Options{
			ClientIP: func(r *http.Request) string { return httpapi.ClientIP(r, s.opts.Trusted) },
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
type readyChat struct{ s *Server }

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
func (s *Server) route(mux *http.ServeMux, route string) {
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

// startAdapters starts every registered chat platform whose credentials
// are in the environment; each says why the rest did not start.
func (s *Server) startAdapters(ctx context.Context) error {
	handlers := make(map[string]http.Handler)
	started := 0
	for _, p := range bot.Platforms() {
		services, err := p.Start(s.chat, bot.PlatformOptions{
			Getenv: s.opts.Getenv,
			Logger: s.log.With("platform", p.Name),
			// The adapters log their errors with context; here
			// they are counted.
			OnError: func(op string, _ error) { s.metrics.PlatformError(p.Name, op) },
			Grace:   s.opts.Grace,
		})
		if err != nil {
			return err
		}
		for _, svc := range services {
			if svc.Run != nil {
				s.runAdapter(ctx, svc.Name, svc.Run)
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
		if s.opts.Web {
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
func (s *Server) runAdapter(ctx context.Context, name string, f func(context.Context) error) {
	const (
		firstWait = 5 * time.Second
		maxWait   = 5 * time.Minute
	)
	s.adapters.Go(func() {
		wait := firstWait
		for {
			started := time.Now()
			err := f(ctx)
			if ctx.Err() != nil || err == nil || errors.Is(err, context.Canceled) {
				s.log.Info("adapter stopped", "adapter", name)
				return
			}
			if time.Since(started) > maxWait {
				wait = firstWait // it ran for a while: a new failure, not the same one
			}
			s.log.Error("adapter stopped with an error; restarting it", "adapter", name, "err", err, "in", wait)
			select {
			case <-ctx.Done():
				s.log.Info("adapter stopped", "adapter", name)
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, maxWait)
		}
	})
}
