package redisstore

import (
	"context"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// BenchmarkEraseUser measures /forgetme's ticket step, which reads every
// ticket: with 10,000 tickets kept, one user's erasure.
func BenchmarkEraseUser(b *testing.B) {
	st := MustOpen(b, Options{}).Tickets()
	ctx := context.Background()
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for i := range 10_000 {
		if _, err := st.OpenTicket(ctx, investbot.Ticket{UserID: int64(1000 + i%5000), ChatID: 1, Question: "a question of about this length, with a few words", OpenedAt: at}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := st.EraseUser(ctx, int64(1000+i%5000), at); err != nil {
			b.Fatal(err)
		}
	}
}
