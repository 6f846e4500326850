package webapp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/memstore"
	"github.com/thanhhoa/investbot/webapp"
)

const (
	token    = "123456:webapp-test-token-0123456789"
	admin    = int64(7001)
	staff    = int64(7002)
	investor = int64(7003)
)

// bundled is parsed once: a KB is immutable, and parsing is the slow part.
var bundled = sync.OnceValues(func() (*knowledge.KB, error) { return knowledge.Load(base.Bundled()) })

// harness is a Mini App over the bundled knowledge base, in-memory
// stores and a fixed clock.
type harness struct {
	srv    *httptest.Server
	now    time.Time
	live   *knowledge.Live
	admin  *kbadmin.Service
	leads  *memstore.Store
	mu     sync.Mutex
	notice []investbot.Message
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	kb, err := bundled()
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{now: time.Now(), live: knowledge.NewLive(kb), leads: memstore.New(memstore.Options{})}
	h.admin = kbadmin.New(memstore.NewKBAdmin(nil))
	router := handlers.New(handlers.Deps{KB: h.live, Sessions: h.leads, Leads: h.leads, Admin: h.admin, Insights: h.admin, StaffChatID: -100})
	roles := map[int64]investbot.Role{admin: investbot.RoleAdmin, staff: investbot.RoleStaff}
	s := webapp.New(webapp.Deps{
		Token: token, KB: h.live, Admin: h.admin, Router: router,
		Role:        func(id int64) investbot.Role { return roles[id] },
		BotUsername: func() string { return "investbot_test_bot" },
		Notify: func(_ context.Context, msgs []investbot.Message) {
			h.mu.Lock()
			h.notice = append(h.notice, msgs...)
			h.mu.Unlock()
		},
		Now: func() time.Time { return h.now },
	})
	h.srv = httptest.NewServer(s)
	t.Cleanup(h.srv.Close)
	return h
}

// initData returns a fresh initData for user, signed with the bot token.
func (h *harness) initData(user int64) string {
	return webapp.SignUser(token, user, "en", h.now.Add(-time.Minute))
}

// call sends a request with initData and client session and decodes the
// JSON answer into out (when not nil); it returns the status.
func (h *harness) call(t *testing.T, method, path, initData, client string, body, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, h.srv.URL+path, rd)
	if initData != "" {
		req.Header.Set(webapp.HeaderInitData, initData)
	}
	req.Header.Set(webapp.HeaderClient, client)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

func TestAuth(t *testing.T) {
	h := newHarness(t)
	fresh := h.initData(investor)
	tampered := strings.Replace(h.initData(investor), "7003", "7001", 1) // claims to be the admin
	tests := []struct {
		name, path, initData, client string
		want                         int
	}{
		{"no initData", "/app/api/zones", "", "c1", 401},
		{"garbage", "/app/api/zones", "hello=world", "c1", 401},
		{"forged: signed with another token", "/app/api/zones", webapp.SignUser("999:other-token", investor, "en", h.now), "c1", 401},
		{"forged: user changed after signing", "/app/api/admin/entries", tampered, "c1", 401},
		{"stale: issued three hours ago", "/app/api/zones", webapp.SignUser(token, investor, "en", h.now.Add(-3*time.Hour)), "c1", 401},
		{"issued in the future", "/app/api/zones", webapp.SignUser(token, investor, "en", h.now.Add(time.Hour)), "c1", 401},
		{"valid investor", "/app/api/zones", fresh, "c1", 200},
		{"the same client again", "/app/api/figures", fresh, "c1", 200},
		{"replayed from another client", "/app/api/zones", fresh, "c2", 401},
		{"replayed without a client", "/app/api/zones", fresh, "", 401},
		{"investor on an admin endpoint", "/app/api/admin/entries", h.initData(investor), "c3", 403},
		{"staff on an admin endpoint", "/app/api/admin/entries", h.initData(staff), "c4", 403},
		{"admin", "/app/api/admin/entries", h.initData(admin), "c5", 200},
		{"unknown endpoint", "/app/api/nothing", "", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := h.call(t, "GET", tt.path, tt.initData, tt.client, nil, nil); got != tt.want {
				t.Errorf("GET %s = %d, want %d", tt.path, got, tt.want)
			}
		})
	}
}

