package app_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

const webhookSecret = "e2e_webhook_secret_0123456789"

func webhookEnv(front *tgtest.Fake) map[string]string {
	return map[string]string{
		"TELEGRAM_API_ENDPOINT": front.URL,
		"WEBHOOK_URL":           "https://bot.example.org/telegram/webhook",
		"WEBHOOK_SECRET":        webhookSecret,
	}
}

var updateSeq struct {
	sync.Mutex
	n int64
}

func nextUpdateID() int64 {
	updateSeq.Lock()
	defer updateSeq.Unlock()
	updateSeq.n++
	return time.Now().UnixNano()/1000%1_000_000_000 + updateSeq.n
}

// textUpdate is a private message update.
func textUpdate(id, user int64, lang, text string) string {
	return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":%d,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"U","language_code":%q},"text":%q}}`,
		id, id%100000, time.Now().Unix(), user, user, lang, text)
}

func postWebhook(t *testing.T, r *running, secret, body string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+r.app.Addr().String()+"/telegram/webhook", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("webhook: %v", err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// sentTo returns the texts sent to chat, in order.
func sentTo(front *tgtest.Fake, chat int64) []string {
	var out []string
	for _, c := range front.Calls("sendMessage") {
		if c.Params.Get("chat_id") == strconv.FormatInt(chat, 10) {
			out = append(out, c.Params.Get("text"))
		}
	}
	return out
}

func waitSent(t *testing.T, front *tgtest.Fake, chat int64, n int) []string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		got := sentTo(front, chat)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited for %d messages to %d, got %q", n, chat, got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Two replicas in webhook mode share one Redis: a user whose messages
// alternate between them keeps their context, a redelivered update is
// answered once, and requests without the secret are refused.
func TestEndToEndWebhookReplicas(t *testing.T) {
	front := tgtest.NewFake(t)
	prefix := uniquePrefix(t)
	a := startApp(t, webhookEnv(front), app.Options{RedisPrefix: prefix})
	b := startApp(t, webhookEnv(front), app.Options{RedisPrefix: prefix})

	const user = 4001
	// The language is chosen on replica A...
	if code := postWebhook(t, a, webhookSecret, textUpdate(nextUpdateID(), user, "en", "/language ja")); code != 200 {
		t.Fatalf("webhook status %d", code)
	}
	waitSent(t, front, user, 1)
	// ...and replica B answers in it (a bare name has no language of its
	// own to override the choice).
	postWebhook(t, b, webhookSecret, textUpdate(nextUpdateID(), user, "en", "WHA Smart Technology phase 1"))
	got := waitSent(t, front, user, 2)
	if !strings.Contains(got[1], "178") || !strings.Contains(got[1], "工業団地") {
		t.Errorf("replica B did not use the language chosen on A: %q", got[1])
	}
	// A follow-up on replica A refers to the zone answered by B.
	postWebhook(t, a, webhookSecret, textUpdate(nextUpdateID(), user, "en", "それはどこ？"))
	got = waitSent(t, front, user, 3)
	if !strings.Contains(got[2], "Phú Quý") {
		t.Errorf("follow-up on replica A lost the context from B: %q", got[2])
	}

	// The same update delivered to both replicas at once is answered once.
	dup := textUpdate(nextUpdateID(), 4002, "en", "Which laws give CIT incentives in economic zones?")
	var wg sync.WaitGroup
	for _, r := range []*running{a, b, a, b} {
		wg.Add(1)
		go func(r *running) { defer wg.Done(); postWebhook(t, r, webhookSecret, dup) }(r)
	}
	wg.Wait()
	// A marker from the same user: once it is answered, a second answer
	// to the duplicate would have been sent before it.
	postWebhook(t, b, webhookSecret, textUpdate(nextUpdateID(), 4002, "en", "How big is WHA Smart Technology phase 1?"))
	got = waitMarker(t, front, 4002, "178")
	if len(got) != 2 {
		t.Errorf("a duplicated update was answered %d times: %q", len(got)-1, got)
	}

	// No secret, or a wrong one: refused, nothing sent.
	for _, secret := range []string{"", "wrong_secret_wrong_secret"} {
		if code := postWebhook(t, a, secret, textUpdate(nextUpdateID(), 4003, "en", "hello")); code != http.StatusUnauthorized && code != http.StatusForbidden {
			t.Errorf("secret %q: status %d, want 401 or 403", secret, code)
		}
	}
	// A marker with the secret: once it is answered, an answer to the
	// refused updates would have been sent before it.
	postWebhook(t, a, webhookSecret, textUpdate(nextUpdateID(), 4003, "en", "How big is WHA Smart Technology phase 1?"))
	if got := waitMarker(t, front, 4003, "178"); len(got) != 1 {
		t.Errorf("an update without the secret was answered: %q", got)
	}
}

// waitMarker waits for a message to chat containing marker and returns the
// messages sent to chat up to and including it.
func waitMarker(t *testing.T, front *tgtest.Fake, chat int64, marker string) []string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		got := sentTo(front, chat)
		for i, m := range got {
			if strings.Contains(m, marker) {
				return got[:i+1]
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited for a message with %q to %d, got %q", marker, chat, got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// startRedis runs a redis-server of the test's own on port (0: a free one).
func startRedis(t *testing.T, port int) (int, func()) {
	t.Helper()
	if port == 0 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatalf("redis-server not found: run scripts/redis-for-tests.sh (it installs it)")
	}
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("redis-server did not start: %s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	kill := func() {
		cmd.Process.Signal(os.Kill)
		cmd.Wait()
	}
	t.Cleanup(kill)
	return port, kill
}

func readyStatus(t *testing.T, r *running) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+r.app.Addr().String()+"/readyz", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("readyz: %v", err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Redis stops and comes back under a running bot: knowledge questions are
// answered throughout, saving a lead says plainly that it cannot be saved,
// and full behaviour returns by itself.
func TestEndToEndRedisOutage(t *testing.T) {
	front := tgtest.NewFake(t)
	port, kill := startRedis(t, 0)
	r := startApp(t, map[string]string{
		"TELEGRAM_API_ENDPOINT": front.URL,
		"REDIS_URL":             fmt.Sprintf("redis://127.0.0.1:%d/0", port),
	}, app.Options{})
	const user = 5001
	send := func(text string) { front.AddUpdate(t, textUpdate(0, user, "en", text)) }
	callback := func(data string) {
		front.AddUpdate(t, fmt.Sprintf(`{"callback_query":{"id":"cb%d","from":{"id":%d,"is_bot":false,"first_name":"U"},"message":{"message_id":1,"date":1,"chat":{"id":%d,"type":"private"},"text":"x"},"data":%q}}`,
			time.Now().UnixNano(), user, user, data))
	}

	send("How big is WHA Smart Technology phase 1?")
	if got := waitSent(t, front, user, 1); !strings.Contains(got[0], "178") {
		t.Fatalf("before the outage: %q", got[0])
	}
	if code := readyStatus(t, r); code != 200 {
		t.Errorf("readyz before the outage = %d", code)
	}

	kill()
	send("What is the standard corporate income tax rate?")
	if got := waitSent(t, front, user, 2); !strings.Contains(got[1], "20%") {
		t.Errorf("during the outage a knowledge question must still be answered: %q", got[1])
	}
	callback("lead:yes")
	if got := waitSent(t, front, user, 3); !strings.Contains(got[2], "nothing was stored") {
		t.Errorf("during the outage saving must say it failed: %q", got[2])
	}
	if code := readyStatus(t, r); code != http.StatusServiceUnavailable {
		t.Errorf("readyz during the outage = %d, want 503", code)
	}

	startRedis(t, port)
	// The store reconnects by itself: the lead form works again.
	deadline := time.Now().Add(wait)
	for readyStatus(t, r) != 200 {
		if time.Now().After(deadline) {
			t.Fatal("readyz did not recover")
		}
		time.Sleep(100 * time.Millisecond)
	}
	callback("lead:yes")
	if got := waitSent(t, front, user, 4); !strings.Contains(got[3], "name") {
		t.Errorf("after recovery the lead form must start: %q", got[3])
	}
	send("Taro Yamada")
	if got := waitSent(t, front, user, 5); !strings.Contains(got[4], "company") {
		t.Errorf("after recovery the form keeps its state in Redis: %q", got[4])
	}
}

// Telegram's overall limit is per bot: two replicas share it through a
// Redis heartbeat, so together they never send more than the limit in any
// second.
func TestEndToEndReplicasShareTheGlobalLimit(t *testing.T) {
	front := tgtest.NewFake(t)
	prefix := uniquePrefix(t)
	limits := fastLimits()
	// A limit small enough to reach quickly: each replica paces at half of
	// 90% of it, so at most 18 of 20 can fall in one second.
	limits.Global = 20
	a := startApp(t, webhookEnv(front), app.Options{RedisPrefix: prefix, Limits: limits})
	b := startApp(t, webhookEnv(front), app.Options{RedisPrefix: prefix, Limits: limits})
	// Both have seen each other's heartbeat: each logs the change of the
	// replica count when its beat sees the other (the first beat of B, the
	// next one of A, at most two seconds later).
	a.log.waitFor(t, wait, "replicas sharing the outbound limit", "replicas=2")
	b.log.waitFor(t, wait, "replicas sharing the outbound limit", "replicas=2")

	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		r := a
		if i%2 == 1 {
			r = b
		}
		wg.Add(1)
		go func(r *running, user int64) {
			defer wg.Done()
			postWebhook(t, r, webhookSecret, textUpdate(nextUpdateID(), user, "en", "/help"))
		}(r, int64(10_000+i))
	}
	wg.Wait()
	calls := front.WaitCalls(t, "sendMessage", 40, wait)
	busiest := 0
	for i := range calls {
		n := 0
		for j := range calls {
			if d := calls[j].Time.Sub(calls[i].Time); d >= 0 && d < time.Second {
				n++
			}
		}
		busiest = max(busiest, n)
	}
	if busiest > limits.Global {
		t.Errorf("the two replicas together sent %d messages in one second; the bot's limit is %d", busiest, limits.Global)
	}
	t.Logf("busiest second: %d messages (limit %d)", busiest, limits.Global)
}

// TestEndToEndSpeculativeReplicas: two replicas each hold a copy of the
// user's session and answer from it without Begin (speculation); whatever
// the other replica wrote meanwhile, and however an update is delivered
// to both at once, the user gets one answer per update, in the context of
// the last one.
func TestEndToEndSpeculativeReplicas(t *testing.T) {
	front := tgtest.NewFake(t)
	prefix := uniquePrefix(t)
	a := startApp(t, webhookEnv(front), app.Options{RedisPrefix: prefix})
	b := startApp(t, webhookEnv(front), app.Options{RedisPrefix: prefix})
	const user = 4011
	steps := []struct {
		r    *running
		text string
		want string // in the answer
	}{
		{a, "/start ja", ""},                      // a new user's /start: assumed fresh on A
		{b, "/language ko", ""},                   // B reads the session A wrote, changes it
		{a, "WHA Smart Technology phase 1", "산업"}, // A's copy is stale: refused, answered from B's (Korean)
		{b, "/language ja", ""},                   // B's copy is its own: speculative
		{a, "WHA Smart Technology phase 1", "工業団地"},
	}
	for i, s := range steps {
		if code := postWebhook(t, s.r, webhookSecret, textUpdate(nextUpdateID(), user, "en", s.text)); code != 200 {
			t.Fatalf("step %d: webhook status %d", i+1, code)
		}
		got := waitSent(t, front, user, i+1)
		if !strings.Contains(got[i], s.want) {
			t.Errorf("step %d (%q): answer %q, want %q in it", i+1, s.text, got[i], s.want)
		}
	}
	// Both replicas hold a copy now; the same update delivered to both at
	// once is answered once.
	n := len(sentTo(front, user))
	dup := textUpdate(nextUpdateID(), user, "en", "Which laws give CIT incentives in economic zones?")
	var wg sync.WaitGroup
	for _, r := range []*running{a, b, a, b} {
		wg.Add(1)
		go func(r *running) { defer wg.Done(); postWebhook(t, r, webhookSecret, dup) }(r)
	}
	wg.Wait()
	// A marker from the same user: once it is answered, a second answer
	// to the duplicate would have been sent before it.
	postWebhook(t, b, webhookSecret, textUpdate(nextUpdateID(), user, "en", "How big is WHA Smart Technology phase 1?"))
	var got []string
	marker := 0
	waitUntil(t, "the marker's answer", func() bool {
		got = sentTo(front, user)
		for i := n; i < len(got); i++ {
			if strings.Contains(got[i], "178") {
				marker = i
				return true
			}
		}
		return false
	})
	seen := map[string]bool{}
	for _, m := range got[n:marker] {
		if seen[m] {
			t.Errorf("the duplicated update was answered twice: %q", got[n:])
		}
		seen[m] = true
	}
}
