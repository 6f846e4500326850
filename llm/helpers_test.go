package llm

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// The fixture entries are fictional: their figures exist only to be
// checked against.
func fixtureEntries(tb testing.TB) (wha, fdi, desk *base.Entry) {
	tb.Helper()
	asOf := MustDate(tb, "2025-06-01")
	wha = &base.Entry{
		ID:   "zone.wha-1",
		Kind: base.KindZone,
		Title: investbot.Text{
			investbot.EN: "WHA Industrial Zone 1 – Thanh Hoa",
			investbot.VI: "Khu công nghiệp WHA 1 – Thanh Hóa",
			investbot.JA: "WHA工業団地1 タインホア",
			investbot.KO: "WHA 산업단지 1 탄호아",
		},
		Answer: investbot.Text{
			investbot.EN: "WHA Industrial Zone 1 – Thanh Hoa covers 1,000 ha in Nghi Son Economic Zone. The developer is WHA Corporation of Thailand; total investment is about USD 1.2 billion. Phase 1 started operating in May 2025.",
			investbot.VI: "Khu công nghiệp WHA 1 – Thanh Hóa rộng 1.000 ha trong Khu kinh tế Nghi Sơn, do WHA Corporation (Thái Lan) phát triển, tổng vốn đầu tư khoảng 1,2 tỷ USD. Giai đoạn 1 đi vào hoạt động tháng 5/2025.",
			investbot.JA: "WHA工業団地1は、ギソン経済区内の1,000ヘクタールの工業団地です。開発者はタイのWHAコーポレーションで、総投資額は約12億米ドルです。第1期は2025年5月に稼働しました。",
			investbot.KO: "WHA 산업단지 1은 응이선 경제구역 내 1,000헥타르 규모입니다. 개발사는 태국 WHA 코퍼레이션이며 총투자액은 약 12억 달러입니다. 1단계는 2025년 5월 가동을 시작했습니다.",
		},
		Names:   []string{"WHA", "Nghi Sơn"},
		Zone:    &base.Zone{AreaHa: 1000, InvestmentUSDm: 1200, Developer: "WHA Corporation", DeveloperCountry: "Thailand"},
		Sources: []base.Source{{Ref: "000_291656f87f5f39d0.txt", AsOf: asOf}},
	}
	fdi = &base.Entry{
		ID:   "stat.fdi-2024",
		Kind: base.KindStat,
		Title: investbot.Text{
			investbot.EN: "FDI in Thanh Hoa in 2024",
			investbot.VI: "FDI vào Thanh Hóa năm 2024",
			investbot.JA: "2024年のタインホア省へのFDI",
			investbot.KO: "2024년 탄호아성 FDI",
		},
		Answer: investbot.Text{
			investbot.EN: "In 2024 Thanh Hoa attracted 52 FDI projects with registered capital of USD 3.4 billion.",
			investbot.VI: "Năm 2024, Thanh Hóa thu hút 52 dự án FDI với tổng vốn đăng ký 3,4 tỷ USD.",
			investbot.JA: "2024年、タインホア省は52件のFDI案件、登録資本34億米ドルを誘致しました。",
			investbot.KO: "2024년 탄호아성은 52건의 FDI 프로젝트, 등록자본 34억 달러를 유치했습니다.",
		},
		Sources: []base.Source{{Ref: "Statistics Office report 2024", AsOf: MustDate(tb, "2025-01-10")}},
	}
	desk = &base.Entry{
		ID:   "contact.japan-desk",
		Kind: base.KindContact,
		Title: investbot.Text{
			investbot.EN: "Japan Desk",
			investbot.VI: "Japan Desk",
			investbot.JA: "ジャパンデスク",
			investbot.KO: "재팬 데스크",
		},
		Answer: investbot.Text{
			investbot.EN: "The Japan Desk helps Japanese investors. Phone 0237 3852 123, e-mail japandesk@example.vn.",
			investbot.VI: "Japan Desk hỗ trợ nhà đầu tư Nhật Bản. Điện thoại 0237 3852 123, e-mail japandesk@example.vn.",
			investbot.JA: "ジャパンデスクは日本の投資家を支援します。電話 0237 3852 123、メール japandesk@example.vn。",
			investbot.KO: "재팬 데스크는 일본 투자자를 지원합니다. 전화 0237 3852 123, 이메일 japandesk@example.vn.",
		},
		Contact: &base.Contact{Phone: "0237 3852 123", Email: "japandesk@example.vn"},
		Sources: []base.Source{{Ref: "001_desk.txt", AsOf: asOf}},
	}
	return wha, fdi, desk
}

