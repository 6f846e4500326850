package memstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// Outbox is an in-memory investbot.Outbox: the one used without Redis, and
// the Telegram adapter's fallback while Redis is down. It keeps replies
// across Bot API failures, not across a restart.
type Outbox struct {
	now func() time.Time

	mu     sync.Mutex
	last   string // last id handed out
	shards map[int][]investbot.OutboxEntry
	owners map[int]lease
}

type lease struct {
	owner string
	until time.Time
}

var _ investbot.Outbox = (*Outbox)(nil)

// NewOutbox returns an empty outbox; now nil means time.Now.
func NewOutbox(now func() time.Time) *Outbox {
	if now == nil {
		now = time.Now
	}
	return &Outbox{now: now, shards: map[int][]investbot.OutboxEntry{}, owners: map[int]lease{}}
}

// nextIDLocked returns an id after every one handed out, in the form of a
// Redis stream id so that both stores order ids alike.
func (o *Outbox) nextIDLocked() string {
	ms := uint64(o.now().UnixMilli())
	id := fmt.Sprintf("%d-0", ms)
	if investbot.CompareOutboxIDs(id, o.last) <= 0 {
		lm, ls := splitOutboxID(o.last)
		id = fmt.Sprintf("%d-%d", lm, ls+1)
	}
	o.last = id
	return id
}

func splitOutboxID(id string) (uint64, uint64) {
	var m, s uint64
	_, _ = fmt.Sscanf(id, "%d-%d", &m, &s)
	return m, s
}

// add appends entries, setting their ids.
func (o *Outbox) add(entries []investbot.OutboxEntry) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for i := range entries {
		entries[i].ID = o.nextIDLocked()
		o.shards[entries[i].Shard] = append(o.shards[entries[i].Shard], entries[i])
	}
}

// Commit keeps c's entries. The outbox alone keeps no sessions: a Commit
// with a session is an error (Store.Commit keeps both).
func (o *Outbox) Commit(ctx context.Context, c *investbot.Commit) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if c.Session != nil {
		return errors.New("memstore: outbox: commit with a session")
	}
	o.add(c.Entries)
	return o.Ack(ctx, c.Acks)
}

// Renew does nothing: the outbox alone tracks no updates.
func (o *Outbox) Renew(context.Context, int64, int64, time.Duration) error { return nil }

// Lease takes or keeps shards for owner.
func (o *Outbox) Lease(ctx context.Context, owner string, shards []int, ttl time.Duration) ([]bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	now := o.now()
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]bool, len(shards))
	for i, sh := range shards {
		l, held := o.owners[sh]
		if held && l.owner != owner && now.Before(l.until) {
			continue
		}
		o.owners[sh] = lease{owner: owner, until: now.Add(ttl)}
		out[i] = true
	}
	return out, nil
}

// Release gives up owner's leases on shards.
func (o *Outbox) Release(ctx context.Context, owner string, shards []int) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, sh := range shards {
		if o.owners[sh].owner == owner {
			delete(o.owners, sh)
		}
	}
	return nil
}

// Pending returns entries after each cursor.
func (o *Outbox) Pending(ctx context.Context, cursors map[int]string, n int) (map[int]investbot.OutboxPage, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make(map[int]investbot.OutboxPage, len(cursors))
	for sh, after := range cursors {
		var page investbot.OutboxPage
		for _, e := range o.shards[sh] {
			if investbot.CompareOutboxIDs(e.ID, after) <= 0 {
				continue
			}
			if len(page.Entries) == n {
				break
			}
			e.Payload = slices.Clone(e.Payload)
			page.Entries = append(page.Entries, e)
		}
		switch {
		case len(page.Entries) == n:
			page.Next = page.Entries[n-1].ID
		case o.last != "" && investbot.CompareOutboxIDs(o.last, after) > 0:
			page.Next = o.last
		default:
			page.Next = after
		}
		out[sh] = page
	}
	return out, nil
}

// Ack removes entries.
func (o *Outbox) Ack(ctx context.Context, entries []investbot.OutboxEntry) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, e := range entries {
		o.shards[e.Shard] = slices.DeleteFunc(o.shards[e.Shard], func(x investbot.OutboxEntry) bool { return x.ID == e.ID })
		if len(o.shards[e.Shard]) == 0 {
			delete(o.shards, e.Shard)
		}
	}
	return nil
}

// Len is the number of entries kept, for tests and metrics.
func (o *Outbox) Len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, s := range o.shards {
		n += len(s)
	}
	return n
}

var _ investbot.Outbox = (*Store)(nil)

// Commit keeps c's replies, writes its session and marks the update
// answered.
func (st *Store) Commit(ctx context.Context, c *investbot.Commit) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	st.out.add(c.Entries)
	if err := st.out.Ack(ctx, c.Acks); err != nil {
		return err
	}
	now := st.opts.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	if c.UpdateID != 0 {
		st.seen[c.UpdateID] = seenMark{until: now.Add(st.opts.DedupTTL), done: true}
	}
	if c.Session != nil && c.Session.UserID != 0 {
		st.sessions[c.Session.UserID] = sessionEntry{s: cloneSession(*c.Session), expires: now.Add(st.opts.IdleTTL)}
	}
	return nil
}

// Renew extends the in-progress mark of an update still being handled.
func (st *Store) Renew(ctx context.Context, updateID, _ int64, ttl time.Duration) error {
	now := st.opts.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	if m, ok := st.seen[updateID]; ok && !m.done {
		st.seen[updateID] = seenMark{until: now.Add(ttl)}
	}
	return nil
}

// Lease, Release, Pending and Ack are the outbox's.
func (st *Store) Lease(ctx context.Context, owner string, shards []int, ttl time.Duration) ([]bool, error) {
	return st.out.Lease(ctx, owner, shards, ttl)
}

// Release gives up owner's shard leases.
func (st *Store) Release(ctx context.Context, owner string, shards []int) error {
	return st.out.Release(ctx, owner, shards)
}

// Pending returns the entries after each cursor.
func (st *Store) Pending(ctx context.Context, cursors map[int]string, n int) (map[int]investbot.OutboxPage, error) {
	return st.out.Pending(ctx, cursors, n)
}

// Ack removes sent entries.
func (st *Store) Ack(ctx context.Context, entries []investbot.OutboxEntry) error {
	return st.out.Ack(ctx, entries)
}

// Volatile reports that the outbox lives in process memory: the Telegram
// adapter drains it before the process exits.
func (o *Outbox) Volatile() bool { return true }

// Volatile reports that the store's outbox lives in process memory.
func (st *Store) Volatile() bool { return true }
