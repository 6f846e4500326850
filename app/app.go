// Package app wires the bot together: configuration → stores → knowledge
// base → handlers → Telegram adapter, plus the HTTP server for the webhook
// and health checks. main only calls New, Run and Close, and end-to-end
// tests start the same App.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/config"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/internal/pseudo"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/llm"
	"github.com/thanhhoa/investbot/locales"
	"github.com/thanhhoa/investbot/memstore"
	"github.com/thanhhoa/investbot/metrics"
	"github.com/thanhhoa/investbot/redisstore"
)

// Store is what the bot keeps between messages, with the backend's health
// check (counted by metrics when it fails).
type Store interface {
	investbot.SessionStore
	investbot.LeadStore
	Ping(ctx context.Context) error
}

// App is one running bot.
type App struct {
	cfg      config.Config
	log      *slog.Logger
	kb       *knowledge.Live
	backend  investbot.Backend
	store    Store
	admin    *kbadmin.Service
	insights *kbadmin.Batcher
	done     *doneMarker
	metrics  *metrics.Metrics
	router   *handlers.Router
	bot      *bot.Bot

	remindEvery time.Duration
	// pseudonyms hashes user ids for logs, the audit log and the
	// unanswered-questions log; keyed by the bot token, so every replica
	// agrees.
	pseudonyms *pseudo.Hasher
	closers    []io.Closer
	mu         sync.Mutex
	runCtx     context.Context
	srv        *http.Server
	addr       net.Addr
}

// Options are the parts tests replace.
type Options struct {
	// HTTPClient is used for the Bot API; nil means the default.
	HTTPClient *http.Client
	// PollTimeout overrides the long-poll timeout (tests use short ones).
	PollTimeout time.Duration
	// Limits overrides Telegram's outbound limits.
	Limits *bot.Limits
	// RedisPrefix overrides the key prefix, so tests share a server safely.
	RedisPrefix string
	// ReminderEvery is how often open tickets are checked for reminders
	// (default 1 min).
	ReminderEvery time.Duration
	// Bot, when set, adjusts the Telegram adapter's configuration (tests
	// shorten the outbox timings).
	Bot func(*bot.Config)
}

// New builds an App from cfg. It needs a bot token; the console chat does not
// use App.
func New(ctx context.Context, cfg config.Config, log *slog.Logger, opts Options) (*App, error) {
	if cfg.TelegramToken == "" {
		return nil, config.ErrNoToken
	}
	a := &App{cfg: cfg, log: log, metrics: metrics.New(), remindEvery: opts.ReminderEvery, pseudonyms: pseudo.New(cfg.TelegramToken)}
	if a.remindEvery <= 0 {
		a.remindEvery = time.Minute
	}
	if err := a.loadKnowledge(); err != nil {
		return nil, err
	}
	// config.Parse has checked DESK_HOURS and DESK_HOLIDAYS already.
	hours, err := investbot.ParseDeskHours(cfg.DeskHours, cfg.DeskHolidays)
	if err != nil {
		return nil, fmt.Errorf("config: DESK_HOURS or DESK_HOLIDAYS: %w", err)
	}
	if err := a.openStores(ctx, opts.RedisPrefix); err != nil {
		return nil, err
	}
	a.router = handlers.New(a.handlerDeps(hours))
	if a.bot, err = bot.New(a.botConfig(opts), a.metrics.WrapHandler(a.router), log); err != nil {
		a.Close()
		return nil, fmt.Errorf("telegram: %w", err)
	}
	return a, nil
}

// loadKnowledge loads the knowledge base the bot starts with: KB_DIR's, or
// the bundled one.
func (a *App) loadKnowledge() error {
	kb, err := LoadKB(a.cfg.KBDir)
	if err != nil && a.cfg.KBDir != "" {
		return fmt.Errorf("KB_DIR %s: %w", a.cfg.KBDir, err)
	}
	if err != nil {
		return err
	}
	a.kb = knowledge.NewLive(kb)
	a.log.Info("knowledge base loaded", "version", kb.Version(), "entries", kb.Len())
	return nil
}

