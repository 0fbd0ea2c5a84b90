package bot

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
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

// partBreakRE finds where a second question starts: after a question mark,
// or at "and", "also" or a semicolon followed by a question word ("… and
// what did V3 cost", "…? when?"). An auxiliary after "and" starts a
// question only when a pronoun or article follows ("and is it open
// source"), not a verb phrase ("verify and have lines marked").
var partBreakRE = regexp.MustCompile(`(?i)(?:\?+\s+|[;,]?\s+(?:and|also|plus)\s+(?:also\s+)?|;\s*)` +
	`(?:(?:what|what's|whats|how|when|who|whom|whose|where|which|why)\b|` +
	`(?:is|are|was|were|did|does|do|can|could|will|would|has|have|had)\s+(?:it|its|they|their|he|his|she|her|the|this|that|there|a|an)\b)`)

// restWords are words a part may hold beside its question words and still
// name nothing of its own: "and when", "where else", "to how much".
var restWords = map[string]bool{
	"and": true, "or": true, "also": true, "plus": true, "else": true, "then": true, "too": true,
	"to": true, "of": true, "in": true, "on": true, "for": true, "by": true, "at": true, "so": true,
	"the": true, "a": true, "an": true, "exactly": true, "about": true, "again": true, "now": true,
}

// pronounRE finds a word that refers back to something an earlier part
// named: "… and how much did it cost". Such a part, and one that names
// nothing of its own ("… and when does the first phase come online"),
// is searched with the earlier part's words.
var pronounRE = regexp.MustCompile(`(?i)\b(?:it|its|it's|they|them|their|he|him|his|she|her|this|that|these|those)\b`)

// questionParts reads text as the questions it asks, one Question each.
// A part that names nothing of its own ("who started deepseek and
// when?") adds the kinds of answer it asks for to the part before it
// rather than standing alone, and a part that refers back with a pronoun
// ("… and what did it cost") searches the earlier part's words too. Most
// questions have one part.
func questionParts(text string) []Question {
	var raws []string
	rest := text
	for len(raws) < maxParts-1 {
		loc := partBreakRE.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		// The break's separator ends the part; the question word starts
		// the next.
		sep := loc[0]
		word := questionStart(rest, sep, loc[1])
		raws = append(raws, rest[:sep])
		rest = rest[word:]
	}
	raws = append(raws, rest)

	var parts []Question
	var own string // the search words of the last part, before any carried
	for _, raw := range raws {
		q := Parse(raw)
		if len(parts) > 0 && namesNothing(q.Search) {
			parts[len(parts)-1] = withAsked(parts[len(parts)-1], q)
			continue
		}
		words := q.Search
		if len(parts) > 0 && q.Search != "" && (pronounRE.MatchString(raw) || !namesOwn(raw)) {
			q.Search += " " + own
		}
		own = words
		parts = append(parts, q)
	}
	if len(parts) > 1 && namesNothing(parts[0].Search) {
		// "how many and how much does deepseek spend": the first part
		// asks, the second names.
		parts[1] = withAsked(parts[1], parts[0])
		parts = parts[1:]
	}
	if len(parts) == 1 && len(raws) > 1 {
		// One part named everything, the others only asked: keep the
		// question whole, with every kind of answer asked for.
		whole := Parse(text)
		whole.Want, whole.Class, whole.Head, whole.Asks = parts[0].Want, parts[0].Class, parts[0].Head, parts[0].Asks
		return []Question{whole}
	}
	return parts
}

// questionStart returns where the question word after the separator
// text[sep:end] starts: the separator's last run of spaces, "and" or "?"
// is not part of it.
func questionStart(text string, sep, end int) int {
	m := partSepRE.FindStringIndex(text[sep:end])
	if m == nil {
		return sep
	}
	return sep + m[1]
}

// partSepRE is the separator a part break starts with.
var partSepRE = regexp.MustCompile(`(?i)^(?:\?+\s+|[;,]?\s+(?:and|also|plus)\s+(?:also\s+)?|;\s*)`)

// namesOwn reports whether a part names something of its own, as chat
// writes a name: a word with a digit ("v3", "2025") or a capital letter
// after the first word ("what did Meta spend").
func namesOwn(raw string) bool {
	for i, w := range strings.Fields(raw) {
		if strings.ContainsAny(w, "0123456789") || i > 0 && strings.ToLower(w) != w {
			return true
		}
	}
	return false
}

// namesNothing reports whether search words hold nothing but question
// and function words: the part only asks ("and when?", "where else").
func namesNothing(search string) bool {
	for _, w := range strings.Fields(search) {
		if w = strings.Trim(w, ".,'’"); w != "" && !restWords[w] && !questionWords[w] {
			return false
		}
	}
	return true
}

// withAsked returns q also asking for what part asks: its kinds of
// figure, and its kind of name when q asks for none.
func withAsked(q, part Question) Question {
	for _, k := range part.Want {
		if !slices.Contains(q.Want, k) {
			q.Want = append(slices.Clone(q.Want), k)
		}
	}
	if q.Class == 0 && q.Head == "" {
		q.Class, q.Head = part.Class, part.Head
	}
	if q.Asks == "" {
		q.Asks = part.Asks
	}
	q.Future = q.Future || part.Future
	return q
}

// merge adds to a, the answer to a question as a whole, the answers to
// its parts, each answered on its own: after the whole's best passage,
// each part's best in turn, then each part's next, up to maxPassages; the
// parts' figures the same way, up to maxFigures, and their
// disagreements. The answer stays confident only when every part is
// answered.
func merge(a *Answer, subs []*Answer) {
	answered := 0
	for _, s := range subs {
		if !s.Answered {
			a.Confident = false
			continue
		}
		answered++
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
	if answered == 0 {
		return
	}
	whole := &Answer{Passages: a.Passages[:min(1, len(a.Passages))]}
	a.Passages = interleave(append([]*Answer{whole}, subs...), maxPassages, func(s *Answer) []Passage { return s.Passages }, passageKey)
	a.Figures = interleave(subs, maxFigures, func(s *Answer) []Figure { return s.Figures },
		func(f Figure) string { return f.Doc + "/" + strconv.Itoa(f.Paragraph) + "/" + f.Text })
	a.Disagreements = nil
	for _, s := range subs {
		a.Disagreements = append(a.Disagreements, s.Disagreements...)
	}
	// A passage highlights the figures the answer shows, whichever part
	// found it.
	shown := make(map[[4]any]bool)
	mark := func(f Figure) { shown[[4]any{f.Doc, f.Paragraph, f.Start, f.End}] = true }
	for _, f := range a.Figures {
		mark(f)
	}
	for _, d := range a.Disagreements {
		for _, f := range d.Figures {
			mark(f)
		}
	}
	spans := make(map[string][]Span) // passage → the highlights of every version of it
	for _, s := range append([]*Answer{whole}, subs...) {
		for _, p := range s.Passages {
			k := passageKey(p)
			spans[k] = append(spans[k], p.Highlights...)
		}
	}
	for i := range a.Passages {
		p := &a.Passages[i]
		p.Highlights = mergeSpans(slices.DeleteFunc(spans[passageKey(*p)], func(s Span) bool {
			return s.Figure && !shown[[4]any{p.Doc, p.Paragraph, s.Start, s.End}]
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
