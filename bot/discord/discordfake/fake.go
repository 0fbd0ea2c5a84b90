// Package discordfake is a fake Discord for tests: an HTTP server with the
// REST routes a bot uses and a gateway websocket, which the real discordgo
// client talks to over loopback.
//
// Point a discordgo session at it by giving it Client(), whose transport
// rewrites every request to the fake; the fake's /gateway route then sends
// the websocket to the fake too. Like Discord, the fake enforces the
// three-second deadline on the first response to an interaction and
// answers 400 50035 to a message over Discord's size limits. Unlike
// Discord, it also refuses any message whose allowed_mentions is missing
// or lets anything ping: tests should catch what Discord would forgive.
//
// Every request is recorded, for assertions; Wait blocks until one
// matches. Faults (rate limits, server errors) can be injected per route,
// and the gateway connection dropped or asked to reconnect.
package discordfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options configure a fake. The zero value is ready to use.
type Options struct {
	Token string // the bot token clients must send; default "Bot test-token"
	AppID string // default "100000000000000001"
	BotID string // the bot's user ID; default "100000000000000002"
	// Deadline is how long after its dispatch an interaction may get its
	// first response; default 3s, as on Discord.
	Deadline time.Duration
	// HeartbeatInterval is sent in HELLO; default 41.25s, as on Discord.
	HeartbeatInterval time.Duration
}

// Routes, as recorded in Request.Route and named in fault injection.
const (
	RouteGateway  = "gateway"  // GET /gateway, /gateway/bot
	RouteCommands = "commands" // PUT/GET application commands
	RouteCallback = "callback" // POST /interactions/{id}/{token}/callback
	RouteEdit     = "edit"     // PATCH /webhooks/{app}/{token}/messages/@original
	RouteFollowup = "followup" // POST /webhooks/{app}/{token}
	RouteMessage  = "message"  // POST /channels/{id}/messages
	RouteTyping   = "typing"   // POST /channels/{id}/typing
	RouteOther    = "other"
)

// Request is a REST request the fake received, and what it answered.
type Request struct {
	Time    time.Time
	Method  string
	Path    string
	Query   url.Values
	Header  http.Header
	Body    []byte
	Route   string
	Status  int    // the status the fake answered
	Token   string // the interaction token, for callback, edit and follow-up routes
	Channel string // the channel, for message and typing routes
	// Elapsed is the time since the interaction was dispatched, for
	// callback, edit and follow-up routes.
	Elapsed time.Duration
	// Files are the attachments of a multipart request; Body is then its
	// payload_json part.
	Files []File
}

// File is an attachment as the fake received it.
type File struct {
	Field       string // the form field: files[0], …
	Name        string
	ContentType string
	Data        []byte
}

// MaxAttachment is the largest file Discord takes from a bot in a server
// without boosts (https://discord.com/developers/docs/reference#uploading-files).
const MaxAttachment = 10 << 20

// maxFiles is the most files one message may carry.
const maxFiles = 10

// readMultipart reads a multipart/form-data body as Discord does: the
// message as JSON in payload_json, each file in a part of its own. It fails
// on a file over MaxAttachment, more than maxFiles files, or a message that
// shows an attachment:// it was not given.
func readMultipart(contentType string, body []byte) (payload []byte, files []File, status int, err error) {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["boundary"] == "" {
		return nil, nil, http.StatusBadRequest, fmt.Errorf("multipart body without a boundary: %q", contentType)
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, http.StatusBadRequest, fmt.Errorf("multipart body: %v", err)
		}
		data, err := io.ReadAll(io.LimitReader(part, MaxAttachment+1))
		if err != nil {
			return nil, nil, http.StatusBadRequest, fmt.Errorf("multipart part %q: %v", part.FormName(), err)
		}
		if part.FormName() == "payload_json" {
			payload = data
			continue
		}
		if len(data) > MaxAttachment {
			return nil, nil, http.StatusRequestEntityTooLarge, fmt.Errorf("file %q is over %d bytes", part.FileName(), MaxAttachment)
		}
		files = append(files, File{Field: part.FormName(), Name: part.FileName(), ContentType: part.Header.Get("Content-Type"), Data: data})
	}
	if payload == nil {
		return nil, nil, http.StatusBadRequest, fmt.Errorf("multipart body without payload_json")
	}
	if len(files) > maxFiles {
		return nil, nil, http.StatusBadRequest, fmt.Errorf("%d files, at most %d", len(files), maxFiles)
	}
	for _, m := range reAttachment.FindAllSubmatch(payload, -1) {
		found := false
		for _, f := range files {
			found = found || f.Name == string(m[1])
		}
		if !found {
			return nil, nil, http.StatusBadRequest, fmt.Errorf("message shows attachment://%s, which it does not attach", m[1])
		}
	}
	return payload, files, 0, nil
}

