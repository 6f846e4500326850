package base

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
	"gopkg.in/yaml.v3"
)

// Limits that refuse absurd input before any real work is done.
const (
	MaxFileBytes = 5 << 20
	MaxEntries   = 20000
)

// Bundled loads the knowledge base embedded in the binary from
// knowledge/data. It returns an empty knowledge base when the folder holds
// no YAML yet, and a *ValidationError when the bundled data is invalid.
// Its version equals that of Parse(BundledFiles()).
func Bundled() (*KB, error) {
	files, err := BundledFiles()
	if err != nil {
		return nil, err
	}
	return Parse(files)
}

// LoadDir loads every *.yaml and *.yml file directly inside dir (for
// KB_DIR and `investbot kb validate DIR`). Problems are reported with
// paths under dir.
func LoadDir(dir string) (*KB, error) {
	files, err := readYAMLFiles(os.DirFS(dir), ".")
	if err != nil {
		return nil, fmt.Errorf("knowledge: load %s: %w", dir, err)
	}
	named := make(map[string][]byte, len(files))
	for n, b := range files {
		named[filepath.Join(dir, n)] = b
	}
	return Parse(named)
}

// LoadFS loads every *.yaml and *.yml file directly inside dir of fsys.
func LoadFS(fsys fs.FS, dir string) (*KB, error) {
	files, err := readYAMLFiles(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("knowledge: load %s: %w", dir, err)
	}
	return Parse(files)
}

func readYAMLFiles(fsys fs.FS, dir string) (map[string][]byte, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte)
	for _, de := range ents {
		name := de.Name()
		if de.IsDir() || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		p := path.Join(dir, name)
		if info, err := de.Info(); err == nil && info.Size() > MaxFileBytes {
			return nil, fmt.Errorf("%s is %d bytes, more than the %d allowed", p, info.Size(), MaxFileBytes)
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		files[p] = b
	}
	return files, nil
}

// Parse builds a knowledge base from YAML files given by name (admin
// uploads use it). Each file is a YAML sequence of entries. It returns a
// *ValidationError listing every problem in every file, located by
// file:line, when anything is wrong; a file over 5 MB, more than 20,000
// entries in all, or YAML anchors and aliases are refused outright.
func Parse(files map[string][]byte) (*KB, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var (
		ps      []Problem
		entries []*Entry
	)
	reportedDate := make(map[string]bool)
	h := contentHash(files)
	for _, name := range names {
		b := files[name]
		if len(b) > MaxFileBytes {
			ps = append(ps, Problem{File: name, Msg: fmt.Sprintf("file is %d bytes, more than the %d allowed", len(b), MaxFileBytes)})
			continue
		}
		es, fps := ParseFile(name, b)
		for _, p := range fps {
			if strings.Contains(p.Msg, ".as_of: ") {
				reportedDate[p.File+"\x00"+p.EntryID] = true
			}
		}
		ps = append(ps, fps...)
		for _, e := range es {
			if e != nil {
				entries = append(entries, e)
			}
		}
		if len(entries) > MaxEntries {
			return nil, &ValidationError{Problems: append(ps, Problem{File: name, Msg: fmt.Sprintf("more than %d entries", MaxEntries)})}
		}
	}
	var warnings []Problem
	for _, p := range Validate(entries) {
		// A bad date was already reported where it stands.
		if strings.Contains(p.Msg, "has no as_of date") && reportedDate[p.File+"\x00"+p.EntryID] {
			continue
		}
		if p.Warning {
			warnings = append(warnings, p)
			continue
		}
		ps = append(ps, p)
	}
	if len(ps) > 0 {
		sort.SliceStable(ps, func(i, j int) bool {
			if ps[i].File != ps[j].File {
				return ps[i].File < ps[j].File
			}
			return ps[i].Line < ps[j].Line
		})
		return nil, &ValidationError{Problems: ps}
	}
	kb := New(entries, hex.EncodeToString(h.Sum(nil))[:12])
	kb.warnings = warnings
	return kb, nil
}

