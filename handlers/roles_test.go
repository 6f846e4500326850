package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
)

// /stats is registered twice: the investors' key figures, and usage
// statistics for an admin in a private chat. Whoever the admin route does
// not admit gets the key figures, without a refusal in the audit log.
func TestStatsRouteByRole(t *testing.T) {
	h := newAdminHarness(t)
	for _, tc := range []struct {
		name  string
		req   investbot.Request
		usage bool
	}{
		{"investor", investbot.Request{UserID: 7, ChatID: 7, Command: "stats"}, false},
		{"staff", investbot.Request{UserID: 55, ChatID: 55, Role: investbot.RoleStaff, Command: "stats"}, false},
		{"admin in a group", investbot.Request{UserID: adminID, ChatID: -5, Chat: investbot.ChatGroup, Role: investbot.RoleAdmin, Command: "stats"}, false},
		{"admin in private", investbot.Request{UserID: adminID, ChatID: adminID, Role: investbot.RoleAdmin, Command: "stats", Args: "7"}, true},
	} {
		r := h.do(tc.req)
		if got := r.Meta.Intent == investbot.IntentAdminStats; got != tc.usage || r.Meta.Intent == investbot.IntentRefused {
			t.Errorf("%s: intent %q, want usage statistics %v", tc.name, r.Meta.Intent, tc.usage)
		}
	}
	log, _ := h.admin.AuditLog(context.Background(), 100)
	if len(log) != 1 || log[0].Action != "/stats" || log[0].Detail != "7" || log[0].By != adminID {
		t.Errorf("audit log: %+v, want only the admin's /stats 7", log)
	}
}

// A staff button pressed by an investor is refused in their language, and
// the attempt is in the audit log like every refused command.
func TestRefusedStaffButtonIsAudited(t *testing.T) {
	h := newAdminHarness(t)
	r := h.do(investbot.Request{UserID: 7, ChatID: 7, Callback: "draft:T1", LangHint: investbot.VI})
	if r.Meta.Intent != investbot.IntentRefused || len(r.Messages) != 1 || r.CallbackText != r.Messages[0].Text || !strings.Contains(r.CallbackText, "Japan Desk") {
		t.Errorf("refusal: %q / %q", r.CallbackText, allText(r))
	}
	log, _ := h.admin.AuditLog(context.Background(), 100)
	if len(log) != 1 || log[0].Action != "refused button draft:T1" || !strings.Contains(log[0].Detail, "(investor)") {
		t.Errorf("audit log: %+v", log)
	}
}
