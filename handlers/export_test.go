package handlers

// ParseAmountForTest exposes parseAmount to the external tests.
var ParseAmountForTest = parseAmount
