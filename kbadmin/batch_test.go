package kbadmin

import (
	"context"
	"errors"
	"github.com/thanhhoa/investbot"
	"sync"
	"testing"
	"time"
)

type flakyRecorder struct {
	mu     sync.Mutex
	down   bool
	qs     []investbot.Asked
	counts []investbot.Counter
}

func (f *flakyRecorder) RecordQuestion(_ context.Context, q investbot.Asked) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return errors.New("down")
	}
	f.qs = append(f.qs, q)
	return nil
}

func (f *flakyRecorder) Count(_ context.Context, _ time.Time, c investbot.Counter) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return errors.New("down")
	}
	f.counts = append(f.counts, c)
	return nil
}

func TestBatcherKeepsThroughAnOutage(t *testing.T) {
	to := &flakyRecorder{down: true}
	b := NewBatcher(to, time.Hour, nil)
	ctx := context.Background()
	b.RecordQuestion(ctx, investbot.Asked{Text: "one"})
	b.Count(ctx, time.Now(), investbot.CountLead)
	b.Flush(ctx) // store down: kept
	b.RecordQuestion(ctx, investbot.Asked{Text: "two"})
	to.mu.Lock()
	to.down = false
	to.mu.Unlock()
	b.Flush(ctx)
	if len(to.qs) != 2 || to.qs[0].Text != "one" || to.qs[1].Text != "two" || len(to.counts) != 1 {
		t.Errorf("after recovery: %+v %v", to.qs, to.counts)
	}
}

func TestBatcherIsBounded(t *testing.T) {
	to := &flakyRecorder{down: true}
	b := NewBatcher(to, time.Hour, nil)
	b.max = 3
	for i := 0; i < 5; i++ {
		b.RecordQuestion(context.Background(), investbot.Asked{Text: string(rune('a' + i))})
	}
	b.Flush(context.Background())
	if len(b.qs) != 3 || b.qs[0].Text != "c" {
		t.Errorf("buffer = %+v, want the newest 3", b.qs)
	}
}

func TestBatcherRunFlushesOnStop(t *testing.T) {
	to := &flakyRecorder{}
	b := NewBatcher(to, time.Hour, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { b.Run(ctx); close(done) }()
	b.RecordQuestion(ctx, investbot.Asked{Text: "last words"})
	cancel()
	<-done
	if len(to.qs) != 1 {
		t.Errorf("Run must flush when stopping: %+v", to.qs)
	}
}
