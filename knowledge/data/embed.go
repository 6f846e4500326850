// Package data embeds the bundled knowledge base, the YAML files of this
// folder, so that the binary carries them. Package knowledge/base loads
// them (base.Bundled); the files stay here, where editors find them.
package data

import "embed"

// FS holds every *.yaml file of knowledge/data at its root.
//
//go:embed *.yaml
var FS embed.FS
