package knowledge

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"github.com/thanhhoa/investbot"
	"gopkg.in/yaml.v3"
)

//go:embed words/*.yaml
var wordFS embed.FS

// wordFile is the shape of knowledge/words/<lang>.yaml: the engine's word
// lists in one language. Words are whitespace-separated lists ("_" joins
// the words of a phrase, as textnorm.FoldAll reads them); Phrases are lists of
// whole phrases.
type wordFile struct {
	Lang    investbot.Lang      `yaml:"lang"`
	Words   map[string]string   `yaml:"words"`
	Phrases map[string][]string `yaml:"phrases"`
	// Synonyms are the lexicon's concepts (lexicon.go): a concept's
	// words in this language, by the concept's key; the files' lists of
	// one key form one group across languages.
	Synonyms map[string]string `yaml:"synonyms"`
}

// wordListNames are the lists the engine reads; a file naming another is
// refused, so that a list misspelt in a file is not silently ignored.
var wordListNames = []string{
	"access", "area_units", "detect", "existing_project", "home_names", "japanese_stop", "korean_stop",
	"letter_formulas", "licence_words", "list", "meta", "meta_topic_free", "new_project", "off_topics",
	"origin_marks", "other_places", "per_unit", "price_words", "question_cues", "recent_words", "stop_words",
	"injection", "greeting", "greeting_heads", "thanks", "thanks_heads", "model_refusal", "model_leak",
	"name_suffixes", "compounds", "ordinary_names", "ask_forms", "inflections",
	"endings", "particles", "topic_particles", "noun_ends", "respell", "why", "stop_compounds", "topic_free",
	"cue_compounds", "overview", "overview_context", "mail_headers", "mail_subjects", "forward_marks", "sound_folds",
	"from_marks", "compare_before", "compare_after", "item_ends",
}

// wordFiles are the word lists of every language, in the order the lists
// are joined: the knowledge base's languages (investbot.Langs), then any
// other file by name.
var wordFiles = mustLoadWords(wordFS, "words")

func mustLoadWords(fsys fs.FS, dir string) []wordFile {
	files, err := loadWords(fsys, dir)
	if err != nil {
		// The files are embedded: a broken one is a build defect that
		// TestWordFiles reports; refusing to start says so at once.
		panic(err)
	}
	return files
}

// loadWords reads and checks dir/*.yaml.
func loadWords(fsys fs.FS, dir string) ([]wordFile, error) {
	paths, err := fs.Glob(fsys, dir+"/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("knowledge: word files: %w", err)
	}
	var out []wordFile
	for _, p := range paths {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("knowledge: word file: %w", err)
		}
		var f wordFile
		if err := yaml.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("knowledge: word file %s: %w", p, err)
		}
		if want := strings.TrimSuffix(p[len(dir)+1:], ".yaml"); string(f.Lang) != want {
			return nil, fmt.Errorf("knowledge: word file %s says lang %q", p, f.Lang)
		}
		for name := range f.Words {
			if !slices.Contains(wordListNames, name) {
				return nil, fmt.Errorf("knowledge: word file %s: unknown list %q", p, name)
			}
		}
		if _, err := parseSoundFolds(f.Words["sound_folds"]); err != nil {
			return nil, fmt.Errorf("knowledge: word file %s: %w", p, err)
		}
		for name, ps := range f.Phrases {
			if !slices.Contains(wordListNames, name) {
				return nil, fmt.Errorf("knowledge: word file %s: unknown list %q", p, name)
			}
			if slices.Contains(ps, "") {
				return nil, fmt.Errorf("knowledge: word file %s: %s: an empty phrase", p, name)
			}
		}
		out = append(out, f)
	}
	rank := func(l investbot.Lang) int {
		if i := slices.Index(investbot.Langs, l); i >= 0 {
			return i
		}
		return len(investbot.Langs)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if ri, rj := rank(out[i].Lang), rank(out[j].Lang); ri != rj {
			return ri < rj
		}
		return out[i].Lang < out[j].Lang
	})
	return out, nil
}

// CheckWordFiles reads dir/*.yaml of fsys as the engine reads its own word
// files and reports the first defect: a tool or test checks a new
// language's file with it before the file joins knowledge/words.
func CheckWordFiles(fsys fs.FS, dir string) error {
	_, err := loadWords(fsys, dir)
	return err
}

// wordLists returns list name in every language that gives it, for
// textnorm.FoldAll. A name no file gives is a programming error.
func wordLists(name string) []string {
	var out []string
	for _, f := range wordFiles {
		if s, ok := f.Words[name]; ok {
			out = append(out, s)
		}
	}
	if out == nil {
		panic(fmt.Sprintf("knowledge: no word list %q in words/*.yaml", name))
	}
	return out
}

// joinedWords returns list name in every language as one string, for textnorm.SetOf.
func joinedWords(name string) string { return strings.Join(wordLists(name), "\n") }

// Words returns word list name of words/*.yaml in every language, one
// language a line, for the packages beside the engine that read a
// language's words (handlers' small talk). An unknown name panics.
func Words(name string) string { return joinedWords(name) }

// Phrases returns phrase list name of words/*.yaml in every language (the
// language model's guards in llm). An unknown name panics.
func Phrases(name string) []string { return phrases(name) }

// langWords returns list name in lang alone.
func langWords(lang investbot.Lang, name string) string {
	for _, f := range wordFiles {
		if s, ok := f.Words[name]; ok && f.Lang == lang {
			return s
		}
	}
	panic(fmt.Sprintf("knowledge: no word list %q in words/%s.yaml", name, lang))
}

// phrases returns the phrases of list name in every language.
func phrases(name string) []string {
	var out []string
	for _, f := range wordFiles {
		out = append(out, f.Phrases[name]...)
	}
	if out == nil {
		panic(fmt.Sprintf("knowledge: no phrase list %q in words/*.yaml", name))
	}
	return out
}
