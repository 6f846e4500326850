package app_test

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/internal/tgtest"
)

// documentMsg makes an emulator message carry a document.
func documentMsg(fileID, name string, size int) tgtest.Msg {
	return func(m map[string]any) {
		delete(m, "text")
		m["document"] = map[string]any{"file_id": fileID, "file_unique_id": "u-" + fileID, "file_name": name, "file_size": size}
	}
}

// Admins publish a knowledge base without a redeploy: an upload through
// Telegram is checked, confirmed and published; a second bot process on
// the same Redis answers from the new version; a broken file is refused
// with its line and changes nothing; rollback works; non-admins are
// refused every admin command.
func TestEndToEndAdminPublishes(t *testing.T) {
	_, front, c := emulated(t)
	prefix := uniquePrefix(t)
	admin := tgtest.User{ID: 8001, FirstName: "Admin", LanguageCode: "vi"}
	investor := tgtest.User{ID: 8002, FirstName: "Investor", LanguageCode: "en"}
	startApp(t, map[string]string{"TELEGRAM_API_ENDPOINT": front.URL, "ADMIN_IDS": "8001"}, app.Options{RedisPrefix: prefix})
	// The second replica runs in webhook mode on its own fake Bot API.
	// Replicas share the outbox and so must share the Bot API; this one
	// talks to a Bot API of its own, so it keeps its replies to itself.
	front2 := tgtest.NewFake(t)
	second := startApp(t, webhookEnv(front2), app.Options{RedisPrefix: prefix, Bot: func(c *bot.Config) { c.Outbox = nil }})

	// Each question comes from a new user: polling the second replica
	// until it switches must not run into the per-user flood limit
	// (20 a minute), which a slow machine reaches.
	asker := int64(8100)
	askSecond := func(q string) string {
		t.Helper()
		asker++
		if code := postWebhook(t, second, webhookSecret, textUpdate(nextUpdateID(), asker, "en", q)); code != http.StatusOK {
			t.Fatalf("webhook of the second replica: status %d", code)
		}
		return waitSent(t, front2, asker, 1)[0]
	}
	// The weekly stale-entries post arrives on its own at start; it is
	// checked below and set aside when counting replies.
	isWeekly := func(m tgtest.BotMessage) bool { return strings.Contains(m.Text, "Weekly check") }
	adminSays := func(n int) tgtest.BotMessage {
		t.Helper()
		var got []tgtest.BotMessage
		c.WaitFor(t, wait, fmt.Sprintf("%d replies to the admin", n), func(all []tgtest.BotMessage) bool {
			got = got[:0]
			for _, m := range all {
				if m.ChatID == admin.ID && !isWeekly(m) {
					got = append(got, m)
				}
			}
			return len(got) >= n
		})
		return got[n-1]
	}
	upload := func(name string, n int) tgtest.BotMessage {
		t.Helper()
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		front.AddFile("file-"+name, data)
		c.SendText(t, admin, tgtest.Private(admin), "", documentMsg("file-"+name, name, len(data)))
		return adminSays(n)
	}
	// waitAnswer polls the second replica until it answers q with want.
	waitAnswer := func(q, want string, present bool) {
		t.Helper()
		deadline := time.Now().Add(wait)
		for {
			got := askSecond(q)
			if strings.Contains(got, want) == present {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("second replica: %q → %q; want %q present=%v", q, got, want, present)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}

	// Non-admins are refused every admin command.
	for _, cmd := range []string{"/kb history", "/kb export", "/kb rollback 1", "/kb drafts", "/kb stale", "/unanswered", "/leads", "/broadcast hello", "/audit"} {
		n := len(c.ChatMessages(t, investor.ID))
		c.SendCommand(t, investor, tgtest.Private(investor), cmd)
		if got := c.WaitChatMessages(t, investor.ID, n+1, wait); !strings.Contains(lastText(got), "for admins") {
			t.Errorf("investor sent %s: %q", cmd, lastText(got))
		}
	}

	// A good upload is checked, then published on confirmation.
	if got := askSecond("rail freight test topic"); strings.Contains(got, "test entry about rail freight") {
		t.Fatalf("the entry exists before the upload")
	}
	check := upload("upload_rail.yaml", 1)
	if !strings.Contains(check.Text, "faq.e2e-rail-freight") || len(check.Buttons) == 0 {
		t.Fatalf("check report: %q buttons %v", check.Text, check.Buttons)
	}
	c.SendCallback(t, admin, tgtest.Private(admin), check.MessageID, "kb:pub")
	if got := adminSays(2); !strings.Contains(got.Text, "Published version 1") {
		t.Fatalf("publish: %q", got.Text)
	}
	waitAnswer("rail freight test topic", "test entry about rail freight", true)

	// A broken file is refused with its line; nothing changes.
	bad := upload("upload_broken.yaml", 3)
	if !strings.Contains(bad.Text, "upload_broken.yaml:2") {
		t.Errorf("broken upload must name file and line: %q", bad.Text)
	}
	waitAnswer("rail freight test topic", "test entry about rail freight", true)

	// A second version, then a rollback to the first.
	check = upload("upload_port.yaml", 4)
	c.SendCallback(t, admin, tgtest.Private(admin), check.MessageID, "kb:pub")
	if got := adminSays(5); !strings.Contains(got.Text, "Published version 2") {
		t.Fatalf("second publish: %q", got.Text)
	}
	waitAnswer("cold storage test topic", "test entry about cold storage", true)
	c.SendCommand(t, admin, tgtest.Private(admin), "/kb rollback 1")
	confirm := adminSays(6)
	c.SendCallback(t, admin, tgtest.Private(admin), confirm.MessageID, "kb:rb:1")
	if got := adminSays(7); !strings.Contains(got.Text, "Rolled back") {
		t.Fatalf("rollback: %q", got.Text)
	}
	waitAnswer("cold storage test topic", "test entry about cold storage", false)
	waitAnswer("rail freight test topic", "test entry about rail freight", true)

	// The admins got the weekly list of entries to review (the bundled
	// knowledge base cites laws older than 12 months).
	c.WaitFor(t, wait, "the weekly stale-entries post", func(all []tgtest.BotMessage) bool {
		for _, m := range all {
			if m.ChatID == admin.ID && isWeekly(m) && strings.Contains(m.Text, "incentive.") {
				return true
			}
		}
		return false
	})

	// History lists the three versions.
	c.SendCommand(t, admin, tgtest.Private(admin), "/kb history")
	if got := adminSays(8); !strings.Contains(got.Text, "version 3 is live") {
		t.Errorf("history: %q", got.Text)
	}
}
