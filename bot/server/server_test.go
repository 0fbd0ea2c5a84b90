package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/bot/metrics"
)

// fakeRoute is the route of the fake platform registered below.
const fakeRoute = "/fake/events"

// fake counts what the fake platform was asked to do; its credentials are
// FAKE_TOKEN, "bad" to refuse them.
var fake struct {
	runs, stopped, drained atomic.Int32
}

func init() {
	bot.Register(bot.Platform{
		Name:   "fake",
		Env:    []bot.EnvVar{{Name: "FAKE_TOKEN", Usage: "the fake platform's token"}},
		Routes: []string{fakeRoute},
		Start: func(h bot.Handler, o bot.PlatformOptions) ([]bot.Service, error) {
			switch o.Getenv("FAKE_TOKEN") {
			case "":
				return nil, nil
			case "bad":
				return nil, errors.New("FAKE_TOKEN is not a token")
			}
			return []bot.Service{{
				Name: "fake gateway",
				Run: func(ctx context.Context) error {
					fake.runs.Add(1)
					<-ctx.Done()
					fake.stopped.Add(1)
					return ctx.Err()
				},
				Handlers: map[string]http.Handler{fakeRoute: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					rep := h.Handle(r.Context(), bot.Request{Platform: "fake", Command: bot.CommandAsk, Text: r.URL.Query().Get("q"), User: "u", Channel: "c"})
					if rep.Kind != bot.ReplyAnswer || rep.Answer == nil {
						http.Error(w, "no answer: "+rep.Text, http.StatusInternalServerError)
						return
					}
					io.WriteString(w, rep.Answer.Question)
				})},
				Drain: func(context.Context) error { fake.drained.Add(1); return nil },
			}}, nil
		},
	})
}

func init() {
	// Registered after fake (platforms start in order of name), so that
	// it refuses once fake has started.
	bot.Register(bot.Platform{
		Name: "fake2",
		Env:  []bot.EnvVar{{Name: "FAKE2_TOKEN", Usage: "the second fake platform's token"}},
		Start: func(h bot.Handler, o bot.PlatformOptions) ([]bot.Service, error) {
			if o.Getenv("FAKE2_TOKEN") != "" {
				return nil, errors.New("FAKE2_TOKEN is not a token")
			}
			return nil, nil
		},
	})
}

func get(t *testing.T, h http.Handler, method, target string) (int, string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w.Code, w.Body.String()
}

// TestBeforeStart: while the index is being built, health answers, and
// everything that needs the index says it is not ready, without failing.
func TestBeforeStart(t *testing.T) {
	s := New(Options{Web: true, Getenv: func(string) string { return "" }})
	h := s.Handler()
	for _, tc := range []struct {
		method, target string
		code           int
		body           string
	}{
		{"GET", "/healthz", 200, "ok"},
		{"GET", "/readyz", 503, "index not ready"},
		{"GET", "/metrics", 503, "index not ready"},
		{"GET", "/api/ask?q=deepseek", 503, "index not ready"},
		{"GET", "/ask?q=deepseek", 503, "racebot is starting"},
		{"POST", fakeRoute, 404, "no credentials for " + fakeRoute},
	} {
		code, body := get(t, h, tc.method, tc.target)
		if code != tc.code || !strings.Contains(body, tc.body) {
			t.Errorf("%s %s before Start: %d %q, want %d and %q", tc.method, tc.target, code, body, tc.code, tc.body)
		}
	}
}

