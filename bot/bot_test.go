package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/internal/testlog"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

const testToken = "123456:SECRET-token_value"

// MustBot builds a Bot against endpoint with fast retries; the log goes to
// the returned buffer, which the test checks never holds the token.
func MustBot(tb testing.TB, endpoint string, h Handler, mutate func(*Config)) (*Bot, *testlog.Buffer) {
	tb.Helper()
	logs := &testlog.Buffer{}
	cfg := Config{
		Token:       testToken,
		Endpoint:    endpoint,
		PollTimeout: time.Second,
		IdlePause:   200 * time.Millisecond,
		Retry:       Retry{Attempts: 4, Base: 10 * time.Millisecond, Max: 50 * time.Millisecond},
		Limits:      Limits{PrivateBurst: 10},
	}
	if mutate != nil {
		mutate(&cfg)
	}
	b, err := New(cfg, h, slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	tb.Cleanup(b.Stop)
	tb.Cleanup(func() {
		if strings.Contains(logs.String(), testToken) || strings.Contains(logs.String(), "SECRET") {
			tb.Errorf("the token leaked into the log:\n%s", logs.String())
		}
	})
	return b, logs
}

// recorder is a test Handler that records requests and answers with a
// fixed reply (or the result of fn).
type recorder struct {
	mu   sync.Mutex
	reqs []investbot.Request
	fn   func(investbot.Request) (investbot.Reply, error)
}

func (r *recorder) Handle(_ context.Context, req investbot.Request) (investbot.Reply, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	if r.fn == nil {
		return investbot.Reply{Messages: []investbot.Message{{Text: "echo: " + req.Text}}}, nil
	}
	return r.fn(req)
}

func (r *recorder) requests() []investbot.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]investbot.Request(nil), r.reqs...)
}

// runBot runs b.Run until the test ends and checks that it stops.
func runBot(tb testing.TB, b *Bot) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	tb.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				tb.Errorf("Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			tb.Errorf("Run did not return after cancel")
		}
	})
}

func TestNewScrubsToken(t *testing.T) {
	_, err := New(Config{Token: testToken, Endpoint: "http://127.0.0.1:1"}, &recorder{}, nil)
	if err == nil {
		t.Fatal("New against a closed port succeeded")
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("error leaks the token: %v", err)
	}
	if _, err := New(Config{}, &recorder{}, nil); err == nil {
		t.Error("New without token succeeded")
	}
}

func TestPollingHandlesAndAcknowledges(t *testing.T) {
	f := tgtest.NewFake(t)
	rec := &recorder{fn: func(req investbot.Request) (investbot.Reply, error) {
		if req.Callback != "" {
			return investbot.Reply{CallbackText: "noted"}, nil
		}
		if req.Text == "fail" {
			return investbot.Reply{}, errors.New("boom")
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: "echo: " + req.Text}}}, nil
	}}
	b, logs := MustBot(t, f.URL, rec, nil)
	f.AddUpdate(t, string(mustFixture(t, "private_text.json")))
	f.AddUpdate(t, `{not json`)
	f.AddUpdate(t, string(mustFixture(t, "channel_post.json")))
	f.AddUpdate(t, string(mustFixture(t, "callback.json")))
	f.AddUpdate(t, `{"message":{"message_id":3,"from":{"id":5,"first_name":"E"},"chat":{"id":5,"type":"private"},"date":1,"text":"fail"}}`)
	runBot(t, b)

	f.WaitCalls(t, "answerCallbackQuery", 1, 5*time.Second)
	sends := f.WaitCalls(t, "sendMessage", 1, 5*time.Second)
	if got := sends[0].Params.Get("text"); got != "echo: What incentives exist for electronics?" {
		t.Errorf("sent %q", got)
	}
	if sends[0].Params.Get("parse_mode") != "HTML" || sends[0].Params.Get("chat_id") != "42" {
		t.Errorf("params = %v", sends[0].Params)
	}
	ans := f.Calls("answerCallbackQuery")[0]
	if ans.Params.Get("callback_query_id") != "cb-1" || ans.Params.Get("text") != "noted" {
		t.Errorf("answerCallbackQuery params = %v", ans.Params)
	}
	// Everything, the malformed update included, is acknowledged.
	deadline := time.Now().Add(5 * time.Second)
	for f.Pending() != 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if f.Pending() != 0 {
		t.Errorf("%d updates never acknowledged", f.Pending())
	}
	if n := len(rec.requests()); n != 3 {
		t.Errorf("handler saw %d requests, want 3 (text, callback, fail)", n)
	}
	if !strings.Contains(logs.String(), `"update_id"`) || !strings.Contains(logs.String(), "handler failed") {
		t.Errorf("log misses update_id or the handler failure:\n%s", logs.String())
	}
	if len(f.Calls("deleteWebhook")) != 1 {
		t.Error("polling did not delete the webhook first")
	}
}

