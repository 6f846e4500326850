package base_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge/base"
)

func TestLoadProblemsLocated(t *testing.T) {
	_, err := base.LoadDir("../testdata/bad")
	var ve *base.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("LoadDir(bad) error = %v, want *ValidationError", err)
	}
	var got []string
	for _, p := range ve.Problems {
		got = append(got, p.String())
	}
	want := []string{
		"../testdata/bad/a.yaml:8: faq.two: title.ko is missing",
		`../testdata/bad/a.yaml:15: faq.two: sources[0].as_of: date "2025-02-30" is not YYYY-MM-DD`,
		`../testdata/bad/a.yaml:16: faq.three: id prefix "faq" does not match kind "zone"`,
		"../testdata/bad/a.yaml:16: faq.three: sources[0] as_of 2999-01-01 is in the future",
		`../testdata/bad/a.yaml:16: faq.three: related id "faq.nowhere" does not exist`,
		`../testdata/bad/a.yaml:16: faq.three: number parity: en "15" (value 15) has no equal in answer.ko`,
		"../testdata/bad/b.yaml:1: faq.one: duplicate id, first defined at ../testdata/bad/a.yaml:2",
		"../testdata/bad/c.yaml:3: YAML:",
	}
	joined := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("missing problem %q in:\n%s", w, joined)
		}
	}
}

func TestParseRefusesAbsurdInput(t *testing.T) {
	bomb := "- &a [x, x, x, x, x, x, x, x, x]\n- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	tests := []struct {
		name  string
		files map[string][]byte
		want  string
	}{
		{"alias bomb", map[string][]byte{"bomb.yaml": []byte(bomb)}, "anchors and aliases are not allowed"},
		{"too big", map[string][]byte{"big.yaml": make([]byte, base.MaxFileBytes+1)}, "more than the"},
		{"not a list", map[string][]byte{"map.yaml": []byte("id: faq.x\n")}, "must be a YAML sequence"},
		{"two documents", map[string][]byte{"two.yaml": []byte("- id: faq.x\n---\n- id: faq.y\n")}, "more than one YAML document"},
		{"unknown field", map[string][]byte{"u.yaml": []byte("- id: faq.x\n  kind: faq\n  colour: red\n")}, "u.yaml:3: faq.x: unknown field colour"},
		{"too many entries", map[string][]byte{"many.yaml": []byte(strings.Repeat("- {}\n", base.MaxEntries+1))}, "more than 20000 entries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := base.Parse(tt.files)
			if err == nil || !strings.Contains(err.Error()+fmtProblems(err), tt.want) {
				t.Errorf("Parse error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func fmtProblems(err error) string {
	var ve *base.ValidationError
	if !errors.As(err, &ve) {
		return ""
	}
	var b strings.Builder
	for _, p := range ve.Problems {
		b.WriteString("\n" + p.String())
	}
	return b.String()
}

// The version depends on the files, not on how their folder was typed
// (issue 16: ./knowledge/data, knowledge/data/ and an absolute path gave
// three ids), and equals the bundled base's.
func TestVersionDependsOnlyOnContent(t *testing.T) {
	abs, err := filepath.Abs("../data")
	if err != nil {
		t.Fatal(err)
	}
	bundled, err := base.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../data", "./../data", "../data/", abs, "../../knowledge/data"} {
		kb, err := base.LoadDir(dir)
		if err != nil {
			t.Fatalf("LoadDir(%s): %v", dir, err)
		}
		if kb.Version() != bundled.Version() {
			t.Errorf("LoadDir(%q).Version() = %s, bundled %s", dir, kb.Version(), bundled.Version())
		}
	}
	files, err := base.BundledFiles()
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		files[name] = append(append([]byte(nil), b...), "\n# edited\n"...)
		break
	}
	changed, err := base.Parse(files)
	if err != nil {
		t.Fatal(err)
	}
	if changed.Version() == bundled.Version() {
		t.Error("a changed file must change the version")
	}
}

// An id too long for a Telegram button (callback_data is at most 64 bytes)
// is refused with its file and line, instead of being cut when sent and
// leaving a dead button.
func TestLongIDRefused(t *testing.T) {
	good, err := os.ReadFile("../testdata/good/kb.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		id   string
		want bool
	}{
		{"zone." + strings.Repeat("a", base.MaxIDBytes-len("zone.")), false},
		{"zone." + strings.Repeat("a", base.MaxIDBytes-len("zone.")+1), true},
	} {
		data := strings.Replace(string(good), "- id: zone.nghi-son-ez", "- id: "+tt.id, 1)
		data = strings.ReplaceAll(data, "zone.nghi-son-ez", tt.id) // references to it
		_, err := base.Parse(map[string][]byte{"kb.yaml": []byte(data)})
		got := fmtProblems(err)
		refused := strings.Contains(got, "kb.yaml:2: "+tt.id+": id") && strings.Contains(got, "callback_data")
		if refused != tt.want {
			t.Errorf("id of %d bytes: refused = %v, want %v; problems:\n%s", len(tt.id), refused, tt.want, got)
		}
	}
	if base.MaxIDBytes+base.MaxCallbackPrefixBytes > base.MaxCallbackDataBytes {
		t.Errorf("MaxIDBytes leaves no room for a callback prefix")
	}
}

// mustLoad loads a fixture knowledge base from knowledge/testdata.
func mustLoad(tb testing.TB, dir string) *base.KB {
	tb.Helper()
	kb, err := base.LoadDir(dir)
	if err != nil {
		if ve, ok := err.(*base.ValidationError); ok {
			for _, p := range ve.Problems {
				tb.Log(p)
			}
		}
		tb.Fatalf("load %s: %v", dir, err)
	}
	return kb
}
