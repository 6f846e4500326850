package llm

import (
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/locales"
)

// TestBundledAnswersPassTheirOwnCheck replays every bundled entry's own
// answer, in every language, as if the model had written it: the check must
// not reject the knowledge base's own words.
func TestBundledAnswersPassTheirOwnCheck(t *testing.T) {
	sys := systemPrompt(locales.Default(), investbot.EN)
	total, failed := 0, 0
	for _, e := range bundledEntries(t) {
		c := newCorpus([]knowledge.Match{{Entry: e}})
		for _, l := range investbot.Langs {
			a := e.Answer[l]
			if a == "" {
				continue
			}
			total++
			v := checkReply(a+"\nSOURCES: "+e.ID, c, sys)
			if v.reason != "" {
				failed++
				t.Errorf("%s [%s]: %s %s", e.ID, l, v.reason, v.detail)
			}
		}
	}
	t.Logf("%d answers checked, %d rejected", total, failed)
}

// bundledEntries reads the bundled entries without validating them, so that
// this test also runs while the knowledge base is being edited.
func bundledEntries(tb testing.TB) []*base.Entry {
	tb.Helper()
	if kb, err := knowledge.Load(base.Bundled()); err == nil {
		return kb.Entries()
	}
	files, _ := filepath.Glob("../knowledge/data/*.yaml")
	var all []*base.Entry
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var es []*base.Entry
		if err := yaml.Unmarshal(b, &es); err != nil {
			tb.Logf("%s: %v", f, err)
			continue
		}
		all = append(all, es...)
	}
	if len(all) == 0 {
		tb.Skip("no bundled entries readable")
	}
	return all
}
