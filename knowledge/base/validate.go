package base

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

var (
	idPattern    = regexp.MustCompile(`^([a-z]+)\.[a-z0-9]+(-[a-z0-9]+)*$`)
	phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 ().-]{5,20}$`)
	emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$`)
	// acronymPattern finds all-caps Latin tokens of two or more letters,
	// digits allowed after the first letter ("WHA", "QH15", "CPTPP").
	acronymPattern = regexp.MustCompile(`\p{Lu}[\p{Lu}0-9]+`)
)

// notAcronyms are capitalised codes that translations legitimately write
// in their own words (USD → ドル, 달러).
var notAcronyms = map[string]bool{"USD": true, "VND": true, "EUR": true, "JPY": true, "KRW": true}

const minExamples = 3

// MaxIDBytes bounds an entry id. Telegram's callback_data holds at most 64
// bytes, and a button that opens an entry carries its id after a short
// prefix ("e:"; package handlers keeps its prefixes within
// MaxCallbackPrefixBytes, and its tests check that they do): a longer id
// would be cut and the button would open nothing.
const (
	MaxCallbackDataBytes   = 64
	MaxCallbackPrefixBytes = 4
	MaxIDBytes             = MaxCallbackDataBytes - MaxCallbackPrefixBytes
)

// Validate checks entries against the knowledge-base rules and returns
// every problem found, located by file and line; nil means the entries
// are fit to publish. It checks ids, kinds, languages, examples, sources
// and their dates, references between entries, structured blocks, and that
// the four translations of each answer agree on numbers and names.
func Validate(entries []*Entry) []Problem {
	return validate(entries, time.Now())
}

func validate(entries []*Entry, now time.Time) []Problem {
	var ps []Problem
	ids := make(map[string]*Entry, len(entries))
	for _, e := range entries {
		if prev, dup := ids[e.ID]; dup && e.ID != "" {
			ps = append(ps, problem(e, "duplicate id, first defined at %s:%d", prev.File, prev.Line))
			continue
		}
		ids[e.ID] = e
	}
	ps = append(ps, validateTruth(entries, ids, now)...)
	ps = append(ps, validateAliases(entries)...)
	examples := make(map[string]*Entry)
	for _, e := range entries {
		ps = append(ps, validateEntry(e, ids, now)...)
		for _, l := range investbot.Langs {
			for _, ex := range e.Examples[l] {
				k := textnorm.Normalize(ex)
				if k == "" {
					continue
				}
				if other, ok := examples[k]; ok && other != e {
					ps = append(ps, problem(e, "example %q is also an example of %s: a question can have only one answer", ex, other.ID))
					continue
				}
				examples[k] = e
			}
		}
	}
	return ps
}

func problem(e *Entry, format string, args ...any) Problem {
	return Problem{File: e.File, Line: e.Line, EntryID: e.ID, Msg: fmt.Sprintf(format, args...)}
}

func validateEntry(e *Entry, ids map[string]*Entry, now time.Time) []Problem {
	var ps []Problem
	add := func(format string, args ...any) { ps = append(ps, problem(e, format, args...)) }
	checkID(e, add)
	checkText(e.Title, "title", add)
	checkText(e.Answer, "answer", add)
	checkExamples(e, add)
	checkSources(e, now, add)
	for _, r := range e.Related {
		switch {
		case r == e.ID:
			add("related lists the entry itself")
		case ids[r] == nil:
			add("related id %q does not exist", r)
		}
	}
	checkZone(e, add)
	checkContact(e, add)
	checkFigures(e, add)
	if len(ps) == 0 || complete(e.Answer) {
		for _, p := range parity(e) {
			add("%s", p)
		}
	}
	return ps
}

// checkID checks that e's id fits a button and agrees with its kind.
func checkID(e *Entry, add func(string, ...any)) {
	m := idPattern.FindStringSubmatch(e.ID)
	switch {
	case e.ID == "":
		add("missing id")
	case len(e.ID) > MaxIDBytes:
		add("id %q is %d bytes; at most %d fit in a Telegram button (callback_data is limited to %d bytes)", e.ID, len(e.ID), MaxIDBytes, MaxCallbackDataBytes)
	case m == nil:
		add("id %q is not kind.slug (lower-case letters, digits and hyphens)", e.ID)
	case Kind(m[1]) != e.Kind:
		add("id prefix %q does not match kind %q", m[1], e.Kind)
	}
	if !knownKind(e.Kind) {
		add("unknown kind %q (one of %v)", e.Kind, Kinds)
	}
}

// checkExamples checks that every language has enough non-empty example
// questions.
func checkExamples(e *Entry, add func(string, ...any)) {
	// Languages in a sorted order: the same file gives the same problem
	// list every time, whatever the map's order.
	for _, l := range slices.Sorted(maps.Keys(e.Examples)) {
		xs := e.Examples[l]
		if !l.Valid() {
			add("examples: unknown language %q", l)
			continue
		}
		for i, x := range xs {
			if strings.TrimSpace(x) == "" {
				add("examples.%s[%d] is empty", l, i)
			}
		}
	}
	for _, l := range investbot.Langs {
		if n := len(e.Examples[l]); n < minExamples {
			add("examples.%s has %d questions, need at least %d", l, n, minExamples)
		}
	}
}

