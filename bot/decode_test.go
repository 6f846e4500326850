package bot

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/thanhhoa/investbot"
)

func testDecoder() *decoder {
	return &decoder{
		botID:       777,
		botUsername: "InvestBot",
		staffChatID: -2002,
		roles: func(id int64) investbot.Role {
			if id == 9 {
				return investbot.RoleStaff
			}
			return investbot.RoleInvestor
		},
	}
}

func mustFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "updates", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	tests := []struct {
		file   string
		what   decision
		id     int64
		check  func(t *testing.T, r investbot.Request)
		reason string
	}{
		{file: "private_text.json", id: 100, check: func(t *testing.T, r investbot.Request) {
			eq(t, "text", r.Text, "What incentives exist for electronics?")
			eq(t, "user", r.UserID, int64(42))
			eq(t, "chat", r.ChatID, int64(42))
			eq(t, "kind", r.Chat, investbot.ChatPrivate)
			eq(t, "lang", r.LangHint, investbot.JA)
			eq(t, "name", r.UserName, "Aiko Sato")
			eq(t, "msg", r.MessageID, 5)
		}},
		{file: "command_start_ja.json", id: 101, check: func(t *testing.T, r investbot.Request) {
			eq(t, "cmd", r.Command, "start")
			eq(t, "args", r.Args, "ja")
			eq(t, "text", r.Text, "")
			eq(t, "lang", r.LangHint, investbot.EN)
		}},
		{file: "command_botname_group.json", id: 102, check: func(t *testing.T, r investbot.Request) {
			eq(t, "cmd", r.Command, "zones")
			eq(t, "args", r.Args, "wha")
			eq(t, "kind", r.Chat, investbot.ChatGroup)
			eq(t, "lang", r.LangHint, investbot.VI)
		}},
		{file: "command_otherbot_group.json", what: ignore},
		{file: "group_chatter.json", what: ignore},
		{file: "group_mention.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "text", r.Text, "日本  how big is Nghi Son?")
			eq(t, "lang", r.LangHint, investbot.KO)
		}},
		{file: "group_text_mention.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "text", r.Text, "Bot, land prices?")
		}},
		{file: "group_reply_to_bot.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "reply", r.ReplyTo, 3)
		}},
		{file: "staff_reply.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "role", r.Role, investbot.RoleStaff)
			eq(t, "thread", r.ThreadID, 77)
			eq(t, "reply", r.ReplyTo, 70)
		}},
		{file: "forward_origin_user.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "fwd", r.Forwarded, true)
			eq(t, "from", r.ForwardFrom, "Ken Ito")
			eq(t, "text", r.Text, "Is this offer real?")
		}},
		{file: "forward_origin_hidden.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "fwd", r.Forwarded, true)
			eq(t, "from", r.ForwardFrom, "Mystery Broker")
		}},
		{file: "forward_origin_channel.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "from", r.ForwardFrom, "Thanh Hoa News")
		}},
		{file: "forward_legacy_name.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "fwd", r.Forwarded, true)
			eq(t, "from", r.ForwardFrom, "Old Client")
		}},
		{file: "callback.json", id: 113, check: func(t *testing.T, r investbot.Request) {
			eq(t, "data", r.Callback, "zone:wha-1")
			eq(t, "id", r.CallbackID, "cb-1")
			eq(t, "chat", r.ChatID, int64(42))
			eq(t, "msg", r.MessageID, 20)
			eq(t, "lang", r.LangHint, investbot.KO)
			eq(t, "text", r.Text, "")
		}},
		{file: "photo_caption.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "text", r.Text, "our site plan")
			if r.Attachment == nil {
				t.Fatal("no attachment")
			}
			eq(t, "kind", r.Attachment.Kind, investbot.AttachPhoto)
			eq(t, "file", r.Attachment.FileID, "big")
			eq(t, "size", r.Attachment.Size, int64(90000))
		}},
		{file: "document.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "kind", r.Attachment.Kind, investbot.AttachDocument)
			eq(t, "name", r.Attachment.FileName, "plan.pdf")
		}},
		{file: "location.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "kind", r.Attachment.Kind, investbot.AttachLocation)
		}},
		{file: "voice_sticker.json", check: func(t *testing.T, r investbot.Request) {
			eq(t, "kind", r.Attachment.Kind, investbot.AttachVoice)
			eq(t, "file", r.Attachment.FileID, "v1")
		}},
		{file: "edited.json", id: 117, check: func(t *testing.T, r investbot.Request) {
			eq(t, "edited", r.Edited, true)
			eq(t, "text", r.Text, "khu cong nghiep nao gan cang?")
			eq(t, "lang", r.LangHint, investbot.VI)
		}},
		{file: "channel_post.json", what: ignore, id: 118},
		{file: "malformed.json", what: invalid},
		{file: "wrong_types.json", what: invalid, id: 120},
		{file: "no_message.json", what: ignore, id: 121},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d := testDecoder().decode(mustFixture(t, tt.file))
			if d.what != tt.what {
				t.Fatalf("decision = %v (%s), want %v", d.what, d.reason, tt.what)
			}
			if tt.id != 0 && d.updateID != tt.id {
				t.Errorf("update id = %d, want %d", d.updateID, tt.id)
			}
			if d.what != handle && d.reason == "" {
				t.Error("dropped update without a reason")
			}
			if tt.check != nil {
				eq(t, "req.UpdateID", d.req.UpdateID, d.updateID)
				tt.check(t, d.req)
			}
		})
	}
}

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		text          string
		cmd, bot, arg string
		ok            bool
	}{
		{"/start", "start", "", "", true},
		{"/START@InvestBot  zone_wha-1 ", "start", "InvestBot", "zone_wha-1", true},
		{"/help\nmore", "help", "", "more", true},
		{"/", "", "", "", false},
		{"/ start", "", "", "", false},
		{"/日本", "", "", "", false},
		{"hello /start", "", "", "", false},
	}
	for _, tt := range tests {
		cmd, bot, arg, ok := parseCommand(tt.text, nil)
		if cmd != tt.cmd || bot != tt.bot || arg != tt.arg || ok != tt.ok {
			t.Errorf("parseCommand(%q) = %q %q %q %v, want %q %q %q %v", tt.text, cmd, bot, arg, ok, tt.cmd, tt.bot, tt.arg, tt.ok)
		}
	}
}