var reAttachment = regexp.MustCompile(`attachment://([^"\\]+)`)

// Callback is the decoded body of an interaction callback.
type Callback struct {
	Type int             `json:"type"`
	Data json.RawMessage `json:"data"`
}

// Server is a fake Discord. Create it with Start.
type Server struct {
	// URL is the fake's base URL, http://127.0.0.1:PORT.
	URL string
	// Token, AppID and BotID are the values in use (see Options).
	Token, AppID, BotID string

	opts Options
	srv  *httptest.Server
	tr   *http.Transport

	mu           sync.Mutex
	changed      chan struct{} // closed and replaced whenever state changes
	requests     []*Request
	interactions map[string]*interaction // by token
	commands     map[string][]json.RawMessage
	faults       []*fault
	nextID       int64
	closed       bool

	// The gateway.
	conns      map[*gwConn]bool // open connections
	current    *gwConn          // the connection of the live session
	connWG     sync.WaitGroup   // the connections' goroutines
	dispatchMu sync.Mutex       // keeps sequence numbers in the order sent
	seq        int64
	sessionID  string
	sessions   int // READY sent
	resumes    int // RESUMED sent
	identifies []Identify
	heartbeats int
}

type interaction struct {
	id, token  string
	dispatched time.Time
	viaHTTP    bool // answered by the HTTP response: no callback expected
	responded  bool
	respType   int
	flags      int
}

type fault struct {
	route      string
	status     int
	retryAfter time.Duration
}

// Start starts a fake Discord and closes it when the test ends. Close the
// clients first: t.Cleanup runs in reverse order, so clients started after
// the fake are closed before it.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Token == "" {
		opts.Token = "Bot test-token"
	}
	if opts.AppID == "" {
		opts.AppID = "100000000000000001"
	}
	if opts.BotID == "" {
		opts.BotID = "100000000000000002"
	}
	if opts.Deadline == 0 {
		opts.Deadline = 3 * time.Second
	}
	if opts.HeartbeatInterval == 0 {
		opts.HeartbeatInterval = 41250 * time.Millisecond
	}
	s := &Server{
		Token: opts.Token, AppID: opts.AppID, BotID: opts.BotID,
		opts:         opts,
		changed:      make(chan struct{}),
		interactions: make(map[string]*interaction),
		commands:     make(map[string][]json.RawMessage),
		nextID:       200000000000000000,
	}
	s.conns = make(map[*gwConn]bool)
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	s.tr = &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 16}
	t.Cleanup(s.Close)
	return s
}

// Close closes the gateway connections and the server.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	for c := range s.conns {
		_ = c.ws.Close()
	}
	s.mu.Unlock()
	s.connWG.Wait()
	s.tr.CloseIdleConnections()
	s.srv.Close()
}

// Client returns an HTTP client that sends every request to the fake, to
// use as a discordgo session's Client.
func (s *Server) Client() *http.Client {
	return &http.Client{Timeout: 5 * time.Second, Transport: RewriteTo(s.URL, s.tr)}
}

// RewriteTo returns a transport that sends each request to base's scheme
// and host, keeping its path and query, through next (the default
// transport when nil).
func RewriteTo(base string, next http.RoundTripper) http.RoundTripper {
	u, err := url.Parse(base)
	if err != nil {
		panic(fmt.Sprintf("discordfake: bad base URL %q: %v", base, err))
	}
	if next == nil {
		next = http.DefaultTransport
	}
	return roundTripper(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host, r.Host = u.Scheme, u.Host, u.Host
		return next.RoundTrip(r)
	})
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// RateLimitNext makes the next request on route answer 429 with
// retry_after, as Discord does.
func (s *Server) RateLimitNext(route string, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{route: route, status: http.StatusTooManyRequests, retryAfter: retryAfter})
}

// FailNext makes the next request on route fail with status (a 5xx).
func (s *Server) FailNext(route string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{route: route, status: status})
}

// Requests returns the requests received so far.
func (s *Server) Requests() []*Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Request(nil), s.requests...)
}

