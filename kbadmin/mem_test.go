package kbadmin_test

import (
	"testing"

	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/kbadmin/kbadmintest"
)

func TestMemContract(t *testing.T) {
	kbadmintest.Run(t, func(*testing.T) kbadmin.Store { return kbadmin.NewMem(nil) })
}
