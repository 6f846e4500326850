package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
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
	Publish(ctx context.Context, files map[string][]byte, by int64, summary string) (kbadmin.Version, error)
	Versions(ctx context.Context) ([]kbadmin.Version, error)
	Current(ctx context.Context) (int, error)
	Rollback(ctx context.Context, n int, by int64) (kbadmin.Version, error)
	Export(ctx context.Context) (name string, zipped []byte, err error)
	SetPending(ctx context.Context, adminID int64, p kbadmin.Pending) error
	TakePending(ctx context.Context, adminID int64, kind kbadmin.PendingKind) (kbadmin.Pending, error)
	AddDraft(ctx context.Context, d kbadmin.Draft) (kbadmin.Draft, error)
	Drafts(ctx context.Context) ([]kbadmin.Draft, error)
	ResolveDraft(ctx context.Context, id string, status kbadmin.DraftStatus, by int64) (kbadmin.Draft, error)
	Unanswered(ctx context.Context, since time.Time) ([]kbadmin.Group, error)
	Stats(ctx context.Context, days int) (kbadmin.Stats, error)
	DeleteDrafts(ctx context.Context, ticketIDs []string) (int, error)
	Audit(ctx context.Context, e kbadmin.Event) error
	AuditLog(ctx context.Context, n int) ([]kbadmin.Event, error)
	Subscribe(ctx context.Context, userID int64, lang investbot.Lang) error
	Unsubscribe(ctx context.Context, userID int64) error
	Subscribers(ctx context.Context) ([]kbadmin.Subscriber, error)
	PlanBroadcast(ctx context.Context, texts investbot.Text) ([]kbadmin.Delivery, error)
}

var _ AdminService = (*kbadmin.Service)(nil)

// Recorder keeps what investors ask, for /stats and /unanswered.
type Recorder interface {
	RecordQuestion(ctx context.Context, q kbadmin.Asked) error
}

// outcomeCounter is implemented by recorders that also count handoffs
// and leads (kbadmin's stores do).
type outcomeCounter interface {
	Count(ctx context.Context, at time.Time, c kbadmin.Counter) error
}

// Broadcaster delivers announcements through the bot's rate-limited
// sender. Deliver must return at once and send in the background, then
// tell the admin in chat reportTo how many were delivered and how many
// failed.
type Broadcaster interface {
	Deliver(ctx context.Context, reportTo int64, msgs []investbot.Message)
}

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
	r.command("kb", r.adminOnly(r.kbCommand))
	r.command("unanswered", r.adminOnly(r.unanswered))
	r.command("leads", r.adminOnly(r.leadsExport))
	r.command("broadcast", r.adminOnly(r.broadcast))
	r.command("audit", r.adminOnly(r.auditLog))
	r.command("usage", r.adminOnly(r.stats))
	// /stats is the investors' "key figures"; admins get usage statistics
	// with a button back to the key figures.
	keyFigures := r.commands["stats"]
	r.command("stats", func(ctx context.Context, tn *turn) investbot.Reply {
		if tn.req.Role >= investbot.RoleAdmin && r.d.Admin != nil && tn.req.Chat == investbot.ChatPrivate {
			return r.adminOnly(r.stats)(ctx, tn)
		}
		return keyFigures(ctx, tn)
	})
	r.callback(cbKB, r.adminCallback(r.kbCallback))
	r.callback(cbBroadcast, r.adminCallback(r.broadcastCallback))
	r.callback(cbDraft, r.adminCallback(r.draftReview))
	r.callback(cbDraftSave, r.saveDraft)
	r.keepSubscribers()
}

// adminOnly refuses f to everyone but admins in a private chat, and
// audits every use.
func (r *Router) adminOnly(f commandFunc) commandFunc {
	return func(ctx context.Context, tn *turn) investbot.Reply {
		if refusal, ok := r.refuseNonAdmin(tn); !ok {
			r.auditRefused(ctx, tn, "/"+tn.req.Command)
			return refusal
		}
		r.audit(ctx, tn, "/"+tn.req.Command, tn.req.Args)
		return f(ctx, tn)
	}
}

func (r *Router) adminCallback(f callbackFunc) callbackFunc {
	return func(ctx context.Context, tn *turn, arg string) investbot.Reply {
		if refusal, ok := r.refuseNonAdmin(tn); !ok {
			r.auditRefused(ctx, tn, "button "+tn.req.Callback)
			refusal.CallbackText = msgAdminOnly
			return refusal
		}
		r.audit(ctx, tn, "button "+tn.req.Callback, "")
		return f(ctx, tn, arg)
	}
}

