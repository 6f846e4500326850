package knowledge

import (
	"embed"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
	"gopkg.in/yaml.v3"
)

// Aspect is what a question asks about its subject: the size of a zone, who
// develops it, where it is... The names are those of the cue files
// (knowledge/lang/*.yaml).
type Aspect string

// The aspects the cue files name, in the order they are tried.
const (
	AspectNone       Aspect = ""
	AspectSize       Aspect = "size"
	AspectDeveloper  Aspect = "developer"
	AspectLocation   Aspect = "location"
	AspectStage      Aspect = "stage"
	AspectInvestment Aspect = "investment"
	AspectCount      Aspect = "count"
	// AspectHead asks who leads an organisation, a delegation or a
	// company, or that person's title.
	AspectHead       Aspect = "head"
	AspectContact    Aspect = "contact"
	AspectIncentives Aspect = "incentives"
	AspectCompare    Aspect = "compare"
	AspectList       Aspect = "list"
)

// Aspects lists every aspect; a cue file must give cue words for each.
var Aspects = []Aspect{AspectSize, AspectDeveloper, AspectLocation, AspectStage, AspectInvestment,
	AspectCount, AspectHead, AspectContact, AspectIncentives, AspectCompare, AspectList}

//go:embed lang/*.yaml
var cueFS embed.FS

