package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
)

// formDesk is the form that collects the question for the Japan Desk.
const formDesk = "desk"

func (r *Router) registerDesk() {
	r.command("human", r.deskStart)
	r.command("desk", r.deskStart)
	r.callback(cbDesk, func(ctx context.Context, tn *turn, _ string) Reply { return r.deskStart(ctx, tn) })
}

// deskStart begins a handoff: the next message is passed to the Japan Desk
// group together with the recent context.
func (r *Router) deskStart(_ context.Context, tn *turn) Reply {
	if r.d.StaffChatID == 0 {
		return Reply{Messages: []Message{{Text: t(msgDeskNoGroup, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: Meta{Intent: "handoff.unavailable"}}
	}
	tn.sess.Form = &investbot.Form{Name: formDesk}
	return Reply{Messages: []Message{{Text: t(msgDeskIntro, tn.lang)}}, Meta: Meta{Intent: "handoff.start"}}
}

// deskQuestion passes the investor's question to the staff group. Every
// investor-supplied string is plain text: the adapter escapes it, so nothing
// an investor writes can format or command the staff group.
func (r *Router) deskQuestion(ctx context.Context, tn *turn) Reply {
	question := strings.TrimSpace(tn.req.Text)
	if question == "" {
		return Reply{Messages: []Message{{Text: t(msgEmpty, tn.lang)}}, Meta: Meta{Intent: "handoff.start"}}
	}
	question, _ = clip(question, MaxQuestionRunes)
	tn.sess.Form = nil
	var guess string
	if res, err := r.d.Answerer.Answer(ctx, tn.kb, knowledge.Query{Text: question, Lang: tn.lang}); err == nil && res.Best != nil {
		guess = fmt.Sprintf("%s (%.0f%%, %s)", res.Best.Entry.ID, res.Best.Confidence*100, strings.Join(res.Best.Entry.SourceRefs(), ", "))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Investor #%d · language %s\n", tn.req.UserID, strings.ToUpper(string(tn.lang)))
	if tn.req.UserName != "" {
		fmt.Fprintf(&b, "Name: %s\n", tn.req.UserName)
	}
	fmt.Fprintf(&b, "\n%s\n", question)
	if tn.sess.LastEntry != "" {
		fmt.Fprintf(&b, "\nLast topic: %s", tn.sess.LastEntry)
	}
	if guess != "" {
		fmt.Fprintf(&b, "\nBot's best guess: %s", guess)
	}
	return Reply{
		Messages: []Message{
			{ChatID: r.d.StaffChatID, Title: "New question for the Japan Desk", Text: b.String()},
			{Text: t(msgDeskSent, tn.lang), Buttons: [][]Button{{{Text: t(msgBackToMenu, tn.lang), Data: cbMenu}}}},
		},
		Meta: Meta{Intent: "handoff.sent"},
	}
}
