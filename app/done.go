package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// doneMarker marks done, in batches off the message path, the handled
// updates whose mark the outbox commit did not write: those with nothing
// to send or save (a duplicate, a silent flood drop) and those whose
// replies went to the in-memory fallback. The marks of each 25 ms share one
// round trip. An update whose mark is lost (a crash before the flush) is
// handled again if Telegram redelivers it after its lease lapsed.
type doneMarker struct {
	store investbot.SessionStore
	log   *slog.Logger

	mu   sync.Mutex
	refs []investbot.UpdateRef
}

// doneEvery is the flush interval: the window in which a replica that dies
// after sending a reply leaves its update to be answered again (a rare
// duplicate), against one Redis round trip per flush shared by every
// update handled meanwhile (about 50 at 2,000 updates/s).
const doneEvery = 25 * time.Millisecond

// maxPendingDone bounds the marks kept while the store is down.
const maxPendingDone = 100_000

func (d *doneMarker) mark(updateID, userID int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.refs) >= maxPendingDone {
		d.refs = d.refs[1:]
	}
	d.refs = append(d.refs, investbot.UpdateRef{UpdateID: updateID, UserID: userID})
}

func (d *doneMarker) flush(ctx context.Context) {
	d.mu.Lock()
	refs := d.refs
	d.refs = nil
	d.mu.Unlock()
	if len(refs) == 0 {
		return
	}
	if err := d.store.Done(ctx, refs); err != nil {
		d.log.Warn("updates not marked done; will retry", "updates", len(refs), "err", err)
		d.mu.Lock()
		d.refs = append(refs, d.refs...)
		if n := len(d.refs) - maxPendingDone; n > 0 {
			d.refs = d.refs[n:]
		}
		d.mu.Unlock()
	}
}

func (d *doneMarker) run(ctx context.Context) {
	every(ctx, doneEvery, func() { d.flush(ctx) })
}
