package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	day := time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)
	src := Overrides{URL: "https://news.example/compute?utm_source=x", Published: day}
	tests := []struct {
		name      string
		file      string
		ov        Overrides
		title, id string
		publisher string
		body      string
		err       error // errors.Is
		source    bool  // a *SourceError
	}{
		{name: "markdown with a heading", file: write("notes.md", "# Notes on compute\n\nThe largest runs use 100,000 GPUs.\n"), ov: src,
			title: "Notes on compute", publisher: "news.example", body: "\nThe largest runs use 100,000 GPUs.\n"},
		{name: "text, first line the title", file: write("story.txt", "\ufeffHuawei ships Ascend chips\r\nOrders rose.\r\n"), ov: Overrides{URL: src.URL, Published: day, Publisher: "Example Daily"},
			title: "Huawei ships Ascend chips", publisher: "Example Daily", body: "Orders rose.\n"},
		{name: "a title given overrides the file's", file: write("titled.txt", "First line\nBody.\n"), ov: Overrides{URL: src.URL, Published: day, Title: "Given"},
			title: "Given", publisher: "news.example", body: "First line\nBody.\n"},
		{name: "article format keeps its id", file: write("a.md", "---\nid: chip-report\ntitle: \"Chip report\"\npublished: 2025-03-01\nkind: summary\nsources:\n  - publisher: \"E\"\n    url: \"https://e.example/r\"\n---\nBody text.\n"),
			title: "Chip report", id: "chip-report", publisher: "E", body: "Body text.\n"},
		{name: "no heading", file: write("plain.md", "Just text, no heading.\n"), ov: src, err: ErrNoTitle},
		{name: "no URL or date", file: write("bare.txt", "Title\nBody\n"), source: true},
		{name: "not a kind racebot reads", file: write("paper.pdf", "%PDF-1.7\n"), err: ErrUnsupported},
		{name: "missing", file: filepath.Join(dir, "gone.pdf"), err: os.ErrNotExist},
		{name: "a folder", file: func() string { p := filepath.Join(dir, "folder.md"); os.Mkdir(p, 0o755); return p }(), err: nil, source: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, body, err := File(tt.file, tt.ov)
			var se *SourceError
			switch {
			case tt.source:
				if !errors.As(err, &se) || !se.NoURL || !se.NoPublished {
					t.Fatalf("err %v, want a SourceError missing both", err)
				}
				return
			case tt.err != nil:
				if !errors.Is(err, tt.err) {
					t.Fatalf("err %v, want %v", err, tt.err)
				}
				return
			case tt.title == "":
				if err == nil {
					t.Fatalf("no error for %s", tt.file)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if a.Title != tt.title || a.ID != tt.id || a.Sources[0].Publisher != tt.publisher || body != tt.body {
				t.Errorf("title %q id %q publisher %q body %q; want %q %q %q %q", a.Title, a.ID, a.Sources[0].Publisher, body, tt.title, tt.id, tt.publisher, tt.body)
			}
		})
	}
}
