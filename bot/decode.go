package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/thanhhoa/investbot"
)

// The library's types stop at Bot API 5.5. These structs decode, from the
// same JSON, the newer fields the bot needs; everything else comes from
// tgbotapi.Update.
type updateExt struct {
	Message       *messageExt `json:"message"`
	EditedMessage *messageExt `json:"edited_message"`
	CallbackQuery *struct {
		Message *messageExt `json:"message"`
	} `json:"callback_query"`
}

type messageExt struct {
	MessageThreadID int            `json:"message_thread_id"`
	IsTopicMessage  bool           `json:"is_topic_message"`
	ForwardOrigin   *forwardOrigin `json:"forward_origin"`
}

// forwardOrigin is Bot API 7.0's MessageOrigin: one of the types "user",
// "hidden_user", "chat" and "channel".
type forwardOrigin struct {
	Type            string         `json:"type"`
	Date            int64          `json:"date"`
	SenderUser      *tgbotapi.User `json:"sender_user"`
	SenderUserName  string         `json:"sender_user_name"`
	SenderChat      *tgbotapi.Chat `json:"sender_chat"`
	Chat            *tgbotapi.Chat `json:"chat"`
	AuthorSignature string         `json:"author_signature"`
}

// decoder turns raw updates into handler requests. It knows the bot's own
// identity (for mentions and replies in groups) and who is staff.
type decoder struct {
	botID       int64
	botUsername string // without '@'
	staffChatID int64
	roles       func(userID int64) investbot.Role
}

// decision is what to do with one update.
type decision int

const (
	handle  decision = iota // pass to the handler
	ignore                  // drop on purpose (channel post, unaddressed group chatter)
	invalid                 // cannot be decoded; logged and acknowledged
)

// decoded is one update after decoding.
type decoded struct {
	updateID int64
	req      investbot.Request
	what     decision
	reason   string // why the update is ignored or invalid
}

// decode never fails: an update it cannot use comes back as ignore or
// invalid with a reason, so that the caller can log and acknowledge it.
func (d *decoder) decode(raw []byte) decoded {
	var up tgbotapi.Update
	if err := json.Unmarshal(raw, &up); err != nil {
		// Recover the update id if at all possible so the update can be
		// acknowledged.
		var id struct {
			UpdateID int64 `json:"update_id"`
		}
		_ = json.Unmarshal(raw, &id)
		return decoded{updateID: id.UpdateID, what: invalid, reason: fmt.Sprintf("malformed update: %v", err)}
	}
	var ext updateExt
	_ = json.Unmarshal(raw, &ext) // the same bytes decoded once already
	out := decoded{updateID: int64(up.UpdateID)}
	out.req.UpdateID = out.updateID

	switch {
	case up.Message != nil:
		d.message(&out, up.Message, ext.Message)
	case up.EditedMessage != nil:
		d.message(&out, up.EditedMessage, ext.EditedMessage)
		out.req.Edited = true
	case up.CallbackQuery != nil:
		var me *messageExt
		if ext.CallbackQuery != nil {
			me = ext.CallbackQuery.Message
		}
		d.callback(&out, up.CallbackQuery, me)
	case up.ChannelPost != nil, up.EditedChannelPost != nil:
		out.what, out.reason = ignore, "channel post"
	default:
		out.what, out.reason = ignore, "update without message or callback"
	}
	return out
}

func (d *decoder) role(userID int64) investbot.Role {
	if d.roles == nil {
		return investbot.RoleInvestor
	}
	return d.roles(userID)
}

func (d *decoder) user(out *decoded, u *tgbotapi.User) {
	if u == nil {
		return
	}
	out.req.UserID = u.ID
	out.req.UserName = displayName(u)
	out.req.LangHint = investbot.ParseLang(u.LanguageCode)
	out.req.Role = d.role(u.ID)
}

func displayName(u *tgbotapi.User) string {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" && u.UserName != "" {
		name = "@" + u.UserName
	}
	return name
}

func chatKind(t string) investbot.ChatKind {
	switch t {
	case "group", "supergroup":
		return investbot.ChatGroup
	case "channel":
		return investbot.ChatChannel
	}
	return investbot.ChatPrivate
}

