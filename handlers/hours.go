package handlers

import "github.com/thanhhoa/investbot"

// The desk's hours are part of the domain (config validates them); these
// names keep the handlers' API.
type DeskHours = investbot.DeskHours

var (
	ParseDeskHours   = investbot.ParseDeskHours
	DefaultDeskHours = investbot.DefaultDeskHours
	vietnamTime      = investbot.VietnamTime
)
