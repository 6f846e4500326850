package redisstore

import (
	"context"
	"testing"
	"time"
)

func TestHeartbeatCountsLiveMembers(t *testing.T) {
	st := MustOpen(t, Options{})
	ctx := context.Background()
	const ttl = 600 * time.Millisecond
	if n, err := st.Heartbeat(ctx, "bot", "a", ttl); err != nil || n != 1 {
		t.Fatalf("first member: %d, %v", n, err)
	}
	if n, _ := st.Heartbeat(ctx, "bot", "b", ttl); n != 2 {
		t.Errorf("two members: %d", n)
	}
	if n, _ := st.Heartbeat(ctx, "bot", "a", ttl); n != 2 {
		t.Errorf("a beating again is still two: %d", n)
	}
	time.Sleep(ttl + 200*time.Millisecond) // b stops beating
	if n, _ := st.Heartbeat(ctx, "bot", "a", ttl); n != 1 {
		t.Errorf("after b went quiet: %d, want 1", n)
	}
}
