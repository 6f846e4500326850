// Package locales holds every text the bot shows a user or gives the
// language model, one YAML file per language (en.yaml, vi.yaml...). The set
// of languages is the set of files: adding a language is adding a file
// (docs/languages.md).
//
// A catalog is checked when it is loaded: every file must give exactly the
// keys English gives, and every list as many items, so that a text missing
// in one language is a load error rather than a blank button.
package locales

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/thanhhoa/investbot"
	"gopkg.in/yaml.v3"
)

//go:embed *.yaml
var embedded embed.FS

// Base is the language every other file is checked against and that a
// lookup in an unknown language falls back to.
const Base = investbot.EN

// file is the shape of <lang>.yaml.
type file struct {
	Lang investbot.Lang `yaml:"lang"`
	// Name is the language's name in itself, on the /language button.
	Name string `yaml:"name"`
	// Order places the language among the others on the /language menu
	// and in the command menus.
	Order int                 `yaml:"order"`
	Texts map[string]string   `yaml:"texts"`
	Lists map[string][]string `yaml:"lists"`
}

// Catalog is the texts of every language, checked complete. It is
// read-only once loaded, so one value serves every goroutine.
type Catalog struct {
	langs []investbot.Lang
	names map[investbot.Lang]string
	texts map[string]investbot.Text
	lists map[string]map[investbot.Lang][]string
}

// Default returns the catalog of the embedded files. They are part of the
// binary, so a defect in them is a build defect that TestEmbedded reports;
// Default panics on one rather than start a bot with holes in its menus.
var Default = sync.OnceValue(func() *Catalog {
	c, err := Load(embedded)
	if err != nil {
		panic(err)
	}
	return c
})

// Embedded returns the embedded locale files, for a test or a tool that
// adds a language to them.
func Embedded() fs.FS { return embedded }

// Load reads every *.yaml file at the root of fsys, one per language, and
// checks that each gives every key and list of the base language (English)
// and nothing else.
func Load(fsys fs.FS) (*Catalog, error) {
	paths, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	files := make([]file, 0, len(paths))
	for _, p := range paths {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("locales: %w", err)
		}
		var f file
		if err := yaml.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("locales: %s: %w", p, err)
		}
		if want := strings.TrimSuffix(path.Base(p), ".yaml"); string(f.Lang) != want {
			return nil, fmt.Errorf("locales: %s says lang %q, want %q", p, f.Lang, want)
		}
		if f.Name == "" {
			return nil, fmt.Errorf("locales: %s: no name", p)
		}
		files = append(files, f)
	}
	sort.SliceStable(files, func(i, j int) bool {
		if files[i].Order != files[j].Order {
			return files[i].Order < files[j].Order
		}
		return files[i].Lang < files[j].Lang
	})
	base := slices.IndexFunc(files, func(f file) bool { return f.Lang == Base })
	if base < 0 {
		return nil, fmt.Errorf("locales: no %s.yaml, the base every language is checked against", Base)
	}
	c := &Catalog{names: map[investbot.Lang]string{}, texts: map[string]investbot.Text{}, lists: map[string]map[investbot.Lang][]string{}}
	var errs []error
	for _, f := range files {
		errs = append(errs, complete(f, files[base])...)
		c.langs = append(c.langs, f.Lang)
		c.names[f.Lang] = f.Name
		for k, s := range f.Texts {
			if c.texts[k] == nil {
				c.texts[k] = investbot.Text{}
			}
			c.texts[k][f.Lang] = s
		}
		for k, l := range f.Lists {
			if c.lists[k] == nil {
				c.lists[k] = map[investbot.Lang][]string{}
			}
			c.lists[k][f.Lang] = l
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	return c, nil
}

// complete lists what f lacks or has beyond base.
func complete(f, base file) []error {
	var errs []error
	for _, k := range sortedKeys(base.Texts) {
		if f.Texts[k] == "" {
			errs = append(errs, fmt.Errorf("%s.yaml: text %q missing", f.Lang, k))
		}
	}
	for _, k := range sortedKeys(f.Texts) {
		if _, ok := base.Texts[k]; !ok {
			errs = append(errs, fmt.Errorf("%s.yaml: text %q is not in %s.yaml", f.Lang, k, base.Lang))
		}
	}
	for _, k := range sortedKeys(base.Lists) {
		if len(f.Lists[k]) != len(base.Lists[k]) || slices.Contains(f.Lists[k], "") {
			errs = append(errs, fmt.Errorf("%s.yaml: list %q wants %d items, none empty", f.Lang, k, len(base.Lists[k])))
		}
	}
	for _, k := range sortedKeys(f.Lists) {
		if _, ok := base.Lists[k]; !ok {
			errs = append(errs, fmt.Errorf("%s.yaml: list %q is not in %s.yaml", f.Lang, k, base.Lang))
		}
	}
	return errs
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Langs returns the languages, in menu order (English first).
func (c *Catalog) Langs() []investbot.Lang { return slices.Clone(c.langs) }

// Has reports whether l is one of the catalog's languages.
func (c *Catalog) Has(l investbot.Lang) bool {
	_, ok := c.names[l]
	return ok
}

// Parse maps a Telegram language_code or a user's choice ("ja", "ja-JP",
// "vi_VN") to one of the catalog's languages; "" when none fits.
func (c *Catalog) Parse(code string) investbot.Lang {
	code = strings.ToLower(strings.TrimSpace(code))
	if i := strings.IndexAny(code, "-_"); i >= 0 {
		code = code[:i]
	}
	if l := investbot.Lang(code); c.Has(l) {
		return l
	}
	// Telegram's codes are two letters; a longer choice ("jap") is read
	// as ParseLang reads it, by its first two.
	if len(code) > 2 {
		if l := investbot.Lang(code[:2]); c.Has(l) {
			return l
		}
	}
	return ""
}

// Name is l's name in itself ("Tiếng Việt"), "" for an unknown language.
func (c *Catalog) Name(l investbot.Lang) string { return c.names[l] }

// Lookup returns the text of key in every language, and whether key is
// one. The map is the catalog's own: read it, never write it.
func (c *Catalog) Lookup(key string) (investbot.Text, bool) {
	t, ok := c.texts[key]
	return t, ok
}

// Text returns the text of key in every language. An unknown key is a
// programming error (a test of each package that looks texts up checks
// its keys), so it panics with the key's name.
func (c *Catalog) Text(key string) investbot.Text {
	t, ok := c.texts[key]
	if !ok {
		panic(fmt.Sprintf("locales: no text %q", key))
	}
	return t
}

// T returns the text of key in l, or in English when l is not one of the
// catalog's languages.
func (c *Catalog) T(key string, l investbot.Lang) string { return c.Text(key).In(l) }

// List returns the list key in l, or in English when l is not one of the
// catalog's languages. An unknown key panics, as in Text.
func (c *Catalog) List(key string, l investbot.Lang) []string {
	m, ok := c.lists[key]
	if !ok {
		panic(fmt.Sprintf("locales: no list %q", key))
	}
	if v, ok := m[l]; ok {
		return v
	}
	return m[Base]
}

// HasText reports whether key is a text of the catalog; HasList whether it
// is a list. Packages check their keys with them in tests.
func (c *Catalog) HasText(key string) bool {
	_, ok := c.texts[key]
	return ok
}

// HasList reports whether key is a list of the catalog.
func (c *Catalog) HasList(key string) bool {
	_, ok := c.lists[key]
	return ok
}
