package bot

import "time"

// Clock is the time the outbox schedules retries by; tests pass a fake one
// so that a 90-second retry_after is honoured without waiting 90 seconds.
type Clock interface {
	Now() time.Time
	// After fires once d has passed.
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }
