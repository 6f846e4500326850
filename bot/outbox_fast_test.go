package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/internal/tgtest"
	"github.com/thanhhoa/investbot/memstore"
	"github.com/thanhhoa/investbot/redisstore"
)

// flakyOutbox fails some Commits without writing anything, as a Redis
// that goes away does: every fifth before the commit left (the fast path
// must not send), every fifth after it left (the fast path already sends).
type flakyOutbox struct {
	investbot.Outbox
	n atomic.Int64
}

// Volatile passes on the wrapped outbox's: a memory outbox stays this
// process's own.
func (o *flakyOutbox) Volatile() bool {
	v, ok := o.Outbox.(volatile)
	return ok && v.Volatile()
}

var errFlaky = errors.New("flaky outbox: connection lost")

func (o *flakyOutbox) Commit(ctx context.Context, c *investbot.Commit) error {
	switch o.n.Add(1) % 10 {
	case 3:
		return errFlaky
	case 8:
		c.Dispatch()
		return errFlaky
	}
	return o.Outbox.Commit(ctx, c)
}

// testRedisStore opens a redisstore on the test server (REDIS_ADDR,
// default 127.0.0.1:6379) under a key prefix of its own, deleted at the
// end.
func testRedisStore(t *testing.T) *redisstore.Store {
	t.Helper()
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		addr = "127.0.0.1:6379"
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	prefix := "ibtest:" + hex.EncodeToString(b[:]) + ":"
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	st, err := redisstore.Open(ctx, "redis://"+addr, redisstore.Options{Prefix: prefix})
	if err != nil {
		t.Fatalf("no Redis answers at %s (set REDIS_ADDR, or run scripts/redis-for-tests.sh): %v", addr, err)
	}
	t.Cleanup(func() {
		_ = st.Close()
		c := redis.NewClient(&redis.Options{Addr: addr})
		defer c.Close()
		iter := c.Scan(context.Background(), 0, prefix+"*", 1000).Iterator()
		for iter.Next(context.Background()) {
			c.Del(context.Background(), iter.Val())
		}
		if err := iter.Err(); err != nil {
			t.Errorf("clean up %s*: %v", prefix, err)
		}
	})
	return st
}

// The fast path (the handling goroutine sends while its Commit is under
// way) and the deliverer (workers sending what is queued, and entries read
// back from the store) race for the same chats: many chats, each
// committing updates of two calls one after another, some waiting for
// their last reply and some not, with Bot API calls failing now and then
// and commits failing before and after they left. Every call reaches its
// chat exactly once, in order, and the outbox ends empty — with Redis and
// in memory.
func TestFastPathAndDelivererSendEachReplyOnceInOrder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		store func(t *testing.T) investbot.Outbox
	}{
		{"memory", func(*testing.T) investbot.Outbox { return memstore.NewOutbox(time.Now) }},
		{"redis", func(t *testing.T) investbot.Outbox { return testRedisStore(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			raceFastPath(t, tc.store(t))
		})
	}
}