// cueFile is the shape of knowledge/lang/<lang>.yaml.
type cueFile struct {
	Lang     investbot.Lang      `yaml:"lang"`
	Aspects  map[Aspect][]string `yaml:"aspects"`
	Pronouns []string            `yaml:"pronouns"`
	// AnswerWords are the words an answer uses to give an aspect, which
	// the words asking it do not hold ("west of the city", "nằm ở xã",
	// "市の西部"): a sentence holding one answers the aspect.
	AnswerWords map[Aspect][]string `yaml:"answer_words"`
	// Demonstratives point at what the conversation is about together
	// with the word they stand beside ("that association", "その団体",
	// "그 협회"; "hiệp hội đó" after it): the pair is a pronoun, whatever
	// the noun. Before precede their noun, After follow it.
	Demonstratives struct {
		Before []string `yaml:"before"`
		After  []string `yaml:"after"`
		// Not are words holding a demonstrative that are not one
		// ("どこの" holds "この").
		Not []string `yaml:"not"`
	} `yaml:"demonstratives"`
	// Persons are the pronouns that stand for a person ("his", "ông
	// ấy", "その人", "그분").
	Persons       []string `yaml:"persons"`
	Continuations []string `yaml:"continuations"`
	// ContinuationEnds carry the conversation on only where they end the
	// question ("韓国は？", "2期は"): the same particle inside a sentence
	// marks its topic ("それはどこで開催されましたか"), a question of its own.
	ContinuationEnds []string `yaml:"continuation_ends"`
	// Subset point at a part of the figure just given ("of those",
	// "trong số đó", "そのうち", "그중"): a partner named with one asks
	// the partner's share of that figure.
	Subset  []string `yaml:"subset"`
	Filler  []string `yaml:"filler"`
	Foreign []string `yaml:"foreign"`
	// Qualifiers name what a figure is of (imports, a sector, a
	// product), each list one qualifier and its other words: an entry
	// that never names one does not give a figure asked of it. Subjects
	// are facilities a short question can be about on its own (a
	// hospital, a school): an entry that never names one does not
	// answer a short question that does.
	Qualifiers [][]string `yaml:"qualifiers"`
	Subjects   [][]string `yaml:"subjects"`
	// Periods name a part of a year or a year by its place ("Q1", "the
	// year before", "per month"), each list one period: a follow-up of
	// nothing but one asks it of the figure talked about.
	Periods [][]string `yaml:"periods"`
	// Deputy mark a deputy's title ("vice", "phó", "副"): "Vice
	// Chairman" does not give the chairman.
	Deputy []string `yaml:"deputy"`
	// OwnSide marks a person asked as the province's own ("省の代表",
	// "省側のトップ"): the head of the province's side of a meeting, whom
	// an office of the province names, not the other side's head.
	OwnSide []string `yaml:"own_side"`
	// Facts are the specific facts a question can ask (coverage.go);
	// Absent are the words of a sentence that says the sources lack
	// something.
	Facts  map[string]factCue `yaml:"facts"`
	Absent []string           `yaml:"absent"`
	// Quantifiers ask a quantity by its unit ("how many", "bao nhiêu",
	// "何", "몇"): one before a fact's unit asks that fact ("몇 배럴",
	// "何ヘクタール"), so that every unit a fact is given in is also a way
	// to ask it.
	Quantifiers []string `yaml:"quantifiers"`
	// Clauses are what joins two clauses of one sentence ("…, and
	// …", "…で、…"): a year and a figure judged together must stand in
	// one clause.
	Clauses []string `yaml:"clauses"`
	// Person are requests for a person; BotSelf ask whether the bot is
	// one (not a request).
	Person  []string `yaml:"person"`
	BotSelf []string `yaml:"botself"`
	// Request recognises a request for a person that no Person phrase
	// spells out: a verb of asking near one of its objects.
	Request requestFile `yaml:"request"`
	// YouAre address the bot as the subject of a question about itself
	// ("are you …?", "あなたは…", "bạn là…"): what it is, not a topic.
	YouAre []string `yaml:"youare"`
	// ThatYear point back to a year named earlier in the message ("that
	// year", "その年"): a part of a multi-part message inherits it.
	ThatYear []string `yaml:"thatyear"`
	// ThisYear name the current year without its number ("this year",
	// "올해"): read as the year of the answer's own source, whose figure
	// of an earlier year does not answer it.
	ThisYear []string `yaml:"this_year"`
	// YearSpan join two years into the period between them ("2021년부터
	// 2025년까지"): the question asks that period, not each year.
	YearSpan []string `yaml:"year_span"`
	// Few ask for some members of a list, not how many there are ("몇
	// 개만 알려 주세요", "name a few"): they ask no count.
	Few []string `yaml:"few"`
	// TopicChange open a new topic ("by the way", "đổi chủ đề",
	// "話変わりますが", "그건 그렇고"): the question that follows leans on
	// nothing said before.
	TopicChange []string `yaml:"topic_change"`
	// YearWords stand beside a year and add nothing to it ("in", "năm",
	// "年", "년"): "and in 2025?" asks a year and nothing else.
	YearWords []string `yaml:"year_words"`
	// Also add one more question to a message ("あと…も教えて", "also…").
	Also []string `yaml:"also"`
	// Ordinals pick one member of a numbered series by its number ("the
	// second phase", "2期目", "1단계"): the first list is number 1.
	Ordinals [][]string `yaml:"ordinals"`
	// Shorthand spells out chat shorthand ("hw" → "how", "bn" → "bao
	// nhiêu") when the word itself is unknown to the knowledge base.
	Shorthand map[string]string `yaml:"shorthand"`
	// Split start a second question inside one sentence ("…, and who
	// is …?"): each side is answered on its own.
	Split []string `yaml:"split"`
	// SplitAsking join two questions inside one sentence only when each
	// side asks on its own (a question cue, a quantifier or a pick word):
	// "Ai là trưởng đại diện JETRO và đại sứ là ai?" — the question word
	// ends each side, so no cue starts the second.
	SplitAsking []string `yaml:"split_asking"`
	// Choice ask to choose one of the things compared ("which is
	// bigger?"), not to lay them side by side.
	Choice []string `yaml:"choice"`
	// Joins join the two sides of a comparison ("vs", "so với", "と",
	// "이랑"): each side is looked up on its own.
	Joins []string `yaml:"joins"`
	// Pick ask for one member of a list ("which", "nào", "どれ", "어느"):
	// a superlative with one asks how the members rank.
	Pick []string `yaml:"pick"`
	// YearLabel and QualifierLabel name the figures of one year ("%s" is
	// the year) or for a country or place ("%s" is its name), for the
	// reply that says the sources do not give them.
	YearLabel      string `yaml:"year_label"`
	QualifierLabel string `yaml:"qualifier_label"`
	// UnknownLabel names what the sources say about a name they never
	// mention ("anything about %s").
	UnknownLabel string `yaml:"unknown_label"`
	// DropsSubject marks a language whose questions leave out a subject
	// the conversation gives, with no pronoun nor "what about" to say so
	// ("언제부터 조사했어요?", "着工はいつ？"): a question without a name
	// that asks a fact asks it of the conversation's entity unless its own
	// words point elsewhere.
	DropsSubject bool `yaml:"drops_subject"`
	// BareFollowUps marks a language whose short questions leave the
	// subject out even when they ask no fact ("どの市場にシフトしてるって？"
	// after the textile association): such a question is the
	// conversation's entity's when that entry holds its rare words.
	BareFollowUps bool `yaml:"bare_followups"`
	// AsOf mark the date an answer's facts were true ("as of 2 December
	// 2025", "2025年12月2日時点"), before or after it: that date is when
	// the figure was reported, not the date of what the figure counts.
	AsOf struct {
		Before []string `yaml:"before"`
		After  []string `yaml:"after"`
	} `yaml:"as_of"`
	// Courtesy are the words a question is wrapped in that ask nothing
	// ("sorry, …", "cho mình hỏi …", "すみません、…", "… please", "… ạ"):
	// Before open a message, After close it (courtesy.go).
	Courtesy struct {
		Before []string `yaml:"before"`
		After  []string `yaml:"after"`
	} `yaml:"courtesy"`
	// Openers open a message that carries the conversation on ("so …",
	// "vậy …", "それで、…", "또 …"): left out of the words the question is
	// matched on (courtesy.go).
	Openers []string `yaml:"openers"`
}

