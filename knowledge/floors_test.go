package knowledge

import (
	"testing"

	"github.com/thanhhoa/investbot/internal/floors"
)

// floorsFile holds the recorded figures of every matcher quality test
// (TestEval, TestProbes, TestFresh, TestLeaveOneOut, TestCalibrationFit):
// one table per set, with the set's kind (development or blind), its
// history and its margin. See package internal/floors for how floors follow
// from it and how to re-record it.
const floorsFile = "testdata/floors.yaml"

// floorsHeader heads floorsFile when it is re-recorded.
const floorsHeader = `# Quality floors of the answer matcher (package knowledge), recorded from a
# measurement: per set and language, the counts measured on the day in
# "recorded". A test fails when a rate falls more than "margin" questions
# (in scope) or "oos_margin" questions (out of scope) below the recorded one,
# or confident-wrong rises more than "margin" above it.
#
# kind: development = tuned on (its failures were read and fixed), so it
# overstates what a new question gets; blind = never read before measuring.
# Every fresh set was measured blind once ("history") and became a
# development set afterwards.
#
# Re-record after an engine or knowledge-base change (then review the diff):
#   INVESTBOT_RECORD_FLOORS=1 go test -count=1 ./knowledge -run 'TestEval$|TestFresh|TestHeldOut|TestProbes|TestLeaveOneOut$|TestCalibrationFit'
`

// OpenFloors reads floorsFile; it is exported for the external test
// package (this file is compiled only into tests).
func OpenFloors(tb testing.TB) *floors.Book {
	tb.Helper()
	return floors.Open(tb, floorsFile, floorsHeader)
}
