package knowledge

import (
	"fmt"
	"sort"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Why an example question lands on the wrong entry. Adding the example to
// the right entry does not help when a keyword, the title or a named
// entity (a developer, an office) of another entry carries the question's
// rarest words: the admin has to see which words won, and where they
// stand, to move or narrow them. whyOther says it in one line for `kb test`
// and the upload report.

// fieldHit is where a question word stands in an entry.
type fieldHit struct {
	field string // `keyword "WHA"`, "title", `example "…"`, "zone.developer", "answer"
	rank  int    // lower is stronger: the weight the index gives the field
}

// entryFields lists an entry's texts with the field they come from, the
// topical ones first.
func entryFields(e *base.Entry) []struct {
	hit  fieldHit
	text string
} {
	var out []struct {
		hit  fieldHit
		text string
	}
	add := func(field string, rank int, text string) {
		if strings.TrimSpace(text) != "" {
			out = append(out, struct {
				hit  fieldHit
				text string
			}{fieldHit{field, rank}, text})
		}
	}
	for _, k := range e.Keywords {
		add(fmt.Sprintf("keyword %q", k), rankKeyword, k)
	}
	for _, l := range investbot.Langs {
		add("title", rankTitle, e.Title[l])
	}
	if z := e.Zone; z != nil {
		add("zone.developer", rankEntity, z.Developer)
		add("zone.developer_country", rankEntity, z.DeveloperCountry)
		add("zone.host_park", rankEntity, z.HostPark)
		add("zone.commune", rankEntity, z.Commune)
		add("zone.former_district", rankEntity, z.FormerDistrict)
	}
	if c := e.Contact; c != nil {
		for _, l := range investbot.Langs {
			add("contact.organisation", rankEntity, c.Organisation[l])
			add("contact.role", rankEntity, c.Role[l])
		}
	}
	for _, l := range investbot.Langs {
		for _, x := range e.Examples[l] {
			add(fmt.Sprintf("example %q", x), rankExample, x)
		}
	}
	for _, n := range e.Names {
		add(fmt.Sprintf("name %q", n), rankAnswer, n)
	}
	for _, l := range investbot.Langs {
		add("answer", rankAnswer, e.Answer[l])
	}
	return out
}

// wordsOf returns the index terms of text (words, pairs, CJK bigrams).
func wordsOf(text string) map[string]bool {
	set := map[string]bool{}
	tokenize(textnorm.NormalizeN(text, 0), func(t token) { set[t.text] = true })
	return set
}

// whereIs returns the strongest field of e holding word, or false. The
// example being explained (skip) does not count: it holds every word.
func whereIs(e *base.Entry, word, skip string) (fieldHit, bool) {
	for _, f := range entryFields(e) {
		if f.text == skip && f.hit.rank == rankExample {
			continue
		}
		if wordsOf(f.text)[word] {
			return f.hit, true
		}
	}
	return fieldHit{}, false
}

// Field ranks, strongest first, as the index weighs them.
const (
	rankKeyword = iota
	rankTitle
	rankEntity
	rankExample
	rankAnswer
)

// whyOther explains why question went to other rather than want: the
// question's words that stand in a stronger field of other than of want
// (a keyword there, only an example or the answer here), keyword first,
// rarest first, each with the field of other it stands in.
func (kb *KB) whyOther(question string, other, want *base.Entry) string {
	type decider struct {
		word string
		idf  float32
		hit  fieldHit
	}
	var ds []decider
	seen := map[string]bool{}
	tokenize(textnorm.Normalize(question), func(t token) {
		if seen[t.text] || t.kind == termKana || t.kind == termKanji {
			return
		}
		seen[t.text] = true
		hit, inOther := whereIs(other, t.text, "")
		if !inOther {
			return
		}
		if mine, inWant := whereIs(want, t.text, question); inWant && mine.rank <= hit.rank {
			return
		}
		idf := kb.idx.oovIDF
		if id, ok := kb.idx.terms[t.text]; ok {
			idf = kb.idx.idf[id]
		}
		ds = append(ds, decider{strings.ReplaceAll(t.text, "_", " "), idf, hit})
	})
	if len(ds) == 0 {
		return fmt.Sprintf("%s holds the question's words as strongly as this entry; give the example a word that only this entry has (a name, a year, a place)", other.ID)
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].hit.rank != ds[j].hit.rank {
			return ds[i].hit.rank < ds[j].hit.rank
		}
		return ds[i].idf > ds[j].idf
	})
	if len(ds) > 3 {
		ds = ds[:3]
	}
	var parts []string
	for _, d := range ds {
		parts = append(parts, fmt.Sprintf("%q (its %s)", d.word, d.hit.field))
	}
	return fmt.Sprintf("%s won on %s, which this entry has in no keyword or title: add to this entry's keywords the words that belong to it, and take out of %s the keywords that do not belong there", other.ID, strings.Join(parts, ", "), other.ID)
}
