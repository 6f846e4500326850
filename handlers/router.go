// Package handlers turns decoded user actions into replies: commands, menu
// buttons, free-text questions, staff actions. Handlers are plain functions
// of a request to a reply; they never call Telegram, Redis or OpenAI
// directly, so they are tested without any of them.
package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/internal/pseudo"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/locales"
)

// KBSource returns the knowledge-base version in force. It is read once per
// request so that one message is answered wholly from one version.
type KBSource interface {
	Current() *knowledge.KB
}

// Deps are the services the handlers use.
type Deps struct {
	KB       KBSource
	Answerer knowledge.Answerer
	// Rephraser, when set, adds a suggested reply to staff-mode answers.
	Rephraser Rephraser
	Sessions  investbot.SessionStore
	Leads     investbot.LeadStore
	// Tickets keeps Japan Desk handoffs; nil disables the handoff.
	Tickets investbot.TicketStore
	Desk    DeskOptions
	// StaffChatID is the Japan Desk group; 0 when not configured.
	StaffChatID int64
	// Admin is the admin tools; nil turns them off. Insights records
	// questions for /stats and /unanswered (nil: not recorded); Broadcaster
	// delivers /broadcast announcements (nil: not offered).
	Admin       AdminService
	Insights    Recorder
	Broadcaster Broadcaster
	// Pseudonyms turns user ids into keyed hashes for logs, the audit log
	// and the unanswered-questions log (nil: a key of this process only,
	// so /forgetme finds only questions this process recorded).
	Pseudonyms *pseudo.Hasher
	// WebAppURL is the public HTTPS address of the Mini App; when set,
	// /start and the zone comparison in private chats offer a button
	// that opens it.
	WebAppURL string
	Log       *slog.Logger
	Now       func() time.Time
	// Locales are the interface texts and the languages offered; nil is
	// the embedded locale files.
	Locales *locales.Catalog
}

// MaxQuestionRunes bounds a question passed on to the Japan Desk. The
// answer engine gets an excerpt of a long message instead (questionExcerpt).
const MaxQuestionRunes = 4000

// turn is the state of one request as it is handled.
type turn struct {
	req  investbot.Request
	sess *investbot.Session
	kb   *knowledge.KB
	// lang is the language for interface text in this turn.
	lang investbot.Lang
	// noStore is set when the session store is unreachable: the turn works
	// without context and must not promise to save anything.
	noStore bool
	// forgotten is set by /forgetme: the deleted session must not be
	// written back.
	forgotten bool
}

type commandFunc func(ctx context.Context, tn *turn) investbot.Reply
type callbackFunc func(ctx context.Context, tn *turn, arg string) investbot.Reply

// Router dispatches requests to handlers through registration tables.
type Router struct {
	d   Deps
	loc *locales.Catalog
	// commands and callbacks hold, by command name and by callback
	// prefix, the routes registered for it, most privileged first
	// (routes.go).
	commands  map[string][]route
	callbacks map[string][]route
	hints     ticketHints
	refusals  refusalThrottle
}

// New returns a Router with every handler registered.
func New(d Deps) *Router {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Answerer == nil {
		d.Answerer = knowledge.Direct{}
	}
	if d.Desk.Hours.IsZero() {
		d.Desk.Hours = investbot.DefaultDeskHours()
	}
	if d.Pseudonyms == nil {
		d.Pseudonyms = pseudo.Random()
	}
	if d.Locales == nil {
		d.Locales = locales.Default()
	}
	r := &Router{d: d, loc: d.Locales, commands: map[string][]route{}, callbacks: map[string][]route{}}
	r.registerMenu()
	r.registerTopics()
	r.registerDesk()
	r.registerAccount()
	r.registerLeads()
	r.registerAdmin()
	return r
}

// Handle answers one request. The session is read once (together with the
// duplicate and flood checks) and written once. A store outage degrades the
// reply (no context, nothing saved) rather than failing it; the returned
// error is reserved for programming errors.
//
// The store may answer Begin from this replica's copy of the session
// without claiming the update (investbot.Speculation): then only a turn
// whose route changes nothing but the session and the reply runs as it
// is (speculative, below); any other claims the update first, and a claim
// that finds the update answered, in progress, flood-limited or its
// session changed starts the turn again from what it found.
func (r *Router) Handle(ctx context.Context, req investbot.Request) (investbot.Reply, error) {
	gate, err := r.d.Sessions.Begin(ctx, req.UpdateID, req.UserID)
	for {
		reply, lost := r.handle(ctx, req, gate, err)
		if !lost {
			return reply, nil
		}
		gate, err = investbot.SpeculationFrom(ctx).Restart()
	}
}

