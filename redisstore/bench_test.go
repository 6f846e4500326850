package redisstore

import (
	"context"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

// roundTrips counts the requests a client sends: one per command, one per
// pipeline.
type roundTrips struct{ n atomic.Int64 }

func (h *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmd)
	}
}

func (h *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmds)
	}
}

// BenchmarkBeginSave handles one message as the bot does: Begin, then Save
// of the updated session. It reports Redis round trips per message and the
// stored size of a typical session.
func BenchmarkBeginSave(b *testing.B) {
	ctx := context.Background()
	st := MustOpen(b, Options{Admission: investbot.Admission{FloodLimit: -1}})
	rt := &roundTrips{}
	st.client.AddHook(rt)
	const users = 1000
	base := int64(7_000_000_000)
	// Warm the script cache so the first EVALSHA miss is not counted.
	if _, err := st.Begin(ctx, -1, base); err != nil {
		b.Fatal(err)
	}
	rt.n.Store(0)
	b.ResetTimer()
	for i := range b.N {
		u := base + int64(i%users)
		g, err := st.Begin(ctx, int64(i), u)
		if err != nil {
			b.Fatal(err)
		}
		s := g.Session
		s.Lang, s.LastEntry, s.LastAt = investbot.JA, "zone.nghi-son-ez", time.Now()
		if err := st.Save(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(rt.n.Load())/float64(b.N), "roundtrips/op")
	n, err := st.client.StrLen(ctx, st.userKey(base, "s")).Result()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n), "B/session")
	if mem, err := st.client.MemoryUsage(ctx, st.userKey(base, "s")).Result(); err == nil {
		b.ReportMetric(float64(mem), "B/session-key")
	}
}

// BenchmarkStoredSessions measures Redis memory for 100,000 typical sessions
// (INFO used_memory before and after, divided by 100,000) on a private
// redis-server, so that other tests' keys do not disturb the figure. Run it
// with -benchtime=1x.
func BenchmarkStoredSessions(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	srv := MustStartServer(b, "--save", "", "--appendonly", "no")
	// Pipelines of 1000 writes need more than the 500 ms meant for one message.
	st, err := Open(ctx, srv.url(), Options{ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var perSession, perMarker float64
	for range b.N {
		before := usedMemory(b, st.client)
		for start := 0; start < n; start += 1000 {
			_, err := st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
				for i := start; i < start+1000; i++ {
					s := TypicalSession(7_000_000_000 + int64(i))
					v, err := encodeSession(s)
					if err != nil {
						return err
					}
					p.Set(ctx, st.userKey(s.UserID, "s"), v, st.opts.IdleTTL)
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		after := usedMemory(b, st.client)
		perSession = float64(after-before) / n
		// Update-seen markers live DedupTTL (24 h) per message.
		for start := 0; start < n; start += 1000 {
			_, err := st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
				for i := start; i < start+1000; i++ {
					p.Set(ctx, st.userKey(7_000_000_000+int64(i%5000), "d:"+strconv.Itoa(900_000_000+i)), "1", st.opts.DedupTTL)
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		perMarker = float64(usedMemory(b, st.client)-after) / n
		b.StopTimer()
		if err := st.client.FlushAll(ctx).Err(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(perSession, "B/stored-session")
	b.ReportMetric(perSession*n/(1<<20), "MiB/100k-sessions")
	b.ReportMetric(perMarker, "B/dedup-marker")
}

func usedMemory(tb testing.TB, c redis.UniversalClient) int64 {
	tb.Helper()
	info, err := c.Info(context.Background(), "memory").Result()
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "used_memory:"); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				tb.Fatal(err)
			}
			return n
		}
	}
	tb.Fatal("INFO memory has no used_memory")
	return 0
}

// BenchmarkUpdate handles one message as the bot does with the outbox:
// Begin under a speculation, then Commit of one reply and the changed
// session. It reports Redis round trips per message: 2 for a user this
// replica has not seen (Begin, Commit), 1 for a returning one (Commit
// admits the update; speculate.go).
func BenchmarkUpdate(b *testing.B) {
	for _, bc := range []struct {
		name  string
		users int
	}{{"new-users", 0}, {"returning-users", 1000}} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			st := MustOpen(b, Options{Admission: investbot.Admission{FloodLimit: -1}})
			rt := &roundTrips{}
			st.client.AddHook(rt)
			base := int64(7_000_000_000)
			user := func(i int) int64 {
				if bc.users == 0 {
					return base + int64(i) + 1
				}
				return base + int64(i%bc.users)
			}
			one := func(i int) {
				sctx, spec := investbot.WithSpeculation(ctx)
				u := user(i)
				g, err := st.Begin(sctx, int64(i)+1, u)
				if err != nil {
					b.Fatal(err)
				}
				s := g.Session
				s.Lang, s.LastEntry, s.LastAt = investbot.JA, "zone.nghi-son-ez", time.UnixMilli(int64(i))
				c := &investbot.Commit{UpdateID: int64(i) + 1, UserID: u, Session: &s, Speculation: spec,
					Entries: []investbot.OutboxEntry{{Shard: int(u % investbot.OutboxShards), ChatID: u, UpdateID: int64(i) + 1, Payload: []byte(`{"text":"answer"}`), Expires: time.Now().Add(time.Hour)}}}
				if err := st.Commit(sctx, c); err != nil {
					b.Fatal(err)
				}
			}
			// Warm the script cache (and, for returning users, the
			// session cache) so that the first runs are not counted.
			for i := -max(bc.users, 1); i < 0; i++ {
				one(i + 1_000_000_000)
			}
			rt.n.Store(0)
			b.ResetTimer()
			for i := range b.N {
				one(i)
			}
			b.StopTimer()
			b.ReportMetric(float64(rt.n.Load())/float64(b.N), "roundtrips/op")
		})
	}
}
