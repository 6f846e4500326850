package bot

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/internal/tgtest"
	"github.com/thanhhoa/investbot/memstore"
)

// Chats are served in turn: with replies of three updates queued for each
// of ten chats, every chat's first reply goes before anyone's second, and
// each chat's replies keep their order.
func TestChatsServedInTurn(t *testing.T) {
	t.Parallel()
	f := tgtest.NewFake(t)
	b, _ := MustBot(t, f.URL, &recorder{}, func(c *Config) { c.Senders = 1 })
	const chats, rounds = 10, 3
	// Queued before the deliverer starts, as after a burst: chat 1's three
	// updates first, then chat 2's, and so on.
	for c := int64(1); c <= chats; c++ {
		for r := range rounds {
			req := investbot.Request{ChatID: c, UserID: c, Chat: investbot.ChatPrivate}
			calls, err := b.plan(context.Background(), req, investbot.Message{Text: strconv.Itoa(r)})
			if err != nil {
				t.Fatal(err)
			}
			if err := b.commit(context.Background(), c*100+int64(r), c, nil, calls); err != nil {
				t.Fatal(err)
			}
		}
	}
	b.Start(context.Background())
	got := f.WaitCalls(t, "sendMessage", chats*rounds, 10*time.Second)
	next := map[string]int{}
	for i, c := range got {
		chat, text := c.Params.Get("chat_id"), c.Params.Get("text")
		if want := strconv.Itoa(i / chats); text != want {
			t.Errorf("call %d: chat %s's reply %s, want every chat's reply %s first", i, chat, text, want)
		}
		if text != strconv.Itoa(next[chat]) {
			t.Errorf("chat %s got reply %s, want %d: out of order", chat, text, next[chat])
		}
		next[chat]++
	}
}

// The per-call limit applies even inside a longer deadline: a Bot API that
// hangs costs CallTimeout, not the caller's whole deadline.
func TestCallTimeoutAppliesInsideLongerDeadline(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	c := deadlineClient{c: srv.Client(), timeout: 50 * time.Millisecond}
	a := &api{client: c, endpoint: srv.URL + "/bot%s/%s", token: "t"}
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	_, err := a.call(ctx, "sendMessage", nil, nil)
	if !errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
		t.Fatalf("call = %v (caller's context: %v), want the per-call deadline", err, ctx.Err())
	}
	if !isTemporary(err) || permanent(err) {
		t.Errorf("a timed-out call must be retried: %v", err)
	}
}

// A slow update keeps its in-progress lease however long it takes (the
// heartbeat renews it): a redelivery meanwhile is answered 503 and never
// handled a second time, and once the reply is committed a redelivery is
// acknowledged without handling.
func TestHeartbeatKeepsASlowUpdate(t *testing.T) {
	t.Parallel()
	const lease = 150 * time.Millisecond
	f := tgtest.NewFake(t)
	store := memstore.New(memstore.Options{Admission: investbot.Admission{InProgressTTL: lease}})
	entered := make(chan struct{}, 1)
	release := make(chan struct{})
	var handled atomic.Int32
	h := &recorder{fn: func(req investbot.Request) (investbot.Reply, error) {
		g, err := store.Begin(context.Background(), req.UpdateID, req.UserID)
		if err != nil {
			return investbot.Reply{}, err
		}
		switch {
		case g.InProgress:
			return investbot.Reply{RetryLater: true}, nil
		case g.Duplicate:
			return investbot.Reply{}, nil
		}
		handled.Add(1)
		entered <- struct{}{}
		<-release
		return investbot.Reply{Messages: []investbot.Message{{Text: "slow answer"}}}, nil
	}}
	b, _ := MustBot(t, f.URL, h, func(c *Config) {
		c.Outbox, c.UpdateLease = store, lease
		c.WebhookURL, c.WebhookSecret = "https://x.example.org/telegram/webhook", "webhook_secret_0123456789"
	})
	post := func() int {
		req := httptest.NewRequest(http.MethodPost, "/telegram/webhook", strings.NewReader(`{"update_id":91,"message":{"message_id":1,"date":1,"chat":{"id":9,"type":"private"},"from":{"id":9,"first_name":"A"},"text":"hi"}}`))
		req.Header.Set(SecretHeader, "webhook_secret_0123456789")
		w := httptest.NewRecorder()
		b.WebhookHandler().ServeHTTP(w, req)
		return w.Code
	}
	first := make(chan int, 1)
	go func() { first <- post() }()
	<-entered
	// Redelivered for several leases while the first is still handled.
	for end := time.Now().Add(6 * lease); time.Now().Before(end); {
		if code := post(); code != http.StatusServiceUnavailable {
			t.Fatalf("redelivery during a slow handling: %d, want 503", code)
		}
		time.Sleep(lease / 5)
	}
	close(release)
	if code := <-first; code != http.StatusOK {
		t.Fatalf("the slow update: %d", code)
	}
	if code := post(); code != http.StatusOK {
		t.Fatalf("redelivery after the commit: %d", code)
	}
	f.WaitCalls(t, "sendMessage", 1, 5*time.Second)
	if n := handled.Load(); n != 1 {
		t.Errorf("handled %d times", n)
	}
}
