package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// newsServer serves the saved news pages of corpus/web's tests, as a news
// site would, plus a PDF.
func newsServer(t *testing.T) *httptest.Server {
	t.Helper()
	page := func(name string) string {
		data, err := os.ReadFile(filepath.Join("..", "..", "corpus", "web", "testdata", "pages", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /members/\n")
	})
	for path, name := range map[string]string{
		"/2025/01/27/nvidia-sheds-589-billion/": "jsonld-graph.html",
		"/news/stargate":                        "opengraph.html",
		"/guide/open-weights":                   "nodate.html",
		"/premium/huawei":                       "paywall.html",
		"/members/stargate":                     "opengraph.html",
	} {
		body := page(name)
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, body) })
	}
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.7\n")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// corpusFiles lists a corpus folder, hidden files included.
func corpusFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestAddURLs(t *testing.T) {
	srv := newsServer(t)
	dir := filepath.Join(t.TempDir(), "corpus") // does not exist yet
	idx := indexFlag(t)
	code, out, errOut := racebot(t, "", "add", "--corpus", dir, idx, "--tag", "nvidia", "--tag=markets",
		srv.URL+"/2025/01/27/nvidia-sheds-589-billion/",
		srv.URL+"/2025/01/27/nvidia-sheds-589-billion/?utm_source=newsletter&utm_medium=email",
		srv.URL+"/news/stargate",
		srv.URL+"/report.pdf",
		srv.URL+"/premium/huawei",
		srv.URL+"/guide/open-weights",
		srv.URL+"/members/stargate",
	)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (some inputs failed)\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	wantOut := []string{
		"copied the 19 starter articles",
		"added " + filepath.Join(dir, "nvidia-sheds-589-billion-as-deepseek-rattles-investors.md") +
			": Nvidia sheds $589 billion as DeepSeek rattles investors (Compute Ledger Media, 2025-01-27), ",
		"skipped " + srv.URL + "/2025/01/27/nvidia-sheds-589-billion/?utm_source=newsletter&utm_medium=email: already in the corpus as " +
			filepath.Join(dir, "nvidia-sheds-589-billion-as-deepseek-rattles-investors.md") + " (same source URL)",
		"added " + filepath.Join(dir, "the-stargate-project-500bn-for-ai-data-centres.md") + ": The Stargate Project: $500bn for AI data centres (Silicon Weekly, 2025-01-21)",
		" the index: 21 articles,",
	}
	for _, w := range wantOut {
		if !strings.Contains(out, w) {
			t.Errorf("stdout lacks %q:\n%s", w, out)
		}
	}
	if !regexp.MustCompile(`rattles investors \(Compute Ledger Media, 2025-01-27\), [5-9] passages, \d+ figures`).MatchString(out) {
		t.Errorf("no passage and figure counts:\n%s", out)
	}
	wantErr := []string{
		"failed " + srv.URL + "/report.pdf: fetch " + srv.URL + "/report.pdf: it is application/pdf, not an HTML page",
		"failed " + srv.URL + "/premium/huawei: fetch " + srv.URL + "/premium/huawei: too little article text",
		"failed " + srv.URL + "/guide/open-weights: the page gives no publication date; give it with --published YYYY-MM-DD",
		"failed " + srv.URL + "/members/stargate: fetch " + srv.URL + "/members/stargate: disallowed by robots.txt",
		"racebot: 4 of 7 input(s) could not be added",
	}
	for _, w := range wantErr {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	names := corpusFiles(t, dir)
	if len(names) != 21 {
		t.Errorf("corpus holds %d files, want 19 starter and 2 added: %v", len(names), names)
	}
	for _, n := range names {
		if strings.HasPrefix(n, ".") {
			t.Errorf("left behind: %s", n)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "nvidia-sheds-589-billion-as-deepseek-rattles-investors.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "tags: [nvidia, markets]") || !strings.Contains(string(data), "kind: article") {
		t.Errorf("article file:\n%s", data)
	}

	// The index answers from the new articles.
	code, out, errOut = racebot(t, "", "sources", "--corpus", dir, idx, "Compute", "Ledger")
	if code != 0 || !strings.Contains(out, "nvidia-sheds-589-billion-as-deepseek-rattles-investors") {
		t.Fatalf("sources after add: exit %d\n%s%s", code, out, errOut)
	}

	// The undated page goes in once a date is given; the same page again
	// is skipped, and that is no failure.
	code, out, errOut = racebot(t, "", "add", "--corpus", dir, idx, "--published", "2025-02-01", "--no-index",
		srv.URL+"/guide/open-weights", srv.URL+"/news/stargate")
	if code != 0 || !strings.Contains(out, "added ") || !strings.Contains(out, "A guide to open-weight models (127.0.0.1, 2025-02-01)") ||
		!strings.Contains(out, "skipped "+srv.URL+"/news/stargate") || strings.Contains(out, "copied") || strings.Contains(out, "index") {
		t.Fatalf("second add: exit %d\n%s%s", code, out, errOut)
	}
}

func TestAddFiles(t *testing.T) {
	dir := t.TempDir()
	files := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(files, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	saved, err := os.ReadFile(filepath.Join("..", "..", "corpus", "web", "testdata", "pages", "windows-1252.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := write("europa.html", string(saved))
	article := write("my-article.md", "---\nid: chip-smuggling-report\ntitle: \"Chip smuggling report\"\npublished: 2025-03-01\nkind: summary\n"+
		"sources:\n  - publisher: \"Example\"\n    url: \"https://example.com/smuggling\"\n---\nA report said that advanced chips reached China through third countries.\n")
	broken := write("broken.md", "---\ntitle: \"No date\"\nsources:\n  - publisher: \"E\"\n    url: \"https://e.com\"\n---\nBody.\n")
	plainMD := write("notes.md", "# Notes on compute\n\nThe largest training runs now use more than 100,000 GPUs.\n")
	txt := write("story.txt", "Huawei ships Ascend chips\nHuawei shipped its Ascend 910C chips to Chinese customers.\nOrders rose through the year.\n")
	pdf := write("paper.pdf", "%PDF-1.7\n")
	run := func(args ...string) (int, string, string) {
		return racebot(t, "", append([]string{"add", "--corpus", dir, "--no-index"}, args...)...)
	}

	code, out, errOut := run(html, article, broken, plainMD, pdf, filepath.Join(files, "missing.html"), "example.com/story")
	if code != 1 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, w := range []string{
		"added " + filepath.Join(dir, "europas-ki-fabriken-20-milliarden-fur-rechenzentren.md") + ": Europas KI-Fabriken: 20 Milliarden € für Rechenzentren (Technik Rundschau, 2025-02-11)",
		"added " + filepath.Join(dir, "chip-smuggling-report.md") + ": Chip smuggling report (Example, 2025-03-01)",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("stdout lacks %q:\n%s", w, out)
		}
	}
	for _, w := range []string{
		"failed " + broken + ": broken.md:1: published date is missing",
		"failed " + plainMD + ": a .md file does not say where and when it was published: give --url (the address the article came from) and --published YYYY-MM-DD",
		"failed " + pdf + `: racebot add reads web pages (http or https URLs) and .html, .md and .txt files, not ".pdf" files`,
		"failed " + filepath.Join(files, "missing.html") + ": read file: no such file or directory",
		"failed example.com/story: not a URL (they start with https://) and not a file",
	} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}

	code, out, errOut = run("--url", "https://www.notes.example/compute", "--published", "2025-03-02", plainMD)
	if code != 0 || !strings.Contains(out, "added "+filepath.Join(dir, "notes-on-compute.md")+": Notes on compute (notes.example, 2025-03-02), 1 passage, ") {
		t.Fatalf("plain Markdown: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run("--url", "https://news.example/huawei", "--published", "2025-03-03", "--publisher", "Example Daily", txt)
	if code != 0 || !strings.Contains(out, ": Huawei ships Ascend chips (Example Daily, 2025-03-03), 2 passages") {
		t.Fatalf("text file: exit %d\n%s%s", code, out, errOut)
	}
	// The same text under another name and URL is a duplicate.
	code, out, errOut = run("--url", "https://elsewhere.example/h", "--published", "2025-03-04", write("copy.txt", string(mustRead(t, txt))))
	if code != 0 || !strings.Contains(out, "already in the corpus as "+filepath.Join(dir, "huawei-ships-ascend-chips.md")+" (same text)") {
		t.Fatalf("copy: exit %d\n%s%s", code, out, errOut)
	}
	// The article file again is skipped; another with its id is refused,
	// not renamed.
	code, out, errOut = run(article)
	if code != 0 || !strings.Contains(out, "skipped "+article+": already in the corpus as "+filepath.Join(dir, "chip-smuggling-report.md")) {
		t.Fatalf("article again: exit %d\n%s%s", code, out, errOut)
	}
	other := write("other.md", strings.Replace(string(mustRead(t, article)), "A report said", "Another report said", 1))
	code, _, errOut = run("--url", "https://example.com/other", other)
	if code != 1 || !strings.Contains(errOut, `id "chip-smuggling-report" is already used by `+filepath.Join(dir, "chip-smuggling-report.md")) {
		t.Fatalf("taken id: exit %d\n%s", code, errOut)
	}
	for _, n := range corpusFiles(t, dir) {
		if strings.HasPrefix(n, ".") {
			t.Errorf("left behind: %s", n)
		}
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestAddUsage(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	os.WriteFile(notDir, []byte("x"), 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"add", "https://e.com/a"}, "give --corpus DIR or set RACEBOT_CORPUS"},
		{[]string{"add", "--corpus", dir, "--title", "T", "https://e.com/a", "https://e.com/b"}, "--title and --url name one article"},
		{[]string{"add", "--corpus", dir, "--published", "27/01/2025", "https://e.com/a"}, `--published "27/01/2025" is not a date like 2025-01-27`},
		{[]string{"add", "--corpus", dir, "--url", "file:///x", "a.html"}, "is not an http(s) URL"},
		{[]string{"add", "--corpus", notDir, "https://e.com/a"}, "is not a folder"},
		{[]string{"add", "--corpus", dir}, "expected"},
	}
	for _, tt := range tests {
		code, _, errOut := racebot(t, "", append(tt.args, indexFlag(t))...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
	if names := corpusFiles(t, dir); len(names) != 1 {
		t.Errorf("a usage error changed the corpus folder: %v", names)
	}
}
