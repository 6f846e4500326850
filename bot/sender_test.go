package bot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/thanhhoa/investbot/internal/tgtest"
)

type countMetrics struct {
	mu                      sync.Mutex
	maxQueue, tooMany, retr int
	failed                  int
}

func (m *countMetrics) QueueDepth(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.maxQueue = max(m.maxQueue, n)
}
func (m *countMetrics) TooManyRequests(string, time.Duration) {
	m.mu.Lock()
	m.tooMany++
	m.mu.Unlock()
}
func (m *countMetrics) Retry(string)  { m.mu.Lock(); m.retr++; m.mu.Unlock() }
func (m *countMetrics) Failed(string) { m.mu.Lock(); m.failed++; m.mu.Unlock() }

var _ Metrics = (*countMetrics)(nil)

func sendText(s *Sender, chat int64, text string) error {
	_, err := s.do(context.Background(), request{method: "sendMessage", chatID: chat,
		params: tgbotapi.Params{"chat_id": "1", "text": text}})
	return err
}

func TestSenderRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		script    []tgtest.Response
		wantCalls int
		wantErr   bool
		minTook   time.Duration
		check     func(t *testing.T, m *countMetrics)
	}{
		{name: "429 then 200", script: []tgtest.Response{tgtest.TooManyRequests(1)}, wantCalls: 2, minTook: 950 * time.Millisecond,
			check: func(t *testing.T, m *countMetrics) { eq(t, "429s", m.tooMany, 1) }},
		{name: "500 then 200", script: []tgtest.Response{tgtest.ServerError()}, wantCalls: 2,
			check: func(t *testing.T, m *countMetrics) { eq(t, "retries", m.retr, 1) }},
		{name: "non-JSON 502 then 200", script: []tgtest.Response{{Status: 502, Body: "<html>bad gateway</html>"}}, wantCalls: 2},
		{name: "400 is final", script: []tgtest.Response{{Status: 400, Body: `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`}}, wantCalls: 1, wantErr: true,
			check: func(t *testing.T, m *countMetrics) { eq(t, "failed", m.failed, 1) }},
		{name: "attempts are bounded", script: []tgtest.Response{tgtest.ServerError(), tgtest.ServerError(), tgtest.ServerError(), tgtest.ServerError(), tgtest.ServerError()}, wantCalls: 4, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tgtest.NewFake(t)
			m := &countMetrics{}
			b, _ := MustBot(t, f.URL, &recorder{}, func(c *Config) { c.Metrics = m })
			f.Script("sendMessage", tt.script...)
			start := time.Now()
			err := sendText(b.sender, 1, "hi")
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if took := time.Since(start); took < tt.minTook {
				t.Errorf("took %s, want at least %s", took, tt.minTook)
			}
			if n := len(f.Calls("sendMessage")); n != tt.wantCalls {
				t.Errorf("calls = %d, want %d", n, tt.wantCalls)
			}
			if err != nil && strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error leaks the token: %v", err)
			}
			if tt.check != nil {
				tt.check(t, m)
			}
		})
	}
}

func TestSenderNetworkErrorScrubbed(t *testing.T) {
	f := tgtest.NewFake(t)
	b, _ := MustBot(t, f.URL, &recorder{}, nil)
	b.api.endpoint = "http://127.0.0.1:1/bot%s/%s" // nothing listens there
	err := sendText(b.sender, 1, "hi")
	if err == nil {
		t.Fatal("send to a closed port succeeded")
	}
	if strings.Contains(err.Error(), "SECRET") || !strings.Contains(err.Error(), "<token>") {
		t.Errorf("error = %v", err)
	}
	var ae *APIError
	if errors.As(err, &ae) {
		t.Errorf("a transport error is not an APIError: %v", err)
	}
}

func TestSenderPerChatLimit(t *testing.T) {
	t.Parallel()
	f := tgtest.NewFake(t)
	b, _ := MustBot(t, f.URL, &recorder{}, func(c *Config) { c.Limits = DefaultLimits() })
	start := time.Now()
	for i := 0; i < 5; i++ {
		if err := sendText(b.sender, 42, "x"); err != nil {
			t.Fatal(err)
		}
	}
	calls := f.Calls("sendMessage")
	// Burst of 3, then 1 per second.
	if d := calls[2].Time.Sub(start); d > 300*time.Millisecond {
		t.Errorf("burst of 3 took %s", d)
	}
	if d := calls[4].Time.Sub(calls[2].Time); d < 1900*time.Millisecond {
		t.Errorf("messages 4 and 5 came %s after the burst, want ≥ 2 s", d)
	}
}

func TestSenderEvictsIdleChats(t *testing.T) {
	f := tgtest.NewFake(t)
	b, _ := MustBot(t, f.URL, &recorder{}, nil)
	s := b.sender
	now := time.Now()
	s.now = func() time.Time { return now }
	for i := int64(1); i <= 50; i++ {
		s.chat(i)
	}
	eq(t, "chats", s.chatCount(), 50)
	now = now.Add(s.limits.Idle + time.Second)
	s.chat(-1)
	eq(t, "chats after idle", s.chatCount(), 1)
}

func TestLimitsKeepWindows(t *testing.T) {
	// A bucket of burst b refilling at (N-b)/W never lets more than N
	// through in any window W; check with the group limiter on a fake
	// clock.
	l := DefaultLimits()
	s := newSender(nil, l, Retry{}, nil, nil)
	lim := s.chat(-100).lim
	t0 := time.Now()
	var sent []time.Time
	for at := t0; at.Before(t0.Add(5 * time.Minute)); at = at.Add(100 * time.Millisecond) {
		if lim.AllowN(at, 1) {
			sent = append(sent, at)
		}
	}
	for i := range sent {
		n := 0
		for j := i; j < len(sent) && sent[j].Sub(sent[i]) < l.GroupWindow; j++ {
			n++
		}
		if n > l.Group {
			t.Fatalf("%d group messages within %s from %s", n, l.GroupWindow, sent[i].Sub(t0))
		}
	}
	if len(sent) < 70 {
		t.Errorf("only %d group messages in 5 minutes", len(sent))
	}
}
