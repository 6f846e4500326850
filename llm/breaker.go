package llm

import (
	"sync"
	"time"
)

// BreakerState is where a circuit breaker stands.
type BreakerState int

// The states of a circuit breaker.
const (
	// Closed lets every call through and counts consecutive failures.
	Closed BreakerState = iota
	// Open refuses every call until the cooldown has passed.
	Open
	// HalfOpen lets exactly one trial call through; its outcome closes or
	// re-opens the breaker.
	HalfOpen
)

func (s BreakerState) String() string {
	switch s {
	case Closed:
		return "closed"
	case Open:
		return "open"
	case HalfOpen:
		return "half-open"
	}
	return "unknown"
}

// Breaker is a small circuit breaker: it opens after Failures consecutive
// failures, so that a dead or overloaded model server is not hammered and
// users get the knowledge-base answer at once instead of waiting for a
// timeout; after Cooldown it lets one trial call through. It is safe for
// concurrent use.
type Breaker struct {
	failures int
	cooldown time.Duration
	now      func() time.Time

	mu       sync.Mutex
	state    BreakerState
	count    int // consecutive failures while closed
	openedAt time.Time
	trial    bool // a half-open trial call is in flight
}

// NewBreaker returns a closed breaker. now is the clock (nil: time.Now), so
// that tests can move time without sleeping.
func NewBreaker(failures int, cooldown time.Duration, now func() time.Time) *Breaker {
	if failures < 1 {
		failures = 1
	}
	if now == nil {
		now = time.Now
	}
	return &Breaker{failures: failures, cooldown: cooldown, now: now}
}

// Allow reports whether a call may be made now. A true answer must be
// followed by exactly one of Success, Failure or Release.
func (b *Breaker) Allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.state {
	case Closed:
		return true
	case Open:
		if b.now().Sub(b.openedAt) < b.cooldown {
			return false
		}
		b.state = HalfOpen
		b.trial = true
		return true
	default: // HalfOpen
		if b.trial {
			return false
		}
		b.trial = true
		return true
	}
}

// Success records a call that worked: the breaker closes.
func (b *Breaker) Success() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.state = Closed
	b.count = 0
	b.trial = false
}

// Failure records a call that failed: a half-open breaker re-opens, a closed
// one opens once the consecutive failures reach the threshold.
func (b *Breaker) Failure() {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.state {
	case HalfOpen:
		b.open()
	case Closed:
		b.count++
		if b.count >= b.failures {
			b.open()
		}
	}
}

// Release gives back a permission from Allow that was not used (the call was
// not made, or was cancelled by the caller): it changes nothing but frees the
// half-open trial slot.
func (b *Breaker) Release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state == HalfOpen {
		b.trial = false
	}
}

// State returns the current state, as of the last call to Allow.
func (b *Breaker) State() BreakerState {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state
}

func (b *Breaker) open() {
	b.state = Open
	b.openedAt = b.now()
	b.count = 0
	b.trial = false
}
