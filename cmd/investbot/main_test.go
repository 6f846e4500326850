package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// runCmd runs the real command with args, stdin and environment.
func runCmd(t *testing.T, stdin string, environ map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, env{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(k string) string { return environ[k] },
	})
	return code, out.String(), errb.String()
}

func askJSON(t *testing.T, environ map[string]string, stdin string, args ...string) []askResult {
	t.Helper()
	code, out, errs := runCmd(t, stdin, environ, append([]string{"ask", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("ask exit %d: %s", code, errs)
	}
	var res []askResult
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r askResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("not one JSON object per line: %q: %v", line, err)
		}
		res = append(res, r)
	}
	return res
}

// The ask --json contract of docs/architecture.md.
func TestAskJSONContract(t *testing.T) {
	res := askJSON(t, nil, strings.Join([]string{
		"How big is WHA Smart Technology phase 1?",
		"",
		"khu cong nghiep wha giai doan 1 rong bao nhieu",
		"Write me a poem about the sea",
		"🙂🙂🙂",
	}, "\n"))
	if len(res) != 4 {
		t.Fatalf("%d answers for 4 questions (blank lines are skipped)", len(res))
	}
	en, vi, poem, emoji := res[0], res[1], res[2], res[3]
	if !en.Answered || en.Intent != "zone.wha-smart-tech-1" || en.Lang != "en" || en.Confidence <= 0 || len(en.Sources) == 0 || !strings.Contains(en.Text, "178") {
		t.Errorf("answered question: %+v", en)
	}
	if vi.Lang != "vi" || !vi.Answered {
		t.Errorf("Vietnamese without diacritics: %+v", vi)
	}
	if poem.Answered || poem.Text == "" || poem.Sources == nil {
		t.Errorf("out of scope must be answered:false with a text and [] sources: %+v", poem)
	}
	if emoji.Lang != "en" || emoji.Answered {
		t.Errorf("no language of its own and no --lang: English; got %+v", emoji)
	}
	raw := func() string {
		_, out, _ := runCmd(t, "Write me a poem", nil, "ask", "--json")
		return out
	}()
	for _, field := range []string{`"question"`, `"lang"`, `"answered"`, `"intent"`, `"confidence"`, `"text"`, `"sources":[]`} {
		if !strings.Contains(raw, field) {
			t.Errorf("JSON lacks %s: %s", field, raw)
		}
	}
}

// Exact land prices are out of scope (issue 2): the sources give none, so
// the reply is the knowledge base's note on land prices with the offer of
// the Japan Desk, and answered is false.
func TestAskLandPriceIsNotAnswered(t *testing.T) {
	res := askJSON(t, nil, strings.Join([]string{
		"land rent price per m2 in Nghi Son EZ? need the exact USD figure",
		"giá thuê đất KCN bao nhiêu tiền 1m2",
		"工業団地の賃料は1㎡あたり何ドルですか？",
		"산업단지 평당 임대료 얼마예요?",
		"how much is 1 m2 of industrial land in nghi son EZ in 2026",
		"Is there any exemption from land rent for projects in industrial parks?",
	}, "\n"))
	for _, r := range res[:4] {
		if r.Answered || r.Intent != "faq.land-price" || r.Text == "" {
			t.Errorf("a price per m2 must be answered:false with the land-price note: %+v", r)
		}
	}
	if r := res[4]; r.Answered {
		t.Errorf("a price per m2 naming a zone must not state the zone's facts: %+v", r)
	}
	if r := res[5]; !r.Answered || r.Intent != "incentive.land-rent" {
		t.Errorf("land-rent exemptions are answered: %+v", r)
	}
}

func TestAskLangFlag(t *testing.T) {
	res := askJSON(t, nil, "🙂🙂🙂\nHow big is WHA Smart Technology phase 1?", "--lang", "ja")
	if res[0].Lang != "ja" {
		t.Errorf("a question with no language of its own is answered in --lang: %+v", res[0])
	}
	if res[1].Lang != "en" {
		t.Errorf("a question in one of the four languages keeps its own: %+v", res[1])
	}
	if code, _, errs := runCmd(t, "", nil, "ask", "--lang", "fr", "hello"); code == 0 || !strings.Contains(errs, "--lang") {
		t.Errorf("--lang fr must be refused clearly: %d %q", code, errs)
	}
}

