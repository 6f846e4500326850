package bot

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/time/rate"
)

// Limits are Telegram's outbound limits. The sender keeps to them as
// measured at Telegram, not only at the sender: see Sender.
type Limits struct {
	// Global is at most this many messages per GlobalWindow over all chats
	// (Telegram: 30 per second).
	Global       int
	GlobalWindow time.Duration
	// PrivateRate is the sustained rate to one private chat (1/s) after a
	// burst of PrivateBurst messages.
	PrivateRate  float64 // messages per second
	PrivateBurst int
	// Group is at most this many messages per GroupWindow to one group
	// (Telegram: 20 per minute); GroupBurst of them may go at once.
	Group       int
	GroupWindow time.Duration
	GroupBurst  int
	// Idle is how long an unused per-chat limiter is kept. A limiter idle
	// long enough to refill (about 3 s for a private chat, 12 s for a
	// group at the defaults) is the same as a new one, so a minute is
	// safe and keeps memory bounded by the chats of the last minute.
	Idle time.Duration
	// Headroom is the fraction of each rate kept unused (default 0.1),
	// because requests sent evenly do not arrive evenly: the network and
	// the server's own queue bunch them, and Telegram counts arrivals.
	// Negative means none.
	Headroom float64
}

// DefaultLimits returns Telegram's documented limits.
func DefaultLimits() Limits {
	return Limits{
		Global: 30, GlobalWindow: time.Second,
		PrivateRate: 1, PrivateBurst: 3,
		Group: 20, GroupWindow: time.Minute, GroupBurst: 3,
		Idle:     time.Minute,
		Headroom: 0.1,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.Global <= 0 || l.GlobalWindow <= 0 {
		l.Global, l.GlobalWindow = d.Global, d.GlobalWindow
	}
	if l.PrivateRate <= 0 {
		l.PrivateRate = d.PrivateRate
	}
	if l.PrivateBurst <= 0 {
		l.PrivateBurst = d.PrivateBurst
	}
	if l.Group <= 0 || l.GroupWindow <= 0 {
		l.Group, l.GroupWindow = d.Group, d.GroupWindow
	}
	if l.GroupBurst <= 0 || l.GroupBurst >= l.Group {
		l.GroupBurst = min(d.GroupBurst, l.Group)
	}
	if l.Idle <= 0 {
		l.Idle = d.Idle
	}
	switch {
	case l.Headroom == 0:
		l.Headroom = d.Headroom
	case l.Headroom < 0:
		l.Headroom = 0
	case l.Headroom > 0.9:
		l.Headroom = 0.9
	}
	return l
}

// Retry bounds the sender's retries of failed calls.
type Retry struct {
	// Attempts is the most calls made for one essential request made at
	// once (429 waits included; reminders, broadcasts, callback answers).
	// Default 5. Replies in the outbox are retried until OutboxTTL.
	Attempts int
	// Base and Max bound the exponential backoff after 5xx and network
	// errors (defaults 500 ms and 10 s), for both; a 429 waits its
	// retry_after.
	Base, Max time.Duration
	// MaxRetryAfter caps a single 429 wait of a call made at once
	// (default 60 s); a longer one fails the call. The outbox waits any
	// retry_after.
	MaxRetryAfter time.Duration
}

func (r Retry) withDefaults() Retry {
	if r.Attempts <= 0 {
		r.Attempts = 5
	}
	if r.Base <= 0 {
		r.Base = 500 * time.Millisecond
	}
	if r.Max <= 0 {
		r.Max = 10 * time.Second
	}
	if r.MaxRetryAfter <= 0 {
		r.MaxRetryAfter = time.Minute
	}
	return r
}

// Metrics receives the sender's counters. A Prometheus implementation can
// be plugged in; the default does nothing.
type Metrics interface {
	// QueueDepth is called with the number of calls waiting for a rate
	// limiter whenever it changes.
	QueueDepth(n int)
	// TooManyRequests counts a 429 answer and the wait it asked for.
	TooManyRequests(method string, retryAfter time.Duration)
	// Retry counts a call repeated after a 5xx or network error.
	Retry(method string)
	// Failed counts a call that finally failed.
	Failed(method string)
}

// NopMetrics discards everything.
type NopMetrics struct{}

var _ Metrics = NopMetrics{}

func (NopMetrics) QueueDepth(int)                        {}
func (NopMetrics) TooManyRequests(string, time.Duration) {}
func (NopMetrics) Retry(string)                          {}
func (NopMetrics) Failed(string)                         {}

// callKind decides which limiters a call passes.
type callKind int

const (
	kindMessage   callKind = iota // counts against global and per-chat limits
	kindAction                    // chat action, callback answer: global only
	kindUnmetered                 // getUpdates, setWebhook, setMyCommands
)

// request is one outbound Bot API call.
type request struct {
	method string
	params tgbotapi.Params
	files  []upload
	chatID int64
	kind   callKind
	// optional calls (chat action, venue, commands) are tried once: the
	// reply text must not wait for them.
	optional bool
	// ticket is the Japan Desk ticket the message belongs to: once sent,
	// the id Telegram gives it is bound to the ticket (Config.OnSent).
	ticket string
}

// Sender is the one way out to the Bot API. It keeps to Telegram's limits,
// waits out 429 answers, retries server and network failures with capped
// exponential backoff, and reports counters to Metrics. It is safe for
// concurrent use; callers for one chat are served in the order they
// arrive, because each waits for its own turn.
//
// Telegram measures the limits when requests arrive, so the token buckets
// are set so that no window can exceed a limit even at its edges: a
// bucket of burst b and window W refills at (N-b)/W, which keeps any window
// of length W at or under N; Limits.Headroom slows every refill a little
// more to absorb bunching on the way.
type Sender struct {
	api     *api
	limits  Limits
	retry   Retry
	metrics Metrics
	log     *slog.Logger

	global *pacer
	queued atomic.Int64

	mu        sync.Mutex
	chats     map[int64]*chatLimiter
	lastSweep time.Time
	now       func() time.Time
}

type chatLimiter struct {
	lim      *rate.Limiter
	lastUsed time.Time
	until    time.Time // a 429 asked this chat to wait until then
}

func newSender(a *api, l Limits, r Retry, m Metrics, log *slog.Logger) *Sender {
	l = l.withDefaults()
	if m == nil {
		m = NopMetrics{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	perSec := float64(l.Global-1) / l.GlobalWindow.Seconds()
	if l.Global <= 1 {
		perSec = float64(l.Global) / l.GlobalWindow.Seconds()
	}
	perSec *= 1 - l.Headroom
	return &Sender{
		api:     a,
		limits:  l,
		retry:   r.withDefaults(),
		metrics: m,
		log:     log,
		global:  newPacer(time.Duration(float64(time.Second) / perSec)),
		chats:   map[int64]*chatLimiter{},
		now:     time.Now,
	}
}

// pacer spaces calls at least interval apart, measured from when each
// call really goes out. A token bucket (rate.Limiter) hands out future
// slots; goroutines that wake late then leave in bunches, and measured
// at the emulator a 29/s bucket put 32 messages into one second. The pacer
// lets one caller at a time wait for its slot and stamps the slot only
// when the caller leaves.
type pacer struct {
	base     time.Duration // the interval for the whole bot
	interval atomic.Int64  // nanoseconds: base times the replicas sharing it
	turn     chan struct{} // holds one token: whose turn it is to wait
	last     time.Time
}

func newPacer(interval time.Duration) *pacer {
	p := &pacer{base: interval, turn: make(chan struct{}, 1)}
	p.interval.Store(int64(interval))
	p.turn <- struct{}{}
	return p
}

// share divides the rate among n replicas: each spaces its calls n times
// further apart, so that together they keep the bot's limit.
func (p *pacer) share(n int) {
	p.interval.Store(int64(p.base) * int64(max(n, 1)))
}

// Wait blocks until a call may go out, or ctx is done.
func (p *pacer) Wait(ctx context.Context) error {
	select {
	case <-p.turn:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { p.turn <- struct{}{} }()
	if err := sleep(ctx, time.Until(p.last.Add(time.Duration(p.interval.Load())))); err != nil {
		return err
	}
	p.last = time.Now()
	return nil
}

// idleFor reports whether a message to chatID would go out without
// waiting: no call waits for the limits and the chat's own limit has room.
// A goroutine that would otherwise hold a webhook connection while waiting
// asks it first (deliverer.claimLocked); it is a hint, not a reservation.
func (s *Sender) idleFor(chatID int64) bool {
	if s.queued.Load() != 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return true
	}
	now := s.now()
	return !now.Before(c.until) && c.lim.TokensAt(now) >= 1
}

// chat returns the limiter for chatID, creating it on first use, and
// evicts limiters idle for longer than Limits.Idle. Private chats have
// positive ids, groups and channels negative ones.
func (s *Sender) chat(chatID int64) *chatLimiter {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if now.Sub(s.lastSweep) > s.limits.Idle/2 {
		for id, c := range s.chats {
			if now.Sub(c.lastUsed) > s.limits.Idle && now.After(c.until) {
				delete(s.chats, id)
			}
		}
		s.lastSweep = now
	}
	c := s.chats[chatID]
	if c == nil {
		var lim *rate.Limiter
		if chatID > 0 {
			lim = rate.NewLimiter(rate.Limit(s.limits.PrivateRate*(1-s.limits.Headroom)), s.limits.PrivateBurst)
		} else {
			r := float64(s.limits.Group-s.limits.GroupBurst) / s.limits.GroupWindow.Seconds() * (1 - s.limits.Headroom)
			lim = rate.NewLimiter(rate.Limit(r), s.limits.GroupBurst)
		}
		c = &chatLimiter{lim: lim}
		s.chats[chatID] = c
	}
	c.lastUsed = now
	return c
}

// chatCount is the number of per-chat limiters held (for tests).
func (s *Sender) chatCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.chats)
}

func (s *Sender) pauseChat(chatID int64, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[chatID]; c != nil {
		if t := s.now().Add(d); t.After(c.until) {
			c.until = t
		}
	}
}

// wait blocks until r may be sent.
func (s *Sender) wait(ctx context.Context, r *request) error {
	if r.kind == kindUnmetered {
		return nil
	}
	s.metrics.QueueDepth(int(s.queued.Add(1)))
	defer func() { s.metrics.QueueDepth(int(s.queued.Add(-1))) }()
	if r.kind == kindMessage && r.chatID != 0 {
		c := s.chat(r.chatID)
		s.mu.Lock()
		until := c.until
		s.mu.Unlock()
		if d := time.Until(until); d > 0 {
			if err := sleep(ctx, d); err != nil {
				return err
			}
		}
		if err := c.lim.Wait(ctx); err != nil {
			return err
		}
	}
	return s.global.Wait(ctx)
}

// do sends r, waiting for the limits and retrying as Retry allows. It
// returns the call's result, or the last error.
func (s *Sender) do(ctx context.Context, r request) (json.RawMessage, error) {
	attempts := s.retry.Attempts
	if r.optional {
		attempts = 1
	}
	backoff := s.retry.Base
	var lastErr error
	for attempt := 1; attempt <= attempts; attempt++ {
		if err := s.wait(ctx, &r); err != nil {
			return nil, errors.Join(err, lastErr)
		}
		res, err := s.api.call(ctx, r.method, r.params, r.files)
		if err == nil {
			return res, nil
		}
		lastErr = err
		if ctx.Err() != nil || !isTemporary(err) || attempt == attempts {
			break
		}
		var d time.Duration
		if ra := retryAfter(err); ra > 0 {
			s.metrics.TooManyRequests(r.method, ra)
			if ra > s.retry.MaxRetryAfter {
				break
			}
			d = ra
			if r.chatID != 0 {
				s.pauseChat(r.chatID, ra)
			}
		} else {
			s.metrics.Retry(r.method)
			// Full jitter keeps many failing callers from retrying in step.
			d = backoff/2 + rand.N(backoff/2+1)
			backoff = min(backoff*2, s.retry.Max)
		}
		logFrom(ctx, s.log).DebugContext(ctx, "telegram call failed, retrying", "method", r.method, "attempt", attempt, "wait", d, "err", err)
		if err := sleep(ctx, d); err != nil {
			return nil, errors.Join(lastErr, err)
		}
	}
	s.metrics.Failed(r.method)
	return nil, lastErr
}

// once makes one attempt at r, after waiting for the limits: the outbox
// decides about retries and waits itself (on its clock). A 429 and a 5xx
// or network failure are counted. waitCtx bounds the wait for the limits,
// callCtx the call itself (with the per-call limit of the HTTP client).
func (s *Sender) once(waitCtx, callCtx context.Context, r request) (json.RawMessage, error) {
	if err := s.wait(waitCtx, &r); err != nil {
		return nil, err
	}
	res, err := s.api.call(callCtx, r.method, r.params, r.files)
	if err == nil {
		return res, nil
	}
	if ra := retryAfter(err); ra > 0 {
		s.metrics.TooManyRequests(r.method, ra)
	} else if isTemporary(err) {
		s.metrics.Retry(r.method)
	}
	return nil, err
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
