package handlers_test

import (
	"archive/zip"
	"bytes"
	"context"
	"image/png"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/memstore"
)

const adminID = 1001

type recordingBroadcaster struct {
	mu   sync.Mutex
	msgs []investbot.Message
}

func (b *recordingBroadcaster) Deliver(_ context.Context, _ int64, msgs []investbot.Message) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = append(b.msgs, msgs...)
}

type adminHarness struct {
	*harness
	live  *knowledge.Live
	admin *kbadmin.Service
	bc    *recordingBroadcaster
}

func mustRead(tb testing.TB, p string) []byte {
	tb.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// newAdminHarness runs the router with the admin tools on an in-memory
// store and a Syncer keeping the live knowledge base on the published
// version, as the app does.
func newAdminHarness(t *testing.T) *adminHarness {
	t.Helper()
	base := mustRead(t, "testdata/kb/fixture.yaml")
	live := knowledge.NewLive(mustFixtureKB(t))
	svc := kbadmin.New(memstore.NewKBAdmin(nil))
	svc.Bundled = func() (map[string][]byte, error) { return map[string][]byte{"fixture.yaml": base}, nil }
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go kbadmin.NewSyncer(svc, live, nil).Run(ctx)
	store := &flakyStore{Store: memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: 1000}})}
	bc := &recordingBroadcaster{}
	tickets := memstore.NewTickets()
	r := handlers.New(handlers.Deps{
		KB: live, Sessions: store, Leads: store, Tickets: tickets, StaffChatID: staffGroup,
		Admin: svc, Insights: svc, Broadcaster: bc,
	})
	return &adminHarness{harness: &harness{t: t, router: r, store: store, tickets: tickets}, live: live, admin: svc, bc: bc}
}

func (h *adminHarness) asAdmin(req investbot.Request) investbot.Reply {
	req.UserID, req.ChatID, req.Role = adminID, adminID, investbot.RoleAdmin
	return h.do(req)
}

func (h *adminHarness) upload(name string, data []byte) investbot.Reply {
	return h.asAdmin(investbot.Request{Attachment: &investbot.Attachment{Kind: investbot.AttachDocument, FileName: name, Data: data, Size: int64(len(data))}})
}

