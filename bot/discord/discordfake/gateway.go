package discordfake

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Identify is what a client sent in an IDENTIFY (op 2).
type Identify struct {
	Token   string  `json:"token"`
	Intents int     `json:"intents"`
	Shard   *[2]int `json:"shard"`
}

// privilegedIntents are the intents that need approval in the Developer
// Portal; Discord closes the connection with 4014 when they are asked for
// without it.
const privilegedIntents = 1<<1 | 1<<8 | 1<<15

// gwConn is one gateway websocket connection.
type gwConn struct {
	ws *websocket.Conn
	mu sync.Mutex // serialises writes
}

func (c *gwConn) write(v any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(v)
}

func (c *gwConn) close(code int, text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	_ = c.ws.Close()
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveGateway runs one gateway connection: HELLO, then IDENTIFY or
// RESUME, heartbeats acknowledged, and dispatches written by Dispatch.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = ws.Close()
		return
	}
	s.conns[c] = true
	s.connWG.Add(1)
	s.mu.Unlock()
	defer func() {
		_ = ws.Close()
		s.mu.Lock()
		delete(s.conns, c)
		if s.current == c {
			s.current = nil
		}
		s.notify()
		s.mu.Unlock()
		s.connWG.Done()
	}()

	if err := c.write(map[string]any{"op": 10, "d": map[string]any{
		"heartbeat_interval": s.opts.HeartbeatInterval.Milliseconds()}}); err != nil {
		return
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if json.Unmarshal(msg, &p) != nil {
			c.close(4002, "Error while decoding payload.")
			return
		}
		switch p.Op {
		case 1:
			s.mu.Lock()
			s.heartbeats++
			s.mu.Unlock()
			if c.write(map[string]any{"op": 11}) != nil {
				return
			}
		case 2:
			if !s.identify(c, p.D) {
				return
			}
		case 6:
			if !s.resume(c, p.D) {
				return
			}
		}
	}
}

// identify starts a new session on c, and says whether c is still open.
func (s *Server) identify(c *gwConn, d json.RawMessage) bool {
	var id Identify
	_ = json.Unmarshal(d, &id)
	s.mu.Lock()
	s.identifies = append(s.identifies, id)
	s.mu.Unlock()
	switch {
	case id.Token != s.Token:
		c.close(4004, "Authentication failed.")
		return false
	case id.Intents&privilegedIntents != 0:
		c.close(4014, "Disallowed intent(s).")
		return false
	case id.Shard != nil && (id.Shard[1] < 1 || id.Shard[0] < 0 || id.Shard[0] >= id.Shard[1]):
		c.close(4010, "Invalid shard.")
		return false
	}
	s.mu.Lock()
	s.sessions++
	s.sessionID = fmt.Sprintf("fake-session-%d", s.sessions)
	ready := map[string]any{
		"v": 9, "session_id": s.sessionID,
		"user":        map[string]any{"id": s.BotID, "username": "racebot", "discriminator": "0", "bot": true},
		"application": map[string]any{"id": s.AppID, "flags": 0},
		"guilds":      []any{}, "private_channels": []any{},
	}
	if id.Shard != nil {
		ready["shard"] = id.Shard
	}
	s.current = c
	s.mu.Unlock()
	s.dispatchMu.Lock()
	s.mu.Lock()
	s.seq = 1 // a new session numbers its events from 1
	s.mu.Unlock()
	err := c.write(map[string]any{"op": 0, "s": 1, "t": "READY", "d": ready})
	s.dispatchMu.Unlock()
	s.mu.Lock()
	s.notify()
	s.mu.Unlock()
	return err == nil
}

// resume resumes the session on c, or asks the client to identify anew.
func (s *Server) resume(c *gwConn, d json.RawMessage) bool {
	var rs struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	_ = json.Unmarshal(d, &rs)
	if rs.Token != s.Token {
		c.close(4004, "Authentication failed.")
		return false
	}
	s.mu.Lock()
	ok := rs.SessionID == s.sessionID && s.sessionID != ""
	s.mu.Unlock()
	if !ok {
		return c.write(map[string]any{"op": 9, "d": false}) == nil
	}
	s.mu.Lock()
	s.current = c
	s.resumes++
	s.mu.Unlock()
	err := s.dispatchTo(c, "RESUMED", map[string]any{})
	s.mu.Lock()
	s.notify()
	s.mu.Unlock()
	return err == nil
}