func TestPollingBacksOffOnErrors(t *testing.T) {
	t.Parallel()
	f := tgtest.NewFake(t)
	f.Script("getUpdates", tgtest.TooManyRequests(1), tgtest.ServerError())
	rec := &recorder{}
	b, _ := MustBot(t, f.URL, rec, nil)
	f.AddUpdate(t, string(mustFixture(t, "private_text.json")))
	start := time.Now()
	runBot(t, b)
	f.WaitCalls(t, "sendMessage", 1, 10*time.Second)
	calls := f.Calls("getUpdates")
	if len(calls) < 3 {
		t.Fatalf("getUpdates calls = %d", len(calls))
	}
	if gap := calls[1].Time.Sub(calls[0].Time); gap < 900*time.Millisecond {
		t.Errorf("retry_after 1 s not honoured: next poll after %s", gap)
	}
	if gap := calls[2].Time.Sub(calls[1].Time); gap < 900*time.Millisecond {
		t.Errorf("no backoff after 500: next poll after %s", gap)
	}
	t.Logf("recovered after %s", time.Since(start))
}

func TestIdlePauseStopsSpinning(t *testing.T) {
	t.Parallel()
	f := tgtest.NewFake(t)
	f.MaxPoll = 0 // answers at once, like the emulator
	const pause = 200 * time.Millisecond
	b, _ := MustBot(t, f.URL, &recorder{}, func(c *Config) { c.IdlePause = pause })
	runBot(t, b)
	// Every poll after an empty answer waits IdlePause (or longer, when the
	// answer took over half the poll timeout): the gaps between the
	// server's receipts can only grow on a loaded machine, never shrink.
	calls := f.WaitCalls(t, "getUpdates", 5, 10*time.Second)
	for i := 1; i < len(calls); i++ {
		if gap := calls[i].Time.Sub(calls[i-1].Time); gap < pause {
			t.Errorf("getUpdates %d came %v after the previous empty answer, want at least %v", i+1, gap, pause)
		}
	}
}

func TestRunStopsPromptlyAndFinishesUpdateInHand(t *testing.T) {
	f := tgtest.NewFake(t)
	started := make(chan struct{})
	release := make(chan struct{})
	rec := &recorder{fn: func(req investbot.Request) (investbot.Reply, error) {
		close(started)
		<-release
		return investbot.Reply{Messages: []investbot.Message{{Text: "late but sent"}}}, nil
	}}
	b, _ := MustBot(t, f.URL, rec, func(c *Config) { c.PollTimeout = 30 * time.Second })
	f.AddUpdate(t, string(mustFixture(t, "private_text.json")))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	<-started
	cancel()
	time.Sleep(50 * time.Millisecond)
	close(release)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return")
	}
	// Its reply was written to the outbox before Run returned, and is sent.
	f.WaitCalls(t, "sendMessage", 1, 5*time.Second)
	// And a Run blocked in a 30 s long poll returns at once on cancel.
	ctx2, cancel2 := context.WithCancel(context.Background())
	polls := len(f.Calls("getUpdates"))
	go func() { done <- b.Run(ctx2) }()
	f.WaitCalls(t, "getUpdates", polls+1, 5*time.Second) // the long poll has started
	start := time.Now()
	cancel2()
	<-done
	// Far below the 30 s poll, with room for a loaded machine.
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Run took %s to stop during a long poll", d)
	}
}

