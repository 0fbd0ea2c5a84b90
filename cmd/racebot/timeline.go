package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/term"
	"github.com/racebot/racebot/index"
)

type timelineCmd struct {
	Topic   []string      `arg:"" help:"The topic, with filters if you like: H20 sales since:2025-04." placeholder:"TOPIC"`
	JSON    bool          `name:"json" help:"Print the timeline as one JSON object."`
	Timeout time.Duration `help:"Give up on a question after this long." default:"2s"`
}

func (c *timelineCmd) Run(e *env, g *cli) error {
	idx, _, err := g.openIndex(e, index.Options{}, false)
	if err != nil {
		return err
	}
	defer idx.Close()
	eng := bot.New(idx, bot.Options{Logger: e.log, Timeout: c.Timeout})
	t, err := eng.Timeline(e.ctx, strings.Join(c.Topic, " "))
	if err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	if c.JSON {
		return writeJSON(e.stdout, t)
	}
	term.WriteDocument(e.stdout, bot.TimelineDocument(t), term.Style{})
	return nil
}
