package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/storetest"
)

// TestContractOnCluster runs the contract suite of every store on a
// one-node Redis Cluster of the test's own. Cluster mode rejects multi-key commands and scripts
// whose keys span slots (CROSSSLOT) even on one node, so this checks the
// hash tags.
func TestContractOnCluster(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := MustStartServer(t, "--cluster-enabled", "yes", "--cluster-config-file", dir+"/nodes.conf",
		"--save", "", "--appendonly", "no", "--dir", dir)
	ctx := context.Background()
	admin := redis.NewClient(&redis.Options{Addr: srv.url()[len("redis://"):]})
	defer admin.Close()
	if err := admin.Do(ctx, "CLUSTER", "ADDSLOTSRANGE", 0, 16383).Err(); err != nil {
		t.Fatalf("assign slots: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		info, err := admin.ClusterInfo(ctx).Result()
		if err == nil && strings.Contains(info, "cluster_state:ok") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cluster not ok: %q %v", info, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	url := "redis+cluster://" + srv.url()[len("redis://"):]
	storetest.RunBackend(t, func(t *testing.T, adm investbot.Admission) investbot.Backend {
		var b [6]byte
		_, _ = rand.Read(b[:])
		st, err := Open(ctx, url, Options{Admission: adm, Prefix: "c" + hex.EncodeToString(b[:]) + ":"})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := st.client.(*redis.ClusterClient); !ok {
			t.Fatalf("client is %T, want *redis.ClusterClient", st.client)
		}
		t.Cleanup(func() { _ = st.Close() })
		return st
	})
	// The speculative Commit's script spans the user's slot and the
	// outbox shards': on Cluster every update makes Begin's round trip.
	t.Run("no speculation", func(t *testing.T) {
		var b [6]byte
		_, _ = rand.Read(b[:])
		st, err := Open(ctx, url, Options{Prefix: "c" + hex.EncodeToString(b[:]) + ":"})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for u := int64(1); u <= 2; u++ {
			if g, err := handle(t, st, u, 505, true, investbot.JA); err != nil || g.Speculative {
				t.Fatalf("update %d: gate %+v, %v: want not speculative", u, g, err)
			}
		}
	})
}
