package llm

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Limits of the grounding check.
const (
	// maxReplyRunes rejects replies far longer than the 120 words asked for:
	// a runaway model is not summarising the snippets.
	maxReplyRunes = 1500
	// minSupport is the share of the reply's content terms that must occur
	// in the cited entries; below it the reply is about something else.
	minSupport = 0.5
	// leakRun is the length in words of a run copied from the system prompt
	// that counts as leaking it.
	leakRun = 6
)

// noAnswer is the exact reply the model gives when the snippets do not
// answer the question.
const noAnswer = "NO_ANSWER"

// sourcesRe matches the machine-readable citation line that ends a reply.
var sourcesRe = regexp.MustCompile(`(?i)^\W*sources?\s*[:：]\s*(.*)$`)

// refusals are phrases that mean "I cannot answer" in each language
// (knowledge/words/*.yaml, model_refusal); such replies carry no facts, so
// the honest fallback is better.
var refusals = knowledge.Phrases("model_refusal")

// leakMarkers are words a grounded answer never needs but a reply that talks
// about its own instructions does (model_leak), and the prompt's canary.
var leakMarkers = append(knowledge.Phrases("model_leak"), canary)

// commonCapitals are words that are capitalised at the start of a sentence
// or as units, without being names; they pass the name check even when the
// snippets lack them. Folded as textnorm.Normalize folds.
var commonCapitals = setOf(`the a an it its this that these those there here yes no in on at for as to of by
	with from and but or so if also please note currently according however both each all total
	you your we our they their he she i investors investment
	usd vnd jpy krw ha km m2 m
	january february march april may june july august september october november december
	theo hien tai khu tinh co khong cac nhung nha dau tu ngoai ve trong vang da ong ba ban quy voi de tu nam thang ngay
	doanh nghiep viet nam`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// corpus is what a reply may draw on: every text of the snippets' entries in
// every language, their structured facts, ids, source references and dates.
type corpus struct {
	ids     map[string]*knowledge.Match
	numbers []float64
	words   map[string]bool // Normalize-folded words of every snippet
	folded  string          // Normalize-folded text of every snippet
	lower   string          // lower-cased raw text, for e-mails and web addresses
	phones  []string        // digit strings of phone-like runs
	cited   func(ids []string) map[string]bool
}

// entryTexts lists every text of e a reply may quote.
func entryTexts(e *base.Entry) []string {
	var out []string
	text := func(t investbot.Text) {
		for _, s := range t {
			out = append(out, s)
		}
	}
	out = append(out, e.ID)
	text(e.Title)
	text(e.Answer)
	out = append(out, e.Keywords...)
	out = append(out, e.Names...)
	if z := e.Zone; z != nil {
		text(z.AreaNote)
		text(z.Sectors)
		text(z.Infrastructure)
		out = append(out, z.Developer, z.DeveloperCountry, string(z.Stage), z.StageDate,
			z.Commune, z.FormerDistrict, z.HostPark)
		out = append(out, z.Tags...)
	}
	if c := e.Contact; c != nil {
		text(c.Organisation)
		text(c.Role)
		text(c.Address)
		out = append(out, c.Phone, c.Email, c.Web)
	}
	for _, s := range e.Sources {
		out = append(out, s.Ref, s.AsOf.String())
		for _, t := range s.Title {
			out = append(out, t)
		}
	}
	return out
}

// entryNumbers lists the structured figures of e with the scales a reply may
// give them in.
func entryNumbers(e *base.Entry) []float64 {
	var out []float64
	if z := e.Zone; z != nil {
		if z.AreaHa != 0 {
			out = append(out, z.AreaHa, z.AreaHa*1e4) // ha, m²
		}
		if z.InvestmentUSDm != 0 {
			out = append(out, z.InvestmentUSDm, z.InvestmentUSDm*1e6)
		}
	}
	return out
}

func newCorpus(snippets []knowledge.Match) *corpus {
	c := &corpus{ids: map[string]*knowledge.Match{}, words: map[string]bool{}}
	var folded, lower []string
	perID := map[string]map[string]bool{}
	for i := range snippets {
		m := &snippets[i]
		e := m.Entry
		c.ids[e.ID] = m
		terms := map[string]bool{}
		for _, s := range entryTexts(e) {
			if s == "" {
				continue
			}
			for _, n := range textnorm.ExtractNumbers(stripUnits(s)) {
				c.numbers = append(c.numbers, n.Value)
			}
			f := textnorm.Normalize(s)
			folded = append(folded, f)
			lower = append(lower, strings.ToLower(s))
			for _, w := range strings.Fields(f) {
				c.words[w] = true
			}
			for _, t := range contentTerms(s) {
				terms[t] = true
			}
			for _, p := range phoneRe.FindAllString(s, -1) {
				c.phones = append(c.phones, phoneDigits(p))
			}
		}
		c.numbers = append(c.numbers, entryNumbers(e)...)
		perID[e.ID] = terms
	}
	c.folded = " " + strings.Join(folded, " \n ") + " "
	c.lower = strings.Join(lower, "\n")
	c.cited = func(ids []string) map[string]bool {
		out := map[string]bool{}
		for _, id := range ids {
			for t := range perID[id] {
				out[t] = true
			}
		}
		return out
	}
	return c
}

// verdict is the result of checking one reply: the answer to show, or the
// reason it was rejected.
type verdict struct {
	gen    knowledge.Generated
	reason Outcome // "" when the reply passed
	detail string  // what failed, for the log
}

// checkReply decides whether reply may be shown: it must cite only the given
// snippets, and every number, date, amount, contact detail and Latin or
// katakana name in it must occur in them; refusals, NO_ANSWER, replies that
// talk about the prompt and replies about something else are rejected.
// system is the system prompt, to detect a reply that repeats it.
func checkReply(reply string, c *corpus, system string) verdict {
	reply = strings.TrimSpace(reply)
	if reply == "" {
		return verdict{reason: EmptyReply}
	}
	// A reply that repeats or discusses the prompt is reported as a leak
	// whatever else it contains, so that attacks show in the metrics.
	low := strings.ToLower(reply)
	for _, m := range leakMarkers {
		if strings.Contains(low, strings.ToLower(m)) {
			return verdict{reason: Leak, detail: m}
		}
	}
	if run := copiedRun(system, reply, leakRun, c.folded); run != "" {
		return verdict{reason: Leak, detail: run}
	}
	if strings.Contains(strings.ToUpper(reply), noAnswer) {
		return verdict{reason: NoAnswer}
	}
	text, cites, ok := splitSources(reply)
	if !ok || len(cites) == 0 {
		return verdict{reason: NoCites}
	}
	if text == "" {
		return verdict{reason: EmptyReply}
	}
	for _, id := range cites {
		if c.ids[id] == nil {
			return verdict{reason: BadCite, detail: id}
		}
	}
	if utf8.RuneCountInString(text) > maxReplyRunes {
		return verdict{reason: TooLong}
	}
	low = strings.ToLower(text)
	for _, p := range refusals {
		// The knowledge base itself says plainly what its sources do not
		// give; quoting that is an answer, not a refusal.
		if strings.Contains(low, p) && !strings.Contains(c.lower, p) {
			return verdict{reason: Refusal, detail: p}
		}
	}
	// Vietnamese typed without diacritics.
	f := " " + textnorm.Normalize(text) + " "
	for _, p := range []string{" khong the tra loi ", " khong co thong tin ", " toi khong biet "} {
		if strings.Contains(f, p) && !strings.Contains(c.folded, p) {
			return verdict{reason: Refusal, detail: p}
		}
	}
	if d := ungrounded(text, c); d != "" {
		return verdict{reason: Ungrounded, detail: d}
	}
	if s := support(text, c.cited(cites)); s < minSupport {
		return verdict{reason: OffTopic, detail: strconv.FormatFloat(s, 'f', 2, 64)}
	}
	return verdict{gen: knowledge.Generated{Text: text, Cites: cites}}
}

// splitSources separates the reply from its last SOURCES line and returns
// the cited ids, de-duplicated in order.
func splitSources(reply string) (text string, cites []string, ok bool) {
	lines := strings.Split(reply, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		m := sourcesRe.FindStringSubmatch(strings.TrimSpace(lines[i]))
		if m == nil {
			if strings.TrimSpace(lines[i]) == "" {
				continue
			}
			return "", nil, false
		}
		seen := map[string]bool{}
		for _, f := range strings.FieldsFunc(m[1], func(r rune) bool {
			return r == ',' || r == '、' || r == '，' || r == ';' || unicode.IsSpace(r)
		}) {
			f = strings.Trim(f, "[]()`'\".*_")
			if f != "" && !seen[f] {
				seen[f] = true
				cites = append(cites, f)
			}
		}
		return strings.TrimSpace(strings.Join(lines[:i], "\n")), cites, true
	}
	return "", nil, false
}

// ungrounded returns the first fact in text that the corpus does not hold,
// or "" when every fact is grounded.
func ungrounded(text string, c *corpus) string {
	for _, n := range textnorm.ExtractNumbers(stripUnits(text)) {
		if !c.hasNumber(n.Value) {
			return "number " + n.Text
		}
	}
	low := strings.ToLower(text)
	for _, e := range emailRe.FindAllString(low, -1) {
		if !strings.Contains(c.lower, e) {
			return "e-mail " + e
		}
	}
	for _, u := range webRe.FindAllString(low, -1) {
		u = strings.TrimRight(u, ".,;:!?)）」")
		u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		if !strings.Contains(c.lower, strings.TrimSuffix(u, "/")) {
			return "web address " + u
		}
	}
	for _, p := range phoneRe.FindAllString(text, -1) {
		if d := phoneDigits(p); !c.hasPhone(d) {
			return "phone " + p
		}
	}
	if w := unknownName(text, c); w != "" {
		return "name " + w
	}
	return ""
}

func (c *corpus) hasNumber(v float64) bool {
	for _, a := range c.numbers {
		if a == v || math.Abs(a-v) <= 1e-9*math.Max(math.Abs(a), math.Abs(v)) {
			return true
		}
	}
	return false
}

// unitRe matches square and cubic units, whose exponent is not a figure.
var unitRe = regexp.MustCompile(`\b(k?m|ft)[²³23]\b|(k?m|ft)[²³]`)

// stripUnits drops the exponents of area and volume units ("m2", "km²").
func stripUnits(s string) string { return unitRe.ReplaceAllString(s, "$1$2") }

var (
	emailRe = regexp.MustCompile(`[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}`)
	webRe   = regexp.MustCompile(`(?:https?://|www\.)[^\s<>"'、。）)]+|\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:vn|com|org|net|jp|kr|gov|info|io)\b(?:/[^\s<>"'、。）)]*)?`)
	phoneRe = regexp.MustCompile(`(?:\+\d|\(?0\d)[\d\s().\-]{5,}\d`)
)

// phoneDigits keeps the digits of a phone number, with Vietnam's country
// code written as the trunk prefix so that +84 237 … equals 0237 ….
func phoneDigits(p string) string {
	var b strings.Builder
	for _, r := range p {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if strings.HasPrefix(strings.TrimSpace(p), "+84") || strings.HasPrefix(d, "84") && len(d) >= 11 {
		d = "0" + strings.TrimPrefix(d, "84")
	}
	return d
}

// hasPhone reports whether d is a phone number of the corpus. Short digit
// runs (dates, "0.5%") are not phone numbers and are left to the number
// check.
func (c *corpus) hasPhone(d string) bool {
	if len(d) < 9 {
		return true
	}
	for _, p := range c.phones {
		if strings.Contains(p, d) {
			return true
		}
	}
	return false
}

// unknownName returns the first capitalised Latin word or katakana run in
// text that the corpus does not contain.
func unknownName(text string, c *corpus) string {
	var word []rune
	flush := func() string {
		defer func() { word = word[:0] }()
		if len(word) == 0 || !unicode.IsUpper(word[0]) {
			return ""
		}
		w := textnorm.Normalize(string(word))
		for _, part := range strings.Fields(w) {
			if !c.words[part] && !commonCapitals[part] {
				return string(word)
			}
		}
		return ""
	}
	var kata []rune
	flushKata := func() string {
		defer func() { kata = kata[:0] }()
		if len(kata) < 3 {
			return ""
		}
		if !strings.Contains(c.folded, textnorm.Normalize(string(kata))) {
			return string(kata)
		}
		return ""
	}
	for _, r := range text + " " {
		if isKatakana(r) {
			kata = append(kata, r)
		} else if w := flushKata(); w != "" {
			return w
		}
		if unicode.Is(unicode.Latin, r) || (len(word) > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))) {
			word = append(word, r)
			continue
		}
		if w := flush(); w != "" {
			return w
		}
	}
	return ""
}

