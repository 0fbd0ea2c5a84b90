package bottest

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// GoldenPNG compares a PNG with the golden image at path, allowing share
// of its pixels to differ clearly (anti-aliasing and fonts differ a little
// between machines and versions), or with -update rewrites it. On a
// mismatch it writes this run's image beside the test's temporary files
// and names it, to look at both.
func GoldenPNG(t testing.TB, path string, raw []byte, share float64) {
	t.Helper()
	got, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatalf("golden %s: %v", path, err)
	}
	if d := PixelDiff(got, want); d > share {
		out := filepath.Join(t.TempDir(), filepath.Base(path))
		os.WriteFile(out, raw, 0o644)
		t.Errorf("%.1f%% of pixels differ from %s, more than %.1f%%; this run's image is %s (go test -update rewrites the golden)", 100*d, path, 100*share, out)
	}
}

// PixelDiff is the share of pixels that differ clearly in any channel,
// over the larger of two images; where one is larger, its extra pixels
// count as differing.
func PixelDiff(a, b image.Image) float64 {
	ra, rb := a.Bounds(), b.Bounds()
	w, h := max(ra.Dx(), rb.Dx()), max(ra.Dy(), rb.Dy())
	n := 0
	for y := range h {
		for x := range w {
			pa, pb := image.Pt(ra.Min.X+x, ra.Min.Y+y), image.Pt(rb.Min.X+x, rb.Min.Y+y)
			if !pa.In(ra) || !pb.In(rb) {
				n++
				continue
			}
			r1, g1, b1, _ := a.At(pa.X, pa.Y).RGBA()
			r2, g2, b2, _ := b.At(pb.X, pb.Y).RGBA()
			if apart(r1, r2) || apart(g1, g2) || apart(b1, b2) {
				n++
			}
		}
	}
	return float64(n) / float64(w*h)
}

// apart reports whether two channel values differ by more than an eighth.
func apart(a, b uint32) bool {
	const tolerance = 0x2000 // of 0xffff
	return a > b+tolerance || b > a+tolerance
}

// CheckSVG fails t unless svg is well-formed XML holding nothing that
// could run or load were it opened on its own: no script, foreign object,
// link, image, use or markup an article could have slipped in (<b>), no
// event handler and no href.
func CheckSVG(t testing.TB, svg []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "script", "foreignObject", "a", "image", "use", "b":
			t.Errorf("SVG holds a <%s> element", se.Name.Local)
		}
		for _, at := range se.Attr {
			if k := strings.ToLower(at.Name.Local); strings.HasPrefix(k, "on") || k == "href" {
				t.Errorf("SVG element <%s> has %s", se.Name.Local, at.Name.Local)
			}
		}
	}
}