// A callback query without a sender or without its message is dropped as
// invalid, as messages without a sender are: the handlers need the user
// for the session and the message for its chat and its ticket binding.
func TestDecodeCallbackWithoutSenderOrMessage(t *testing.T) {
	d := testDecoder()
	for name, raw := range map[string]string{
		"no from":        `{"update_id":7,"callback_query":{"id":"cb","data":"draft:T1","message":{"message_id":5,"date":1,"chat":{"id":-1001,"type":"supergroup"}}}}`,
		"no message":     `{"update_id":8,"callback_query":{"id":"cb","data":"draft:T1","from":{"id":42,"first_name":"A"}}}`,
		"inline message": `{"update_id":9,"callback_query":{"id":"cb","data":"draft:T1","from":{"id":42,"first_name":"A"},"inline_message_id":"abc"}}`,
	} {
		got := d.decode([]byte(raw))
		if got.what != invalid || got.updateID == 0 || got.reason == "" {
			t.Errorf("%s: decoded as %v (update %d, %q), want invalid with its id", name, got.what, got.updateID, got.reason)
		}
	}
}

// A message without a chat id or a sender is dropped as invalid (and
// acknowledged), never handled as user 0, whose session would be shared
// by every such message.
func TestDecodeMessageWithoutChatOrSender(t *testing.T) {
	d := testDecoder()
	for name, raw := range map[string]string{
		"no sender": `{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":42,"type":"private"},"text":"hello"}}`,
		"chat 0":    `{"update_id":6,"message":{"message_id":1,"date":1,"chat":{"id":0,"type":"private"},"from":{"id":42,"first_name":"A"},"text":"hello"}}`,
	} {
		got := d.decode([]byte(raw))
		if got.what != invalid || got.updateID == 0 {
			t.Errorf("%s: decoded as %v (update %d), want invalid with its id", name, got.what, got.updateID)
		}
	}
}
