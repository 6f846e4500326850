package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
	"golang.org/x/text/unicode/norm"
)

// requestFile is the "request" section of a language file: a request for
// a person is a verb of asking ("I'd like to", "cho tôi", "いただけますか",
// "주세요") near one of the things only a person can give (a meeting, a
// visit, a call back, an introduction, help to invest). Any pairing of
// the two is a request, so a phrasing no list spells out is still read
// as one; the guards keep a question about facts that merely names a
// meeting or a contact ("who did the delegation meet?", "the Japan Desk's
// contact details?") from being one.
type requestFile struct {
	// ObjectFirst is true where the object comes before the verb
	// (Japanese, Korean: "見学させていただけますか", "방문하고 싶어요").
	ObjectFirst bool `yaml:"object_first"`
	// Window is how many characters may stand between verb and object.
	Window  int      `yaml:"window"`
	Verbs   []string `yaml:"verbs"`
	Objects []string `yaml:"objects"`
	// VerbsAfter are verbs of asking that follow their object in a
	// language where most precede it ("gặp nhau được không").
	VerbsAfter []string `yaml:"verbs_after"`
	// Between are words that, standing between verb and object, ask to
	// be told something ("can you tell me about the meeting").
	Between []string `yaml:"between"`
	// Not are phrases holding an object that name a fact ("contact
	// details", "連絡先"): an object inside one is no object.
	Not []string `yaml:"not"`
	// Questions are question words ("who", "どこ", "언제", "khi nào"): one
	// near the pair makes it a question about the meeting or visit.
	Questions []string `yaml:"questions"`
	// KeepMarks is true where folding diacritics away makes two words
	// one: text written with them is read with them.
	KeepMarks bool `yaml:"keep_marks"`
	// QuestionsAfter is true where a question word follows the verb
	// ("tôi có thể gặp ai?"), not only precedes it.
	QuestionsAfter bool `yaml:"questions_after"`
}

// requestSet is a requestFile normalised, Latin phrases padded with
// spaces so that they match whole words: folded (no marks) for text
// written without them, marked for text written with them where the
// language asks for it (Vietnamese "gặp" meet and "gấp" urgent both fold
// to "gap").
type requestSet struct {
	objectFirst, questionsAfter bool
	window                      int
	folded, marked              *requestLists
}

type requestLists struct {
	verbs, objects, verbsAfter, between, not, questions []string
}

func newRequestSet(f requestFile) (*requestSet, error) {
	rs := &requestSet{objectFirst: f.ObjectFirst, questionsAfter: f.QuestionsAfter, window: f.Window}
	var err error
	if rs.folded, err = newRequestLists(f, textnorm.Normalize); err != nil {
		return nil, err
	}
	if f.KeepMarks {
		if rs.marked, err = newRequestLists(f, foldKeepingMarks); err != nil {
			return nil, err
		}
	}
	if rs.window <= 0 {
		return nil, fmt.Errorf("request: a positive window is required")
	}
	return rs, nil
}

func newRequestLists(f requestFile, fold func(string) string) (*requestLists, error) {
	rl := &requestLists{}
	for _, l := range []struct {
		name string
		in   []string
		out  *[]string
	}{
		{"verbs", f.Verbs, &rl.verbs}, {"objects", f.Objects, &rl.objects}, {"verbs_after", f.VerbsAfter, &rl.verbsAfter},
		{"between", f.Between, &rl.between}, {"not", f.Not, &rl.not}, {"questions", f.Questions, &rl.questions},
	} {
		ws := make([]string, 0, len(l.in))
		for _, w := range l.in {
			n := fold(w)
			if n == "" {
				return nil, fmt.Errorf("request %s: empty cue %q", l.name, w)
			}
			if n[0] < 0x80 {
				n = " " + n + " "
			}
			ws = append(ws, n)
		}
		*l.out = ws
	}
	if len(rl.verbs) == 0 || len(rl.objects) == 0 {
		return nil, fmt.Errorf("request: verbs and objects are required")
	}
	return rl, nil
}

// foldKeepingMarks is Normalize without removing Latin diacritics: lower
// case, NFC, anything not a letter or digit a space.
func foldKeepingMarks(s string) string {
	s = norm.NFC.String(strings.ToLower(textnorm.Clip(s, textnorm.MaxQueryRunes)))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	}), " ")
}

