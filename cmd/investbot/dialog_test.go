package main

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// dialogOut is one output line of ask --json --dialog: a turn or an error.
type dialogOut struct {
	askResult
	Line  int    `json:"line"`
	Error string `json:"error"`
}

func askDialog(t *testing.T, lines ...string) []dialogOut {
	t.Helper()
	code, out, errs := runCmd(t, strings.Join(lines, "\n")+"\n", nil, "ask", "--json", "--dialog")
	if code != 0 {
		t.Fatalf("ask --dialog exit %d: %s", code, errs)
	}
	var res []dialogOut
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r dialogOut
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("not one JSON object per line: %q: %v", line, err)
		}
		res = append(res, r)
	}
	return res
}

func turn(dialog, q string) string {
	b, _ := json.Marshal(map[string]string{"dialog": dialog, "q": q})
	return string(b)
}

func press(dialog, label string) string {
	b, _ := json.Marshal(map[string]string{"dialog": dialog, "press": label})
	return string(b)
}

// The --dialog contract (docs/architecture.md): one session per dialog id,
// turns numbered per dialog, the ask --json fields plus dialog and turn,
// text with everything the user sees (button labels included), and a JSON
// error for a bad line without losing the lines after it.
func TestAskDialogContract(t *testing.T) {
	res := askDialog(t,
		turn("ko", "WHA 스마트 테크놀로지 산업단지 1단계 규모는?"),
		turn("en", "How big is WHA Smart Technology phase 1?"),
		"this is not JSON",
		turn("ko", "/lead"),
		`{"dialog":"en","q":""}`,
		turn("en", "What incentives are there in industrial parks?"),
		press("ko", "1"),
		press("en", "no such button"),
		"",
		turn("en", "Write me a poem about the sea"),
	)
	if len(res) != 9 {
		t.Fatalf("%d output lines for 9 non-blank input lines: %+v", len(res), res)
	}
	want := []struct {
		dialog string
		turn   int
		line   int // of an error
	}{{"ko", 1, 0}, {"en", 1, 0}, {"", 0, 3}, {"ko", 2, 0}, {"en", 0, 5}, {"en", 2, 0}, {"ko", 3, 0}, {"en", 0, 8}, {"en", 3, 0}}
	for i, w := range want {
		r := res[i]
		if r.Dialog != w.dialog || r.Turn != w.turn || r.Line != w.line || (w.line > 0) != (r.Error != "") {
			t.Errorf("output %d: dialog %q turn %d line %d error %q; want dialog %q turn %d line %d", i, r.Dialog, r.Turn, r.Line, r.Error, w.dialog, w.turn, w.line)
		}
	}
	ko1, en1, ko2, en2, ko3, en3 := res[0], res[1], res[3], res[5], res[6], res[8]
	if !ko1.Answered || ko1.Lang != "ko" || ko1.Intent != "zone.wha-smart-tech-1" || !strings.Contains(ko1.Text, "178") || len(ko1.Sources) == 0 {
		t.Errorf("first Korean turn: %+v", ko1.askResult)
	}
	// Button labels are part of what the user sees.
	if !strings.Contains(ko1.Text, "[🙋 재팬 데스크 상담]") {
		t.Errorf("text lacks the button labels: %q", ko1.Text)
	}
	if !en1.Answered || en1.Lang != "en" {
		t.Errorf("first English turn: %+v", en1.askResult)
	}
	// The Korean dialog's lead form does not capture the English dialog.
	if ko2.Intent != "lead.consent" || ko2.Lang != "ko" {
		t.Errorf("/lead in the Korean dialog: %+v", ko2.askResult)
	}
	if !en2.Answered || en2.Lang != "en" || strings.HasPrefix(en2.Intent, "lead") {
		t.Errorf("the English dialog has its own session: %+v", en2.askResult)
	}
	// Pressing "I agree" continues the Korean form, in Korean.
	if ko3.Intent != "lead.name" || ko3.Lang != "ko" || !strings.Contains(ko3.Text, "성함") {
		t.Errorf("button press in the Korean dialog: %+v", ko3.askResult)
	}
	if !strings.Contains(res[7].Error, "no button") || !strings.Contains(res[7].Error, "Talk to the Japan Desk") {
		t.Errorf("a press of a missing button must say so: %+v", res[7])
	}
	if en3.Answered || en3.Turn != 3 {
		t.Errorf("out of scope turn: %+v", en3.askResult)
	}
	if code, _, errs := runCmd(t, "", nil, "ask", "--dialog"); code == 0 || !strings.Contains(errs, "--json") {
		t.Errorf("--dialog without --json must be refused clearly: %d %q", code, errs)
	}
}

