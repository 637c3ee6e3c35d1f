package web

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"jixiao"
	"jixiao/internal/score"
	"jixiao/internal/sqldb"
)

// The API's monitoring and self-evaluation: the lights and the scores the
// pages show, each with the formula and numbers that produced it.

type apiTableOnlyIn struct {
	ID int64 `path:"id" doc:"版本编号（须已批复或已公开）"`
}

type apiMonitorProject struct {
	Seq        int                          `json:"seq"`
	Name       string                       `json:"name"`
	Reported   bool                         `json:"reported" doc:"是否已填报监控记录"`
	AsOf       string                       `json:"as_of,omitempty" doc:"最近一次监控的截止日期"`
	Version    int                          `json:"version,omitempty" doc:"该日期监控记录的版本"`
	Budget     *score.Light                 `json:"budget,omitempty" doc:"预算执行预警"`
	Indicators []score.IndicatorLightResult `json:"indicators" doc:"各指标的预警灯及原因"`
}

type apiMonitor struct {
	TableID    int64               `json:"table_id"`
	Org        string              `json:"org"`
	FiscalYear int                 `json:"fiscal_year"`
	Projects   []apiMonitorProject `json:"projects"`
}

type apiEvaluation struct {
	Schema     string                `json:"schema" doc:"jixiao.evaluation/v1"`
	TableID    int64                 `json:"table_id"`
	Org        string                `json:"org"`
	FiscalYear int                   `json:"fiscal_year"`
	Projects   []score.ProjectResult `json:"projects" doc:"每个项目的自评得分：各指标得分及计算过程、预算执行率、总分和等级"`
}

func (s *Server) registerMonitorAPI(r *apiRegistrar) {
	register(r, huma.Operation{
		OperationID: "getMonitoring", Method: http.MethodGet, Path: "/api/v1/tables/{id}/monitor", Tags: []string{"monitoring"},
		Summary:     "运行监控：各项目的预警灯",
		Description: "最近一次监控记录得出的预算执行预警和各指标预警（红、黄、绿灯），每盏灯附原因和计算过程。只对本单位和主管部门的账号开放，表须已批复或已公开。",
		Errors:      []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiTableOnlyIn) (*apiBody[apiMonitor], error) {
		_, t, err := s.monitoredOf(ctx, u, in.ID)
		if err != nil {
			return nil, err
		}
		entries, err := s.db.ProgressOfYear(ctx, t.FiscalYear, t.Org)
		if err != nil {
			return nil, err
		}
		byName := map[string]*sqldb.ProgressEntry{}
		for i := range entries {
			byName[entries[i].Key.Project] = &entries[i]
		}
		out := apiMonitor{TableID: t.ID, Org: t.Org, FiscalYear: t.FiscalYear, Projects: []apiMonitorProject{}}
		for i, p := range t.Projects() {
			pl := s.lightsOf(t, i+1, p, byName[p.Name])
			mp := apiMonitorProject{Seq: i + 1, Name: p.Name, Reported: pl.Attended, Indicators: []score.IndicatorLightResult{}}
			if pl.Attended {
				b := pl.Lights.Budget
				mp.AsOf, mp.Version, mp.Budget, mp.Indicators = pl.Entry.AsOf.Format("2006-01-02"), pl.Entry.Version, &b, pl.Lights.Indicators
			}
			out.Projects = append(out.Projects, mp)
		}
		return &apiBody[apiMonitor]{Body: out}, nil
	})

	register(r, huma.Operation{
		OperationID: "getEvaluation", Method: http.MethodGet, Path: "/api/v1/tables/{id}/evaluation", Tags: []string{"monitoring"},
		Summary:     "绩效自评表：得分及计算过程",
		Description: "按已填报的自评记录计算的自评表：每个指标的目标值、实际值、分值、得分和计算公式（含代入的数值），预算执行率得分，项目总分和等级。未填报的项目各项按未填实际值计 0 分。",
		Errors:      []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiTableOnlyIn) (*apiBody[apiEvaluation], error) {
		_, t, err := s.monitoredOf(ctx, u, in.ID)
		if err != nil {
			return nil, err
		}
		ps, err := s.evaluationsOf(ctx, t)
		if err != nil {
			return nil, err
		}
		out := apiEvaluation{Schema: "jixiao.evaluation/v1", TableID: t.ID, Org: t.Org, FiscalYear: t.FiscalYear, Projects: []score.ProjectResult{}}
		for _, p := range ps {
			out.Projects = append(out.Projects, p.Result)
		}
		return &apiBody[apiEvaluation]{Body: out}, nil
	})
}
