package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// perturbDir is the perturbations of the repository's languages.
var perturbDir = filepath.Join("..", "..", "knowledge", "lang", "perturb")

// TestPerturbations: each transform writes the question the way a
// hurried or differently equipped writer would, and a perturbation that
// changes nothing, or does not apply, says so.
func TestPerturbations(t *testing.T) {
	tests := []struct {
		name  string
		p     perturbation
		q     string
		later bool
		want  string
		ok    bool
	}{
		{"prefix", perturbation{Prefix: []string{"ok, "}}, "Who runs it?", false, "ok, Who runs it?", true},
		{"suffix", perturbation{Suffix: []string{" please"}}, "Who runs it?", false, "Who runs it? please", true},
		{"inside", perturbation{Suffix: []string{"요"}, Inside: true}, "면적은?", false, "면적은요?", true},
		{"unless ends", perturbation{Suffix: []string{"요"}, Inside: true, UnlessEnds: []string{"요"}}, "뭐예요?", false, "뭐예요?", false},
		{"later only, first turn", perturbation{Prefix: []string{"and "}, Later: true}, "WHA?", false, "WHA?", false},
		{"later only, later turn", perturbation{Prefix: []string{"and "}, Later: true}, "how big?", true, "and how big?", true},
		{"lower", perturbation{Transform: "lower"}, "WHA Phase 1?", false, "wha phase 1?", true},
		{"lower, nothing to change", perturbation{Transform: "lower"}, "wha?", false, "wha?", false},
		{"no punctuation keeps marks inside words", perturbation{Transform: "no-punct"}, "WHA's 1.5 ha, 2021～2025?", false, "WHA's 1.5 ha 2021～2025", true},
		{"no punctuation leaves a letter alone", perturbation{Transform: "no-punct"}, "Dear team,\nWHA?", false, "Dear team,\nWHA?", false},
		{"no diacritics", perturbation{Transform: "no-diacritics"}, "Khu công nghiệp ở đâu?", false, "Khu cong nghiep o dau?", true},
		{"typo in the longest word", perturbation{Transform: "typo"}, "where is the industrial park", false, "where is the indutsrial park", true},
		{"no word long enough", perturbation{Transform: "typo"}, "WHA 2025?", false, "WHA 2025?", false},
		{"full width", perturbation{Transform: "full-width"}, "2024年 FDI?", false, "２０２４年\u3000ＦＤＩ？", true},
		{"half width", perturbation{Transform: "half-width"}, "タインホア？", false, "ﾀｲﾝﾎｱ?", true},
	}
	for _, tc := range tests {
		got, ok := tc.p.apply(tc.q, 0, tc.later)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: apply(%q) = %q, %v; want %q, %v", tc.name, tc.q, got, ok, tc.want, tc.ok)
		}
	}
}

// TestLoadPerturbations reads the repository's perturbation files and
// rejects a file naming an unknown transform.
func TestLoadPerturbations(t *testing.T) {
	perts, err := loadPerturbations(perturbDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"en", "vi", "ja", "ko"} {
		if len(perts[l]) == 0 {
			t.Errorf("no perturbations for %s", l)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "xx.yaml"), []byte("lang: xx\nperturbations:\n  - {name: odd, transform: reverse}\n"), 0o644)
	if _, err := loadPerturbations(dir); err == nil || !strings.Contains(err.Error(), "unknown transform") {
		t.Errorf("an unknown transform: error %v", err)
	}
}

// TestInvariance re-asks every development-set turn answered right today
// written differently (knowledge/lang/perturb) and holds the share still
// right, per perturbation and language, to the floors in
// testdata/perturb_floors.yaml: invariance must not drop. The sets are
// read from the repository's evaluation sets, or the folder named by
// INVARIANCE_SETS; blind files are never read. About a minute:
//
//	go test -run TestInvariance -v ./cmd/investbot
func TestInvariance(t *testing.T) {
	dir := os.Getenv("INVARIANCE_SETS")
	if dir == "" {
		dir = filepath.Join("..", "..", defaultBlindDir)
	}
	sets, err := loadEvalSets(dir)
	if err != nil {
		t.Fatal(err)
	}
	perts, err := loadPerturbations(perturbDir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "perturb_floors.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var floors perturbFloors
	if err := yaml.Unmarshal(b, &floors); err != nil {
		t.Fatal(err)
	}
	runner := inProcessDialogs(env{getenv: func(string) string { return "" }}, "", 0)
	inv := invariance{}
	for _, s := range sets {
		if isBlindSetName(s.Name) {
			continue
		}
		sc, err := scoreSet(context.Background(), s, runner)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := perturbSet(context.Background(), s, sc, perts, runner)
		if err != nil {
			t.Fatal(err)
		}
		inv.merge(got)
	}
	var out strings.Builder
	printInvariance(&out, inv)
	t.Log("\n" + out.String())
	for _, msg := range floors.check(inv) {
		t.Error(msg)
	}
}

// isBlindSetName reports whether a set file is one of the blind sets
// (*3.yaml, *9*.yaml), which the engine team never reads.
func isBlindSetName(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".yaml"), ".yml")
	return strings.HasSuffix(base, "3") || strings.Contains(base, "9")
}
