package app_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/config"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

// These tests start the real App — configuration, Redis store, knowledge
// base, handlers, Telegram adapter — against the npm Bot API emulator
// (through tgtest.Fake, which records calls and answers the methods the
// emulator lacks), and act as investors and staff.

const (
	e2eToken = "123456:investbot-e2e-token-0123456789"
	// wait bounds every wait for the bot: a hang fails after it, a slow
	// machine does not. Checking an uploaded knowledge base runs every
	// example question, which takes tens of seconds under -race on a
	// loaded two-core machine.
	wait = 3 * time.Minute
)

func redisAddr() string {
	if a := os.Getenv("REDIS_ADDR"); a != "" {
		return a
	}
	return "127.0.0.1:6379"
}

// uniquePrefix returns a Redis key prefix of the test's own and deletes its
// keys at cleanup.
func uniquePrefix(t *testing.T) string {
	t.Helper()
	b := make([]byte, 4)
	rand.Read(b)
	prefix := "ibtest:" + hex.EncodeToString(b) + ":"
	t.Cleanup(func() {
		c := redis.NewClient(&redis.Options{Addr: redisAddr()})
		defer c.Close()
		ctx := context.Background()
		iter := c.Scan(ctx, 0, prefix+"*", 500).Iterator()
		for iter.Next(ctx) {
			c.Del(ctx, iter.Val())
		}
	})
	return prefix
}

type running struct {
	app    *app.App
	cancel context.CancelFunc
	done   chan error
	log    *logTap
}

// fastLimits keeps Telegram's global limit but lets one chat receive
// quickly, so functional tests do not wait a second per message; the
// burst test in package bot checks the real per-chat limits.
func fastLimits() *bot.Limits {
	l := bot.DefaultLimits()
	l.PrivateRate, l.PrivateBurst = 50, 50
	l.Group, l.GroupBurst = 600, 50
	return &l
}

func startApp(t *testing.T, env map[string]string, opts app.Options) *running {
	t.Helper()
	return startAppLog(t, env, opts, testWriter{t})
}

