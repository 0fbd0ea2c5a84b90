package main

import (
	"bufio"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
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
	"syscall"
	"testing"
	"time"

	"github.com/racebot/racebot/bot/bottest"
)

// These tests are black-box: they build racebot, start `racebot serve` as
// a process with credentials in its environment, and talk to it over
// HTTP as Slack, Discord and an API client would.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds racebot once per test run.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs racebot serve as a process")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "racebot-serve-test")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "racebot")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// served is a running racebot serve.
type served struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
	log  *bottest.Buffer
	done chan error
}

var listening = regexp.MustCompile(`msg="HTTP server listening" addr=(\S+)`)

// startServe starts racebot serve on a free loopback port with only the
// given chat credentials in its environment, and waits until it is ready.
func startServe(t *testing.T, env ...string) *served {
	t.Helper()
	return startServeWith(t, []string{"--index", filepath.Join(t.TempDir(), "index")}, env...)
}

// startServeWith is startServe with these arguments after "serve --addr
// 127.0.0.1:0".
func startServeWith(t *testing.T, args []string, env ...string) *served {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	// A clean environment: the developer's own tokens must not leak in.
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &served{cmd: cmd, log: &bottest.Buffer{}, done: make(chan error, 1)}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(s.log, line)
			if m := listening.FindStringSubmatch(line); m != nil {
				addr <- m[1]
			}
		}
		s.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-s.done
		}
		if t.Failed() {
			t.Logf("racebot serve log:\n%s", s.log.String())
		}
	})
	select {
	case a := <-addr:
		s.base = "http://" + a
	case <-time.After(60 * time.Second):
		t.Fatalf("racebot serve did not listen within a minute:\n%s", s.log.String())
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get(s.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("racebot serve not ready within two minutes:\n%s", s.log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop sends SIGTERM and returns the exit status.
func (s *served) stop(t *testing.T) int {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(30 * time.Second):
		t.Fatalf("racebot serve did not stop within 30 s of SIGTERM:\n%s", s.log.String())
		return -1
	}
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeHTTPOnly(t *testing.T) {
	s := startServe(t)
	if code, body := get(t, s.base+"/healthz"); code != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	code, body := get(t, s.base+"/api/ask?q="+url.QueryEscape("How many GPUs does DeepSeek have?"))
	if code != 200 {
		t.Fatalf("/api/ask: %d %s", code, body)
	}
	var a struct {
		Answered bool `json:"answered"`
		Passages []struct {
			URL string `json:"url"`
		} `json:"passages"`
	}
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatalf("/api/ask is not JSON: %v\n%s", err, body)
	}
	if !a.Answered || len(a.Passages) == 0 || !strings.Contains(body, "50,000") {
		t.Errorf("/api/ask did not answer with the GPU figure:\n%s", body)
	}

	// The API's answer is the CLI's: compare with racebot ask --json.
	_, cli, _ := racebot(t, "", indexFlag(t), "ask", "--json", "How many GPUs does DeepSeek have?")
	if keys(t, cli) != keys(t, body) {
		t.Errorf("/api/ask and racebot ask --json differ in shape:\n%s\n%s", keys(t, body), keys(t, cli))
	}

	if code, body := get(t, s.base+"/api/ask?q="); code != 200 || !strings.Contains(body, `"answered":false`) {
		t.Errorf("/api/ask with no question: %d %s", code, body)
	}
	if code, body := get(t, s.base+"/api/ask?q="+strings.Repeat("x", 600)); code != 200 || !strings.Contains(body, "500") {
		t.Errorf("/api/ask with a 600-character question: %d %s", code, body)
	}
	req, _ := http.NewRequest(http.MethodPost, s.base+"/slack/commands", strings.NewReader("text=hi"))
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST /slack/commands without Slack credentials: %d, want 404", resp.StatusCode)
	}

	code, metrics := get(t, s.base+"/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{
		`racebot_requests_total{command="ask",outcome="answered",platform="http"} 1`,
		`racebot_request_duration_seconds_bucket{command="ask",platform="http"`,
		`racebot_index_passages `,
		`process_resident_memory_bytes `,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	if code := s.stop(t); code != 0 {
		t.Errorf("exit status %d after SIGTERM, want 0", code)
	}
	log := s.log.String()
	for _, want := range []string{"no chat platform configured", "DISCORD_BOT_TOKEN", "shutting down", "stopped"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

// keys is the sorted set of top-level JSON keys of one JSON object.
func keys(t *testing.T, doc string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(strings.TrimSpace(doc)), &m); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, doc)
	}
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return strings.Join(ks, ",")
}

// receiver is a response_url endpoint and a stand-in Web API.
type receiver struct {
	srv   *httptest.Server
	mu    sync.Mutex
	posts []string
	got   chan string
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{got: make(chan string, 16)}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.posts = append(r.posts, req.URL.Path+" "+string(b))
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if strings.HasPrefix(req.URL.Path, "/api/") {
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		r.got <- string(b)
		fmt.Fprint(w, `{"ok":true}`)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func slackSign(secret string, ts time.Time, body string) (string, string) {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	return stamp, "v0=" + hex.EncodeToString(mac.Sum(nil))
}

func TestServeSlackHTTPMode(t *testing.T) {
	const secret = "8f742231b10e8888abcd99yyyzzz85a5"
	rcv := newReceiver(t)
	s := startServe(t, "SLACK_SIGNING_SECRET="+secret, "SLACK_API_URL="+rcv.srv.URL+"/api/")

	form := url.Values{
		"token": {"legacy"}, "team_id": {"T1"}, "team_domain": {"example"},
		"channel_id": {"C1"}, "channel_name": {"general"}, "user_id": {"U1"}, "user_name": {"ada"},
		"command": {"/ask"}, "text": {"How many GPUs does DeepSeek have? @everyone <!channel>"},
		"response_url":  {rcv.srv.URL + "/commands/T1/1/abc"},
		"trigger_id":    {"1.2.3"},
		"api_app_id":    {"A1"},
		"is_enterprise": {"false"},
	}
	body := form.Encode()
	post := func(at time.Time, sig string) (int, string) {
		stamp, good := slackSign(secret, at, body)
		if sig == "" {
			sig = good
		}
		req, _ := http.NewRequest(http.MethodPost, s.base+"/slack/commands", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", stamp)
		req.Header.Set("X-Slack-Signature", sig)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	t.Run("signed", func(t *testing.T) {
		code, resp := post(time.Now(), "")
		if code != 200 {
			t.Fatalf("signed /ask: %d %s", code, resp)
		}
		answer := resp
		if !strings.Contains(answer, "50,000") {
			select { // acknowledged first; the answer comes through the response_url
			case answer = <-rcv.got:
			case <-time.After(20 * time.Second):
				t.Fatalf("no answer in the response (%q) nor through the response_url", resp)
			}
		}
		for _, want := range []string{"50,000", `"blocks"`, "https://"} {
			if !strings.Contains(answer, want) {
				t.Errorf("answer lacks %q:\n%s", want, answer)
			}
		}
		// Slack pings only through <!…> and <@…> tokens; a plain
		// "@everyone" in text a bot posts is inert.
		for _, ping := range []string{"<!", "\\u003c!", "<@", "\\u003c@"} {
			if strings.Contains(answer, ping) {
				t.Errorf("answer contains %q, which could ping:\n%s", ping, answer)
			}
		}
	})

	for _, tc := range []struct {
		name string
		at   time.Time
		sig  string
	}{
		{"forged", time.Now(), "v0=" + strings.Repeat("0", 64)},
		{"stale", time.Now().Add(-6 * time.Minute), ""},
		{"garbage", time.Now(), "not a signature"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, resp := post(tc.at, tc.sig)
			if code != http.StatusUnauthorized {
				t.Errorf("%s /ask: %d %s, want 401", tc.name, code, resp)
			}
			if strings.Contains(resp, "50,000") {
				t.Errorf("%s /ask was answered: %s", tc.name, resp)
			}
			select {
			case got := <-rcv.got:
				t.Errorf("%s /ask answered through the response_url: %s", tc.name, got)
			case <-time.After(300 * time.Millisecond):
			}
		})
	}

	if code := s.stop(t); code != 0 {
		t.Errorf("exit status %d after SIGTERM, want 0", code)
	}
	if log := s.log.String(); strings.Contains(log, secret) {
		t.Errorf("the signing secret is in the log:\n%s", log)
	} else if !strings.Contains(log, "Slack HTTP mode started") {
		t.Errorf("log does not say Slack HTTP mode started:\n%s", log)
	}
}

func TestServeDiscordInteractions(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s := startServe(t, "DISCORD_PUBLIC_KEY="+hex.EncodeToString(pub))

	post := func(key ed25519.PrivateKey, at time.Time, body string) (int, string) {
		stamp := strconv.FormatInt(at.Unix(), 10)
		sig := ed25519.Sign(key, []byte(stamp+body))
		req, _ := http.NewRequest(http.MethodPost, s.base+"/discord/interactions", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
		req.Header.Set("X-Signature-Timestamp", stamp)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	const ping = `{"id":"1","application_id":"2","type":1,"token":"t","version":1}`
	const ask = `{"id":"100000000000000010","application_id":"100000000000000001","type":2,"token":"interaction-token","version":1,` +
		`"channel_id":"100000000000000003","guild_id":"100000000000000004",` +
		`"member":{"user":{"id":"100000000000000005","username":"ada"},"roles":[]},` +
		`"data":{"id":"100000000000000006","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"How many GPUs does DeepSeek have? @everyone <@&123>"}]}}`

	if code, body := post(priv, time.Now(), ping); code != 200 || strings.TrimSpace(body) != `{"type":1}` {
		t.Errorf("signed PING: %d %s, want 200 {\"type\":1}", code, body)
	}
	code, body := post(priv, time.Now(), ask)
	if code != 200 {
		t.Fatalf("signed /ask: %d %s", code, body)
	}
	var resp struct {
		Type int `json:"type"`
		Data struct {
			AllowedMentions *struct {
				Parse []string `json:"parse"`
			} `json:"allowed_mentions"`
			Embeds []json.RawMessage `json:"embeds"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &resp); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, body)
	}
	if resp.Type != 4 {
		t.Fatalf("response type %d, want 4 (the answer at once):\n%s", resp.Type, body)
	}
	if len(resp.Data.Embeds) == 0 || !strings.Contains(body, "50,000") || !strings.Contains(body, "https://") {
		t.Errorf("the answer lacks the GPU figure or its citation:\n%s", body)
	}
	if resp.Data.AllowedMentions == nil || len(resp.Data.AllowedMentions.Parse) != 0 || !strings.Contains(body, `"parse":[]`) {
		t.Errorf("allowed_mentions is not {\"parse\":[]}:\n%s", body)
	}

	_, other, _ := ed25519.GenerateKey(rand.Reader)
	for _, tc := range []struct {
		name string
		key  ed25519.PrivateKey
		at   time.Time
	}{
		{"forged", other, time.Now()},
		{"stale", priv, time.Now().Add(-10 * time.Minute)},
	} {
		if code, body := post(tc.key, tc.at, ask); code != http.StatusUnauthorized {
			t.Errorf("%s /ask: %d %s, want 401", tc.name, code, body)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, s.base+"/discord/interactions", strings.NewReader(ask))
	if r, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else if r.Body.Close(); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned /ask: %d, want 401", r.StatusCode)
	}

	if code := s.stop(t); code != 0 {
		t.Errorf("exit status %d after SIGTERM, want 0", code)
	}
	if log := s.log.String(); !strings.Contains(log, "Discord HTTP interactions started") {
		t.Errorf("log does not say Discord HTTP interactions started:\n%s", log)
	}
}

func TestServeRefusesBadConfig(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want string
	}{
		{"DISCORD_SHARD_COUNT=two", "DISCORD_SHARD_COUNT"},
		{"DISCORD_PUBLIC_KEY=not-hex", "DISCORD_PUBLIC_KEY"},
		{"RACEBOT_PUBLIC_URL=javascript:alert(1)", "--public-url"},
	} {
		t.Run(tc.env, func(t *testing.T) {
			cmd := exec.Command(binary(t), "serve", "--addr", "127.0.0.1:0", "--index", filepath.Join(t.TempDir(), "index"))
			cmd.Env = []string{"HOME=" + t.TempDir(), tc.env}
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() == 0 {
				t.Fatalf("racebot serve with %s: %v, want a non-zero exit\n%s", tc.env, err, out)
			}
			if !strings.Contains(string(out), tc.want) {
				t.Errorf("error does not name %s:\n%s", tc.want, out)
			}
		})
	}
}

func TestServeKeepsServingWhenSlackRefusesTheToken(t *testing.T) {
	const botToken, appToken = "xoxb-1111-2222-refusedrefusedrefused", "xapp-1-A1-3333-refusedappappapp"
	api := newReceiver(t) // answers every Web API call with invalid_auth
	s := startServe(t, "SLACK_BOT_TOKEN="+botToken, "SLACK_APP_TOKEN="+appToken, "SLACK_API_URL="+api.srv.URL+"/api/")

	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(s.log.String(), "restarting it") {
		if time.Now().After(deadline) {
			t.Fatalf("no log line says the refused adapter will be restarted:\n%s", s.log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if code, body := get(t, s.base+"/api/ask?q="+url.QueryEscape("How much will Stargate invest?")); code != 200 || !strings.Contains(body, `"answered":true`) {
		t.Errorf("/api/ask after Slack refused the token: %d %s", code, body)
	}
	if code, _ := get(t, s.base+"/readyz"); code != 200 {
		t.Errorf("/readyz: %d after Slack refused the token", code)
	}
	if _, m := get(t, s.base+"/metrics"); !strings.Contains(m, `racebot_platform_errors_total{op="auth.test",platform="slack"}`) {
		t.Errorf("/metrics does not count the refusal:\n%s", m)
	}
	if code := s.stop(t); code != 0 {
		t.Errorf("exit status %d after SIGTERM, want 0", code)
	}
	log := s.log.String()
	for _, secret := range []string{botToken, appToken, "1111-2222", "3333"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds %q:\n%s", secret, log)
		}
	}
	if !strings.Contains(log, "invalid_auth") {
		t.Errorf("the log does not say why Slack refused:\n%s", log)
	}
}

// TestAPILimitsPerAddress: each client address has its own limit on
// /api/ask, so an abusive address cannot lock out another; behind a
// trusted proxy the limit follows X-Forwarded-For, which no one else can
// use to escape theirs.
func TestAPILimitsPerAddress(t *testing.T) {
	s := startServe(t, "RACEBOT_USER_BURST=3", "RACEBOT_USER_EVERY=1h", "RACEBOT_CHANNEL_BURST=3", "RACEBOT_CHANNEL_EVERY=1h",
		"RACEBOT_TRUSTED_PROXIES=127.0.0.9")
	// ask sends a question from the loopback address from, with an
	// X-Forwarded-For header when forwarded is not empty.
	ask := func(from, forwarded string) int {
		t.Helper()
		client := &http.Client{Transport: &http.Transport{
			DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}).DialContext,
		}}
		defer client.CloseIdleConnections()
		req, err := http.NewRequest("GET", s.base+"/api/ask?q="+url.QueryEscape("How much will Stargate invest?"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if forwarded != "" {
			req.Header.Set("X-Forwarded-For", forwarded)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Skipf("cannot send from %s: %v", from, err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	codes := func(from, forwarded string, n int) []int {
		var out []int
		for range n {
			out = append(out, ask(from, forwarded))
		}
		return out
	}
	want := []int{200, 200, 200, 429, 429}
	tests := []struct {
		name, from, forwarded string
		want                  []int
	}{
		{"an abusive address is limited", "127.0.0.2", "", want},
		{"another address is not", "127.0.0.3", "", want},
		{"a forged X-Forwarded-For from an untrusted address changes nothing", "127.0.0.3", "10.1.1.1", []int{429}},
		{"behind the trusted proxy, each forwarded client has its own limit", "127.0.0.9", "10.0.0.1", want},
		{"and another forwarded client is not limited by the first", "127.0.0.9", "198.51.100.7, 10.0.0.2", want},
	}
	for _, tt := range tests {
		if got := codes(tt.from, tt.forwarded, len(tt.want)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: status codes %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestServeWebPage: serve answers on the web page at / by default, from the
// same index and limits as the API, and --no-web turns the page off while
// the API stays.
func TestServeWebPage(t *testing.T) {
	s := startServe(t)
	code, body := get(t, s.base+"/")
	if code != 200 || !strings.Contains(body, `<label for="q">`) {
		t.Fatalf("/: %d, no question box:\n%s", code, body)
	}
	code, body = get(t, s.base+"/ask?q="+url.QueryEscape("How many GPUs does DeepSeek have?"))
	if code != 200 || !strings.Contains(body, "50,000") || !strings.Contains(body, `<mark class="fig">`) {
		t.Errorf("/ask: %d, no highlighted GPU figure:\n%s", code, body)
	}
	code, body = get(t, s.base+"/sources")
	if code != 200 || !strings.Contains(body, "The articles I answer from") {
		t.Errorf("/sources: %d, no article list:\n%s", code, body)
	}

	off := startServeWith(t, []string{"--index", filepath.Join(t.TempDir(), "index"), "--no-web"})
	if code, _ := get(t, off.base+"/"); code != http.StatusNotFound {
		t.Errorf("/ with --no-web: %d, want 404", code)
	}
	if code, _ := get(t, off.base+"/api/ask?q=deepseek"); code != 200 {
		t.Errorf("/api/ask with --no-web: %d, want 200", code)
	}
}
