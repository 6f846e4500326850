package textnorm

import "strings"

// Splice rewrites spans of a string left to right, copying only once a
// span changes: the scanners that respell or spell out words of a
// question write their replacements through it, and a question with
// nothing to rewrite comes back as it was, without an allocation.
type Splice struct {
	src     string
	b       strings.Builder
	last    int // src[:last] is in b
	changed bool
}

// NewSplice starts rewriting src.
func NewSplice(src string) *Splice { return &Splice{src: src} }

// Replace writes with in place of src[i:j]. Spans are given in order and
// do not overlap: i is at or after the end of the previous span.
func (s *Splice) Replace(i, j int, with string) {
	s.b.WriteString(s.src[s.last:i])
	s.b.WriteString(with)
	s.last = j
	s.changed = true
}

// String is src with its spans replaced; src itself when none was.
func (s *Splice) String() string {
	if !s.changed {
		return s.src
	}
	return s.b.String() + s.src[s.last:]
}
