package loadtest

import (
	"sync"
	"time"
)

// Tracker ties every reply the sink sees to the update it answers. The
// poster sends one update per chat at a time (as Telegram does for one
// chat), so a message to a chat while an update of that chat is in flight
// answers that update; answerCallbackQuery names its update directly.
type Tracker struct {
	mu      sync.Mutex
	flights map[int64]flight // by chat
	byID    map[int64]int    // update id → attempt in flight
	answers map[int64]*answer
	waiters map[int64]chan struct{} // closed at an update's first reply
}

type flight struct {
	update  int64
	attempt int
}

type answer struct {
	msgs     int
	attempts uint64 // bit per attempt that produced a reply
	replicas map[string]bool
}

// NewTracker returns an empty tracker.
func NewTracker() *Tracker {
	return &Tracker{flights: map[int64]flight{}, byID: map[int64]int{}, answers: map[int64]*answer{}, waiters: map[int64]chan struct{}{}}
}

// Begin marks attempt (1, 2, …) of update as in flight in chat.
func (t *Tracker) Begin(chat, update int64, attempt int) {
	t.mu.Lock()
	t.flights[chat] = flight{update, attempt}
	t.byID[update] = attempt
	t.mu.Unlock()
}

// End marks the attempt finished.
func (t *Tracker) End(chat, update int64) {
	t.mu.Lock()
	if f, ok := t.flights[chat]; ok && f.update == update {
		delete(t.flights, chat)
	}
	delete(t.byID, update)
	t.mu.Unlock()
}

func (t *Tracker) credit(update int64, attempt int, replica string) {
	a := t.answers[update]
	if a == nil {
		a = &answer{replicas: map[string]bool{}}
		t.answers[update] = a
	}
	a.msgs++
	if w, ok := t.waiters[update]; ok {
		close(w)
		delete(t.waiters, update)
	}
	if attempt < 64 {
		a.attempts |= 1 << attempt
	}
	a.replicas[replica] = true
}

// CreditChat credits a message to chat from replica; false when no update
// of that chat is in flight.
func (t *Tracker) CreditChat(chat int64, replica string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.flights[chat]
	if !ok {
		return false
	}
	t.credit(f.update, f.attempt, replica)
	return true
}

// CreditUpdate credits an answered callback query to its update.
func (t *Tracker) CreditUpdate(update int64, replica string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	attempt, ok := t.byID[update]
	if !ok {
		return false
	}
	t.credit(update, attempt, replica)
	return true
}

// Outcome is how one update was answered.
type Outcome struct {
	Messages int
	// Duplicated is true when more than one delivery attempt, or more than
	// one replica, produced a reply.
	Duplicated bool
}

// Outcome reports update's replies.
func (t *Tracker) Outcome(update int64) Outcome {
	t.mu.Lock()
	defer t.mu.Unlock()
	a := t.answers[update]
	if a == nil {
		return Outcome{}
	}
	n := 0
	for b := a.attempts; b != 0; b &= b - 1 {
		n++
	}
	return Outcome{Messages: a.msgs, Duplicated: n > 1 || len(a.replicas) > 1}
}

// Await waits up to d for update's first reply and reports whether it came.
// A bot that answers from an outbox acknowledges the update first and
// sends after, so the poster holds the chat's flight until the reply is in.
func (t *Tracker) Await(update int64, d time.Duration) bool {
	t.mu.Lock()
	if a := t.answers[update]; a != nil && a.msgs > 0 {
		t.mu.Unlock()
		return true
	}
	w, ok := t.waiters[update]
	if !ok {
		w = make(chan struct{})
		t.waiters[update] = w
	}
	t.mu.Unlock()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-w:
		return true
	case <-timer.C:
		t.mu.Lock()
		delete(t.waiters, update)
		t.mu.Unlock()
		return false
	}
}
