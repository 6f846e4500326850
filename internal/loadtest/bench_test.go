package loadtest

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/config"
)

// benchRedis is the shared Redis the benchmarks use, with a key prefix of
// their own that is deleted afterwards.
const benchRedis = "redis://127.0.0.1:6379/9"

// MustBenchApp starts an in-process App in webhook mode against a sink and
// the local Redis, and returns it with a poster aimed at its webhook.
func MustBenchApp(b *testing.B) (*app.App, *Poster) {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tr := NewTracker()
	sink, err := StartSink(tr)
	if err != nil {
		b.Fatal(err)
	}
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN":    Token("bench"),
		"TELEGRAM_API_ENDPOINT": sink.URL,
		"WEBHOOK_URL":           "https://bot.example.org" + WebhookPath,
		"WEBHOOK_SECRET":        "bench_webhook_secret_0123456789",
		"LISTEN_ADDR":           "127.0.0.1:0",
		"REDIS_URL":             benchRedis,
	}
	cfg, err := config.Parse(func(k string) string { return env[k] })
	if err != nil {
		b.Fatal(err)
	}
	opt, _ := redis.ParseURL(benchRedis)
	rc := redis.NewClient(opt)
	if err := rc.Ping(ctx).Err(); err != nil {
		b.Skipf("no Redis at %s: %v", benchRedis, err)
	}
	prefix := fmt.Sprintf("ibbench%d:", time.Now().UnixNano())
	limits := bot.DefaultLimits()
	limits.Global = 1_000_000
	a, err := app.New(ctx, cfg, slog.New(slog.DiscardHandler), app.Options{RedisPrefix: prefix, Limits: &limits})
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	for a.Addr() == nil {
		time.Sleep(5 * time.Millisecond)
	}
	b.Cleanup(func() {
		cancel()
		<-done
		a.Close()
		sink.Close()
		bg := context.Background()
		var keys []string
		iter := rc.Scan(bg, 0, prefix+"*", 1000).Iterator()
		for iter.Next(bg) {
			if keys = append(keys, iter.Val()); len(keys) == 1000 {
				rc.Unlink(bg, keys...)
				keys = keys[:0]
			}
		}
		if len(keys) > 0 {
			rc.Unlink(bg, keys...)
		}
		rc.Close()
	})
	p := NewPoster([]string{"http://" + a.Addr().String()}, env["WEBHOOK_SECRET"], tr, 8)
	p.AwaitReply = 10 * time.Second // replies may follow the acknowledgement (outbox)
	return a, p
}

// BenchmarkWebhookHandle posts realistic updates (mixed languages,
// commands, buttons, follow-ups; 20,000 users) to an in-process App over
// loopback HTTP: decode, Redis Begin, route, answer, Save, send to the
// sink, 200. Profile with -cpuprofile.
func BenchmarkWebhookHandle(b *testing.B) {
	_, p := MustBenchApp(b)
	ids := NewIDs()
	var user atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		convs := map[int64]*Conversation{}
		for pb.Next() {
			u := loadBench + user.Add(1)%20000
			c := convs[u]
			if c == nil {
				c = NewConversation(u)
				convs[u] = c
			}
			if st := p.Deliver(context.Background(), c.Next(ids)); st != 200 {
				b.Fatalf("status %d", st)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
	res, _ := p.Result()
	if res.Lost+res.Duplicated > 0 {
		b.Errorf("lost %d, duplicated %d", res.Lost, res.Duplicated)
	}
}

const loadBench = 8_300_000_000

// BenchmarkRouterHandle is the same traffic straight into the handlers
// (Redis Begin, route, answer, Save) without HTTP, decoding or sending, to
// tell the bot's own cost from the transport's.
func BenchmarkRouterHandle(b *testing.B) {
	a, _ := MustBenchApp(b)
	r := a.Router()
	texts := append(append(append(append([]string{}, Questions["en"]...), Questions["vi"]...), Questions["ja"]...), Questions["ko"]...)
	ids := NewIDs()
	var n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			req := investbot.Request{UpdateID: ids.Next(), UserID: loadBench + i%20000, ChatID: loadBench + i%20000, Text: texts[int(i)%len(texts)]}
			if _, err := r.Handle(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}
