package investbot

import (
	"context"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
	"time"
)

// OutboxShards is how many shards the outbox has. Each is owned by one
// replica at a time, which keeps every chat's replies in order; with more
// shards than replicas the work spreads evenly.
const OutboxShards = 16

// OutboxTTL is how long a reply is retried before it is given up: Telegram
// itself keeps an undelivered update for 24 hours.
const OutboxTTL = 24 * time.Hour

// OutboxShard is the shard of chat's replies.
func OutboxShard(chatID int64, shards int) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(strconv.FormatInt(chatID, 10)))
	return int(h.Sum32() % uint32(max(shards, 1)))
}

// OutboxEntry is one Bot API call waiting to be made. The store keeps
// Payload as it is; the Telegram adapter encodes and decodes it.
type OutboxEntry struct {
	// ID is assigned by the store when the entry is written: increasing
	// within a shard, in the order entries were written.
	ID     string
	Shard  int
	ChatID int64
	// UpdateID is the update the entry answers (0 for none), for logs.
	UpdateID int64
	Payload  []byte
	// Expires is when the entry is given up if still not sent.
	Expires time.Time
}

// Commit is the end of handling one update: the session to write (nil for
// none), the replies to send and the mark that the update was answered.
// A store writes all three in one round trip, replies first.
type Commit struct {
	UpdateID, UserID int64
	Session          *Session
	Entries          []OutboxEntry
	// Acks are entries already sent, removed in the same round trip (as
	// Ack would), so that a message's sending costs no round trip of its
	// own while updates keep coming.
	Acks []OutboxEntry
	// Speculation, when still active (nothing claimed), asks the store to
	// admit the update in the same round trip, as Begin would have: it
	// writes nothing and returns ErrSpeculationRefused when the update is
	// already answered or in progress, the user over the flood limit, or
	// the session no longer the one Begin answered from.
	Speculation *Speculation
}

// OutboxPage is what one shard holds after a cursor.
type OutboxPage struct {
	Entries []OutboxEntry
	// Next is the cursor to read on from: past every entry returned and,
	// when the page is not full, past every entry written so far, so that
	// an entry already delivered is never read twice.
	Next string
}

// Outbox keeps replies until they are sent. A reply is written (Commit)
// before its update is acknowledged to Telegram, and removed (Ack) only
// after Telegram accepted it, so neither a failing Bot API nor a crash
// loses it. Each shard is drained by the one replica holding its lease.
type Outbox interface {
	// Commit writes c's entries (their IDs are set), the session and the
	// update's answered mark.
	Commit(ctx context.Context, c *Commit) error
	// Renew extends the in-progress mark of an update being handled by
	// ttl, so that a replica that dies loses it within ttl.
	Renew(ctx context.Context, updateID, userID int64, ttl time.Duration) error
	// Lease takes or keeps each shard for owner for ttl and reports which
	// of them owner holds; release gives them up.
	Lease(ctx context.Context, owner string, shards []int, ttl time.Duration) ([]bool, error)
	Release(ctx context.Context, owner string, shards []int) error
	// Pending returns up to n entries of each shard after its cursor ("" is
	// the beginning), oldest first.
	Pending(ctx context.Context, cursors map[int]string, n int) (map[int]OutboxPage, error)
	// Ack removes entries that were sent or given up. It is the record
	// that they were sent: an entry not acked is sent again by whoever
	// holds its shard next.
	Ack(ctx context.Context, entries []OutboxEntry) error
}

// CompareOutboxIDs orders outbox entry ids ("<ms>-<seq>", as Redis stream
// ids): -1, 0 or 1. The empty id is before every other.
func CompareOutboxIDs(a, b string) int {
	am, as := splitID(a)
	bm, bs := splitID(b)
	switch {
	case am < bm:
		return -1
	case am > bm:
		return 1
	case as < bs:
		return -1
	case as > bs:
		return 1
	}
	return 0
}

func splitID(id string) (uint64, uint64) {
	ms, seq, _ := strings.Cut(id, "-")
	m, _ := strconv.ParseUint(ms, 10, 64)
	s, _ := strconv.ParseUint(seq, 10, 64)
	return m, s
}

// Deferred holds the session write of the update being handled, so that the
// store writes it together with the update's replies (Commit) instead of
// on its own: one round trip for both. Stores' Save hands a session of the
// deferring user to it.
type Deferred struct {
	userID int64
	mu     sync.Mutex
	s      *Session
}

type deferredKey struct{}

// WithDeferred returns a context in which a Save of userID's session is
// held in the returned Deferred rather than written.
func WithDeferred(ctx context.Context, userID int64) (context.Context, *Deferred) {
	d := &Deferred{userID: userID}
	return context.WithValue(ctx, deferredKey{}, d), d
}

// DeferSave holds s when ctx defers the saves of s's user, and reports
// whether it did; stores call it first thing in Save.
func DeferSave(ctx context.Context, s Session) bool {
	d, ok := ctx.Value(deferredKey{}).(*Deferred)
	if !ok || d == nil || d.userID != s.UserID || s.UserID == 0 {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.s = &s
	return true
}

// Session returns the held session, or nil when none was saved.
func (d *Deferred) Session() *Session {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.s
}