// contentHash hashes each file's base name and bytes, in that order, so
// that the same files give the same version however their folder was
// typed ("./data", "data/", an absolute path, a zip's top folder).
func contentHash(files map[string][]byte) hash.Hash {
	type file struct {
		name string
		b    []byte
	}
	list := make([]file, 0, len(files))
	for n, b := range files {
		list = append(list, file{path.Base(filepath.ToSlash(n)), b})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].name != list[j].name {
			return list[i].name < list[j].name
		}
		return bytes.Compare(list[i].b, list[j].b) < 0
	})
	h := sha256.New()
	for _, f := range list {
		fmt.Fprintf(h, "%s\x00%d\x00", f.name, len(f.b))
		h.Write(f.b)
	}
	return h
}

var (
	entryKeys = textnorm.SetOf(`id kind title answer examples keywords aliases names gap related applies_to in_force_from
		superseded_by zone contact figures sources`)
	figureKeys = textnorm.SetOf("chart label value unit period source")
	zoneKeys   = textnorm.SetOf(`area_ha area_note investment_usd_m developer developer_country stage stage_date
		commune former_district host_park sectors infrastructure coordinates tags`)
	contactKeys   = textnorm.SetOf("organisation role phone email web address source")
	sourceKeys    = textnorm.SetOf("ref as_of note title url in_force_from replaced_by review_by")
	appliesToKeys = textnorm.SetOf("licensed_from licensed_before")
	// dateFields are the source fields holding dates, checked where they
	// stand so that one bad date does not hide the entry's other problems.
	dateFields = []string{"as_of", "in_force_from", "review_by"}
)

// ParseFile decodes one file entry by entry so that one broken entry does
// not hide the problems of the others.
func ParseFile(name string, b []byte) ([]*Entry, []Problem) {
	root, ps := parseRoot(name, b)
	if root == nil {
		return nil, ps
	}
	var entries []*Entry
	for _, n := range root.Content {
		e := &Entry{File: name, Line: n.Line}
		if n.Kind != yaml.MappingNode {
			ps = append(ps, Problem{File: name, Line: n.Line, Msg: "an entry must be a mapping (id:, kind:, ...)"})
			continue
		}
		lines := fieldLines(n)
		if id := mapValue(n, "id"); id != nil {
			e.ID = id.Value
		}
		ps = append(ps, checkEntryNode(name, e.ID, n)...)
		if err := n.Decode(e); err != nil {
			ps = append(ps, Problem{File: name, Line: yamlErrLine(err, n.Line), EntryID: e.ID, Msg: "YAML: " + yamlErrMsg(err)})
			continue
		}
		// Entries with located field problems are still validated, so
		// that one pass lists everything.
		e.File, e.Line, e.lines = name, n.Line, lines
		entries = append(entries, e)
	}
	return entries, ps
}

// parseRoot reads one file's YAML: a single document holding a sequence of
// at most MaxEntries entries, without anchors. It returns nil (and why)
// for an empty or malformed file.
func parseRoot(name string, b []byte) (*yaml.Node, []Problem) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, nil
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		return nil, []Problem{{File: name, Line: yamlErrLine(err), Msg: "YAML: " + yamlErrMsg(err)}}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, []Problem{{File: name, Line: extra.Line, Msg: "more than one YAML document in the file"}}
	}
	if n := findAlias(&doc); n != nil {
		return nil, []Problem{{File: name, Line: n.Line, Msg: "YAML anchors and aliases are not allowed"}}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.SequenceNode {
		return nil, []Problem{{File: name, Line: root.Line, Msg: "the file must be a YAML sequence of entries (lines starting with \"- id: ...\")"}}
	}
	if len(root.Content) > MaxEntries {
		return nil, []Problem{{File: name, Line: root.Line, Msg: fmt.Sprintf("more than %d entries", MaxEntries)}}
	}
	return root, nil
}

