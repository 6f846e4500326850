package locales_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/locales"
)

// TestEmbedded loads the shipped files: every language complete, in menu
// order.
func TestEmbedded(t *testing.T) {
	c, err := locales.Load(locales.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Langs(), []investbot.Lang{investbot.EN, investbot.VI, investbot.JA, investbot.KO}; !slices.Equal(got, want) {
		t.Errorf("Langs() = %v, want %v", got, want)
	}
	if got := c.T("cancelled", investbot.JA); got != "キャンセルしました。" {
		t.Errorf("T(cancelled, ja) = %q", got)
	}
	if got := c.T("cancelled", "xx"); got != "Cancelled." {
		t.Errorf("T(cancelled, xx) = %q, want the English text", got)
	}
	if got := c.List("weekdays", investbot.VI); len(got) != 7 || got[0] != "Chủ nhật" {
		t.Errorf("List(weekdays, vi) = %q", got)
	}
}

// files is the embedded files as a map, for the tests to break.
func files(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(locales.Embedded(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(locales.Embedded(), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestIncompleteIsALoadError: a text or list item missing in one language,
// or a key English does not have, refuses the whole catalog and names it.
func TestIncompleteIsALoadError(t *testing.T) {
	tests := []struct {
		name, file, old, new, want string
	}{
		{"text missing", "ko.yaml", "\n  cancelled: ", "\n  cancelledx: ", `ko.yaml: text "cancelled" missing`},
		{"text empty", "vi.yaml", `cancelled: "Đã hủy."`, `cancelled: ""`, `vi.yaml: text "cancelled" missing`},
		{"extra text", "ja.yaml", "\n  cancelled: ", "\n  typo: \"x\"\n  cancelled: ", `ja.yaml: text "typo" is not in en.yaml`},
		{"short list", "ko.yaml", `"일", "월"`, `"월"`, `ko.yaml: list "weekdays" wants 7 items`},
		{"wrong lang", "vi.yaml", "lang: vi", "lang: ja", `vi.yaml says lang "ja"`},
		{"no name", "ja.yaml", "name: ", "nome: ", "ja.yaml: no name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := files(t)
			s := string(m[tt.file].Data)
			if !strings.Contains(s, tt.old) {
				t.Fatalf("%s has no %q", tt.file, tt.old)
			}
			m[tt.file] = &fstest.MapFile{Data: []byte(strings.Replace(s, tt.old, tt.new, 1))}
			_, err := locales.Load(m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want an error with %q", err, tt.want)
			}
		})
	}
	m := files(t)
	delete(m, "en.yaml")
	if _, err := locales.Load(m); err == nil {
		t.Error("Load without en.yaml succeeded")
	}
}

// TestNewLanguageIsAFile: a fifth file is a fifth language, placed by its
// order, parsed from Telegram codes.
func TestNewLanguageIsAFile(t *testing.T) {
	m := files(t)
	s := string(m["en.yaml"].Data)
	s = strings.Replace(s, "lang: en", "lang: zz", 1)
	s = strings.Replace(s, "name: \"English\"", "name: \"Zed\"", 1)
	s = strings.Replace(s, "order: 1", "order: 5", 1)
	m["zz.yaml"] = &fstest.MapFile{Data: []byte(s)}
	c, err := locales.Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Langs(); len(got) != 5 || got[4] != "zz" {
		t.Errorf("Langs() = %v", got)
	}
	for code, want := range map[string]investbot.Lang{"zz": "zz", "ZZ-QQ": "zz", "ja_JP": investbot.JA, "vi": investbot.VI, "fr": "", "": "", "e": ""} {
		if got := c.Parse(code); got != want {
			t.Errorf("Parse(%q) = %q, want %q", code, got, want)
		}
	}
	if c.Name("zz") != "Zed" || !c.Has("zz") || c.Has("fr") {
		t.Errorf("Name/Has wrong for zz: %q", c.Name("zz"))
	}
}
