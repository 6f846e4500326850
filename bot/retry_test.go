package bot

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

// An update another replica is handling is not acknowledged: the webhook
// answers 503 so Telegram redelivers it, and polling does not move past it
// and handles it when it comes again. A handled update is reported to
// OnHandled after its replies were sent.
func TestRetryLaterIsNotAcknowledged(t *testing.T) {
	t.Run("webhook", func(t *testing.T) {
		fake := tgtest.NewFake(t)
		var busy atomic.Bool
		busy.Store(true)
		var handled []int64
		var mu sync.Mutex
		h := &recorder{fn: func(req investbot.Request) (investbot.Reply, error) {
			if busy.Load() {
				return investbot.Reply{RetryLater: true}, nil
			}
			return investbot.Reply{Messages: []investbot.Message{{Text: "answer"}}}, nil
		}}
		b, _ := MustBot(t, fake.URL, h, func(c *Config) {
			c.WebhookURL, c.WebhookSecret = "https://x.example.org/telegram/webhook", "webhook_secret_0123456789"
			c.OnHandled = func(u, _ int64) { mu.Lock(); handled = append(handled, u); mu.Unlock() }
		})
		post := func() *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodPost, "/telegram/webhook", strings.NewReader(`{"update_id":77,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"from":{"id":5,"first_name":"A"},"text":"hi"}}`))
			req.Header.Set(SecretHeader, "webhook_secret_0123456789")
			w := httptest.NewRecorder()
			b.WebhookHandler().ServeHTTP(w, req)
			return w
		}
		if w := post(); w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
			t.Fatalf("in progress elsewhere: status %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
		}
		if n := len(fake.Calls("sendMessage")); n != 0 || len(handled) != 0 {
			t.Fatalf("nothing may be sent or marked while in progress elsewhere: %d sent, %v marked", n, handled)
		}
		busy.Store(false)
		if w := post(); w.Code != http.StatusOK {
			t.Fatalf("redelivery: status %d", w.Code)
		}
		fake.WaitCalls(t, "sendMessage", 1, 5*time.Second)
		mu.Lock()
		defer mu.Unlock()
		if len(fake.Calls("sendMessage")) != 1 || len(handled) != 1 || handled[0] != 77 {
			t.Errorf("after redelivery: %d sent, marked %v", len(fake.Calls("sendMessage")), handled)
		}
	})

	t.Run("polling", func(t *testing.T) {
		fake := tgtest.NewFake(t)
		var tries atomic.Int32
		h := &recorder{fn: func(req investbot.Request) (investbot.Reply, error) {
			if tries.Add(1) == 1 {
				return investbot.Reply{RetryLater: true}, nil
			}
			return investbot.Reply{Messages: []investbot.Message{{Text: "answer"}}}, nil
		}}
		b, _ := MustBot(t, fake.URL, h, nil)
		runBot(t, b)
		fake.AddUpdate(t, `{"message":{"message_id":1,"date":1,"chat":{"id":6,"type":"private"},"from":{"id":6,"first_name":"B"},"text":"hi"}}`)
		fake.WaitCalls(t, "sendMessage", 1, 10*time.Second)
		if n := tries.Load(); n < 2 {
			t.Errorf("the update was handled %d times; it must come again after RetryLater", n)
		}
	})
}
