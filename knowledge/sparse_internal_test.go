package knowledge

import "testing"

// The fields' weight follows the base's example density: the full base
// keeps the weight the calibration was fitted on, a base at the minimum
// an admin writes leans on its entries' own text.
func TestFieldsWeightFor(t *testing.T) {
	tests := []struct {
		density float64
		want    float32
	}{
		{0, sparseFieldsWeight},
		{minExamples, sparseFieldsWeight},
		{(minExamples + richExamples) / 2.0, (fieldsWeight + sparseFieldsWeight) / 2},
		{richExamples, fieldsWeight},
		{35, fieldsWeight},
	}
	for _, tt := range tests {
		if got := fieldsWeightFor(tt.density); got-tt.want > 1e-5 || tt.want-got > 1e-5 {
			t.Errorf("fieldsWeightFor(%v) = %v, want %v", tt.density, got, tt.want)
		}
	}
}

// The entries' phrases stand in for examples only where examples are few:
// the bundled base, about thirty per language, gets none.
func TestPhraseScaleFor(t *testing.T) {
	tests := []struct {
		density float64
		want    float32
	}{
		{minExamples, sparsePhraseScale},
		{richExamples, 0},
		{30, 0},
	}
	for _, tt := range tests {
		if got := phraseScaleFor(tt.density); got-tt.want > 1e-5 || tt.want-got > 1e-5 {
			t.Errorf("phraseScaleFor(%v) = %v, want %v", tt.density, got, tt.want)
		}
	}
}
