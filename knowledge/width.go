package knowledge

import (
	"regexp"
	"strings"

	"golang.org/x/text/width"
)

// foldWidth returns text with its characters at their canonical width:
// full-width Latin letters, digits and marks made ASCII ("２０２４年" is
// "2024年", "ＦＤＩ？" is "FDI?", the ideographic space a space) and
// half-width katakana made full-width ("ﾀｲﾝﾎｱ" is "タインホア"). Years,
// figures and names are read off the raw text in places (years.go), so
// the width a keyboard typed them in must not change what they say.
func foldWidth(text string) string {
	if !strings.ContainsFunc(text, func(r rune) bool { return r == '\u3000' || r >= 0xFF00 && r <= 0xFFEF }) {
		return text
	}
	return width.Fold.String(text)
}

// repeatedMarks are runs of question and exclamation marks ("??", "?？",
// "!!!").
var repeatedMarks = regexp.MustCompile(`[?!？！]{2,}`)

// foldMarks returns text with each run of question and exclamation marks
// written as one mark, a question mark if the run holds one: "どっちが
// 古い？？" is one question, not a question and an empty sentence.
func foldMarks(text string) string {
	if !repeatedMarks.MatchString(text) {
		return text
	}
	return repeatedMarks.ReplaceAllStringFunc(text, func(run string) string {
		if strings.ContainsAny(run, "?？") {
			return "?"
		}
		return "!"
	})
}