func TestPageHeaders(t *testing.T) {
	h := newHarness(t)
	for _, p := range []string{"/app/", "/app/app.js", "/app/i18n/ja.json"} {
		resp, err := http.Get(h.srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if resp.StatusCode != 200 || !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("GET %s = %d, CSP %q", p, resp.StatusCode, csp)
		}
	}
	// The page holds no secret: neither the token nor anything derived.
	for _, name := range []string{"index.html", "app.js"} {
		b, err := os.ReadFile(filepath.Join("static", name))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(token)) || bytes.Contains(b, []byte("innerHTML")) || bytes.Contains(b, []byte("<script>")) {
			t.Errorf("%s holds a token, innerHTML or an inline script", name)
		}
	}
}

func TestZonesContract(t *testing.T) {
	h := newHarness(t)
	var out struct {
		KBVersion string `json:"kb_version"`
		Zones     []struct {
			ID      string            `json:"id"`
			Title   map[string]string `json:"title"`
			Zone    *base.Zone        `json:"zone"`
			Sources []map[string]any  `json:"sources"`
		} `json:"zones"`
	}
	if got := h.call(t, "GET", "/app/api/zones", h.initData(investor), "z", nil, &out); got != 200 {
		t.Fatalf("status %d", got)
	}
	kb := h.live.Current()
	if out.KBVersion != kb.Version() || len(out.Zones) != len(kb.ByKind(base.KindZone))-1 {
		t.Fatalf("version %s, %d zones", out.KBVersion, len(out.Zones))
	}
	for _, z := range out.Zones {
		e := kb.Entry(z.ID)
		if e == nil || z.Title["ja"] != e.Title[investbot.JA] || len(z.Sources) != len(e.Sources) || z.Sources[0]["as_of"] == "" {
			t.Errorf("zone %s does not carry its entry's title and sources: %+v", z.ID, z)
		}
		if (e.Zone == nil) != (z.Zone == nil) || (e.Zone != nil && (z.Zone.Stage != e.Zone.Stage || z.Zone.AreaHa != e.Zone.AreaHa)) {
			t.Errorf("zone %s structured fields differ", z.ID)
		}
	}
}

func TestFiguresOnlyFromTheKnowledgeBase(t *testing.T) {
	h := newHarness(t)
	var out struct {
		Charts []struct {
			Chart   string `json:"chart"`
			Figures []struct {
				Entry  string         `json:"entry"`
				Value  float64        `json:"value"`
				Source map[string]any `json:"source"`
			} `json:"figures"`
		} `json:"charts"`
	}
	h.call(t, "GET", "/app/api/figures", h.initData(investor), "f", nil, &out)
	seen := map[string]bool{}
	for _, ch := range out.Charts {
		seen[ch.Chart] = true
		for _, f := range ch.Figures {
			e := h.live.Current().Entry(f.Entry)
			found := false
			for _, kf := range e.Figures {
				found = found || (kf.Value == f.Value && kf.Source == f.Source["ref"])
			}
			if !found || f.Source["as_of"] == "" {
				t.Errorf("figure %v of %s is not the knowledge base's, or has no date", f, f.Entry)
			}
		}
	}
	for _, c := range base.FigureCharts {
		if !seen[c] {
			t.Errorf("no chart %s: the bundled knowledge base has figures for every chart", c)
		}
	}
}

