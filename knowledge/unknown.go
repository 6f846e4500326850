package knowledge

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// unknownPrefix marks a Missing that names something the question asks
// about and the knowledge base never mentions ("KOTRA", "Bac Ninh").
const unknownPrefix = "name:"

// maxUnknownWords is the longest question whose unknown name is taken to
// be its subject: in a longer message a name is usually the asker's own
// company or town, told in passing.
const maxUnknownWords = 14

// maxUnknownRunes bounds the same in runes, for Japanese and Korean,
// whose words spaces do not count.
const maxUnknownRunes = 60

// unknownName returns a name the question holds — an acronym, a run of
// capitalised Latin words not at a sentence's start, a katakana word —
// that no entry's text, title, keyword or alias mentions and that is no
// typo of a word they hold, or "". Retrieval matches such a question on
// its other words and answers about something else ("KOTRA 사무소 연락처는?"
// with JETRO's contact): the name is a constraint no entry covers.
func (kb *KB) unknownName(q *question) string {
	if q.focus != "" || textnorm.WordCount(q.norm) > maxUnknownWords || utf8.RuneCountInString(q.norm) > maxUnknownRunes {
		return ""
	}
	if !q.short() && len(factsAsked(q)) == 0 && len(q.readAspects()) == 0 {
		// A longer question asking no fact of it names it as the
		// asker's context: "why should we pick Thanh Hoa instead of Bac
		// Ninh?", "can we bring machines from Taiwan duty free?".
		return ""
	}
	// Japanese and Korean capitalise no sentence: a capitalised Latin word
	// there is a name wherever it stands ("Foxconn 사무소 연락처는?").
	cands := nameCandidates(askingText(q.text), q.detected == investbot.JA || q.detected == investbot.KO, q.detected == investbot.VI)
	if len(cands) == 0 {
		return ""
	}
	// Cue words of any language ("CEO" in "WHAのCEOは誰？") ask about a
	// name; they are none.
	topic := " " + stripCues(q.norm, allCues) + " "
	for _, n := range cands {
		if !kb.knowsName(n, topic) {
			return n
		}
	}
	return ""
}

// vietSyllableRe is one Vietnamese syllable with its marks removed: an
// initial consonant (cluster), a vowel run, a final consonant.
var vietSyllableRe = regexp.MustCompile(`^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$`)

// vietSyllable reports whether w could be one Vietnamese syllable.
func vietSyllable(w string) bool {
	return vietSyllableRe.MatchString(strings.ReplaceAll(textnorm.Normalize(w), "đ", "d"))
}

// ordinaryNames are words written with a capital that name nothing the
// knowledge base could lack ("LLC", "Saturday", "Quý Sở" of a letter).
var ordinaryNames = textnorm.SetOf(textnorm.NormalizeN(joinedWords("ordinary_names"), 0))

// allCues is every language's cue set.
var allCues = func() []*cueSet {
	var out []*cueSet
	for _, l := range investbot.Langs {
		if cs, ok := cues[l]; ok {
			out = append(out, cs)
		}
	}
	return out
}()

// askingText is the sentences of text that end in a question mark, or
// all of text when none does: "KOCHAM here. How much Korean investment is
// there?" names the asker in passing and asks about Korea.
func askingText(text string) string {
	var b strings.Builder
	start := 0
	for i, r := range text {
		switch r {
		case '.', '!', '\n', '。', '！':
			start = i + utf8.RuneLen(r)
		case '?', '？':
			b.WriteString(text[start:i])
			b.WriteString(" ? ")
			start = i + utf8.RuneLen(r)
		}
	}
	if b.Len() == 0 {
		return text
	}
	return b.String()
}

