package llm

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// TestWithRealEngine wraps the real matcher on the knowledge package's small
// test knowledge base: confident and out-of-scope results never reach the
// model, and below-threshold ones send the engine's candidates.
func TestWithRealEngine(t *testing.T) {
	b, err := os.ReadFile("../knowledge/testdata/good/kb.yaml")
	if err != nil {
		t.Fatalf("engine test data: %v", err)
	}
	kb, err := knowledge.Load(base.Parse(map[string][]byte{"kb.yaml": b}))
	if err != nil {
		t.Fatalf("engine test data does not load: %v", err)
	}
	if kb.Version() == "" {
		t.Error("knowledge base has no version for the cache key")
	}
	for _, q := range []string{
		"What is Nghi Son Economic Zone?",
		"write me a poem about the sea",
		"how many years of tax exemption, and what about Nghi Son port?",
		"ギソン経済区の港は何メートル?",
	} {
		srv := MustFakeLLM(t, "NO_ANSWER")
		f, rec, _ := MustFallback(t, srv, knowledge.Direct{}, Config{})
		direct := kb.Match(knowledge.Query{Text: q, Lang: investbot.EN})
		res, err := f.Answer(context.Background(), kb, knowledge.Query{Text: q, Lang: investbot.EN, UserID: 1})
		if err != nil {
			t.Fatal(err)
		}
		unchanged(t, res, direct)
		calls := srv.calls.Load()
		wantCall := !direct.Confident && !direct.OutOfScope && direct.Best != nil && !suspicious(q)
		if (calls == 1) != wantCall {
			t.Errorf("%q: confident=%v out=%v best=%v: %d calls", q, direct.Confident, direct.OutOfScope, direct.Best != nil, calls)
			continue
		}
		if calls == 1 {
			req, _, _ := srv.lastRequest()
			if !strings.Contains(req.Messages[1].Content, "<<<ENTRY id="+direct.Best.Entry.ID+">>>") {
				t.Errorf("%q: best entry %s not sent", q, direct.Best.Entry.ID)
			}
			if rec.last() != NoAnswer {
				t.Errorf("%q: outcome %q", q, rec.last())
			}
		}
		t.Logf("%q: confident=%v out=%v calls=%d", q, direct.Confident, direct.OutOfScope, calls)
	}
}
