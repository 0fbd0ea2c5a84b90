package web_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/web"
)

// newsSite is a local news site: the test pages at realistic paths, a
// robots.txt, and the ways a site goes wrong.
type newsSite struct {
	*httptest.Server
	mu     sync.Mutex
	hits   map[string]int // requests per path
	robots map[string]int // robots.txt requests per host
	agents []string
}

const robotsTxt = `# robots.txt of a news site
User-agent: *
Disallow: /private/
Crawl-delay: 5

User-agent: racebot
Disallow: /no-racebot/
Disallow: /private/
`

func newNewsSite(t *testing.T) *newsSite {
	t.Helper()
	s := &newsSite{hits: map[string]int{}, robots: map[string]int{}}
	html := func(name, contentType string, extra ...string) http.HandlerFunc {
		body := readPage(t, name)
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			for i := 0; i+1 < len(extra); i += 2 {
				w.Header().Set(extra[i], extra[i+1])
			}
			fmt.Fprint(w, body)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, robotsTxt) })
	mux.Handle("/2025/01/27/nvidia-sheds-589-billion/", html("jsonld-graph.html", "text/html; charset=utf-8"))
	mux.Handle("/news/stargate", html("opengraph.html", "text/html"))
	mux.Handle("/policy/diffusion", html("jsonld-array.html", "application/xhtml+xml; charset=utf-8"))
	// windows-1252 bytes, the charset named only in the page's <meta>.
	mux.Handle("/de/ki-fabriken", html("windows-1252.html", "text/html"))
	// The same bytes labelled in the header, with the <meta> removed.
	cp := strings.Replace(readPage(t, "windows-1252.html"), `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`, "", 1)
	mux.HandleFunc("/de/ki-fabriken-header", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1") // browsers read this as windows-1252
		fmt.Fprint(w, cp)
	})
	// The same bytes with no charset anywhere: sniffed, as they are not UTF-8.
	mux.HandleFunc("/de/ki-fabriken-unlabelled", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, cp)
	})
	// UTF-8 with no charset anywhere and ASCII up to the JSON-LD, as
	// python3 -m http.server and many static hosts serve it.
	mux.Handle("/blog/o3-pricing", html("utf8-nocharset.html", "text/html"))
	mux.Handle("/guide/open-weights", html("nodate.html", "text/html", "Last-Modified", "Wed, 05 Feb 2025 10:00:00 GMT"))
	mux.Handle("/guide/undated", html("nodate.html", "text/html"))
	mux.HandleFunc("/guide/generated", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Last-Modified", time.Now().UTC().Format(http.TimeFormat)) // made on request
		fmt.Fprint(w, readPage(t, "nodate.html"))
	})
	mux.Handle("/premium/huawei", html("paywall.html", "text/html"))
	// The Stargate article mirrored at another address, naming no
	// canonical URL: the same text under a different URL.
	mirror := strings.Replace(readPage(t, "opengraph.html"), `<meta property="og:url" content="https://siliconweekly.example/news/stargate-project-500bn?ref=homepage">`, "", 1)
	mux.HandleFunc("/mirror/stargate", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, mirror) })
	// Another article that claims the Stargate article's URL as its own.
	impostor := strings.Replace(readPage(t, "nodate.html"), "</head>",
		`<link rel="canonical" href="https://siliconweekly.example/news/stargate-project-500bn"><meta property="article:published_time" content="2025-01-20"></head>`, 1)
	mux.HandleFunc("/claims/stargate", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, impostor) })
	mux.Handle("/old-link", http.RedirectHandler("/2025/01/27/nvidia-sheds-589-billion/?utm_source=twitter", http.StatusMovedPermanently))
	mux.Handle("/loop", http.RedirectHandler("/loop", http.StatusFound))
	mux.Handle("/to-private", http.RedirectHandler("/private/leak", http.StatusFound))
	mux.Handle("/to-ftp", http.RedirectHandler("ftp://files.example/a", http.StatusFound))
	mux.Handle("/to-file", http.RedirectHandler("file:///etc/passwd", http.StatusFound))
	mux.Handle("/to-javascript", http.RedirectHandler("javascript:alert(1)", http.StatusFound))
	mux.HandleFunc("/private/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, readPage(t, "opengraph.html")) })
	mux.HandleFunc("/no-racebot/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, readPage(t, "opengraph.html")) })
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	})
	mux.HandleFunc("/api/story.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"headline": "Not a page"}`)
	})
	mux.HandleFunc("/unlabelled.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no type at all: the client sniffs
		fmt.Fprint(w, "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	})
	big := bigPage
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(len(big)))
		fmt.Fprint(w, big)
	})
	mux.HandleFunc("/huge-stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for i := 0; i < len(big); i += 64 << 10 {
			w.Write([]byte(big[i:min(i+64<<10, len(big))]))
			w.(http.Flusher).Flush() // chunked: no Content-Length to check first
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, "<html><body><p>The first words arrive")
		w.(http.Flusher).Flush()
		select { // the rest never does
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	})
	mux.HandleFunc("/gone", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal error", http.StatusInternalServerError)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		if r.URL.Path == "/robots.txt" {
			s.robots[r.Host]++
		}
		s.agents = append(s.agents, r.UserAgent())
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *newsSite) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// bigPage is an HTML page over the test client's 1 MiB cap.
var bigPage = "<html><body><article>" + strings.Repeat("<p>"+strings.Repeat("A long page of words. ", 50)+"</p>\n", 2000) + "</article></body></html>"

