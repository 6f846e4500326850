package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/kbadmin"
)

// isAdminUpload reports whether the request is a document an admin sent
// to the bot in private: a knowledge-base upload.
func (r *Router) isAdminUpload(tn *turn) bool {
	a := tn.req.Attachment
	if a == nil || a.Kind != investbot.AttachDocument {
		return false
	}
	_, admin := r.admit(investbot.RoleAdmin, tn, attempt{})
	return admin
}

// adminUpload checks an uploaded .yaml or .zip and, when it is valid,
// keeps it pending with Publish and Cancel buttons.
func (r *Router) adminUpload(ctx context.Context, tn *turn) investbot.Reply {
	a := tn.req.Attachment
	r.audit(ctx, tn, "upload", a.FileName)
	if a.TooLarge || a.Size > investbot.MaxUploadBytes || len(a.Data) > investbot.MaxUploadBytes {
		return adminText(fmt.Sprintf("❌ Refused: the file is larger than %d MB. A knowledge-base file is well under 1 MB; check that you sent the right file. Nothing was changed.", investbot.MaxUploadBytes>>20), investbot.IntentKBRefused)
	}
	if a.Data == nil {
		return adminText("❌ The file could not be downloaded from Telegram. Please send it again.", investbot.IntentKBRefused)
	}
	rep, err := r.d.Admin.Check(ctx, tn.kb, a.FileName, a.Data)
	var refused *kbadmin.RefusedError
	switch {
	case errors.As(err, &refused):
		r.audit(ctx, tn, "upload.refused", refused.Reason)
		return adminText("❌ Refused: "+refused.Reason+". Nothing was changed.", investbot.IntentKBRefused)
	case err != nil:
		return r.storeFailed(tn, "check", err)
	}
	if !rep.OK() {
		r.audit(ctx, tn, "upload.invalid", fmt.Sprintf("%s: %d problems", rep.Name, len(rep.Problems)))
		return investbot.Reply{Messages: []investbot.Message{{Text: rep.Render(investbot.EN)}}, Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentKBInvalid}}
	}
	if err := r.d.Admin.SetPending(ctx, tn.req.UserID, investbot.Pending{Kind: investbot.PendingUpload, Files: rep.Files, Summary: rep.Summary(), At: r.d.Now()}); err != nil {
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
		Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentKBChecked},
	}
}

func (r *Router) kbCallback(ctx context.Context, tn *turn, arg string) investbot.Reply {
	switch {
	case arg == "pub":
		p, err := r.d.Admin.TakePending(ctx, tn.req.UserID, investbot.PendingUpload)
		if errors.Is(err, investbot.ErrNotFound) {
			return adminText("There is no checked upload waiting (it was published, cancelled, or is older than 1 hour). Send the file again.", investbot.IntentKBNothing)
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
			Meta:         investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentKBPublished},
		}
	case arg == "cancel":
		_, err := r.d.Admin.TakePending(ctx, tn.req.UserID, investbot.PendingUpload)
		if err != nil && !errors.Is(err, investbot.ErrNotFound) {
			return r.storeFailed(tn, "cancel", err)
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: "Cancelled. Nothing was changed."}}, CallbackText: "Cancelled", Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentKBCancelled}}
	case strings.HasPrefix(arg, "rb:"):
		n, err := strconv.Atoi(strings.TrimPrefix(arg, "rb:"))
		if err != nil || n <= 0 {
			return adminText("That button is out of date. Send /kb history.", investbot.IntentKBRollback)
		}
		v, err := r.d.Admin.Rollback(ctx, n, tn.req.UserID)
		if errors.Is(err, investbot.ErrNotFound) {
			return adminText(fmt.Sprintf("There is no version %d. Send /kb history to see the versions.", n), investbot.IntentKBRollback)
		}
		if err != nil {
			return r.storeFailed(tn, "rollback", err)
		}
		r.audit(ctx, tn, "rollback", fmt.Sprintf("version %d = files of version %d", v.N, n))
		return investbot.Reply{
			Messages:     []investbot.Message{{Text: fmt.Sprintf("↩️ Rolled back: version %d is now live with the files of version %d. Every copy of the bot switches within a few seconds.", v.N, n)}},
			CallbackText: fmt.Sprintf("Version %d published", v.N),
			Meta:         investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentKBRolledBack},
		}
	}
	return adminText("That button is out of date.", investbot.IntentKBUnknown)
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
	return adminText(kbUsage, investbot.IntentKBHelp)
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
	return adminText(b.String(), investbot.IntentKBHistory)
}

func (r *Router) kbRollback(ctx context.Context, tn *turn, arg string) investbot.Reply {
	n, err := strconv.Atoi(strings.TrimPrefix(arg, "v"))
	if err != nil || n <= 0 {
		return adminText("Send /kb rollback N with a version number from /kb history, e.g. /kb rollback 3.", investbot.IntentKBRollback)
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
				Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentKBRollback},
			}
		}
	}
	return adminText(fmt.Sprintf("There is no version %d. Send /kb history to see the versions.", n), investbot.IntentKBRollback)
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
		Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentKBExport},
	}
}
