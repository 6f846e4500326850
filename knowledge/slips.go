package knowledge

import (
	_ "embed"
	"io/fs"
	"maps"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
	"gopkg.in/yaml.v3"
)

// A Latin word of a question that the knowledge base does not hold and
// that is one slip (two for a long word) from exactly one word it does
// hold is read as that word before anything reads the question:
// "investmnet", "indusrtial", "Sumitmo", "Nghi Sonn", "expots". The
// katakana and Hangul names get the same treatment in the gazetteer
// (respellKana); respellSlips runs both.

// Bounds of the Latin reading.
const (
	// minSlipWord is the shortest word read as a slip: shorter ones
	// ("bna", "dua") are one slip from too many words.
	minSlipWord = 4
	// twoSlipWord is the length from which a word may be two slips
	// from the word meant.
	twoSlipWord = 8
	// maxSlipWord bounds the work on one word (a pasted token).
	maxSlipWord = 24
	// minSlipTarget is the shortest word a slip is read as ("Sonn" of
	// "Nghi Sơn").
	minSlipTarget = 3
)

// dictionaryText is words/dictionary/en.txt: ordinary English words, one a
// line, sorted, after comment lines.
//
//go:embed words/dictionary/en.txt
var dictionaryText string

// inDictionary reports whether w is an ordinary English word: an English
// word a question writes as meant, whatever word of the knowledge base it
// is one slip from ("contract", "customer", "bring"). The embedded text is
// searched as it is, one sorted line a word (TestDictionarySorted), so
// that no process pays for splitting its 72,000 lines.
func inDictionary(w string) bool {
	text := dictionaryText
	// The words start after the comment lines.
	for strings.HasPrefix(text, "#") {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return false
		}
		text = text[i+1:]
	}
	lo, hi := 0, len(text) // lo is a line start; hi ends a line or the text
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(text[lo:mid], '\n') + 1 + lo
		end := strings.IndexByte(text[mid:hi], '\n')
		if end < 0 {
			end = hi
		} else {
			end += mid
		}
		switch line := text[start:end]; {
		case line == w:
			return true
		case line < w:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}

// speller holds the Latin vocabulary of one knowledge base, indexed at
// load by the hashes of its words with up to two letters deleted
// (symmetric deletion, as SymSpell does): a question's word meets the
// vocabulary words within its reach through a few map look-ups, without
// allocating.
type speller struct {
	words []string
	freq  []int32
	// held is every word a question may use as written: the
	// vocabulary's, the engine's ordinary words (words/*.yaml,
	// lang/*.yaml, stop words included) and every term of the index
	// (examples too).
	vocab  map[string]int32
	sorted []string // words, sorted
	// ord is the engine's word files' words and phrases, shared
	// read-only by every knowledge base of the process.
	ord  *ordinary
	dels delIndex
	// capital marks the words the entries write with a capital letter
	// somewhere ("Sumitomo", "Niigata", "Industrial Zone"): the only
	// words a question's capitalised word may be a slip of, so that a
	// name the sources lack ("Inoue", "Vina") is not read as an
	// ordinary word ("income", "visa").
	capital []bool
}

