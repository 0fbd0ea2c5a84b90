package slackfake

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Slack's limits, as the fake enforces them.
const (
	MaxBlocks         = 50    // blocks in a message
	MaxSectionText    = 3000  // characters in a section's text
	MaxFields         = 10    // fields in a section
	MaxFieldText      = 2000  // characters in a field
	MaxContextElems   = 10    // elements in a context block
	MaxContextText    = 3000  // characters in a context element
	MaxBlockID        = 255   // characters in a block_id
	MaxActionElements = 25    // elements in an actions block
	MaxButtonText     = 75    // characters in a button's label
	MaxButtonValue    = 2000  // characters in a button's value
	MaxActionID       = 255   // characters in an action_id
	MaxHeaderText     = 150   // characters in a header
	MaxImageURL       = 3000  // characters in an image block's image_url
	MaxImageAlt       = 2000  // characters in an image block's alt_text
	MaxText           = 40000 // characters in a message's top-level text
	// MaxBlocksText stands for the total at which users report that Slack
	// refuses a message with msg_blocks_too_long (about 13,000
	// characters); the fake refuses a little earlier.
	MaxBlocksText = 12000
)

// ValidationError is why Slack would refuse a message.
type ValidationError struct {
	Code   string // the Slack error code: invalid_blocks, msg_too_long, …
	Reason string // what is wrong, for the test's log
}

func (e *ValidationError) Error() string { return e.Code + ": " + e.Reason }

func invalid(format string, args ...any) *ValidationError {
	return &ValidationError{Code: "invalid_blocks", Reason: fmt.Sprintf(format, args...)}
}

// allowedToken is the one angle-bracket token a message may hold: a link to
// an http or https URL, optionally labelled.
var allowedToken = regexp.MustCompile(`^<https?://[^<>|\s]+(\|[^<>]*)?>`)

// Pingable returns the first token in s that Slack would turn into a
// mention, a channel link or a link racebot did not mean (<!channel>,
// <!here>, <!everyone>, <@U…>, <#C…>, <!subteam^…>, <!date…>, a mailto: or
// slack:// link), or "" when there is none. An angle bracket can only
// start a token unescaped, so every < must begin an http(s) link.
func Pingable(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		if m := allowedToken.FindString(s[i:]); m != "" {
			i += len(m) - 1
			continue
		}
		end := min(len(s), i+40)
		if j := strings.IndexByte(s[i:end], '>'); j >= 0 {
			end = i + j + 1
		}
		return s[i:end]
	}
	return ""
}

// ValidateMessage checks a message as Slack would: the top-level text and
// the blocks (JSON, as sent). It reports a limit broken, a missing
// fallback text, invalid UTF-8, or any token that could ping.
func ValidateMessage(text string, blocks []byte) *ValidationError {
	if !utf8.ValidString(text) || !utf8.Valid(blocks) {
		return invalid("invalid UTF-8")
	}
	if n := utf8.RuneCountInString(text); n > MaxText {
		return &ValidationError{Code: "msg_too_long", Reason: fmt.Sprintf("text of %d characters", n)}
	}
	if p := Pingable(text); p != "" {
		return invalid("text holds the pingable token %q", p)
	}
	if len(blocks) == 0 || string(blocks) == "null" {
		if strings.TrimSpace(text) == "" {
			return &ValidationError{Code: "no_text", Reason: "neither text nor blocks"}
		}
		return nil
	}
	var bs []map[string]any
	if err := json.Unmarshal(blocks, &bs); err != nil {
		return &ValidationError{Code: "invalid_blocks_format", Reason: err.Error()}
	}
	if len(bs) > 0 && strings.TrimSpace(text) == "" {
		return &ValidationError{Code: "missing_text", Reason: "blocks without a top-level fallback text"}
	}
	if len(bs) > MaxBlocks {
		return invalid("%d blocks, more than %d", len(bs), MaxBlocks)
	}
	total := 0
	for i, b := range bs {
		if err := validateBlock(b, &total); err != nil {
			err.Reason = fmt.Sprintf("block %d: %s", i, err.Reason)
			return err
		}
	}
	if total > MaxBlocksText {
		return &ValidationError{Code: "msg_blocks_too_long", Reason: fmt.Sprintf("%d characters of text in blocks, more than %d", total, MaxBlocksText)}
	}
	var pingErr *ValidationError
	walkStrings(bs, func(s string) {
		if p := Pingable(s); p != "" && pingErr == nil {
			pingErr = invalid("a block holds the pingable token %q", p)
		}
	})
	return pingErr
}

