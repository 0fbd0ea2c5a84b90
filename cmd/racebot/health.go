package main

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// healthCmd checks a running racebot serve, for a container's or a
// supervisor's health check: a distroless image has no curl.
type healthCmd struct {
	// Its own variables: RACEBOT_URL or RACEBOT_TIMEOUT set for it would
	// also change what racebot add cites or how long serve gives a question.
	URL     string        `help:"Address to check: racebot serve's /readyz (ready to answer) or /healthz (running); default ${default}." default:"http://127.0.0.1:8080/readyz" placeholder:"URL" env:"RACEBOT_HEALTH_URL"`
	Timeout time.Duration `help:"Give up after this long." default:"3s" env:"RACEBOT_HEALTH_TIMEOUT"`
}

func (c *healthCmd) Run(e *env) error {
	ctx, cancel := context.WithTimeout(e.ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.URL, nil)
	if err != nil {
		return usageError{fmt.Errorf("--url: %w", err)}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(e.stderr, "racebot is not answering at %s: %v\n", c.URL, err)
		return exitStatus(1)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(e.stderr, "racebot answered %s at %s\n", resp.Status, c.URL)
		return exitStatus(1)
	}
	fmt.Fprintln(e.stdout, "ok")
	return nil
}
