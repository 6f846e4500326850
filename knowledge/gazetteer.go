package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
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
}

type gazetteer struct {
	ents []entity
	// byHead indexes entities by their first word (Latin) or first two
	// runes (other scripts), so a question is read in one pass.
	byHead map[string][]int32
}

// entityHit is an entity named in a question, at norm[start:end].
type entityHit struct {
	ent        int32
	start, end int
}

func newGazetteer(entries []*Entry) *gazetteer {
	g := &gazetteer{byHead: make(map[string][]int32)}
	at := make(map[string]int32)
	add := func(name string, ei int32, alias bool) {
		n := normalizeN(name, 0)
		if !nameWorthy(n) {
			return
		}
		i, ok := at[n]
		if !ok {
			i = int32(len(g.ents))
			at[n] = i
			g.ents = append(g.ents, entity{name: n})
			h := headOf(n)
			g.byHead[h] = append(g.byHead[h], i)
		}
		e := &g.ents[i]
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
		}
		for _, n := range entityNames(e) {
			add(n, ei, false)
		}
	}
	return g
}

// entityNames are the names an entry gives its subject besides aliases.
func entityNames(e *Entry) []string {
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
		h, _, _ := strings.Cut(n, " ")
		return latinPrefix(h)
	}
	_, s1 := utf8.DecodeRuneInString(n)
	_, s2 := utf8.DecodeRuneInString(n[s1:])
	return n[:s1+s2]
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
		var head string
		if r < 0x80 {
			head, _, _ = strings.Cut(norm[i:], " ")
			head = latinPrefix(head)
		} else if j := i + size; j < len(norm) {
			_, s2 := utf8.DecodeRuneInString(norm[j:])
			head = norm[i : j+s2]
		}
		best := g.longestAt(norm, i, head)
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

// latinPrefix cuts a Latin word where another script starts ("wha工業団地").
func latinPrefix(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return w[:i]
		}
	}
	return w
}

func (g *gazetteer) longestAt(norm string, i int, head string) int32 {
	best := int32(-1)
	for _, c := range g.byHead[head] {
		n := g.ents[c].name
		if !strings.HasPrefix(norm[i:], n) {
			continue
		}
		if n[0] < 0x80 {
			if j := i + len(n); j < len(norm) && isLatinAlnum(firstRune(norm[j:])) {
				continue
			}
		}
		if best < 0 || len(n) > len(g.ents[best].name) {
			best = c
		}
	}
	return best
}

// validateAliases reports an alias two entries claim: a name has one
// main entry.
func validateAliases(entries []*Entry) []Problem {
	var ps []Problem
	owner := make(map[string]*Entry)
	for _, e := range entries {
		for _, a := range e.Aliases {
			n := normalizeN(a, 0)
			if n == "" {
				ps = append(ps, problem(e, "empty alias"))
				continue
			}
			if o, ok := owner[n]; ok && o != e {
				ps = append(ps, problem(e, "alias %q is also an alias of %s: a name has one main entry", a, o.ID))
				continue
			}
			owner[n] = e
		}
	}
	return ps
}
