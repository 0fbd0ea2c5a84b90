package bot

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Filter narrows the articles a question is answered from. It is written
// in the question, anywhere and on any platform: "since:2025-06",
// "before:2025-01-15", "source:reuters".
type Filter struct {
	// Since and Before bound the articles' publication day: on or after
	// Since, before Before. Zero is no bound.
	Since, Before time.Time
	// Sources are words of publishers' names, lower case; an article
	// from a publisher with any of them in its name passes.
	Sources []string
}

// IsZero reports whether f keeps every article.
func (f Filter) IsZero() bool {
	return f.Since.IsZero() && f.Before.IsZero() && len(f.Sources) == 0
}

// String says what f keeps, for a notice: "since 2025-06-01, before
// 2025-07-01, from reuters".
func (f Filter) String() string {
	var parts []string
	if !f.Since.IsZero() {
		parts = append(parts, "since "+f.Since.Format(time.DateOnly))
	}
	if !f.Before.IsZero() {
		parts = append(parts, "before "+f.Before.Format(time.DateOnly))
	}
	if len(f.Sources) > 0 {
		parts = append(parts, "from "+strings.Join(f.Sources, " or "))
	}
	return strings.Join(parts, ", ")
}

// maxFilterSources bounds the source: words one question may give.
const maxFilterSources = 5

// CutFilters takes the filters out of a question: since:DATE, before:DATE
// and source:WORD, where DATE is YYYY, YYYY-MM or YYYY-MM-DD (the first day
// of a year or month) and WORD a word of a publisher's name. It returns the
// question without them. A filter it cannot read is an error that says
// how to write it, for the user.
func CutFilters(question string) (string, Filter, error) {
	var (
		f    Filter
		rest []string
	)
	for _, w := range strings.Fields(question) {
		key, val, ok := strings.Cut(w, ":")
		key = strings.ToLower(key)
		if !ok || (key != "since" && key != "before" && key != "source") {
			rest = append(rest, w)
			continue
		}
		val = strings.TrimRight(val, ".,;!?")
		switch key {
		case "since", "before":
			d, err := filterDay(val)
			if err != nil {
				return "", Filter{}, fmt.Errorf("%s:%s is not a date I can read: write %s:2025, %s:2025-06 or %s:2025-06-15", key, Truncate(val, 20), key, key, key)
			}
			if key == "since" {
				f.Since = d
			} else {
				f.Before = d
			}
		case "source":
			// The index holds a publisher's name as its words
			// ("al-jazeera" is "al" and "jazeera"): each word given
			// is one to look for.
			words := strings.FieldsFunc(strings.ToLower(val), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if len(words) == 0 {
				return "", Filter{}, fmt.Errorf("source:%s is not a publisher I can look for: write a word of its name, as in source:reuters", Truncate(val, 20))
			}
			if len(f.Sources)+len(words) > maxFilterSources {
				return "", Filter{}, fmt.Errorf("at most %d source: words in one question", maxFilterSources)
			}
			f.Sources = append(f.Sources, words...)
		}
	}
	if !f.Since.IsZero() && !f.Before.IsZero() && !f.Since.Before(f.Before) {
		return "", Filter{}, fmt.Errorf("since:%s is not before before:%s, so no article could pass both", f.Since.Format(time.DateOnly), f.Before.Format(time.DateOnly))
	}
	return strings.Join(rest, " "), f, nil
}

// filterDay reads YYYY, YYYY-MM or YYYY-MM-DD as the first day it names.
func filterDay(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if d, err := time.Parse(layout, s); err == nil && d.Year() >= 1900 {
				return d, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}

// readQuestion takes a question's filters out and checks what is left: it
// returns the text to search and the filter, or a message for the user
// saying why the question cannot be taken.
func readQuestion(question string) (text string, f Filter, msg string) {
	text, f, err := CutFilters(question)
	if err != nil {
		return "", Filter{}, err.Error()
	}
	if msg := Validate(text); msg != "" {
		return "", Filter{}, msg
	}
	return text, f, ""
}
