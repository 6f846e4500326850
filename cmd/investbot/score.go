package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// `investbot score` measures the bot on evaluation sets written by people
// who never saw the knowledge base: conversations and single questions in
// YAML, each turn saying what a right reply is. Every turn goes through
// `ask --json --dialog`, the path a conversation takes in Telegram; a
// single question is a conversation of one turn, so that an e-mail keeps
// its line breaks.
//
// A set file is a YAML list of conversations:
//
//	- id: en-01
//	  lang: en
//	  persona: "…"
//	  turns:
//	    - q: "WHA?"
//	      expect: answer          # answer | refuse | desk
//	      facts:                  # every group must appear; alternatives inside a group
//	        - ["WHA"]
//	        - ["Nghi Sơn", "Nghi Son"]
//
// or of single questions: {id, lang, kind, q, expect, facts, seed, note}.
// floors.yaml beside them holds the lowest figures accepted per set file.

// defaultBlindDir is where the lead commits the blind sets.
const defaultBlindDir = "knowledge/testdata/blind"

// The expectations a turn can carry.
const (
	expectAnswer = "answer"
	expectRefuse = "refuse"
	expectDesk   = "desk"
)

// factGroup is one fact: any of its alternatives in the reply will do. A
// group written as a plain string is a group of one.
type factGroup []string

func (g *factGroup) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*g = factGroup{n.Value}
		return nil
	}
	var alts []string
	if err := n.Decode(&alts); err != nil {
		return err
	}
	*g = alts
	return nil
}

// evalTurn is one turn of a conversation, or a single question.
type evalTurn struct {
	Q      string      `yaml:"q"`
	Expect string      `yaml:"expect"`
	Facts  []factGroup `yaml:"facts"`
	Seed   string      `yaml:"seed"`
	Note   string      `yaml:"note"`
}

// evalItem is a conversation (Turns set) or a single question (Q set).
type evalItem struct {
	ID       string     `yaml:"id"`
	Lang     string     `yaml:"lang"`
	Persona  string     `yaml:"persona"`
	Kind     string     `yaml:"kind"`
	Turns    []evalTurn `yaml:"turns"`
	evalTurn `yaml:",inline"`
}

// evalSet is one set file.
type evalSet struct {
	Name          string // file name, the key of its floors
	Conversations bool
	Items         []evalItem
}

