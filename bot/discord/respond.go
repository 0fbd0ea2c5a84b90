package discord

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/racebot/racebot/bot"
)

// requestOf translates a slash command interaction into a racebot request,
// and says whether the user asked for a private answer. ok is false for an
// interaction that is not a slash command.
func requestOf(i *discordgo.Interaction) (req bot.Request, private, ok bool) {
	if i.Type != discordgo.InteractionApplicationCommand {
		return req, false, false
	}
	data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok {
		return req, false, false
	}
	req = bot.Request{Platform: platform, Channel: i.ChannelID, Command: bot.Command(data.Name)}
	switch {
	case i.Member != nil && i.Member.User != nil:
		req.User = i.Member.User.ID
	case i.User != nil:
		req.User = i.User.ID
	}
	for _, o := range data.Options {
		if o == nil {
			continue
		}
		switch o.Name {
		case optQuestion, optTopic, optQuery:
			req.Text, _ = o.Value.(string)
		case optPrivate:
			private, _ = o.Value.(bool)
		}
	}
	return req, private, true
}

// interactionAttrs are the log attributes of an interaction: never its
// token, which lets anyone answer in the bot's name for 15 minutes.
func interactionAttrs(i *discordgo.Interaction) []any {
	attrs := []any{"interaction", i.ID, "guild", i.GuildID, "channel", i.ChannelID}
	if i.Type == discordgo.InteractionApplicationCommand {
		if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
			attrs = append(attrs, "command", d.Name)
		}
	}
	return attrs
}

// first decides the first response to an interaction received at
// received: the answer itself if it is ready within AnswerWait, or else a
// deferral, with late the answer still to come.
func (c *core) first(i *discordgo.Interaction, received time.Time) (resp *discordgo.InteractionResponse, late *bot.Pending) {
	req, private, ok := requestOf(i)
	if !ok {
		return answerResponse(noticeReply("I only answer my slash commands. Try /help."), true), nil
	}
	pending := c.start(req)
	// Count from when the event arrived, not from now, so that a slow
	// start still leaves time to defer within Discord's deadline.
	if r, ok := pending.Wait(c.wait - time.Since(received)); ok {
		return answerResponse(r, private), nil
	}
	d := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	if private {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: d}, pending
}

// answerResponse is a type 4 response with the rendered reply.
func answerResponse(r bot.Reply, private bool) *discordgo.InteractionResponse {
	d := Render(r)
	if private {
		d.Flags |= discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d}
}

// finish waits for a deferred answer and edits it into the deferred
// response. If Discord refuses the answer, it edits in an apology, so the
// user is not left looking at "thinking…".
func (c *core) finish(i *discordgo.Interaction, late *bot.Pending) {
	r := late.Reply(context.Background())
	err := c.edit(i, Render(r))
	if err == nil {
		return
	}
	c.report("edit", err, interactionAttrs(i)...)
	if gone(err) {
		return
	}
	if err := c.edit(i, Render(bot.Reply{Kind: bot.ReplyNotice, Failed: true, Text: bot.Apology})); err != nil {
		c.report("edit", err, interactionAttrs(i)...)
	}
}

// respond sends the first response to an interaction through the REST
// API, before Discord's deadline for it. discordgo would sleep through a
// rate limit whatever the deadline, so rate limits are handled here.
func (c *core) respond(i *discordgo.Interaction, resp *discordgo.InteractionResponse, deadline time.Time) error {
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	s := c.rest.get()
	err := retry(ctx, func(ctx context.Context) error {
		if resp.Data != nil {
			rewind(resp.Data.Files)
		}
		return s.InteractionRespond(i, resp, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	})
	return redact(err, i.Token)
}

// edit replaces the original response to an interaction.
func (c *core) edit(i *discordgo.Interaction, d *discordgo.InteractionResponseData) error {
	ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
	defer cancel()
	embeds := d.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{} // clears any embeds rather than sending null
	}
	edit := &discordgo.WebhookEdit{Content: &d.Content, Embeds: &embeds, AllowedMentions: noMentions()}
	endpoint := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
	s := c.rest.get()
	err := retry(ctx, func(ctx context.Context) error {
		// The endpoint is its own rate-limit bucket: discordgo's default
		// for webhook edits is one bucket for all of them, which would
		// send every answer in the process one after another.
		if len(d.Files) == 0 {
			_, err := s.RequestWithBucketID(http.MethodPatch, endpoint, edit, endpoint, discordgo.WithContext(ctx))
			return err
		}
		rewind(d.Files)
		contentType, body, err := discordgo.MultipartBodyWithJSON(edit, d.Files)
		if err != nil {
			return err
		}
		_, err = s.RequestRaw(http.MethodPatch, endpoint, contentType, body, endpoint, 0, discordgo.WithContext(ctx))
		return err
	})
	return redact(err, i.Token)
}

// retry calls f until it succeeds, up to three times, while it fails in a
// way that may pass: a server error, a network error, or a rate limit that
// ends before ctx does. discordgo itself retries 502s and, where allowed,
// rate limits.
func retry(ctx context.Context, f func(ctx context.Context) error) error {
	backoff := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := f(ctx)
		if err == nil || attempt == 3 || ctx.Err() != nil {
			return err
		}
		wait, ok := retryAfter(err, backoff)
		if !ok {
			return err
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		backoff *= 3
	}
}

// retryAfter says whether a failed request may succeed if sent again, and
// after how long.
func retryAfter(err error, backoff time.Duration) (time.Duration, bool) {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		return rl.RetryAfter, true
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) {
		return backoff, re.Response != nil && re.Response.StatusCode >= 500
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return 0, false
	}
	var ne net.Error
	return backoff, errors.As(err, &ne)
}

// gone reports whether err says the interaction can no longer be answered:
// its token expired or was never valid.
func gone(err error) bool {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return false
	}
	return re.Response.StatusCode == http.StatusNotFound || re.Response.StatusCode == http.StatusUnauthorized
}

// redact removes a secret from an error's message: discordgo's network and
// rate-limit errors quote the URL, and interaction URLs hold the
// interaction's token. The error still unwraps to the original.
func redact(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), secret, "[token]"), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// restPool hands out the session that sends interaction responses and
// edits. discordgo keeps a rate-limit bucket for every URL it calls, for
// ever, and these URLs hold a new interaction token each time; so the
// session is replaced after a while, and the old one, with its buckets,
// becomes garbage once its last request is done.
type restPool struct {
	token  string
	client *http.Client

	mu   sync.Mutex
	s    *discordgo.Session
	uses int
}

// restRecycle is how many interactions one REST session serves.
const restRecycle = 4096

func (p *restPool) get() *discordgo.Session {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.s == nil || p.uses >= restRecycle {
		p.s = newSession(p.token, p.client)
		p.uses = 0
	}
	p.uses++
	return p.s
}

// newSession returns a discordgo session for REST calls. token may be
// empty: interaction and webhook endpoints need none.
func newSession(token string, client *http.Client) *discordgo.Session {
	s, _ := discordgo.New(token) // New never fails
	s.Client = client
	s.StateEnabled = false
	return s
}

// noticeReply is a short notice for the user.
func noticeReply(text string) bot.Reply {
	return bot.Reply{Kind: bot.ReplyNotice, Text: text}
}
