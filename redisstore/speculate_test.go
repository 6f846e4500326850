package redisstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

// peer opens a second replica's store on st's keys: its own connection and
// its own session cache.
func peer(t *testing.T, st *Store) *Store {
	t.Helper()
	o := st.opts
	p, err := Open(context.Background(), redisURL(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

// handle is one update as the bot handles it: Begin (speculative when
// spec), then Commit of one reply and, when lang is set, the session with
// that language. It returns Begin's gate and Commit's error.
func handle(t *testing.T, st *Store, update, user int64, spec bool, lang investbot.Lang) (investbot.Gate, error) {
	t.Helper()
	ctx := context.Background()
	var sp *investbot.Speculation
	if spec {
		ctx, sp = investbot.WithSpeculation(ctx)
	}
	g, err := st.Begin(ctx, update, user)
	if err != nil {
		t.Fatalf("begin %d: %v", update, err)
	}
	if g.Duplicate || g.InProgress || g.Limited {
		return g, nil
	}
	c := &investbot.Commit{UpdateID: update, UserID: user, Speculation: sp,
		Entries: []investbot.OutboxEntry{{Shard: 3, ChatID: user, UpdateID: update, Payload: []byte("reply"), Expires: time.Now().Add(time.Hour)}}}
	if lang != "" {
		s := g.Session
		s.Lang = lang
		c.Session = &s
	}
	return g, st.Commit(ctx, c)
}

func streamLen(t *testing.T, st *Store) int64 {
	t.Helper()
	n, err := st.client.XLen(context.Background(), st.outboxKey(3, "q")).Result()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSpeculativeUpdateIsOneRoundTrip: once a replica has handled a user,
// the user's next update makes no Begin round trip and one Commit, which
// admits it as Begin would have (answered mark, flood count, session).
func TestSpeculativeUpdateIsOneRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := MustOpen(t, Options{})
	const user = 501
	if _, err := handle(t, st, 1, user, true, investbot.JA); err != nil {
		t.Fatal(err)
	}
	rt := &roundTrips{}
	st.client.AddHook(rt)
	// The script is loaded by its first run; count the steady state.
	if err := commitScript.Load(ctx, st.client).Err(); err != nil {
		t.Fatal(err)
	}
	rt.n.Store(0)
	sctx, sp := investbot.WithSpeculation(ctx)
	g, err := st.Begin(sctx, 2, user)
	if err != nil {
		t.Fatal(err)
	}
	if !g.Speculative || g.Session.Lang != investbot.JA {
		t.Fatalf("gate %+v: want speculative with the cached session (ja)", g)
	}
	if n := rt.n.Load(); n != 0 {
		t.Errorf("speculative Begin made %d round trips, want 0", n)
	}
	s := g.Session
	s.Lang = investbot.KO
	c := &investbot.Commit{UpdateID: 2, UserID: user, Session: &s, Speculation: sp,
		Entries: []investbot.OutboxEntry{{Shard: 3, ChatID: user, UpdateID: 2, Payload: []byte("r2"), Expires: time.Now().Add(time.Hour)}}}
	if err := st.Commit(sctx, c); err != nil {
		t.Fatal(err)
	}
	if n := rt.n.Load(); n != 1 {
		t.Errorf("speculative update made %d round trips, want 1", n)
	}
	if c.Entries[0].ID == "" {
		t.Error("entry id not set")
	}
	if mark, _ := st.client.Get(ctx, st.userKey(user, "d:2")).Result(); mark != "d" {
		t.Errorf("answered mark %q, want d", mark)
	}
	if n, _ := st.client.Get(ctx, st.userKey(user, "c")).Int(); n != 2 {
		t.Errorf("flood count %d, want 2", n)
	}
	if got := mustLoad(t, st, user); got.Lang != investbot.KO {
		t.Errorf("stored session language %q, want ko", got.Lang)
	}
	// The same update again, at another replica: a duplicate.
	if g, _ := handle(t, peer(t, st), 2, user, false, ""); !g.Duplicate {
		t.Errorf("redelivery: gate %+v, want duplicate", g)
	}
}

func mustLoad(t *testing.T, st *Store, user int64) investbot.Session {
	t.Helper()
	s, err := st.Load(context.Background(), user)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSpeculativeCommitRefused: whatever happened elsewhere since the
// replica cached the session, a speculative Commit writes nothing and is
// refused, and the normal Begin then gives what it would have given.
func TestSpeculativeCommitRefused(t *testing.T) {
	const user = 502
	for _, tc := range []struct {
		name  string
		adm   investbot.Admission
		other func(t *testing.T, st, b *Store) // what another replica did
		check func(t *testing.T, g investbot.Gate)
	}{
		{"answered elsewhere", investbot.Admission{}, func(t *testing.T, _, b *Store) {
			if _, err := handle(t, b, 2, user, false, ""); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, g investbot.Gate) {
			if !g.Duplicate {
				t.Errorf("gate %+v, want duplicate", g)
			}
		}},
		{"in progress elsewhere", investbot.Admission{}, func(t *testing.T, _, b *Store) {
			if _, err := b.Begin(context.Background(), 2, user); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, g investbot.Gate) {
			if !g.InProgress {
				t.Errorf("gate %+v, want in progress", g)
			}
		}},
		{"session changed elsewhere", investbot.Admission{}, func(t *testing.T, _, b *Store) {
			if _, err := handle(t, b, 3, user, false, investbot.VI); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, g investbot.Gate) {
			if g.Duplicate || g.InProgress || g.Limited || g.Session.Lang != investbot.VI {
				t.Errorf("gate %+v, want admitted with the session written elsewhere (vi)", g)
			}
		}},
		{"user erased elsewhere", investbot.Admission{}, func(t *testing.T, _, b *Store) {
			if _, err := b.Delete(context.Background(), user); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, g investbot.Gate) {
			if g.Duplicate || g.Session.Lang != "" {
				t.Errorf("gate %+v, want admitted with a fresh session", g)
			}
		}},
		{"flood limit, fixed window", investbot.Admission{FloodLimit: 2}, func(t *testing.T, _, b *Store) {
			if _, err := handle(t, b, 3, user, false, ""); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, g investbot.Gate) {
			if !g.Limited || !g.NotifyLimit {
				t.Errorf("gate %+v, want limited with the notice", g)
			}
		}},
		{"flood limit, sliding window", investbot.Admission{FloodLimit: 2, SlidingWindow: true}, func(t *testing.T, _, b *Store) {
			if _, err := handle(t, b, 3, user, false, ""); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, g investbot.Gate) {
			if !g.Limited || !g.NotifyLimit {
				t.Errorf("gate %+v, want limited with the notice", g)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			st := MustOpen(t, Options{Admission: tc.adm})
			b := peer(t, st)
			if _, err := handle(t, st, 1, user, false, investbot.JA); err != nil {
				t.Fatal(err)
			}
			tc.other(t, st, b)
			entries := streamLen(t, st)
			before, _ := st.client.Get(ctx, st.userKey(user, "s")).Result()
			g, err := handle(t, st, 2, user, true, investbot.KO)
			if !g.Speculative {
				t.Fatalf("gate %+v: want speculative", g)
			}
			if !errors.Is(err, investbot.ErrSpeculationRefused) {
				t.Fatalf("commit: %v, want refused", err)
			}
			if n := streamLen(t, st); n != entries {
				t.Errorf("outbox holds %d entries, %d before: a refused commit wrote its reply", n, entries)
			}
			if after, _ := st.client.Get(ctx, st.userKey(user, "s")).Result(); after != before {
				t.Errorf("session %q, %q before: a refused commit wrote it", after, before)
			}
			// Handled again the normal way (the cache was dropped).
			sctx, _ := investbot.WithSpeculation(ctx)
			g, err = st.Begin(sctx, 2, user)
			if err != nil {
				t.Fatal(err)
			}
			if g.Speculative {
				t.Fatal("begin after a refusal is speculative again")
			}
			tc.check(t, g)
		})
	}
}

// TestSpeculationClaim: a speculative update claimed before a side effect takes the
// in-progress mark (so a redelivery elsewhere waits) when the cached
// session still holds, and is reported lost, with the gate to start
// again from, when it does not.
func TestSpeculationClaim(t *testing.T) {
	ctx := context.Background()
	const user = 503
	st := MustOpen(t, Options{})
	b := peer(t, st)
	if _, err := handle(t, st, 1, user, false, investbot.JA); err != nil {
		t.Fatal(err)
	}
	sctx, sp := investbot.WithSpeculation(ctx)
	if g, _ := st.Begin(sctx, 2, user); !g.Speculative {
		t.Fatal("not speculative")
	}
	if err := investbot.Claim(sctx); err != nil {
		t.Fatalf("claim: %v", err)
	}
	if _, active := sp.Active(); active {
		t.Error("still speculative after the claim")
	}
	if g, _ := b.Begin(ctx, 2, user); !g.InProgress {
		t.Errorf("redelivery during the claimed handling: %+v, want in progress", g)
	}
	// A claimed update commits the normal way.
	if err := st.Commit(sctx, &investbot.Commit{UpdateID: 2, UserID: user, Speculation: sp}); err != nil {
		t.Fatal(err)
	}

	if _, err := handle(t, b, 3, user, false, investbot.VI); err != nil {
		t.Fatal(err)
	}
	sctx, sp = investbot.WithSpeculation(ctx)
	if g, _ := st.Begin(sctx, 4, user); !g.Speculative || g.Session.Lang != investbot.JA {
		t.Fatalf("gate %+v: want speculative from the stale copy (ja)", g)
	}
	if err := investbot.Claim(sctx); !errors.Is(err, investbot.ErrSpeculationLost) {
		t.Fatalf("claim after the session changed: %v, want lost", err)
	}
	g, err := sp.Restart()
	if err != nil || g.Speculative || g.Session.Lang != investbot.VI {
		t.Errorf("restart gate %+v, %v: want the session from Redis (vi)", g, err)
	}
}

// TestNoSpeculation: with the option set (as on Cluster, TestContractOnCluster),
// Begin always makes its round trip.
func TestNoSpeculation(t *testing.T) {
	st := MustOpen(t, Options{NoSpeculation: true})
	for u := int64(1); u <= 2; u++ {
		if g, err := handle(t, st, u, 504, true, investbot.JA); err != nil || g.Speculative {
			t.Fatalf("update %d: gate %+v, %v: want not speculative", u, g, err)
		}
	}
}

// TestFreshStart: a /start of a user the replica has no copy of is
// assumed to be a new user's: one round trip when it is, and refused
// (then handled from Begin) when the user has a session after all.
func TestFreshStart(t *testing.T) {
	ctx := context.Background()
	st := MustOpen(t, Options{})
	b := peer(t, st)
	begin := func(update, user int64) (investbot.Gate, *investbot.Speculation, context.Context) {
		sctx, sp := investbot.WithSpeculation(ctx)
		sp.AssumeFresh()
		g, err := st.Begin(sctx, update, user)
		if err != nil {
			t.Fatal(err)
		}
		return g, sp, sctx
	}
	rt := &roundTrips{}
	st.client.AddHook(rt)
	if err := commitScript.Load(ctx, st.client).Err(); err != nil {
		t.Fatal(err)
	}
	rt.n.Store(0)
	g, sp, sctx := begin(1, 601)
	if !g.Speculative || g.Session.Lang != "" {
		t.Fatalf("gate %+v: want speculative with a fresh session", g)
	}
	s := g.Session
	s.Lang = investbot.JA
	if err := st.Commit(sctx, &investbot.Commit{UpdateID: 1, UserID: 601, Session: &s, Speculation: sp}); err != nil {
		t.Fatal(err)
	}
	if n := rt.n.Load(); n != 1 {
		t.Errorf("a new user's /start made %d round trips, want 1", n)
	}
	if got := mustLoad(t, st, 601); got.Lang != investbot.JA {
		t.Errorf("session language %q, want ja", got.Lang)
	}

	// A user another replica knows.
	if _, err := handle(t, b, 1, 602, false, investbot.VI); err != nil {
		t.Fatal(err)
	}
	g, sp, sctx = begin(2, 602)
	if !g.Speculative {
		t.Fatalf("gate %+v: want speculative", g)
	}
	err := st.Commit(sctx, &investbot.Commit{UpdateID: 2, UserID: 602, Speculation: sp})
	if !errors.Is(err, investbot.ErrSpeculationRefused) {
		t.Fatalf("commit of a known user's /start from no copy: %v, want refused", err)
	}
	if g, err := st.Begin(ctx, 2, 602); err != nil || g.Session.Lang != investbot.VI || g.Duplicate {
		t.Errorf("begin after the refusal: %+v, %v: want admitted with the session (vi)", g, err)
	}
}

// TestSpeculativeCommitCarriesAcks: the sent entries a speculative Commit
// carries (of several shards, more than one XDEL's worth in one) are
// deleted in its one round trip, and also when the update is refused.
func TestSpeculativeCommitCarriesAcks(t *testing.T) {
	ctx := context.Background()
	st := MustOpen(t, Options{})
	if err := commitScript.Load(ctx, st.client).Err(); err != nil {
		t.Fatal(err)
	}
	add := func(shard, n int) []investbot.OutboxEntry {
		var out []investbot.OutboxEntry
		for i := range n {
			id, err := st.client.XAdd(ctx, &redis.XAddArgs{Stream: st.outboxKey(shard, "q"), Values: []any{"c", 1, "u", i, "p", "x"}}).Result()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, investbot.OutboxEntry{Shard: shard, ID: id})
		}
		return out
	}
	left := func(shard int) int64 {
		n, err := st.client.XLen(ctx, st.outboxKey(shard, "q")).Result()
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	const user = 601
	if _, err := handle(t, st, 100, user, true, investbot.JA); err != nil {
		t.Fatal(err)
	}
	rt := &roundTrips{}
	st.client.AddHook(rt)
	for _, tc := range []struct {
		name    string
		refused bool
	}{{"admitted", false}, {"refused", true}} {
		t.Run(tc.name, func(t *testing.T) {
			update := int64(1)
			if tc.refused {
				update = 2
				// Answered elsewhere: the speculative Commit is refused.
				if err := st.client.Set(ctx, st.userKey(user, "d:2"), "d", time.Minute).Err(); err != nil {
					t.Fatal(err)
				}
			}
			acks := append(add(5, maxAckGroup+3), add(6, 2)...)
			sctx, sp := investbot.WithSpeculation(ctx)
			if g, err := st.Begin(sctx, update, user); err != nil || !g.Speculative {
				t.Fatalf("begin: %+v, %v: want speculative", g, err)
			}
			if err := st.client.Del(ctx, st.outboxKey(3, "q")).Err(); err != nil {
				t.Fatal(err)
			}
			rt.n.Store(0)
			c := &investbot.Commit{UpdateID: update, UserID: user, Speculation: sp, Acks: acks,
				Entries: []investbot.OutboxEntry{{Shard: 3, ChatID: user, UpdateID: update, Payload: []byte("r"), Expires: time.Now().Add(time.Hour)}}}
			err := st.Commit(sctx, c)
			if tc.refused != errors.Is(err, investbot.ErrSpeculationRefused) {
				t.Fatalf("commit: %v (refusal expected: %v)", err, tc.refused)
			}
			if !tc.refused && err != nil {
				t.Fatal(err)
			}
			if n := rt.n.Load(); n != 1 {
				t.Errorf("%d round trips, want 1", n)
			}
			if n5, n6 := left(5), left(6); n5+n6 != 0 {
				t.Errorf("sent entries left: %d in shard 5, %d in shard 6", n5, n6)
			}
			if n, want := left(3), map[bool]int64{false: 1, true: 0}[tc.refused]; n != want {
				t.Errorf("%d replies written, want %d", n, want)
			}
		})
	}
}
