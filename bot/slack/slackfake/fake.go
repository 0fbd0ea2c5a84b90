// Package slackfake is a fake Slack for tests: the Web API methods racebot
// calls, a Socket Mode websocket, and response_url receivers, on one
// loopback httptest server, so that tests drive the real slack-go clients.
//
// The fake validates every message it is sent as Slack would, and more
// strictly where Slack fails silently: a message that breaks a Block Kit
// limit, lacks a fallback text, or holds a token that could ping
// (<!channel>, <!here>, <!everyone>, <@U…>, any non-http link) is refused
// with invalid_blocks (or Slack's more specific code) and recorded as
// invalid. It records everything the bot sends, with the time it arrived,
// so that tests can check content, pings and latency.
//
// Point a slack-go client at it with slack.OptionAPIURL(fake.APIURL()) and
// slack.OptionAppLevelToken(fake.AppToken). Shut the client down before the
// fake: Start registers the fake's Close with t.Cleanup, which runs after
// cleanups registered later.
package slackfake

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Defaults of the fake workspace.
const (
	BotToken  = "xoxb-fake-bot-token"
	AppToken  = "xapp-fake-app-token"
	BotUserID = "UBOT"
	BotID     = "BBOT"
	TeamID    = "T1"
	AppID     = "A1"
	Channel   = "C1"
	User      = "U1"
	UserName  = "alice"
)

// MaxResponseURLUses is how often a response_url may be used, as in Slack.
const MaxResponseURLUses = 5

// Message is a message the bot sent, however it sent it.
type Message struct {
	// Via is how it came: "ack" (a Socket Mode acknowledgement's payload),
	// "chat.postMessage", "chat.postEphemeral" or "response_url".
	Via string
	// Envelope is the envelope an ack acknowledged; ResponseURL the URL a
	// response_url message was posted to.
	Envelope    string
	ResponseURL string
	Channel     string
	ThreadTS    string
	User        string // chat.postEphemeral's recipient
	// ResponseType is "ephemeral" or "in_channel" for response_url and ack
	// messages; Slack treats an empty one as ephemeral.
	ResponseType    string
	ReplaceOriginal bool
	DeleteOriginal  bool
	Text            string
	Blocks          json.RawMessage
	// Raw is the request body as sent.
	Raw []byte
	At  time.Time
	// Invalid is why Slack would refuse the message, or nil.
	Invalid *ValidationError
}

// Ack is a Socket Mode acknowledgement.
type Ack struct {
	EnvelopeID string
	Payload    json.RawMessage
	At         time.Time
}

// Call is a Web API call.
type Call struct {
	Method string
	Form   url.Values
	Header http.Header
	Status int    // the HTTP status answered
	Error  string // the Slack error answered, or ""
	At     time.Time
}

// Envelope is a request injected over Socket Mode.
type Envelope struct {
	ID          string
	ResponseURL string // for slash commands and clicks
	Sent        time.Time
}

// Server is a fake Slack. Its methods are safe for concurrent use.
type Server struct {
	// URL is the server's base URL, http://127.0.0.1:port.
	URL string
	// PingInterval is how often the socket pings the client; set it before
	// the client connects.
	PingInterval time.Duration

	srv *httptest.Server

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every change
	closed    bool
	next      int
	ts        int64
	opens     int
	conns     int
	conn      *socketConn
	allConns  []*socketConn
	calls     []Call
	acks      map[string]Ack
	sent      map[string]time.Time
	messages  []Message
	bodies    [][]byte
	respUses  map[string]int
	limits    map[string][]string // method → Retry-After of the next 429s
	refusals  []string            // errors for the next apps.connections.open calls
	failures  []string
	eventSent map[string]time.Time
}

type socketConn struct {
	ws   *websocket.Conn
	wmu  sync.Mutex
	done chan struct{}
}

func (c *socketConn) write(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteMessage(websocket.TextMessage, b)
}

