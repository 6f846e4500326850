package knowledge_test

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// mustLoadProbes reads testdata/probes/*.yaml (the eval format).
func mustLoadProbes(tb testing.TB) []evalItem {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "probes", "*.yaml"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("probes: no files in testdata/probes (%v)", err)
	}
	sort.Strings(files)
	var all []evalItem
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatalf("probes: read %s: %v", f, err)
		}
		var items []evalItem
		if err := yaml.Unmarshal(b, &items); err != nil {
			tb.Fatalf("probes: parse %s: %v", f, err)
		}
		base := strings.TrimSuffix(filepath.Base(f), ".yaml")
		for i := range items {
			it := &items[i]
			it.File = filepath.Base(f)
			if it.Lang == "" {
				it.Lang = base
			}
			if strings.TrimSpace(it.Q) == "" || !slices.Contains(evalLangs, it.Lang) {
				tb.Fatalf("probes: %s item %d: empty question or unknown language %q", f, i+1, it.Lang)
			}
		}
		all = append(all, items...)
	}
	return all
}

// TestProbes reports the matcher on the probe set, a second development set
// written independently of the examples and of the eval set, and fails
// below its recorded floors (testdata/floors.yaml). Run with -v for the
// table, every failure and the "measured" lines.
func TestProbes(t *testing.T) {
	kb := mustBundledKB(t)
	known := evalKnownIDs(kb)
	examples := map[string]bool{}
	for _, e := range kb.Entries() {
		for _, l := range investbot.Langs {
			for _, x := range e.Examples[l] {
				examples[textnorm.Normalize(x)] = true
			}
		}
	}
	stats := map[string]*evalStats{}
	for _, l := range evalLangs {
		stats[l] = &evalStats{}
	}
	for _, it := range mustLoadProbes(t) {
		if examples[textnorm.Normalize(it.Q)] {
			t.Errorf("probe %q is also a knowledge-base example: probes must stay unseen", it.Q)
		}
		for _, id := range it.Want {
			if !known[id] {
				t.Errorf("probe %q wants unknown entry %s", it.Q, id)
			}
		}
		r := kb.Match(knowledge.Query{Text: it.Q})
		confident := states(r)
		s := stats[it.Lang]
		if wantsRefusal(kb, it.Want) {
			s.oos++
			if !confident {
				s.refused++
			} else {
				t.Logf("[%s OOS answered] %q → %s", it.Lang, short(it.Q), describe(r))
			}
			continue
		}
		s.in++
		if r.Best != nil && slices.Contains(it.Want, r.Best.Entry.ID) {
			s.ranked++
		}
		switch {
		case confident && slices.Contains(it.Want, r.Best.Entry.ID):
			s.correct++
		case confident:
			s.harmful++
			t.Logf("[%s WRONG] %q want %v → %s", it.Lang, short(it.Q), it.Want, describe(r))
		default:
			s.unsure++
			t.Logf("[%s unsure] %q want %v → %s", it.Lang, short(it.Q), it.Want, describe(r))
		}
	}
	for _, l := range evalLangs {
		s := stats[l]
		t.Logf("%s: %d probes, correct %.1f%%, harmful %.1f%%, unsure %.1f%%; out of scope refused %d/%d", l, s.in,
			100*pct(s.correct, s.in), 100*pct(s.harmful, s.in), 100*pct(s.unsure, s.in), s.refused, s.oos)
	}
	knowledge.OpenFloors(t).Check(t, "probes", countsOf(stats))
}
