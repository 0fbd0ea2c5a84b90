// Package httpapi is racebot's HTTP API, GET /api/ask?q=: an answer as
// JSON, the same object as racebot ask --json prints, rate limited per
// client address like a chat user.
package httpapi

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"

	"github.com/racebot/racebot/bot"
)

// Handler answers GET /api/ask?q= with the same JSON as racebot ask
// --json: the answer, or for a question that gets a notice (rate limited,
// busy, failed, empty) an answer object with the notice as its message
// and the matching status (429 or 503 with Retry-After, 500).
type Handler struct {
	chat    bot.Handler
	trusted []netip.Prefix
}

// New returns a handler asking chat. Requests from trustedProxies are
// taken to come from the client their X-Forwarded-For names.
func New(chat bot.Handler, trustedProxies []netip.Prefix) *Handler {
	return &Handler{chat: chat, trusted: trustedProxies}
}

// ServeHTTP answers one question.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	// Each address is a user and a channel of its own: with one channel
	// for all, a few abusive clients would lock out every other.
	ip := h.ClientIP(r)
	reply := h.chat.Handle(r.Context(), bot.Request{Platform: "http", User: ip, Channel: "api:" + ip, Command: bot.CommandAsk, Text: q})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	switch {
	case reply.Kind == bot.ReplyAnswer:
		writeJSON(w, reply.Answer)
	case reply.Busy:
		w.Header().Set("Retry-After", strconv.Itoa(int(reply.RetryAfter.Seconds()+0.999)))
		w.WriteHeader(http.StatusServiceUnavailable)
		writeJSON(w, noAnswer(q, reply.Text))
	case reply.RetryAfter > 0:
		w.Header().Set("Retry-After", strconv.Itoa(int(reply.RetryAfter.Seconds()+0.999)))
		w.WriteHeader(http.StatusTooManyRequests)
		writeJSON(w, noAnswer(q, reply.Text))
	case reply.Failed:
		w.WriteHeader(http.StatusInternalServerError)
		writeJSON(w, noAnswer(q, reply.Text))
	default: // help for an empty question, a notice for an unusable one
		writeJSON(w, noAnswer(q, reply.Text))
	}
}

// noAnswer is the API's answer object for a question that got a notice.
func noAnswer(q, msg string) *bot.Answer {
	return &bot.Answer{Question: q, Passages: []bot.Passage{}, Figures: []bot.Figure{}, Message: msg}
}

// ClientIP returns the address a request comes from: its peer's, or, when
// the peer is a trusted proxy, the last address in X-Forwarded-For that is
// not one (proxies append, so the ones before it may be forged).
func (h *Handler) ClientIP(r *http.Request) string {
	return ClientIP(r, h.trusted)
}

// ClientIP is Handler.ClientIP for the given trusted proxies, for the other
// pages served beside the API, which limit clients by address the same way.
func ClientIP(r *http.Request, trusted []netip.Prefix) string {
	isTrusted := func(a netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(a.Unmap()) {
				return true
			}
		}
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !isTrusted(addr) {
		return host
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a malformed hop: believe nothing before it
		}
		if !isTrusted(a.Unmap()) {
			return a.Unmap().String()
		}
	}
	return host
}

// ParsePrefixes parses addresses ("10.0.0.1") and CIDR ranges
// ("10.0.0.0/8").
func ParsePrefixes(ss []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, v := range ss {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if p, err := netip.ParsePrefix(v); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(v)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an address nor a CIDR range", v)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// writeJSON writes v as one line of JSON, leaving <, > and & as they are
// (the API is not HTML).
func writeJSON(w http.ResponseWriter, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client went away: nothing to tell
}
