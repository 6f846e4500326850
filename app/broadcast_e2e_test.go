package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

func callbackUpdate(user int64, data string) string {
	return fmt.Sprintf(`{"callback_query":{"id":"cb%d","from":{"id":%d,"is_bot":false,"first_name":"U"},"message":{"message_id":1,"date":1,"chat":{"id":%d,"type":"private"},"text":"x"},"data":%q}}`,
		time.Now().UnixNano(), user, user, data)
}

// Subscribers get an admin's announcement in their language through the
// rate-limited sender; the one who unsubscribed does not; the admin learns
// the delivered count.
func TestEndToEndBroadcast(t *testing.T) {
	front := tgtest.NewFake(t)
	startApp(t, map[string]string{"TELEGRAM_API_ENDPOINT": front.URL, "ADMIN_IDS": "9001"}, app.Options{RedisPrefix: uniquePrefix(t)})
	const admin, ja, en, gone = 9001, 9002, 9003, 9004
	front.AddUpdate(t, textUpdate(0, ja, "ja", "/language ja"))
	front.AddUpdate(t, textUpdate(0, ja, "ja", "/subscribe"))
	front.AddUpdate(t, textUpdate(0, en, "en", "/subscribe"))
	front.AddUpdate(t, textUpdate(0, gone, "en", "/subscribe"))
	waitSent(t, front, ja, 2)
	waitSent(t, front, gone, 1)
	front.AddUpdate(t, callbackUpdate(gone, "unsub"))
	waitSent(t, front, gone, 2)

	front.AddUpdate(t, textUpdate(0, admin, "en", "/broadcast\nen: The Investment Promotion Conference 2026 programme is out.\nja: 投資促進会議2026のプログラムを公開しました。"))
	waitSent(t, front, admin, 1)
	front.AddUpdate(t, callbackUpdate(admin, "bc:send"))
	got := waitSent(t, front, ja, 3)
	if !strings.Contains(got[2], "投資促進会議2026") {
		t.Errorf("Japanese subscriber got %q", got[2])
	}
	if got := waitSent(t, front, en, 2); !strings.Contains(got[1], "programme is out") {
		t.Errorf("English subscriber got %q", got[1])
	}
	deadline := time.Now().Add(wait)
	for {
		msgs := sentTo(front, admin)
		if strings.Contains(msgs[len(msgs)-1], "2 delivered, 0 failed") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("admin not told the result: %q", msgs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The result is sent after every delivery: a message to the user who
	// left would have come before it (and been counted).
	if n := len(sentTo(front, gone)); n != 2 {
		t.Errorf("the unsubscribed user got the announcement (%d messages)", n)
	}
}