// checkEntryNode reports unknown keys of entry node n and its parts, and
// prepares its sources for decoding: a bad date is reported and dropped,
// a plain title becomes the English one.
func checkEntryNode(name, id string, n *yaml.Node) []Problem {
	eps := checkKeys(name, id, n, entryKeys, "")
	for _, sub := range []struct {
		key  string
		keys map[string]bool
	}{{"zone", zoneKeys}, {"contact", contactKeys}, {"applies_to", appliesToKeys}} {
		if v := mapValue(n, sub.key); v != nil && v.Kind == yaml.MappingNode {
			eps = append(eps, checkKeys(name, id, v, sub.keys, sub.key+".")...)
		}
	}
	if fs := mapValue(n, "figures"); fs != nil && fs.Kind == yaml.SequenceNode {
		for i, f := range fs.Content {
			if f.Kind == yaml.MappingNode {
				eps = append(eps, checkKeys(name, id, f, figureKeys, fmt.Sprintf("figures[%d].", i))...)
			}
		}
	}
	if src := mapValue(n, "sources"); src != nil && src.Kind == yaml.SequenceNode {
		for i, s := range src.Content {
			if s.Kind != yaml.MappingNode {
				continue
			}
			eps = append(eps, checkKeys(name, id, s, sourceKeys, fmt.Sprintf("sources[%d].", i))...)
			for _, f := range dateFields {
				if d := mapValue(s, f); d != nil {
					if _, err := ParseDate(d.Value); err != nil {
						eps = append(eps, Problem{File: name, Line: d.Line, EntryID: id, Msg: fmt.Sprintf("sources[%d].%s: %v", i, f, err)})
						deleteKey(s, f) // reported; let the rest decode
					}
				}
			}
			// A plain title is the English one.
			if t := mapValue(s, "title"); t != nil && t.Kind == yaml.ScalarNode {
				*t = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: t.Line, Column: t.Column, Content: []*yaml.Node{
					{Kind: yaml.ScalarNode, Tag: "!!str", Value: "en", Line: t.Line},
					{Kind: yaml.ScalarNode, Tag: "!!str", Value: t.Value, Line: t.Line},
				}}
			}
		}
	}
	return eps
}

// fieldLines records where each field of an entry stands ("answer.ja",
// "zone.area_ha", "sources[1]"), so that problems inside a field point at
// its line rather than at the entry's first line.
func fieldLines(n *yaml.Node) map[string]int {
	out := make(map[string]int)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		out[k.Value] = k.Line
		switch v.Kind {
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				out[k.Value+"."+v.Content[j].Value] = v.Content[j].Line
			}
		case yaml.SequenceNode:
			for j, c := range v.Content {
				out[fmt.Sprintf("%s[%d]", k.Value, j)] = c.Line
			}
		}
	}
	return out
}

// findAlias returns the first node that is an alias or carries an anchor.
func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}

func mapValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func deleteKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

func checkKeys(file, id string, m *yaml.Node, allowed map[string]bool, prefix string) []Problem {
	var ps []Problem
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if !allowed[k.Value] {
			ps = append(ps, Problem{File: file, Line: k.Line, EntryID: id, Msg: fmt.Sprintf("unknown field %s%s", prefix, k.Value)})
		}
	}
	return ps
}

// yamlErrLine digs the line number out of a yaml.v3 error ("yaml: line 7:
// ..."), or returns def.
func yamlErrLine(err error, def ...int) int {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if i := strings.Index(msg, "line "); i >= 0 {
		n := 0
		for _, c := range msg[i+5:] {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		if n > 0 {
			return n
		}
	}
	if len(def) > 0 {
		return def[0]
	}
	return 0
}

func yamlErrMsg(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return strings.Join(te.Errors, "; ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// KeepExamples cuts every entry's example questions to the first n per
// language: the base an admin who writes the required minimum gives, for
// measuring how much the engine owes to examples (`score --examples 3`).
// It changes b in place and must run before b is indexed.
func KeepExamples(b *KB, n int) {
	for _, e := range b.Entries() {
		for l, qs := range e.Examples {
			if len(qs) > n {
				e.Examples[l] = qs[:n:n]
			}
		}
	}
}
