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

// A member that stops cleanly leaves at once: the others count one fewer
// on their next beat, without waiting for its ttl.
func TestLeaveDropsAMemberAtOnce(t *testing.T) {
	st := MustOpen(t, Options{})
	ctx := context.Background()
	const ttl = time.Hour
	st.Heartbeat(ctx, "bot", "a", ttl)
	if n, _ := st.Heartbeat(ctx, "bot", "b", ttl); n != 2 {
		t.Fatalf("two members: %d", n)
	}
	if err := st.Leave(ctx, "bot", "b"); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Heartbeat(ctx, "bot", "a", ttl); n != 1 {
		t.Errorf("after b left: %d, want 1", n)
	}
}