// Wait returns the first request that matches, waiting for it up to
// timeout.
func (s *Server) Wait(timeout time.Duration, match func(*Request) bool) (*Request, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		for _, r := range s.requests {
			if match(r) {
				s.mu.Unlock()
				return r, nil
			}
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			return nil, fmt.Errorf("discordfake: no matching request within %v", timeout)
		}
	}
}

// WaitAnswer waits for the message an interaction ends with: a successful
// type 4 callback, or a successful edit of the deferred response. It
// returns that request, and the message's JSON.
func (s *Server) WaitAnswer(in *Interaction, timeout time.Duration) (*Request, []byte, error) {
	r, err := s.Wait(timeout, func(r *Request) bool {
		if r.Token != in.Token || r.Status >= 300 {
			return false
		}
		switch r.Route {
		case RouteEdit:
			return true
		case RouteCallback:
			var cb Callback
			return json.Unmarshal(r.Body, &cb) == nil && cb.Type == 4
		}
		return false
	})
	if err != nil {
		return nil, nil, err
	}
	if r.Route == RouteEdit {
		return r, r.Body, nil
	}
	var cb Callback
	_ = json.Unmarshal(r.Body, &cb)
	return r, cb.Data, nil
}

// Commands returns the commands registered globally (guild "") or in a
// guild, as JSON.
func (s *Server) Commands(guild string) []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]json.RawMessage(nil), s.commands[guild]...)
}