// Start starts a fake Slack on a loopback port and closes it when the test
// ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		PingInterval: time.Second,
		changed:      make(chan struct{}),
		ts:           1700000000,
		acks:         make(map[string]Ack),
		sent:         make(map[string]time.Time),
		respUses:     make(map[string]int),
		limits:       make(map[string][]string),
		eventSent:    make(map[string]time.Time),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/apps.connections.open", s.connectionsOpen)
	mux.HandleFunc("POST /api/auth.test", s.authTest)
	mux.HandleFunc("POST /api/chat.postMessage", s.chatPost)
	mux.HandleFunc("POST /api/chat.postEphemeral", s.chatPost)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.record(Call{Method: strings.TrimPrefix(r.URL.Path, "/api/"), Header: r.Header.Clone(), Status: 200, Error: "unknown_method", At: time.Now()})
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "unknown_method"})
	})
	mux.HandleFunc("GET /socket", s.socket)
	mux.HandleFunc("POST /resp/{id}", s.responseURL)
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	t.Cleanup(s.Close)
	return s
}

// APIURL is the Web API base URL to give slack.OptionAPIURL (with its
// trailing slash).
func (s *Server) APIURL() string { return s.URL + "/api/" }

// Close closes the sockets, then the server.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	conns := slices.Clone(s.allConns)
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
		<-c.done
	}
	s.srv.Close()
}

// notify wakes whoever waits for a change. Callers hold mu.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor waits until cond, called with mu held, is true, or d has passed.
func (s *Server) waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return true
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			s.mu.Lock()
			ok := cond()
			s.mu.Unlock()
			return ok
		}
	}
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	s.notify()
}

func (s *Server) recordMessage(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, m)
	if m.Invalid != nil {
		s.failures = append(s.failures, m.Via+": "+m.Invalid.Error())
	}
	s.notify()
}

func (s *Server) recordBody(b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bodies = append(s.bodies, slices.Clone(b))
}

func (s *Server) id(prefix string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	return prefix + strconv.Itoa(s.next)
}

// TS returns a fresh message timestamp, as Slack writes them.
func (s *Server) TS() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ts++
	return strconv.FormatInt(s.ts, 10) + ".000100"
}

// RateLimitNext makes the next n calls to method ("chat.postMessage",
// "auth.test", or "response_url" for any response_url) answer 429 with
// the header Retry-After: retryAfter, or with no header when it is "".
func (s *Server) RateLimitNext(method string, n int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.limits[method] = append(s.limits[method], retryAfter)
	}
}

// rateLimited answers 429 if a rate limit was injected for method.
func (s *Server) rateLimited(w http.ResponseWriter, method string) bool {
	s.mu.Lock()
	q := s.limits[method]
	if len(q) == 0 {
		s.mu.Unlock()
		return false
	}
	retry := q[0]
	s.limits[method] = q[1:]
	s.mu.Unlock()
	if retry != "" {
		w.Header().Set("Retry-After", retry)
	}
	writeJSON(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error": "ratelimited"})
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// token is the token a Web API call carries, in its form or its
// Authorization header.
func token(r *http.Request, form url.Values) string {
	if t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return t
	}
	return form.Get("token")
}

// RefuseOpens makes the next len(codes) calls to apps.connections.open
// fail with these error codes, as Slack does for a revoked or invalid
// app-level token.
func (s *Server) RefuseOpens(codes ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refusals = append(s.refusals, codes...)
}

func (s *Server) connectionsOpen(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.recordBody(body)
	form, _ := url.ParseQuery(string(body))
	call := Call{Method: "apps.connections.open", Form: form, Header: r.Header.Clone(), Status: 200, At: time.Now()}
	defer func() { s.record(call) }()
	switch tok := token(r, form); {
	case tok == "":
		call.Error = "not_authed"
	case tok != AppToken:
		call.Error = "invalid_auth"
	}
	s.mu.Lock()
	if call.Error == "" && len(s.refusals) > 0 {
		call.Error, s.refusals = s.refusals[0], s.refusals[1:]
	}
	s.mu.Unlock()
	if call.Error != "" {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": call.Error})
		return
	}
	s.mu.Lock()
	s.opens++
	n := s.opens
	s.mu.Unlock()
	u := "ws" + strings.TrimPrefix(s.URL, "http") + "/socket?ticket=" + strconv.Itoa(n)
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "url": u})
}

