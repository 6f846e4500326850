package storetest

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// RunClaims runs the claims contract against fresh stores made by open.
func RunClaims(t *testing.T, open func(t *testing.T) investbot.Claimer) {
	st := open(t)
	ctx := context.Background()
	k := strconv.FormatInt(newID(), 10) + ":"
	tests := []struct {
		key, owner string
		want       bool
	}{
		{k + "h1", "client-1", true},
		{k + "h1", "client-1", true},  // the same client again
		{k + "h1", "client-2", false}, // another client with the same initData
		{k + "h1", "", false},
		{k + "h2", "client-2", true},
	}
	for i, tt := range tests {
		got, err := st.Claim(ctx, tt.key, tt.owner, time.Minute)
		if err != nil || got != tt.want {
			t.Errorf("%d: Claim(%s, %s) = %v, %v; want %v", i, tt.key, tt.owner, got, err, tt.want)
		}
	}
}
