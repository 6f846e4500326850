package knowledge

import (
	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// TrimExamples returns kb rebuilt with at most n examples per language per
// entry — what an admin writes for a new entry — to measure how much the
// engine owes to long example lists.
func TrimExamples(kb *KB, n int) *KB {
	entries := make([]*base.Entry, 0, len(kb.entries))
	for _, e := range kb.entries {
		c := *e
		c.Examples = make(map[investbot.Lang][]string, len(e.Examples))
		for l, xs := range e.Examples {
			c.Examples[l] = xs[:min(n, len(xs))]
		}
		entries = append(entries, &c)
	}
	return New(base.New(entries, kb.Version()+"-trim"))
}