// newSpeller indexes the Latin words of the entries' own text (titles,
// answers, keywords, aliases, names, structured fields) and the engine's
// ordinary words, which are read as written and may be what a slip
// meant ("humna", "conect").
func newSpeller(entries []*base.Entry) *speller {
	sp := &speller{vocab: make(map[string]int32), ord: ordinaryVocab()}
	add := func(text string, n int32) {
		for _, w := range latinWords(text) {
			if !asciiWord(w) {
				continue
			}
			id, ok := sp.vocab[w]
			if !ok {
				id = int32(len(sp.words))
				sp.vocab[w] = id
				sp.words = append(sp.words, w)
				sp.freq = append(sp.freq, 0)
			}
			sp.freq[id] += n
		}
	}
	for _, e := range entries {
		add(entryBlob(e), 1)
		for _, n := range e.Names {
			add(textnorm.NormalizeN(n, 0), 1)
		}
		if z := e.Zone; z != nil {
			add(textnorm.NormalizeN(strings.Join([]string{z.Developer, z.DeveloperCountry, z.HostPark, z.Commune, z.FormerDistrict}, " "), 0), 1)
		}
		if c := e.Contact; c != nil {
			for _, s := range c.Organisation {
				add(textnorm.NormalizeN(s, 0), 1)
			}
			for _, s := range c.Role {
				add(textnorm.NormalizeN(s, 0), 1)
			}
		}
	}
	for _, w := range sp.ord.sorted {
		add(w, 1)
	}
	sp.capital = make([]bool, len(sp.words))
	caps := func(text string) {
		for _, w := range capitalised(text) {
			if id, ok := sp.vocab[w]; ok {
				sp.capital[id] = true
			}
		}
	}
	for _, e := range entries {
		for _, t := range e.Answer {
			caps(t)
		}
		for _, t := range slices.Concat(e.Aliases, e.Names) {
			// A name stands alone: its first word is a name too.
			caps(". " + t)
			for _, w := range latinWords(textnorm.NormalizeN(t, 0)) {
				if id, ok := sp.vocab[w]; ok {
					sp.capital[id] = true
				}
			}
		}
	}
	sp.sorted = slices.Sorted(slices.Values(sp.words))
	sp.dels = newDelIndex(sp.words)
	return sp
}

// delIndex files each vocabulary word (by id) under the hash of the word
// and of the word with one letter deleted, and, for a word a two-slip
// question word may mean, with two letters deleted. It is one
// open-addressing table over flat arrays: a few allocations per
// knowledge base rather than one slice per hash.
type delIndex struct {
	keys []uint64 // a slot's hash
	off  []int32  // where a slot's ids start in ids
	n    []int32  // how many ids a slot has; 0: the slot is empty
	ids  []int32  // the ids of each slot in turn, in the order filed
	bits uint
}

// indexed reports whether word w of the vocabulary is filed: words too
// short or too long to be a slip's target, and numbers, are not.
func indexed(w string) bool {
	return len(w) >= minSlipTarget && len(w) <= maxSlipWord+2 && !isDigits(w)
}

// deletions calls f with the hashes of w under which it is filed; a hash
// may come more than once ("book" without either "o").
func deletions(w string, f func(uint64)) {
	f(hashSkip(w, -1, -1))
	for i := range len(w) {
		f(hashSkip(w, i, -1))
		if len(w) >= twoSlipWord-2 {
			for j := i + 1; j < len(w); j++ {
				f(hashSkip(w, i, j))
			}
		}
	}
}

// newDelIndex files words in two passes over their deletions: one counts
// the ids of each hash, the other places them.
func newDelIndex(words []string) delIndex {
	total := 0
	for _, w := range words {
		if indexed(w) {
			deletions(w, func(uint64) { total++ })
		}
	}
	var d delIndex
	d.bits = 4
	for 1<<d.bits < 2*total {
		d.bits++
	}
	size := 1 << d.bits
	d.keys, d.off, d.n = make([]uint64, size), make([]int32, size), make([]int32, size)
	last := make([]int32, size) // the id last counted or placed in a slot
	file := func(place bool) {
		for s := range last {
			last[s] = -1
		}
		for id, w := range words {
			if !indexed(w) {
				continue
			}
			deletions(w, func(h uint64) {
				s := d.slot(h)
				if last[s] == int32(id) {
					return
				}
				last[s] = int32(id)
				if !place {
					d.keys[s] = h
					d.n[s]++
					return
				}
				d.ids[d.off[s]] = int32(id)
				d.off[s]++
			})
		}
	}
	file(false)
	n := int32(0)
	for s := range d.off {
		d.off[s] = n
		n += d.n[s]
	}
	d.ids = make([]int32, n)
	file(true)
	for s := range d.off {
		d.off[s] -= d.n[s] // placing moved each start to its end
	}
	return d
}

// slot is the slot of hash h: its own, or the empty one where it goes.
func (d *delIndex) slot(h uint64) int {
	mask := 1<<d.bits - 1
	for s := int((h * 0x9E3779B97F4A7C15) >> (64 - d.bits)); ; s = (s + 1) & mask {
		if d.n[s] == 0 || d.keys[s] == h {
			return s
		}
	}
}

