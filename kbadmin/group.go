package kbadmin

import (
	"sort"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Group is a set of near-duplicate questions from the unanswered log.
type Group struct {
	// Text is the most frequent wording; Variants are up to three others.
	Text     string
	Variants []string
	Count    int
	Lang     investbot.Lang
	Last     time.Time
	// Intent is the entry the bot leaned to last time, "" when none.
	Intent string
}

// SimilarJaccard is the token-set similarity at which two questions are
// counted as the same question.
const SimilarJaccard = 0.6

// GroupQuestions groups near-duplicate questions: texts are normalised
// with textnorm.Normalize and tokenised like the index, and a question
// joins the first group whose first question shares at least
// SimilarJaccard of their token set. Groups come most frequent first,
// then most recent.
func GroupQuestions(qs []investbot.Asked) []Group {
	type group struct {
		Group
		tokens  map[string]bool
		counts  map[string]int
		seenVar map[string]bool
	}
	var groups []*group
	for _, q := range qs {
		norm := textnorm.Normalize(q.Text)
		if norm == "" {
			continue
		}
		toks := tokenSet(q.Text)
		var g *group
		for _, c := range groups {
			if jaccard(toks, c.tokens) >= SimilarJaccard {
				g = c
				break
			}
		}
		if g == nil {
			g = &group{tokens: toks, counts: map[string]int{}, seenVar: map[string]bool{}}
			g.Lang = q.Lang
			groups = append(groups, g)
		}
		g.Count++
		g.counts[q.Text]++
		if q.At.After(g.Last) {
			g.Last = q.At
			if q.Intent != "" {
				g.Intent = q.Intent
			}
		}
	}
	out := make([]Group, 0, len(groups))
	for _, g := range groups {
		texts := make([]string, 0, len(g.counts))
		for t := range g.counts {
			texts = append(texts, t)
		}
		sort.Slice(texts, func(i, j int) bool {
			if g.counts[texts[i]] != g.counts[texts[j]] {
				return g.counts[texts[i]] > g.counts[texts[j]]
			}
			return texts[i] < texts[j]
		})
		g.Text = texts[0]
		if len(texts) > 1 {
			g.Variants = texts[1:min(len(texts), 4)]
		}
		out = append(out, g.Group)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Last.After(out[j].Last)
	})
	return out
}

func tokenSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, t := range knowledge.Tokens(s) {
		set[t] = true
	}
	return set
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	inter := 0
	for t := range a {
		if b[t] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
