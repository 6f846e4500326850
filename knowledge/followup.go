package knowledge

import "github.com/thanhhoa/investbot/knowledge/base"

// relatedOf picks the entry of kind k for e: e itself when it is of that
// kind, else its first related entry of that kind, else the fallback id,
// else e.
func (kb *KB) relatedOf(e *base.Entry, k base.Kind, fallback string) *base.Entry {
	if e.Kind == k {
		return e
	}
	for _, id := range e.Related {
		if r := kb.Entry(id); r != nil && r.Kind == k {
			return r
		}
	}
	if r := kb.Entry(fallback); r != nil {
		return r
	}
	return e
}