// checkSources checks that e has sources, each with a ref and an as_of
// date not after now.
func checkSources(e *Entry, now time.Time, add func(string, ...any)) {
	if len(e.Sources) == 0 {
		add("no sources: every fact needs a source with ref and as_of")
	}
	for i, s := range e.Sources {
		if strings.TrimSpace(s.Ref) == "" {
			add("sources[%d] has no ref", i)
		}
		if s.AsOf.IsZero() {
			add("sources[%d] has no as_of date", i)
		} else if s.AsOf.After(now) {
			add("sources[%d] as_of %s is in the future", i, s.AsOf)
		}
	}
}

func checkZone(e *Entry, add func(string, ...any)) {
	if e.Zone == nil {
		return
	}
	if e.Kind != KindZone {
		add("zone block on an entry of kind %q (only kind zone)", e.Kind)
	}
	switch e.Zone.Stage {
	case StagePlanned, StageApproved, StageInvesting, StageUnderConstruction, StageOperating:
	default:
		add("zone.stage %q is not one of planned, approved, being_invested, under_construction, operating", e.Zone.Stage)
	}
	checkOptionalText(e.Zone.AreaNote, "zone.area_note", add)
	checkOptionalText(e.Zone.Sectors, "zone.sectors", add)
}

func checkContact(e *Entry, add func(string, ...any)) {
	c := e.Contact
	if c == nil {
		return
	}
	if e.Kind != KindContact {
		add("contact block on an entry of kind %q (only kind contact)", e.Kind)
	}
	if c.Phone != "" && !phonePattern.MatchString(c.Phone) {
		add("contact.phone %q does not look like a phone number", c.Phone)
	}
	if c.Email != "" && !emailPattern.MatchString(c.Email) {
		add("contact.email %q does not look like an e-mail address", c.Email)
	}
}

func knownKind(k Kind) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

func complete(t investbot.Text) bool {
	for _, l := range investbot.Langs {
		if strings.TrimSpace(t[l]) == "" {
			return false
		}
	}
	return true
}

func checkText(t investbot.Text, field string, add func(string, ...any)) {
	for l := range t {
		if !l.Valid() {
			add("%s: unknown language %q", field, l)
		}
	}
	for _, l := range investbot.Langs {
		if strings.TrimSpace(t[l]) == "" {
			add("%s.%s is missing", field, l)
		}
	}
}

func checkOptionalText(t investbot.Text, field string, add func(string, ...any)) {
	if len(t) == 0 {
		return
	}
	checkText(t, field, add)
}

// parity compares the four translations of an answer: the same numeric
// values, the entry's names, the same acronyms, and no Latin word in the
// Japanese or Korean answer that the English and Vietnamese ones lack.
func parity(e *Entry) []string {
	if !complete(e.Answer) {
		return nil
	}
	var out []string
	out = append(out, numberParity(e.Answer)...)
	out = append(out, nameParity(e.Answer, e.Names)...)
	return out
}

func numberParity(t investbot.Text) []string {
	sets := make(map[investbot.Lang]map[float64]string)
	for _, l := range investbot.Langs {
		m := make(map[float64]string)
		for _, n := range textnorm.ExtractNumbers(t[l]) {
			if _, ok := m[n.Value]; !ok {
				m[n.Value] = n.Text
			}
		}
		sets[l] = m
	}
	var out []string
	reported := make(map[float64]bool)
	for _, from := range investbot.Langs {
		vals := make([]float64, 0, len(sets[from]))
		for v := range sets[from] {
			vals = append(vals, v)
		}
		sort.Float64s(vals)
		for _, v := range vals {
			if reported[v] {
				continue
			}
			var missing []string
			for _, to := range investbot.Langs {
				if _, ok := sets[to][v]; !ok {
					missing = append(missing, string(to))
				}
			}
			if len(missing) > 0 {
				reported[v] = true
				out = append(out, fmt.Sprintf("number parity: %s %q (value %s) has no equal in answer.%s",
					from, sets[from][v], formatValue(v), strings.Join(missing, ", answer.")))
			}
		}
	}
	return out
}

func formatValue(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.6f", v), "0"), ".")
}