func testClient() *web.Client {
	return &web.Client{UserAgent: web.UserAgent("v0.0.0-test"), Timeout: 5 * time.Second, MaxBytes: 1 << 20}
}

// client is a test client that reaches the site under any host name, so
// that its pages can be fetched from the sites they name as canonical, or
// from others.
func (s *newsSite) client() *web.Client {
	c := testClient()
	addr := s.Listener.Addr().String()
	c.HTTP = &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
	}}
	return c
}

func TestFetch(t *testing.T) {
	site := newNewsSite(t)
	c := site.client()
	tests := []struct {
		fetch, title, publisher, url, published string
		body                                    string // a phrase of the article text
	}{
		{"http://computeledger.example/2025/01/27/nvidia-sheds-589-billion/?utm_source=feed", "Nvidia sheds $589 billion as DeepSeek rattles investors", "Compute Ledger Media",
			"https://computeledger.example/2025/01/27/nvidia-sheds-589-billion", "2025-01-27", "2,788,000 GPU hours"},
		{"http://www.computeledger.example/old-link", "Nvidia sheds $589 billion as DeepSeek rattles investors", "Compute Ledger Media",
			"https://computeledger.example/2025/01/27/nvidia-sheds-589-billion", "2025-01-27", "fell 17% to close at $118.58"},
		{"http://siliconweekly.example/news/stargate", "The Stargate Project: $500bn for AI data centres", "Silicon Weekly",
			"https://siliconweekly.example/news/stargate-project-500bn", "2025-01-21", "up to $500 billion"},
		{"http://policywire.example/policy/diffusion", "What the AI diffusion rule means for chip exports", "PolicyWire",
			"https://policywire.example/articles/ai-diffusion-rule", "2025-01-13", "about 50,000 advanced GPUs"},
		{"http://technik-rundschau.example/de/ki-fabriken", "Europas KI-Fabriken: 20 Milliarden € für Rechenzentren", "Technik Rundschau",
			"https://technik-rundschau.example/ki/europas-ki-fabriken", "2025-02-11", "„nicht nur Nutzer, sondern Entwickler“"},
		{"http://technik-rundschau.example/de/ki-fabriken-header?utm_medium=email", "Europas KI-Fabriken: 20 Milliarden € für Rechenzentren", "Technik Rundschau",
			"https://technik-rundschau.example/ki/europas-ki-fabriken", "2025-02-11", "200 Milliarden € für künstliche Intelligenz"},
		{"http://technik-rundschau.example/de/ki-fabriken-unlabelled", "Europas KI-Fabriken: 20 Milliarden € für Rechenzentren", "Technik Rundschau",
			"https://technik-rundschau.example/ki/europas-ki-fabriken", "2025-02-11", "200 Milliarden € für künstliche Intelligenz"},
		{site.URL + "/blog/o3-pricing", "OpenAI’s o3 costs €10m a year for the largest customers", "Model Margins",
			site.URL + "/blog/o3-pricing", "2025-04-17", "a floor for “unlimited” access"},
		// No date on the page: the HTTP Last-Modified stands in.
		{site.URL + "/guide/open-weights", "A guide to open-weight models", "127.0.0.1",
			site.URL + "/guide/open-weights", "2025-02-05", "MIT licence"},
		// A page read from another site than the one it names as canonical
		// is cited where it was read: it cannot speak for that site.
		{"http://mirror.example/news/stargate", "The Stargate Project: $500bn for AI data centres", "Silicon Weekly",
			"http://mirror.example/news/stargate", "2025-01-21", "up to $500 billion"},
		{site.URL + "/policy/diffusion", "What the AI diffusion rule means for chip exports", "PolicyWire",
			site.URL + "/policy/diffusion", "2025-01-13", "about 50,000 advanced GPUs"},
	}
	for _, tt := range tests {
		t.Run(tt.fetch, func(t *testing.T) {
			p, err := c.Fetch(context.Background(), tt.fetch)
			if err != nil {
				t.Fatal(err)
			}
			a, body, err := p.Article()
			if err != nil {
				t.Fatal(err)
			}
			src := a.Cite()
			if a.Title != tt.title || src.Publisher != tt.publisher || src.URL != tt.url || a.Published.Format("2006-01-02") != tt.published {
				t.Errorf("got %q / %q / %q / %s, want %q / %q / %q / %s",
					a.Title, src.Publisher, src.URL, a.Published.Format("2006-01-02"), tt.title, tt.publisher, tt.url, tt.published)
			}
			if !strings.Contains(body, tt.body) {
				t.Errorf("body lacks %q:\n%s", tt.body, body)
			}
		})
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	for _, ua := range site.agents {
		if ua != "racebot/v0.0.0-test (+https://github.com/racebot/racebot)" {
			t.Errorf("User-Agent %q", ua)
		}
	}
	for host, n := range site.robots {
		if n != 1 {
			t.Errorf("%s/robots.txt read %d times, want once (cached per host)", host, n)
		}
	}
}

func TestFetchRefuses(t *testing.T) {
	site := newNewsSite(t)
	c := testClient()
	c.Timeout = 500 * time.Millisecond // the slow page's hang guard; no test depends on its length
	tests := []struct {
		name, url string
		is        error  // nil: only the message is checked
		msg       string // in the error
		never     string // a path that must not be requested
	}{
		{"robots.txt for all", site.URL + "/private/story", web.ErrDisallowed, "robots.txt disallows /private/story", "/private/story"},
		{"robots.txt for racebot", site.URL + "/no-racebot/story", web.ErrDisallowed, "disallows /no-racebot/story for racebot", "/no-racebot/story"},
		{"redirect to a disallowed page", site.URL + "/to-private", web.ErrDisallowed, "disallows /private/leak", "/private/leak"},
		// A redirect out of the web is the page's answer, not a hitch:
		// fetching again will not change it.
		{"redirect to ftp", site.URL + "/to-ftp", web.ErrScheme, "redirected to ftp://files.example/a, which is not an http(s) URL", ""},
		{"redirect to file", site.URL + "/to-file", web.ErrScheme, "redirected to file:///etc/passwd, which is not an http(s) URL", ""},
		{"redirect to javascript", site.URL + "/to-javascript", web.ErrScheme, "redirected to javascript:alert(1), which is not an http(s) URL", ""},
		{"redirect loop", site.URL + "/loop", nil, "stopped after 5 redirects", ""},
		{"PDF", site.URL + "/report.pdf", web.ErrNotHTML, "application/pdf", ""},
		{"JSON", site.URL + "/api/story.json", web.ErrNotHTML, "application/json", ""},
		{"unlabelled PDF", site.URL + "/unlabelled.pdf", web.ErrNotHTML, "application/pdf", ""},
		{"oversize", site.URL + "/huge", web.ErrTooLarge, fmt.Sprintf("%d bytes, over the 1048576-byte limit", len(bigPage)), ""},
		{"oversize, chunked", site.URL + "/huge-stream", web.ErrTooLarge, "limit", ""},
		{"slow", site.URL + "/slow", nil, "no complete answer within 500ms", ""},
		{"404", site.URL + "/gone", nil, "404 Not Found", ""},
		{"500", site.URL + "/broken", nil, "500 Internal Server Error", ""},
		{"paywall", site.URL + "/premium/huawei", web.ErrTooShort, "paywall", ""},
		{"ftp", "ftp://files.example/a", web.ErrScheme, "only http and https", ""},
		{"not a URL", "https://exa mple.com/%zz", nil, "not a URL", ""},
		{"relative", "/news/stargate", web.ErrScheme, "only http and https", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Fetch(context.Background(), tt.url)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
			if tt.never != "" && site.hitsOf(tt.never) > 0 {
				t.Errorf("%s was requested", tt.never)
			}
		})
	}
	// An undated page with no Last-Modified, or one that says it changed
	// just now, fetches, but is no article yet.
	for _, path := range []string{"/guide/undated", "/guide/generated"} {
		p, err := c.Fetch(context.Background(), site.URL+path)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := p.Article(); !errors.Is(err, web.ErrNoDate) {
			t.Fatalf("%s: %v", path, err)
		}
	}
}

