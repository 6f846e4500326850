package knowledge

// KB is a loaded, validated and indexed knowledge base. It is immutable and
// safe for concurrent use; a new version is a new KB.
//
// Stub: the engine (load, validate, index, match) replaces this file.
type KB struct{}

// Match answers q from the knowledge base.
func (kb *KB) Match(q Query) Result { return Result{Lang: q.Lang} }