func (h *adminHarness) waitFor(cond func(*knowledge.KB) bool) {
	h.t.Helper()
	// Parsing the knowledge base takes about a second under -race on a
	// busy machine; the deadline only bounds a hang.
	deadline := time.Now().Add(30 * time.Second)
	for !cond(h.live.Current()) {
		if time.Now().After(deadline) {
			h.t.Fatal("the live knowledge base did not switch within 30 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestAdminUploadPublishAndRollback(t *testing.T) {
	h := newAdminHarness(t)
	if r := h.text("When does the Delta canteen open?"); r.Meta.Answered {
		t.Fatalf("fixture already answers the new question: %+v", r.Meta)
	}
	r := h.upload("fixture.yaml", mustRead(t, "testdata/admin/fixture.yaml"))
	if b := buttons(r); b["kb:pub"] == "" || b["kb:cancel"] == "" || !strings.Contains(allText(r), "faq.delta-canteen") {
		t.Fatalf("check reply: %s %v", allText(r), b)
	}
	if h.live.Current().Entry("faq.delta-canteen") != nil {
		t.Fatal("the upload went live before it was confirmed")
	}
	r = h.asAdmin(investbot.Request{Callback: "kb:pub"})
	if !strings.Contains(allText(r), "Published version 1") {
		t.Fatalf("publish reply: %s", allText(r))
	}
	h.waitFor(func(kb *knowledge.KB) bool { return kb.Entry("faq.delta-canteen") != nil })
	if r := h.text("When does the Delta canteen open?"); !r.Meta.Answered || r.Meta.Intent != "faq.delta-canteen" {
		t.Errorf("after publish: %+v %s", r.Meta, allText(r))
	}
	if r := h.asAdmin(investbot.Request{Callback: "kb:pub"}); !strings.Contains(allText(r), "no checked upload") {
		t.Errorf("second confirm: %s", allText(r))
	}

	// Roll back to the bundled file set, published as version 2 first.
	h.upload("fixture.yaml", mustRead(t, "testdata/kb/fixture.yaml"))
	h.asAdmin(investbot.Request{Callback: "kb:pub"})
	h.waitFor(func(kb *knowledge.KB) bool { return kb.Entry("faq.delta-canteen") == nil })
	r = h.asAdmin(investbot.Request{Command: "kb", Args: "rollback 1"})
	if buttons(r)["kb:rb:1"] == "" {
		t.Fatalf("rollback asks no confirmation: %s", allText(r))
	}
	r = h.asAdmin(investbot.Request{Callback: "kb:rb:1"})
	if !strings.Contains(allText(r), "version 3 is now live with the files of version 1") {
		t.Fatalf("rollback reply: %s", allText(r))
	}
	h.waitFor(func(kb *knowledge.KB) bool { return kb.Entry("faq.delta-canteen") != nil })
	if r := h.asAdmin(investbot.Request{Command: "kb", Args: "history"}); !strings.Contains(allText(r), "v3") || !strings.Contains(allText(r), "rollback to version 1") {
		t.Errorf("history: %s", allText(r))
	}
	r = h.asAdmin(investbot.Request{Command: "kb", Args: "export"})
	if len(r.Messages) != 1 || r.Messages[0].Document == nil || r.Messages[0].Document.Name != "knowledge-v3.zip" {
		t.Fatalf("export: %+v", r.Messages)
	}
	if _, err := zip.NewReader(bytes.NewReader(r.Messages[0].Document.Data), int64(len(r.Messages[0].Document.Data))); err != nil {
		t.Errorf("export is not a zip: %v", err)
	}
	if log, _ := h.admin.AuditLog(context.Background(), 100); len(log) < 8 {
		t.Errorf("audit log has %d events", len(log))
	}
}

func TestAdminBadUploadsChangeNothing(t *testing.T) {
	plus := mustRead(t, "testdata/admin/fixture.yaml")
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("data/fixture.yaml")
	w.Write(bytes.Repeat([]byte("# "), 15<<20))
	zw.Close()
	tests := []struct {
		name, file string
		data       []byte
		tooLarge   bool
		want       string
	}{
		{"broken yaml", "fixture.yaml", []byte("- id: zone.alpha\n  kind: zone\n  title: [oops\n"), false, "fixture.yaml:2: YAML"},
		{"duplicate id", "extra.yaml", plus, false, "duplicate id"},
		{"missing language", "fixture.yaml", bytes.Replace(plus, []byte("    ko: 델타(Delta) 식당은 오전 7시에 문을 엽니다.\n"), nil, 1), false, "fixture.yaml:79: faq.delta-canteen: answer.ko is missing"},
		{"zip bomb", "kb.zip", bomb.Bytes(), false, "unpacks to more than"},
		{"50 MB", "big.yaml", nil, true, "larger than 5 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newAdminHarness(t)
			before := h.live.Current()
			start := time.Now()
			var r investbot.Reply
			if tt.tooLarge {
				r = h.asAdmin(investbot.Request{Attachment: &investbot.Attachment{Kind: investbot.AttachDocument, FileName: tt.file, Size: 50 << 20, TooLarge: true}})
			} else {
				r = h.upload(tt.file, tt.data)
			}
			if !strings.Contains(allText(r), tt.want) || len(buttons(r)) != 0 {
				t.Fatalf("reply %q lacks %q or offers buttons", allText(r), tt.want)
			}
			t.Logf("%s refused in %v", tt.name, time.Since(start))
			if r := h.asAdmin(investbot.Request{Callback: "kb:pub"}); !strings.Contains(allText(r), "no checked upload") {
				t.Errorf("a refused upload could be published: %s", allText(r))
			}
			if h.live.Current() != before {
				t.Error("the live knowledge base changed")
			}
			if n, _ := h.admin.Current(context.Background()); n != 0 {
				t.Errorf("version %d published", n)
			}
		})
	}
}

func TestAdminCommandsRefuseNonAdmins(t *testing.T) {
	h := newAdminHarness(t)
	for _, role := range []investbot.Role{investbot.RoleInvestor, investbot.RoleStaff} {
		for _, req := range []investbot.Request{
			{Command: "kb", Args: "history"}, {Command: "kb", Args: "rollback 1"}, {Command: "kb", Args: "export"},
			{Command: "kb", Args: "drafts"}, {Command: "kb", Args: "stale"}, {Command: "unanswered"}, {Command: "usage"},
			{Command: "leads"}, {Command: "broadcast", Args: "hello"}, {Command: "audit"},
			{Callback: "kb:pub"}, {Callback: "kb:rb:1"}, {Callback: "bc:send"}, {Callback: "dr:a:D1"},
		} {
			req.Role = role
			if role == investbot.RoleStaff {
				req.UserID, req.ChatID = 77, 77
			}
			r := h.do(req)
			if allText(r) != "\n"+"This command is for admins."+"\n" || r.Meta.Intent != "refused" {
				t.Errorf("role %d %+v: %q", role, req, allText(r))
			}
		}
	}
	// A document from an investor is not an upload.
	r := h.do(investbot.Request{Attachment: &investbot.Attachment{Kind: investbot.AttachDocument, FileName: "fixture.yaml", Data: []byte("- id: x")}})
	if r.Meta.Intent != "media" {
		t.Errorf("investor document: %+v", r.Meta)
	}
	// /stats stays the investors' key figures.
	if r := h.do(investbot.Request{Command: "stats"}); strings.Contains(allText(r), "questions") {
		t.Errorf("investor /stats shows usage: %s", allText(r))
	}
	// Every refused attempt is in the audit log as a refusal, never as the
	// action; staff are named by id, investors only by a keyed hash.
	log, _ := h.admin.AuditLog(context.Background(), 100)
	refused := map[string]int{}
	for _, e := range log {
		if !strings.HasPrefix(e.Action, "refused ") {
			t.Errorf("refused attempt audited as an action: %+v", e)
		}
		refused[e.Action]++
		switch {
		case strings.Contains(e.Detail, "(investor)"):
			if e.By != 0 || !strings.Contains(e.Detail, "by u-") {
				t.Errorf("investor named in the audit log: %+v", e)
			}
		case strings.Contains(e.Detail, "(staff)"):
			if e.By != 77 {
				t.Errorf("staff member not named: %+v", e)
			}
		default:
			t.Errorf("refusal without role: %+v", e)
		}
	}
	// /kb is one action for the throttle: four refused /kb commands by the
	// same user within minutes are one event per role.
	for action, want := range map[string]int{"refused /kb": 2, "refused /leads": 2, "refused button kb:pub": 2, "refused button dr:a:D1": 2} {
		if refused[action] != want {
			t.Errorf("%q audited %d times, want %d (all: %v)", action, refused[action], want, refused)
		}
	}
}

// An investor repeating a refused command leaves one audit event per ten
// minutes, so the admins' own actions are not pushed out of the capped log.
func TestRefusedAttemptsAreThrottledInTheAuditLog(t *testing.T) {
	h := newAdminHarness(t)
	for range 50 {
		h.do(investbot.Request{Command: "leads"})
	}
	h.do(investbot.Request{Command: "close", Args: "T1"})
	log, _ := h.admin.AuditLog(context.Background(), 100)
	if len(log) != 2 || log[1].Action != "refused /leads" || log[0].Action != "refused /close" {
		t.Errorf("audit log after 50 refused /leads and one /close: %+v", log)
	}
}

func TestAdminUnansweredStatsLeads(t *testing.T) {
	h := newAdminHarness(t)
	for _, q := range []string{"Is there an international school for Japanese children?", "is there an international school for japanese children", "Is there any international school for Japanese children?", "How is the weather in July?"} {
		h.text(q)
	}
	h.text("Where is Alpha industrial park")
	r := h.asAdmin(investbot.Request{Command: "unanswered"})
	if !strings.Contains(allText(r), "3× [EN]") {
		t.Errorf("unanswered not grouped: %s", allText(r))
	}
	r = h.asAdmin(investbot.Request{Command: "stats", Args: "7"})
	if !strings.Contains(allText(r), "5 questions, 1 answered") {
		t.Errorf("stats text: %s", allText(r))
	}
	var photo *investbot.File
	for _, m := range r.Messages {
		if m.Photo != nil {
			photo = m.Photo
		}
	}
	if photo == nil {
		t.Fatal("no chart")
	}
	if _, err := png.Decode(bytes.NewReader(photo.Data)); err != nil {
		t.Errorf("chart is not a PNG: %v", err)
	}
	h.store.AddLead(context.Background(), investbot.Lead{ID: "L1", UserID: 7, Lang: investbot.JA, Fields: map[string]string{"name": "山田"}, CreatedAt: time.Now()})
	r = h.asAdmin(investbot.Request{Command: "leads"})
	if len(r.Messages) != 1 || r.Messages[0].Document == nil || !strings.HasSuffix(r.Messages[0].Document.Name, ".csv") ||
		!bytes.HasPrefix(r.Messages[0].Document.Data, []byte("\ufeffid,")) || !bytes.Contains(r.Messages[0].Document.Data, []byte("山田")) {
		t.Errorf("leads: %+v", r.Messages)
	}
}

func TestStaffDraftToAdminSkeleton(t *testing.T) {
	h := newAdminHarness(t)
	h.text("/human")
	h.do(investbot.Request{Command: "human"})
	h.text("Is there a Japanese school in Thanh Hoa?")
	tickets, _ := h.router.Reminders(context.Background())
	_ = tickets
	r := h.do(investbot.Request{UserID: 55, ChatID: staffGroup, Chat: investbot.ChatGroup, Role: investbot.RoleStaff, MessageID: 9,
		ReplyTo: h.lastSentTo(staffGroup, "Ticket #T1"), Text: "Not yet; the nearest is in Hanoi."})
	if buttons(r)["draft:T1"] == "" {
		t.Fatalf("no draft button under the ack: %s %v", allText(r), buttons(r))
	}
	ack := h.lastSentTo(staffGroup, "relayed")
	if r := h.do(investbot.Request{UserID: 7, ChatID: 7, Callback: "draft:T1"}); r.Meta.Intent != "refused" {
		t.Errorf("an investor saved a draft: %+v", r.Meta)
	}
	// Forged callback data on a message of no ticket saves nothing.
	if r := h.do(investbot.Request{UserID: 55, ChatID: staffGroup, Chat: investbot.ChatGroup, Role: investbot.RoleStaff, MessageID: 9, Callback: "draft:T1"}); r.Meta.Intent != "draft.failed" {
		t.Errorf("forged draft button: %+v %q", r.Meta, r.CallbackText)
	}
	r = h.do(investbot.Request{UserID: 55, ChatID: staffGroup, Chat: investbot.ChatGroup, Role: investbot.RoleStaff, MessageID: ack, Callback: "draft:T1"})
	if !strings.Contains(r.CallbackText, "D1") {
		t.Fatalf("save draft: %+v", r)
	}
	r = h.asAdmin(investbot.Request{Command: "kb", Args: "drafts"})
	if buttons(r)["dr:a:D1"] == "" || !strings.Contains(allText(r), "Not yet; the nearest is in Hanoi.") {
		t.Fatalf("drafts: %s", allText(r))
	}
	r = h.asAdmin(investbot.Request{Callback: "dr:a:D1"})
	if len(r.Messages) != 1 || r.Messages[0].Document == nil || !bytes.Contains(r.Messages[0].Document.Data, []byte("TODO")) || !strings.Contains(allText(r), "only one language") {
		t.Fatalf("approve: %+v", r.Messages)
	}
}

func TestBroadcastToSubscribers(t *testing.T) {
	h := newAdminHarness(t)
	h.do(investbot.Request{UserID: 21, ChatID: 21, Command: "subscribe", LangHint: investbot.JA})
	h.do(investbot.Request{UserID: 22, ChatID: 22, Command: "subscribe"})
	h.do(investbot.Request{UserID: 23, ChatID: 23, Command: "subscribe"})
	h.do(investbot.Request{UserID: 23, ChatID: 23, Command: "unsubscribe"})
	r := h.asAdmin(investbot.Request{Command: "broadcast", Args: "en: The forum opens on 5 May.\nja: フォーラムは5月5日に開幕します。"})
	if buttons(r)["bc:send"] == "" || !strings.Contains(allText(r), "2 subscribers") {
		t.Fatalf("broadcast preview: %s", allText(r))
	}
	if len(h.bc.msgs) != 0 {
		t.Fatal("sent before confirmation")
	}
	r = h.asAdmin(investbot.Request{Callback: "bc:send"})
	if !strings.Contains(allText(r), "Sending to 2") || len(h.bc.msgs) != 2 {
		t.Fatalf("send: %s, %d messages", allText(r), len(h.bc.msgs))
	}
	got := map[int64]string{}
	for _, m := range h.bc.msgs {
		got[m.ChatID] = m.Text
	}
	if got[21] != "フォーラムは5月5日に開幕します。" || got[22] != "The forum opens on 5 May." {
		t.Errorf("deliveries: %v", got)
	}
}
