package llm

import (
	"testing"
	"time"
)

// fakeClock is a clock that moves only when told to.
type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time          { return c.t }
func (c *fakeClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

func TestBreaker(t *testing.T) {
	clk := newFakeClock()
	b := NewBreaker(3, time.Minute, clk.Now)

	// Failures below the threshold, then a success, keep it closed.
	for range 2 {
		if !b.Allow() {
			t.Fatal("closed breaker refused a call")
		}
		b.Failure()
	}
	b.Allow()
	b.Success()
	if got := b.State(); got != Closed {
		t.Fatalf("after success: state %v, want closed", got)
	}

	// Three consecutive failures open it.
	for range 3 {
		b.Allow()
		b.Failure()
	}
	if got := b.State(); got != Open {
		t.Fatalf("after 3 failures: state %v, want open", got)
	}
	if b.Allow() {
		t.Fatal("open breaker allowed a call before the cooldown")
	}

	// After the cooldown exactly one trial goes through.
	clk.Advance(time.Minute)
	if !b.Allow() {
		t.Fatal("breaker refused the trial after the cooldown")
	}
	if got := b.State(); got != HalfOpen {
		t.Fatalf("trial: state %v, want half-open", got)
	}
	if b.Allow() {
		t.Fatal("half-open breaker allowed a second concurrent trial")
	}

	// A failed trial re-opens it for a full cooldown.
	b.Failure()
	if got := b.State(); got != Open {
		t.Fatalf("failed trial: state %v, want open", got)
	}
	clk.Advance(59 * time.Second)
	if b.Allow() {
		t.Fatal("re-opened breaker allowed a call before its new cooldown")
	}
	clk.Advance(time.Second)

	// A released trial frees the slot without deciding anything.
	if !b.Allow() {
		t.Fatal("no trial after the second cooldown")
	}
	b.Release()
	if got := b.State(); got != HalfOpen {
		t.Fatalf("released trial: state %v, want half-open", got)
	}
	if !b.Allow() {
		t.Fatal("released trial slot was not freed")
	}

	// A successful trial closes it.
	b.Success()
	if got := b.State(); got != Closed {
		t.Fatalf("successful trial: state %v, want closed", got)
	}
	if !b.Allow() {
		t.Fatal("closed breaker refused a call")
	}
}
