package knowledge_test

import (
	"io/fs"
	"os"
)

// dataDir reads knowledge/data from disk, as the embed will see it.
type dataDir struct{}

func (dataDir) Open(name string) (fs.File, error) { return os.DirFS("data").Open(name) }