// loadEvalSets reads every .yaml/.yml file of dir but floors.yaml.
func loadEvalSets(dir string) ([]evalSet, error) {
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	slices.Sort(files)
	var sets []evalSet
	for _, f := range files {
		if base := filepath.Base(f); base == "floors.yaml" || base == "floors.yml" {
			continue
		}
		s, err := loadEvalSet(f)
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	return sets, nil
}

func loadEvalSet(path string) (evalSet, error) {
	s := evalSet{Name: filepath.Base(path)}
	b, err := os.ReadFile(path)
	if err != nil {
		return s, err
	}
	if err := yaml.Unmarshal(b, &s.Items); err != nil {
		return s, fmt.Errorf("%s: %w", path, err)
	}
	if len(s.Items) == 0 {
		return s, fmt.Errorf("%s: no conversations or questions", path)
	}
	s.Conversations = len(s.Items[0].Turns) > 0
	for i, it := range s.Items {
		where := fmt.Sprintf("%s: item %d (id %q)", path, i+1, it.ID)
		switch {
		case (len(it.Turns) > 0) != s.Conversations:
			return s, fmt.Errorf("%s: conversations and single questions mixed in one file", where)
		case !s.Conversations && strings.TrimSpace(it.Q) == "":
			return s, fmt.Errorf("%s: no q", where)
		}
		turns := it.Turns
		if !s.Conversations {
			turns = []evalTurn{it.evalTurn}
		}
		for j, tn := range turns {
			if strings.TrimSpace(tn.Q) == "" {
				return s, fmt.Errorf("%s: turn %d has no q", where, j+1)
			}
			switch tn.Expect {
			case expectAnswer, expectRefuse, expectDesk:
			default:
				return s, fmt.Errorf("%s: turn %d: expect %q, want answer, refuse or desk", where, j+1, tn.Expect)
			}
		}
	}
	return s, nil
}

// tally counts one language's (or all) results of a set.
type tally struct {
	Convs, ConvsRight     int
	Turns, TurnsRight     int
	Answers, AnswersRight int // expect answer: answered with every fact
	Refusals, Refused     int // expect refuse: answered false
	Desks, DeskRight      int // expect desk: the desk offered or opened
	ConfidentWrong        int // answered true on a refuse turn, or without the facts
}

func (t *tally) add(o tally) {
	t.Convs += o.Convs
	t.ConvsRight += o.ConvsRight
	t.Turns += o.Turns
	t.TurnsRight += o.TurnsRight
	t.Answers += o.Answers
	t.AnswersRight += o.AnswersRight
	t.Refusals += o.Refusals
	t.Refused += o.Refused
	t.Desks += o.Desks
	t.DeskRight += o.DeskRight
	t.ConfidentWrong += o.ConfidentWrong
}

// Figures are the rates a floor is set on.
type figures struct {
	Turns          float64 `yaml:"turns"`
	Conversations  float64 `yaml:"conversations"`
	Facts          float64 `yaml:"facts"`
	Refusals       float64 `yaml:"refusals"`
	Desk           float64 `yaml:"desk"`
	ConfidentWrong float64 `yaml:"confident_wrong"`
}

func (t tally) figures() figures {
	return figures{
		Turns:          ratio(t.TurnsRight, t.Turns),
		Conversations:  ratio(t.ConvsRight, t.Convs),
		Facts:          ratio(t.AnswersRight, t.Answers),
		Refusals:       ratio(t.Refused, t.Refusals),
		Desk:           ratio(t.DeskRight, t.Desks),
		ConfidentWrong: ratio(t.ConfidentWrong, t.Turns),
	}
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// miss is a turn scored wrong, for --misses.
type miss struct {
	ID, Q, Expect, Got string
	Missing            []string
}

// setScore is a scored set: a tally per language and over all, and per
// kind of turn (a single question's kind; a conversation's first or later
// turn), which says where a blind set is weak without reading it.
type setScore struct {
	Set    string
	ByLang map[string]*tally
	ByKind map[string]*tally
	// Reasons counts the wrong turns by kind of turn and by what the
	// reply did instead (missReason): why a blind set is missed, without
	// naming one of its questions.
	Reasons map[string]int
	Misses  []miss
	// Right holds the turns scored right, for --perturb.
	Right map[turnRef]bool
}

// dialogRunner answers JSON lines as `ask --json --dialog` does and
// returns its output.
type dialogRunner func(ctx context.Context, input []byte) ([]byte, error)

// scoreSet sends a set through the dialog path and scores every turn.
func scoreSet(ctx context.Context, s evalSet, ask dialogRunner) (setScore, error) {
	in, refs, err := dialogInput(s)
	if err != nil {
		return setScore{}, err
	}
	out, err := ask(ctx, in)
	if err != nil {
		return setScore{}, fmt.Errorf("%s: %w", s.Name, err)
	}
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	if len(lines) != len(refs) {
		return setScore{}, fmt.Errorf("%s: %d replies for %d turns", s.Name, len(lines), len(refs))
	}
	sc := setScore{Set: s.Name, ByLang: map[string]*tally{"all": {}}, ByKind: map[string]*tally{}, Reasons: map[string]int{}, Right: map[turnRef]bool{}}
	convRight := make([]bool, len(s.Items))
	for i := range convRight {
		convRight[i] = true
	}
	for k, line := range lines {
		var res struct {
			askResult
			Error string `json:"error"`
		}
		if err := json.Unmarshal(line, &res); err != nil {
			return setScore{}, fmt.Errorf("%s: reply %d: %w", s.Name, k+1, err)
		}
		it := s.Items[refs[k].item]
		tn := it.evalTurn
		if s.Conversations {
			tn = it.Turns[refs[k].turn]
		}
		right, missing := judge(tn, res.askResult)
		if res.Error != "" {
			right, missing = false, []string{"input refused: " + res.Error}
		}
		sc.Right[refs[k]] = right
		if !right {
			convRight[refs[k].item] = false
			got := res.Intent
			if res.Answered {
				got += " (answered)"
			}
			sc.Misses = append(sc.Misses, miss{ID: it.ID, Q: tn.Q, Expect: tn.Expect, Got: got, Missing: missing})
			sc.Reasons[turnKind(it, refs[k].turn, s.Conversations)+"\t"+missReason(tn.Expect, res.askResult, res.Error != "")]++
		}
		t := turnTally(tn.Expect, right, res.Answered)
		sc.tally(it.Lang).add(t)
		sc.ByLang["all"].add(t)
		sc.kindTally(turnKind(it, refs[k].turn, s.Conversations)).add(t)
	}
	if s.Conversations {
		sc.addConversations(s.Items, convRight)
	}
	return sc, nil
}

// turnRef names the conversation and turn a line of the dialog input
// comes from; the replies come back in the same order.
type turnRef struct {
	item, turn int
}

// dialogInput writes every turn of s as a line of `ask --json --dialog`
// input, a single question as a conversation of one turn.
func dialogInput(s evalSet) ([]byte, []turnRef, error) {
	var in bytes.Buffer
	var refs []turnRef
	for i, it := range s.Items {
		turns := it.Turns
		if !s.Conversations {
			turns = []evalTurn{it.evalTurn}
		}
		for j, tn := range turns {
			// The line number names the conversation: ids need not be
			// unique for the bot to keep sessions apart.
			b, err := json.Marshal(dialogLine{Dialog: fmt.Sprintf("%d:%s", i+1, it.ID), Q: strings.TrimSpace(tn.Q)})
			if err != nil {
				return nil, nil, err
			}
			in.Write(append(b, '\n'))
			refs = append(refs, turnRef{i, j})
		}
	}
	return in.Bytes(), refs, nil
}

// turnTally counts one judged turn. A wrong answer given with confidence,
// or a refusal that should have been and was not, counts as
// confident-wrong; a wrong hand-off does not.
func turnTally(expect string, right, answered bool) tally {
	t := tally{Turns: 1}
	switch expect {
	case expectAnswer:
		t.Answers = 1
		if right {
			t.AnswersRight = 1
		} else if answered {
			t.ConfidentWrong = 1
		}
	case expectRefuse:
		t.Refusals = 1
		if right {
			t.Refused = 1
		} else {
			t.ConfidentWrong = 1
		}
	case expectDesk:
		t.Desks = 1
		if right {
			t.DeskRight = 1
		}
	}
	if right {
		t.TurnsRight = 1
	}
	return t
}

// addConversations counts each conversation once, right only when every
// one of its turns was.
func (sc *setScore) addConversations(items []evalItem, convRight []bool) {
	for i, it := range items {
		t := tally{Convs: 1}
		if convRight[i] {
			t.ConvsRight = 1
		}
		sc.tally(it.Lang).add(t)
		sc.ByLang["all"].add(t)
	}
}

// missReason says what a wrong reply did instead of what the turn
// expects, in the words `score --by-kind` prints.
func missReason(expect string, r askResult, refusedInput bool) string {
	switch {
	case refusedInput:
		return "input refused"
	case expect == expectRefuse && r.Desk:
		return "refusal expected: answered (desk offered)"
	case expect == expectRefuse:
		return "refusal expected: answered"
	case expect == expectDesk && r.Answered:
		return "desk expected: answered"
	case expect == expectDesk:
		return "desk expected: not answered, no desk"
	case r.Answered:
		return "answer expected: answered without the facts"
	case r.Missing != "":
		return "answer expected: said the sources lack the fact"
	case len(r.Candidates) > 0:
		return "answer expected: did you mean"
	}
	return "answer expected: not answered"
}

// turnKind is the group a turn is counted in by `score --by-kind`.
func turnKind(it evalItem, turn int, conversations bool) string {
	switch {
	case conversations && turn == 0:
		return "first turn"
	case conversations:
		return "later turns"
	case it.Kind == "":
		return "?"
	}
	return it.Kind
}

func (sc *setScore) kindTally(kind string) *tally {
	if sc.ByKind[kind] == nil {
		sc.ByKind[kind] = &tally{}
	}
	return sc.ByKind[kind]
}

func (sc *setScore) tally(lang string) *tally {
	if lang == "" {
		lang = "?"
	}
	if sc.ByLang[lang] == nil {
		sc.ByLang[lang] = &tally{}
	}
	return sc.ByLang[lang]
}

// judge decides whether a reply is right for a turn, and which fact groups
// it lacks. A desk turn is right when the reply opens the Japan Desk or,
// not answering, offers it (the desk field of ask --json).
func judge(tn evalTurn, r askResult) (bool, []string) {
	switch tn.Expect {
	case expectRefuse:
		return !r.Answered, nil
	case expectDesk:
		return r.Desk, nil
	}
	missing := missingFacts(tn.Facts, withoutEcho(messageText(r.Text), tn.Q))
	return r.Answered && len(missing) == 0, missing
}

// withoutEcho removes from a reply the quotations of the question it
// holds ("I have no sourced answer to this part of your message: “…”"): a
// fact the user typed is not one the bot gave.
func withoutEcho(reply, q string) string {
	for _, quote := range [][2]string{{"“", "”"}, {"「", "」"}, {"『", "』"}, {"\"", "\""}, {"«", "»"}} {
		var out strings.Builder
		rest := reply
		for {
			i := strings.Index(rest, quote[0])
			if i < 0 {
				break
			}
			j := strings.Index(rest[i+len(quote[0]):], quote[1])
			if j < 0 {
				break
			}
			inner := rest[i+len(quote[0]) : i+len(quote[0])+j]
			end := i + len(quote[0]) + j + len(quote[1])
			out.WriteString(rest[:i])
			if t := strings.TrimSpace(inner); t == "" || !strings.Contains(q, t) {
				out.WriteString(rest[i:end])
			}
			rest = rest[end:]
		}
		out.WriteString(rest)
		reply = out.String()
	}
	return reply
}

// missingFacts returns the groups of which no alternative is in text.
func missingFacts(groups []factGroup, text string) []string {
	// Spaces between digits are read both as thousands separators ("1 450")
	// and as spaces between two numbers ("phase 1 178 ha").
	hay := [2]string{foldForFacts(text, true), foldForFacts(text, false)}
	var missing []string
	for _, g := range groups {
		found := false
		for _, alt := range g {
			for i, merge := range []bool{true, false} {
				if a := foldForFacts(alt, merge); a != "" && (containsFact(hay[i], a) || sameFigure(hay[i], a) || truncatedFigure(hay[i], a)) {
					found = true
				}
			}
			if found {
				break
			}
		}
		if !found {
			missing = append(missing, strings.Join(g, " | "))
		}
	}
	return missing
}

// messageText drops the button lines of a --dialog text: a fact counts when
// the reply states it, not when a button offers a topic by that name.
func messageText(text string) string {
	var keep []string
	for _, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") {
			continue
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}

// foldForFacts makes a fact and a reply comparable: compatibility forms
// (full-width digits), lower case, Vietnamese diacritics dropped from Latin
// letters, and numbers written one way: thousands separators (",", ".",
// with mergeSpaces, spaces before a group of three digits) dropped and a
// decimal comma made a point, so "1,450" = "1 450" = "1450" and
// "15,6" = "15.6".
func foldForFacts(s string, mergeSpaces bool) string {
	s = norm.NFKD.String(strings.ToLower(s))
	var b []rune
	var prev rune
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) && unicode.Is(unicode.Latin, prev) {
			continue // a diacritic on a Latin letter
		}
		if r == 'đ' {
			r = 'd'
		}
		if unicode.IsSpace(r) {
			r = ' '
			if len(b) > 0 && b[len(b)-1] == ' ' {
				continue
			}
		}
		b = append(b, r)
		if !unicode.Is(unicode.Mn, r) {
			prev = r
		}
	}
	rs := []rune(norm.NFC.String(string(b)))
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		if (r == ',' || r == '.' || r == ' ' || r == '\u00a0' || r == '\u202f') && i > 0 && i+1 < len(rs) && isDigit(rs[i-1]) && isDigit(rs[i+1]) {
			n := 0
			for j := i + 1; j < len(rs) && isDigit(rs[j]); j++ {
				n++
			}
			space := r == ' ' || r == '\u00a0' || r == '\u202f'
			switch {
			case n == 3 && (!space || mergeSpaces):
				continue // a thousands separator
			case space:
			default:
				r = '.'
			}
		}
		out = append(out, r)
	}
	return strings.TrimSpace(string(out))
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// containsFact reports whether fact is in hay; a fact that starts or ends
// with a digit must not be part of a longer number ("17" is not in "178").
func containsFact(hay, fact string) bool {
	fr := []rune(fact)
	for off := 0; ; {
		i := strings.Index(hay[off:], fact)
		if i < 0 {
			return false
		}
		i += off
		before, after := []rune(hay[:i]), []rune(hay[i+len(fact):])
		ok := true
		if isDigit(fr[0]) && len(before) > 0 && (isDigit(before[len(before)-1]) || before[len(before)-1] == '.' && len(before) > 1 && isDigit(before[len(before)-2])) {
			ok = false
		}
		if isDigit(fr[len(fr)-1]) && len(after) > 0 && (isDigit(after[0]) || after[0] == '.' && len(after) > 1 && isDigit(after[1])) {
			ok = false
		}
		if len(after) > 0 && strings.ContainsRune("ンんーァィゥェォッャュョヮぁぃぅぇぉっゃゅょゎ", after[0]) {
			ok = false // a kana that cannot start a word: "タイ" is not in "タインホア"
		}
		if ok {
			return true
		}
		off = i + 1
		for off < len(hay) && !utf8RuneStart(hay[off]) {
			off++
		}
	}
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// floors are the lowest figures accepted per set file (confident_wrong is
// a ceiling); a figure left out is not checked.
type setFloors map[string]map[string]float64

func loadFloors(dir string) (setFloors, error) {
	b, err := os.ReadFile(filepath.Join(dir, "floors.yaml"))
	if errors.Is(err, os.ErrNotExist) {
		return setFloors{}, nil
	}
	if err != nil {
		return nil, err
	}
	var f setFloors
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "floors.yaml"), err)
	}
	for set, fs := range f {
		for k := range fs {
			if !slices.Contains(floorNames, k) {
				return nil, fmt.Errorf("floors.yaml: %s: unknown figure %q (want one of %s)", set, k, strings.Join(floorNames, ", "))
			}
		}
	}
	return f, nil
}

