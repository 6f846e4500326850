package memstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/memstore"
	"github.com/thanhhoa/investbot/storetest"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *fakeClock) Add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

func newClock() *fakeClock { return &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)} }

// step is one message at an offset from the previous one, and the gate
// flags it must produce.
type step struct {
	after           time.Duration
	limited, notify bool
}

func TestFloodWindows(t *testing.T) {
	const s = time.Second
	tests := []struct {
		name    string
		sliding bool
		steps   []step
	}{
		{"fixed: limit then new window", false, []step{
			{0, false, false}, {10 * s, false, false}, {10 * s, true, true}, {10 * s, true, false},
			{31 * s, false, false}, // window started at t=0 ended at t=60
			{1 * s, false, false}, {1 * s, true, true},
		}},
		{"fixed: limited messages count", false, []step{
			{0, false, false}, {0, false, false}, {0, true, true}, {0, true, false}, {0, true, false},
		}},
		{"sliding: frees one slot as the oldest ages out", true, []step{
			{0, false, false}, {30 * s, false, false}, {10 * s, true, true}, // t=40
			{21 * s, false, false}, // t=61: the t=0 message left the window
			{1 * s, true, false},   // t=62: still within the notice window (40..100)
			{39 * s, false, false}, // t=101: t=30 and t=40? only t=61 and t=62 remain → admitted
			{0, true, true},        // t=101: full again, notice window expired → new notice
		}},
		{"sliding: limited messages do not count", true, []step{
			{0, false, false}, {0, false, false}, {1 * s, true, true}, {1 * s, true, false},
			{59 * s, false, false}, {0, false, false}, {0, true, true},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clk := newClock()
			st := memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: 2, FloodWindow: time.Minute, SlidingWindow: tc.sliding}, Now: clk.Now})
			for i, sp := range tc.steps {
				clk.Add(sp.after)
				g := storetest.MustBegin(t, st, int64(100+i), 7)
				if g.Limited != sp.limited || g.NotifyLimit != sp.notify {
					t.Fatalf("step %d: Limited=%v Notify=%v, want %v %v", i, g.Limited, g.NotifyLimit, sp.limited, sp.notify)
				}
			}
		})
	}
}

func TestDisabledFloodLimit(t *testing.T) {
	st := memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: -1}})
	for i := range 100 {
		if g := storetest.MustBegin(t, st, int64(i), 1); g.Limited {
			t.Fatalf("message %d limited with the limit off", i)
		}
	}
}

func TestExpiryWithClock(t *testing.T) {
	clk := newClock()
	st := memstore.New(memstore.Options{Admission: investbot.Admission{IdleTTL: 30 * 24 * time.Hour, DedupTTL: time.Hour}, Now: clk.Now})
	storetest.MustSave(t, st, investbot.Session{UserID: 1, Lang: investbot.VI})
	if g := storetest.MustBegin(t, st, 5, 1); g.Duplicate {
		t.Fatal("first Begin Duplicate")
	}
	// Answered: from now on a redelivery is a duplicate for DedupTTL.
	if err := st.Done(context.Background(), []investbot.UpdateRef{{UpdateID: 5, UserID: 1}}); err != nil {
		t.Fatal(err)
	}
	clk.Add(59 * time.Minute)
	if g := storetest.MustBegin(t, st, 5, 1); !g.Duplicate {
		t.Error("update forgotten before DedupTTL")
	}
	clk.Add(2 * time.Minute)
	if g := storetest.MustBegin(t, st, 5, 1); g.Duplicate {
		t.Error("update still remembered after DedupTTL")
	}
	clk.Add(30*24*time.Hour - time.Second) // Begin above extended the session
	if s := storetest.MustLoad(t, st, 1); s.Lang != investbot.VI {
		t.Errorf("session gone before 30 days idle: %+v", s)
	}
	clk.Add(2 * time.Second)
	if s := storetest.MustLoad(t, st, 1); s.Lang != "" {
		t.Errorf("session kept after 30 days idle: %+v", s)
	}
}

func TestLoadReturnsCopy(t *testing.T) {
	st := memstore.New(memstore.Options{})
	storetest.MustSave(t, st, storetest.FullSession(9))
	s := storetest.MustLoad(t, st, 9)
	s.Form.Values["name"] = "changed"
	if got := storetest.MustLoad(t, st, 9); got.Form.Values["name"] == "changed" {
		t.Error("Load shares the form map with the store")
	}
}

func TestCanceledContext(t *testing.T) {
	st := memstore.New(memstore.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := st.Begin(ctx, 1, 1); err == nil {
		t.Error("Begin with canceled context succeeded")
	}
}
