package investbot_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The docs a new engineer reads first name only files that exist here: a
// pointer to a file outside the repository (a design note on someone's
// disk) is a dead end in the first hour (issue 16).
func TestDocsNameOnlyFilesInTheRepository(t *testing.T) {
	pathLike := regexp.MustCompile("`([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]*)*)`")
	ext := regexp.MustCompile(`\.(md|go|json|yml|yaml|sh|txt|zip)$`)
	top := map[string]bool{"shared": true}
	if ents, err := os.ReadDir("."); err == nil {
		for _, e := range ents {
			if e.IsDir() {
				top[e.Name()] = true
			}
		}
	}
	for _, doc := range []string{"README.md", "docs/architecture.md", "docs/admin-guide.md", "docs/quality.md", "docs/benchmarks.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range pathLike.FindAllStringSubmatch(string(b), -1) {
			p := m[1]
			first, _, nested := strings.Cut(p, "/")
			if !(nested && top[first]) && !(strings.Contains(p, "/") && ext.MatchString(p)) {
				continue // a package path, a benchmark name, a bare file name
			}
			if _, err := os.Stat(filepath.FromSlash(strings.TrimSuffix(p, "/"))); err == nil {
				continue
			}
			t.Errorf("%s names %s, which is not in the repository", doc, p)
		}
	}
}
