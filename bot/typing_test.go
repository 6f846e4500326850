package bot

import (
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

// A slow answer (an LLM call) shows "typing…" first; a fast one does not.
// The slow handler does not sleep for a guessed time: it returns once the
// typing action has reached the Bot API, so it is slow by construction; the
// fast one returns at once, far below the one-second threshold even on a
// loaded machine under -race.
func TestTypingOnlyWhenSlow(t *testing.T) {
	fake := tgtest.NewFake(t)
	h := &recorder{fn: func(req investbot.Request) (investbot.Reply, error) {
		if req.Text == "slow" {
			deadline := time.Now().Add(10 * time.Second)
			for len(fake.Calls("sendChatAction")) == 0 && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: "answer to " + req.Text}}}, nil
	}}
	b, _ := MustBot(t, fake.URL, h, func(c *Config) { c.TypingAfter = time.Second })
	runBot(t, b)

	fake.AddUpdate(t, `{"message":{"message_id":1,"date":1,"chat":{"id":11,"type":"private"},"from":{"id":11,"first_name":"A"},"text":"fast"}}`)
	fake.WaitCalls(t, "sendMessage", 1, 5*time.Second)
	if n := len(fake.Calls("sendChatAction")); n != 0 {
		t.Errorf("a fast answer sent %d typing actions", n)
	}
	fake.AddUpdate(t, `{"message":{"message_id":2,"date":1,"chat":{"id":12,"type":"private"},"from":{"id":12,"first_name":"B"},"text":"slow"}}`)
	fake.WaitCalls(t, "sendMessage", 2, 5*time.Second)
	actions := fake.Calls("sendChatAction")
	if len(actions) == 0 || actions[0].Params.Get("chat_id") != "12" || actions[0].Params.Get("action") != "typing" {
		t.Fatalf("a slow answer must show typing in its chat first: %+v", actions)
	}
	msgs := fake.Calls("sendMessage")
	if !actions[0].Time.Before(msgs[1].Time) {
		t.Errorf("typing came after the answer")
	}
}
