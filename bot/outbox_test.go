package bot

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
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

// The request that committed a reply sends it itself when a worker would
// start on it at once anyway, and leaves it to the workers otherwise: before
// the deliverer runs, while the chat has a reply in hand, or while every
// sender is busy (a turn taken counts against Senders).
func TestCommitterTakesTheTurnOnlyWhenAWorkerWould(t *testing.T) {
	t.Parallel()
	f := tgtest.NewFake(t)
	b, _ := MustBot(t, f.URL, &recorder{}, func(c *Config) { c.Senders = 1 })
	ctx := context.Background()
	commit := func(chat, update int64, text string) *turn {
		t.Helper()
		req := investbot.Request{ChatID: chat, UserID: chat, Chat: investbot.ChatPrivate}
		calls, err := b.plan(ctx, req, investbot.Message{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		tn, err := b.commitTurn(ctx, update, chat, nil, calls, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tn
	}
	if tn := commit(1, 100, "a"); tn != nil {
		t.Fatal("turn taken before the deliverer runs")
	}
	b.Start(ctx)
	f.WaitCalls(t, "sendMessage", 1, 10*time.Second) // a worker sent "a": the deliverer runs
	// ... and wait until that worker put the chat back.
	for deadline := time.Now().Add(10 * time.Second); ; runtime.Gosched() {
		b.deliver.mu.Lock()
		idle := b.deliver.sending == 0 && len(b.deliver.chats) == 0
		b.deliver.mu.Unlock()
		if idle {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the worker never finished chat 1's first reply")
		}
	}
	first := commit(1, 101, "b")
	if first == nil {
		t.Fatal("nothing waiting, a sender free: the committer did not take the turn")
	}
	if tn := commit(1, 102, "c"); tn != nil {
		t.Error("turn taken while the chat's previous reply is in hand")
	}
	if tn := commit(2, 200, "d"); tn != nil {
		t.Error("turn taken while the only sender is busy")
	}
	first.run()
	// run sent "b" before it returned, and nothing went out meanwhile.
	if got := f.Calls("sendMessage"); len(got) < 2 || got[1].Params.Get("text") != "b" {
		t.Fatalf("after the turn: %d calls, want a then b first", len(got))
	}
	got := f.WaitCalls(t, "sendMessage", 4, 10*time.Second)
	var chat1 []string
	for _, c := range got {
		if c.Params.Get("chat_id") == "1" {
			chat1 = append(chat1, c.Params.Get("text"))
		}
	}
	if strings.Join(chat1, ",") != "a,b,c" {
		t.Errorf("chat 1 got %v, want a, b, c in order", chat1)
	}
}

// speculatingOutbox answers Begin speculatively, as redisstore does for a
// user whose session it has cached, and admits the update in Commit:
// refused when it was answered or is in progress.
type speculatingOutbox struct {
	*memstore.Store
	refused atomic.Int32
}

func (s *speculatingOutbox) Begin(ctx context.Context, update, user int64) (investbot.Gate, error) {
	claim := func(ctx context.Context) (investbot.Gate, bool, error) {
		g, err := s.Store.Begin(ctx, update, user)
		return g, true, err
	}
	if investbot.SpeculationFrom(ctx).Start(update, claim) {
		return investbot.Gate{Session: investbot.Session{UserID: user}, Speculative: true}, nil
	}
	return s.Store.Begin(ctx, update, user)
}

func (s *speculatingOutbox) Commit(ctx context.Context, c *investbot.Commit) error {
	if _, ok := c.Speculation.Active(); ok {
		g, err := s.Store.Begin(ctx, c.UpdateID, c.UserID)
		if err != nil {
			return err
		}
		if g.Duplicate || g.InProgress {
			s.refused.Add(1)
			return investbot.ErrSpeculationRefused
		}
	}
	return s.Store.Commit(ctx, c)
}

// A redelivered update handled speculatively is refused at its Commit and
// handled again from Begin, which finds it answered: one reply in all, and
// the callback query of each delivery answered once.
func TestSpeculativeRefusalHandledAgain(t *testing.T) {
	t.Parallel()
	f := tgtest.NewFake(t)
	store := &speculatingOutbox{Store: memstore.New(memstore.Options{})}
	var runs, speculative atomic.Int32
	h := HandlerFunc(func(ctx context.Context, req investbot.Request) (investbot.Reply, error) {
		runs.Add(1)
		g, err := store.Begin(ctx, req.UpdateID, req.UserID)
		if err != nil {
			return investbot.Reply{}, err
		}
		if g.Speculative {
			speculative.Add(1)
		}
		switch {
		case g.InProgress:
			return investbot.Reply{RetryLater: true}, nil
		case g.Duplicate:
			return investbot.Reply{}, nil
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: "menu"}}, CallbackText: "ok"}, nil
	})
	b, _ := MustBot(t, f.URL, h, func(c *Config) {
		c.Outbox = store
		c.WebhookURL, c.WebhookSecret = "https://x.example.org/telegram/webhook", "webhook_secret_0123456789"
	})
	post := func() int {
		req := httptest.NewRequest(http.MethodPost, "/telegram/webhook", strings.NewReader(`{"update_id":92,"callback_query":{"id":"cq1","from":{"id":9,"first_name":"A"},"message":{"message_id":5,"date":1,"chat":{"id":9,"type":"private"}},"data":"m"}}`))
		req.Header.Set(SecretHeader, "webhook_secret_0123456789")
		w := httptest.NewRecorder()
		b.WebhookHandler().ServeHTTP(w, req)
		return w.Code
	}
	for i := range 2 {
		if code := post(); code != http.StatusOK {
			t.Fatalf("delivery %d: %d", i+1, code)
		}
	}
	f.WaitCalls(t, "sendMessage", 1, 5*time.Second)
	f.WaitCalls(t, "answerCallbackQuery", 2, 5*time.Second)
	if n := len(f.Calls("sendMessage")); n != 1 {
		t.Errorf("%d replies sent, want 1", n)
	}
	if n := len(f.Calls("answerCallbackQuery")); n != 2 {
		t.Errorf("callback answered %d times over 2 deliveries, want 2", n)
	}
	if r, s, n := runs.Load(), speculative.Load(), store.refused.Load(); r != 3 || s != 2 || n != 1 {
		t.Errorf("handler ran %d times (%d speculative), %d refused; want 3 (2), 1", r, s, n)
	}
}