// knowsName reports whether name n (as written in the question) is known:
// a cue word (absent from topic, the question without its cue words),
// mentioned by some entry whole, a typo of a word an entry holds, or a
// run of words holding a name the gazetteer knows whose other words the
// entries hold ("WHA Industrial Development", "TP Seongnam"). Two words
// the entries hold apart ("Bac" of Bắc, "Ninh" of another place) are not
// one name they know.
func (kb *KB) knowsName(n, topic string) bool {
	var kept []string
	for _, w := range strings.Fields(textnorm.NormalizeN(n, 0)) {
		if !ordinaryNames[w] {
			kept = append(kept, w)
		}
	}
	// A slip of a word the entries hold is read as the question's
	// reading reads it ("Nghi Sonn"); a name no entry holds is one slip
	// from no word of theirs, or from too many ("KOTRA", "Bac Ninh").
	norm := kb.respellLatin(strings.Join(kept, " "), n)
	if norm == "" || isDigits(strings.ReplaceAll(norm, " ", "")) || kb.mentionedAnywhere(norm) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(norm); r >= 0x80 {
		return !strings.Contains(topic, norm) || kb.katakanaTypo(norm)
	}
	words := strings.Fields(norm)
	if len(words) == 1 {
		if !strings.Contains(topic, " "+norm+" ") || factWord(norm) {
			return true
		}
		// "Sumitommo": a typo of a name the sources give.
		return kb.typoOfName(norm)
	}
	// Read the run as names the entries hold (two words or more, or
	// one the gazetteer knows) and words they hold between them.
	names := 0
	for i := 0; i < len(words); {
		j := len(words)
		for ; j > i+1 && !kb.mentionedAnywhere(strings.Join(words[i:j], " ")); j-- {
		}
		w := words[i]
		switch {
		case j > i+1 || kb.isName(w):
			names++
		case kb.typoOfName(w):
			// "Mittelsachen Đức": a typo of a name.
			names++
		case !kb.mentionedAnywhere(w) && strings.Contains(topic, " "+w+" "):
			return false
		}
		i = max(j, i+1)
	}
	return names > 0
}

// typoOfName reports whether the Latin word w of a run of capitalised
// words, which no entry holds, is a typo of a word an entry's own text
// holds (one edit for 5–7 letters, two for longer, the first letter
// kept): a name misspelt ("Mittelsachen"). The index's own correction
// cannot tell: an example question may hold the typo itself.
func (kb *KB) typoOfName(w string) bool {
	if len(w) < 5 || kb.mentionedAnywhere(w) {
		return false
	}
	maxD := 1
	if len(w) >= 8 {
		maxD = 2
	}
	for _, b := range kb.idx.blob {
		for _, bw := range strings.Fields(b) {
			if bw[0] == w[0] && editDistance(w, bw, maxD) <= maxD {
				return true
			}
		}
	}
	return false
}

// factWord reports whether w is a word a fact's value is written with in
// any language ("Nov" of a date).
func factWord(w string) bool {
	for _, cs := range allCues {
		for _, fs := range cs.facts {
			if slices.Contains(fs.words, w) || slices.Contains(fs.units, w) {
				return true
			}
		}
	}
	return false
}

// isName reports whether the gazetteer reads w whole as a name.
func (kb *KB) isName(w string) bool {
	hits := kb.gaz.find(w, nil)
	return len(hits) == 1 && hits[0].start == 0 && hits[0].end == len(w)
}

// katakanaTypo reports whether the katakana word w is one rune away from
// a katakana word some entry holds ("タンホア" for "タインホア").
func (kb *KB) katakanaTypo(w string) bool {
	n := utf8.RuneCountInString(w)
	if n < 4 {
		return false
	}
	for i := range kb.entries {
		blob := kb.idx.blob[i]
		for j := 0; j < len(blob); {
			r, size := utf8.DecodeRuneInString(blob[j:])
			if !isKatakanaMark(r) {
				j += size
				continue
			}
			k := j
			for k < len(blob) {
				c, s := utf8.DecodeRuneInString(blob[k:])
				if !isKatakanaMark(c) {
					break
				}
				k += s
			}
			if m := utf8.RuneCountInString(blob[j:k]); m >= n-1 && m <= n+1 && runeDistance(w, blob[j:k]) <= 1 {
				return true
			}
			j = k
		}
	}
	return false
}

// runeDistance is the Levenshtein distance between a and b in runes.
func runeDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// mentionedAnywhere reports whether any entry mentions the normalised
// phrase p (katakana within a longer katakana word too: "スマートテクノロジー"
// of "WHAスマートテクノロジー工業団地").
func (kb *KB) mentionedAnywhere(p string) bool {
	r, _ := utf8.DecodeRuneInString(p)
	if r < 0x80 {
		// Every letter run of p stands whole in the text that holds p:
		// only the entries holding its rarest word may, and a word no
		// entry holds rules the name out at once.
		var fewest []int32
		words := 0
		for w := range latinWordsSeq(p) {
			es := kb.blobWords[w]
			if len(es) == 0 {
				return false
			}
			if words == 0 || len(es) < len(fewest) {
				fewest = es
			}
			words++
		}
		if words > 0 {
			return slices.ContainsFunc(fewest, func(i int32) bool { return kb.mentions(i, p) })
		}
	}
	for i := range kb.entries {
		if kb.mentions(int32(i), p) || (isKatakanaMark(r) && strings.Contains(kb.idx.blob[i], p)) {
			return true
		}
	}
	return false
}

