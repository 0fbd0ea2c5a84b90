package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/racebot/racebot/corpus/figure"
)

type figuresCmd struct {
	Text []string `arg:"" help:"The text to read figures from, or - to read one text per line from standard input." placeholder:"TEXT"`
	JSON bool     `name:"json" help:"Print a JSON array of the figures (one array per input line with -)."`
}

func (c *figuresCmd) Run(e *env) error {
	if len(c.Text) == 1 && c.Text[0] == "-" {
		sc := bufio.NewScanner(e.stdin)
		sc.Buffer(make([]byte, 64*1024), 4<<20)
		for sc.Scan() {
			if err := c.write(e, sc.Text()); err != nil {
				return err
			}
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("read text: %w", err)
		}
		return nil
	}
	return c.write(e, strings.Join(c.Text, " "))
}

func (c *figuresCmd) write(e *env, text string) error {
	figs := figure.Extract(text)
	if figs == nil {
		figs = []figure.Figure{}
	}
	if c.JSON {
		return writeJSON(e.stdout, figs)
	}
	if len(figs) == 0 {
		fmt.Fprintln(e.stdout, "no figures")
		return nil
	}
	for _, f := range figs {
		fmt.Fprintf(e.stdout, "%s\t%s\n", f.Text, describe(f))
	}
	return nil
}

// describe explains a figure's normalised form in words.
func describe(f figure.Figure) string {
	var parts []string
	parts = append(parts, string(f.Kind))
	switch {
	case f.Value != nil:
		parts = append(parts, "value="+number(*f.Value))
	case f.Low != nil || f.High != nil:
		lo, hi := "?", "?"
		if f.Low != nil {
			lo = number(*f.Low)
		}
		if f.High != nil {
			hi = number(*f.High)
		}
		parts = append(parts, "range="+lo+".."+hi)
	}
	if f.Date != "" {
		parts = append(parts, "date="+f.Date)
	}
	if f.Unit != "" {
		parts = append(parts, "unit="+f.Unit)
	}
	if f.Qualifier != "" {
		parts = append(parts, "qualifier="+f.Qualifier)
	}
	if f.Counts != "" {
		parts = append(parts, "counts="+f.Counts)
	}
	if f.Claimant != "" {
		parts = append(parts, "claimant="+f.Claimant)
	}
	return strings.Join(parts, " ")
}

// number writes a value in full ("500000000000", not "5e+11"), as people
// compare it with the figure's text.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