// get returns the ids filed under hash h, in the order filed.
func (d *delIndex) get(h uint64) []int32 {
	if len(d.keys) == 0 {
		return nil
	}
	s := d.slot(h)
	return d.ids[d.off[s] : d.off[s]+d.n[s]]
}

// hashSkip is the FNV-1a hash of w without its bytes i and j (-1: none).
func hashSkip(w string, i, j int) uint64 {
	h := uint64(14695981039346656037)
	for k := range len(w) {
		if k == i || k == j {
			continue
		}
		h ^= uint64(w[k])
		h *= 1099511628211
	}
	return h
}

// ordinary is what the engine's word and cue files give the speller:
// ordinary words of the four languages ("song", "river", "visa") that a
// question means as written, whatever vocabulary word they are a slip
// from, and the adjacent words of their phrases ("bao nhieu").
type ordinary struct {
	words   map[string]bool
	sorted  []string // words, sorted
	bigrams map[string]bool
}

// ordinaryVocab reads the word and cue files once per process: they are
// embedded, so every knowledge base shares the one reading, read-only.
var ordinaryVocab = sync.OnceValue(func() *ordinary {
	words, bigrams := ordinaryWords()
	return &ordinary{words: words, sorted: slices.Sorted(maps.Keys(words)), bigrams: bigrams}
})

// ordinaryWords are the Latin words of the engine's word and cue files,
// and the pairs of adjacent words of their phrases.
func ordinaryWords() (words, bigrams map[string]bool) {
	out, pairs := make(map[string]bool), make(map[string]bool)
	for _, f := range []struct {
		fsys fs.FS
		glob string
	}{{wordFS, "words/*.yaml"}, {cueFS, "lang/*.yaml"}} {
		paths, _ := fs.Glob(f.fsys, f.glob)
		for _, p := range paths {
			b, err := fs.ReadFile(f.fsys, p)
			if err != nil {
				continue // the loaders of these files report it
			}
			var doc any
			if yaml.Unmarshal(b, &doc) != nil {
				continue
			}
			walkStrings(doc, func(s string) {
				// A list of the words files is words apart, "_" joining a
				// phrase's; a cue file's item is one phrase.
				items := []string{s}
				if f := strings.Fields(s); len(f) > maxPhraseWords || strings.Contains(s, "_") {
					items = f
				}
				for _, phrase := range items {
					ws := latinWords(textnorm.NormalizeN(strings.ReplaceAll(phrase, "_", " "), 0))
					for k, w := range ws {
						if asciiWord(w) {
							out[w] = true
						}
						if k > 0 {
							pairs[ws[k-1]+" "+w] = true
						}
					}
				}
			})
		}
	}
	return out, pairs
}

// maxPhraseWords is the most words a cue file's phrase has.
const maxPhraseWords = 6

// walkStrings calls f with every string (keys too) of a YAML document.
func walkStrings(v any, f func(string)) {
	switch x := v.(type) {
	case string:
		f(x)
	case []any:
		for _, y := range x {
			walkStrings(y, f)
		}
	case map[string]any:
		for k, y := range x {
			f(k)
			walkStrings(y, f)
		}
	}
}

// capitalised returns the folded Latin words of text written with a
// capital letter where a sentence does not start: the names it writes.
func capitalised(text string) []string {
	var out []string
	start := true
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) || !unicode.Is(unicode.Latin, r) {
			switch r {
			case '.', '!', '?', '\n', ':', '。', '？', '！', '-':
				start = true
			}
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			c, sz := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(c) || !unicode.Is(unicode.Latin, c) {
				break
			}
			j += sz
		}
		if !start && unicode.IsUpper(r) {
			out = append(out, textnorm.NormalizeN(text[i:j], 0))
		}
		start = false
		i = j
	}
	return out
}

// asciiWord reports whether w is made of ASCII letters only (a folded
// Latin word without digits).
func asciiWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return w != ""
}

// slipCands is room for the vocabulary words one question word may be a
// slip of; more than it holds is too many to read the word as any.
type slipCands struct {
	ids [8]int32
	n   int
}

