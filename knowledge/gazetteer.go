package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
	"golang.org/x/text/unicode/norm"
)

// The gazetteer lists every entity the knowledge base talks about — zones,
// offices, partners, countries, laws, events, figures — under each of its
// names, built at load time from the data: an entry's aliases (it is the
// entity's main entry), its titles in the four languages, a zone's
// developer and host park, an office's name. Names are normalised, so
// diacritic-free and full-width spellings match too.

// entity is one name and the entries it points to, its main entry first.
type entity struct {
	name    string
	entries []int32
	// alias marks a name an entry claims as its own subject: it has one
	// main entry. Other names (a developer's, shared by four zones) may
	// point to several.
	alias bool
	// vietMarked marks a one-syllable Vietnamese name whose unaccented
	// spelling is a common syllable: a Vietnamese question names it only
	// as findMarked reads it.
	vietMarked bool
}

type gazetteer struct {
	ents []entity
	// byHead indexes entities by their first two words (Latin; one for a
	// one-word name) or first three runes (other scripts; two for a
	// two-rune name), so a question is read in one pass and a place in it
	// meets only the few names that start there.
	byHead map[string][]int32
	// marked holds the one-syllable Vietnamese names whose unaccented
	// spelling is a common syllable ("Nhật": "nhat" is also "nhất",
	// most), by their lower-case marked spelling: they are read only as
	// written, a whole word outside the compounds that hold the syllable
	// ("cập nhật", update).
	marked map[string]int32 // marked spelling → entity
	// bare holds the same names by their unaccented spelling: a message
	// typed wholly without marks ("khach nhat") names them so, outside the
	// compounds that hold the syllable read without marks ("lon nhat").
	bare map[string]int32 // unaccented spelling → entity
	// joined holds the names written with hyphens inside a word
	// ("Cô-oét") by the spelling without them ("cooet"), normalised.
	joined map[string]string
	// kana holds the names written in katakana or Hangul alone, of three
	// runes or more: a question's word in that script one rune away from
	// one of them ("ジュトロ", "스미또모") is read as that name.
	kana []int32
	// kanaSound holds each kana name's sound-folded spelling (soundFold),
	// beside kana.
	kanaSound []string
	// kataByFirst indexes the katakana names of kana by their first rune,
	// for reading a name typed in hiragana (hiraganaName).
	kataByFirst map[rune][]int32
}

// entityHit is an entity named in a question, at norm[start:end].
type entityHit struct {
	ent        int32
	start, end int
}

func newGazetteer(entries []*base.Entry) *gazetteer {
	g := &gazetteer{byHead: make(map[string][]int32), marked: make(map[string]int32), bare: make(map[string]int32), joined: make(map[string]string), kataByFirst: make(map[rune][]int32)}
	at := make(map[string]int32)
	add := func(name string, ei int32, alias bool) {
		n := textnorm.NormalizeN(name, 0)
		if !nameWorthy(n) {
			return
		}
		common := alias && commonSyllable(name, n)
		i, ok := at[n]
		if !ok {
			i = int32(len(g.ents))
			at[n] = i
			g.ents = append(g.ents, entity{name: n})
			h := headOf(n)
			g.byHead[h] = append(g.byHead[h], i)
			if (allKatakana(n) || allHangul(n)) && utf8.RuneCountInString(n) >= minKanaTypo-1 {
				g.kana = append(g.kana, i)
				g.kanaSound = append(g.kanaSound, soundFold(n))
				if allKatakana(n) {
					first, _ := utf8.DecodeRuneInString(n)
					g.kataByFirst[first] = append(g.kataByFirst[first], i)
				}
			}
		}
		e := &g.ents[i]
		if common {
			// Read as written in Vietnamese ("Nhật"); other languages
			// read the plain spelling ("Lao").
			e.vietMarked = true
			if _, ok := g.marked[markedForm(name)]; !ok {
				g.marked[markedForm(name)] = i
			}
			if _, ok := g.bare[n]; !ok {
				g.bare[n] = i
			}
		}
		switch {
		case alias && !e.alias:
			e.alias = true
			e.entries = append([]int32{ei}, e.entries...)
		case !containsInt32(e.entries, ei):
			e.entries = append(e.entries, ei)
		}
	}
	for i, e := range entries {
		ei := int32(i)
		for _, a := range e.Aliases {
			add(a, ei, true)
			if j := joinHyphens(a); j != a && !strings.Contains(j, " ") {
				// "Cô-oét" typed "cooet".
				g.joined[textnorm.NormalizeN(j, 0)] = textnorm.NormalizeN(a, 0)
			}
		}
		for _, n := range entityNames(e) {
			add(n, ei, false)
		}
	}
	return g
}

