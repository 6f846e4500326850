package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// OutboxStore is a session store that also keeps the outbox.
type OutboxStore interface {
	investbot.SessionStore
	investbot.Outbox
}

// RunOutbox runs the outbox contract: one suite for the Redis and the
// in-memory store. newStore must return a fresh store built with the
// settings of Run.
func RunOutbox(t *testing.T, newStore func(t *testing.T) OutboxStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st OutboxStore)
	}{
		{"CommitWritesRepliesSessionAndMark", testCommit},
		{"DeferredSaveRidesTheCommit", testDeferredSave},
		{"PendingInOrderAndCursorMovesPastAcked", testPendingCursor},
		{"LeaseIsExclusiveUntilReleasedOrExpired", testLease},
		{"RenewKeepsAnUpdateInProgress", testRenew},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, newStore(t))
		})
	}
}

func entry(shard int, chat, update int64, payload string) investbot.OutboxEntry {
	return investbot.OutboxEntry{Shard: shard, ChatID: chat, UpdateID: update, Payload: []byte(payload), Expires: time.Now().Add(time.Hour).Truncate(time.Millisecond)}
}

func mustPending(t *testing.T, st OutboxStore, shard int, after string, n int) investbot.OutboxPage {
	t.Helper()
	pages, err := st.Pending(context.Background(), map[int]string{shard: after}, n)
	if err != nil {
		t.Fatalf("Pending: %v", err)
	}
	return pages[shard]
}

func payloads(p investbot.OutboxPage) []string {
	var out []string
	for _, e := range p.Entries {
		out = append(out, string(e.Payload))
	}
	return out
}

func testCommit(t *testing.T, st OutboxStore) {
	ctx := context.Background()
	user, upd := newID(), newID()
	shard := investbot.OutboxShard(user, investbot.OutboxShards)
	if g := MustBegin(t, st, upd, user); g.Duplicate || g.InProgress {
		t.Fatalf("first Begin: %+v", g)
	}
	s := investbot.Session{UserID: user, Lang: investbot.JA, LastEntry: "zone.x"}
	c := &investbot.Commit{UpdateID: upd, UserID: user, Session: &s, Entries: []investbot.OutboxEntry{
		entry(shard, user, upd, "one"), entry(shard, user, upd, "two"),
	}}
	if err := st.Commit(ctx, c); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if c.Entries[0].ID == "" || investbot.CompareOutboxIDs(c.Entries[0].ID, c.Entries[1].ID) >= 0 {
		t.Fatalf("entry ids not set in order: %q, %q", c.Entries[0].ID, c.Entries[1].ID)
	}
	if g := MustBegin(t, st, upd, user); !g.Duplicate {
		t.Errorf("a redelivered update whose replies are in the outbox: %+v, want Duplicate", g)
	}
	if got := MustLoad(t, st, user); got.Lang != investbot.JA || got.LastEntry != "zone.x" {
		t.Errorf("session after Commit: %+v", got)
	}
	p := mustPending(t, st, shard, "", 100)
	var mine []investbot.OutboxEntry
	for _, e := range p.Entries {
		if e.UpdateID == upd {
			mine = append(mine, e)
		}
	}
	if len(mine) != 2 || string(mine[0].Payload) != "one" || string(mine[1].Payload) != "two" ||
		mine[0].ChatID != user || !mine[0].Expires.Equal(c.Entries[0].Expires) || mine[0].Shard != shard {
		t.Errorf("pending after Commit: %+v", mine)
	}
	if err := st.Ack(ctx, mine[:1]); err != nil {
		t.Fatalf("Ack: %v", err)
	}
	// The other is acked by the next commit, in its round trip.
	if err := st.Commit(ctx, &investbot.Commit{UpdateID: newID(), UserID: user, Acks: mine[1:]}); err != nil {
		t.Fatalf("Commit with acks: %v", err)
	}
	for _, e := range mustPending(t, st, shard, "", 100).Entries {
		if e.UpdateID == upd {
			t.Errorf("entry %s still pending after Ack", e.ID)
		}
	}
}

func testDeferredSave(t *testing.T, st OutboxStore) {
	ctx := context.Background()
	user, other := newID(), newID()
	dctx, d := investbot.WithDeferred(ctx, user)
	if err := st.Save(dctx, investbot.Session{UserID: user, Lang: investbot.KO}); err != nil {
		t.Fatal(err)
	}
	// Another user's session is written at once even inside the update.
	if err := st.Save(dctx, investbot.Session{UserID: other, Lang: investbot.VI}); err != nil {
		t.Fatal(err)
	}
	if got := MustLoad(t, st, user); got.Lang != "" {
		t.Errorf("deferred session written before the commit: %+v", got)
	}
	if got := MustLoad(t, st, other); got.Lang != investbot.VI {
		t.Errorf("another user's session was held: %+v", got)
	}
	if err := st.Commit(ctx, &investbot.Commit{UpdateID: newID(), UserID: user, Session: d.Session()}); err != nil {
		t.Fatal(err)
	}
	if got := MustLoad(t, st, user); got.Lang != investbot.KO {
		t.Errorf("session after the commit: %+v", got)
	}
}

