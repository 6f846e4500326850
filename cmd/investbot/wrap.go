package main

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// wrap breaks each line of text so that none is wider than cols terminal
// columns (CJK characters take two), at spaces, or between CJK characters,
// which may break anywhere. A word longer than a line stands alone on its
// line. cols <= 0 leaves text as it is.
func wrap(text string, cols int) string {
	if cols <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = wrapLine(l, cols)
	}
	return strings.Join(lines, "\n")
}

func wrapLine(line string, cols int) string {
	if displayWidth(line) <= cols {
		return line
	}
	// Keep a line's indent ("  [1] …") on its continuation lines.
	indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
	if displayWidth(indent) >= cols/2 {
		indent = ""
	}
	var b strings.Builder
	used := 0
	pendingSpace := false
	for _, tok := range tokens(strings.TrimLeft(line, " ")) {
		if tok == " " {
			pendingSpace = used > 0
			continue
		}
		w := displayWidth(tok)
		space := 0
		if pendingSpace {
			space = 1
		}
		if used > 0 && used+space+w > cols {
			b.WriteString("\n" + indent)
			used = displayWidth(indent)
			space = 0
		} else if used == 0 {
			b.WriteString(indent)
			used = displayWidth(indent)
		}
		if space == 1 {
			b.WriteByte(' ')
		}
		b.WriteString(tok)
		used += space + w
		pendingSpace = false
	}
	return b.String()
}

// tokens splits a line into words, single spaces and single wide
// characters (each a place where the line may break). Closing punctuation
// stays with what it closes.
func tokens(line string) []string {
	var out []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			out = append(out, word.String())
			word.Reset()
		}
	}
	for _, r := range line {
		switch {
		case r == ' ':
			flush()
			out = append(out, " ")
		case isWide(r):
			if unicode.In(r, unicode.Pe, unicode.Po) && len(out) > 0 && word.Len() == 0 && out[len(out)-1] != " " {
				out[len(out)-1] += string(r)
				continue
			}
			flush()
			out = append(out, string(r))
		default:
			word.WriteRune(r)
		}
	}
	flush()
	return out
}

func isWide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case isWide(r):
			n += 2
		case unicode.Is(unicode.Mn, r) || r == '\u200d' || r == '\ufe0f':
		default:
			n++
		}
	}
	return n
}