func hasVietnameseMarks(s string) bool {
	for _, r := range s {
		if textnorm.HasVietnameseMarks(r) {
			return true
		}
	}
	return false
}

// span is where a phrase stands in a padded text, in bytes.
type span struct{ start, end int }

// find returns every place a phrase of ps stands in padded; a padded
// phrase's spaces are left out of its span, so that two adjacent words
// sharing a space are found next to each other.
func find(padded string, ps []string) []span {
	var out []span
	for _, p := range ps {
		core := strings.TrimSpace(p)
		lead := len(p) - len(strings.TrimLeft(p, " "))
		for from := 0; from < len(padded); {
			i := strings.Index(padded[from:], p)
			if i < 0 {
				break
			}
			s := from + i + lead
			out = append(out, span{s, s + len(core)})
			from = from + i + 1
		}
	}
	return out
}

// clauseMarks end a clause: a verb and its object stand in one, and a
// question word in the next clause asks something else ("tôi muốn đăng ký
// tham dự, ai lo việc này?" asks who handles the registration it wants).
const clauseMarks = ",;，、。.!?！？\n"

// asks reports whether a clause of text pairs a verb of asking with an
// object within the window, in this language's order, with no telling
// word between them and no question word near them in that clause.
func (rs *requestSet) asks(text string) bool {
	if rs == nil {
		return false
	}
	for _, c := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(clauseMarks, r) }) {
		if rs.asksClause(c) {
			return true
		}
	}
	return false
}

// asksClause is asks of one clause.
func (rs *requestSet) asksClause(text string) bool {
	rl, norm := rs.folded, ""
	if rs.marked != nil && hasVietnameseMarks(text) {
		rl, norm = rs.marked, foldKeepingMarks(text)
	} else {
		norm = textnorm.Normalize(text)
	}
	padded := " " + norm + " "
	// An object inside a phrase naming a fact ("連絡先") is none.
	nots := find(padded, rl.not)
	objects := slices.DeleteFunc(find(padded, rl.objects), func(o span) bool {
		for _, n := range nots {
			if o.start >= n.start && o.end <= n.end {
				return true
			}
		}
		return false
	})
	if len(objects) == 0 {
		return false
	}
	questions := find(padded, rl.questions)
	return rs.pairs(padded, find(padded, rl.verbs), objects, questions, rl.between, rs.objectFirst) ||
		rs.pairs(padded, find(padded, rl.verbsAfter), objects, questions, rl.between, !rs.objectFirst)
}

// pairs reports whether a verb and an object stand in order (the object
// first when objectFirst) within the window, with no telling word between
// them and no question word near them.
func (rs *requestSet) pairs(padded string, verbs, objects, questions []span, between []string, objectFirst bool) bool {
	for _, v := range verbs {
		for _, o := range objects {
			first, second := v, o
			if objectFirst {
				first, second = o, v
			}
			if second.start < first.end-1 {
				continue
			}
			gap := ""
			if second.start > first.end {
				gap = padded[first.end:second.start]
			}
			if utf8.RuneCountInString(gap) > rs.window || hasPadded(" "+gap+" ", between) {
				continue
			}
			if rs.questionNear(padded, questions, first.start, second.end) {
				continue
			}
			return true
		}
	}
	return false
}

// hasPadded reports whether padded holds one of ps (padded or not).
func hasPadded(padded string, ps []string) bool {
	for _, p := range ps {
		if strings.Contains(padded, p) {
			return true
		}
	}
	return false
}

// questionNear reports whether a question word stands within the window
// before start, between, or (where questions follow) within the window
// after end: "where can I visit?", "tôi có thể gặp ai?".
func (rs *requestSet) questionNear(padded string, qs []span, start, end int) bool {
	for _, q := range qs {
		before := q.end <= start && utf8.RuneCountInString(padded[q.end:start]) <= rs.window
		inside := q.start >= start && q.end <= end
		after := rs.questionsAfter && q.start >= end && utf8.RuneCountInString(padded[end:q.start]) <= rs.window
		if before || inside || after {
			return true
		}
	}
	return false
}
