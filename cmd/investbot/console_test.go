package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/memstore"
)

// `--help` is a request, not a mistake: exit 0 (issue 16); the usage names
// every chat flag.
func TestHelpFlagsExitZero(t *testing.T) {
	for _, args := range [][]string{{"ask", "--help"}, {"chat", "--help"}, {"run", "--help"}, {"chat", "-h"}, {"--help"},
		{"kb", "--help"}, {"kb", "push", "--help"}, {"kb", "pull", "--help"}, {"kb", "validate", "--help"}, {"kb", "test", "-h"}} {
		if code, _, errs := runCmd(t, "", nil, args...); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errs)
		}
	}
	_, out, _ := runCmd(t, "", nil, "help")
	for _, want := range []string{"chat [--lang CODE] [--desk]", "ask [--json] [--lang CODE]", "kb push", "kb pull"} {
		if !strings.Contains(out, want) {
			t.Errorf("usage lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runCmd(t, "", nil, "chat", "--nonsense"); code == 0 {
		t.Error("an unknown flag must still fail")
	}
}

// The handoff tried in one terminal: the tester asks for a person, sees the
// ticket the desk group would get, answers it as staff and closes it,
// through the same handlers as in Telegram.
func TestChatDeskPlaysTheStaffGroup(t *testing.T) {
	script := strings.Join([]string{
		"/human",
		"Is there a 50 ha plot near WHA phase 1 for us?",
		"/reply T1 Yes, there is one; we will send the details.",
		"Thank you!",
		"/close T1",
		"/reply T9 nobody",
		"/quit",
	}, "\n")
	code, out, errs := runCmd(t, script, nil, "chat", "--desk", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"/reply T1 <text>",                       // the intro says how
		"┌─ to the Japan Desk group",             // the group's view is shown
		"🆕 Ticket #T1",                           // the ticket as staff get it
		"Is there a 50 ha plot near WHA phase 1", // with the question
		"passed to the Japan Desk",               // true here: there is a group
		"【Japan Desk】\nYes, there is one",        // the staff answer reaches the investor
		"✓ #T1 relayed to the investor.",         // and staff see it went
		"Thank you!",                             // the investor's next message reaches the group
		"closed this conversation (#T1)",         // /close T1 ends it for the investor
		"Ticket #T1 closed.",
		"usage: /reply T1 <text>", // an unknown ticket is explained
	} {
		if !strings.Contains(out, want) {
			t.Errorf("chat --desk output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
	// Without --desk there is no group: /reply is not a console command and
	// /human does not pretend.
	_, plain, _ := runCmd(t, "/human\n/reply T1 hi\n", nil, "chat")
	if strings.Contains(plain, "to the Japan Desk group") || strings.Contains(plain, "passed to the Japan Desk") {
		t.Errorf("chat without --desk shows a desk group:\n%s", plain)
	}
}

// /help in chat lists the bot's commands and the console's own.
func TestChatHelpListsEveryCommand(t *testing.T) {
	_, out, _ := runCmd(t, "/help\n", nil, "chat")
	for _, want := range []string{"/quit", "/events", "/lead", "/human", "/forgetme", "/language", "a number"} {
		if !strings.Contains(out, want) {
			t.Errorf("/help lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "/reply") {
		t.Error("/reply is listed without --desk")
	}
	_, desk, _ := runCmd(t, "/help\n", nil, "chat", "--desk")
	if !strings.Contains(desk, "/reply T1") || !strings.Contains(desk, "/close T1") {
		t.Errorf("chat --desk /help lacks the staff commands:\n%s", desk)
	}
}

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

// A flood notice has no buttons; the numbers shown before it still press
// the same buttons once the minute is over. A number with no button is
// text, and a bare number is not answered as a question.
func TestConsoleButtonsSurviveFloodNotice(t *testing.T) {
	kb, err := knowledge.Load(base.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	store := memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: 3}, Now: clock.now})
	var out bytes.Buffer
	c := &console{router: handlers.New(handlers.Deps{KB: knowledge.NewLive(kb), Sessions: store, Leads: store}), out: &out, groupMsgs: map[string]int{}}
	ctx := context.Background()
	c.line(ctx, "/zones")
	zones := append([]investbot.Button(nil), c.buttons...)
	if len(zones) < 3 {
		t.Fatalf("/zones shows %d buttons", len(zones))
	}
	c.line(ctx, "hello")
	c.line(ctx, "/zones")
	zones = append([]investbot.Button(nil), c.buttons...)
	out.Reset()
	c.line(ctx, "and again") // over the limit: the notice
	if !strings.Contains(out.String(), "Please wait a minute") {
		t.Fatalf("no flood notice: %q", out.String())
	}
	if len(c.buttons) != len(zones) || c.buttons[0] != zones[0] {
		t.Fatalf("the flood notice took the buttons away: %v", c.buttons)
	}
	clock.t = clock.t.Add(2 * time.Minute)
	out.Reset()
	c.line(ctx, "1")
	if !strings.Contains(out.String(), zones[0].Text) {
		t.Errorf("button 1 after the flood notice did not open %q: %q", zones[0].Text, out.String())
	}
	out.Reset()
	c.line(ctx, "99")
	if !strings.Contains(out.String(), "only a number") {
		t.Errorf("a number with no button must be read as text, and not as a question: %q", out.String())
	}
}

func TestWrapAtWordBoundaries(t *testing.T) {
	for _, c := range []struct {
		in   string
		cols int
		want string
	}{
		{"The Japan Desk supports Japanese investors.", 16, "The Japan Desk\nsupports\nJapanese\ninvestors."},
		{"short", 16, "short"},
		{"  [1] Industrial zones and parks", 14, "  [1]\n  Industrial\n  zones and\n  parks"},
		{"ジャパンデスクは日本の投資家を支援します。", 10, "ジャパンデ\nスクは日本\nの投資家を\n支援しま\nす。"},
		{"supercalifragilistic word", 8, "supercalifragilistic\nword"},
		{"two\nlines here", 5, "two\nlines\nhere"},
		{"no wrap at all", 0, "no wrap at all"},
	} {
		got := wrap(c.in, c.cols)
		if got != c.want {
			t.Errorf("wrap(%q, %d) =\n%q, want\n%q", c.in, c.cols, got, c.want)
		}
		if c.cols > 0 {
			for _, l := range strings.Split(got, "\n") {
				if displayWidth(l) > c.cols && !strings.Contains(c.in, strings.TrimSpace(l)+" ") && len(strings.Fields(l)) > 1 {
					t.Errorf("line %q wider than %d", l, c.cols)
				}
			}
		}
	}
}

// chat wraps the bot's text to the terminal width it was given.
func TestChatWrapsToTerminalWidth(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"chat"}, env{stdin: strings.NewReader("/help\n"), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, width: 40})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "  [") {
			continue // a button row is one row of buttons
		}
		if displayWidth(l) > 40 {
			t.Errorf("line wider than the terminal's 40 columns: %q", l)
		}
	}
}

// ask with no question prompts on a terminal, and reads a pipe silently.
func TestAskPromptsOnlyOnATerminal(t *testing.T) {
	var out, errb bytes.Buffer
	e := env{stdin: strings.NewReader("How big is WHA Smart Technology phase 1?\n"), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, tty: true}
	if code := run(context.Background(), []string{"ask"}, e); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "question> ") || !strings.Contains(out.String(), "178") {
		t.Errorf("on a terminal ask prompts and answers: out %q err %q", out.String(), errb.String())
	}
	_, pout, perr := runCmd(t, "How big is WHA Smart Technology phase 1?\n", nil, "ask")
	if strings.Contains(perr, "question>") || !strings.Contains(pout, "178") {
		t.Errorf("on a pipe ask reads silently: out %q err %q", pout, perr)
	}
}
