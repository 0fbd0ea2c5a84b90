package main

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/racebot/racebot/bot"
	_ "github.com/racebot/racebot/bot/discord" // registers the Discord platform
	"github.com/racebot/racebot/bot/httpapi"
	"github.com/racebot/racebot/bot/metrics"
	"github.com/racebot/racebot/bot/server"
	_ "github.com/racebot/racebot/bot/slack" // registers the Slack platform
	"github.com/racebot/racebot/bot/web"
	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/index"
)

type serveCmd struct {
	Addr         string        `help:"Address the HTTP server listens on; default ${default}." default:"127.0.0.1:8080" placeholder:"HOST:PORT"`
	UserBurst    int           `help:"Questions one user may ask at once before being asked to wait." default:"5"`
	UserEvery    time.Duration `help:"After a burst, one more question per user each this long." default:"10s"`
	ChannelBurst int           `help:"Questions one channel may ask at once." default:"20"`
	ChannelEvery time.Duration `help:"After a burst, one more question per channel each this long." default:"2s"`
	Timeout      time.Duration `help:"Give up on a question after this long." default:"10s"`
	MaxSearches  int           `help:"Questions answered at once; more wait (see --queue-wait). 0 means twice the CPUs." default:"0"`
	QueueWait    time.Duration `help:"How long a question waits for a free search before the user is told racebot is busy." default:"2s"`
	Grace        time.Duration `help:"On SIGINT or SIGTERM, how long to let questions in flight finish." default:"10s"`
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed: anyone else could forge it to escape their limit.
	TrustedProxies []string      `help:"Addresses or CIDR ranges of reverse proxies in front of racebot, whose X-Forwarded-For names the client that /api/ask's per-address limits apply to." placeholder:"CIDR" sep:","`
	Watch          bool          `help:"Index changes to the corpus folder as they are made." default:"true" negatable:""`
	Feeds          string        `help:"File of RSS, Atom or JSON Feed URLs, one per line, whose new items are added to the corpus folder as they appear." placeholder:"FILE" type:"path"`
	FeedInterval   time.Duration `help:"How often to read each feed, unless its line in --feeds says otherwise (at least 5m)." default:"1h"`
	Web            bool          `help:"Serve the web page at /: a question box, answers with their sources and figures, and /sources." default:"true" negatable:""`
	PublicURL      string        `help:"Address the web page is reached at from outside (https://racebot.example.com), for links to it; racebot itself listens on --addr." placeholder:"URL"`
	// FeedSpread is for tests, which cannot wait for the first reads to be
	// spread over the poller's default minute.
	FeedSpread time.Duration `hidden:"" default:"0s"`
}

// Help lists the environment variables serve reads: the chat platforms'
// credentials are never flags, which ps shows.
func (c *serveCmd) Help() string {
	var b strings.Builder
	b.WriteString("Each chat platform starts when its credentials are set in the environment:\n")
	for _, p := range bot.Platforms() {
		for _, v := range p.Env {
			fmt.Fprintf(&b, "\n  %-24s %s", v.Name, v.Usage)
		}
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (c *serveCmd) Run(e *env, g *cli) error {
	log := e.log
	feeds, err := c.readFeeds(e, g)
	if err != nil {
		return err
	}
	trusted, err := httpapi.ParsePrefixes(c.TrustedProxies)
	if err != nil {
		return usageError{fmt.Errorf("--trusted-proxies: %w", err)}
	}
	if c.PublicURL != "" && web.AskURL(c.PublicURL, "") == "" {
		return usageError{fmt.Errorf("--public-url: %q is not an http or https address", c.PublicURL)}
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	srv := server.New(server.Options{Logger: log, Grace: c.Grace, Trusted: trusted, Web: c.Web})
	srv.Serve(ln)

	// Health answers at once; readiness waits for the index, which may
	// take a while to build for a large corpus.
	idx, rep, err := g.openIndex(e, index.Options{}, false)
	if err != nil {
		srv.Close()
		if e.ctx.Err() != nil {
			// Asked to stop while building: the previous index, if
			// any, is untouched, and stopping is what was asked.
			log.Info("stopped before the index was ready")
			return nil
		}
		return err
	}
	defer idx.Close()
	st := idx.Stats()
	log.Info("index ready", "articles", st.Articles, "passages", st.Passages, "figures", st.Figures,
		"rebuilt", rep.Rebuilt, "took", rep.Duration.Round(time.Millisecond), "dir", idx.Dir())

	m := metrics.New(idx)
	// The corpus keeps being synced until the server has shut down.
	runCtx, stop := context.WithCancel(context.WithoutCancel(e.ctx))
	defer stop()
	cs := &index.FolderSync{Dir: g.Corpus, Index: idx, Log: log, Observe: m.CorpusUpdate}
	poller, err := c.newPoller(runCtx, log, feeds, cs, m)
	if err != nil {
		srv.Close()
		return err
	}
	var permalink, chartLink func(string) string
	if c.PublicURL != "" && c.Web {
		permalink = func(q string) string { return web.AskURL(c.PublicURL, q) }
		chartLink = func(q string) string { return web.ChartURL(c.PublicURL, q) }
	}
	chat := bot.NewChat(bot.New(idx, bot.Options{Logger: log, Timeout: c.Timeout}), bot.ChatOptions{
		Permalink: permalink, ChartLink: chartLink,
		Limiter: bot.NewLimiter(
			bot.Rate{Burst: c.UserBurst, Every: c.UserEvery},
			bot.Rate{Burst: c.ChannelBurst, Every: c.ChannelEvery},
		),
		Observer: m, Logger: log,
		MaxSearches: c.MaxSearches, QueueWait: c.QueueWait,
		Feeds: feedsOf(poller),
	})
	if err := srv.Start(chat, m, idx.Fault); err != nil {
		srv.Close()
		return usageError{err}
	}
	defer c.watchCorpus(runCtx, log, cs)()
	defer index.KeepHealthy(runCtx, log, idx, index.RepairEvery, index.CheckEvery, func(ctx context.Context) error {
		if g.Corpus != "" {
			return cs.Sync(ctx)
		}
		_, err := idx.Sync(ctx, corpus.Embedded())
		return err
	})()
	defer runPoller(runCtx, log, poller)()
	return srv.Wait(e.ctx)
}
