package base_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge/base"
)

// The seed corpus lives in testdata/fuzz/FuzzParse/.

func FuzzParse(f *testing.F) {
	f.Add([]byte("- id: faq.x\n  kind: faq\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		kb, err := base.Parse(map[string][]byte{"f.yaml": b})
		if err == nil && kb.Len() > base.MaxEntries {
			t.Fatalf("%d entries accepted", kb.Len())
		}
	})
}
