package main

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// A reply may write a figure with other units than the fact it is judged
// on: "135億7000万ドル" states the fact "135.7億", "13万7000人" the fact
// "137000", "13.57 billion" the fact "135.7억". So a fact that is a figure
// alone also matches a figure of equal value in the reply. Both sides are
// read after foldForFacts, so separators are gone and a decimal comma is a
// point.

// bigUnits are the units after which another, smaller part of the same
// figure may follow ("135億7000万", "1억 3천만", "13 tỷ 570 triệu").
var bigUnits = map[string]float64{
	"万": 1e4, "萬": 1e4, "億": 1e8, "亿": 1e8, "兆": 1e12,
	"만": 1e4, "억": 1e8, "조": 1e12,
	"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9,
	"nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9,
}

// smallUnits multiply the digits before a big unit ("3천만" = 3×1000×10⁴).
var smallUnits = map[string]float64{"千": 1e3, "천": 1e3, "百": 100, "백": 100}

// quantity is a figure found in a text, with the rune span it covers.
type quantity struct {
	value      float64
	start, end int
	unit       bool // written with a unit, not digits alone
}

// quantities reads every figure of a folded text.
func quantities(s string) []quantity {
	rs := []rune(s)
	var qs []quantity
	for i := 0; i < len(rs); {
		if !isDigit(rs[i]) || (i > 0 && (isDigit(rs[i-1]) || rs[i-1] == '.')) {
			i++
			continue
		}
		q := readQuantity(rs, i)
		qs = append(qs, q)
		i = q.end
	}
	return qs
}

// readQuantity reads the figure starting at rs[i]: parts of a number and a
// unit each, every unit smaller than the one before, and a last part of
// digits alone after a big unit ("13万7000").
func readQuantity(rs []rune, i int) quantity {
	q := quantity{start: i}
	last := math.Inf(1)
	for {
		n, j := readNumber(rs, i)
		if j == i {
			break
		}
		k, end := skipSpaces(rs, j), j
		if m, w := unitAt(rs, k, smallUnits); w > 0 {
			n *= m
			end = k + w // "13만 7천": the small unit is part of the figure
			k = skipSpaces(rs, end)
		}
		m, w := unitAt(rs, k, bigUnits)
		if w == 0 || m >= last {
			if q.unit && n >= last {
				break // "億5000万": a bare part must be smaller than the last unit
			}
			q.value += n
			q.end = end
			break
		}
		q.value += n * m
		q.unit = true
		last = m
		q.end = k + w
		i = skipSpaces(rs, q.end)
		if i >= len(rs) || !isDigit(rs[i]) {
			break
		}
	}
	if q.end == q.start {
		n, j := readNumber(rs, q.start)
		q.value, q.end = n, j
	}
	return q
}

// readNumber reads digits with at most one decimal point.
func readNumber(rs []rune, i int) (float64, int) {
	j, dot := i, false
	for j < len(rs) && (isDigit(rs[j]) || rs[j] == '.' && !dot && j+1 < len(rs) && isDigit(rs[j+1]) && j > i) {
		if rs[j] == '.' {
			dot = true
		}
		j++
	}
	if j == i {
		return 0, i
	}
	v, err := strconv.ParseFloat(string(rs[i:j]), 64)
	if err != nil {
		return 0, i
	}
	return v, j
}

func skipSpaces(rs []rune, i int) int {
	for i < len(rs) && rs[i] == ' ' {
		i++
	}
	return i
}

// unitAt returns the multiplier and rune width of the unit of units at
// rs[i]; a unit written in Latin letters must end its word.
func unitAt(rs []rune, i int, units map[string]float64) (float64, int) {
	best, width := 0.0, 0
	for u, m := range units {
		ur := []rune(u)
		if i+len(ur) > len(rs) || string(rs[i:i+len(ur)]) != u || len(ur) <= width {
			continue
		}
		if unicode.Is(unicode.Latin, ur[0]) && i+len(ur) < len(rs) && unicode.IsLetter(rs[i+len(ur)]) {
			continue
		}
		best, width = m, len(ur)
	}
	return best, width
}

