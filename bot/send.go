package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/thanhhoa/investbot"
)

// target is the chat a message goes to.
func target(req investbot.Request, m investbot.Message) int64 {
	if m.ChatID != 0 {
		return m.ChatID
	}
	return req.ChatID
}

// thread is the forum topic a message goes to: its own, or the request's
// when it answers in the request's chat.
func thread(req investbot.Request, m investbot.Message) int {
	if m.ThreadID != 0 {
		return m.ThreadID
	}
	if m.ChatID == 0 || m.ChatID == req.ChatID {
		return req.ThreadID
	}
	return 0
}

// send renders one Message into Bot API calls and makes them at once
// (messages that answer no update: reminders, broadcasts). Optional calls
// may fail without affecting the text; the body stops at its first failed
// part. The error is the first essential call that failed for good.
func (b *Bot) send(ctx context.Context, req investbot.Request, m investbot.Message) error {
	calls, err := b.plan(ctx, req, m)
	if err != nil {
		return err
	}
	var first error
	for _, r := range calls {
		if first != nil && !r.optional {
			continue // the rest of a body whose part failed
		}
		res, err := b.sender.do(ctx, r)
		if err == nil {
			b.sent(ctx, r, res)
		}
		if err != nil {
			if r.optional {
				logFrom(ctx, b.log).DebugContext(ctx, "optional call failed", "method", r.method, "err", err)
				continue
			}
			first = fmt.Errorf("%s: %w", r.method, err)
		}
	}
	return first
}

// plan renders one Message into the Bot API calls that send it, in order:
// the chat action, the body (copy, document, photo, edit or text parts),
// then the venue. Nothing depends on an earlier call's answer, so the
// calls can wait in the outbox and be made later, by any replica.
func (b *Bot) plan(ctx context.Context, req investbot.Request, m investbot.Message) ([]request, error) {
	chat := target(req, m)
	if chat == 0 {
		return nil, errors.New("bot: message without chat")
	}
	th := thread(req, m)
	base := func() tgbotapi.Params {
		p := tgbotapi.Params{"chat_id": strconv.FormatInt(chat, 10)}
		p.AddNonZero("message_thread_id", th)
		return p
	}
	log := logFrom(ctx, b.log)
	var out []request

	if m.Typing {
		p := base()
		p["action"] = "typing"
		out = append(out, request{method: "sendChatAction", params: p, chatID: chat, kind: kindAction, optional: true})
	}

	kb, truncated := keyboard(m.Buttons)
	for _, d := range truncated {
		log.WarnContext(ctx, "callback data over 64 bytes truncated", "data", d)
	}
	var markup string
	if kb != nil {
		raw, err := json.Marshal(kb)
		if err != nil {
			return nil, fmt.Errorf("bot: encode keyboard: %w", err)
		}
		markup = string(raw)
	}
	replyTo := func(p tgbotapi.Params) {
		if m.ReplyTo != 0 {
			// Bot API 7.0: reply_parameters replaces reply_to_message_id and
			// allow_sending_without_reply.
			p["reply_parameters"] = `{"message_id":` + strconv.Itoa(m.ReplyTo) + `,"allow_sending_without_reply":true}`
		}
	}

	switch {
	case m.Copy != nil:
		p := base()
		p["from_chat_id"] = strconv.FormatInt(m.Copy.FromChatID, 10)
		p.AddNonZero("message_id", m.Copy.MessageID)
		replyTo(p)
		p.AddNonEmpty("reply_markup", markup)
		out = append(out, request{method: "copyMessage", params: p, chatID: chat})
	case m.Document != nil || m.Photo != nil:
		out = append(out, planFile(m, base, replyTo, markup, chat)...)
	default:
		parts := renderParts(m.Title, m.Text, m.Pre, maxMessageLen)
		out = append(out, planParts(m, parts, base, replyTo, markup, chat)...)
	}

	for i := range out {
		if out[i].kind != kindAction && out[i].method != "sendVenue" {
			out[i].ticket = m.Ticket
		}
	}

	if m.Venue != nil {
		p := base()
		p.AddNonZeroFloat("latitude", m.Venue.Lat)
		p.AddNonZeroFloat("longitude", m.Venue.Lon)
		p["title"] = orDefault(m.Venue.Title, "📍")
		p["address"] = orDefault(m.Venue.Address, m.Venue.Title)
		out = append(out, request{method: "sendVenue", params: p, chatID: chat, optional: true})
	}
	return out, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// noLinkPreview is link_preview_options with previews off (Bot API 7.0,
// replacing disable_web_page_preview).
const noLinkPreview = `{"is_disabled":true}`

// planParts renders text parts, editing EditMessageID with the first one
// when asked. The keyboard goes on the last part only.
func planParts(m investbot.Message, parts []string, base func() tgbotapi.Params, replyTo func(tgbotapi.Params), markup string, chat int64) []request {
	if len(parts) == 0 {
		if m.EditMessageID != 0 && markup != "" {
			p := base()
			delete(p, "message_thread_id")
			p.AddNonZero("message_id", m.EditMessageID)
			p["reply_markup"] = markup
			return []request{{method: "editMessageReplyMarkup", params: p, chatID: chat}}
		}
		return nil
	}
	out := make([]request, 0, len(parts))
	for i, text := range parts {
		p := base()
		p["text"] = text
		p["parse_mode"] = "HTML"
		p["link_preview_options"] = noLinkPreview
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
		out = append(out, request{method: method, params: p, chatID: chat})
	}
	return out
}

// planFile uploads a document or photo with the first part of the text as
// its caption; text beyond the caption limit follows as messages.
func planFile(m investbot.Message, base func() tgbotapi.Params, replyTo func(tgbotapi.Params), markup string, chat int64) []request {
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
	out := []request{{method: method, params: p, files: []upload{{field: field, name: name, data: f.Data}}, chatID: chat}}
	if len(rest) > 0 {
		m.EditMessageID, m.ReplyTo = 0, 0
		out = append(out, planParts(m, rest, base, func(tgbotapi.Params) {}, markup, chat)...)
	}
	return out
}

// sent reports a message sent for a ticket to Config.OnSent, with the id
// Telegram gave it (every part of a long text gets its own), so that a
// staff reply to any of them is tied to the ticket. copyMessage answers
// with a MessageId, the others with the Message: both carry message_id.
func (b *Bot) sent(ctx context.Context, r request, res json.RawMessage) {
	if r.ticket == "" || b.cfg.OnSent == nil || len(res) == 0 {
		return
	}
	var m struct {
		MessageID int `json:"message_id"`
	}
	if json.Unmarshal(res, &m) != nil || m.MessageID == 0 {
		return
	}
	b.cfg.OnSent(ctx, r.chatID, m.MessageID, r.ticket)
}