// joinHyphens is name with the hyphens inside its words left out
// ("Cô-oét" → "Côoét"), the way a name transcribed syllable by syllable is
// often typed; name itself when it has none.
func joinHyphens(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if r == '-' && i > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1]) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unjoin rewrites each word of norm that is a hyphenated name typed
// without its hyphens ("cooet") as the name is written ("co-oet" as
// normalised), so that the gazetteer and retrieval read it alike.
func (g *gazetteer) unjoin(norm string) string {
	found := false
	for j := range g.joined {
		if strings.Contains(norm, j) {
			found = true
			break
		}
	}
	if !found {
		return norm
	}
	ws := strings.Fields(norm)
	changed := false
	for i, w := range ws {
		if n, ok := g.joined[w]; ok {
			ws[i], changed = n, true
		}
	}
	if !changed {
		return norm
	}
	return strings.Join(ws, " ")
}

// entityNames are the names an entry gives its subject besides aliases.
func entityNames(e *base.Entry) []string {
	var ns []string
	for _, l := range investbot.Langs {
		t := e.Title[l]
		ns = append(ns, t)
		if i := strings.IndexAny(t, "(（"); i > 0 {
			ns = append(ns, t[:i])
		}
	}
	if z := e.Zone; z != nil {
		ns = append(ns, z.HostPark)
	}
	if c := e.Contact; c != nil {
		for _, l := range investbot.Langs {
			ns = append(ns, c.Organisation[l])
		}
	}
	return ns
}

// nameWorthy keeps names long enough to mean something: two Latin letters
// ("EZ" is not a name, "WHA" is), two runes in other scripts.
func nameWorthy(n string) bool {
	if n == "" {
		return false
	}
	if n[0] < 0x80 {
		return len(n) >= 3 && !isDigits(n)
	}
	return utf8.RuneCountInString(n) >= 2
}

func headOf(n string) string {
	if n[0] < 0x80 {
		return latinHead(n, 0)
	}
	return runeHead(n, 0, 3)
}

// latinHead is the first two words of s from i (one when there is one),
// a Latin word ending where another script starts ("wha工業団地").
func latinHead(s string, i int) string {
	j := latinWordEnd(s, i)
	if j < len(s) && s[j] == ' ' && j+1 < len(s) && s[j+1] < 0x80 {
		return s[i:latinWordEnd(s, j+1)]
	}
	return s[i:j]
}

func latinWordEnd(s string, i int) int {
	for i < len(s) && s[i] != ' ' && s[i] < 0x80 {
		i++
	}
	return i
}

// runeHead is the first n runes of s from i, or fewer at its end.
func runeHead(s string, i, n int) string {
	j := i
	for k := 0; k < n && j < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	return s[i:j]
}

func containsInt32(xs []int32, x int32) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// find returns the entities named in norm, longest first at each place,
// without overlaps, in text order.
func (g *gazetteer) find(norm string, out []entityHit) []entityHit {
	for i := 0; i < len(norm); {
		r, size := utf8.DecodeRuneInString(norm[i:])
		if r == ' ' {
			i++
			continue
		}
		var best int32
		if r < 0x80 {
			two := latinHead(norm, i)
			best = g.longer(g.longestAt(norm, i, two), g.longestAt(norm, i, norm[i:latinWordEnd(norm, i)]))
		} else {
			best = g.longer(g.longestAt(norm, i, runeHead(norm, i, 3)), g.longestAt(norm, i, runeHead(norm, i, 2)))
		}
		if best >= 0 {
			end := i + len(g.ents[best].name)
			out = append(out, entityHit{ent: best, start: i, end: end})
			i = end
			continue
		}
		if r < 0x80 {
			// skip the rest of a Latin word
			for i < len(norm) && norm[i] != ' ' && norm[i] < 0x80 {
				i++
			}
			continue
		}
		i += size
	}
	return out
}

// longer returns the entity with the longer name, -1 for neither.
func (g *gazetteer) longer(a, b int32) int32 {
	switch {
	case a < 0:
		return b
	case b < 0 || len(g.ents[a].name) >= len(g.ents[b].name):
		return a
	}
	return b
}

