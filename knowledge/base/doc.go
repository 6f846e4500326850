// Package base is the knowledge-base model: the entry types, loading,
// validation, the version id and the bundled data. It does not answer
// questions; package knowledge indexes a loaded KB for that
// (knowledge.New), and `investbot kb test` runs the examples there.
//
// A knowledge base is a folder of YAML files, each a sequence of entries
// (see schema.json for editors and entry.go for the Go shape). Parse,
// LoadDir, LoadFS and Bundled (knowledge/data, embedded in the binary)
// decode every file entry by entry, refuse absurd input early (files over 5 MB, more than 20,000 entries, YAML
// anchors and aliases, which is how "billion laughs" documents blow up),
// and run Validate. Every problem is reported with its file:line in one
// *ValidationError, so an editor fixes a file in one pass. Besides the
// structure (ids, kinds, four languages, examples, dated sources, related
// ids), Validate checks that the four translations of an answer agree:
// the same numeric values (understanding both decimal conventions, scale
// words in four languages and month names), the entry's names, the same
// acronyms, and no Latin word in Japanese or Korean that English and
// Vietnamese lack. Translations drift silently; this catches it.
package base
