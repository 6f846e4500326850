package knowledge

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Calibration. Confidence is a logistic function of three signals of the
// best candidate, fitted on leave-one-out matches of the examples
// (positives: the right entry came first) and out-of-scope questions
// (negatives): see doc.go and calibrate_test.go.
const (
	calCoverage = 2.3  // weight of the covered share of the query's IDF mass
	calMargin   = 4.9  // weight of the relative margin over the runner-up
	calStrength = 1.45 // weight of log(1+score)
	calBias     = -5.5 // offset
	// ConfidentAt is the confidence from which an answer is stated as fact.
	ConfidentAt = 0.55
	// ambiguousRatio: a runner-up scoring at least this share of the best,
	// covering the query about as well, makes the question ambiguous.
	ambiguousRatio = 0.93
	// answerBothAt is the confidence from which two entries too close to
	// choose between are answered together instead of asking "did you
	// mean": below it the pair is right barely more often than wrong
	// (how each constant was tuned: docs/quality.md, "Tuning history").
	answerBothAt = 0.75
	// minCover and fullCover bound the coverage gate (see confidence).
	minCover, fullCover = 0.3, 0.55
	// marginShift lowers the coverage gate for a clear winner.
	marginShift, shiftFrom, shiftTo = 0.1, 0.45, 0.7
	// minEvidence and fullEvidence bound the evidence gate, in units of
	// the IDF of a word found in no entry (so independent of the size of
	// the knowledge base).
	minEvidence, fullEvidence = 0.3, 0.8
	// uncoveredCap bounds the IDF mass of unmatched query words, in units
	// of an unknown word's IDF.
	uncoveredCap = 3
	// shortQuestion and unknownWordCap: a question of at most
	// shortQuestion words, one of them unknown to every entry, is capped
	// below ConfidentAt.
	shortQuestion, unknownWordCap = 3, 0.5
	// maxQueryTerms bounds the work per question.
	maxQueryTerms = 64
)

// Query term weights by kind: pairs add precision, particles little.
var kindWeight = [...]float32{termWord: 1, termPair: 0.5, termCJK: 1, termKana: 0.3, termHangul: 1, termKanji: 0.3}

const typoWeight = 0.7

// askForms are the terms of words/*.yaml ask_forms: how a question asks (a
// count, a comparison), as the tokenizer reads them.
var askForms = func() map[string]bool {
	m := make(map[string]bool)
	for _, l := range wordLists("ask_forms") {
		for _, w := range strings.Fields(l) {
			// A phrase ("so_với") is its word pairs: its syllables
			// alone ("so", "với") are other words too.
			phrase := strings.Contains(w, "_")
			tokenize(textnorm.Normalize(strings.ReplaceAll(w, "_", " ")), func(t token) {
				// A lone kanji of a longer run ("比" of "比較") or a
				// hiragana bigram is another word's part.
				if (t.kind == termPair) == phrase && t.kind != termKanji && t.kind != termKana {
					m[t.text] = true
				}
			})
		}
	}
	return m
}()

// focusBoost is how much more the words of a long message's question
// sentences weigh than the rest of it.
const focusBoost = 2

type qterm struct {
	id    int32 // -1 when out of vocabulary
	w     float32
	idf   float32 // the IDF the term counts with in coverage and evidence
	cover bool    // counts towards coverage
	// expanded marks a lexicon expansion: it scores (discounted) and, when
	// it matches, credits the question words it stands for (bit).
	expanded bool
	bit      uint64
	text     string // the question's word, for unknown words
}

type scratch struct {
	docScore   []float32
	docTouched []int32
	exBest     []float32
	field      []float32
	mask       []uint64
	entTouched []int32
	terms      []qterm
	seen       []string
	focus      []string
	toks       []token
}

func (ix *index) getScratch() *scratch {
	if s, ok := ix.scratch.Get().(*scratch); ok {
		return s
	}
	return &scratch{
		docScore: make([]float32, len(ix.docEntry)),
		exBest:   make([]float32, ix.n),
		field:    make([]float32, ix.n),
		mask:     make([]uint64, ix.n),
	}
}