// cueSet is one language's cue words, normalised.
type cueSet struct {
	aspects   map[Aspect][]string
	aspectIdx *textnorm.PhraseIndex // aspects, indexed (aspectsIn)
	// hangulAspects has bit i set when Aspects[i] has a one-syllable
	// Hangul cue, which the index alone would read inside other words.
	hangulAspects uint64
	answerWords   map[Aspect][]string
	pronouns      []string
	continuations []string
	// contEnds is ContinuationEnds, normalised.
	contEnds []string
	subset   []string
	filler   []string
	// foreign names countries and places no entry is about, for the
	// figures the sources do not give ("How many Taiwanese projects?").
	foreign []string
	// qualifiers and subjects are Qualifiers and Subjects, normalised.
	qualifiers, subjects [][]string
	// periods are Periods, normalised.
	periods [][]string
	// deputy is Deputy, normalised.
	deputy []string
	// ownSide is OwnSide, normalised.
	ownSide []string
	// strip is every cue phrase, longest first, Latin ones padded with
	// spaces so that they match whole words: what stripCues removes.
	strip []string
	// stripIdx indexes strip, factStripIdx factStrip.
	stripIdx, factStripIdx *phraseStrip
	facts                  map[string]*factSet
	// factOrder is the names of facts, sorted: a fixed order to read them in.
	factOrder []string
	// factStrip is every phrase that asks a fact, padded as strip is,
	// longest first: removed in that order, "exact date" goes whole
	// before "date" could leave "exact" behind, whatever the map's order.
	factStrip []string
	// quantifiers are Quantifiers, normalised: "bao nhiêu" of "bao
	// nhiêu hội viên" asks, "hội viên" says what is counted.
	quantifiers []string
	// factAsk is every fact's Ask, indexed: list i of factNames[i].
	factAsk *textnorm.PhraseIndex
	absent  []string
	clauses []string
	person  []string
	persons []string
	botself []string
	request *requestSet
	youare  []string
	// thatYear are ThatYear, normalised.
	thatYear []string
	// few are Few, normalised.
	few []string
	// thisYear are ThisYear, normalised.
	thisYear []string
	// topicChange is TopicChange, normalised.
	topicChange []string
	// demBefore and demAfter are Demonstratives, normalised.
	demBefore, demAfter, demNot []string
	// yearWords are YearWords, normalised.
	yearWords []string
	also      []string
	// ordinals are Ordinals, normalised, each list longest first.
	ordinals [][]string
	// shorthand is Shorthand, normalised.
	shorthand map[string]string
	// split is Split, lower-cased (matched on the message as written).
	split []string
	// splitAsking is SplitAsking, lower-cased.
	splitAsking []string
	// choice is Choice, normalised.
	choice []string
	// joins is Joins, normalised, in the file's order (most specific first).
	joins []string
	// pick is Pick, normalised.
	pick []string
	// yearLabel and qualifierLabel are YearLabel and QualifierLabel.
	yearLabel, qualifierLabel, unknownLabel string
	// dropsSubject is DropsSubject, bareFollowUps BareFollowUps.
	dropsSubject, bareFollowUps bool
	// asOf matches AsOf's markers with the date they stand beside,
	// lower-cased; nil when the file names none.
	asOf *regexp.Regexp
	// yearSpan matches two years joined by YearSpan's words.
	yearSpan *regexp.Regexp
	// courtesyBefore and courtesyAfter are Courtesy, normalised.
	courtesyBefore, courtesyAfter []string
	// openers is Openers, normalised.
	openers []string
}

// cues holds every language's cue words; a new language is a new file.
var cues = mustLoadCues()

