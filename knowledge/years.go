package knowledge

import (
	"github.com/thanhhoa/investbot"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Years decide between sibling entries: "exports in 2025" is the 2025
// figure, not the 2021–2025 total, and "exports by 2030" is the target.
// An entry's years come from its English title (titles state the period
// an entry is about); single years and ranges ("2021–2025") are kept.

type yearSpan struct{ from, to int }

var (
	reYearRange = regexp.MustCompile(`\b((?:19|20)\d\d)\s*[–—-]\s*((?:19|20)\d\d)\b`)
	reYear      = regexp.MustCompile(`\b(?:19|20)\d\d\b`)
)

// reShortYears is a range of years written with two digits and a year
// word or apostrophes ("21~25년", "21〜25年", "'21-'25").
var reShortYears = regexp.MustCompile(`(^|[^0-9.,'])('?)([0-9]{2})\s*(?:年|년)?\s*[~〜～\-–—]\s*('?)([0-9]{2})(\s*(?:年|년)|\b)`)

// fullYears writes the two-digit year ranges of text in full ("21~25년 수출액"
// → "2021~2025년 수출액"), so that the period is read as the years it names:
// a range of this century's years (2010–2039, the later second) with a year
// word after it or an apostrophe before each; "3~5년" (years of a tax
// holiday) and "10-20%" are left alone.
func fullYears(text string) string {
	if !strings.ContainsAny(text, "~〜～-–—") || !reShortYears.MatchString(text) {
		return text
	}
	return reShortYears.ReplaceAllStringFunc(text, func(m string) string {
		sm := reShortYears.FindStringSubmatch(m)
		a, _ := strconv.Atoi(sm[3])
		b, _ := strconv.Atoi(sm[5])
		marked := sm[2] != "" && sm[4] != "" || sm[6] != ""
		if !marked || a < 10 || b > 39 || a >= b {
			return m
		}
		return sm[1] + "20" + sm[3] + "~20" + sm[5] + sm[6]
	})
}

// titleYears returns the years and ranges an English title names.
func titleYears(title string) []yearSpan {
	var out []yearSpan
	for _, m := range reYearRange.FindAllStringSubmatch(title, -1) {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		out = append(out, yearSpan{a, b})
	}
	rest := reYearRange.ReplaceAllString(title, " ")
	for _, m := range reYear.FindAllString(rest, -1) {
		y, _ := strconv.Atoi(m)
		out = append(out, yearSpan{y, y})
	}
	return out
}

// queryYears returns the distinct years (1900–2099) a normalised question
// names, at most 4.
func queryYears(norm string) []int {
	var out []int
	for _, m := range reYear.FindAllString(norm, 8) {
		y, _ := strconv.Atoi(m)
		dup := false
		for _, x := range out {
			dup = dup || x == y
		}
		if !dup && len(out) < 4 {
			out = append(out, y)
		}
	}
	return out
}

// yearFit scales an entry's score by how well its period fits the years a
// question names: 1 when they agree or either names none, less when the
// question names a single year inside the entry's range, and least when
// it names a year the entry is not about.
func yearFit(spans []yearSpan, q []int) float32 {
	if len(spans) == 0 || len(q) == 0 {
		return 1
	}
	fit := float32(1)
	for _, y := range q {
		best := float32(0.6) // a year the entry is not about
		for _, s := range spans {
			switch {
			case s.from == s.to && y == s.from:
				best = 1
			case s.from != s.to && (y == s.from || y == s.to) && len(q) >= 2:
				best = max(best, 1)
			case s.from != s.to && y >= s.from && y <= s.to:
				best = max(best, 0.8)
			}
		}
		fit = min(fit, best)
	}
	return fit
}

// undatedSibling scales an undated candidate when a candidate of the same
// kind is about exactly the year the question names ("FDI registered in
// 2025": the 2025 figure, not the cumulative total).
const undatedSibling = 0.75

// preferDated applies undatedSibling to the candidates in rv and re-sorts.
func (ix *index) preferDated(rv *retrieval, q []int) {
	changed := false
	for i := 0; i < rv.ntop; i++ {
		ei := rv.top[i].entry
		if len(ix.years[ei]) > 0 {
			continue
		}
		for j := 0; j < rv.ntop; j++ {
			ej := rv.top[j].entry
			if j != i && ix.entKind[ej] == ix.entKind[ei] && len(ix.years[ej]) > 0 && yearFit(ix.years[ej], q) == 1 {
				rv.top[i].score *= undatedSibling
				changed = true
				break
			}
		}
	}
	if changed {
		rv.sortTop()
	}
}

// recentWords point at one recent year without naming it ("last year",
// "năm nay", "昨年", "작년", "newly licensed").
var recentWords = textnorm.FoldAll(wordLists("recent_words")...)

// preferUndated is preferDated's converse: a question that names no year
// and no recent period ("how many FDI projects does Thanh Hoa have") asks
// for the standing figure, so a single-year candidate is scaled by
// undatedSibling when an undated candidate of the same kind competes.
func (ix *index) preferUndated(rv *retrieval, norm string) {
	changed, checked := false, false
	for i := 0; i < rv.ntop; i++ {
		ei := rv.top[i].entry
		ys := ix.years[ei]
		if len(ys) != 1 || ys[0].from != ys[0].to {
			continue
		}
		// Most questions have no single-year candidate: scan for the
		// recent-period words only when one competes.
		if !checked {
			if textnorm.HasPhrase(norm, recentWords) {
				return
			}
			checked = true
		}
		for j := 0; j < rv.ntop; j++ {
			ej := rv.top[j].entry
			if j != i && ix.entKind[ej] == ix.entKind[ei] && len(ix.years[ej]) == 0 {
				rv.top[i].score *= undatedSibling
				changed = true
				break
			}
		}
	}
	if changed {
		rv.sortTop()
	}
}

// sortTop restores score order after candidates were rescaled.
func (rv *retrieval) sortTop() {
	top := rv.top[:rv.ntop]
	sort.SliceStable(top, func(a, b int) bool { return top[a].score > top[b].score })
}

// withFrameYear names the year a follow-up points back to ("total
// projects that year?" after the 2025 FDI figures): the one year the
// title of an entry the conversation showed is about (its entity's
// first, then the others shown), added to a question that holds a
// thatyear phrase and names no year, so that the figure of that year is
// found and judged. text unchanged otherwise.
func (kb *KB) withFrameYear(text string, f *investbot.Frame) string {
	if f == nil || reYear.MatchString(text) || !pointsToYear(text) {
		return text
	}
	for _, id := range append([]string{f.Entity}, f.Shown...) {
		e := kb.Entry(id)
		if e == nil {
			continue
		}
		if spans := titleYears(e.Title[investbot.EN]); len(spans) == 1 && spans[0].from == spans[0].to {
			return text + " " + strconv.Itoa(spans[0].from)
		}
	}
	return text
}