// openStores opens the backend and builds what sits on it: the store the
// handlers use (counted by metrics), the done marker, and the
// knowledge-base admin service with its insights batcher.
func (a *App) openStores(ctx context.Context, redisPrefix string) error {
	var err error
	if a.backend, err = a.openBackend(ctx, redisPrefix); err != nil {
		return err
	}
	a.closers = append(a.closers, a.backend)
	a.checkPersistence(ctx)
	a.store = a.metrics.WrapStore(a.backend)
	a.done = &doneMarker{store: a.store, log: a.log}
	a.admin = kbadmin.New(a.backend.Admin())
	a.insights = kbadmin.NewBatcher(a.admin, time.Second, a.log)
	if a.cfg.KBDir != "" {
		dir := a.cfg.KBDir
		a.admin.Bundled = func() (map[string][]byte, error) { return readYAMLDir(dir) }
	}
	return nil
}

// handlerDeps is what the handlers are built on. Suggested replies in
// staff mode need both the LLM fallback and STAFF_REPHRASE.
func (a *App) handlerDeps(hours investbot.DeskHours) handlers.Deps {
	answerer := a.answerer()
	var rephraser handlers.Rephraser
	if f, ok := answerer.(*llm.Fallback); ok && a.cfg.StaffRephrase {
		rephraser = f
	}
	return handlers.Deps{
		KB:          a.kb,
		Answerer:    answerer,
		Rephraser:   rephraser,
		Sessions:    a.store,
		Leads:       a.store,
		Tickets:     a.backend.Tickets(),
		Admin:       a.admin,
		Insights:    a.insights,
		Broadcaster: a,
		Pseudonyms:  a.pseudonyms,
		WebAppURL:   a.cfg.WebAppURL,
		StaffChatID: a.cfg.StaffChatID,
		Desk: handlers.DeskOptions{
			Hours:          hours,
			ShowStaffNames: a.cfg.DeskShowStaffNames,
			RemindAfter:    a.cfg.DeskRemindAfter,
		},
		Log: a.log,
	}
}

// botConfig is the Telegram adapter's configuration. Tests adjust it with
// opts.Bot; the outbound limits are TELEGRAM_GLOBAL_RATE's unless opts.Limits
// replaces them.
func (a *App) botConfig(opts Options) bot.Config {
	bc := bot.Config{
		Token:         a.cfg.TelegramToken,
		Endpoint:      a.cfg.TelegramEndpoint,
		HTTPClient:    opts.HTTPClient,
		Roles:         a.role,
		StaffChatID:   a.cfg.StaffChatID,
		PollTimeout:   opts.PollTimeout,
		WebhookURL:    a.cfg.WebhookURL,
		WebhookSecret: a.cfg.WebhookSecret,
		Metrics:       a.metrics.Bot(),
		OnHandled:     a.done.mark,
		OnSent:        a.bindTicketMessage,
		Outbox:        a.backend,
		OutboxTTL:     a.cfg.OutboxTTL,
		UpdateLease:   a.cfg.UpdateLockTTL,
	}
	if opts.Bot != nil {
		opts.Bot(&bc)
	}
	bc.Limits = bot.DefaultLimits()
	bc.Limits.Global = a.cfg.GlobalRate
	if opts.Limits != nil {
		bc.Limits = *opts.Limits
	}
	return bc
}

// bindTicketMessage records that the bot's message belongs to a ticket, so
// that a staff reply to it reaches the ticket's investor. A failure (Redis
// down) is logged: replies to that one message are then ignored, and staff
// can still reply to another message of the ticket or /close T12.
func (a *App) bindTicketMessage(ctx context.Context, chatID int64, messageID int, ticket string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := a.backend.Tickets().BindMessage(ctx, chatID, messageID, ticket); err != nil {
		a.log.Warn("ticket message not bound; staff replies to it will be ignored", "ticket", ticket, "message_id", messageID, "err", err)
	}
}

// LoadKB loads the knowledge base in dir, or the one built into the
// binary when dir is empty (KB_DIR unset).
func LoadKB(dir string) (*knowledge.KB, error) {
	return LoadKBExamples(dir, 0)
}

// LoadKBExamples is LoadKB with every entry's examples cut to the first n
// per language (0 keeps them all): what `score --examples 3` measures.
func LoadKBExamples(dir string, n int) (*knowledge.KB, error) {
	var b *base.KB
	var err error
	if dir == "" {
		b, err = base.Bundled()
	} else {
		b, err = base.LoadDir(dir)
	}
	if err != nil {
		return nil, err
	}
	if n > 0 {
		base.KeepExamples(b, n)
	}
	return knowledge.New(b), nil
}

