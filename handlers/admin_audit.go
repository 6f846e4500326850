package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// audit appends to the audit log; a failure is logged, never shown.
func (r *Router) audit(ctx context.Context, tn *turn, action, detail string) {
	detail, _ = clip(detail, 300)
	if err := r.d.Admin.Audit(ctx, investbot.AuditEvent{At: r.d.Now(), By: tn.req.UserID, Action: action, Detail: detail}); err != nil {
		r.d.Log.Warn("audit event not stored", "action", action, "err", err)
	}
}

// refusalThrottle keeps one audit event per user and action per
// refusalEvery, so that somebody repeating a refused command cannot push
// the admins' own actions out of the capped audit log.
type refusalThrottle struct {
	mu   sync.Mutex
	last map[string]time.Time
}

const refusalEvery = 10 * time.Minute

func (t *refusalThrottle) first(key string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if at, ok := t.last[key]; ok && now.Sub(at) < refusalEvery {
		return false
	}
	if t.last == nil || len(t.last) >= maxHints {
		t.last = map[string]time.Time{}
	}
	t.last[key] = now
	return true
}

// auditRefused records a refused attempt at an admin or staff action.
// Staff and admins are named by id, as in every audit event; anybody else
// by the keyed hash of their id, so that repeated attempts by one account
// can be followed while the audit log keeps no investor's id (it is not
// erased by /forgetme: it is the bot's security record).
func (r *Router) auditRefused(ctx context.Context, tn *turn, action string) {
	if r.d.Admin == nil {
		return
	}
	who := r.userTag(tn.req.UserID)
	ev := investbot.AuditEvent{At: r.d.Now(), Action: "refused " + action}
	role := "investor"
	switch tn.req.Role {
	case investbot.RoleStaff:
		role = "staff"
	case investbot.RoleAdmin:
		role = "admin"
	}
	if tn.req.Role >= investbot.RoleStaff {
		ev.By = tn.req.UserID
	}
	chat := "private chat"
	if tn.req.Chat != investbot.ChatPrivate {
		chat = "group " + strconv.FormatInt(tn.req.ChatID, 10)
	}
	ev.Detail, _ = clip(fmt.Sprintf("by %s (%s) in %s", who, role, chat), 300)
	if !r.refusals.first(who+" "+action, ev.At) {
		return
	}
	if err := r.d.Admin.Audit(ctx, ev); err != nil {
		r.d.Log.Warn("audit event not stored", "action", ev.Action, "err", err)
	}
}

func (r *Router) auditLog(ctx context.Context, tn *turn) investbot.Reply {
	n := daysArg(tn.req.Args, 20, 100)
	es, err := r.d.Admin.AuditLog(ctx, n)
	if err != nil {
		return r.storeFailed(tn, "audit log", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Last %d admin actions, newest first:\n", len(es))
	for _, e := range es {
		d, _ := clip(e.Detail, 120)
		fmt.Fprintf(&b, "%s · %d · %s %s\n", e.At.In(investbot.VietnamTime).Format("01-02 15:04"), e.By, e.Action, d)
	}
	return adminText(strings.TrimRight(b.String(), "\n"), "admin.audit")
}
