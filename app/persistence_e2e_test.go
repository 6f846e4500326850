package app_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/config"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

type lockedBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuf) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// A Redis without persistence would lose every lead and ticket on a
// restart: the bot says so at start and in /readyz, and stays ready.
func TestEndToEndRedisWithoutPersistenceIsReported(t *testing.T) {
	front := tgtest.NewFake(t)
	port, _ := startRedis(t, 0) // --save "" --appendonly no
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN":    e2eToken,
		"TELEGRAM_API_ENDPOINT": front.URL,
		"LISTEN_ADDR":           "127.0.0.1:0",
		"REDIS_URL":             "redis://127.0.0.1:" + strconv.Itoa(port) + "/0",
	}

	cfg, err := config.Parse(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	var logs lockedBuf
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(&logs, nil)), app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	if !strings.Contains(logs.String(), "Redis has no persistence") || !strings.Contains(logs.String(), "level=WARN") {
		t.Errorf("no warning at start; logs:\n%s", logs.String())
	}

	r := startApp(t, env, app.Options{RedisPrefix: uniquePrefix(t)})
	resp, err := http.Get("http://" + r.app.Addr().String() + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "redis persistence: none") ||
		!strings.Contains(string(body), "warning: Redis has no persistence") {
		t.Errorf("/readyz = %d:\n%s", resp.StatusCode, body)
	}
}

// While Redis is down every message logs a warning; the warnings name the
// user by keyed hash, never by Telegram id (logs outlive /forgetme).
func TestEndToEndOutageLogsNoUserIDs(t *testing.T) {
	front := tgtest.NewFake(t)
	port, kill := startRedis(t, 0)
	var logs lockedBuf
	startAppLog(t, map[string]string{
		"TELEGRAM_API_ENDPOINT": front.URL,
		"REDIS_URL":             "redis://127.0.0.1:" + strconv.Itoa(port) + "/0",
		"STAFF_CHAT_ID":         "-5252",
	}, app.Options{RedisPrefix: uniquePrefix(t)}, &logs)
	const user = 5557654321
	front.AddUpdate(t, textUpdate(0, user, "en", "Where is WHA Smart Technology phase 1?"))
	waitSent(t, front, user, 1)
	kill()
	front.AddUpdate(t, textUpdate(0, user, "en", "How big is it?"))
	waitSent(t, front, user, 2)
	front.AddUpdate(t, textUpdate(0, user, "en", "/forgetme"))
	waitSent(t, front, user, 3)
	got := logs.String()
	if !strings.Contains(got, "session store unavailable") || !strings.Contains(got, "user=u-") {
		t.Fatalf("no outage warning naming the user by pseudonym; logs:\n%s", got)
	}
	if strings.Contains(got, strconv.Itoa(user)) {
		t.Errorf("the logs contain the user id %d:\n%s", user, got)
	}
}
