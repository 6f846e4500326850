package memstore_test

import (
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/memstore"
	"github.com/thanhhoa/investbot/storetest"
)

func TestTicketsContract(t *testing.T) {
	storetest.RunTickets(t, func(*testing.T) investbot.TicketStore { return memstore.NewTickets() })
}
