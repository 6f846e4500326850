// Package loadtest is the load and fault harness for investbot: a fast
// local Bot API sink that attributes every reply to the update it answers,
// realistic update traffic, a webhook poster that redelivers like Telegram,
// bot replicas and a private Redis as subprocesses, and the statistics the
// scenarios print. cmd/loadtest drives it; only its helpers have unit tests,
// the scenarios run from scripts/bench.sh.
package loadtest

import (
	"strconv"
	"sync/atomic"
	"time"
)

// Update is one webhook body with what the harness needs to track it.
type Update struct {
	ID   int64
	Chat int64 // the private chat, which is the user's id
	Kind string
	Body []byte
	// WantReply is false for bodies the bot must acknowledge without
	// answering (malformed, missing fields).
	WantReply bool
	// Secret overrides the webhook secret: "-" sends none (faults).
	Secret string
}

// Questions are realistic investor questions per language: Vietnamese with
// and without diacritics, as typed on phones.
var Questions = map[string][]string{
	"en": {
		"Which industrial parks does WHA develop in Thanh Hoa?",
		"How big is Nghi Son economic zone?",
		"What CIT incentives apply in an economic zone?",
		"who do I contact for investment in thanh hoa",
		"Is there a Japanese desk at the investment board?",
		"land price industrial park thanh hoa",
	},
	"vi": {
		"Khu kinh tế Nghi Sơn rộng bao nhiêu?",
		"khu cong nghiep WHA o dau",
		"uu dai thue TNDN trong khu kinh te",
		"Liên hệ Ban quản lý khu kinh tế như thế nào?",
		"gia thue dat khu cong nghiep thanh hoa",
		"Những nhà đầu tư Nhật Bản nào đã đầu tư vào Thanh Hóa?",
	},
	"ja": {
		"WHAの工業団地はどこにありますか？",
		"ギソン経済区の面積は？",
		"経済区の法人税優遇は？",
		"日本デスクに相談したいです",
		"タインホア省の投資の問い合わせ先は？",
	},
	"ko": {
		"응이선 경제구역의 면적은 얼마입니까?",
		"WHA 산업단지는 어디에 있나요?",
		"경제구역 법인세 혜택은?",
		"타인호아 투자 문의처는?",
		"한국 기업이 투자한 곳은?",
	},
}

// FollowUps refer to the previous answer ("how big is it?").
var FollowUps = map[string][]string{
	"en": {"How big is it?", "where is it?", "and the incentives?"},
	"vi": {"Diện tích bao nhiêu?", "no o dau?", "con uu dai thi sao?"},
	"ja": {"面積は？", "それはどこ？", "優遇措置は？"},
	"ko": {"면적은?", "어디에 있나요?", "혜택은?"},
}

// DeepLinks are /start payloads from QR codes and links on the
// province's pages.
var DeepLinks = []string{"ja__zone_wha-smart-tech-1", "ko", "vi__zone_nghi-son-ez", "en__incentive_cit-economic-zone", "ja"}

// Callbacks are inline-button presses from the menus.
var Callbacks = []string{"k:zone", "e:zone.nghi-son-ez", "k:incentive", "e:zone.wha-smart-tech-1", "m", "k:contact", "cmp"}

var langs = []string{"en", "vi", "ja", "ko"}

// IDs hands out update ids, unique within a run.
type IDs struct{ n atomic.Int64 }

// NewIDs starts update ids at a time-based base, so that two runs against
// one Redis never reuse an id inside the de-duplication window.
func NewIDs() *IDs {
	ids := &IDs{}
	ids.n.Store(time.Now().UnixMilli() % 1_000_000_000 * 1000)
	return ids
}

// Next returns a new update id.
func (i *IDs) Next() int64 { return i.n.Add(1) }

// Conversation produces a user's updates in order: a /start (a deep link
// for some users), a question, a follow-up, button presses, questions in
// the user's language and sometimes another one.
type Conversation struct {
	User int64
	Lang string
	step int
}

// NewConversation returns the conversation of user; the language follows
// from the id so that runs are repeatable.
func NewConversation(user int64) *Conversation {
	return &Conversation{User: user, Lang: langs[int(user%4+4)%4]}
}

// Next returns the user's next update.
func (c *Conversation) Next(ids *IDs) Update {
	id := ids.Next()
	s := c.step
	c.step++
	pick := func(list []string) string {
		return list[int((c.User/4+int64(s))%int64(len(list))+int64(len(list)))%len(list)]
	}
	switch {
	case s == 0 && c.User%5 == 0:
		return Command(id, c.User, c.Lang, "/start "+pick(DeepLinks))
	case s == 0:
		return Command(id, c.User, c.Lang, "/start")
	case s%6 == 2:
		return Text(id, c.User, c.Lang, pick(FollowUps[c.Lang]))
	case s%6 == 3, s%6 == 4:
		return Callback(id, c.User, c.Lang, pick(Callbacks))
	case s%6 == 5 && c.User%3 == 0:
		other := langs[(int(c.User)+s)%4]
		return Text(id, c.User, other, pick(Questions[other]))
	default:
		return Text(id, c.User, c.Lang, pick(Questions[c.Lang]))
	}
}