func (g *gazetteer) longestAt(norm string, i int, head string) int32 {
	best := int32(-1)
	for _, c := range g.byHead[head] {
		n := g.ents[c].name
		if !strings.HasPrefix(norm[i:], n) {
			continue
		}
		if n[0] < 0x80 {
			if j := i + len(n); j < len(norm) && textnorm.IsLatinAlnum(textnorm.FirstRune(norm[j:])) {
				continue
			}
		} else if j := i + len(n); j < len(norm) && midKanaWord(textnorm.FirstRune(norm[j:])) {
			continue // "タイ" is not named in "タインホア"
		}
		if best < 0 || len(n) > len(g.ents[best].name) {
			best = c
		}
	}
	return best
}

// Names reports whether text names the entity whose entry is id ("connect
// me with the Department of Industry and Trade" names contact.doit).
func (kb *KB) Names(text, id string) bool {
	if kb == nil || kb.gaz == nil {
		return false
	}
	for _, h := range kb.gaz.find(textnorm.Normalize(text), nil) {
		for _, ei := range kb.gaz.ents[h.ent].entries {
			if kb.entries[ei].ID == id {
				return true
			}
		}
	}
	return false
}

// midKanaWord reports a kana that cannot start a word (ン, ー, small
// kana): a name followed by one is only the start of a longer word.
func midKanaWord(r rune) bool {
	return strings.ContainsRune("ンんーァィゥェォッャュョヮぁぃぅぇぉっゃゅょゎ", r)
}

// commonSyllable reports whether name is one Vietnamese syllable with its
// marks whose unaccented spelling n is a common syllable (words/vi.yaml's
// detect list): read unaccented, it would name the entity in every
// "lớn nhất".
func commonSyllable(name, n string) bool {
	if strings.ContainsRune(n, ' ') || !viWords[n] {
		return false
	}
	for _, r := range name {
		if textnorm.HasVietnameseMarks(r) {
			return true
		}
	}
	return false
}

// markedForm is s in lower case, NFC, its marks kept.
func markedForm(s string) string {
	return strings.ToLower(norm.NFC.String(s))
}

// viCompounds are the Vietnamese words of two syllables or more
// (words/vi.yaml's compounds, marked), as syllable lists.
var viCompounds = func() [][]string {
	var out [][]string
	for _, w := range strings.Fields(joinedWords("compounds")) {
		out = append(out, strings.Split(markedForm(w), "_"))
	}
	return out
}()

// viBareCompounds are viCompounds without their marks, for a message typed
// without any ("lon nhat", "lao dong").
var viBareCompounds = func() [][]string {
	var out [][]string
	for _, c := range viCompounds {
		bare := make([]string, len(c))
		for i, syl := range c {
			bare[i] = textnorm.NormalizeN(syl, 0)
		}
		out = append(out, bare)
	}
	return out
}()

// unmarked reports whether text holds Latin letters and none of them
// carries a Vietnamese mark: a message typed without diacritics.
func unmarked(text string) bool {
	letters := false
	for _, r := range text {
		if textnorm.HasVietnameseMarks(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// findMarked returns hits, the plain reading of a Vietnamese question,
// without the names whose unaccented spelling is a common syllable, and
// with those of them text writes with their marks: whole words, as written
// with their marks, that no compound holds together with the words
// beside them. Each hit is placed in norm, text normalised: the i-th
// word of text that normalises to the name's spelling is the i-th such
// word of norm.
func (g *gazetteer) findMarked(text, norm string, out []entityHit) []entityHit {
	out = slices.DeleteFunc(out, func(h entityHit) bool { return g.ents[h.ent].vietMarked })
	if len(g.marked) == 0 {
		return out
	}
	words := strings.FieldsFunc(markedForm(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) })
	seen := map[string]int{}
	bare := unmarked(text)
	for i, w := range words {
		n := textnorm.NormalizeN(w, 0)
		seen[n]++
		ei, ok := g.marked[w]
		compounds := viCompounds
		if !ok && bare {
			ei, ok = g.bare[w]
			compounds = viBareCompounds
		}
		if !ok || inCompound(compounds, words, i) {
			continue
		}
		if at := nthWord(norm, n, seen[n]); at >= 0 {
			out = append(out, entityHit{ent: ei, start: at, end: at + len(n)})
		}
	}
	slices.SortFunc(out, func(a, b entityHit) int { return a.start - b.start })
	return out
}

// inCompound reports whether words[i] is part of one of compounds.
func inCompound(compounds [][]string, words []string, i int) bool {
	for _, c := range compounds {
		for k, syl := range c {
			start := i - k
			if syl != words[i] || start < 0 || start+len(c) > len(words) {
				continue
			}
			if slices.Equal(words[start:start+len(c)], c) {
				return true
			}
		}
	}
	return false
}

// nthWord returns where the k-th (from 1) whole word w of norm starts, or -1.
func nthWord(norm, w string, k int) int {
	at := 0
	for _, f := range strings.Fields(norm) {
		i := strings.Index(norm[at:], f) + at
		if f == w {
			k--
			if k == 0 {
				return i
			}
		}
		at = i + len(f)
	}
	return -1
}

// minKanaTypo is the fewest runes of the longer of a word and the name it
// may be a slip of: shorter ones ("ラオス", "수출입") are one rune from too
// many words ("수출이").
const minKanaTypo = 4

func allHangul(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Hangul, r) {
			return false
		}
	}
	return s != ""
}