func isKatakana(r rune) bool {
	return (r >= 0x30A1 && r <= 0x30FA) || r == 0x30FC || (r >= 0xFF66 && r <= 0xFF9D)
}

// contentTerms returns the terms of s that carry topic: words without stop
// words, kanji/katakana and Hangul bigrams; hiragana-only bigrams (particles
// and endings), word pairs and bare numbers are left out.
func contentTerms(s string) []string {
	var out []string
	for _, t := range knowledge.Tokens(s) {
		if strings.Contains(t, "_") || allRunes(t, isHiragana) || allRunes(t, unicode.IsDigit) {
			continue
		}
		out = append(out, t)
	}
	return out
}

func isHiragana(r rune) bool { return r >= 0x3040 && r <= 0x309F }

func allRunes(s string, f func(rune) bool) bool {
	for _, r := range s {
		if !f(r) {
			return false
		}
	}
	return true
}

// support is the share of text's content terms found in terms; a text with
// no content terms is fully supported.
func support(text string, terms map[string]bool) float64 {
	ts := contentTerms(text)
	if len(ts) == 0 {
		return 1
	}
	n := 0
	for _, t := range ts {
		if terms[t] {
			n++
		}
	}
	return float64(n) / float64(len(ts))
}

// copiedRun returns the first run of n consecutive words of src that text
// repeats and allowed (folded, space-padded) does not contain, or "".
func copiedRun(src, text string, n int, allowed string) string {
	sw := strings.Fields(textnorm.Normalize(src))
	tw := " " + textnorm.Normalize(text) + " "
	for i := 0; i+n <= len(sw); i++ {
		run := strings.Join(sw[i:i+n], " ")
		if strings.Contains(tw, " "+run+" ") && !strings.Contains(allowed, " "+run+" ") {
			return run
		}
	}
	return ""
}
