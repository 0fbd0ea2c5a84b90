package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// signatureWindow is how far a request's timestamp may be from now. Slack
// asks for five minutes; it stops an old request being replayed.
const signatureWindow = 5 * time.Minute

// Reasons a request's signature is refused.
var (
	errNoSignature    = errors.New("missing X-Slack-Signature or X-Slack-Request-Timestamp")
	errBadTimestamp   = errors.New("malformed X-Slack-Request-Timestamp")
	errStaleTimestamp = errors.New("request timestamp is more than five minutes from now")
	errBadSignature   = errors.New("signature does not match")
)

// signature computes Slack's v0 signature of a request body sent at
// timestamp: "v0=" and the hex HMAC-SHA256, keyed with the signing secret,
// of "v0:" + timestamp + ":" + body.
func signature(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + timestamp + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// verifySignature checks that a request comes from Slack: its
// X-Slack-Signature must be the signature of its body and
// X-Slack-Request-Timestamp, and the timestamp within five minutes of now.
func verifySignature(h http.Header, body []byte, secret string, now time.Time) error {
	sig, ts := h.Get("X-Slack-Signature"), h.Get("X-Slack-Request-Timestamp")
	if sig == "" || ts == "" {
		return errNoSignature
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || secs <= 0 {
		return errBadTimestamp
	}
	if d := now.Sub(time.Unix(secs, 0)); d > signatureWindow || d < -signatureWindow {
		return errStaleTimestamp
	}
	got, ok := strings.CutPrefix(sig, "v0=")
	gotMAC, err := hex.DecodeString(got)
	if !ok || err != nil || len(gotMAC) != sha256.Size {
		return errBadSignature
	}
	want, _ := hex.DecodeString(strings.TrimPrefix(signature(secret, ts, body), "v0="))
	if !hmac.Equal(gotMAC, want) {
		return errBadSignature
	}
	return nil
}
