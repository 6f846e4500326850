package knowledge

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// BM25 parameters. Example documents are short questions, so length
// normalisation is weaker there.
const (
	bm25K1        = 1.2
	bm25BFields   = 0.75
	bm25BExamples = 0.5
	// fieldsWeight scales the entry's fields document (title, keywords,
	// names, answer) against its best example, in a base whose entries
	// have richExamples or more example questions per language.
	fieldsWeight = 0.6
	// sparseFieldsWeight is that weight in a base whose entries have only
	// the minimum an admin writes (minExamples per language). The best of
	// three examples is a thin, lucky signal: an entry whose three happen
	// to share the question's generic words ("thuế … ngành nào") would
	// beat the entry whose title, keywords and answer hold its topic
	// ("thuế đối ứng"). The entry's own text then has to carry the
	// topic (docs/quality.md, "Three examples").
	sparseFieldsWeight = 1.6
	minExamples        = 3
	richExamples       = 10
	// sparsePhraseScale discounts an entry's multi-word keywords and
	// aliases, indexed as examples in a sparse base (addPhraseDocs),
	// against an example an admin wrote: 0.5 and 0.7 score alike on the
	// development sets, 0.3 and 1.0 lower.
	sparsePhraseScale = 0.5
)

// Field weights inside an entry's fields document.
const (
	wTitle    = 3
	wKeywords = 3
	wAnswer   = 1
	wExtra    = 1.01 // topical, unlike the answer
	// answerDF is how much an occurrence only in an answer counts towards
	// a term's document frequency.
	answerDF = 0.3
)

type posting struct {
	doc int32
	w   float32 // saturated, length-normalised term frequency
}

// index is an inverted index over two kinds of documents per entry: one
// fields document (doc id entryFields[e]) and one document per example
// question. Scores are accumulated through postings only, never a loop over
// all entries.
type index struct {
	n        int // entries
	terms    map[string]int32
	postings [][]posting
	idf      []float32
	kind     []termKind
	text     []string
	// df is the number of entries holding the term.
	df       []float32
	docEntry []int32
	docIsEx  []bool
	// phraseScale holds the discount of each document made of an entry's
	// own phrase (addPhraseDocs); nil when there are none.
	phraseScale map[int32]float32
	// fieldsW is the weight of the fields documents against the examples
	// in this base (exampleDensity).
	fieldsW float32
	// sparse is the base's sparseness (0 for the bundled base, 1 at the
	// minimum an admin writes).
	sparse float32
	// deletes maps one-deletion variants of Latin words (and the words
	// themselves) to term ids, for typo correction.
	deletes map[string][]int32
	oovIDF  float32
	// blob is each entry's normalised title, answer and keywords, for
	// checks that need the literal text (places).
	blob    []string
	years   [][]yearSpan // per entry, from the English title
	entKind []base.Kind
	// overview marks the entries that list a whole topic (ids ending in
	// ".overview"): list questions prefer them.
	overview []bool
	// leftOut is a document the index acts as if it did not hold (-1 for
	// none): leave-one-out evaluation searches a copy with one example
	// left out (without), so the hot path carries no parameter for it.
	leftOut int32
	scratch *sync.Pool
}

type docBuilder struct {
	tf  map[int32]float32
	len float32
}

// indexBuilder collects the documents of newIndex and the document
// frequencies of their terms.
type indexBuilder struct {
	ix   *index
	docs []docBuilder
	// Document frequency counts an entry fully when the term is part of
	// its topic (title, keywords, names, examples) and only a little when
	// the term merely occurs in its answer: boilerplate such as "press
	// the Japan Desk button" in many answers must not make "Japan Desk"
	// look common.
	seenAny, seenTopic []int32 // per term: last entry counted (+1)
	respell            func(string) string
}

func newIndex(entries []*base.Entry) *index { return newIndexRespelled(entries, nil) }

