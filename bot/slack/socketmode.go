package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// SocketMode serves Slack over Socket Mode: racebot opens a websocket to
// Slack, so it needs no public URL. It needs a bot token and an app-level
// token with the connections:write scope.
type SocketMode struct {
	c *core
}

// NewSocketMode returns a Socket Mode adapter answering with h. It needs
// cfg.BotToken and cfg.AppToken, and makes no network call until Run.
func NewSocketMode(cfg Config, h Handler, opts Options) (*SocketMode, error) {
	if cfg.BotToken == "" || cfg.AppToken == "" {
		return nil, errors.New("slack socket mode needs a bot token (SLACK_BOT_TOKEN, xoxb-) and an app-level token (SLACK_APP_TOKEN, xapp-)")
	}
	if strings.HasPrefix(cfg.BotToken, "xapp-") || strings.HasPrefix(cfg.AppToken, "xoxb-") {
		return nil, errors.New("slack socket mode: SLACK_BOT_TOKEN and SLACK_APP_TOKEN look swapped: the bot token starts with xoxb-, the app-level token with xapp-")
	}
	c, err := newCore(cfg, h, opts, slack.OptionAppLevelToken(cfg.AppToken))
	if err != nil {
		return nil, err
	}
	return &SocketMode{c: c}, nil
}

// Run connects to Slack and serves until ctx is done, reconnecting when
// the connection drops or Slack asks for a new one. Once ctx is done it
// lets answers in flight finish, for up to Options.Grace, and returns nil.
// It returns an error when Slack refuses the tokens or the connection
// fails for good; it may then be called again.
func (s *SocketMode) Run(ctx context.Context) error {
	c := s.c
	// Learn the bot's user ID now, and find out now rather than at the
	// first mention if the bot token is wrong.
	c.authMu.Lock()
	_, err := c.authTest(ctx)
	if err != nil {
		c.authLast = c.now()
	}
	c.authMu.Unlock()
	if err != nil && authError(err) {
		return fmt.Errorf("slack socket mode: the bot token was refused: %w", err)
	}

	sm := socketmode.New(c.api, socketmode.OptionLog(debugLogger{c.log}))
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- sm.RunContext(runCtx) }()
	for {
		select {
		case evt := <-sm.Events:
			s.dispatch(sm, evt)
		case err := <-done:
			if ctx.Err() == nil {
				// The connection failed, not the caller: answers in
				// flight go out over the Web API and response_urls, so
				// they carry on, and Run may be called again.
				c.fail("socket_mode", err)
				return fmt.Errorf("slack socket mode: %w", err)
			}
			graceCtx, cancelGrace := context.WithTimeout(context.Background(), c.grace)
			defer cancelGrace()
			if werr := c.shutdown(graceCtx); werr != nil {
				c.log.Warn("stopped with answers in flight", "err", werr)
			}
			c.log.Info("disconnected from Slack")
			return nil
		}
	}
}

// dispatch handles one event from the Socket Mode client. It must not
// block: the client waits for each event to be taken. Requests from Slack
// are acknowledged here, except slash commands, whose acknowledgement may
// carry the answer.
func (s *SocketMode) dispatch(sm *socketmode.Client, evt socketmode.Event) {
	c := s.c
	defer c.recoverPanic("socket_mode_event")
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		c.log.Debug("connecting to Slack")
	case socketmode.EventTypeConnected:
		if e, ok := evt.Data.(*socketmode.ConnectedEvent); ok {
			c.log.Info("connected to Slack over Socket Mode", "connection", e.ConnectionCount)
		}
	case socketmode.EventTypeHello:
		c.log.Debug("Slack said hello")
	case socketmode.EventTypeConnectionError:
		if e, ok := evt.Data.(*slack.ConnectionErrorEvent); ok {
			c.fail("socket_connect", e.ErrorObj, "attempt", e.Attempt, "backoff", e.Backoff)
		}
	case socketmode.EventTypeInvalidAuth:
		c.fail("socket_connect", errors.New("slack refused the app-level token"))
	case socketmode.EventTypeIncomingError:
		if e, ok := evt.Data.(*slack.IncomingEventError); ok {
			c.fail("socket_read", e.ErrorObj)
		}
	case socketmode.EventTypeErrorBadMessage:
		if e, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			c.fail("socket_message", e.Cause)
		}
	case socketmode.EventTypeErrorWriteFailed:
		if e, ok := evt.Data.(*socketmode.ErrorWriteFailed); ok {
			c.fail("socket_write", e.Cause)
		}
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok || evt.Request == nil {
			s.ack(sm, evt.Request, nil)
			return
		}
		req := *evt.Request
		if !c.goSafe("slash_command", func(ctx context.Context) { s.slash(ctx, sm, req, cmd) }) {
			s.ack(sm, &req, nil)
		}
	case socketmode.EventTypeEventsAPI:
		s.ack(sm, evt.Request, nil)
		if e, ok := evt.Data.(slackevents.EventsAPIEvent); ok {
			retry := 0
			if evt.Request != nil {
				retry = evt.Request.RetryAttempt
			}
			c.event(e, retry)
		}
	case socketmode.EventTypeInteractive:
		s.ack(sm, evt.Request, nil)
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			c.goSafe("interactive", func(ctx context.Context) { c.interaction(ctx, cb) })
		}
	default:
		// Acknowledge what racebot does not handle, so that Slack does not
		// deliver it again.
		s.ack(sm, evt.Request, nil)
	}
}

// slash answers a slash command: in the acknowledgement when the answer is
// ready within AckWait and small enough, otherwise through the command's
// response_url after an empty acknowledgement.
func (s *SocketMode) slash(ctx context.Context, sm *socketmode.Client, req socketmode.Request, cmd slack.SlashCommand) {
	c := s.c
	ask := slashRequest(cmd)
	pending := c.ask(ask)
	r, ready := c.awaitAck(pending)
	var m message
	if ready {
		m = c.message(r, &ask, true)
		if p := ackPayload(m); p != nil && s.ack(sm, &req, p) == nil {
			return
		}
	}
	s.ack(sm, &req, nil)
	if !ready {
		m = c.message(pending.Reply(ctx), &ask, true)
	}
	_ = c.respond(ctx, cmd.ResponseURL, m, slack.ResponseTypeEphemeral, false)
}

// ack acknowledges a Socket Mode request, with an optional payload.
func (s *SocketMode) ack(sm *socketmode.Client, req *socketmode.Request, payload any) error {
	if req == nil || req.EnvelopeID == "" {
		return nil
	}
	// The client queues acknowledgements; do not wait forever if it has
	// stopped sending them.
	ctx, cancel := context.WithTimeout(s.c.life, 2*time.Second)
	defer cancel()
	var err error
	if payload == nil {
		err = sm.AckCtx(ctx, req.EnvelopeID, nil)
	} else {
		err = sm.AckCtx(ctx, req.EnvelopeID, payload)
	}
	if err != nil {
		s.c.fail("ack", err, "envelope_id", req.EnvelopeID)
	}
	return err
}