var floorNames = []string{"turns", "conversations", "facts", "refusals", "desk", "confident_wrong"}

// check returns a message per figure of sc below its floor.
func (f setFloors) check(sc setScore) []string {
	fs, ok := f[sc.Set]
	if !ok {
		return nil
	}
	all := *sc.ByLang["all"]
	got := all.figures()
	values := map[string]float64{
		"turns": got.Turns, "conversations": got.Conversations, "facts": got.Facts,
		"refusals": got.Refusals, "desk": got.Desk, "confident_wrong": got.ConfidentWrong,
	}
	var bad []string
	for _, k := range floorNames {
		want, ok := fs[k]
		if !ok {
			continue
		}
		if k == "confident_wrong" {
			if values[k] > want {
				bad = append(bad, fmt.Sprintf("%s: confident-wrong %.1f%%, above the ceiling %.1f%%", sc.Set, 100*values[k], 100*want))
			}
			continue
		}
		if values[k] < want {
			bad = append(bad, fmt.Sprintf("%s: %s %.1f%%, below the floor %.1f%%", sc.Set, k, 100*values[k], 100*want))
		}
	}
	return bad
}

// printKinds writes a set's table by kind of turn (printScore's columns
// but whole conversations).
func printKinds(w io.Writer, sc setScore) {
	fmt.Fprintf(w, "%s by kind\n", sc.Set)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\tturns\tturns right\tfacts right\trefusals right\tdesk right\tconfident-wrong\t")
	kinds := slices.Sorted(maps.Keys(sc.ByKind))
	for _, k := range kinds {
		t := sc.ByKind[k]
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t\n", k, t.Turns, pct(t.TurnsRight, t.Turns),
			pct(t.AnswersRight, t.Answers), pct(t.Refused, t.Refusals), pct(t.DeskRight, t.Desks), pct(t.ConfidentWrong, t.Turns))
	}
	tw.Flush()
	if len(sc.Reasons) > 0 {
		fmt.Fprintf(w, "%s wrong turns by what the reply did\n", sc.Set)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, k := range slices.Sorted(maps.Keys(sc.Reasons)) {
			fmt.Fprintf(tw, "  %s\t%d\n", k, sc.Reasons[k])
		}
		tw.Flush()
	}
	fmt.Fprintln(w)
}

