package knowledge_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// hasBundledYAML reports whether knowledge/data holds any YAML yet.
func hasBundledYAML(tb testing.TB) bool {
	tb.Helper()
	ents, err := fs.ReadDir(dataDir{}, ".")
	if err != nil {
		tb.Fatalf("read knowledge/data: %v", err)
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml") {
			return true
		}
	}
	return false
}

// mustBundled loads the bundled knowledge base, failing on any problem.
// It skips the test only while knowledge/data has no YAML at all.
func mustBundled(tb testing.TB) *knowledge.KB {
	tb.Helper()
	if !hasBundledYAML(tb) {
		tb.Skip("knowledge/data has no YAML files yet: nothing bundled to test")
	}
	kb, err := knowledge.Load(base.Bundled())
	if err != nil {
		logProblems(tb, err)
		tb.Fatalf("load bundled knowledge base: %v", err)
	}
	return kb
}

// mustLoad loads a fixture knowledge base from testdata.
func mustLoad(tb testing.TB, dir string) *knowledge.KB {
	tb.Helper()
	kb, err := knowledge.Load(base.LoadDir(dir))
	if err != nil {
		logProblems(tb, err)
		tb.Fatalf("load %s: %v", dir, err)
	}
	return kb
}

func logProblems(tb testing.TB, err error) {
	tb.Helper()
	if ve, ok := err.(*base.ValidationError); ok {
		for _, p := range ve.Problems {
			tb.Log(p)
		}
	}
}
