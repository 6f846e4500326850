package app_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

// /metrics exposes what operators watch, and it moves with real traffic.
func TestMetricsEndpoint(t *testing.T) {
	front := tgtest.NewFake(t)
	r := startApp(t, map[string]string{"TELEGRAM_API_ENDPOINT": front.URL}, app.Options{RedisPrefix: uniquePrefix(t)})
	const user = 6001
	front.AddUpdate(t, textUpdate(0, user, "en", "How big is WHA Smart Technology phase 1?"))
	front.AddUpdate(t, textUpdate(0, user, "en", "Write me a poem about the sea"))
	waitSent(t, front, user, 2)

	resp, err := http.Get("http://" + r.app.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	text := string(body)
	for _, want := range []string{
		`investbot_updates_total{kind="text"} 2`,
		`investbot_questions_total{lang="en",outcome="answered"} 1`,
		"investbot_handle_seconds_bucket",
		"investbot_outbound_queue",
		"go_goroutines",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(text, e2eToken) {
		t.Errorf("/metrics leaks the bot token")
	}
}
