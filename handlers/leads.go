package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/locales"
)

// The lead form collects an investor's contact details, with consent first
// (Vietnam's Law on Personal Data Protection 91/2025/QH15 and Decree 356/2025/ND-CP). Its steps
// are a table so that a field is added in one place.

const (
	formLead = "lead"
	cbLead   = "lead" // lead:yes, lead:no, lead:back, lead:send, lead:v:<value>
)

// choice is a button answer to a form step.
type choice struct {
	value string
	label msg
}

type leadField struct {
	key     string
	label   msg // in the summary
	prompt  msg
	choices []choice
	// parse validates typed text and returns the value to keep.
	parse   func(string) (string, bool)
	invalid msg
	// confirm, when set, shows how a typed answer was understood
	// ("about 20 million USD" → "20,000,000 USD") before the next step,
	// so that a misreading is seen and corrected with Back.
	confirm func(string) string
}

var leadFields = []leadField{
	{
		key:     "name",
		label:   "lead.name.label",
		prompt:  "lead.name.prompt",
		parse:   textBetween(2, 100),
		invalid: "lead.name.invalid",
	},
	{
		key:     "company",
		label:   "lead.company.label",
		prompt:  "lead.company.prompt",
		parse:   textBetween(2, 150),
		invalid: "lead.company.invalid",
	},
	{
		key:    "country",
		label:  "lead.country.label",
		prompt: "lead.country.prompt",
		choices: []choice{
			{"Japan", "lead.country.japan"},
			{"Korea", "lead.country.korea"},
			{"Vietnam", "lead.country.vietnam"},
		},
		parse:   textBetween(2, 60),
		invalid: "lead.country.invalid",
	},
	{
		key:    "sector",
		label:  "lead.sector.label",
		prompt: "lead.sector.prompt",
		choices: []choice{
			{"manufacturing", "lead.sector.manufacturing"},
			{"electronics", "lead.sector.electronics"},
			{"logistics", "lead.sector.logistics"},
			{"agri-food", "lead.sector.agri_food"},
			{"energy", "lead.sector.energy"},
		},
		parse:   textBetween(2, 80),
		invalid: "lead.sector.invalid",
	},
	{
		key:     "investment_usd",
		label:   "lead.investment_usd.label",
		prompt:  "lead.investment_usd.prompt",
		choices: []choice{{"unknown", "lead.investment_usd.unknown"}},
		parse:   parseAmount,
		confirm: formatAmount,
		invalid: "lead.investment_usd.invalid",
	},
	{
		key:     "land_ha",
		label:   "lead.land_ha.label",
		prompt:  "lead.land_ha.prompt",
		choices: []choice{{"unknown", "lead.land_ha.unknown"}},
		parse:   parseHectares,
		invalid: "lead.land_ha.invalid",
	},
	{
		key:    "timeline",
		label:  "lead.timeline.label",
		prompt: "lead.timeline.prompt",
		choices: []choice{
			{"<6m", "lead.timeline.lt6m"},
			{"6-12m", "lead.timeline.6_12m"},
			{"1-2y", "lead.timeline.1_2y"},
			{"later", "lead.timeline.later"},
		},
		parse:   textBetween(2, 60),
		invalid: "lead.timeline.invalid",
	},
	{
		key:     "contact",
		label:   "lead.contact.label",
		prompt:  "lead.contact.prompt",
		choices: []choice{{"telegram", "lead.contact.telegram"}},
		parse:   parseContact,
		invalid: "lead.contact.invalid",
	},
}

func (r *Router) registerLeads() {
	r.command("lead", investbot.RoleInvestor, r.leadStart)
	r.command("contactme", investbot.RoleInvestor, r.leadStart)
	r.command("back", investbot.RoleInvestor, func(ctx context.Context, tn *turn) investbot.Reply {
		if tn.sess.Form == nil || tn.sess.Form.Name != formLead {
			return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgNothingToCancel, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentLeadBack}}
		}
		return r.leadCallback(ctx, tn, "back")
	})
	r.callback(cbLead, investbot.RoleInvestor, r.leadCallback)
}

// leadStart asks for consent; nothing is kept before the investor agrees.
func (r *Router) leadStart(_ context.Context, tn *turn) investbot.Reply {
	tn.sess.Form = nil
	lang := tn.lang
	return investbot.Reply{
		Messages: []investbot.Message{{
			Text: r.t(leadConsent, lang),
			Buttons: [][]investbot.Button{
				{{Text: r.t(leadAgree, lang), Data: cbLead + ":yes"}},
				{{Text: r.t(leadDecline, lang), Data: cbLead + ":no"}},
			},
		}},
		Meta: investbot.Meta{Intent: investbot.IntentLeadConsent},
	}
}

