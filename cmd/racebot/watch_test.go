package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/corpus/corpustest"
)

// visible is the promise: a change to the corpus folder shows in
// answers within five seconds.
const visible = 5 * time.Second

// live is racebot serve run in-process, as a user starts it, so that the
// race detector sees the watcher, the index and the answers together.
type live struct {
	base string
	log  *bottest.Buffer
}

var listenLine = regexp.MustCompile(`msg="HTTP server listening" addr=(\S+)`)

// serveLive starts racebot serve with args on a free port, waits until it
// is ready, and stops it when the test ends, checking that it exits 0.
func serveLive(t *testing.T, args ...string) *live {
	t.Helper()
	l := &live{log: &bottest.Buffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	args = append([]string{"serve", "--addr", "127.0.0.1:0", "--index", filepath.Join(t.TempDir(), "index"),
		// Many questions from one address, on a machine slowed by the
		// race detector: neither limits nor queues may refuse them.
		"--user-burst", "100000", "--user-every", "1ms", "--channel-burst", "100000", "--channel-every", "1ms",
		"--queue-wait", "1m", "--timeout", "1m"}, args...)
	go func() { code <- run(ctx, args, strings.NewReader(""), io.Discard, l.log) }()
	t.Cleanup(func() {
		cancel()
		select {
		case c := <-code:
			if c != 0 {
				t.Errorf("racebot serve exited %d", c)
			}
		case <-time.After(time.Minute):
			t.Errorf("racebot serve did not stop within a minute of cancel")
		}
		if t.Failed() {
			t.Logf("racebot serve log:\n%s", l.log.String())
		}
	})
	deadline := time.Now().Add(2 * time.Minute)
	for l.base == "" {
		if m := listenLine.FindStringSubmatch(l.log.String()); m != nil {
			l.base = "http://" + m[1]
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("racebot serve did not listen:\n%s", l.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	for {
		if resp, err := http.Get(l.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return l
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("racebot serve not ready:\n%s", l.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ask asks over /api/ask and returns the passages' text, or an error for
// anything but an answer.
func (l *live) ask(q string) (string, error) {
	resp, err := http.Get(l.base + "/api/ask?q=" + url.QueryEscape(q))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s: %s", resp.Status, body)
	}
	var a struct {
		Passages []struct {
			Text string `json:"text"`
		} `json:"passages"`
	}
	if err := json.Unmarshal(body, &a); err != nil {
		return "", fmt.Errorf("not JSON (%v): %s", err, body)
	}
	var b strings.Builder
	for _, p := range a.Passages {
		b.WriteString(p.Text + "\n")
	}
	return b.String(), nil
}

// until asks q until the passages satisfy ok, within the five
// seconds of the change.
func (l *live) until(t *testing.T, what, q string, ok func(passages string) bool) {
	t.Helper()
	l.untilWithin(t, visible, what, q, ok)
}

// metric returns the sum of a metric's series on /metrics.
func (l *live) metric(t *testing.T, name string) float64 {
	t.Helper()
	code, body := get(t, l.base+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	sum := 0.0
	for line := range strings.Lines(body) {
		if !strings.HasPrefix(line, name+" ") && !strings.HasPrefix(line, name+"{") {
			continue
		}
		f := strings.Fields(line)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			t.Fatalf("/metrics: %q: %v", line, err)
		}
		sum += v
	}
	return sum
}

// waitLog waits until the log has a line matching re, and returns it.
func (l *live) waitLog(t *testing.T, re string) string {
	t.Helper()
	r := regexp.MustCompile(re)
	deadline := time.Now().Add(visible)
	for {
		if m := r.FindString(l.log.String()); m != "" {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line matching %s within %v", re, visible)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// starterCorpus writes the starter articles into a new folder.
func starterCorpus(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	for name, f := range corpustest.Starter("") {
		writeFile(t, filepath.Join(dir, name), string(f.Data))
	}
	return dir
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// article is a corpus file about a made-up chip, so that no starter
// article can answer for it.
func article(id, chip, cores string) string {
	return fmt.Sprintf(`---
id: %s
title: "The %s accelerator"
published: 2025-06-01
kind: article
sources:
  - publisher: "Example Wire"
    url: "https://example.com/%s"
---
The %s accelerator packs %s tensor cores on one package, its maker said on Monday.
`, id, chip, id, chip, cores)
}

func question(chip string) string {
	return "How many tensor cores does the " + chip + " accelerator pack?"
}

func has(s string) func(string) bool { return func(p string) bool { return strings.Contains(p, s) } }
func hasNot(s string) func(string) bool {
	return func(p string) bool { return !strings.Contains(p, s) }
}
func swaps(old, new string) func(string) bool {
	return func(p string) bool { return strings.Contains(p, new) && !strings.Contains(p, old) }
}

// TestWatchWhileAsking is the test: corpus files are added, edited
// and deleted while questions are asked from several goroutines; no
// question fails and each change shows in answers within five seconds.
func TestWatchWhileAsking(t *testing.T) {
	dir := starterCorpus(t)
	l := serveLive(t, "--corpus", dir)

	stop := make(chan struct{})
	var (
		wg       sync.WaitGroup
		asked    atomic.Int64
		failures = make(chan string, 100)
	)
	fail := func(format string, a ...any) {
		select {
		case failures <- fmt.Sprintf(format, a...):
		default:
		}
	}
	for i := range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				// The starter corpus answers throughout: an update never
				// leaves a moment without an index.
				got, err := l.ask(gpuQuestion)
				switch {
				case err != nil:
					fail("asker %d: %v", i, err)
				case !strings.Contains(got, "50,000"):
					fail("asker %d: the GPU question lost its answer:\n%s", i, got)
				}
				if _, err := l.ask(question("Zorblat Q7")); err != nil {
					fail("asker %d: %v", i, err)
				}
				asked.Add(2)
			}
		})
	}
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			if resp, err := http.Get(l.base + "/readyz"); err != nil {
				fail("/readyz: %v", err)
			} else {
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					fail("/readyz: %s", resp.Status)
				}
			}
		}
	})

	const costQuestion = "How much did DeepSeek V3 cost to train?"
	zorblat := filepath.Join(dir, "chips", "zorblat.md")
	steps := []struct {
		name string
		do   func()
		q    string
		ok   func(string) bool
	}{
		{"article added in a new subfolder", func() { writeFile(t, zorblat, article("zorblat", "Zorblat Q7", "1,234")) },
			question("Zorblat Q7"), has("1,234")},
		{"article edited", func() { writeFile(t, zorblat, article("zorblat", "Zorblat Q7", "4,321")) },
			question("Zorblat Q7"), swaps("1,234", "4,321")},
		{"editor save: temp file renamed over the article", func() {
			tmp := filepath.Join(dir, "chips", ".zorblat.md.swp")
			writeFile(t, tmp, article("zorblat", "Zorblat Q7", "5,555"))
			if err := os.Rename(tmp, zorblat); err != nil {
				t.Fatal(err)
			}
		}, question("Zorblat Q7"), swaps("4,321", "5,555")},
		{"second article added", func() { writeFile(t, filepath.Join(dir, "quibble.md"), article("quibble", "Quibble X2", "2,468")) },
			question("Quibble X2"), has("2,468")},
		{"article deleted", func() {
			if err := os.Remove(zorblat); err != nil {
				t.Fatal(err)
			}
		}, question("Zorblat Q7"), hasNot("5,555")},
		{"starter article deleted", func() {
			if err := os.Remove(filepath.Join(dir, "deepseek-v3-technical-report.md")); err != nil {
				t.Fatal(err)
			}
		}, costQuestion, hasNot("$5.576M")},
	}
	if got, err := l.ask(costQuestion); err != nil || !strings.Contains(got, "$5.576M") {
		t.Fatalf("the starter corpus does not answer %q before the change (%v):\n%s", costQuestion, err, got)
	}
	for _, s := range steps {
		s.do()
		l.until(t, s.name, s.q, s.ok)
	}
	close(stop)
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	t.Logf("%d questions asked during the changes", asked.Load())
	if asked.Load() == 0 {
		t.Error("no question was asked during the changes")
	}
	if n := l.metric(t, `racebot_corpus_updates_total{outcome="updated"}`); n < float64(len(steps)) {
		t.Errorf("racebot_corpus_updates_total{outcome=\"updated\"} is %v after %d changes", n, len(steps))
	}
	if l.metric(t, "racebot_corpus_synced_timestamp_seconds") == 0 {
		t.Error("racebot_corpus_synced_timestamp_seconds not set")
	}
	l.waitLog(t, `msg="corpus updated" dir=\S+ added=1 changed=0 removed=0`)
	l.waitLog(t, `msg="corpus updated" dir=\S+ added=0 changed=1 removed=0`)
	l.waitLog(t, `msg="corpus updated" dir=\S+ added=0 changed=0 removed=1`)
}

// TestWatchMalformedFile: a file that cannot be parsed is reported with its
// path and line and skipped; an article broken by an edit keeps answering
// in its last good version until it is fixed.
func TestWatchMalformedFile(t *testing.T) {
	dir := starterCorpus(t)
	l := serveLive(t, "--corpus", dir)
	q := question("Zorblat Q7")
	zorblat := filepath.Join(dir, "zorblat.md")
	broken := strings.Replace(article("zorblat", "Zorblat Q7", "9,999"), "published: 2025-06-01", "published: someday", 1)

	writeFile(t, zorblat, broken)
	l.waitLog(t, `level=WARN msg="skipping corpus file" err=".*zorblat.md:4: published date \\"someday\\" is not YYYY-MM-DD"`)
	if got, err := l.ask(q); err != nil || strings.Contains(got, "9,999") {
		t.Fatalf("a malformed new file was indexed (%v):\n%s", err, got)
	}
	if got, err := l.ask(gpuQuestion); err != nil || !strings.Contains(got, "50,000") {
		t.Fatalf("the rest of the corpus stopped answering (%v):\n%s", err, got)
	}
	if n := l.metric(t, "racebot_corpus_unusable_files"); n != 1 {
		t.Errorf("racebot_corpus_unusable_files = %v, want 1", n)
	}

	writeFile(t, zorblat, article("zorblat", "Zorblat Q7", "1,234"))
	l.until(t, "malformed file fixed", q, has("1,234"))

	before := strings.Count(l.log.String(), `msg="skipping corpus file"`)
	writeFile(t, zorblat, broken)
	deadline := time.Now().Add(visible)
	for strings.Count(l.log.String(), `msg="skipping corpus file"`) == before {
		if time.Now().After(deadline) {
			t.Fatalf("breaking an indexed article was not reported within %v", visible)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got, err := l.ask(q); err != nil || !strings.Contains(got, "1,234") {
		t.Fatalf("an article broken by an edit no longer answers in its last good version (%v):\n%s", err, got)
	}

	writeFile(t, zorblat, article("zorblat", "Zorblat Q7", "4,321"))
	l.until(t, "broken article fixed", q, swaps("1,234", "4,321"))
	if n := l.metric(t, "racebot_corpus_unusable_files"); n != 0 {
		t.Errorf("racebot_corpus_unusable_files = %v after the fix, want 0", n)
	}
}

// TestWatchBurst: fifty articles copied in at once are indexed by a few
// updates, not fifty.
func TestWatchBurst(t *testing.T) {
	dir := starterCorpus(t)
	l := serveLive(t, "--corpus", dir)
	start := l.metric(t, "racebot_index_articles")
	syncs := func() float64 { return l.metric(t, "racebot_corpus_updates_total") }
	before := syncs()
	for i := range 50 {
		id := fmt.Sprintf("burst-%02d", i)
		writeFile(t, filepath.Join(dir, "burst", id+".md"), article(id, fmt.Sprintf("Burst B%02d", i), strconv.Itoa(1000+i)))
	}
	deadline := time.Now().Add(visible)
	for l.metric(t, "racebot_index_articles") != start+50 {
		if time.Now().After(deadline) {
			t.Fatalf("index holds %v articles %v after adding 50 to %v", l.metric(t, "racebot_index_articles"), visible, start)
		}
		time.Sleep(50 * time.Millisecond)
	}
	l.until(t, "last article of the burst", question("Burst B49"), has("1049"))
	n := syncs() - before
	t.Logf("50 articles added at once: %v update(s)", n)
	// One per event would be over a hundred; a machine slow enough to
	// pause for the whole quiet period between writes makes a few.
	if n > 5 {
		t.Errorf("50 articles added at once took %v updates", n)
	}
}

// TestWatchFolderDeleted: the corpus folder going away leaves serve
// answering from the index as it was; when it comes back, so do updates.
func TestWatchFolderDeleted(t *testing.T) {
	dir := starterCorpus(t)
	l := serveLive(t, "--corpus", dir)
	writeFile(t, filepath.Join(dir, "zorblat.md"), article("zorblat", "Zorblat Q7", "1,234"))
	l.until(t, "article added", question("Zorblat Q7"), has("1,234"))

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	l.waitLog(t, `msg="corpus folder is gone; answering from the index as it is until it comes back"`)
	if got, err := l.ask(question("Zorblat Q7")); err != nil || !strings.Contains(got, "1,234") {
		t.Fatalf("answers changed when the corpus folder went away (%v):\n%s", err, got)
	}
	if code, _ := get(t, l.base+"/readyz"); code != http.StatusOK {
		t.Fatalf("/readyz: %d with the corpus folder gone", code)
	}

	// Restored from a backup, written beside it and moved into place.
	restored := starterCorpus(t)
	writeFile(t, filepath.Join(restored, "zorblat.md"), article("zorblat", "Zorblat Q7", "4,321"))
	if err := os.Rename(restored, dir); err != nil {
		t.Fatal(err)
	}
	l.until(t, "restored corpus folder", question("Zorblat Q7"), swaps("1,234", "4,321"))
	if got, err := l.ask(gpuQuestion); err != nil || !strings.Contains(got, "50,000") {
		t.Fatalf("the restored starter articles do not answer (%v):\n%s", err, got)
	}

	// Emptied, rather than removed: the index is kept as it is too.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
	l.waitLog(t, `corpus holds no articles; answering from the index as it is`)
	if got, err := l.ask(question("Zorblat Q7")); err != nil || !strings.Contains(got, "4,321") {
		t.Fatalf("answers changed when the corpus folder was emptied (%v):\n%s", err, got)
	}
}

func TestWatchOff(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  string
		log  string
	}{
		{"embedded corpus", nil, "", `msg="not watching the corpus: it is the embedded starter corpus"`},
		{"--no-watch", []string{"--no-watch"}, "", `msg="not watching the corpus folder (--no-watch)`},
		{"RACEBOT_WATCH=false", nil, "false", `msg="not watching the corpus folder (--no-watch)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			var dir string
			if tc.name != "embedded corpus" {
				dir = starterCorpus(t)
				args = append(args, "--corpus", dir)
			}
			if tc.env != "" {
				t.Setenv("RACEBOT_WATCH", tc.env)
			}
			l := serveLive(t, args...)
			l.waitLog(t, regexp.QuoteMeta(tc.log))
			if strings.Contains(l.log.String(), "watching the corpus folder for changes") {
				t.Error("watching anyway")
			}
		})
	}
}
