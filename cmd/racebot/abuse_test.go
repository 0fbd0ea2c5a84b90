package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// askJSON runs racebot ask --json in-process with a bound on its time, and
// decodes the answer object.
func askJSON(t *testing.T, index, question string) map[string]any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	type result struct {
		code        int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		var out, errOut bytes.Buffer
		code := run(ctx, []string{index, "ask", "--json", "--", question}, strings.NewReader(""), &out, &errOut)
		done <- result{code, out.String(), errOut.String()}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(time.Minute):
		t.Fatalf("ask %q did not return within a minute", short(question))
	}
	if r.code != 0 {
		t.Fatalf("ask %q: exit %d: %s", short(question), r.code, r.errOut)
	}
	var a map[string]any
	if err := json.Unmarshal([]byte(r.out), &a); err != nil {
		t.Fatalf("ask %q: output is not one JSON object: %v\n%s", short(question), err, r.out)
	}
	return a
}

func short(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// TestAbusiveQuestions sends what chat users, bored or hostile, send: each
// gets a clear reply (an answer, or answered:false with a message saying
// why), in bounded time, and query syntax means nothing.
func TestAbusiveQuestions(t *testing.T) {
	index := indexFlag(t)
	askJSON(t, index, "warm up") // builds the index once for every case

	for _, tc := range []struct {
		name     string
		question string
		want     string // in the message, when not answered
	}{
		{"10,000 characters", strings.Repeat("How many GPUs? ", 667), "too long"},
		{"501 characters", strings.Repeat("a", 501), "too long"},
		{"only punctuation", "?!.,;:'\"()[]{}<>", ""},
		{"star", "*", ""},
		{"wildcards", "?*?*", ""},
		{"regexp", "/.*/", ""},
		{"fuzzy", "deepseek~2 gpu~", ""},
		{"boost", "nvidia^100", ""},
		{"field query", "field:value", ""},
		{"field query on a real field", "publisher:Livemint title:DeepSeek", ""},
		{"boolean syntax", "+DeepSeek -Nvidia AND OR NOT", ""},
		{"SQL", "'; DROP TABLE passages; -- SELECT * FROM articles WHERE 1=1", ""},
		{"HTML", `<script>alert("x")</script><img src=x onerror=alert(1)>`, ""},
		{"control characters", "\x00\x01\x02\x1b[31m\x7f\r\n\t", ""},
		{"invalid UTF-8", "\xff\xfe\xfd How many \xc3\x28 GPUs", ""},
		{"right-to-left override", "\u202eHow many GPUs does DeepSeek have?\u202c", ""},
		{"zero-width joiners", "Deep\u200dSeek\u200b GPU\u200c\u2060s\ufeff", ""},
		{"500 emoji", strings.Repeat("🤖", 500), ""},
		{"501 emoji", strings.Repeat("🤖", 501), "too long"},
		{"mass mentions", "@everyone @here <!channel> <@&123> how many GPUs", ""},
		{"empty", "", "Ask me a question"},
		{"spaces", "   \t  ", "Ask me a question"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := askJSON(t, index, tc.question)
			answered, ok := a["answered"].(bool)
			if !ok {
				t.Fatalf("no answered field: %v", a)
			}
			msg, _ := a["message"].(string)
			if !answered && strings.TrimSpace(msg) == "" {
				t.Errorf("not answered, and no message says why: %v", a)
			}
			if tc.want != "" && (answered || !strings.Contains(msg, tc.want)) {
				t.Errorf("answered=%v message %q, want it to say %q", answered, msg, tc.want)
			}
		})
	}
}

// TestQuerySyntaxIsText checks that query-string syntax around a question
// changes neither what it finds nor whether it is answered.
func TestQuerySyntaxIsText(t *testing.T) {
	index := indexFlag(t)
	const q = "How many GPUs does DeepSeek have"
	first := func(a map[string]any) string {
		ps, _ := a["passages"].([]any)
		if len(ps) == 0 {
			return ""
		}
		p, _ := ps[0].(map[string]any)
		doc, _ := p["doc"].(string)
		return doc
	}
	plain := askJSON(t, index, q+"?")
	if plain["answered"] != true || first(plain) == "" {
		t.Fatalf("the plain question is not answered: %v", plain)
	}
	for _, decorated := range []string{
		q + "?*", "*" + q + "*", q + " -", "+" + q, q + ":", `"` + q + `"`, q + " ~ ^", "(" + q + ")",
	} {
		a := askJSON(t, index, decorated)
		if a["answered"] != true || first(a) != first(plain) {
			t.Errorf("%q: answered=%v first passage %q; plain: %q", decorated, a["answered"], first(a), first(plain))
		}
	}
}
