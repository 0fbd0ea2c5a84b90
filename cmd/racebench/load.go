package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/racebot/racebot/bot/slack/slackfake"
)

// loadConfig is racebench load's command line.
type loadConfig struct {
	passages  int
	clients   int
	duration  time.Duration
	rate      float64 // questions per second per client; 0 for as fast as answers come
	slack     float64 // share of questions sent as signed Slack slash commands
	sample    time.Duration
	work      string
	binary    string
	jsonOut   string
	serveArgs []string
}

func parseLoadConfig(args []string) (loadConfig, error) {
	fs := flag.NewFlagSet("racebench load", flag.ContinueOnError)
	c := loadConfig{}
	fs.IntVar(&c.passages, "passages", 100_000, "generated passages in the corpus served")
	fs.IntVar(&c.clients, "clients", 200, "concurrent clients")
	fs.DurationVar(&c.duration, "duration", time.Minute, "how long the clients ask")
	fs.Float64Var(&c.rate, "rate", 1, "questions per second per client (0: each asks again as soon as answered)")
	fs.Float64Var(&c.slack, "slack", 0.25, "share of questions sent as signed Slack /ask commands rather than to /api/ask")
	fs.DurationVar(&c.sample, "sample", 10*time.Second, "how often to record the server's memory and goroutines")
	fs.StringVar(&c.work, "work", filepath.Join(os.TempDir(), "racebench"), "folder for the generated corpus, the index and the racebot binary")
	fs.StringVar(&c.jsonOut, "json", "", "also write the raw results to this file")
	fs.StringVar(&c.binary, "racebot", "", "racebot binary to serve with (default: build it from this checkout)")
	serve := fs.String("serve-args", "", "extra arguments for racebot serve, space-separated (e.g. \"--max-searches 2\")")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.clients < 1 || c.duration <= 0 || c.rate < 0 || c.slack < 0 || c.slack > 1 || c.passages < 0 || c.sample <= 0 {
		return c, errors.New("-clients, -duration and -sample must be positive, -rate at least 0, -slack between 0 and 1")
	}
	c.serveArgs = strings.Fields(*serve)
	return c, nil
}

// loadResult is what a load run measured.
type loadResult struct {
	Passages  int           `json:"passages"`
	Clients   int           `json:"clients"`
	Duration  time.Duration `json:"duration"`
	Requests  int           `json:"requests"`
	Errors    int           `json:"errors"`
	Busy      int           `json:"busy"` // polite "busy, try again" replies
	Late      int           `json:"late"` // Slack answers sent after the acknowledgement
	PerSecond float64       `json:"per_second"`
	API       latencies     `json:"api"`
	Slack     latencies     `json:"slack"`
	Samples   []sample      `json:"samples"`
	FirstErrs []string      `json:"first_errors,omitempty"`
}

type latencies struct {
	N     int     `json:"n"`
	P50MS float64 `json:"p50_ms"`
	P95MS float64 `json:"p95_ms"`
	P99MS float64 `json:"p99_ms"`
	MaxMS float64 `json:"max_ms"`
}

// sample is the server's memory and goroutines at a moment of the run.
type sample struct {
	At         time.Duration `json:"at"`
	RSS        int64         `json:"rss"`
	Goroutines int           `json:"goroutines"`
}

// runLoad serves a generated corpus with racebot serve and asks it
// questions from many clients at once, over HTTP on loopback, through
// /api/ask and the signed Slack slash-command endpoint.
func runLoad(ctx context.Context, args []string, stdout io.Writer) error {
	c, err := parseLoadConfig(args)
	if err != nil {
		return err
	}
	res, err := load(ctx, slog.New(slog.NewTextHandler(os.Stderr, nil)), c)
	if err != nil {
		return err
	}
	if c.jsonOut != "" {
		data, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(c.jsonOut, data, 0o644); err != nil {
			return fmt.Errorf("write results: %w", err)
		}
	}
	writeLoad(stdout, machine(), res)
	if res.Errors > 0 {
		return fmt.Errorf("%d of %d requests failed", res.Errors, res.Requests)
	}
	return nil
}