func (s *Server) authTest(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.recordBody(body)
	form, _ := url.ParseQuery(string(body))
	call := Call{Method: "auth.test", Form: form, Header: r.Header.Clone(), Status: 200, At: time.Now()}
	defer func() { s.record(call) }()
	if s.rateLimited(w, "auth.test") {
		call.Status, call.Error = http.StatusTooManyRequests, "ratelimited"
		return
	}
	if token(r, form) != BotToken {
		call.Error = "invalid_auth"
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": call.Error})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"ok": true, "url": "https://fake.slack.com/", "team": "Fake", "user": "racebot",
		"team_id": TeamID, "user_id": BotUserID, "bot_id": BotID,
	})
}

func (s *Server) chatPost(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	body, _ := io.ReadAll(r.Body)
	s.recordBody(body)
	form, _ := url.ParseQuery(string(body))
	call := Call{Method: method, Form: form, Header: r.Header.Clone(), Status: 200, At: time.Now()}
	defer func() { s.record(call) }()
	if s.rateLimited(w, method) {
		call.Status, call.Error = http.StatusTooManyRequests, "ratelimited"
		return
	}
	fail := func(code string) {
		call.Error = code
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": code})
	}
	if token(r, form) != BotToken {
		fail("invalid_auth")
		return
	}
	m := Message{
		Via: method, Channel: form.Get("channel"), ThreadTS: form.Get("thread_ts"), User: form.Get("user"),
		Text: form.Get("text"), Blocks: json.RawMessage(form.Get("blocks")), Raw: body, At: call.At,
	}
	m.Invalid = ValidateMessage(m.Text, m.Blocks)
	switch {
	case m.Invalid != nil:
	case form.Get("link_names") == "true" || form.Get("link_names") == "1":
		m.Invalid = invalid("link_names is set: plain @names would ping")
	case form.Get("parse") == "full":
		m.Invalid = invalid("parse=full is set: plain @names would ping")
	}
	s.recordMessage(m)
	switch {
	case m.Invalid != nil:
		fail(m.Invalid.Code)
		return
	case m.Channel == "":
		fail("channel_not_found")
		return
	case method == "chat.postEphemeral" && m.User == "":
		fail("user_not_in_channel")
		return
	}
	ts := s.TS()
	if method == "chat.postEphemeral" {
		writeJSON(w, http.StatusOK, map[string]any{"ok": true, "message_ts": ts})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"ok": true, "channel": m.Channel, "ts": ts,
		"message": map[string]any{"type": "message", "text": m.Text, "bot_id": BotID, "ts": ts, "thread_ts": m.ThreadTS},
	})
}

// NewResponseURL returns a fresh response_url on the fake.
func (s *Server) NewResponseURL() string {
	return s.URL + "/resp/" + s.id("R")
}

func (s *Server) responseURL(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.recordBody(body)
	u := s.URL + r.URL.Path
	call := Call{Method: "response_url", Header: r.Header.Clone(), Status: 200, At: time.Now()}
	defer func() { s.record(call) }()
	if s.rateLimited(w, "response_url") {
		call.Status, call.Error = http.StatusTooManyRequests, "ratelimited"
		return
	}
	s.mu.Lock()
	s.respUses[u]++
	uses := s.respUses[u]
	s.mu.Unlock()
	if uses > MaxResponseURLUses {
		call.Status, call.Error = http.StatusNotFound, "used_url"
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error": call.Error})
		return
	}
	var msg struct {
		Text            string          `json:"text"`
		Blocks          json.RawMessage `json:"blocks"`
		ResponseType    string          `json:"response_type"`
		ReplaceOriginal bool            `json:"replace_original"`
		DeleteOriginal  bool            `json:"delete_original"`
		ThreadTS        string          `json:"thread_ts"`
	}
	m := Message{Via: "response_url", ResponseURL: u, Raw: body, At: call.At}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		m.Invalid = &ValidationError{Code: "invalid_payload", Reason: "Content-Type " + ct}
	} else if err := json.Unmarshal(body, &msg); err != nil {
		m.Invalid = &ValidationError{Code: "invalid_payload", Reason: err.Error()}
	} else {
		m.Text, m.Blocks, m.ResponseType = msg.Text, msg.Blocks, msg.ResponseType
		m.ReplaceOriginal, m.DeleteOriginal, m.ThreadTS = msg.ReplaceOriginal, msg.DeleteOriginal, msg.ThreadTS
		if !m.DeleteOriginal {
			m.Invalid = ValidateMessage(m.Text, m.Blocks)
		}
	}
	s.recordMessage(m)
	if m.Invalid != nil {
		call.Error = m.Invalid.Code
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": call.Error})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true})
}