func nameParity(t investbot.Text, names []string) []string {
	folded := make(map[investbot.Lang]string)
	for _, l := range investbot.Langs {
		folded[l] = foldForNames(t[l])
	}
	var out []string
	for _, n := range names {
		fn := foldForNames(n)
		if fn == "" {
			continue
		}
		var missing []string
		for _, l := range investbot.Langs {
			if !textnorm.ContainsWord(folded[l], fn) {
				missing = append(missing, string(l))
			}
		}
		if len(missing) > 0 {
			out = append(out, fmt.Sprintf("name parity: name %q is missing from answer.%s", n, strings.Join(missing, ", answer.")))
		}
	}
	// Acronyms in any answer must be in all four.
	seen := make(map[string]bool)
	for _, from := range investbot.Langs {
		for _, a := range acronyms(norm.NFKC.String(t[from])) {
			if seen[a] || notAcronyms[a] {
				continue
			}
			seen[a] = true
			fa := foldForNames(a)
			var missing []string
			for _, l := range investbot.Langs {
				if !textnorm.ContainsWord(folded[l], fa) {
					missing = append(missing, string(l))
				}
			}
			if len(missing) > 0 {
				out = append(out, fmt.Sprintf("name parity: acronym %q (in answer.%s) is missing from answer.%s", a, from, strings.Join(missing, ", answer.")))
			}
		}
	}
	// Latin words in ja/ko must be in en and vi.
	seenW := make(map[string]bool)
	for _, from := range []investbot.Lang{investbot.JA, investbot.KO} {
		for _, w := range latinWords(folded[from]) {
			if seenW[w] {
				continue
			}
			seenW[w] = true
			var missing []string
			for _, l := range []investbot.Lang{investbot.EN, investbot.VI} {
				if !textnorm.ContainsWord(folded[l], w) {
					missing = append(missing, string(l))
				}
			}
			if len(missing) > 0 {
				out = append(out, fmt.Sprintf("name parity: Latin word %q in answer.%s is missing from answer.%s", w, from, strings.Join(missing, ", answer.")))
			}
		}
	}
	return out
}

// foldForNames folds like Normalize but without the rune cap.
func foldForNames(s string) string { return textnorm.NormalizeN(s, 0) }

func acronyms(s string) []string {
	var out []string
	for _, loc := range acronymPattern.FindAllStringIndex(s, -1) {
		a := s[loc[0]:loc[1]]
		// Must stand alone: not the start of a capitalised word ("WHAt")
		// and not glued to other Latin letters.
		if loc[0] > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:loc[0]])
			if textnorm.IsLatinLetter(r) {
				continue
			}
		}
		if loc[1] < len(s) {
			r, _ := utf8.DecodeRuneInString(s[loc[1]:])
			if textnorm.IsLatinLetter(r) {
				continue
			}
		}
		letters := 0
		for _, r := range a {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 2 {
			out = append(out, a)
		}
	}
	return out
}

// latinWords returns the Latin-letter runs of at least two letters in a
// folded text.
func latinWords(s string) []string {
	var out []string
	start := -1
	for i, r := range s + " " {
		if r < 0x80 && unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if i-start >= 2 {
				out = append(out, s[start:i])
			}
			start = -1
		}
	}
	return out
}

// checkFigures checks an entry's figures: a known chart and unit, a label
// in every language, one of the entry's own sources, and a value that the
// answer states in every language, so that a chart never shows a number
// the knowledge base does not hold.
func checkFigures(e *Entry, add func(string, ...any)) {
	refs := make(map[string]bool, len(e.Sources))
	for _, s := range e.Sources {
		refs[s.Ref] = true
	}
	for i, f := range e.Figures {
		at := fmt.Sprintf("figures[%d]", i)
		if !slices.Contains(FigureCharts, f.Chart) {
			add("%s.chart %q is not one of %s", at, f.Chart, strings.Join(FigureCharts, ", "))
		}
		scale, ok := Units[f.Unit]
		if !ok {
			add("%s.unit %q is not one of usd_bn, usd_m, percent, count", at, f.Unit)
		}
		checkText(f.Label, at+".label", add)
		if !refs[f.Source] {
			add("%s.source %q is not one of the entry's sources", at, f.Source)
		}
		if f.Value <= 0 || !ok {
			if f.Value <= 0 {
				add("%s.value must be a positive number", at)
			}
			continue
		}
		want := textnorm.RoundSig(f.Value * scale)
		var missing []string
		for _, l := range investbot.Langs {
			found := false
			for _, n := range textnorm.ExtractNumbers(e.Answer[l]) {
				found = found || math.Abs(n.Value-want) <= 1e-9*math.Max(1, want)
			}
			if !found {
				missing = append(missing, string(l))
			}
		}
		if len(missing) > 0 {
			add("%s.value %s %s is not stated in answer.%s", at, formatValue(f.Value), f.Unit, strings.Join(missing, ", answer."))
		}
	}
}

// validateAliases reports an alias two entries claim: a name has one
// main entry.
func validateAliases(entries []*Entry) []Problem {
	var ps []Problem
	owner := make(map[string]*Entry)
	for _, e := range entries {
		for _, a := range e.Aliases {
			n := textnorm.NormalizeN(a, 0)
			if n == "" {
				ps = append(ps, problem(e, "empty alias"))
				continue
			}
			if o, ok := owner[n]; ok && o != e {
				ps = append(ps, problem(e, "alias %q is also an alias of %s: a name has one main entry", a, o.ID))
				continue
			}
			owner[n] = e
		}
	}
	return ps
}
