// Package metrics exports the bot's Prometheus metrics: what arrives, how
// fast it is handled, how often the bot could answer, handoffs and leads,
// the outbound queue and Telegram's 429s, the LLM fallback and Redis errors.
//
// Each Metrics owns its registry (no global state), so tests and several
// app instances in one process do not collide.
package metrics

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/llm"
)

// Metrics holds the collectors.
type Metrics struct {
	reg *prometheus.Registry

	updates    *prometheus.CounterVec
	latency    prometheus.Histogram
	answers    *prometheus.CounterVec
	handoffs   *prometheus.CounterVec
	leads      prometheus.Counter
	errors     prometheus.Counter
	storeErrs  *prometheus.CounterVec
	queue      prometheus.Gauge
	tooMany    *prometheus.CounterVec
	retries    *prometheus.CounterVec
	failed     *prometheus.CounterVec
	outbox     prometheus.Gauge
	expired    prometheus.Counter
	llmCalls   prometheus.Histogram
	llmTokens  *prometheus.CounterVec
	llmOutcome *prometheus.CounterVec
}

// New registers every collector, plus the Go runtime and process ones.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	f := func(c prometheus.Collector) { reg.MustRegister(c) }
	m := &Metrics{reg: reg}
	m.updates = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "investbot_updates_total", Help: "Updates handled, by kind (text, command, callback, media, staff_group).",
	}, []string{"kind"})
	m.latency = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "investbot_handle_seconds",
		Help:    "Time to handle one update, Telegram calls excluded.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 15},
	})
	m.answers = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "investbot_questions_total", Help: "Free-text questions by outcome (answered, generated, unanswered, did_you_mean, out_of_scope) and language.",
	}, []string{"outcome", "lang"})
	m.handoffs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "investbot_handoffs_total", Help: "Japan Desk handoff events (opened, staff_reply, closed, failed).",
	}, []string{"event"})
	m.leads = prometheus.NewCounter(prometheus.CounterOpts{Name: "investbot_leads_total", Help: "Leads saved."})
	m.errors = prometheus.NewCounter(prometheus.CounterOpts{Name: "investbot_handler_errors_total", Help: "Updates whose handling failed."})
	m.storeErrs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "investbot_store_errors_total", Help: "Session-store (Redis) errors by operation.",
	}, []string{"op"})
	m.queue = prometheus.NewGauge(prometheus.GaugeOpts{Name: "investbot_outbound_queue", Help: "Bot API calls waiting for a rate limiter."})
	m.tooMany = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "investbot_telegram_429_total", Help: "429 Too Many Requests answers from the Bot API, by method."}, []string{"method"})
	m.retries = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "investbot_telegram_retries_total", Help: "Bot API calls retried after 5xx or network errors, by method."}, []string{"method"})
	m.failed = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "investbot_telegram_failed_total", Help: "Bot API calls that finally failed, by method."}, []string{"method"})
	m.outbox = prometheus.NewGauge(prometheus.GaugeOpts{Name: "investbot_outbox_pending", Help: "Replies this replica holds to send (outbox entries queued or in flight)."})
	m.expired = prometheus.NewCounter(prometheus.CounterOpts{Name: "investbot_outbox_expired_total", Help: "Replies given up undelivered after OUTBOX_TTL."})
	m.llmCalls = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "investbot_llm_call_seconds", Help: "Latency of LLM calls.", Buckets: prometheus.ExponentialBuckets(0.1, 2, 9),
	})
	m.llmTokens = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "investbot_llm_tokens_total", Help: "LLM tokens used, by kind (prompt, completion)."}, []string{"kind"})
	m.llmOutcome = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "investbot_llm_outcomes_total", Help: "What became of questions that reached the LLM fallback."}, []string{"outcome"})
	for _, c := range []prometheus.Collector{m.updates, m.latency, m.answers, m.handoffs, m.leads, m.errors, m.storeErrs,
		m.queue, m.tooMany, m.retries, m.failed, m.outbox, m.expired, m.llmCalls, m.llmTokens, m.llmOutcome,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		f(c)
	}
	return m
}

// Handler serves /metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry exposes the registry, for tests.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// WrapHandler counts and times every update the bot hands to h.
func (m *Metrics) WrapHandler(h bot.Handler) bot.Handler {
	return bot.HandlerFunc(func(ctx context.Context, req investbot.Request) (investbot.Reply, error) {
		start := time.Now()
		reply, err := h.Handle(ctx, req)
		m.latency.Observe(time.Since(start).Seconds())
		m.updates.WithLabelValues(updateKind(req)).Inc()
		if err != nil {
			m.errors.Inc()
			return reply, err
		}
		m.observe(reply)
		return reply, nil
	})
}