var upgrader = websocket.Upgrader{
	// slack-go sends Origin: https://api.slack.com.
	CheckOrigin: func(*http.Request) bool { return true },
}

func (s *Server) socket(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &socketConn{ws: ws, done: make(chan struct{})}
	defer close(c.done)
	defer ws.Close()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.allConns = append(s.allConns, c)
	interval := s.PingInterval
	s.mu.Unlock()

	if err := c.write(map[string]any{
		"type": "hello", "num_connections": 1,
		"connection_info": map[string]any{"app_id": AppID},
		"debug_info":      map[string]any{"host": "slackfake", "approximate_connection_time": 18060},
	}); err != nil {
		return
	}
	s.mu.Lock()
	s.conn = c
	s.conns++
	s.notify()
	s.mu.Unlock()

	stopPing := make(chan struct{})
	defer close(stopPing)
	if interval > 0 {
		go func() {
			t := time.NewTicker(interval)
			defer t.Stop()
			for {
				select {
				case <-stopPing:
					return
				case <-t.C:
					if ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second)) != nil {
						return
					}
				}
			}
		}()
	}

	for {
		_, b, err := ws.ReadMessage()
		if err != nil {
			break
		}
		s.recordBody(b)
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(b, &ack) != nil || ack.EnvelopeID == "" {
			continue
		}
		now := time.Now()
		if len(ack.Payload) > 0 && string(ack.Payload) != "null" {
			var msg struct {
				Text         string          `json:"text"`
				Blocks       json.RawMessage `json:"blocks"`
				ResponseType string          `json:"response_type"`
			}
			m := Message{Via: "ack", Envelope: ack.EnvelopeID, Raw: b, At: now}
			if err := json.Unmarshal(ack.Payload, &msg); err != nil {
				m.Invalid = &ValidationError{Code: "invalid_payload", Reason: err.Error()}
			} else {
				m.Text, m.Blocks, m.ResponseType = msg.Text, msg.Blocks, msg.ResponseType
				m.Invalid = ValidateMessage(m.Text, m.Blocks)
			}
			if len(b) >= 20*1024 {
				m.Invalid = &ValidationError{Code: "payload_too_large", Reason: fmt.Sprintf("%d bytes: Slack drops responses of 20 KiB or more", len(b))}
			}
			s.recordMessage(m)
		}
		s.mu.Lock()
		if _, dup := s.acks[ack.EnvelopeID]; dup {
			s.failures = append(s.failures, "envelope "+ack.EnvelopeID+" acknowledged twice")
		} else {
			s.acks[ack.EnvelopeID] = Ack{EnvelopeID: ack.EnvelopeID, Payload: ack.Payload, At: now}
		}
		s.notify()
		s.mu.Unlock()
	}
	s.mu.Lock()
	if s.conn == c {
		s.conn = nil
	}
	s.notify()
	s.mu.Unlock()
}

// Opens is how many times apps.connections.open succeeded.
func (s *Server) Opens() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opens
}

// WaitConnections waits until the socket has accepted n connections in
// all and one is open.
func (s *Server) WaitConnections(n int, d time.Duration) error {
	if !s.waitFor(d, func() bool { return s.conns >= n && s.conn != nil }) {
		return fmt.Errorf("slackfake: %d socket connections after %v, want %d", s.conns, d, n)
	}
	return nil
}

