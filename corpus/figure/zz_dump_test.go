package figure

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestZZDump prints each sentence of the starter corpus with figures (temporary).
func TestZZDump(t *testing.T) {
	if os.Getenv("FIGDUMP") == "" {
		t.Skip()
	}
	var b strings.Builder
	for pi, para := range readParagraphs(t) {
		figs := Extract(para)
		p := &parser{text: para, toks: tokenize(para)}
		ss := 0
		fi := 0
		for k := 0; k < len(p.toks); k++ {
			end := k == len(p.toks)-1 || p.sentenceEnd(k) || (k+1 < len(p.toks) && p.toks[k+1].nl)
			if !end {
				continue
			}
			s, e := p.toks[ss].start, p.toks[k].end
			var fl []string
			for fi < len(figs) && figs[fi].Start < e {
				f := figs[fi]
				x := fmt.Sprintf("  [%s] %q", f.Kind, f.Text)
				if f.Qualifier != "" {
					x += " q=" + f.Qualifier
				}
				if f.Counts != "" {
					x += " counts=" + f.Counts
				}
				if f.Unit != "" {
					x += " unit=" + f.Unit
				}
				if f.Per != "" {
					x += " per=" + f.Per
				}
				x += " <- " + f.Claimant
				fl = append(fl, x)
				fi++
			}
			if len(fl) > 0 || os.Getenv("FIGDUMP") == "all" || os.Getenv("FIGDUMP") == "nofig" && strings.ContainsAny(para[s:e], "0123456789") {
				fmt.Fprintf(&b, "P%d: %s\n%s\n", pi, para[s:e], strings.Join(fl, "\n"))
			}
			ss = k + 1
		}
	}
	os.WriteFile(os.Getenv("FIGOUT"), []byte(b.String()), 0o644)
}
