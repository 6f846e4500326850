package knowledge_test

import "testing"

// freshFloors are the CI floors for the fresh held-out set (testdata/fresh):
// 70 in-scope and 10 out-of-scope questions per language, so one question
// is 1.4 points in scope and 10 points out of scope. They sit about two
// questions below the figures measured when the set was committed
// (docs/quality.md).
var freshFloors = map[string]evalFloor{
	"en": {Accuracy: 0.87, MaxHarmful: 0.05, Refusal: 0.8},
	"vi": {Accuracy: 0.92, MaxHarmful: 0.06, Refusal: 0.8},
	"ja": {Accuracy: 0.94, MaxHarmful: 0.05, Refusal: 0.8},
	"ko": {Accuracy: 0.94, MaxHarmful: 0.05, Refusal: 0.8},
}

// TestFresh measures the matcher on the fresh set, written by someone who
// never saw the knowledge base's examples, and fails below freshFloors.
// Run with -v for the table and every failure.
func TestFresh(t *testing.T) {
	kb := mustBundledKB(t)
	stats := scoreHeldOut(t, kb, mustLoadSet(t, "fresh"))
	for _, l := range evalLangs {
		s, f := stats[l], freshFloors[l]
		if got := pct(s.correct, s.in); got < f.Accuracy {
			t.Errorf("%s: in-scope accuracy %.1f%% is below the floor %.1f%%", l, 100*got, 100*f.Accuracy)
		}
		if got := pct(s.harmful, s.in); got > f.MaxHarmful {
			t.Errorf("%s: harmful-error rate %.1f%% is above the ceiling %.1f%%", l, 100*got, 100*f.MaxHarmful)
		}
		if got := pct(s.refused, s.oos); got < f.Refusal {
			t.Errorf("%s: out-of-scope refusal %.1f%% is below the floor %.1f%%", l, 100*got, 100*f.Refusal)
		}
	}
}
