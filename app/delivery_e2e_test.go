package app_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

// These tests fail the Bot API on command (tgtest.Fake: 500s, 429 with a
// retry_after, a hang) and crash a replica with updates in flight, against
// the real App and Redis, and count what every chat really received:
// nothing lost, nothing twice.

// shiftClock is the real clock moved forward by Advance, so that a
// 90-second retry_after is honoured without waiting 90 seconds.
type shiftClock struct {
	mu     sync.Mutex
	off    time.Duration
	timers []shiftTimer
}

type shiftTimer struct {
	at time.Time
	ch chan time.Time
}

func newShiftClock(t *testing.T) *shiftClock {
	c := &shiftClock{}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				c.fire()
			}
		}
	}()
	return c
}

func (c *shiftClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *shiftClock) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.mu.Lock()
	c.timers = append(c.timers, shiftTimer{at: time.Now().Add(c.off + d), ch: ch})
	c.mu.Unlock()
	return ch
}

func (c *shiftClock) fire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now().Add(c.off)
	keep := c.timers[:0]
	for _, tm := range c.timers {
		if now.Before(tm.at) {
			keep = append(keep, tm)
			continue
		}
		tm.ch <- now
	}
	c.timers = keep
}

// Advance moves the clock forward.
func (c *shiftClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.off += d
	c.mu.Unlock()
}

// Latest is the furthest time anything waits for.
func (c *shiftClock) Latest() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	var last time.Time
	for _, tm := range c.timers {
		if tm.at.After(last) {
			last = tm.at
		}
	}
	return last
}

// killable is an HTTP transport that can die with the process it belongs
// to: every call in progress is cut, and no call goes out after.
type killable struct {
	dead    atomic.Bool
	mu      sync.Mutex
	cancels map[*http.Request]context.CancelFunc
}

func (k *killable) RoundTrip(req *http.Request) (*http.Response, error) {
	if k.dead.Load() {
		return nil, errors.New("process killed")
	}
	ctx, cancel := context.WithCancel(req.Context())
	k.mu.Lock()
	if k.cancels == nil {
		k.cancels = map[*http.Request]context.CancelFunc{}
	}
	k.cancels[req] = cancel
	k.mu.Unlock()
	defer func() {
		k.mu.Lock()
		delete(k.cancels, req)
		k.mu.Unlock()
	}()
	return http.DefaultTransport.RoundTrip(req.WithContext(ctx))
}

func (k *killable) kill() {
	k.dead.Store(true)
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, cancel := range k.cancels {
		cancel()
	}
}

// faultyApp starts a webhook replica with short outbox timings: per-call
// limit 200 ms (callTimeout), retries from 20 ms to 200 ms, shard leases
// of 1 s, update leases of 2 s.
func faultyApp(t *testing.T, front *tgtest.Fake, prefix string, clock bot.Clock, tr http.RoundTripper, callTimeout time.Duration) *running {
	env := webhookEnv(front)
	env["UPDATE_LOCK_TTL"] = "2s"
	opts := app.Options{RedisPrefix: prefix, Bot: func(c *bot.Config) {
		c.CallTimeout = callTimeout
		c.Retry = bot.Retry{Base: 20 * time.Millisecond, Max: 200 * time.Millisecond}
		c.ShardLease = time.Second
		c.OutboxPoll = 20 * time.Millisecond
		c.ShutdownGrace = 200 * time.Millisecond
		if clock != nil {
			c.Clock = clock
		}
	}}
	if tr != nil {
		opts.HTTPClient = &http.Client{Transport: tr}
	}
	return startApp(t, env, opts)
}

// outboxLen counts the replies waiting in the outbox under prefix.
func outboxLen(t *testing.T, prefix string) int64 {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: redisAddr()})
	defer c.Close()
	ctx := context.Background()
	var n int64
	iter := c.Scan(ctx, 0, prefix+"{ob:*}:q", 100).Iterator()
	for iter.Next(ctx) {
		l, err := c.XLen(ctx, iter.Val()).Result()
		if err != nil {
			t.Fatalf("XLEN %s: %v", iter.Val(), err)
		}
		n += l
	}
	return n
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", wait, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func withStatus(front *tgtest.Fake, method string, status int) int {
	n := 0
	for _, c := range front.Calls(method) {
		if c.Status == status {
			n++
		}
	}
	return n
}

