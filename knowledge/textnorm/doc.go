// Package textnorm folds text the one way both the knowledge-base model
// and the answer engine compare it: Normalize (NFKC, case, Latin
// diacritics, punctuation), ExtractNumbers (numeric values with decimal
// conventions and scale words in four languages, the words in
// scales.yaml), and whole-word and
// phrase tests on folded text. Validation's parity checks (knowledge/base)
// and matching (knowledge) import it, so neither imports the other.
package textnorm
