package base_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge/base"
)

// KeepExamples leaves what an admin who writes the minimum would: the
// first n questions of each language, in order, and no entry without them.
func TestKeepExamples(t *testing.T) {
	for _, n := range []int{1, 3, 1000} {
		full, err := base.Bundled()
		if err != nil {
			t.Fatal(err)
		}
		cut, err := base.Bundled()
		if err != nil {
			t.Fatal(err)
		}
		base.KeepExamples(cut, n)
		for i, e := range cut.Entries() {
			orig := full.Entries()[i]
			for l, qs := range orig.Examples {
				want := min(len(qs), n)
				got := e.Examples[l]
				if len(got) != want {
					t.Fatalf("n=%d %s %s: %d examples, want %d", n, e.ID, l, len(got), want)
				}
				for j := range got {
					if got[j] != qs[j] {
						t.Fatalf("n=%d %s %s: example %d is %q, want %q", n, e.ID, l, j, got[j], qs[j])
					}
				}
			}
		}
	}
}
