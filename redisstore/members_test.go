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