func mustLoadCues() map[investbot.Lang]*cueSet {
	m, err := loadCues()
	if err != nil {
		// The files are embedded: a broken one is a build defect that
		// TestCueFiles reports; refusing to start says so at once.
		panic(err)
	}
	return m
}

// loadCues reads and checks the embedded cue files: one per language,
// every aspect given, no empty phrase.
func loadCues() (map[investbot.Lang]*cueSet, error) {
	out := make(map[investbot.Lang]*cueSet, len(investbot.Langs))
	for _, l := range investbot.Langs {
		f, err := readCueFile(l)
		if err != nil {
			return nil, err
		}
		cs, err := newCueSet(f)
		if err != nil {
			return nil, fmt.Errorf("knowledge: cue file lang/%s.yaml: %w", l, err)
		}
		out[l] = cs
	}
	return out, nil
}

// readCueFile reads and parses lang/<l>.yaml, which must say it is l's.
func readCueFile(l investbot.Lang) (*cueFile, error) {
	b, err := cueFS.ReadFile("lang/" + string(l) + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("knowledge: cue file for %s: %w", l, err)
	}
	var f cueFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("knowledge: cue file lang/%s.yaml: %w", l, err)
	}
	if f.Lang != l {
		return nil, fmt.Errorf("knowledge: cue file lang/%s.yaml says lang %q", l, f.Lang)
	}
	return &f, nil
}

// newCueSet normalises one cue file; the error names the list at fault.
func newCueSet(f *cueFile) (*cueSet, error) {
	cs := &cueSet{aspects: make(map[Aspect][]string, len(Aspects)), answerWords: make(map[Aspect][]string, len(f.AnswerWords))}
	for _, a := range Aspects {
		ws, err := foldCues(f.Aspects[a])
		if err != nil || len(ws) == 0 {
			return nil, fmt.Errorf("aspect %q: no cue words or an empty one", a)
		}
		cs.aspects[a] = ws
	}
	for a := range f.Aspects {
		if _, ok := cs.aspects[a]; !ok {
			return nil, fmt.Errorf("unknown aspect %q", a)
		}
	}
	for a, in := range f.AnswerWords {
		if _, ok := cs.aspects[a]; !ok {
			return nil, fmt.Errorf("answer_words: unknown aspect %q", a)
		}
		ws, err := foldCues(in)
		if err != nil {
			return nil, fmt.Errorf("answer_words %q: %w", a, err)
		}
		cs.answerWords[a] = ws
	}
	if err := cs.foldLists(f); err != nil {
		return nil, err
	}
	// Courtesies and openers keep their marks: "Số" is not "so", "Dạ
	// Nang" no courtesy.
	cs.courtesyBefore, cs.courtesyAfter, cs.openers = foldCourtesyAll(f.Courtesy.Before), foldCourtesyAll(f.Courtesy.After), foldCourtesyAll(f.Openers)
	cs.strip = stripList(cs)
	cs.aspectIdx = aspectIndex(cs)
	for i, a := range Aspects {
		if slices.ContainsFunc(cs.aspects[a], oneHangul) {
			cs.hangulAspects |= 1 << i
		}
	}
	cs.stripIdx = newPhraseStrip(cs.strip)
	var err error
	if cs.request, err = newRequestSet(f.Request); err != nil {
		return nil, err
	}
	if cs.facts, err = loadFacts(f.Facts, f.Quantifiers); err != nil {
		return nil, err
	}
	cs.factOrder = slices.Sorted(maps.Keys(cs.facts))
	cs.factStrip = factStripList(cs.facts)
	if cs.quantifiers, err = foldCues(f.Quantifiers); err != nil {
		return nil, fmt.Errorf("quantifiers: %w", err)
	}
	cs.factStripIdx = newPhraseStrip(cs.factStrip)
	cs.factAsk = factAskIndex(cs.facts)
	cs.absent = lowerAll(f.Absent)
	cs.clauses = lowerAll(f.Clauses)
	cs.split = lowerAll(f.Split)
	cs.splitAsking = lowerAll(f.SplitAsking)
	cs.shorthand = make(map[string]string, len(f.Shorthand))
	for k, v := range f.Shorthand {
		nk, nv := textnorm.Normalize(k), textnorm.Normalize(v)
		if nk == "" || nv == "" || strings.Contains(nk, " ") {
			return nil, fmt.Errorf("shorthand %q: %q must be one word and %q a phrase", k, k, v)
		}
		cs.shorthand[nk] = nv
	}
	if strings.Count(f.YearLabel, "%s") != 1 || strings.Count(f.QualifierLabel, "%s") != 1 || strings.Count(f.UnknownLabel, "%s") != 1 {
		return nil, fmt.Errorf("year_label, qualifier_label and unknown_label must each hold one %%s")
	}
	cs.yearLabel, cs.qualifierLabel, cs.unknownLabel = f.YearLabel, f.QualifierLabel, f.UnknownLabel
	cs.dropsSubject, cs.bareFollowUps = f.DropsSubject, f.BareFollowUps
	cs.asOf = asOfRegexp(f.AsOf.Before, f.AsOf.After)
	cs.yearSpan = yearSpanRegexp(f.YearSpan)
	return cs, nil
}