func (r *Router) refuseNonAdmin(tn *turn) (investbot.Reply, bool) {
	switch {
	case tn.req.Role < investbot.RoleAdmin:
		return adminText(msgAdminOnly, "refused"), false
	case r.d.Admin == nil:
		return adminText(msgAdminOff, "admin.off"), false
	case tn.req.Chat != investbot.ChatPrivate:
		return adminText(msgAdminPrivate, "refused"), false
	}
	return investbot.Reply{}, true
}

func adminText(text, intent string) investbot.Reply {
	return investbot.Reply{Messages: []investbot.Message{{Text: text}}, Meta: investbot.Meta{Lang: investbot.EN, Intent: intent}}
}

// audit appends to the audit log; a failure is logged, never shown.
func (r *Router) audit(ctx context.Context, tn *turn, action, detail string) {
	detail, _ = clip(detail, 300)
	if err := r.d.Admin.Audit(ctx, kbadmin.Event{At: r.d.Now(), By: tn.req.UserID, Action: action, Detail: detail}); err != nil {
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
	ev := kbadmin.Event{At: r.d.Now(), Action: "refused " + action}
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

// storeFailed is the reply when the admin store fails.
func (r *Router) storeFailed(tn *turn, op string, err error) investbot.Reply {
	r.d.Log.Warn("admin store", "op", op, "update_id", tn.req.UpdateID, "err", err)
	return adminText(msgStoreDown, "admin.failed")
}

// isAdminUpload reports whether the request is a document an admin sent
// to the bot in private: a knowledge-base upload.
func (r *Router) isAdminUpload(req investbot.Request) bool {
	return req.Attachment != nil && req.Attachment.Kind == investbot.AttachDocument && req.Role >= investbot.RoleAdmin && req.Chat == investbot.ChatPrivate && r.d.Admin != nil
}

// adminUpload checks an uploaded .yaml or .zip and, when it is valid,
// keeps it pending with Publish and Cancel buttons.
func (r *Router) adminUpload(ctx context.Context, tn *turn) investbot.Reply {
	a := tn.req.Attachment
	r.audit(ctx, tn, "upload", a.FileName)
	if a.TooLarge || a.Size > investbot.MaxUploadBytes || len(a.Data) > investbot.MaxUploadBytes {
		return adminText(fmt.Sprintf("❌ Refused: the file is larger than %d MB. A knowledge-base file is well under 1 MB; check that you sent the right file. Nothing was changed.", investbot.MaxUploadBytes>>20), "kb.refused")
	}
	if a.Data == nil {
		return adminText("❌ The file could not be downloaded from Telegram. Please send it again.", "kb.refused")
	}
	rep, err := r.d.Admin.Check(ctx, tn.kb, a.FileName, a.Data)
	var refused *kbadmin.RefusedError
	switch {
	case errors.As(err, &refused):
		r.audit(ctx, tn, "upload.refused", refused.Reason)
		return adminText("❌ Refused: "+refused.Reason+". Nothing was changed.", "kb.refused")
	case err != nil:
		return r.storeFailed(tn, "check", err)
	}
	if !rep.OK() {
		r.audit(ctx, tn, "upload.invalid", fmt.Sprintf("%s: %d problems", rep.Name, len(rep.Problems)))
		return investbot.Reply{Messages: []investbot.Message{{Text: rep.Render(investbot.EN)}}, Meta: investbot.Meta{Lang: investbot.EN, Intent: "kb.invalid"}}
	}
	if err := r.d.Admin.SetPending(ctx, tn.req.UserID, kbadmin.Pending{Kind: kbadmin.PendingUpload, Files: rep.Files, Summary: rep.Summary(), At: r.d.Now()}); err != nil {
		return r.storeFailed(tn, "pending", err)
	}
	return investbot.Reply{
		Messages: []investbot.Message{{
			Text: rep.Render(investbot.EN) + "\n\nPress Publish to make it live for every investor, or Cancel. This check stays open for 1 hour.",
			Buttons: [][]investbot.Button{{
				{Text: "✅ Publish", Data: cbKB + ":pub"},
				{Text: "✖️ Cancel", Data: cbKB + ":cancel"},
			}},
		}},
		Meta: investbot.Meta{Lang: investbot.EN, Intent: "kb.checked"},
	}
}

func (r *Router) kbCallback(ctx context.Context, tn *turn, arg string) investbot.Reply {
	switch {
	case arg == "pub":
		p, err := r.d.Admin.TakePending(ctx, tn.req.UserID, kbadmin.PendingUpload)
		if errors.Is(err, investbot.ErrNotFound) {
			return adminText("There is no checked upload waiting (it was published, cancelled, or is older than 1 hour). Send the file again.", "kb.nothing")
		}
		if err != nil {
			return r.storeFailed(tn, "take pending", err)
		}
		v, err := r.d.Admin.Publish(ctx, p.Files, tn.req.UserID, p.Summary)
		if err != nil {
			return r.storeFailed(tn, "publish", err)
		}
		r.audit(ctx, tn, "publish", fmt.Sprintf("version %d: %s", v.N, v.Summary))
		return investbot.Reply{
			Messages:     []investbot.Message{{Text: fmt.Sprintf("✅ Published version %d (%s). Every copy of the bot switches to it within a few seconds. /kb history lists the versions; /kb rollback %d undoes it if needed.", v.N, v.Summary, max(1, v.N-1))}},
			CallbackText: fmt.Sprintf("Published version %d", v.N),
			Meta:         investbot.Meta{Lang: investbot.EN, Intent: "kb.published"},
		}
	case arg == "cancel":
		_, err := r.d.Admin.TakePending(ctx, tn.req.UserID, kbadmin.PendingUpload)
		if err != nil && !errors.Is(err, investbot.ErrNotFound) {
			return r.storeFailed(tn, "cancel", err)
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: "Cancelled. Nothing was changed."}}, CallbackText: "Cancelled", Meta: investbot.Meta{Lang: investbot.EN, Intent: "kb.cancelled"}}
	case strings.HasPrefix(arg, "rb:"):
		n, err := strconv.Atoi(strings.TrimPrefix(arg, "rb:"))
		if err != nil || n <= 0 {
			return adminText("That button is out of date. Send /kb history.", "kb.rollback")
		}
		v, err := r.d.Admin.Rollback(ctx, n, tn.req.UserID)
		if errors.Is(err, investbot.ErrNotFound) {
			return adminText(fmt.Sprintf("There is no version %d. Send /kb history to see the versions.", n), "kb.rollback")
		}
		if err != nil {
			return r.storeFailed(tn, "rollback", err)
		}
		r.audit(ctx, tn, "rollback", fmt.Sprintf("version %d = files of version %d", v.N, n))
		return investbot.Reply{
			Messages:     []investbot.Message{{Text: fmt.Sprintf("↩️ Rolled back: version %d is now live with the files of version %d. Every copy of the bot switches within a few seconds.", v.N, n)}},
			CallbackText: fmt.Sprintf("Version %d published", v.N),
			Meta:         investbot.Meta{Lang: investbot.EN, Intent: "kb.rolledback"},
		}
	}
	return adminText("That button is out of date.", "kb.unknown")
}

