package corpustest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestDeterminism(t *testing.T) {
	tests := []struct {
		name string
		gen  func(seed int64) fstest.MapFS
	}{
		{"Distractors", func(seed int64) fstest.MapFS { return Distractors(300, seed) }},
		{"Large", func(seed int64) fstest.MapFS { return Large(5000, seed) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b, c := tt.gen(1), tt.gen(1), tt.gen(2)
			if len(a) == 0 || len(a) != len(b) {
				t.Fatalf("same seed: %d and %d files", len(a), len(b))
			}
			same := 0
			for name, f := range a {
				g, ok := b[name]
				if !ok || !bytes.Equal(f.Data, g.Data) {
					t.Fatalf("same seed: %s differs", name)
				}
				if h, ok := c[name]; ok && bytes.Equal(f.Data, h.Data) {
					same++
				}
			}
			if same > 0 {
				t.Errorf("seeds 1 and 2: %d identical files", same)
			}
		})
	}
}

// TestPrefix checks that a smaller corpus is a prefix of a larger one, which
// the package documents and which lets tests grow a corpus without changing
// the articles they already look at.
func TestPrefix(t *testing.T) {
	small, large := Distractors(20, 5), Distractors(200, 5)
	for name, f := range small {
		if !bytes.Equal(f.Data, large[name].Data) {
			t.Errorf("%s differs between n=20 and n=200", name)
		}
	}
	ls, ll := Large(1000, 5), Large(3000, 5)
	names := slices.Sorted(maps.Keys(ls))
	for _, name := range names[:len(names)-1] { // the last article is cut short
		if !bytes.Equal(ls[name].Data, ll[name].Data) {
			t.Errorf("%s differs between 1000 and 3000 passages", name)
		}
	}
}

func TestFS(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"Distractors": Distractors(40, 1),
		"Large":       Large(500, 1),
	} {
		names := slices.Sorted(maps.Keys(fsys))
		if err := fstest.TestFS(fsys, names...); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// article is a generated file split the way racebot reads it.
type article struct {
	fields  map[string]string // top-level front matter keys
	sources []map[string]string
	body    string
}

// parseArticle parses front matter minimally: the fences, top-level
// "key: value" lines and the list of sources.
func parseArticle(data []byte) (article, error) {
	s := string(data)
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return article{}, fmt.Errorf("no opening ---")
	}
	fm, body, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		return article{}, fmt.Errorf("no closing ---")
	}
	a := article{fields: map[string]string{}, body: body}
	for line := range strings.SplitSeq(fm, "\n") {
		switch {
		case strings.HasPrefix(line, "  - "):
			a.sources = append(a.sources, map[string]string{})
			line = "    " + line[4:]
			fallthrough
		case strings.HasPrefix(line, "    "):
			if len(a.sources) == 0 {
				return a, fmt.Errorf("source field outside sources: %q", line)
			}
			k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok {
				return a, fmt.Errorf("bad source line %q", line)
			}
			a.sources[len(a.sources)-1][k] = v
		default:
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				return a, fmt.Errorf("bad line %q", line)
			}
			a.fields[k] = strings.TrimSpace(v)
		}
	}
	return a, nil
}

// unquote reads a YAML double-quoted scalar.
func unquote(t *testing.T, file, v string) string {
	t.Helper()
	s, err := strconv.Unquote(v)
	if err != nil || s == "" {
		t.Errorf("%s: bad quoted string %s", file, v)
	}
	return s
}

func checkDate(t *testing.T, file, v string) {
	t.Helper()
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		t.Errorf("%s: bad date %q", file, v)
	}
}

func TestFrontMatter(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"Distractors": Distractors(2000, 1),
		"Large":       Large(20000, 1),
	} {
		t.Run(name, func(t *testing.T) {
			for file, f := range fsys {
				a, err := parseArticle(f.Data)
				if err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				for _, k := range []string{"id", "title", "published", "kind", "sources", "tags"} {
					if _, ok := a.fields[k]; !ok {
						t.Errorf("%s: no %s", file, k)
					}
				}
				if id := a.fields["id"]; id+".md" != file {
					t.Errorf("%s: id %q", file, id)
				}
				unquote(t, file, a.fields["title"])
				checkDate(t, file, a.fields["published"])
				if k := a.fields["kind"]; k != "article" && k != "summary" {
					t.Errorf("%s: kind %q", file, k)
				}
				if tags := a.fields["tags"]; !strings.HasPrefix(tags, "[") || !strings.HasSuffix(tags, "]") {
					t.Errorf("%s: tags %q", file, tags)
				}
				if len(a.sources) == 0 {
					t.Errorf("%s: no sources", file)
				}
				for _, s := range a.sources {
					unquote(t, file, s["publisher"])
					unquote(t, file, s["title"])
					if u := unquote(t, file, s["url"]); !strings.HasPrefix(u, "https://") {
						t.Errorf("%s: url %q", file, u)
					}
					checkDate(t, file, s["date"])
				}
				if strings.TrimSpace(a.body) == "" {
					t.Errorf("%s: empty body", file)
				}
			}
		})
	}
}

