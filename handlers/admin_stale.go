package handlers

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge"
)

func (r *Router) kbStale(tn *turn, arg string) investbot.Reply {
	months := kbadmin.DefaultStaleMonths
	if n, err := strconv.Atoi(arg); err == nil && n > 0 && n <= 120 {
		months = n
	}
	text, _ := staleText(tn.kb, r.d.Now(), months)
	return adminText(text, investbot.IntentKBStale)
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
