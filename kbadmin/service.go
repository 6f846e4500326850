package kbadmin

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Service is the admin tools over a Store: the store's methods plus the
// computations built on them.
type Service struct {
	investbot.AdminStore
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Bundled returns the files of the knowledge base in force when nothing
	// was published yet; nil means base.BundledFiles.
	Bundled func() (map[string][]byte, error)
}

// New returns the admin tools over st.
func New(st investbot.AdminStore) *Service { return &Service{AdminStore: st} }

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// LiveFiles returns the files of the knowledge base in force: the current
// published version n, or the bundled files with n = 0 when nothing was
// published yet.
func (s *Service) LiveFiles(ctx context.Context) (files map[string][]byte, n int, err error) {
	n, err = s.AdminStore.Current(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("kbadmin: live files: %w", err)
	}
	if n > 0 {
		files, err = s.AdminStore.Files(ctx, n)
		if err != nil {
			return nil, n, fmt.Errorf("kbadmin: live files: %w", err)
		}
		return files, n, nil
	}
	b := s.Bundled
	if b == nil {
		b = base.BundledFiles
	}
	files, err = b()
	if err != nil {
		return nil, 0, fmt.Errorf("kbadmin: bundled files: %w", err)
	}
	return files, 0, nil
}

// Check checks an upload against the knowledge base in force; see
// CheckUpload.
func (s *Service) Check(ctx context.Context, live *knowledge.KB, name string, data []byte) (Report, error) {
	files, _, err := s.LiveFiles(ctx)
	if err != nil {
		return Report{}, err
	}
	return CheckUpload(ctx, live, files, name, data)
}

// Unanswered groups the logged questions asked since then, most frequent
// first.
func (s *Service) Unanswered(ctx context.Context, since time.Time) ([]Group, error) {
	qs, err := s.AdminStore.Questions(ctx, since)
	if err != nil {
		return nil, fmt.Errorf("kbadmin: unanswered: %w", err)
	}
	return GroupQuestions(qs), nil
}

// Export returns a .zip of the files in force, named for its version.
func (s *Service) Export(ctx context.Context) (name string, zipped []byte, err error) {
	files, n, err := s.LiveFiles(ctx)
	if err != nil {
		return "", nil, err
	}
	z, err := Zip(files)
	if err != nil {
		return "", nil, err
	}
	if n == 0 {
		return BundledExportName, z, nil
	}
	return fmt.Sprintf("knowledge-v%d.zip", n), z, nil
}

// BundledExportName is the name Export gives the knowledge base when no
// version has been published: the one bundled in the program.
const BundledExportName = "knowledge-bundled.zip"

// Zip packs files into a .zip under a data/ folder, sorted by name, so
// that it unpacks into the layout of knowledge/data and uploads back as is.
func Zip(files map[string][]byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range sortedNames(files) {
		w, err := zw.Create("data/" + baseName(n))
		if err != nil {
			return nil, fmt.Errorf("kbadmin: zip %s: %w", n, err)
		}
		if _, err := w.Write(files[n]); err != nil {
			return nil, fmt.Errorf("kbadmin: zip %s: %w", n, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("kbadmin: zip: %w", err)
	}
	return buf.Bytes(), nil
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// DefaultStaleMonths is the age after which an entry's newest source is
// stale.
const DefaultStaleMonths = 12

// Stale returns the entries whose newest as-of date is older than months
// before now (months <= 0 means DefaultStaleMonths), oldest first.
func Stale(kb *knowledge.KB, now time.Time, months int) []*base.Entry {
	if kb == nil {
		return nil
	}
	if months <= 0 {
		months = DefaultStaleMonths
	}
	limit := now.AddDate(0, -months, 0)
	var out []*base.Entry
	for _, e := range kb.Entries() {
		if e.AsOf().Before(limit) {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].AsOf().Before(out[j].AsOf()) })
	return out
}

// Delivery is one announcement to send: Text to the private chat of
// UserID (a private chat's id is the user's id).
type Delivery struct {
	UserID int64
	Lang   investbot.Lang
	Text   string
}

// PlanBroadcast returns one delivery per subscriber, in the subscriber's
// language when texts has it, else English, else any language given.
func (s *Service) PlanBroadcast(ctx context.Context, texts investbot.Text) ([]Delivery, error) {
	subs, err := s.AdminStore.Subscribers(ctx)
	if err != nil {
		return nil, fmt.Errorf("kbadmin: broadcast: %w", err)
	}
	return Plan(subs, texts), nil
}

// Plan pairs each subscriber with the text in their language.
func Plan(subs []investbot.Subscriber, texts investbot.Text) []Delivery {
	out := make([]Delivery, 0, len(subs))
	for _, sub := range subs {
		text := texts.In(sub.Lang)
		if strings.TrimSpace(text) == "" {
			continue
		}
		out = append(out, Delivery{UserID: sub.UserID, Lang: sub.Lang, Text: text})
	}
	return out
}

// LeadFields is the column order of the known lead fields in LeadsCSV.
var LeadFields = []string{"name", "company", "country", "sector", "investment_usd", "land_ha", "timeline", "contact"}

// LeadsCSV writes leads as CSV for Excel: UTF-8 with a byte-order mark (so
// that Japanese and Vietnamese show correctly), a header row, fixed
// columns, oldest first. Unknown fields go to the last column as
// key=value pairs. Cells that a spreadsheet would run as a formula
// (starting with = + - @) are prefixed with an apostrophe.
func LeadsCSV(leads []investbot.Lead) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	header := append([]string{"id", "created_at", "language"}, LeadFields...)
	header = append(header, "consent_at", "telegram_user_id", "other")
	_ = w.Write(header)
	sorted := append([]investbot.Lead(nil), leads...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].CreatedAt.Before(sorted[j].CreatedAt) })
	known := map[string]bool{}
	for _, f := range LeadFields {
		known[f] = true
	}
	for _, l := range sorted {
		row := []string{l.ID, stamp(l.CreatedAt), string(l.Lang)}
		for _, f := range LeadFields {
			row = append(row, l.Fields[f])
		}
		var other []string
		for k, v := range l.Fields {
			if !known[k] {
				other = append(other, k+"="+v)
			}
		}
		sort.Strings(other)
		row = append(row, stamp(l.ConsentAt), strconv.FormatInt(l.UserID, 10), strings.Join(other, "; "))
		for i, c := range row {
			row[i] = cell(c)
		}
		_ = w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(investbot.VietnamTime).Format("2006-01-02 15:04")
}

