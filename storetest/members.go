package storetest

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// RunMembers runs the replica-group contract against fresh stores made by
// open.
func RunMembers(t *testing.T, open func(t *testing.T) investbot.Members) {
	t.Run("HeartbeatCountsLiveMembers", func(t *testing.T) { testHeartbeat(t, open(t)) })
	t.Run("LeaveDropsAMemberAtOnce", func(t *testing.T) { testLeave(t, open(t)) })
}

func testHeartbeat(t *testing.T, st investbot.Members) {
	ctx := context.Background()
	group := "bot" + strconv.FormatInt(newID(), 10)
	const ttl = 600 * time.Millisecond
	if n, err := st.Heartbeat(ctx, group, "a", ttl); err != nil || n != 1 {
		t.Fatalf("first member: %d, %v", n, err)
	}
	if n, _ := st.Heartbeat(ctx, group, "b", ttl); n != 2 {
		t.Errorf("two members: %d", n)
	}
	if n, _ := st.Heartbeat(ctx, group, "a", ttl); n != 2 {
		t.Errorf("a beating again is still two: %d", n)
	}
	// b stops beating; a goes on, and the count drops to one once b's
	// beat is older than ttl (the store's clock decides when).
	deadline := time.Now().Add(10 * ttl)
	for {
		n, err := st.Heartbeat(ctx, group, "a", ttl)
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
func testLeave(t *testing.T, st investbot.Members) {
	ctx := context.Background()
	group := "bot" + strconv.FormatInt(newID(), 10)
	const ttl = time.Hour
	st.Heartbeat(ctx, group, "a", ttl)
	if n, _ := st.Heartbeat(ctx, group, "b", ttl); n != 2 {
		t.Fatalf("two members: %d", n)
	}
	if err := st.Leave(ctx, group, "b"); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Heartbeat(ctx, group, "a", ttl); n != 1 {
		t.Errorf("after b left: %d, want 1", n)
	}
}
