package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// Rephraser writes a reply-ready answer to a question from one entry,
// checked against it (the LLM fallback does, when STAFF_REPHRASE is set).
type Rephraser interface {
	Rephrase(ctx context.Context, e *base.Entry, question string, lang investbot.Lang) (string, bool)
}

// staffAnswer serves Japan Desk staff who forward or paste an investor's
// question in a private chat: the best answer in the question's language
// and in a second one (English for Japanese questions, Japanese otherwise),
// with entry id, sources and as-of date, ready to copy into a reply. When
// nothing matches with confidence it says so and lists the closest entries.
func (r *Router) staffAnswer(ctx context.Context, tn *turn) investbot.Reply {
	text := strings.TrimSpace(tn.req.Text)
	if text == "" {
		return r.freeText(ctx, tn)
	}
	if strings.HasPrefix(text, "/") {
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgUnknownCommand, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentUnknownCommand}}
	}
	q, _ := questionExcerpt(text)
	res, err := r.d.Answerer.Answer(ctx, tn.kb, knowledge.Query{Text: q, Lang: tn.preferredLang()})
	if err != nil {
		r.d.Log.Error("staff answer", "update_id", tn.req.UpdateID, "err", err)
		res = knowledge.Result{}
	}
	qLang := res.Detected
	if !qLang.Valid() {
		qLang = tn.lang
	}
	second := investbot.JA
	if qLang == investbot.JA {
		second = investbot.EN
	}
	header := "Staff mode"
	if tn.req.Forwarded {
		header += " · forwarded"
		if tn.req.ForwardFrom != "" {
			header += " from " + tn.req.ForwardFrom
		}
	}
	if !res.Answered() || res.Best == nil {
		var b strings.Builder
		fmt.Fprintf(&b, "%s · question in %s\n\n%s\n", header, strings.ToUpper(string(qLang)), r.t(msgStaffNoMatch, investbot.EN))
		cands := res.RunnersUp
		if res.Best != nil {
			cands = append([]knowledge.Match{*res.Best}, cands...)
		}
		var rows [][]investbot.Button
		for _, m := range cands {
			fmt.Fprintf(&b, "• %s (%.0f%%) — %s\n", m.Entry.ID, m.Confidence*100, m.Entry.Title.In(investbot.EN))
			rows = append(rows, []investbot.Button{{Text: m.Entry.ID, Data: cbEntry + ":" + m.Entry.ID}})
		}
		if len(cands) == 0 {
			b.WriteString("(no candidates)\n")
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: strings.TrimRight(b.String(), "\n"), Buttons: rows}}, Meta: investbot.Meta{Lang: qLang, Intent: investbot.IntentStaffUnanswered, Confidence: confidenceOf(res)}}
	}
	e := res.Best.Entry
	var msgs []investbot.Message
	msgs = append(msgs, investbot.Message{Text: fmt.Sprintf("%s · %s (%.0f%%) · question in %s", header, e.ID, res.Best.Confidence*100, strings.ToUpper(string(qLang)))})
	for _, l := range []investbot.Lang{qLang, second} {
		msgs = append(msgs, investbot.Message{
			Title: "[" + strings.ToUpper(string(l)) + "] " + e.Title.In(l),
			Text:  e.Answer.In(l) + "\n\n" + sourcesLine(r.loc, e, l),
		})
	}
	if r.d.Rephraser != nil {
		if text, ok := r.d.Rephraser.Rephrase(ctx, e, q, qLang); ok {
			msgs = append(msgs, investbot.Message{
				Title: "[" + strings.ToUpper(string(qLang)) + "] Suggested reply (generated from " + e.ID + ", every figure and name checked against it)",
				Text:  text,
			})
		}
	}
	return investbot.Reply{Messages: msgs, Meta: investbot.Meta{Lang: qLang, Answered: !e.Gap, Intent: investbot.Intent(e.ID), Confidence: res.Best.Confidence, Sources: e.SourceRefs()}, Events: answeredUnlessGap(e)}
}
