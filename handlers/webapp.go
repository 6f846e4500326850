package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/locales"
)

// What other front ends (the Telegram Mini App) share with the chat: the
// lead form's fields, rules and consent text, and an entry's answer as the
// bot sends it. They use these instead of copies, so that the two cannot
// drift apart.

// LeadChoice is a value offered as a button in the chat form.
type LeadChoice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// LeadFieldInfo describes one field of the lead form in one language.
type LeadFieldInfo struct {
	Key     string       `json:"key"`
	Label   string       `json:"label"`
	Prompt  string       `json:"prompt"`
	Invalid string       `json:"invalid"`
	Choices []LeadChoice `json:"choices,omitempty"`
}

// LeadForm returns the consent text and the fields of the lead form in
// lang, in the order the chat asks them.
func LeadForm(lang investbot.Lang) (consent string, fields []LeadFieldInfo) {
	loc := locales.Default()
	for _, f := range leadFields {
		info := LeadFieldInfo{Key: f.key, Label: tr(loc, f.label, lang), Prompt: tr(loc, f.prompt, lang), Invalid: tr(loc, f.invalid, lang)}
		for _, c := range f.choices {
			info.Choices = append(info.Choices, LeadChoice{Value: c.value, Label: tr(loc, c.label, lang)})
		}
		fields = append(fields, info)
	}
	return tr(loc, leadConsent, lang), fields
}

// ErrNoConsent is returned by SubmitLead when the investor did not agree
// to the personal-data notice: nothing is stored.
var ErrNoConsent = errors.New("handlers: lead without consent")

// CheckLead validates a lead form's values with the chat form's rules: a
// value is either one of the field's buttons or typed text its parser
// accepts. It returns the values to keep and, per field key, the chat's
// message (in lang) for each value refused or missing.
func CheckLead(values map[string]string, lang investbot.Lang) (kept, problems map[string]string) {
	loc := locales.Default()
	kept = map[string]string{}
	problems = map[string]string{}
	for _, f := range leadFields {
		v := strings.TrimSpace(values[f.key])
		chosen := false
		for _, c := range f.choices {
			if c.value == v {
				kept[f.key], chosen = v, true
			}
		}
		if chosen {
			continue
		}
		if p, ok := f.parse(v); ok {
			kept[f.key] = p
		} else {
			problems[f.key] = tr(loc, f.invalid, lang)
		}
	}
	return kept, problems
}

// SubmitLead stores a lead left outside the chat, after consent and with
// the chat form's validation, counts it for /stats, and returns it with the
// notice for the Japan Desk group (none without a group). problems is
// non-empty, and nothing stored, when a value is refused; ErrNoConsent
// when consent is false; a store error wrapped otherwise.
func (r *Router) SubmitLead(ctx context.Context, userID int64, lang investbot.Lang, values map[string]string, consent bool) (lead investbot.Lead, notify []investbot.Message, problems map[string]string, err error) {
	if !consent {
		return lead, nil, nil, ErrNoConsent
	}
	kept, problems := CheckLead(values, lang)
	if len(problems) > 0 {
		return lead, nil, problems, nil
	}
	if r.d.Leads == nil {
		return lead, nil, nil, fmt.Errorf("handlers: submit lead: %w", investbot.ErrUnavailable)
	}
	now := r.d.Now().UTC()
	lead = investbot.Lead{
		ID:        fmt.Sprintf("L%d-%d", now.UnixMilli(), userID%100000),
		UserID:    userID,
		Lang:      lang,
		Fields:    kept,
		ConsentAt: now,
		CreatedAt: now,
	}
	if err := r.d.Leads.AddLead(ctx, lead); err != nil {
		return investbot.Lead{}, nil, nil, fmt.Errorf("handlers: submit lead: %w", err)
	}
	r.observe(ctx, []investbot.Event{investbot.LeadSaved{}})
	if r.d.StaffChatID != 0 {
		notify = append(notify, investbot.Message{
			ChatID: r.d.StaffChatID,
			Title:  "New lead " + lead.ID,
			Text:   fmt.Sprintf("Investor #%d · language %s · from the Mini App\n\n%s", userID, strings.ToUpper(string(lang)), leadSummary(r.loc, lead.Fields, investbot.EN)),
		})
	}
	return lead, notify, nil, nil
}

// Preview returns entry e's answer in lang as the bot sends it: its title
// (shown in bold) and text with the sources line.
func Preview(e *base.Entry, lang investbot.Lang) investbot.Message {
	return investbot.Message{Title: e.Title.In(lang), Text: e.Answer.In(lang) + "\n\n" + sourcesLine(locales.Default(), e, lang)}
}

// StageName returns a zone stage's name in lang, as the chat writes it.
func StageName(s base.Stage, lang investbot.Lang) string {
	return stageName(locales.Default(), s, lang)
}