// load runs a load test as c says.
func load(ctx context.Context, log *slog.Logger, c loadConfig) (loadResult, error) {
	var res loadResult
	corpusDir := filepath.Join(c.work, "corpus-"+strconv.Itoa(c.passages))
	if err := ensureCorpus(log, corpusDir, c.passages); err != nil {
		return res, err
	}
	qfile := filepath.Join(c.work, "questions.json")
	if err := writeQuestions(qfile, 300); err != nil {
		return res, err
	}
	qs, err := readQuestions(qfile)
	if err != nil {
		return res, err
	}
	bin := c.binary
	if bin == "" {
		bin = filepath.Join(c.work, "racebot")
		log.Info("building racebot", "to", bin)
		build := exec.CommandContext(ctx, "go", "build", "-C", "../..", "-o", bin, "./cmd/racebot")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return res, fmt.Errorf("build racebot: %w", err)
		}
	}
	indexDir := filepath.Join(c.work, "index-"+strconv.Itoa(c.passages))
	log.Info("indexing", "corpus", corpusDir, "index", indexDir)
	idx := exec.CommandContext(ctx, bin, "--corpus", corpusDir, "--index", indexDir, "--log-level", "warn", "index")
	idx.Stderr = os.Stderr
	if err := idx.Run(); err != nil {
		return res, fmt.Errorf("racebot index: %w", err)
	}

	// A stand-in for Slack's Web API and response_url: answers that miss
	// the acknowledgement come here and count as answered.
	var late atomic.Int64
	slackAPI := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if strings.HasPrefix(r.URL.Path, "/respond/") {
			late.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true}`)
	}))
	defer slackAPI.Close()

	secret := randomHex(16)
	srv, err := startServer(ctx, bin, append([]string{"--corpus", corpusDir, "--index", indexDir,
		"serve", "--addr", "127.0.0.1:0", "--user-burst", "0", "--channel-burst", "0"}, c.serveArgs...),
		"SLACK_SIGNING_SECRET="+secret, "SLACK_API_URL="+slackAPI.URL+"/api/")
	if err != nil {
		return res, err
	}
	defer srv.stop()

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: c.clients, MaxIdleConnsPerHost: c.clients, IdleConnTimeout: time.Minute,
	}}
	lg := &loadGen{c: c, client: client, base: srv.base, secret: secret, respond: slackAPI.URL + "/respond/", questions: qs.Timed}

	// Warm up: every question once, so that the first minute does not
	// measure the page cache filling.
	log.Info("warming up", "questions", len(qs.Timed))
	for _, q := range qs.Timed {
		if _, _, err := lg.ask(ctx, q, false); err != nil {
			return res, fmt.Errorf("warm-up: %w", err)
		}
	}

	res = loadResult{Passages: c.passages, Clients: c.clients, Duration: c.duration}
	start := time.Now()
	record := func() {
		s := sample{At: time.Since(start).Round(time.Second), RSS: srv.rss(), Goroutines: srv.goroutines(ctx, client)}
		res.Samples = append(res.Samples, s)
		log.Info("server", "at", s.At, "rss_mb", s.RSS>>20, "goroutines", s.Goroutines)
	}
	record()
	log.Info("load", "clients", c.clients, "duration", c.duration, "rate_per_client", c.rate, "slack_share", c.slack)
	runCtx, cancel := context.WithTimeout(ctx, c.duration)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		lg.run(runCtx)
	}()
	tick := time.NewTicker(c.sample)
	defer tick.Stop()
wait:
	for {
		select {
		case <-done:
			break wait
		case <-tick.C:
			record()
		}
	}
	elapsed := time.Since(start)
	// Let the server settle (idle connections close, the GC runs) before
	// the last sample, as a quiet minute after a busy one would.
	client.CloseIdleConnections()
	time.Sleep(2 * time.Second)
	record()

	res.Requests, res.Errors, res.Busy = int(lg.requests.Load()), int(lg.errors.Load()), int(lg.busy.Load())
	res.PerSecond = float64(res.Requests) / elapsed.Seconds()
	res.API, res.Slack = summarise(lg.apiLat), summarise(lg.slackLat)
	res.FirstErrs = lg.firstErrs
	res.Late = int(late.Load())
	if err := srv.stop(); err != nil {
		res.FirstErrs = append(res.FirstErrs, "racebot serve did not exit cleanly: "+err.Error())
		res.Errors++
	}
	return res, nil
}

// loadGen is the clients of a load run.
type loadGen struct {
	c         loadConfig
	client    *http.Client
	base      string
	secret    string
	respond   string
	questions []string

	requests, errors, busy atomic.Int64

	mu               sync.Mutex
	apiLat, slackLat []time.Duration
	firstErrs        []string
}

// run starts the clients and waits for them to finish. Each client asks
// at its rate, from a random phase, a question drawn at random; with rate
// 0 it asks again as soon as it is answered.
func (g *loadGen) run(ctx context.Context) {
	var wg sync.WaitGroup
	for i := range g.c.clients {
		wg.Go(func() {
			r := mrand.New(mrand.NewPCG(uint64(i), 7))
			var every time.Duration
			if g.c.rate > 0 {
				every = time.Duration(float64(time.Second) / g.c.rate)
				if !sleep(ctx, time.Duration(r.Int64N(int64(every)))) {
					return
				}
			}
			next := time.Now()
			for ctx.Err() == nil {
				q := g.questions[r.IntN(len(g.questions))]
				slackCmd := r.Float64() < g.c.slack
				start := time.Now()
				if every > 0 && next.Before(start) {
					// Late because the server was slow: the wait
					// counts, as it would for a user.
					start = next
				}
				busy, retry, err := g.ask(ctx, q, slackCmd)
				took := time.Since(start)
				if ctx.Err() != nil && err != nil {
					return // cut off by the end of the run, not a failure
				}
				g.requests.Add(1)
				g.mu.Lock()
				switch {
				case err != nil:
					g.errors.Add(1)
					if len(g.firstErrs) < 10 {
						g.firstErrs = append(g.firstErrs, err.Error())
					}
				case busy:
					g.busy.Add(1)
				case slackCmd:
					g.slackLat = append(g.slackLat, took)
				default:
					g.apiLat = append(g.apiLat, took)
				}
				g.mu.Unlock()
				if busy {
					// Told to come back later: do, as a polite client
					// would, rather than flood the server with retries.
					if !sleep(ctx, retry) {
						return
					}
					next = time.Now()
				}
				if every > 0 {
					next = next.Add(every)
					if !sleep(ctx, time.Until(next)) {
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// ask sends one question and checks the reply: an answer, or a polite
// busy notice (reported as busy, with when to ask again). Anything else is
// an error.
func (g *loadGen) ask(ctx context.Context, q string, slackCmd bool) (busy bool, retry time.Duration, err error) {
	var req *http.Request
	if slackCmd {
		body := url.Values{
			"team_id": {"T1"}, "channel_id": {"C1"}, "user_id": {"U" + randomHex(4)},
			"command": {"/ask"}, "text": {q}, "response_url": {g.respond + randomHex(4)},
			"trigger_id": {"1.2.3"}, "api_app_id": {"A1"},
		}.Encode()
		req, err = slackfake.SignedRequest(g.base+"/slack/commands", g.secret, time.Now(),
			"application/x-www-form-urlencoded", []byte(body))
		if err != nil {
			return false, 0, err
		}
		req = req.WithContext(ctx)
	} else {
		req, err = http.NewRequestWithContext(ctx, http.MethodGet, g.base+"/api/ask?q="+url.QueryEscape(q), nil)
		if err != nil {
			return false, 0, err
		}
	}
	resp, err := g.client.Do(req)
	if err != nil {
		return false, 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return false, 0, fmt.Errorf("read reply to %q: %w", q, err)
	}
	if slackCmd {
		if resp.StatusCode != http.StatusOK {
			return false, 0, fmt.Errorf("slack /ask %q: HTTP %d: %.200s", q, resp.StatusCode, body)
		}
		// The ack holds the answer, or is empty when the answer follows
		// through the response_url.
		if len(bytes.TrimSpace(body)) > 0 && !json.Valid(body) {
			return false, 0, fmt.Errorf("slack /ask %q: not JSON: %.200s", q, body)
		}
		// Slack shows the busy notice as text; it says "a few seconds".
		return bytes.Contains(body, []byte("a lot of questions right now")), 5 * time.Second, nil
	}
	var a struct {
		Question string `json:"question"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal(body, &a); err != nil {
		return false, 0, fmt.Errorf("/api/ask %q: HTTP %d, not an answer: %.200s", q, resp.StatusCode, body)
	}
	switch resp.StatusCode {
	case http.StatusOK:
		return false, 0, nil
	case http.StatusServiceUnavailable:
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 && a.Message != "" {
			return true, time.Duration(secs) * time.Second, nil
		}
	}
	return false, 0, fmt.Errorf("/api/ask %q: HTTP %d: %.200s", q, resp.StatusCode, body)
}

