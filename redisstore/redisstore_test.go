package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/storetest"
)

// redisURL is the test server: REDIS_ADDR (host:port), default
// 127.0.0.1:6379. `scripts/redis-for-tests.sh` starts one there.
func redisURL() string {
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		addr = "127.0.0.1:6379"
	}
	return "redis://" + addr
}

// MustOpen opens a store on the test server under a unique key prefix and
// deletes every key under it when the test ends. It fails the test, not
// skips it, when no Redis answers: the test command starts one.
func MustOpen(tb testing.TB, opts Options) *Store {
	tb.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	opts.Prefix = "ibtest:" + hex.EncodeToString(b[:]) + ":"
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	st, err := Open(ctx, redisURL(), opts)
	if err != nil {
		tb.Fatalf("no Redis answers at %s (set REDIS_ADDR, or run scripts/redis-for-tests.sh): %v", redisURL(), err)
	}
	tb.Cleanup(func() {
		if n, err := deletePrefix(context.Background(), st.client, opts.Prefix); err != nil {
			tb.Errorf("clean up %s* (%d keys deleted): %v", opts.Prefix, n, err)
		}
		_ = st.Close()
	})
	return st
}

// deletePrefix removes every key that starts with prefix, with SCAN + DEL.
func deletePrefix(ctx context.Context, c redis.UniversalClient, prefix string) (int, error) {
	n := 0
	var cursor uint64
	for {
		keys, next, err := c.Scan(ctx, cursor, prefix+"*", 1000).Result()
		if err != nil {
			return n, err
		}
		for _, k := range keys { // one key per DEL: keys may live in different Cluster slots
			if err := c.Del(ctx, k).Err(); err != nil {
				return n, err
			}
			n++
		}
		if cursor = next; cursor == 0 {
			return n, nil
		}
	}
}

// TestContract holds the Redis backend to the contract every backend
// meets.
func TestContract(t *testing.T) {
	storetest.RunBackend(t, func(t *testing.T, adm investbot.Admission) investbot.Backend {
		return MustOpen(t, Options{Admission: adm})
	})
}

func TestCleanupLeavesNoKeys(t *testing.T) {
	ctx := context.Background()
	st := MustOpen(t, Options{})
	storetest.MustSave(t, st, storetest.FullSession(1))
	storetest.MustBegin(t, st, 1, 1)
	if err := st.AddLead(ctx, storetest.SampleLead(1, 0)); err != nil {
		t.Fatal(err)
	}
	n, err := deletePrefix(ctx, st.client, st.opts.Prefix)
	if err != nil {
		t.Fatal(err)
	}
	// session, dedup marker, flood counter, lead index, lead hash, lead order
	if n != 6 {
		t.Errorf("deleted %d keys under the prefix, want 6", n)
	}
}

func TestOpenFailsWithUnavailable(t *testing.T) {
	ctx := context.Background()
	start := time.Now()
	_, err := Open(ctx, "redis://127.0.0.1:1", Options{})
	if !errors.Is(err, investbot.ErrUnavailable) {
		t.Fatalf("Open of a closed port: %v, want ErrUnavailable", err)
	}
	t.Logf("Open of a closed port failed in %v: %v", time.Since(start), err)
}