// TestRobotsStatus checks RFC 9309's rules for a robots.txt that is not
// there: missing (4xx) allows everything; unreadable (5xx, a connection that
// drops) allows nothing.
func TestRobotsStatus(t *testing.T) {
	tests := []struct {
		name   string
		robots http.HandlerFunc
		want   error // nil: the page is fetched
		msg    string
	}{
		{"404", http.NotFound, nil, ""},
		{"403", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) }, nil, ""},
		{"empty", func(w http.ResponseWriter, r *http.Request) {}, nil, ""},
		{"503", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "busy", http.StatusServiceUnavailable) },
			web.ErrRobotsUnavailable, "robots.txt answered 503 Service Unavailable"},
		{"dropped", func(w http.ResponseWriter, r *http.Request) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		}, web.ErrRobotsUnavailable, "could not reach"},
		{"disallow all", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "User-agent: *\nDisallow: /\n") },
			web.ErrDisallowed, "disallows /story"},
		// A moved robots.txt is followed; one that redirects to itself
		// cannot be read.
		{"moved", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.RawQuery == "" {
				http.Redirect(w, r, "/robots.txt?v=2", http.StatusMovedPermanently)
				return
			}
			fmt.Fprint(w, "User-agent: racebot\nDisallow: /story\n")
		}, web.ErrDisallowed, "disallows /story"},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/robots.txt", http.StatusFound) },
			web.ErrRobotsUnavailable, "stopped after 5 redirects"},
		{"redirected elsewhere on the site", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/robots-file", http.StatusFound)
		}, nil, ""},
	}
	page := readPage(t, "opengraph.html")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pageHits int
			var mu sync.Mutex
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					tt.robots(w, r)
					return
				}
				mu.Lock()
				pageHits++
				mu.Unlock()
				fmt.Fprint(w, page)
			}))
			defer srv.Close()
			_, err := testClient().Fetch(context.Background(), srv.URL+"/story")
			if tt.want == nil && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if tt.want != nil {
				if !errors.Is(err, tt.want) || !strings.Contains(fmt.Sprint(err), tt.msg) {
					t.Fatalf("error %v, want %v saying %q", err, tt.want, tt.msg)
				}
				// A site that is down now may be up in a minute; a feed
				// that took it for a refusal would drop its items for good.
				if tt.want == web.ErrRobotsUnavailable && errors.Is(err, web.ErrDisallowed) {
					t.Fatalf("error %v is also ErrDisallowed", err)
				}
				mu.Lock()
				defer mu.Unlock()
				if pageHits > 0 {
					t.Fatal("the page was requested")
				}
			}
		})
	}
}