func testPendingCursor(t *testing.T, st OutboxStore) {
	ctx := context.Background()
	// A shard of its own for this test: shards are shared by the store.
	shard := 1000 + int(newID()%1000)
	var all []investbot.OutboxEntry
	for i := range 5 {
		c := &investbot.Commit{Entries: []investbot.OutboxEntry{entry(shard, 1, int64(i), fmt.Sprint(i))}}
		if err := st.Commit(ctx, c); err != nil {
			t.Fatal(err)
		}
		all = append(all, c.Entries...)
	}
	p := mustPending(t, st, shard, "", 3)
	if got := fmt.Sprint(payloads(p)); got != "[0 1 2]" || p.Next != all[2].ID {
		t.Fatalf("first page %s next %q, want [0 1 2] next %q", got, p.Next, all[2].ID)
	}
	// Entries 3 and 4 are delivered (acked) before the next read: the
	// cursor must still move past them, never hand them out again.
	if err := st.Ack(ctx, all[3:]); err != nil {
		t.Fatal(err)
	}
	p2 := mustPending(t, st, shard, p.Next, 3)
	if len(p2.Entries) != 0 || investbot.CompareOutboxIDs(p2.Next, all[4].ID) < 0 {
		t.Fatalf("second page %v next %q, want none and a cursor at or past %q", payloads(p2), p2.Next, all[4].ID)
	}
	c := &investbot.Commit{Entries: []investbot.OutboxEntry{entry(shard, 1, 9, "9")}}
	if err := st.Commit(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(payloads(mustPending(t, st, shard, p2.Next, 3))); got != "[9]" {
		t.Errorf("after a new entry: %s, want [9]", got)
	}
	// A new owner reads from the beginning: what was not acked.
	if got := fmt.Sprint(payloads(mustPending(t, st, shard, "", 10))); got != "[0 1 2 9]" {
		t.Errorf("from the start: %s, want [0 1 2 9]", got)
	}
}

func testLease(t *testing.T, st OutboxStore) {
	ctx := context.Background()
	shards := []int{2000 + int(newID()%1000)}
	held := func(owner string, ttl time.Duration) bool {
		t.Helper()
		got, err := st.Lease(ctx, owner, shards, ttl)
		if err != nil {
			t.Fatalf("Lease: %v", err)
		}
		return got[0]
	}
	if !held("a", time.Minute) {
		t.Fatal("a could not take a free shard")
	}
	if held("b", time.Minute) {
		t.Fatal("b took a shard a holds")
	}
	if !held("a", 200*time.Millisecond) {
		t.Fatal("a could not keep its shard")
	}
	deadline := time.Now().Add(3 * time.Second)
	for !held("b", time.Minute) {
		if time.Now().After(deadline) {
			t.Fatal("b never took the shard a stopped renewing")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := st.Release(ctx, "a", shards); err != nil {
		t.Fatal(err)
	}
	if held("a", time.Minute) {
		t.Fatal("a's release freed b's lease")
	}
	if err := st.Release(ctx, "b", shards); err != nil {
		t.Fatal(err)
	}
	if !held("a", time.Minute) {
		t.Fatal("a could not take a released shard")
	}
}

func testRenew(t *testing.T, st OutboxStore) {
	ctx := context.Background()
	user, upd := newID(), newID()
	MustBegin(t, st, upd, user)
	// Renewed past several of its TTLs, the update stays in progress.
	end := time.Now().Add(3 * InProgressTTL)
	for time.Now().Before(end) {
		if err := st.Renew(ctx, upd, user, InProgressTTL); err != nil {
			t.Fatal(err)
		}
		if g := MustBegin(t, st, upd, user); !g.InProgress {
			t.Fatalf("renewed update: %+v, want InProgress", g)
		}
		time.Sleep(InProgressTTL / 4)
	}
	// Not renewed, it expires and is handled again.
	deadline := time.Now().Add(5 * InProgressTTL)
	for g := MustBegin(t, st, upd, user); g.InProgress; g = MustBegin(t, st, upd, user) {
		if time.Now().After(deadline) {
			t.Fatal("an update no longer renewed stayed in progress")
		}
		time.Sleep(InProgressTTL / 4)
	}
	// Renew never turns an answered update back into one in progress.
	upd2 := newID()
	MustBegin(t, st, upd2, user)
	if err := st.Commit(ctx, &investbot.Commit{UpdateID: upd2, UserID: user}); err != nil {
		t.Fatal(err)
	}
	if err := st.Renew(ctx, upd2, user, InProgressTTL); err != nil {
		t.Fatal(err)
	}
	if g := MustBegin(t, st, upd2, user); !g.Duplicate {
		t.Errorf("renewed after commit: %+v, want Duplicate", g)
	}
}