// A button pressed after a Korean, Japanese or Vietnamese question answers
// in that language (issue 13, point 7), through the real command.
func TestAskDialogButtonKeepsLanguage(t *testing.T) {
	for _, tc := range []struct{ lang, q string }{
		{"ko", "WHA 스마트 테크놀로지 산업단지 1단계 규모는?"},
		{"ja", "WHAスマートテクノロジー工業団地第1期の面積は？"},
		{"vi", "Khu công nghiệp WHA Smart Technology giai đoạn 1 rộng bao nhiêu?"},
	} {
		// By number, and by label without its emoji.
		res := askDialog(t, turn("d", tc.q), press("d", "1"), press("d", "1"), turn("d", "/menu"), press("d", map[string]string{"ko": "산업단지", "ja": "工業団地", "vi": "Khu công nghiệp"}[tc.lang]))
		if len(res) != 5 || res[4].Intent != "list.zone" {
			t.Errorf("%s: pressing the zones button by its label: %+v", tc.lang, res[len(res)-1])
		}
		for i, r := range res {
			if r.Error != "" || r.Lang != tc.lang {
				t.Errorf("%s turn %d: lang %q error %q, text %q", tc.lang, i+1, r.Lang, r.Error, firstLine(r.Text))
			}
		}
	}
}

// "Did you mean" always offers two or more real entries; with fewer the
// reply is an honest refusal that offers the Japan Desk (issue 13, point 6).
func TestDidYouMeanHasCandidates(t *testing.T) {
	// Short, broad queries: which of them the engine finds ambiguous
	// changes as it learns, so the text-mode check takes the first that is.
	probes := []string{"WHA", "exports", "What is FDI?", "industrial park", "contact", "incentives", "ports", "Korea"}
	res := askJSON(t, nil, strings.Join(probes, "\n"))
	var ambiguous *askResult
	for i, r := range res {
		switch {
		case r.Intent == "did_you_mean" && len(r.Candidates) < 2:
			t.Errorf("%q: did you mean with %d candidates", r.Question, len(r.Candidates))
		case !r.Answered && r.Intent != "did_you_mean" && !r.Desk:
			t.Errorf("%q: a refusal must offer the Japan Desk: %+v", r.Question, r)
		case r.Intent == "did_you_mean" && ambiguous == nil:
			ambiguous = &res[i]
		}
	}
	if ambiguous == nil {
		t.Fatalf("none of %q is a did-you-mean today: add a broader probe so the text mode is still checked", probes)
	}
	// The text mode lists the candidates with their entry ids.
	code, out, _ := runCmd(t, "", nil, "ask", ambiguous.Question)
	if code != 0 {
		t.Fatalf("ask: exit %d", code)
	}
	for _, id := range ambiguous.Candidates {
		if !strings.Contains(out, "("+id+")") {
			t.Errorf("text mode lacks candidate %s:\n%s", id, out)
		}
	}
}

// The question of a long e-mail is found at its end (issue 13, point 8).
func TestLongEmailQuestionAtTheEnd(t *testing.T) {
	intro := []string{
		"Our company was founded in Nagoya in 1978 and has grown steadily over four decades.",
		"We make precision metal parts for car makers and for makers of household appliances.",
		"Last year our board decided to look for a second production base in Southeast Asia.",
		"We have visited several countries and met many helpful people along the way.",
		"Our team values long-term relationships with local communities and suppliers.",
	}
	var b strings.Builder
	b.WriteString("Dear Sir or Madam, I hope this message finds you well. My name is Kenji Sato and I work in the planning department of Sato Precision. ")
	for b.Len() < 5850 {
		b.WriteString(strings.Join(intro, " ") + " ")
	}
	b.WriteString("With all this in mind, could you tell me how large WHA Smart Technology Industrial Park phase 1 is? Best regards, Kenji Sato, Sato Precision Co., Ltd.")
	mail := b.String()
	if n := utf8.RuneCountInString(mail); n < 6000 {
		t.Fatalf("the e-mail has %d characters, want 6,000", n)
	}
	r := askJSON(t, nil, mail)[0]
	if !r.Answered || r.Intent != "zone.wha-smart-tech-1" || !strings.Contains(r.Text, "178") {
		t.Errorf("long e-mail: %+v", r)
	}
}

// Every fixed text of a reply (labels, buttons, the source line's label,
// the comparison table) is in the reply's language.
func TestFixedTextsFollowReplyLanguage(t *testing.T) {
	english := []string{"Source:", "as of", "Talk to the Japan Desk", "Back to menu", "Incentives in this zone", "Thailand", "Developer", "Industrial zones side by side"}
	for _, tc := range []struct{ lang, q string }{
		{"ko", "WHA 스마트 테크놀로지 산업단지 1단계 규모는?"},
		{"ja", "WHAスマートテクノロジー工業団地第1期の面積は？"},
		{"vi", "Khu công nghiệp WHA Smart Technology giai đoạn 1 rộng bao nhiêu?"},
	} {
		for _, r := range askDialog(t, turn("d", tc.q), turn("d", "/compare"), press("d", "1")) {
			if r.Lang != tc.lang {
				t.Errorf("%s: turn %d in %q", tc.lang, r.Turn, r.Lang)
			}
			for _, en := range english {
				if strings.Contains(r.Text, en) {
					t.Errorf("%s turn %d: English %q in the reply:\n%s", tc.lang, r.Turn, en, r.Text)
				}
			}
		}
	}
}
