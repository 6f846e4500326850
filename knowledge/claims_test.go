package knowledge_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// seedClaim is one investor-relevant claim of a seed article, in our own
// words (testdata/claims.yaml).
type seedClaim struct {
	Seed  string `yaml:"seed"`
	Line  int    `yaml:"line"`
	Key   string `yaml:"key"`
	Entry string `yaml:"entry"`
	Claim string `yaml:"claim"`
}

// TestSeedClaimsCovered: every claim maps to an entry that exists and
// whose English answer contains the claim's key figure or name. The
// coverage figure is reported in docs/quality.md.
func TestSeedClaimsCovered(t *testing.T) {
	b, err := os.ReadFile("testdata/claims.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Claims   []seedClaim `yaml:"claims"`
		Excluded []struct {
			Seed   string `yaml:"seed"`
			Line   int    `yaml:"line"`
			Reason string `yaml:"reason"`
		} `yaml:"excluded"`
	}
	if err := yaml.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	kb, err := knowledge.Load(base.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	covered := 0
	perSeed := map[string]int{}
	for _, c := range f.Claims {
		where := fmt.Sprintf("%s:%d %q", c.Seed, c.Line, c.Claim)
		if c.Key == "" || c.Claim == "" || c.Seed == "" || c.Line <= 0 {
			t.Errorf("%s: a claim needs seed, line, key and claim", where)
			continue
		}
		e := kb.Entry(c.Entry)
		switch {
		case e == nil:
			t.Errorf("%s: maps to %q, which is not in the knowledge base", where, c.Entry)
		case !strings.Contains(strings.ToLower(e.Answer["en"]), strings.ToLower(c.Key)):
			t.Errorf("%s: %s does not contain its key %q", where, c.Entry, c.Key)
		default:
			covered++
		}
		perSeed[c.Seed]++
	}
	for _, s := range []string{"000_291656f87f5f39d0.txt", "001_5fc6b4c7e01e087c.txt", "002_823bcb87dd0fdf3e.txt", "003_0ad7e9a8ddca5f39.txt", "004_a46d7bb6fb9dea51.txt"} {
		if perSeed[s] == 0 {
			t.Errorf("no claim from seed %s", s)
		}
	}
	for _, x := range f.Excluded {
		if x.Reason == "" {
			t.Errorf("excluded %s:%d has no reason", x.Seed, x.Line)
		}
	}
	t.Logf("seed claims covered: %d/%d (%.0f%%), %d passages excluded with a reason", covered, len(f.Claims), 100*float64(covered)/float64(len(f.Claims)), len(f.Excluded))
}
