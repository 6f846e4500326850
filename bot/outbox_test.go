package bot

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/internal/tgtest"
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
			req := handlers.Request{ChatID: c, UserID: c, Chat: handlers.ChatPrivate}
			calls, err := b.plan(context.Background(), req, handlers.Message{Text: strconv.Itoa(r)})
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
