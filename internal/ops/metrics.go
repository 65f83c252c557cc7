// Package ops is what an operator watches citebot serve by: Prometheus
// metrics fed by the bot's events, the health and readiness state, the
// HTTP handler serving both, and systemd's readiness notification.
package ops

import (
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/internal/answer/llm"
)

// latencyBuckets span an extractive answer (milliseconds) to a slow LLM
// (minutes), in seconds.
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120}

// Metrics holds citebot's Prometheus metrics in a registry of its own.
// Label values come from fixed sets; no question text, user id or token
// ever becomes one.
type Metrics struct {
	reg         *prometheus.Registry
	questions   *prometheus.CounterVec
	refused     *prometheus.CounterVec
	latency     prometheus.Histogram
	stages      *prometheus.HistogramVec
	failed      prometheus.Counter
	abstentions prometheus.Counter
	fallbacks   *prometheus.CounterVec
	votes       *prometheus.CounterVec
	rest429     prometheus.Counter
	reconnects  prometheus.Counter
	connected   prometheus.Gauge
	passages    prometheus.Gauge
	indexLoaded prometheus.Gauge
}

// Entry points and refusal reasons reported with zero counts from the start.
var (
	entryPoints     = []string{bot.ViaMention, bot.ViaDM, bot.ViaReply, bot.ViaThread, bot.ViaChannel, bot.ViaSlash, bot.ViaContextMenu}
	refusals        = []string{bot.RefusedRateLimited, bot.RefusedBusy}
	fallbackReasons = []string{
		llm.ReasonTimeout, llm.ReasonUnauthorized, llm.ReasonForbidden, llm.ReasonUnknownModel,
		llm.ReasonNotFound, llm.ReasonRateLimited, llm.ReasonServerError, llm.ReasonBadRequest,
		llm.ReasonTooLarge, llm.ReasonMalformed, llm.ReasonStreamCut, llm.ReasonEmpty,
		llm.ReasonUnreachable, llm.ReasonNoPassages,
	}
)

// NewMetrics registers citebot's metrics, the Go runtime's and the
// process's. load, when not nil, is read at each scrape for the answer
// slots in use.
func NewMetrics(load func() bot.Load) *Metrics {
	reg := prometheus.NewRegistry()
	f := func(c prometheus.Collector) { reg.MustRegister(c) }
	m := &Metrics{
		reg: reg,
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "citebot_questions_total", Help: "Questions taken and answered (or failed), by entry point.",
		}, []string{"entry_point"}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "citebot_questions_refused_total", Help: "Questions turned away before answering: rate_limited (the user's per-minute limit) or busy (every answer slot taken).",
		}, []string{"reason"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "citebot_answer_duration_seconds", Help: "Time from a question's arrival to its answer sent on Discord.", Buckets: latencyBuckets,
		}),
		stages: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "citebot_answer_stage_duration_seconds", Help: "Time spent retrieving passages and composing the answer.", Buckets: latencyBuckets,
		}, []string{"stage"}),
		failed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "citebot_answers_failed_total", Help: "Questions that got an error instead of an answer.",
		}),
		abstentions: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "citebot_abstentions_total", Help: "Answers that abstained: the passages did not say.",
		}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "citebot_llm_fallbacks_total", Help: "Answers the extractive answerer gave because the LLM failed, by reason.",
		}, []string{"reason"}),
		votes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "citebot_feedback_votes_total", Help: "Feedback votes on answers, up or down.",
		}, []string{"vote"}),
		rest429: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "citebot_discord_rest_rate_limited_total", Help: "Discord REST responses with status 429.",
		}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "citebot_gateway_reconnects_total", Help: "Gateway connections made after the first (resumed or identified again).",
		}),
		connected: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "citebot_gateway_connected", Help: "1 while the gateway session is ready, else 0.",
		}),
		passages: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "citebot_index_passages", Help: "Passages in the loaded index.",
		}),
		indexLoaded: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "citebot_index_loaded_timestamp_seconds", Help: "When the index was last loaded, in Unix seconds; 0 before.",
		}),
	}
	for _, c := range []prometheus.Collector{m.questions, m.refused, m.latency, m.stages, m.failed, m.abstentions,
		m.fallbacks, m.votes, m.rest429, m.reconnects, m.connected, m.passages, m.indexLoaded} {
		f(c)
	}
	if load != nil {
		f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "citebot_answer_slots_in_use", Help: "Answers being composed now.",
		}, func() float64 { return float64(load().InFlight) }))
		f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "citebot_answer_slots", Help: "Answers that may be composed at once.",
		}, func() float64 { return float64(load().Capacity) }))
		f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "citebot_queue_depth", Help: "Questions waiting for an answer slot.",
		}, func() float64 { return float64(load().Queued) }))
	}
	f(collectors.NewGoCollector())
	f(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, v := range entryPoints {
		m.questions.WithLabelValues(v)
	}
	for _, r := range refusals {
		m.refused.WithLabelValues(r)
	}
	for _, s := range []string{"retrieve", "compose"} {
		m.stages.WithLabelValues(s)
	}
	for _, v := range []string{"up", "down"} {
		m.votes.WithLabelValues(v)
	}
	return m
}

// Observe counts one bot event; it is a bot.Config.Observe.
func (m *Metrics) Observe(e bot.Event) {
	switch e.Kind {
	case bot.EventAnswered:
		m.questions.WithLabelValues(known(e.Via, entryPoints)).Inc()
		m.latency.Observe(e.Took.Seconds())
		switch {
		case e.Failed:
			m.failed.Inc()
		case e.Abstained:
			m.abstentions.Inc()
		}
		if reason, ok := FallbackReason(e.Backend); ok {
			m.fallbacks.WithLabelValues(reason).Inc()
		}
	case bot.EventRefused:
		m.refused.WithLabelValues(known(e.Reason, refusals)).Inc()
	case bot.EventFeedback:
		if e.Vote == "up" || e.Vote == "down" {
			m.votes.WithLabelValues(e.Vote).Inc()
		}
	case bot.EventRESTRateLimited:
		m.rest429.Inc()
	case bot.EventConnected:
		m.connected.Set(1)
		if e.Reconnect {
			m.reconnects.Inc()
		}
	case bot.EventDisconnected:
		m.connected.Set(0)
	}
}

// ObserveStages records the retrieval and composition times of one answer.
func (m *Metrics) ObserveStages(retrieve, compose time.Duration) {
	m.stages.WithLabelValues("retrieve").Observe(retrieve.Seconds())
	m.stages.WithLabelValues("compose").Observe(compose.Seconds())
}

// IndexLoaded records a (re)loaded index of n passages.
func (m *Metrics) IndexLoaded(n int, at time.Time) {
	m.passages.Set(float64(n))
	m.indexLoaded.Set(float64(at.UnixNano()) / 1e9)
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// known returns v when it is one of values, else "other", so that label
// values stay a fixed set.
func known(v string, values []string) string {
	for _, k := range values {
		if v == k {
			return v
		}
	}
	return "other"
}

// FallbackReason reads why an answer fell back from its backend name,
// "extractive (fallback: openai timeout)" → "timeout". ok is false for an
// answer that did not fall back; a reason citebot does not know is "other".
func FallbackReason(backend string) (reason string, ok bool) {
	_, rest, found := strings.Cut(backend, "(fallback: ")
	if !found {
		return "", false
	}
	rest = strings.TrimSuffix(rest, ")")
	_, reason, _ = strings.Cut(rest, " ") // drop the provider
	return known(reason, fallbackReasons), true
}
