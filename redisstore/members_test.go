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
	// b stops beating; a goes on, and the count drops to one once b's
	// beat is older than ttl (Redis's clock decides when).
	deadline := time.Now().Add(10 * ttl)
	for {
		n, err := st.Heartbeat(ctx, "bot", "a", ttl)
		if err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("b stopped beating %v ago and still counts: %d members", 10*ttl, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
