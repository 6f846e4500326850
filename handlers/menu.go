package handlers

import (
	"context"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// Callback data is short ("k:zone", "e:zone.wha-smart-tech-1") because
// Telegram allows 64 bytes.
const (
	cbMenu    = "m"    // main menu
	cbKind    = "k"    // list the entries of a kind
	cbEntry   = "e"    // show one entry
	cbCompare = "cmp"  // zones side by side
	cbLang    = "lang" // choose a language (arg: code; none: show choices)
	cbDesk    = "h"    // talk to the Japan Desk
	cbSub     = "sub"  // subscribe to announcements
	cbUnsub   = "unsub"
)

func (r *Router) registerMenu() {
	r.command("start", investbot.RoleInvestor, r.start)
	r.command("menu", investbot.RoleInvestor, func(_ context.Context, tn *turn) investbot.Reply { return r.menuReply(tn, r.t(msgPickTopic, tn.lang)) })
	r.command("help", investbot.RoleInvestor, r.help)
	r.command("language", investbot.RoleInvestor, r.languageChoices)
	r.command("lang", investbot.RoleInvestor, r.languageChoices)
	r.callback(cbMenu, investbot.RoleInvestor, func(_ context.Context, tn *turn, _ string) investbot.Reply {
		return r.menuReply(tn, r.t(msgPickTopic, tn.lang))
	})
	r.callback(cbLang, investbot.RoleInvestor, r.setLanguage)
}

// mainMenu is the keyboard under the welcome message.
func (r *Router) mainMenu(lang investbot.Lang) [][]investbot.Button {
	return [][]investbot.Button{
		{{Text: r.t(msgMenuZones, lang), Data: cbKind + ":zone"}, {Text: r.t(msgMenuIncentives, lang), Data: cbKind + ":incentive"}},
		{{Text: r.t(msgMenuStats, lang), Data: cbKind + ":stat"}, {Text: r.t(msgMenuPartners, lang), Data: cbKind + ":partner"}},
		{{Text: r.t(msgMenuContacts, lang), Data: cbKind + ":contact"}, {Text: r.t(msgMenuCompare, lang), Data: cbCompare}},
		{{Text: r.t(msgMenuDesk, lang), Data: cbDesk}},
		{{Text: r.t(msgMenuLanguage, lang), Data: cbLang}, {Text: r.t(msgMenuEvents, lang), Data: cbKind + ":event"}},
	}
}

func (r *Router) menuReply(tn *turn, text string) investbot.Reply {
	return investbot.Reply{
		Messages: []investbot.Message{{Text: text, Buttons: r.mainMenu(tn.lang)}},
		Meta:     investbot.Meta{Intent: investbot.IntentMenu},
	}
}

// start greets the user. A deep-link payload (t.me/bot?start=ja__zone_wha-smart-tech-1)
// picks a language and/or opens a topic, so that a QR code on a brochure
// lands on the right page. Parts are separated by "__" because Telegram
// allows only [A-Za-z0-9_-] in payloads.
func (r *Router) start(ctx context.Context, tn *turn) investbot.Reply {
	var open *base.Entry
	for _, part := range strings.Split(strings.TrimSpace(tn.req.Args), "__") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if l := investbot.Lang(strings.ToLower(part)); r.loc.Has(l) {
			tn.setLang(l)
			continue
		}
		if e := r.deepLinkEntry(tn.kb, part); e != nil {
			open = e
		}
	}
	welcome := investbot.Message{Text: r.t(msgWelcome, tn.lang), Buttons: append(r.appButton(tn), r.mainMenu(tn.lang)...)}
	if open == nil {
		return investbot.Reply{Messages: []investbot.Message{welcome}, Meta: investbot.Meta{Intent: investbot.IntentStart}}
	}
	welcome.Buttons = nil
	entry := r.entryReply(tn, open, 1)
	entry.Messages = append([]investbot.Message{welcome}, entry.Messages...)
	return entry
}

// deepLinkEntry resolves a payload such as "zone_wha-smart-tech-1" (the id
// with its first dot written as "_"), or one of the short aliases printed
// on brochures.
func (r *Router) deepLinkEntry(kb *knowledge.KB, part string) *base.Entry {
	aliases := map[string]string{
		"conf2026": "event.ipc-2026",
		"ipc2026":  "event.ipc-2026",
		"zones":    "zone.overview",
		"desk":     deskEntryID,
	}
	id := aliases[strings.ToLower(part)]
	if id == "" {
		kind, slug, ok := strings.Cut(part, "_")
		if !ok {
			return nil
		}
		id = strings.ToLower(kind) + "." + strings.ToLower(slug)
	}
	return kb.Entry(id)
}

func (r *Router) languageChoices(ctx context.Context, tn *turn) investbot.Reply {
	if l := r.loc.Parse(tn.req.Args); l != "" {
		return r.setLanguage(ctx, tn, string(l))
	}
	var row []investbot.Button
	for _, l := range r.loc.Langs() {
		row = append(row, investbot.Button{Text: r.loc.Name(l), Data: cbLang + ":" + string(l)})
	}
	return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgChooseLanguage, tn.lang), Buttons: [][]investbot.Button{row}}}, Meta: investbot.Meta{Intent: investbot.IntentLanguage}}
}

func (r *Router) setLanguage(ctx context.Context, tn *turn, arg string) investbot.Reply {
	l := investbot.Lang(arg)
	if !r.loc.Has(l) {
		return r.languageChoices(ctx, tn)
	}
	tn.setLang(l)
	return investbot.Reply{
		Messages:     []investbot.Message{{Text: r.t(msgLanguageSet, l), Buttons: r.mainMenu(l)}},
		CallbackText: r.t(msgLanguageSet, l),
		Meta:         investbot.Meta{Lang: l, Intent: investbot.IntentLanguage},
	}
}

// appButton is a row with the button that opens the Mini App, in private
// chats when its address is configured (Telegram refuses web_app buttons
// elsewhere), or nothing.
func (r *Router) appButton(tn *turn) [][]investbot.Button {
	if r.d.WebAppURL == "" || tn.req.Chat != investbot.ChatPrivate {
		return nil
	}
	sep := "?"
	if strings.Contains(r.d.WebAppURL, "?") {
		sep = "&"
	}
	return [][]investbot.Button{{{Text: r.t(msgOpenApp, tn.lang), WebApp: r.d.WebAppURL + sep + "lang=" + string(tn.lang)}}}
}
