package metrics_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/metrics"
)

// Each event on a reply moves its counter, labelled with the reply's
// language; a reply without events counts only as an update.
func TestEventsAreCounted(t *testing.T) {
	for _, tc := range []struct {
		name   string
		reply  investbot.Reply
		metric string
		want   string
	}{
		{"answer", investbot.Reply{Meta: investbot.Meta{Lang: investbot.JA}, Events: []investbot.Event{investbot.Answered{}}},
			"investbot_questions_total", `investbot_questions_total{lang="ja",outcome="answered"} 1`},
		{"llm answer", investbot.Reply{Meta: investbot.Meta{Lang: investbot.EN}, Events: []investbot.Event{investbot.Answered{Generated: true}}},
			"investbot_questions_total", `investbot_questions_total{lang="en",outcome="generated"} 1`},
		{"did you mean", investbot.Reply{Events: []investbot.Event{investbot.Unanswered{Why: investbot.IntentDidYouMean}}},
			"investbot_questions_total", `investbot_questions_total{lang="unknown",outcome="did_you_mean"} 1`},
		{"handoff", investbot.Reply{Events: []investbot.Event{investbot.HandoffOpened{Ticket: "T1"}}},
			"investbot_handoffs_total", `investbot_handoffs_total{event="opened"} 1`},
		{"staff reply", investbot.Reply{Events: []investbot.Event{investbot.StaffReplied{Ticket: "T1"}}},
			"investbot_handoffs_total", `investbot_handoffs_total{event="staff_reply"} 1`},
		{"closed", investbot.Reply{Events: []investbot.Event{investbot.HandoffClosed{Ticket: "T1"}}},
			"investbot_handoffs_total", `investbot_handoffs_total{event="closed"} 1`},
		{"failed", investbot.Reply{Events: []investbot.Event{investbot.HandoffFailed{}}},
			"investbot_handoffs_total", `investbot_handoffs_total{event="failed"} 1`},
		{"lead", investbot.Reply{Events: []investbot.Event{investbot.LeadSaved{}}},
			"investbot_leads_total", `investbot_leads_total 1`},
		{"no event", investbot.Reply{Meta: investbot.Meta{Intent: investbot.IntentHandoffClosed}},
			"investbot_handoffs_total", ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := metrics.New()
			h := m.WrapHandler(bot.HandlerFunc(func(context.Context, investbot.Request) (investbot.Reply, error) { return tc.reply, nil }))
			if _, err := h.Handle(context.Background(), investbot.Request{Text: "q"}); err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
			var got []string
			for _, line := range strings.Split(rec.Body.String(), "\n") {
				if strings.HasPrefix(line, tc.metric+"{") || strings.HasPrefix(line, tc.metric+" ") {
					got = append(got, line)
				}
			}
			if strings.Join(got, "\n") != tc.want {
				t.Errorf("%s: got %q, want %q", tc.metric, got, tc.want)
			}
		})
	}
}