func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// DraftYAML turns an approved draft into the skeleton of a knowledge-base
// entry for an admin to complete: the draft's one language is filled in,
// the other languages, the other examples and the source are left as TODO
// markers that the validator refuses, so an unfinished entry cannot be
// published by mistake.
func DraftYAML(d investbot.Draft) []byte {
	lang := d.Lang
	if !lang.Valid() {
		lang = investbot.EN
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Draft %s from ticket #%s (%s), approved for completion.\n", d.ID, d.TicketID, d.At.In(investbot.VietnamTime).Format(time.DateOnly))
	b.WriteString("# Fill in every TODO: the other three languages (same numbers and names in each),\n")
	b.WriteString("# at least 3 example questions per language, and the source with its as_of date.\n")
	b.WriteString("# Then send this file to the bot, or add the entry to an existing file.\n")
	id := "faq." + slug(d.Question)
	fmt.Fprintf(&b, "- id: %s\n  kind: faq\n", id)
	for _, field := range []string{"title", "answer"} {
		fmt.Fprintf(&b, "  %s:\n", field)
		for _, l := range investbot.Langs {
			switch {
			case l == lang && field == "title":
				fmt.Fprintf(&b, "    %s: %s\n", l, yamlQuote(firstLine(d.Question, 80)))
			case l == lang:
				fmt.Fprintf(&b, "    %s: %s\n", l, yamlQuote(d.Answer))
			default:
				fmt.Fprintf(&b, "    %s: \"\" # TODO translate\n", l)
			}
		}
	}
	b.WriteString("  examples:\n")
	for _, l := range investbot.Langs {
		fmt.Fprintf(&b, "    %s:\n", l)
		if l == lang {
			fmt.Fprintf(&b, "      - %s\n", yamlQuote(firstLine(d.Question, 200)))
		}
		b.WriteString("      - \"\" # TODO example question\n")
	}
	b.WriteString("  sources:\n    - ref: \"\" # TODO where the answer comes from (article file, decree number)\n      as_of: \"\" # TODO date the facts were true, e.g. 2026-01-15\n")
	return []byte(b.String())
}

func firstLine(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// yamlQuote writes s as a double-quoted YAML scalar.
func yamlQuote(s string) string {
	return strconv.Quote(strings.ToValidUTF8(s, ""))
}

// slug makes an id slug from a question's ASCII words, "new-draft" when it
// has none.
func slug(q string) string {
	var words []string
	for _, w := range strings.Fields(textnorm.Normalize(q)) {
		ok := true
		for _, c := range w {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				ok = false
				break
			}
		}
		if ok {
			words = append(words, w)
		}
		if len(words) == 5 {
			break
		}
	}
	if len(words) == 0 {
		return "new-draft"
	}
	return strings.Join(words, "-")
}
