package bot

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

// These tests run the real Bot, through the real library, against the npm
// Bot API emulator (telegram-test-api), acting as users over its client
// routes.

const e2eToken = "424242:e2e-SECRET-token"

// e2eHandler echoes, offers buttons, writes a 10,000-character answer and
// answers callbacks.
func e2eHandler() *recorder {
	return &recorder{fn: func(req investbot.Request) (investbot.Reply, error) {
		switch {
		case req.Callback != "":
			return investbot.Reply{CallbackText: "got " + req.Callback,
				Messages: []investbot.Message{{Text: "you pressed " + req.Callback}}}, nil
		case req.Command != "":
			return investbot.Reply{Messages: []investbot.Message{{Text: "command " + req.Command + " args " + req.Args}}}, nil
		case req.Text == "buttons":
			return investbot.Reply{Messages: []investbot.Message{{Text: "pick one",
				Buttons: [][]investbot.Button{{{Text: "Yes", Data: "yes"}, {Text: "No", Data: "no"}}}}}}, nil
		case req.Text == "long":
			return investbot.Reply{Messages: []investbot.Message{{Title: "Long answer", Text: longText(),
				Buttons: [][]investbot.Button{{{Text: "More", Data: "more"}}}}}}, nil
		case req.Text == "extras":
			return investbot.Reply{Messages: []investbot.Message{{Text: "with pin", Typing: true,
				Venue: &investbot.Venue{Lat: 19.4, Lon: 105.8, Title: "Nghi Son", Address: "Thanh Hoa"}}}}, nil
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: "echo: " + req.Text}}}, nil
	}}
}

// longText is a 10,000-character answer with paragraphs, escapes and
// multi-byte text.
func longText() string {
	var b strings.Builder
	for i := 0; b.Len() < 12_000; i++ {
		fmt.Fprintf(&b, "Paragraph %d: Nghi Sơn economic zone <deep-water port> & industrial parks, 工業団地.\n\n", i)
	}
	return string([]rune(b.String())[:10_000])
}

func e2eBot(t *testing.T, endpoint string, h Handler, mutate func(*Config)) *Bot {
	t.Helper()
	b, _ := MustBot(t, endpoint, h, func(c *Config) {
		c.Token = e2eToken
		c.Limits = DefaultLimits()
		if mutate != nil {
			mutate(c)
		}
	})
	runBot(t, b)
	return b
}

