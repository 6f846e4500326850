package storetest

import (
	"testing"

	"github.com/thanhhoa/investbot"
)

// Admission is the admission policy a store under test must be built
// with: the settings above, with a fixed or a sliding flood window.
func Admission(sliding bool) investbot.Admission {
	return investbot.Admission{
		FloodLimit:    FloodLimit,
		FloodWindow:   FloodWindow,
		IdleTTL:       IdleTTL,
		InProgressTTL: InProgressTTL,
		SlidingWindow: sliding,
	}
}

// RunBackend runs every contract of the package against one backend:
// sessions and leads (with a fixed and a sliding flood window), the
// outbox, tickets, the admin tools' store, the LLM quota and cache,
// replica groups, once-only jobs and claims. open must return a fresh
// backend built with adm and the real clock; it is called once per
// subtest and may register cleanups on the t it is given.
func RunBackend(t *testing.T, open func(t *testing.T, adm investbot.Admission) investbot.Backend) {
	fixed := func(t *testing.T) investbot.Backend { return open(t, Admission(false)) }
	suites := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"Sessions/fixed", func(t *testing.T) { RunSessions(t, func(t *testing.T) Store { return fixed(t) }) }},
		{"Sessions/sliding", func(t *testing.T) {
			RunSessions(t, func(t *testing.T) Store { return open(t, Admission(true)) })
		}},
		{"Outbox", func(t *testing.T) { RunOutbox(t, func(t *testing.T) OutboxStore { return fixed(t) }) }},
		{"Tickets", func(t *testing.T) {
			RunTickets(t, func(t *testing.T) investbot.TicketStore { return fixed(t).Tickets() })
		}},
		{"Admin", func(t *testing.T) {
			RunAdmin(t, func(t *testing.T) investbot.AdminStore { return fixed(t).Admin() })
		}},
		{"LLM", func(t *testing.T) { RunLLM(t, fixed) }},
		{"Members", func(t *testing.T) {
			RunMembers(t, func(t *testing.T) investbot.Members { return fixed(t) })
		}},
		{"Once", func(t *testing.T) { RunOnce(t, func(t *testing.T) investbot.Oncer { return fixed(t) }) }},
		{"Claims", func(t *testing.T) { RunClaims(t, func(t *testing.T) investbot.Claimer { return fixed(t) }) }},
	}
	for _, s := range suites {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			s.run(t)
		})
	}
}
