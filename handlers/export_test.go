package handlers

// ParseAmountForTest exposes parseAmount to the external tests.
var ParseAmountForTest = parseAmount

// FormatAmountForTest exposes formatAmount.
var FormatAmountForTest = formatAmount

// UndocumentedCommandsForTest exposes the commands /help would miss.
func (r *Router) UndocumentedCommandsForTest() []string { return r.undocumentedCommands() }
