package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/memstore"
)

// Handler turns one decoded request into a reply. Implemented by handlers.Router.
type Handler interface {
	Handle(ctx context.Context, req investbot.Request) (investbot.Reply, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, req investbot.Request) (investbot.Reply, error)

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, req investbot.Request) (investbot.Reply, error) {
	return f(ctx, req)
}

// DefaultEndpoint is Telegram's Bot API server.
const DefaultEndpoint = "https://api.telegram.org"

// Config configures a Bot. Only Token is required.
type Config struct {
	Token string
	// Endpoint is the Bot API server's base URL (TELEGRAM_API_ENDPOINT,
	// e.g. http://127.0.0.1:8081); the bot appends /bot<token>/<method>.
	Endpoint string
	// HTTPClient is used for every call; nil means a client without an
	// overall timeout (each call sets its own deadline).
	HTTPClient *http.Client
	// Roles tells staff and admins from investors; nil makes everyone an
	// investor.
	Roles func(userID int64) investbot.Role
	// StaffChatID is the Japan Desk group: every reply there reaches the
	// handler, mentioned or not.
	StaffChatID int64

	// PollTimeout is the getUpdates long-poll timeout (default 30 s).
	PollTimeout time.Duration
	// IdlePause is the pause after a getUpdates that came back at once
	// with nothing, so that a server that does not long-poll cannot make
	// the loop spin (default 300 ms).
	IdlePause time.Duration
	// ErrorBackoffMax caps the backoff after failed getUpdates calls
	// (default 30 s; it starts at 1 s).
	ErrorBackoffMax time.Duration
	// Workers is how many updates are handled at once (default 32).
	// Updates from one chat are always handled in order.
	Workers int
	// HandleTimeout bounds the handling of one update, sending included
	// (default 2 min).
	HandleTimeout time.Duration
	// OnHandled, when set, is told of every handled update whose answered
	// mark the outbox did not write (nothing to send or save, the
	// in-memory fallback, no Outbox configured), so the store can mark it
	// done; it must not block.
	OnHandled func(updateID, userID int64)
	// OnSent, when set, is told of every message sent for a Japan Desk
	// ticket (investbot.Message.Ticket): its chat, the id Telegram gave it
	// and the ticket, so that the ticket store can bind them. It is called
	// on the sending goroutine and should be quick.
	OnSent func(ctx context.Context, chatID int64, messageID int, ticket string)
	// TypingAfter is how long handling may take before the chat shows
	// "typing…" (default 400 ms).
	TypingAfter time.Duration
	// CallTimeout bounds one Bot API call (default 30 s; uploads and the
	// long poll get more).
	CallTimeout time.Duration

	// WebhookURL is the public URL Telegram posts updates to; WebhookPath
	// is the path the handler serves (default /telegram/webhook).
	// WebhookSecret must be sent by Telegram in the
	// X-Telegram-Bot-Api-Secret-Token header; without it the webhook
	// refuses every request.
	WebhookURL    string
	WebhookPath   string
	WebhookSecret string
	// MaxBodyBytes limits a webhook request body (default 1 MiB).
	MaxBodyBytes int64

	Limits  Limits
	Retry   Retry
	Metrics Metrics

	// Outbox keeps replies until Telegram accepted them; it should be the
	// session store, so that a reply and the session ride in one round
	// trip (Commit), and is shared by every replica. Nil keeps an outbox in
	// memory.
	Outbox investbot.Outbox
	// OutboxTTL is how long a reply is retried before it is given up
	// (default 24 h, OUTBOX_TTL).
	OutboxTTL time.Duration
	// OutboxShards is the number of outbox shards (default
	// investbot.OutboxShards; every replica must use the same).
	OutboxShards int
	// ShardLease is how long a replica holds an outbox shard without
	// renewing it (default 5 s): the delay before a dead replica's
	// replies are taken over.
	ShardLease time.Duration
	// OutboxPoll is how often the held shards are read for replies other
	// replicas wrote (default 100 ms; this replica's own go at once).
	OutboxPoll time.Duration
	// Senders is how many chats are sent to at once (default 32).
	Senders int
	// UpdateLease is the in-progress mark an update keeps while handled,
	// renewed every third of it (default investbot.InProgressTTL); it
	// must match the store's InProgressTTL.
	UpdateLease time.Duration
	// ShutdownGrace is how long a shutdown waits for replies held only in
	// memory (no Redis) to be sent (default 5 s).
	ShutdownGrace time.Duration
	// Clock schedules outbox retries (default the real clock).
	Clock Clock
}

