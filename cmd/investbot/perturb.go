package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
	"gopkg.in/yaml.v3"
)

// `investbot score --perturb DIR` measures invariance: every turn the bot
// answers right today is asked again written differently (a lead-in, a
// tail, an opener, casing or punctuation lost, a typo, another width, an
// emoji), with the turns before it unchanged, and counts how often the
// reply stays right — the facts still given, a refusal still a refusal,
// the desk still the desk. The perturbations are data, one file per
// language (knowledge/lang/perturb/*.yaml); the transforms are below.

// perturbation is one way of writing a question differently.
type perturbation struct {
	Name string `yaml:"name"`
	// Prefix and Suffix are words put before or after the question; one
	// is picked per turn.
	Prefix []string `yaml:"prefix"`
	Suffix []string `yaml:"suffix"`
	// Inside puts the suffix before the question's closing marks.
	Inside bool `yaml:"inside"`
	// UnlessEnds skips a question whose last word ends so already.
	UnlessEnds []string `yaml:"unless_ends"`
	// Transform names a rewrite of the whole question (perturbTransforms).
	Transform string `yaml:"transform"`
	// Later applies the perturbation to a conversation's later turns only.
	Later bool `yaml:"later"`
}

type perturbFile struct {
	Lang          string         `yaml:"lang"`
	Perturbations []perturbation `yaml:"perturbations"`
}

// perturbTransforms are the rewrites a perturbation can name.
var perturbTransforms = map[string]func(string) string{
	"lower":         strings.ToLower,
	"no-punct":      withoutPunctuation,
	"no-diacritics": withoutDiacritics,
	"typo":          withTypo,
	"full-width":    width.Widen.String,
	"half-width":    width.Narrow.String,
}

// loadPerturbations reads every *.yaml of dir: the perturbations per
// language.
func loadPerturbations(dir string) (map[string][]perturbation, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("perturb: no *.yaml in %s", dir)
	}
	out := map[string][]perturbation{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("perturb: %w", err)
		}
		var pf perturbFile
		if err := yaml.Unmarshal(b, &pf); err != nil {
			return nil, fmt.Errorf("perturb: %s: %w", f, err)
		}
		if pf.Lang == "" {
			return nil, fmt.Errorf("perturb: %s: no lang", f)
		}
		for i, p := range pf.Perturbations {
			_, known := perturbTransforms[p.Transform]
			switch {
			case p.Name == "":
				return nil, fmt.Errorf("perturb: %s: perturbation %d has no name", f, i+1)
			case p.Transform != "" && !known:
				return nil, fmt.Errorf("perturb: %s: %s: unknown transform %q", f, p.Name, p.Transform)
			case p.Transform == "" && len(p.Prefix)+len(p.Suffix) == 0:
				return nil, fmt.Errorf("perturb: %s: %s: no prefix, suffix or transform", f, p.Name)
			}
		}
		out[pf.Lang] = append(out[pf.Lang], pf.Perturbations...)
	}
	return out, nil
}

