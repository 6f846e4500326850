package bot

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/thanhhoa/investbot"
)

// Telegram's limits. Telegram counts the text left after parsing entities,
// in UTF-16 code units; the splitter counts the HTML source instead (tags
// and &amp; included), which is never shorter, so every part fits.
const (
	maxMessageLen  = 4096
	maxCaptionLen  = 1024
	maxCallbackLen = 64 // bytes
)

// escapeHTML escapes the three characters Telegram's HTML parse mode
// requires (&, <, >); quotes need no escaping outside attributes.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// utf16Len is the length of s in UTF-16 code units, as Telegram counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		// Invalid bytes decode as U+FFFD, one unit.
		n += utf16.RuneLen(r)
	}
	return n
}

// escapedLen is utf16Len(escapeHTML(s)) without building the string.
func escapedLen(s string) int {
	n := 0
	for _, r := range s {
		n += escapedUnits(r)
	}
	return n
}

// escapedUnits is the UTF-16 length of r once HTML-escaped (&amp; &lt; &gt;).
func escapedUnits(r rune) int {
	switch r {
	case '&':
		return 5
	case '<', '>':
		return 4
	}
	return utf16.RuneLen(r)
}

// renderParts renders a message's title and text as HTML parts, each at
// most limit UTF-16 units of source. The title goes, in bold, on the first
// part; Pre text is wrapped in <pre> in every part. Splitting happens on
// the plain text before escaping, so no tag or entity is ever cut and
// every part is well-formed on its own. An empty message gives no parts.
func renderParts(title, text string, pre bool, limit int) []string {
	title = strings.TrimSpace(strings.ToValidUTF8(title, "\uFFFD"))
	text = strings.Trim(strings.ToValidUTF8(text, "\uFFFD"), "\n")
	if !pre || strings.TrimSpace(text) == "" {
		text = strings.TrimSpace(text)
	}
	open, close := "", ""
	if pre {
		open, close = "<pre>", "</pre>"
	}
	head := ""
	if title != "" {
		head = "<b>" + escapeHTML(title) + "</b>"
		if utf16Len(head) > limit/2 {
			// An absurdly long title becomes text of its own.
			text = title + "\n\n" + text
			head, title = "", ""
		} else if text != "" {
			head += "\n"
		}
	}
	if text == "" {
		if head == "" {
			return nil
		}
		return []string{head}
	}
	wrap := utf16Len(open) + utf16Len(close)
	firstRoom := limit - utf16Len(head) - wrap
	room := limit - wrap
	chunks := splitText(text, firstRoom, room)
	parts := make([]string, 0, len(chunks))
	for i, c := range chunks {
		p := open + escapeHTML(c) + close
		if i == 0 {
			p = head + p
		}
		parts = append(parts, p)
	}
	return parts
}

// splitText cuts text into chunks whose escaped length is at most first
// (for the first chunk) and rest (for the others). It prefers paragraph
// boundaries, then line breaks, then spaces, then any rune; the separator
// at a cut is dropped.
func splitText(text string, first, rest int) []string {
	var out []string
	room := func() int {
		if len(out) == 0 {
			return first
		}
		return rest
	}
	text = strings.TrimLeftFunc(text, unicode.IsSpace)
	for strings.TrimSpace(text) != "" {
		r := room()
		if fits(text, r) {
			out = append(out, text)
			break
		}
		cut, skip := cutPoint(text, r)
		chunk := strings.TrimRightFunc(text[:cut], unicode.IsSpace)
		if chunk == "" {
			// Only separators fit: take at least one rune so the loop ends.
			_, n := utf8.DecodeRuneInString(text)
			chunk, cut, skip = text[:n], n, 0
		}
		out = append(out, chunk)
		text = strings.TrimLeftFunc(text[cut+skip:], unicode.IsSpace)
	}
	return out
}

// fits reports escapedLen(s) <= room, reading no more of s than needed.
func fits(s string, room int) bool {
	n := 0
	for _, r := range s {
		n += escapedUnits(r)
		if n > room {
			return false
		}
	}
	return true
}

// cutPoint finds where to cut s so that s[:cut] fits in room, and how many
// separator bytes follow the cut.
func cutPoint(s string, room int) (cut, skip int) {
	// fit is the longest prefix (in bytes) that fits.
	fit, n := 0, 0
	for i, r := range s {
		l := 1
		switch r {
		case '&':
			l = 5
		case '<', '>':
			l = 4
		default:
			l = utf16.RuneLen(r)
		}
		if n+l > room {
			break
		}
		n += l
		fit = i + utf8.RuneLen(r)
	}
	if fit == len(s) {
		return fit, 0
	}
	prefix := s[:fit]
	for _, sep := range []string{"\n\n", "\n", " "} {
		// A boundary that would leave a tiny chunk is not worth it: try the
		// next, finer one.
		if strings.HasPrefix(s[fit:], sep) {
			return fit, len(sep)
		}
		if i := strings.LastIndex(prefix, sep); i > 0 && i >= fit/4 {
			return i, len(sep)
		}
	}
	if fit == 0 && s != "" {
		// room < one escaped rune: cannot happen for sane limits.
		_, fit = utf8.DecodeRuneInString(s)
	}
	return fit, 0
}

// keyboard builds the inline keyboard for buttons, or nil when there are
// none. Callback data longer than Telegram's 64 bytes is cut at a rune
// boundary; the handler that owns the data is told through fixes.
func keyboard(rows [][]investbot.Button) (kb *inlineMarkup, truncated []string) {
	var out [][]inlineButton
	for _, row := range rows {
		var r []inlineButton
		for _, b := range row {
			text := strings.TrimSpace(b.Text)
			if text == "" {
				continue // Telegram refuses buttons without text
			}
			btn := inlineButton{InlineKeyboardButton: tgbotapi.InlineKeyboardButton{Text: text}}
			if b.WebApp != "" {
				btn.WebApp = &webAppInfo{URL: b.WebApp}
			} else if b.URL != "" {
				u := b.URL
				btn.URL = &u
			} else {
				data := b.Data
				if data == "" {
					data = text
				}
				if len(data) > maxCallbackLen {
					truncated = append(truncated, data)
					data = truncateBytes(data, maxCallbackLen)
				}
				btn.CallbackData = &data
			}
			r = append(r, btn)
		}
		if len(r) > 0 {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, truncated
	}
	return &inlineMarkup{InlineKeyboard: out}, truncated
}

// inlineMarkup and inlineButton add what the Telegram library predates:
// buttons that open the Mini App (web_app, Bot API 6.0).
type inlineMarkup struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

type inlineButton struct {
	tgbotapi.InlineKeyboardButton
	WebApp *webAppInfo `json:"web_app,omitempty"`
}

type webAppInfo struct {
	URL string `json:"url"`
}

// truncateBytes cuts s to at most n bytes without splitting a rune.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
