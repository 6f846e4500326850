package knowledge

import (
	"fmt"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
)

// KB is a loaded, validated and indexed knowledge base. It is immutable and
// safe for concurrent use; a new version is a new KB.
type KB struct {
	entries []*Entry
	byID    map[string]*Entry
	byKind  map[Kind][]*Entry
	version string
	idx     *index
	// superseded maps today's rule to the older rules it replaced.
	superseded map[string][]*Entry
	// warnings are problems that do not stop publishing.
	warnings []Problem
	gaz      *gazetteer
	pos      map[string]int32 // entry id → index in entries
	// qualified maps the head of a name qualified by a partner ("desk" of
	// "Japan Desk") to the entities so named.
	qualified map[string][]qualifiedName
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

// build indexes validated entries.
func build(entries []*Entry) *KB {
	kb := &KB{
		entries: entries,
		byID:    make(map[string]*Entry, len(entries)),
		byKind:  make(map[Kind][]*Entry),
		pos:     make(map[string]int32, len(entries)),
	}
	for i, e := range entries {
		kb.pos[e.ID] = int32(i)
		kb.byID[e.ID] = e
		kb.byKind[e.Kind] = append(kb.byKind[e.Kind], e)
		if e.SupersededBy != "" {
			if kb.superseded == nil {
				kb.superseded = make(map[string][]*Entry)
			}
			kb.superseded[e.SupersededBy] = append(kb.superseded[e.SupersededBy], e)
		}
	}
	kb.idx = newIndex(entries)
	kb.gaz = newGazetteer(entries)
	kb.qualified = kb.qualifiedNames()
	return kb
}

// indexOf returns e's index in kb.entries, -1 when e is not kb's.
func (kb *KB) indexOf(e *Entry) int32 {
	if i, ok := kb.pos[e.ID]; ok && kb.entries[i] == e {
		return i
	}
	return -1
}

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

// Test runs every example question through Match and returns a problem for
// each one that is not answered confidently by its own entry: the
// knowledge base's regression test (`investbot kb test`).
func (kb *KB) Test() []Problem {
	var ps []Problem
	for _, e := range kb.entries {
		for _, l := range investbot.Langs {
			for _, ex := range e.Examples[l] {
				r := kb.Match(Query{Text: ex, Lang: l})
				if p := testProblem(e, l, ex, r); p != "" {
					// Say which words won, and where they stand, so that
					// the fix is aimed (docs/admin-guide.md §3).
					if other := wrongWinner(e, r); other != nil {
						p += ": " + kb.whyOther(ex, other, e)
					}
					ps = append(ps, Problem{File: e.File, Line: e.Line, EntryID: e.ID, Msg: p})
				}
			}
		}
	}
	return ps
}

// wrongWinner is the entry that took an example from e: the best match, or
// the runner-up too close to it.
func wrongWinner(e *Entry, r Result) *Entry {
	switch {
	case r.Best == nil:
		return nil
	case r.Best.Entry != e:
		return r.Best.Entry
	case r.Ambiguous && len(r.RunnersUp) > 0 && r.RunnersUp[0].Entry != e:
		return r.RunnersUp[0].Entry
	}
	return nil
}

func testProblem(e *Entry, l investbot.Lang, ex string, r Result) string {
	switch {
	case r.Best == nil:
		return fmt.Sprintf("example %s %q matched nothing", l, ex)
	case r.Best.Entry != e:
		return fmt.Sprintf("example %s %q matched %s (confidence %.2f) instead", l, ex, r.Best.Entry.ID, r.Best.Confidence)
	case !r.Confident:
		why := "below the threshold"
		if r.Ambiguous && len(r.RunnersUp) > 0 {
			why = "too close to " + r.RunnersUp[0].Entry.ID
		}
		return fmt.Sprintf("example %s %q matched with confidence %.2f, %s", l, ex, r.Best.Confidence, why)
	}
	return ""
}

// mentions reports whether entry i's title, answer or keywords name the
// place p (normalised).
func (kb *KB) mentions(i int32, p string) bool {
	r, _ := utf8.DecodeRuneInString(p)
	if r < 0x80 {
		return containsWord(kb.idx.blob[i], p)
	}
	return containsCJKWord(kb.idx.blob[i], p)
}
