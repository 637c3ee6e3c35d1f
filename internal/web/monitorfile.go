package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"jixiao"
	"jixiao/internal/progressfile"
	"jixiao/internal/sqldb"
)

// progressRows are a table's template rows, filled with the latest report
// of each project so that a unit updates rather than retypes.
func (s *Server) progressRows(r *http.Request, t *jixiao.Table) ([]progressfile.Row, error) {
	entries, err := s.db.ProgressOfYear(r.Context(), t.FiscalYear, t.Org)
	if err != nil {
		return nil, err
	}
	byName := map[string]*sqldb.ProgressEntry{}
	for i := range entries {
		byName[entries[i].Key.Project] = &entries[i]
	}
	today := time.Now().In(chinaTime).Format("2006-01-02")
	var rows []progressfile.Row
	for _, p := range t.Projects() {
		e := byName[p.Name]
		items := map[int]int{}
		base := progressfile.Row{Project: p.Name, AsOf: today, Budget: p.Funding.Total.Format(t.MoneyUnit)}
		if e != nil {
			base.AsOf, base.Budget, base.Executed = e.AsOf.Format("2006-01-02"), e.Budget.Format(t.MoneyUnit), e.Executed.Format(t.MoneyUnit)
			for i, it := range e.Indicators {
				items[it.Seq] = i
			}
		}
		for _, in := range p.Indicators {
			row := base
			row.Seq, row.Name, row.Target = in.Seq, in.Name, in.Annual.Text
			if i, ok := items[in.Seq]; ok {
				it := e.Indicators[i]
				row.Actual, row.Forecast, row.Attainment, row.Reason, row.Measure = it.ActualToDate, it.Forecast, string(it.ForecastAttainment), it.DeviationReason, it.Measure
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// progressTemplate downloads the monitoring template of a table.
func (s *Server) progressTemplate(w http.ResponseWriter, r *http.Request) error {
	_, t, err := s.monitored(r)
	if err != nil {
		return err
	}
	rows, err := s.progressRows(r, t)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	format := r.PathValue("format")
	switch format {
	case "csv":
		err = progressfile.WriteCSV(&buf, t.MoneyUnit, rows)
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	case "xlsx":
		err = progressfile.WriteXLSX(&buf, t.MoneyUnit, rows)
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	default:
		return errNotFound("不支持的模板格式：%s", format)
	}
	if err != nil {
		return err
	}
	name := fmt.Sprintf("%s-%d-运行监控.%s", t.Org, t.FiscalYear, format)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	_, err = w.Write(buf.Bytes())
	return err
}

type uploadView struct {
	tableMonitorView
	File     string
	Problems []string
}

// progressUpload reads a filled template and stores every project's
// report in one transaction, or none: any problem is listed with its row
// and nothing is saved.
func (s *Server) progressUpload(w http.ResponseWriter, r *http.Request) error {
	sum, t, u, err := s.filing(r, "监控记录")
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 17<<20)
	v := uploadView{tableMonitorView: tableMonitorView{Sum: sum, T: t, CanFile: true}}
	fail := func(problems ...string) error {
		v.Problems = problems
		return s.render(w, r, "monitor_upload", "上传运行监控："+t.Org, v, http.StatusUnprocessableEntity)
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return fail("请选择填好的模板文件（.xlsx 或 .csv）。")
	}
	defer f.Close()
	v.File = hdr.Filename
	rows, err := progressfile.Read(f, hdr.Filename)
	if pe, ok := progressfile.AsError(err); ok {
		return fail(pe.Problems...)
	} else if err != nil {
		return err
	}
	projects := map[string]*jixiao.Project{}
	for _, p := range t.Projects() {
		projects[p.Name] = p
	}
	byProject := map[string][]progressfile.Row{}
	var order []string
	var problems []string
	for _, row := range rows {
		p := projects[row.Project]
		if p == nil {
			problems = append(problems, row.Place+"：表中没有项目“"+row.Project+"”")
			continue
		}
		if row.Seq > len(p.Indicators) {
			problems = append(problems, fmt.Sprintf("%s：项目“%s”没有第 %d 个指标", row.Place, row.Project, row.Seq))
			continue
		}
		if _, seen := byProject[row.Project]; !seen {
			order = append(order, row.Project)
		}
		byProject[row.Project] = append(byProject[row.Project], row)
	}
	var saves []sqldb.ProgressSave
	for _, name := range order {
		p, prow := projects[name], byProject[name]
		first := prow[0]
		if untouched(prow) {
			continue // a project the unit did not report on this time
		}
		vals := url.Values{"as_of": {first.AsOf}, "budget": {first.Budget}, "executed": {first.Executed}}
		for _, row := range prow[1:] {
			if row.AsOf != first.AsOf || row.Budget != first.Budget || row.Executed != first.Executed {
				problems = append(problems, row.Place+"：同一项目各行的截止日期、全年预算数和执行数须相同（以第一行为准："+first.Place+"）")
			}
		}
		for _, row := range prow {
			k := strconv.Itoa(row.Seq)
			vals.Set("actual_"+k, row.Actual)
			vals.Set("forecast_"+k, row.Forecast)
			vals.Set("attainment_"+k, row.Attainment)
			vals.Set("reason_"+k, row.Reason)
			vals.Set("measure_"+k, row.Measure)
		}
		_, pp, errs := s.parseProgress(vals, t, p)
		for _, e := range errs {
			problems = append(problems, "项目“"+name+"”（"+first.Place+" 起）："+e.Message)
		}
		key := sqldb.ProjectKey{Org: t.Org, FiscalYear: t.FiscalYear, Project: name}
		base := 0
		if prev, err := s.db.LatestProgress(r.Context(), key); err == nil && prev.AsOf.Equal(pp.AsOf) {
			base = prev.Version
		}
		names := map[int]string{}
		for _, in := range p.Indicators {
			names[in.Seq] = in.Name
		}
		saves = append(saves, sqldb.ProgressSave{Key: key, Progress: pp, Names: names, Base: base})
	}
	if len(problems) > 0 {
		return fail(problems...)
	}
	if _, err := s.db.SaveProgressMany(r.Context(), saves, u.Login); err != nil {
		if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
			return fail(jixiao.ErrorMessage(err))
		}
		return err
	}
	return s.redirect(w, r, tableURL(sum.ID)+"/monitor", "saved")
}

// untouched reports whether a project's rows carry nothing typed.
func untouched(rows []progressfile.Row) bool {
	for _, r := range rows {
		if r.Executed != "" || r.Actual != "" || r.Forecast != "" || r.Attainment != "" || r.Reason != "" || r.Measure != "" {
			return false
		}
	}
	return true
}
