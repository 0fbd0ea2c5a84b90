package bot

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/racebot/racebot/index/lexicon"
)

// A chat question often asks two things at once: "how many GPUs does
// DeepSeek have and what did V3 cost?". Searched as one, it finds the
// passages of one part, and its figures block fills with the other
// part's kind of number from passages about the first. So racebot splits
// such a question into parts, answers each, and shows the answers
// together.

// maxParts is the most parts a question is split into; what follows the
// last break stays in the last part. Each part is a search of its own.
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

// restWords are words a part may hold beside its question words and still
// ask nothing of its own: "and when", "where else", "to how much".
var restWords = map[string]bool{
	"and": true, "or": true, "also": true, "plus": true, "else": true, "then": true, "too": true,
	"to": true, "of": true, "in": true, "on": true, "for": true, "by": true, "at": true, "so": true,
	"the": true, "a": true, "an": true, "exactly": true, "about": true, "again": true, "now": true,
}

// pronounRE finds a word that refers back to something an earlier part
// named: "… and how much did it cost".
var pronounRE = regexp.MustCompile(`(?i)\b(?:it|its|it's|they|them|their|he|him|his|she|her|this|that|these|those)\b`)

// part is one of the questions a chat message asks.
type part struct {
	q Question
	// context is the words of the part next to it, for a part that refers
	// to them or may lack a subject of its own; refers says it refers
	// back with a pronoun, and is always searched with them.
	context string
	refers  bool
}

// questionParts reads text as the questions it asks. A part that only
// asks ("who started deepseek and when?") adds the kinds of answer it asks
// for to the part before it rather than standing alone. Most questions
// have one part.
func questionParts(text string) []part {
	raws := splitParts(text)
	var parts []part
	for _, raw := range raws {
		q := Parse(raw)
		if len(parts) > 0 && asksOnly(q.Search) {
			parts[len(parts)-1].q = withAsked(parts[len(parts)-1].q, q)
			continue
		}
		p := part{q: q}
		if len(parts) > 0 {
			p.refers = pronounRE.MatchString(raw)
			if prev := parts[len(parts)-1]; p.refers || !namesOwn(raw) {
				p.context = prev.q.Search
				if prev.refers {
					p.context += " " + prev.context
				}
			}
		}
		parts = append(parts, p)
	}
	if len(parts) > 1 && asksOnly(parts[0].q.Search) {
		// "how many and how much does deepseek spend": the first part
		// asks, the second names.
		parts[1].q = withAsked(parts[1].q, parts[0].q)
		parts[1].context, parts[1].refers = "", false
		parts = parts[1:]
	}
	if len(raws) == 1 {
		return []part{{q: parts[0].q}}
	}
	if len(parts) == 1 {
		// One part named everything, the others only asked: keep the
		// question whole, with every kind of answer asked for.
		whole, q := Parse(text), parts[0].q
		whole.Want, whole.Class, whole.Head, whole.Asks, whole.Future = q.Want, q.Class, q.Head, q.Asks, q.Future
		return []part{{q: whole}}
	}
	if !namesOwn(parts[0].q.Raw) {
		parts[0].context = parts[1].q.Search // "how many h800s and how many a100s does deepseek have"
	}
	return parts
}

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
		from = from + m[1]
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

// namesOwn reports whether a part names something as chat writes a name:
// a word with a digit ("v3", "2025"), a capital letter after the first
// word ("what did Meta spend"), or a word no dictionary holds ("nvidia",
// "openai"; WordNet's). A part that does not ("when does the first phase
// come online") may lack a subject of its own, so it is also searched
// with the words of the part next to it, and answered that way when that
// answers better.
func namesOwn(raw string) bool {
	for i, w := range strings.Fields(raw) {
		if strings.ContainsAny(w, "0123456789") || i > 0 && strings.ToLower(w) != w {
			return true
		}
		w = strings.ToLower(strings.Trim(w, ".,;:!?'’\"()"))
		if len(w) >= 3 && !questionWords[w] && !restWords[w] && strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) < 0 && lexicon.Base(w) == nil {
			return true
		}
	}
	return false
}

// asksOnly reports whether search words hold nothing but question and
// function words: the part asks ("and when?", "where else") but names
// nothing to search for.
func asksOnly(search string) bool {
	for _, w := range strings.Fields(search) {
		if w = strings.Trim(w, ".,'’"); w != "" && !restWords[w] && !questionWords[w] {
			return false
		}
	}
	return true
}

// withAsked returns q also asking for what other asks: its kinds of
// figure, and its kind of name when q asks for none.
func withAsked(q, other Question) Question {
	for _, k := range other.Want {
		if !slices.Contains(q.Want, k) {
			q.Want = append(slices.Clip(q.Want), k)
		}
	}
	if q.Class == 0 && q.Head == "" {
		q.Class, q.Head = other.Class, other.Head
	}
	if q.Asks == "" {
		q.Asks = other.Asks
	}
	q.Future = q.Future || other.Future
	return q
}

