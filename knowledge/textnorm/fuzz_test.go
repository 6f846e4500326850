package textnorm_test

import (
	"strings"
	"testing"
	"unicode/utf8"

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
