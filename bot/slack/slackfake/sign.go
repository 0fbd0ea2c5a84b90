package slackfake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SigningSecret is the fake app's signing secret, for HTTP mode.
const SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// Sign computes Slack's signature of a request body sent at timestamp:
// "v0=" and the hex HMAC-SHA256, keyed with the signing secret, of
// "v0:" + timestamp + ":" + body.
func Sign(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + timestamp + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// SignedRequest builds a POST of body to url, signed with secret at time
// at, as Slack sends it; contentType is the body's type
// ("application/x-www-form-urlencoded" or "application/json").
func SignedRequest(url, secret string, at time.Time, contentType string, body []byte) (*http.Request, error) {
	r, err := http.NewRequest(http.MethodPost, url, strings.NewReader(string(body)))
	if err != nil {
		return nil, err
	}
	ts := strconv.FormatInt(at.Unix(), 10)
	r.Header.Set("Content-Type", contentType)
	r.Header.Set("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
	r.Header.Set("X-Slack-Request-Timestamp", ts)
	r.Header.Set("X-Slack-Signature", Sign(secret, ts, body))
	return r, nil
}
