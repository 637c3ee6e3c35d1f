package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/internal/score"
	"jixiao/internal/sqldb"
)

func TestAPIShowsEveryScoreAndLightWithItsExplanation(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	id := e.table(orgOwn, jixiao.StatusPublished)
	tb := e.load(id)
	p := tb.Projects()[0]
	k := sqldb.ProjectKey{Org: tb.Org, FiscalYear: tb.FiscalYear, Project: p.Name}
	ctx := context.Background()
	asOf := time.Date(tb.FiscalYear, 6, 30, 0, 0, 0, 0, time.UTC)
	if _, err := e.db.SaveProgress(ctx, k, score.ProjectProgress{AsOf: asOf, Budget: p.Funding.Total, Executed: p.Funding.Total / 4}, nil, 0, "filer"); err != nil {
		t.Fatal(err)
	}
	executed := p.Funding.Total
	if _, err := e.db.SaveEvaluation(ctx, k, score.ProjectEvaluation{Budget: &p.Funding.Total, Executed: &executed}, nil, 0, "filer"); err != nil {
		t.Fatal(err)
	}

	var mon apiMonitor
	r := e.as(roleFiler).api(http.MethodGet, "/api/v1/tables/"+itoa(id)+"/monitor", "").want(t, http.StatusOK)
	if err := json.Unmarshal([]byte(r.body), &mon); err != nil {
		t.Fatal(err)
	}
	first := mon.Projects[0]
	// A quarter executed by the end of June is half the time-proportional
	// pace: 50, a red light.
	if !first.Reported || first.Budget == nil || first.Budget.Color != score.Red || !strings.Contains(first.Budget.Explanation.Text, "50") {
		t.Errorf("budget light = %+v", first.Budget)
	}
	if mon.Projects[1].Reported {
		t.Error("a project without a report is reported")
	}

	var ev apiEvaluation
	r = e.as(roleReviewer).api(http.MethodGet, "/api/v1/tables/"+itoa(id)+"/evaluation", "").want(t, http.StatusOK)
	if err := json.Unmarshal([]byte(r.body), &ev); err != nil {
		t.Fatal(err)
	}
	res := ev.Projects[0]
	if ev.Schema != "jixiao.evaluation/v1" || res.Budget.Score.Cmp(jixiao.MustDecimal("10")) != 0 || res.Budget.Explanation.Text == "" {
		t.Errorf("budget line = %+v", res.Budget)
	}
	for _, in := range res.Indicators {
		if in.Explanation.Text == "" && in.Reason == "" {
			t.Errorf("indicator %d has a score without its explanation: %+v", in.Seq, in)
		}
	}
	if res.TotalExplanation.Text == "" || res.Grade == "" {
		t.Errorf("total without explanation or grade: %+v", res)
	}
	e.anonymous().api(http.MethodGet, "/api/v1/tables/"+itoa(id)+"/evaluation", "").want(t, http.StatusUnauthorized)
}