// MustDate parses YYYY-MM-DD or fails the test.
func MustDate(tb testing.TB, s string) base.Date {
	tb.Helper()
	d, err := base.ParseDate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// unsure is a below-threshold, in-scope result: the case the fallback is for.
func unsure(tb testing.TB, lang investbot.Lang) knowledge.Result {
	tb.Helper()
	wha, fdi, desk := fixtureEntries(tb)
	return knowledge.Result{
		Lang:      lang,
		Detected:  lang,
		Best:      &knowledge.Match{Entry: wha, Score: 3, Confidence: 0.42},
		RunnersUp: []knowledge.Match{{Entry: fdi, Score: 2, Confidence: 0.30}, {Entry: desk, Score: 1, Confidence: 0.1}},
	}
}

// stubAnswerer returns a fixed result, standing in for the engine.
type stubAnswerer struct{ res knowledge.Result }

func (s stubAnswerer) Answer(context.Context, *knowledge.KB, knowledge.Query) (knowledge.Result, error) {
	return s.res, nil
}

// chatRequest is the part of a chat-completion request the tests check.
// Temperature is a pointer to see whether it was sent at all.
type chatRequest struct {
	Model       string   `json:"model"`
	Temperature *float64 `json:"temperature"`
	MaxTokens   int      `json:"max_tokens"`
	Messages    []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

// fakeLLM is an OpenAI-compatible server whose reply the test sets.
type fakeLLM struct {
	*httptest.Server
	calls atomic.Int32

	mu     sync.Mutex
	reply  string        // the completion's content
	status int           // non-zero: fail with this HTTP status
	delay  time.Duration // wait this long (or until the client gives up)
	last   chatRequest
	path   string // path and query of the last request
	header http.Header
}

func (f *fakeLLM) set(reply string, status int, delay time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reply, f.status, f.delay = reply, status, delay
}

func (f *fakeLLM) lastRequest() (chatRequest, string, http.Header) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last, f.path, f.header
}

// MustFakeLLM starts a fake server that answers every chat completion with
// reply; it is closed when the test ends.
func MustFakeLLM(tb testing.TB, reply string) *fakeLLM {
	tb.Helper()
	f := &fakeLLM{reply: reply}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.calls.Add(1)
		if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/chat/completions") {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		var req chatRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.last, f.path, f.header = req, r.URL.RequestURI(), r.Header.Clone()
		reply, status, delay := f.reply, f.status, f.delay
		f.mu.Unlock()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		if status != 0 {
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{"error":{"message":"boom","type":"server_error"}}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-test", "object": "chat.completion", "model": req.Model,
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
				"message": map[string]string{"role": "assistant", "content": reply}}},
			"usage": map[string]int{"prompt_tokens": 1100, "completion_tokens": 60, "total_tokens": 1160},
		})
	}))
	tb.Cleanup(f.Close)
	return f
}

// recorder is a Metrics that remembers outcomes and token counts.
type recorder struct {
	mu       sync.Mutex
	outcomes []Outcome
	calls    int
	prompt   int
}

func (r *recorder) Call(_ time.Duration, p, _ int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	r.prompt += p
}

func (r *recorder) Outcome(o Outcome) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outcomes = append(r.outcomes, o)
}

func (r *recorder) last() Outcome {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.outcomes) == 0 {
		return ""
	}
	return r.outcomes[len(r.outcomes)-1]
}

// MustFallback wraps inner with a fallback talking to srv, with a fake
// clock and a metrics recorder.
func MustFallback(tb testing.TB, srv *fakeLLM, inner knowledge.Answerer, cfg Config) (*Fallback, *recorder, *fakeClock) {
	tb.Helper()
	clk := newFakeClock()
	rec := &recorder{}
	if cfg.BaseURL == "" {
		cfg.BaseURL = srv.URL + "/v1"
	}
	if cfg.APIKey == "" {
		cfg.APIKey = "test-key"
	}
	f := New(inner, cfg, Deps{Metrics: rec, Now: clk.Now, HTTPClient: srv.Client()})
	return f, rec, clk
}

// ask runs one question through f and fails the test on error.
func ask(tb testing.TB, f *Fallback, text string, user int64) knowledge.Result {
	tb.Helper()
	res, err := f.Answer(context.Background(), nil, knowledge.Query{Text: text, UserID: user})
	if err != nil {
		tb.Fatalf("Answer(%q): %v", text, err)
	}
	return res
}

// unchanged fails the test unless res is the inner result as given.
func unchanged(tb testing.TB, res, inner knowledge.Result) {
	tb.Helper()
	if res.Generated != nil {
		tb.Fatalf("got generated answer %q, want the inner result unchanged", res.Generated.Text)
	}
	if res.Best != inner.Best && (res.Best == nil || inner.Best == nil || res.Best.Entry.ID != inner.Best.Entry.ID) {
		tb.Fatalf("Best changed to %v", res.Best)
	}
}
