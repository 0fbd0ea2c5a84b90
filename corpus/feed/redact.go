package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
)

// secretParams are query parameter names, or parts of names, whose values
// are credentials in private feed URLs (…/feed?token=…).
var secretParams = []string{"token", "key", "secret", "pass", "auth", "sig", "session"}

// Redact returns a feed URL fit for logs, status pages and the state file:
// userinfo removed and the values of credential-like query parameters
// replaced by "REDACTED". A string that does not parse is replaced whole,
// since there is no telling where a secret in it would be.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	if u.User == nil && u.RawQuery == "" {
		return raw
	}
	u.User = nil
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			u.RawQuery = "REDACTED"
		} else {
			changed := false
			for name, vals := range q {
				if secretName(name) {
					for i := range vals {
						vals[i] = "REDACTED"
					}
					changed = true
				}
			}
			if changed {
				u.RawQuery = q.Encode()
			}
		}
	}
	return u.String()
}

func secretName(name string) bool {
	name = strings.ToLower(name)
	for _, s := range secretParams {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// stateKey names a feed in the state file. It is the redacted URL, so the
// file holds no credentials, plus a short hash of the full URL when
// redaction changed it, so two private feeds differing only in their
// tokens keep separate state.
func stateKey(raw string) string {
	r := Redact(raw)
	if r == raw {
		return r
	}
	h := sha256.Sum256([]byte(raw))
	return r + "#" + hex.EncodeToString(h[:4])
}

// errText renders err for logs and status without the credentials that
// net/http's errors can carry (it masks the password of a URL's userinfo
// but not the user name, nor query tokens).
func errText(err error, raw string) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = Redact(ue.URL)
	}
	s := err.Error()
	u, perr := url.Parse(raw)
	if perr != nil {
		return s
	}
	if u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			s = strings.ReplaceAll(s, p, "REDACTED")
		}
		if n := u.User.Username(); n != "" {
			for _, form := range []string{n + ":REDACTED@", n + ":***@", n + "@"} {
				s = strings.ReplaceAll(s, form, "")
			}
		}
	}
	for name, vals := range u.Query() {
		if !secretName(name) {
			continue
		}
		for _, v := range vals {
			if v != "" {
				s = strings.ReplaceAll(s, v, "REDACTED")
				s = strings.ReplaceAll(s, url.QueryEscape(v), "REDACTED")
			}
		}
	}
	return s
}