func TestE2E(t *testing.T) {
	t.Parallel()
	emu := tgtest.StartEmulator(t)
	// The bot talks to a recording front that passes everything the
	// emulator knows to it and fakes the rest.
	front := tgtest.NewFake(t)
	front.Proxy(emu.URL)
	h := e2eHandler()
	b := e2eBot(t, front.URL, h, nil)
	if b.Username() != "TestNameBot" {
		t.Fatalf("username from the emulator's getMe = %q", b.Username())
	}
	c := emu.Client(e2eToken)
	const wait = 15 * time.Second

	t.Run("private message", func(t *testing.T) {
		u := tgtest.User{ID: 1001, FirstName: "Aiko", LanguageCode: "ja"}
		c.SendText(t, u, tgtest.Private(u), "hello <bot> & co")
		got := c.WaitChatMessages(t, u.ID, 1, wait)
		eq(t, "text", got[0].Text, "echo: hello &lt;bot&gt; &amp; co")
		eq(t, "parse_mode", got[0].ParseMode, "HTML")
	})

	t.Run("command", func(t *testing.T) {
		u := tgtest.User{ID: 1002, LanguageCode: "vi"}
		c.SendCommand(t, u, tgtest.Private(u), "/start ja")
		got := c.WaitChatMessages(t, u.ID, 1, wait)
		eq(t, "text", got[0].Text, "command start args ja")
	})

	t.Run("callback", func(t *testing.T) {
		u := tgtest.User{ID: 1003}
		c.SendText(t, u, tgtest.Private(u), "buttons")
		got := c.WaitChatMessages(t, u.ID, 1, wait)
		if len(got[0].Buttons) != 1 || got[0].Buttons[0][0] != "yes" {
			t.Fatalf("keyboard = %v", got[0].Buttons)
		}
		c.SendCallback(t, u, tgtest.Private(u), got[0].MessageID, "yes")
		got = c.WaitChatMessages(t, u.ID, 2, wait)
		eq(t, "after press", got[1].Text, "you pressed yes")
		ans := front.WaitCalls(t, "answerCallbackQuery", 1, wait)
		eq(t, "toast", ans[0].Params.Get("text"), "got yes")
		eq(t, "answered by the emulator", ans[0].Status, 200)
	})

	t.Run("long reply is split", func(t *testing.T) {
		u := tgtest.User{ID: 1004}
		c.SendText(t, u, tgtest.Private(u), "long")
		got := c.WaitChatMessages(t, u.ID, 3, wait)
		var all strings.Builder
		for i, m := range got {
			if n := utf16Len(m.Text); n > maxMessageLen {
				t.Errorf("part %d: %d UTF-16 units", i, n)
			}
			if err := checkHTML(m.Text); err != nil {
				t.Errorf("part %d not well-formed: %v", i, err)
			}
			if (m.Buttons != nil) != (i == len(got)-1) {
				t.Errorf("part %d buttons = %v", i, m.Buttons)
			}
			all.WriteString(unescape(m.Text))
		}
		if noSpace(all.String()) != noSpace("Long answer"+longText()) {
			t.Errorf("the parts do not add up to the answer")
		}
		if !strings.HasPrefix(got[0].Text, "<b>Long answer</b>") {
			t.Errorf("first part starts %.30q", got[0].Text)
		}
	})

	t.Run("group", func(t *testing.T) {
		u := tgtest.User{ID: 1005, FirstName: "Minh"}
		g := tgtest.Chat{ID: -5005, Type: "group", Title: "Investors"}
		c.SendText(t, u, g, "good morning all")
		c.SendText(t, u, g, "@TestNameBot which zones have a port?")
		c.SendText(t, u, g, "more chatter")
		c.SendCommand(t, u, g, "/zones@TestNameBot")
		c.SendCommand(t, u, g, "/zones@SomeOtherBot")
		c.SendText(t, u, g, "last chatter")
		c.SendText(t, u, g, "buttons") // marks the end: not addressed either
		c.SendText(t, u, g, "and a reply", tgtest.ReplyTo(1, "x", tgtest.User{ID: 666, FirstName: "Bot", UserName: "TestNameBot"}))
		got := c.WaitChatMessages(t, g.ID, 3, wait)
		// Updates from one chat are handled in order, so by the time the
		// reply to the bot is answered everything before it was seen.
		var texts []string
		for _, m := range got {
			texts = append(texts, m.Text)
		}
		want := []string{"echo: which zones have a port?", "command zones args", "echo: and a reply"}
		if fmt.Sprint(texts) != fmt.Sprint(want) {
			t.Errorf("group replies = %q, want %q", texts, want)
		}
	})

	t.Run("optional calls fail at the emulator, text still arrives", func(t *testing.T) {
		// Straight to the emulator: sendChatAction and sendVenue get 500.
		e2eBot(t, emu.URL, e2eHandler(), func(c *Config) { c.Token = "777:direct-token" })
		dc := emu.Client("777:direct-token")
		u := tgtest.User{ID: 1006}
		dc.SendText(t, u, tgtest.Private(u), "extras")
		got := dc.WaitChatMessages(t, u.ID, 1, wait)
		eq(t, "text", got[0].Text, "with pin")
	})
}

