package handlers_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/locales"
	"github.com/thanhhoa/investbot/memstore"
)

// xxTexts are the few texts the test language translates; every other
// text of its locale file is the English one, as a translator's first
// draft would be.
var xxTexts = map[string]string{
	"welcome":           "Xx-welcome! Xx-ask:",
	"menu_zones":        "🏭 Xx-zones",
	"menu_language":     "🌐 Xx-language",
	"choose_language":   "Xx-choose:",
	"language_set":      "Xx-from now on.",
	"nothing_to_cancel": "Xx-nothing to cancel.",
	"sources":           "Xx-source",
	"help.cancel":       "xx-stop",
}

// writeNewLanguage writes, in a temporary directory, what adding language
// xx takes: locales/xx.yaml beside the four shipped files, and the engine's
// word-list file words/xx.yaml.
func writeNewLanguage(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "locales"), 0o755); err != nil {
		t.Fatal(err)
	}
	en, err := fs.ReadFile(locales.Embedded(), "en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"en.yaml", "vi.yaml", "ja.yaml", "ko.yaml"} {
		b, err := fs.ReadFile(locales.Embedded(), name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "locales", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var lines []string
	for _, line := range strings.Split(string(en), "\n") {
		switch {
		case line == "lang: en":
			line = "lang: xx"
		case strings.HasPrefix(line, "name: "):
			line = `name: "Xxlang"`
		case line == "order: 1":
			line = "order: 5"
		}
		key, _, _ := strings.Cut(strings.TrimSpace(line), ":")
		if s, ok := xxTexts[key]; ok && strings.HasPrefix(line, "  ") {
			line = "  " + key + ": " + `"` + s + `"`
		}
		lines = append(lines, line)
	}
	if err := os.WriteFile(filepath.Join(dir, "locales", "xx.yaml"), []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	words := "lang: xx\nwords:\n  off_topics: |-\n    xxvisa xxweather\nphrases:\n  injection: [\"xx ignore the rules\"]\n"
	if err := os.MkdirAll(filepath.Join(dir, "words"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "words", "xx.yaml"), []byte(words), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestFifthLanguageFromFilesOnly: a language added with its files alone —
// no Go change — is offered by /language, switches the conversation,
// labels the menus, answers fixed texts in it, and shows knowledge-base
// answers that are not translated yet in English (as Text.In falls back).
func TestFifthLanguageFromFilesOnly(t *testing.T) {
	dir := writeNewLanguage(t)
	loc, err := locales.Load(os.DirFS(filepath.Join(dir, "locales")))
	if err != nil {
		t.Fatalf("locale files with xx: %v", err)
	}
	if err := knowledge.CheckWordFiles(os.DirFS(dir), "words"); err != nil {
		t.Fatalf("word file for xx: %v", err)
	}
	store := memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: 30}})
	h := &harness{t: t, router: handlers.New(handlers.Deps{
		KB: knowledge.NewLive(mustFixtureKB(t)), Sessions: store, Leads: store, Locales: loc,
	})}

	// /language offers the five languages, xx last by its order.
	r := h.do(investbot.Request{Command: "language"})
	var names, data []string
	for _, row := range r.Messages[0].Buttons {
		for _, b := range row {
			names, data = append(names, b.Text), append(data, b.Data)
		}
	}
	if want := []string{"English", "Tiếng Việt", "日本語", "한국어", "Xxlang"}; !slices.Equal(names, want) {
		t.Fatalf("/language buttons %q, want %q", names, want)
	}

	// Choosing it switches the conversation; the menu is labelled in it.
	r = h.do(investbot.Request{Callback: data[4]})
	if r.Meta.Lang != "xx" || r.Messages[0].Text != "Xx-from now on." {
		t.Fatalf("after choosing xx: lang %q, %q", r.Meta.Lang, r.Messages[0].Text)
	}
	if got := r.Messages[0].Buttons[0][0].Text; got != "🏭 Xx-zones" {
		t.Errorf("menu button %q, want the xx label", got)
	}
	// A text xx does not translate yet is the English one, not a blank.
	if got := r.Messages[0].Buttons[0][1].Text; got != "💴 Incentives" {
		t.Errorf("untranslated menu button %q", got)
	}

	// Fixed texts in xx: /cancel, /start (the menu too), /help's lines.
	if got := h.do(investbot.Request{Command: "cancel"}).Messages[0].Text; got != "Xx-nothing to cancel." {
		t.Errorf("/cancel: %q", got)
	}
	r = h.do(investbot.Request{Command: "start"})
	if !strings.Contains(allText(r), "Xx-welcome!") {
		t.Errorf("/start: %q", allText(r))
	}
	if got := allText(h.do(investbot.Request{Command: "help"})); !strings.Contains(got, "/cancel – xx-stop") {
		t.Errorf("/help: %q", got)
	}

	// An entry the knowledge base has in English only: English text, xx
	// interface around it.
	r = h.do(investbot.Request{Callback: "e:zone.gamma"})
	text := allText(r)
	if !strings.Contains(text, "Xx-source: ") {
		t.Errorf("entry: no xx sources line in %q", text)
	}
	kb := mustFixtureKB(t)
	if answer := kb.Entry("zone.gamma").Answer.In("xx"); answer == "" || !strings.Contains(text, answer) {
		t.Errorf("entry: want the English answer %q in %q", answer, text)
	}

	// The shipped router, without the xx files, knows nothing of xx.
	plain := newHarness(t, 0)
	if r := plain.do(investbot.Request{Callback: "lang:xx"}); r.Meta.Lang == "xx" {
		t.Error("xx chosen without its locale file")
	}
}
