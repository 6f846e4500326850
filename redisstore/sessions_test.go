package redisstore

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/storetest"
)

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
