package investbot

// Text is a string written in each supported language.
type Text map[Lang]string

// In returns the text in lang, falling back to English, then to any
// language, so that a partially translated draft still shows something.
func (t Text) In(lang Lang) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t[EN]; s != "" {
		return s
	}
	for _, l := range Langs {
		if s := t[l]; s != "" {
			return s
		}
	}
	return ""
}
