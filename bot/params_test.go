package bot

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

// deprecatedParams are parameters the current Bot API (10.x) still
// accepts but has replaced: disable_web_page_preview by
// link_preview_options, reply_to_message_id and allow_sending_without_reply
// by reply_parameters (Bot API 7.0).
var deprecatedParams = []string{"disable_web_page_preview", "reply_to_message_id", "allow_sending_without_reply"}

// Every request the bot makes uses current parameters only.
func TestNoDeprecatedParameters(t *testing.T) {
	t.Parallel()
	f := tgtest.NewFake(t)
	rec := &recorder{fn: func(req investbot.Request) (investbot.Reply, error) {
		return investbot.Reply{Messages: []investbot.Message{
			{Title: "Zones", Text: "see https://example.org", ReplyTo: req.MessageID, Typing: true,
				Venue: &investbot.Venue{Lat: 19.8, Lon: 105.7, Title: "WHA"}},
			{Copy: &investbot.CopyRef{FromChatID: -2002, MessageID: 5}, ReplyTo: req.MessageID},
			{Document: &investbot.File{Name: "a.csv", Data: []byte("a")}, Text: "list", ReplyTo: req.MessageID},
			{Photo: &investbot.File{Name: "m.png", Data: []byte{1}}, Text: "map", ReplyTo: req.MessageID},
			{EditMessageID: 9, Text: "edited"},
		}}, nil
	}}
	b, _ := MustBot(t, f.URL, rec, nil)
	d := b.dec.decode(mustFixture(t, "private_text.json"))
	if err := b.process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return len(f.Calls("sendPhoto")) == 1 && len(f.Calls("editMessageText")) == 1 })
	replies := 0
	for _, c := range f.Calls("") {
		for _, p := range deprecatedParams {
			if c.Params.Has(p) {
				t.Errorf("%s sent the deprecated %s", c.Method, p)
			}
		}
		if rp := c.Params.Get("reply_parameters"); rp != "" {
			replies++
			var v struct {
				MessageID                int  `json:"message_id"`
				AllowSendingWithoutReply bool `json:"allow_sending_without_reply"`
			}
			if err := json.Unmarshal([]byte(rp), &v); err != nil || v.MessageID == 0 || !v.AllowSendingWithoutReply {
				t.Errorf("%s reply_parameters = %s", c.Method, rp)
			}
		}
		if c.Method == "sendMessage" || c.Method == "editMessageText" {
			if c.Params.Get("link_preview_options") != `{"is_disabled":true}` {
				t.Errorf("%s link_preview_options = %q", c.Method, c.Params.Get("link_preview_options"))
			}
		}
	}
	if replies != 4 {
		t.Errorf("%d calls with reply_parameters, want 4 (text, copy, document, photo)", replies)
	}
}
