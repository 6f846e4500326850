package bot

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/thanhhoa/investbot"
)

// The outbox side of the bot. A reply is rendered into Bot API calls,
// written to the outbox together with the session (Commit) and only then
// acknowledged to Telegram; the deliverer below sends it, retrying until
// Telegram accepts it or it expires, and removes it (Ack) after. See
// docs/reliability.md for the guarantees and the one window they leave.

// wireRequest is a request as the outbox keeps it.
type wireRequest struct {
	Method   string            `json:"m"`
	Params   map[string]string `json:"p,omitempty"`
	Files    []wireFile        `json:"f,omitempty"`
	Chat     int64             `json:"c,omitempty"`
	Kind     callKind          `json:"k,omitempty"`
	Optional bool              `json:"o,omitempty"`
	Ticket   string            `json:"t,omitempty"`
}

type wireFile struct {
	Field string `json:"f"`
	Name  string `json:"n"`
	Data  []byte `json:"d"`
}

// encodeRequest writes r as the JSON of wireRequest, by hand: it runs for
// every call of every reply, and without encoding/json's reflection it
// takes 40% less time and 2 allocations instead of 14 (BenchmarkEncodeRequest).
// The bytes are encoding/json's (TestEncodeRequestMatchesEncodingJSON,
// FuzzEncodeRequest), so entries written by either version read back alike.
func encodeRequest(r request) ([]byte, error) {
	n := 64 + len(r.method) + len(r.ticket)
	for k, v := range r.params {
		// A quarter more for escapes: reply markup is JSON, its quotes
		// escaped, and a buffer grown once costs a second allocation.
		n += len(k) + len(v) + len(v)/4 + 8
	}
	for _, f := range r.files {
		n += len(f.field) + len(f.name) + base64.StdEncoding.EncodedLen(len(f.data)) + 24
	}
	b := make([]byte, 0, n)
	b = append(b, `{"m":`...)
	b = appendJSONString(b, r.method)
	if len(r.params) > 0 {
		var buf [8]string // a reply's parameters: no allocation
		keys := buf[:0]
		for k := range r.params {
			keys = append(keys, k)
		}
		slices.Sort(keys) // as encoding/json: the same call, the same bytes
		b = append(b, `,"p":{`...)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			b = appendJSONString(b, r.params[k])
		}
		b = append(b, '}')
	}
	if len(r.files) > 0 {
		b = append(b, `,"f":[`...)
		for i, f := range r.files {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"f":`...)
			b = appendJSONString(b, f.field)
			b = append(b, `,"n":`...)
			b = appendJSONString(b, f.name)
			b = append(b, `,"d":`...)
			if f.data == nil {
				b = append(b, "null"...)
			} else {
				b = append(b, '"')
				b = base64.StdEncoding.AppendEncode(b, f.data)
				b = append(b, '"')
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if r.chatID != 0 {
		b = append(b, `,"c":`...)
		b = strconv.AppendInt(b, r.chatID, 10)
	}
	if r.kind != 0 {
		b = append(b, `,"k":`...)
		b = strconv.AppendInt(b, int64(r.kind), 10)
	}
	if r.optional {
		b = append(b, `,"o":true`...)
	}
	if r.ticket != "" {
		b = append(b, `,"t":`...)
		b = appendJSONString(b, r.ticket)
	}
	return append(b, '}'), nil
}

// appendJSONString appends s as a JSON string the way encoding/json does
// without HTML escaping: quotes, backslashes and control characters
// escaped, invalid UTF-8 as U+FFFD, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func decodeRequest(b []byte) (request, error) {
	var w wireRequest
	if err := json.Unmarshal(b, &w); err != nil {
		return request{}, err
	}
	if w.Method == "" {
		return request{}, errors.New("no method")
	}
	r := request{method: w.Method, params: tgbotapi.Params(w.Params), chatID: w.Chat, kind: w.Kind, optional: w.Optional, ticket: w.Ticket}
	if r.params == nil {
		r.params = tgbotapi.Params{}
	}
	for _, f := range w.Files {
		r.files = append(r.files, upload{field: f.Field, name: f.Name, data: f.Data})
	}
	return r, nil
}

// OutboxMetrics is implemented by Metrics that also count the outbox.
type OutboxMetrics interface {
	// OutboxPending is the number of replies this replica holds to send.
	OutboxPending(n int)
	// OutboxExpired counts a reply given up after OutboxTTL.
	OutboxExpired()
}

// volatile is implemented by outboxes kept in process memory, which must
// be drained before the process exits.
type volatile interface{ Volatile() bool }

// source is one outbox the deliverer drains: the configured one, and the
// in-memory fallback for replies whose Commit failed (Redis down).
type source struct {
	ob       investbot.Outbox
	name     string
	local    bool // every shard belongs to this process, no lease
	volatile bool

	// guarded by deliverer.mu
	owned     map[int]bool
	releasing map[int]bool
	cursor    map[int]string
	epoch     map[int]int
	acked     map[int]map[string]bool // delivered, until the cursor passes them
	inflight  map[int]int
}

type itemKey struct {
	src   *source
	shard int
	id    string
}

type item struct {
	src *source
	e   investbot.OutboxEntry
	r   request
	bad error // the payload could not be decoded
}

func (it *item) key() itemKey { return itemKey{it.src, it.e.Shard, it.e.ID} }

type chatQueue struct {
	items     []*item
	busy      bool // a worker is sending its head
	queued    bool // in the ring or delayed
	notBefore time.Time
	backoff   time.Duration
}

// deliverer drains the outbox shards this replica holds. It keeps every
// chat's calls in order (one worker per chat at a time) and serves chats in
// turn: a worker takes the waiting chat that got the fewest replies lately
// (see pickLocked), sends the calls of its oldest update, and puts the chat
// back, so every chat's first reply goes before anyone's second.
type deliverer struct {
	b       *Bot
	log     *slog.Logger
	clock   Clock
	owner   string
	shards  int
	ttl     time.Duration
	lease   time.Duration
	poll    time.Duration
	workers int
	retry   Retry
	metrics OutboxMetrics

	primary, fallback *source
	want              atomic.Int64

	mu          sync.Mutex
	wake        chan struct{} // closed and replaced when a chat is delayed
	ready       chan struct{} // a token per chat put on the ring
	chats       map[int64]*chatQueue
	ring        []int64
	delayed     map[int64]time.Time
	known       map[itemKey]bool // queued, being sent or waiting for its Ack
	served      map[int64]*servedCount
	sweptServed time.Time
	held        int       // items queued or in flight
	renewed     time.Time // last successful lease renewal
	sending     int       // chats being sent, by workers or inline
	workCtx     context.Context
	stopping    bool
	inline      sync.WaitGroup // turns taken by the goroutines that committed them

	// Sent items waiting to be removed from their outbox: the next Commit
	// carries them in its round trip, or ackLoop once the oldest waited
	// ackDelay.
	ackMu     sync.Mutex
	ackQ      []*item
	ackSpare  []*item   // the last batch's slice, reused
	ackSince  time.Time // when the oldest of ackQ was queued (or earlier)
	ackSignal chan struct{}
	nudge     chan struct{}
}

func newSource(ob investbot.Outbox, name string, local bool) *source {
	v, _ := ob.(volatile)
	isVolatile := v != nil && v.Volatile()
	return &source{
		// An outbox in this process's memory is this process's alone.
		ob: ob, name: name, local: local || isVolatile, volatile: isVolatile,
		owned: map[int]bool{}, releasing: map[int]bool{}, cursor: map[int]string{},
		epoch: map[int]int{}, acked: map[int]map[string]bool{}, inflight: map[int]int{},
	}
}

func newDeliverer(b *Bot, primary, fallback investbot.Outbox, owner string) *deliverer {
	c := b.cfg
	d := &deliverer{
		b: b, log: b.log, clock: c.Clock, owner: owner, shards: c.OutboxShards,
		ttl: c.OutboxTTL, lease: c.ShardLease, poll: c.OutboxPoll, workers: c.Senders,
		retry:   c.Retry.withDefaults(),
		primary: newSource(primary, "outbox", false), fallback: newSource(fallback, "fallback", true),
		wake: make(chan struct{}), ready: make(chan struct{}, 4096), chats: map[int64]*chatQueue{}, delayed: map[int64]time.Time{},
		known: map[itemKey]bool{}, served: map[int64]*servedCount{}, ackSignal: make(chan struct{}, 1), nudge: make(chan struct{}, 1),
	}
	d.metrics, _ = c.Metrics.(OutboxMetrics)
	d.want.Store(int64(d.shards))
	for sh := range d.shards {
		d.fallback.owned[sh] = true
		if d.primary.local {
			d.primary.owned[sh] = true
		}
	}
	return d
}

// share sets how many replicas share the outbox: this one holds its part
// of the shards.
func (d *deliverer) share(n int) {
	n = max(n, 1)
	d.want.Store(int64((d.shards + n - 1) / n))
}

// broadcastLocked wakes every waiting worker, to look again at when the
// next delayed chat is due.
func (d *deliverer) broadcastLocked() {
	close(d.wake)
	d.wake = make(chan struct{})
	d.gaugeLocked()
}

func (d *deliverer) gaugeLocked() {
	if d.metrics != nil {
		d.metrics.OutboxPending(d.held)
	}
}

// run drains the outbox until ctx ends. Calls in progress finish; with a
// volatile outbox (no Redis) the workers go on for up to grace so that
// replies held only in memory are not lost to a clean shutdown.
func (d *deliverer) run(ctx context.Context, grace time.Duration) {
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	d.mu.Lock()
	d.workCtx = work
	d.mu.Unlock()
	var wg sync.WaitGroup
	if !d.primary.local {
		wg.Go(func() { d.leaseLoop(ctx) })
	}
	wg.Go(func() { d.pollLoop(ctx) })
	var workers sync.WaitGroup
	for range d.workers {
		workers.Go(func() { d.work(work) })
	}
	ackDone := make(chan struct{})
	go func() { d.ackLoop(work); close(ackDone) }()

	<-ctx.Done()
	wg.Wait()
	d.mu.Lock()
	d.stopping = true // no more turns taken inline
	// Stop taking shard entries: the next holder sends them.
	d.dropSourceLocked(d.primary, func(int) bool { return !d.primary.volatile })
	d.broadcastLocked()
	d.mu.Unlock()
	deadline := time.Now().Add(grace)
	for time.Now().Before(deadline) && d.heldVolatile() > 0 {
		time.Sleep(20 * time.Millisecond)
	}
	stopWork()
	workers.Wait()
	d.inline.Wait()
	<-ackDone
	// The last removals, after every worker finished its call.
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	if failed := d.ack(actx, d.takeAcks()); len(failed) > 0 {
		d.log.Warn("sent replies left in the outbox; the next holder of their shard sends them again", "entries", len(failed))
	}
	cancel()
	d.mu.Lock()
	var shards []int
	for sh := range d.primary.owned {
		shards = append(shards, sh)
	}
	for sh := range d.primary.releasing {
		shards = append(shards, sh)
	}
	d.mu.Unlock()
	if len(shards) > 0 {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		if err := d.primary.ob.Release(rctx, d.owner, shards); err != nil {
			d.log.Warn("outbox shards not released; another replica takes them when the lease ends", "err", err)
		}
		cancel()
	}
}

func (d *deliverer) heldVolatile() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, q := range d.chats {
		for _, it := range q.items {
			if it.src.volatile {
				n++
			}
		}
	}
	return n
}

// ownsLocked reports whether it's shard is still this replica's to send.
func (d *deliverer) ownsLocked(it *item) bool {
	return it.src.local || it.src.owned[it.e.Shard]
}

// dropSourceLocked forgets the queued, not yet sent, entries of src's
// shards for which drop is true; the shard's next holder sends them.
func (d *deliverer) dropSourceLocked(src *source, drop func(shard int) bool) {
	for chat, q := range d.chats {
		keep := q.items[:0]
		for i, it := range q.items {
			if it.src == src && drop(it.e.Shard) && !(q.busy && i == 0) {
				delete(d.known, it.key())
				d.held--
				continue
			}
			keep = append(keep, it)
		}
		clear(q.items[len(keep):])
		q.items = keep
		if len(q.items) == 0 && !q.busy {
			d.removeChatLocked(chat, q)
		}
	}
}

func (d *deliverer) removeChatLocked(chat int64, q *chatQueue) {
	if q.queued {
		d.ring = slices.DeleteFunc(d.ring, func(c int64) bool { return c == chat })
		delete(d.delayed, chat)
	}
	delete(d.chats, chat)
}

// push queues entries just committed by this replica, without waiting for
// the next poll, when this replica holds their shard. With claim, when a
// worker would take the chat at once anyway (nothing else waits, a worker
// is free), the caller gets the chat's turn instead and sends it itself
// (turn.run): the same call in the same order, without waking a worker and
// waiting for it, which at a few messages in flight is a good part of the
// CPU a reply costs.
func (d *deliverer) push(src *source, entries []investbot.OutboxEntry, calls []request, claim bool) *turn {
	d.mu.Lock()
	defer d.mu.Unlock()
	var t *turn
	if claim {
		t = d.claimLocked(entries)
	}
	added := false
	for i, e := range entries {
		if !src.local && !src.owned[e.Shard] {
			continue
		}
		// An id at or before the cursor was already read (and queued) or
		// already delivered: never queue it twice.
		if investbot.CompareOutboxIDs(e.ID, src.cursor[e.Shard]) <= 0 {
			continue
		}
		if d.addLocked(src, e, &calls[i]) {
			added = true
		}
	}
	if t != nil && len(t.q.items) == 0 {
		// Nothing of it to send here (not this replica's shard, or known).
		t.q.busy = false
		d.sending--
		d.removeChatLocked(t.chat, t.q)
		d.inline.Done()
		t = nil
	}
	if added {
		d.gaugeLocked()
	}
	return t
}

// turn is a chat's turn taken by the goroutine that committed its reply.
type turn struct {
	d    *deliverer
	ctx  context.Context
	chat int64
	q    *chatQueue
}

// run sends the chat's head as a worker would, and puts the chat back.
func (t *turn) run() {
	if t == nil {
		return
	}
	defer t.d.inline.Done()
	t.d.sendHead(t.ctx, t.q)
	t.d.finish(t.chat, t.q)
}

// claimLocked takes the turn of the one chat entries are for, when a
// worker would start on it now: the deliverer runs, no chat waits on the
// ring or for a delay (so no one is passed over), a worker is free, the
// chat has nothing queued or in flight, and no call waits for Telegram's
// limits nor would this one (the caller holds a webhook connection, and a
// burst's turn order is kept by the workers).
func (d *deliverer) claimLocked(entries []investbot.OutboxEntry) *turn {
	if len(entries) == 0 || d.workCtx == nil || d.stopping || d.sending >= d.workers ||
		len(d.ring) > 0 || len(d.delayed) > 0 {
		return nil
	}
	chat := entries[0].ChatID
	for _, e := range entries[1:] {
		if e.ChatID != chat {
			return nil
		}
	}
	now := d.clock.Now()
	q := d.chats[chat]
	if q != nil && (q.busy || q.queued || len(q.items) > 0 || q.notBefore.After(now)) {
		return nil
	}
	if !d.b.sender.idleFor(chat) {
		return nil
	}
	if q == nil {
		q = &chatQueue{}
		d.chats[chat] = q
	}
	q.busy = true // addLocked queues its items without scheduling it
	d.sending++
	d.countServedLocked(chat, now)
	d.inline.Add(1)
	return &turn{d: d, ctx: d.workCtx, chat: chat, q: q}
}

// addLocked queues e, decoding its call unless the caller has it (r).
func (d *deliverer) addLocked(src *source, e investbot.OutboxEntry, r *request) bool {
	k := itemKey{src, e.Shard, e.ID}
	if d.known[k] || src.acked[e.Shard][e.ID] {
		return false
	}
	it := &item{src: src, e: e}
	if r != nil {
		it.r = *r
		it.e.Payload = nil // not needed again
	} else {
		it.r, it.bad = decodeRequest(e.Payload)
	}
	d.known[k] = true
	d.held++
	q := d.chats[e.ChatID]
	if q == nil {
		q = &chatQueue{}
		d.chats[e.ChatID] = q
	}
	q.items = append(q.items, it)
	if !q.busy && !q.queued {
		d.scheduleLocked(e.ChatID, q)
	}
	return true
}

func (d *deliverer) scheduleLocked(chat int64, q *chatQueue) {
	q.queued = true
	if q.notBefore.After(d.clock.Now()) {
		d.delayed[chat] = q.notBefore
		d.broadcastLocked()
		return
	}
	d.ring = append(d.ring, chat)
	// Wake one worker, not all: at thousands of replies a second a wake-up
	// of every worker per reply costs more than the sending.
	select {
	case d.ready <- struct{}{}:
	default: // more tokens than workers can use: one is enough
	}
}

// fairWindow is how long a chat's served replies count against it: within
// it, a chat that got fewer replies goes first.
const fairWindow = time.Minute

type servedCount struct {
	n    int
	last time.Time
}

// pickLocked takes the chat whose turn it is off the ring: the one that
// got the fewest replies in the last fairWindow, the longest waiting among
// those. Round-robin alone would let a chat whose first reply went early
// have its second before a chat that arrived after that; counting replies
// puts every chat's first reply before anyone's second.
func (d *deliverer) pickLocked(now time.Time) int64 {
	if now.Sub(d.sweptServed) > fairWindow {
		for c, sc := range d.served {
			if now.Sub(sc.last) > fairWindow {
				delete(d.served, c)
			}
		}
		d.sweptServed = now
	}
	best, bestN := 0, -1
	for i, chat := range d.ring {
		n := 0
		if sc, ok := d.served[chat]; ok && now.Sub(sc.last) <= fairWindow {
			n = sc.n
		}
		if bestN < 0 || n < bestN {
			best, bestN = i, n
			if n == 0 {
				break
			}
		}
	}
	chat := d.ring[best]
	d.ring = slices.Delete(d.ring, best, best+1)
	d.countServedLocked(chat, now)
	return chat
}

// countServedLocked counts a turn of chat's, for pickLocked.
func (d *deliverer) countServedLocked(chat int64, now time.Time) {
	sc := d.served[chat]
	if sc == nil {
		sc = &servedCount{}
		d.served[chat] = sc
	}
	if now.Sub(sc.last) > fairWindow {
		sc.n = 0
	}
	sc.n++
	sc.last = now
}

// next waits for the chat whose turn it is.
func (d *deliverer) next(ctx context.Context) (int64, *chatQueue, bool) {
	for {
		if ctx.Err() != nil {
			return 0, nil, false
		}
		d.mu.Lock()
		now := d.clock.Now()
		var soonest time.Time
		if len(d.delayed) > 0 {
			var due []int64
			for chat, t := range d.delayed {
				if !t.After(now) {
					due = append(due, chat)
				} else if soonest.IsZero() || t.Before(soonest) {
					soonest = t
				}
			}
			slices.SortFunc(due, func(a, b int64) int { return d.delayed[a].Compare(d.delayed[b]) })
			for _, chat := range due {
				delete(d.delayed, chat)
				d.ring = append(d.ring, chat)
			}
		}
		// Turns taken inline count against the workers: no more than
		// d.workers chats are sent to at once.
		if len(d.ring) > 0 && d.sending < d.workers {
			chat := d.pickLocked(now)
			q := d.chats[chat]
			if q == nil || len(q.items) == 0 {
				if q != nil {
					q.queued = false
				}
				d.mu.Unlock()
				continue
			}
			q.queued, q.busy = false, true
			d.sending++
			d.mu.Unlock()
			return chat, q, true
		}
		wake := d.wake
		d.mu.Unlock()
		var timer <-chan time.Time
		if !soonest.IsZero() {
			timer = d.clock.After(soonest.Sub(now))
		}
		select {
		case <-ctx.Done():
			return 0, nil, false
		case <-d.ready:
		case <-wake:
		case <-timer:
		}
	}
}

func (d *deliverer) work(ctx context.Context) {
	for {
		chat, q, ok := d.next(ctx)
		if !ok {
			return
		}
		d.sendHead(ctx, q)
		d.finish(chat, q)
	}
}

// finish puts a chat back after its turn.
func (d *deliverer) finish(chat int64, q *chatQueue) {
	d.mu.Lock()
	defer d.mu.Unlock()
	q.busy = false
	d.sending--
	if len(q.items) > 0 {
		d.scheduleLocked(chat, q)
	} else {
		d.removeChatLocked(chat, q)
	}
	if len(d.ring) > 0 {
		// A sender is free again: wake a worker for the chats waiting.
		select {
		case d.ready <- struct{}{}:
		default:
		}
	}
	d.gaugeLocked()
}

// sendHead sends the calls of the chat's oldest update, in order. A call
// that fails for a reason worth retrying stops the group and delays the
// chat: retry_after when Telegram names one (any length), else capped
// exponential backoff.
func (d *deliverer) sendHead(ctx context.Context, q *chatQueue) {
	d.mu.Lock()
	if len(q.items) == 0 {
		d.mu.Unlock()
		return
	}
	group := q.items[0].e.UpdateID
	d.mu.Unlock()
	for {
		d.mu.Lock()
		if len(q.items) == 0 || (group != 0 && q.items[0].e.UpdateID != group) {
			d.mu.Unlock()
			break
		}
		it := q.items[0]
		if !d.ownsLocked(it) {
			// The shard went to another replica, which sends it.
			q.items = q.items[1:]
			delete(d.known, it.key())
			d.held--
			d.mu.Unlock()
			continue
		}
		it.src.inflight[it.e.Shard]++
		d.mu.Unlock()

		done, wait := d.attempt(ctx, q, it)
		if !done {
			d.mu.Lock()
			it.src.inflight[it.e.Shard]--
			q.notBefore = d.clock.Now().Add(wait)
			d.mu.Unlock()
			return
		}
		d.mu.Lock()
		q.items = q.items[1:]
		q.backoff = 0
		d.held--
		d.mu.Unlock()
		d.queueAck(it)
		if group == 0 {
			break
		}
	}
}

// attempt makes one call for it. done is false when it must be tried
// again after wait; an item that is done is acked (sent, given up or
// refused for good). The log lines name the update themselves rather than
// through a logger made for each call: most calls log nothing.
func (d *deliverer) attempt(ctx context.Context, q *chatQueue, it *item) (done bool, wait time.Duration) {
	if it.bad != nil {
		d.log.Error("reply lost: outbox entry cannot be read", "update_id", it.e.UpdateID, "entry", it.e.ID, "err", it.bad)
		return true, 0
	}
	if !it.e.Expires.IsZero() && d.clock.Now().After(it.e.Expires) {
		d.log.Error("reply expired undelivered", "update_id", it.e.UpdateID, "method", it.r.method, "entry", it.e.ID, "queued_for", d.ttl)
		if d.metrics != nil {
			d.metrics.OutboxExpired()
		}
		return true, 0
	}
	// A call that started is not cut by a shutdown: cut, it might have
	// reached Telegram and would be sent again by the next holder.
	res, err := d.b.sender.once(ctx, context.WithoutCancel(ctx), it.r)
	switch {
	case err == nil:
		d.b.sent(ctx, it.r, res)
		return true, 0
	case it.r.optional:
		// Chat actions and venues are a convenience: tried once.
		d.log.Debug(it.r.method+" failed", "update_id", it.e.UpdateID, "err", err)
		return true, 0
	case ctx.Err() != nil:
		return false, 0 // shutting down: the next holder sends it
	case permanent(err):
		d.log.Error("reply refused by Telegram", "update_id", it.e.UpdateID, "method", it.r.method, "err", err)
		d.b.sender.metrics.Failed(it.r.method)
		return true, 0
	}
	if ra := retryAfter(err); ra > 0 {
		d.log.Warn("telegram asked to wait; reply kept in the outbox", "update_id", it.e.UpdateID, "method", it.r.method, "retry_after", ra)
		return false, ra
	}
	d.mu.Lock()
	b := q.backoff
	if b == 0 {
		b = d.retry.Base
	}
	q.backoff = min(b*2, d.retry.Max)
	d.mu.Unlock()
	d.log.Warn("telegram call failed; reply kept in the outbox", "update_id", it.e.UpdateID, "method", it.r.method, "wait", b, "err", err)
	return false, b
}

// ackDelay is how long a sent entry waits at most for a Commit to carry
// its removal before ackLoop removes it alone. It adds to the window in
// which a replica that dies re-sends a reply (see docs/reliability.md).
const ackDelay = 2 * time.Millisecond

func (d *deliverer) queueAck(it *item) {
	d.ackMu.Lock()
	first := len(d.ackQ) == 0
	if first {
		d.ackSince = time.Now()
	}
	d.ackQ = append(d.ackQ, it)
	d.ackMu.Unlock()
	if !first {
		return // ackLoop was told when the queue filled
	}
	select {
	case d.ackSignal <- struct{}{}:
	default:
	}
}

// takeAcks returns the queued removals, and takeAcksOf those of src.
func (d *deliverer) takeAcks() []*item {
	d.ackMu.Lock()
	defer d.ackMu.Unlock()
	q := d.ackQ
	d.ackQ = nil
	return q
}

// takeAcksOf returns the queued removals of src, for a Commit to carry.
func (d *deliverer) takeAcksOf(src *source) []*item {
	d.ackMu.Lock()
	defer d.ackMu.Unlock()
	if len(d.ackQ) == 0 {
		return nil
	}
	mine := d.ackQ
	d.ackQ, d.ackSpare = d.ackSpare[:0], nil
	if slices.ContainsFunc(mine, func(it *item) bool { return it.src != src }) {
		all := mine
		mine = nil
		for _, it := range all {
			if it.src == src {
				mine = append(mine, it)
			} else {
				d.ackQ = append(d.ackQ, it)
			}
		}
		// ackSince stays: no later than the oldest of those left.
	}
	return mine
}

// recycleAcks hands back a batch's slice for the next queue, once the
// caller is done with its items.
func (d *deliverer) recycleAcks(items []*item) {
	clear(items)
	d.ackMu.Lock()
	if cap(items) > cap(d.ackSpare) {
		d.ackSpare = items[:0]
	}
	d.ackMu.Unlock()
}

func (d *deliverer) requeueAcks(items []*item) {
	if len(items) == 0 {
		return
	}
	d.ackMu.Lock()
	if len(d.ackQ) == 0 {
		d.ackSince = time.Now()
	}
	d.ackQ = append(items, d.ackQ...)
	d.ackMu.Unlock()
	select {
	case d.ackSignal <- struct{}{}:
	default:
	}
}

// ackDue returns how long until the oldest queued removal has waited
// ackDelay, and false when none is queued.
func (d *deliverer) ackDue() (time.Duration, bool) {
	d.ackMu.Lock()
	defer d.ackMu.Unlock()
	if len(d.ackQ) == 0 {
		return 0, false
	}
	return ackDelay - time.Since(d.ackSince), true
}

// ackLoop removes sent entries that no Commit carried within ackDelay,
// those that wait together in one round trip. Until its removal succeeds
// an entry stays known here, so it is not queued again; a removal that
// fails is retried.
func (d *deliverer) ackLoop(ctx context.Context) {
	// One timer for the loop's life: it is armed at most once per ackDelay
	// while replies are being sent.
	t := time.NewTimer(ackDelay)
	t.Stop()
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return // run makes the last removals
		case <-d.ackSignal:
		}
		for {
			wait, ok := d.ackDue()
			if !ok {
				break // a Commit carried them
			}
			if wait > 0 {
				t.Reset(wait)
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
				continue
			}
			failed := d.ack(ctx, d.takeAcks())
			if len(failed) > 0 {
				d.requeueAcks(failed)
				select {
				case <-ctx.Done():
					return
				case <-time.After(200 * time.Millisecond):
				}
			}
		}
	}
}

func (d *deliverer) ack(ctx context.Context, batch []*item) (failed []*item) {
	bySrc := map[*source][]*item{}
	for _, it := range batch {
		bySrc[it.src] = append(bySrc[it.src], it)
	}
	for src, items := range bySrc {
		entries := make([]investbot.OutboxEntry, len(items))
		for i, it := range items {
			entries[i] = investbot.OutboxEntry{ID: it.e.ID, Shard: it.e.Shard}
		}
		if err := src.ob.Ack(ctx, entries); err != nil {
			d.log.Warn("sent replies not yet removed from the outbox; retrying", "entries", len(items), "err", err)
			failed = append(failed, items...)
			continue
		}
		d.acked(items)
	}
	return failed
}

// acked records that items were removed from their outbox.
func (d *deliverer) acked(items []*item) {
	if len(items) == 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, it := range items {
		src := it.src
		delete(d.known, it.key())
		if src.acked[it.e.Shard] == nil {
			src.acked[it.e.Shard] = map[string]bool{}
		}
		src.acked[it.e.Shard][it.e.ID] = true
		src.inflight[it.e.Shard]--
	}
	d.gaugeLocked()
}

func ackEntries(items []*item) []investbot.OutboxEntry {
	if len(items) == 0 {
		return nil
	}
	out := make([]investbot.OutboxEntry, len(items))
	for i, it := range items {
		out[i] = investbot.OutboxEntry{ID: it.e.ID, Shard: it.e.Shard}
	}
	return out
}

// pollLoop reads what other replicas (or this one before a restart) left
// in the shards this replica holds, and the fallback.
func (d *deliverer) pollLoop(ctx context.Context) {
	t := time.NewTicker(d.poll)
	defer t.Stop()
	for {
		full := false
		for _, src := range []*source{d.primary, d.fallback} {
			if d.pollSource(ctx, src) {
				full = true
			}
		}
		if full {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.nudge:
		}
	}
}

const pageSize = 512

// pollSource reads one page of every shard src holds; it reports whether
// a page came back full (more to read).
func (d *deliverer) pollSource(ctx context.Context, src *source) bool {
	d.mu.Lock()
	cursors := map[int]string{}
	epochs := map[int]int{}
	for sh := range src.owned {
		cursors[sh] = src.cursor[sh]
		epochs[sh] = src.epoch[sh]
	}
	d.mu.Unlock()
	if len(cursors) == 0 {
		return false
	}
	pages, err := src.ob.Pending(ctx, cursors, pageSize)
	if err != nil {
		if ctx.Err() == nil {
			d.log.Warn("outbox not readable", "outbox", src.name, "err", err)
		}
		return false
	}
	full := false
	d.mu.Lock()
	defer d.mu.Unlock()
	for sh, page := range pages {
		if !src.owned[sh] || src.epoch[sh] != epochs[sh] {
			continue // lost or taken again meanwhile: read afresh
		}
		for _, e := range page.Entries {
			d.addLocked(src, e, nil)
		}
		if len(page.Entries) == pageSize {
			full = true
		}
		src.cursor[sh] = page.Next
		for id := range src.acked[sh] {
			if investbot.CompareOutboxIDs(id, page.Next) <= 0 {
				delete(src.acked[sh], id)
			}
		}
	}
	d.gaugeLocked()
	return full
}

// leaseLoop keeps this replica's share of the shards: it renews the ones
// it holds, gives back extras once nothing of theirs is in flight, and
// takes free ones up to its share. A shard still free on a second look,
// although every replica has its share, belongs to a replica that does not
// drain (an older version during a rolling upgrade, one without the shared
// outbox): it is adopted, and offered back after adoptHold so that a
// replica short of its share can take it.
func (d *deliverer) leaseLoop(ctx context.Context) {
	d.mu.Lock()
	d.renewed = d.clock.Now()
	d.mu.Unlock()
	h := fnv.New32a()
	h.Write([]byte(d.owner))
	l := &shardLeaser{
		d: d, src: d.primary,
		offset:    int(h.Sum32() % uint32(d.shards)),
		adoptHold: 10 * d.lease,
		freeSeen:  map[int]int{},
		adopted:   map[int]time.Time{},
	}
	l.tick(ctx)
	t := time.NewTicker(max(d.lease/3, 10*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			l.tick(ctx)
		}
	}
}

// shardLeaser is leaseLoop's state between ticks: where this replica starts
// looking for free shards, and which shards it adopted or saw free.
type shardLeaser struct {
	d         *deliverer
	src       *source
	offset    int
	adoptHold time.Duration
	freeSeen  map[int]int
	adopted   map[int]time.Time
}

// tick renews the leases held, gives back extras and takes free shards.
func (l *shardLeaser) tick(ctx context.Context) {
	if !l.renew(ctx) {
		return
	}
	now := time.Now()
	free, try, need := l.giveBack(now)
	if len(free) > 0 {
		l.release(ctx, free)
	}
	if len(try) > 0 {
		l.take(ctx, try, need, now)
	}
}

// renew extends the leases of the shards held or being released; false
// when Redis could not be asked (the shards are left once the leases may
// have run out).
func (l *shardLeaser) renew(ctx context.Context) bool {
	d, src := l.d, l.src
	d.mu.Lock()
	var keep []int
	for sh := range src.owned {
		keep = append(keep, sh)
	}
	for sh := range src.releasing {
		keep = append(keep, sh)
	}
	d.mu.Unlock()
	if len(keep) == 0 {
		return true
	}
	slices.Sort(keep)
	got, err := src.ob.Lease(ctx, d.owner, keep, d.lease)
	d.mu.Lock()
	defer d.mu.Unlock()
	if err != nil {
		if d.clock.Now().Sub(d.renewed) > d.lease*2/3 {
			// Another replica may take them any moment now.
			d.log.Warn("outbox leases not renewed; leaving the shards", "err", err)
			d.loseLocked(src, keep)
		}
		return false
	}
	d.renewed = d.clock.Now()
	var lost []int
	for i, sh := range keep {
		if !got[i] {
			lost = append(lost, sh)
			delete(l.adopted, sh)
		}
	}
	d.loseLocked(src, lost)
	return true
}

// giveBack marks the shards held beyond this replica's share as releasing
// (adopted ones only after adoptHold), and returns those now free to
// release (nothing of theirs in flight), the shards to try to take, and how
// many this replica is short of its share.
func (l *shardLeaser) giveBack(now time.Time) (free, try []int, need int) {
	d, src := l.d, l.src
	want := int(d.want.Load())
	d.mu.Lock()
	defer d.mu.Unlock()
	var extras []int
	for sh := range src.owned {
		if t, ok := l.adopted[sh]; !ok || now.Sub(t) > l.adoptHold {
			extras = append(extras, sh)
		}
	}
	slices.Sort(extras)
	for n := len(src.owned); n > want && len(extras) > 0; n-- {
		sh := extras[len(extras)-1]
		extras = extras[:len(extras)-1]
		delete(src.owned, sh)
		src.releasing[sh] = true
		if _, ok := l.adopted[sh]; ok {
			delete(l.adopted, sh)
			l.freeSeen[sh] = -2 // give the others a few looks first
		}
		d.dropSourceLocked(src, func(s int) bool { return s == sh })
	}
	for sh := range src.releasing {
		if src.inflight[sh] <= 0 {
			free = append(free, sh)
		}
	}
	for i := range d.shards {
		sh := (l.offset + i) % d.shards
		if !src.owned[sh] && !src.releasing[sh] {
			try = append(try, sh)
		}
	}
	return free, try, want - len(src.owned)
}

// release hands shards back in Redis and forgets them here.
func (l *shardLeaser) release(ctx context.Context, free []int) {
	d, src := l.d, l.src
	if err := src.ob.Release(ctx, d.owner, free); err != nil {
		return
	}
	d.mu.Lock()
	for _, sh := range free {
		delete(src.releasing, sh)
	}
	d.mu.Unlock()
}

// take leases free shards up to the share; a shard free on a second look
// beyond the share is adopted, one seen free for the first time is given
// back at once.
func (l *shardLeaser) take(ctx context.Context, try []int, need int, now time.Time) {
	d, src := l.d, l.src
	got, err := src.ob.Lease(ctx, d.owner, try, d.lease)
	if err != nil {
		return
	}
	var extra []int
	took := false
	d.mu.Lock()
	for i, sh := range try {
		if !got[i] {
			l.freeSeen[sh] = min(l.freeSeen[sh], 0)
			continue
		}
		switch {
		case need > 0:
			need--
		case l.freeSeen[sh] >= 1:
			l.adopted[sh] = now
		default:
			l.freeSeen[sh]++
			extra = append(extra, sh)
			continue
		}
		l.freeSeen[sh] = 0
		took = true
		src.owned[sh] = true
		src.cursor[sh] = ""
		src.epoch[sh]++
		clear(src.acked[sh])
	}
	d.mu.Unlock()
	if len(extra) > 0 {
		_ = src.ob.Release(ctx, d.owner, extra)
	}
	if took {
		select {
		case d.nudge <- struct{}{}:
		default:
		}
	}
}

func (d *deliverer) loseLocked(src *source, shards []int) {
	if len(shards) == 0 {
		return
	}
	lost := map[int]bool{}
	for _, sh := range shards {
		if src.owned[sh] || src.releasing[sh] {
			lost[sh] = true
			delete(src.owned, sh)
			delete(src.releasing, sh)
			src.epoch[sh]++
		}
	}
	d.dropSourceLocked(src, func(sh int) bool { return lost[sh] })
	d.gaugeLocked()
}

// entries renders a reply's calls as outbox entries.
func (b *Bot) entries(updateID int64, calls []request) ([]investbot.OutboxEntry, error) {
	out := make([]investbot.OutboxEntry, 0, len(calls))
	expires := b.cfg.Clock.Now().Add(b.cfg.OutboxTTL)
	for _, r := range calls {
		p, err := encodeRequest(r)
		if err != nil {
			return nil, fmt.Errorf("bot: encode %s: %w", r.method, err)
		}
		out = append(out, investbot.OutboxEntry{
			Shard: investbot.OutboxShard(r.chatID, b.cfg.OutboxShards), ChatID: r.chatID,
			UpdateID: updateID, Payload: p, Expires: expires,
		})
	}
	return out, nil
}

// permanent reports whether Telegram refused a call for good (a 4xx other
// than 429). Anything else — 5xx, 429, a timeout, a connection cut — may
// succeed later.
func permanent(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && !ae.Temporary()
}