// pickLowConfidence finds an in-scope question the knowledge base matches
// below the answer threshold, which is what the LLM fallback is for.
func pickLowConfidence(t *testing.T) (string, *base.Entry) {
	t.Helper()
	kb, err := knowledge.Load(base.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"Is there a railway link from the WHA parks to Nghi Son port?",
		"Do the industrial parks have wastewater treatment?",
		"How many workers could a Japanese electronics plant hire in Thanh Hoa?",
		"Which Japanese companies are in Nghi Son and how big are their projects?",
		"Can JETRO help us find a site in Thanh Hoa?",
		"What support does the province give investors after licensing?",
		"Is Thanh Hoa a good place for a garment factory?",
	} {
		r := kb.Match(knowledge.Query{Text: q})
		if r.Best != nil && !r.Confident && !r.OutOfScope {
			return q, r.Best.Entry
		}
	}
	// Failing, not skipping: a skip here would leave the binary's fallback
	// path untested without anyone noticing. Add a question the engine
	// matches below its threshold to the list above.
	t.Fatal("no candidate question is left that the engine matches below its answer threshold: add one so the LLM fallback of `ask` stays tested")
	return "", nil
}

// fakeLLM is an OpenAI-compatible server answering every chat completion
// with reply.
func fakeLLM(t *testing.T, reply string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		b, _ := json.Marshal(map[string]any{
			"id": "c1", "object": "chat.completion", "model": "test-model",
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": reply}}},
			"usage":   map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
		})
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

// ask --json marks an LLM answer answered only when it passed the
// grounding check.
func TestAskWithLLMFallback(t *testing.T) {
	q, best := pickLowConfidence(t)
	// Quoting the entry's own answer is grounded by construction.
	grounded := best.Answer.In("en") + "\nSOURCES: " + best.ID
	srv, calls := fakeLLM(t, grounded)
	environ := map[string]string{"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": srv.URL + "/v1", "OPENAI_MODEL": "test-model"}
	res := askJSON(t, environ, q)
	if calls.Load() == 0 {
		t.Fatalf("the fallback was not called for %q", q)
	}
	if !res[0].Answered || res[0].Intent != best.ID || len(res[0].Sources) == 0 {
		t.Errorf("grounded LLM answer: %+v", res[0])
	}

	invented := "The land rent is 95 USD per square metre, set in 2031.\nSOURCES: " + best.ID
	srv2, _ := fakeLLM(t, invented)
	environ["OPENAI_BASE_URL"] = srv2.URL + "/v1"
	res = askJSON(t, environ, q)
	if res[0].Answered || strings.Contains(res[0].Text, "95 USD") {
		t.Errorf("an answer with figures that are not in the snippets must not be sent: %+v", res[0])
	}
}

func TestKBValidateReportsFileAndLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "zones.yaml"), []byte("- id: zone.x\n  kind: zone\n  title: {en: x\n"), 0o644)
	code, _, errs := runCmd(t, "", nil, "kb", "validate", dir)
	if code != 1 || !strings.Contains(errs, "zones.yaml:") {
		t.Errorf("kb validate of a broken file: exit %d, %q", code, errs)
	}
	code, out, _ := runCmd(t, "", nil, "kb", "validate")
	if code != 0 || !strings.Contains(out, "valid") {
		t.Errorf("the bundled knowledge base must validate: %d %q", code, out)
	}
	if code, _, _ := runCmd(t, "", nil, "kb", "frobnicate"); code != 2 {
		t.Errorf("unknown kb subcommand: exit %d, want 2", code)
	}
}

