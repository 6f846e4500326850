package base

import (
	"fmt"

	"github.com/thanhhoa/investbot"
)

// KB is a loaded and validated knowledge base: its entries, looked up by id
// and kind, its version and the warnings that did not stop it. It is
// immutable and safe for concurrent use; a new version is a new KB. The
// answer engine (package knowledge) indexes one with knowledge.New.
type KB struct {
	entries []*Entry
	byID    map[string]*Entry
	byKind  map[Kind][]*Entry
	version string
	// warnings are problems that do not stop publishing.
	warnings []Problem
}

// New assembles a KB from entries as they are, without validating them
// (Parse validates), under the given version.
func New(entries []*Entry, version string) *KB {
	kb := &KB{
		entries: entries,
		byID:    make(map[string]*Entry, len(entries)),
		byKind:  make(map[Kind][]*Entry),
		version: version,
	}
	for _, e := range entries {
		kb.byID[e.ID] = e
		kb.byKind[e.Kind] = append(kb.byKind[e.Kind], e)
	}
	return kb
}

// SourceTitles returns the title in lang of each source ref (the ref
// itself when no entry gives it a title), in the order given, so that
// `ask --json` can name sources the way the answer's source line does.
func (kb *KB) SourceTitles(refs []string, lang investbot.Lang) []string {
	out := make([]string, 0, len(refs))
	for _, ref := range refs {
		name := ref
		for _, e := range kb.entries {
			for _, s := range e.Sources {
				if s.Ref == ref && s.Title.In(lang) != "" {
					name = s.Title.In(lang)
				}
			}
			if name != ref {
				break
			}
		}
		out = append(out, name)
	}
	return out
}

// Warnings lists what validation flagged without refusing the knowledge
// base (review dates that have passed).
func (kb *KB) Warnings() []Problem { return kb.warnings }

// Entries returns every entry in file order. The slice is shared: do not
// modify it.
func (kb *KB) Entries() []*Entry { return kb.entries }

// Entry returns the entry with id, or nil.
func (kb *KB) Entry(id string) *Entry { return kb.byID[id] }

// ByKind returns the entries of kind k in file order (shared slice).
func (kb *KB) ByKind(k Kind) []*Entry { return kb.byKind[k] }

// Version is a short hex hash of the files the knowledge base was built
// from; equal content gives an equal version.
func (kb *KB) Version() string { return kb.version }

// Len returns the number of entries.
func (kb *KB) Len() int { return len(kb.entries) }

// Problem is one thing wrong with a knowledge base, located for an editor.
type Problem struct {
	File string
	Line int
	// EntryID is the entry concerned, "" for file-level problems.
	EntryID string
	Msg     string
	// Warning marks a problem that does not stop publishing (a review date
	// that has passed); KB.Warnings lists them.
	Warning bool
}

func (p Problem) String() string {
	if p.Warning {
		p.Warning = false
		return "warning: " + p.String()
	}
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.EntryID != "" {
		return fmt.Sprintf("%s: %s: %s", loc, p.EntryID, p.Msg)
	}
	return fmt.Sprintf("%s: %s", loc, p.Msg)
}

// ValidationError lists every problem found while loading a knowledge
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	if len(e.Problems) == 1 {
		return "knowledge: " + e.Problems[0].String()
	}
	return fmt.Sprintf("knowledge: %d problems, first: %s", len(e.Problems), e.Problems[0])
}