// newIndexRespelled is newIndex with the example questions read through
// respell (normalised text in and out), as a question is read: a slip an
// example holds is the word it means, not a word of its own.
func newIndexRespelled(entries []*base.Entry, respell func(string) string) *index {
	b := &indexBuilder{ix: &index{n: len(entries), terms: make(map[string]int32), leftOut: -1, scratch: new(sync.Pool)}, respell: respell}
	// The older version of a dated rule is found through today's rule
	// (rules.go then picks the version the question fits): its words and
	// examples count for today's entry, so the two never compete.
	pos := make(map[string]int, len(entries))
	for i, e := range entries {
		pos[e.ID] = i
	}
	for i, e := range entries {
		ei := i
		if t, ok := pos[e.SupersededBy]; ok && e.SupersededBy != "" {
			ei = t
		}
		b.addEntry(e, ei)
	}
	ix := b.ix
	density := exampleDensity(entries)
	ix.fieldsW = fieldsWeightFor(density)
	ix.sparse = float32(sparseness(density))
	if sc := phraseScaleFor(density); sc > 0 {
		for i, e := range entries {
			ei := i
			if t, ok := pos[e.SupersededBy]; ok && e.SupersededBy != "" {
				ei = t
			}
			b.addPhraseDocs(e, ei, sc)
		}
	}
	ix.weighPostings(b.docs)
	ix.weighTerms()
	ix.indexDeletes()
	return ix
}

func (b *indexBuilder) termID(t token) int32 {
	ix := b.ix
	id, ok := ix.terms[t.text]
	if !ok {
		id = int32(len(ix.postings))
		ix.terms[t.text] = id
		ix.postings = append(ix.postings, nil)
		ix.kind = append(ix.kind, t.kind)
		ix.text = append(ix.text, t.text)
		ix.df = append(ix.df, 0)
	}
	return id
}

// addText adds text to document d of entry with weight w, counting its
// terms' document frequencies.
func (b *indexBuilder) addText(d *docBuilder, text string, w float32, entry int) {
	b.addNorm(d, textnorm.NormalizeN(text, 0), w, entry)
}

// addNorm is addText of normalised text.
func (b *indexBuilder) addNorm(d *docBuilder, norm string, w float32, entry int) {
	topical := w != wAnswer
	tokenize(norm, func(t token) {
		id := b.termID(t)
		for int(id) >= len(b.seenAny) {
			b.seenAny, b.seenTopic = append(b.seenAny, 0), append(b.seenTopic, 0)
		}
		mark := int32(entry + 1)
		switch {
		case topical && b.seenTopic[id] != mark:
			if b.seenAny[id] == mark {
				b.ix.df[id] -= answerDF
			}
			b.seenTopic[id], b.seenAny[id] = mark, mark
			b.ix.df[id]++
		case !topical && b.seenAny[id] != mark:
			b.seenAny[id] = mark
			b.ix.df[id] += answerDF
		}
		d.tf[id] += w
		d.len += w
	})
}

// addEntry adds e's fields document, its literal text and one document per
// example, all counted for entry ei.
func (b *indexBuilder) addEntry(e *base.Entry, ei int) {
	ix := b.ix
	b.docs = append(b.docs, b.fieldsDoc(e, ei))
	ix.blob = append(ix.blob, entryBlob(e))
	ix.years = append(ix.years, titleYears(e.Title[investbot.EN]))
	ix.entKind = append(ix.entKind, e.Kind)
	ix.overview = append(ix.overview, strings.HasSuffix(e.ID, ".overview"))
	ix.docEntry = append(ix.docEntry, int32(ei))
	ix.docIsEx = append(ix.docIsEx, false)
	for _, l := range investbot.Langs {
		for _, x := range e.Examples[l] {
			d := docBuilder{tf: make(map[int32]float32)}
			n := textnorm.NormalizeN(x, 0)
			if b.respell != nil {
				n = b.respell(n)
			}
			b.addNorm(&d, n, 1, ei)
			b.docs = append(b.docs, d)
			ix.docEntry = append(ix.docEntry, int32(ei))
			ix.docIsEx = append(ix.docIsEx, true)
		}
	}
}

// fieldsDoc is e's fields document: titles, answers, keywords, aliases,
// names and the structured fields, each with its weight.
func (b *indexBuilder) fieldsDoc(e *base.Entry, ei int) docBuilder {
	f := docBuilder{tf: make(map[int32]float32)}
	for _, l := range investbot.Langs {
		b.addText(&f, e.Title[l], wTitle, ei)
		b.addText(&f, e.Answer[l], wAnswer, ei)
	}
	for _, k := range e.Keywords {
		b.addText(&f, k, wKeywords, ei)
	}
	for _, k := range newAliases(e) {
		b.addText(&f, k, wKeywords, ei)
	}
	// Names are there for translation parity; they often list what
	// the answer merely mentions ("Japan Desk"), so they weigh like
	// the answer, not like the topic.
	for _, k := range e.Names {
		b.addText(&f, k, wAnswer, ei)
	}
	if z := e.Zone; z != nil {
		for _, s := range []string{z.Developer, z.DeveloperCountry, z.HostPark, z.Commune, z.FormerDistrict} {
			b.addText(&f, s, wExtra, ei)
		}
	}
	if c := e.Contact; c != nil {
		for _, l := range investbot.Langs {
			b.addText(&f, c.Organisation[l], wKeywords, ei)
			b.addText(&f, c.Role[l], wExtra, ei)
		}
	}
	return f
}