// expectSets reads the answerable questions' expect sets from the copy of
// racebot's dev set in testdata.
func expectSets(t *testing.T) [][]string {
	t.Helper()
	return expectSetsOf(t, "dev.jsonl")
}

// expectSetsOf reads the answerable questions' expect sets of a question
// file in testdata.
func expectSetsOf(t *testing.T, file string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sets [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct {
			Expect       []string `json:"expect"`
			Unanswerable bool     `json:"unanswerable"`
		}
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		if !q.Unanswerable && len(q.Expect) > 0 {
			sets = append(sets, q.Expect)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(sets) == 0 {
		t.Fatalf("no answerable questions in testdata/%s", file)
	}
	return sets
}

// TestDevAnswersUpToDate fails when the dev set gains an expect set that the
// generators do not know to avoid.
func TestDevAnswersUpToDate(t *testing.T) {
	for _, set := range expectSets(t) {
		if !slices.ContainsFunc(devAnswers, func(s []string) bool { return slices.Equal(s, set) }) {
			t.Errorf("expect set %q is missing from devAnswers", set)
		}
	}
}

// TestHeldoutAnswersUpToDate fails when the held-out set gains an expect
// set that Distractors does not know to avoid.
func TestHeldoutAnswersUpToDate(t *testing.T) {
	for _, set := range expectSetsOf(t, "heldout.jsonl") {
		if !slices.ContainsFunc(heldoutAnswers, func(s []string) bool { return slices.Equal(s, set) }) {
			t.Errorf("expect set %q is missing from heldoutAnswers", set)
		}
	}
}

// passages returns every passage a chunker could plausibly cut from an
// article: each line, each pair of adjacent lines, each line with the title,
// and each blank-line-separated block.
func passages(a article) []string {
	title, _ := strconv.Unquote(a.fields["title"])
	var out []string
	var lines []string
	for l := range strings.SplitSeq(a.body, "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	for i, l := range lines {
		out = append(out, l, title+"\n"+l)
		if i > 0 {
			out = append(out, lines[i-1]+"\n"+l)
		}
	}
	for block := range strings.SplitSeq(a.body, "\n\n") {
		out = append(out, block)
	}
	return out
}

// holds reports the first expect set that text contains entirely, compared
// without regard to case.
func holds(text string, sets [][]string) []string {
	text = strings.ToLower(text)
	for _, set := range sets {
		if !slices.ContainsFunc(set, func(e string) bool { return !strings.Contains(text, strings.ToLower(e)) }) {
			return set
		}
	}
	return nil
}

func TestNoExpectedAnswer(t *testing.T) {
	sets := expectSets(t)
	for _, w := range []string{"capital of France", "France", "Paris", "router", "password", "Berlin",
		"weather", "Behemoth", "Llama 4", "Samsung"} {
		sets = append(sets, []string{w})
	}
	check := func(t *testing.T, sets [][]string, fsys fstest.MapFS, all func(article) []string) {
		for file, f := range fsys {
			a, err := parseArticle(f.Data)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			for _, p := range all(a) {
				if set := holds(p, sets); set != nil {
					t.Errorf("%s holds %q in passage:\n%s", file, set, p)
				}
			}
		}
	}
	t.Run("Distractors", func(t *testing.T) {
		// Distractors also keep out the held-out set's answers and what its
		// unanswerable questions ask about.
		sets := append(slices.Clip(sets), expectSetsOf(t, "heldout.jsonl")...)
		for _, w := range heldoutOffTopic {
			sets = append(sets, []string{w})
		}
		check(t, sets, Distractors(2000, 1), passages)
	})
	t.Run("Large", func(t *testing.T) {
		// Large guarantees single paragraphs only.
		check(t, sets, Large(20000, 1), func(a article) []string {
			return strings.FieldsFunc(a.body, func(r rune) bool { return r == '\n' })
		})
	})
}

// figureRE finds figures in the forms the starter corpus writes them.
var figureRE = regexp.MustCompile(`(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}` +
	`|(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}` +
	`|\$\d[\d,.]*(?: (?:trillion|billion|million)|M|B)?` +
	`|\d[\d,.]*(?:%| percent\b)` +
	`|\d[\d,.]*[- ]?(?:gigawatts?|megawatts?|GW|MW|kW|GB/s|TFLOPS|gigabytes per second)` +
	`|\d[\d.]*(?: (?:trillion|billion|million)|M)\b` +
	`|\d{1,3}(?:,\d{3})+`)

// TestNoRealFigure checks that generated text never repeats a figure of the
// starter corpus, whatever its spelling.
func TestNoRealFigure(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		// The regular expression is slow, so the samples are small.
		"Distractors": Distractors(300, 3),
		"Large":       Large(4000, 3),
	} {
		n := 0
		for file, f := range fsys {
			a, _ := parseArticle(f.Data)
			for _, fig := range figureRE.FindAllString(a.body, -1) {
				fig = strings.TrimRight(fig, ".,")
				n++
				if figureBanned(fig) {
					t.Errorf("%s: %s repeats the starter corpus's %q", name, file, fig)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no figures found", name)
		}
	}
}

func TestParseFigure(t *testing.T) {
	tests := []struct {
		in   string
		want figKey
		ok   bool
	}{
		{"$5.576M", figKey{'u', 557600000}, true},
		{"$5.576 million", figKey{'u', 557600000}, true},
		{"US$5m", figKey{'u', 500000000}, true},
		{"$44.1B", figKey{'u', 4410000000000}, true},
		{"9.2%", figKey{'p', 9200}, true},
		{"20 percent", figKey{'p', 20000}, true},
		{"200-megawatt", figKey{'w', 200e6}, true},
		{"1 gigawatt", figKey{'w', 1e9}, true},
		{"450 MW", figKey{'w', 450e6}, true},
		{"400 gigabytes per second", figKey{'b', 400000}, true},
		{"1,200 GB/s", figKey{'b', 1200000}, true},
		{"2.788M", figKey{'n', 2788000000}, true},
		{"50,000", figKey{'n', 50000000}, true},
		{"January 27, 2025", figKey{'d', 20250127}, true},
		{"December 25", figKey{'e', 1225}, true},
		{"May 2023", figKey{'m', 202305}, true},
		{"384", figKey{}, false},
		{"fiscal", figKey{}, false},
	}
	for _, tt := range tests {
		got, ok := parseFigure(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseFigure(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if !figureBanned("December 25, 2023") {
		t.Error("a real month and day is not banned in another year")
	}
}

// paragraphs splits a body the way it was written: blocks separated by blank
// lines, or one paragraph per line when there are no blank lines. Heading
// lines are not paragraphs.
func paragraphs(body string) []string {
	sep := "\n"
	if strings.Contains(body, "\n\n") {
		sep = "\n\n"
	}
	var out []string
	for p := range strings.SplitSeq(strings.TrimSpace(body), sep) {
		if p != "" && !strings.HasPrefix(p, "## ") {
			out = append(out, p)
		}
	}
	return out
}

func TestLarge(t *testing.T) {
	const n = 100000
	fsys := Large(n, 1)
	var paras, long, withFigure, tokens int
	words := map[string]int{}
	for file, f := range fsys {
		a, err := parseArticle(f.Data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		ps := paragraphs(a.body)
		if len(ps) > 12 {
			t.Errorf("%s: %d paragraphs", file, len(ps))
		}
		for _, p := range ps {
			paras++
			fields := strings.Fields(p)
			if len(fields) < 40 {
				t.Fatalf("%s: paragraph of %d words", file, len(fields))
			}
			if len(fields) > 140 {
				long++
			}
			if strings.ContainsAny(p, "0123456789") {
				withFigure++
			}
			for _, w := range fields {
				w = strings.ToLower(strings.Trim(w, ".,"))
				words[w]++
				tokens++
			}
		}
	}
	if paras < 95000 || paras > 105000 {
		t.Errorf("Large(%d) has %d paragraphs", n, paras)
	}
	if long > paras/100 {
		t.Errorf("%d of %d paragraphs longer than 140 words", long, paras)
	}
	if withFigure < paras*6/10 {
		t.Errorf("only %d of %d paragraphs have a figure", withFigure, paras)
	}
	// Zipf-like statistics: a frequent head and a long tail.
	if share := float64(words["the"]) / float64(tokens); share < 0.03 || share > 0.09 {
		t.Errorf("\"the\" is %.1f%% of tokens", 100*share)
	}
	if len(words) < 3000 {
		t.Errorf("vocabulary of %d words", len(words))
	}
	t.Logf("%d files, %d paragraphs, %.0f words per paragraph, %d distinct words, %.1f%% \"the\"",
		len(fsys), paras, float64(tokens)/float64(paras), len(words), 100*float64(words["the"])/float64(tokens))
}

func TestWriteLarge(t *testing.T) {
	dir := t.TempDir()
	if err := WriteLarge(dir, 2000, 3); err != nil {
		t.Fatal(err)
	}
	want := Large(2000, 3)
	got, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("wrote %d files, want %d", len(got), len(want))
	}
	for name, f := range want {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(data, f.Data) {
			t.Errorf("%s differs from Large: %v", name, err)
		}
	}
}

// TestTemplates renders every template many times, so that a template
// naming an unknown slot fails here rather than at some seed, and checks
// that the fallback sentences hold no part of any expected answer, which
// is what makes them safe to fall back on.
func TestTemplates(t *testing.T) {
	g := newDistractorGen(newRNG(1, 0, 0), date{2025, 3, 1})
	for i, tp := range topics {
		for _, list := range [][]string{tp.titles, tp.headings, tp.leads, tp.body} {
			if len(list) == 0 {
				t.Errorf("topic %d has an empty template list", i)
			}
			for _, tmpl := range list {
				for range 50 {
					g.reset()
					s, ok := g.render(tmpl)
					if !ok {
						t.Errorf("template %q cannot be rendered after reset", tmpl)
					}
					if strings.ContainsAny(s, "{}|") {
						t.Errorf("template %q rendered %q", tmpl, s)
					}
				}
			}
		}
	}
	for _, f := range fillers {
		for _, set := range devAnswers {
			for _, e := range set {
				if strings.Contains(strings.ToLower(f), strings.ToLower(e)) {
					t.Errorf("filler %q contains %q", f, e)
				}
			}
		}
	}
}

func TestCopyFS(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, Distractors(5, 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "distractor-00005.md")); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkLarge100k(b *testing.B) {
	for b.Loop() {
		Large(100000, 1)
	}
	b.ReportMetric(float64(b.N)*100000/b.Elapsed().Seconds(), "passages/s")
}

func BenchmarkLargeFiles100k(b *testing.B) {
	var bytes int
	for b.Loop() {
		bytes = 0
		for _, data := range LargeFiles(100000, 1) {
			bytes += len(data)
		}
	}
	b.SetBytes(int64(bytes))
}

func BenchmarkDistractors2000(b *testing.B) {
	for b.Loop() {
		Distractors(2000, 1)
	}
}

func TestAnswerChecker(t *testing.T) {
	c := newAnswerChecker(devAnswers, offTopic)
	tests := []struct {
		text string
		want bool
	}{
		{"SoftBank's Masayoshi Son spoke.", true},
		{"SoftBank chief executive Son spoke.", false},
		{"He called it an ai WAR.", true},
		{"It has 671 billion parameters.", false},
		{"It has 671 billion parameters, 37 billion active.", true},
		{"Chips from SMIC's fabs.", true},
		{"The cosmic scale.", true}, // "smic" inside a word still counts: matching is by substring
		{"It rose 7% to $7 trillion.", true},
		{"It rose 17% to $8 trillion.", false},
		{"Sunny in Berlin.", true},
		{"", false},
		{"7", false},
	}
	for _, tt := range tests {
		if got := c.holdsString(tt.text); got != tt.want {
			t.Errorf("holds(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestQuestions(t *testing.T) {
	a, b := Questions(200, 1), Questions(200, 1)
	if !slices.Equal(a, b) {
		t.Fatal("Questions(200, 1) differs between calls")
	}
	if slices.Equal(a, Questions(200, 2)) {
		t.Error("Questions(200, 2) equals Questions(200, 1)")
	}
	seen := map[string]bool{}
	for _, q := range a {
		if strings.Contains(q, "{") || strings.TrimSpace(q) == "" {
			t.Errorf("unfilled question %q", q)
		}
		seen[q] = true
	}
	if len(seen) < 150 {
		t.Errorf("only %d distinct questions of 200", len(seen))
	}
}