// appendHeader writes the common start of a message update.
func appendMessage(b []byte, id, user int64, lang, text string, command int) []byte {
	b = append(b, `{"update_id":`...)
	b = strconv.AppendInt(b, id, 10)
	b = append(b, `,"message":{"message_id":`...)
	b = strconv.AppendInt(b, id%1_000_000_000, 10)
	b = append(b, `,"date":`...)
	b = strconv.AppendInt(b, time.Now().Unix(), 10)
	b = append(b, `,"chat":{"id":`...)
	b = strconv.AppendInt(b, user, 10)
	b = append(b, `,"type":"private","first_name":"Investor"},"from":{"id":`...)
	b = strconv.AppendInt(b, user, 10)
	b = append(b, `,"is_bot":false,"first_name":"Investor","language_code":`...)
	b = strconv.AppendQuote(b, lang)
	b = append(b, `},"text":`...)
	b = appendJSONString(b, text)
	if command > 0 {
		b = append(b, `,"entities":[{"type":"bot_command","offset":0,"length":`...)
		b = strconv.AppendInt(b, int64(command), 10)
		b = append(b, `}]`...)
	}
	return append(b, `}}`...)
}

// appendJSONString quotes s as a JSON string (UTF-8 kept as is).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// Text is a private text message.
func Text(id, user int64, lang, text string) Update {
	return Update{ID: id, Chat: user, Kind: "text", WantReply: true, Body: appendMessage(make([]byte, 0, 400), id, user, lang, text, 0)}
}

// Command is a private command such as "/start ja__zone_x".
func Command(id, user int64, lang, text string) Update {
	n := len(text)
	for i, r := range text {
		if r == ' ' {
			n = i
			break
		}
	}
	return Update{ID: id, Chat: user, Kind: "command", WantReply: true, Body: appendMessage(make([]byte, 0, 400), id, user, lang, text, n)}
}

// CallbackQueryID is the callback query id the harness gives update id,
// so that the sink can tie answerCallbackQuery to the update.
func CallbackQueryID(id int64) string { return "q" + strconv.FormatInt(id, 10) }

// Callback is an inline-button press under an earlier bot message.
func Callback(id, user int64, lang, data string) Update {
	b := make([]byte, 0, 500)
	b = append(b, `{"update_id":`...)
	b = strconv.AppendInt(b, id, 10)
	b = append(b, `,"callback_query":{"id":"`...)
	b = append(b, CallbackQueryID(id)...)
	b = append(b, `","from":{"id":`...)
	b = strconv.AppendInt(b, user, 10)
	b = append(b, `,"is_bot":false,"first_name":"Investor","language_code":`...)
	b = strconv.AppendQuote(b, lang)
	b = append(b, `},"message":{"message_id":`...)
	b = strconv.AppendInt(b, id%1_000_000_000, 10)
	b = append(b, `,"date":`...)
	b = strconv.AppendInt(b, time.Now().Unix(), 10)
	b = append(b, `,"chat":{"id":`...)
	b = strconv.AppendInt(b, user, 10)
	b = append(b, `,"type":"private"},"from":{"id":`...)
	b = strconv.AppendInt(b, SinkBotID, 10)
	b = append(b, `,"is_bot":true,"first_name":"Bot","username":"`+SinkBotUsername+`"},"text":"menu"},"chat_instance":"1","data":`...)
	b = appendJSONString(b, data)
	b = append(b, `}}`...)
	return Update{ID: id, Chat: user, Kind: "callback", WantReply: true, Body: b}
}

// Bad returns the malformed or oversized update number i (cycling through
// the kinds): invalid JSON, a message missing its chat and sender, wrong
// field types, an empty object, and a body over 1 MiB. None must be
// answered; all but the oversized one must be acknowledged with 200.
func Bad(id int64, i int) Update {
	u := Update{ID: id}
	switch i % 5 {
	case 0:
		u.Kind, u.Body = "bad-json", []byte(`{"update_id":`+strconv.FormatInt(id, 10)+`,"message":{"text":"unterminated`)
	case 1:
		u.Kind, u.Body = "bad-missing", []byte(`{"update_id":`+strconv.FormatInt(id, 10)+`,"message":{"message_id":1,"date":1,"text":"no chat, no sender"}}`)
	case 2:
		u.Kind, u.Body = "bad-types", []byte(`{"update_id":"`+strconv.FormatInt(id, 10)+`","message":{"message_id":"x","chat":{"id":"y"},"text":5}}`)
	case 3:
		u.Kind, u.Body = "bad-empty", []byte(`{}`)
	default:
		big := make([]byte, 0, 1<<20+200)
		big = append(big, `{"update_id":`...)
		big = strconv.AppendInt(big, id, 10)
		big = append(big, `,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"`...)
		for len(big) < 1<<20+100 {
			big = append(big, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"...)
		}
		u.Kind, u.Body = "bad-oversized", append(big, `"}}`...)
	}
	return u
}
