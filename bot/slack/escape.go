package slack

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slack-go/slack/slackutilsx"
)

// formatReplacer swaps mrkdwn's formatting characters for look-alikes.
// Slack has no backslash escape, and quoted text that holds a * or _ could
// otherwise close the bold racebot puts around a figure, or open bold or
// italics of its own across the rest of a passage.
var formatReplacer = strings.NewReplacer(
	"*", "∗", // U+2217 ASTERISK OPERATOR
	"_", "ˍ", // U+02CD MODIFIER LETTER LOW MACRON
	"~", "∼", // U+223C TILDE OPERATOR
	"`", "ˋ", // U+02CB MODIFIER LETTER GRAVE ACCENT
)

// slackUnescaper undoes the escaping Slack applies to what a user types
// (&, <, > become &amp;, &lt;, &gt;), in one pass, so "&amp;lt;" is "&lt;"
// as typed.
var slackUnescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// unescapeText returns a user's text as typed. Slack's own tokens
// (<@U…>, <https://…|…>) arrive unescaped and are left to the question
// parser, which strips them; a typed "<!channel>" becomes text again, which
// the renderers escape like any other.
func unescapeText(s string) string { return slackUnescaper.Replace(s) }

// escapeText makes corpus or user text safe inside a mrkdwn string: it
// escapes Slack's three control characters (&, <, >), so that no mention
// (<!channel>, <@U…>, <!subteam^…>), channel or link token can form, and
// neutralises the formatting characters. Invalid UTF-8 becomes U+FFFD, so
// that Slack never rejects the payload for its encoding.
func escapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return formatReplacer.Replace(slackutilsx.EscapeMessage(s))
}

// escapedLen is how many characters r takes once escaped by escapeText.
func escapedLen(r rune) int {
	switch r {
	case '&':
		return len("&amp;")
	case '<', '>':
		return len("&lt;")
	}
	return 1
}

// fitsEscaped reports whether escapeText(s) takes at most limit characters.
// It reads no more of s than it must, so that a check on a megabyte of text
// costs no more than one on a section's worth.
func fitsEscaped(s string, limit int) bool {
	if len(s) > 4*(limit+1) {
		return false // more than limit characters, each at most 4 bytes
	}
	n := 0
	for _, r := range s {
		if n += escapedLen(r); n > limit {
			return false
		}
	}
	return true
}

// clip returns at most the first n bytes of s, cut at a character
// boundary, and whether it cut.
func clip(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}

// count is the length of s in characters, the unit of Slack's limits.
func count(s string) int { return utf8.RuneCountInString(s) }

// cutToFit returns the longest prefix of s whose escaped form takes at most
// room characters, ending at a word boundary when the prefix holds one, so
// that a cut never splits a word or a number.
func cutToFit(s string, room int) string {
	n, end, space := 0, 0, -1
	for i, r := range s {
		w := escapedLen(r)
		if n+w > room {
			break
		}
		n += w
		if unicode.IsSpace(r) {
			space = i
		}
		end = i + utf8.RuneLen(r)
	}
	if end == len(s) {
		return s
	}
	if space > 0 && !unicode.IsSpace(rune(s[end])) {
		end = space
	}
	return strings.TrimRightFunc(s[:end], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:–—-", r)
	})
}

// escapeCut escapes s to at most limit characters, cutting it at a word
// boundary and ending it with "…" when it is too long.
func escapeCut(s string, limit int) string {
	if limit <= 0 {
		return ""
	}
	// Only the first limit characters can show: read no further than they
	// can reach, plus one, to tell whether there is more.
	s, _ = clip(s, 4*(limit+1))
	s = strings.ToValidUTF8(s, "\uFFFD")
	if fitsEscaped(s, limit) {
		return escapeText(s)
	}
	return escapeText(cutToFit(s, limit-1)) + "…"
}

// oneLine collapses runs of white space, line breaks included, to single
// spaces, for text that must stay on one line (bold cannot span lines).
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// bold escapes s to at most limit characters in all and sets it in bold.
// White space at either end is dropped, since Slack does not bold "* x*".
func bold(s string, limit int) string {
	s = oneLine(s)
	if s == "" || limit < 3 {
		return escapeCut(s, limit)
	}
	return "*" + escapeCut(s, limit-2) + "*"
}

// maxURL is the longest URL made into a link; a longer one would eat the
// message's budget, and no real article URL is that long.
const maxURL = 1000

// link formats a link to rawURL labelled label, as <url|label>. Only
// absolute http and https URLs become links, so that a corpus cannot slip in
// a slack:// or javascript: link. The URL is percent-encoded where it holds
// a character that could end the token or start another (< > | " and white
// space) and its & escaped as Slack asks; the label is escaped like any
// text, and a | in it, which Slack could read as a separator, becomes a
// look-alike. Without a usable URL, the label alone is returned.
func link(rawURL, label string, limit int) string {
	u, err := url.Parse(rawURL)
	ok := err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		len(rawURL) <= maxURL && utf8.ValidString(rawURL)
	if !ok {
		return escapeCut(oneLine(label), limit)
	}
	// The scheme as url.Parse read it, in lower case: a link is only
	// ever <http://…> or <https://…>, never <HTTP://…>, which a reader of
	// the message (Slack, or a check of what racebot sends) might not take
	// for a link.
	rawURL = u.Scheme + rawURL[len(u.Scheme):]
	var b strings.Builder
	for i := 0; i < len(rawURL); i++ {
		c := rawURL[i]
		switch {
		case c == '&':
			b.WriteString("&amp;")
		case c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '|' || c == '"':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	target := b.String()
	label = strings.ReplaceAll(oneLine(label), "|", "∣")
	if label == "" {
		label = u.Host
	}
	room := limit - count(target) - len("<|>")
	if room < 10 {
		return escapeCut(label, limit)
	}
	return "<" + target + "|" + escapeCut(label, room) + ">"
}
