package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// RunAdmin runs the admin tools' store contract against fresh stores made
// by open.
func RunAdmin(t *testing.T, open func(t *testing.T) investbot.AdminStore) {
	t.Run("Versions", func(t *testing.T) { testVersions(t, open(t)) })
	t.Run("Watch", func(t *testing.T) { testWatch(t, open(t)) })
	t.Run("Pending", func(t *testing.T) { testPending(t, open(t)) })
	t.Run("Drafts", func(t *testing.T) { testDrafts(t, open(t)) })
	t.Run("Insights", func(t *testing.T) { testInsights(t, open(t)) })
	t.Run("Audit", func(t *testing.T) { testAudit(t, open(t)) })
	t.Run("Subscribers", func(t *testing.T) { testSubscribers(t, open(t)) })
}

func testCtx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func testVersions(t *testing.T, st investbot.AdminStore) {
	c := testCtx(t)
	if n, err := st.Current(c); err != nil || n != 0 {
		t.Fatalf("Current on empty store = %d, %v; want 0, nil", n, err)
	}
	if _, err := st.Files(c, 1); !errors.Is(err, investbot.ErrNotFound) {
		t.Fatalf("Files(1) on empty store: %v, want ErrNotFound", err)
	}
	v1files := map[string][]byte{"a.yaml": []byte("- id: a\n"), "b.yaml": []byte("- id: b — ベトナム\n")}
	v1, err := st.Publish(c, v1files, 42, "first")
	if err != nil {
		t.Fatal(err)
	}
	if v1.N != 1 || v1.By != 42 || v1.Summary != "first" || v1.Files != 2 || v1.At.IsZero() {
		t.Errorf("Publish = %+v", v1)
	}
	v2, err := st.Publish(c, map[string][]byte{"a.yaml": []byte("- id: a2\n")}, 43, "second")
	if err != nil || v2.N != 2 {
		t.Fatalf("second Publish = %+v, %v", v2, err)
	}
	if n, _ := st.Current(c); n != 2 {
		t.Errorf("Current = %d, want 2", n)
	}
	got, err := st.Files(c, 1)
	if err != nil || !reflect.DeepEqual(got, v1files) {
		t.Errorf("Files(1) = %q, %v; want %q", got, err, v1files)
	}
	v3, err := st.Rollback(c, 1, 44)
	if err != nil || v3.N != 3 || v3.By != 44 {
		t.Fatalf("Rollback = %+v, %v", v3, err)
	}
	if got, _ := st.Files(c, 3); !reflect.DeepEqual(got, v1files) {
		t.Errorf("Files(3) after rollback to 1 = %q", got)
	}
	if _, err := st.Rollback(c, 9, 44); !errors.Is(err, investbot.ErrNotFound) {
		t.Errorf("Rollback(9): %v, want ErrNotFound", err)
	}
	vs, err := st.Versions(c)
	if err != nil || len(vs) != 3 || vs[0].N != 3 || vs[2].N != 1 || vs[2].Summary != "first" {
		t.Errorf("Versions = %+v, %v; want 3, 2, 1", vs, err)
	}
	if n, _ := st.Current(c); n != 3 {
		t.Errorf("Current after rollback = %d, want 3", n)
	}
}

func testWatch(t *testing.T, st investbot.AdminStore) {
	c, cancel := context.WithCancel(testCtx(t))
	seen := make(chan int, 16)
	done := make(chan error, 1)
	go func() { done <- st.Watch(c, func(n int) { seen <- n }) }()
	wait := func(want int) {
		t.Helper()
		deadline := time.After(2 * time.Second)
		for {
			select {
			case n := <-seen:
				if n == want {
					return
				}
			case <-deadline:
				t.Fatalf("Watch did not report version %d within 2 s", want)
			}
		}
	}
	wait(0)
	if _, err := st.Publish(c, map[string][]byte{"a.yaml": []byte("x")}, 1, "w"); err != nil {
		t.Fatal(err)
	}
	wait(1)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Watch returned %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Watch did not return after cancel")
	}
}