const kbUsage = `Knowledge-base commands:
/kb history — the published versions
/kb rollback N — go back to version N (you confirm first)
/kb export — the files in force, as a .zip
/kb drafts — draft entries saved by the Japan Desk
/kb stale [months] — entries whose sources are older than 12 months (or the months given)
To change the knowledge base, send a .yaml file or a .zip of the data folder to this chat.
Also: /unanswered [days], /stats [days], /leads, /broadcast text, /audit [n].`

func (r *Router) kbCommand(ctx context.Context, tn *turn) investbot.Reply {
	sub, rest, _ := strings.Cut(strings.TrimSpace(tn.req.Args), " ")
	rest = strings.TrimSpace(rest)
	switch strings.ToLower(sub) {
	case "history":
		return r.kbHistory(ctx, tn)
	case "rollback":
		return r.kbRollback(ctx, tn, rest)
	case "export":
		return r.kbExport(ctx, tn)
	case "drafts":
		return r.kbDrafts(ctx, tn)
	case "stale":
		return r.kbStale(tn, rest)
	}
	return adminText(kbUsage, "kb.help")
}

func (r *Router) kbHistory(ctx context.Context, tn *turn) investbot.Reply {
	vs, err := r.d.Admin.Versions(ctx)
	if err != nil {
		return r.storeFailed(tn, "versions", err)
	}
	if len(vs) == 0 {
		return adminText("Nothing has been published yet: the knowledge base built into the bot is live ("+strconv.Itoa(tn.kb.Len())+" entries).", "kb.history")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Published versions, newest first (version %d is live):\n", vs[0].N)
	for i, v := range vs {
		if i == 15 {
			fmt.Fprintf(&b, "… and %d older.\n", len(vs)-i)
			break
		}
		fmt.Fprintf(&b, "v%d · %s · by %d · %s\n", v.N, v.At.In(investbot.VietnamTime).Format("2006-01-02 15:04"), v.By, v.Summary)
	}
	b.WriteString("\n/kb rollback N goes back to version N.")
	return adminText(b.String(), "kb.history")
}

func (r *Router) kbRollback(ctx context.Context, tn *turn, arg string) investbot.Reply {
	n, err := strconv.Atoi(strings.TrimPrefix(arg, "v"))
	if err != nil || n <= 0 {
		return adminText("Send /kb rollback N with a version number from /kb history, e.g. /kb rollback 3.", "kb.rollback")
	}
	vs, err := r.d.Admin.Versions(ctx)
	if err != nil {
		return r.storeFailed(tn, "versions", err)
	}
	for _, v := range vs {
		if v.N == n {
			return investbot.Reply{
				Messages: []investbot.Message{{
					Text: fmt.Sprintf("Roll back to version %d (%s, %s)? Its files are published again as a new version; nothing is deleted.", v.N, v.Summary, v.At.In(investbot.VietnamTime).Format("2006-01-02 15:04")),
					Buttons: [][]investbot.Button{{
						{Text: fmt.Sprintf("↩️ Roll back to v%d", n), Data: fmt.Sprintf("%s:rb:%d", cbKB, n)},
						{Text: "✖️ Cancel", Data: cbKB + ":cancel"},
					}},
				}},
				Meta: investbot.Meta{Lang: investbot.EN, Intent: "kb.rollback"},
			}
		}
	}
	return adminText(fmt.Sprintf("There is no version %d. Send /kb history to see the versions.", n), "kb.rollback")
}

func (r *Router) kbExport(ctx context.Context, tn *turn) investbot.Reply {
	name, z, err := r.d.Admin.Export(ctx)
	if err != nil {
		return r.storeFailed(tn, "export", err)
	}
	return investbot.Reply{
		Messages: []investbot.Message{{
			Text:     "The knowledge-base files in force. Edit them, then send one .yaml file or the whole .zip back to this chat.",
			Document: &investbot.File{Name: name, Data: z},
		}},
		Meta: investbot.Meta{Lang: investbot.EN, Intent: "kb.export"},
	}
}

func (r *Router) kbDrafts(ctx context.Context, tn *turn) investbot.Reply {
	ds, err := r.d.Admin.Drafts(ctx)
	if err != nil {
		return r.storeFailed(tn, "drafts", err)
	}
	if len(ds) == 0 {
		return adminText("No draft entries are waiting. The Japan Desk saves them with the \"📚 Save as draft entry\" button under a relayed answer.", "kb.drafts")
	}
	msgs := []investbot.Message{{Text: fmt.Sprintf("%d draft entries are waiting. Approving one sends you a YAML skeleton to complete: a draft has only one language, so the other three translations, more example questions and the source must be added before it can be published.", len(ds))}}
	for i, d := range ds {
		if i == 10 {
			msgs = append(msgs, investbot.Message{Text: fmt.Sprintf("… and %d more; resolve these first.", len(ds)-i)})
			break
		}
		q, _ := clip(d.Question, 500)
		ans, _ := clip(d.Answer, 1500)
		msgs = append(msgs, investbot.Message{
			Title: fmt.Sprintf("Draft %s · %s · ticket #%s", d.ID, strings.ToUpper(string(d.Lang)), d.TicketID),
			Text:  "Question:\n" + q + "\n\nJapan Desk answer:\n" + ans,
			Buttons: [][]investbot.Button{{
				{Text: "✅ Approve", Data: cbDraft + ":a:" + d.ID},
				{Text: "✖️ Reject", Data: cbDraft + ":r:" + d.ID},
			}},
		})
	}
	return investbot.Reply{Messages: msgs, Meta: investbot.Meta{Lang: investbot.EN, Intent: "kb.drafts"}}
}

func (r *Router) draftReview(ctx context.Context, tn *turn, arg string) investbot.Reply {
	verb, id, _ := strings.Cut(arg, ":")
	status := kbadmin.DraftRejected
	if verb == "a" {
		status = kbadmin.DraftApproved
	}
	d, err := r.d.Admin.ResolveDraft(ctx, id, status, tn.req.UserID)
	switch {
	case errors.Is(err, investbot.ErrNotFound):
		return adminText("Draft "+id+" does not exist.", "kb.draft")
	case errors.Is(err, kbadmin.ErrResolved):
		return adminText(fmt.Sprintf("Draft %s was already %s.", id, d.Status), "kb.draft")
	case err != nil:
		return r.storeFailed(tn, "resolve draft", err)
	}
	r.audit(ctx, tn, "draft."+string(status), id)
	if status == kbadmin.DraftRejected {
		return investbot.Reply{Messages: []investbot.Message{{Text: "Draft " + id + " rejected."}}, CallbackText: "Rejected", Meta: investbot.Meta{Lang: investbot.EN, Intent: "kb.draft"}}
	}
	return investbot.Reply{
		Messages: []investbot.Message{{
			Text:     "Draft " + id + " approved. Here is a skeleton entry: the draft has only one language, so fill in every TODO (the other three translations with the same numbers and names, at least 3 example questions per language, the source and its as_of date), put the entry in the right file, and send that file to this chat.",
			Document: &investbot.File{Name: "draft-" + id + ".yaml", Data: kbadmin.DraftYAML(d)},
		}},
		CallbackText: "Approved",
		Meta:         investbot.Meta{Lang: investbot.EN, Intent: "kb.draft"},
	}
}

func (r *Router) kbStale(tn *turn, arg string) investbot.Reply {
	months := kbadmin.DefaultStaleMonths
	if n, err := strconv.Atoi(arg); err == nil && n > 0 && n <= 120 {
		months = n
	}
	text, _ := staleText(tn.kb, r.d.Now(), months)
	return adminText(text, "kb.stale")
}

// staleText lists the entries whose newest source is older than months,
// and reports whether there are any.
func staleText(kb *knowledge.KB, now time.Time, months int) (string, bool) {
	stale := kbadmin.Stale(kb, now, months)
	if len(stale) == 0 {
		return fmt.Sprintf("No entry has sources older than %d months.", months), false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d entries have no source newer than %d months, oldest first. Check whether their facts still hold, then update the answer and the as_of date:\n", len(stale), kb.Len(), months)
	for i, e := range stale {
		if i == 30 {
			fmt.Fprintf(&b, "… and %d more.\n", len(stale)-i)
			break
		}
		fmt.Fprintf(&b, "• %s — as of %s (%s:%d)\n", e.ID, e.AsOf().Format(time.DateOnly), baseName(e.File), e.Line)
	}
	return strings.TrimRight(b.String(), "\n"), true
}

// StaleReport is the weekly reminder to admins: the stale entries of the
// live knowledge base, one message per admin, or nothing when every entry
// is current.
func (r *Router) StaleReport(admins []int64) []investbot.Message {
	text, any := staleText(r.d.KB.Current(), r.d.Now(), kbadmin.DefaultStaleMonths)
	if !any {
		return nil
	}
	var msgs []investbot.Message
	for _, id := range admins {
		msgs = append(msgs, investbot.Message{ChatID: id, Title: "🗓 Weekly check: entries to review", Text: text})
	}
	return msgs
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// daysArg parses an optional number of days.
func daysArg(s string, def, most int) int {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
		return min(n, most)
	}
	return def
}

func (r *Router) unanswered(ctx context.Context, tn *turn) investbot.Reply {
	days := daysArg(tn.req.Args, 7, 90)
	gs, err := r.d.Admin.Unanswered(ctx, r.d.Now().AddDate(0, 0, -days))
	if err != nil {
		return r.storeFailed(tn, "unanswered", err)
	}
	if len(gs) == 0 {
		return adminText(fmt.Sprintf("No unanswered questions in the last %d days.", days), "admin.unanswered")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Questions the bot could not answer well in the last %d days, most asked first (similar wordings grouped):\n", days)
	for i, g := range gs {
		if i == 20 {
			fmt.Fprintf(&b, "… and %d more groups.\n", len(gs)-i)
			break
		}
		text, _ := clip(g.Text, 150)
		fmt.Fprintf(&b, "%d× [%s] %s\n", g.Count, strings.ToUpper(string(g.Lang)), text)
		if len(g.Variants) > 0 {
			v, _ := clip(strings.Join(g.Variants, " | "), 200)
			fmt.Fprintf(&b, "    also: %s\n", v)
		}
	}
	b.WriteString("\nA question asked often deserves a new entry, or more example questions on an existing one.")
	return adminText(b.String(), "admin.unanswered")
}

func (r *Router) stats(ctx context.Context, tn *turn) investbot.Reply {
	days := daysArg(tn.req.Args, 30, kbadmin.MaxStatsDays)
	st, err := r.d.Admin.Stats(ctx, days)
	if err != nil {
		return r.storeFailed(tn, "stats", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Last %d days: %d questions, %d answered (%.0f%%).\n", days, st.Messages, st.Answered, 100*st.AnswerRate())
	var langs []string
	for _, l := range investbot.Langs {
		langs = append(langs, fmt.Sprintf("%s %d", strings.ToUpper(string(l)), st.Langs[string(l)]))
	}
	fmt.Fprintf(&b, "By language: %s.\n", strings.Join(langs, " · "))
	fmt.Fprintf(&b, "Japan Desk: %d conversations opened, %d closed. Leads left: %d.\n", st.HandoffsOpened, st.HandoffsClosed, st.Leads)
	if top := st.TopIntents(5); len(top) > 0 {
		b.WriteString("Most asked:")
		for _, kv := range top {
			fmt.Fprintf(&b, "\n• %s %d", kv.Key, kv.Count)
		}
	}
	msgs := []investbot.Message{{Text: b.String(), Buttons: [][]investbot.Button{{{Text: "📊 Key figures (investor view)", Data: cbKind + ":" + string(knowledge.KindStat)}}}}}
	if png, err := kbadmin.Chart(st); err != nil {
		r.d.Log.Warn("stats chart", "err", err)
	} else {
		msgs = append(msgs, investbot.Message{Text: "Messages per day (blue) and share answered (green).", Photo: &investbot.File{Name: "stats.png", Data: png}})
	}
	return investbot.Reply{Messages: msgs, Meta: investbot.Meta{Lang: investbot.EN, Intent: "admin.stats"}}
}

func (r *Router) leadsExport(ctx context.Context, tn *turn) investbot.Reply {
	if r.d.Leads == nil {
		return adminText("Leads are not kept on this bot.", "admin.leads")
	}
	leads, err := r.d.Leads.Leads(ctx)
	if err != nil {
		return r.storeFailed(tn, "leads", err)
	}
	name := "leads-" + r.d.Now().In(investbot.VietnamTime).Format("2006-01-02") + ".csv"
	return investbot.Reply{
		Messages: []investbot.Message{{
			Text:     fmt.Sprintf("%d leads. The file opens in Excel; it holds personal data that investors gave with consent: keep it inside the office.", len(leads)),
			Document: &investbot.File{Name: name, Data: kbadmin.LeadsCSV(leads)},
		}},
		Meta: investbot.Meta{Lang: investbot.EN, Intent: "admin.leads"},
	}
}

// parseAnnouncement reads "/broadcast" text: either one text for
// everyone, or blocks that start with a language code line prefix
// ("en: ...", "ja: ...").
func parseAnnouncement(s string) investbot.Text {
	out := investbot.Text{}
	var cur investbot.Lang
	var lines []string
	flush := func() {
		if cur != "" {
			out[cur] = strings.TrimSpace(strings.Join(lines, "\n"))
		}
		lines = nil
	}
	for _, line := range strings.Split(s, "\n") {
		if code, rest, ok := strings.Cut(line, ":"); ok && len(code) == 2 && investbot.Lang(strings.ToLower(code)).Valid() {
			flush()
			cur = investbot.Lang(strings.ToLower(code))
			lines = []string{rest}
			continue
		}
		if cur == "" {
			cur = investbot.EN
		}
		lines = append(lines, line)
	}
	flush()
	for l, v := range out {
		if v == "" {
			delete(out, l)
		}
	}
	return out
}

func (r *Router) broadcast(ctx context.Context, tn *turn) investbot.Reply {
	text := strings.TrimSpace(tn.req.Args)
	if text == "" {
		return adminText("Send /broadcast followed by the announcement. To write it in several languages, start each part with its code on a new line:\nen: The 2026 conference opens on …\nja: 2026年の会議は…\nSubscribers get their language, else English.", "admin.broadcast")
	}
	if r.d.Broadcaster == nil {
		return adminText("Announcements cannot be sent from this bot (no sender configured).", "admin.broadcast")
	}
	texts := parseAnnouncement(text)
	subs, err := r.d.Admin.Subscribers(ctx)
	if err != nil {
		return r.storeFailed(tn, "subscribers", err)
	}
	if err := r.d.Admin.SetPending(ctx, tn.req.UserID, kbadmin.Pending{Kind: kbadmin.PendingBroadcast, Text: text, At: r.d.Now()}); err != nil {
		return r.storeFailed(tn, "pending", err)
	}
	n := len(kbadmin.Plan(subs, texts))
	var b strings.Builder
	fmt.Fprintf(&b, "Announcement to %d subscribers. Preview:\n", n)
	for _, l := range investbot.Langs {
		if v := texts[l]; v != "" {
			fmt.Fprintf(&b, "\n[%s] %s\n", strings.ToUpper(string(l)), v)
		}
	}
	b.WriteString("\nSend it?")
	return investbot.Reply{
		Messages: []investbot.Message{{Text: b.String(), Buttons: [][]investbot.Button{{
			{Text: fmt.Sprintf("📣 Send to %d", n), Data: cbBroadcast + ":send"},
			{Text: "✖️ Cancel", Data: cbBroadcast + ":cancel"},
		}}}},
		Meta: investbot.Meta{Lang: investbot.EN, Intent: "admin.broadcast"},
	}
}

func (r *Router) broadcastCallback(ctx context.Context, tn *turn, arg string) investbot.Reply {
	p, err := r.d.Admin.TakePending(ctx, tn.req.UserID, kbadmin.PendingBroadcast)
	if errors.Is(err, investbot.ErrNotFound) {
		return adminText("No announcement is waiting (sent, cancelled, or older than 1 hour).", "admin.broadcast")
	}
	if err != nil {
		return r.storeFailed(tn, "take pending", err)
	}
	if arg != "send" {
		return investbot.Reply{Messages: []investbot.Message{{Text: "Announcement cancelled."}}, CallbackText: "Cancelled", Meta: investbot.Meta{Lang: investbot.EN, Intent: "admin.broadcast"}}
	}
	if r.d.Broadcaster == nil {
		return adminText("Announcements cannot be sent from this bot (no sender configured).", "admin.broadcast")
	}
	plan, err := r.d.Admin.PlanBroadcast(ctx, parseAnnouncement(p.Text))
	if err != nil {
		return r.storeFailed(tn, "plan broadcast", err)
	}
	msgs := BroadcastMessages(plan)
	r.d.Broadcaster.Deliver(ctx, tn.req.ChatID, msgs)
	r.audit(ctx, tn, "broadcast", fmt.Sprintf("%d messages: %s", len(msgs), p.Text))
	return investbot.Reply{
		Messages:     []investbot.Message{{Text: fmt.Sprintf("📣 Sending to %d subscribers. You will get a report when it is done.", len(msgs))}},
		CallbackText: "Sending",
		Meta:         investbot.Meta{Lang: investbot.EN, Intent: "admin.broadcast"},
	}
}

// BroadcastMessages turns planned deliveries into messages to each
// subscriber's private chat, with an unsubscribe button in their language.
func BroadcastMessages(plan []kbadmin.Delivery) []investbot.Message {
	msgs := make([]investbot.Message, 0, len(plan))
	for _, d := range plan {
		msgs = append(msgs, investbot.Message{
			ChatID:  d.UserID,
			Text:    d.Text,
			Buttons: [][]investbot.Button{{{Text: "🔕 /unsubscribe", Data: cbUnsub}}},
		})
	}
	return msgs
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

// draftButton is offered under the staff group's "relayed" ack so that a
// good staff answer can become a knowledge-base entry.
func (r *Router) draftButton(tk investbot.Ticket) [][]investbot.Button {
	if r.d.Admin == nil || strings.TrimSpace(tk.Answer) == "" {
		return nil
	}
	return [][]investbot.Button{{{Text: "📚 Save as draft entry", Data: cbDraftSave + ":" + tk.ID}}}
}

// saveDraft is the staff's "Save as draft entry" button: the ticket's
// question and the last staff answer become a draft for the admins.
func (r *Router) saveDraft(ctx context.Context, tn *turn, id string) investbot.Reply {
	if tn.req.Role < investbot.RoleStaff {
		return investbot.Reply{Messages: []investbot.Message{{Text: t(msgStaffOnly, tn.lang)}}, CallbackText: t(msgStaffOnly, tn.lang), Meta: investbot.Meta{Intent: "refused"}}
	}
	if r.d.Admin == nil || r.d.Tickets == nil {
		return investbot.Reply{CallbackText: msgAdminOff, Meta: investbot.Meta{Intent: "admin.off"}}
	}
	// The button's ticket is the one its message is bound to: callback
	// data can be forged by a modified client, a binding cannot.
	bound, err := r.d.Tickets.TicketByMessage(ctx, tn.req.ChatID, tn.req.MessageID)
	if err != nil || bound != id {
		if err != nil && !errors.Is(err, investbot.ErrNotFound) {
			return investbot.Reply{CallbackText: "Ticket #" + id + " could not be read: " + errText(err), Meta: investbot.Meta{Intent: "draft.failed"}}
		}
		return investbot.Reply{CallbackText: "That button is not on a message of ticket #" + id + ".", Meta: investbot.Meta{Intent: "draft.failed"}}
	}
	tk, err := r.d.Tickets.Ticket(ctx, id)
	if err != nil {
		return investbot.Reply{CallbackText: "Ticket #" + id + " could not be read: " + errText(err), Meta: investbot.Meta{Intent: "draft.failed"}}
	}
	if tk.Erased {
		return investbot.Reply{CallbackText: "Ticket #" + id + " was erased at the investor's request.", Meta: investbot.Meta{Intent: "draft.failed"}}
	}
	if strings.TrimSpace(tk.Answer) == "" {
		return investbot.Reply{CallbackText: "Ticket #" + id + " has no text answer to save.", Meta: investbot.Meta{Intent: "draft.failed"}}
	}
	d, err := r.d.Admin.AddDraft(ctx, kbadmin.Draft{Question: tk.Question, Answer: tk.Answer, Lang: tk.Lang, TicketID: tk.ID, By: tn.req.UserID, At: r.d.Now()})
	if err != nil {
		r.d.Log.Warn("draft not saved", "ticket", id, "err", err)
		return investbot.Reply{CallbackText: "Not saved: the store is unreachable, try again in a minute.", Meta: investbot.Meta{Intent: "draft.failed"}}
	}
	r.audit(ctx, tn, "draft.saved", d.ID+" from #"+tk.ID)
	return investbot.Reply{
		Messages:     []investbot.Message{{ReplyTo: tn.req.MessageID, Text: fmt.Sprintf("📚 Saved as draft %s for the admins to review (/kb drafts).", d.ID)}},
		CallbackText: "Saved as draft " + d.ID,
		Meta:         investbot.Meta{Intent: "draft.saved"},
	}
}

// keepSubscribers mirrors /subscribe, /unsubscribe and /forgetme into the
// admin store's subscriber list, which announcements are sent to.
func (r *Router) keepSubscribers() {
	if r.d.Admin == nil {
		return
	}
	wrap := func(f commandFunc) commandFunc {
		return func(ctx context.Context, tn *turn) investbot.Reply {
			rep := f(ctx, tn)
			var err error
			if tn.sess.Subscribed && !tn.forgotten {
				err = r.d.Admin.Subscribe(ctx, tn.req.UserID, tn.lang)
			} else {
				err = r.d.Admin.Unsubscribe(ctx, tn.req.UserID)
			}
			if err != nil {
				r.d.Log.Warn("subscriber list not updated", "update_id", tn.req.UpdateID, "err", err)
			}
			return rep
		}
	}
	for _, name := range []string{"subscribe", "unsubscribe", "forgetme"} {
		if f := r.commands[name]; f != nil {
			r.commands[name] = wrap(f)
		}
	}
	for _, prefix := range []string{cbSub, cbUnsub} {
		if f := r.callbacks[prefix]; f != nil {
			r.callbacks[prefix] = func(ctx context.Context, tn *turn, arg string) investbot.Reply {
				return wrap(func(ctx context.Context, tn *turn) investbot.Reply { return f(ctx, tn, arg) })(ctx, tn)
			}
		}
	}
}

// record logs a free-text question for /stats and /unanswered, with its
// asker only as a keyed hash (so that /forgetme can remove it); a failure
// is only logged.
func (r *Router) record(ctx context.Context, userID int64, q string, m investbot.Meta) {
	if r.d.Insights == nil {
		return
	}
	err := r.d.Insights.RecordQuestion(ctx, kbadmin.Asked{UserTag: r.userTag(userID), Text: q, Lang: m.Lang, At: r.d.Now(), Answered: m.Answered, Intent: m.Intent, Confidence: m.Confidence})
	if err != nil {
		r.d.Log.Warn("question not recorded", "err", err)
	}
}

// observe counts the outcomes of a handled request that /stats reports
// (Japan Desk conversations opened and closed, leads left). Handle calls
// it; it does nothing without Deps.Insights.
func (r *Router) observe(ctx context.Context, rep investbot.Reply) {
	c, ok := r.d.Insights.(outcomeCounter)
	if !ok || r.d.Insights == nil {
		return
	}
	var kind kbadmin.Counter
	switch rep.Meta.Intent {
	case "handoff.opened":
		kind = kbadmin.CountHandoffOpened
	case "handoff.closed":
		kind = kbadmin.CountHandoffClosed
	case "lead.saved":
		kind = kbadmin.CountLead
	default:
		return
	}
	if err := c.Count(ctx, r.d.Now(), kind); err != nil {
		r.d.Log.Warn("outcome not counted", "intent", rep.Meta.Intent, "err", err)
	}
}
