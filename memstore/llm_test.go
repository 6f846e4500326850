package memstore

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestLLMQuota(t *testing.T) {
	ctx := context.Background()
	q := NewLLMQuota(2)
	var got []bool
	for _, day := range []string{"2026-03-01", "2026-03-01", "2026-03-01", "2026-03-02"} {
		ok, err := q.Take(ctx, 5, day)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ok)
	}
	if want := []bool{true, true, false, true}; !slices.Equal(got, want) {
		t.Errorf("Take = %v, want %v", got, want)
	}
}

// clock is a clock the test moves by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestLLMCache(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	c := NewLLMCache(2, clk.Now)
	v := []byte(`{"text":"t","cites":["zone.a"]}`)
	_ = c.Set(ctx, "a", v, time.Minute)
	v[2] = 'X' // the cache keeps its own copy
	if got, ok, _ := c.Get(ctx, "a"); !ok || string(got) != `{"text":"t","cites":["zone.a"]}` {
		t.Fatalf("Get = %s, %v", got, ok)
	}
	clk.Advance(time.Minute)
	if _, ok, _ := c.Get(ctx, "a"); ok {
		t.Error("expired entry returned")
	}
	for _, k := range []string{"x", "y", "z"} {
		_ = c.Set(ctx, k, v, time.Hour)
	}
	if n := len(c.m); n > 2 {
		t.Errorf("cache holds %d entries, limit 2", n)
	}
	if _, ok, _ := c.Get(ctx, "z"); !ok {
		t.Error("newest entry evicted")
	}
}
