package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/memstore"
)

// promises are phrases, per language, that say something was passed to the
// Japan Desk or that a person will answer or call: true only with a staff
// group.
var promises = map[investbot.Lang][]string{
	investbot.EN: {"passed to the japan desk", "were passed", "will reply", "will contact you", "sent to the japan desk", "send to the japan desk"},
	investbot.VI: {"đã được chuyển", "sẽ trả lời", "sẽ liên hệ", "gửi tới japan desk"},
	investbot.JA: {"お伝えしました", "返信します", "ご連絡します", "ご連絡し、", "に送信"},
	investbot.KO: {"전달되었", "답변드립니다", "연락드립니다", "연락드리고", "보내기"},
}

func mustBundled(t *testing.T) *knowledge.KB {
	t.Helper()
	kb, err := knowledge.Load(base.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

func noDeskHarness(t *testing.T, kb *knowledge.KB) *harness {
	t.Helper()
	store := &flakyStore{Store: memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: 1000}})}
	r := handlers.New(handlers.Deps{KB: knowledge.NewLive(kb), Sessions: store, Leads: store})
	return &harness{t: t, router: r, store: store}
}

func replyWithButtons(r investbot.Reply) string {
	var b strings.Builder
	b.WriteString(allText(r))
	for _, label := range buttons(r) {
		b.WriteString(label + "\n")
	}
	return b.String()
}

func checkNoPromise(t *testing.T, lang investbot.Lang, what, text string) {
	t.Helper()
	low := strings.ToLower(text)
	for _, p := range promises[lang] {
		if strings.Contains(low, p) {
			t.Errorf("%s %s: without a staff group the bot claims %q:\n%s", lang, what, p, text)
		}
	}
}

// Without STAFF_CHAT_ID nothing is passed on, so no reply may say it was:
// not the lead form, not /human, not the offer of a person after a miss,
// not the contact entries of the knowledge base (issue 16).
func TestNoDeskGroupNoFalsePromise(t *testing.T) {
	kb := mustBundled(t)
	for _, lang := range investbot.Langs {
		h := noDeskHarness(t, kb)
		h.do(investbot.Request{Callback: "lang:" + string(lang)})
		say := func(what string, req investbot.Request) investbot.Reply {
			r := h.do(req)
			checkNoPromise(t, lang, what, replyWithButtons(r))
			return r
		}
		human := say("/human", investbot.Request{Command: "human"})
		if _, loops := buttons(human)["h"]; loops {
			t.Errorf("%s /human without a desk offers the desk again: %v", lang, buttons(human))
		}
		if !strings.Contains(allText(human), "/lead") {
			t.Errorf("%s /human without a desk must say what can be done instead (/lead): %q", lang, allText(human))
		}
		say("desk button", investbot.Request{Callback: "h"})
		say("out of scope", investbot.Request{Text: "Write me a poem about the sea"})
		say("lead", investbot.Request{Command: "lead"})
		say("consent", investbot.Request{Callback: "lead:yes"})
		for _, step := range []investbot.Request{
			{Text: "Taro Yamada"}, {Text: "Yamada Seiki"}, {Callback: "lead:v:Japan"}, {Callback: "lead:v:electronics"},
			{Text: "5m"}, {Text: "8"}, {Callback: "lead:v:6-12m"},
		} {
			say("lead step", step)
		}
		review := say("review", investbot.Request{Text: "taro@yamada-seiki.co.jp"})
		if review.Meta.Intent != "lead.review" {
			t.Fatalf("%s: form did not reach the review: %s %q", lang, review.Meta.Intent, allText(review))
		}
		saved := say("saved", investbot.Request{Callback: "lead:send"})
		if saved.Meta.Intent != "lead.saved" || len(saved.Messages) != 1 {
			t.Fatalf("%s: lead not saved, or sent somewhere: %+v", lang, saved)
		}
		if !strings.Contains(allText(saved), "/forgetme") {
			t.Errorf("%s: saved text: %q", lang, allText(saved))
		}
		if leads, _ := h.store.Leads(context.Background()); len(leads) != 1 {
			t.Errorf("%s: %d leads stored, want 1", lang, len(leads))
		}
		// Every entry as shown in this deployment.
		for _, e := range kb.Entries() {
			r := h.do(investbot.Request{Callback: "e:" + e.ID})
			checkNoPromise(t, lang, e.ID, allText(r))
		}
	}
}

// With a staff group the same form says the details were passed on, and
// they are: the group gets the lead.
func TestLeadWithDeskGroupIsPassedOn(t *testing.T) {
	h := newHarness(t, -1001)
	for _, req := range []investbot.Request{
		{Callback: "lang:en"}, {Command: "lead"}, {Callback: "lead:yes"}, {Text: "Taro Yamada"}, {Text: "Yamada Seiki"}, {Callback: "lead:v:Japan"},
		{Callback: "lead:v:electronics"}, {Text: "5m"}, {Text: "8"}, {Callback: "lead:v:6-12m"},
	} {
		h.do(req)
	}
	review := h.do(investbot.Request{Text: "taro@yamada-seiki.co.jp"})
	if !strings.Contains(replyWithButtons(review), "Send to the Japan Desk") {
		t.Errorf("review button: %v", buttons(review))
	}
	r := h.do(investbot.Request{Callback: "lead:send"})
	if !strings.Contains(allText(r), "passed to the Japan Desk") || len(r.Messages) != 2 || r.Messages[1].ChatID != -1001 {
		t.Errorf("with a desk group the lead goes to it and the investor is told: %+v", r)
	}
}

// With the session store down, /subscribe cannot be kept, so it must not
// promise announcements.
func TestSubscribeWithStoreDownPromisesNothing(t *testing.T) {
	h := newHarness(t, 0)
	h.store.down.Store(true)
	r := h.do(investbot.Request{Command: "subscribe"})
	if strings.Contains(allText(r), "You will receive") || !strings.Contains(allText(r), "nothing was stored") {
		t.Errorf("subscribe with the store down: %q", allText(r))
	}
	h.store.down.Store(false)
	if r := h.do(investbot.Request{Command: "subscribe"}); !strings.Contains(allText(r), "You will receive") {
		t.Errorf("subscribe: %q", allText(r))
	}
}
