package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

func TestLoadGoodFixture(t *testing.T) {
	kb := mustLoad(t, "testdata/good")
	if kb.Len() != 3 {
		t.Fatalf("Len = %d, want 3", kb.Len())
	}
	e := kb.Entry("zone.nghi-son-ez")
	if e == nil || e.File != "testdata/good/kb.yaml" || e.Line != 2 {
		t.Fatalf("zone.nghi-son-ez located at %v", e)
	}
	if got := len(kb.ByKind(base.KindZone)); got != 1 {
		t.Errorf("ByKind(zone) = %d entries, want 1", got)
	}
	if v := kb.Version(); len(v) != 12 {
		t.Errorf("Version = %q, want 12 hex digits", v)
	}
	if ps := kb.Test(); len(ps) > 0 {
		t.Errorf("kb.Test on the fixture: %v", ps)
	}
}

func TestParseEmpty(t *testing.T) {
	kb, err := knowledge.Load(base.Parse(nil))
	if err != nil {
		t.Fatal(err)
	}
	r := kb.Match(knowledge.Query{Text: "where is WHA?"})
	if r.Confident || !r.OutOfScope || r.Lang != investbot.EN {
		t.Errorf("empty KB answered %+v", r)
	}
}

// TestBundled loads the real knowledge base and runs its examples as
// regression tests. It skips only while knowledge/data has no YAML.
func TestBundled(t *testing.T) {
	kb := mustBundled(t)
	ps := kb.Test()
	n := 0
	for _, e := range kb.Entries() {
		for _, l := range investbot.Langs {
			n += len(e.Examples[l])
		}
	}
	t.Logf("%d entries, version %s; kb test: %d/%d examples answered by their own entry (%.1f%%)",
		kb.Len(), kb.Version(), n-len(ps), n, 100*float64(n-len(ps))/float64(max(n, 1)))
	for _, p := range ps {
		t.Error(p)
	}
}
