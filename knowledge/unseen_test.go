package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
)

// TestEvalUnseen keeps the held-out sets held out: no example question in
// the knowledge base may equal a question of a held-out set (eval, fresh, fresh2, fresh3, fresh4, fresh5, fresh6, fresh7, fresh8, fresh9, fresh10, probes) once both are normalised
// (case, diacritics, punctuation and width folded). An overlap would let
// the eval measure recall of a training example instead of understanding.
func TestEvalUnseen(t *testing.T) {
	kb := mustBundledKB(t)
	eval := map[string]string{}
	for _, set := range []string{"eval", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "probes"} {
		for _, it := range mustLoadSet(t, set) {
			eval[knowledge.Normalize(it.Q)] = set + "/" + it.File
		}
	}
	n := 0
	for _, e := range kb.Entries() {
		for _, l := range investbot.Langs {
			for _, x := range e.Examples[l] {
				if f, ok := eval[knowledge.Normalize(x)]; ok {
					n++
					t.Errorf("%s: example %s %q is also a held-out question (%s): reword or remove the example", e.ID, l, x, f)
				}
			}
		}
	}
	if n > 0 {
		t.Logf("%d examples overlap the held-out sets", n)
	}
}
