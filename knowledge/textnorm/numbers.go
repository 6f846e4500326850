package textnorm

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NumberValue is one numeric value found in a text, with the text it came
// from for messages.
type NumberValue struct {
	Value float64
	Text  string
}

// scale words after a number, folded (Latin ones without diacritics).
var latinScales = map[string]float64{
	"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"bn": 1e9, "mn": 1e6, "m": 0, // "m" is a unit, not a scale: listed to stop nothing
	"nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9, "ti": 1e9,
}

var cjkScales = map[rune]float64{
	'千': 1e3, '万': 1e4, '億': 1e8, '兆': 1e12,
	'천': 1e3, '만': 1e4, '억': 1e8, '조': 1e12,
}

var months = map[string]float64{
	"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
	"August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}

// ExtractNumbers finds the numeric values in text as a reader would: it
// understands both decimal conventions ("7.3" and "7,3"; a separator
// followed by exactly three digits groups thousands: "137,000" =
// "137.000"), scale words in the four languages ("15.6 billion" = "15,6 tỷ"
// = "156億" = "156억"), compound CJK numbers ("16億4000万"), and English
// month names (May = 5). Parts of law numbers ("67/2025/QH15") are
// separate values.
func ExtractNumbers(text string) []NumberValue {
	s := norm.NFKC.String(text)
	var out []NumberValue
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= '0' && r <= '9' {
			// Digits glued to preceding letters ("QH15", "Q1") still count.
			v, j := parseDigits(s, i)
			start := i
			var cjkTotal float64
			isCJK := false
			for {
				// CJK scale right after: 156億, 16億4000万
				r2, sz2 := utf8.DecodeRuneInString(s[j:])
				if m, ok := cjkScales[r2]; ok {
					isCJK = true
					cjkTotal += v * m
					j += sz2
					// a following smaller part: 16億4000万 / 13만 7,000
					k := j
					if k < len(s) && s[k] == ' ' {
						k++
					}
					if k < len(s) && s[k] >= '0' && s[k] <= '9' {
						v2, k2 := parseDigits(s, k)
						r3, _ := utf8.DecodeRuneInString(s[k2:])
						if m3, ok := cjkScales[r3]; ok && m3 < m {
							v, j = v2, k2
							continue
						}
						if m >= 1e4 && v2 < m { // 13万7000, 13만 7,000
							cjkTotal += v2
							j = k2
						}
					}
					break
				}
				break
			}
			if isCJK {
				v = cjkTotal
			} else {
				v, j = applyLatinScale(s, j, v)
			}
			out = append(out, NumberValue{Value: RoundSig(v), Text: strings.TrimSpace(s[start:j])})
			i = j
			continue
		}
		if unicode.IsUpper(r) {
			j := i + size
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += sz
			}
			if m, ok := months[s[i:j]]; ok && (i == 0 || !isLetterBefore(s, i)) {
				out = append(out, NumberValue{Value: m, Text: s[i:j]})
			}
			i = j
			continue
		}
		i += size
	}
	return out
}

func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

// parseDigits reads a number with optional separators starting at s[i]
// (a digit) and returns its value and the end offset.
func parseDigits(s string, i int) (float64, int) {
	j := i
	var groups []string
	var seps []byte
	for {
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		groups = append(groups, s[j:k])
		j = k
		if j+1 < len(s) && (s[j] == '.' || s[j] == ',') && s[j+1] >= '0' && s[j+1] <= '9' {
			seps = append(seps, s[j])
			j++
			continue
		}
		break
	}
	var intPart, frac string
	switch {
	case len(seps) == 0:
		intPart = groups[0]
	case len(seps) == 1:
		if len(groups[1]) == 3 {
			intPart = groups[0] + groups[1]
		} else {
			intPart, frac = groups[0], groups[1]
		}
	default:
		last := seps[len(seps)-1]
		allSame := true
		for _, c := range seps {
			if c != last {
				allSame = false
			}
		}
		if allSame {
			intPart = strings.Join(groups, "")
		} else {
			intPart = strings.Join(groups[:len(groups)-1], "")
			frac = groups[len(groups)-1]
		}
	}
	txt := intPart
	if frac != "" {
		txt += "." + frac
	}
	v, err := strconv.ParseFloat(txt, 64)
	if err != nil {
		return 0, j
	}
	return v, j
}

// applyLatinScale multiplies v by the scale words that follow s[j:] ("15.6
// billion", "2 nghìn tỷ") and returns the new end offset.
func applyLatinScale(s string, j int, v float64) (float64, int) {
	for n := 0; n < 2; n++ {
		k := j
		for k < len(s) && s[k] == ' ' {
			k++
		}
		e := k
		for e < len(s) {
			r, sz := utf8.DecodeRuneInString(s[e:])
			if !unicode.IsLetter(r) {
				break
			}
			e += sz
		}
		if e == k {
			break
		}
		w := NormalizeN(s[k:e], 0)
		m, ok := latinScales[w]
		if !ok || m == 0 {
			break
		}
		v *= m
		j = e
	}
	return v, j
}

// RoundSig rounds to 9 significant digits so that 15.6e9 from "15.6
// billion" equals 156e8 from "156億".
func RoundSig(v float64) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	d := math.Ceil(math.Log10(math.Abs(v)))
	p := math.Pow(10, 9-d)
	return math.Round(v*p) / p
}