// foldLists normalises the cue file's word lists (pronouns, person
// requests, ordinals, qualifiers…) into cs.
func (cs *cueSet) foldLists(f *cueFile) error {
	for _, l := range []struct {
		name string
		in   []string
		out  *[]string
	}{
		{"foreign", f.Foreign, &cs.foreign}, {"pronouns", f.Pronouns, &cs.pronouns}, {"persons", f.Persons, &cs.persons},
		{"continuations", f.Continuations, &cs.continuations}, {"continuation_ends", f.ContinuationEnds, &cs.contEnds}, {"filler", f.Filler, &cs.filler},
		{"person", f.Person, &cs.person}, {"botself", f.BotSelf, &cs.botself}, {"youare", f.YouAre, &cs.youare},
		{"thatyear", f.ThatYear, &cs.thatYear}, {"this_year", f.ThisYear, &cs.thisYear}, {"few", f.Few, &cs.few}, {"year_words", f.YearWords, &cs.yearWords}, {"topic_change", f.TopicChange, &cs.topicChange}, {"demonstratives.before", f.Demonstratives.Before, &cs.demBefore}, {"demonstratives.after", f.Demonstratives.After, &cs.demAfter}, {"demonstratives.not", f.Demonstratives.Not, &cs.demNot}, {"also", f.Also, &cs.also}, {"pick", f.Pick, &cs.pick},
		{"choice", f.Choice, &cs.choice}, {"joins", f.Joins, &cs.joins}, {"deputy", f.Deputy, &cs.deputy}, {"subset", f.Subset, &cs.subset}, {"own_side", f.OwnSide, &cs.ownSide},
	} {
		ws, err := foldCues(l.in)
		if err != nil {
			return fmt.Errorf("%s: %w", l.name, err)
		}
		*l.out = ws
	}
	for i, ws := range f.Ordinals {
		o, err := foldCues(ws)
		if err != nil {
			return fmt.Errorf("ordinals[%d]: %w", i, err)
		}
		slices.SortStableFunc(o, func(a, b string) int { return len(b) - len(a) })
		cs.ordinals = append(cs.ordinals, o)
	}
	var err error
	if cs.qualifiers, err = foldGroups("qualifiers", f.Qualifiers); err != nil {
		return err
	}
	if cs.periods, err = foldGroups("periods", f.Periods); err != nil {
		return err
	}
	cs.subjects, err = foldGroups("subjects", f.Subjects)
	return err
}

// foldGroups normalises lists of words that name one thing each; an error
// names an empty list or word.
func foldGroups(name string, in [][]string) ([][]string, error) {
	out := make([][]string, 0, len(in))
	for i, ws := range in {
		o, err := foldCues(ws)
		if err != nil || len(o) == 0 {
			return nil, fmt.Errorf("%s[%d]: no words or an empty one", name, i)
		}
		out = append(out, o)
	}
	return out, nil
}

// foldCues normalises cue words; an error names an empty one.
func foldCues(ws []string) ([]string, error) {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		n := textnorm.Normalize(w)
		if n == "" {
			return nil, fmt.Errorf("empty cue %q", w)
		}
		out = append(out, n)
	}
	return out, nil
}

// cueLangs returns the cue sets to read a question with: its own
// language's, or every language's when it cannot be told ("WHA?").
func cueLangs(l investbot.Lang) []*cueSet {
	if cs, ok := cues[l]; ok {
		return []*cueSet{cs}
	}
	all := make([]*cueSet, 0, len(investbot.Langs))
	for _, l := range investbot.Langs {
		all = append(all, cues[l])
	}
	return all
}

// expandShorthand spells out the shorthand words of norm that the index
// does not know ("hw much fdi" → "how much fdi").
func (ix *index) expandShorthand(norm string, sets []*cueSet) string {
	out := textnorm.NewSplice(norm)
	for i := 0; i < len(norm); {
		if norm[i] == ' ' {
			i++
			continue
		}
		end := i
		for end < len(norm) && norm[end] != ' ' {
			end++
		}
		if x, ok := ix.shorthandFor(norm[i:end], sets); ok {
			out.Replace(i, end, x)
		}
		i = end
	}
	return out.String()
}

