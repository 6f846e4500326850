package textnorm

import "testing"

func TestSplice(t *testing.T) {
	type span struct {
		i, j int
		with string
	}
	tests := []struct {
		name  string
		src   string
		spans []span
		want  string
	}{
		{"nothing replaced", "how big is it", nil, "how big is it"},
		{"one word", "hw big", []span{{0, 2, "how"}}, "how big"},
		{"last word", "size of kcn", []span{{8, 11, "khu cong nghiep"}}, "size of khu cong nghiep"},
		{"two words", "hw abt it", []span{{0, 2, "how"}, {3, 6, "about"}}, "how about it"},
		{"insert at start", "wha", []span{{0, 0, "the "}}, "the wha"},
		{"same text", "jetro", []span{{0, 5, "jetro"}}, "jetro"},
		{"to nothing", "ok thanks", []span{{0, 3, ""}}, "thanks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSplice(tt.src)
			for _, sp := range tt.spans {
				s.Replace(sp.i, sp.j, sp.with)
			}
			if got := s.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSpliceUnchangedDoesNotAllocate(t *testing.T) {
	src := "how big is the west zone"
	if n := testing.AllocsPerRun(100, func() { _ = NewSplice(src).String() }); n != 0 {
		t.Errorf("an unchanged splice allocates %v times", n)
	}
}