// handle is one turn of Handle, from gate; lost reports that a claim made
// during a speculative turn found it wrong, and the turn must start again.
func (r *Router) handle(ctx context.Context, req investbot.Request, gate investbot.Gate, err error) (_ investbot.Reply, lost bool) {
	noStore := false
	if err != nil {
		if !errors.Is(err, investbot.ErrUnavailable) {
			r.d.Log.Error("session store", "update_id", req.UpdateID, "err", err)
		} else {
			r.d.Log.Warn("session store unavailable; answering without context", "update_id", req.UpdateID, "user", r.userTag(req.UserID), "err", err)
		}
		noStore = true
		gate = investbot.Gate{Session: investbot.Session{UserID: req.UserID}}
	}
	if gate.Duplicate {
		return investbot.Reply{Meta: investbot.Meta{Intent: investbot.IntentDuplicate}}, false
	}
	if gate.InProgress {
		return investbot.Reply{RetryLater: true, Meta: investbot.Meta{Intent: investbot.IntentInProgress}}, false
	}
	sess := gate.Session
	sess.UserID = req.UserID
	before := cloneSession(sess)
	tn := &turn{req: req, sess: &sess, kb: r.d.KB.Current(), noStore: noStore}
	tn.lang = r.uiLang(tn)
	if gate.Limited {
		if gate.NotifyLimit {
			return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgFlood, tn.lang)}}, Meta: investbot.Meta{Lang: tn.lang, Intent: investbot.IntentFlood}}, false
		}
		return investbot.Reply{Meta: investbot.Meta{Lang: tn.lang, Intent: investbot.IntentFlood}}, false
	}

	if gate.Speculative && !r.speculative(tn) && investbot.Claim(ctx) != nil {
		return investbot.Reply{}, true
	}
	reply := r.dispatch(ctx, tn)
	if effectful(reply.Events) {
		// Counted, or changing the subscriber list: not on a speculation
		// (the routes that make these claim first; this is the guard).
		_ = investbot.Claim(ctx)
	}
	if investbot.SpeculationFrom(ctx).Lost() {
		return investbot.Reply{}, true
	}
	if reply.Meta.Lang == "" {
		reply.Meta.Lang = tn.lang
	}
	r.observe(ctx, reply.Events)
	r.syncSubscribers(ctx, tn, reply.Events)
	if !noStore && !tn.forgotten {
		r.hints.note(req.UserID, sess.TicketID)
	}
	if !noStore && !tn.forgotten && !reflect.DeepEqual(before, sess) {
		if err := r.d.Sessions.Save(ctx, sess); err != nil {
			r.d.Log.Warn("session not saved", "update_id", req.UpdateID, "user", r.userTag(req.UserID), "err", err)
		}
	}
	return reply, false
}

// speculative reports whether the turn may run on a speculative gate:
// its route changes nothing but the session and the reply, or claims the
// update itself before anything else (free text does, before a handoff or
// a model call; its statistics wait for the commit): in a private chat of
// an investor with no Japan Desk conversation and no form open, a command
// of speculativeCommands, a button of speculativeButtons, or text.
func (r *Router) speculative(tn *turn) bool {
	req := tn.req
	if req.Chat != investbot.ChatPrivate || req.Role >= investbot.RoleStaff || req.ChatID == r.d.StaffChatID ||
		tn.sess.TicketID != "" || tn.sess.Form != nil || req.Attachment != nil {
		return false
	}
	switch {
	case req.Callback != "":
		prefix, _, _ := strings.Cut(req.Callback, ":")
		return speculativeButtons[prefix]
	case req.Command != "":
		return speculativeCommands[req.Command]
	}
	return true
}

// effectful reports whether events include one that observe or
// syncSubscribers acts on.
func effectful(events []investbot.Event) bool {
	for _, ev := range events {
		switch ev.(type) {
		case investbot.HandoffOpened, investbot.HandoffClosed, investbot.LeadSaved,
			investbot.Subscribed, investbot.Unsubscribed, investbot.Forgotten:
			return true
		}
	}
	return false
}

// speculativeCommands and speculativeButtons answer from the knowledge base
// and the session alone.
var (
	speculativeCommands = map[string]bool{
		"start": true, "menu": true, "help": true, "language": true, "lang": true,
		"zones": true, "incentives": true, "stats": true, "partners": true, "contacts": true, "events": true,
		"compare": true,
	}
	speculativeButtons = map[string]bool{cbMenu: true, cbKind: true, cbEntry: true, cbCompare: true, cbLang: true}
)