func (ix *index) putScratch(s *scratch) {
	for _, d := range s.docTouched {
		s.docScore[d] = 0
	}
	for _, e := range s.entTouched {
		s.exBest[e], s.field[e], s.mask[e] = 0, 0, 0
	}
	s.docTouched, s.entTouched, s.terms, s.seen, s.focus = s.docTouched[:0], s.entTouched[:0], s.terms[:0], s.seen[:0], s.focus[:0]
	ix.scratch.Put(s)
}

type candidate struct {
	entry int32
	score float32
	cover float32
	// evidence is the IDF mass of the question the entry explains.
	evidence float32
	// listed marks an overview lifted for a list question (lists.go).
	listed bool
}

// retrieval is what the index says about one question.
type retrieval struct {
	top    [4]candidate
	ntop   int
	total  float32 // IDF mass of the query's coverage terms
	nterms int     // coverage terms
	nknown int     // coverage terms found in the vocabulary
}

// search scores entries for normalised text.
func (ix *index) search(norm string, pairsCover bool) retrieval {
	return ix.searchFocused(norm, "", pairsCover)
}

// searchFocused is search for a long message whose question sentences
// (focus, normalised) are known: their words weigh focusBoost times more
// than the greetings, introductions and context around them.
func (ix *index) searchFocused(norm, focus string, pairsCover bool) retrieval {
	s := ix.getScratch()
	defer ix.putScratch(s)
	var rv retrieval
	ix.readTerms(s, &rv, norm, focus, pairsCover)
	ix.expand(s)
	if rv.nknown > 0 {
		// Beside a word the entries hold themselves: a synonym alone
		// ("how big is it?" → area) is too little to go on.
		rv.nknown += knownBySynonym(s.terms)
	}
	ix.scoreDocs(s)
	ix.rank(s, &rv, norm)
	ix.weighEvidence(s, &rv)
	return rv
}

// readTerms turns the question's distinct tokens (at most maxQueryTerms)
// into query terms in s.terms and adds their IDF mass to rv's totals.
func (ix *index) readTerms(s *scratch, rv *retrieval, norm, focus string, pairsCover bool) {
	s.focus = s.focus[:0]
	if focus != "" {
		tokenize(focus, func(t token) { s.focus = append(s.focus, t.text) })
	}
	s.toks = s.toks[:0]
	tokenize(norm, func(t token) { s.toks = append(s.toks, t) })
	seen := 0
	var bits uint64 = 1
	for ti, t := range s.toks {
		if seen >= maxQueryTerms {
			break
		}
		if slices.Contains(s.seen, t.text) {
			continue
		}
		s.seen = append(s.seen, t.text)
		seen++
		q := ix.queryTerm(s, ti, pairsCover)
		if q.cover {
			rv.total += q.w * q.idf
			rv.nterms++
			if q.id >= 0 {
				rv.nknown++
			}
		}
		if q.id >= 0 || q.cover {
			// Unknown words get a bit too: a lexicon synonym may cover them.
			q.bit = bits
			bits <<= 1
			s.terms = append(s.terms, q)
		}
	}
}

// knownBySynonym counts the question's coverage words that no entry holds
// but a lexicon synonym of which one does (words/*.yaml synonyms: "누계"
// where the entries write "누적"): the knowledge base knows them, in
// other words, and they are no sign of a question about something else.
func knownBySynonym(terms []qterm) int {
	var expanded uint64
	for _, q := range terms {
		if q.expanded {
			expanded |= q.bit
		}
	}
	n := 0
	for _, q := range terms {
		if !q.expanded && q.id < 0 && q.cover && q.bit&expanded != 0 {
			n++
		}
	}
	return n
}