// openBackend connects to Redis when configured, else keeps state in
// memory. Redis that is down at start is waited for briefly: a bot that
// cannot keep leads should not pretend to, and the orchestrator restarts
// it.
func (a *App) openBackend(ctx context.Context, prefix string) (investbot.Backend, error) {
	adm := investbot.Admission{FloodLimit: a.cfg.FloodLimit, IdleTTL: a.cfg.SessionTTL, InProgressTTL: a.cfg.UpdateLockTTL}
	if a.cfg.RedisURL == "" {
		a.log.Warn("REDIS_URL is not set: sessions, leads and tickets are kept in memory and lost on restart")
		return memstore.New(memstore.Options{Admission: adm}), nil
	}
	opts := redisstore.Options{Admission: adm, Prefix: prefix}
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, err := redisstore.Open(ctx, a.cfg.RedisURL, opts)
		if err == nil {
			return st, nil
		}
		if !errors.Is(err, investbot.ErrUnavailable) || time.Now().After(deadline) {
			return nil, fmt.Errorf("REDIS_URL: %w", err)
		}
		a.log.Warn("waiting for Redis", "err", err)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// checkPersistence warns at start when Redis would lose leads and tickets
// on a restart (no AOF), the mistake that costs investors' data silently.
func (a *App) checkPersistence(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	d, err := a.backend.Durability(ctx)
	if err != nil {
		a.log.Warn("Redis persistence could not be checked", "err", err)
		return
	}
	if d.Warning != "" {
		a.log.Warn(d.Warning, "redis_persistence", d.Summary)
	}
}

// answerer is the knowledge base, wrapped by the LLM fallback when an API
// key is configured; the quota and the answer cache are the backend's, so
// with Redis every replica shares them.
func (a *App) answerer() knowledge.Answerer {
	deps := llm.Deps{Logger: a.log, Metrics: a.metrics.LLM(), Pseudonym: a.pseudonyms.User,
		Quota: a.backend.LLMQuota(a.cfg.LLMDailyQuota), Cache: a.backend.LLMCache()}
	return NewAnswerer(a.cfg, deps)
}

// NewAnswerer returns the knowledge-base answerer, wrapped by the grounded
// LLM fallback when OPENAI_API_KEY is set. The console commands use it too.
func NewAnswerer(cfg config.Config, deps llm.Deps) knowledge.Answerer {
	if !cfg.LLMEnabled() {
		return knowledge.Direct{}
	}
	if deps.Logger != nil {
		deps.Logger.Info("LLM fallback enabled", "model", cfg.OpenAIModel, "base_url", cfg.OpenAIBaseURL)
	}
	return llm.New(knowledge.Direct{}, llm.Config{
		APIKey:            cfg.OpenAIKey,
		BaseURL:           cfg.OpenAIBaseURL,
		Model:             cfg.OpenAIModel,
		Timeout:           cfg.LLMTimeout,
		DailyQuotaPerUser: cfg.LLMDailyQuota,
		Azure:             cfg.OpenAIAzure,
		APIVersion:        cfg.OpenAIVersion,
		AzureDeployment:   cfg.OpenAIDeploy,
	}, deps)
}

func (a *App) role(userID int64) investbot.Role {
	switch {
	case a.cfg.AdminIDs[userID]:
		return investbot.RoleAdmin
	case a.cfg.StaffIDs[userID]:
		return investbot.RoleStaff
	}
	return investbot.RoleInvestor
}

// Router returns the handlers, for tests.
func (a *App) Router() *handlers.Router { return a.router }

// Addr returns the address the HTTP server listens on, once Run started it.
func (a *App) Addr() net.Addr {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.addr
}

// Run serves until ctx is cancelled: long polling, or the webhook when
// WEBHOOK_URL is set, and the health endpoints either way. In-flight updates
// are finished before it returns.
func (a *App) Run(ctx context.Context) error {
	srv, ln, err := a.listen()
	if err != nil {
		return err
	}
	errc := make(chan error, 2)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http: %w", err)
		}
	}()
	a.startBot(ctx)
	shared := a.startBackground(ctx)
	if a.cfg.Webhook() {
		if err := a.bot.SetWebhook(ctx); err != nil {
			a.log.Error("setWebhook failed; Telegram will not deliver updates until it succeeds", "err", err)
		}
	} else {
		go func() { errc <- a.bot.Run(ctx) }()
	}
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	return a.shutdown(srv, errc, shared, err)
}

