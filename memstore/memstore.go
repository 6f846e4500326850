// Package memstore is the in-memory investbot.Backend: sessions, update
// de-duplication, flood counters, leads, tickets, the outbox, the admin
// tools' store, the LLM quota and cache, replica groups, once-only jobs
// and claims, in process memory. It is the backend used when REDIS_URL is
// empty, by `investbot chat` and by tests; everything is lost when the
// process exits. Each file mirrors the one of the same name in redisstore.
package memstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// sweepEvery bounds how often Begin walks every map to drop expired
// entries, so memory stays bounded without a background goroutine.
const sweepEvery = time.Minute

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

type sessionEntry struct {
	s       investbot.Session
	expires time.Time
}

// floodState is one user's window. A fixed window counts every message since
// start; a sliding one keeps the times of admitted messages.
type floodState struct {
	start         time.Time
	count         int
	admitted      []time.Time
	notifiedUntil time.Time
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

// Tickets returns the store's handoff tickets.
func (st *Store) Tickets() investbot.TicketStore { return st.tickets }

// Admin returns the store's admin tools' store.
func (st *Store) Admin() investbot.AdminStore { return st.admin }

// LLMQuota returns a quota of limit calls per user per day; every quota of
// st counts in the same place.
func (st *Store) LLMQuota(limit int) investbot.LLMQuota {
	return &LLMQuota{limit: limit, used: st.quota}
}

// LLMCache returns the store's answer cache.
func (st *Store) LLMCache() investbot.AnswerCache { return st.cache }

// Heartbeat implements investbot.Members for this process.
func (st *Store) Heartbeat(ctx context.Context, group, member string, ttl time.Duration) (int, error) {
	return st.members.Heartbeat(ctx, group, member, ttl)
}

// Leave implements investbot.Members for this process.
func (st *Store) Leave(ctx context.Context, group, member string) error {
	return st.members.Leave(ctx, group, member)
}

// Once implements investbot.Oncer for this process.
func (st *Store) Once(ctx context.Context, name string, ttl time.Duration) (bool, error) {
	return st.once.Once(ctx, name, ttl)
}

// Claim implements investbot.Claimer for this process.
func (st *Store) Claim(ctx context.Context, key, owner string, ttl time.Duration) (bool, error) {
	return st.claims.Claim(ctx, key, owner, ttl)
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

// Begin admits an update: a repeated update id is reported as Duplicate and
// is not counted against the flood limit; otherwise the user's message is
// counted and their session returned (a fresh one for a new or expired user).
// Begin also extends an existing session's idle expiry.
func (st *Store) Begin(ctx context.Context, updateID, userID int64) (investbot.Gate, error) {
	if err := ctx.Err(); err != nil {
		return investbot.Gate{}, err
	}
	now := st.opts.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.maybeSweep(now)

	var g investbot.Gate
	if m, ok := st.seen[updateID]; ok && now.Before(m.until) {
		g.Duplicate, g.InProgress = m.done, !m.done
		g.Session = st.loadLocked(userID, now)
		return g, nil
	}
	st.seen[updateID] = seenMark{until: now.Add(st.opts.InProgressTTL)}
	g.Limited, g.NotifyLimit = st.countLocked(userID, now)
	if e, ok := st.sessions[userID]; ok && now.Before(e.expires) {
		e.expires = now.Add(st.opts.IdleTTL)
		st.sessions[userID] = e
	}
	g.Session = st.loadLocked(userID, now)
	return g, nil
}

// seenMark is what the store knows of an admitted update.
type seenMark struct {
	until time.Time
	done  bool
}

// Done marks updates answered; they are then reported as duplicates for
// DedupTTL.
func (st *Store) Done(ctx context.Context, updates []investbot.UpdateRef) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := st.opts.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, u := range updates {
		st.seen[u.UpdateID] = seenMark{until: now.Add(st.opts.DedupTTL), done: true}
	}
	return nil
}

// countLocked records one message from userID and reports whether it is over
// the limit and whether it is the first limited one of its window.
func (st *Store) countLocked(userID int64, now time.Time) (limited, notify bool) {
	limit, win := st.opts.FloodLimit, st.opts.FloodWindow
	if limit < 0 {
		return false, false
	}
	f := st.flood[userID]
	if f == nil {
		f = &floodState{start: now}
		st.flood[userID] = f
	}
	if !st.opts.SlidingWindow {
		if !now.Before(f.start.Add(win)) {
			*f = floodState{start: now}
		}
		f.count++
		return f.count > limit, f.count == limit+1
	}
	cut := now.Add(-win)
	keep := f.admitted[:0]
	for _, t := range f.admitted {
		if t.After(cut) {
			keep = append(keep, t)
		}
	}
	f.admitted = keep
	if len(f.admitted) < limit {
		f.admitted = append(f.admitted, now)
		return false, false
	}
	if now.Before(f.notifiedUntil) {
		return true, false
	}
	f.notifiedUntil = now.Add(win)
	return true, true
}

// Load returns the user's session, or a fresh one when none is kept.
func (st *Store) Load(ctx context.Context, userID int64) (investbot.Session, error) {
	if err := ctx.Err(); err != nil {
		return investbot.Session{}, err
	}
	now := st.opts.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.loadLocked(userID, now), nil
}

func (st *Store) loadLocked(userID int64, now time.Time) investbot.Session {
	e, ok := st.sessions[userID]
	if !ok {
		return investbot.Session{UserID: userID}
	}
	if !now.Before(e.expires) {
		delete(st.sessions, userID)
		return investbot.Session{UserID: userID}
	}
	return cloneSession(e.s)
}

// Save stores a copy of s, so later changes by the caller do not leak in,
// and restarts its idle expiry. It fails only for a session without a user.
func (st *Store) Save(ctx context.Context, s investbot.Session) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.UserID == 0 {
		return errors.New("memstore: save: session without user id")
	}
	if investbot.DeferSave(ctx, s) {
		return nil
	}
	now := st.opts.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sessions[s.UserID] = sessionEntry{s: cloneSession(s), expires: now.Add(st.opts.IdleTTL)}
	return nil
}

