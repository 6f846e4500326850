package kbadmin

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// Upload limits beyond investbot.MaxUploadBytes, the size of the file itself.
const (
	// MaxUnzippedBytes bounds the total uncompressed size of a .zip, and
	// MaxZipFiles its number of members, so that a zip bomb costs nothing.
	MaxUnzippedBytes = 20 << 20
	MaxZipFiles      = 200
)

// RefusedError is an upload refused before its content was looked at
// closely: too big, a zip bomb, a bad file name, not YAML, not UTF-8.
// Reason is written for the admin.
type RefusedError struct {
	Reason string
}

func (e *RefusedError) Error() string { return "kbadmin: upload refused: " + e.Reason }

func refuse(format string, args ...any) error {
	return &RefusedError{Reason: fmt.Sprintf(format, args...)}
}

// Report is the outcome of checking an upload against the knowledge base
// in force.
type Report struct {
	// Name is the uploaded file's name; Zip is true for a whole data folder.
	Name string
	Zip  bool
	// Files is the candidate knowledge base (every file, not only the
	// uploaded ones), ready to Publish when Problems is empty.
	Files map[string][]byte
	// Problems are validation errors, located by file:line; any one of
	// them blocks publishing.
	Problems []base.Problem
	// Entries counts the candidate's entries.
	Entries int
	// Added, Changed and Removed are entry ids compared with the live
	// knowledge base, sorted.
	Added, Changed, Removed []string
	// Failing are example questions of the candidate that are not answered
	// by their own entry; NewFailing counts those that passed before.
	Failing    []base.Problem
	NewFailing int
}

// OK reports whether the candidate may be published.
func (r Report) OK() bool { return len(r.Problems) == 0 && r.Files != nil }

// Summary is a one-line description for the version history.
func (r Report) Summary() string {
	return fmt.Sprintf("%s: +%d ~%d -%d entries", r.Name, len(r.Added), len(r.Changed), len(r.Removed))
}

// maxDetail bounds the lines of detail in Render.
const maxDetail = 20

// Render writes the report for the admin, in English whatever lang is
// (admins read English; lang is kept for a later translation): counts first, then
// at most maxDetail lines of detail.
func (r Report) Render(_ investbot.Lang) string {
	var b strings.Builder
	what := "file " + r.Name + " (it replaces the file of the same name)"
	if r.Zip {
		what = "zip " + r.Name + " (it replaces the whole knowledge base)"
	}
	if !r.OK() {
		fmt.Fprintf(&b, "❌ The %s cannot be published: %d problem(s). Nothing was changed.\n", what, len(r.Problems))
		lines := 0
		for _, p := range r.Problems {
			if lines == maxDetail {
				fmt.Fprintf(&b, "… and %d more.\n", len(r.Problems)-lines)
				break
			}
			fmt.Fprintf(&b, "• %s\n", p)
			lines++
		}
		b.WriteString("\nFix the lines named above and send the file again. The admin guide explains each message.")
		return b.String()
	}
	fmt.Fprintf(&b, "✅ The %s is valid: %d entries.\n", what, r.Entries)
	fmt.Fprintf(&b, "Added %d · changed %d · removed %d · example questions answered by another entry: %d (%d new).\n",
		len(r.Added), len(r.Changed), len(r.Removed), len(r.Failing), r.NewFailing)
	lines := 0
	more := 0
	detail := func(prefix string, ids []string) {
		for _, id := range ids {
			if lines == maxDetail {
				more++
				continue
			}
			fmt.Fprintf(&b, "%s %s\n", prefix, id)
			lines++
		}
	}
	detail("+", r.Added)
	detail("~", r.Changed)
	detail("−", r.Removed)
	for _, p := range r.Failing {
		if lines == maxDetail {
			more++
			continue
		}
		fmt.Fprintf(&b, "⚠ %s: %s\n", p.EntryID, p.Msg)
		lines++
	}
	if more > 0 {
		fmt.Fprintf(&b, "… and %d more.\n", more)
	}
	if len(r.Removed) > 0 {
		b.WriteString("\nRemoved entries will no longer be answered.")
	}
	if r.NewFailing > 0 {
		b.WriteString("\nSome example questions now land on the wrong entry: investors asking them would get that entry's answer.")
	}
	if len(r.Added)+len(r.Changed)+len(r.Removed) == 0 {
		b.WriteString("\nNothing changes compared with the live knowledge base.")
	}
	return strings.TrimRight(b.String(), "\n")
}

