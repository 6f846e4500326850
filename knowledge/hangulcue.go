package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Korean writes a word and its particles as one ("성은", "제약", "에너지"),
// so a one-syllable cue word read as a substring matches inside other
// words: the filler "성" (the province) in "성장률", "약" (about) in
// "제약", the particle "에" in "재생에너지". A one-syllable Hangul cue is
// therefore read against the word's shape, with the particles and endings
// of words/ko.yaml (`endings`) as the data that says what may follow a
// word: a particle or ending ("은", "에", "요") ends a word; any other
// syllable ("성", "약", "넓") starts one, and what follows it in the word
// is nothing or an ending or two ("성의", "넓은가요"). Longer cue words keep
// matching inside a word: Korean joins nouns into compounds ("투자규모",
// "부지면적") whose parts are the cue words.

// koreanSuffixSet is koreanSuffixes as a set.
var koreanSuffixSet = textnorm.SetOf(strings.Join(koreanSuffixes, " "))

// oneHangul reports whether p is one Hangul syllable.
func oneHangul(p string) bool {
	r, n := utf8.DecodeRuneInString(p)
	return n == len(p) && isHangul(r)
}

// hangulCueSpans returns the byte spans of norm where the one-syllable
// Hangul cue p stands as a word of its own: a particle or ending at a
// word's end, another syllable at a word's start followed by nothing or
// an ending. The span covers the word's ending too, which says nothing
// of its own once the cue is read.
func hangulCueSpans(norm, p string) [][2]int {
	var out [][2]int
	particle := koreanSuffixSet[p]
	for off := 0; off < len(norm); {
		i := strings.Index(norm[off:], p)
		if i < 0 {
			break
		}
		i += off
		j := i + len(p)
		off = j
		start := i == 0 || !isHangul(textnorm.LastRune(norm[:i]))
		end := j
		for end < len(norm) {
			r, n := utf8.DecodeRuneInString(norm[end:])
			if !isHangul(r) {
				break
			}
			end += n
		}
		switch {
		case particle && end == j:
			out = append(out, [2]int{i, j})
		case start && (end == j || koreanEnding(norm[j:end])):
			out = append(out, [2]int{i, end})
		}
	}
	return out
}

// koreanEnding reports whether s is one particle or ending of
// words/ko.yaml, or two in a row ("은가요", "에서는").
func koreanEnding(s string) bool {
	if koreanSuffixSet[s] {
		return true
	}
	for i := range s {
		if i > 0 && koreanSuffixSet[s[:i]] && koreanSuffixSet[s[i:]] {
			return true
		}
	}
	return false
}

// hasCue is textnorm.HasPhrase for the question's cue words: a
// one-syllable Hangul cue counts only where it stands as a word.
func hasCue(norm string, phrases []string) bool {
	for _, p := range phrases {
		if oneHangul(p) {
			if len(hangulCueSpans(norm, p)) > 0 {
				return true
			}
			continue
		}
		if textnorm.HasPhrase(norm, []string{p}) {
			return true
		}
	}
	return false
}

// blankHangulCue replaces with a space each place of rest where the
// one-syllable Hangul cue p stands as a word (stripCues).
func blankHangulCue(rest, p string) string {
	spans := hangulCueSpans(rest, p)
	if len(spans) == 0 {
		return rest
	}
	var b strings.Builder
	last := 0
	for _, s := range spans {
		b.WriteString(rest[last:s[0]])
		b.WriteByte(' ')
		last = s[1]
	}
	b.WriteString(rest[last:])
	return b.String()
}

// cueSpans returns the byte spans of norm where the cue phrase p is read:
// whole words for a Latin phrase, a one-syllable Hangul cue as a word,
// anywhere for others.
func cueSpans(norm, p string) [][2]int {
	if oneHangul(p) {
		return hangulCueSpans(norm, p)
	}
	latin := p[0] < 0x80
	var out [][2]int
	for off := 0; off < len(norm); {
		i := strings.Index(norm[off:], p)
		if i < 0 {
			break
		}
		i += off
		j := i + len(p)
		off = i + 1
		if latin && ((i > 0 && textnorm.IsLatinAlnum(textnorm.LastRune(norm[:i]))) || (j < len(norm) && textnorm.IsLatinAlnum(textnorm.FirstRune(norm[j:])))) {
			continue
		}
		out = append(out, [2]int{i, j})
	}
	return out
}

// cueCompounds are the compounds of words/*.yaml `cue_compounds`: words
// that hold a cue word and mean something else ("우선순위", priority, holds
// "순위", rank).
var cueCompounds = textnorm.FoldAll(wordLists("cue_compounds")...)

// maskCompounds blanks the cue compounds of norm, for reading what a
// question asks (its aspects and facts), not its subject words.
func maskCompounds(norm string) string {
	for _, c := range cueCompounds {
		if strings.Contains(norm, c) {
			norm = strings.ReplaceAll(norm, c, strings.Repeat(" ", len(c)))
		}
	}
	return norm
}
