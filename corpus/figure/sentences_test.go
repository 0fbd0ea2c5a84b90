package figure

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// sentencesOf cuts text at SentenceEnds, trimming the white space between
// sentences.
func sentencesOf(text string) []string {
	var out []string
	start := 0
	for _, e := range SentenceEnds(text) {
		out = append(out, strings.TrimSpace(text[start:e]))
		start = e
	}
	return out
}

// TestSentenceEnds: a sentence ends after its stop and the quotes and
// brackets that close it, when the next word starts one: not after an
// abbreviation, an initial, a decimal or "U.S."; and at a line break.
func TestSentenceEnds(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Stargate Michigan followed in late October 2025. CNA reported it.",
			[]string{"Stargate Michigan followed in late October 2025.", "CNA reported it."}},
		{"For the past decade, the U.S. has led China. Wang said so.",
			[]string{"For the past decade, the U.S. has led China.", "Wang said so."}},
		{"Shares of the company fell 3.2%. The company said nothing.",
			[]string{"Shares of the company fell 3.2%.", "The company said nothing."}},
		{"The app reached No. 1 on Apple's US App Store on Sunday. It rose.",
			[]string{"The app reached No. 1 on Apple's US App Store on Sunday.", "It rose."}},
		{"Reports said on Tuesday that Mr. Wang spoke. Later, Jan. 5 came.",
			[]string{"Reports said on Tuesday that Mr. Wang spoke.", "Later, Jan. 5 came."}},
		{"The company declined. “We will not comment,” he said.",
			[]string{"The company declined.", "“We will not comment,” he said."}},
		{`He said "we will win." The stock rose.`, []string{`He said "we will win."`, "The stock rose."}},
		{"It rose (see above.) Next it fell.", []string{"It rose (see above.)", "Next it fell."}},
		{"President Donald J. Trump spoke. Did it cost 5.6 million? Nobody knows!",
			[]string{"President Donald J. Trump spoke.", "Did it cost 5.6 million?", "Nobody knows!"}},
		{"A heading line\nThe text under it. More.", []string{"A heading line", "The text under it.", "More."}},
		{"- one item\n- another item", []string{"- one item", "- another item"}},
		{"It was 5.6 million. 中国 said so.", []string{"It was 5.6 million.", "中国 said so."}},
		{"the model was cheap. it said so.", []string{"the model was cheap. it said so."}},
		{"No stop at all  ", []string{"No stop at all"}},
		{"   ", nil},
		{"", nil},
	} {
		if got := sentencesOf(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("sentences of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// FuzzSentenceEnds checks what the ranking relies on: the ends rise
// strictly within the text, each is followed by white space or the end of
// the text (so no word spans two sentences), every sentence holds
// something but white space, and nothing but white space follows the
// last.
func FuzzSentenceEnds(f *testing.F) {
	for _, s := range []string{
		"", " ", ".", "\n\n", "U.S. rules. \n\n A. B. C.", "...\n\n?! x", "“Yes.” No.", "\xff. \xfe", "3.2%. The",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ends := SentenceEnds(text)
		start := 0
		for i, e := range ends {
			if e <= start || e > len(text) {
				t.Fatalf("SentenceEnds(%q) = %v: end %d out of order or outside the text", text, ends, e)
			}
			if r, _ := utf8.DecodeRuneInString(text[e:]); e < len(text) && !unicode.IsSpace(r) {
				t.Fatalf("SentenceEnds(%q) = %v: end %d is followed by %q", text, ends, e, r)
			}
			if strings.TrimFunc(text[start:e], unicode.IsSpace) == "" {
				t.Fatalf("SentenceEnds(%q) = %v: sentence %d is empty", text, ends, i)
			}
			start = e
		}
		if strings.TrimFunc(text[start:], unicode.IsSpace) != "" {
			t.Fatalf("SentenceEnds(%q) = %v: %q left after the last", text, ends, text[start:])
		}
	})
}
