package slack

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// maxBody caps a request body. Slack's own are a few kilobytes; an event
// carries the message that triggered it, which is at most 40,000
// characters.
const maxBody = 1 << 20

// HTTP serves Slack over HTTP: slash commands, the Events API and button
// clicks are posted to racebot's server, and every request must carry a
// valid signature made with the app's signing secret.
type HTTP struct {
	c      *core
	secret string
}

// NewHTTP returns an HTTP-mode adapter answering with h. It needs
// cfg.SigningSecret. cfg.BotToken is optional: it is needed only to answer
// mentions, since slash commands and buttons are answered through the
// response_url that comes with them.
func NewHTTP(cfg Config, h Handler, opts Options) (*HTTP, error) {
	if cfg.SigningSecret == "" {
		return nil, errors.New("slack HTTP mode needs the app's signing secret (SLACK_SIGNING_SECRET)")
	}
	c, err := newCore(cfg, h, opts)
	if err != nil {
		return nil, err
	}
	return &HTTP{c: c, secret: cfg.SigningSecret}, nil
}

// Commands is the handler for slash commands, to be mounted at
// POST /slack/commands.
func (h *HTTP) Commands() http.Handler { return http.HandlerFunc(h.commands) }

// Events is the handler for the Events API, to be mounted at
// POST /slack/events: it answers Slack's URL verification and mentions of
// the bot.
func (h *HTTP) Events() http.Handler { return http.HandlerFunc(h.events) }

// Interactive is the handler for button clicks, to be mounted at
// POST /slack/interactive.
func (h *HTTP) Interactive() http.Handler { return http.HandlerFunc(h.interactive) }

// Shutdown stops taking new work and waits for the answers still being
// delivered in the background, until ctx is done. Call it after the HTTP
// server has stopped taking requests.
func (h *HTTP) Shutdown(ctx context.Context) error { return h.c.shutdown(ctx) }

// verified reads a request's body and checks its signature. On failure it
// has written the response, 401 for a bad signature, and returns false.
func (h *HTTP) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return nil, false
		}
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return nil, false
	}
	if err := verifySignature(r.Header, body, h.secret, h.c.now()); err != nil {
		h.c.log.Warn("refused a request not signed by Slack", "path", r.URL.Path, "reason", err, "remote", r.RemoteAddr)
		h.c.report("signature", err)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

func (h *HTTP) commands(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verified(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	if form.Get("ssl_check") == "1" {
		// Slack checking the server's certificate, not a command: it only
		// wants a 200.
		w.WriteHeader(http.StatusOK)
		return
	}
	cmd := slack.SlashCommand{
		TeamID:      form.Get("team_id"),
		ChannelID:   form.Get("channel_id"),
		UserID:      form.Get("user_id"),
		UserName:    form.Get("user_name"),
		Command:     form.Get("command"),
		Text:        form.Get("text"),
		ResponseURL: form.Get("response_url"),
	}
	c := h.c
	req := slashRequest(cmd)
	pending := c.ask(req)
	reply, ready := c.awaitAck(pending)
	var m message
	if ready {
		m = c.message(reply, &req, true)
		if p := ackPayload(m); p != nil {
			writeJSON(w, p)
			return
		}
	}
	// Acknowledge now, with an empty body so that Slack shows nothing, and
	// deliver the answer through the response_url.
	if !c.goSafe("slash_command", func(ctx context.Context) {
		if !ready {
			m = c.message(pending.Reply(ctx), &req, true)
		}
		_ = c.respond(ctx, cmd.ResponseURL, m, slack.ResponseTypeEphemeral, false)
	}) {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (h *HTTP) events(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verified(w, r)
	if !ok {
		return
	}
	e, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// An event slack-go cannot parse still gets a 200: otherwise Slack
		// retries it, and in the end turns the subscription off.
		h.c.log.Debug("ignoring an event", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	switch e.Type {
	case slackevents.URLVerification:
		v, ok := e.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			http.Error(w, "malformed url_verification", http.StatusBadRequest)
			return
		}
		writeJSON(w, map[string]string{"challenge": v.Challenge})
	case slackevents.CallbackEvent:
		retry, _ := strconv.Atoi(r.Header.Get("X-Slack-Retry-Num"))
		h.c.event(e, retry)
		w.WriteHeader(http.StatusOK)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

func (h *HTTP) interactive(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verified(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("payload") == "" {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		http.Error(w, "malformed interaction payload", http.StatusBadRequest)
		return
	}
	if !h.c.goSafe("interactive", func(ctx context.Context) { h.c.interaction(ctx, cb) }) {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}