// listen opens LISTEN_ADDR with the health, readiness, metrics and Mini App
// endpoints, and the webhook when WEBHOOK_URL is set.
func (a *App) listen() (*http.Server, net.Listener, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", a.ready)
	mux.Handle("GET /metrics", a.metrics.Handler())
	mux.Handle("/app/", a.miniApp())
	if a.cfg.Webhook() {
		mux.Handle("POST /telegram/webhook", a.bot.WebhookHandler())
	}
	ln, err := net.Listen("tcp", a.cfg.ListenAddr)
	if err != nil {
		return nil, nil, fmt.Errorf("LISTEN_ADDR %s: %w", a.cfg.ListenAddr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	a.mu.Lock()
	a.srv, a.addr = srv, ln.Addr()
	a.mu.Unlock()
	a.log.Info("http listening", "addr", ln.Addr().String(), "webhook", a.cfg.Webhook())
	return srv, ln, nil
}

// startBot starts the Telegram adapter and sets the command menus and the
// Mini App's menu button. The adapter outlives ctx until shutdown stops it,
// so that replies in hand are still sent.
func (a *App) startBot(ctx context.Context) {
	a.bot.Start(context.WithoutCancel(ctx))
	a.bot.SetCommands(ctx, commandMenus(locales.Default()))
	if a.cfg.WebAppURL != "" {
		a.bot.SetMenuButton(ctx, menuButtonText, a.cfg.WebAppURL)
	}
}

// startBackground starts the loops that run beside the updates until ctx
// ends. The returned channel is closed when this replica has given back
// its share of the outbound limit.
func (a *App) startBackground(ctx context.Context) <-chan struct{} {
	a.mu.Lock()
	a.runCtx = ctx
	a.mu.Unlock()
	go a.remind(ctx)
	go a.insights.Run(ctx)
	go a.done.run(ctx)
	go a.weekly(ctx)
	shared := make(chan struct{})
	go func() { defer close(shared); a.shareLimit(ctx) }()
	// Every replica follows the knowledge-base versions admins publish.
	go kbadmin.NewSyncer(a.backend.Admin(), a.kb, a.log).Run(ctx)
	return shared
}

// shutdown stops the app once ctx is cancelled or serving failed with err,
// and returns the error Run reports.
func (a *App) shutdown(srv *http.Server, errc <-chan error, shared <-chan struct{}, err error) error {
	// Let the webhook finish the requests in hand, then stop.
	drain, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if serr := srv.Shutdown(drain); serr != nil && err == nil {
		err = fmt.Errorf("http shutdown: %w", serr)
	}
	if err == nil && !a.cfg.Webhook() {
		err = <-errc
	}
	// Replies in hand are sent; the outbox shards and this replica's share
	// of the outbound limit go to the others at once, not when they expire.
	a.bot.Stop()
	<-shared
	// Mark what was handled during shutdown, so a restart does not answer
	// it again.
	final, cancelFinal := context.WithTimeout(context.Background(), 5*time.Second)
	a.done.flush(final)
	cancelFinal()
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// remind posts reminders for unanswered tickets until ctx ends. Replicas
// all run it; the ticket store lets only one of them remind each ticket.
func (a *App) remind(ctx context.Context) {
	every(ctx, a.remindEvery, func() {
		msgs, err := a.router.Reminders(ctx)
		if err != nil {
			a.log.Warn("ticket reminders", "err", err)
		}
		if len(msgs) > 0 {
			if _, err := a.bot.Deliver(ctx, msgs); err != nil {
				a.log.Warn("ticket reminders not delivered", "err", err)
			}
		}
	})
}

// Replicas announce themselves every replicaBeat and count as alive for
// replicaTTL: the outbound limit and the outbox shards are re-shared
// within seconds when one joins or dies, and at once when one stops
// cleanly (it leaves the group on SIGTERM).
const (
	replicaBeat = time.Second
	replicaTTL  = 3 * time.Second
)

// shareLimit keeps this replica's share of Telegram's per-bot limit
// (TELEGRAM_GLOBAL_RATE) at 1/n of it, n being the replicas alive in the
// backend (in memory: this one).
// It costs one round trip every two seconds, nothing per message. While
// Redis is unreachable the last share stays.
func (a *App) shareLimit(ctx context.Context) {
	host, _ := os.Hostname()
	member := fmt.Sprintf("%s-%d-%d", host, os.Getpid(), time.Now().UnixNano())
	last := 1
	beat := func() {
		n, err := a.backend.Heartbeat(ctx, "replicas", member, replicaTTL)
		if err != nil || n < 1 {
			return
		}
		if n != last {
			a.log.Info("replicas sharing the outbound limit", "replicas", n, "per_replica_rate", float64(a.cfg.GlobalRate)/float64(n))
			last = n
		}
		a.bot.ShareGlobalLimit(n)
	}
	beat()
	every(ctx, replicaBeat, beat)
	// Leave at once, so the others take up the whole limit now rather than
	// after replicaTTL.
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer cancel()
	if err := a.backend.Leave(lctx, "replicas", member); err != nil {
		a.log.Warn("replica not deregistered; the others notice within seconds", "err", err)
	}
}

// every calls fn every interval until ctx ends.
func every(ctx context.Context, interval time.Duration, fn func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn()
		}
	}
}

// Deliver sends an admin's broadcast in the background through the
// rate-limited sender, telling the admin how far it got after every tenth
// (at least every 50 messages) and how it ended.
func (a *App) Deliver(_ context.Context, reportTo int64, msgs []investbot.Message) {
	a.mu.Lock()
	ctx := a.runCtx
	a.mu.Unlock()
	if ctx == nil {
		ctx = context.Background()
	}
	report := func(text string) {
		if _, err := a.bot.Deliver(ctx, []investbot.Message{{ChatID: reportTo, Text: text}}); err != nil {
			a.log.Warn("broadcast report not delivered", "err", err)
		}
	}
	go func() {
		step := max(50, len(msgs)/10)
		sent := 0
		for start := 0; start < len(msgs); start += step {
			end := min(start+step, len(msgs))
			n, err := a.bot.Deliver(ctx, msgs[start:end])
			if err != nil {
				a.log.Warn("broadcast: some messages failed", "err", err)
			}
			sent += n
			if end < len(msgs) {
				report(fmt.Sprintf("📣 Broadcast in progress: %d of %d sent, %d failed so far.", end, len(msgs), end-sent))
			}
		}
		report(fmt.Sprintf("📣 Broadcast finished: %d delivered, %d failed.", sent, len(msgs)-sent))
	}()
}

// readYAMLDir reads the knowledge-base files of dir, for exports when
// KB_DIR replaces the bundled knowledge base.
func readYAMLDir(dir string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("KB_DIR: %w", err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml")) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("KB_DIR: %w", err)
		}
		files[e.Name()] = b
	}
	return files, nil
}

