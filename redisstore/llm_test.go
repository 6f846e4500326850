package redisstore

import (
	"context"
	"testing"
	"time"

	"github.com/thanhhoa/investbot/knowledge"
)

func TestLLMQuotaShared(t *testing.T) {
	st := MustOpen(t, Options{})
	ctx := context.Background()
	a, b := st.LLMQuota(2), st.LLMQuota(2) // two replicas
	var got []bool
	for _, q := range []*LLMQuota{a, b, a} {
		ok, err := q.Take(ctx, 42, "2026-01-05")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ok)
	}
	if !got[0] || !got[1] || got[2] {
		t.Errorf("takes = %v, want the third refused across replicas", got)
	}
	if ok, _ := a.Take(ctx, 42, "2026-01-06"); !ok {
		t.Errorf("a new day must reset the quota")
	}
	if ok, _ := a.Take(ctx, 43, "2026-01-05"); !ok {
		t.Errorf("another user has their own quota")
	}
}

func TestLLMCacheRoundTrip(t *testing.T) {
	st := MustOpen(t, Options{})
	ctx := context.Background()
	c := st.LLMCache()
	if _, ok, err := c.Get(ctx, "q|ja|v1"); ok || err != nil {
		t.Fatalf("empty cache: %v %v", ok, err)
	}
	want := knowledge.Generated{Text: "約178haです。", Cites: []string{"zone.wha-smart-tech-1"}}
	if err := c.Set(ctx, "q|ja|v1", want, time.Minute); err != nil {
		t.Fatal(err)
	}
	got, ok, err := st.LLMCache().Get(ctx, "q|ja|v1")
	if err != nil || !ok || got.Text != want.Text || len(got.Cites) != 1 {
		t.Errorf("Get = %+v %v %v", got, ok, err)
	}
}
