// Package metrics is racebot serve's Prometheus metrics: questions by
// platform, command and outcome, their latency, platform errors, the
// index's size and health, corpus updates and feed reads.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/corpus/feed"
	"github.com/racebot/racebot/index"
)

// Metrics are what racebot serve exports on /metrics. It implements
// bot.Observer.
type Metrics struct {
	reg        *prometheus.Registry
	questions  *prometheus.CounterVec
	unanswered *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	errors     *prometheus.CounterVec

	corpusUpdates  *prometheus.CounterVec
	corpusSynced   prometheus.Gauge
	corpusProblems prometheus.Gauge
	corpusFailing  prometheus.Gauge

	feeds *FeedMetrics
}

// Index is what the gauges of the index read.
type Index interface {
	Stats() index.Stats
	Fault() error
}

// New returns the metrics of a racebot serve answering from idx (nil for
// none).
func New(idx Index) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "racebot_requests_total",
			Help: "Chat and API requests handled, by platform, command (ask, figures, timeline, sources, help, other) and outcome (answered, closest, declined, timeline, help, sources, notice, limited, busy, failed); closest: passages shown without confidence that they answer.",
		}, []string{"platform", "command", "outcome"}),
		unanswered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "racebot_unanswered_total",
			Help: "Questions declined because the corpus did not answer them, by platform; closest passages are not counted here.",
		}, []string{"platform"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "racebot_request_duration_seconds",
			Help:    "Time to handle a request, from receipt to reply ready, by platform and command.",
			Buckets: []float64{0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5},
		}, []string{"platform", "command"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "racebot_platform_errors_total",
			Help: "Errors talking to a chat platform, by platform and operation.",
		}, []string{"platform", "op"}),
		corpusUpdates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "racebot_corpus_updates_total",
			Help: "Updates of the index from the watched corpus folder, by outcome (updated, unchanged, failed).",
		}, []string{"outcome"}),
		corpusSynced: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "racebot_corpus_synced_timestamp_seconds",
			Help: "When the index was last checked against the watched corpus folder without error.",
		}),
		corpusProblems: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "racebot_corpus_unusable_files",
			Help: "Corpus files skipped at the last update because they could not be parsed.",
		}),
		corpusFailing: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "racebot_corpus_update_failing",
			Help: "1 while updates of the index fail (a full disk, say) and it answers from what it last held, 0 once one succeeds.",
		}),
	}
	m.reg.MustRegister(m.questions, m.unanswered, m.latency, m.errors, m.corpusUpdates, m.corpusSynced, m.corpusProblems, m.corpusFailing,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.feeds = newFeedMetrics(m.reg)
	if idx != nil {
		m.reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "racebot_index_passages", Help: "Passages in the index."},
				func() float64 { return float64(idx.Stats().Passages) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "racebot_index_articles", Help: "Articles in the index."},
				func() float64 { return float64(idx.Stats().Articles) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "racebot_index_updated_timestamp_seconds", Help: "When the index was last brought up to date with the corpus."},
				func() float64 { return float64(idx.Stats().Updated.Unix()) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "racebot_index_damaged", Help: "1 while the index's files are found damaged and it is being rebuilt from the corpus; it answers nothing meanwhile."},
				func() float64 {
					if idx.Fault() != nil {
						return 1
					}
					return 0
				}),
		)
	}
	return m
}