// weekly posts the stale-entries list to the admins once a week (ISO
// week, Vietnam time), checking every hour so that a restart does not skip
// a week; with Redis, one replica posts (in memory: this process, once).
func (a *App) weekly(ctx context.Context) {
	admins := make([]int64, 0, len(a.cfg.AdminIDs))
	for id := range a.cfg.AdminIDs {
		admins = append(admins, id)
	}
	if len(admins) == 0 {
		return
	}
	check := func() {
		y, w := time.Now().In(investbot.VietnamTime).ISOWeek()
		name := fmt.Sprintf("stale:%d-W%02d", y, w)
		first, err := a.backend.Once(ctx, name, 8*24*time.Hour)
		if err != nil {
			a.log.Warn("weekly stale report", "err", err)
			return
		}
		if !first {
			return
		}
		if msgs := a.router.StaleReport(admins); len(msgs) > 0 {
			if _, err := a.bot.Deliver(ctx, msgs); err != nil {
				a.log.Warn("weekly stale report not delivered", "err", err)
			}
		}
	}
	check()
	every(ctx, time.Hour, check)
}

// ready reports whether the bot can do its job: a knowledge base loaded and
// the store reachable.
func (a *App) ready(w http.ResponseWriter, r *http.Request) {
	if kb := a.kb.Current(); kb == nil || kb.Len() == 0 {
		http.Error(w, "knowledge base not loaded", http.StatusServiceUnavailable)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	if err := a.store.Ping(ctx); err != nil {
		http.Error(w, "redis unreachable", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintf(w, "ready: knowledge base %s\n", a.kb.Current().Version())
	// Without persistence the bot works, so it stays ready; the detail
	// says what a Redis restart would cost (memory has nothing to say).
	dctx, dcancel := context.WithTimeout(r.Context(), time.Second)
	defer dcancel()
	if d, err := a.backend.Durability(dctx); err == nil && d.Summary != "" {
		fmt.Fprintf(w, "redis persistence: %s\n", d.Summary)
		if d.Warning != "" {
			fmt.Fprintf(w, "warning: %s\n", d.Warning)
		}
	}
}

// Close releases the stores.
func (a *App) Close() error {
	var errs []error
	for _, c := range a.closers {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// NewLogger builds the process logger from the configuration.
func NewLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