// queryTerm weighs token ti of s.toks: its kind, the focus, the vocabulary
// (with typo correction) and its IDF.
func (ix *index) queryTerm(s *scratch, ti int, pairsCover bool) qterm {
	t := s.toks[ti]
	q := qterm{id: -1, w: kindWeight[t.kind], cover: t.kind != termKanji && t.kind != termKana && (t.kind != termPair || pairsCover)}
	if len(s.focus) > 0 && slices.Contains(s.focus, t.text) {
		q.w *= focusBoost
	}
	if id, ok := ix.terms[t.text]; ok && !ix.onlyIn(id) {
		q.id = id
	}
	if askForms[t.text] {
		// "vs", "bigger", "몇개", "何社" say how the question asks,
		// not what about: an answer never writes them, and only the
		// examples an admin happened to write would cover them.
		q.cover = false
	}
	if ix.junction(s.toks, ti) {
		// Two known words written without a space ("투자규모"):
		// the bigram across their boundary is no word of its own.
		q.cover = false
	}
	if q.id < 0 && t.kind == termWord {
		if id := ix.correct(t.text); id >= 0 && !ix.onlyIn(id) {
			q.id, q.w = id, q.w*typoWeight
		}
	}
	idf := ix.oovIDF
	if q.id >= 0 {
		idf = ix.idf[q.id]
	} else if t.kind != termWord {
		// An unseen bigram may span an ending; an unseen pair of
		// Vietnamese syllables may be a paraphrase.
		idf *= 0.6
	}
	q.idf = idf
	if q.id < 0 {
		q.text = t.text
	}
	return q
}

// scoreDocs accumulates the query terms' BM25 scores per document through
// the postings, marks which terms each entry matches, and keeps each
// entry's best example and fields scores.
func (ix *index) scoreDocs(s *scratch) {
	// The slices are read into locals: appending to s.docTouched would
	// otherwise make the compiler load them again for every posting.
	docScore, mask, docEntry, touched, entTouched, leftOut := s.docScore, s.mask, ix.docEntry, s.docTouched, s.entTouched, ix.leftOut
	for _, q := range s.terms {
		if q.id < 0 {
			continue
		}
		qidf := q.w * ix.idf[q.id]
		for _, p := range ix.postings[q.id] {
			if p.doc == leftOut {
				continue
			}
			if docScore[p.doc] == 0 {
				touched = append(touched, p.doc)
			}
			docScore[p.doc] += qidf * p.w
			if q.bit != 0 {
				// The entry's example and fields scores are kept below,
				// after every term: here its mask alone says it is new.
				e := docEntry[p.doc]
				if mask[e] == 0 {
					entTouched = append(entTouched, e)
				}
				mask[e] |= q.bit
			}
		}
	}
	s.docTouched, s.entTouched = touched, entTouched
	for _, d := range s.docTouched {
		e := ix.docEntry[d]
		if s.mask[e] == 0 && s.exBest[e] == 0 && s.field[e] == 0 {
			s.entTouched = append(s.entTouched, e)
		}
		if ix.docIsEx[d] {
			s.exBest[e] = max(s.exBest[e], s.docScore[d])
		} else {
			// An entry can have more than one field document (the older
			// version of a dated rule is indexed with today's).
			s.field[e] = max(s.field[e], s.docScore[d])
		}
	}
}

// rank keeps the four best-scoring entries (a named year weighs each by
// how well it fits), then lets dated, undated and overview entries take
// the lead where the question asks for them.
func (ix *index) rank(s *scratch, rv *retrieval, norm string) {
	qyears := queryYears(norm)
	for _, e := range s.entTouched {
		sc := s.exBest[e] + ix.fieldsW*s.field[e]
		if len(qyears) > 0 {
			sc *= yearFit(ix.years[e], qyears)
		}
		if sc > 0 {
			rv.insert(candidate{entry: e, score: sc})
		}
	}
	if len(qyears) > 0 {
		ix.preferDated(rv, qyears)
	} else {
		ix.preferUndated(rv, norm)
	}
	ix.preferOverview(rv, norm)
}

// insert puts c into the top four by score.
func (rv *retrieval) insert(c candidate) {
	i := rv.ntop
	if i == len(rv.top) {
		if c.score <= rv.top[i-1].score {
			return
		}
		i--
	} else {
		rv.ntop++
	}
	for i > 0 && rv.top[i-1].score < c.score {
		rv.top[i] = rv.top[i-1]
		i--
	}
	rv.top[i] = c
}

