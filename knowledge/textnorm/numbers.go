package textnorm

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// NumberValue is one numeric value found in a text, with the text it came
// from for messages.
type NumberValue struct {
	Value float64
	Text  string
}

//go:embed scales.yaml
var scalesYAML []byte

// numberWords are the number words of scales.yaml: Latin scale words
// folded, CJK scale characters, English month names.
type numberWords struct {
	latin  map[string]float64
	cjk    map[rune]float64
	months map[string]float64
}

var latinScales, cjkScales, months = func() (map[string]float64, map[rune]float64, map[string]float64) {
	w, err := parseNumberWords(scalesYAML)
	if err != nil {
		// The file is embedded: a broken one is a build defect that
		// TestNumberWords reports; refusing to start says so at once.
		panic(err)
	}
	return w.latin, w.cjk, w.months
}()

// parseNumberWords reads scales.yaml.
func parseNumberWords(b []byte) (numberWords, error) {
	var f struct {
		Latin  map[string]map[string]float64 `yaml:"latin_scales"`
		CJK    map[string]map[string]float64 `yaml:"cjk_scales"`
		Months map[string]map[string]float64 `yaml:"months"`
	}
	if err := yaml.Unmarshal(b, &f); err != nil {
		return numberWords{}, fmt.Errorf("textnorm: scales.yaml: %w", err)
	}
	w := numberWords{latin: map[string]float64{}, cjk: map[rune]float64{}, months: map[string]float64{}}
	for _, ws := range f.Latin {
		for k, v := range ws {
			w.latin[NormalizeN(k, 0)] = v
		}
	}
	for lang, ws := range f.CJK {
		for k, v := range ws {
			r, size := utf8.DecodeRuneInString(k)
			if size != len(k) || v <= 0 {
				return numberWords{}, fmt.Errorf("textnorm: scales.yaml: %s: %q must be one character with a scale above 0", lang, k)
			}
			w.cjk[r] = v
		}
	}
	for _, ws := range f.Months {
		for k, v := range ws {
			w.months[k] = v
		}
	}
	if len(w.latin) == 0 || len(w.cjk) == 0 || len(w.months) == 0 {
		return numberWords{}, fmt.Errorf("textnorm: scales.yaml: a list is empty")
	}
	return w, nil
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