func updateKind(req investbot.Request) string {
	switch {
	case req.Callback != "":
		return "callback"
	case req.Command != "":
		return "command"
	case req.Chat != investbot.ChatPrivate && req.ReplyTo != 0:
		return "group_reply"
	case req.Attachment != nil:
		return "media"
	}
	return "text"
}

// observe counts what the reply's events say: questions by outcome,
// handoff events, leads.
func (m *Metrics) observe(rep investbot.Reply) {
	lang := string(rep.Meta.Lang)
	if lang == "" {
		lang = "unknown"
	}
	for _, ev := range rep.Events {
		switch ev := ev.(type) {
		case investbot.Answered:
			outcome := "answered"
			if ev.Generated {
				outcome = "generated"
			}
			m.answers.WithLabelValues(outcome, lang).Inc()
		case investbot.Unanswered:
			m.answers.WithLabelValues(string(ev.Why), lang).Inc()
		case investbot.LeadSaved:
			m.leads.Inc()
		case investbot.HandoffOpened:
			m.handoffs.WithLabelValues("opened").Inc()
		case investbot.StaffReplied:
			m.handoffs.WithLabelValues("staff_reply").Inc()
		case investbot.HandoffClosed:
			m.handoffs.WithLabelValues("closed").Inc()
		case investbot.HandoffFailed:
			m.handoffs.WithLabelValues("failed").Inc()
		}
	}
}

// Bot returns the adapter's metrics hook.
func (m *Metrics) Bot() bot.Metrics { return botMetrics{m} }

type botMetrics struct{ m *Metrics }

var (
	_ bot.Metrics       = botMetrics{}
	_ bot.OutboxMetrics = botMetrics{}
)

func (b botMetrics) OutboxPending(n int) { b.m.outbox.Set(float64(n)) }
func (b botMetrics) OutboxExpired()      { b.m.expired.Inc() }

func (b botMetrics) QueueDepth(n int) { b.m.queue.Set(float64(n)) }
func (b botMetrics) TooManyRequests(method string, _ time.Duration) {
	b.m.tooMany.WithLabelValues(method).Inc()
}
func (b botMetrics) Retry(method string)  { b.m.retries.WithLabelValues(method).Inc() }
func (b botMetrics) Failed(method string) { b.m.failed.WithLabelValues(method).Inc() }

// LLM returns the fallback's metrics hook.
func (m *Metrics) LLM() llm.Metrics { return llmMetrics{m} }

type llmMetrics struct{ m *Metrics }

var _ llm.Metrics = llmMetrics{}

func (l llmMetrics) Call(latency time.Duration, prompt, completion int) {
	l.m.llmCalls.Observe(latency.Seconds())
	l.m.llmTokens.WithLabelValues("prompt").Add(float64(prompt))
	l.m.llmTokens.WithLabelValues("completion").Add(float64(completion))
}
func (l llmMetrics) Outcome(o llm.Outcome) { l.m.llmOutcome.WithLabelValues(string(o)).Inc() }

// Store is the session store the bot uses, with the backend's health
// check.
type Store interface {
	investbot.SessionStore
	investbot.LeadStore
	Ping(ctx context.Context) error
}

// WrapStore counts the store's unavailability errors by operation; it
// passes everything through unchanged.
func (m *Metrics) WrapStore(s Store) Store { return &countingStore{Store: s, m: m} }

type countingStore struct {
	Store
	m *Metrics
}

func (c *countingStore) count(op string, err error) error {
	if err != nil && errors.Is(err, investbot.ErrUnavailable) {
		c.m.storeErrs.WithLabelValues(op).Inc()
	}
	return err
}

func (c *countingStore) Begin(ctx context.Context, updateID, userID int64) (investbot.Gate, error) {
	g, err := c.Store.Begin(ctx, updateID, userID)
	return g, c.count("begin", err)
}

func (c *countingStore) Load(ctx context.Context, userID int64) (investbot.Session, error) {
	s, err := c.Store.Load(ctx, userID)
	return s, c.count("load", err)
}

func (c *countingStore) Save(ctx context.Context, s investbot.Session) error {
	return c.count("save", c.Store.Save(ctx, s))
}

func (c *countingStore) Delete(ctx context.Context, userID int64) (investbot.Erased, error) {
	e, err := c.Store.Delete(ctx, userID)
	return e, c.count("delete", err)
}

func (c *countingStore) AddLead(ctx context.Context, l investbot.Lead) error {
	return c.count("add_lead", c.Store.AddLead(ctx, l))
}

// Ping passes the health check through.
func (c *countingStore) Ping(ctx context.Context) error {
	return c.count("ping", c.Store.Ping(ctx))
}