// entryBlob is e's normalised titles, answers, keywords and aliases.
func entryBlob(e *base.Entry) string {
	var blob strings.Builder
	for _, l := range investbot.Langs {
		blob.WriteString(textnorm.NormalizeN(e.Title[l], 0) + " " + textnorm.NormalizeN(e.Answer[l], 0) + " ")
	}
	for _, k := range e.Keywords {
		blob.WriteString(textnorm.NormalizeN(k, 0) + " ")
	}
	for _, k := range e.Aliases {
		blob.WriteString(textnorm.NormalizeN(k, 0) + " ")
	}
	return blob.String()
}

// exampleDensity is the median number of example questions per language of
// the entries: how much of the base's matching its examples can carry.
func exampleDensity(entries []*base.Entry) float64 {
	if len(entries) == 0 {
		return 0
	}
	per := make([]float64, len(entries))
	for i, e := range entries {
		n := 0
		for _, l := range investbot.Langs {
			n += len(e.Examples[l])
		}
		per[i] = float64(n) / float64(len(investbot.Langs))
	}
	slices.Sort(per)
	return per[len(per)/2]
}

// fieldsWeightFor is the fields documents' weight in a base of the given
// example density: fieldsWeight from richExamples up, sparseFieldsWeight
// at minExamples and below, linear between.
func fieldsWeightFor(density float64) float32 {
	return float32(fieldsWeight + sparseness(density)*(sparseFieldsWeight-fieldsWeight))
}

// weighPostings turns the documents' term frequencies into BM25-saturated,
// length-normalised posting weights (fields and examples each against
// their own average length).
func (ix *index) weighPostings(docs []docBuilder) {
	var sumF, sumE float64
	var nF, nE int
	for i, d := range docs {
		if _, ok := ix.phraseScale[int32(i)]; ok {
			continue
		}
		if ix.docIsEx[i] {
			sumE += float64(d.len)
			nE++
		} else {
			sumF += float64(d.len)
			nF++
		}
	}
	avgF, avgE := float32(sumF/math.Max(1, float64(nF))), float32(sumE/math.Max(1, float64(nE)))
	for i, d := range docs {
		b, avg := float32(bm25BFields), avgF
		if ix.docIsEx[i] {
			b, avg = bm25BExamples, avgE
		}
		if avg == 0 {
			avg = 1
		}
		norm := bm25K1 * (1 - b + b*d.len/avg)
		scale, ok := ix.phraseScale[int32(i)]
		if !ok {
			scale = 1
		}
		for id, tf := range d.tf {
			ix.postings[id] = append(ix.postings[id], posting{doc: int32(i), w: scale * tf * (bm25K1 + 1) / (tf + norm)})
		}
	}
}

// weighTerms sets each term's IDF from its entry frequency.
func (ix *index) weighTerms() {
	ix.idf = make([]float32, len(ix.postings))
	n := float64(ix.n)
	for id, df := range ix.df {
		ix.idf[id] = float32(math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5)))
		if ix.idf[id] < 0.01 {
			ix.idf[id] = 0.01
		}
	}
	ix.oovIDF = float32(math.Log(1 + (n+0.5)/0.5))
}

// indexDeletes maps the one-deletion variants of Latin words to the words,
// for typo correction.
func (ix *index) indexDeletes() {
	ix.deletes = make(map[string][]int32)
	for t, id := range ix.terms {
		if ix.kind[id] != termWord || len(t) < 4 || isDigits(t) {
			continue
		}
		ix.deletes[t] = append(ix.deletes[t], id)
		for i := 0; i < len(t); i++ {
			v := t[:i] + t[i+1:]
			ix.deletes[v] = appendUnique(ix.deletes[v], id)
		}
	}
}

