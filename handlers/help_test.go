package handlers_test

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
)

// /help lists every command its reader may use, from the same table the
// router dispatches, so a new command cannot be left out (issue 16).
func TestHelpListsEveryCommand(t *testing.T) {
	h := newHarness(t, -1001)
	if missing := h.router.UndocumentedCommandsForTest(); len(missing) > 0 {
		t.Fatalf("registered commands without a /help line: %v", missing)
	}
	for _, role := range []investbot.Role{investbot.RoleInvestor, investbot.RoleStaff, investbot.RoleAdmin} {
		for _, lang := range investbot.Langs {
			text := allText(h.do(investbot.Request{Command: "help", Role: role, LangHint: lang}))
			cmds := h.router.Commands(role)
			for _, c := range cmds {
				if !strings.Contains(text, "/"+c.Name+" – "+c.Text.In(lang)) {
					t.Errorf("role %d %s: /help lacks /%s: %q", role, lang, c.Name, text)
				}
				for _, l := range investbot.Langs {
					if c.Text[l] == "" {
						t.Errorf("/%s has no %s help", c.Name, l)
					}
				}
			}
			if role == investbot.RoleInvestor && (strings.Contains(text, "/broadcast") || strings.Contains(text, "/close")) {
				t.Errorf("investors are shown staff commands: %q", text)
			}
		}
	}
	investor := allText(h.do(investbot.Request{Command: "help"}))
	for _, want := range []string{"/events", "/lead", "/endchat", "/subscribe", "/forgetme", "/partners"} {
		if !strings.Contains(investor, want) {
			t.Errorf("/help lacks %s", want)
		}
	}
}

// A number alone is not a question: it must not be answered with whatever
// entry holds those digits (issue 16: "100" got an industrial park).
func TestBareNumberIsNotAQuestion(t *testing.T) {
	h := newHarnessWith(t, 0, mustBundled(t))
	for _, n := range []string{"12", "100", " 7 ", "2026", "１２", "3.5"} {
		r := h.text(n)
		if r.Meta.Intent != "bare_number" || r.Meta.Answered || !strings.Contains(allText(r), strings.TrimSpace(n)) {
			t.Errorf("%q: %s %q", n, r.Meta.Intent, allText(r))
		}
	}
	if r := h.text("100 ha of land in Nghi Son"); r.Meta.Intent == "bare_number" {
		t.Errorf("a question with a number is a question: %+v", r.Meta)
	}
}
