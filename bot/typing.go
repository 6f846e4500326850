package bot

import (
	"context"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/thanhhoa/investbot"
)

// Typing timings: most answers take microseconds and need no indicator;
// one that takes longer than typingAfter (an LLM call, a slow store) shows
// "typing…", renewed before Telegram's 5-second display runs out.
const (
	typingAfter = 400 * time.Millisecond
	typingEvery = 4 * time.Second
)

// typingWhileSlow shows "typing…" in the request's chat if handling takes
// longer than a moment, until the returned stop is called. The chat action
// is optional: its failure is ignored.
func (b *Bot) typingWhileSlow(ctx context.Context, req investbot.Request) (stop func()) {
	if req.ChatID == 0 || (req.Chat != investbot.ChatPrivate && req.Callback == "" && req.Text == "") {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTimer(b.typingAfter())
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			p := tgbotapi.Params{"chat_id": strconv.FormatInt(req.ChatID, 10), "action": "typing"}
			p.AddNonZero("message_thread_id", req.ThreadID)
			if _, err := b.sender.do(ctx, request{method: "sendChatAction", params: p, chatID: req.ChatID, kind: kindAction, optional: true}); err != nil {
				logFrom(ctx, b.log).DebugContext(ctx, "typing indicator failed", "err", err)
			}
			t.Reset(typingEvery)
		}
	}()
	return func() { close(done) }
}

func (b *Bot) typingAfter() time.Duration {
	if b.cfg.TypingAfter > 0 {
		return b.cfg.TypingAfter
	}
	return typingAfter
}