// Sessions returns how many sessions were started (READY sent) and
// resumed (RESUMED sent).
func (s *Server) Sessions() (started, resumed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions, s.resumes
}

// Identifies returns the IDENTIFY payloads received.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Identify(nil), s.identifies...)
}

// Heartbeats returns how many heartbeats the fake acknowledged.
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heartbeats
}

// WaitSessions waits until n sessions in all were started or resumed.
func (s *Server) WaitSessions(n int, timeout time.Duration) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		got := s.sessions + s.resumes
		live := s.current != nil
		changed := s.changed
		s.mu.Unlock()
		if got >= n && live {
			return nil
		}
		select {
		case <-changed:
		case <-deadline.C:
			return fmt.Errorf("discordfake: %d gateway sessions started or resumed within %v, want %d", got, timeout, n)
		}
	}
}

// live waits for a connection with a live session.
func (s *Server) live(timeout time.Duration) (*gwConn, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		c, changed := s.current, s.changed
		s.mu.Unlock()
		if c != nil {
			return c, nil
		}
		select {
		case <-changed:
		case <-deadline.C:
			return nil, fmt.Errorf("discordfake: no gateway session within %v", timeout)
		}
	}
}

// Dispatch sends an event (op 0) with the next sequence number to the
// live session, waiting up to 5s for one.
func (s *Server) Dispatch(event string, d any) error {
	c, err := s.live(5 * time.Second)
	if err != nil {
		return err
	}
	return s.dispatchTo(c, event, d)
}

func (s *Server) dispatchTo(c *gwConn, event string, d any) error {
	s.dispatchMu.Lock()
	defer s.dispatchMu.Unlock()
	s.mu.Lock()
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	return c.write(map[string]any{"op": 0, "s": seq, "t": event, "d": d})
}

// Drop cuts the live session's connection without a close frame, as a
// network failure would. The client should reconnect and resume.
func (s *Server) Drop() error {
	s.mu.Lock()
	c := s.current
	s.current = nil
	s.mu.Unlock()
	if c == nil {
		return errors.New("discordfake: no gateway connection to drop")
	}
	return c.ws.UnderlyingConn().Close()
}

// Reconnect asks the live session's client to reconnect (op 7), as Discord
// does before it moves a session.
func (s *Server) Reconnect() error {
	c, err := s.live(time.Second)
	if err != nil {
		return err
	}
	return c.write(map[string]any{"op": 7, "d": nil})
}

// Interaction is an interaction the fake dispatched or prepared.
type Interaction struct {
	ID, Token  string
	Dispatched time.Time
	// Payload is the interaction's JSON, as dispatched or to POST.
	Payload []byte
}

// Command describes a slash command being used.
type Command struct {
	Name    string
	Options map[string]any // string, bool or number values
	// Who and where; defaults: user 400000000000000001 "alice", channel
	// 300000000000000001, guild 500000000000000001.
	UserID, Username, ChannelID, GuildID string
	DM                                   bool // in a direct message: user instead of member, no guild
}

// SlashCommand dispatches an INTERACTION_CREATE for cmd over the gateway.
// The interaction's three seconds start now.
func (s *Server) SlashCommand(cmd Command) (*Interaction, error) {
	in := s.newInteraction(cmd, false)
	if err := s.Dispatch("INTERACTION_CREATE", json.RawMessage(in.Payload)); err != nil {
		return nil, err
	}
	return in, nil
}

// HTTPInteraction prepares an interaction for HTTP interactions mode: the
// test POSTs its Payload to the handler, whose HTTP response is the first
// response, so no callback is expected; edits of @original are.
func (s *Server) HTTPInteraction(cmd Command) *Interaction {
	return s.newInteraction(cmd, true)
}

