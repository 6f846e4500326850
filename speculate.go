package investbot

import (
	"context"
	"errors"
	"sync"
)

// ErrSpeculationRefused is what a store's Commit returns for a speculative
// update (Commit.Speculation) that it did not admit: the update was already
// answered or is being handled elsewhere, the user is over the flood limit,
// or the session changed since this replica last saw it. Nothing was
// written; the caller handles the update again the normal way (Begin, then
// Commit), which gives the right answer in every one of those cases.
var ErrSpeculationRefused = errors.New("speculative update refused")

// ErrSpeculationLost is what Claim returns when the update, claimed the
// normal way half-way through a speculative handling, turned out not to be
// admitted as assumed (answered, in progress, flood-limited, or its session
// changed): the handler must not make its side effect, and the router
// handles the update again with the claimed gate.
var ErrSpeculationLost = errors.New("speculative update lost its claim")

// Speculation lets a store skip Begin's round trip for an update of a user
// whose session this replica holds in its cache: Begin answers from the
// cache without claiming anything, and the store does Begin's work
// (de-duplication, flood count, a check that the session is still the one
// cached) inside the update's Commit, in the same round trip as the
// replies. It is only for handlings whose effects are the session and the
// replies, which Commit writes atomically or not at all: before any other
// effect (a lead, a ticket, a model call) the handler calls Claim, which
// makes the normal Begin. The bot makes one per update (WithSpeculation);
// without one, or with a store that does not speculate, nothing changes.
type Speculation struct {
	mu  sync.Mutex
	off bool
	// fresh: the update is most likely a new user's first (a /start), so
	// a store with no copy of the user's session may assume there is none.
	fresh bool
	// active: Begin answered from the cache and nothing is claimed yet.
	active bool
	token  any
	claim  func(context.Context) (Gate, bool, error)
	// lost holds the claimed gate when Claim found the assumption wrong.
	lost    bool
	lostG   Gate
	lostErr error
	after   []func()
}

type speculationKey struct{}

// WithSpeculation returns a context in which the store may answer Begin
// from its cache, and the Speculation that records whether it did.
func WithSpeculation(ctx context.Context) (context.Context, *Speculation) {
	s := &Speculation{}
	return context.WithValue(ctx, speculationKey{}, s), s
}

// SpeculationFrom returns ctx's Speculation, or nil.
func SpeculationFrom(ctx context.Context) *Speculation {
	s, _ := ctx.Value(speculationKey{}).(*Speculation)
	return s
}

// Start is called by a store's Begin answering from its cache: token is the
// store's own record of what it assumed (given back by Token), claim makes
// the normal Begin and reports whether the assumption held. It returns
// false when speculation is not allowed (then Begin must make its round
// trip), or already used for this update.
func (s *Speculation) Start(token any, claim func(context.Context) (Gate, bool, error)) bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.off || s.active || s.token != nil {
		return false
	}
	s.active, s.token, s.claim = true, token, claim
	return true
}

// Active reports whether the update is still speculative (nothing claimed),
// and the store's token.
func (s *Speculation) Active() (any, bool) {
	if s == nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token, s.active
}

// Lost reports whether Claim found the assumption wrong: the handling
// must start again (Restart).
func (s *Speculation) Lost() bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lost
}

// Restart returns the gate and error of the Begin that Claim made, for the
// handling to start again from them, and drops the effects AfterCommit
// held for the abandoned handling.
func (s *Speculation) Restart() (Gate, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, err := s.lostG, s.lostErr
	s.lost, s.lostG, s.lostErr, s.after = false, Gate{}, nil, nil
	return g, err
}

// AssumeFresh tells the store that the update is most likely the first of
// a user it has never seen: Telegram sends /start as a new chat's first
// message (a QR code at a conference: a thousand of them at once). A store
// with no copy of the user's session may then speculate that there is
// none; a user who had one costs a refused Commit and Begin's round trip
// after all.
func (s *Speculation) AssumeFresh() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fresh = true
}

// Fresh reports whether AssumeFresh was called.
func (s *Speculation) Fresh() bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fresh
}

// Disable forbids speculation under s (a handling made again after a
// refusal, or a caller that will not commit).
func (s *Speculation) Disable() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.off = true
}

// Claim makes the normal Begin for a speculative update before an effect
// beyond the session and the replies. It returns nil when there is nothing
// to claim (no speculation, or already claimed) or the claim confirmed what
// the speculation assumed, and ErrSpeculationLost otherwise; then the
// effect must not be made (the router starts the handling again).
func Claim(ctx context.Context) error {
	s := SpeculationFrom(ctx)
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lost {
		return ErrSpeculationLost
	}
	if !s.active {
		return nil
	}
	s.active = false
	g, same, err := s.claim(ctx)
	if err == nil && same && !g.Duplicate && !g.InProgress && !g.Limited {
		return nil
	}
	s.lost, s.lostG, s.lostErr = true, g, err
	return ErrSpeculationLost
}

// AfterCommit runs fn once the update's replies are committed when the
// update is speculative (it is dropped if the commit is refused), and at
// once otherwise: for effects that may come after the reply, such as
// statistics, so that a refused speculation does not count twice.
func AfterCommit(ctx context.Context, fn func()) {
	s := SpeculationFrom(ctx)
	if s != nil {
		s.mu.Lock()
		if s.active {
			s.after = append(s.after, fn)
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
	}
	fn()
}

// Finish ends the speculation: the effects AfterCommit held run when
// committed is true and are dropped otherwise.
func (s *Speculation) Finish(committed bool) {
	if s == nil {
		return
	}
	s.mu.Lock()
	after := s.after
	s.after = nil
	s.mu.Unlock()
	if committed {
		for _, fn := range after {
			fn()
		}
	}
}
