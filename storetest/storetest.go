// Package storetest is the contract test suite every backend runs
// (RunBackend), so the in-memory and Redis stores behave the same way: one
// file per domain, as in memstore and redisstore.
//
// A store under test must be built with the limits below (FloodLimit,
// FloodWindow, IdleTTL, InProgressTTL: see Admission) and the real clock; the suite waits for real time to
// pass, for at most about two seconds. The real clock is needed because
// Redis expires keys on its own; when the machine stalls for longer than a
// window, the flood and idle-expiry tests skip with the reason instead of
// checking nothing and passing.
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// Store is what the session suite tests: the session and lead stores of
// one backend.
type Store interface {
	investbot.SessionStore
	investbot.LeadStore
}

// The settings a store under test must be built with.
const (
	FloodLimit  = 3
	FloodWindow = 1500 * time.Millisecond
	IdleTTL     = time.Second
	// InProgressTTL is how long an admitted, unfinished update blocks its
	// redelivery.
	InProgressTTL = 800 * time.Millisecond
)

// nextID hands out ids that differ between subtests and between runs of the
// suite in one process, so stores sharing a backend do not collide.
var nextID atomic.Int64

func init() { nextID.Store(time.Now().UnixNano() / 1000 % 1e12 * 1000) }

func newID() int64 { return nextID.Add(1) }

// MustBegin calls Begin and fails the test on error.
func MustBegin(tb testing.TB, st investbot.SessionStore, updateID, userID int64) investbot.Gate {
	tb.Helper()
	g, err := st.Begin(context.Background(), updateID, userID)
	if err != nil {
		tb.Fatalf("Begin(%d, %d): %v", updateID, userID, err)
	}
	return g
}

// MustLoad calls Load and fails the test on error.
func MustLoad(tb testing.TB, st investbot.SessionStore, userID int64) investbot.Session {
	tb.Helper()
	s, err := st.Load(context.Background(), userID)
	if err != nil {
		tb.Fatalf("Load(%d): %v", userID, err)
	}
	return s
}

// MustSave calls Save and fails the test on error.
func MustSave(tb testing.TB, st investbot.SessionStore, s investbot.Session) {
	tb.Helper()
	if err := st.Save(context.Background(), s); err != nil {
		tb.Fatalf("Save(user %d): %v", s.UserID, err)
	}
}

// FullSession returns a session with every field set, LastAt to the
// millisecond (the precision stores promise).
func FullSession(userID int64) investbot.Session {
	return investbot.Session{
		UserID:    userID,
		Lang:      investbot.JA,
		ReplyLang: investbot.VI,
		LastEntry: "zone.nghi-son-ez",
		LastAt:    time.Date(2025, 3, 14, 9, 26, 53, 589_000_000, investbot.VietnamTime),
		Misses:    1,
		Form: &investbot.Form{
			Name:   "lead",
			Step:   2,
			Values: map[string]string{"name": "Tanaka Hiroshi", "company": "株式会社テスト", "note": "ưu đãi \"đầu tư\"\n"},
		},
		TicketID:   "T-42",
		Subscribed: true,
		Recent: []investbot.Exchange{
			{Q: "Where is WHA 2?", Intent: "zone.wha-smart-tech-2", At: time.Date(2025, 3, 14, 9, 25, 1, 250_000_000, time.UTC)},
			{Q: "それはどこ？", At: time.Date(2025, 3, 14, 9, 26, 2, 0, time.UTC)},
		},
		Frame: &investbot.Frame{Entity: "zone.wha-smart-tech-2", Aspect: "size",
			Shown: []string{"zone.wha-smart-tech-2", "incentive.cit-industrial-park"}, Lang: investbot.JA},
	}
}

// SameSession reports the first difference between two sessions, comparing
// LastAt as an instant, or "" when they are equal.
func SameSession(want, got investbot.Session) string {
	if !want.LastAt.Equal(got.LastAt) {
		return fmt.Sprintf("LastAt = %v, want %v", got.LastAt, want.LastAt)
	}
	want.LastAt, got.LastAt = time.Time{}, time.Time{}
	if len(want.Recent) == len(got.Recent) {
		want.Recent, got.Recent = slices.Clone(want.Recent), slices.Clone(got.Recent)
		for i := range want.Recent {
			if !want.Recent[i].At.Equal(got.Recent[i].At) {
				return fmt.Sprintf("Recent[%d].At = %v, want %v", i, got.Recent[i].At, want.Recent[i].At)
			}
			want.Recent[i].At, got.Recent[i].At = time.Time{}, time.Time{}
		}
	}
	if want.Form != nil && len(want.Form.Values) == 0 && got.Form != nil && len(got.Form.Values) == 0 {
		want.Form.Values, got.Form.Values = nil, nil
	}
	if !reflect.DeepEqual(want, got) {
		return fmt.Sprintf("session = %+v (form %+v), want %+v (form %+v)", got, got.Form, want, want.Form)
	}
	return ""
}
