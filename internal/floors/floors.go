// Package floors keeps the quality floors of the answer tests as data: for
// every question set, the counts measured on a recorded day (per language:
// in-scope questions, correct, confident-wrong, out-of-scope questions,
// refused) and a margin in questions. A test passes while today's rates stay
// within the margin of the recorded ones; a floor is never a number typed by
// hand, so it cannot drift far below what the engine does.
//
// Re-recording after a change to the engine or the knowledge base is one
// command; it rewrites the YAML files, which are then reviewed and committed:
//
//	INVESTBOT_RECORD_FLOORS=1 go test -count=1 ./knowledge ./cmd/investbot \
//	    -run 'TestEval$|TestFresh|TestHeldOut|TestProbes|TestLeaveOneOut|TestCalibrationFit|TestAskEval'
//
// Without the variable, `go test -v` logs one "measured" line per set and
// language in the file's format, so a diff against the file is easy to read.
package floors

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// RecordEnv is the environment variable that turns checking into recording.
const RecordEnv = "INVESTBOT_RECORD_FLOORS"

// Kinds of set. A development set has been used to choose changes (its
// failures were read and fixed), so its figure overstates what a new
// question gets; a blind set has been measured without anyone reading its
// questions or failures.
const (
	Development = "development"
	Blind       = "blind"
)

// Counts are one language's figures on one set.
type Counts struct {
	In      int `yaml:"in"`                // in-scope questions (examples for leave-one-out)
	Correct int `yaml:"correct"`           // answered confidently with a wanted entry
	Wrong   int `yaml:"wrong"`             // answered confidently with another entry
	Top1    int `yaml:"top1,omitempty"`    // a wanted entry ranked first, confident or not (checked when recorded)
	OOS     int `yaml:"oos,omitempty"`     // out-of-scope questions
	Refused int `yaml:"refused,omitempty"` // out-of-scope questions not answered
}

// MarshalYAML writes counts on one line, so a file reads as a table.
func (c Counts) MarshalYAML() (any, error) {
	type plain Counts
	var n yaml.Node
	if err := n.Encode(plain(c)); err != nil {
		return nil, err
	}
	n.Style = yaml.FlowStyle
	return &n, nil
}

// Set is the record of one question set.
type Set struct {
	// Kind is Development or Blind; History says where the set came from
	// and when it was measured blind, if ever.
	Kind    string `yaml:"kind"`
	History string `yaml:"history"`
	// Margin is how many in-scope questions of one language may turn from
	// correct to anything else (or from anything to confident-wrong, or
	// from ranked first to not) before the test fails; OOSMargin the same
	// for out-of-scope questions turning from refused to answered.
	Margin    int `yaml:"margin"`
	OOSMargin int `yaml:"oos_margin"`
	// Measured are the counts per language on the day of Recorded.
	Recorded string            `yaml:"recorded"`
	Measured map[string]Counts `yaml:"measured"`
}

// Book is one YAML file of sets. Its methods may be called from parallel
// tests.
type Book struct {
	path   string
	header string
	mu     sync.Mutex
	sets   map[string]*Set
}

// Open reads the book at path (relative to the test's package), failing tb
// when it cannot be read or parsed. header is the comment written at the top
// of the file when it is re-recorded.
func Open(tb testing.TB, path, header string) *Book {
	tb.Helper()
	b := &Book{path: path, header: header, sets: map[string]*Set{}}
	raw, err := os.ReadFile(path)
	if err != nil && !(os.IsNotExist(err) && Recording()) {
		tb.Fatalf("floors: read %s: %v", path, err)
	}
	if err := yaml.Unmarshal(raw, &b.sets); err != nil {
		tb.Fatalf("floors: parse %s: %v", path, err)
	}
	if b.sets == nil {
		b.sets = map[string]*Set{}
	}
	return b
}

// Recording reports whether RecordEnv asks for today's figures to be written.
func Recording() bool { return os.Getenv(RecordEnv) != "" }

// Set returns the record of name, or nil.
func (b *Book) Set(name string) *Set {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sets[name]
}