// figureOnly returns the value of a fact that is one figure and nothing
// else but symbols (no other letters or digits).
func figureOnly(fact string) (float64, bool) {
	qs := quantities(fact)
	if len(qs) != 1 {
		return 0, false
	}
	rs := []rune(fact)
	rest := string(rs[:qs[0].start]) + string(rs[qs[0].end:])
	if strings.IndexFunc(rest, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
		return 0, false
	}
	return qs[0].value, true
}

// sameFigure reports whether the folded text holds a figure whose value
// equals that of fact, when fact is a figure alone.
func sameFigure(hay, fact string) bool {
	v, ok := figureOnly(fact)
	if !ok || v == 0 {
		return false
	}
	scaled := v >= 1000 && v == math.Trunc(v) && !strings.Contains(fact, ".")
	for _, q := range quantities(hay) {
		if math.Abs(q.value-v) <= 1e-9*math.Abs(v) {
			return true
		}
		if scaled && q.unit {
			for m := 1e3; m <= 1e12; m *= 1e3 {
				if math.Abs(q.value-v*m) <= 1e-9*v*m {
					return true
				}
			}
		}
	}
	return false
}

// A bare whole figure of four digits or more ("2,686", read from "2.686 tỷ
// đồng") is a count of some unit the set leaves unsaid; a reply that
// writes it with units of its own ("2조 6,860억 동", "2.686 trillion")
// states the same figure, so a unit-written figure equal to it times a
// power of a thousand matches it. Decimals and short figures ("13.7",
// "17") keep their exact value: there the unit says which figure it is.

// A fact may also cut a figure short after its big unit, as Korean and
// Japanese writers do: "135억 7" for 135억 7천만, "13만 7" for 13만 7천.
// A reply that writes the rest of that part out ("135억 7,000만 달러",
// "13만 7,000명") states it; the same reply does not state "135억 8" or,
// with the part one digit longer than the unit allows, "13만 7" in
// "13만 70000".

// truncatedFigure reports whether the folded text holds fact, when fact
// ends in a big unit and digits, followed by digits (and a smaller unit)
// that complete a part smaller than that unit.
func truncatedFigure(hay, fact string) bool {
	hay, fact = joinAfterUnits(hay), joinAfterUnits(fact)
	fr := []rune(fact)
	d := len(fr)
	for d > 0 && isDigit(fr[d-1]) {
		d--
	}
	if d == len(fr) || d == 0 {
		return false
	}
	u := d
	big := 0.0
	for unit, m := range bigUnits {
		ur := []rune(unit)
		if u >= len(ur) && string(fr[u-len(ur):u]) == unit && !unicode.Is(unicode.Latin, ur[0]) {
			big = m
		}
	}
	if big == 0 {
		return false
	}
	head := string(fr[:d])
	for off := 0; ; {
		i := strings.Index(hay[off:], fact)
		if i < 0 {
			return false
		}
		i += off
		rest := []rune(hay[i+len(head):])
		n, j := readNumber(rest, 0)
		k := skipSpaces(rest, j)
		if m, w := unitAt(rest, k, bigUnits); w > 0 && m < big {
			n *= m
		}
		if j > 0 && n < big && (i == 0 || !isDigit(rune(hay[i-1]))) {
			return true
		}
		off = i + 1
		for off < len(hay) && !utf8RuneStart(hay[off]) {
			off++
		}
	}
}

// joinAfterUnits drops a space between a CJK big unit and the digits of
// the next part ("13만 7000" → "13만7000"), which writers put or leave out.
func joinAfterUnits(s string) string {
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && isDigit(rs[i+1]) && strings.ContainsRune("万萬億亿兆만억조", rs[i-1]) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}
