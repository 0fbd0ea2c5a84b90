package index

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

func sameTokens(t *testing.T, input string) {
	t.Helper()
	want := unicode.NewUnicodeTokenizer().Tokenize([]byte(input))
	got := (&wordTokenizer{fallback: unicode.NewUnicodeTokenizer()}).Tokenize([]byte(input))
	eq := func(a, b *analysis.Token) bool {
		return string(a.Term) == string(b.Term) && a.Start == b.Start && a.End == b.End && a.Position == b.Position
	}
	if !slices.EqualFunc(got, want, eq) {
		t.Fatalf("tokens of %q differ:\n got %v\nwant %v", input, got, want)
	}
}

func TestWordTokenizerMatchesUnicode(t *testing.T) {
	for _, s := range []string{
		"", "a", "U.S. export controls", "50,000 GPUs; $5.576M", "DeepSeek-V3's 2.788M H800 GPU-hours",
		"Nvidia’s ‘AI war’ — “quoted” … • x", "e.g. i.e. 1.2.3 a.1 1.a a:b 1:2 a,b 1,2 1;2 a;b",
		"it's rock 'n' roll '90s", "tab\there\nnew\r\nline", "trailing.", "..a..b..", "3.5x 10k 1e9",
		"café", "naïve 日本語 テスト", "snake_case", "zero\u200bwidth", "soft\u00adhyphen",
	} {
		sameTokens(t, s)
	}
	// Random strings over the characters the fast path models, and a few
	// it hands to the unicode tokenizer.
	alphabet := []string{"a", "B", "z", "1", "0", " ", ".", ",", ";", ":", "'", "’", "‘", "“", "”", "—", "–", "…", "•", "-", "$", "%", "\n", "é", "_", "\u200d"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		sameTokens(t, string(b))
	}
}

func TestWordTokenizerOnCorpus(t *testing.T) {
	files, _ := filepath.Glob("../corpus/articles/*.md")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sameTokens(t, string(data))
	}
}

// FuzzWordTokenizer checks that racebot's tokenizer and Bleve's unicode
// tokenizer agree on every input.
func FuzzWordTokenizer(f *testing.F) {
	for _, s := range []string{"U.S. export controls", "50,000 GPUs’ 2.788M", "“AI war” — Wang’s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameTokens(t, s) })
}

func BenchmarkTokenizer(b *testing.B) {
	data, err := os.ReadFile("../corpus/articles/stargate-announcement.md")
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		tok  analysis.Tokenizer
	}{
		{"racebot", &wordTokenizer{fallback: unicode.NewUnicodeTokenizer()}},
		{"unicode", unicode.NewUnicodeTokenizer()},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				tc.tok.Tokenize(data)
			}
		})
	}
}

// TestAnalyzerMatchesEn checks that racebot's analyzer gives exactly the
// terms of Bleve's "en" analyzer with accents folded (foldFilter), which
// it replaces for speed, but for the words it stems on purpose otherwise
// (stemExceptions).
func TestAnalyzerMatchesEn(t *testing.T) {
	m, err := newMapping(BM25)
	if err != nil {
		t.Fatal(err)
	}
	err = m.AddCustomAnalyzer("en_folded", map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, foldFilterName, en.StopName, porter.Name},
	})
	if err != nil {
		t.Fatal(err)
	}
	ours, theirs := m.AnalyzerNamed(textAnalyzer), m.AnalyzerNamed("en_folded")
	files, _ := filepath.Glob("../corpus/articles/*.md")
	inputs := []string{"The U.S. said Nvidia's H100s cost $30,000 apiece; DeepSeek’s models are running", "running runs ran",
		"Gospić and Skłodowska-Curie in Zürich",
		"The US used it; they use it, using it, a useful use"}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		inputs = append(inputs, string(data), string(data)) // twice: uncached, then cached
	}
	for _, in := range inputs {
		a, b := ours.Analyze([]byte(in)), theirs.Analyze([]byte(in))
		if !slices.EqualFunc(a, b, func(x, y *analysis.Token) bool {
			same := string(x.Term) == string(y.Term) || stemExceptions[strings.ToLower(in[x.Start:x.End])] == string(x.Term)
			return same && x.Start == y.Start && x.Position == y.Position
		}) {
			t.Fatalf("analysis of %.40q differs from en", in)
		}
	}
}

// TestTermOf checks the one-word shortcut of the analyser against the
// analyser itself, on every word of the corpus and every stop word made of
// letters.
func TestTermOf(t *testing.T) {
	x, err := Open(t.Context(), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../corpus/articles/*.md")
	words := []string{"the", "and", "running", "deepseek", "nvidia"}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for _, w := range strings.FieldsFunc(strings.ToLower(string(data)), func(r rune) bool { return r < 'a' || r > 'z' }) {
			words = append(words, w)
		}
	}
	for w := range x.stop {
		if isLower(w) { // termOf is for words of letters only
			words = append(words, w)
		}
	}
	for _, w := range words {
		want := ""
		if ts := analyse(x.an, w); len(ts) == 1 {
			want = ts[0]
		}
		if got := x.termOf(w); got != want {
			t.Errorf("termOf(%q) = %q, the analyser gives %q", w, got, want)
		}
	}
}

// TestSynonymEntriesKeepTheirWords: a synonym entry of several words that
// analyses to a single word would make that word a synonym of the group
// ("sell off" is "sell", and every sale a selloff), so the list refuses it.
func TestSynonymEntriesKeepTheirWords(t *testing.T) {
	m, err := newMapping(DefaultScoring)
	if err != nil {
		t.Fatal(err)
	}
	an, err := analyzer(m)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		list, wantErr string
	}{
		{"selloff, rout\n", ""},
		{"export controls, export restrictions\n", ""},
		{"per year, annually => year\n", ""},
		{"selloff, sell off, rout\n", `line 1: "sell off" is the one word "sell"`},
		{"# prices\nper year, a year\n", `line 2: "a year" is the one word "year"`},
		{"selloff, sell-off\n", `"sell-off" is the one word "sell"`},
		{"the, a\n", "only stop words"},
	}
	for _, tt := range tests {
		_, err := parseSynonyms(tt.list, an)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("parseSynonyms(%q) = %v", tt.list, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("parseSynonyms(%q) = %v, want an error saying %s", tt.list, err, tt.wantErr)
		}
	}
}

// TestUseIsNotUS: "use" and its forms are not stemmed to "us", the United
// States, as Porter would.
func TestUseIsNotUS(t *testing.T) {
	m, err := newMapping(DefaultScoring)
	if err != nil {
		t.Fatal(err)
	}
	an, err := analyzer(m)
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"use": "use", "used": "use", "uses": "use", "using": "use", "useful": "use",
		"US": "us", "users": "user", "usage": "usag",
	} {
		if got := analyse(an, in); len(got) != 1 || got[0] != want {
			t.Errorf("analyse(%q) = %v, want [%s]", in, got, want)
		}
	}
}
