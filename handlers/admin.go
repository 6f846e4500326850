package handlers

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge"
)

// Admin tools: knowledge-base uploads, versions and rollback, drafts from
// staff answers, stale entries, unanswered questions, usage statistics,
// leads, announcements and the audit log. Admins are province officials:
// every reply says in plain words what happened and what to do next.

// AdminService is what the admin handlers use; *kbadmin.Service
// implements it. A nil Deps.Admin turns the admin tools off.
type AdminService interface {
	Check(ctx context.Context, live *knowledge.KB, name string, data []byte) (kbadmin.Report, error)
	Publish(ctx context.Context, files map[string][]byte, by int64, summary string) (investbot.KBVersion, error)
	Versions(ctx context.Context) ([]investbot.KBVersion, error)
	Current(ctx context.Context) (int, error)
	Rollback(ctx context.Context, n int, by int64) (investbot.KBVersion, error)
	Export(ctx context.Context) (name string, zipped []byte, err error)
	SetPending(ctx context.Context, adminID int64, p investbot.Pending) error
	TakePending(ctx context.Context, adminID int64, kind investbot.PendingKind) (investbot.Pending, error)
	AddDraft(ctx context.Context, d investbot.Draft) (investbot.Draft, error)
	Drafts(ctx context.Context) ([]investbot.Draft, error)
	ResolveDraft(ctx context.Context, id string, status investbot.DraftStatus, by int64) (investbot.Draft, error)
	Unanswered(ctx context.Context, since time.Time) ([]kbadmin.Group, error)
	Stats(ctx context.Context, days int) (kbadmin.Stats, error)
	DeleteDrafts(ctx context.Context, ticketIDs []string) (int, error)
	Audit(ctx context.Context, e investbot.AuditEvent) error
	AuditLog(ctx context.Context, n int) ([]investbot.AuditEvent, error)
	Subscribe(ctx context.Context, userID int64, lang investbot.Lang) error
	Unsubscribe(ctx context.Context, userID int64) error
	Subscribers(ctx context.Context) ([]investbot.Subscriber, error)
	PlanBroadcast(ctx context.Context, texts investbot.Text) ([]kbadmin.Delivery, error)
}

var _ AdminService = (*kbadmin.Service)(nil)

// Callback prefixes of the admin tools.
const (
	cbKB        = "kb"    // kb:pub, kb:cancel, kb:rb:<n>
	cbBroadcast = "bc"    // bc:send, bc:cancel
	cbDraftSave = "draft" // draft:<ticket id>, by staff
	cbDraft     = "dr"    // dr:a:<draft id>, dr:r:<draft id>
)

const (
	msgAdminOnly    = "This command is for admins."
	msgAdminOff     = "The admin tools are not configured on this bot."
	msgAdminPrivate = "Please send admin commands in a private chat with the bot."
	msgStoreDown    = "The store cannot be reached right now; nothing was changed. Please try again in a minute."
)

func (r *Router) registerAdmin() {
	r.command("kb", investbot.RoleAdmin, r.kbCommand)
	r.command("unanswered", investbot.RoleAdmin, r.unanswered)
	r.command("leads", investbot.RoleAdmin, r.leadsExport)
	r.command("broadcast", investbot.RoleAdmin, r.broadcast)
	r.command("audit", investbot.RoleAdmin, r.auditLog)
	r.command("usage", investbot.RoleAdmin, r.stats)
	// /stats is the investors' "key figures" (topics.go); admins get
	// usage statistics with a button back to the key figures.
	r.command("stats", investbot.RoleAdmin, r.stats)
	r.callback(cbKB, investbot.RoleAdmin, r.kbCallback)
	r.callback(cbBroadcast, investbot.RoleAdmin, r.broadcastCallback)
	r.callback(cbDraft, investbot.RoleAdmin, r.draftReview)
	r.callback(cbDraftSave, investbot.RoleStaff, r.saveDraft)
}

func adminText(text string, intent investbot.Intent) investbot.Reply {
	return investbot.Reply{Messages: []investbot.Message{{Text: text}}, Meta: investbot.Meta{Lang: investbot.EN, Intent: intent}}
}

// storeFailed is the reply when the admin store fails.
func (r *Router) storeFailed(tn *turn, op string, err error) investbot.Reply {
	r.d.Log.Warn("admin store", "op", op, "update_id", tn.req.UpdateID, "err", err)
	return adminText(msgStoreDown, investbot.IntentAdminFailed)
}

// daysArg parses an optional number of days.
func daysArg(s string, def, most int) int {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
		return min(n, most)
	}
	return def
}
