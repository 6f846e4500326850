package knowledge

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge/base"
)

// favourNamed lifts the named partner's, office's or event's own entry
// only in a base with few examples, by sparseNamedBoost at most: the
// bundled base ranks as before, a zone or a statistic named keeps its
// place, and an entry further behind than the lift stays behind.
func TestFavourNamed(t *testing.T) {
	kinds := []base.Kind{base.KindContact, base.KindPartner, base.KindZone, base.KindStat}
	tests := []struct {
		name   string
		sparse float32
		scores []float32 // entries 0..3, in this order
		named  []int32
		want   int32 // the entry first after the lift
	}{
		{"bundled base: no lift", 0, []float32{10, 9.5, 5, 4}, []int32{1}, 0},
		{"sparse base: the named partner leads", 1, []float32{10, 9.5, 5, 4}, []int32{1}, 1},
		{"half as sparse: half the lift is too little", 0.5, []float32{10, 9.0, 5, 4}, []int32{1}, 0},
		{"too far behind for the lift", 1, []float32{10, 8, 5, 4}, []int32{1}, 0},
		{"a zone named keeps its place", 1, []float32{10, 1, 9.5, 4}, []int32{2}, 0},
		{"a statistic named keeps its place", 1, []float32{10, 1, 5, 9.5}, []int32{3}, 0},
		{"nothing named", 1, []float32{10, 9.5, 5, 4}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := &index{sparse: tt.sparse, entKind: kinds}
			var rv retrieval
			for i, s := range tt.scores {
				rv.insert(candidate{entry: int32(i), score: s})
			}
			ix.favourNamed(&rv, tt.named)
			if got := rv.top[0].entry; got != tt.want {
				t.Errorf("first = entry %d, want %d (top %+v)", got, tt.want, rv.top[:rv.ntop])
			}
		})
	}
}

// A question word no entry holds counts as known when a lexicon synonym
// of it was found in the vocabulary (the expansion carries its bit), and
// only then.
func TestKnownBySynonym(t *testing.T) {
	tests := []struct {
		name  string
		terms []qterm
		want  int
	}{
		{"unknown word with a synonym the entries hold", []qterm{
			{id: 3, cover: true, bit: 1},
			{id: -1, cover: true, bit: 2},
			{id: 7, expanded: true, bit: 2},
		}, 1},
		{"unknown word without one", []qterm{
			{id: 3, cover: true, bit: 1},
			{id: -1, cover: true, bit: 2},
			{id: 7, expanded: true, bit: 1},
		}, 0},
		{"known words are counted already", []qterm{
			{id: 3, cover: true, bit: 1},
			{id: 7, expanded: true, bit: 1},
		}, 0},
		{"a word that does not count towards coverage", []qterm{
			{id: -1, cover: false, bit: 1},
			{id: 7, expanded: true, bit: 1},
		}, 0},
	}
	for _, tt := range tests {
		if got := knownBySynonym(tt.terms); got != tt.want {
			t.Errorf("%s: knownBySynonym = %d, want %d", tt.name, got, tt.want)
		}
	}
}