// send writes an envelope to the open socket, waiting up to five seconds
// for one.
func (s *Server) send(env map[string]any) (time.Time, error) {
	var c *socketConn
	if !s.waitFor(5*time.Second, func() bool { c = s.conn; return c != nil }) {
		return time.Time{}, errors.New("slackfake: no socket connection to send on")
	}
	now := time.Now()
	if err := c.write(env); err != nil {
		return time.Time{}, fmt.Errorf("slackfake: sending an envelope: %w", err)
	}
	if id, _ := env["envelope_id"].(string); id != "" {
		s.mu.Lock()
		s.sent[id] = now
		s.mu.Unlock()
	}
	return now, nil
}

// Disconnect asks the client to reconnect, as Slack does before it
// rotates a connection.
func (s *Server) Disconnect(reason string) error {
	s.mu.Lock()
	c := s.conn
	s.conn = nil // envelopes wait for the next connection
	s.mu.Unlock()
	if c == nil {
		return errors.New("slackfake: no socket connection to disconnect")
	}
	return c.write(map[string]any{"type": "disconnect", "reason": reason, "debug_info": map[string]any{"host": "slackfake"}})
}

// DropConnection closes the socket without a word, as a network failure
// would.
func (s *Server) DropConnection() error {
	s.mu.Lock()
	c := s.conn
	s.conn = nil
	s.mu.Unlock()
	if c == nil {
		return errors.New("slackfake: no socket connection to drop")
	}
	return c.ws.UnderlyingConn().Close()
}

// SlashCommand is a slash command as a user typed it.
type SlashCommand struct {
	Command string // "/ask"
	// Text is what the user typed; it is sent escaped, as Slack sends
	// it (&, <, > as &amp;, &lt;, &gt;).
	Text     string
	Channel  string // default C1
	User     string // default U1
	UserName string // default alice
}

func (c *SlashCommand) defaults() {
	if c.Channel == "" {
		c.Channel = Channel
	}
	if c.User == "" {
		c.User = User
	}
	if c.UserName == "" {
		c.UserName = UserName
	}
}

// Escape escapes text a user typed as Slack does before sending it to an
// app: &, < and > become &amp;, &lt; and &gt;.
func Escape(text string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(text)
}

// SlashCommandForm is a slash command's HTTP body, form-encoded with the
// fields in the order Slack sends them.
func SlashCommandForm(c SlashCommand, responseURL string) string {
	c.defaults()
	fields := [][2]string{
		{"token", "fake-verification-token"}, {"team_id", TeamID}, {"team_domain", "fake"},
		{"channel_id", c.Channel}, {"channel_name", "general"}, {"user_id", c.User}, {"user_name", c.UserName},
		{"command", c.Command}, {"text", Escape(c.Text)}, {"api_app_id", AppID}, {"is_enterprise_install", "false"},
		{"response_url", responseURL}, {"trigger_id", "13345224609.738474920.8088930838d88f008e0"},
	}
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(f[0]) + "=" + url.QueryEscape(f[1]))
	}
	return b.String()
}

func slashPayload(c SlashCommand, responseURL string) map[string]any {
	c.defaults()
	return map[string]any{
		"token": "fake-verification-token", "team_id": TeamID, "team_domain": "fake",
		"channel_id": c.Channel, "channel_name": "general", "user_id": c.User, "user_name": c.UserName,
		"command": c.Command, "text": Escape(c.Text), "api_app_id": AppID, "is_enterprise_install": "false",
		"response_url": responseURL, "trigger_id": "13345224609.738474920.8088930838d88f008e0",
	}
}

// SlashCommand sends a slash command over the socket, with a fresh
// response_url.
func (s *Server) SlashCommand(c SlashCommand) (Envelope, error) {
	e := Envelope{ID: s.id("E"), ResponseURL: s.NewResponseURL()}
	var err error
	e.Sent, err = s.send(map[string]any{
		"type": "slash_commands", "envelope_id": e.ID, "accepts_response_payload": true,
		"payload": slashPayload(c, e.ResponseURL),
	})
	return e, err
}

// Mention is a message that mentions the bot.
type Mention struct {
	EventID  string // default: a fresh one
	Channel  string // default C1
	User     string // default U1
	Text     string // as sent; default "<@UBOT> " + Question, escaped
	Question string // as the user typed it
	TS       string // default: a fresh one
	ThreadTS string // set for a mention inside a thread
	BotID    string // set when a bot wrote it
}

