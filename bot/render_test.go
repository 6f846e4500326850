package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
)

// checkHTML reports whether s is well-formed in Telegram's HTML mode as
// this package produces it: only <b> and <pre>, properly nested, and only
// the &amp; &lt; &gt; entities.
func checkHTML(s string) error {
	var stack []string
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				return fmt.Errorf("unclosed tag at %d", i)
			}
			tag := s[i+1 : i+j]
			switch tag {
			case "b", "pre":
				stack = append(stack, tag)
			case "/b", "/pre":
				if len(stack) == 0 || stack[len(stack)-1] != tag[1:] {
					return fmt.Errorf("unbalanced %q at %d", tag, i)
				}
				stack = stack[:len(stack)-1]
			default:
				return fmt.Errorf("unknown tag %q at %d", tag, i)
			}
			i += j + 1
		case '>':
			return fmt.Errorf("raw > at %d", i)
		case '&':
			ok := false
			for _, e := range []string{"&amp;", "&lt;", "&gt;"} {
				if strings.HasPrefix(s[i:], e) {
					i += len(e)
					ok = true
					break
				}
			}
			if !ok {
				return fmt.Errorf("bare & at %d", i)
			}
		default:
			i++
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("unclosed %v", stack)
	}
	return nil
}

// unescape reverses escapeHTML and removes the tags.
func unescape(s string) string {
	r := strings.NewReplacer("<b>", "", "</b>", "", "<pre>", "", "</pre>", "", "&lt;", "<", "&gt;", ">", "&amp;", "&")
	return r.Replace(s)
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestEscapeHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"},
		{`"quotes" 'stay'`, `"quotes" 'stay'`},
		{"<b>not bold</b>", "&lt;b&gt;not bold&lt;/b&gt;"},
		{"Thanh Hóa 工業団地 &amp;", "Thanh Hóa 工業団地 &amp;amp;"},
	}
	for _, tt := range tests {
		if got := escapeHTML(tt.in); got != tt.want {
			t.Errorf("escapeHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if escapedLen(tt.in) != utf16Len(escapeHTML(tt.in)) {
			t.Errorf("escapedLen(%q) disagrees", tt.in)
		}
	}
}

func TestRenderParts(t *testing.T) {
	para := strings.Repeat("word ", 150) // 750 bytes
	tests := []struct {
		name        string
		title, text string
		pre         bool
		limit       int
		want        []string // exact parts, when set
		nparts      int
	}{
		{name: "empty", nparts: 0, limit: 4096},
		{name: "title only", title: "Zones", want: []string{"<b>Zones</b>"}, limit: 4096},
		{name: "title and text", title: "A & B", text: "x < y", want: []string{"<b>A &amp; B</b>\nx &lt; y"}, limit: 4096},
		{name: "pre", text: "a  | b\nc  | d", pre: true, want: []string{"<pre>a  | b\nc  | d</pre>"}, limit: 4096},
		{name: "paragraphs", text: "one one\n\ntwo two\n\nthree", limit: 16, want: []string{"one one\n\ntwo two", "three"}},
		{name: "lines", text: "aaaa\nbbbb\ncccc", limit: 10, want: []string{"aaaa\nbbbb", "cccc"}},
		{name: "runes", text: strings.Repeat("日", 10), limit: 4, want: []string{"日日日日", "日日日日", "日日"}},
		{name: "escapes count", text: "&&&&", limit: 10, want: []string{"&amp;&amp;", "&amp;&amp;"}},
		{name: "emoji are two units", text: "😀😀😀", limit: 4, want: []string{"😀😀", "😀"}},
		{name: "long", title: "Long", text: strings.Repeat(para+"\n\n", 20), limit: 4096, nparts: 4},
		{name: "pre split", text: strings.Repeat("col1 | col2\n", 1000), pre: true, limit: 4096, nparts: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := renderParts(tt.title, tt.text, tt.pre, tt.limit)
			if tt.want != nil {
				if fmt.Sprint(parts) != fmt.Sprint(tt.want) || len(parts) != len(tt.want) {
					t.Fatalf("parts = %q, want %q", parts, tt.want)
				}
			} else if len(parts) != tt.nparts {
				t.Fatalf("got %d parts, want %d", len(parts), tt.nparts)
			}
			checkParts(t, tt.title, tt.text, tt.pre, tt.limit, parts)
		})
	}
}