// weighEvidence sets each candidate's evidence (the IDF mass of the
// question it explains) and coverage.
func (ix *index) weighEvidence(s *scratch, rv *retrieval) {
	for i := 0; i < rv.ntop; i++ {
		e := rv.top[i].entry
		var covered, evidence float32
		for _, q := range s.terms {
			if !q.expanded && q.bit != 0 && s.mask[e]&q.bit != 0 {
				evidence += q.w * q.idf
				if q.cover {
					covered += q.w * q.idf
				}
			}
		}
		// Unmatched words count, but only up to a bounded mass: a long
		// forwarded e-mail is mostly greetings and context, and its
		// question should not drown in them.
		// Evidence counts matched word pairs too: "exports 2025" is
		// specific as a pair though each word alone is common.
		rv.top[i].evidence = evidence / ix.oovIDF
		if rv.top[i].listed {
			// "Which parks are there?" asks for the list in words the
			// index ignores; that they ask for a list is evidence too.
			rv.top[i].evidence += listEvidence
		}
		if d := min(rv.total, covered+uncoveredCap*ix.oovIDF); d > 0 {
			rv.top[i].cover = covered / d
		}
	}
}

// confidence turns retrieval signals into a calibrated probability-like
// belief that the first candidate answers the question.
func confidence(c candidate, margin float32) float64 {
	cover, score := c.cover, c.score
	z := calCoverage*float64(cover) + calMargin*math.Min(float64(margin), 0.5) +
		calStrength*math.Log1p(float64(score)) + calBias
	// Whatever the margin, an entry that explains less than half of the
	// question does not answer it: fade out between minCover and fullCover.
	// A clear lead over the runner-up is evidence of its own: the gate
	// moves down by up to marginShift as the margin grows from shiftFrom
	// to shiftTo. Below a lead of about half, a short off-topic question
	// that shares one word with an entry ("재미있는 이야기" → "talk to a
	// person") must still be refused.
	shift := marginShift * math.Max(0, math.Min(float64(margin), shiftTo)-shiftFrom) / (shiftTo - shiftFrom)
	gate := math.Max(0, math.Min(1, (float64(cover)-minCover+shift)/(fullCover-minCover)))
	// One common word ("you", "help") is too little to go on, however
	// well it matches.
	gate *= math.Max(0, math.Min(1, (float64(c.evidence)-minEvidence)/(fullEvidence-minEvidence)))
	return gate / (1 + math.Exp(-z))
}

// Match answers q from the knowledge base: it normalises and tokenises the
// question, retrieves candidates through the inverted index, calibrates a
// confidence and decides between a confident answer, a "did you mean"
// (Ambiguous), a follow-up on q.Context, or nothing. OutOfScope is set
// when the question is empty, an instruction to the bot, about another
// province or country, or when no entry explains even 30% of it. A dated
// rule is answered in the version that fits the asker's project (rules.go).
func (kb *KB) Match(q Query) Result {
	return kb.pickRule(kb.match(q), textnorm.Normalize(q.Text))
}

