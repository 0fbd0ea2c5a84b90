package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
)

// The browser tests drive the page in a real headless Chromium. They are
// slow, so -short skips them; without Chromium they skip too, unless
// RACEBOT_BROWSER_TESTS is set, as .ci/run sets it after installing
// Chromium, so that CI cannot pass without running them.

// chromium returns the path of a Chromium to drive: $RACEBOT_CHROME, or
// the first of the usual names on PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are slow: run without -short")
	}
	if p := os.Getenv("RACEBOT_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("RACEBOT_BROWSER_TESTS") != "" {
		t.Fatal("RACEBOT_BROWSER_TESTS is set but no Chromium was found: install chromium or set RACEBOT_CHROME")
	}
	t.Skip("no Chromium on this machine (apt-get install chromium, or set RACEBOT_CHROME)")
	return ""
}

// browserTab is a headless Chromium tab that records what a page must
// never do: open a dialog (alert), throw, or break its own
// Content-Security-Policy.
type browserTab struct {
	ctx context.Context
	mu  sync.Mutex
	bad []string
}

func newTab(t *testing.T, width, height int) *browserTab {
	t.Helper()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(chromium(t)),
			chromedp.NoSandbox, // CI runs as root
			chromedp.WindowSize(width, height),
			chromedp.Flag("force-device-scale-factor", "1"),
			chromedp.Flag("hide-scrollbars", true),
			chromedp.Flag("font-render-hinting", "none"),
			chromedp.Flag("force-color-profile", "srgb"),
			chromedp.Flag("blink-settings", "preferredColorScheme=1"), // light
		)...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	tab := &browserTab{ctx: ctx}
	dialogs := make(chan struct{}, 16)
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *cdpage.EventJavascriptDialogOpening:
			tab.record("a dialog opened: " + ev.Message)
			select {
			case dialogs <- struct{}{}:
			default:
			}
		case *runtime.EventExceptionThrown:
			tab.record("a script threw: " + ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if strings.Contains(ev.Entry.Text, "Content Security Policy") || ev.Entry.Level == log.EntryLevelError {
				tab.record("console: " + ev.Entry.Text)
			}
		}
	})
	if err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	// A dialog blocks the page: close each from outside the listener.
	go func() {
		for range dialogs {
			chromedp.Call(ctx, cdpage.HandleJavaScriptDialog, cdpage.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	t.Cleanup(func() { close(dialogs) })
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enable the browser's log: %v", err)
	}
	return tab
}

func (b *browserTab) record(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bad = append(b.bad, s)
}

// check fails the test on anything the page should never have done.
func (b *browserTab) check(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range b.bad {
		t.Error(s)
	}
}

// do runs steps, failing the test on the first error; each test's whole
// conversation with the browser has a minute and a half.
func (b *browserTab) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval runs one action that returns a value.
func eval[T any](t *testing.T, b *browserTab, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 90*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// starterServer serves the page over the starter corpus, as racebot serve
// does.
func starterServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	New(bot.NewChat(bottest.Starter(t), bot.ChatOptions{}), Options{}).Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowserAsk asks a question as a person would, in a desktop window
// and on a phone-sized screen: the box has the focus, Enter asks, the
// answer shows its figures and its chart, nothing overflows the screen,
// and the page looks as its golden screenshot does.
func TestBrowserAsk(t *testing.T) {
	srv := starterServer(t)
	for _, tt := range []struct {
		name          string
		width, height int
	}{
		{"desktop", 1000, 900},
		{"phone", 390, 844},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tab := newTab(t, tt.width, tt.height)
			tab.do(t,
				chromedp.Navigate(srv.URL+"/"),
				chromedp.WaitVisible(chromedp.ID("q")),
			)
			focused := eval(t, tab, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
			tab.do(t,
				chromedp.SendKeys(chromedp.ID("q"), "How many GPUs does DeepSeek have?\n"),
				chromedp.WaitVisible(chromedp.CSS("article.reply")),
			)
			title := eval(t, tab, chromedp.Text(chromedp.CSS("article.reply h1")))
			figures := eval(t, tab, chromedp.Text(chromedp.CSS("section.figures")))
			chartWidth := eval(t, tab, chromedp.Evaluate[int](`(() => { const i = document.querySelector('figure.chart img'); return i && i.complete ? i.naturalWidth : 0 })()`))
			scrollWidth := eval(t, tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			innerWidth := eval(t, tab, chromedp.Evaluate[int](`window.innerWidth`))
			if focused != "q" {
				t.Errorf("focus on %q when the page opens, want the question box", focused)
			}
			if title != "How many GPUs does DeepSeek have?" || !strings.Contains(figures, "50,000") {
				t.Errorf("answer titled %q with figures %q", title, figures)
			}
			if chartWidth < 300 {
				t.Errorf("the chart did not load (natural width %d)", chartWidth)
			}
			if scrollWidth > innerWidth {
				t.Errorf("the page is %d pixels wide in a window of %d: it scrolls sideways", scrollWidth, innerWidth)
			}
			tab.check(t)
			screenshot(t, tab, "answer-"+tt.name)
		})
	}
}

// TestBrowserHostile opens pages whose answers and questions hold markup,
// scripts, javascript: links and right-to-left text: nothing runs, no
// link leads anywhere but http(s), and the page breaks none of its own
// policy.
func TestBrowserHostile(t *testing.T) {
	srv := newServer(t, &fakeChat{reply: bot.Reply{Kind: bot.ReplyAnswer, Answer: hostileAnswer()}})
	tab := newTab(t, 1000, 900)
	q := url.QueryEscape(`<script>window.pwned=true</script><img src=x onerror="window.pwned=true">`)
	tab.do(t,
		chromedp.Navigate(srv.URL+"/ask?q="+q),
		chromedp.WaitVisible(chromedp.CSS("article.reply")),
	)
	scripts := eval(t, tab, chromedp.Evaluate[int](`document.querySelectorAll('script').length`))
	badLinks := eval(t, tab, chromedp.Evaluate[int](`[...document.querySelectorAll('a[href]')].filter(a => !/^(https?:|\/|#)/.test(a.getAttribute('href'))).length`))
	pwned := eval(t, tab, chromedp.Evaluate[bool](`window.pwned === true`))
	heading := eval(t, tab, chromedp.Text(chromedp.CSS("article.reply h1")))
	if scripts != 0 || badLinks != 0 || pwned {
		t.Errorf("%d scripts, %d links that are not http(s), pwned %v", scripts, badLinks, pwned)
	}
	if !strings.Contains(heading, "<script>") {
		t.Errorf("the question's markup is not shown as text: %q", heading)
	}
	tab.check(t)
	screenshot(t, tab, "hostile")
}

// screenshot compares a screenshot of the whole page with its golden
// file, allowing a few percent of pixels to differ (anti-aliasing and
// font versions differ between machines); -update writes it. Texts that
// change between runs (the time taken, the index date) are hidden first.
func screenshot(t *testing.T, tab *browserTab, name string) {
	t.Helper()
	eval(t, tab, chromedp.Evaluate[bool](`document.querySelectorAll('footer.meta').forEach(e => e.style.visibility = 'hidden'), true`))
	raw := eval(t, tab, chromedp.FullScreenshot(100))
	bottest.GoldenPNG(t, filepath.Join("testdata", "browser", name+".png"), raw, 0.03)
}