// TestE2EBurst: 300 users each send 3 messages at once. Every message must
// be answered exactly once, and the times the emulator records must keep
// Telegram's limits: at most 30 messages in any 1 s window overall, and
// per chat at most the burst plus 1 per second.
func TestE2EBurst(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("burst takes ~35 s")
	}
	emu := tgtest.StartEmulator(t)
	h := e2eHandler()
	const users, each = 300, 3
	c := emu.Client(e2eToken)
	c.PollEvery = 2 * time.Second

	// Users first, bot second: the whole burst is waiting at the first poll.
	start := time.Now()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for u := 1; u <= users; u++ {
		for k := 1; k <= each; k++ {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				user := tgtest.User{ID: int64(20000 + u)}
				c.SendText(t, user, tgtest.Private(user), fmt.Sprintf("u%d m%d", u, k))
			}()
		}
	}
	wg.Wait()
	sent := time.Since(start)

	// The times the bot's requests leave it: what the pacer controls. The
	// emulator's receipt times add the network and Node.js's scheduling,
	// which can bunch messages the bot spaced correctly.
	out := &sendTimes{next: http.DefaultTransport}
	b := e2eBot(t, emu.URL, h, func(c *Config) { c.HTTPClient = &http.Client{Transport: out} })
	botStart := time.Now()
	all := c.WaitFor(t, 120*time.Second, fmt.Sprintf("%d replies", users*each), func(m []BotMessage) bool {
		return len(m) >= users*each
	})
	took := time.Since(botStart)

	// Exactly once.
	seen := map[string]int{}
	byChat := map[int64][]time.Time{}
	for _, m := range all {
		seen[m.Text]++
		byChat[m.ChatID] = append(byChat[m.ChatID], m.Time)
	}
	for u := 1; u <= users; u++ {
		for k := 1; k <= each; k++ {
			if n := seen[fmt.Sprintf("echo: u%d m%d", u, k)]; n != 1 {
				t.Errorf("u%d m%d answered %d times", u, k, n)
			}
		}
	}
	if len(all) != users*each {
		t.Errorf("%d bot messages, want %d", len(all), users*each)
	}

	// Global: any window [t, t+1s) of the bot's sends holds at most 30,
	// and per chat: count in [t_i, t_j] ≤ burst + whole seconds elapsed.
	// Both are checked on the times the requests left the bot, which its
	// limits decide; the emulator's receipt times are only reported.
	sends, sendsByChat := out.get()
	if len(sends) < users*each {
		t.Fatalf("%d sendMessage requests recorded, want at least %d", len(sends), users*each)
	}
	maxWin := maxInWindow(sends, time.Second)
	if maxWin > 30 {
		t.Errorf("%d messages sent within one second, limit 30", maxWin)
	}
	lim := b.sender.limits
	for chat, ts := range sendsByChat {
		for i := range ts {
			for j := i; j < len(ts); j++ {
				allowed := lim.PrivateBurst + int(ts[j].Sub(ts[i]).Seconds()*lim.PrivateRate)
				if j-i+1 > allowed {
					t.Errorf("chat %s: %d messages sent in %s", chat, j-i+1, ts[j].Sub(ts[i]))
				}
			}
		}
	}
	times := make([]time.Time, len(all))
	for i, m := range all {
		times[i] = m.Time
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	t.Logf("busiest 1 s window at the emulator's receipt times (with network jitter): %d", maxInWindow(times, time.Second))
	span := times[len(times)-1].Sub(times[0])
	t.Logf("burst: %d user messages posted in %s; %d replies in %s after the bot started (first-to-last reply %s, %.1f msg/s); busiest 1 s window: %d",
		users*each, sent.Round(time.Millisecond), len(all), took.Round(time.Millisecond), span.Round(time.Millisecond),
		float64(len(all)-1)/span.Seconds(), maxWin)
}

// sendTimes records when each sendMessage request leaves the bot, overall
// and per chat, in order.
type sendTimes struct {
	next   http.RoundTripper
	mu     sync.Mutex
	all    []time.Time
	byChat map[string][]time.Time
}

func (s *sendTimes) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/sendMessage") && r.Body != nil {
		at := time.Now()
		body, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return nil, err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		chat := chatOf(r.Header.Get("Content-Type"), body)
		s.mu.Lock()
		if s.byChat == nil {
			s.byChat = map[string][]time.Time{}
		}
		s.all = append(s.all, at)
		s.byChat[chat] = append(s.byChat[chat], at)
		s.mu.Unlock()
	}
	return s.next.RoundTrip(r)
}

// get returns the recorded times, sorted.
func (s *sendTimes) get() ([]time.Time, map[string][]time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := slices.Clone(s.all)
	slices.SortFunc(all, time.Time.Compare)
	by := map[string][]time.Time{}
	for c, ts := range s.byChat {
		by[c] = slices.Clone(ts)
		slices.SortFunc(by[c], time.Time.Compare)
	}
	return all, by
}

// chatOf reads chat_id from a form or multipart request body.
func chatOf(contentType string, body []byte) string {
	mt, params, _ := mime.ParseMediaType(contentType)
	if mt == "multipart/form-data" {
		form, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).ReadForm(1 << 20)
		if err == nil && len(form.Value["chat_id"]) > 0 {
			return form.Value["chat_id"][0]
		}
		return ""
	}
	v, _ := url.ParseQuery(string(body))
	return v.Get("chat_id")
}

// BotMessage is the harness's type, named here for the WaitFor callback.
type BotMessage = tgtest.BotMessage

// maxInWindow is the largest number of sorted times within any half-open
// window [t, t+w).
func maxInWindow(times []time.Time, w time.Duration) int {
	best, j := 0, 0
	for i := range times {
		for j < len(times) && times[j].Sub(times[i]) < w {
			j++
		}
		best = max(best, j-i)
	}
	return best
}
