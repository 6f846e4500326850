package redisstore

import (
	"context"
	"testing"
	"time"
)

func TestOnce(t *testing.T) {
	a, b := MustOpen(t, Options{}), MustOpen(t, Options{})
	b.opts.Prefix = a.opts.Prefix // two replicas, one Redis
	ctx := context.Background()
	first, err := a.Once(ctx, "stale:2026-W02", time.Minute)
	if err != nil || !first {
		t.Fatalf("first claim = %v, %v", first, err)
	}
	if again, _ := b.Once(ctx, "stale:2026-W02", time.Minute); again {
		t.Errorf("a second replica claimed the same job")
	}
	if other, _ := b.Once(ctx, "stale:2026-W03", time.Minute); !other {
		t.Errorf("another week is another job")
	}
}