func raceFastPath(t *testing.T, store investbot.Outbox) {
	const chats, updates = 8, 60
	f := tgtest.NewFake(t)
	// Every sent message signals its chat (OnSent is told of messages
	// that carry a ticket).
	delivered := make([]chan struct{}, chats+1)
	for i := range delivered {
		delivered[i] = make(chan struct{}, 2*updates)
	}
	ob := &flakyOutbox{Outbox: store}
	b, _ := MustBot(t, f.URL, &recorder{}, func(c *Config) {
		c.Outbox = ob
		c.OutboxPoll = time.Millisecond // read back entries while their fast path runs
		c.ShardLease = 300 * time.Millisecond
		c.Senders = 4
		c.Limits = Limits{Global: 100000, GlobalWindow: time.Second, PrivateRate: 100000, PrivateBurst: 100000}
		c.OnSent = func(_ context.Context, chat int64, _ int, _ string) {
			delivered[chat] <- struct{}{}
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.Start(ctx)
	// Once every shard is held and read: before, replies go only through
	// the deliverer (and those kept in memory while the store fails could
	// overtake older ones of a shard not yet held).
	for !b.deliver.holdsAll() {
		time.Sleep(time.Millisecond)
	}

	start := time.Now()
	var wg sync.WaitGroup
	for chat := int64(1); chat <= chats; chat++ {
		wg.Go(func() {
			req := handlers.Request{ChatID: chat, UserID: chat, Chat: handlers.ChatPrivate}
			for u := range updates {
				if chat == 1 && u%3 == 1 {
					// The next sendMessage of any chat fails: the chat's
					// reply is retried, by the deliverer.
					f.Script("sendMessage", tgtest.ServerError())
				}
				var calls []request
				for part := range 2 {
					c, err := b.plan(ctx, req, handlers.Message{Text: fmt.Sprintf("%d-%d", u, part), Ticket: "T"})
					if err != nil {
						t.Error(err)
						return
					}
					calls = append(calls, c...)
				}
				if err := b.commit(ctx, chat*1000+int64(u), chat, nil, calls); err != nil {
					t.Error(err)
					return
				}
				if chat%2 == 0 {
					// Wait for this reply: the chat is idle at its next
					// update, which then takes the fast path.
					for range 2 {
						select {
						case <-delivered[chat]:
						case <-time.After(10 * time.Second):
							t.Errorf("chat %d: update %d not delivered", chat, u)
							return
						}
					}
				}
			}
		})
	}
	wg.Wait()
	t.Logf("committed after %v", time.Since(start))
	if t.Failed() {
		return
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if len(f.Delivered("sendMessage")) >= chats*updates*2 && outboxEmpty(t, store, b.cfg.OutboxShards) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 20 s: %d of %d messages delivered, outbox empty %v",
				len(f.Delivered("sendMessage")), chats*updates*2, outboxEmpty(t, store, b.cfg.OutboxShards))
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("delivered after %v", time.Since(start))
	next := map[string]int{}
	for _, c := range f.Delivered("sendMessage") {
		chat, text := c.Params.Get("chat_id"), c.Params.Get("text")
		n := next[chat]
		if want := fmt.Sprintf("%d-%d", n/2, n%2); text != want {
			t.Errorf("chat %s: got %q, want %q (a reply twice or out of order)", chat, text, want)
		}
		next[chat] = n + 1
	}
	for chat := 1; chat <= chats; chat++ {
		if got := next[strconv.Itoa(chat)]; got != 2*updates {
			t.Errorf("chat %d got %d messages, want %d", chat, got, 2*updates)
		}
	}
	fast, queued := b.deliver.sentFast.Load(), b.deliver.sentQueued.Load()
	t.Logf("sent by the fast path %d, by the deliverer %d; failed commits %d", fast, queued, ob.n.Load()/5)
	if fast == 0 || queued == 0 {
		t.Errorf("the race was not run: fast path %d calls, deliverer %d", fast, queued)
	}
}

// outboxEmpty reports whether no shard holds an entry.
func outboxEmpty(t *testing.T, ob investbot.Outbox, shards int) bool {
	t.Helper()
	cursors := map[int]string{}
	for sh := range shards {
		cursors[sh] = ""
	}
	pages, err := ob.Pending(context.Background(), cursors, 1)
	if err != nil {
		t.Fatalf("Pending: %v", err)
	}
	for _, p := range pages {
		if len(p.Entries) > 0 {
			return false
		}
	}
	return true
}

// holdsAll reports whether the deliverer holds and has read every shard.
func (d *deliverer) holdsAll() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.primary.local {
		return d.running
	}
	for sh := range d.shards {
		if !d.primary.owned[sh] || !d.primary.primed[sh] {
			return false
		}
	}
	return true
}