// CheckUpload checks an admin's upload and compares it with the live
// knowledge base. name decides the kind: a .yaml or .yml file replaces
// the live file of the same base name (or is added beside them when no
// file has that name), so entries are edited, added or removed by editing
// their file; a .zip of the data folder replaces the whole knowledge
// base. liveFiles are the files of the live knowledge base.
//
// It returns a *RefusedError when the upload is refused outright (over
// investbot.MaxUploadBytes, a zip bomb, an unsafe or non-YAML member, invalid
// UTF-8, no YAML at all), and a Report otherwise: Report.Problems lists
// the validation problems (by file:line) that block publishing.
func CheckUpload(ctx context.Context, live *knowledge.KB, liveFiles map[string][]byte, name string, data []byte) (Report, error) {
	if len(data) > investbot.MaxUploadBytes {
		return Report{}, refuse("the file is %.1f MB; the limit is %d MB", float64(len(data))/(1<<20), investbot.MaxUploadBytes>>20)
	}
	fileName := baseName(name)
	rep := Report{Name: fileName}
	var files map[string][]byte
	switch ext := strings.ToLower(path.Ext(fileName)); ext {
	case ".yaml", ".yml":
		if !safeName(fileName) {
			return Report{}, refuse("the file name %q is not allowed", name)
		}
		b, err := cleanYAML(fileName, data)
		if err != nil {
			return Report{}, err
		}
		files = make(map[string][]byte, len(liveFiles)+1)
		for n, v := range liveFiles {
			if !strings.EqualFold(baseName(n), fileName) {
				files[baseName(n)] = v
			}
		}
		files[fileName] = b
	case ".zip":
		rep.Zip = true
		var err error
		if files, err = unzip(data); err != nil {
			return Report{}, err
		}
	default:
		return Report{}, refuse("send a .yaml file of entries or a .zip of the data folder, not %q", fileName)
	}
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	kb, err := knowledge.Load(base.Parse(files))
	var ve *base.ValidationError
	if errors.As(err, &ve) {
		rep.Problems = ve.Problems
		return rep, nil
	}
	if err != nil {
		return Report{}, fmt.Errorf("kbadmin: check %s: %w", fileName, err)
	}
	rep.Files = files
	rep.Entries = kb.Len()
	rep.Added, rep.Changed, rep.Removed = Diff(live, kb)
	rep.Failing = kb.Test()
	if live != nil {
		before := map[string]bool{}
		for _, p := range live.Test() {
			before[failKey(p)] = true
		}
		for _, p := range rep.Failing {
			if !before[failKey(p)] {
				rep.NewFailing++
			}
		}
	} else {
		rep.NewFailing = len(rep.Failing)
	}
	return rep, nil
}

var exampleRe = regexp.MustCompile(`^example \w+ "(?:[^"\\]|\\.)*"`)

// failKey identifies a failing example independently of the confidence
// figures in its message.
func failKey(p base.Problem) string {
	return p.EntryID + "\x00" + exampleRe.FindString(p.Msg)
}

// Diff compares two knowledge bases by entry id and content.
func Diff(old, cand *knowledge.KB) (added, changed, removed []string) {
	oldByID := map[string]*base.Entry{}
	if old != nil {
		for _, e := range old.Entries() {
			oldByID[e.ID] = e
		}
	}
	seen := map[string]bool{}
	for _, e := range cand.Entries() {
		seen[e.ID] = true
		o, ok := oldByID[e.ID]
		switch {
		case !ok:
			added = append(added, e.ID)
		case !sameContent(o, e):
			changed = append(changed, e.ID)
		}
	}
	for id := range oldByID {
		if !seen[id] {
			removed = append(removed, id)
		}
	}
	sort.Strings(added)
	sort.Strings(changed)
	sort.Strings(removed)
	return added, changed, removed
}