// inEntryText reports whether an entry's own text (title, answer, names)
// holds the normalised word w.
func (ix *index) inEntryText(w string) bool {
	return slices.ContainsFunc(ix.blob, func(b string) bool { return textnorm.ContainsWord(b, w) })
}

// shorthandFor returns what the shorthand w stands for, and whether it is
// to be spelled out: when no entry's own text (title, answer, names)
// uses w as a word.
func (ix *index) shorthandFor(w string, sets []*cueSet) (string, bool) {
	for _, cs := range sets {
		if x, ok := cs.shorthand[w]; ok {
			if _, known := ix.terms[w]; !known || !ix.inEntryText(w) {
				// A word only some example questions use ("cty") is
				// the same chat shorthand there: the entries' own
				// words are the spelled-out ones.
				return x, true
			}
			return "", false
		}
	}
	return "", false
}

// aspectsIn returns the aspects norm asks about, in Aspects order. An
// aspect whose every cue stands inside a longer cue of another is not
// asked: "투자 규모" asks the investment, not the size its "규모" would.
// (Comparisons and lists stay: they say how, not what.)
func aspectsIn(norm string, sets []*cueSet) []Aspect {
	var named, hangul uint64
	for _, cs := range sets {
		named |= cs.aspectIdx.Matched(norm)
		hangul |= cs.hangulAspects
	}
	var out []Aspect
	for i, a := range Aspects {
		if named&(1<<i) == 0 {
			continue
		}
		// The index reads a cue anywhere; a one-syllable Hangul cue
		// counts only as a word of its own, which hasCue checks.
		if hangul&(1<<i) != 0 && !slices.ContainsFunc(sets, func(cs *cueSet) bool { return hasCue(norm, cs.aspects[a]) }) {
			continue
		}
		out = append(out, a)
	}
	if len(out) < 2 {
		return out
	}
	spans := make([][][2]int, len(out))
	for i, a := range out {
		for _, cs := range sets {
			for _, p := range cs.aspects[a] {
				spans[i] = append(spans[i], cueSpans(norm, p)...)
			}
		}
	}
	keep := out[:0:0]
	for i, a := range out {
		// A comparison or a list is how the question asks, beside what
		// it asks: "lớn hơn" is a size and a comparison at once.
		if a != AspectCompare && a != AspectList && !slices.ContainsFunc(spans[i], func(in [2]int) bool { return !insideOther(in, spans, i) }) {
			continue
		}
		keep = append(keep, a)
	}
	return keep
}

// insideOther reports whether span in lies within a longer span of
// another aspect than the i-th.
func insideOther(in [2]int, spans [][][2]int, i int) bool {
	for j, ss := range spans {
		if j == i {
			continue
		}
		for _, o := range ss {
			if o[0] <= in[0] && in[1] <= o[1] && o[1]-o[0] > in[1]-in[0] {
				return true
			}
		}
	}
	return false
}

// aspectIndex indexes the cue words of every aspect, Aspects[i]'s as list
// i, so that a question is read once for all of them (aspectsIn).
func aspectIndex(cs *cueSet) *textnorm.PhraseIndex {
	lists := make([][]string, len(Aspects))
	for i, a := range Aspects {
		lists[i] = cs.aspects[a]
	}
	return textnorm.NewPhraseIndex(lists...)
}

// anyCue reports whether norm holds one of the phrases pick selects.
func anyCue(norm string, sets []*cueSet, pick func(*cueSet) []string) bool {
	for _, cs := range sets {
		if hasCue(norm, pick(cs)) {
			return true
		}
	}
	return false
}

// stripList gathers a language's cue phrases, longest first (so that
// "how big" goes before "how"), Latin ones padded to match whole words.
func stripList(cs *cueSet) []string {
	var all []string
	for _, a := range Aspects {
		all = append(all, cs.aspects[a]...)
	}
	all = append(append(append(append(all, cs.pronouns...), cs.continuations...), cs.contEnds...), cs.filler...)
	for i, p := range all {
		if p[0] < 0x80 {
			all[i] = " " + p + " "
		}
	}
	slices.SortStableFunc(all, func(a, b string) int { return len(b) - len(a) })
	return slices.Compact(all)
}

