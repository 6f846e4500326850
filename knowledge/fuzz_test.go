package knowledge_test

import (
	"math"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// Seed corpora live in testdata/fuzz/<FuzzName>/: empty input, 100,000
// characters, invalid UTF-8, only emoji, control characters, RTL marks and
// zero-width joiners.

func FuzzDetectLang(f *testing.F) {
	f.Add("khu cong nghiep o dau")
	f.Fuzz(func(t *testing.T, s string) {
		l := knowledge.DetectLang(s)
		if l != "" && !l.Valid() {
			t.Fatalf("DetectLang(%q) = %q", s, l)
		}
	})
}

func FuzzMatch(f *testing.F) {
	kb := mustLoad(f, "testdata/good")
	f.Add("where is nghi son", "zone.nghi-son-ez")
	f.Fuzz(func(t *testing.T, s, ctx string) {
		r := kb.Match(knowledge.Query{Text: s, Context: ctx})
		if !r.Lang.Valid() {
			t.Fatalf("Lang %q", r.Lang)
		}
		if len(r.RunnersUp) > 3 {
			t.Fatalf("%d runners-up", len(r.RunnersUp))
		}
		if r.Confident && r.Best == nil {
			t.Fatal("confident without a best match")
		}
		for _, m := range append([]knowledge.Match{}, r.RunnersUp...) {
			checkConfidence(t, m.Confidence)
		}
		if r.Best != nil {
			checkConfidence(t, r.Best.Confidence)
		}
	})
}

func checkConfidence(t *testing.T, c float64) {
	t.Helper()
	if math.IsNaN(c) || c < 0 || c > 1 {
		t.Fatalf("confidence %v outside [0,1]", c)
	}
}
