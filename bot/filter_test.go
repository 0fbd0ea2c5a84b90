package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
)

func TestCutFilters(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tt := range []struct {
		in, rest string
		want     bot.Filter
		err      string // in the error, "" for none
	}{
		{"how many gpus does deepseek have", "how many gpus does deepseek have", bot.Filter{}, ""},
		{"nvidia h20 since:2025-06", "nvidia h20", bot.Filter{Since: day("2025-06-01")}, ""},
		{"Before:2025 stargate", "stargate", bot.Filter{Before: day("2025-01-01")}, ""},
		{"stargate since:2025-01-15 before:2025-02 source:Reuters source:CNBC.", "stargate",
			bot.Filter{Since: day("2025-01-15"), Before: day("2025-02-01"), Sources: []string{"reuters", "cnbc"}}, ""},
		{"what time is it: noon", "what time is it: noon", bot.Filter{}, ""}, // not a filter word
		{"gpus since:last-week", "", bot.Filter{}, "since:2025-06"},
		{"gpus before:2025-13", "", bot.Filter{}, "before:2025-06"},
		{"gpus source:", "", bot.Filter{}, "source:reuters"},
		{"gpus source:<@!>", "", bot.Filter{}, "source:reuters"},
		{"gpus source:Al-Jazeera", "gpus", bot.Filter{Sources: []string{"al", "jazeera"}}, ""},
		{"gpus since:2025-06 before:2025-01", "", bot.Filter{}, "not before"},
		{"a source:a source:b source:c source:d source:e source:f", "", bot.Filter{}, "at most 5"},
	} {
		rest, f, err := bot.CutFilters(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("CutFilters(%q) error %v, want one saying %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || rest != tt.rest || !f.Since.Equal(tt.want.Since) || !f.Before.Equal(tt.want.Before) || strings.Join(f.Sources, ",") != strings.Join(tt.want.Sources, ",") {
			t.Errorf("CutFilters(%q) = %q, %+v, %v; want %q, %+v", tt.in, rest, f, err, tt.rest, tt.want)
		}
	}
}

// TestAnswerFilters: a filter in a question keeps the answer to the
// articles it names, and a filter written wrong is explained, not ignored.
func TestAnswerFilters(t *testing.T) {
	e := starter(t)
	ctx := context.Background()
	a, err := e.Answer(ctx, "How many GPUs does DeepSeek have? source:livemint")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Answered || len(a.Passages) == 0 {
		t.Fatalf("no answer from Livemint: %+v", a.Message)
	}
	for _, p := range a.Passages {
		if !strings.Contains(strings.ToLower(p.Publisher), "livemint") {
			t.Errorf("passage from %s, want Livemint only", p.Publisher)
		}
	}
	a, err = e.Answer(ctx, "How many GPUs does DeepSeek have? before:2020")
	if err != nil {
		t.Fatal(err)
	}
	if a.Answered || len(a.Passages) > 0 {
		t.Errorf("answered from articles before 2020, which the corpus has none of: %d passages", len(a.Passages))
	}
	// Said so, with the dates the corpus has, rather than that the
	// articles do not answer.
	if !strings.Contains(a.Message, "No article I have was published before 2020-01-01") || !strings.Contains(a.Message, "2022-10-07") {
		t.Errorf("nothing before 2020: message %q, want it to say no article was and when they were", a.Message)
	}
	// Articles in range that do not answer are declined as usual.
	a, err = e.Answer(ctx, "what is the capital of france since:2025-01")
	if err != nil {
		t.Fatal(err)
	}
	if a.Answered || strings.Contains(a.Message, "No article I have was published") {
		t.Errorf("an off-topic question with a filter some articles pass: answered %v, message %q", a.Answered, a.Message)
	}
	a, err = e.Answer(ctx, "How many GPUs does DeepSeek have? since:yesterday")
	if err != nil {
		t.Fatal(err)
	}
	if a.Answered || !strings.Contains(a.Message, "since:2025") {
		t.Errorf("a filter written wrong: answered %v, message %q", a.Answered, a.Message)
	}
}
