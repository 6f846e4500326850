package base

import (
	"fmt"
	"path"

	"github.com/thanhhoa/investbot/knowledge/data"
)

// BundledFiles returns the YAML files of the knowledge base embedded in the
// binary, keyed by base name ("zones.yaml"), for exporting the knowledge
// base in force before any version was published. The map is a fresh copy.
func BundledFiles() (map[string][]byte, error) {
	files, err := readYAMLFiles(data.FS, ".")
	if err != nil {
		return nil, fmt.Errorf("knowledge: bundled files: %w", err)
	}
	out := make(map[string][]byte, len(files))
	for p, b := range files {
		out[path.Base(p)] = append([]byte(nil), b...)
	}
	return out, nil
}