// TestRobotsUnreachable checks a site that is down: racebot says it could
// not reach it rather than that it is disallowed, fetches no page, and tries
// robots.txt again a few minutes later rather than an hour.
func TestRobotsUnreachable(t *testing.T) {
	page := readPage(t, "opengraph.html")
	var mu sync.Mutex
	down := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if down {
			http.Error(w, "maintenance", http.StatusBadGateway)
			return
		}
		if r.URL.Path != "/robots.txt" {
			fmt.Fprint(w, page)
		}
	}))
	defer srv.Close()
	now := time.Date(2025, 2, 1, 12, 0, 0, 0, time.UTC)
	c := testClient()
	web.SetClock(c, func() time.Time { return now })
	ctx := context.Background()
	if _, err := c.Fetch(ctx, srv.URL+"/story"); !errors.Is(err, web.ErrRobotsUnavailable) || errors.Is(err, web.ErrDisallowed) {
		t.Fatalf("site down: error %v, want ErrRobotsUnavailable only", err)
	}
	mu.Lock()
	down = false
	mu.Unlock()
	now = now.Add(5 * time.Minute)
	if _, err := c.Fetch(ctx, srv.URL+"/story"); err != nil {
		t.Fatalf("site back 5 minutes later: %v", err)
	}

	// Nothing listening at all, as for a host that is down.
	closed := httptest.NewServer(http.NotFoundHandler())
	addr := closed.URL
	closed.Close()
	_, err := c.Fetch(ctx, addr+"/story")
	if !errors.Is(err, web.ErrRobotsUnavailable) || errors.Is(err, web.ErrDisallowed) {
		t.Fatalf("no server: error %v, want ErrRobotsUnavailable only", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "could not reach "+strings.TrimPrefix(addr, "http://")) || strings.Contains(msg, "disallow") {
		t.Fatalf("no server: error %q, want it to say it could not reach the site", msg)
	}
}

