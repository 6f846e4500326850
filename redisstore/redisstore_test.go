package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"reflect"
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

func TestKeysShareUserSlot(t *testing.T) {
	st := New(redis.NewClient(&redis.Options{}), Options{Prefix: "p:"})
	defer st.Close()
	slot := func(key string) string { // the hash tag Cluster hashes
		for i := range key {
			if key[i] == '{' {
				for j := i + 1; j < len(key); j++ {
					if key[j] == '}' {
						return key[i+1 : j]
					}
				}
			}
		}
		return key
	}
	for _, k := range []string{st.userKey(42, "d:99"), st.userKey(42, "c"), st.userKey(42, "w"), st.userKey(42, "n"), st.userKey(42, "s"), st.userKey(42, "l")} {
		if got := slot(k); got != "u:42" {
			t.Errorf("key %s hashes on %q, want u:42", k, got)
		}
	}
	if slot(st.leadsKey("h")) != slot(st.leadsKey("o")) {
		t.Error("lead hash and order list are in different slots")
	}
}

func TestCorruptSessionIsFresh(t *testing.T) {
	ctx := context.Background()
	st := MustOpen(t, Options{})
	for i, v := range []string{"garbage", "9future", "1{not json", ""} {
		u := int64(100 + i)
		if err := st.client.Set(ctx, st.userKey(u, "s"), v, time.Minute).Err(); err != nil {
			t.Fatal(err)
		}
		if s := storetest.MustLoad(t, st, u); !reflect.DeepEqual(s, investbot.Session{UserID: u}) {
			t.Errorf("Load of %q = %+v, want fresh", v, s)
		}
		if g := storetest.MustBegin(t, st, u, u); !reflect.DeepEqual(g.Session, investbot.Session{UserID: u}) {
			t.Errorf("Begin of %q = %+v, want fresh", v, g.Session)
		}
	}
}

func TestPlainJSONSessionStillReads(t *testing.T) {
	ctx := context.Background()
	st := MustOpen(t, Options{})
	want := storetest.FullSession(5)
	b, _ := json.Marshal(want)
	if err := st.client.Set(ctx, st.userKey(5, "s"), b, time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	if d := storetest.SameSession(want, storetest.MustLoad(t, st, 5)); d != "" {
		t.Error(d)
	}
}

func TestCodecSize(t *testing.T) {
	s := TypicalSession(7_123_456_789)
	compact, err := encodeSession(s)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := json.Marshal(s)
	t.Logf("typical session: %d bytes compact (%s), %d bytes plain JSON", len(compact), compact, len(plain))
	if len(compact) >= len(plain) {
		t.Errorf("compact encoding (%d B) is not smaller than plain JSON (%d B)", len(compact), len(plain))
	}
	got, ok := decodeSession(s.UserID, compact)
	if !ok {
		t.Fatal("decode failed")
	}
	if d := storetest.SameSession(s, got); d != "" {
		t.Error(d)
	}
}

// TypicalSession is a session as most users have it between messages: a
// chosen language, the last entry answered and when.
func TypicalSession(userID int64) investbot.Session {
	return investbot.Session{
		UserID:    userID,
		Lang:      investbot.JA,
		LastEntry: "zone.nghi-son-ez",
		LastAt:    time.Date(2025, 5, 6, 10, 20, 30, 123_000_000, time.UTC),
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		url                string
		addrs              []string
		db                 int
		master, user, pass string
		cluster, tls       bool
		dialTimeout        time.Duration
		wantErr            bool
	}{
		{url: "redis://127.0.0.1:6379", addrs: []string{"127.0.0.1:6379"}},
		{url: "redis://:secret@cache:6380/3?dial_timeout=2s", addrs: []string{"cache:6380"}, db: 3, pass: "secret", dialTimeout: 2 * time.Second},
		{url: "rediss://bot:p%40ss@redis.example.com", addrs: []string{"redis.example.com:6379"}, user: "bot", pass: "p@ss", tls: true},
		{url: "redis+sentinel://:pw@s1:26379,s2,s3:26380/mymaster/2", addrs: []string{"s1:26379", "s2:26379", "s3:26380"}, master: "mymaster", db: 2, pass: "pw"},
		{url: "redis://s1:26379,s2:26379?master_name=m&read_timeout=1", addrs: []string{"s1:26379", "s2:26379"}, master: "m"},
		{url: "redis+cluster://n1:7000,n2:7001?dial_timeout=300ms", addrs: []string{"n1:7000", "n2:7001"}, cluster: true, dialTimeout: 300 * time.Millisecond},
		{url: "redis+cluster://n1:7000", addrs: []string{"n1:7000"}, cluster: true},
		{url: "rediss://n1:7000,n2:7001", addrs: []string{"n1:7000", "n2:7001"}, cluster: true, tls: true},
		{url: "redis+sentinel://s1:26379", wantErr: true},         // no master
		{url: "redis+cluster://n1:7000/2", wantErr: true},         // cluster has DB 0 only
		{url: "redis://n1:7000,n2:7001?tiemout=1", wantErr: true}, // typo
		{url: "redis+ring://a:1", wantErr: true},                  // unknown kind
		{url: "127.0.0.1:6379", wantErr: true},                    // no scheme
		{url: "http://127.0.0.1:6379", wantErr: true},             // wrong scheme
		{url: "redis://h:1,,h2:2", wantErr: true},                 // empty host
		{url: "redis://127.0.0.1:6379/x", wantErr: true},          // bad db
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			o, err := ParseURL(tc.url)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseURL succeeded: %+v", o)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(o.Addrs) != len(tc.addrs) {
				t.Fatalf("Addrs = %q, want %q", o.Addrs, tc.addrs)
			}
			for i := range tc.addrs {
				if o.Addrs[i] != tc.addrs[i] {
					t.Errorf("Addrs = %q, want %q", o.Addrs, tc.addrs)
				}
			}
			if o.DB != tc.db || o.MasterName != tc.master || o.Username != tc.user || o.Password != tc.pass ||
				o.IsClusterMode != tc.cluster || (o.TLSConfig != nil) != tc.tls || o.DialTimeout != tc.dialTimeout {
				t.Errorf("got DB=%d master=%q user=%q pass=%q cluster=%v tls=%v dial=%v", o.DB, o.MasterName, o.Username,
					o.Password, o.IsClusterMode, o.TLSConfig != nil, o.DialTimeout)
			}
		})
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
