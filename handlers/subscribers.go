package handlers

import (
	"context"

	"github.com/thanhhoa/investbot"
)

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