// startAppLog is startApp with the app's log (warnings and up) written to w.
func startAppLog(t *testing.T, env map[string]string, opts app.Options, w io.Writer) *running {
	t.Helper()
	base := map[string]string{
		"TELEGRAM_BOT_TOKEN": e2eToken,
		"LISTEN_ADDR":        "127.0.0.1:0",
		"REDIS_URL":          "redis://" + redisAddr() + "/0",
		"LOG_LEVEL":          "warn",
	}
	for k, v := range env {
		base[k] = v
	}
	cfg, err := config.Parse(func(k string) string { return base[k] })
	if err != nil {
		t.Fatal(err)
	}
	if opts.PollTimeout == 0 {
		opts.PollTimeout = time.Second
	}
	if opts.Limits == nil {
		opts.Limits = fastLimits()
	}
	// The tap keeps every line (tests wait on them) and passes warnings and
	// up on to w.
	tap := &logTap{t: t, out: w}
	log := slog.New(slog.NewTextHandler(tap, &slog.HandlerOptions{Level: slog.LevelInfo}))
	a, err := app.New(context.Background(), cfg, log, opts)
	if err != nil {
		t.Fatalf("app.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{app: a, cancel: cancel, done: make(chan error, 1), log: tap}
	go func() { r.done <- a.Run(ctx) }()
	t.Cleanup(func() { r.stop(t) })
	deadline := time.Now().Add(wait)
	for a.Addr() == nil {
		if time.Now().After(deadline) {
			t.Fatalf("the app did not listen within %v", wait)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return r
}

// stop shuts the app down as SIGTERM would and waits for it.
func (r *running) stop(t *testing.T) {
	if r.cancel == nil {
		return
	}
	r.cancel()
	r.cancel = nil
	select {
	case err := <-r.done:
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(wait):
		t.Errorf("app did not stop within %v", wait)
	}
	r.app.Close()
}

// testWriter sends the app's warnings to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

var _ io.Writer = testWriter{}

// logTap keeps every log line of an app, so a test can wait for an event
// the app only logs, and sends warnings and errors to the test log.
type logTap struct {
	t     *testing.T
	out   io.Writer // receives warnings and up
	mu    sync.Mutex
	lines []string
}

func (l *logTap) Write(p []byte) (int, error) {
	line := strings.TrimRight(string(p), "\n")
	l.mu.Lock()
	l.lines = append(l.lines, line)
	l.mu.Unlock()
	if !strings.Contains(line, "level=INFO") && !strings.Contains(line, "level=DEBUG") {
		l.out.Write(p)
	}
	return len(p), nil
}

// waitFor waits until a logged line contains every one of parts, failing t
// after timeout.
func (l *logTap) waitFor(t *testing.T, timeout time.Duration, parts ...string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		l.mu.Lock()
		for _, line := range l.lines {
			ok := true
			for _, p := range parts {
				ok = ok && strings.Contains(line, p)
			}
			if ok {
				l.mu.Unlock()
				return
			}
		}
		l.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("no log line with %q within %v", parts, timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// emulated starts the emulator behind a recording fake and returns both.
func emulated(t *testing.T) (*tgtest.Emulator, *tgtest.Fake, *tgtest.Client) {
	t.Helper()
	emu := tgtest.StartEmulator(t)
	front := tgtest.NewFake(t)
	front.Proxy(emu.URL)
	return emu, front, emu.Client(e2eToken)
}

func lastText(msgs []tgtest.BotMessage) string {
	if len(msgs) == 0 {
		return ""
	}
	return msgs[len(msgs)-1].Text
}

func TestEndToEndInvestors(t *testing.T) {
	_, front, c := emulated(t)
	startApp(t, map[string]string{"TELEGRAM_API_ENDPOINT": front.URL}, app.Options{RedisPrefix: uniquePrefix(t)})

	t.Run("each language gets the right answer in its own language", func(t *testing.T) {
		tests := []struct {
			user     tgtest.User
			question string
			want     []string
		}{
			{tgtest.User{ID: 2001, FirstName: "John", LanguageCode: "en"}, "How big is WHA Smart Technology phase 1?", []string{"178", "phase 1", "Source"}},
			{tgtest.User{ID: 2002, FirstName: "Minh", LanguageCode: "vi"}, "khu cong nghiep wha giai doan 1 rong bao nhieu", []string{"178", "giai đoạn 1", "Nguồn"}},
			{tgtest.User{ID: 2003, FirstName: "Aiko", LanguageCode: "ja"}, "ニソン経済区の法人税優遇は？", []string{"経済区", "10%", "出典"}},
			{tgtest.User{ID: 2004, FirstName: "Jiho", LanguageCode: "ko"}, "WHA 스마트 테크놀로지 1단계 면적은?", []string{"178", "1단계", "출처"}},
		}
		for _, tt := range tests {
			c.SendText(t, tt.user, tgtest.Private(tt.user), tt.question)
		}
		for _, tt := range tests {
			got := lastText(c.WaitChatMessages(t, tt.user.ID, 1, wait))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s asked %q; answer lacks %q:\n%s", tt.user.LanguageCode, tt.question, w, got)
				}
			}
		}
	})

	t.Run("menu buttons all answer", func(t *testing.T) {
		u := tgtest.User{ID: 2010, LanguageCode: "en"}
		c.SendCommand(t, u, tgtest.Private(u), "/start")
		start := c.WaitChatMessages(t, u.ID, 1, wait)[0]
		if !strings.Contains(start.Text, "Welcome") || len(start.Buttons) < 4 {
			t.Fatalf("/start = %q with buttons %v", start.Text, start.Buttons)
		}
		n := 1
		for _, row := range start.Buttons {
			for _, data := range row {
				c.SendCallback(t, u, tgtest.Private(u), start.MessageID, data)
				n++
				got := c.WaitChatMessages(t, u.ID, n, wait)
				if txt := lastText(got); strings.Contains(txt, "expired") || txt == "" {
					t.Errorf("button %q: %q", data, txt)
				}
			}
		}
		if calls := front.WaitCalls(t, "answerCallbackQuery", n-1, wait); len(calls) < n-1 {
			t.Errorf("answered %d of %d callbacks", len(calls), n-1)
		}
	})

	t.Run("deep link from a QR code", func(t *testing.T) {
		u := tgtest.User{ID: 2020, LanguageCode: "en"}
		c.SendCommand(t, u, tgtest.Private(u), "/start ja__zone_wha-smart-tech-1")
		got := c.WaitChatMessages(t, u.ID, 2, wait)
		if !strings.Contains(got[0].Text, "ようこそ") || !strings.Contains(got[1].Text, "178") {
			t.Errorf("deep link: %q / %q", got[0].Text, got[1].Text)
		}
	})

	t.Run("language choice holds until a message clearly in another language", func(t *testing.T) {
		u := tgtest.User{ID: 2030, LanguageCode: "en"}
		c.SendCommand(t, u, tgtest.Private(u), "/language")
		menu := c.WaitChatMessages(t, u.ID, 1, wait)[0]
		c.SendCallback(t, u, tgtest.Private(u), menu.MessageID, "lang:ko")
		c.WaitChatMessages(t, u.ID, 2, wait)
		c.SendText(t, u, tgtest.Private(u), "WHA phase 1")
		got := lastText(c.WaitChatMessages(t, u.ID, 3, wait))
		if !strings.Contains(got, "산업단지") {
			t.Errorf("after choosing Korean a bare name is answered in Korean; got %q", got)
		}
		c.SendText(t, u, tgtest.Private(u), "How big is WHA Smart Technology phase 1?")
		got = lastText(c.WaitChatMessages(t, u.ID, 4, wait))
		if !strings.Contains(got, "Source") || strings.Contains(got, "산업단지") {
			t.Errorf("a question clearly in English is answered in English; got %q", got)
		}
	})

	t.Run("a group only hears what is addressed to the bot", func(t *testing.T) {
		u := tgtest.User{ID: 2040, FirstName: "Kenji"}
		g := tgtest.Chat{ID: -4040, Type: "supergroup", Title: "Conference attendees"}
		c.SendText(t, u, g, "Is anyone going to the coffee break?")
		c.SendText(t, u, g, "WHA phase 1 area")
		c.SendText(t, u, g, "@TestNameBot How big is WHA Smart Technology phase 1?")
		c.WaitChatMessages(t, g.ID, 1, wait)
		// A marker after them: once it is answered, a reply to the
		// messages not addressed to the bot would have come before it.
		c.SendText(t, u, g, "@TestNameBot What is the standard corporate income tax rate?")
		got := c.WaitChatMessages(t, g.ID, 2, wait)
		if len(got) != 2 || !strings.Contains(got[0].Text, "178") || !strings.Contains(got[1].Text, "20%") {
			t.Errorf("group replies: %d, want the two addressed to the bot: %+v", len(got), got)
		}
	})
}