// apply writes q differently; seed picks among the words. It reports
// false when the perturbation does not apply or changes nothing.
func (p perturbation) apply(q string, seed int, later bool) (string, bool) {
	if p.Later && !later {
		return q, false
	}
	out := q
	if len(p.Prefix) > 0 {
		out = p.Prefix[seed%len(p.Prefix)] + out
	}
	if len(p.Suffix) > 0 {
		body, marks := out, ""
		if p.Inside {
			body = strings.TrimRightFunc(out, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
			marks = out[len(body):]
		}
		for _, end := range p.UnlessEnds {
			if strings.HasSuffix(body, end) {
				return q, false
			}
		}
		out = body + p.Suffix[seed%len(p.Suffix)] + marks
	}
	if f := perturbTransforms[p.Transform]; f != nil {
		out = f(out)
	}
	return out, out != q
}

// withoutPunctuation drops the punctuation a hurried writer leaves out:
// every mark but one inside a word or number ("1.5", "e-mail", "WHA's",
// "2021～2025"). A message of several lines (a forwarded e-mail) keeps
// its marks: nobody strips a pasted letter.
func withoutPunctuation(s string) string {
	if strings.Contains(strings.TrimSpace(s), "\n") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsPunct(r) {
			inside := i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1]) && (r < utf8.RuneSelf || unicode.IsDigit(rs[i-1]))
			if !inside {
				continue
			}
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// withoutDiacritics writes Vietnamese as typed on a keyboard without
// accents: every combining mark dropped, đ written d.
func withoutDiacritics(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return strings.NewReplacer("đ", "d", "Đ", "D").Replace(out)
}

// withTypo swaps two letters in the middle of the question's longest word
// of seven letters or more (none: unchanged).
func withTypo(s string) string {
	words := strings.Fields(s)
	best := -1
	for i, w := range words {
		n := 0
		for _, r := range w {
			if !unicode.IsLetter(r) || r >= 0x2E80 {
				n = -1 << 20 // CJK and words with digits or marks are left alone
			}
			n++
		}
		if n >= 7 && (best < 0 || n > utf8.RuneCountInString(words[best])) {
			best = i
		}
	}
	if best < 0 {
		return s
	}
	rs := []rune(words[best])
	m := len(rs) / 2
	rs[m-1], rs[m] = rs[m], rs[m-1]
	words[best] = string(rs)
	return strings.Join(words, " ")
}

// invariance counts the perturbed turns and those still right, per
// perturbation and language.
type invariance map[string]map[string]*[2]int

func (v invariance) add(pert, lang string, right bool) {
	if v[pert] == nil {
		v[pert] = map[string]*[2]int{}
	}
	for _, l := range []string{lang, "all"} {
		if v[pert][l] == nil {
			v[pert][l] = &[2]int{}
		}
		v[pert][l][0]++
		if right {
			v[pert][l][1]++
		}
	}
}

func (v invariance) merge(o invariance) {
	for p, byLang := range o {
		for l, c := range byLang {
			if v[p] == nil {
				v[p] = map[string]*[2]int{}
			}
			if v[p][l] == nil {
				v[p][l] = &[2]int{}
			}
			v[p][l][0] += c[0]
			v[p][l][1] += c[1]
		}
	}
}

// rate is the share of perturbed turns still right (1 when none).
func (v invariance) rate(pert, lang string) float64 {
	c := v[pert][lang]
	if c == nil || c[0] == 0 {
		return 1
	}
	return float64(c[1]) / float64(c[0])
}

// perturbBreak is a perturbed turn no longer right, for --misses.
type perturbBreak struct {
	ID, Pert, Q, Expect, Got string
}

// perturbSet re-asks every turn of s that sc scored right, written
// differently by each perturbation of its language, after the same
// turns before it: one dialog per perturbed turn.
func perturbSet(ctx context.Context, s evalSet, sc setScore, perts map[string][]perturbation, ask dialogRunner) (invariance, []perturbBreak, error) {
	type probe struct {
		line       int
		item, turn int
		pert, q    string
	}
	var in bytes.Buffer
	var probes []probe
	lines := 0
	write := func(dialog, q string) error {
		b, err := json.Marshal(dialogLine{Dialog: dialog, Q: q})
		if err != nil {
			return err
		}
		in.Write(append(b, '\n'))
		lines++
		return nil
	}
	for i, it := range s.Items {
		turns := it.Turns
		if !s.Conversations {
			turns = []evalTurn{it.evalTurn}
		}
		for k, tn := range turns {
			if !sc.Right[turnRef{i, k}] {
				continue
			}
			for _, p := range perts[it.Lang] {
				q, ok := p.apply(strings.TrimSpace(tn.Q), perturbSeed(it.ID, k), k > 0)
				if !ok {
					continue
				}
				dialog := fmt.Sprintf("%d:%s:%d:%s", i+1, it.ID, k+1, p.Name)
				for _, before := range turns[:k] {
					if err := write(dialog, strings.TrimSpace(before.Q)); err != nil {
						return nil, nil, err
					}
				}
				probes = append(probes, probe{line: lines, item: i, turn: k, pert: p.Name, q: q})
				if err := write(dialog, q); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	inv := invariance{}
	if len(probes) == 0 {
		return inv, nil, nil
	}
	out, err := ask(ctx, in.Bytes())
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	replies := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	if len(replies) != lines {
		return nil, nil, fmt.Errorf("%s: %d replies for %d perturbed lines", s.Name, len(replies), lines)
	}
	var breaks []perturbBreak
	for _, pr := range probes {
		var res struct {
			askResult
			Error string `json:"error"`
		}
		if err := json.Unmarshal(replies[pr.line], &res); err != nil {
			return nil, nil, fmt.Errorf("%s: perturbed reply %d: %w", s.Name, pr.line+1, err)
		}
		it := s.Items[pr.item]
		tn := it.evalTurn
		if s.Conversations {
			tn = it.Turns[pr.turn]
		}
		right, _ := judge(tn, res.askResult)
		right = right && res.Error == ""
		inv.add(pr.pert, it.Lang, right)
		if !right {
			got := res.Intent
			if res.Answered {
				got += " (answered)"
			}
			breaks = append(breaks, perturbBreak{ID: fmt.Sprintf("%s#%d", it.ID, pr.turn+1), Pert: pr.pert, Q: pr.q, Expect: tn.Expect, Got: got})
		}
	}
	return inv, breaks, nil
}

// perturbSeed picks the same words for a turn on every run.
func perturbSeed(id string, turn int) int {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s#%d", id, turn)
	return int(h.Sum32() % 1024)
}

// printInvariance writes the invariance table: one row per perturbation,
// one column per language.
func printInvariance(w io.Writer, inv invariance) {
	fmt.Fprintln(w, "invariance: turns right today still right when written differently")
	langs := []string{"en", "vi", "ja", "ko", "all"}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "perturbation\t"+strings.Join(langs, "\t")+"\t")
	perts := make([]string, 0, len(inv))
	for p := range inv {
		perts = append(perts, p)
	}
	slices.Sort(perts)
	for _, p := range perts {
		row := []string{p}
		for _, l := range langs {
			c := inv[p][l]
			if c == nil {
				row = append(row, "–")
				continue
			}
			row = append(row, pct(c[1], c[0]))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// perturbFloors are the lowest invariance rates accepted, per
// perturbation and language ("all" for every language).
type perturbFloors map[string]map[string]float64

// check returns a message per rate of inv below its floor.
func (f perturbFloors) check(inv invariance) []string {
	var bad []string
	for _, p := range slices.Sorted(maps.Keys(f)) {
		for _, l := range slices.Sorted(maps.Keys(f[p])) {
			if got := inv.rate(p, l); got < f[p][l] {
				bad = append(bad, fmt.Sprintf("invariance %s/%s %.1f%%, below the floor %.1f%%", p, l, 100*got, 100*f[p][l]))
			}
		}
	}
	return bad
}
