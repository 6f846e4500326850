package tgtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// User is a Telegram user the test acts as.
type User struct {
	ID           int64
	FirstName    string
	UserName     string
	LanguageCode string
}

// Chat is where a user writes: a private chat (ID = the user's id) or a
// group (negative ID, Type "group" or "supergroup").
type Chat struct {
	ID    int64
	Type  string
	Title string
}

// Private is the private chat with u.
func Private(u User) Chat { return Chat{ID: u.ID, Type: "private"} }

// Client acts as users towards the bot with the given token.
type Client struct {
	// PollEvery caps the interval between reads while waiting (default
	// 250 ms). Each read makes the single-threaded emulator serialise
	// everything it stored, delaying the bot's calls: raise it while
	// measuring rates.
	PollEvery time.Duration

	e     *Emulator
	token string
	hc    *http.Client
}

// Client returns a client for the bot with token. The emulator keeps one
// update queue per token.
func (e *Emulator) Client(token string) *Client {
	return &Client{e: e, token: token, hc: &http.Client{Timeout: 30 * time.Second}}
}

// Msg is an optional part of a user message.
type Msg func(m map[string]any)

// ReplyTo makes the message a reply to message id, written by from.
func ReplyTo(id int, text string, from User) Msg {
	return func(m map[string]any) {
		m["reply_to_message"] = map[string]any{
			"message_id": id, "text": text, "date": time.Now().Unix(),
			"from": userJSON(from), "chat": m["chat"],
		}
	}
}

// Entities sets the message entities (mentions, commands).
func Entities(es ...map[string]any) Msg {
	return func(m map[string]any) { m["entities"] = es }
}

func userJSON(u User) map[string]any {
	j := map[string]any{"id": u.ID, "is_bot": false, "first_name": orName(u.FirstName)}
	if u.UserName != "" {
		j["username"] = u.UserName
	}
	if u.LanguageCode != "" {
		j["language_code"] = u.LanguageCode
	}
	return j
}

func orName(s string) string {
	if s == "" {
		return "Tester"
	}
	return s
}

func (c *Client) message(from User, chat Chat, text string, opts []Msg) map[string]any {
	ch := map[string]any{"id": chat.ID, "type": chat.Type}
	if chat.Type == "" {
		ch["type"] = "private"
	}
	if chat.Title != "" {
		ch["title"] = chat.Title
	} else {
		ch["first_name"] = orName(from.FirstName)
	}
	m := map[string]any{
		"botToken": c.token,
		"from":     userJSON(from),
		"chat":     ch,
		"date":     time.Now().Unix(),
		"text":     text,
	}
	for _, o := range opts {
		o(m)
	}
	return m
}

// SendText sends text from a user in a chat.
func (c *Client) SendText(tb testing.TB, from User, chat Chat, text string, opts ...Msg) {
	tb.Helper()
	c.post(tb, "/sendMessage", c.message(from, chat, text, opts))
}

