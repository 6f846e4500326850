package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// RunLLM runs the LLM quota and answer cache contract against fresh
// backends made by open.
func RunLLM(t *testing.T, open func(t *testing.T) investbot.Backend) {
	t.Run("QuotaShared", func(t *testing.T) { testQuotaShared(t, open(t)) })
	t.Run("CacheRoundTrip", func(t *testing.T) { testCacheRoundTrip(t, open(t)) })
}

// testQuotaShared checks that every quota of one backend counts in one
// place, as replicas sharing Redis do.
func testQuotaShared(t *testing.T, b investbot.Backend) {
	ctx := context.Background()
	a, c := b.LLMQuota(2), b.LLMQuota(2) // two replicas
	user := newID()
	var got []bool
	for _, q := range []investbot.LLMQuota{a, c, a} {
		ok, err := q.Take(ctx, user, "2026-01-05")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ok)
	}
	if !got[0] || !got[1] || got[2] {
		t.Errorf("takes = %v, want the third refused across replicas", got)
	}
	if ok, _ := a.Take(ctx, user, "2026-01-06"); !ok {
		t.Errorf("a new day must reset the quota")
	}
	if ok, _ := a.Take(ctx, user+1, "2026-01-06"); !ok {
		t.Errorf("another user has their own quota")
	}
}

func testCacheRoundTrip(t *testing.T, b investbot.Backend) {
	ctx := context.Background()
	c := b.LLMCache()
	if _, ok, err := c.Get(ctx, "q|ja|v1"); ok || err != nil {
		t.Fatalf("empty cache: %v %v", ok, err)
	}
	want := `{"text":"約178haです。","cites":["zone.wha-smart-tech-1"]}`
	v := []byte(want)
	if err := c.Set(ctx, "q|ja|v1", v, time.Minute); err != nil {
		t.Fatal(err)
	}
	v[0] = 'X' // the store keeps its own copy
	got, ok, err := b.LLMCache().Get(ctx, "q|ja|v1")
	if err != nil || !ok || string(got) != want {
		t.Errorf("Get = %s %v %v, want %s", got, ok, err, want)
	}
}