// Handled implements bot.Observer.
func (m *Metrics) Handled(req bot.Request, reply bot.Reply, took time.Duration) {
	outcome := "answered"
	switch reply.Kind {
	case bot.ReplyAnswer:
		switch {
		case !reply.Answer.Answered:
			outcome = "declined"
			m.unanswered.WithLabelValues(req.Platform).Inc()
		case !reply.Answer.Confident:
			// Counted apart: closest passages are neither an answer
			// racebot stands behind nor a decline, and a shift between
			// the three is what a change of the engine shows first.
			outcome = "closest"
		}
	case bot.ReplySources:
		outcome = "sources"
	case bot.ReplyTimeline:
		outcome = "timeline"
	case bot.ReplyHelp:
		outcome = "help"
	case bot.ReplyNotice:
		switch {
		case reply.Busy:
			outcome = "busy"
		case reply.RetryAfter > 0:
			outcome = "limited"
		case reply.Failed:
			outcome = "failed"
		default:
			outcome = "notice"
		}
	}
	command := string(req.Command)
	switch req.Command {
	case bot.CommandAsk, bot.CommandFigures, bot.CommandSources, bot.CommandHelp, bot.CommandTimeline:
	default:
		// Command names come from users (any Slack slash command routed
		// here): one label value for all of them keeps the series few.
		command = "other"
	}
	m.questions.WithLabelValues(req.Platform, command, outcome).Inc()
	m.latency.WithLabelValues(req.Platform, command).Observe(took.Seconds())
}

// PlatformError counts an error talking to a platform.
func (m *Metrics) PlatformError(platform, op string) {
	m.errors.WithLabelValues(platform, op).Inc()
}

// CorpusUpdate counts an update of the index from the corpus folder: its
// outcome (updated, unchanged, failed) and the files it could not use.
func (m *Metrics) CorpusUpdate(outcome string, unusable int) {
	m.corpusUpdates.WithLabelValues(outcome).Inc()
	if outcome == "failed" {
		m.corpusFailing.Set(1)
	} else {
		m.corpusFailing.Set(0)
		m.corpusSynced.SetToCurrentTime()
		m.corpusProblems.Set(float64(unusable))
	}
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Feeds returns the metrics of feed reads, for the feed poller.
func (m *Metrics) Feeds() *FeedMetrics { return m.feeds }

// FeedMetrics counts feed reads on /metrics. It implements feed.Observer.
type FeedMetrics struct {
	polls    *prometheus.CounterVec
	added    *prometheus.CounterVec
	failures *prometheus.GaugeVec
	lastOK   *prometheus.GaugeVec
}

func newFeedMetrics(reg prometheus.Registerer) *FeedMetrics {
	m := &FeedMetrics{
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "racebot_feed_reads_total",
			Help: "Reads of each feed, by outcome (ok, not_modified, error).",
		}, []string{"feed", "outcome"}),
		added: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "racebot_feed_articles_added_total",
			Help: "Articles added to the corpus from each feed.",
		}, []string{"feed"}),
		failures: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "racebot_feed_consecutive_failures",
			Help: "Failed reads of each feed since its last good one; alert when it stays above zero.",
		}, []string{"feed"}),
		lastOK: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "racebot_feed_last_success_timestamp_seconds",
			Help: "When each feed was last read without error.",
		}, []string{"feed"}),
	}
	reg.MustRegister(m.polls, m.added, m.failures, m.lastOK)
	return m
}

// PollDone implements feed.Observer.
func (m *FeedMetrics) PollDone(r feed.PollResult) {
	m.polls.WithLabelValues(r.Feed, r.Outcome).Inc()
	m.added.WithLabelValues(r.Feed).Add(float64(r.Added))
	m.failures.WithLabelValues(r.Feed).Set(float64(r.Failures))
	if r.Outcome != feed.OutcomeError {
		m.lastOK.WithLabelValues(r.Feed).Set(float64(time.Now().Unix()))
	}
}

// Start sets the gauges from the poller's saved state, so that a feed
// that has failed for a day shows so from the start, not only once it is
// next read, hours later.
func (m *FeedMetrics) Start(sts []feed.FeedStatus) {
	for _, st := range sts {
		m.failures.WithLabelValues(st.URL).Set(float64(st.Failures))
		if !st.LastSuccess.IsZero() {
			m.lastOK.WithLabelValues(st.URL).Set(float64(st.LastSuccess.Unix()))
		}
	}
}