func (s *Server) mentionDefaults(m *Mention) {
	if m.EventID == "" {
		m.EventID = s.id("Ev")
	}
	if m.Channel == "" {
		m.Channel = Channel
	}
	if m.User == "" {
		m.User = User
	}
	if m.Text == "" {
		m.Text = "<@" + BotUserID + "> " + Escape(m.Question)
	}
	if m.TS == "" {
		m.TS = s.TS()
	}
}

// EventCallback is the Events API body of an app_mention.
func EventCallback(m Mention) []byte {
	ev := map[string]any{
		"type": "app_mention", "user": m.User, "text": m.Text, "ts": m.TS, "channel": m.Channel, "event_ts": m.TS,
		"client_msg_id": "477cc591-cb73-414f-8cd1-3c9b1b27ff21",
	}
	if m.ThreadTS != "" {
		ev["thread_ts"] = m.ThreadTS
	}
	if m.BotID != "" {
		ev["bot_id"] = m.BotID
	}
	b, _ := json.Marshal(map[string]any{
		"token": "fake-verification-token", "team_id": TeamID, "api_app_id": AppID, "event": ev,
		"type": "event_callback", "event_id": m.EventID, "event_time": 1700000000,
		"authorizations": []any{map[string]any{"team_id": TeamID, "user_id": BotUserID, "is_bot": true}},
	})
	return b
}

// AppMention sends an app_mention event over the socket; a retry of an
// event keeps its EventID and counts its attempts in retryAttempt. It
// returns the mention with its defaults filled in.
func (s *Server) AppMention(m Mention, retryAttempt int) (Envelope, Mention, error) {
	s.mentionDefaults(&m)
	e := Envelope{ID: s.id("E")}
	reason := ""
	if retryAttempt > 0 {
		reason = "timeout"
	}
	var err error
	e.Sent, err = s.send(map[string]any{
		"type": "events_api", "envelope_id": e.ID, "accepts_response_payload": false,
		"retry_attempt": retryAttempt, "retry_reason": reason,
		"payload": json.RawMessage(EventCallback(m)),
	})
	s.mu.Lock()
	if _, ok := s.eventSent[m.EventID]; !ok {
		s.eventSent[m.EventID] = e.Sent
	}
	s.mu.Unlock()
	return e, m, err
}

// NewMention fills in a mention's defaults, for the HTTP Events API.
func (s *Server) NewMention(m Mention) Mention {
	s.mentionDefaults(&m)
	return m
}

// Click is a click on a button in a message.
type Click struct {
	ActionID  string
	BlockID   string
	Value     string
	Channel   string // default C1
	User      string // default U1
	MessageTS string // default: a fresh one
	Ephemeral bool
}

// BlockActions is the payload of a block_actions interaction.
func BlockActions(c Click, responseURL string) []byte {
	if c.Channel == "" {
		c.Channel = Channel
	}
	if c.User == "" {
		c.User = User
	}
	b, _ := json.Marshal(map[string]any{
		"type": "block_actions", "token": "fake-verification-token", "api_app_id": AppID,
		"team":       map[string]any{"id": TeamID, "domain": "fake"},
		"user":       map[string]any{"id": c.User, "username": UserName, "name": UserName, "team_id": TeamID},
		"container":  map[string]any{"type": "message", "message_ts": c.MessageTS, "channel_id": c.Channel, "is_ephemeral": c.Ephemeral},
		"channel":    map[string]any{"id": c.Channel, "name": "general"},
		"trigger_id": "13345224609.738474920.8088930838d88f008e0", "response_url": responseURL,
		"actions": []any{map[string]any{
			"type": "button", "action_id": c.ActionID, "block_id": c.BlockID, "value": c.Value,
			"text":      map[string]any{"type": "plain_text", "text": "button", "emoji": true},
			"action_ts": "1700000000.000200",
		}},
	})
	return b
}

