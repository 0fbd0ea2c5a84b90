package discordfake

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"unicode/utf8"
)

// Discord's limits on a message, in characters (code points), from
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits.
// They are written out here, not taken from the code under test, so that
// the fake checks independently.
const (
	MaxContent     = 2000
	MaxEmbeds      = 10
	MaxEmbedsTotal = 6000
	MaxTitle       = 256
	MaxDescription = 4096
	MaxFields      = 25
	MaxFieldName   = 256
	MaxFieldValue  = 1024
	MaxFooter      = 2048
	MaxAuthor      = 256
)

// Message flags a bot may set on a message.
const (
	flagSuppressEmbeds        = 1 << 2
	flagEphemeral             = 1 << 6
	flagSuppressNotifications = 1 << 12
)

type wireEmbed struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
	Footer *struct {
		Text string `json:"text"`
	} `json:"footer"`
	Author *struct {
		Name string `json:"name"`
	} `json:"author"`
}

type wireMessage struct {
	Content         string      `json:"content"`
	Embeds          []wireEmbed `json:"embeds"`
	Flags           int         `json:"flags"`
	AllowedMentions *struct {
		Parse       *[]string `json:"parse"`
		Users       []string  `json:"users"`
		Roles       []string  `json:"roles"`
		RepliedUser bool      `json:"replied_user"`
	} `json:"allowed_mentions"`
}

// ValidateMessage checks a message body (a message, an edit, or an
// interaction response's data) as Discord would, and more strictly:
//
//   - content of at most 2000 characters; at most 10 embeds; each embed's
//     title, description, fields, field names and values, footer and
//     author within their limits, and 6000 characters across all embeds;
//     no field with an empty name or value;
//   - allowed_mentions present, with parse an empty list, no users or
//     roles, and replied_user false: nothing may ping;
//   - no flags but suppress-embeds, suppress-notifications and, where
//     ephemeral is allowed (interaction responses and follow-ups),
//     ephemeral.
func ValidateMessage(body []byte, ephemeral bool) error {
	var m wireMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return fmt.Errorf("message body: %v", err)
	}
	var errs []error
	if n := utf8.RuneCountInString(m.Content); n > MaxContent {
		errs = append(errs, fmt.Errorf("content: %d characters, at most %d", n, MaxContent))
	}
	if len(m.Embeds) > MaxEmbeds {
		errs = append(errs, fmt.Errorf("%d embeds, at most %d", len(m.Embeds), MaxEmbeds))
	}
	total := 0
	for i, e := range m.Embeds {
		check := func(what, s string, max int) {
			n := utf8.RuneCountInString(s)
			total += n
			if n > max {
				errs = append(errs, fmt.Errorf("embed %d %s: %d characters, at most %d", i, what, n, max))
			}
		}
		check("title", e.Title, MaxTitle)
		check("description", e.Description, MaxDescription)
		if len(e.Fields) > MaxFields {
			errs = append(errs, fmt.Errorf("embed %d: %d fields, at most %d", i, len(e.Fields), MaxFields))
		}
		for j, f := range e.Fields {
			check(fmt.Sprintf("field %d name", j), f.Name, MaxFieldName)
			check(fmt.Sprintf("field %d value", j), f.Value, MaxFieldValue)
			if f.Name == "" || f.Value == "" {
				errs = append(errs, fmt.Errorf("embed %d field %d: empty name or value", i, j))
			}
		}
		if e.Footer != nil {
			check("footer", e.Footer.Text, MaxFooter)
		}
		if e.Author != nil {
			check("author", e.Author.Name, MaxAuthor)
		}
	}
	if total > MaxEmbedsTotal {
		errs = append(errs, fmt.Errorf("embeds: %d characters in all, at most %d", total, MaxEmbedsTotal))
	}
	switch am := m.AllowedMentions; {
	case am == nil:
		errs = append(errs, errors.New("allowed_mentions missing: Discord's defaults let the message ping"))
	case am.Parse == nil:
		errs = append(errs, errors.New(`allowed_mentions.parse is null: it must be [] so that nothing pings`))
	case len(*am.Parse) > 0 || len(am.Users) > 0 || len(am.Roles) > 0 || am.RepliedUser:
		errs = append(errs, fmt.Errorf("allowed_mentions lets the message ping: parse %v, users %v, roles %v, replied_user %v",
			*am.Parse, am.Users, am.Roles, am.RepliedUser))
	}
	allowed := flagSuppressEmbeds | flagSuppressNotifications
	if ephemeral {
		allowed |= flagEphemeral
	}
	if m.Flags&^allowed != 0 {
		errs = append(errs, fmt.Errorf("flags %d: only %d allowed here", m.Flags, allowed))
	}
	return errors.Join(errs...)
}

// rePing matches what Discord turns into a ping or a channel link:
// @everyone, @here, <@id>, <@!id>, <@&id> and <#id>.
var rePing = regexp.MustCompile(`@everyone|@here|<@[!&]?\d+>|<#\d+>`)

// Pings returns what in a JSON body could ping or link if Discord parsed
// it: every string in the body is searched, after JSON decoding, so that
// an escaped \u003c still counts as <.
func Pings(body []byte) []string {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return FindPings(string(body))
	}
	var out []string
	for _, s := range Strings(v) {
		out = append(out, FindPings(s)...)
	}
	return out
}

// FindPings returns the pingable tokens in s. A <…> token after an odd
// number of backslashes is escaped markdown, shown as text, and does not
// count; @everyone and @here count however they are preceded.
func FindPings(s string) []string {
	var out []string
	for _, m := range rePing.FindAllStringIndex(s, -1) {
		if s[m[0]] == '<' {
			slashes := 0
			for i := m[0] - 1; i >= 0 && s[i] == '\\'; i-- {
				slashes++
			}
			if slashes%2 == 1 {
				continue
			}
		}
		out = append(out, s[m[0]:m[1]])
	}
	return out
}

// Strings returns every string in a decoded JSON value, keys included.
func Strings(v any) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, k := range sortedKeys(x) {
				out = append(out, k)
				walk(x[k])
			}
		}
	}
	walk(v)
	return out
}
