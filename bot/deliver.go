package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/thanhhoa/investbot"
)

// Deliver sends messages that answer no update — ticket reminders,
// announcements — through the same rate-limited sender. Every message must
// name its chat. It returns how many were delivered and the errors of the
// others, joined; one failure does not stop the rest.
func (b *Bot) Deliver(ctx context.Context, msgs []investbot.Message) (int, error) {
	var errs []error
	sent := 0
	for i, m := range msgs {
		if m.ChatID == 0 {
			errs = append(errs, errors.New("bot: deliver: message without chat"))
			continue
		}
		if err := b.send(ctx, investbot.Request{}, m); err != nil {
			// The index, not the chat: a private chat's id is the user's,
			// and this error is logged.
			errs = append(errs, fmt.Errorf("bot: deliver message %d of %d: %w", i+1, len(msgs), err))
			continue
		}
		sent++
	}
	return sent, errors.Join(errs...)
}