func appendUnique(xs []int32, x int32) []int32 {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// correct maps a Latin word missing from the vocabulary to the closest
// vocabulary word within one edit (words of 5–7 letters) or two (longer
// words), preferring the smaller distance, then the more common word. The
// first letter must agree: real typos keep it, and without that rule an
// unknown off-topic word slides onto a common one ("beach" → "each") and
// stops counting against the answer. It returns -1 when nothing is close
// enough.
func (ix *index) correct(w string) int32 {
	if len(w) < 5 || isDigits(w) || len(w) > 40 {
		return -1
	}
	maxD := 1
	if len(w) >= 8 {
		maxD = 2
	}
	best, bestD, bestDF := int32(-1), maxD+1, float32(-1)
	try := func(ids []int32) {
		for _, id := range ids {
			t := ix.termText(id)
			if t == "" || t[0] != w[0] {
				continue
			}
			d := editDistance(w, t, maxD)
			if d < bestD || (d == bestD && ix.df[id] > bestDF) {
				best, bestD, bestDF = id, d, ix.df[id]
			}
		}
	}
	try(ix.deletes[w])
	for i := 0; i < len(w); i++ {
		v := w[:i] + w[i+1:]
		if id, ok := ix.terms[v]; ok && ix.kind[id] == termWord {
			try([]int32{id})
		}
		try(ix.deletes[v])
		if maxD >= 2 {
			for j := i; j < len(v); j++ {
				try(ix.deletes[v[:j]+v[j+1:]])
			}
		}
	}
	if bestD > maxD {
		return -1
	}
	return best
}

func (ix *index) termText(id int32) string { return ix.text[id] }

// editDistance is the optimal-string-alignment distance between a and b
// (bytes; the words are folded ASCII), giving up above max.
func editDistance(a, b string, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	var rows [3][48]int
	if len(b) >= 47 {
		return max + 1
	}
	prev2, prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// newAliases are the aliases of e that its titles and keywords do not
// already spell: only they add words to the index (the others would only
// lengthen the entry's fields and weaken every word in them).
func newAliases(e *base.Entry) []string {
	var known strings.Builder
	for _, l := range investbot.Langs {
		known.WriteString(textnorm.NormalizeN(e.Title[l], 0) + " | ")
	}
	for _, k := range e.Keywords {
		known.WriteString(textnorm.NormalizeN(k, 0) + " | ")
	}
	have := known.String()
	var out []string
	for _, a := range e.Aliases {
		if n := textnorm.NormalizeN(a, 0); n != "" && !strings.Contains(have, n) {
			out = append(out, a)
		}
	}
	return out
}

// sparseness is how far a base of the given example density is from
// richExamples towards minExamples: 0 for the bundled base, 1 for a base at
// the minimum an admin writes.
func sparseness(density float64) float64 {
	return math.Min(math.Max((richExamples-density)/(richExamples-minExamples), 0), 1)
}

// phraseScaleFor is the discount of the phrase documents in a base of the
// given example density: none in a base with richExamples or more (its
// examples already say the phrases the ways askers do),
// sparsePhraseScale at the minimum.
func phraseScaleFor(density float64) float32 {
	return float32(sparseness(density) * sparsePhraseScale)
}

// addPhraseDocs adds, for a sparse base, one document per keyword or alias
// of e of two words or more ("thuế đối ứng", "registered capital",
// "priority sectors"), counted as an example discounted by scale: a phrase
// the admin wrote for the entry, found whole in a question, is the evidence
// an example holding it would give, which three examples rarely do. A
// one-word keyword is no phrase: it matches any question using the word.
// The documents follow every entry's own, so that an example's document
// number does not depend on them, and they leave the document frequencies
// alone (their words are already the entry's, through its fields).
func (b *indexBuilder) addPhraseDocs(e *base.Entry, ei int, scale float32) {
	ix := b.ix
	if ix.phraseScale == nil {
		ix.phraseScale = make(map[int32]float32)
	}
	for _, k := range append(slices.Clip(e.Keywords), e.Aliases...) {
		d := docBuilder{tf: make(map[int32]float32)}
		words := 0
		tokenize(textnorm.NormalizeN(k, 0), func(t token) {
			if t.kind != termPair && t.kind != termKanji && t.kind != termKana {
				words++
			}
			if id, ok := ix.terms[t.text]; ok {
				d.tf[id]++
				d.len++
			}
		})
		if words < 2 {
			continue
		}
		ix.phraseScale[int32(len(b.docs))] = scale
		b.docs = append(b.docs, d)
		ix.docEntry = append(ix.docEntry, int32(ei))
		ix.docIsEx = append(ix.docIsEx, true)
	}
}