// BlockActionsForm is a block_actions interaction's HTTP body.
func BlockActionsForm(c Click, responseURL string) string {
	return "payload=" + url.QueryEscape(string(BlockActions(c, responseURL)))
}

// BlockAction sends a button click over the socket, with a fresh
// response_url.
func (s *Server) BlockAction(c Click) (Envelope, error) {
	if c.MessageTS == "" {
		c.MessageTS = s.TS()
	}
	e := Envelope{ID: s.id("E"), ResponseURL: s.NewResponseURL()}
	var err error
	e.Sent, err = s.send(map[string]any{
		"type": "interactive", "envelope_id": e.ID, "accepts_response_payload": false,
		"payload": json.RawMessage(BlockActions(c, e.ResponseURL)),
	})
	return e, err
}

// URLVerification is the Events API's URL verification body.
func URLVerification(challenge string) []byte {
	b, _ := json.Marshal(map[string]any{"token": "fake-verification-token", "challenge": challenge, "type": "url_verification"})
	return b
}

// WaitAck waits up to d for the acknowledgement of an envelope.
func (s *Server) WaitAck(id string, d time.Duration) (Ack, error) {
	var a Ack
	if !s.waitFor(d, func() bool { var ok bool; a, ok = s.acks[id]; return ok }) {
		return Ack{}, fmt.Errorf("slackfake: envelope %s not acknowledged within %v", id, d)
	}
	return a, nil
}

// Acked reports whether an envelope was acknowledged.
func (s *Server) Acked(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.acks[id]
	return ok
}

// Messages returns the messages the bot sent that match (all of them for a
// nil match), in order of arrival.
func (s *Server) Messages(match func(Message) bool) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		if match == nil || match(m) {
			out = append(out, m)
		}
	}
	return out
}

// WaitMessages waits up to d for n messages that match.
func (s *Server) WaitMessages(n int, d time.Duration, match func(Message) bool) ([]Message, error) {
	ok := s.waitFor(d, func() bool {
		c := 0
		for _, m := range s.messages {
			if match == nil || match(m) {
				c++
			}
		}
		return c >= n
	})
	got := s.Messages(match)
	if !ok {
		return got, fmt.Errorf("slackfake: %d matching messages within %v, want %d", len(got), d, n)
	}
	return got, nil
}

// To matches the messages posted to a response_url.
func To(responseURL string) func(Message) bool {
	return func(m Message) bool { return m.Via == "response_url" && m.ResponseURL == responseURL }
}

// Reply matches the replies to an envelope: its acknowledgement's payload
// and what was posted to its response_url.
func Reply(e Envelope) func(Message) bool {
	return func(m Message) bool {
		return (m.Via == "ack" && m.Envelope == e.ID) || (m.Via == "response_url" && m.ResponseURL == e.ResponseURL && e.ResponseURL != "")
	}
}

// InThread matches messages posted with chat.postMessage in a channel's
// thread.
func InThread(channel, threadTS string) func(Message) bool {
	return func(m Message) bool {
		return m.Via == "chat.postMessage" && m.Channel == channel && m.ThreadTS == threadTS
	}
}

// Calls returns the Web API calls to method ("" for all).
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitCalls waits up to d for n calls to method ("" for all) and returns
// the calls made by then. A call is recorded once it has been answered, so
// it can come a moment after the message it carried.
func (s *Server) WaitCalls(method string, n int, d time.Duration) ([]Call, error) {
	ok := s.waitFor(d, func() bool {
		c := 0
		for _, call := range s.calls {
			if method == "" || call.Method == method {
				c++
			}
		}
		return c >= n
	})
	got := s.Calls(method)
	if !ok {
		return got, fmt.Errorf("slackfake: %d calls to %q within %v, want %d", len(got), method, d, n)
	}
	return got, nil
}

// Sent is when an envelope was sent.
func (s *Server) Sent(id string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent[id]
}

// Bodies returns every request body and websocket message the bot sent,
// Web API calls, acknowledgements and response_url posts alike.
func (s *Server) Bodies() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.bodies)
}

// Failures returns what the fake found wrong: messages Slack would refuse,
// and envelopes acknowledged twice.
func (s *Server) Failures() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.failures)
}