func (r *Router) dispatch(ctx context.Context, tn *turn) investbot.Reply {
	req := tn.req
	switch {
	case req.Chat != investbot.ChatPrivate && req.ChatID == r.d.StaffChatID && r.d.StaffChatID != 0 && req.Command == "" && req.Callback == "":
		return r.staffGroup(ctx, tn)
	case req.Callback != "":
		prefix, arg, _ := strings.Cut(req.Callback, ":")
		if routes, ok := r.callbacks[prefix]; ok {
			return r.serve(ctx, tn, routes, buttonAttempt(req), arg)
		}
		return r.menuReply(tn, r.t(msgUnknownButton, tn.lang))
	case req.Command != "":
		routes, ok := r.commands[req.Command]
		if !ok {
			return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnknownCommand, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentUnknownCommand}}
		}
		return r.serve(ctx, tn, routes, commandAttempt(req), "")
	case r.isAdminUpload(tn):
		return r.adminUpload(ctx, tn)
	case tn.sess.TicketID != "" && req.Chat == investbot.ChatPrivate && r.d.Tickets != nil && !tn.noStore:
		return r.deskRelayFromInvestor(ctx, tn)
	case tn.noStore && req.Chat == investbot.ChatPrivate && r.hints.ticket(req.UserID) != "":
		// The store is down, so the session (and its open ticket) is
		// unknown; this process saw the ticket open at the user's last
		// turn. Answering as the bot would leave the follow-up unread by
		// the desk: say so plainly instead.
		return investbot.Reply{Messages: []investbot.Message{{Text: fmt.Sprintf(r.t(deskDeskDown, tn.lang), r.hints.ticket(req.UserID))}}, Meta: investbot.Meta{Intent: investbot.IntentHandoffFailed}, Events: handoffFailed()}
	case req.Attachment != nil && strings.TrimSpace(req.Text) == "":
		return r.attachment(tn)
	case tn.sess.Form != nil && req.Chat == investbot.ChatPrivate:
		return r.formStep(ctx, tn)
	case req.Role >= investbot.RoleStaff && req.Chat == investbot.ChatPrivate:
		return r.staffAnswer(ctx, tn)
	case isBareNumber(req.Text):
		return r.bareNumber(tn)
	default:
		return r.freeText(ctx, tn)
	}
}

// userTag is the keyed hash of a user id, written where the id itself
// must not be: logs, the audit log, the unanswered-questions log.
func (r *Router) userTag(id int64) string { return r.d.Pseudonyms.User(id) }

// ticketHints remembers, in this process, which users had an open Japan
// Desk ticket at their last turn, so that while the store is unreachable
// their follow-ups are not answered by the bot as if nobody were
// listening. It holds ids only while a ticket is open, and at most
// maxHints of them.
type ticketHints struct {
	mu sync.Mutex
	m  map[int64]string
}

const maxHints = 100_000

func (h *ticketHints) note(user int64, ticket string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ticket == "" {
		delete(h.m, user)
		return
	}
	if h.m == nil || len(h.m) >= maxHints {
		h.m = map[int64]string{}
	}
	h.m[user] = ticket
}

func (h *ticketHints) ticket(user int64) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.m[user]
}

func (h *ticketHints) forget(user int64) { h.note(user, "") }

// uiLang picks the language of this turn's reply. A message clearly
// written in one of the four languages is answered in it, and that becomes
// the conversation's language, overriding an earlier /language choice.
// Button presses, commands and typed answers to a form (a company name says
// nothing about the asker's language) keep the conversation's language; a
// message whose language is only guessed ("Nghi Son EZ") keeps it too. With
// no conversation language yet: the guess, else Telegram's language_code,
// else English.
func (r *Router) uiLang(tn *turn) investbot.Lang {
	kept := tn.sess.ReplyLang
	if !r.loc.Has(kept) {
		kept = tn.sess.Lang
	}
	guess := investbot.Lang("")
	if tn.req.Text != "" && tn.req.Command == "" && tn.req.Callback == "" && !tn.answersForm() {
		l, clear := knowledge.LangOf(tn.req.Text)
		if clear {
			tn.sess.ReplyLang = l
			return l
		}
		guess = l
	}
	switch {
	case r.loc.Has(kept):
		return kept
	case r.loc.Has(guess):
		return guess
	case r.loc.Has(tn.req.LangHint):
		return tn.req.LangHint
	}
	return investbot.EN
}

// answersForm reports whether the request's text goes to an open form.
func (tn *turn) answersForm() bool {
	return tn.sess.Form != nil && tn.req.Chat == investbot.ChatPrivate && tn.sess.TicketID == ""
}

// setLang records an explicit language choice (/language, a deep link): it
// sets the menus and the conversation's language until a message clearly
// in another language comes.
func (tn *turn) setLang(l investbot.Lang) {
	tn.sess.Lang, tn.sess.ReplyLang, tn.lang = l, l, l
}

func (r *Router) attachment(tn *turn) investbot.Reply {
	switch tn.req.Attachment.Kind {
	case investbot.AttachVoice:
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgVoice, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentMedia}}
	case investbot.AttachLocation:
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgLocation, tn.lang), Buttons: [][]investbot.Button{
			{{Text: r.t(msgMenuZones, tn.lang), Data: "k:zone"}},
			{{Text: r.t(msgMenuCompare, tn.lang), Data: "cmp"}},
		}}}, Meta: investbot.Meta{Intent: investbot.IntentMedia}}
	}
	return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnsupportedMedia, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentMedia}}
}

// clip cuts s to at most n runes without splitting a rune.
func clip(s string, n int) (string, bool) {
	if utf8.RuneCountInString(s) <= n {
		return s, false
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j], true
		}
		i++
	}
	return s, false
}

func cloneSession(s investbot.Session) investbot.Session {
	if s.Form != nil {
		f := *s.Form
		f.Values = make(map[string]string, len(s.Form.Values))
		for k, v := range s.Form.Values {
			f.Values[k] = v
		}
		s.Form = &f
	}
	return s
}