// checkDelivered waits until every chat has received a message and the
// outbox is empty (nothing more can be sent), then checks that no chat
// received the same message twice. It returns when each chat's first
// message arrived.
func checkDelivered(t *testing.T, front *tgtest.Fake, prefix string, chats []int64) map[int64]time.Time {
	t.Helper()
	first := func() map[int64]time.Time {
		out := map[int64]time.Time{}
		for _, c := range front.Delivered("sendMessage") {
			id, _ := strconv.ParseInt(c.Params.Get("chat_id"), 10, 64)
			if _, ok := out[id]; !ok {
				out[id] = c.Time
			}
		}
		return out
	}
	waitUntil(t, "every reply delivered and the outbox empty", func() bool {
		got := first()
		for _, c := range chats {
			if _, ok := got[c]; !ok {
				return false
			}
		}
		return outboxLen(t, prefix) == 0
	})
	seen := map[string]int{}
	for _, c := range front.Delivered("sendMessage") {
		seen[c.Params.Get("chat_id")+"\x00"+c.Params.Get("text")]++
	}
	for k, n := range seen {
		if n > 1 {
			chat, text, _ := strings.Cut(k, "\x00")
			t.Errorf("chat %s received %d times: %.60q", chat, n, text)
		}
	}
	return first()
}

func users(base int64, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = base + int64(i)
	}
	return out
}

// Every webhook is acknowledged while the Bot API fails; every reply is
// delivered once when it recovers: 500s for a while, 429 with a
// retry_after of 90 s (honoured on a shifted clock), a hang far longer
// than the per-call limit (130 s).
func TestDeliveryThroughBotAPIFailures(t *testing.T) {
	tests := []struct {
		name  string
		users int64
		fail  func(f *tgtest.Fake)
		// failed reports the failed attempts seen so far.
		failed func(f *tgtest.Fake) int
		// recover ends the failure (and checks how the retry was
		// scheduled).
		recover func(t *testing.T, f *tgtest.Fake, c *shiftClock, start time.Time)
	}{
		{
			name: "500 for a while", users: 20,
			fail:   func(f *tgtest.Fake) { f.FailWith(tgtest.ServerError()) },
			failed: func(f *tgtest.Fake) int { return withStatus(f, "sendMessage", 500) },
			recover: func(t *testing.T, f *tgtest.Fake, _ *shiftClock, _ time.Time) {
				f.Heal()
			},
		},
		{
			name: "429 retry_after 90", users: 20,
			fail:   func(f *tgtest.Fake) { f.FailWith(tgtest.TooManyRequests(90)) },
			failed: func(f *tgtest.Fake) int { return withStatus(f, "sendMessage", 429) },
			recover: func(t *testing.T, f *tgtest.Fake, c *shiftClock, start time.Time) {
				f.Heal()
				// The retry waits the whole 90 s, not a capped minute, and
				// nothing went out before it.
				if at := c.Latest(); at.Sub(start) < 89*time.Second {
					t.Errorf("retry scheduled %s after the 429, want 90 s", at.Sub(start))
				}
				if n := len(f.Delivered("sendMessage")); n != 0 {
					t.Errorf("%d replies sent before retry_after passed", n)
				}
				c.Advance(90 * time.Second)
			},
		},
		{
			name: "hang 130 s", users: 10,
			fail:   func(f *tgtest.Fake) { f.Hang() },
			failed: func(f *tgtest.Fake) int { return withStatus(f, "sendMessage", 0) },
			recover: func(t *testing.T, f *tgtest.Fake, c *shiftClock, _ time.Time) {
				c.Advance(130 * time.Second)
				f.Heal()
			},
		},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front := tgtest.NewFake(t)
			prefix := uniquePrefix(t)
			clock := newShiftClock(t)
			r := faultyApp(t, front, prefix, clock, nil, 200*time.Millisecond)
			chats := users(int64(60_000+1000*i), int(tt.users))
			tt.fail(front)
			start := clock.Now()
			for _, u := range chats {
				if code := postWebhook(t, r, webhookSecret, textUpdate(nextUpdateID(), u, "en", "Which laws give CIT incentives in economic zones?")); code != http.StatusOK {
					t.Fatalf("webhook answered %d while the Bot API failed; the reply is in the outbox, so 200", code)
				}
			}
			// Every chat's reply was tried and failed.
			waitUntil(t, "a failed attempt for every chat", func() bool { return tt.failed(front) >= len(chats) })
			tt.recover(t, front, clock, start)
			checkDelivered(t, front, prefix, chats)
		})
	}
}

