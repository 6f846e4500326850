package redisstore

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/storetest"
)

// failFastBound only catches a hang; the figure itself is logged (about
// 1-20 ms on a refused connection).
const failFastBound = 2 * time.Second

func TestRedisDiesAndComesBack(t *testing.T) {
	t.Parallel()
	srv := MustStartServer(t, "--save", "", "--appendonly", "no")
	ctx := context.Background()
	st, err := Open(ctx, srv.url(), Options{Prefix: "fault:"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	storetest.MustBegin(t, st, 1, 7)
	storetest.MustSave(t, st, storetest.FullSession(7))

	srv.kill()

	calls := []struct {
		name string
		call func() error
	}{
		{"Begin", func() error { _, err := st.Begin(ctx, 2, 7); return err }},
		{"Load", func() error { _, err := st.Load(ctx, 7); return err }},
		{"Save", func() error { return st.Save(ctx, storetest.FullSession(7)) }},
		{"AddLead", func() error { return st.AddLead(ctx, storetest.SampleLead(7, 0)) }},
		{"Leads", func() error { _, err := st.Leads(ctx); return err }},
		{"Delete", func() error { _, err := st.Delete(ctx, 7); return err }},
		{"Begin again", func() error { _, err := st.Begin(ctx, 3, 7); return err }},
		// Errors are logged while Redis is down: they must not name the
		// user (logs outlive /forgetme).
		{"Begin of a real-sized id", func() error { _, err := st.Begin(ctx, 5, 5551234567); return err }},
		{"Save of a real-sized id", func() error { return st.Save(ctx, storetest.FullSession(5551234567)) }},
		{"Load of a real-sized id", func() error { _, err := st.Load(ctx, 5551234567); return err }},
		{"Delete of a real-sized id", func() error { _, err := st.Delete(ctx, 5551234567); return err }},
	}
	for _, c := range calls {
		start := time.Now()
		err := c.call()
		el := time.Since(start)
		if !errors.Is(err, investbot.ErrUnavailable) {
			t.Errorf("%s with Redis dead: %v, want ErrUnavailable", c.name, err)
		}
		if el > failFastBound {
			t.Errorf("%s with Redis dead took %v", c.name, el)
		}
		if err != nil && strings.Contains(err.Error(), "5551234567") {
			t.Errorf("%s: the error names the user: %v", c.name, err)
		}
		t.Logf("%s with Redis dead failed in %v: %v", c.name, el, err)
	}

	srv.start()
	// The same store must recover by itself; go-redis redials on demand.
	start := time.Now()
	var g investbot.Gate
	attempts := 0
	for {
		attempts++
		g, err = st.Begin(ctx, 4, 7)
		if err == nil {
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatalf("store did not recover 5 s after Redis restarted: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("store recovered %v after restart, on attempt %d", time.Since(start), attempts)
	if g.Duplicate || g.Session.Lang != "" {
		t.Errorf("after restart without persistence: %+v, want a fresh admitted session", g)
	}
	storetest.MustSave(t, st, storetest.FullSession(7))
	if d := storetest.SameSession(storetest.FullSession(7), storetest.MustLoad(t, st, 7)); d != "" {
		t.Error(d)
	}
}

func TestLeadsSurviveRestartWithAOF(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := MustStartServer(t, "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir)
	ctx := context.Background()
	st, err := Open(ctx, srv.url(), Options{Prefix: "aof:"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var want []investbot.Lead
	for i := range 3 {
		l := storetest.SampleLead(11, i)
		if err := st.AddLead(ctx, l); err != nil {
			t.Fatal(err)
		}
		want = append(want, l)
	}
	srv.kill() // SIGKILL: no chance to flush anything more
	srv.start()

	var got []investbot.Lead
	deadline := time.Now().Add(5 * time.Second)
	for {
		got, err = st.Leads(ctx)
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("Leads after restart: %v", err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d leads after restart, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if !w.CreatedAt.Equal(g.CreatedAt) || !w.ConsentAt.Equal(g.ConsentAt) {
			t.Errorf("lead %d times differ: %+v", i, g)
		}
		w.CreatedAt, w.ConsentAt, g.CreatedAt, g.ConsentAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("lead %d = %+v, want %+v", i, g, w)
		}
	}
	// And the per-user index survived too: Delete still finds them.
	if _, err := st.Delete(ctx, 11); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Leads(ctx); len(got) != 0 {
		t.Errorf("%d leads after Delete", len(got))
	}
}

func TestRedisHangsFailsFast(t *testing.T) {
	t.Parallel()
	srv := MustStartServer(t, "--save", "", "--appendonly", "no")
	ctx := context.Background()
	st, err := Open(ctx, srv.url(), Options{Prefix: "hang:"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	storetest.MustBegin(t, st, 1, 7)

	srv.signal(syscall.SIGSTOP) // accepts connections, never answers
	start := time.Now()
	_, err = st.Begin(ctx, 2, 7)
	el := time.Since(start)
	srv.signal(syscall.SIGCONT)
	if !errors.Is(err, investbot.ErrUnavailable) {
		t.Errorf("Begin with Redis hung: %v, want ErrUnavailable", err)
	}
	if el > failFastBound {
		t.Errorf("Begin with Redis hung took %v", el)
	}
	t.Logf("Begin with Redis hung failed in %v: %v", el, err)
	if _, err := st.Begin(ctx, 3, 7); err != nil {
		t.Errorf("Begin after Redis resumed: %v", err)
	}
}
