package figure

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/news.jsonl from the current output (check the diff by eye first)")

// newsCase is one line of testdata/news.jsonl: a sentence from AI-race news
// and every figure expected in it. NoCount marks sentences whose numbers are
// names, versions, rankings or years and must never yield a count.
type newsCase struct {
	Text    string   `json:"text"`
	NoCount bool     `json:"nocount,omitempty"`
	Figures []Figure `json:"figures"`
}

const newsFile = "news.jsonl"

func readNews(t *testing.T) []newsCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", newsFile))
	if err != nil {
		t.Fatal(err)
	}
	var cases []newsCase
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c newsCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s:%d: %v", newsFile, n, err)
		}
		cases = append(cases, c)
	}
	return cases
}

func writeNews(t *testing.T, cases []newsCase) {
	t.Helper()
	var buf bytes.Buffer
	for _, c := range cases {
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join("testdata", newsFile), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func fmtNum(p *float64) string {
	if p == nil {
		return "null"
	}
	b, _ := json.Marshal(*p)
	return string(b)
}

func sameNum(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return sameValue(*a, *b)
}

// diffFigure describes how got differs from want, or returns "".
func diffFigure(got, want Figure) string {
	var d []string
	add := func(field, g, w string) {
		if g != w {
			d = append(d, field+": got "+g+", want "+w)
		}
	}
	add("text", got.Text, want.Text)
	if !sameNum(got.Value, want.Value) {
		add("value", fmtNum(got.Value), fmtNum(want.Value))
	}
	if !sameNum(got.Low, want.Low) {
		add("low", fmtNum(got.Low), fmtNum(want.Low))
	}
	if !sameNum(got.High, want.High) {
		add("high", fmtNum(got.High), fmtNum(want.High))
	}
	add("unit", got.Unit, want.Unit)
	add("kind", string(got.Kind), string(want.Kind))
	add("qualifier", got.Qualifier, want.Qualifier)
	add("counts", got.Counts, want.Counts)
	add("claimant", got.Claimant, want.Claimant)
	add("per", got.Per, want.Per)
	add("date", got.Date, want.Date)
	return strings.Join(d, "; ")
}

func TestGoldenNews(t *testing.T) {
	cases := readNews(t)
	if len(cases) < 200 {
		t.Errorf("golden file has %d sentences, want at least 200", len(cases))
	}
	if *update {
		for i := range cases {
			cases[i].Figures = Extract(cases[i].Text)
			if cases[i].Figures == nil {
				cases[i].Figures = []Figure{}
			}
		}
		writeNews(t, cases)
		t.Logf("rewrote testdata/%s with %d sentences", newsFile, len(cases))
		return
	}
	nfig := 0
	for _, c := range cases {
		got := Extract(c.Text)
		nfig += len(c.Figures)
		for _, f := range got {
			if c.Text[f.Start:f.End] != f.Text {
				t.Errorf("%q: offsets [%d,%d) do not give %q", c.Text, f.Start, f.End, f.Text)
			}
			if c.NoCount && f.Kind == Count {
				t.Errorf("%q: names, versions and years gave the count %q", c.Text, f.Text)
			}
		}
		if len(got) != len(c.Figures) {
			t.Errorf("%q:\n got %d figures, want %d\n got:  %s\n want: %s", c.Text, len(got), len(c.Figures), texts(got), texts(c.Figures))
			continue
		}
		for i := range got {
			if d := diffFigure(got[i], c.Figures[i]); d != "" {
				t.Errorf("%q:\n figure %d %q: %s", c.Text, i, c.Figures[i].Text, d)
			}
		}
	}
	t.Logf("%d sentences, %d figures", len(cases), nfig)
}

func texts(figs []Figure) string {
	s := make([]string, len(figs))
	for i, f := range figs {
		s[i] = f.Text
	}
	return strings.Join(s, " | ")
}
