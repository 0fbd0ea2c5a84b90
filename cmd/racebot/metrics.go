package main

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/index"
)

// metrics are what racebot serve exports on /metrics. It implements
// bot.Observer.
type metrics struct {
	reg        *prometheus.Registry
	questions  *prometheus.CounterVec
	unanswered *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	errors     *prometheus.CounterVec

	corpusUpdates  *prometheus.CounterVec
	corpusSynced   prometheus.Gauge
	corpusProblems prometheus.Gauge
	corpusFailing  prometheus.Gauge

	feeds *feedMetrics
}

func newMetrics(idx *index.Index) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "racebot_requests_total",
			Help: "Chat and API requests handled, by platform, command (ask, figures, sources, help, other) and outcome (answered, closest, declined, help, sources, notice, limited, busy, failed); closest: passages shown without confidence that they answer.",
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
func (m *metrics) Handled(req bot.Request, reply bot.Reply, took time.Duration) {
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
	case bot.CommandAsk, bot.CommandFigures, bot.CommandSources, bot.CommandHelp:
	default:
		// Command names come from users (any Slack slash command routed
		// here): one label value for all of them keeps the series few.
		command = "other"
	}
	m.questions.WithLabelValues(req.Platform, command, outcome).Inc()
	m.latency.WithLabelValues(req.Platform, command).Observe(took.Seconds())
}

// platformError counts an error talking to a platform.
func (m *metrics) platformError(platform, op string) {
	m.errors.WithLabelValues(platform, op).Inc()
}

// corpusUpdate counts an update of the index from the corpus folder.
func (m *metrics) corpusUpdate(outcome string, unusable int) {
	m.corpusUpdates.WithLabelValues(outcome).Inc()
	if outcome == "failed" {
		m.corpusFailing.Set(1)
	} else {
		m.corpusFailing.Set(0)
		m.corpusSynced.SetToCurrentTime()
		m.corpusProblems.Set(float64(unusable))
	}
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