func (s *Server) newInteraction(cmd Command, viaHTTP bool) *Interaction {
	s.mu.Lock()
	id := s.id()
	cmdID := s.id()
	s.mu.Unlock()
	// Real tokens are long and opaque; a long one also shows up if it
	// leaks into a log.
	token := "aW50ZXJhY3Rpb246" + id + ":" + strings.Repeat("Tk9-", 40)
	if cmd.UserID == "" {
		cmd.UserID = "400000000000000001"
	}
	if cmd.Username == "" {
		cmd.Username = "alice"
	}
	if cmd.ChannelID == "" {
		cmd.ChannelID = "300000000000000001"
	}
	if cmd.GuildID == "" {
		cmd.GuildID = "500000000000000001"
	}
	var opts []map[string]any
	for _, k := range sortedKeys(cmd.Options) {
		v := cmd.Options[k]
		typ := 3
		switch v.(type) {
		case bool:
			typ = 5
		case int, int64:
			typ = 4
		case float64:
			typ = 10
		}
		opts = append(opts, map[string]any{"name": k, "type": typ, "value": v})
	}
	sort.Slice(opts, func(i, j int) bool { return opts[i]["name"].(string) < opts[j]["name"].(string) })
	user := map[string]any{"id": cmd.UserID, "username": cmd.Username, "discriminator": "0", "global_name": cmd.Username}
	p := map[string]any{
		"id": id, "application_id": s.AppID, "type": 2, "token": token, "version": 1,
		"channel_id": cmd.ChannelID, "locale": "en-US",
		"data": map[string]any{"id": cmdID, "name": cmd.Name, "type": 1, "options": opts},
	}
	if cmd.DM {
		p["user"], p["context"] = user, 1
	} else {
		p["guild_id"], p["context"] = cmd.GuildID, 0
		p["member"] = map[string]any{"user": user, "roles": []any{}, "permissions": "0"}
	}
	payload, _ := json.Marshal(p)
	in := &Interaction{ID: id, Token: token, Payload: payload, Dispatched: time.Now()}
	s.mu.Lock()
	s.interactions[token] = &interaction{id: id, token: token, dispatched: in.Dispatched, viaHTTP: viaHTTP}
	s.mu.Unlock()
	return in
}

// Message describes a message posted in a channel.
type Message struct {
	Content string
	// The author; defaults: 400000000000000001 "alice", not a bot.
	AuthorID, AuthorName string
	Bot                  bool
	// Where; defaults: channel 300000000000000001, guild
	// 500000000000000001.
	ChannelID, GuildID string
	DM                 bool
	Mentions           []string // IDs of the users mentioned
}

// MessageCreate dispatches a MESSAGE_CREATE and returns the message's ID.
func (s *Server) MessageCreate(m Message) (string, error) {
	s.mu.Lock()
	id := s.id()
	s.mu.Unlock()
	if m.AuthorID == "" {
		m.AuthorID = "400000000000000001"
	}
	if m.AuthorName == "" {
		m.AuthorName = "alice"
	}
	if m.ChannelID == "" {
		m.ChannelID = "300000000000000001"
	}
	if m.GuildID == "" && !m.DM {
		m.GuildID = "500000000000000001"
	}
	mentions := []any{}
	for _, u := range m.Mentions {
		mu := map[string]any{"id": u, "username": "user" + u}
		if u == s.BotID {
			mu = map[string]any{"id": u, "username": "racebot", "bot": true}
		}
		mentions = append(mentions, mu)
	}
	d := map[string]any{
		"id": id, "channel_id": m.ChannelID, "type": 0, "content": m.Content, "tts": false,
		"author":    map[string]any{"id": m.AuthorID, "username": m.AuthorName, "bot": m.Bot},
		"timestamp": time.Now().UTC().Format(time.RFC3339), "mentions": mentions,
		"mention_roles": []any{}, "mention_everyone": false, "attachments": []any{}, "embeds": []any{},
	}
	if !m.DM {
		d["guild_id"] = m.GuildID
	}
	return id, s.Dispatch("MESSAGE_CREATE", d)
}