// meant returns the vocabulary word w is a slip of, if it is one: w is
// four letters or more, no word the knowledge base or the engine's word
// lists hold, no Vietnamese syllable, and within one slip (two for eight
// letters or more) of vocabulary words that, read by their stems, are one
// word — or one that, with the word before or after it (prev, next), makes
// a pair the index holds ("nhta ban" → "nhat ban") — clearly more common
// than any other. The first letter is kept (or swapped with the second):
// a word off by its first letter is more often another word ("beach",
// "each"). A word the question writes with a capital (capital) is read
// only as a word the entries write with one.
func (kb *KB) meant(w, prev, next string, capital bool) (string, bool) {
	sp := kb.spell
	if sp == nil || len(w) < minSlipWord || len(w) > maxSlipWord || !asciiWord(w) {
		return "", false
	}
	if _, ok := sp.vocab[w]; ok || sp.ord.words[w] || stopWords[w] || inDictionary(w) || len(w) <= maxAbbreviation && sp.abbreviation(w) {
		return "", false
	}
	// A word that could be a Vietnamese syllable ("ninh", "nieu") is
	// read as a slip only of a word it makes a known pair with beside
	// it ("bao nieu" → "bao nhieu", "Long Duy Gaing").
	syllable := vietSyllableRe.MatchString(w)
	maxD := 1
	if len(w) >= twoSlipWord {
		maxD = 2
	}
	var c slipCands
	best := maxD + 1
	consider := func(h uint64) bool {
		for _, id := range sp.dels.get(h) {
			t := sp.words[id]
			if t[0] != w[0] && (len(t) < 2 || t[0] != w[1] || t[1] != w[0]) {
				continue
			}
			if inflection(w, t) {
				// Another form of a word the entries hold ("citys"):
				// read as written, as stemming reads it.
				return false
			}
			if c.has(id) || capital && !sp.capital[id] {
				continue
			}
			d := slipDistance(w, t, maxD)
			if d > maxD || d > best {
				continue
			}
			if d < best {
				best, c.n = d, 0
			}
			if c.n == len(c.ids) {
				return false
			}
			c.ids[c.n] = id
			c.n++
		}
		return true
	}
	// consider is false once w has too many candidates or is another
	// form of one.
	ok := consider(hashSkip(w, -1, -1))
	for i := 0; ok && i < len(w); i++ {
		ok = consider(hashSkip(w, i, -1))
		for j := i + 1; ok && maxD == 2 && j < len(w); j++ {
			ok = consider(hashSkip(w, i, j))
		}
	}
	if !ok || c.n == 0 {
		return "", false
	}
	return kb.pickSlip(&c, prev, next, syllable)
}

// inflections are the endings of words/*.yaml inflections.
var inflections = textnorm.SetOf(joinedWords("inflections"))

// inflection reports whether one of a and b is the other with an ending
// ("asset", "assets"; "active", "actively"): another form of the word,
// which stemming meets or the question means, not a slip.
func inflection(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return strings.HasPrefix(b, a) && inflections[b[len(a):]]
}

func (c *slipCands) has(id int32) bool {
	for _, x := range c.ids[:c.n] {
		if x == id {
			return true
		}
	}
	return false
}

// pickSlip chooses among the nearest candidates: one word by its stem,
// the ones pairing with a neighbour when there are several, then the
// most common if no other is of its frequency class.
func (kb *KB) pickSlip(c *slipCands, prev, next string, paired bool) (string, bool) {
	sp := kb.spell
	if c.n > 1 || paired {
		// Candidates pairing with the word before, else with the word
		// after, when some do.
		keep := 0
		for _, nb := range [2][2]string{{prev, ""}, {"", next}} {
			for k := range c.n {
				if kb.pairs(nb[0], sp.words[c.ids[k]], nb[1]) {
					c.ids[keep], c.ids[k] = c.ids[k], c.ids[keep]
					keep++
				}
			}
			if keep > 0 {
				break
			}
		}
		if keep > 0 || paired {
			c.n = keep
		}
		if c.n == 0 {
			return "", false
		}
	}
	// The most common candidate; the others must share its stem or be
	// of a lower frequency class.
	top := c.ids[0]
	for _, id := range c.ids[1:c.n] {
		if sp.freq[id] > sp.freq[top] {
			top = id
		}
	}
	cls := bits.Len32(uint32(sp.freq[top]))
	stemTop := stem(sp.words[top])
	for _, id := range c.ids[:c.n] {
		if id != top && stem(sp.words[id]) != stemTop && bits.Len32(uint32(sp.freq[id])) >= cls-1 {
			return "", false
		}
	}
	return sp.words[top], true
}

