// Package memstore is the in-memory investbot.Backend: sessions, update
// de-duplication, flood counters, leads, tickets, the outbox, the admin
// tools' store, the LLM quota and cache, replica groups, once-only jobs
// and claims, in process memory. It is the backend used when REDIS_URL is
// empty, by `investbot chat` and by tests; everything is lost when the
// process exits. Each file mirrors the one of the same name in redisstore.
package memstore

import (
	"context"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// Options tunes a Store. The zero value gives the defaults of
// investbot.Admission.
type Options struct {
	investbot.Admission
	// Now is the clock; tests pass a fake one. Nil means time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	o.Admission = o.Admission.WithDefaults()
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Store is the in-memory investbot.Backend, safe for concurrent use. Its
// methods never return ErrUnavailable.
type Store struct {
	opts Options

	mu        sync.Mutex
	sessions  map[int64]sessionEntry
	seen      map[int64]seenMark // update id → state
	flood     map[int64]*floodState
	leads     []investbot.Lead // in insertion order
	lastSweep time.Time

	out     *Outbox
	tickets *Tickets
	admin   *KBAdmin
	quota   *quotaCounts
	cache   *LLMCache
	members *Members
	once    *Once
	claims  *Claims
}

var _ investbot.Backend = (*Store)(nil)

// New returns an empty store.
func New(opts Options) *Store {
	o := opts.withDefaults()
	return &Store{
		opts:      o,
		sessions:  make(map[int64]sessionEntry),
		seen:      make(map[int64]seenMark),
		flood:     make(map[int64]*floodState),
		lastSweep: o.Now(),
		out:       NewOutbox(o.Now),
		tickets:   NewTickets(),
		admin:     NewKBAdmin(o.Now),
		quota:     NewLLMQuota(0).used,
		cache:     NewLLMCache(0, o.Now),
		members:   NewMembers(o.Now),
		once:      NewOnce(o.Now),
		claims:    NewClaims(o.Now),
	}
}

// Ping reports whether ctx is still live: memory is always there.
func (st *Store) Ping(ctx context.Context) error { return ctx.Err() }

// Durability is nothing to report: memory keeps nothing across restarts by
// design, which the caller says when it chooses this backend.
func (st *Store) Durability(ctx context.Context) (investbot.Durability, error) {
	return investbot.Durability{}, ctx.Err()
}

// Close does nothing: there is no connection.
func (st *Store) Close() error { return nil }
