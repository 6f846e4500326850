package handlers

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/memstore"
)

func TestWithoutInstructions(t *testing.T) {
	cmds := []string{"/human", "/desk"}
	for _, c := range []struct{ in, want string }{
		{"The desk helps investors. The sources give no phone: send /human here, and it will contact you.", "The desk helps investors. The sources give no phone."},
		{"資料には電話番号の記載はありません。このチャットで /human を送信していただければ、ご連絡します。", "資料には電話番号の記載はありません。"},
		{"문의는 이 채팅에서 /human을 보내 주십시오. 재팬 데스크가 연락드립니다.", ""},
		{"Send /human. Nghi Son EZ covers 106,000 ha.", "Nghi Son EZ covers 106,000 ha."},
		{"Use /humane words.", "Use /humane words."},
		{"No command here.", "No command here."},
	} {
		if got := withoutInstructions(c.in, cmds); got != c.want {
			t.Errorf("withoutInstructions(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
	if got := withoutInstructions("Send /human.", nil); got != "Send /human." {
		t.Errorf("with the desk connected the text is kept: %q", got)
	}
}

// Every reply that offers a person, whatever path leads to it (out of
// scope, unsure, nothing matched), offers the lead form instead of the desk
// when no staff group takes handoffs.
func TestOfferWithoutDeskIsTheLeadForm(tt *testing.T) {
	kb, err := knowledge.Load(base.Bundled())
	if err != nil {
		tt.Fatal(err)
	}
	store := memstore.New(memstore.Options{})
	for _, desk := range []int64{0, -100} {
		d := Deps{KB: knowledge.NewLive(kb), Sessions: store, Leads: store}
		if desk != 0 {
			d.StaffChatID, d.Tickets = desk, memstore.NewTickets()
		}
		r := New(d)
		e := kb.Entries()[0]
		for _, lang := range investbot.Langs {
			for _, res := range []knowledge.Result{
				{Lang: lang},
				{Lang: lang, OutOfScope: true},
				{Lang: lang, Best: &knowledge.Match{Entry: e, Confidence: 0.3}},
			} {
				tn := &turn{sess: &investbot.Session{}, kb: kb, lang: lang}
				var text string
				for _, m := range r.resultReply(tn, res).Messages {
					text += m.Text
				}
				promised, offered := strings.Contains(text, r.t(msgOfferDesk, lang)), strings.Contains(text, r.t(msgOfferLead, lang))
				if desk == 0 && (promised || !offered) || desk != 0 && (!promised || offered) {
					tt.Errorf("desk %d, %s, %+v: %q", desk, lang, res, text)
				}
			}
		}
	}
}