// slipDistance is the optimal-string-alignment distance of a and b, above
// max reported as max+1; one slip is found without the table.
func slipDistance(a, b string, max int) int {
	if oneSlip(a, b) {
		return 1
	}
	if max < 2 {
		return max + 1
	}
	return editDistance(a, b, max)
}

// pairs reports whether w makes a known pair with prev or next: a pair
// of words the index holds, or two words of a phrase of the word files.
func (kb *KB) pairs(prev, w, next string) bool {
	s := stem(w)
	for _, p := range [2]string{prev, next} {
		if p == "" {
			continue
		}
		key, phrase := stem(p)+"_"+s, p+" "+w
		if p == next {
			key, phrase = s+"_"+stem(p), w+" "+p
		}
		if kb.spell.ord.bigrams[phrase] {
			return true
		}
		if kb.idx == nil {
			continue // indexing: the word files' phrases alone
		}
		if id, ok := kb.idx.terms[key]; ok && kb.idx.kind[id] == termPair {
			return true
		}
	}
	return false
}

// maxAbbreviation is the longest word that may be a shortening of a
// longer one ("expo", "govt", "cert") rather than a slip.
const maxAbbreviation = 5

// abbreviation reports whether w begins a longer word of the vocabulary.
func (sp *speller) abbreviation(w string) bool {
	i, _ := slices.BinarySearch(sp.sorted, w)
	return i < len(sp.sorted) && strings.HasPrefix(sp.sorted[i], w)
}

// respellSlips reads the slips of norm (text, normalised) as the words meant: Latin
// words by the vocabulary (meant), katakana and Hangul words by the
// gazetteer's names (respellKana). norm is returned unchanged when it
// holds no slip.
func (kb *KB) respellSlips(norm, text string) string {
	norm = kb.respellLatin(norm, text)
	if kb.gaz != nil {
		norm = kb.gaz.respellKana(norm, kb.mentionedAnywhere)
	}
	return norm
}

// respellLatin rewrites the Latin words of norm (text, normalised) that
// are slips.
func (kb *KB) respellLatin(norm, text string) string {
	if kb.spell == nil {
		return norm
	}
	b := textnorm.NewSplice(norm)
	prev := ""
	for i := 0; i < len(norm); {
		if !isASCIILetter(norm[i]) {
			if norm[i] != ' ' {
				prev = ""
			}
			i++
			continue
		}
		j := i
		for j < len(norm) && isASCIILetter(norm[j]) {
			j++
		}
		w := norm[i:j]
		if j < len(norm) && (isDigitByte(norm[j]) || norm[j] >= 0x80 && !cjkNext(norm[j:])) || i > 0 && (isDigitByte(norm[i-1]) || norm[i-1] >= 0x80 && !cjkPrev(norm[:i])) {
			// Glued to digits or to letters of another Latin word
			// ("x2025"): not a word of its own. Japanese and Korean
			// glue Latin names to their words ("Sumitmoの").
			prev = ""
			i = j
			continue
		}
		next := nextWord(norm, j)
		m, ok := kb.meant(w, prev, next, false)
		if ok && !kb.spell.capital[kb.spell.vocab[m]] && slices.Contains(capitalised(text), w) {
			// Written with a capital: a name, read only as one.
			m, ok = kb.meant(w, prev, next, true)
		}
		if ok {
			b.Replace(i, j, m)
			w = m
		}
		prev = w
		i = j
	}
	return b.String()
}

// nextWord is the ASCII word after one space at norm[j:], or "".
func nextWord(norm string, j int) string {
	if j+1 >= len(norm) || norm[j] != ' ' {
		return ""
	}
	k := j + 1
	for k < len(norm) && isASCIILetter(norm[k]) {
		k++
	}
	return norm[j+1 : k]
}

// cjkNext and cjkPrev report whether the rune that starts s, or ends it,
// is of the Japanese or Korean scripts.
func cjkNext(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return scriptOf(r) >= scCJK
}

func cjkPrev(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return scriptOf(r) >= scCJK
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' }

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