func allKatakana(s string) bool {
	for _, r := range s {
		if !isKatakanaMark(r) {
			return false
		}
	}
	return s != ""
}

// oneSlip reports whether a and b differ by one slip: a rune added,
// dropped or changed, or two neighbours swapped ("スミモト" for "スミトモ")
// — an optimal-string-alignment distance of exactly one, found without
// allocating, since every Japanese or Korean word of a question is
// compared with the names.
func oneSlip(a, b string) bool {
	p := 0 // a[:p] == b[:p], on a rune boundary
	for p < len(a) && p < len(b) {
		ra, na := utf8.DecodeRuneInString(a[p:])
		rb, _ := utf8.DecodeRuneInString(b[p:])
		if ra != rb {
			break
		}
		p += na
	}
	if p == len(a) && p == len(b) {
		return false // equal
	}
	_, na := utf8.DecodeRuneInString(a[p:])
	_, nb := utf8.DecodeRuneInString(b[p:])
	switch {
	case p < len(a) && p < len(b) && a[p+na:] == b[p+nb:]:
		return true // changed
	case p < len(a) && a[p+na:] == b[p:]:
		return true // added to a
	case p < len(b) && a[p:] == b[p+nb:]:
		return true // dropped from a
	case p < len(a) && p < len(b):
		a1, n1 := utf8.DecodeRuneInString(a[p:])
		b1, m1 := utf8.DecodeRuneInString(b[p:])
		if p+n1 >= len(a) || p+m1 >= len(b) {
			return false
		}
		a2, n2 := utf8.DecodeRuneInString(a[p+n1:])
		b2, m2 := utf8.DecodeRuneInString(b[p+m1:])
		return a1 == b2 && a2 == b1 && a[p+n1+n2:] == b[p+m1+m2:]
	}
	return false
}

// respellKana rewrites each katakana or Korean word of norm that names nothing, is
// no word known (known: the entries' text holds it) and is one rune away
// from exactly one katakana name of the gazetteer, as that name:
// "ジュトロとの会合" reads "ジェトロとの会合". Loanword spellings of a name
// drift in one kana ("ュ" for "ェ", a long mark dropped); a slip in a word
// that is no name leaves the word as it is. norm is returned unchanged
// when nothing is rewritten.
func (g *gazetteer) respellKana(norm string, known func(string) bool) string {
	if len(g.kana) == 0 || !hasNonASCII(norm) {
		return norm
	}
	b := textnorm.NewSplice(norm)
	for i := 0; i < len(norm); {
		r, size := utf8.DecodeRuneInString(norm[i:])
		in := isKatakanaMark
		if unicode.Is(unicode.Hangul, r) {
			in = func(r rune) bool { return unicode.Is(unicode.Hangul, r) }
		} else if unicode.Is(unicode.Hiragana, r) {
			// A name typed in hiragana ("ぎそんセメント", "すみともの"):
			// the longest katakana name the run starts with, read in
			// katakana; its particles are left as they are.
			j := i
			for j < len(norm) {
				c, sz := utf8.DecodeRuneInString(norm[j:])
				if !unicode.Is(unicode.Hiragana, c) && c != 'ー' {
					break
				}
				j += sz
			}
			if name := g.hiraganaName(norm[i:j]); name != "" {
				b.Replace(i, i+len(name), name)
			}
			i = j
			continue
		} else if !isKatakanaMark(r) {
			i += size
			continue
		}
		j := i
		for j < len(norm) {
			c, sz := utf8.DecodeRuneInString(norm[j:])
			if !in(c) {
				break
			}
			j += sz
		}
		// A Korean word is read without its particles: "스미또모는".
		w := norm[i:j]
		if unicode.Is(unicode.Hangul, r) {
			w = koreanStem(w)
		}
		if name, ok := g.kanaTypo(w, known); ok {
			b.Replace(i, i+len(w), name)
		}
		i = j
	}
	return b.String()
}