// answerParts answers each part of a question on its own, all at once. A
// part that refers back is searched with the words it refers to; one that
// may lack a subject of its own, alone first and with the words of the
// part next to it when that is answered better.
func (e *Engine) answerParts(ctx context.Context, question string, parts []part, filter Filter) ([]*Answer, error) {
	subs := make([]*Answer, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Go(func() { subs[i], errs[i] = e.answerQuestionPart(ctx, question, p, filter) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return subs, nil
}

// answerQuestionPart answers one part of a question.
func (e *Engine) answerQuestionPart(ctx context.Context, question string, p part, filter Filter) (*Answer, error) {
	q := p.q
	if p.refers {
		q.Search += " " + p.context
	}
	sub, err := e.answerOne(ctx, question, q, filter)
	if err != nil || p.refers || p.context == "" || sub.Confident {
		return sub, err
	}
	q.Search += " " + p.context
	with, err := e.answerOne(ctx, question, q, filter)
	if err != nil {
		return nil, err
	}
	if outcome(with) > outcome(sub) {
		return with, nil
	}
	return sub, nil
}

// answerOne answers one question into a new Answer.
func (e *Engine) answerOne(ctx context.Context, question string, q Question, filter Filter) (*Answer, error) {
	a := &Answer{Question: question, Passages: []Passage{}, Figures: []Figure{}}
	if err := e.answerPart(ctx, a, q, filter); err != nil {
		return nil, err
	}
	return a, nil
}

// outcome ranks an answer: declined, the closest passages, confident.
func outcome(a *Answer) int {
	switch {
	case a.Confident:
		return 2
	case a.Answered:
		return 1
	}
	return 0
}

// merge adds to a, the answer to a question as a whole, the answers to
// its parts: after the whole's best passage, each part's best in turn,
// then each part's next, up to maxPassages; the parts' figures the same
// way, up to maxFigures, and their disagreements. The answer stays
// confident only when every part is answered confidently. When no part
// is answered at all, the split was likely wrong (each piece alone means
// nothing to the corpus; the whole does), and a is left as it is.
func merge(a *Answer, subs []*Answer) {
	if !slices.ContainsFunc(subs, func(s *Answer) bool { return s.Answered }) {
		return
	}
	for _, s := range subs {
		a.Confident = a.Confident && s.Confident
		a.Unknown = appendNew(a.Unknown, s.Unknown...)
		for typed, fixed := range s.Corrected {
			if a.Corrected == nil {
				a.Corrected = make(map[string]string)
			}
			a.Corrected[typed] = fixed
		}
	}
	if !a.Confident {
		a.Message = Hedge
	}
	whole := &Answer{Passages: a.Passages[:min(1, len(a.Passages))]}
	lists := append([]*Answer{whole}, subs...)
	a.Passages = interleave(lists, maxPassages, func(s *Answer) []Passage { return s.Passages }, passageKey)
	a.Figures = interleave(subs, maxFigures, func(s *Answer) []Figure { return s.Figures }, Figure.Key)
	a.Disagreements = nil
	seen := make(map[string]bool)
	for _, s := range subs {
		for _, d := range s.Disagreements {
			var keys []string
			for _, f := range d.Figures {
				keys = append(keys, f.Key())
			}
			if k := strings.Join(keys, "|"); !seen[k] {
				seen[k] = true
				a.Disagreements = append(a.Disagreements, d)
			}
		}
	}
	// A passage highlights the words every part matched in it and the
	// figures the answer shows, whichever part found them.
	shown := make(map[string]bool) // passage and figure offsets
	spanKey := func(doc string, paragraph, start, end int) string {
		return doc + "/" + strconv.Itoa(paragraph) + "/" + strconv.Itoa(start) + "/" + strconv.Itoa(end)
	}
	for _, f := range a.Figures {
		shown[spanKey(f.Doc, f.Paragraph, f.Start, f.End)] = true
	}
	for _, d := range a.Disagreements {
		for _, f := range d.Figures {
			shown[spanKey(f.Doc, f.Paragraph, f.Start, f.End)] = true
		}
	}
	spans := make(map[string][]Span) // passage → the highlights of every version of it
	for _, s := range lists {
		for _, p := range s.Passages {
			spans[passageKey(p)] = append(spans[passageKey(p)], p.Highlights...)
		}
	}
	for i := range a.Passages {
		p := &a.Passages[i]
		p.Highlights = mergeSpans(slices.DeleteFunc(spans[passageKey(*p)], func(s Span) bool {
			return s.Figure && !shown[spanKey(p.Doc, p.Paragraph, s.Start, s.End)]
		}))
	}
}

// passageKey identifies a passage among the answers to a question's parts.
func passageKey(p Passage) string { return p.Doc + "/" + strconv.Itoa(p.Paragraph) }

// appendNew appends the items of add that list does not hold yet.
func appendNew(list []string, add ...string) []string {
	for _, s := range add {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// interleave takes the first item of each answer's list, then the second
// of each, and so on, leaving out repeats, until it has n.
func interleave[T any](subs []*Answer, n int, list func(*Answer) []T, key func(T) string) []T {
	out := []T{}
	seen := make(map[string]bool)
	for i := 0; len(out) < n; i++ {
		more := false
		for _, s := range subs {
			items := list(s)
			if i >= len(items) {
				continue
			}
			more = true
			if k := key(items[i]); !seen[k] && len(out) < n {
				seen[k] = true
				out = append(out, items[i])
			}
		}
		if !more {
			break
		}
	}
	return out
}
