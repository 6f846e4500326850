package handlers

import (
	"testing"

	"github.com/thanhhoa/investbot"
)

// A command registered twice for one role would leave one of the two
// handlers dead, whichever registration ran last: the router refuses it.
func TestOneRoutePerRole(t *testing.T) {
	r := &Router{commands: map[string][]route{}}
	r.command("stats", investbot.RoleInvestor, nil)
	r.command("stats", investbot.RoleAdmin, nil)
	if rs := r.commands["stats"]; len(rs) != 2 || rs[0].role != investbot.RoleAdmin {
		t.Fatalf("routes of /stats: %+v, want the admin's first", rs)
	}
	defer func() {
		if recover() == nil {
			t.Error("a second /stats for investors was accepted")
		}
	}()
	r.command("stats", investbot.RoleInvestor, nil)
}