// nameCandidates returns the name-like spans of text: acronyms (two or
// more capital Latin letters), runs of capitalised Latin words that do
// not start a sentence (anywhere: a Japanese or Korean question's), and
// katakana words of three or more runes before a name's suffix.
func nameCandidates(text string, anywhere, viet bool) []string {
	var out []string
	var run []string
	flush := func() {
		if len(run) > 0 {
			out = append(out, strings.Join(run, " "))
			run = run[:0]
		}
	}
	sentenceStart := true
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isKatakanaMark(r):
			flush()
			j := i
			for j < len(text) {
				c, s := utf8.DecodeRuneInString(text[j:])
				if !isKatakanaMark(c) {
					break
				}
				j += s
			}
			w := strings.Trim(text[i:j], "・")
			if k := strings.LastIndex(w, "・"); k >= 0 {
				// "ロシア・トゥーラ州": the suffix names the last part.
				w = w[k+len("・"):]
			}
			if utf8.RuneCountInString(w) >= 3 && nameSuffixed(text[j:]) {
				out = append(out, w)
			}
			i, sentenceStart = j, false
		case unicode.Is(unicode.Latin, r):
			j := i
			for j < len(text) {
				c, s := utf8.DecodeRuneInString(text[j:])
				if !unicode.Is(unicode.Latin, c) && !unicode.IsDigit(c) && !unicode.Is(unicode.Mn, c) {
					break
				}
				j += s
			}
			if j+1 < len(text) && (text[j] == '\'' || strings.HasPrefix(text[j:], "’")) {
				// "People's": the possessive stays with its word.
				_, s := utf8.DecodeRuneInString(text[j:])
				if k := j + s; k < len(text) && text[k] == 's' {
					j = k + 1
				}
			}
			w := text[i:j]
			switch {
			case isAcronym(strings.TrimSuffix(w, "s")):
				// An acronym is a name of its own: "KCN Long Công
				// Thành" is a park's kind and its name.
				flush()
				out = append(out, strings.TrimSuffix(w, "s"))
			case capitals(w) > 1:
				// "EZs", "GĐ": an abbreviation too short to tell from
				// an ordinary word's.
				flush()
			case (anywhere || !sentenceStart || viet && !vietSyllable(w)) && unicode.IsUpper(r) && utf8.RuneCountInString(w) >= 2:
				// Vietnamese is written in syllables: a capitalised word
				// at a sentence's start that is none ("Samsung có nhà
				// máy…?") is a name.
				run = append(run, w)
			default:
				flush()
			}
			i, sentenceStart = j, false
		case r == ' ' || r == '\t':
			i += size
		default:
			flush()
			if strings.ContainsRune(".?!:;\n。？！「『(（\"“", r) {
				sentenceStart = true
			}
			i += size
		}
	}
	flush()
	return out
}

// nameSuffixes are the words that make the katakana word before them a
// place's or an organisation's name (バクニン省, ディープシー工業団地): a
// katakana word alone is as often an ordinary loanword (ランキング).
var nameSuffixes = phrases("name_suffixes")

// nameSuffixed reports whether after starts with one of nameSuffixes.
func nameSuffixed(after string) bool {
	for _, s := range nameSuffixes {
		if strings.HasPrefix(after, s) {
			return true
		}
	}
	return false
}

// capitals counts the upper-case letters of w.
func capitals(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// isAcronym reports whether w is three or more capital Latin letters (with
// digits: "G7S"), all capitals: two ("TP", "XK") are as often
// abbreviations of ordinary words.
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters >= 3
}

// isKatakanaMark reports whether r is a katakana letter or the long-vowel or
// middle-dot mark that joins katakana words.
func isKatakanaMark(r rune) bool {
	return unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '・'
}
