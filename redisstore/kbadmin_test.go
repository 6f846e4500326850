package redisstore

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/thanhhoa/investbot/internal/testlog"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// TestSyncersFollowPublish runs two replicas' Syncers, each with its own
// Redis connection and its own live knowledge base: a publish through one
// replica switches both by pub/sub alone (polling is set to an hour), and
// a broken stored version switches neither.
func TestSyncersFollowPublish(t *testing.T) {
	st1 := MustOpen(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	st2, err := Open(ctx, redisURL(), Options{Prefix: st1.opts.Prefix})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()

	bundled, err := base.BundledFiles()
	if err != nil {
		t.Fatal(err)
	}
	first, err := knowledge.Load(base.Parse(bundled))
	if err != nil {
		t.Fatal(err)
	}
	lives := []*knowledge.Live{knowledge.NewLive(first), knowledge.NewLive(first)}
	admins := []*KBAdmin{st1.kbAdmin(), st2.kbAdmin()}
	logs := []*testlog.Buffer{{}, {}}
	for i, a := range admins {
		a.PollInterval = time.Hour // prove pub/sub alone is fast enough
		s := kbadmin.NewSyncer(a, lives[i], slog.New(slog.NewTextHandler(logs[i], nil)))
		go s.Run(ctx)
	}
	// Both subscriptions are registered before the publish.
	channel := admins[0].key("published")
	for {
		n, err := st1.client.PubSubNumSub(ctx, channel).Result()
		if err != nil {
			t.Fatal(err)
		}
		if n[channel] >= 2 {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("the syncers did not subscribe to %s: %v", channel, n)
		}
		time.Sleep(10 * time.Millisecond)
	}

	edited := map[string][]byte{}
	for n, b := range bundled {
		edited[n] = b
	}
	edited["faq.yaml"] = append([]byte("# edited by an admin\n"), bundled["faq.yaml"]...)
	want, err := knowledge.Load(base.Parse(edited))
	if err != nil {
		t.Fatal(err)
	}
	if want.Version() == first.Version() {
		t.Fatal("the edit did not change the version hash")
	}
	start := time.Now()
	if _, err := admins[0].Publish(ctx, edited, 1, "comment in faq.yaml"); err != nil {
		t.Fatal(err)
	}
	for i, l := range lives {
		for l.Current().Version() != want.Version() {
			// A bound on a hang, far below the hour of the polling
			// safety net: loading the new version takes seconds under
			// -race on a loaded machine.
			if time.Since(start) > 90*time.Second {
				t.Fatalf("replica %d still serves %s 90 s after the publish", i+1, l.Current().Version())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	t.Logf("both replicas switched within %v", time.Since(start))

	broken, err := admins[1].Publish(ctx, map[string][]byte{"x.yaml": []byte("- id: [broken")}, 1, "broken")
	if err != nil {
		t.Fatal(err)
	}
	// Each syncer says when it refused the broken version; only then is
	// "nothing switched" a finding.
	refused := fmt.Sprintf("version=%d", broken.N)
	for i, l := range logs {
		for !strings.Contains(l.String(), refused) || !strings.Contains(l.String(), "is invalid") {
			if ctx.Err() != nil {
				t.Fatalf("replica %d never refused the broken version %d:\n%s", i+1, broken.N, l.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	for i, l := range lives {
		if l.Current().Version() != want.Version() {
			t.Errorf("replica %d swapped to a broken version", i+1)
		}
	}
}

// TestWatchPollsWhenPubSubIsMissed checks the safety net: a version made
// current without a pub/sub message is still seen by polling.
func TestWatchPollsWhenPubSubIsMissed(t *testing.T) {
	st := MustOpen(t, Options{})
	a := st.kbAdmin()
	a.PollInterval = 50 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	seen := make(chan int, 8)
	go a.Watch(ctx, func(n int) { seen <- n })
	if n := <-seen; n != 0 {
		t.Fatalf("first report %d, want 0", n)
	}
	if err := st.client.Set(ctx, a.key("cur"), 7, 0).Err(); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-seen:
		if n != 7 {
			t.Errorf("polled %d, want 7", n)
		}
	case <-ctx.Done():
		t.Fatal("polling never saw the new version")
	}
}
