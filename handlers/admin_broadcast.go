package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/locales"
)

// Broadcaster delivers announcements through the bot's rate-limited
// sender. Deliver must return at once and send in the background, then
// tell the admin in chat reportTo how many were delivered and how many
// failed.
type Broadcaster interface {
	Deliver(ctx context.Context, reportTo int64, msgs []investbot.Message)
}

// parseAnnouncement reads "/broadcast" text: either one text for
// everyone, or blocks that start with a language code line prefix
// ("en: ...", "ja: ...").
func parseAnnouncement(loc *locales.Catalog, s string) investbot.Text {
	out := investbot.Text{}
	var cur investbot.Lang
	var lines []string
	flush := func() {
		if cur != "" {
			out[cur] = strings.TrimSpace(strings.Join(lines, "\n"))
		}
		lines = nil
	}
	for _, line := range strings.Split(s, "\n") {
		if code, rest, ok := strings.Cut(line, ":"); ok && len(code) == 2 && loc.Has(investbot.Lang(strings.ToLower(code))) {
			flush()
			cur = investbot.Lang(strings.ToLower(code))
			lines = []string{rest}
			continue
		}
		if cur == "" {
			cur = investbot.EN
		}
		lines = append(lines, line)
	}
	flush()
	for l, v := range out {
		if v == "" {
			delete(out, l)
		}
	}
	return out
}

func (r *Router) broadcast(ctx context.Context, tn *turn) investbot.Reply {
	text := strings.TrimSpace(tn.req.Args)
	if text == "" {
		return adminText("Send /broadcast followed by the announcement. To write it in several languages, start each part with its code on a new line:\nen: The 2026 conference opens on …\nja: 2026年の会議は…\nSubscribers get their language, else English.", investbot.IntentAdminBroadcast)
	}
	if r.d.Broadcaster == nil {
		return adminText("Announcements cannot be sent from this bot (no sender configured).", investbot.IntentAdminBroadcast)
	}
	texts := parseAnnouncement(r.loc, text)
	subs, err := r.d.Admin.Subscribers(ctx)
	if err != nil {
		return r.storeFailed(tn, "subscribers", err)
	}
	if err := r.d.Admin.SetPending(ctx, tn.req.UserID, investbot.Pending{Kind: investbot.PendingBroadcast, Text: text, At: r.d.Now()}); err != nil {
		return r.storeFailed(tn, "pending", err)
	}
	n := len(kbadmin.Plan(subs, texts))
	var b strings.Builder
	fmt.Fprintf(&b, "Announcement to %d subscribers. Preview:\n", n)
	for _, l := range r.loc.Langs() {
		if v := texts[l]; v != "" {
			fmt.Fprintf(&b, "\n[%s] %s\n", strings.ToUpper(string(l)), v)
		}
	}
	b.WriteString("\nSend it?")
	return investbot.Reply{
		Messages: []investbot.Message{{Text: b.String(), Buttons: [][]investbot.Button{{
			{Text: fmt.Sprintf("📣 Send to %d", n), Data: cbBroadcast + ":send"},
			{Text: "✖️ Cancel", Data: cbBroadcast + ":cancel"},
		}}}},
		Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentAdminBroadcast},
	}
}

func (r *Router) broadcastCallback(ctx context.Context, tn *turn, arg string) investbot.Reply {
	p, err := r.d.Admin.TakePending(ctx, tn.req.UserID, investbot.PendingBroadcast)
	if errors.Is(err, investbot.ErrNotFound) {
		return adminText("No announcement is waiting (sent, cancelled, or older than 1 hour).", investbot.IntentAdminBroadcast)
	}
	if err != nil {
		return r.storeFailed(tn, "take pending", err)
	}
	if arg != "send" {
		return investbot.Reply{Messages: []investbot.Message{{Text: "Announcement cancelled."}}, CallbackText: "Cancelled", Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentAdminBroadcast}}
	}
	if r.d.Broadcaster == nil {
		return adminText("Announcements cannot be sent from this bot (no sender configured).", investbot.IntentAdminBroadcast)
	}
	plan, err := r.d.Admin.PlanBroadcast(ctx, parseAnnouncement(r.loc, p.Text))
	if err != nil {
		return r.storeFailed(tn, "plan broadcast", err)
	}
	msgs := BroadcastMessages(plan)
	r.d.Broadcaster.Deliver(ctx, tn.req.ChatID, msgs)
	r.audit(ctx, tn, "broadcast", fmt.Sprintf("%d messages: %s", len(msgs), p.Text))
	return investbot.Reply{
		Messages:     []investbot.Message{{Text: fmt.Sprintf("📣 Sending to %d subscribers. You will get a report when it is done.", len(msgs))}},
		CallbackText: "Sending",
		Meta:         investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentAdminBroadcast},
	}
}

// BroadcastMessages turns planned deliveries into messages to each
// subscriber's private chat, with an unsubscribe button in their language.
func BroadcastMessages(plan []kbadmin.Delivery) []investbot.Message {
	msgs := make([]investbot.Message, 0, len(plan))
	for _, d := range plan {
		msgs = append(msgs, investbot.Message{
			ChatID:  d.UserID,
			Text:    d.Text,
			Buttons: [][]investbot.Button{{{Text: "🔕 /unsubscribe", Data: cbUnsub}}},
		})
	}
	return msgs
}
