package figure

import (
	"fmt"
	"os"
	"testing"
)

func TestZZOne(t *testing.T) {
	in := os.Getenv("FIGIN")
	if in == "" {
		t.Skip()
	}
	for _, f := range Extract(in) {
		fmt.Printf("%q kind=%s q=%s counts=%q unit=%s per=%q <- %q\n", f.Text, f.Kind, f.Qualifier, f.Counts, f.Unit, f.Per, f.Claimant)
	}
}

func TestZZOrg(t *testing.T) {
	in := os.Getenv("FIGIN")
	if in == "" {
		t.Skip()
	}
	p := &parser{text: in, toks: tokenize(in)}
	for i := range p.toks {
		fmt.Printf("%d:%q ", i, p.str(i))
	}
	fmt.Println()
	c := sent{s: 0, e: len(p.toks)}
	for k := range p.toks {
		if p.wordIs(k, "they") {
			fmt.Println("resolve", p.resolveOrg(&c, k))
		}
	}
}
