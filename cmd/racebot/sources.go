package main

import (
	"fmt"
	"strings"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index"
)

type sourcesCmd struct {
	Query []string `arg:"" optional:"" help:"Only list articles about this (words of the title, publisher or tags)." placeholder:"QUERY"`
	JSON  bool     `name:"json" help:"Print a JSON array."`
}

func (c *sourcesCmd) Run(e *env, g *cli) error {
	idx, _, err := g.openIndex(e, index.Options{}, false)
	if err != nil {
		return err
	}
	defer idx.Close()
	list := bot.Sources(idx.Articles(), strings.Join(c.Query, " "))
	if c.JSON {
		if list == nil {
			list = []bot.Source{}
		}
		return writeJSON(e.stdout, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "No article matches that.")
		return nil
	}
	for _, s := range list {
		fmt.Fprintf(e.stdout, "%s  %s\n", s.Published, s.Doc)
		for _, l := range wrap(fmt.Sprintf("%s — %s", s.Title, s.Publisher), width-12) {
			fmt.Fprintln(e.stdout, "            "+l)
		}
		fmt.Fprintf(e.stdout, "            %d passages, %d figures · %s\n", s.Passages, s.Figures, s.URL)
	}
	st := idx.Stats()
	fmt.Fprintf(e.stdout, "\n%d of %d articles · index as of %s\n", len(list), st.Articles, st.Updated.Local().Format("2006-01-02 15:04"))
	return nil
}
