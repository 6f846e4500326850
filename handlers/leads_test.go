package handlers_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
)

func TestLeadFormWithConsent(t *testing.T) {
	h := newHarness(t, -1001)
	r := h.do(investbot.Request{Command: "lead"})
	if !strings.Contains(allText(r), "91/2025/QH15") {
		t.Fatalf("consent notice must cite the decree: %q", allText(r))
	}
	// Nothing is asked before consent.
	if r.Meta.Intent != "lead.consent" {
		t.Fatalf("intent = %s", r.Meta.Intent)
	}
	steps := []struct {
		req        investbot.Request
		wantIntent string
		wantText   string
	}{
		{investbot.Request{Callback: "lead:yes"}, "lead.name", "name"},
		{investbot.Request{Text: "A"}, "lead.name", "2 to 100"}, // too short: same step, clear message
		{investbot.Request{Text: "Taro Yamada"}, "lead.company", "company"},
		{investbot.Request{Text: "Yamada Seiki"}, "lead.country", "country"},
		{investbot.Request{Callback: "lead:v:Japan"}, "lead.sector", "sector"},
		{investbot.Request{Callback: "lead:back"}, "lead.country", "country"}, // back works
		{investbot.Request{Callback: "lead:v:Japan"}, "lead.sector", "sector"},
		{investbot.Request{Callback: "lead:v:electronics"}, "lead.investment_usd", "USD"},
		{investbot.Request{Text: "lots"}, "lead.investment_usd", "like 5000000"},
		{investbot.Request{Text: "12.5 million"}, "lead.land_ha", "I understood 12,500,000 USD"},
		{investbot.Request{Text: "-3"}, "lead.land_ha", "between 0.01 and 10000"},
		{investbot.Request{Text: "8 ha"}, "lead.timeline", "invest"},
		{investbot.Request{Callback: "lead:v:6-12m"}, "lead.contact", "e-mail"},
		{investbot.Request{Text: "call me maybe"}, "lead.contact", "valid e-mail"},
		{investbot.Request{Text: "taro@yamada-seiki.co.jp"}, "lead.review", "12,500,000 USD"},
	}
	for i, s := range steps {
		r = h.do(s.req)
		if string(r.Meta.Intent) != s.wantIntent || !strings.Contains(allText(r), s.wantText) {
			t.Fatalf("step %d (%+v): intent %s, text %q; want %s containing %q", i, s.req, r.Meta.Intent, allText(r), s.wantIntent, s.wantText)
		}
	}
	r = h.do(investbot.Request{Callback: "lead:send"})
	if r.Meta.Intent != "lead.saved" {
		t.Fatalf("send: %+v", r)
	}
	var staff string
	for _, m := range r.Messages {
		if m.ChatID == -1001 {
			staff = m.Text
		}
	}
	if !strings.Contains(staff, "Yamada Seiki") || !strings.Contains(staff, "8") {
		t.Errorf("staff group not notified with the lead: %q", staff)
	}
	leads, err := h.store.Leads(context.Background())
	if err != nil || len(leads) != 1 {
		t.Fatalf("leads = %v, %v", leads, err)
	}
	l := leads[0]
	if l.Fields["company"] != "Yamada Seiki" || l.Fields["investment_usd"] != "12500000 USD" || l.Fields["land_ha"] != "8" || l.ConsentAt.IsZero() {
		t.Errorf("lead stored wrongly: %+v", l)
	}
	// /forgetme removes it.
	h.do(investbot.Request{Command: "forgetme"})
	if leads, _ := h.store.Leads(context.Background()); len(leads) != 0 {
		t.Errorf("leads after /forgetme: %v", leads)
	}
}

func TestLeadDeclineAndCancelKeepNothing(t *testing.T) {
	h := newHarness(t, 0)
	h.do(investbot.Request{Command: "lead"})
	if r := h.do(investbot.Request{Callback: "lead:no"}); !strings.Contains(allText(r), "nothing was stored") {
		t.Errorf("decline: %q", allText(r))
	}
	h.do(investbot.Request{Command: "lead"})
	h.do(investbot.Request{Callback: "lead:yes"})
	h.do(investbot.Request{Text: "Kim Minsu"})
	if r := h.do(investbot.Request{Command: "cancel"}); r.Meta.Intent != "cancel" || !strings.Contains(allText(r), "Cancelled") {
		t.Errorf("cancel: %+v", r)
	}
	// After cancelling, text is a question again.
	if r := h.text("What is the Beta tax holiday"); r.Meta.Intent != "incentive.beta" {
		t.Errorf("after cancel: %+v", r.Meta)
	}
	if leads, _ := h.store.Leads(context.Background()); len(leads) != 0 {
		t.Errorf("leads = %v", leads)
	}
}