// SendCommand sends a command ("/start ja") with its bot_command entity.
func (c *Client) SendCommand(tb testing.TB, from User, chat Chat, command string, opts ...Msg) {
	tb.Helper()
	word, _, _ := strings.Cut(command, " ")
	m := c.message(from, chat, command, opts)
	if _, ok := m["entities"]; !ok {
		m["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len([]rune(word))}}
	}
	c.post(tb, "/sendCommand", m)
}

// SendCallback presses an inline button with data under the bot message
// messageID in chat.
func (c *Client) SendCallback(tb testing.TB, from User, chat Chat, messageID int, data string) {
	tb.Helper()
	msg := c.message(from, chat, "", nil)
	delete(msg, "botToken")
	msg["message_id"] = messageID
	c.post(tb, "/sendCallback", map[string]any{
		"botToken": c.token,
		"date":     time.Now().Unix(),
		"from":     userJSON(from),
		"message":  msg,
		"data":     data,
	})
}

func (c *Client) post(tb testing.TB, path string, body any) {
	tb.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		tb.Fatalf("tgtest: encode %s: %v", path, err)
	}
	resp, err := c.hc.Post(c.e.URL+path, "application/json", bytes.NewReader(raw))
	if err != nil {
		tb.Fatalf("tgtest: POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		tb.Fatalf("tgtest: POST %s: %s %s", path, resp.Status, out)
	}
}

// BotMessage is one message the bot sent, as the emulator stored it.
type BotMessage struct {
	// Time is when the emulator received the sendMessage call.
	Time      time.Time
	MessageID int
	ChatID    int64
	ThreadID  int
	Text      string
	ParseMode string
	ReplyTo   int
	// Buttons holds the inline keyboard's callback data (or URL), row by
	// row; nil when there is none.
	Buttons [][]string
	// Raw is the stored message as the bot sent it.
	Raw map[string]any
}

// BotMessages returns everything the bot sent, in the order the emulator
// received it (edits are applied to the stored message).
func (c *Client) BotMessages(tb testing.TB) []BotMessage {
	tb.Helper()
	raw, err := json.Marshal(map[string]any{"token": c.token})
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := c.hc.Post(c.e.URL+"/getUpdatesHistory", "application/json", bytes.NewReader(raw))
	if err != nil {
		tb.Fatalf("tgtest: getUpdatesHistory: %v", err)
	}
	defer resp.Body.Close()
	var out struct {
		Result []struct {
			Time      int64          `json:"time"`
			MessageID int            `json:"messageId"`
			Message   map[string]any `json:"message"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		tb.Fatalf("tgtest: decode getUpdatesHistory: %v", err)
	}
	var msgs []BotMessage
	for _, r := range out.Result {
		m := r.Message
		chatID, isBot := m["chat_id"]
		if !isBot || m == nil {
			continue // user messages carry a chat object instead
		}
		bm := BotMessage{
			Time:      time.UnixMilli(r.Time),
			MessageID: r.MessageID,
			ChatID:    toInt64(chatID),
			ThreadID:  int(toInt64(m["message_thread_id"])),
			Text:      str(m["text"]),
			ParseMode: str(m["parse_mode"]),
			ReplyTo:   int(toInt64(m["reply_to_message_id"])),
			Raw:       m,
		}
		if bm.ReplyTo == 0 {
			bm.ReplyTo = replyParametersID(m["reply_parameters"])
		}
		if rm, ok := m["reply_markup"].(map[string]any); ok {
			rows, _ := rm["inline_keyboard"].([]any)
			for _, row := range rows {
				var r []string
				btns, _ := row.([]any)
				for _, b := range btns {
					bb, _ := b.(map[string]any)
					if d := str(bb["callback_data"]); d != "" {
						r = append(r, d)
					} else {
						r = append(r, str(bb["url"]))
					}
				}
				bm.Buttons = append(bm.Buttons, r)
			}
		}
		msgs = append(msgs, bm)
	}
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].Time.Before(msgs[j].Time) })
	return msgs
}

// ChatMessages returns the bot's messages to chat.
func (c *Client) ChatMessages(tb testing.TB, chat int64) []BotMessage {
	tb.Helper()
	var out []BotMessage
	for _, m := range c.BotMessages(tb) {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

// WaitChatMessages polls until the bot sent at least n messages to chat
// and returns them; after timeout it fails the test, showing what came.
func (c *Client) WaitChatMessages(tb testing.TB, chat int64, n int, timeout time.Duration) []BotMessage {
	tb.Helper()
	var got []BotMessage
	c.WaitFor(tb, timeout, fmt.Sprintf("%d bot messages in chat %d", n, chat), func(all []BotMessage) bool {
		got = got[:0]
		for _, m := range all {
			if m.ChatID == chat {
				got = append(got, m)
			}
		}
		return len(got) >= n
	})
	return got
}

// WaitFor polls BotMessages until cond holds; after timeout it fails the
// test with what and a summary of the messages seen.
func (c *Client) WaitFor(tb testing.TB, timeout time.Duration, what string, cond func([]BotMessage) bool) []BotMessage {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	delay := 20 * time.Millisecond
	for {
		all := c.BotMessages(tb)
		if cond(all) {
			return all
		}
		if time.Now().After(deadline) {
			var b strings.Builder
			for i, m := range all {
				if i == 20 {
					fmt.Fprintf(&b, "  … and %d more\n", len(all)-20)
					break
				}
				fmt.Fprintf(&b, "  chat %d: %.60q\n", m.ChatID, m.Text)
			}
			tb.Fatalf("tgtest: waited %s for %s; the bot sent %d messages:\n%s", timeout, what, len(all), b.String())
		}
		time.Sleep(delay)
		limit := c.PollEvery
		if limit <= 0 {
			limit = 250 * time.Millisecond
		}
		delay = min(2*delay, limit)
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case float64:
		return int64(x)
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	}
	return 0
}

// replyParametersID reads message_id from reply_parameters, which the
// emulator keeps as the bot sent it: a JSON string, or an object.
func replyParametersID(v any) int {
	switch rp := v.(type) {
	case string:
		var o struct {
			MessageID int `json:"message_id"`
		}
		if json.Unmarshal([]byte(rp), &o) == nil {
			return o.MessageID
		}
	case map[string]any:
		return int(toInt64(rp["message_id"]))
	}
	return 0
}
