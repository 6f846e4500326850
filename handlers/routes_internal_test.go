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

// /help shows a command to the roles its routes admit: the help table's
// role is the least privileged route's.
func TestHelpRolesAreTheRoutes(t *testing.T) {
	r := New(Deps{})
	for _, c := range commandHelp {
		routes := r.commands[c.Name]
		if len(routes) == 0 {
			continue
		}
		if least := routes[len(routes)-1].role; least != c.Role {
			t.Errorf("/%s: /help shows it to role %d, its routes admit role %d", c.Name, c.Role, least)
		}
	}
}
