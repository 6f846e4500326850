package tgtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func postForm(t *testing.T, u string, v url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := http.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return resp.StatusCode, m
}

func TestEmulatorRoundTrip(t *testing.T) {
	e := StartEmulator(t)
	c := e.Client("123:abc")
	u := User{ID: 501, FirstName: "Aiko", LanguageCode: "ja"}
	c.SendText(t, u, Private(u), "hello")
	c.SendCommand(t, u, Private(u), "/start ja")

	_, got := postForm(t, e.URL+"/bot123:abc/getUpdates", url.Values{"timeout": {"1"}})
	res, _ := got["result"].([]any)
	if len(res) != 2 {
		t.Fatalf("getUpdates = %v", got)
	}
	msg := res[0].(map[string]any)["message"].(map[string]any)
	if msg["text"] != "hello" || msg["from"].(map[string]any)["language_code"] != "ja" {
		t.Errorf("update = %v", msg)
	}
	// Unread updates are returned once.
	_, again := postForm(t, e.URL+"/bot123:abc/getUpdates", nil)
	if res, _ := again["result"].([]any); len(res) != 0 {
		t.Errorf("second getUpdates = %v", again)
	}

	status, _ := postForm(t, e.URL+"/bot123:abc/sendMessage", url.Values{
		"chat_id": {"501"}, "text": {"<b>hi</b>"}, "parse_mode": {"HTML"},
		"reply_markup": {`{"inline_keyboard":[[{"text":"A","callback_data":"a"}]]}`},
	})
	if status != 200 {
		t.Fatalf("sendMessage status %d", status)
	}
	msgs := c.WaitChatMessages(t, 501, 1, 5*time.Second)
	if msgs[0].Text != "<b>hi</b>" || msgs[0].ParseMode != "HTML" || msgs[0].Buttons[0][0] != "a" || msgs[0].Time.IsZero() {
		t.Errorf("bot message = %+v", msgs[0])
	}
	for _, m := range []string{"sendVenue", "sendChatAction", "setMyCommands"} {
		if status, _ := postForm(t, e.URL+"/bot123:abc/"+m, url.Values{"chat_id": {"501"}}); status != 500 {
			t.Errorf("%s: status %d, want the emulator's 500", m, status)
		}
	}
}

func TestFakeProxyAndScript(t *testing.T) {
	e := StartEmulator(t)
	f := NewFake(t)
	f.Proxy(e.URL)
	f.Script("sendMessage", TooManyRequests(1))
	if status, _ := postForm(t, f.URL+"/botT/sendMessage", url.Values{"chat_id": {"1"}, "text": {"x"}}); status != 429 {
		t.Errorf("scripted status %d", status)
	}
	if status, _ := postForm(t, f.URL+"/botT/sendMessage", url.Values{"chat_id": {"1"}, "text": {"y"}}); status != 200 {
		t.Errorf("proxied status %d", status)
	}
	if status, _ := postForm(t, f.URL+"/botT/sendVenue", url.Values{"chat_id": {"1"}}); status != 200 {
		t.Errorf("faked sendVenue status %d", status)
	}
	if got := e.Client("T").ChatMessages(t, 1); len(got) != 1 || got[0].Text != "y" {
		t.Errorf("emulator stored %+v", got)
	}
	calls := f.Calls("")
	if len(calls) != 3 || calls[2].Method != "sendVenue" || !strings.Contains(calls[1].Params.Get("text"), "y") {
		t.Errorf("calls = %+v", calls)
	}
}

func TestFakeGetUpdatesOffset(t *testing.T) {
	f := NewFake(t)
	f.MaxPoll = 50 * time.Millisecond
	id := f.AddUpdate(t, `{"message":{"message_id":1,"chat":{"id":1,"type":"private"},"text":"a"}}`)
	bad := f.AddUpdate(t, `{not json`)
	_, got := postForm(t, f.URL+"/botT/getUpdates", url.Values{"timeout": {"1"}})
	if res, _ := got["result"].([]any); len(res) != 2 {
		t.Fatalf("getUpdates = %v", got)
	}
	_, got = postForm(t, f.URL+"/botT/getUpdates", url.Values{"offset": {jsonNum(bad + 1)}})
	if res, _ := got["result"].([]any); len(res) != 0 || f.Pending() != 0 || bad != id+1 {
		t.Fatalf("after ack: %v pending %d", got, f.Pending())
	}
}

func jsonNum(n int64) string { b, _ := json.Marshal(n); return string(b) }