func (c Config) withDefaults() Config {
	if c.Endpoint == "" {
		c.Endpoint = DefaultEndpoint
	}
	c.Endpoint = strings.TrimRight(c.Endpoint, "/")
	if c.PollTimeout <= 0 {
		c.PollTimeout = 30 * time.Second
	}
	if c.IdlePause <= 0 {
		c.IdlePause = 300 * time.Millisecond
	}
	if c.ErrorBackoffMax <= 0 {
		c.ErrorBackoffMax = 30 * time.Second
	}
	if c.Workers <= 0 {
		c.Workers = 32
	}
	if c.HandleTimeout <= 0 {
		c.HandleTimeout = 2 * time.Minute
	}
	if c.CallTimeout <= 0 {
		c.CallTimeout = 30 * time.Second
	}
	if c.WebhookPath == "" {
		c.WebhookPath = "/telegram/webhook"
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.Metrics == nil {
		c.Metrics = NopMetrics{}
	}
	if c.OutboxTTL <= 0 {
		c.OutboxTTL = investbot.OutboxTTL
	}
	if c.OutboxShards <= 0 {
		c.OutboxShards = investbot.OutboxShards
	}
	if c.ShardLease <= 0 {
		c.ShardLease = 5 * time.Second
	}
	if c.OutboxPoll <= 0 {
		c.OutboxPoll = 100 * time.Millisecond
	}
	if c.Senders <= 0 {
		c.Senders = 32
	}
	if c.UpdateLease <= 0 {
		c.UpdateLease = investbot.InProgressTTL
	}
	if c.ShutdownGrace <= 0 {
		c.ShutdownGrace = 5 * time.Second
	}
	if c.Clock == nil {
		c.Clock = realClock{}
	}
	return c
}

// Command is one entry of the bot's command menu.
type Command struct {
	Name        string // without the slash
	Description string
}

// Bot is the Telegram adapter: it receives updates (long polling with Run,
// or webhook requests through WebhookHandler), decodes them into
// investbot.Request values, calls the Handler and renders its Reply.
type Bot struct {
	cfg     Config
	h       Handler
	log     *slog.Logger
	tg      *tgbotapi.BotAPI
	api     *api
	sender  *Sender
	dec     decoder
	seed    maphash.Seed
	running sync.Mutex
	offset  int64 // next getUpdates offset; kept across Runs

	outbox   investbot.Outbox
	fallback *memstore.Outbox
	deliver  *deliverer
	started  sync.Once
	stop     context.CancelFunc
	stopped  chan struct{}
}

// New connects to the Bot API (getMe) and returns a Bot. It fails when the
// token is empty or the server refuses it; the error never contains the
// token.
func New(cfg Config, h Handler, logger *slog.Logger) (*Bot, error) {
	if cfg.Token == "" {
		return nil, errors.New("bot: no token (TELEGRAM_BOT_TOKEN)")
	}
	if h == nil {
		return nil, errors.New("bot: no handler")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	client := deadlineClient{c: hc, timeout: cfg.CallTimeout}
	endpoint := strings.ReplaceAll(cfg.Endpoint, "%", "%%") + "/bot%s/%s"
	tg, err := tgbotapi.NewBotAPIWithClient(cfg.Token, endpoint, client)
	if err != nil {
		return nil, fmt.Errorf("bot: getMe at %s: %w", cfg.Endpoint, scrubError(err, cfg.Token))
	}
	a := &api{client: client, endpoint: endpoint, token: cfg.Token}
	b := &Bot{
		cfg:    cfg,
		h:      h,
		log:    logger,
		tg:     tg,
		api:    a,
		sender: newSender(a, cfg.Limits, cfg.Retry, cfg.Metrics, logger),
		dec: decoder{
			botID:       tg.Self.ID,
			botUsername: tg.Self.UserName,
			staffChatID: cfg.StaffChatID,
			roles:       cfg.Roles,
		},
		seed: maphash.MakeSeed(),
	}
	b.outbox = cfg.Outbox
	if b.outbox == nil {
		b.outbox = memstore.NewOutbox(cfg.Clock.Now)
	}
	b.fallback = memstore.NewOutbox(cfg.Clock.Now)
	host, _ := os.Hostname()
	owner := fmt.Sprintf("%s-%d-%d", host, os.Getpid(), time.Now().UnixNano())
	b.deliver = newDeliverer(b, b.outbox, b.fallback, owner)
	return b, nil
}

// Start begins sending the outbox until ctx ends (Run calls it; a webhook
// bot calls it at start, or the first update does). Stop waits for it.
func (b *Bot) Start(ctx context.Context) {
	b.started.Do(func() {
		ctx, b.stop = context.WithCancel(ctx)
		b.stopped = make(chan struct{})
		go func() {
			defer close(b.stopped)
			b.deliver.run(ctx, b.cfg.ShutdownGrace)
		}()
	})
}

// Stop stops sending and waits: calls in progress finish, replies held
// only in memory get ShutdownGrace, the outbox shards are released for
// the other replicas. Replies still in a shared outbox wait for the next
// holder of their shard.
func (b *Bot) Stop() {
	b.started.Do(func() {}) // a later Start does nothing
	if b.stop == nil {
		return
	}
	b.stop()
	<-b.stopped
}

// Username is the bot's own username, from getMe.
func (b *Bot) Username() string { return b.tg.Self.UserName }

// allowedUpdates are the update types the bot asks for.
const allowedUpdates = `["message","edited_message","callback_query"]`

// Run receives updates by long polling until ctx is cancelled, then
// finishes the updates in hand and returns nil. A webhook is deleted first
// (a failure is only logged). An update is acknowledged (the offset moves
// past it) only after its replies were written to the outbox; updates that cannot be decoded are
// logged and acknowledged. Run returns an error only when called while
// already running.
func (b *Bot) Run(ctx context.Context) error {
	if !b.running.TryLock() {
		return errors.New("bot: Run called twice")
	}
	defer b.running.Unlock()
	b.Start(context.WithoutCancel(ctx))

	if _, err := b.sender.do(ctx, request{method: "deleteWebhook", kind: kindUnmetered, optional: true}); err != nil && ctx.Err() == nil {
		b.log.WarnContext(ctx, "deleteWebhook failed; polling anyway", "err", err)
	}
	b.log.InfoContext(ctx, "polling for updates", "bot", b.tg.Self.UserName)
	offset, acked := b.offset, b.offset
	var backoff time.Duration
	for ctx.Err() == nil {
		start := time.Now()
		batch, err := b.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			wait := retryAfter(err)
			if wait == 0 {
				backoff = min(max(2*backoff, time.Second), b.cfg.ErrorBackoffMax)
				wait = backoff
			}
			b.log.WarnContext(ctx, "getUpdates failed", "err", err, "wait", wait, "offset", offset)
			_ = sleep(ctx, wait)
			continue
		}
		backoff = 0
		acked = offset
		if len(batch) == 0 {
			if time.Since(start) < b.cfg.PollTimeout/2 {
				_ = sleep(ctx, b.cfg.IdlePause)
			}
			continue
		}
		next := b.handleBatch(ctx, batch)
		if next > offset {
			offset = next
		}
		if held := next <= lastID(batch); held {
			// An update is in another replica's hands, or was left by one
			// that died: ask again after a pause instead of spinning.
			_ = sleep(ctx, retryPause)
		}
	}
	b.offset = offset
	if offset > acked {
		// Confirm the updates handled since the last poll, so that Telegram
		// does not deliver them again after a restart. limit=1 and no wait:
		// whatever comes back stays unconfirmed and is delivered again.
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		p := tgbotapi.Params{"offset": strconv.FormatInt(offset, 10), "timeout": "0", "limit": "1", "allowed_updates": allowedUpdates}
		if _, err := b.api.call(actx, "getUpdates", p, nil); err != nil {
			b.log.WarnContext(actx, "could not confirm handled updates; they may be delivered again", "err", err, "offset", offset)
		}
		cancel()
	}
	b.log.InfoContext(context.WithoutCancel(ctx), "polling stopped", "offset", offset)
	return nil
}

// getUpdates long-polls once. Each update comes back raw, so that one
// malformed update cannot spoil the batch.
func (b *Bot) getUpdates(ctx context.Context, offset int64) ([]json.RawMessage, error) {
	p := tgbotapi.Params{}
	if offset > 0 {
		p["offset"] = strconv.FormatInt(offset, 10)
	}
	p["timeout"] = strconv.Itoa(int(b.cfg.PollTimeout / time.Second))
	p["allowed_updates"] = allowedUpdates
	cctx, cancel := context.WithTimeout(ctx, b.cfg.PollTimeout+b.cfg.CallTimeout)
	defer cancel()
	res, err := b.api.call(withCallTimeout(cctx, b.cfg.PollTimeout+b.cfg.CallTimeout), "getUpdates", p, nil)
	if err != nil {
		return nil, err
	}
	var batch []json.RawMessage
	if err := json.Unmarshal(res, &batch); err != nil {
		return nil, fmt.Errorf("bot: getUpdates: decode result: %w", err)
	}
	return batch, nil
}

// handleBatch handles a batch of updates, several chats at once but each
// chat in order, and returns the offset that acknowledges them: one past
// the highest update id whose predecessors in the batch were all handled.
// When ctx is cancelled, updates already started are finished and the
// rest are left for the next run.
func (b *Bot) handleBatch(ctx context.Context, batch []json.RawMessage) int64 {
	type job struct {
		idx int
		d   decoded
	}
	n := b.cfg.Workers
	queues := make([]chan job, n)
	for i := range queues {
		queues[i] = make(chan job, len(batch))
	}
	done := make([]bool, len(batch))
	ids := make([]int64, len(batch))
	for i, raw := range batch {
		d := b.dec.decode(raw)
		ids[i] = d.updateID
		key := d.req.ChatID
		if key == 0 {
			key = d.req.UserID
		}
		shard := int(maphash.Comparable(b.seed, key) % uint64(n))
		queues[shard] <- job{idx: i, d: d}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, q := range queues {
		close(q)
		if len(q) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range q {
				if ctx.Err() != nil {
					return
				}
				if err := b.process(ctx, j.d); errors.Is(err, errRetryLater) {
					continue // not acknowledged: it comes again
				}
				mu.Lock()
				done[j.idx] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	var next int64
	for i := range batch {
		if !done[i] {
			break
		}
		if ids[i]+1 > next {
			next = ids[i] + 1
		}
	}
	return next
}

// retryPause is the wait before fetching again an update that another
// process is handling.
const retryPause = 2 * time.Second

// errRetryLater marks an update that must not be acknowledged yet.
var errRetryLater = errors.New("bot: update in progress elsewhere")

// lastID is the highest update id in a batch (0 when none decodes).
func lastID(batch []json.RawMessage) int64 {
	var last int64
	for _, raw := range batch {
		var u struct {
			UpdateID int64 `json:"update_id"`
		}
		if json.Unmarshal(raw, &u) == nil && u.UpdateID > last {
			last = u.UpdateID
		}
	}
	return last
}

type loggerKey struct{}

// logFrom returns the logger stored in ctx (carrying update_id), or def.
func logFrom(ctx context.Context, def *slog.Logger) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return def
}

// errHandler marks a failure of the Handler itself, as opposed to a
// failure to send its reply.
var errHandler = errors.New("handler failed")

// process handles one decoded update: calls the handler (renewing the
// update's lease meanwhile), answers the callback query, and commits the
// reply to the outbox with the session. It runs to the end even when ctx
// is cancelled (bounded by HandleTimeout), so that an update is never half
// answered at shutdown. The error returned wraps errHandler when the
// handler failed.
func (b *Bot) process(parent context.Context, d decoded) error {
	t, err := b.handle(parent, d)
	t.run()
	return err
}

// handle is process, but leaves the reply's turn, when it took one (see
// deliverer.push), to the caller: the webhook answers Telegram first.
func (b *Bot) handle(parent context.Context, d decoded) (*turn, error) {
	t, err, again := b.handleOnce(parent, d, true, false)
	if again {
		// The store refused the speculative commit (answered or in
		// progress elsewhere, over the flood limit, or the session
		// changed): nothing was written, so the update is handled again
		// the normal way, from Begin. Its callback is answered already.
		b.log.Debug("speculative update refused; handling it again", "update_id", d.updateID, "err", err)
		t, err, _ = b.handleOnce(parent, d, false, true)
	}
	return t, err
}

// handleOnce is one handling of the update; speculate lets the store answer
// Begin from its cached session (investbot.Speculation). again reports
// that the store refused such a handling and it must be made again.
func (b *Bot) handleOnce(parent context.Context, d decoded, speculate, callbackAnswered bool) (_ *turn, _ error, again bool) {
	log := b.log.With("update_id", d.updateID)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), b.cfg.HandleTimeout)
	defer cancel()
	ctx = context.WithValue(ctx, loggerKey{}, log)

	switch d.what {
	case invalid:
		log.WarnContext(ctx, "update dropped", "reason", d.reason)
		return nil, nil, false
	case ignore:
		log.DebugContext(ctx, "update ignored", "reason", d.reason)
		return nil, nil, false
	}
	req := d.req
	start := time.Now()
	b.Start(context.Background())
	if wantsDownload(req) {
		att := *req.Attachment
		req.Attachment = &att
		b.fetchDocument(ctx, &req)
	}
	// The session write is held and made with the replies (Commit): one
	// round trip for both.
	hctx, deferred := investbot.WithDeferred(ctx, req.UserID)
	// Only a durable outbox admits a speculative update in its Commit.
	hctx, spec := investbot.WithSpeculation(hctx)
	if !speculate || b.cfg.Outbox == nil {
		spec.Disable()
	}
	if req.Command == "start" {
		spec.AssumeFresh()
	}
	committed := false
	defer func() { spec.Finish(committed) }()
	stopBeat := b.heartbeat(ctx, d.updateID, req.UserID)
	stopTyping := b.typingWhileSlow(ctx, req)
	reply, herr := b.h.Handle(hctx, req)
	stopTyping()
	stopBeat()
	if herr != nil {
		log.ErrorContext(ctx, "handler failed", "err", herr)
	}
	if herr == nil && reply.RetryLater {
		// Another replica has it in hand (or died with it less than a
		// lease ago): leave it unacknowledged so that it comes again.
		log.InfoContext(ctx, "update in progress elsewhere; asking for redelivery")
		return nil, errRetryLater, false
	}
	if req.CallbackID != "" && !callbackAnswered {
		b.answerCallback(ctx, req.CallbackID, reply.CallbackText)
	}
	if herr != nil {
		return nil, fmt.Errorf("bot: update %d: %w: %w", d.updateID, errHandler, herr), false
	}
	var calls []request
	for i, m := range reply.Messages {
		c, err := b.plan(ctx, req, m)
		if err != nil {
			log.ErrorContext(ctx, "reply not rendered", "err", err, "message", i, "of", len(reply.Messages))
			continue
		}
		calls = append(calls, c...)
	}
	sess := deferred.Session()
	_, speculative := spec.Active()
	if len(calls) == 0 && sess == nil && !speculative {
		// Nothing to send or save (a duplicate, a silent flood drop): the
		// answered mark is batched off the message path.
		committed = true
		if b.cfg.OnHandled != nil && req.UserID != 0 {
			b.cfg.OnHandled(d.updateID, req.UserID)
		}
		return nil, nil, false
	}
	t, err := b.commitTurn(ctx, d.updateID, req.UserID, sess, calls, spec)
	if errors.Is(err, investbot.ErrSpeculationRefused) {
		return nil, err, true
	}
	if err != nil {
		return nil, fmt.Errorf("bot: update %d: %w", d.updateID, err), false
	}
	committed = true
	if b.cfg.Outbox == nil && b.cfg.OnHandled != nil && req.UserID != 0 {
		// The in-memory outbox marks nothing: tell the store.
		b.cfg.OnHandled(d.updateID, req.UserID)
	}
	log.DebugContext(ctx, "update handled", "calls", len(calls), "took", time.Since(start))
	return t, nil, false
}

// commit writes an update's replies to the outbox with its session and its
// answered mark, then queues them here when this replica holds their
// shard. When the outbox cannot be written (Redis down) the replies go to
// the in-memory fallback and are still sent; the session write is lost, as
// it would have been without the outbox.
func (b *Bot) commit(ctx context.Context, updateID, userID int64, sess *investbot.Session, calls []request) error {
	t, err := b.commitTurn(ctx, updateID, userID, sess, calls, nil)
	t.run()
	return err
}

// commitTurn is commit, and returns the replies' turn when it took one
// (see deliverer.push) for the caller to run.
// A speculative update (spec active) refused by the store returns
// investbot.ErrSpeculationRefused and nothing else happens.
func (b *Bot) commitTurn(ctx context.Context, updateID, userID int64, sess *investbot.Session, calls []request, spec *investbot.Speculation) (*turn, error) {
	log := logFrom(ctx, b.log)
	entries, err := b.entries(updateID, calls)
	if err != nil {
		return nil, err
	}
	// Replies sent meanwhile are removed in the same round trip.
	acks := b.deliver.takeAcksOf(b.deliver.primary)
	c := &investbot.Commit{UpdateID: updateID, UserID: userID, Session: sess, Entries: entries, Acks: ackEntries(acks), Speculation: spec}
	if err := b.outbox.Commit(ctx, c); err == nil {
		b.deliver.acked(acks)
		b.deliver.recycleAcks(acks)
		return b.deliver.push(b.deliver.primary, c.Entries, calls, true), nil
	} else if errors.Is(err, investbot.ErrSpeculationRefused) {
		// Nothing of the update was written; the XDELs may have run, and
		// made again they delete nothing.
		b.deliver.requeueAcks(acks)
		return nil, err
	} else {
		log.WarnContext(ctx, "outbox not written; replies kept in memory, session not saved", "err", err)
	}
	b.deliver.requeueAcks(acks)
	c.Session, c.Acks = nil, nil
	if err := b.fallback.Commit(ctx, c); err != nil {
		return nil, fmt.Errorf("outbox fallback: %w", err)
	}
	b.deliver.push(b.deliver.fallback, c.Entries, calls, false)
	if b.cfg.OnHandled != nil && userID != 0 {
		b.cfg.OnHandled(updateID, userID)
	}
	return nil, nil
}

// heartbeat renews the update's in-progress lease every third of it while
// it is handled, so that the lease can be short: a replica that dies
// leaves the update to the others within UpdateLease.
func (b *Bot) heartbeat(ctx context.Context, updateID, userID int64) (stop func()) {
	if userID == 0 || updateID == 0 {
		return func() {}
	}
	lease := b.cfg.UpdateLease
	// Most updates are handled in a millisecond: the renewals start only
	// after a third of the lease, so those cost no goroutine.
	done := make(chan struct{})
	t := time.AfterFunc(lease/3, func() {
		tick := time.NewTicker(lease / 3)
		defer tick.Stop()
		for {
			if err := b.outbox.Renew(ctx, updateID, userID, lease); err != nil {
				logFrom(ctx, b.log).WarnContext(ctx, "update lease not renewed", "err", err)
			}
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	})
	return func() {
		t.Stop()
		close(done)
	}
}

func (b *Bot) answerCallback(ctx context.Context, id, text string) {
	p := tgbotapi.Params{"callback_query_id": id}
	p.AddNonEmpty("text", truncateRunes(text, 200))
	if _, err := b.sender.do(ctx, request{method: "answerCallbackQuery", params: p, kind: kindAction}); err != nil {
		logFrom(ctx, b.log).WarnContext(ctx, "answerCallbackQuery failed", "err", err)
	}
}

func truncateRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// SetCommands publishes the command menu once per language (and the
// English one as the default for everybody else). Failures are logged
// only: the menu is a convenience and the emulator lacks the method.
func (b *Bot) SetCommands(ctx context.Context, cmds map[investbot.Lang][]Command) {
	set := func(lang string, list []Command) {
		type botCommand struct {
			Command     string `json:"command"`
			Description string `json:"description"`
		}
		out := make([]botCommand, 0, len(list))
		for _, c := range list {
			out = append(out, botCommand{Command: strings.TrimPrefix(c.Name, "/"), Description: c.Description})
		}
		p := tgbotapi.Params{}
		if err := p.AddInterface("commands", out); err != nil {
			b.log.WarnContext(ctx, "setMyCommands: encode", "err", err)
			return
		}
		p.AddNonEmpty("language_code", lang)
		if _, err := b.sender.do(ctx, request{method: "setMyCommands", params: p, kind: kindUnmetered, optional: true}); err != nil {
			b.log.WarnContext(ctx, "setMyCommands failed", "lang", lang, "err", err)
		}
	}
	// The knowledge base's languages first, then any other language the
	// locale files add, in a stable order.
	langs := slices.Clone(investbot.Langs)
	for _, l := range slices.Sorted(maps.Keys(cmds)) {
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	for _, l := range langs {
		if list, ok := cmds[l]; ok {
			set(string(l), list)
		}
	}
	if list, ok := cmds[investbot.EN]; ok {
		set("", list)
	}
}

// SetMenuButton makes the chat menu button of every private chat open the
// Mini App at url (setChatMenuButton with a web_app button). A failure is
// logged only: the bot works without it, and the emulator lacks the method.
func (b *Bot) SetMenuButton(ctx context.Context, text, url string) {
	p := tgbotapi.Params{}
	btn := map[string]any{"type": "web_app", "text": text, "web_app": webAppInfo{URL: url}}
	if err := p.AddInterface("menu_button", btn); err != nil {
		b.log.WarnContext(ctx, "setChatMenuButton: encode", "err", err)
		return
	}
	if _, err := b.sender.do(ctx, request{method: "setChatMenuButton", params: p, kind: kindUnmetered, optional: true}); err != nil {
		b.log.WarnContext(ctx, "setChatMenuButton failed", "err", err)
	}
}

// SetWebhook registers WebhookURL with Telegram, with the secret token and
// the update types the bot handles. Call it once at start in webhook mode.
func (b *Bot) SetWebhook(ctx context.Context) error {
	if b.cfg.WebhookURL == "" {
		return errors.New("bot: SetWebhook: no WebhookURL")
	}
	if b.cfg.WebhookSecret == "" {
		return errors.New("bot: SetWebhook: no WebhookSecret")
	}
	p := tgbotapi.Params{
		"url":             b.cfg.WebhookURL,
		"secret_token":    b.cfg.WebhookSecret,
		"allowed_updates": allowedUpdates,
	}
	if _, err := b.sender.do(ctx, request{method: "setWebhook", params: p, kind: kindUnmetered}); err != nil {
		return fmt.Errorf("bot: setWebhook: %w", err)
	}
	return nil
}
