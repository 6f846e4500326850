package storetest

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// RunTickets is the contract every investbot.TicketStore must meet.
// newStore is called once per subtest; the subtests run one after another.
func RunTickets(t *testing.T, newStore func(t *testing.T) investbot.TicketStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st investbot.TicketStore)
	}{
		{"open, read, update, close", testTicketLifecycle},
		{"unknown ticket", testTicketUnknown},
		{"ids are unique and open tickets are oldest first", testTicketIDsAndOrder},
		{"a reminder is claimed once", testTicketReminderOnce},
		{"messages are bound to tickets by chat and message id", testTicketMessageBinding},
		{"erasing a user closes and empties their tickets only", testTicketErasure},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, newStore(t))
		})
	}
}

// ticketsOpenedAt is when the contract's tickets are opened, a fixed time
// so that the order of OpenTickets can be checked.
func ticketsOpenedAt() time.Time { return time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC) }

// testTicketLifecycle opens a ticket, reads it back, lists it as open, closes
// it and checks it is no longer open.
func testTicketLifecycle(t *testing.T, st investbot.TicketStore) {
	ctx := context.Background()
	opened := ticketsOpenedAt()
	tk, err := st.OpenTicket(ctx, investbot.Ticket{
		UserID: 42, ChatID: 42, Lang: investbot.JA, Question: "工業団地の賃料は？",
		Transcript: []investbot.Exchange{{Q: "WHA", Intent: "zone.wha-smart-tech-1", At: opened}},
		OpenedAt:   opened,
	})
	if err != nil {
		t.Fatalf("OpenTicket: %v", err)
	}
	if tk.ID == "" || tk.Status != investbot.TicketOpen {
		t.Fatalf("opened ticket = %+v, want an id and status open", tk)
	}
	got, err := st.Ticket(ctx, tk.ID)
	if err != nil || got.Question != tk.Question || len(got.Transcript) != 1 || got.Lang != investbot.JA {
		t.Fatalf("Ticket(%s) = %+v, %v", tk.ID, got, err)
	}
	open, err := st.OpenTickets(ctx)
	if err != nil || len(open) != 1 || open[0].ID != tk.ID {
		t.Fatalf("OpenTickets = %+v, %v", open, err)
	}
	got.Status, got.ClosedAt, got.ClosedBy = investbot.TicketClosed, opened.Add(time.Hour), 7
	if err := st.UpdateTicket(ctx, got); err != nil {
		t.Fatalf("UpdateTicket: %v", err)
	}
	if open, _ := st.OpenTickets(ctx); len(open) != 0 {
		t.Errorf("closed ticket still listed as open: %+v", open)
	}
	if again, _ := st.Ticket(ctx, tk.ID); again.Status != investbot.TicketClosed || again.ClosedBy != 7 {
		t.Errorf("closed ticket reads back as %+v", again)
	}
}

// testTicketUnknown reads and updates an id that was never issued.
func testTicketUnknown(t *testing.T, st investbot.TicketStore) {
	ctx := context.Background()
	if _, err := st.Ticket(ctx, "T999999"); !errors.Is(err, investbot.ErrNotFound) {
		t.Errorf("Ticket(unknown) error = %v, want ErrNotFound", err)
	}
	if err := st.UpdateTicket(ctx, investbot.Ticket{ID: "T999999"}); !errors.Is(err, investbot.ErrNotFound) {
		t.Errorf("UpdateTicket(unknown) error = %v, want ErrNotFound", err)
	}
}

// testTicketIDsAndOrder opens tickets concurrently: every id differs and
// OpenTickets lists the oldest first.
func testTicketIDsAndOrder(t *testing.T, st investbot.TicketStore) {
	ctx := context.Background()
	opened := ticketsOpenedAt()
	var mu sync.Mutex
	ids := map[string]bool{}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			tk, err := st.OpenTicket(ctx, investbot.Ticket{UserID: int64(i), OpenedAt: opened.Add(time.Duration(20-i) * time.Minute)})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			ids[tk.ID] = true
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	if len(ids) != 20 {
		t.Fatalf("%d distinct ids for 20 tickets", len(ids))
	}
	open, err := st.OpenTickets(ctx)
	if err != nil || len(open) != 20 {
		t.Fatalf("OpenTickets: %d, %v", len(open), err)
	}
	for i := 1; i < len(open); i++ {
		if open[i].OpenedAt.Before(open[i-1].OpenedAt) {
			t.Errorf("open tickets not oldest first at %d", i)
		}
	}
}

