package knowledge

import "testing"

func TestYearFit(t *testing.T) {
	spans := titleYears("Total import-export turnover 2021–2025")
	if len(spans) != 1 || spans[0] != (yearSpan{2021, 2025}) {
		t.Fatalf("titleYears = %v", spans)
	}
	tests := []struct {
		title string
		q     []int
		want  float32
	}{
		{"Export value in 2025", []int{2025}, 1},
		{"Export value in 2025", []int{2030}, 0.6},
		{"Total import-export turnover 2021–2025", []int{2025}, 0.8},
		{"Total import-export turnover 2021–2025", []int{2021, 2025}, 1},
		{"Cumulative FDI", []int{2025}, 1},
		{"Export value in 2025", nil, 1},
	}
	for _, tt := range tests {
		if got := yearFit(titleYears(tt.title), tt.q); got != tt.want {
			t.Errorf("yearFit(%q, %v) = %v, want %v", tt.title, tt.q, got, tt.want)
		}
	}
}