// callback decodes a pressed button. One without a sender or without the
// message it sits under is dropped, as messages without a sender are: the
// bot sends no inline-mode messages, and the handlers need both the user
// (for the session) and the message (its chat, and the message id that
// ties a staff button to its ticket).
func (d *decoder) callback(out *decoded, cq *tgbotapi.CallbackQuery, me *messageExt) {
	d.user(out, cq.From)
	out.req.Callback = cq.Data
	out.req.CallbackID = cq.ID
	if cq.Message != nil && cq.Message.Chat != nil {
		out.req.ChatID = cq.Message.Chat.ID
		out.req.Chat = chatKind(cq.Message.Chat.Type)
		out.req.MessageID = cq.Message.MessageID
	}
	if me != nil && me.IsTopicMessage {
		out.req.ThreadID = me.MessageThreadID
	}
	switch {
	case cq.ID == "":
		out.what, out.reason = invalid, "callback query without id"
	case cq.From == nil || cq.From.ID == 0:
		out.what, out.reason = invalid, "callback query without sender"
	case cq.Message == nil || cq.Message.Chat == nil || cq.Message.Chat.ID == 0:
		out.what, out.reason = invalid, "callback query without message"
	}
}

func (d *decoder) message(out *decoded, m *tgbotapi.Message, me *messageExt) {
	if m.Chat == nil || m.Chat.ID == 0 {
		out.what, out.reason = invalid, "message without chat"
		return
	}
	d.user(out, m.From)
	r := &out.req
	r.ChatID = m.Chat.ID
	r.Chat = chatKind(m.Chat.Type)
	r.MessageID = m.MessageID
	if r.Chat == investbot.ChatChannel {
		out.what, out.reason = ignore, "channel message"
		return
	}
	if r.UserID == 0 {
		// Without a sender there is no session to use: answering would
		// pool every such message under user 0.
		out.what, out.reason = invalid, "message without sender"
		return
	}
	if me != nil && (me.IsTopicMessage || me.MessageThreadID != 0) {
		// message_thread_id without is_topic_message is a reply thread in
		// a non-forum group; only forum topics need it on the way back.
		if me.IsTopicMessage {
			r.ThreadID = me.MessageThreadID
		}
	}

	text, entities := m.Text, m.Entities
	if text == "" {
		text, entities = m.Caption, m.CaptionEntities
	}
	cmd, cmdBot, args, isCmd := parseCommand(text, entities)
	forThisBot := isCmd && (cmdBot == "" || strings.EqualFold(cmdBot, d.botUsername))
	if isCmd && forThisBot {
		r.Command, r.Args = cmd, args
	} else {
		r.Text = text
	}

	d.forward(out, m, me)
	if m.ReplyToMessage != nil {
		// Only the id: the replied-to text may be an investor's, and the
		// handlers tie replies to tickets by the bot's message ids.
		r.ReplyTo = m.ReplyToMessage.MessageID
	}
	r.Attachment = attachment(m)

	if r.Chat == investbot.ChatGroup {
		addressed := (isCmd && forThisBot) ||
			d.mentioned(text, entities) ||
			d.repliesToBot(m) ||
			(m.Chat.ID == d.staffChatID && d.staffChatID != 0 && m.ReplyToMessage != nil)
		if !addressed {
			out.what, out.reason = ignore, "group message not addressed to the bot"
			return
		}
		if !isCmd {
			r.Text = strings.TrimSpace(d.stripMention(r.Text))
		}
	}
	if r.Text == "" && r.Command == "" && r.Attachment == nil && !r.Forwarded {
		out.what, out.reason = ignore, "message without text or attachment"
	}
}

func (d *decoder) forward(out *decoded, m *tgbotapi.Message, me *messageExt) {
	r := &out.req
	if me != nil && me.ForwardOrigin != nil {
		o := me.ForwardOrigin
		r.Forwarded = true
		switch o.Type {
		case "user":
			if o.SenderUser != nil {
				r.ForwardFrom = displayName(o.SenderUser)
			}
		case "hidden_user":
			r.ForwardFrom = o.SenderUserName
		case "chat":
			if o.SenderChat != nil {
				r.ForwardFrom = o.SenderChat.Title
			}
		case "channel":
			if o.Chat != nil {
				r.ForwardFrom = o.Chat.Title
			}
		}
		return
	}
	switch {
	case m.ForwardFrom != nil:
		r.Forwarded, r.ForwardFrom = true, displayName(m.ForwardFrom)
	case m.ForwardFromChat != nil:
		r.Forwarded, r.ForwardFrom = true, m.ForwardFromChat.Title
	case m.ForwardSenderName != "":
		r.Forwarded, r.ForwardFrom = true, m.ForwardSenderName
	case m.ForwardDate != 0:
		r.Forwarded = true
	}
}

