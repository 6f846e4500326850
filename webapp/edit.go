package webapp

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/thanhhoa/investbot/knowledge/base"
	"gopkg.in/yaml.v3"
)

// entryYAML is e as one YAML entry, the way the editor writes it: the
// diff compares two of these, so both sides are written alike.
func entryYAML(e *base.Entry) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode([]*base.Entry{e}); err != nil {
		return nil, fmt.Errorf("webapp: encode %s: %w", e.ID, err)
	}
	return buf.Bytes(), nil
}

// replaceEntry returns file with the entry whose id is e.ID replaced by
// e; the other entries keep their text, comments and styles. An error
// when the file does not hold that entry.
func replaceEntry(file []byte, e *base.Entry) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(file, &doc); err != nil {
		return nil, fmt.Errorf("webapp: parse file: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("webapp: the file is not a sequence of entries")
	}
	var n yaml.Node
	if err := n.Encode(e); err != nil {
		return nil, fmt.Errorf("webapp: encode %s: %w", e.ID, err)
	}
	seq := doc.Content[0]
	for i, item := range seq.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		for j := 0; j+1 < len(item.Content); j += 2 {
			if item.Content[j].Value == "id" && item.Content[j+1].Value == e.ID {
				n.HeadComment = item.HeadComment
				seq.Content[i] = &n
				var buf bytes.Buffer
				enc := yaml.NewEncoder(&buf)
				enc.SetIndent(2)
				if err := enc.Encode(&doc); err != nil {
					return nil, fmt.Errorf("webapp: encode file: %w", err)
				}
				return buf.Bytes(), nil
			}
		}
	}
	return nil, fmt.Errorf("webapp: entry %s is not in the file", e.ID)
}

// fileOf finds the name, among files, of the file that holds e (by base
// name: KB_DIR paths are full, stored versions are not).
func fileOf(files map[string][]byte, e *base.Entry) (string, bool) {
	want := path.Base(strings.ReplaceAll(e.File, "\\", "/"))
	for name := range files {
		if path.Base(name) == want {
			return name, true
		}
	}
	return "", false
}

// maxDiffCells bounds the diff table (a few MB), whatever an edit holds.
const maxDiffCells = 4_000_000

// DiffLine is one line of a diff: Op is ' ' (same), '-' (live only) or
// '+' (pending only).
type DiffLine struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// lineDiff is the shortest line diff of a and b (longest common
// subsequence), with unchanged lines farther than ctx lines from a change
// left out. Entries are a few hundred lines, so the quadratic table is
// small.
func lineDiff(a, b string, ctx int) []DiffLine {
	x, y := strings.Split(strings.TrimRight(a, "\n"), "\n"), strings.Split(strings.TrimRight(b, "\n"), "\n")
	if len(x)*len(y) > maxDiffCells {
		// Too big to align: show it as replaced.
		out := make([]DiffLine, 0, len(x)+len(y))
		for _, l := range x {
			out = append(out, DiffLine{"-", l})
		}
		for _, l := range y {
			out = append(out, DiffLine{"+", l})
		}
		return out
	}
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var all []DiffLine
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			all = append(all, DiffLine{" ", x[i]})
			i++
			j++
		case j < len(y) && (i == len(x) || lcs[i][j+1] >= lcs[i+1][j]):
			all = append(all, DiffLine{"+", y[j]})
			j++
		default:
			all = append(all, DiffLine{"-", x[i]})
			i++
		}
	}
	near := make([]bool, len(all))
	for k, l := range all {
		if l.Op != " " {
			for m := max(0, k-ctx); m <= min(len(all)-1, k+ctx); m++ {
				near[m] = true
			}
		}
	}
	out := []DiffLine{}
	for k, l := range all {
		if near[k] {
			out = append(out, l)
		} else if k > 0 && near[k-1] {
			out = append(out, DiffLine{"…", ""})
		}
	}
	return out
}
