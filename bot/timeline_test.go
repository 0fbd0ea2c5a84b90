package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
)

// TestTimeline: a topic's passages come newest first, each dated and
// cited, each entry a sentence quoted verbatim with the figures it gives;
// filters apply; a topic the articles do not cover says so.
func TestTimeline(t *testing.T) {
	e := starter(t)
	ctx := context.Background()
	tl, err := e.Timeline(ctx, "H20 sales")
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Entries) < 3 {
		t.Fatalf("%d entries on H20 sales: %q", len(tl.Entries), tl.Message)
	}
	for i, en := range tl.Entries {
		if en.Published.IsZero() || en.Doc == "" || en.Text == "" {
			t.Errorf("entry %d undated, uncited or empty: %+v", i, en)
		}
		if i > 0 && en.Date() > tl.Entries[i-1].Date() {
			t.Errorf("entry %d (%s) is newer than the one before it (%s)", i, en.Date(), tl.Entries[i-1].Date())
		}
		// An entry dated by its sentence: a day or month the sentence
		// gives, not after its article.
		if en.When != "" && (en.When > en.Published.String() || len(en.When) < 7) {
			t.Errorf("entry %d dated %q, from an article of %s", i, en.When, en.Published)
		}
		for _, f := range en.Figures {
			if !strings.Contains(en.Text, f) {
				t.Errorf("entry %d gives figure %q, which its sentence %q does not hold", i, f, en.Text)
			}
		}
	}
	h20, dated := false, false
	for _, en := range tl.Entries {
		h20 = h20 || strings.Contains(en.Text, "H20")
		dated = dated || en.When != ""
	}
	if !h20 {
		t.Errorf("no entry on H20 says H20: %+v", tl.Entries)
	}
	if !dated {
		t.Errorf("no entry on H20 sales is dated by what it says happened: %+v", tl.Entries)
	}

	// What happened on a day is dated by that day, whenever the article
	// was published, and the sentence shown names the topic.
	tl, err = e.Timeline(ctx, "Stargate")
	if err != nil {
		t.Fatal(err)
	}
	norway := false
	for i, en := range tl.Entries {
		if strings.Contains(en.Text, "Stargate Norway was announced on July 31, 2025") {
			norway = en.Date() == "2025-07-31"
		}
		if !strings.Contains(en.Text, "Stargate") {
			t.Errorf("entry %d does not name Stargate: %q", i, en.Text)
		}
		if strings.HasPrefix(en.Text, "-") {
			t.Errorf("entry %d keeps its list marker: %q", i, en.Text)
		}
	}
	if !norway {
		t.Errorf("no entry for Stargate Norway dated 2025-07-31: %+v", tl.Entries)
	}

	since, _ := time.Parse(time.DateOnly, "2025-01-01")
	tl, err = e.Timeline(ctx, "nvidia chips since:2025")
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range tl.Entries {
		if en.Published.Before(since) {
			t.Errorf("since:2025 kept an entry of %s", en.Published)
		}
	}
	tl, err = e.Timeline(ctx, "sourdough baking competitions")
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Entries) != 0 || tl.Message == "" {
		t.Errorf("an uncovered topic has %d entries and message %q", len(tl.Entries), tl.Message)
	}
	d := bot.TimelineDocument(tl)
	if d.Kind != bot.DocDeclined {
		t.Errorf("an empty timeline lays out as %v", d.Kind)
	}
}
