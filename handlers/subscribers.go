package handlers

import (
	"context"

	"github.com/thanhhoa/investbot"
)

// syncSubscribers mirrors /subscribe, /unsubscribe and /forgetme, as
// their replies' events tell, into the admin store's subscriber list,
// which announcements are sent to. A failure is only logged: the session
// keeps the user's choice either way.
func (r *Router) syncSubscribers(ctx context.Context, tn *turn, events []investbot.Event) {
	if r.d.Admin == nil {
		return
	}
	for _, ev := range events {
		var err error
		switch ev := ev.(type) {
		case investbot.Subscribed:
			err = r.d.Admin.Subscribe(ctx, tn.req.UserID, ev.Lang)
		case investbot.Unsubscribed, investbot.Forgotten:
			err = r.d.Admin.Unsubscribe(ctx, tn.req.UserID)
		default:
			continue
		}
		if err != nil {
			r.d.Log.Warn("subscriber list not updated", "update_id", tn.req.UpdateID, "err", err)
		}
	}
}
