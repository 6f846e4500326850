package handlers_test

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// /compare lists figures from several entries; each zone's block names its
// sources and as-of date, as any answer does (issue 16).
func TestCompareShowsSources(t *testing.T) {
	kb := mustBundled(t)
	h := newHarnessWith(t, 0, kb)
	for _, lang := range investbot.Langs {
		text := allText(h.do(investbot.Request{Command: "compare", LangHint: lang}))
		blocks := strings.Split(text, "▪ ")[1:]
		zones := kb.ByKind(base.KindZone)
		if len(blocks) == 0 {
			t.Fatalf("%s: no zones in /compare: %q", lang, text)
		}
		for _, blk := range blocks {
			var e *base.Entry
			for _, z := range zones {
				if strings.HasPrefix(blk, z.Title.In(lang)+"\n") {
					e = z
				}
			}
			if e == nil {
				t.Errorf("%s: block of no zone: %q", lang, blk)
				continue
			}
			asOf := e.AsOf().Format("2006-01-02")
			if !strings.Contains(blk, asOf) {
				t.Errorf("%s %s: no as-of date %s in %q", lang, e.ID, asOf, blk)
			}
			for _, s := range e.Sources {
				name := s.Name(lang)
				if !strings.Contains(blk, name) && !strings.Contains(blk, s.Ref) {
					t.Errorf("%s %s: source %q not shown in %q", lang, e.ID, s.Ref, blk)
				}
			}
		}
	}
}
