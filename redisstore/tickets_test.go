package redisstore

import (
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/storetest"
)

func TestTicketsContract(t *testing.T) {
	storetest.RunTickets(t, func(t *testing.T) investbot.TicketStore { return MustOpen(t, Options{}).Tickets() })
}
