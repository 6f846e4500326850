package base_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// mustSchema compiles knowledge/base/schema.json.
func mustSchema(tb testing.TB) *jsonschema.Schema {
	tb.Helper()
	c := jsonschema.NewCompiler()
	abs, err := filepath.Abs("schema.json")
	if err != nil {
		tb.Fatal(err)
	}
	s, err := c.Compile(abs)
	if err != nil {
		tb.Fatalf("compile schema.json: %v", err)
	}
	return s
}

// yamlToJSON converts a YAML document to the JSON value an editor's YAML
// plugin would validate: scalars keep their YAML type, dates stay strings.
func yamlToJSON(tb testing.TB, b []byte) any {
	tb.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(b, &n); err != nil {
		tb.Fatalf("yaml: %v", err)
	}
	var conv func(n *yaml.Node) any
	conv = func(n *yaml.Node) any {
		switch n.Kind {
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			return conv(n.Content[0])
		case yaml.SequenceNode:
			out := []any{}
			for _, c := range n.Content {
				out = append(out, conv(c))
			}
			return out
		case yaml.MappingNode:
			out := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				out[n.Content[i].Value] = conv(n.Content[i+1])
			}
			return out
		case yaml.AliasNode:
			return conv(n.Alias)
		}
		switch n.Tag {
		case "!!int", "!!float":
			if _, err := strconv.ParseFloat(n.Value, 64); err == nil {
				return json.Number(n.Value)
			}
		case "!!bool":
			return n.Value == "true"
		case "!!null":
			return nil
		}
		return n.Value
	}
	v := conv(&n)
	// Round-trip through JSON so the validator sees plain JSON values.
	raw, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		tb.Fatal(err)
	}
	return inst
}

func TestSchemaBundledFiles(t *testing.T) {
	s := mustSchema(t)
	files, _ := filepath.Glob("../data/*.yaml")
	files2, _ := filepath.Glob("../testdata/good/*.yaml")
	files = append(files, files2...)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(yamlToJSON(t, b)); err != nil {
			t.Errorf("%s does not match schema.json: %v", f, err)
		}
	}
}

func TestSchemaRejects(t *testing.T) {
	s := mustSchema(t)
	bad := []struct{ name, yaml string }{
		{"not a list", "id: zone.x\n"},
		{"bad id", "- {id: Zone X, kind: zone, title: {}, answer: {}, examples: {}, sources: []}\n"},
		{"unknown field", `- id: faq.x
  kind: faq
  title: {en: a, vi: a, ja: a, ko: a}
  answer: {en: a, vi: a, ja: a, ko: a}
  examples: {en: [a, b, c], vi: [a, b, c], ja: [a, b, c], ko: [a, b, c]}
  sources: [{ref: x, as_of: 2025-01-01}]
  colour: red
`},
		{"zone block on a faq", `- id: faq.x
  kind: faq
  title: {en: a, vi: a, ja: a, ko: a}
  answer: {en: a, vi: a, ja: a, ko: a}
  examples: {en: [a, b, c], vi: [a, b, c], ja: [a, b, c], ko: [a, b, c]}
  zone: {stage: planned}
  sources: [{ref: x, as_of: 2025-01-01}]
`},
		{"missing korean", `- id: faq.x
  kind: faq
  title: {en: a, vi: a, ja: a}
  answer: {en: a, vi: a, ja: a, ko: a}
  examples: {en: [a, b, c], vi: [a, b, c], ja: [a, b, c], ko: [a, b, c]}
  sources: [{ref: x, as_of: 2025-01-01}]
`},
		{"bad date", `- id: faq.x
  kind: faq
  title: {en: a, vi: a, ja: a, ko: a}
  answer: {en: a, vi: a, ja: a, ko: a}
  examples: {en: [a, b, c], vi: [a, b, c], ja: [a, b, c], ko: [a, b, c]}
  sources: [{ref: x, as_of: 2025-13-01}]
`},
	}
	for _, tt := range bad {
		if err := s.Validate(yamlToJSON(t, []byte(tt.yaml))); err == nil {
			t.Errorf("%s: schema accepted it", tt.name)
		}
	}
}