// printScore writes a set's table: one row per language, then all.
func printScore(w io.Writer, sc setScore, conversations bool) {
	kind := "single questions"
	if conversations {
		kind = "conversations"
	}
	fmt.Fprintf(w, "%s (%s)\n", sc.Set, kind)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lang\tturns\tturns right\tconversations right\tfacts right\trefusals right\tdesk right\tconfident-wrong\t")
	var langs []string
	for l := range sc.ByLang {
		if l != "all" {
			langs = append(langs, l)
		}
	}
	slices.Sort(langs)
	for _, l := range append(langs, "all") {
		t := sc.ByLang[l]
		conv := "–"
		if conversations {
			conv = pct(t.ConvsRight, t.Convs)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t\n", l, t.Turns, pct(t.TurnsRight, t.Turns), conv,
			pct(t.AnswersRight, t.Answers), pct(t.Refused, t.Refusals), pct(t.DeskRight, t.Desks), pct(t.ConfidentWrong, t.Turns))
	}
	tw.Flush()
	fmt.Fprintln(w)
}

func pct(n, d int) string {
	if d == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%% (%d/%d)", 100*ratio(n, d), n, d)
}

// score is `investbot score`: it prints the figures of every set in the
// sets folder and fails when one is below its floor.
func score(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	def := e.getenv("BLIND_SETS")
	if def == "" {
		def = defaultBlindDir
	}
	dir := fs.String("sets", def, "folder of evaluation sets (YAML) and their floors.yaml (env BLIND_SETS)")
	kbDir := fs.String("kb", e.getenv("KB_DIR"), "knowledge-base directory (default: bundled)")
	examples := fs.Int("examples", 0, "keep only the first N example questions per language of every entry, as an admin-written base has (0: all)")
	showMisses := fs.Bool("misses", false, "list every turn scored wrong (not for blind sets the engine team must not see)")
	byKind := fs.Bool("by-kind", false, "also print each set's figures by kind of turn (a single question's kind; a conversation's first or later turns) and the wrong turns by what the reply did instead: aggregate only, fit for blind sets")
	perturbDir := fs.String("perturb", "", "also re-ask every turn scored right written differently, by the perturbations per language in this folder (knowledge/lang/perturb), and print the invariance per perturbation and language")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var perts map[string][]perturbation
	if *perturbDir != "" {
		var err error
		if perts, err = loadPerturbations(*perturbDir); err != nil {
			return err
		}
	}
	sets, err := loadEvalSets(*dir)
	if err != nil {
		return err
	}
	if len(sets) == 0 {
		return fmt.Errorf("no evaluation sets (*.yaml) in %s", *dir)
	}
	fl, err := loadFloors(*dir)
	if err != nil {
		return err
	}
	runner := inProcessDialogs(e, *kbDir, *examples)
	var bad []string
	inv := invariance{}
	for _, s := range sets {
		sc, err := scoreSet(ctx, s, runner)
		if err != nil {
			return err
		}
		printScore(e.stdout, sc, s.Conversations)
		if *byKind {
			printKinds(e.stdout, sc)
		}
		if *showMisses {
			for _, m := range sc.Misses {
				fmt.Fprintf(e.stdout, "  ✗ %s expect %s, got %s: %q", m.ID, m.Expect, m.Got, firstLine(m.Q))
				if len(m.Missing) > 0 {
					fmt.Fprintf(e.stdout, " — missing %s", strings.Join(m.Missing, "; "))
				}
				fmt.Fprintln(e.stdout)
			}
			fmt.Fprintln(e.stdout)
		}
		bad = append(bad, fl.check(sc)...)
		if perts == nil {
			continue
		}
		setInv, breaks, err := perturbSet(ctx, s, sc, perts, runner)
		if err != nil {
			return err
		}
		inv.merge(setInv)
		if *showMisses {
			for _, b := range breaks {
				fmt.Fprintf(e.stdout, "  ≠ %s [%s] expect %s, got %s: %q\n", b.ID, b.Pert, b.Expect, b.Got, firstLine(b.Q))
			}
			fmt.Fprintln(e.stdout)
		}
	}
	if perts != nil {
		printInvariance(e.stdout, inv)
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "\n"))
	}
	return nil
}

// inProcessDialogs runs `ask --json --dialog` in this process.
func inProcessDialogs(e env, kbDir string, examples int) dialogRunner {
	return func(ctx context.Context, input []byte) ([]byte, error) {
		var out, errb bytes.Buffer
		args := []string{"--json", "--dialog"}
		if kbDir != "" {
			args = append(args, "--kb", kbDir)
		}
		if examples != 0 {
			args = append(args, "--examples", strconv.Itoa(examples))
		}
		err := ask(ctx, args, env{stdin: bytes.NewReader(input), stdout: &out, stderr: &errb, getenv: e.getenv})
		if err != nil {
			return nil, fmt.Errorf("ask --json --dialog: %w (%s)", err, strings.TrimSpace(errb.String()))
		}
		return out.Bytes(), nil
	}
}