// dialRefusal is a dialer's own refusal, as a caller that keeps feeds off
// private addresses returns.
type dialRefusal struct{ host string }

func (e *dialRefusal) Error() string { return "refused to dial " + e.host }

// TestRobotsUnreachableCause checks that the reason a site could not be
// reached stays in the error for errors.As: a caller's own refusal to
// connect is its answer, not a site that is down.
func TestRobotsUnreachableCause(t *testing.T) {
	c := testClient()
	c.HTTP = &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return nil, &dialRefusal{addr}
		},
	}}
	_, err := c.Fetch(context.Background(), "http://intranet.example/story")
	var refusal *dialRefusal
	if !errors.Is(err, web.ErrRobotsUnavailable) || !errors.As(err, &refusal) || refusal.host != "intranet.example:80" {
		t.Fatalf("error %v, want ErrRobotsUnavailable wrapping the dialer's refusal", err)
	}
}

func TestFetchCancelled(t *testing.T) {
	site := newNewsSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := testClient().Fetch(ctx, site.URL+"/news/stargate"); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

// TestFetchIntoFolder runs pages from the news site into a corpus folder as
// racebot add does: each article once, however its URL is dressed, and
// nothing written for a page that fails.
func TestFetchIntoFolder(t *testing.T) {
	site := newNewsSite(t)
	c := site.client()
	dir := t.TempDir()
	folder := corpus.NewFolder(dir)
	ctx := context.Background()
	add := func(path string) (string, error) {
		if strings.HasPrefix(path, "/") {
			path = site.URL + path
		}
		p, err := c.Fetch(ctx, path)
		if err != nil {
			return "", err
		}
		a, body, err := p.Article()
		if err != nil {
			return "", err
		}
		return folder.Add(ctx, a, body)
	}
	steps := []struct {
		path string
		file string // the file added, or the one it duplicates
		dup  bool
		fail bool
	}{
		{"/2025/01/27/nvidia-sheds-589-billion/", "nvidia-sheds-589-billion-as-deepseek-rattles-investors.md", false, false},
		{"/2025/01/27/nvidia-sheds-589-billion/?utm_source=twitter&utm_medium=social", "nvidia-sheds-589-billion-as-deepseek-rattles-investors.md", true, false},
		{"/old-link", "nvidia-sheds-589-billion-as-deepseek-rattles-investors.md", true, false},
		// A page on one site that claims another's article URL does not
		// keep that article out.
		{"http://impostor.example/claims/stargate", "a-guide-to-open-weight-models.md", false, false},
		{"http://siliconweekly.example/news/stargate", "the-stargate-project-500bn-for-ai-data-centres.md", false, false},
		{"/mirror/stargate", "the-stargate-project-500bn-for-ai-data-centres.md", true, false},
		{"/de/ki-fabriken", "europas-ki-fabriken-20-milliarden-fur-rechenzentren.md", false, false},
		{"/de/ki-fabriken-header", "europas-ki-fabriken-20-milliarden-fur-rechenzentren.md", true, false},
		{"/premium/huawei", "", false, true},
		{"/report.pdf", "", false, true},
		{"/slow", "", false, true},
		{"/broken", "", false, true},
		{"/guide/undated", "", false, true},
	}
	c.Timeout = 2 * time.Second
	for _, s := range steps {
		got, err := add(s.path)
		switch {
		case s.fail:
			if err == nil || errors.Is(err, corpus.ErrDuplicate) {
				t.Errorf("%s: error %v, want a failure", s.path, err)
			}
		case s.dup:
			if !errors.Is(err, corpus.ErrDuplicate) || !strings.Contains(err.Error(), s.file) {
				t.Errorf("%s: error %v, want a duplicate of %s", s.path, err, s.file)
			}
		default:
			if err != nil || filepath.Base(got) != s.file {
				t.Errorf("%s: added %s, %v; want %s", s.path, got, err, s.file)
			}
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 4 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Fatalf("folder holds %v, want the 4 articles only", names)
	}
	cp, err := corpus.Load(ctx, os.DirFS(dir))
	if err != nil || len(cp.Articles) != 4 || len(cp.Problems) > 0 {
		t.Fatalf("load: %v, %d articles, %v", err, len(cp.Articles), cp.Problems)
	}
	for _, a := range cp.Articles {
		if a.Kind != corpus.KindArticle || len(a.Passages) < 3 {
			t.Errorf("%s: kind %s, %d passages", a.Path, a.Kind, len(a.Passages))
		}
	}
}
