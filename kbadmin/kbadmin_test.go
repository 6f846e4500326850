package kbadmin_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/memstore"
)

// mustFiles reads the handlers' admin fixture (the base fixture plus one
// entry) and the base fixture itself.
func mustFiles(tb testing.TB) (base, plus []byte) {
	tb.Helper()
	var err error
	if base, err = os.ReadFile("../handlers/testdata/kb/fixture.yaml"); err != nil {
		tb.Fatal(err)
	}
	if plus, err = os.ReadFile("../handlers/testdata/admin/fixture.yaml"); err != nil {
		tb.Fatal(err)
	}
	return base, plus
}

func mustKB(tb testing.TB, files map[string][]byte) *knowledge.KB {
	tb.Helper()
	kb, err := knowledge.Load(base.Parse(files))
	if err != nil {
		tb.Fatal(err)
	}
	return kb
}

func mustZip(tb testing.TB, members map[string][]byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for n, b := range members {
		w, err := zw.Create(n)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

func TestCheckUpload(t *testing.T) {
	base, plus := mustFiles(t)
	liveFiles := map[string][]byte{"fixture.yaml": base}
	live := mustKB(t, liveFiles)
	bomb := mustZip(t, map[string][]byte{"data/a.yaml": bytes.Repeat([]byte("#"), 30<<20)})
	tests := []struct {
		name, file string
		data       []byte
		refused    string // substring of the refusal, "" when not refused
		problem    string // substring of a validation problem
		added      []string
	}{
		{"single file adds an entry", "fixture.yaml", plus, "", "", []string{"faq.delta-canteen"}},
		{"zip of the data folder", "kb.zip", mustZip(t, map[string][]byte{"data/fixture.yaml": plus, "data/README.md": []byte("x"), "__MACOSX/._f": nil}), "", "", []string{"faq.delta-canteen"}},
		{"too big", "fixture.yaml", make([]byte, investbot.MaxUploadBytes+1), "limit is 5 MB", "", nil},
		{"zip bomb", "kb.zip", bomb, "unpacks to more than", "", nil},
		{"dot-dot", "kb.zip", mustZip(t, map[string][]byte{"../evil.yaml": plus}), "outside the folder", "", nil},
		{"absolute", "kb.zip", mustZip(t, map[string][]byte{"/etc/evil.yaml": plus}), "absolute path", "", nil},
		{"not yaml in zip", "kb.zip", mustZip(t, map[string][]byte{"data/run.exe": []byte("MZ")}), "not a .yaml file", "", nil},
		{"not yaml", "notes.docx", plus, "send a .yaml file", "", nil},
		{"invalid utf-8", "fixture.yaml", append([]byte("- id: x\n  kind: faq\n"), 0xff, 0xfe), "fixture.yaml:3 is not valid UTF-8", "", nil},
		{"broken yaml", "fixture.yaml", []byte("- id: zone.alpha\n  kind: [zone\n"), "", "fixture.yaml:", nil},
		{"alias bomb", "fixture.yaml", []byte("- &a {id: x}\n- *a\n"), "", "anchors and aliases are not allowed", nil},
		{"duplicate id", "more.yaml", plus, "", "duplicate id", nil},
		{"missing language", "fixture.yaml", bytes.Replace(plus, []byte("    ko: 델타(Delta) 식당은 오전 7시에 문을 엽니다.\n"), nil, 1), "", "answer.ko is missing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			rep, err := kbadmin.CheckUpload(context.Background(), live, liveFiles, tt.file, tt.data)
			var refused *kbadmin.RefusedError
			if tt.refused != "" {
				if !errors.As(err, &refused) || !strings.Contains(refused.Reason, tt.refused) {
					t.Fatalf("err = %v, want a refusal containing %q", err, tt.refused)
				}
				if d := time.Since(start); d > time.Second {
					t.Logf("refusal took %v", d)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.problem != "" {
				if rep.OK() || !strings.Contains(rep.Render(investbot.EN), tt.problem) {
					t.Fatalf("report = %q, want a problem containing %q", rep.Render(investbot.EN), tt.problem)
				}
				return
			}
			if !rep.OK() || strings.Join(rep.Added, ",") != strings.Join(tt.added, ",") || len(rep.Changed)+len(rep.Removed) != 0 {
				t.Fatalf("report = %+v\n%s", rep, rep.Render(investbot.EN))
			}
			if !strings.Contains(rep.Render(investbot.EN), "Added 1") {
				t.Errorf("render lacks counts: %s", rep.Render(investbot.EN))
			}
		})
	}
}

func TestCheckReportsChangedAndRemoved(t *testing.T) {
	base, plus := mustFiles(t)
	live := mustKB(t, map[string][]byte{"fixture.yaml": plus})
	changed := bytes.Replace(base, []byte("Gamma Logistics Area is planned."), []byte("Gamma Logistics Area is planned for 2027."), 1)
	changed = bytes.Replace(changed, []byte("ガンマ（Gamma）物流エリアは計画中です。"), []byte("ガンマ（Gamma）物流エリアは2027年に計画されています。"), 1)
	changed = bytes.Replace(changed, []byte("Khu logistics Gamma đang được quy hoạch."), []byte("Khu logistics Gamma được quy hoạch cho năm 2027."), 1)
	changed = bytes.Replace(changed, []byte("감마(Gamma) 물류구역은 계획 단계입니다."), []byte("감마(Gamma) 물류구역은 2027년 계획입니다."), 1)
	rep, err := kbadmin.CheckUpload(context.Background(), live, map[string][]byte{"fixture.yaml": plus}, "fixture.yaml", changed)
	if err != nil || !rep.OK() {
		t.Fatalf("%v %s", err, rep.Render(investbot.EN))
	}
	if strings.Join(rep.Changed, ",") != "zone.gamma" || strings.Join(rep.Removed, ",") != "faq.delta-canteen" || len(rep.Added) != 0 {
		t.Errorf("changed %v removed %v added %v", rep.Changed, rep.Removed, rep.Added)
	}
}

func TestGroupQuestions(t *testing.T) {
	now := time.Now()
	qs := []investbot.Asked{
		{Text: "What is the land price in Nghi Son?", Lang: investbot.EN, At: now},
		{Text: "what is the land price in nghi son", Lang: investbot.EN, At: now},
		{Text: "What's the land price in Nghi Sơn?", Lang: investbot.EN, At: now},
		{Text: "Is there a Korean school?", Lang: investbot.EN, At: now},
		{Text: "giá thuê đất nghi sơn bao nhiêu", Lang: investbot.VI, At: now},
	}
	gs := kbadmin.GroupQuestions(qs)
	if len(gs) != 3 || gs[0].Count != 3 || len(gs[0].Variants) != 2 {
		t.Fatalf("groups = %+v", gs)
	}
}

func TestStatsAndChart(t *testing.T) {
	now := time.Date(2026, 3, 10, 5, 0, 0, 0, time.UTC)
	st := memstore.NewKBAdmin(func() time.Time { return now })
	svc := kbadmin.New(st)
	svc.Now = func() time.Time { return now }
	ctx := context.Background()
	for i := range 10 {
		st.RecordQuestion(ctx, investbot.Asked{Text: "q", Lang: investbot.JA, At: now.AddDate(0, 0, -(i % 3)), Answered: i%2 == 0, Intent: "zone.x"})
	}
	s, err := svc.Stats(ctx, 7)
	if err != nil || len(s.Days) != 7 || s.Messages != 10 || s.Answered != 5 || s.Langs["ja"] != 10 {
		t.Fatalf("Stats = %+v, %v", s, err)
	}
	for _, days := range []int{1, 7, 90} {
		s, _ := svc.Stats(ctx, days)
		b, err := kbadmin.Chart(s)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil || img.Bounds().Dx() != 900 {
			t.Fatalf("%d days: PNG does not decode: %v", days, err)
		}
	}
}

func TestLeadsCSV(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	out := string(kbadmin.LeadsCSV([]investbot.Lead{
		{ID: "L2", UserID: 5, Lang: investbot.JA, CreatedAt: at.Add(time.Hour), ConsentAt: at, Fields: map[string]string{"name": "山田 太郎", "company": "=HYPERLINK(1)", "extra": "x"}},
		{ID: "L1", UserID: 6, Lang: investbot.VI, CreatedAt: at, Fields: map[string]string{"name": "Nguyễn Văn A", "contact": "a@b.vn"}},
	}))
	if !strings.HasPrefix(out, "\ufeffid,created_at,language,name,company,country,sector,investment_usd,land_ha,timeline,contact,consent_at,telegram_user_id,other\r\n") &&
		!strings.HasPrefix(out, "\ufeffid,created_at,language,name,company,country,sector,investment_usd,land_ha,timeline,contact,consent_at,telegram_user_id,other\n") {
		t.Fatalf("header: %q", out[:120])
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "L1,2026-01-02 10:04,vi,Nguyễn Văn A") || !strings.Contains(lines[2], "山田 太郎,'=HYPERLINK(1)") || !strings.HasSuffix(lines[2], "extra=x") {
		t.Errorf("rows: %q", lines)
	}
}

func TestStale(t *testing.T) {
	_, plus := mustFiles(t)
	kb := mustKB(t, map[string][]byte{"f.yaml": plus})
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	got := kbadmin.Stale(kb, now, 0)
	for i, e := range got {
		if !e.AsOf().Before(now.AddDate(-1, 0, 0)) || (i > 0 && e.AsOf().Before(got[i-1].AsOf())) {
			t.Errorf("stale list wrong or not oldest first at %d: %s %v", i, e.ID, e.AsOf())
		}
	}
	if len(got) == kb.Len() {
		t.Errorf("every entry stale 6 months after the newest source")
	}
	if got := kbadmin.Stale(kb, time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC), 12); len(got) != kb.Len() {
		t.Errorf("stale after 18 months: %d of %d", len(got), kb.Len())
	}
}

func TestSyncerKeepsLiveOnBrokenVersion(t *testing.T) {
	base, plus := mustFiles(t)
	st := memstore.NewKBAdmin(nil)
	first := mustKB(t, map[string][]byte{"fixture.yaml": base})
	live := knowledge.NewLive(first)
	s := kbadmin.NewSyncer(st, live, nil)
	ctx := context.Background()
	if s.Sync(ctx, 0) || live.Current() != first {
		t.Fatal("version 0 replaced the bundled knowledge base")
	}
	st.Publish(ctx, map[string][]byte{"fixture.yaml": plus}, 1, "plus")
	if !s.Sync(ctx, 1) || live.Current().Entry("faq.delta-canteen") == nil {
		t.Fatal("version 1 not loaded")
	}
	st.Publish(ctx, map[string][]byte{"fixture.yaml": []byte("- id: [")}, 1, "broken")
	if s.Sync(ctx, 2) || live.Current().Entry("faq.delta-canteen") == nil || s.Loaded() != 1 {
		t.Fatal("a broken version replaced the live one")
	}
}

func TestDraftYAMLIsRefusedUntilCompleted(t *testing.T) {
	y := kbadmin.DraftYAML(investbot.Draft{ID: "D1", Question: "Is there a Japanese school in Thanh Hoa?", Answer: "Not yet: \"none\" as of 2026.", Lang: investbot.EN, TicketID: "T4"})
	_, err := knowledge.Load(base.Parse(map[string][]byte{"draft.yaml": y}))
	var ve *base.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "faq.is-there-a-japanese-school") {
		t.Fatalf("skeleton: %v\n%s", err, y)
	}
	for _, p := range ve.Problems {
		if strings.Contains(p.Msg, "YAML:") {
			t.Errorf("skeleton is not valid YAML: %v", p)
		}
	}
}

func TestExportZipRoundTrips(t *testing.T) {
	_, plus := mustFiles(t)
	svc := kbadmin.New(memstore.NewKBAdmin(nil))
	svc.Bundled = func() (map[string][]byte, error) { return map[string][]byte{"fixture.yaml": plus}, nil }
	name, z, err := svc.Export(context.Background())
	if err != nil || name != "knowledge-bundled.zip" {
		t.Fatal(name, err)
	}
	live := mustKB(t, map[string][]byte{"fixture.yaml": plus})
	rep, err := kbadmin.CheckUpload(context.Background(), live, nil, name, z)
	if err != nil || !rep.OK() || len(rep.Added)+len(rep.Changed)+len(rep.Removed) != 0 {
		t.Fatalf("re-upload of the export: %v %+v", err, rep)
	}
}
