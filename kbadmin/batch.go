package kbadmin

import (
	"context"
	"github.com/thanhhoa/investbot"
	"log/slog"
	"slices"
	"sync"
	"time"
)

// Recorder is where questions and counted events are kept (InsightStore).
type Recorder interface {
	RecordQuestion(ctx context.Context, q investbot.Asked) error
	Count(ctx context.Context, at time.Time, c investbot.Counter) error
}

// batchRecorder is implemented by stores that write many questions in one
// round trip.
type batchRecorder interface {
	RecordQuestions(ctx context.Context, qs []investbot.Asked) error
}

// Batcher takes the recording of questions off the path of a message: the
// handler's call only appends to a buffer, and Run writes the buffer every
// interval (in one round trip where the store allows). A message thus costs
// no Redis round trip for statistics, and a Redis outage does not slow
// answers down. At most max items wait; beyond that the oldest are dropped
// (and counted in the log), because statistics must never hold up
// investors.
type Batcher struct {
	to       Recorder
	interval time.Duration
	max      int
	log      *slog.Logger

	// flushing is held by Flush and ForgetQuestions, so that questions a
	// flush has taken are written before a forget removes them.
	flushing sync.Mutex
	mu       sync.Mutex
	qs       []investbot.Asked
	counts   []counted
	dropped  int
}

type counted struct {
	at time.Time
	c  investbot.Counter
}

var _ Recorder = (*Batcher)(nil)

// NewBatcher returns a Batcher writing to to every interval.
func NewBatcher(to Recorder, interval time.Duration, log *slog.Logger) *Batcher {
	if interval <= 0 {
		interval = time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Batcher{to: to, interval: interval, max: 10_000, log: log}
}

// RecordQuestion queues q; it never blocks and never fails.
func (b *Batcher) RecordQuestion(_ context.Context, q investbot.Asked) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.qs) >= b.max {
		b.qs = b.qs[1:]
		b.dropped++
	}
	b.qs = append(b.qs, q)
	return nil
}

// Count queues a counted event.
func (b *Batcher) Count(_ context.Context, at time.Time, c investbot.Counter) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.counts = append(b.counts, counted{at, c})
	return nil
}

// Run flushes every interval until ctx ends, then once more.
func (b *Batcher) Run(ctx context.Context) {
	t := time.NewTicker(b.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			flush, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			b.Flush(flush)
			cancel()
			return
		case <-t.C:
			b.Flush(ctx)
		}
	}
}

// Flush writes what is queued. What cannot be written (the store is down)
// is put back to be tried at the next flush, within the buffer's bound.
func (b *Batcher) Flush(ctx context.Context) {
	b.flushing.Lock()
	defer b.flushing.Unlock()
	b.mu.Lock()
	qs, counts, dropped := b.qs, b.counts, b.dropped
	b.qs, b.counts, b.dropped = nil, nil, 0
	b.mu.Unlock()
	if dropped > 0 {
		b.log.Warn("statistics: questions dropped while the store was unreachable", "dropped", dropped)
	}
	var failedQ []investbot.Asked
	if br, ok := b.to.(batchRecorder); ok && len(qs) > 0 {
		if err := br.RecordQuestions(ctx, qs); err != nil {
			failedQ = qs
		}
	} else {
		for i, q := range qs {
			if err := b.to.RecordQuestion(ctx, q); err != nil {
				failedQ = qs[i:]
				break
			}
		}
	}
	var failedC []counted
	for i, c := range counts {
		if err := b.to.Count(ctx, c.at, c.c); err != nil {
			failedC = counts[i:]
			break
		}
	}
	if len(failedQ)+len(failedC) == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.qs = append(failedQ, b.qs...)
	if n := len(b.qs) - b.max; n > 0 {
		b.qs, b.dropped = b.qs[n:], b.dropped+n
	}
	b.counts = append(failedC, b.counts...)
}

// questionForgetter is implemented by stores that can remove a user's
// logged questions.
type questionForgetter interface {
	ForgetQuestions(ctx context.Context, userTag string) (int, error)
}

// ForgetQuestions drops the user's queued questions and removes their
// logged ones from the store, for /forgetme. It returns how many logged
// (or queued to be logged) questions were removed.
func (b *Batcher) ForgetQuestions(ctx context.Context, userTag string) (int, error) {
	if userTag == "" {
		return 0, nil
	}
	b.flushing.Lock()
	defer b.flushing.Unlock()
	b.mu.Lock()
	n := 0
	b.qs = slices.DeleteFunc(b.qs, func(q investbot.Asked) bool {
		if q.UserTag != userTag {
			return false
		}
		if q.Logged() {
			n++
		}
		return true
	})
	b.mu.Unlock()
	f, ok := b.to.(questionForgetter)
	if !ok {
		return n, nil
	}
	m, err := f.ForgetQuestions(ctx, userTag)
	return n + m, err
}