func TestRenderCalls(t *testing.T) {
	t.Parallel()
	f := tgtest.NewFake(t)
	f.Script("sendChatAction", tgtest.ServerError())
	f.Script("sendVenue", tgtest.Response{Status: 500, Body: `{"message":"API method 'sendVenue' is not supported."}`})
	long := strings.Repeat("Nghi Sơn port & <zone> facts. ", 40) + "\n\n"
	rec := &recorder{fn: func(req investbot.Request) (investbot.Reply, error) {
		return investbot.Reply{Messages: []investbot.Message{
			{Title: "Zones", Text: strings.Repeat(long, 12), Typing: true, ReplyTo: req.MessageID,
				Buttons: [][]investbot.Button{{{Text: "More", Data: "more"}}},
				Venue:   &investbot.Venue{Lat: 19.8, Lon: 105.7, Title: "WHA", Address: "Nghi Son"}},
			{ChatID: -2002, ThreadID: 77, Text: "ticket for desk"},
			{EditMessageID: 9, Text: "edited"},
			{Copy: &investbot.CopyRef{FromChatID: -2002, MessageID: 5}},
			{Document: &investbot.File{Name: "zones.csv", Data: []byte("a,b\n")}, Text: "the list"},
			{Photo: &investbot.File{Name: "map.png", Data: []byte{0x89, 'P'}}, Text: strings.Repeat("x", 2000)},
		}}, nil
	}}
	b, logs := MustBot(t, f.URL, rec, nil)
	d := b.dec.decode(mustFixture(t, "staff_reply.json"))
	d.req.ChatID, d.req.Chat, d.req.ThreadID = 42, investbot.ChatPrivate, 0 // pretend a private chat
	if err := b.process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	// The replies go out from the outbox: wait for the last one (the text
	// after the photo). Chats are served in turn, so the private chat's
	// calls are in order among themselves, not with the desk's.
	waitFor(t, func() bool {
		for _, c := range f.Calls("sendMessage") {
			if strings.HasPrefix(c.Params.Get("text"), "xxx") {
				return true
			}
		}
		return false
	})
	var msgs, private []tgtest.Call
	for _, c := range f.Calls("sendMessage") {
		if c.Params.Get("chat_id") == "42" {
			private = append(private, c)
		}
	}
	for _, c := range f.Calls("sendMessage") {
		if c.Params.Get("chat_id") != "42" {
			msgs = append(msgs, c)
		}
	}
	var parts []string // the long message: every private part before the photo's text
	for _, c := range private {
		if strings.HasPrefix(c.Params.Get("text"), "xxx") {
			break
		}
		parts = append(parts, c.Params.Get("text"))
	}
	if len(parts) < 2 {
		t.Fatalf("long text sent as %d parts", len(parts))
	}
	for i, p := range parts {
		if err := checkHTML(p); err != nil || utf16Len(p) > maxMessageLen {
			t.Errorf("part %d: %v, %d units", i, err, utf16Len(p))
		}
	}
	if !strings.HasPrefix(parts[0], "<b>Zones</b>\n") {
		t.Errorf("first part starts %q", parts[0][:20])
	}
	// Buttons only on the last part of the long message; reply only on the
	// first, with the current reply_parameters.
	for i, c := range private[:len(parts)] {
		hasKB := c.Params.Get("reply_markup") != ""
		if hasKB != (i == len(parts)-1) {
			t.Errorf("part %d keyboard = %v", i, hasKB)
		}
		if (c.Params.Get("reply_parameters") != "") != (i == 0) {
			t.Errorf("part %d reply_parameters = %q", i, c.Params.Get("reply_parameters"))
		}
	}
	desk := msgs[0]
	msgs = private
	// The Photo's caption is too long: the photo goes bare, the text follows.
	last := msgs[len(msgs)-1]
	if !strings.HasPrefix(last.Params.Get("text"), "xxx") {
		t.Errorf("photo text not sent after the photo: %q", last.Params.Get("text"))
	}
	if desk.Params.Get("chat_id") != "-2002" || desk.Params.Get("message_thread_id") != "77" {
		t.Errorf("desk message params = %v", desk.Params)
	}
	if e := f.Calls("editMessageText"); len(e) != 1 || e[0].Params.Get("message_id") != "9" {
		t.Errorf("editMessageText calls = %v", e)
	}
	if c := f.Calls("copyMessage"); len(c) != 1 || c[0].Params.Get("from_chat_id") != "-2002" {
		t.Errorf("copyMessage calls = %v", c)
	}
	if c := f.Calls("sendDocument"); len(c) != 1 || string(c[0].Files["document"].Data) != "a,b\n" || c[0].Params.Get("caption") != "the list" {
		t.Errorf("sendDocument calls = %+v", c)
	}
	if c := f.Calls("sendPhoto"); len(c) != 1 || c[0].Files["photo"].Name != "map.png" || c[0].Params.Get("caption") != "" {
		t.Errorf("sendPhoto calls = %+v", c)
	}
	// Optional calls failed once each and were not retried.
	if len(f.Calls("sendChatAction")) != 1 || len(f.Calls("sendVenue")) != 1 {
		t.Errorf("optional calls: %d chat actions, %d venues", len(f.Calls("sendChatAction")), len(f.Calls("sendVenue")))
	}
	waitFor(t, func() bool { return strings.Contains(logs.String(), "sendVenue failed") })
	if !strings.Contains(logs.String(), "sendVenue failed") {
		t.Error("venue failure not logged")
	}
}

func TestSetCommands(t *testing.T) {
	f := tgtest.NewFake(t)
	f.Script("setMyCommands", tgtest.ServerError())
	b, logs := MustBot(t, f.URL, &recorder{}, nil)
	b.SetCommands(context.Background(), map[investbot.Lang][]Command{
		investbot.EN: {{Name: "start", Description: "Start"}},
		investbot.JA: {{Name: "/start", Description: "開始"}},
	})
	calls := f.Calls("setMyCommands")
	if len(calls) != 3 {
		t.Fatalf("setMyCommands calls = %d, want en, ja and default", len(calls))
	}
	if calls[1].Params.Get("language_code") != "ja" || !strings.Contains(calls[1].Params.Get("commands"), `"command":"start"`) {
		t.Errorf("ja call = %v", calls[1].Params)
	}
	if calls[2].Params.Get("language_code") != "" {
		t.Errorf("default call has language %q", calls[2].Params.Get("language_code"))
	}
	if !strings.Contains(logs.String(), "setMyCommands failed") {
		t.Error("failure not logged")
	}
}

// waitFor polls cond until it holds, failing the test after 10 s.
func waitFor(tb testing.TB, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatal("condition not met within 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
