package webapp

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// me tells the page who is looking: role, language, the knowledge-base
// version, and the chat link to the Japan Desk entry.
func (s *Server) me(w http.ResponseWriter, r *http.Request, c caller) {
	kb := s.d.KB.Current()
	out := map[string]any{
		"user_id":    c.User.ID,
		"first_name": c.User.FirstName,
		"role":       roleName(c.Role),
		"lang":       c.Lang,
		"kb_version": kb.Version(),
	}
	if u := s.d.BotUsername(); u != "" {
		// The deep link opens the Japan Desk entry in the chat, in the
		// page's language; its button hands over to a person.
		out["desk_link"] = "https://t.me/" + u + "?start=" + string(c.Lang) + "__contact_japan-desk"
	}
	writeJSON(w, http.StatusOK, out)
}

// sourceJSON is a source as the page shows it.
type sourceJSON struct {
	Ref   string         `json:"ref"`
	Title investbot.Text `json:"title,omitempty"`
	AsOf  string         `json:"as_of"`
	Note  string         `json:"note,omitempty"`
}

func sourcesOf(e *base.Entry) []sourceJSON {
	out := make([]sourceJSON, 0, len(e.Sources))
	for _, s := range e.Sources {
		out = append(out, sourceJSON{Ref: s.Ref, Title: s.Title, AsOf: s.AsOf.String(), Note: s.Note})
	}
	return out
}

// zoneJSON is one zone card: the entry's title and answer (what the
// sources say) in every language, its structured fields and its sources.
type zoneJSON struct {
	ID      string         `json:"id"`
	Title   investbot.Text `json:"title"`
	Answer  investbot.Text `json:"answer"`
	Zone    *base.Zone     `json:"zone,omitempty"`
	Stage   investbot.Text `json:"stage_name,omitempty"`
	Sources []sourceJSON   `json:"sources"`
	AsOf    string         `json:"as_of"`
}

// zones returns the zones of the live knowledge base (GET /app/api/zones,
// a contract): every entry of kind zone except the overview of them all.
func (s *Server) zones(w http.ResponseWriter, r *http.Request, c caller) {
	kb := s.d.KB.Current()
	out := []zoneJSON{}
	for _, e := range kb.ByKind(base.KindZone) {
		if e.ID == "zone.overview" {
			continue
		}
		z := zoneJSON{ID: e.ID, Title: e.Title, Answer: e.Answer, Zone: e.Zone, Sources: sourcesOf(e), AsOf: e.AsOf().Format("2006-01-02")}
		if e.Zone != nil && e.Zone.Stage != "" {
			z.Stage = investbot.Text{}
			for _, l := range investbot.Langs {
				z.Stage[l] = handlers.StageName(e.Zone.Stage, l)
			}
		}
		out = append(out, z)
	}
	writeJSON(w, http.StatusOK, map[string]any{"kb_version": kb.Version(), "zones": out})
}

// figureJSON is one figure with its source resolved.
type figureJSON struct {
	Entry  string         `json:"entry"`
	Label  investbot.Text `json:"label"`
	Value  float64        `json:"value"`
	Unit   base.Unit      `json:"unit"`
	Period string         `json:"period,omitempty"`
	Source sourceJSON     `json:"source"`
}

// chartJSON is the figures drawn together: one chart, one kind of unit.
type chartJSON struct {
	Chart   string       `json:"chart"`
	Measure string       `json:"measure"` // usd, percent or count
	Figures []figureJSON `json:"figures"`
}

// measure groups units that can share an axis.
func measure(u base.Unit) string {
	if strings.HasPrefix(string(u), "usd") {
		return "usd"
	}
	return string(u)
}

// figures returns the knowledge base's figures grouped into charts, in
// the order of knowledge.FigureCharts; nothing that is not in the
// knowledge base's figures blocks.
func (s *Server) figures(w http.ResponseWriter, r *http.Request, c caller) {
	kb := s.d.KB.Current()
	byKey := map[string]*chartJSON{}
	var charts []*chartJSON
	for _, e := range kb.Entries() {
		for _, f := range e.Figures {
			src := sourceJSON{Ref: f.Source}
			for _, s := range e.Sources {
				if s.Ref == f.Source {
					src = sourceJSON{Ref: s.Ref, Title: s.Title, AsOf: s.AsOf.String()}
				}
			}
			key := f.Chart + "/" + measure(f.Unit)
			ch := byKey[key]
			if ch == nil {
				ch = &chartJSON{Chart: f.Chart, Measure: measure(f.Unit)}
				byKey[key] = ch
				charts = append(charts, ch)
			}
			ch.Figures = append(ch.Figures, figureJSON{Entry: e.ID, Label: f.Label, Value: f.Value, Unit: f.Unit, Period: f.Period, Source: src})
		}
	}
	order := map[string]int{}
	for i, c := range base.FigureCharts {
		order[c] = i
	}
	sort.SliceStable(charts, func(i, j int) bool { return order[charts[i].Chart] < order[charts[j].Chart] })
	writeJSON(w, http.StatusOK, map[string]any{"kb_version": kb.Version(), "charts": charts})
}

// leadForm returns the chat's lead form in the page's language.
func (s *Server) leadForm(w http.ResponseWriter, r *http.Request, c caller) {
	consent, fields := handlers.LeadForm(c.Lang)
	writeJSON(w, http.StatusOK, map[string]any{"lang": c.Lang, "consent": consent, "fields": fields})
}

// leadEvery is how often one user may send the lead form.
const leadEvery = time.Minute

// lead stores a lead with the chat form's validation and consent: 201
// with its id, 422 with the chat's message per refused field, 400
// without consent.
func (s *Server) lead(w http.ResponseWriter, r *http.Request, c caller) {
	var in struct {
		Values  map[string]string `json:"values"`
		Consent bool              `json:"consent"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	if !in.Consent {
		writeError(w, http.StatusBadRequest, "consent is required")
		return
	}
	if _, problems := handlers.CheckLead(in.Values, c.Lang); len(problems) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"problems": problems})
		return
	}
	// One lead a minute per user, across replicas (the chat's flood limit
	// does not see the page); a refused form does not count.
	if ok, err := s.d.Claims.Claim(r.Context(), fmt.Sprintf("webapp-lead:%d", c.User.ID), rand.Text(), leadEvery); err != nil || !ok {
		writeError(w, http.StatusTooManyRequests, "please wait a minute before sending again")
		return
	}
	lead, notify, problems, err := s.d.Router.SubmitLead(r.Context(), c.User.ID, c.Lang, in.Values, in.Consent)
	switch {
	case errors.Is(err, handlers.ErrNoConsent):
		writeError(w, http.StatusBadRequest, "consent is required")
		return
	case err != nil:
		s.d.Log.Warn("webapp: lead not saved", "err", err)
		writeError(w, http.StatusServiceUnavailable, "not saved, please try again")
		return
	case len(problems) > 0:
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"problems": problems})
		return
	}
	if s.d.Notify != nil && len(notify) > 0 {
		s.d.Notify(r.Context(), notify)
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": lead.ID})
}
