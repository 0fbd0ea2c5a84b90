package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/racebot/racebot/bot"
)

// Interactions answers slash commands that Discord POSTs to the
// application's Interactions Endpoint URL. It is an http.Handler, mounted
// at POST /discord/interactions. Discord then sends no interactions over
// the gateway, so this mode needs no bot token and no websocket.
type Interactions struct {
	*core
	key ed25519.PublicKey

	gate bot.Gate
}

const (
	// maxInteractionBody caps a request's body: a slash command with a
	// 500-character question is a few kilobytes.
	maxInteractionBody = 64 << 10
	// maxSkew is how far a request's signed timestamp may be from now,
	// either way, before it is taken for a replay.
	maxSkew = 5 * time.Minute
)

// NewInteractions returns an HTTP interactions handler for the public key
// in cfg. Edits of deferred answers go to Discord's webhook endpoints with
// the application ID of each interaction, which need no bot token.
func NewInteractions(cfg Config, h Handler, opts Options) (*Interactions, error) {
	if cfg.PublicKey == "" {
		return nil, errors.New("discord: HTTP interactions mode needs the application's public key (DISCORD_PUBLIC_KEY)")
	}
	key, err := decodePublicKey(cfg.PublicKey)
	if err != nil {
		return nil, err
	}
	if err := validateConfig(cfg); err != nil {
		return nil, err
	}
	c, err := newCore(h, opts, "")
	if err != nil {
		return nil, err
	}
	return &Interactions{core: c, key: ed25519.PublicKey(key)}, nil
}

// ServeHTTP verifies a request's signature and answers it: a PING with a
// PONG, a slash command with the answer when it is ready within
// AnswerWait, or else with a deferral, editing the answer in later. A
// request with a missing, wrong or stale signature gets 401 and nothing
// else.
func (in *Interactions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	received := time.Now()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInteractionBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "could not read the request body", http.StatusBadRequest)
		return
	}
	if err := in.verify(r.Header, body); err != nil {
		in.log.Warn("refused a Discord interaction request", "err", err, "remote", r.RemoteAddr)
		// Counted like Slack's; Discord itself sends a few forged requests
		// when the endpoint URL is saved, to check that they are refused.
		in.onError("signature", err)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "the body is not an interaction", http.StatusBadRequest)
		return
	}
	switch i.Type {
	case discordgo.InteractionPing:
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	case discordgo.InteractionApplicationCommand:
	default:
		// racebot defines no components, modals or autocompletion.
		writeJSON(w, answerResponse(noticeReply("I only answer my slash commands. Try /help."), true))
		return
	}
	if !in.gate.Enter() {
		writeJSON(w, answerResponse(noticeReply("I am restarting. Please ask again in a moment."), true))
		return
	}
	handedOff := false
	defer func() {
		if !handedOff {
			in.gate.Leave()
		}
	}()
	resp, late := in.first(&i, received)
	if resp.Data != nil {
		// An HTTP response is JSON: no attachments, so no chart.
		resp.Data = withoutFiles(resp.Data)
	}
	writeJSON(w, resp)
	if late == nil {
		return
	}
	// The edit outlives the request; Shutdown waits for it.
	handedOff = true
	go func() {
		defer in.gate.Leave()
		defer func() {
			if p := recover(); p != nil {
				in.log.Error("panic while finishing a Discord interaction", append(interactionAttrs(&i), "panic", fmt.Sprint(p))...)
				in.onError("handle", fmt.Errorf("panic while finishing an interaction: %v", p))
			}
		}()
		in.finish(&i, late)
	}()
}

// Shutdown stops taking commands and waits until the deferred answers in
// flight are sent, or ctx is done.
func (in *Interactions) Shutdown(ctx context.Context) error {
	if err := in.gate.Close(ctx); err != nil {
		return fmt.Errorf("wait for discord answers in flight: %w", err)
	}
	return nil
}

// verify checks Discord's Ed25519 signature of timestamp+body, and that
// the timestamp is recent, so that a captured request cannot be replayed.
func (in *Interactions) verify(h http.Header, body []byte) error {
	sig, err := hex.DecodeString(h.Get("X-Signature-Ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return errors.New("missing or malformed X-Signature-Ed25519")
	}
	ts := h.Get("X-Signature-Timestamp")
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || secs < 0 || secs > math.MaxInt64/int64(time.Second) {
		return errors.New("missing or malformed X-Signature-Timestamp")
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	if !ed25519.Verify(in.key, msg, sig) {
		return errors.New("signature does not match DISCORD_PUBLIC_KEY")
	}
	if skew := in.now().Sub(time.Unix(secs, 0)); skew > maxSkew || skew < -maxSkew {
		return fmt.Errorf("timestamp is %v off this host's clock (more than %v): a replay, or a wrong clock", skew.Round(time.Second), maxSkew)
	}
	return nil
}

// writeJSON writes an interaction response as the HTTP response.
func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "could not encode the response", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}