// factStripList is every phrase of facts that asks a fact, Latin ones
// padded with spaces, longest first and then in byte order.
func factStripList(facts map[string]*factSet) []string {
	var all []string
	for _, fs := range facts {
		for _, p := range fs.ask {
			if p[0] < 0x80 {
				p = " " + p + " "
			}
			all = append(all, p)
		}
	}
	slices.SortFunc(all, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(all)
}

// stripCues removes every cue phrase (aspects, pronouns, continuations,
// filler) from norm and returns what is left: the words that name a
// subject.
func stripCues(norm string, sets []*cueSet) string {
	rest := " " + norm + " "
	for _, cs := range sets {
		rest = cs.stripIdx.strip(rest, func(rest, p string) (string, bool) {
			if !strings.Contains(rest, p) {
				return rest, false
			}
			if oneHangul(p) {
				next := blankHangulCue(rest, p)
				return next, next != rest
			}
			blank := " "
			if p[0] == ' ' {
				blank = "  "
			}
			// Twice: adjacent words share the space between them.
			return strings.ReplaceAll(strings.ReplaceAll(rest, p, blank), p, blank), true
		})
	}
	return strings.Join(strings.Fields(rest), " ")
}

// AsksForPerson reports whether text asks for a person (to talk to, to
// arrange a visit) rather than whether the bot is one, in any language.
func AsksForPerson(text string) bool {
	asked, _ := PersonRequest(text)
	return asked
}

// PersonRequest reports whether text asks for a person, and whether it
// does in so many words (a phrase of a language's person list: "talk to
// someone", "担当者につないで") rather than only by pairing a verb of
// asking with an object ("I'd like to visit the park"): a request read
// from the pairing alone may come with a question the knowledge base
// answers, which then comes first.
func PersonRequest(text string) (asked, spelled bool) {
	return personRequest(text, textnorm.Normalize(text))
}

// PersonRequest is the package's PersonRequest with the slips of kb's
// vocabulary read as meant ("pls conect me with a humna").
func (kb *KB) PersonRequest(text string) (asked, spelled bool) {
	if kb == nil {
		return PersonRequest(text)
	}
	return personRequest(text, kb.respellLatin(textnorm.Normalize(text), text))
}

// personRequest is PersonRequest of text, normalised as norm.
func personRequest(text, norm string) (asked, spelled bool) {
	for _, l := range investbot.Langs {
		if containsAnyCue(norm, cues[l].botself) {
			return false, false
		}
	}
	for _, l := range investbot.Langs {
		if containsAnyCue(norm, cues[l].person) {
			return true, true
		}
	}
	for _, l := range investbot.Langs {
		if cues[l].request.asks(text) {
			return true, false
		}
	}
	return false, false
}

func containsAnyCue(norm string, ps []string) bool {
	for _, p := range ps {
		if strings.Contains(norm, p) {
			return true
		}
	}
	return false
}

// AspectSentences returns up to two sentences of e's answer in lang that
// speak of aspect a (hold one of its cue words), for a follow-up that asks
// one thing; nil when none does.
func AspectSentences(e *base.Entry, a Aspect, lang investbot.Lang) []string {
	cs, ok := cues[lang]
	if !ok || e == nil {
		return nil
	}
	words := cs.aspects[a]
	if aw := cs.answerWords[a]; len(aw) > 0 {
		words = append(slices.Clip(words), aw...)
	}
	if fs := cs.facts[string(a)]; fs != nil && a == AspectHead {
		// A sentence naming the person carries a title ("Secretary",
		// "서기"), not the words that ask for one ("boss", "직책").
		words = append(slices.Clip(words), fs.words...)
	}
	return sentencesWith(e, lang, words)
}

// AspectSentencesFor is AspectSentences for a follow-up that adds words
// of its own ("and recent ones?" after the Japanese projects): the
// sentences holding those words come first, when some do.
func AspectSentencesFor(e *base.Entry, a Aspect, lang investbot.Lang, question string) []string {
	if out := OwnWordSentences(e, lang, question); len(out) > 0 {
		return out
	}
	return AspectSentences(e, a, lang)
}

// OwnWordSentences returns up to two sentences of e's answer in lang
// holding the question's own words: what is left once cue words and e's
// names are taken out ("when did they start exploring the province?"
// points at the sentence about exploring, not at the stage); nil when
// none does.
func OwnWordSentences(e *base.Entry, lang investbot.Lang, question string) []string {
	words := ownWords(e, question)
	if len(words) == 0 {
		return nil
	}
	return sentencesWith(e, lang, words)
}

// ownWords are the words of question OwnWordSentences looks for: what is
// left once cue words and e's names are taken out.
func ownWords(e *base.Entry, question string) []string {
	if e == nil {
		return nil
	}
	lang := DetectLang(question)
	rest := strings.Fields(stripCues(textnorm.Normalize(question), cueLangs(lang)))
	var names strings.Builder
	for _, l := range investbot.Langs {
		names.WriteString(" " + textnorm.Normalize(e.Title.In(l)))
	}
	for _, a := range e.Aliases {
		names.WriteString(" " + textnorm.Normalize(a))
	}
	var words []string
	if lang == investbot.VI {
		// A Vietnamese word is two syllables of three letters or fewer
		// ("gần đây", "dự án mới"): adjacent syllables, one of them a
		// content word, not one of the entry's names; longer syllables
		// count alone too, below.
		for i := 0; i+1 < len(rest); i++ {
			pair := rest[i] + " " + rest[i+1]
			if (!stopWords[rest[i]] || !stopWords[rest[i+1]]) && !strings.Contains(names.String(), pair) {
				words = append(words, pair)
			}
		}
	}
	for _, w := range rest {
		if (utf8.RuneCountInString(w) >= 4 || (w != "" && w[0] >= 0x80)) && !strings.Contains(names.String(), w) {
			// The entry's own names pick no sentence: "what about
			// Sumitomo?" asks the aspect of Sumitomo's park.
			words = append(words, w)
		}
	}
	return words
}

// sentencesWith returns up to two sentences of e's answer in lang that
// hold one of words.
func sentencesWith(e *base.Entry, lang investbot.Lang, words []string) []string {
	var out []string
	for _, s := range splitSentences(e.Answer.In(lang)) {
		if textnorm.HasPhrase(textnorm.Normalize(s), words) {
			out = append(out, s)
			if len(out) == 2 {
				break
			}
		}
	}
	return out
}

// yearWord is a year standing as a word ("2019", "2019년", "2019年").
var yearWord = regexp.MustCompile(`(^|[^0-9])(19|20)[0-9]{2}([^0-9]|$)`)

// DatedSentences returns the sentences of e's answer in lang that give a
// year, in order: what a "when" question about the entity can be told
// when no sentence speaks of its stage.
func DatedSentences(e *base.Entry, lang investbot.Lang) []string {
	if e == nil {
		return nil
	}
	var out []string
	for _, s := range splitSentences(e.Answer.In(lang)) {
		if yearWord.MatchString(s) {
			out = append(out, s)
		}
	}
	return out
}

// yearSpanRegexp matches a year, a word of joins and a later year, with
// the year words of the CJK languages beside them; nil without joins.
func yearSpanRegexp(joins []string) *regexp.Regexp {
	var qs []string
	for _, j := range joins {
		if j = strings.ToLower(strings.TrimSpace(j)); j != "" {
			qs = append(qs, regexp.QuoteMeta(j))
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return regexp.MustCompile(`((?:19|20)[0-9]{2})\s*(?:년|年)?\s*(?:` + strings.Join(qs, "|") + `)\s*((?:19|20)[0-9]{2})`)
}

// spanYears writes two years joined as a period ("2021년부터 2025년까지")
// as a range ("2021~2025년까지"), which the engine reads as one period.
func spanYears(text string) string {
	if !mayHoldYear(text) {
		return text
	}
	for _, l := range investbot.Langs {
		if re := cues[l].yearSpan; re != nil {
			text = re.ReplaceAllString(text, "${1}~${2}")
		}
	}
	return text
}

// asOfRegexp matches a marker of before with the date after it, or a date
// with a marker of after following it, within a clause; nil when both are
// empty.
func asOfRegexp(before, after []string) *regexp.Regexp {
	var alts []string
	quote := func(ms []string) string {
		qs := make([]string, 0, len(ms))
		for _, m := range ms {
			if m = strings.ToLower(strings.TrimSpace(m)); m != "" {
				qs = append(qs, regexp.QuoteMeta(m))
			}
		}
		return strings.Join(qs, "|")
	}
	if b := quote(before); b != "" {
		alts = append(alts, `(?:`+b+`)\s*[^,.;:()]{0,30}?(?:19|20)[0-9]{2}`)
	}
	if a := quote(after); a != "" {
		alts = append(alts, `(?:19|20)[0-9]{2}[^,.;:()、。]{0,15}?(?:`+a+`)`)
	}
	if len(alts) == 0 {
		return nil
	}
	return regexp.MustCompile(strings.Join(alts, "|"))
}
