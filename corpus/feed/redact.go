package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
)

// Redact returns a feed URL fit for logs, status pages, metrics and the
// state file: userinfo removed and the value of every query parameter
// replaced by "REDACTED", names kept. A private feed's credential may be
// in any parameter ("?s=…", "?u=…"), and no list of names catches them
// all. A string that does not parse is replaced whole, since there is no
// telling where a secret in it would be.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	if u.User == nil && u.RawQuery == "" && u.Fragment == "" {
		return raw
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			u.RawQuery = "REDACTED"
		} else {
			for _, vals := range q {
				for i := range vals {
					if vals[i] != "" {
						vals[i] = "REDACTED"
					}
				}
			}
			u.RawQuery = q.Encode()
		}
	}
	return u.String()
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
	for _, vals := range u.Query() {
		for _, v := range vals {
			// A value of a character or two ("?page=2") would blank
			// out unrelated text; one that short is no credential.
			if len(v) > 2 {
				s = strings.ReplaceAll(s, v, "REDACTED")
				s = strings.ReplaceAll(s, url.QueryEscape(v), "REDACTED")
			}
		}
	}
	return s
}