func TestChatConsole(t *testing.T) {
	code, out, errs := runCmd(t, "1\nWHA phase 1 area\n/quit\n", nil, "chat")
	if code != 0 {
		t.Fatalf("chat exit %d: %s", code, errs)
	}
	for _, want := range []string{"Welcome", "[1]", "178"} {
		if !strings.Contains(out, want) {
			t.Errorf("console output lacks %q:\n%s", want, out)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	if code, _, errs := runCmd(t, "", nil, "frobnicate"); code != 2 || !strings.Contains(errs, "usage") {
		t.Errorf("exit %d, %q", code, errs)
	}
	if code, _, errs := runCmd(t, "", nil, "run"); code != 1 || !strings.Contains(errs, "TELEGRAM_BOT_TOKEN") {
		t.Errorf("run without a token must say what to do: %d %q", code, errs)
	}
}

// kb push checks and publishes to the Redis the bots share; kb pull gets
// the live knowledge base back. The test uses a Redis database of its own.
func TestKBPushAndPull(t *testing.T) {
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		addr = "127.0.0.1:6379"
	}
	const db = "13"
	environ := map[string]string{"REDIS_URL": "redis://" + addr + "/" + db}
	flush := func() {
		if code, _, errs := runCmd(t, "", environ, "kb", "pull", "-o", filepath.Join(t.TempDir(), "probe.zip")); code != 0 {
			t.Fatalf("Redis not reachable for the test (scripts/redis-for-tests.sh starts it): %s", errs)
		}
		c := redisClient(t, addr, 13)
		c.FlushDB(context.Background())
	}
	flush()
	t.Cleanup(flush)
	// Nothing published yet: pull says it exports the bundled base.
	if code, out, errs := runCmd(t, "", environ, "kb", "pull", "-o", filepath.Join(t.TempDir(), "bundled.zip")); code != 0 || !strings.Contains(out, "no knowledge-base version has been published") || !strings.Contains(out, "bundled") {
		t.Errorf("pull with nothing published must say it exports the bundled base: %d %q %q", code, out, errs)
	}

	dir := t.TempDir()
	good := filepath.Join(dir, "extra.yaml")
	os.WriteFile(good, []byte(`- id: faq.cli-push-test
  kind: faq
  title: {en: CLI push test, vi: Thử đẩy bằng dòng lệnh, ja: コマンドライン公開テスト, ko: 명령줄 게시 테스트}
  answer:
    en: A test entry published from the command line.
    vi: Mục thử được đăng từ dòng lệnh.
    ja: コマンドラインから公開したテスト項目です。
    ko: 명령줄에서 게시한 테스트 항목입니다.
  examples:
    en: [cli push test entry, what is the cli push test, command line push test]
    vi: [mục thử đẩy dòng lệnh, thu day dong lenh, đẩy bằng dòng lệnh là gì]
    ja: [コマンドライン公開テストとは, コマンドライン公開テストの項目, 公開テストについて]
    ko: [명령줄 게시 테스트란, 명령줄 게시 테스트 항목, 게시 테스트 알려줘]
  sources:
    - {ref: cli-test, as_of: 2025-12-01}
`), 0o644)
	code, out, errs := runCmd(t, "", environ, "kb", "push", "--dry-run", good)
	if code != 0 || !strings.Contains(out, "faq.cli-push-test") || !strings.Contains(out, "nothing published") {
		t.Fatalf("dry run: %d %q %q", code, out, errs)
	}
	code, out, errs = runCmd(t, "", environ, "kb", "push", good)
	if code != 0 || !strings.Contains(out, "published version 1") {
		t.Fatalf("push: %d %q %q", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("- id: faq.x\n  kind: [\n"), 0o644)
	if code, out, _ := runCmd(t, "", environ, "kb", "push", bad); code == 0 || !strings.Contains(out, "bad.yaml:") {
		t.Errorf("a broken file must be refused with its line: %d %q", code, out)
	}
	zipPath := filepath.Join(dir, "live.zip")
	if code, out, errs := runCmd(t, "", environ, "kb", "pull", "-o", zipPath); code != 0 {
		t.Fatalf("pull: %d %q %q", code, out, errs)
	}
	zipped, _ := os.ReadFile(zipPath)
	if !bytes.Contains(zipped, []byte("extra.yaml")) {
		t.Errorf("the pulled zip lacks the pushed file")
	}
	if code, _, errs := runCmd(t, "", nil, "kb", "push", good); code == 0 || !strings.Contains(errs, "REDIS_URL") {
		t.Errorf("push without REDIS_URL must say so: %q", errs)
	}
}

// kb push refuses an oversized file by its size, before reading it and
// before connecting anywhere: a 50 MB file costs well under 1 MB.
func TestKBPushRefusesLargeFileBeforeReadingIt(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = readUpload(big)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "50.0 MB") || !strings.Contains(err.Error(), "limit is 5 MB") {
		t.Errorf("readUpload(50 MB) = %v, want a refusal naming both sizes", err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("refusing a 50 MB file allocated %d bytes", alloc)
	if alloc > 1<<20 {
		t.Errorf("refusing a 50 MB file allocated %d bytes", alloc)
	}
	// The command says so without needing Redis.
	if code, _, errs := runCmd(t, "", nil, "kb", "push", big); code == 0 || !strings.Contains(errs, "refused") || strings.Contains(errs, "REDIS_URL") {
		t.Errorf("kb push of a 50 MB file: %d %q", code, errs)
	}
	// A file at the limit is read whole.
	ok := filepath.Join(t.TempDir(), "ok.yaml")
	if err := os.WriteFile(ok, bytes.Repeat([]byte("#\n"), 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := readUpload(ok); err != nil || len(data) != 2000 {
		t.Errorf("readUpload(2 KB) = %d bytes, %v", len(data), err)
	}
}