func summarise(ds []time.Duration) latencies {
	slices.Sort(ds)
	l := latencies{N: len(ds)}
	if len(ds) == 0 {
		return l
	}
	l.P50MS, l.P95MS, l.P99MS = ms(percentile(ds, 0.5)), ms(percentile(ds, 0.95)), ms(percentile(ds, 0.99))
	l.MaxMS = ms(ds[len(ds)-1])
	return l
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// server is a racebot serve process.
type server struct {
	cmd    *exec.Cmd
	base   string
	once   sync.Once
	err    error
	exited chan struct{}
}

// readyClient polls /readyz; a server that accepts and never answers
// must not hang the load test.
var readyClient = &http.Client{Timeout: 5 * time.Second}

var listening = regexp.MustCompile(`msg="HTTP server listening" addr=(\S+)`)

// startServer starts racebot serve and waits until it is ready.
func startServer(ctx context.Context, bin string, args []string, env ...string) (*server, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, exited: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			if m := listening.FindStringSubmatch(line); m != nil {
				addr <- m[1]
			}
			if strings.Contains(line, "level=WARN") || strings.Contains(line, "level=ERROR") {
				fmt.Fprintln(os.Stderr, "racebot serve:", line)
			}
		}
		// A line too long for the scanner ends the loop: keep reading,
		// or a full pipe would stall the server.
		io.Copy(io.Discard, stderr)
		s.err = cmd.Wait()
		close(s.exited)
	}()
	select {
	case a := <-addr:
		s.base = "http://" + a
	case <-s.exited:
		return nil, fmt.Errorf("racebot serve exited: %v", s.err)
	case <-time.After(time.Minute):
		s.stop()
		return nil, errors.New("racebot serve did not start listening within a minute")
	}
	for deadline := time.Now().Add(5 * time.Minute); ; {
		resp, err := readyClient.Get(s.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, errors.New("racebot serve not ready within 5 minutes")
		}
		if !sleep(ctx, 100*time.Millisecond) {
			s.stop()
			return nil, ctx.Err()
		}
	}
}