// Check compares today's counts of set name with its record and fails tb for
// every language below a floor or above a ceiling. It logs one "measured"
// line per language in the file's format. While Recording, it stores got
// (keeping the set's kind, history and margins) and rewrites the file
// instead; a new set is recorded as a development set with margin 2/1.
func (b *Book) Check(tb testing.TB, name string, got map[string]Counts) {
	tb.Helper()
	langs := slices.Sorted(maps.Keys(got))
	for _, l := range langs {
		line, err := yaml.Marshal(got[l])
		if err != nil {
			tb.Fatalf("floors: %v", err)
		}
		tb.Logf("measured %s %s: %s", name, l, bytes.TrimSpace(line))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.sets[name]
	if Recording() {
		if s == nil {
			s = &Set{Kind: Development, History: "added without a history: say where the set came from", Margin: 2, OOSMargin: 1}
			b.sets[name] = s
		}
		s.Recorded, s.Measured = time.Now().UTC().Format(time.DateOnly), got
		if err := b.save(); err != nil {
			tb.Fatalf("floors: %v", err)
		}
		tb.Logf("recorded %s in %s", name, b.path)
		return
	}
	if s == nil {
		tb.Fatalf("floors: %s has no record of set %s: record it with %s=1", b.path, name, RecordEnv)
	}
	tb.Logf("%s is a %s set (%s); floors from %s, margin %d in scope and %d out of scope",
		name, s.Kind, s.History, s.Recorded, s.Margin, s.OOSMargin)
	for _, l := range slices.Sorted(maps.Keys(s.Measured)) {
		if _, ok := got[l]; !ok {
			tb.Errorf("%s %s: recorded but not measured today", name, l)
		}
	}
	for _, l := range langs {
		m, ok := s.Measured[l]
		if !ok {
			tb.Errorf("%s %s: measured today but has no record: record it with %s=1", name, l, RecordEnv)
			continue
		}
		c := got[l]
		if m.In != c.In || m.OOS != c.OOS {
			tb.Logf("%s %s: the set changed since it was recorded (in %d → %d, out of scope %d → %d); rates are compared", name, l, m.In, c.In, m.OOS, c.OOS)
		}
		if m.In > 0 {
			if f := rate(m.Correct-s.Margin, m.In); rate(c.Correct, c.In) < f {
				tb.Errorf("%s %s: %d/%d correct (%.1f%%), below the floor %.1f%% (recorded %d/%d on %s, margin %d)",
					name, l, c.Correct, c.In, pct(c.Correct, c.In), 100*f, m.Correct, m.In, s.Recorded, s.Margin)
			}
			if f := rate(m.Wrong+s.Margin, m.In); rate(c.Wrong, c.In) > f {
				tb.Errorf("%s %s: %d/%d confident-wrong (%.1f%%), above the ceiling %.1f%% (recorded %d/%d on %s, margin %d)",
					name, l, c.Wrong, c.In, pct(c.Wrong, c.In), 100*f, m.Wrong, m.In, s.Recorded, s.Margin)
			}
			if m.Top1 > 0 {
				if f := rate(m.Top1-s.Margin, m.In); rate(c.Top1, c.In) < f {
					tb.Errorf("%s %s: %d/%d ranked first (%.1f%%), below the floor %.1f%% (recorded %d/%d on %s, margin %d)",
						name, l, c.Top1, c.In, pct(c.Top1, c.In), 100*f, m.Top1, m.In, s.Recorded, s.Margin)
				}
			}
		}
		if m.OOS > 0 {
			if f := rate(m.Refused-s.OOSMargin, m.OOS); rate(c.Refused, c.OOS) < f {
				tb.Errorf("%s %s: %d/%d out-of-scope refused (%.1f%%), below the floor %.1f%% (recorded %d/%d on %s, margin %d)",
					name, l, c.Refused, c.OOS, pct(c.Refused, c.OOS), 100*f, m.Refused, m.OOS, s.Recorded, s.OOSMargin)
			}
		}
	}
}

// save writes every set back to the file, the header first.
func (b *Book) save() error {
	var buf bytes.Buffer
	buf.WriteString(b.header)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(b.sets); err != nil {
		return fmt.Errorf("encode %s: %w", b.path, err)
	}
	if err := os.WriteFile(b.path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", b.path, err)
	}
	return nil
}

func rate(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(max(n, 0)) / float64(d)
}

func pct(n, d int) float64 { return 100 * rate(n, d) }
