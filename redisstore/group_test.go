package redisstore

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// Concurrent Commits share round trips: every one must still be written
// once, get its own id, and report its own outcome.
func TestGroupCommitConcurrent(t *testing.T) {
	st := MustOpen(t, Options{})
	ctx := context.Background()
	const n = 200
	commits := make([]*investbot.Commit, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		chat := int64(1000 + i)
		commits[i] = &investbot.Commit{
			UpdateID: int64(i + 1), UserID: chat,
			Session: &investbot.Session{UserID: chat, Lang: "en"},
			Entries: []investbot.OutboxEntry{{Shard: i % 4, ChatID: chat, UpdateID: int64(i + 1), Payload: []byte{byte(i)}, Expires: time.Now().Add(time.Hour)}},
		}
		wg.Go(func() { errs[i] = st.Commit(ctx, commits[i]) })
	}
	wg.Wait()
	// Ids are per shard (each shard is its own stream).
	type key struct {
		shard int
		id    string
	}
	ids := map[key]bool{}
	for i, c := range commits {
		if errs[i] != nil {
			t.Fatalf("commit %d: %v", i, errs[i])
		}
		k := key{c.Entries[0].Shard, c.Entries[0].ID}
		if k.id == "" || ids[k] {
			t.Fatalf("commit %d: id %v empty or given twice", i, k)
		}
		ids[k] = true
	}
	pages, err := st.Pending(ctx, map[int]string{0: "", 1: "", 2: "", 3: ""}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, p := range pages {
		for _, e := range p.Entries {
			if !ids[key{e.Shard, e.ID}] {
				t.Errorf("entry %s was not returned to its committer", e.ID)
			}
			got++
		}
	}
	if got != n {
		t.Errorf("%d entries in the outbox, want %d", got, n)
	}
	for i := range n {
		s, err := st.Load(ctx, int64(1000+i))
		if err != nil || s.Lang != "en" {
			t.Fatalf("session %d: %+v, %v", i, s, err)
		}
	}
}

// A command refused inside a shared pipeline fails only the Commit that
// queued it.
func TestGroupCommitRefusalIsOwn(t *testing.T) {
	st := MustOpen(t, Options{})
	ctx := context.Background()
	// Shard 1's stream key holds a list: an XADD to it is refused.
	if err := st.client.RPush(ctx, st.outboxKey(1, "q"), "x").Err(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 40)
	for i := range errs {
		c := &investbot.Commit{Entries: []investbot.OutboxEntry{{Shard: i % 2, ChatID: int64(i), Payload: []byte("p")}}}
		wg.Go(func() { errs[i] = st.Commit(ctx, c) })
	}
	wg.Wait()
	for i, err := range errs {
		if (err != nil) != (i%2 == 1) {
			t.Errorf("commit %d to shard %d: err %v", i, i%2, err)
		}
	}
}
