package storetest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// SampleLead returns the i-th test lead of a user, with a unique id.
func SampleLead(userID int64, i int) investbot.Lead {
	at := time.Date(2025, 4, 1, 8, 0, i, 0, time.UTC)
	return investbot.Lead{
		ID:        fmt.Sprintf("L%d-%d", userID, i),
		UserID:    userID,
		Lang:      investbot.JA,
		Fields:    map[string]string{"name": fmt.Sprintf("佐藤 %d", i), "email": "sato@example.jp", "interest": "WHA"},
		ConsentAt: at,
		CreatedAt: at.Add(time.Second),
	}
}

func testLeads(t *testing.T, st Store) {
	ctx := context.Background()
	u := newID()
	var want []investbot.Lead
	for i := range 5 {
		l := SampleLead(u, i)
		if err := st.AddLead(ctx, l); err != nil {
			t.Fatalf("AddLead: %v", err)
		}
		want = append(want, l)
	}
	// Adding the same id again must not duplicate it.
	if err := st.AddLead(ctx, want[1]); err != nil {
		t.Fatalf("AddLead again: %v", err)
	}
	// Leads outlive the session's idle expiry.
	time.Sleep(IdleTTL + 100*time.Millisecond)
	all, err := st.Leads(ctx)
	if err != nil {
		t.Fatalf("Leads: %v", err)
	}
	var got []investbot.Lead
	for _, l := range all {
		if l.UserID == u {
			got = append(got, l)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("got %d leads of user, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !want[i].ConsentAt.Equal(got[i].ConsentAt) || !want[i].CreatedAt.Equal(got[i].CreatedAt) {
			t.Errorf("lead %d times = %v/%v, want %v/%v", i, got[i].ConsentAt, got[i].CreatedAt, want[i].ConsentAt, want[i].CreatedAt)
		}
		w, g := want[i], got[i]
		w.ConsentAt, w.CreatedAt, g.ConsentAt, g.CreatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("lead %d = %+v, want %+v", i, g, w)
		}
	}
	// A lead without id gets one.
	if err := st.AddLead(ctx, investbot.Lead{UserID: u, Lang: investbot.EN, Fields: map[string]string{"name": "x"}}); err != nil {
		t.Fatalf("AddLead without id: %v", err)
	}
	all, err = st.Leads(ctx)
	if err != nil {
		t.Fatalf("Leads: %v", err)
	}
	if last := all[len(all)-1]; last.UserID != u || last.ID == "" {
		t.Errorf("lead without id stored as %+v", last)
	}
}
