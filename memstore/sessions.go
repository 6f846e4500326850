package memstore

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/thanhhoa/investbot"
)

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

// sweepEvery bounds how often Begin walks every map to drop expired
// entries, so memory stays bounded without a background goroutine.
const sweepEvery = time.Minute