// verdict calibrates rv for the question norm, which names the off-topic
// words off.
func (kb *KB) verdict(r Result, rv retrieval, norm string, off []string) Result {
	best := rv.top[0]
	var margin float32 = 1
	if rv.ntop > 1 {
		margin = (best.score - rv.top[1].score) / best.score
	}
	conf := confidence(best, margin)
	elsewhere := false
	for _, p := range placesIn(norm) {
		if !kb.mentions(best.entry, p) && !placeIsContext(norm, p) {
			// About another province or country: never state our facts.
			conf = min(conf, 0.3)
			elsewhere = true
		}
	}
	for _, p := range off {
		if !kb.mentions(best.entry, p) {
			// About visas, weather, food...: not ours to answer.
			conf = min(conf, 0.3)
			elsewhere = true
		}
	}
	// A short question with a word no entry uses is probably about
	// something else that shares one word with an entry ("wedding cost in
	// Vietnam" → land prices): too little to state facts on.
	if rv.nterms <= shortQuestion && rv.nknown < rv.nterms {
		conf = min(conf, unknownWordCap)
	}
	// Out of scope: the best entry explains too little of the question
	// to be worth a "did you mean", or the question is about elsewhere.
	r.OutOfScope = elsewhere || best.cover < minCover
	r.Best = &Match{Entry: kb.entries[best.entry], Score: float64(best.score), Confidence: conf}
	for i := 1; i < rv.ntop; i++ {
		c := rv.top[i]
		m := (c.score - bestOrNext(rv, i)) / c.score
		r.RunnersUp = append(r.RunnersUp, Match{
			Entry:      kb.entries[c.entry],
			Score:      float64(c.score),
			Confidence: math.Min(conf, confidence(c, m)),
		})
	}
	if rv.ntop > 1 {
		second := rv.top[1]
		if second.score >= ambiguousRatio*best.score && second.cover >= best.cover-0.1 && best.cover >= 0.5 {
			if conf >= answerBothAt {
				// Two entries explain the question equally well and
				// either would be stated confidently on its own (WHA
				// phase 1 or 2 when the phase is not named): answering
				// both, each under its own title, states only true
				// facts and saves the asker a round trip.
				also := r.RunnersUp[0]
				r.Also = &also
			} else {
				r.Ambiguous = true
			}
		}
	}
	r.Confident = conf >= ConfidentAt && !r.Ambiguous
	if r.Confident || r.Ambiguous {
		r.OutOfScope = false
	}
	return r
}

// bestOrNext returns the score of the candidate after i, or 0.
func bestOrNext(rv retrieval, i int) float32 {
	if i+1 < rv.ntop {
		return rv.top[i+1].score
	}
	return 0
}

// injectionPhrases are folded phrases that try to steer the bot rather than
// ask about investing (words/*.yaml, phrases.injection); such messages are
// out of scope whatever else they contain, and never reach the language
// model (llm).
var injectionPhrases = func() []string {
	raw := phrases("injection")
	out := make([]string, len(raw))
	for i, p := range raw {
		out[i] = textnorm.Normalize(p)
	}
	return out
}()

// IsInjection reports whether text tries to steer the bot or the model
// rather than ask a question.
func IsInjection(text string) bool { return isInjection(textnorm.Normalize(text)) }

func isInjection(norm string) bool {
	for _, p := range injectionPhrases {
		if strings.Contains(norm, p) {
			return true
		}
	}
	return false
}

// junction reports whether toks[i] is a Korean or Japanese bigram between
// two known bigrams of the same run that is unknown, or rare (one entry)
// while both neighbours are common: the seam of two words typed without a
// space ("투자규모" → "자규"), which says nothing about the question.
func (ix *index) junction(toks []token, i int) bool {
	t := toks[i]
	if (t.kind != termHangul && t.kind != termCJK) || i == 0 || i+1 >= len(toks) {
		return false
	}
	p, n := toks[i-1], toks[i+1]
	if p.kind != t.kind || n.kind != t.kind || !chained(p.text, t.text) || !chained(t.text, n.text) {
		return false
	}
	pid, pk := ix.terms[p.text]
	nid, nk := ix.terms[n.text]
	if !pk || !nk {
		return false
	}
	id, ok := ix.terms[t.text]
	return !ok || (ix.df[id] < 1.5 && ix.df[pid] >= 2 && ix.df[nid] >= 2)
}

// chained reports whether bigram b follows bigram a in the same run (a's
// second character is b's first).
func chained(a, b string) bool {
	_, s1 := utf8.DecodeRuneInString(a)
	if s1 == 0 || s1 >= len(a) {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(b)
	ra, _ := utf8.DecodeRuneInString(a[s1:])
	return ra == r2 && len(a) > s1 && strings.HasPrefix(b, a[s1:])
}

// onlyIn reports whether term id occurs in the left-out document and
// nowhere else.
// Leave-one-out evaluation then treats the term as unknown, as it would be
// for a question nobody wrote down (typo correction and the coverage of
// unknown words are measured too).
func (ix *index) onlyIn(id int32) bool {
	ps := ix.postings[id]
	return ix.leftOut >= 0 && len(ps) == 1 && ps[0].doc == ix.leftOut
}