// TestServe: once started, every route answers from the chat, the
// platform's connection runs, and at shutdown it is stopped and its
// answers in flight drained before Wait returns.
func TestServe(t *testing.T) {
	fake.runs.Store(0)
	fake.stopped.Store(0)
	fake.drained.Store(0)
	s := New(Options{Web: true, Grace: time.Second, Getenv: func(k string) string {
		if k == "FAKE_TOKEN" {
			return "good"
		}
		return ""
	}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Serve(ln)
	m := metrics.New(nil)
	if err := s.Start(bot.NewChat(bottest.Starter(t), bot.ChatOptions{Observer: m}), m, nil); err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	for _, tc := range []struct {
		method, path string
		body         string
	}{
		{"GET", "/readyz", "ready"},
		{"GET", "/api/ask?q=how+many+gpus+does+deepseek+have", `"answered":true`},
		{"GET", "/ask?q=how+many+gpus+does+deepseek+have", "DeepSeek"},
		{"GET", "/metrics", "racebot_requests_total"},
		{"POST", fakeRoute + "?q=stargate", "stargate"},
	} {
		req, _ := http.NewRequest(tc.method, base+tc.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), tc.body) {
			t.Errorf("%s %s: %d, want 200 and %q in:\n%.300s", tc.method, tc.path, resp.StatusCode, tc.body, body)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for fake.runs.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if fake.runs.Load() != 1 {
		t.Errorf("the platform's connection ran %d times, want 1", fake.runs.Load())
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Wait(ctx); err != nil {
		t.Fatalf("Wait: %v", err)
	}
	if fake.stopped.Load() != 1 || fake.drained.Load() != 1 {
		t.Errorf("after Wait: connection stopped %d times, answers drained %d times; want 1 and 1", fake.stopped.Load(), fake.drained.Load())
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("the HTTP server still answers after Wait")
	}
}

// TestStartRefused: credentials a platform refuses fail Start, and the
// server stays not ready rather than half started: what an earlier
// platform started is stopped.
func TestStartRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		runs int32 // connections the first platform may have started
	}{
		{"first platform", map[string]string{"FAKE_TOKEN": "bad"}, 0},
		{"after another started", map[string]string{"FAKE_TOKEN": "good", "FAKE2_TOKEN": "bad"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake.runs.Store(0)
			fake.stopped.Store(0)
			s := New(Options{Getenv: func(k string) string { return tc.env[k] }})
			err := s.Start(bot.NewChat(bottest.Starter(t), bot.ChatOptions{}), metrics.New(nil), nil)
			if err == nil || !strings.Contains(err.Error(), "is not a token") {
				t.Fatalf("Start with refused credentials: %v", err)
			}
			if code, _ := get(t, s.Handler(), "GET", "/readyz"); code != http.StatusServiceUnavailable {
				t.Errorf("/readyz after a refused start: %d, want 503", code)
			}
			// Start returns once what it started has stopped.
			if runs, stopped := fake.runs.Load(), fake.stopped.Load(); runs > tc.runs || stopped != runs {
				t.Errorf("after a refused start: %d connections started, %d stopped", runs, stopped)
			}
			s.Close()
		})
	}
}

// TestCloseBeforeStart: a server whose index never became ready closes
// without having started anything, as serve does when the build fails.
func TestCloseBeforeStart(t *testing.T) {
	s := New(Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Serve(ln)
	s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Wait(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Wait after Close: %v", err)
	}
}

// TestReadyzDamaged: /readyz answers 503 while the index is damaged and
// being rebuilt, and 200 once it answers again.
func TestReadyzDamaged(t *testing.T) {
	var fault error
	s := New(Options{Logger: slog.New(slog.DiscardHandler), Getenv: func(string) string { return "" }})
	if err := s.Start(bot.NewChat(bottest.Starter(t), bot.ChatOptions{}), metrics.New(nil), func() error { return fault }); err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	if code, _ := get(t, h, "GET", "/readyz"); code != http.StatusOK {
		t.Fatalf("/readyz before any damage: %d", code)
	}
	fault = errors.New("index is damaged")
	if code, _ := get(t, h, "GET", "/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the index damaged: %d, want 503", code)
	}
	fault = nil
	if code, _ := get(t, h, "GET", "/readyz"); code != http.StatusOK {
		t.Errorf("/readyz after the repair: %d", code)
	}
}
