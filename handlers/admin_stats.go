package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// Recorder keeps what investors ask, for /stats and /unanswered.
type Recorder interface {
	RecordQuestion(ctx context.Context, q investbot.Asked) error
}

// outcomeCounter is implemented by recorders that also count handoffs
// and leads (kbadmin's stores do).
type outcomeCounter interface {
	Count(ctx context.Context, at time.Time, c investbot.Counter) error
}

func (r *Router) unanswered(ctx context.Context, tn *turn) investbot.Reply {
	days := daysArg(tn.req.Args, 7, 90)
	gs, err := r.d.Admin.Unanswered(ctx, r.d.Now().AddDate(0, 0, -days))
	if err != nil {
		return r.storeFailed(tn, "unanswered", err)
	}
	if len(gs) == 0 {
		return adminText(fmt.Sprintf("No unanswered questions in the last %d days.", days), investbot.IntentAdminUnanswered)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Questions the bot could not answer well in the last %d days, most asked first (similar wordings grouped):\n", days)
	for i, g := range gs {
		if i == 20 {
			fmt.Fprintf(&b, "… and %d more groups.\n", len(gs)-i)
			break
		}
		text, _ := clip(g.Text, 150)
		fmt.Fprintf(&b, "%d× [%s] %s\n", g.Count, strings.ToUpper(string(g.Lang)), text)
		if len(g.Variants) > 0 {
			v, _ := clip(strings.Join(g.Variants, " | "), 200)
			fmt.Fprintf(&b, "    also: %s\n", v)
		}
	}
	b.WriteString("\nA question asked often deserves a new entry, or more example questions on an existing one.")
	return adminText(b.String(), investbot.IntentAdminUnanswered)
}

func (r *Router) stats(ctx context.Context, tn *turn) investbot.Reply {
	days := daysArg(tn.req.Args, 30, investbot.MaxStatsDays)
	st, err := r.d.Admin.Stats(ctx, days)
	if err != nil {
		return r.storeFailed(tn, "stats", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Last %d days: %d questions, %d answered (%.0f%%).\n", days, st.Messages, st.Answered, 100*st.AnswerRate())
	var langs []string
	for _, l := range r.loc.Langs() {
		langs = append(langs, fmt.Sprintf("%s %d", strings.ToUpper(string(l)), st.Langs[string(l)]))
	}
	fmt.Fprintf(&b, "By language: %s.\n", strings.Join(langs, " · "))
	fmt.Fprintf(&b, "Japan Desk: %d conversations opened, %d closed. Leads left: %d.\n", st.HandoffsOpened, st.HandoffsClosed, st.Leads)
	if top := st.TopIntents(5); len(top) > 0 {
		b.WriteString("Most asked:")
		for _, kv := range top {
			fmt.Fprintf(&b, "\n• %s %d", kv.Key, kv.Count)
		}
	}
	msgs := []investbot.Message{{Text: b.String(), Buttons: [][]investbot.Button{{{Text: "📊 Key figures (investor view)", Data: cbKind + ":" + string(base.KindStat)}}}}}
	if png, err := kbadmin.Chart(st); err != nil {
		r.d.Log.Warn("stats chart", "err", err)
	} else {
		msgs = append(msgs, investbot.Message{Text: "Messages per day (blue) and share answered (green).", Photo: &investbot.File{Name: "stats.png", Data: png}})
	}
	return investbot.Reply{Messages: msgs, Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentAdminStats}}
}

// record logs a free-text question for /stats and /unanswered, with its
// asker only as a keyed hash (so that /forgetme can remove it); a failure
// is only logged.
func (r *Router) record(ctx context.Context, userID int64, q string, m investbot.Meta) {
	if r.d.Insights == nil {
		return
	}
	asked := investbot.Asked{UserTag: r.userTag(userID), Text: q, Lang: m.Lang, At: r.d.Now(), Answered: m.Answered, Intent: string(m.Intent), Confidence: m.Confidence}
	// After the commit: a speculative turn that is refused is made again,
	// and must not count its question twice.
	investbot.AfterCommit(ctx, func() {
		if err := r.d.Insights.RecordQuestion(ctx, asked); err != nil {
			r.d.Log.Warn("question not recorded", "err", err)
		}
	})
}

// observe counts the outcomes that /stats reports (Japan Desk
// conversations opened and closed, leads left), as the reply's events
// tell. Handle calls it; it does nothing without Deps.Insights.
func (r *Router) observe(ctx context.Context, events []investbot.Event) {
	c, ok := r.d.Insights.(outcomeCounter)
	if !ok || r.d.Insights == nil {
		return
	}
	for _, ev := range events {
		var kind investbot.Counter
		switch ev.(type) {
		case investbot.HandoffOpened:
			kind = investbot.CountHandoffOpened
		case investbot.HandoffClosed:
			kind = investbot.CountHandoffClosed
		case investbot.LeadSaved:
			kind = investbot.CountLead
		default:
			continue
		}
		if err := c.Count(ctx, r.d.Now(), kind); err != nil {
			r.d.Log.Warn("outcome not counted", "event", fmt.Sprintf("%T", ev), "err", err)
		}
	}
}
