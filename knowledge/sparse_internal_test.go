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
