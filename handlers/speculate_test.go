package handlers_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/memstore"
)

// speculatingStore answers Begin as redisstore does for a user whose
// session it has cached: speculatively, claiming nothing, and makes the
// normal Begin when the router claims the update.
type speculatingStore struct {
	*memstore.Store
	claims atomic.Int32
	// stale: the session changed elsewhere since it was cached, so a
	// claim finds the speculation wrong.
	stale atomic.Bool
}

func (s *speculatingStore) Begin(ctx context.Context, update, user int64) (investbot.Gate, error) {
	sess, err := s.Store.Load(ctx, user)
	if err != nil {
		return investbot.Gate{}, err
	}
	claim := func(ctx context.Context) (investbot.Gate, bool, error) {
		s.claims.Add(1)
		g, err := s.Store.Begin(ctx, update, user)
		return g, !s.stale.Load(), err
	}
	if investbot.SpeculationFrom(ctx).Start(update, claim) {
		return investbot.Gate{Session: sess, Speculative: true}, nil
	}
	return s.Store.Begin(ctx, update, user)
}

type countingRecorder struct{ n atomic.Int32 }

func (c *countingRecorder) RecordQuestion(context.Context, investbot.Asked) error {
	c.n.Add(1)
	return nil
}

// TestSpeculativeTurns: a turn on a speculative gate runs unclaimed only
// when its route changes nothing but the session and the reply; every
// other claims the update before its first effect, and a claim that finds
// the update answered or its session changed starts the turn again.
func TestSpeculativeTurns(t *testing.T) {
	const staff = -100
	for _, tc := range []struct {
		name       string
		req        investbot.Request
		answered   bool // the update was answered elsewhere already
		stale      bool
		wantClaims int32
		wantIntent investbot.Intent // "" for any
		wantTicket bool
	}{
		{name: "a question", req: investbot.Request{Text: "What industrial zones are there?"}, wantClaims: 0},
		{name: "a menu button", req: investbot.Request{Callback: "m"}, wantClaims: 0},
		{name: "a topic command", req: investbot.Request{Command: "zones"}, wantClaims: 0},
		{name: "the contact form claims first", req: investbot.Request{Command: "lead"}, wantClaims: 1},
		{name: "asking for a person claims before the handoff", req: investbot.Request{Text: "I want to talk to a real person"}, wantClaims: 1, wantIntent: investbot.IntentHandoffStart},
		{name: "answered elsewhere: a duplicate, no ticket", req: investbot.Request{Text: "I want to talk to a real person"}, answered: true, wantClaims: 1, wantIntent: investbot.IntentDuplicate},
		{name: "session changed: the turn starts again", req: investbot.Request{Command: "lead"}, stale: true, wantClaims: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			st := &speculatingStore{Store: memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: 30}})}
			st.stale.Store(tc.stale)
			tickets := memstore.NewTickets()
			rec := &countingRecorder{}
			r := handlers.New(handlers.Deps{
				KB: knowledge.NewLive(mustFixtureKB(t)), Sessions: st, Leads: st, Tickets: tickets,
				StaffChatID: staff, Insights: rec,
			})
			req := tc.req
			req.UpdateID, req.UserID, req.ChatID, req.Chat = 9, 7, 7, investbot.ChatPrivate
			if tc.answered {
				if _, err := st.Store.Begin(ctx, 9, 7); err != nil {
					t.Fatal(err)
				}
				if err := st.Store.Done(ctx, []investbot.UpdateRef{{UpdateID: 9, UserID: 7}}); err != nil {
					t.Fatal(err)
				}
			}
			sctx, spec := investbot.WithSpeculation(ctx)
			reply, err := r.Handle(sctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if n := st.claims.Load(); n != tc.wantClaims {
				t.Errorf("claims %d, want %d", n, tc.wantClaims)
			}
			if _, active := spec.Active(); active != (tc.wantClaims == 0) {
				t.Errorf("speculation active %v after the turn, want %v", active, tc.wantClaims == 0)
			}
			if tc.wantIntent != "" && reply.Meta.Intent != tc.wantIntent {
				t.Errorf("intent %q, want %q", reply.Meta.Intent, tc.wantIntent)
			}
			if tc.wantIntent == "" && len(reply.Messages) == 0 {
				t.Error("no reply")
			}
			open, err := tickets.OpenTickets(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(open) > 0; got != tc.wantTicket {
				t.Errorf("ticket opened %v, want %v", got, tc.wantTicket)
			}
			// A question is counted once its reply is committed, and not
			// at all when the speculation is refused.
			spec.Finish(!tc.answered)
			if tc.answered && rec.n.Load() != 0 {
				t.Errorf("a duplicate's question recorded %d times", rec.n.Load())
			}
		})
	}
}

// TestQuestionRecordedAfterCommit: a speculative turn's question is counted
// when its reply is committed; a refused one is not counted at all.
func TestQuestionRecordedAfterCommit(t *testing.T) {
	for _, committed := range []bool{true, false} {
		st := &speculatingStore{Store: memstore.New(memstore.Options{})}
		rec := &countingRecorder{}
		r := handlers.New(handlers.Deps{KB: knowledge.NewLive(mustFixtureKB(t)), Sessions: st, Insights: rec})
		sctx, spec := investbot.WithSpeculation(context.Background())
		if _, err := r.Handle(sctx, investbot.Request{UpdateID: 1, UserID: 7, ChatID: 7, Chat: investbot.ChatPrivate, Text: "What industrial zones are there?"}); err != nil {
			t.Fatal(err)
		}
		if n := rec.n.Load(); n != 0 {
			t.Fatalf("recorded %d before the commit", n)
		}
		spec.Finish(committed)
		want := int32(0)
		if committed {
			want = 1
		}
		if n := rec.n.Load(); n != want {
			t.Errorf("committed %v: recorded %d, want %d", committed, n, want)
		}
	}
}