// notify wakes the waiters; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// id returns a new snowflake-like ID; s.mu must be held.
func (s *Server) id() string {
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

// Path patterns of the REST routes, under /api/v9 (or any version).
// reEdit matches an edit of a webhook message; its third submatch is the
// message ("@original" for the interaction's answer).
var reEdit = regexp.MustCompile(`^/api/v\d+/webhooks/([^/]+)/([^/]+)/messages/([^/]+)$`)

// routes are the REST paths the fake serves, in the order they are tried
// (an edit's path would also match a followup's). token and channel are
// the submatches holding the interaction token and the channel ID, if any.
var routes = []struct {
	re             *regexp.Regexp
	route          string
	token, channel int
}{
	{regexp.MustCompile(`^/api/v\d+/gateway(/bot)?$`), RouteGateway, 0, 0},
	{regexp.MustCompile(`^/api/v\d+/interactions/([^/]+)/([^/]+)/callback$`), RouteCallback, 2, 0},
	{reEdit, RouteEdit, 2, 0},
	{regexp.MustCompile(`^/api/v\d+/webhooks/([^/]+)/([^/]+)$`), RouteFollowup, 2, 0},
	{regexp.MustCompile(`^/api/v\d+/channels/([^/]+)/messages$`), RouteMessage, 0, 1},
	{regexp.MustCompile(`^/api/v\d+/channels/([^/]+)/typing$`), RouteTyping, 0, 1},
	{regexp.MustCompile(`^/api/v\d+/applications/([^/]+)(?:/guilds/([^/]+))?/commands$`), RouteCommands, 0, 0},
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gw" || r.URL.Path == "/gw/" {
		s.serveGateway(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxFiles*MaxAttachment+1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req := &Request{Time: time.Now(), Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(),
		Header: r.Header.Clone(), Body: body, Route: RouteOther}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		payload, files, status, err := readMultipart(r.Header.Get("Content-Type"), body)
		if err != nil {
			apiError(w, status, 50035, err.Error())
			return
		}
		req.Body, req.Files = payload, files
	}
	var m []string
	for _, rt := range routes {
		if m = rt.re.FindStringSubmatch(r.URL.Path); m != nil {
			req.Route = rt.route
			if rt.token > 0 {
				req.Token = m[rt.token]
			}
			if rt.channel > 0 {
				req.Channel = m[rt.channel]
			}
			break
		}
	}
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	s.route(rec, r, req, m)
	s.mu.Lock()
	req.Status = rec.status
	s.requests = append(s.requests, req)
	s.notify()
	s.mu.Unlock()
}

// recorder remembers the status written.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, req *Request, m []string) {
	if s.fault(w, req.Route) {
		return
	}
	switch req.Route {
	case RouteGateway:
		if r.Method != http.MethodGet {
			apiError(w, http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
			return
		}
		if strings.HasSuffix(r.URL.Path, "/bot") && !s.authorised(w, r) {
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"url": "ws://" + r.Host + "/gw", "shards": 1,
			"session_start_limit": map[string]int{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
		})
	case RouteCommands:
		s.serveCommands(w, r, req, m[1], m[2])
	case RouteCallback:
		s.serveCallback(w, r, req, m[1], m[2])
	case RouteEdit, RouteFollowup:
		s.serveWebhook(w, r, req, m[1], m[2])
	case RouteMessage:
		if r.Method != http.MethodPost || !s.authorised(w, r) {
			if r.Method != http.MethodPost {
				apiError(w, http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
			}
			return
		}
		if err := ValidateMessage(req.Body, false); err != nil {
			invalid(w, err)
			return
		}
		s.writeMessage(w, req.Body, req.Channel)
	case RouteTyping:
		if !s.authorised(w, r) {
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		apiError(w, http.StatusNotFound, 0, "404: Not Found")
	}
}

// fault answers with the first injected fault for route, if any.
func (s *Server) fault(w http.ResponseWriter, route string) bool {
	s.mu.Lock()
	var f *fault
	for i, x := range s.faults {
		if x.route == route {
			f = x
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			break
		}
	}
	s.mu.Unlock()
	if f == nil {
		return false
	}
	if f.status == http.StatusTooManyRequests {
		secs := f.retryAfter.Seconds()
		w.Header().Set("Retry-After", strconv.FormatFloat(secs, 'f', -1, 64))
		w.Header().Set("X-RateLimit-Scope", "user")
		writeJSON(w, http.StatusTooManyRequests, map[string]any{
			"message": "You are being rate limited.", "retry_after": secs, "global": false})
		return true
	}
	apiError(w, f.status, 0, http.StatusText(f.status))
	return true
}

func (s *Server) authorised(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get("Authorization") != s.Token {
		apiError(w, http.StatusUnauthorized, 0, "401: Unauthorized")
		return false
	}
	return true
}

var reCommandName = regexp.MustCompile(`^[-_'\p{L}\p{N}]{1,32}$`)

func (s *Server) serveCommands(w http.ResponseWriter, r *http.Request, req *Request, app, guild string) {
	if !s.authorised(w, r) {
		return
	}
	if app != s.AppID {
		apiError(w, http.StatusForbidden, 50001, "Missing Access")
		return
	}
	switch r.Method {
	case http.MethodGet:
		s.mu.Lock()
		list := append([]json.RawMessage{}, s.commands[guild]...)
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, list)
	case http.MethodPut:
		var cmds []map[string]any
		if err := json.Unmarshal(req.Body, &cmds); err != nil {
			invalid(w, fmt.Errorf("commands: %v", err))
			return
		}
		if err := validateCommands(cmds); err != nil {
			invalid(w, err)
			return
		}
		s.mu.Lock()
		var out []json.RawMessage
		for _, c := range cmds {
			c["id"] = s.id()
			c["application_id"] = s.AppID
			c["version"] = s.id()
			if guild != "" {
				c["guild_id"] = guild
			}
			b, _ := json.Marshal(c)
			out = append(out, b)
		}
		s.commands[guild] = out // a bulk overwrite replaces the whole set
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, out)
	default:
		apiError(w, http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
	}
}

// validateCommands checks what Discord checks of command definitions.
func validateCommands(cmds []map[string]any) error {
	if len(cmds) > 100 {
		return fmt.Errorf("%d commands: at most 100", len(cmds))
	}
	seen := map[string]bool{}
	for _, c := range cmds {
		name, _ := c["name"].(string)
		desc, _ := c["description"].(string)
		if !reCommandName.MatchString(name) || strings.ToLower(name) != name {
			return fmt.Errorf("command name %q: 1-32 lower-case letters, digits, - or _", name)
		}
		if seen[name] {
			return fmt.Errorf("command %q defined twice", name)
		}
		seen[name] = true
		if n := len([]rune(desc)); n < 1 || n > 100 {
			return fmt.Errorf("command %q: description of %d characters, want 1-100", name, n)
		}
		opts, _ := c["options"].([]any)
		if len(opts) > 25 {
			return fmt.Errorf("command %q: %d options, at most 25", name, len(opts))
		}
		optional := false
		for _, o := range opts {
			o, _ := o.(map[string]any)
			on, _ := o["name"].(string)
			od, _ := o["description"].(string)
			if !reCommandName.MatchString(on) || strings.ToLower(on) != on {
				return fmt.Errorf("command %q: option name %q", name, on)
			}
			if n := len([]rune(od)); n < 1 || n > 100 {
				return fmt.Errorf("command %q option %q: description of %d characters, want 1-100", name, on, n)
			}
			req, _ := o["required"].(bool)
			if req && optional {
				return fmt.Errorf("command %q: required option %q after an optional one", name, on)
			}
			optional = optional || !req
		}
	}
	return nil
}

func (s *Server) serveCallback(w http.ResponseWriter, r *http.Request, req *Request, id, token string) {
	if r.Method != http.MethodPost {
		apiError(w, http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
		return
	}
	now := time.Now()
	s.mu.Lock()
	in := s.interactions[token]
	if in != nil {
		req.Elapsed = now.Sub(in.dispatched)
	}
	s.mu.Unlock()
	if in == nil || in.id != id || in.viaHTTP || now.Sub(in.dispatched) > s.opts.Deadline {
		apiError(w, http.StatusNotFound, 10062, "Unknown interaction")
		return
	}
	var cb struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(req.Body, &cb); err != nil {
		invalid(w, fmt.Errorf("callback: %v", err))
		return
	}
	switch cb.Type {
	case 4, 5:
	default:
		invalid(w, fmt.Errorf("callback type %d: a slash command takes 4 or 5", cb.Type))
		return
	}
	if len(cb.Data) == 0 || string(cb.Data) == "null" {
		invalid(w, fmt.Errorf("callback type %d without data: allowed_mentions missing", cb.Type))
		return
	}
	if err := ValidateMessage(cb.Data, true); err != nil {
		invalid(w, err)
		return
	}
	var flags struct {
		Flags int `json:"flags"`
	}
	_ = json.Unmarshal(cb.Data, &flags)
	s.mu.Lock()
	if in.responded {
		s.mu.Unlock()
		apiError(w, http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
		return
	}
	in.responded, in.respType, in.flags = true, cb.Type, flags.Flags
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) serveWebhook(w http.ResponseWriter, r *http.Request, req *Request, app, token string) {
	s.mu.Lock()
	in := s.interactions[token]
	if in != nil {
		req.Elapsed = time.Since(in.dispatched)
	}
	s.mu.Unlock()
	if app != s.AppID || in == nil {
		apiError(w, http.StatusNotFound, 10015, "Unknown Webhook")
		return
	}
	s.mu.Lock()
	acked := in.responded || in.viaHTTP
	s.mu.Unlock()
	if !acked {
		apiError(w, http.StatusNotFound, 10008, "Unknown Message")
		return
	}
	switch {
	case req.Route == RouteEdit && r.Method == http.MethodPatch:
		if m := reEdit.FindStringSubmatch(r.URL.Path); m[3] != "@original" {
			apiError(w, http.StatusNotFound, 10008, "Unknown Message")
			return
		}
	case req.Route == RouteFollowup && r.Method == http.MethodPost:
	default:
		apiError(w, http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
		return
	}
	if err := ValidateMessage(req.Body, req.Route == RouteFollowup); err != nil {
		invalid(w, err)
		return
	}
	s.writeMessage(w, req.Body, "")
}

// writeMessage answers with the message as Discord would echo it.
func (s *Server) writeMessage(w http.ResponseWriter, body []byte, channel string) {
	msg := map[string]any{}
	_ = json.Unmarshal(body, &msg)
	s.mu.Lock()
	msg["id"] = s.id()
	s.mu.Unlock()
	if channel == "" {
		channel = "300000000000000001"
	}
	msg["channel_id"] = channel
	msg["author"] = map[string]any{"id": s.BotID, "username": "racebot", "bot": true}
	msg["timestamp"] = time.Now().UTC().Format(time.RFC3339)
	delete(msg, "allowed_mentions")
	writeJSON(w, http.StatusOK, msg)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func apiError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"message": msg, "code": code})
}

// invalid answers 400 50035 Invalid Form Body, saying what was wrong.
func invalid(w http.ResponseWriter, err error) {
	writeJSON(w, http.StatusBadRequest, map[string]any{
		"message": "Invalid Form Body", "code": 50035,
		"errors": map[string]any{"_fake": map[string]any{"_errors": []map[string]string{
			{"code": "BASE_TYPE_INVALID", "message": err.Error()}}}},
	})
}

// sortedKeys returns a map's keys in order, for deterministic payloads.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
