package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/thanhhoa/investbot/handlers"
)

// target is the chat a message goes to.
func target(req handlers.Request, m handlers.Message) int64 {
	if m.ChatID != 0 {
		return m.ChatID
	}
	return req.ChatID
}

// thread is the forum topic a message goes to: its own, or the request's
// when it answers in the request's chat.
func thread(req handlers.Request, m handlers.Message) int {
	if m.ThreadID != 0 {
		return m.ThreadID
	}
	if m.ChatID == 0 || m.ChatID == req.ChatID {
		return req.ThreadID
	}
	return 0
}

// send renders one Message into Bot API calls: the chat action, the body
// (copy, document, photo, edit or text parts), then the venue. Optional
// calls may fail without affecting the text. The error is the first
// essential call that failed for good.
func (b *Bot) send(ctx context.Context, req handlers.Request, m handlers.Message) error {
	chat := target(req, m)
	if chat == 0 {
		return errors.New("bot: message without chat")
	}
	th := thread(req, m)
	base := func() tgbotapi.Params {
		p := tgbotapi.Params{"chat_id": strconv.FormatInt(chat, 10)}
		p.AddNonZero("message_thread_id", th)
		return p
	}
	log := logFrom(ctx, b.log)

	if m.Typing {
		p := base()
		p["action"] = "typing"
		if _, err := b.sender.do(ctx, request{method: "sendChatAction", params: p, chatID: chat, kind: kindAction, optional: true}); err != nil {
			log.DebugContext(ctx, "sendChatAction failed", "err", err)
		}
	}

	kb, truncated := keyboard(m.Buttons)
	for _, d := range truncated {
		log.WarnContext(ctx, "callback data over 64 bytes truncated", "data", d)
	}
	var markup string
	if kb != nil {
		raw, err := json.Marshal(kb)
		if err != nil {
			return fmt.Errorf("bot: encode keyboard: %w", err)
		}
		markup = string(raw)
	}
	replyTo := func(p tgbotapi.Params) {
		if m.ReplyTo != 0 {
			p.AddNonZero("reply_to_message_id", m.ReplyTo)
			p.AddBool("allow_sending_without_reply", true)
		}
	}

	var err error
	switch {
	case m.Copy != nil:
		p := base()
		p["from_chat_id"] = strconv.FormatInt(m.Copy.FromChatID, 10)
		p.AddNonZero("message_id", m.Copy.MessageID)
		replyTo(p)
		p.AddNonEmpty("reply_markup", markup)
		var res json.RawMessage
		res, err = b.sender.do(ctx, request{method: "copyMessage", params: p, chatID: chat})
		b.sent(ctx, m, chat, res)
	case m.Document != nil || m.Photo != nil:
		err = b.sendFile(ctx, m, base, replyTo, markup, chat)
	default:
		parts := renderParts(m.Title, m.Text, m.Pre, maxMessageLen)
		err = b.sendParts(ctx, m, parts, base, replyTo, markup, chat)
	}

	if m.Venue != nil {
		p := base()
		p.AddNonZeroFloat("latitude", m.Venue.Lat)
		p.AddNonZeroFloat("longitude", m.Venue.Lon)
		p["title"] = orDefault(m.Venue.Title, "📍")
		p["address"] = orDefault(m.Venue.Address, m.Venue.Title)
		if _, verr := b.sender.do(ctx, request{method: "sendVenue", params: p, chatID: chat, optional: true}); verr != nil {
			log.WarnContext(ctx, "sendVenue failed", "err", verr)
		}
	}
	return err
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// sendParts sends text parts, editing EditMessageID with the first one
// when asked. The keyboard goes on the last part only.
func (b *Bot) sendParts(ctx context.Context, m handlers.Message, parts []string, base func() tgbotapi.Params, replyTo func(tgbotapi.Params), markup string, chat int64) error {
	if len(parts) == 0 {
		if m.EditMessageID != 0 && markup != "" {
			p := base()
			delete(p, "message_thread_id")
			p.AddNonZero("message_id", m.EditMessageID)
			p["reply_markup"] = markup
			_, err := b.sender.do(ctx, request{method: "editMessageReplyMarkup", params: p, chatID: chat})
			return err
		}
		return nil
	}
	for i, text := range parts {
		p := base()
		p["text"] = text
		p["parse_mode"] = "HTML"
		p.AddBool("disable_web_page_preview", true)
		if i == len(parts)-1 {
			p.AddNonEmpty("reply_markup", markup)
		}
		method := "sendMessage"
		if i == 0 && m.EditMessageID != 0 {
			method = "editMessageText"
			delete(p, "message_thread_id")
			p.AddNonZero("message_id", m.EditMessageID)
		} else if i == 0 {
			replyTo(p)
		}
		res, err := b.sender.do(ctx, request{method: method, params: p, chatID: chat})
		if err != nil {
			return fmt.Errorf("part %d of %d: %w", i+1, len(parts), err)
		}
		b.sent(ctx, m, chat, res)
	}
	return nil
}

// sent reports a message sent for a ticket to Config.OnSent, with the id
// Telegram gave it (every part of a long text gets its own), so that a
// staff reply to any of them is tied to the ticket. copyMessage answers
// with a MessageId, the others with the Message: both carry message_id.
func (b *Bot) sent(ctx context.Context, m handlers.Message, chat int64, res json.RawMessage) {
	if m.Ticket == "" || b.cfg.OnSent == nil || len(res) == 0 {
		return
	}
	var r struct {
		MessageID int `json:"message_id"`
	}
	if json.Unmarshal(res, &r) != nil || r.MessageID == 0 {
		return
	}
	b.cfg.OnSent(ctx, chat, r.MessageID, m.Ticket)
}

// sendFile uploads a document or photo with the first part of the text as
// its caption; text beyond the caption limit follows as messages.
func (b *Bot) sendFile(ctx context.Context, m handlers.Message, base func() tgbotapi.Params, replyTo func(tgbotapi.Params), markup string, chat int64) error {
	method, field, f := "sendDocument", "document", m.Document
	if m.Document == nil {
		method, field, f = "sendPhoto", "photo", m.Photo
	}
	caption := renderParts(m.Title, m.Text, m.Pre, maxCaptionLen)
	var rest []string
	if len(caption) > 1 {
		// Keep the caption short and send the whole text after the file.
		rest = renderParts(m.Title, m.Text, m.Pre, maxMessageLen)
		caption = nil
	}
	p := base()
	if len(caption) == 1 {
		p["caption"] = caption[0]
		p["parse_mode"] = "HTML"
	}
	replyTo(p)
	if len(rest) == 0 {
		p.AddNonEmpty("reply_markup", markup)
	}
	name := f.Name
	if name == "" {
		name = field
	}
	res, err := b.sender.do(ctx, request{method: method, params: p, files: []upload{{field: field, name: name, data: f.Data}}, chatID: chat})
	if err != nil {
		return err
	}
	b.sent(ctx, m, chat, res)
	if len(rest) > 0 {
		m.EditMessageID, m.ReplyTo = 0, 0
		return b.sendParts(ctx, m, rest, base, func(tgbotapi.Params) {}, markup, chat)
	}
	return nil
}
