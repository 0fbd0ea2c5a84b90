package bot

import (
	"regexp"
	"slices"
	"strings"
)

// A chat question often asks two things at once: "how many GPUs does
// DeepSeek have and what did V3 cost?". Its wording had told only what
// the first part wants (a count), so the figures block filled with counts
// from the passages about the second part and showed no cost. The
// question is still searched whole, but it asks for what each of its
// parts asks for.

// maxParts is the most parts a question is read as; what follows the
// last break stays in the last part.
const maxParts = 3

// partBreakRE finds where another question starts, its question word in
// group 1: after a question mark ("…? when did it launch"); or at "and",
// "also", "plus" or a semicolon followed by a question word ("… and what
// did V3 cost"), or by an auxiliary and a pronoun ("… and is it open
// source"). An auxiliary followed by anything else continues a verb
// phrase ("which companies build and have the most gpus").
var partBreakRE = regexp.MustCompile(`(?i)(?:\?+\s+|[;,]?\s+(?:and|also|plus)\s+(?:also\s+)?|;\s*)` +
	`((?:what|what's|whats|how|when|who|whom|whose|where|which|why)\b|` +
	`(?:is|are|was|were|did|does|do|can|could|will|would|has|have|had)\s+(?:it|its|they|he|she|there|this|that)\b)`)

// verbRE finds the auxiliary verb a question joined by "and" has of its
// own ("… and what did V3 cost", "… and how many are active"). Without
// one, "and" joins two things of one question: "caused by financial and
// what other reasons?", "Africa, Asia and which other?".
var verbRE = regexp.MustCompile(`(?i)\b(?:is|are|was|were|did|does|do|can|could|will|would|should|has|have|had|isn't|aren't|wasn't|didn't|doesn't|don't|can't|won't)\b|'s\b|'re\b|’s\b`)

// splitParts cuts text where another question starts, into at most
// maxParts pieces.
func splitParts(text string) []string {
	var raws []string
	rest := text
	for len(raws) < maxParts-1 {
		loc := nextBreak(rest)
		if loc == nil {
			break
		}
		raws = append(raws, rest[:loc[0]])
		rest = rest[loc[1]:]
	}
	return append(raws, rest)
}

// nextBreak returns where the separator before the next question of text
// starts and where that question does, or nil.
func nextBreak(text string) []int {
	for from := 0; from < len(text); {
		m := partBreakRE.FindStringSubmatchIndex(text[from:])
		if m == nil {
			return nil
		}
		sep, word := from+m[0], from+m[2]
		question := strings.HasPrefix(strings.TrimLeft(text[sep:], " \t,;"), "?")
		if question || strings.HasPrefix(text[sep:], ";") || verbRE.MatchString(untilBreak(text[word:])) {
			return []int{sep, word}
		}
		from += m[1]
	}
	return nil
}

// untilBreak returns text up to the next question mark or semicolon: the
// question a break starts.
func untilBreak(text string) string {
	if i := strings.IndexAny(text, "?;"); i >= 0 {
		return text[:i]
	}
	return text
}

// pronouns are the words by which a part of a question refers to what an
// earlier part names.
var pronouns = map[string]bool{"it": true, "its": true, "it's": true, "they": true, "them": true, "their": true, "he": true, "his": true, "she": true, "her": true}

// refersBack reports whether a part of a question refers with a pronoun
// to what an earlier part names ("… and when did it come online").
func refersBack(part string) bool {
	return slices.ContainsFunc(wordsOf(part), func(w string) bool { return pronouns[w] })
}

// withAsked returns q also asking for what other asks: its kinds of
// figure, and its kind of name when q asks for none. Whether q asks about
// the future stays q's own: one part that does ("… and when will it
// open") must not hide the past dates another part asks for.
func withAsked(q, other Question) Question {
	for _, k := range other.Want {
		if !slices.Contains(q.Want, k) {
			q.Want = append(slices.Clip(q.Want), k)
		}
	}
	if q.Class == 0 && q.Head == "" {
		q.Class, q.Head = other.Class, other.Head
	}
	return q
}

// askedByParts returns q, the question text as a whole, also asking for
// the kinds of answer each of its parts asks for.
func askedByParts(text string, q Question) Question {
	raws := splitParts(text)
	if len(raws) == 1 {
		return q
	}
	var parts []Question
	for _, raw := range raws {
		part := Parse(raw)
		q = withAsked(q, part)
		parts = append(parts, part)
	}
	q.Parts = parts
	return q
}
