package bot

import (
	"crypto/subtle"
	"errors"
	"io"
	"net/http"
)

// SecretHeader is the header Telegram sets to the webhook's secret_token.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// WebhookHandler returns the http.Handler for Telegram's webhook POSTs at
// Config.WebhookPath. It refuses requests whose secret header does not
// match Config.WebhookSecret (403, or 401 when the header is missing) and
// every request when no secret is configured; bodies over MaxBodyBytes get
// 413. A valid update is handled before the answer: 200 once its replies
// are in the outbox (also for updates that cannot be decoded, which a
// retry would not fix), 500 when the handler failed, so that Telegram
// delivers it again, 503 while another replica holds it.
func (b *Bot) WebhookHandler() http.Handler {
	return http.HandlerFunc(b.serveWebhook)
}

func (b *Bot) serveWebhook(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != b.cfg.WebhookPath {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got, ok := r.Header[http.CanonicalHeaderKey(SecretHeader)]
	if !ok || len(got) != 1 {
		b.log.WarnContext(r.Context(), "webhook request without secret refused", "remote", r.RemoteAddr)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if b.cfg.WebhookSecret == "" || subtle.ConstantTimeCompare([]byte(got[0]), []byte(b.cfg.WebhookSecret)) != 1 {
		b.log.WarnContext(r.Context(), "webhook request with wrong secret refused", "remote", r.RemoteAddr)
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, b.cfg.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			b.log.WarnContext(r.Context(), "webhook body too large", "limit", b.cfg.MaxBodyBytes)
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	d := b.dec.decode(body)
	t, err := b.handle(r.Context(), d)
	if err != nil {
		t.run()
		if errors.Is(err, errRetryLater) {
			// Telegram redelivers a webhook that was not answered 2xx.
			w.Header().Set("Retry-After", "30")
			http.Error(w, "update in progress elsewhere, retry later", http.StatusServiceUnavailable)
			return
		}
		http.Error(w, "handler failed", http.StatusInternalServerError)
		return
	}
	if t == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	// The reply is in the outbox: Telegram gets its answer first, then
	// this goroutine sends the reply (its turn, see deliverer.push).
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
	_ = http.NewResponseController(w).Flush()
	t.run()
}