// sameContent compares entries without their location (File and Line are
// not serialised).
func sameContent(a, b *base.Entry) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// cleanYAML checks that b is UTF-8 and drops a byte-order mark (Windows
// editors write one).
func cleanYAML(name string, b []byte) ([]byte, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:invalidAt(b)], []byte("\n"))
		return nil, refuse("%s:%d is not valid UTF-8 text; save the file as UTF-8", name, line)
	}
	return b, nil
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// safeName accepts a plain file name: no folders, no "..", no control
// characters.
func safeName(n string) bool {
	if n == "" || n == "." || n == ".." || strings.ContainsAny(n, `/\:`) {
		return false
	}
	for _, c := range n {
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

// ignoredMember reports zip members that operating systems and editors add
// by themselves (macOS metadata, the data folder's README).
func ignoredMember(p string) bool {
	b := baseName(p)
	return strings.HasPrefix(p, "__MACOSX/") || b == ".DS_Store" || b == "Thumbs.db" || strings.EqualFold(path.Ext(b), ".md")
}

// unzip reads the YAML members of a .zip into files keyed by base name,
// refusing bombs and unsafe names before reading more than the caps.
func unzip(data []byte) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, refuse("the .zip cannot be opened (%v)", err)
	}
	if len(zr.File) > MaxZipFiles {
		return nil, refuse("the .zip holds %d files; at most %d are allowed", len(zr.File), MaxZipFiles)
	}
	var declared uint64
	for _, f := range zr.File {
		n := f.Name
		if strings.HasPrefix(n, "/") || strings.HasPrefix(n, `\`) || strings.Contains(n, `\`) || (len(n) > 1 && n[1] == ':') {
			return nil, refuse("the .zip member %q has an absolute path", n)
		}
		for _, part := range strings.Split(n, "/") {
			if part == ".." {
				return nil, refuse("the .zip member %q points outside the folder (..)", n)
			}
		}
		declared += f.UncompressedSize64
		if declared > MaxUnzippedBytes {
			return nil, refuse("the .zip unpacks to more than %d MB", MaxUnzippedBytes>>20)
		}
	}
	files := map[string][]byte{}
	var total int64
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || ignoredMember(f.Name) {
			continue
		}
		fileName := baseName(f.Name)
		if ext := strings.ToLower(path.Ext(fileName)); ext != ".yaml" && ext != ".yml" {
			return nil, refuse("the .zip member %q is not a .yaml file; only the data folder's YAML files belong in it", f.Name)
		}
		if !safeName(fileName) {
			return nil, refuse("the .zip member name %q is not allowed", f.Name)
		}
		if _, dup := files[fileName]; dup {
			return nil, refuse("the .zip holds two files named %s", fileName)
		}
		limit := min(int64(base.MaxFileBytes), MaxUnzippedBytes-total)
		rc, err := f.Open()
		if err != nil {
			return nil, refuse("the .zip member %q cannot be read (%v)", f.Name, err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, limit+1))
		rc.Close()
		if err != nil {
			return nil, refuse("the .zip member %q cannot be read (%v)", f.Name, err)
		}
		if int64(len(b)) > limit {
			return nil, refuse("the .zip member %q unpacks to more than allowed (%d MB per file, %d MB in all)", f.Name, base.MaxFileBytes>>20, MaxUnzippedBytes>>20)
		}
		total += int64(len(b))
		if b, err = cleanYAML(f.Name, b); err != nil {
			return nil, err
		}
		files[fileName] = b
	}
	if len(files) == 0 {
		return nil, refuse("the .zip holds no .yaml files")
	}
	return files, nil
}