// stop asks the server to shut down and waits for it; it returns an error
// unless the server exited 0.
func (s *server) stop() error {
	s.once.Do(func() {
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(30 * time.Second):
			s.cmd.Process.Kill()
			<-s.exited
		}
	})
	return s.err
}

// rss returns the server's resident memory in bytes, from /proc.
func (s *server) rss() int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// goroutines reads go_goroutines from the server's /metrics.
func (s *server) goroutines(ctx context.Context, client *http.Client) int {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/metrics", nil)
	resp, err := client.Do(req)
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "go_goroutines "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return int(math.Round(f))
		}
	}
	return -1
}

func writeLoad(w io.Writer, machine string, r loadResult) {
	fmt.Fprintf(w, "Machine: %s\n\n", machine)
	fmt.Fprintf(w, "%s passages, %d clients for %v: %d requests (%.0f/s), %d errors, %d busy replies",
		thousands(r.Passages), r.Clients, r.Duration, r.Requests, r.PerSecond, r.Errors, r.Busy)
	if r.Late > 0 {
		fmt.Fprintf(w, ", %d Slack answers sent after the acknowledgement", r.Late)
	}
	fmt.Fprintf(w, "\n\n| endpoint | answers | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |\n|---|---:|---:|---:|---:|---:|\n")
	for _, e := range []struct {
		name string
		l    latencies
	}{{"/api/ask", r.API}, {"/slack/commands", r.Slack}} {
		fmt.Fprintf(w, "| %s | %d | %.1f | %.1f | %.1f | %.1f |\n", e.name, e.l.N, e.l.P50MS, e.l.P95MS, e.l.P99MS, e.l.MaxMS)
	}
	fmt.Fprintf(w, "\n| at | RSS (MB) | goroutines |\n|---:|---:|---:|\n")
	for _, s := range r.Samples {
		fmt.Fprintf(w, "| %v | %.0f | %d |\n", s.At, float64(s.RSS)/(1<<20), s.Goroutines)
	}
	for _, e := range r.FirstErrs {
		fmt.Fprintf(w, "\nerror: %s", e)
	}
	fmt.Fprintln(w)
}
