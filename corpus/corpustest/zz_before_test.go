package corpustest

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"testing/fstest"
)

func TestZZBefore(t *testing.T) {
	dir := os.Getenv("BEFORE")
	if dir == "" {
		t.Skip()
	}
	fsys := fstest.MapFS{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, f := range files {
		d, _ := os.ReadFile(f)
		fsys[filepath.Base(f)] = &fstest.MapFile{Data: d}
	}
	n, vs := corpusViolations(t, fsys)
	counts := map[string]int{}
	ex := map[string]string{}
	for _, v := range vs {
		k := v.kind + " / " + v.subject
		counts[k]++
		ex[k] = v.sentence
	}
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return counts[keys[i]] > counts[keys[j]] })
	t.Logf("%d sentences, %d violations, %d distinct pairs", n, len(vs), len(keys))
	for _, k := range keys {
		t.Logf("%5d %s  e.g. %s", counts[k], k, ex[k])
	}
}

func TestZZDump(t *testing.T) {
	dir := os.Getenv("DUMP")
	if dir == "" {
		t.Skip()
	}
	os.MkdirAll(dir, 0o755)
	if err := os.CopyFS(dir, Distractors(2000, 1)); err != nil {
		t.Fatal(err)
	}
}
