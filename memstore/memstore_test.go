package memstore_test

import (
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/memstore"
	"github.com/thanhhoa/investbot/storetest"
)

// TestContract holds the in-memory backend to the contract every backend
// meets.
func TestContract(t *testing.T) {
	storetest.RunBackend(t, func(t *testing.T, adm investbot.Admission) investbot.Backend {
		return memstore.New(memstore.Options{Admission: adm})
	})
}
