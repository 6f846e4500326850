package knowledge

import "testing"

// The fact phrases live in a map; stripping them in the map's order made
// "exact date?" lose either both words or only "date", differently from
// one run to the next. Longest first gives one answer, whatever the order.
func TestStripFactAsksIsOrderFree(t *testing.T) {
	facts := map[string]*factSet{
		"date":  {ask: []string{"date", "when"}},
		"exact": {ask: []string{"exact date", "what day"}},
		"count": {ask: []string{"how many"}},
	}
	tests := []struct{ in, want string }{
		{"exact date", ""},
		{"exact date of the conference", "of the conference"},
		{"how many dates", "dates"},
		{"what day is it", "is it"},
	}
	for range 50 { // map order is random per iteration
		cs := &cueSet{facts: facts, factStrip: factStripList(facts)}
		cs.factStripIdx = newPhraseStrip(cs.factStrip)
		for _, tt := range tests {
			if got := stripFactAsks(tt.in, []*cueSet{cs}); got != tt.want {
				t.Fatalf("stripFactAsks(%q) = %q, want %q", tt.in, got, tt.want)
			}
		}
	}
}
