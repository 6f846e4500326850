package knowledge

import (
	"slices"
	"sort"
	"strings"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// expandWeight discounts a lexicon synonym against a word the asker used.
const expandWeight = 0.2

// lexiconGroups are investor concepts written the ways people ask for them
// in the four languages (words/*.yaml, synonyms; "_" joins the words of one
// phrase). A question naming one phrase of a group also searches for the
// others, discounted, and an entry matched through a synonym is credited
// with the question's word: "how large is WHA phase 1" meets examples that
// said "diện tích", "面積" or "area", and an entry whose answer says
// "Thailand" meets a question about a "Thai" developer. An admin writes a
// few examples per entry; the lexicon, shared by every entry, carries the
// paraphrases the examples do not.
var lexiconGroups = synonymGroups(wordFiles)

// synonymGroups joins the files' synonym lists of one key into one group,
// groups in key order, each group's words in the files' order.
func synonymGroups(files []wordFile) [][]string {
	byKey := make(map[string][]string)
	for _, f := range files {
		for k, ws := range f.Synonyms {
			byKey[k] = append(byKey[k], strings.Fields(ws)...)
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, byKey[k])
	}
	return out
}

// lexPhrase is one phrase of a group as query terms: the texts that must
// all occur in a question (no lone kanji of a longer word), and the terms
// it expands to.
type lexPhrase struct {
	group int
	need  []string
	terms []token
}

type lexicon struct {
	phrases []lexPhrase
	// byText lists, for each term text, the phrases that need it.
	byText map[string][]int
	groups [][]int // phrase indices per group
}

// maxGroups bounds the lexicon's groups (expand keeps a bit per group on
// the stack).
const maxGroups = 256

var lex = func() *lexicon {
	if len(lexiconGroups) > maxGroups {
		panic("knowledge: more than 256 synonym groups in words/*.yaml")
	}
	l := &lexicon{byText: make(map[string][]int)}
	for g, words := range lexiconGroups {
		l.groups = append(l.groups, nil)
		for _, w := range words {
			var p lexPhrase
			p.group = g
			tokenize(textnorm.Normalize(strings.ReplaceAll(w, "_", " ")), func(t token) {
				p.terms = append(p.terms, t)
				if t.kind != termKanji && t.kind != termKana {
					p.need = append(p.need, t.text)
				}
			})
			if len(p.need) == 0 {
				continue
			}
			i := len(l.phrases)
			l.phrases = append(l.phrases, p)
			l.groups[g] = append(l.groups[g], i)
			l.byText[p.need[0]] = append(l.byText[p.need[0]], i)
		}
	}
	return l
}()

// expand adds the lexicon synonyms of the question's concepts to s.terms.
func (ix *index) expand(s *scratch) {
	has := func(text string) (uint64, bool) {
		for _, q := range s.terms {
			if !q.expanded && ix.textOf(q, s) == text {
				return q.bit, true
			}
		}
		return 0, false
	}
	n := len(s.seen)
	var done [maxGroups / 64]uint64 // groups already expanded
	for i := 0; i < n; i++ {
		for _, pi := range lex.byText[s.seen[i]] {
			p := &lex.phrases[pi]
			if done[p.group/64]&(1<<(p.group%64)) != 0 {
				continue
			}
			var bits uint64
			ok := true
			for _, t := range p.need {
				b, found := has(t)
				if !found {
					ok = false
					break
				}
				bits |= b
			}
			if !ok || bits == 0 {
				continue
			}
			if len(s.focus) > 0 && !slices.Contains(s.focus, p.need[0]) {
				// A long message's greetings and background name
				// concepts too ("our Japanese board", "exports to
				// Europe"); only its question's are searched for
				// in other words.
				continue
			}
			done[p.group/64] |= 1 << (p.group % 64)
			for _, oi := range lex.groups[p.group] {
				if oi == pi {
					continue
				}
				for _, t := range lex.phrases[oi].terms {
					if len(s.seen) >= 2*maxQueryTerms || seenText(s.seen, t.text) {
						continue
					}
					id, known := ix.terms[t.text]
					if !known {
						continue
					}
					s.seen = append(s.seen, t.text)
					s.terms = append(s.terms, qterm{id: id, w: expandWeight * kindWeight[t.kind], idf: ix.idf[id], expanded: true, bit: bits})
				}
			}
		}
	}
}

// textOf returns the text of a query term (its vocabulary word, or for an
// unknown word the text it was seen as).
func (ix *index) textOf(q qterm, s *scratch) string {
	if q.id >= 0 {
		return ix.text[q.id]
	}
	return q.text
}

func seenText(seen []string, t string) bool {
	for _, x := range seen {
		if x == t {
			return true
		}
	}
	return false
}
