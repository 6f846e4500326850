package bot

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// jsonEncodeRequest is the reference: wireRequest through encoding/json,
// HTML left as it is (what encodeRequest did before it was written by
// hand).
func jsonEncodeRequest(t testing.TB, r request) []byte {
	w := wireRequest{Method: r.method, Params: r.params, Chat: r.chatID, Kind: r.kind, Optional: r.optional, Ticket: r.ticket}
	for _, f := range r.files {
		w.Files = append(w.Files, wireFile{Field: f.field, Name: f.name, Data: f.data})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(w); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// The hand-written encoder writes the very bytes encoding/json writes, so
// that entries written by either version read back alike.
func TestEncodeRequestMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	text := "<b>Nghi Sơn EZ</b> — 106,000 ha \"quoted\" back\\slash\nnew line\ttab\r\x00\x01\x1f\x7f\b\f é 日本語 한국어 🏭 \u2028\u2029 &amp; <a href=\"x?a=1&b=2\">"
	tests := []struct {
		name string
		r    request
	}{
		{"minimal", request{method: "sendMessage"}},
		{"message", request{method: "sendMessage", chatID: 8300000001, params: tgbotapi.Params{
			"chat_id": "8300000001", "text": text, "parse_mode": "HTML", "link_preview_options": noLinkPreview,
			"reply_markup": `{"inline_keyboard":[[{"text":"WHA","callback_data":"e:zone.wha"}]]}`,
		}, ticket: "T12"}},
		{"action", request{method: "sendChatAction", chatID: -100123, kind: kindAction, optional: true, params: tgbotapi.Params{"chat_id": "-100123", "action": "typing"}}},
		{"invalid utf-8", request{method: "sendMessage", params: tgbotapi.Params{"text": "a\xffb\xc3(c\xe2\x82"}}},
		{"empty values", request{method: "m", params: tgbotapi.Params{"": "", "k": ""}}},
		{"files", request{method: "sendDocument", chatID: 5, params: tgbotapi.Params{"caption": "leads"}, files: []upload{
			{field: "document", name: "leads.csv", data: []byte("a,b\n1,2\n\x00\xff")}, {field: "photo", name: "", data: []byte{}}, {field: "x", name: "nil"},
		}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := encodeRequest(tc.r)
			if err != nil {
				t.Fatal(err)
			}
			if want := jsonEncodeRequest(t, tc.r); !bytes.Equal(got, want) {
				t.Fatalf("encodeRequest:\n got %s\nwant %s", got, want)
			}
			back, err := decodeRequest(got)
			if err != nil {
				t.Fatal(err)
			}
			ref, _ := decodeRequest(jsonEncodeRequest(t, tc.r))
			if !reflect.DeepEqual(back, ref) {
				t.Errorf("decoded:\n got %+v\nwant %+v", back, ref)
			}
		})
	}
}

// FuzzEncodeRequest: any text and ticket encode as encoding/json does.
func FuzzEncodeRequest(f *testing.F) {
	f.Add("hello <b>world</b>", "T1", int64(42))
	f.Add("\x00\xff\u2028\"\\", "", int64(-1))
	f.Fuzz(func(t *testing.T, text, ticket string, chat int64) {
		r := request{method: "sendMessage", chatID: chat, ticket: ticket, params: tgbotapi.Params{"text": text, ticket: text}}
		got, _ := encodeRequest(r)
		if want := jsonEncodeRequest(t, r); !bytes.Equal(got, want) {
			t.Fatalf("encodeRequest:\n got %q\nwant %q", got, want)
		}
	})
}

func BenchmarkEncodeRequest(b *testing.B) {
	r := request{method: "sendMessage", chatID: 8300000001, params: tgbotapi.Params{
		"chat_id": "8300000001", "parse_mode": "HTML", "link_preview_options": noLinkPreview,
		"text":         "<b>Nghi Sơn Economic Zone</b>\nThe zone covers 106,000 ha (66,497 ha of land) in the south of Thanh Hóa province; it was set up in 2006 and extended in 2015.\n\n<i>Source: Thanh Hóa Portal, 2024-05-02</i>",
		"reply_markup": `{"inline_keyboard":[[{"text":"Full answer","callback_data":"e:zone.nghi-son-ez"}],[{"text":"Japan Desk","callback_data":"h:desk"}]]}`,
	}}
	b.Run("hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = encodeRequest(r)
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = jsonEncodeRequest(b, r)
		}
	})
}
