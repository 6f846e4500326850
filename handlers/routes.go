package handlers

import (
	"context"
	"slices"

	"github.com/thanhhoa/investbot"
)

// Commands and buttons are registered with the role they need. A command
// may be registered once per role: /stats is the investors' key figures
// and, for admins, usage statistics. The router runs the most privileged
// route the user is admitted to; when none admits them, the refusal of
// the least privileged one is the reply. Access is decided here, and
// here every admitted admin command or button and every refused attempt
// goes to the audit log; handlers audit only what they change (an upload,
// a publish, a rollback).

// route is what a command or a button runs, and the role it needs.
type route struct {
	role investbot.Role
	run  callbackFunc
}

// command registers f for /name, for users of role or above.
func (r *Router) command(name string, role investbot.Role, f commandFunc) {
	addRoute(r.commands, name, role, func(ctx context.Context, tn *turn, _ string) investbot.Reply { return f(ctx, tn) })
}

// callback registers f for callback data "prefix" or "prefix:arg", for
// users of role or above.
func (r *Router) callback(prefix string, role investbot.Role, f callbackFunc) {
	addRoute(r.callbacks, prefix, role, f)
}

func addRoute(table map[string][]route, key string, role investbot.Role, f callbackFunc) {
	for _, rt := range table[key] {
		if rt.role == role {
			panic("handlers: " + key + " is registered twice for one role")
		}
	}
	routes := append(table[key], route{role: role, run: f})
	slices.SortFunc(routes, func(a, b route) int { return int(b.role) - int(a.role) })
	table[key] = routes
}

// attempt is a command or a button press as the audit log names it.
type attempt struct {
	name   string // "/kb", "button kb:pub"
	detail string // the command's arguments
	button bool
}

func commandAttempt(req investbot.Request) attempt {
	return attempt{name: "/" + req.Command, detail: req.Args}
}

func buttonAttempt(req investbot.Request) attempt {
	return attempt{name: "button " + req.Callback, button: true}
}

// serve runs the first of routes (most privileged first) that admits the
// turn, through the audit middleware; when none does, it audits the
// attempt and returns the refusal of the last.
func (r *Router) serve(ctx context.Context, tn *turn, routes []route, act attempt, arg string) investbot.Reply {
	var refusal investbot.Reply
	for _, rt := range routes {
		var ok bool
		if refusal, ok = r.admit(rt.role, tn, act); ok {
			return r.audited(rt.role, act, rt.run)(ctx, tn, arg)
		}
	}
	r.auditRefused(ctx, tn, act.name)
	return refusal
}

// audited records an admin action in the audit log before running it.
func (r *Router) audited(role investbot.Role, act attempt, next callbackFunc) callbackFunc {
	if role < investbot.RoleAdmin {
		return next
	}
	return func(ctx context.Context, tn *turn, arg string) investbot.Reply {
		r.audit(ctx, tn, act.name, act.detail)
		return next(ctx, tn, arg)
	}
}

// admit reports whether the turn may use what needs role, and otherwise
// the reply that says why not. Admin tools also need the admin store and
// a private chat.
func (r *Router) admit(role investbot.Role, tn *turn, act attempt) (investbot.Reply, bool) {
	switch {
	case role == investbot.RoleStaff && tn.req.Role < investbot.RoleStaff:
		refusal := investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgStaffOnly, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentRefused}}
		if act.button {
			refusal.CallbackText = r.t(msgStaffOnly, tn.lang)
		}
		return refusal, false
	case role == investbot.RoleAdmin:
		refusal, ok := r.refuseNonAdmin(tn)
		if !ok && act.button {
			refusal.CallbackText = msgAdminOnly
		}
		return refusal, ok
	}
	return investbot.Reply{}, true
}

func (r *Router) refuseNonAdmin(tn *turn) (investbot.Reply, bool) {
	switch {
	case tn.req.Role < investbot.RoleAdmin:
		return adminText(msgAdminOnly, investbot.IntentRefused), false
	case r.d.Admin == nil:
		return adminText(msgAdminOff, investbot.IntentAdminOff), false
	case tn.req.Chat != investbot.ChatPrivate:
		return adminText(msgAdminPrivate, investbot.IntentRefused), false
	}
	return investbot.Reply{}, true
}
