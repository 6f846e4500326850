package handlers

import (
	"context"
	"fmt"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/kbadmin"
)

func (r *Router) leadsExport(ctx context.Context, tn *turn) investbot.Reply {
	if r.d.Leads == nil {
		return adminText("Leads are not kept on this bot.", investbot.IntentAdminLeads)
	}
	leads, err := r.d.Leads.Leads(ctx)
	if err != nil {
		return r.storeFailed(tn, "leads", err)
	}
	name := "leads-" + r.d.Now().In(investbot.VietnamTime).Format("2006-01-02") + ".csv"
	return investbot.Reply{
		Messages: []investbot.Message{{
			Text:     fmt.Sprintf("%d leads. The file opens in Excel; it holds personal data that investors gave with consent: keep it inside the office.", len(leads)),
			Document: &investbot.File{Name: name, Data: kbadmin.LeadsCSV(leads)},
		}},
		Meta: investbot.Meta{Lang: investbot.EN, Intent: investbot.IntentAdminLeads},
	}
}
