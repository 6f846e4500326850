// Package bot is investbot's Telegram adapter. It receives updates (its own
// getUpdates loop, or a webhook checking the secret token), turns them into
// plain investbot.Request values, calls a Handler, renders the
// investbot.Reply into Bot API calls and hands them to the outbox, whose
// deliverer sends them through one rate-limited Sender. Nothing here knows
// about zones, languages or sessions; nothing outside it knows about
// Telegram.
//
// Decoding: /cmd@botname args becomes Command and Args (a command for
// another bot is text); every callback query is answered, with
// Reply.CallbackText, even when the handler fails; channel posts are
// ignored; in groups only messages that mention the bot, reply to it or
// carry a command reach the handler, plus every reply in the staff group.
// An update that cannot be decoded is logged and acknowledged.
//
// It is built on telegram-bot-api v5.5.1 (Bot API 5.5) for the update and
// message types, Params and the HTTP client; docs/architecture.md ("The
// Telegram library") lists what that library lacks and what this package
// does instead, and "How a message travels" the rendering and delivery.
// The end-to-end tests drive it against internal/tgtest (the npm emulator
// and a recording Bot API fake).
package bot
