package figure

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZBatch(t *testing.T) {
	path := os.Getenv("FIGBATCH")
	if path == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(path)
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		fmt.Println(line)
		for _, f := range Extract(line) {
			x := fmt.Sprintf("   %-40q %s", f.Text, f.Kind)
			if f.Qualifier != "" {
				x += " q=" + f.Qualifier
			}
			if f.Counts != "" {
				x += " counts=" + f.Counts
			}
			fmt.Printf("%s <- %q\n", x, f.Claimant)
		}
	}
}