func (r *Router) leadCallback(ctx context.Context, tn *turn, arg string) investbot.Reply {
	open := tn.sess.Form != nil && tn.sess.Form.Name == formLead
	if tn.noStore && arg != "no" {
		// The form lives in the store: while it is down, say so plainly
		// and keep the button, rather than pretend the form expired.
		retry := [][]investbot.Button{{{Text: r.leadSendLabel(tn.lang), Data: cbLead + ":" + arg}}}
		if arg != "send" {
			retry = nil
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnavailable, tn.lang), Buttons: retry}}, Meta: investbot.Meta{Intent: investbot.IntentLeadFailed}}
	}
	switch {
	case arg == "start":
		return r.leadStart(ctx, tn)
	case arg == "yes":
		tn.sess.Form = &investbot.Form{Name: formLead, Values: map[string]string{"consent_at": r.d.Now().UTC().Format("2006-01-02T15:04:05Z")}}
		return r.leadPrompt(tn, "")
	case arg == "no":
		tn.sess.Form = nil
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(leadDeclined, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentLeadDeclined}}
	case !open:
		// A button from a finished or cancelled form.
		return r.menuReply(tn, r.t(msgUnknownButton, tn.lang))
	case arg == "back":
		if tn.sess.Form.Step > 0 {
			tn.sess.Form.Step--
		}
		return r.leadPrompt(tn, "")
	case arg == "send":
		return r.leadSend(ctx, tn)
	case strings.HasPrefix(arg, "v:"):
		return r.leadAnswer(tn, strings.TrimPrefix(arg, "v:"), true)
	}
	return r.leadPrompt(tn, "")
}

// leadTyped handles a typed answer to the current step.
func (r *Router) leadTyped(ctx context.Context, tn *turn) investbot.Reply {
	text := strings.TrimSpace(tn.req.Text)
	switch strings.ToLower(text) {
	case "back", "quay lai", "quay lại", "戻る", "뒤로":
		return r.leadCallback(ctx, tn, "back")
	}
	return r.leadAnswer(tn, text, false)
}

func (r *Router) leadAnswer(tn *turn, value string, fromButton bool) investbot.Reply {
	f := tn.sess.Form
	if f.Step >= len(leadFields) {
		return r.leadReview(tn)
	}
	field := leadFields[f.Step]
	if fromButton {
		ok := false
		for _, c := range field.choices {
			ok = ok || c.value == value
		}
		if !ok {
			return r.leadPrompt(tn, "")
		}
	}
	note := ""
	if !fromButton {
		v, ok := field.parse(value)
		if !ok {
			return r.leadPrompt(tn, r.t(field.invalid, tn.lang))
		}
		value = v
		if field.confirm != nil {
			note = r.loc.F(string(leadUnderstood), tn.lang, r.t(field.label, tn.lang), field.confirm(value))
		}
	}
	f.Values[field.key] = value
	f.Step++
	if f.Step >= len(leadFields) {
		reply := r.leadReview(tn)
		if note != "" {
			reply.Messages[0].Text = note + "\n\n" + reply.Messages[0].Text
		}
		return reply
	}
	return r.leadPrompt(tn, note)
}

// leadPrompt asks the current step's question, after problem when the last
// answer was invalid.
func (r *Router) leadPrompt(tn *turn, problem string) investbot.Reply {
	f := tn.sess.Form
	if f.Step >= len(leadFields) {
		return r.leadReview(tn)
	}
	lang := tn.lang
	field := leadFields[f.Step]
	var rows [][]investbot.Button
	for _, c := range field.choices {
		rows = append(rows, []investbot.Button{{Text: r.t(c.label, lang), Data: cbLead + ":v:" + c.value}})
	}
	nav := []investbot.Button{{Text: r.t(leadCancel, lang), Data: cbLead + ":no"}}
	if f.Step > 0 {
		nav = append([]investbot.Button{{Text: r.t(leadBack, lang), Data: cbLead + ":back"}}, nav...)
	}
	rows = append(rows, nav)
	text := fmt.Sprintf(r.t(leadStep, lang), f.Step+1, len(leadFields)) + "\n" + r.t(field.prompt, lang)
	if problem != "" {
		text = problem + "\n\n" + text
	}
	return investbot.Reply{Messages: []investbot.Message{{Text: text, Buttons: rows}}, Meta: investbot.Meta{Intent: investbot.LeadFieldIntent(field.key)}}
}