// hiraganaName returns the longest katakana name of the gazetteer, of
// three runes or more, that the hiragana run h spells at its start ("すみともの"
// → "スミトモ"), or "". Hiragana and katakana runes are of one length, so
// the name stands in for as many bytes of h.
func (g *gazetteer) hiraganaName(h string) string {
	if utf8.RuneCountInString(h) < minKanaTypo-1 {
		return ""
	}
	first, _ := utf8.DecodeRuneInString(h)
	names := g.kataByFirst[first+0x60]
	if len(names) == 0 {
		return ""
	}
	k := []rune(h)
	for n, r := range k {
		if r >= 'ぁ' && r <= 'ゖ' {
			k[n] = r + 0x60
		}
	}
	kat := string(k)
	best := ""
	for _, ei := range names {
		if name := g.ents[ei].name; len(name) > len(best) && strings.HasPrefix(kat, name) {
			best = name
		}
	}
	return best
}

// kanaTypo returns the one katakana name w is a slip of, if any: one
// rune away from it, or spelt with the same sounds (soundFold: "フーキー"
// for "フークイ", Phú Quý; "푸뀌" for "푸꾸이").
func (g *gazetteer) kanaTypo(w string, known func(string) bool) (string, bool) {
	n := utf8.RuneCountInString(w)
	fw := soundFold(w)
	if n < minKanaTypo-1 && (fw == w || utf8.RuneCountInString(fw) < minKanaTypo-1) {
		return "", false
	}
	found := ""
	for k, ei := range g.kana {
		name := g.ents[ei].name
		if name == w || strings.Contains(w, name) {
			return "", false // the word is (or holds) a name
		}
		m := utf8.RuneCountInString(name)
		slip := m >= n-1 && m <= n+1 && max(m, n) >= minKanaTypo && oneSlip(w, name)
		if !slip && fw == g.kanaSound[k] && (fw != w || g.kanaSound[k] != name) {
			slip = true
		}
		if slip {
			if found != "" && found != name {
				return "", false // a slip of two names: read neither
			}
			found = name
		}
	}
	if found == "" || known(w) {
		return "", false
	}
	return found, true
}

// NamesAsSubject reports whether text names the entity whose main entry
// is id by one of that entry's own names (its aliases: "WHA", "JETRO", "Cao
// Văn Cường"), not by a name it shares ("industrial park", a developer's).
func (kb *KB) NamesAsSubject(text, id string) bool {
	if kb == nil || kb.gaz == nil {
		return false
	}
	for _, h := range kb.gaz.find(textnorm.Normalize(text), nil) {
		if ent := &kb.gaz.ents[h.ent]; ent.alias && len(ent.entries) > 0 && kb.entries[ent.entries[0]].ID == id {
			return true
		}
	}
	return false
}

// soundFolding is one spelling of a sound in katakana or Hangul and the
// spelling it is folded to (words/*.yaml sound_folds, "from>to"; an empty
// to drops the spelling).
type soundFolding struct{ from, to string }

// parseSoundFolds reads one list of sound folds ("from>to" pairs) as the
// loader checks it and the engine uses it.
func parseSoundFolds(list string) ([]soundFolding, error) {
	var out []soundFolding
	for _, p := range strings.Fields(list) {
		from, to, ok := strings.Cut(p, ">")
		if !ok || from == "" {
			return nil, fmt.Errorf("sound_folds %q is not from>to", p)
		}
		out = append(out, soundFolding{from: textnorm.NormalizeN(from, 0), to: textnorm.NormalizeN(to, 0)})
	}
	return out, nil
}

// soundFoldings are every language's sound folds, longest first, so that
// a longer spelling is folded before a shorter one inside it.
var soundFoldings = sync.OnceValue(func() []soundFolding {
	// loadWords refused a file whose folds do not parse, so the joined
	// lists parse.
	out, _ := parseSoundFolds(joinedWords("sound_folds"))
	slices.SortStableFunc(out, func(a, b soundFolding) int { return len(b.from) - len(a.from) })
	return out
})

// soundFold rewrites the spellings of one sound that loanwords of
// Vietnamese names drift between ("ティ"/"チ", a long mark or none, "뀌"/"꾸이")
// as one, so that two spellings of a name compare equal. s is returned
// unchanged when it holds none.
func soundFold(s string) string {
	if !hasNonASCII(s) {
		return s
	}
	folds := soundFoldings()
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); {
		hit := false
		for _, f := range folds {
			if strings.HasPrefix(s[i:], f.from) {
				if !changed {
					b.WriteString(s[:i])
					changed = true
				}
				b.WriteString(f.to)
				i += len(f.from)
				hit = true
				break
			}
		}
		if hit {
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		if changed {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	if !changed {
		return s
	}
	return b.String()
}