func attachment(m *tgbotapi.Message) *investbot.Attachment {
	switch {
	case len(m.Photo) > 0:
		p := m.Photo[len(m.Photo)-1] // Telegram lists sizes smallest first
		return &investbot.Attachment{Kind: investbot.AttachPhoto, FileID: p.FileID, Size: int64(p.FileSize)}
	case m.Document != nil:
		return &investbot.Attachment{Kind: investbot.AttachDocument, FileID: m.Document.FileID, FileName: m.Document.FileName, Size: int64(m.Document.FileSize)}
	case m.Voice != nil:
		return &investbot.Attachment{Kind: investbot.AttachVoice, FileID: m.Voice.FileID, Size: int64(m.Voice.FileSize)}
	case m.Sticker != nil:
		return &investbot.Attachment{Kind: investbot.AttachSticker, FileID: m.Sticker.FileID, Size: int64(m.Sticker.FileSize)}
	case m.Location != nil:
		return &investbot.Attachment{Kind: investbot.AttachLocation}
	case m.Video != nil:
		return &investbot.Attachment{Kind: investbot.AttachOther, FileID: m.Video.FileID, FileName: m.Video.FileName, Size: int64(m.Video.FileSize)}
	case m.Audio != nil:
		return &investbot.Attachment{Kind: investbot.AttachOther, FileID: m.Audio.FileID, FileName: m.Audio.FileName, Size: int64(m.Audio.FileSize)}
	case m.Animation != nil, m.VideoNote != nil, m.Contact != nil, m.Venue != nil, m.Poll != nil, m.Dice != nil:
		return &investbot.Attachment{Kind: investbot.AttachOther}
	}
	return nil
}

// parseCommand recognises "/cmd", "/cmd@bot args". Telegram marks commands
// with a bot_command entity at offset 0; text that starts with a slash and
// a command-shaped word is accepted without one too (some clients and the
// test emulator omit the entity).
func parseCommand(text string, entities []tgbotapi.MessageEntity) (cmd, botName, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", "", false
	}
	word, rest, _ := strings.Cut(text, " ")
	if i := strings.IndexAny(word, "\n\t"); i >= 0 {
		word, rest = text[:i], text[i+1:]
	}
	hasEntity := false
	for _, e := range entities {
		if e.Type == "bot_command" && e.Offset == 0 {
			hasEntity = true
		}
	}
	name := word[1:]
	name, botName, _ = strings.Cut(name, "@")
	if name == "" || len(name) > 64 {
		return "", "", "", false
	}
	if !hasEntity {
		for _, c := range name {
			if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return "", "", "", false
			}
		}
	}
	return strings.ToLower(name), botName, strings.TrimSpace(rest), true
}

// mentioned reports an @username mention of the bot or a text_mention of
// its user id. Entity offsets are in UTF-16 code units.
func (d *decoder) mentioned(text string, entities []tgbotapi.MessageEntity) bool {
	var u16 []uint16
	for _, e := range entities {
		switch e.Type {
		case "text_mention":
			if e.User != nil && e.User.ID == d.botID && d.botID != 0 {
				return true
			}
		case "mention":
			if u16 == nil {
				u16 = utf16.Encode([]rune(text))
			}
			if e.Offset < 0 || e.Length < 0 || e.Offset+e.Length > len(u16) {
				continue
			}
			m := string(utf16.Decode(u16[e.Offset : e.Offset+e.Length]))
			if d.botUsername != "" && strings.EqualFold(strings.TrimPrefix(m, "@"), d.botUsername) {
				return true
			}
		}
	}
	if len(entities) == 0 && d.botUsername != "" {
		// Without entities (emulator, old clients) fall back to the text.
		return containsFold(text, "@"+d.botUsername)
	}
	return false
}

func (d *decoder) repliesToBot(m *tgbotapi.Message) bool {
	rt := m.ReplyToMessage
	if rt == nil || rt.From == nil {
		return false
	}
	return (d.botID != 0 && rt.From.ID == d.botID) ||
		(d.botUsername != "" && strings.EqualFold(rt.From.UserName, d.botUsername))
}

// stripMention removes "@botname" from group text so that the handler
// sees the question only.
func (d *decoder) stripMention(s string) string {
	if d.botUsername == "" {
		return s
	}
	at := "@" + d.botUsername
	for {
		i := indexFold(s, at)
		if i < 0 {
			return s
		}
		s = s[:i] + s[i+len(at):]
	}
}

func containsFold(s, sub string) bool { return indexFold(s, sub) >= 0 }

// indexFold is strings.Index ignoring ASCII case (usernames are ASCII).
func indexFold(s, sub string) int {
	ls, lsub := strings.ToLower(s), strings.ToLower(sub)
	if len(ls) != len(s) {
		// ToLower changed byte lengths (non-ASCII): search byte-wise.
		for i := 0; i+len(sub) <= len(s); i++ {
			if strings.EqualFold(s[i:i+len(sub)], sub) {
				return i
			}
		}
		return -1
	}
	return strings.Index(ls, lsub)
}