// Delete forgets the user's session, flood counter and leads. Update-seen
// marks are keyed by update id alone and hold nothing about the user.
func (st *Store) Delete(ctx context.Context, userID int64) (investbot.Erased, error) {
	if err := ctx.Err(); err != nil {
		return investbot.Erased{}, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	var out investbot.Erased
	if e, ok := st.sessions[userID]; ok && st.opts.Now().Before(e.expires) {
		out.Session = true
	}
	delete(st.sessions, userID)
	delete(st.flood, userID)
	keep := st.leads[:0]
	for _, l := range st.leads {
		if l.UserID != userID {
			keep = append(keep, l)
		} else {
			out.Leads = append(out.Leads, l.ID)
		}
	}
	clear(st.leads[len(keep):])
	st.leads = keep
	return out, nil
}

// AddLead keeps a copy of l. A lead without an ID gets a random one; adding
// an ID that is already kept replaces nothing and is not an error.
func (st *Store) AddLead(ctx context.Context, l investbot.Lead) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.ID == "" {
		l.ID = NewLeadID()
	}
	l.Fields = maps.Clone(l.Fields)
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, k := range st.leads {
		if k.ID == l.ID {
			return nil
		}
	}
	st.leads = append(st.leads, l)
	return nil
}

// Leads returns copies of every lead in the order they were added.
func (st *Store) Leads(ctx context.Context) ([]investbot.Lead, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]investbot.Lead, len(st.leads))
	for i, l := range st.leads {
		l.Fields = maps.Clone(l.Fields)
		out[i] = l
	}
	return out, nil
}

// maybeSweep drops expired update ids, sessions and finished flood windows,
// at most once per sweepEvery, so an idle user's data does not stay forever.
func (st *Store) maybeSweep(now time.Time) {
	if now.Sub(st.lastSweep) < sweepEvery {
		return
	}
	st.lastSweep = now
	for id, m := range st.seen {
		until := m.until
		if !now.Before(until) {
			delete(st.seen, id)
		}
	}
	for id, e := range st.sessions {
		if !now.Before(e.expires) {
			delete(st.sessions, id)
		}
	}
	win := st.opts.FloodWindow
	for id, f := range st.flood {
		last := f.start
		if n := len(f.admitted); n > 0 {
			last = f.admitted[n-1]
		}
		if f.notifiedUntil.After(last) {
			last = f.notifiedUntil
		}
		if !now.Before(last.Add(win)) {
			delete(st.flood, id)
		}
	}
}

// cloneSession copies s deeply enough that its Form can be changed freely.
func cloneSession(s investbot.Session) investbot.Session {
	if s.Form != nil {
		f := *s.Form
		f.Values = maps.Clone(f.Values)
		s.Form = &f
	}
	s.Recent = slices.Clone(s.Recent)
	return s
}

// NewLeadID returns a random 16-hex-digit lead id.
func NewLeadID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