func testPending(t *testing.T, st investbot.AdminStore) {
	c := testCtx(t)
	if _, err := st.TakePending(c, 5, investbot.PendingUpload); !errors.Is(err, investbot.ErrNotFound) {
		t.Fatalf("TakePending with none: %v, want ErrNotFound", err)
	}
	up := investbot.Pending{Kind: investbot.PendingUpload, Files: map[string][]byte{"z.yaml": []byte("zz")}, Summary: "s", At: time.Now()}
	if err := st.SetPending(c, 5, up); err != nil {
		t.Fatal(err)
	}
	if err := st.SetPending(c, 5, investbot.Pending{Kind: investbot.PendingBroadcast, Text: "hello", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.TakePending(c, 6, investbot.PendingUpload); !errors.Is(err, investbot.ErrNotFound) {
		t.Errorf("another admin took admin 5's upload: %v", err)
	}
	got, err := st.TakePending(c, 5, investbot.PendingUpload)
	if err != nil || got.Summary != "s" || string(got.Files["z.yaml"]) != "zz" {
		t.Errorf("TakePending = %+v, %v", got, err)
	}
	if _, err := st.TakePending(c, 5, investbot.PendingUpload); !errors.Is(err, investbot.ErrNotFound) {
		t.Errorf("second TakePending: %v, want ErrNotFound", err)
	}
	if b, err := st.TakePending(c, 5, investbot.PendingBroadcast); err != nil || b.Text != "hello" {
		t.Errorf("broadcast pending = %+v, %v", b, err)
	}
}

func testDrafts(t *testing.T, st investbot.AdminStore) {
	c := testCtx(t)
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	d1, err := st.AddDraft(c, investbot.Draft{Question: "Q1", Answer: "A1", Lang: investbot.JA, TicketID: "T3", By: 9, At: at})
	if err != nil || d1.ID == "" || d1.Status != investbot.DraftOpen {
		t.Fatalf("AddDraft = %+v, %v", d1, err)
	}
	d2, _ := st.AddDraft(c, investbot.Draft{Question: "Q2", Answer: "A2", Lang: investbot.EN, By: 9, At: at.Add(time.Minute)})
	if d2.ID == d1.ID {
		t.Fatalf("two drafts share id %s", d1.ID)
	}
	list, err := st.Drafts(c)
	if err != nil || len(list) != 2 || list[0].ID != d1.ID || list[1].ID != d2.ID {
		t.Fatalf("Drafts = %+v, %v", list, err)
	}
	got, err := st.Draft(c, d1.ID)
	if err != nil || got.Question != "Q1" || got.Lang != investbot.JA || got.TicketID != "T3" || !got.At.Equal(at) {
		t.Errorf("Draft = %+v, %v", got, err)
	}
	r, err := st.ResolveDraft(c, d1.ID, investbot.DraftApproved, 11)
	if err != nil || r.Status != investbot.DraftApproved || r.ResolvedBy != 11 {
		t.Errorf("ResolveDraft = %+v, %v", r, err)
	}
	if _, err := st.ResolveDraft(c, d1.ID, investbot.DraftRejected, 11); !errors.Is(err, investbot.ErrResolved) {
		t.Errorf("second ResolveDraft: %v, want ErrResolved", err)
	}
	if _, err := st.ResolveDraft(c, "D999", investbot.DraftRejected, 11); !errors.Is(err, investbot.ErrNotFound) {
		t.Errorf("ResolveDraft(unknown): %v, want ErrNotFound", err)
	}
	if _, err := st.Draft(c, "D999"); !errors.Is(err, investbot.ErrNotFound) {
		t.Errorf("Draft(unknown): %v, want ErrNotFound", err)
	}
	if list, _ := st.Drafts(c); len(list) != 1 || list[0].ID != d2.ID {
		t.Errorf("Drafts after approving %s = %+v", d1.ID, list)
	}

	// Erasure: every draft of the tickets goes, open or resolved; the
	// others stay.
	d3, _ := st.AddDraft(c, investbot.Draft{Question: "Q3", Answer: "A3", Lang: investbot.EN, TicketID: "T3", By: 9, At: at})
	d4, _ := st.AddDraft(c, investbot.Draft{Question: "Q4", Answer: "A4", Lang: investbot.EN, TicketID: "T4", By: 9, At: at})
	n, err := st.DeleteDrafts(c, []string{"T3", "T9"})
	if err != nil || n != 2 {
		t.Errorf("DeleteDrafts(T3, T9) = %d, %v; want 2 (%s resolved, %s open)", n, err, d1.ID, d3.ID)
	}
	for _, id := range []string{d1.ID, d3.ID} {
		if _, err := st.Draft(c, id); !errors.Is(err, investbot.ErrNotFound) {
			t.Errorf("Draft(%s) after DeleteDrafts: %v, want ErrNotFound", id, err)
		}
	}
	if list, _ := st.Drafts(c); len(list) != 2 || list[0].ID != d2.ID || list[1].ID != d4.ID {
		t.Errorf("Drafts after DeleteDrafts = %+v, want %s and %s", list, d2.ID, d4.ID)
	}
}

func testInsights(t *testing.T, st investbot.AdminStore) {
	c := testCtx(t)
	day1 := time.Date(2026, 2, 10, 3, 0, 0, 0, time.UTC)   // 10:00 in Vietnam
	day2 := time.Date(2026, 2, 11, 16, 30, 0, 0, time.UTC) // 23:30 on the 11th in Vietnam
	for _, q := range []investbot.Asked{
		{Text: "Where is WHA?", Lang: investbot.EN, At: day1, Answered: true, Intent: "zone.wha", Confidence: 0.9},
		{Text: "land price in nghi son", Lang: investbot.EN, At: day1, Intent: "unanswered", Confidence: 0.2},
		{Text: "giá đất nghi sơn", Lang: investbot.VI, At: day2, Intent: "unanswered", Confidence: 0.1},
		{Text: "WHAはどこ", Lang: investbot.JA, At: day2, Answered: true, Intent: "zone.wha", Confidence: 0.4},
	} {
		if err := st.RecordQuestion(c, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, x := range []struct {
		at time.Time
		c  investbot.Counter
	}{{day1, investbot.CountHandoffOpened}, {day2, investbot.CountHandoffOpened}, {day2, investbot.CountHandoffClosed}, {day2, investbot.CountLead}} {
		if err := st.Count(c, x.at, x.c); err != nil {
			t.Fatal(err)
		}
	}
	days, err := st.DayStats(c, day1.Add(-24*time.Hour), day2)
	if err != nil || len(days) != 3 {
		t.Fatalf("DayStats = %+v, %v; want 3 days", days, err)
	}
	if days[0].Date != "2026-02-09" || days[0].Messages != 0 {
		t.Errorf("empty day = %+v", days[0])
	}
	d1, d2 := days[1], days[2]
	if d1.Date != "2026-02-10" || d1.Messages != 2 || d1.Answered != 1 || d1.Langs["en"] != 2 || d1.Intents["zone.wha"] != 1 || d1.HandoffsOpened != 1 {
		t.Errorf("day 1 = %+v", d1)
	}
	if d2.Date != "2026-02-11" || d2.Messages != 2 || d2.Answered != 1 || d2.Langs["vi"] != 1 || d2.Langs["ja"] != 1 ||
		d2.HandoffsOpened != 1 || d2.HandoffsClosed != 1 || d2.Leads != 1 {
		t.Errorf("day 2 = %+v", d2)
	}
	qs, err := st.Questions(c, day1)
	if err != nil || len(qs) != 3 {
		t.Fatalf("Questions = %+v, %v; want the 2 unanswered and the low-confidence one", qs, err)
	}
	if qs[0].Text != "WHAはどこ" || qs[2].Text != "land price in nghi son" || qs[1].Lang != investbot.VI || !qs[1].At.Equal(day2) {
		t.Errorf("Questions not newest first or not kept intact: %+v", qs)
	}
	if qs, _ := st.Questions(c, day2); len(qs) != 2 {
		t.Errorf("Questions since day 2 = %d, want 2", len(qs))
	}

	// A user's logged questions are found by their tag and removed.
	for _, q := range []investbot.Asked{
		{UserTag: "u-aaaa", Text: "call me at +81 90 1234 5678", Lang: investbot.EN, At: day2, Intent: "unanswered"},
		{UserTag: "u-aaaa", Text: "Where is WHA?", Lang: investbot.EN, At: day2, Answered: true, Intent: "zone.wha", Confidence: 0.9},
		{UserTag: "u-bbbb", Text: "someone else's question", Lang: investbot.EN, At: day2, Intent: "unanswered"},
	} {
		if err := st.RecordQuestion(c, q); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := st.ForgetQuestions(c, "u-aaaa"); err != nil || n != 1 {
		t.Errorf("ForgetQuestions = %d, %v; want the one logged question", n, err)
	}
	qs, _ = st.Questions(c, day1)
	if len(qs) != 4 || qs[0].Text != "someone else's question" {
		t.Errorf("Questions after ForgetQuestions = %+v", qs)
	}
	for _, q := range qs {
		if q.UserTag != "" {
			t.Errorf("Questions shows a user tag: %+v", q)
		}
	}
	if n, err := st.ForgetQuestions(c, ""); err != nil || n != 0 {
		t.Errorf("ForgetQuestions(\"\") = %d, %v; want 0", n, err)
	}
}

func testAudit(t *testing.T, st investbot.AdminStore) {
	c := testCtx(t)
	for i := range 3 {
		if err := st.Audit(c, investbot.AuditEvent{At: time.Unix(int64(1000+i), 0), By: 7, Action: fmt.Sprintf("a%d", i), Detail: "d"}); err != nil {
			t.Fatal(err)
		}
	}
	log, err := st.AuditLog(c, 2)
	if err != nil || len(log) != 2 || log[0].Action != "a2" || log[1].Action != "a1" || log[0].By != 7 {
		t.Errorf("AuditLog(2) = %+v, %v", log, err)
	}
	if log, _ := st.AuditLog(c, 50); len(log) != 3 {
		t.Errorf("AuditLog(50) = %d events, want 3", len(log))
	}
}

func testSubscribers(t *testing.T, st investbot.AdminStore) {
	c := testCtx(t)
	for _, s := range []investbot.Subscriber{{UserID: 3, Lang: investbot.JA}, {UserID: 1, Lang: investbot.EN}, {UserID: 3, Lang: investbot.KO}, {UserID: 2, Lang: investbot.VI}} {
		if err := st.Subscribe(c, s.UserID, s.Lang); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Unsubscribe(c, 2); err != nil {
		t.Fatal(err)
	}
	if err := st.Unsubscribe(c, 99); err != nil {
		t.Errorf("Unsubscribe(unknown): %v", err)
	}
	got, err := st.Subscribers(c)
	want := []investbot.Subscriber{{UserID: 1, Lang: investbot.EN}, {UserID: 3, Lang: investbot.KO}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Subscribers = %+v, %v; want %+v", got, err, want)
	}
}