func checkParts(t *testing.T, title, text string, pre bool, limit int, parts []string) {
	t.Helper()
	var all strings.Builder
	for i, p := range parts {
		if n := utf16Len(p); n > limit {
			t.Fatalf("part %d has %d units > %d", i, n, limit)
		}
		if err := checkHTML(p); err != nil {
			t.Fatalf("part %d not well-formed: %v\n%q", i, err, p)
		}
		if !utf8.ValidString(p) {
			t.Fatalf("part %d not UTF-8", i)
		}
		if strings.TrimSpace(unescape(p)) == "" {
			t.Fatalf("part %d is empty", i)
		}
		all.WriteString(unescape(p))
	}
	want := strings.ToValidUTF8(title, "\uFFFD") + strings.ToValidUTF8(text, "\uFFFD")
	if noSpace(all.String()) != noSpace(want) {
		t.Fatalf("parts lost or changed text:\n got %q\nwant %q", noSpace(all.String()), noSpace(want))
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("", "hello", false, 4096)
	f.Add("T", "a\n\nb\nc d", true, 8)
	f.Add("タイトル", strings.Repeat("<&>", 3000), false, 4096)
	f.Fuzz(func(t *testing.T, title, text string, pre bool, limit int) {
		if limit < 64 {
			limit = 64 + (limit&0xff+0x100)%4096
		}
		if limit > maxMessageLen {
			limit = maxMessageLen
		}
		if len(text) > 100_000 {
			text = text[:100_000]
		}
		parts := renderParts(title, text, pre, limit)
		checkParts(t, strings.TrimSpace(title), text, pre, limit, parts)
	})
}

func TestKeyboard(t *testing.T) {
	long := strings.Repeat("é", 40) // 80 bytes
	kb, truncated := keyboard([][]investbot.Button{
		{{Text: "Zones", Data: "menu:zones"}, {Text: "Site", URL: "https://thanhhoa.gov.vn"}},
		{{Text: " ", Data: "dropped"}},
		{{Text: "Long", Data: long}, {Text: "NoData"}},
	})
	if len(truncated) != 1 {
		t.Fatalf("truncated = %v", truncated)
	}
	if len(kb.InlineKeyboard) != 2 {
		t.Fatalf("rows = %d, want 2 (empty row dropped)", len(kb.InlineKeyboard))
	}
	got := *kb.InlineKeyboard[1][0].CallbackData
	if len(got) > 64 || !utf8.ValidString(got) || got != strings.Repeat("é", 32) {
		t.Errorf("truncated data = %q (%d bytes)", got, len(got))
	}
	eq(t, "nodata", *kb.InlineKeyboard[1][1].CallbackData, "NoData")
	eq(t, "url", *kb.InlineKeyboard[0][1].URL, "https://thanhhoa.gov.vn")
	if kb, _ := keyboard(nil); kb != nil {
		t.Error("keyboard(nil) != nil")
	}
}

func BenchmarkRenderParts(b *testing.B) {
	text := strings.Repeat("Nghi Sơn economic zone & port <deep water>. ", 2500) // ~110 kB
	for b.Loop() {
		renderParts("Title", text, false, maxMessageLen)
	}
}

func TestKeyboardWebApp(t *testing.T) {
	kb, _ := keyboard([][]investbot.Button{{{Text: "App", WebApp: "https://bot.example.org/app/"}}})
	raw, err := json.Marshal(kb)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"inline_keyboard":[[{"text":"App","web_app":{"url":"https://bot.example.org/app/"}}]]}`
	if string(raw) != want {
		t.Errorf("markup %s, want %s", raw, want)
	}
}
