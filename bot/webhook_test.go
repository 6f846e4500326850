package bot

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

func TestWebhook(t *testing.T) {
	f := tgtest.NewFake(t)
	rec := &recorder{}
	b, _ := MustBot(t, f.URL, rec, func(c *Config) {
		c.WebhookSecret = "s3cret-value"
		c.WebhookURL = "https://bot.example/telegram/webhook"
		c.MaxBodyBytes = 4096
	})
	h := b.WebhookHandler()
	update := string(mustFixture(t, "private_text.json"))
	post := func(path, secret, body string, set bool) int {
		r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
		if set {
			r.Header.Set(SecretHeader, secret)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	tests := []struct {
		name   string
		path   string
		secret string
		set    bool
		body   string
		want   int
	}{
		{"no secret", "/telegram/webhook", "", false, update, 401},
		{"wrong secret", "/telegram/webhook", "s3cret-valuX", true, update, 403},
		{"empty secret", "/telegram/webhook", "", true, update, 403},
		{"other path", "/other", "s3cret-value", true, update, 404},
		{"too large", "/telegram/webhook", "s3cret-value", true, `{"update_id":1,"message":{"text":"` + strings.Repeat("a", 5000) + `"}}`, 413},
		{"malformed is acknowledged", "/telegram/webhook", "s3cret-value", true, `{"update_id":`, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := post(tt.path, tt.secret, tt.body, tt.set); got != tt.want {
				t.Errorf("status = %d, want %d", got, tt.want)
			}
			if n := len(rec.requests()); n != 0 {
				t.Errorf("handler called %d times", n)
			}
			if n := len(f.Calls("sendMessage")); n != 0 {
				t.Errorf("%d messages sent", n)
			}
		})
	}
	if got := post("/telegram/webhook", "s3cret-value", update, true); got != 200 {
		t.Fatalf("right secret: status %d", got)
	}
	if n := len(rec.requests()); n != 1 {
		t.Errorf("handler called %d times, want once", n)
	}
	f.WaitCalls(t, "sendMessage", 1, 5*time.Second)
	r := httptest.NewRequest(http.MethodGet, "/telegram/webhook", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	eq(t, "GET", w.Code, http.StatusMethodNotAllowed)

	if err := b.SetWebhook(t.Context()); err != nil {
		t.Fatal(err)
	}
	set := f.Calls("setWebhook")[0].Params
	if set.Get("secret_token") != "s3cret-value" || set.Get("url") != "https://bot.example/telegram/webhook" || !strings.Contains(set.Get("allowed_updates"), "callback_query") {
		t.Errorf("setWebhook params = %v", set)
	}
}

func TestWebhookWithoutConfiguredSecretRefusesAll(t *testing.T) {
	f := tgtest.NewFake(t)
	rec := &recorder{}
	b, _ := MustBot(t, f.URL, rec, nil)
	r := httptest.NewRequest(http.MethodPost, "/telegram/webhook", strings.NewReader(string(mustFixture(t, "private_text.json"))))
	r.Header.Set(SecretHeader, "")
	w := httptest.NewRecorder()
	b.WebhookHandler().ServeHTTP(w, r)
	eq(t, "status", w.Code, http.StatusForbidden)
	eq(t, "handled", len(rec.requests()), 0)
}

func TestWebhookHandlerFailureAsksForRedelivery(t *testing.T) {
	f := tgtest.NewFake(t)
	rec := &recorder{fn: func(investbot.Request) (investbot.Reply, error) { return investbot.Reply{}, errors.New("store down") }}
	b, _ := MustBot(t, f.URL, rec, func(c *Config) { c.WebhookSecret = "x" })
	r := httptest.NewRequest(http.MethodPost, "/telegram/webhook", strings.NewReader(string(mustFixture(t, "private_text.json"))))
	r.Header.Set(SecretHeader, "x")
	w := httptest.NewRecorder()
	b.WebhookHandler().ServeHTTP(w, r)
	eq(t, "status", w.Code, http.StatusInternalServerError)
}
