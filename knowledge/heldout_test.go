package knowledge_test

import (
	"slices"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// heldOutTotalSets are the held-out sets TestHeldOutTotal adds up (the probes are a development set of their own).
var heldOutTotalSets = []string{"eval", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10"}

// heldOutTotal scores kb on every held-out set together: facts right
// (confident and the wanted entry), confident-wrong, and refusals.
func heldOutTotal(tb testing.TB, kb *knowledge.KB) (in, correct, harmful, oos, refused int) {
	for _, set := range heldOutTotalSets {
		for _, it := range mustLoadSet(tb, set) {
			r := kb.Match(knowledge.Query{Text: it.Q})
			if wantsRefusal(kb, it.Want) {
				oos++
				if !states(r) {
					refused++
				}
				continue
			}
			in++
			switch {
			case states(r) && slices.Contains(it.Want, r.Best.Entry.ID):
				correct++
			case states(r):
				harmful++
			}
		}
	}
	return
}

// TestHeldOutTotal reports the figures over all held-out sets, for the
// bundled knowledge base and for one trimmed to three examples per
// language per entry (what an admin writes): run with -v.
func TestHeldOutTotal(t *testing.T) {
	kb := mustBundledKB(t)
	for _, c := range []struct {
		name string
		kb   *knowledge.KB
	}{{"bundled", kb}, {"3 examples", knowledge.TrimExamples(kb, 3)}} {
		in, ok, bad, oos, ref := heldOutTotal(t, c.kb)
		t.Logf("%-10s facts %d/%d = %.1f%%, confident-wrong %.1f%%, refused %d/%d = %.1f%%",
			c.name, ok, in, 100*pct(ok, in), 100*pct(bad, in), ref, oos, 100*pct(ref, oos))
	}
}