func (r *Router) leadReview(tn *turn) investbot.Reply {
	lang := tn.lang
	text := r.t(leadReview, lang) + "\n\n" + leadSummary(r.loc, tn.sess.Form.Values, lang)
	return investbot.Reply{
		Messages: []investbot.Message{{Text: text, Buttons: [][]investbot.Button{
			{{Text: r.leadSendLabel(lang), Data: cbLead + ":send"}},
			{{Text: r.t(leadBack, lang), Data: cbLead + ":back"}, {Text: r.t(leadCancel, lang), Data: cbLead + ":no"}},
		}}},
		Meta: investbot.Meta{Intent: investbot.IntentLeadReview},
	}
}

func leadSummary(loc *locales.Catalog, values map[string]string, lang investbot.Lang) string {
	var b strings.Builder
	for _, f := range leadFields {
		v := values[f.key]
		for _, c := range f.choices {
			if c.value == v {
				v = tr(loc, c.label, lang)
			}
		}
		if f.confirm != nil && v == values[f.key] {
			v = f.confirm(v)
		}
		fmt.Fprintf(&b, "%s: %s\n", tr(loc, f.label, lang), v)
	}
	return strings.TrimRight(b.String(), "\n")
}

// leadSend stores the lead and notifies the Japan Desk group. If the store
// is down the investor is told plainly and the form stays open, so that
// pressing Send again later works.
func (r *Router) leadSend(ctx context.Context, tn *turn) investbot.Reply {
	f := tn.sess.Form
	if f.Step < len(leadFields) {
		return r.leadPrompt(tn, "")
	}
	now := r.d.Now().UTC()
	lead := investbot.Lead{
		// Random, not derived from the user id: the id is shown in the
		// staff group and outlives /forgetme there.
		ID:        fmt.Sprintf("L%d-%s", now.UnixMilli(), randomHex(3)),
		UserID:    tn.req.UserID,
		Lang:      tn.lang,
		Fields:    map[string]string{},
		CreatedAt: now,
	}
	for k, v := range f.Values {
		if k != "consent_at" {
			lead.Fields[k] = v
		}
	}
	if at, err := time.Parse(time.RFC3339, f.Values["consent_at"]); err == nil {
		lead.ConsentAt = at
	}
	if err := r.d.Leads.AddLead(ctx, lead); err != nil {
		r.d.Log.Warn("lead not saved", "update_id", tn.req.UpdateID, "err", err)
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnavailable, tn.lang), Buttons: [][]investbot.Button{{{Text: r.leadSendLabel(tn.lang), Data: cbLead + ":send"}}}}}, Meta: investbot.Meta{Intent: investbot.IntentLeadFailed}}
	}
	tn.sess.Form = nil
	// Only a staff group makes "passed to the Japan Desk" true.
	saved := leadSavedOnly
	if r.d.StaffChatID != 0 {
		saved = leadSaved
	}
	msgs := []investbot.Message{{Text: r.t(saved, tn.lang), Buttons: r.mainMenu(tn.lang)}}
	if r.d.StaffChatID != 0 {
		msgs = append(msgs, investbot.Message{
			ChatID: r.d.StaffChatID,
			Title:  "New lead " + lead.ID,
			Text:   fmt.Sprintf("Investor #%d · language %s\n\n%s", tn.req.UserID, strings.ToUpper(string(tn.lang)), leadSummary(r.loc, lead.Fields, investbot.EN)),
		})
	}
	return investbot.Reply{Messages: msgs, Meta: investbot.Meta{Intent: investbot.IntentLeadSaved}, Events: []investbot.Event{investbot.LeadSaved{}}}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func textBetween(min, max int) func(string) (string, bool) {
	return func(s string) (string, bool) {
		s = strings.Join(strings.Fields(s), " ")
		n := utf8.RuneCountInString(s)
		if n < min || n > max || strings.HasPrefix(s, "/") {
			return "", false
		}
		return s, true
	}
}

func parseHectares(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), "ha"))
	s = strings.Replace(s, ",", ".", 1)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0.01 || v > 10000 {
		return "", false
	}
	return strconv.FormatFloat(v, 'f', -1, 64), true
}

var (
	emailRe = regexp.MustCompile(`^[^\s@<>]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,}$`)
	phoneRe = regexp.MustCompile(`^\+?[0-9][0-9 ().-]{6,20}[0-9]$`)
)

func parseContact(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if emailRe.MatchString(s) || phoneRe.MatchString(s) {
		return s, true
	}
	return "", false
}
