// Package bot is investbot's Telegram adapter. It receives updates, turns
// them into plain investbot.Request values, calls a Handler, and renders the
// investbot.Reply back into Bot API calls. Nothing here knows about zones,
// languages or sessions; nothing outside it knows about Telegram.
//
// # What the library gives, and what the bot adds
//
// The bot is built on github.com/go-telegram-bot-api/telegram-bot-api/v5
// v5.5.1, which covers Bot API 5.5. From it the bot uses: the BotAPI value
// and its getMe check (tgbotapi.NewBotAPIWithClient with the endpoint
// pattern <TELEGRAM_API_ENDPOINT>/bot%s/%s), its HTTPClient, the update
// and message types (tgbotapi.Update, Message, User, Chat, MessageEntity,
// CallbackQuery, InlineKeyboardMarkup), the APIResponse envelope and the
// Params helpers.
//
// The library's limits, and what the bot does instead:
//
//   - Update loop. GetUpdatesChan has no context, ignores retry_after,
//     sleeps a fixed 3 s after any error and panics when stopped twice. Run
//     owns its loop: getUpdates with offset, a 30 s long poll and a
//     context; an update is acknowledged (the offset moves past it) only
//     after its replies were written to the outbox; 429 retry_after is honoured, other errors back
//     off exponentially (1 s doubling to 30 s); an empty answer that came
//     back at once is followed by a short pause (IdlePause), so a server
//     that does not long-poll (the test emulator) cannot make the loop
//     spin. On cancel, updates already being handled are finished, the
//     handled ones are confirmed with a last getUpdates, and Run returns.
//     Updates of a batch are handled by a pool of workers, each chat on one
//     worker, so one slow chat does not hold up the others and each chat's
//     messages are answered in order.
//   - Calls with a context. MakeRequest takes no context, hides the HTTP
//     status and returns *url.Error values whose text contains the bot
//     token. The bot makes its own POSTs through the library's HTTP client,
//     decodes the same APIResponse, keeps the status (the emulator answers
//     unknown methods with a bare 500) and scrubs the token from every
//     error (APIError, and wrapped transport errors).
//   - Newer Bot API fields. forward_origin (user, hidden_user, chat,
//     channel), message_thread_id and is_topic_message are decoded from the
//     same JSON by a small extension struct; message_thread_id is sent as
//     a raw parameter.
//   - Webhook secret. The library never checks X-Telegram-Bot-Api-Secret-
//     Token. WebhookHandler compares it in constant time and refuses
//     (401/403) before reading the body; bodies are limited to 1 MiB; it
//     answers 200 once the update's replies are in the outbox and 500
//     when the handler failed, so Telegram delivers the update again. SetWebhook registers the URL with
//     secret_token and allowed_updates.
//
// # Decoding
//
// Commands (/start ja, /cmd@botname args) become Command and Args; a
// command for another bot is plain text. Callback queries always get an
// answerCallbackQuery, with Reply.CallbackText, even when the handler
// fails. Forwarded messages, replies, attachments (photo, document, voice,
// sticker, location, others), edited messages and forum topics are
// decoded; channel posts are ignored on purpose. In groups only messages
// that mention the bot (@username or text_mention), reply to it or carry a
// command reach the handler, plus every reply in the staff group
// (StaffChatID). An update that cannot be decoded is logged and
// acknowledged, never retried forever.
//
// # Rendering
//
// Replies go out with parse_mode HTML: the title in <b>, the text escaped,
// fixed-width text in <pre>. Text over 4,096 units is split on paragraph,
// then line, then word, then rune boundaries; the split happens on plain
// text before escaping, so every part is well-formed HTML on its own, and
// lengths are counted as UTF-16 units of the HTML source, never less than
// what Telegram counts. Buttons go on the last part; callback data over 64
// bytes is cut at a rune boundary (and logged). Venue, Copy, Document,
// Photo, EditMessageID and Typing map to sendVenue, copyMessage,
// sendDocument, sendPhoto, editMessageText and sendChatAction. Chat
// actions, venues and the command menu are optional: they are tried once
// and their failure is only logged.
//
// # Sending
//
// A reply is not sent by the request that handled its update: it is
// rendered into Bot API calls and written to the outbox (investbot.Outbox:
// Redis streams, one per shard of chats) with the session and the update's
// answered mark, in one round trip, before the update is acknowledged. The
// deliverer of the replica holding a shard's lease sends its calls: every
// chat in order, the chats in turn (each chat's first reply before
// anyone's second), retried until Telegram accepts them or OutboxTTL
// passes — retry_after of any length, 5xx and timeouts with backoff, every
// call bounded by CallTimeout — and deletes each entry once sent. While an
// update is handled its in-progress lease is renewed (UpdateLease), so a
// replica that dies leaves it to the others within seconds.
//
// Every call goes through one Sender: at most 30 messages per second
// overall, 1 per second per private chat after a burst of 3, 20 per minute
// per group (Limits). Buckets are sized so that no window exceeds a limit
// even at its edges, with 10% headroom because Telegram counts arrivals;
// the overall limit is paced on actual send times (see pacer) and shared
// by the replicas alive. Calls made at once (reminders, broadcasts,
// callback answers) retry 429s and 5xx a bounded number of times. Queue
// depth, 429s, retries, failures, outbox depth and expiries are reported
// to Metrics.
//
// # Testing
//
// internal/tgtest runs the npm emulator telegram-test-api and a recording
// Bot API fake; the end-to-end tests in this package drive the real Bot
// through the real library against them.
package bot