// testTicketReminderOnce races ten claims of one reminder: exactly one wins,
// as when several replicas remind.
func testTicketReminderOnce(t *testing.T, st investbot.TicketStore) {
	ctx := context.Background()
	opened := ticketsOpenedAt()
	tk, err := st.OpenTicket(ctx, investbot.Ticket{UserID: 1, OpenedAt: opened})
	if err != nil {
		t.Fatal(err)
	}
	var wins int32
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := st.ClaimReminder(ctx, tk.ID)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("reminder claimed %d times, want 1", wins)
	}
}

// testTicketMessageBinding binds a message to a ticket and checks that only
// that chat and message id find it.
func testTicketMessageBinding(t *testing.T, st investbot.TicketStore) {
	ctx := context.Background()
	opened := ticketsOpenedAt()
	tk, err := st.OpenTicket(ctx, investbot.Ticket{UserID: 1, OpenedAt: opened})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.BindMessage(ctx, -100, 41, tk.ID); err != nil {
		t.Fatalf("BindMessage: %v", err)
	}
	if id, err := st.TicketByMessage(ctx, -100, 41); err != nil || id != tk.ID {
		t.Errorf("TicketByMessage(-100, 41) = %q, %v; want %s", id, err, tk.ID)
	}
	for _, ref := range []struct {
		chat int64
		msg  int
	}{{-100, 42}, {-200, 41}} {
		if id, err := st.TicketByMessage(ctx, ref.chat, ref.msg); !errors.Is(err, investbot.ErrNotFound) {
			t.Errorf("TicketByMessage(%d, %d) = %q, %v; want ErrNotFound", ref.chat, ref.msg, id, err)
		}
	}
}

// testTicketErasure checks /forgetme: the user's tickets are closed and
// emptied, other users' are kept, and a stale write-back is refused.
func testTicketErasure(t *testing.T, st investbot.TicketStore) {
	ctx := context.Background()
	opened := ticketsOpenedAt()
	const user, other = int64(71), int64(72)
	mine := investbot.Ticket{UserID: user, ChatID: user, UserName: "Mallory", Lang: investbot.JA, Question: "call +81 90 1234 5678",
		Transcript: []investbot.Exchange{{Q: "WHA", At: opened}}, Guess: "zone.x", Answer: "We will call you", OpenedAt: opened}
	open, err := st.OpenTicket(ctx, mine)
	if err != nil {
		t.Fatal(err)
	}
	closed, err := st.OpenTicket(ctx, mine)
	if err != nil {
		t.Fatal(err)
	}
	closed.Status, closed.ClosedAt = investbot.TicketClosed, opened.Add(time.Minute)
	if err := st.UpdateTicket(ctx, closed); err != nil {
		t.Fatal(err)
	}
	theirs, err := st.OpenTicket(ctx, investbot.Ticket{UserID: other, ChatID: other, Question: "keep me", OpenedAt: opened})
	if err != nil {
		t.Fatal(err)
	}
	at := opened.Add(time.Hour)
	before, err := st.EraseUser(ctx, user, at)
	if err != nil {
		t.Fatalf("EraseUser: %v", err)
	}
	if len(before) != 2 {
		t.Fatalf("EraseUser returned %d tickets, want 2: %+v", len(before), before)
	}
	for _, b := range before {
		if b.Question != mine.Question || b.UserID != user {
			t.Errorf("EraseUser should return the tickets as they were, got %+v", b)
		}
	}
	for _, id := range []string{open.ID, closed.ID} {
		got, err := st.Ticket(ctx, id)
		if err != nil {
			t.Fatalf("Ticket(%s): %v", id, err)
		}
		want := investbot.Ticket{ID: id, Status: investbot.TicketClosed, Erased: true, OpenedAt: got.OpenedAt, ClosedAt: got.ClosedAt}
		if !reflect.DeepEqual(got, want) || got.ClosedAt.IsZero() {
			t.Errorf("erased ticket %s = %+v, want only id, status and times", id, got)
		}
	}
	list, err := st.OpenTickets(ctx)
	if err != nil || len(list) != 1 || list[0].ID != theirs.ID {
		t.Errorf("OpenTickets after erasure = %+v, %v; want only %s", list, err, theirs.ID)
	}
	if again, err := st.EraseUser(ctx, user, at); err != nil || len(again) != 0 {
		t.Errorf("second EraseUser = %+v, %v; want nothing", again, err)
	}
	// A write-back of a copy read before the erasure (a staff reply
	// racing /forgetme) is refused and changes nothing.
	stale := before[0]
	stale.Answer = "late reply"
	if err := st.UpdateTicket(ctx, stale); !errors.Is(err, investbot.ErrNotFound) {
		t.Errorf("UpdateTicket of an erased ticket: %v, want ErrNotFound", err)
	}
	if got, _ := st.Ticket(ctx, stale.ID); !got.Erased || got.Answer != "" || got.UserID != 0 {
		t.Errorf("erased ticket after a stale write-back = %+v", got)
	}
}
