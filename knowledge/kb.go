package knowledge

import (
	"fmt"
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// KB is the answer engine over one knowledge base: the loaded and
// validated base (embedded, so that its entries, version and warnings read
// as kb.Entries(), kb.Version()…) plus everything indexed from it at load.
// It is immutable and safe for concurrent use; a new version is a new KB.
type KB struct {
	*base.KB
	entries []*base.Entry // the base's entries, numbered as the index numbers them
	idx     *index
	// superseded maps today's rule to the older rules it replaced.
	superseded map[string][]*base.Entry
	gaz        *gazetteer
	// spell reads a Latin word one slip from the vocabulary as meant.
	spell *speller
	pos   map[string]int32 // entry id → index in entries
	// qualified maps the head of a name qualified by a partner ("desk" of
	// "Japan Desk") to the entities so named.
	qualified map[string][]qualifiedName
	// folded is each entry's answer normalised once (foldedAnswer);
	// blobWords every Latin word of the entries' titles, answers and
	// keywords with the entries that hold it (ascending), so that a name
	// is looked for only in the entries that hold its words
	// (mentionedAnywhere).
	folded    []foldedAnswer
	blobWords map[string][]int32
}

// New indexes a loaded knowledge base for answering.
func New(b *base.KB) *KB {
	entries := b.Entries()
	kb := &KB{
		KB:      b,
		entries: entries,
		pos:     make(map[string]int32, len(entries)),
	}
	for i, e := range entries {
		kb.pos[e.ID] = int32(i)
		if e.SupersededBy != "" {
			if kb.superseded == nil {
				kb.superseded = make(map[string][]*base.Entry)
			}
			kb.superseded[e.SupersededBy] = append(kb.superseded[e.SupersededBy], e)
		}
	}
	// The speller reads the entries' own text; the example questions
	// are indexed as it reads them, as a question is read.
	kb.spell = newSpeller(entries)
	kb.idx = newIndexRespelled(entries, func(s string) string { return kb.respellLatin(s, "") })
	kb.gaz = newGazetteer(entries)
	kb.qualified = kb.qualifiedNames()
	kb.folded = make([]foldedAnswer, len(entries))
	kb.blobWords = make(map[string][]int32)
	for i, e := range entries {
		kb.folded[i] = foldAnswer(e)
		kb.folded[i].absent = kb.absentEntities(e)
		for _, w := range latinWords(kb.idx.blob[i]) {
			if es := kb.blobWords[w]; len(es) == 0 || es[len(es)-1] != int32(i) {
				kb.blobWords[w] = append(es, int32(i))
			}
		}
	}
	return kb
}

// Load indexes the knowledge base that a loader of package base returned,
// passing its error on: knowledge.Load(base.Bundled()).
func Load(b *base.KB, err error) (*KB, error) {
	if err != nil {
		return nil, err
	}
	return New(b), nil
}

// indexOf returns e's index in kb.entries, -1 when e is not kb's.
func (kb *KB) indexOf(e *base.Entry) int32 {
	if i, ok := kb.pos[e.ID]; ok && kb.entries[i] == e {
		return i
	}
	return -1
}

// Test runs every example question through Match and returns a problem for
// each one that is not answered confidently by its own entry: the
// knowledge base's regression test (`investbot kb test`).
func (kb *KB) Test() []base.Problem {
	var ps []base.Problem
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
					ps = append(ps, base.Problem{File: e.File, Line: e.Line, EntryID: e.ID, Msg: p})
				}
			}
		}
	}
	return ps
}

// wrongWinner is the entry that took an example from e: the best match, or
// the runner-up too close to it.
func wrongWinner(e *base.Entry, r Result) *base.Entry {
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

func testProblem(e *base.Entry, l investbot.Lang, ex string, r Result) string {
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
		return textnorm.ContainsWord(kb.idx.blob[i], p)
	}
	return containsCJKWord(kb.idx.blob[i], p)
}

// latinWords splits s into its runs of Latin letters, the units
// textnorm.ContainsWord matches whole.
func latinWords(s string) []string {
	return strings.FieldsFunc(s, notLatinLetter)
}

// latinWordsSeq is latinWords without the slice.
func latinWordsSeq(s string) iter.Seq[string] {
	return strings.FieldsFuncSeq(s, notLatinLetter)
}

func notLatinLetter(r rune) bool { return !textnorm.IsLatinLetter(r) }
