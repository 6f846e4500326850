package knowledge_test

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Seed corpora live in testdata/fuzz/<FuzzName>/: empty input, 100,000
// characters, invalid UTF-8, only emoji, control characters, RTL marks and
// zero-width joiners.

func FuzzNormalize(f *testing.F) {
	f.Add("Khu công nghiệp Nghi Sơn ở đâu?")
	f.Fuzz(func(t *testing.T, s string) {
		n := textnorm.Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
			t.Fatalf("untrimmed spaces in %q", n)
		}
		if utf8.RuneCountInString(n) < 500 {
			if again := textnorm.Normalize(n); again != n {
				t.Fatalf("not idempotent: %q → %q → %q", s, n, again)
			}
		}
	})
}

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

func FuzzParse(f *testing.F) {
	f.Add([]byte("- id: faq.x\n  kind: faq\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		kb, err := knowledge.Load(base.Parse(map[string][]byte{"f.yaml": b}))
		if err == nil && kb.Len() > base.MaxEntries {
			t.Fatalf("%d entries accepted", kb.Len())
		}
	})
}