func TestLeadStoreDownSaysSo(t *testing.T) {
	h := newHarness(t, 0)
	h.do(investbot.Request{Command: "lead"})
	h.do(investbot.Request{Callback: "lead:yes"})
	for _, s := range []investbot.Request{
		{Text: "Nguyen Van A"}, {Text: "ABC Co"}, {Callback: "lead:v:Vietnam"}, {Callback: "lead:v:logistics"},
		{Callback: "lead:v:unknown"}, {Callback: "lead:v:unknown"}, {Callback: "lead:v:later"}, {Callback: "lead:v:telegram"},
	} {
		h.do(s)
	}
	h.store.down.Store(true)
	r := h.do(investbot.Request{Callback: "lead:send"})
	if r.Meta.Intent != "lead.failed" || !strings.Contains(allText(r), "nothing was stored") {
		t.Fatalf("with the store down: %+v", r)
	}
	h.store.down.Store(false)
	if r := h.do(investbot.Request{Callback: "lead:send"}); r.Meta.Intent != "lead.saved" {
		t.Errorf("send again after recovery: %+v", r.Meta)
	}
}

func TestParseAmount(t *testing.T) {
	tests := map[string]string{
		"5000000": "5000000 USD", "5,000,000": "5000000 USD", "5.000.000": "5000000 USD", "5 000 000": "5000000 USD",
		"5m": "5000000 USD", "2.5 million": "2500000 USD", "$3bn": "3000000000 USD", "750k USD": "750000 USD",
		// What people type (issue 16).
		"about 20 million USD": "20000000 USD", "2千万ドル": "20000000 USD", "200억 원": "20000000000 KRW",
		"20 triệu USD": "20000000 USD", "$20M": "20000000 USD", "US$20m": "20000000 USD", "approx. 1.5 bn dollars": "1500000000 USD",
		"約2000万ドル": "20000000 USD", "２千万ドル": "20000000 USD", "20億円": "2000000000 JPY", "1억 5천만원": "150000000 KRW",
		"약 2천만 달러": "20000000 USD", "500 tỷ đồng": "500000000000 VND", "khoảng 5 triệu đô la": "5000000 USD",
		"1,5 triệu USD": "1500000 USD", "~ 3 mil": "3000000 USD", "20,000,000 USD": "20000000 USD",
		// Not amounts, or not plausible ones.
		"": "", "lots": "", "5": "", "-5m": "", "20 employees": "", "5m USD or 600 million yen": "", "m": "", "百万": "",
		"1e9": "", "5 trillion dollars": "", "20 million won": "20000000 KRW",
	}
	for in, want := range tests {
		got, ok := handlers.ParseAmountForTest(in)
		if (want == "") == ok || got != want {
			t.Errorf("parseAmount(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// FuzzParseAmount: whatever is typed, the parser does not panic, and what
// it accepts is whole units of a known currency within bounds that reads
// back to itself once shown with separators.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"about 20 million USD", "2千万ドル", "200억 원", "20 triệu USD", "$20M", "5.000.000", "1,5", "１億５千万円", "us$", "~≈", "9999999999999999999999 bn"} {
		f.Add(s)
	}
	valid := regexp.MustCompile(`^[1-9][0-9]* (USD|JPY|KRW|VND)$`)
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := handlers.ParseAmountForTest(s)
		if !ok {
			if got != "" {
				t.Fatalf("refused %q but returned %q", s, got)
			}
			return
		}
		if !valid.MatchString(got) {
			t.Fatalf("parseAmount(%q) = %q: not whole units and a currency", s, got)
		}
		back, ok := handlers.ParseAmountForTest(handlers.FormatAmountForTest(got))
		if !ok || back != got {
			t.Fatalf("%q → %q → %q → %q, %v", s, got, handlers.FormatAmountForTest(got), back, ok)
		}
	})
}