func validateBlock(b map[string]any, total *int) *ValidationError {
	if id, _ := b["block_id"].(string); utf8.RuneCountInString(id) > MaxBlockID {
		return invalid("block_id of %d characters", utf8.RuneCountInString(id))
	}
	switch b["type"] {
	case "section":
		text, hasText, err := textObject(b["text"], MaxSectionText, total)
		if err != nil {
			return err
		}
		fields, _ := b["fields"].([]any)
		if len(fields) > MaxFields {
			return invalid("%d fields, more than %d", len(fields), MaxFields)
		}
		for _, f := range fields {
			if _, _, err := textObject(f, MaxFieldText, total); err != nil {
				return err
			}
		}
		if (!hasText || text == "") && len(fields) == 0 {
			return invalid("a section with neither text nor fields")
		}
	case "context":
		elems, _ := b["elements"].([]any)
		if len(elems) == 0 || len(elems) > MaxContextElems {
			return invalid("a context block of %d elements", len(elems))
		}
		for _, e := range elems {
			if _, _, err := textObject(e, MaxContextText, total); err != nil {
				return err
			}
		}
	case "actions":
		elems, _ := b["elements"].([]any)
		if len(elems) == 0 || len(elems) > MaxActionElements {
			return invalid("an actions block of %d elements", len(elems))
		}
		for _, e := range elems {
			m, _ := e.(map[string]any)
			if m["type"] != "button" {
				continue
			}
			if _, _, err := textObject(m["text"], MaxButtonText, total); err != nil {
				return err
			}
			if v, _ := m["value"].(string); utf8.RuneCountInString(v) > MaxButtonValue {
				return invalid("a button value of %d characters", utf8.RuneCountInString(v))
			}
			if id, _ := m["action_id"].(string); utf8.RuneCountInString(id) > MaxActionID {
				return invalid("an action_id of %d characters", utf8.RuneCountInString(id))
			}
		}
	case "header":
		if _, _, err := textObject(b["text"], MaxHeaderText, total); err != nil {
			return err
		}
	case "divider":
	case "image":
		// Slack fetches the image itself: an http(s) address, and a text
		// alternative for those who cannot see it.
		u, _ := b["image_url"].(string)
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") || utf8.RuneCountInString(u) > MaxImageURL {
			return invalid("an image block with image_url %.80q", u)
		}
		alt, _ := b["alt_text"].(string)
		if alt == "" || utf8.RuneCountInString(alt) > MaxImageAlt {
			return invalid("an image block with an alt_text of %d characters", utf8.RuneCountInString(alt))
		}
		if _, _, err := textObject(b["title"], MaxImageAlt, total); err != nil {
			return err
		}
	default:
		return invalid("unknown block type %v", b["type"])
	}
	return nil
}

// textObject checks a text object against a limit and adds its length to
// total.
func textObject(v any, limit int, total *int) (string, bool, *ValidationError) {
	if v == nil {
		return "", false, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return "", false, invalid("a text object that is not an object")
	}
	typ, _ := m["type"].(string)
	if typ != "mrkdwn" && typ != "plain_text" {
		return "", false, invalid("a text object of type %q", typ)
	}
	if _, ok := m["emoji"]; ok && typ == "mrkdwn" {
		return "", false, invalid("emoji set on a mrkdwn text object")
	}
	s, _ := m["text"].(string)
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return "", false, invalid("an empty text object")
	}
	if n > limit {
		return "", false, invalid("a %s text of %d characters, more than %d", typ, n, limit)
	}
	*total += n
	return s, true, nil
}

// walkStrings calls f on every string in a decoded JSON value.
func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			walkStrings(e, f)
		}
	case []map[string]any:
		for _, e := range v {
			walkStrings(e, f)
		}
	case map[string]any:
		for _, e := range v {
			walkStrings(e, f)
		}
	}
}

// PingableIn returns the first pingable token in any string of a JSON
// document, or "" when there is none or the document is not JSON.
func PingableIn(doc []byte) string {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return ""
	}
	found := ""
	walkStrings(v, func(s string) {
		if found == "" {
			found = Pingable(s)
		}
	})
	return found
}