// A replica dies with 20 updates in flight: 10 acknowledged, their replies
// in the outbox and being sent (the Bot API hangs), and 10 button presses
// in the middle of their handling. It dies without any cleanup: its Redis
// connections and its calls cut at once, its webhook connections dropped.
// The restarted replica sends each reply exactly once, within 30 s of the
// restart (here within the 1-s shard lease and 2-s update lease), and an
// update redelivered after its reply was written is not handled again.
func TestDeliveryAfterAReplicaDiesMidUpdate(t *testing.T) {
	front := tgtest.NewFake(t)
	prefix := uniquePrefix(t)
	tr := &killable{}
	// Calls hang until the crash: a minute per call.
	dying := faultyApp(t, front, prefix, nil, tr, time.Minute)
	front.Hang()

	texts := users(70_000, 10)
	presses := users(70_100, 10)
	updates := map[int64]string{}
	for _, u := range texts {
		updates[u] = textUpdate(nextUpdateID(), u, "en", "Which laws give CIT incentives in economic zones?")
		if code := postWebhook(t, dying, webhookSecret, updates[u]); code != http.StatusOK {
			t.Fatalf("webhook: %d", code)
		}
	}
	inFlight, dropConnections := context.WithCancel(context.Background())
	var posts sync.WaitGroup
	for _, u := range presses {
		id := nextUpdateID()
		body := fmt.Sprintf(`{"update_id":%d,"callback_query":{"id":"cb%d","from":{"id":%d,"is_bot":false,"first_name":"U","language_code":"en"},"message":{"message_id":7,"date":%d,"chat":{"id":%d,"type":"private"},"from":{"id":777,"is_bot":true,"first_name":"Invest"},"text":"menu"},"chat_instance":"ci","data":"m"}}`,
			id, id, u, time.Now().Unix(), u)
		updates[u] = body
		posts.Go(func() { postCtx(inFlight, dying, body) })
	}
	// 10 replies being sent and 10 callback answers, all hanging.
	waitUntil(t, "20 calls in flight", func() bool { return front.Hanging() >= 20 })

	// The crash: Redis first, then every call and connection.
	dying.app.Close()
	tr.kill()
	dropConnections()
	posts.Wait()
	front.Heal()

	restart := time.Now()
	next := faultyApp(t, front, prefix, nil, nil, 200*time.Millisecond)
	// Telegram delivers again what was not acknowledged; the acknowledged
	// ones are delivered again too, to show they are not handled twice.
	for _, u := range append(append([]int64{}, texts...), presses...) {
		waitUntil(t, "the redelivery acknowledged", func() bool {
			return postWebhook(t, next, webhookSecret, updates[u]) == http.StatusOK
		})
	}
	first := checkDelivered(t, front, prefix, append(append([]int64{}, texts...), presses...))
	for chat, at := range first {
		if d := at.Sub(restart); d > 30*time.Second {
			t.Errorf("chat %d answered %s after the restart, want within 30 s", chat, d)
		}
	}
	for _, u := range texts {
		n := 0
		for _, c := range front.Delivered("sendMessage") {
			if c.Params.Get("chat_id") == strconv.FormatInt(u, 10) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("chat %d: %d replies to one question", u, n)
		}
	}
}

// postCtx posts body to r's webhook until ctx ends (a connection Telegram
// holds open, then drops).
func postCtx(ctx context.Context, r *running, body string) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+r.app.Addr().String()+"/telegram/webhook", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
}
