package redisstore

import (
	"context"
	"testing"
	"time"
)

func TestClaim(t *testing.T) {
	a, b := MustOpen(t, Options{}), MustOpen(t, Options{})
	b.opts.Prefix = a.opts.Prefix // two replicas, one Redis
	ctx := context.Background()
	tests := []struct {
		st         *Store
		key, owner string
		want       bool
	}{
		{a, "h1", "client-1", true},
		{b, "h1", "client-1", true},  // the same client on another replica
		{b, "h1", "client-2", false}, // another client with the same initData
		{a, "h1", "", false},
		{a, "h2", "client-2", true},
	}
	for i, tt := range tests {
		got, err := tt.st.Claim(ctx, tt.key, tt.owner, time.Minute)
		if err != nil || got != tt.want {
			t.Errorf("%d: Claim(%s, %s) = %v, %v; want %v", i, tt.key, tt.owner, got, err, tt.want)
		}
	}
}
