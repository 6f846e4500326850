package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxQueryRunes caps the text considered for a question, so that a
// forwarded e-mail or a pasted document costs bounded work; the question
// is almost always at the start.
const MaxQueryRunes = 2000

// Normalize folds s into the form the index is built from: NFKC (which
// composes like NFC and also folds full-width Latin and half-width
// katakana), lower case, Latin diacritics removed ("Nghi Sơn" → "nghi son",
// "đ" → "d"), punctuation, symbols and emoji turned into spaces, control and
// format characters and invalid UTF-8 dropped, runs of spaces collapsed.
// Only the first 2,000 runes of s are read.
func Normalize(s string) string {
	return NormalizeN(s, MaxQueryRunes)
}

// NormalizeN is Normalize with an explicit rune cap; limit <= 0 means no
// cap (used for the knowledge base's own text, which is bounded at load).
func NormalizeN(s string, limit int) string {
	s = Clip(s, limit)
	s = norm.NFKC.String(s)
	s = unitedStates(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
	dropped := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			dropped = true
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if r >= 0x80 && r < 0x2000 {
				b.WriteRune(latinFold[r])
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			space = false
		case unicode.Is(unicode.Mn, r):
			// Combining marks left after NFKC: keep them on CJK (they carry
			// meaning there), drop them elsewhere (stray Vietnamese tones).
			if r == 0x3099 || r == 0x309A {
				b.WriteRune(r)
			} else {
				dropped = true
			}
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			// Zero-width joiners, RTL marks, BOMs: nothing to read.
			if r == '\n' || r == '\t' || r == '\r' {
				if !space {
					b.WriteByte(' ')
					space = true
				}
			} else {
				dropped = true
			}
		default:
			// Punctuation, symbols, emoji, spaces.
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := b.String()
	if dropped {
		// A dropped character may have separated two that compose: a
		// half-width ﾄ, an escape and ﾞ leave ト and a voiced mark, which
		// must become ド now, or Normalize would not be idempotent.
		out = norm.NFKC.String(out)
	}
	return strings.TrimRight(out, " ")
}

// Clip returns the first limit runes of s with invalid bytes dropped.
func Clip(s string, limit int) string {
	if limit <= 0 {
		if utf8.ValidString(s) {
			return s
		}
		limit = len(s) + 1
	}
	n := 0
	for i := range s {
		if n == limit {
			s = s[:i]
			break
		}
		n++
	}
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "")
}

// latinFold maps every rune below U+2000 to its folded form: Latin letters
// lowered with diacritics stripped ("Ệ" → "e", "đ" → "d", "ơ" → "o";
// letters without a decomposition such as ø and ß are only lowered), other
// letters and digits lowered. It is computed once, like a Unicode table.
var latinFold = func() *[0x2000]rune {
	var t [0x2000]rune
	for r := rune(0); r < 0x2000; r++ {
		t[r] = foldLatin(r)
	}
	return &t
}()

func foldLatin(r rune) rune {
	switch r {
	case 'đ', 'Đ':
		return 'd'
	}
	r = unicode.ToLower(r)
	if r < 0x80 || !unicode.Is(unicode.Latin, r) {
		return r
	}
	var buf [8]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, c := range string(norm.NFD.Bytes(buf[:n])) {
		if !unicode.Is(unicode.Mn, c) {
			return unicode.ToLower(c)
		}
	}
	return r
}

// HasVietnameseMarks reports whether s contains letters only Vietnamese
// uses among our languages (ă â đ ê ô ơ ư, or a tone on a vowel).
func HasVietnameseMarks(r rune) bool {
	switch unicode.ToLower(r) {
	case 'ă', 'â', 'đ', 'ê', 'ô', 'ơ', 'ư':
		return true
	}
	if r < 0xC0 || !unicode.Is(unicode.Latin, r) {
		return false
	}
	// Vietnamese tones live in Latin Extended Additional (U+1EA0–U+1EF9)
	// and a few Latin-1 vowels with grave/acute/tilde.
	if r >= 0x1EA0 && r <= 0x1EF9 {
		return true
	}
	switch unicode.ToLower(r) {
	case 'à', 'á', 'ã', 'è', 'é', 'ì', 'í', 'ò', 'ó', 'õ', 'ù', 'ú', 'ý', 'ĩ', 'ũ':
		return true
	}
	return false
}

// unitedStates spells the country "US" / "U.S." as "USA" before case is
// folded: lower-cased, "US" would be the stop word "us", and "exports to
// the US" would lose its country.
func unitedStates(s string) string {
	if !strings.Contains(s, "US") && !strings.Contains(s, "U.S") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		n := 0
		switch {
		case strings.HasPrefix(s[i:], "U.S."):
			n = 4
		case strings.HasPrefix(s[i:], "U.S"):
			n = 3
		case strings.HasPrefix(s[i:], "US"):
			n = 2
		}
		if n > 0 && !isWordRune(LastRune(s[:i])) && !isWordRune(FirstRune(s[i+n:])) {
			b.WriteString("USA")
			if n == 4 {
				b.WriteByte(' ')
			}
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
