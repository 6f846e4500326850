package knowledge_test

import (
	"os"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// When a keyword of another entry takes an example question, kb test says
// which entry won, on which words, and where they stand in it: adding the
// example again would not help, moving the keyword does (issue 16).
func TestKBTestSaysWhichKeywordWon(t *testing.T) {
	b, err := os.ReadFile("testdata/good/kb.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// A keyword that belongs to the tax entry, put on the zone.
	stolen := strings.Replace(string(b), "keywords: [Nghi Sơn, Nghi Son,", "keywords: [corporate income tax, CIT rate, Nghi Sơn, Nghi Son,", 1)
	kb, err := knowledge.Load(base.Parse(map[string][]byte{"kb.yaml": []byte(stolen)}))
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range kb.Test() {
		msgs = append(msgs, p.String())
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, "incentive.cit-economic-zone") || !strings.Contains(all, "zone.nghi-son-ez won on") || !strings.Contains(all, `keyword "CIT rate"`) && !strings.Contains(all, `keyword "corporate income tax"`) {
		t.Fatalf("kb test must name the winning entry and its keyword:\n%s", all)
	}
	// Taking the keyword back out fixes it: the advice works.
	fixed, err := knowledge.Load(base.Parse(map[string][]byte{"kb.yaml": b}))
	if err != nil {
		t.Fatal(err)
	}
	if ps := fixed.Test(); len(ps) > 0 {
		t.Errorf("without the stolen keyword: %v", ps)
	}
}