func TestLeadSameRulesAsChat(t *testing.T) {
	h := newHarness(t)
	good := map[string]string{"name": "Aiko Tanaka", "company": "Tanaka Seiki", "country": "Japan", "sector": "electronics",
		"investment_usd": "5m", "land_ha": "3", "timeline": "6-12m", "contact": "aiko@example.co.jp"}
	bad := maps.Clone(good)
	bad["contact"], bad["land_ha"] = "not an address", "-4"
	id := h.initData(investor)

	if got := h.call(t, "POST", "/app/api/lead?lang=ja", id, "l", map[string]any{"values": good, "consent": false}, nil); got != 400 {
		t.Errorf("without consent: %d, want 400", got)
	}
	var refused struct {
		Problems map[string]string `json:"problems"`
	}
	if got := h.call(t, "POST", "/app/api/lead?lang=ja", id, "l", map[string]any{"values": bad, "consent": true}, &refused); got != 422 {
		t.Fatalf("invalid values: %d, want 422", got)
	}
	_, want := handlers.CheckLead(bad, investbot.JA) // the chat form's own messages
	if len(refused.Problems) != 2 || refused.Problems["contact"] != want["contact"] || refused.Problems["land_ha"] != want["land_ha"] {
		t.Errorf("problems %v, want the chat's %v", refused.Problems, want)
	}
	if leads, _ := h.leads.Leads(context.Background()); len(leads) != 0 {
		t.Fatalf("a refused lead was stored: %v", leads)
	}
	var ok struct{ ID string }
	if got := h.call(t, "POST", "/app/api/lead?lang=ja", id, "l", map[string]any{"values": good, "consent": true}, &ok); got != 201 {
		t.Fatalf("valid lead: %d", got)
	}
	if got := h.call(t, "POST", "/app/api/lead?lang=ja", id, "l", map[string]any{"values": good, "consent": true}, nil); got != 429 {
		t.Errorf("a second lead within the minute: %d, want 429", got)
	}
	leads, _ := h.leads.Leads(context.Background())
	if len(leads) != 1 || leads[0].ID != ok.ID || leads[0].UserID != investor || leads[0].Fields["investment_usd"] != "5000000 USD" || leads[0].ConsentAt.IsZero() || leads[0].Lang != investbot.JA {
		t.Errorf("stored %+v", leads)
	}
	if len(h.notice) != 1 || h.notice[0].ChatID != -100 || !strings.Contains(h.notice[0].Text, "Tanaka Seiki") {
		t.Errorf("Japan Desk notice %+v", h.notice)
	}
}

// editEntry opens an entry as the editor does.
func (h *harness) editEntry(t *testing.T, initData, client, id string) (base string, e map[string]any) {
	t.Helper()
	var out struct {
		KBVersion string         `json:"kb_version"`
		Entry     map[string]any `json:"entry"`
	}
	if got := h.call(t, "GET", "/app/api/admin/entries/"+id, initData, client, nil, &out); got != 200 {
		t.Fatalf("open %s: %d", id, got)
	}
	return out.KBVersion, out.Entry
}

func setAnswer(e map[string]any, lang, text string) {
	e["answer"].(map[string]any)[lang] = text
}

func TestValidateSameAsKBValidate(t *testing.T) {
	h := newHarness(t)
	id := h.initData(admin)
	baseVersion, e := h.editEntry(t, id, "v", "stat.exports-2025")
	ja := e["answer"].(map[string]any)["ja"].(string)
	setAnswer(e, "ja", strings.Replace(ja, "73億", "75億", 1)) // the figure no longer agrees
	var out struct {
		Problems []struct{ Msg, Text string }
		Preview  map[string]struct{ Title, Text string }
		Diff     []struct{ Op, Text string }
	}
	if got := h.call(t, "POST", "/app/api/admin/validate", id, "v", map[string]any{"base": baseVersion, "entry": e}, &out); got != 200 {
		t.Fatalf("validate: %d", got)
	}
	// What `kb validate` says about the same files.
	files, _, _ := h.admin.LiveFiles(context.Background())
	dir := t.TempDir()
	for name, b := range files {
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	edited := h.live.Current().Entry("stat.exports-2025")
	name := filepath.Base(edited.File)
	os.WriteFile(filepath.Join(dir, name), []byte(strings.Replace(string(files[name]), "73億ドル", "75億ドル", 1)), 0o644)
	_, err := knowledge.Load(base.LoadDir(dir))
	ve, _ := err.(*base.ValidationError)
	if ve == nil || len(out.Problems) == 0 {
		t.Fatalf("kb validate: %v; Mini App: %v", err, out.Problems)
	}
	var want, got []string
	for _, p := range ve.Problems {
		want = append(want, p.Msg)
	}
	for _, p := range out.Problems {
		got = append(got, p.Msg)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || !strings.Contains(strings.Join(got, "\n"), "number parity: ja \"75億\"") {
		t.Errorf("Mini App problems:\n%s\nkb validate:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p := out.Preview["ja"]; !strings.Contains(p.Text, "75億") || !strings.Contains(p.Text, "出典") {
		t.Errorf("preview ja = %+v", p)
	}
	var minus, plus bool
	for _, d := range out.Diff {
		minus = minus || (d.Op == "-" && strings.Contains(d.Text, "73億"))
		plus = plus || (d.Op == "+" && strings.Contains(d.Text, "75億"))
	}
	if !minus || !plus {
		t.Errorf("diff lacks the change: %+v", out.Diff)
	}
	// An invalid edit is not published, and the attempt is audited.
	if got := h.call(t, "POST", "/app/api/admin/publish", id, "v", map[string]any{"base": baseVersion, "entry": e}, nil); got != 422 {
		t.Errorf("publish invalid: %d, want 422", got)
	}
	if n, _ := h.admin.Current(context.Background()); n != 0 {
		t.Errorf("an invalid edit was published as version %d", n)
	}
}

func TestPublishAndRollback(t *testing.T) {
	h := newHarness(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	syncer := kbadmin.NewSyncer(h.admin, h.live, nil)
	go syncer.Run(ctx)
	id := h.initData(admin)
	answerOf := func() string { return h.live.Current().Entry("faq.why-thanh-hoa").Answer[investbot.EN] }
	before := answerOf()

	baseVersion, e := h.editEntry(t, id, "p", "faq.why-thanh-hoa")
	setAnswer(e, "en", before+" Edited in the Mini App.")
	var pub struct {
		Version investbot.KBVersion `json:"version"`
	}
	if got := h.call(t, "POST", "/app/api/admin/publish", id, "p", map[string]any{"base": baseVersion, "entry": e}, &pub); got != 200 || pub.Version.N != 1 {
		t.Fatalf("publish: %d %+v", got, pub)
	}
	waitFor(t, func() bool { return strings.HasSuffix(answerOf(), "Edited in the Mini App.") })
	// Unedited entries are untouched by the rewrite of their file.
	kb, _ := bundled()
	if h.live.Current().Len() != kb.Len() {
		t.Errorf("the publish lost entries")
	}
	for _, e := range kb.Entries() {
		got := h.live.Current().Entry(e.ID)
		if e.ID == "faq.why-thanh-hoa" || got == nil {
			continue
		}
		if !reflect.DeepEqual(got.Answer, e.Answer) || !reflect.DeepEqual(got.Examples, e.Examples) || !reflect.DeepEqual(got.Sources, e.Sources) || !reflect.DeepEqual(got.Figures, e.Figures) {
			t.Errorf("%s changed although it was not edited", e.ID)
		}
	}
	// A second edit opened from the old version is refused, not merged.
	if got := h.call(t, "POST", "/app/api/admin/publish", id, "p", map[string]any{"base": baseVersion, "entry": e}, nil); got != 409 {
		t.Errorf("publish from a stale version: %d, want 409", got)
	}
	// Rollback to the bundled files is not possible (nothing to roll back
	// to before version 1), so publish a second version and go back to 1.
	baseVersion, e = h.editEntry(t, id, "p", "faq.why-thanh-hoa")
	setAnswer(e, "en", before+" Second edit.")
	h.call(t, "POST", "/app/api/admin/publish", id, "p", map[string]any{"base": baseVersion, "entry": e}, nil)
	waitFor(t, func() bool { return strings.HasSuffix(answerOf(), "Second edit.") })
	var rb struct {
		Version investbot.KBVersion `json:"version"`
	}
	if got := h.call(t, "POST", "/app/api/admin/rollback", id, "p", map[string]int{"n": 1}, &rb); got != 200 || rb.Version.N != 3 {
		t.Fatalf("rollback: %d %+v", got, rb)
	}
	waitFor(t, func() bool { return strings.HasSuffix(answerOf(), "Edited in the Mini App.") })
	if got := h.call(t, "POST", "/app/api/admin/rollback", id, "p", map[string]int{"n": 99}, nil); got != 404 {
		t.Errorf("rollback to a missing version: %d", got)
	}
	// Audited like the chat's /kb actions.
	events, _ := h.admin.AuditLog(context.Background(), 20)
	var actions []string
	for _, ev := range events {
		if ev.By != admin {
			t.Errorf("event by %d", ev.By)
		}
		actions = append(actions, ev.Action)
	}
	if got := strings.Join(actions, " "); got != "rollback publish upload publish upload" {
		t.Errorf("audit log (newest first) = %q", got)
	}
	var vs struct{ Versions []investbot.KBVersion }
	h.call(t, "GET", "/app/api/admin/versions", id, "p", nil, &vs)
	if len(vs.Versions) != 3 || !strings.HasPrefix(vs.Versions[2].Summary, "Mini App: ") {
		t.Errorf("versions %+v", vs.Versions)
	}
}

func TestDraftsAndInsights(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	d, _ := h.admin.AddDraft(ctx, investbot.Draft{Question: "Is there a bonded warehouse?", Answer: "Yes, at Nghi Sơn port.", Lang: investbot.EN, TicketID: "T3", By: staff, At: h.now})
	for range 3 {
		h.admin.RecordQuestion(ctx, investbot.Asked{Text: "bonded warehouse nghi son", Lang: investbot.EN, At: h.now})
	}
	id := h.initData(admin)
	var ds struct{ Drafts []investbot.Draft }
	h.call(t, "GET", "/app/api/admin/drafts", id, "d", nil, &ds)
	if len(ds.Drafts) != 1 || ds.Drafts[0].ID != d.ID {
		t.Fatalf("drafts %+v", ds)
	}
	var ap struct{ YAML string }
	if got := h.call(t, "POST", "/app/api/admin/drafts/"+d.ID+"/approve", id, "d", map[string]any{}, &ap); got != 200 || !strings.Contains(ap.YAML, "bonded warehouse") {
		t.Errorf("approve: %d %q", got, ap.YAML)
	}
	if got := h.call(t, "POST", "/app/api/admin/drafts/"+d.ID+"/reject", id, "d", map[string]any{}, nil); got != 409 {
		t.Errorf("reject after approve: %d, want 409", got)
	}
	var ins struct {
		Unanswered []struct {
			Text  string
			Count int
		}
		Stats struct{ Messages int }
	}
	h.call(t, "GET", "/app/api/admin/insights?days=7", id, "d", nil, &ins)
	groups, _ := h.admin.Unanswered(ctx, h.now.AddDate(0, 0, -7))
	st, _ := h.admin.Stats(ctx, 7)
	if len(ins.Unanswered) != len(groups) || ins.Unanswered[0].Count != 3 || ins.Stats.Messages != st.Messages {
		t.Errorf("insights %+v; /unanswered has %d groups, /stats %d messages", ins, len(groups), st.Messages)
	}
}

// waitFor polls cond; the bound only catches a hang (a publish reloads in
// milliseconds, but the race detector on a shared machine is slow).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 90 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
