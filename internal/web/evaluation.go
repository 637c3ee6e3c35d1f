package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/internal/score"
	"jixiao/internal/sqldb"
)

// evalProject is one project's row of the 自评表.
type evalProject struct {
	Seq     int
	P       *jixiao.Project
	Entry   *sqldb.EvaluationEntry
	Result  score.ProjectResult
	Started bool
}

type evaluationView struct {
	Sum      jixiao.TableSummary
	T        *jixiao.Table
	Projects []evalProject
	CanFile  bool
}

// evaluations scores every project of t from its stored self-evaluation;
// a project without one is scored as all missing, which is what it is.
func (s *Server) evaluations(r *http.Request, t *jixiao.Table) ([]evalProject, error) {
	return s.evaluationsOf(r.Context(), t)
}

func (s *Server) evaluationsOf(ctx context.Context, t *jixiao.Table) ([]evalProject, error) {
	stored, err := s.db.Evaluations(ctx, t.Org, t.FiscalYear)
	if err != nil {
		return nil, err
	}
	var out []evalProject
	for i, p := range t.Projects() {
		ep := evalProject{Seq: i + 1, P: p}
		e := score.ProjectEvaluation{FiscalYear: t.FiscalYear}
		if got, ok := stored[p.Name]; ok {
			got.ProjectEvaluation = got.For(p) // made before an adjustment: follow the indicators
			ep.Entry, ep.Started, e = &got, true, got.ProjectEvaluation
		}
		ep.Result = score.Evaluate(e.Input(p, t.MoneyUnit), s.score)
		showGrades(&ep.Result, e)
		out = append(out, ep)
	}
	return out, nil
}

// showGrades puts a qualitative indicator's grade where the 自评表 shows
// its 实际完成值 when nothing was typed there: "部分达成 75%".
func showGrades(res *score.ProjectResult, e score.ProjectEvaluation) {
	bySeq := map[int]score.IndicatorEvaluation{}
	for _, ie := range e.Indicators {
		bySeq[ie.Seq] = ie
	}
	for i := range res.Indicators {
		r := &res.Indicators[i]
		ie := bySeq[r.Seq]
		if ie.Attainment == "" || strings.TrimSpace(r.Actual) != "" {
			continue
		}
		r.Actual = string(ie.Attainment)
		if ie.Share.IsSet() {
			r.Actual += " " + ie.Share.String() + "%"
		}
	}
}

func (s *Server) evaluationPage(w http.ResponseWriter, r *http.Request) error {
	sum, t, err := s.monitored(r)
	if err != nil {
		return err
	}
	ps, err := s.evaluations(r, t)
	if err != nil {
		return err
	}
	v := evaluationView{Sum: sum, T: t, Projects: ps, CanFile: jixiao.CanEdit(userOf(r))}
	return s.render(w, r, "evaluation", "绩效自评表："+t.Org+" "+strconv.Itoa(t.FiscalYear)+" 年", v)
}

// evaluationExport writes the 自评表 with every score and its formula, as
// CSV (UTF-8 with BOM, one row per indicator and per budget line) or JSON.
func (s *Server) evaluationExport(w http.ResponseWriter, r *http.Request) error {
	_, t, err := s.monitored(r)
	if err != nil {
		return err
	}
	ps, err := s.evaluations(r, t)
	if err != nil {
		return err
	}
	name := t.Org + "-" + strconv.Itoa(t.FiscalYear) + "-自评表"
	switch r.PathValue("format") {
	case "pdf":
		return s.evaluationPDF(w, t, ps)
	case "json":
		var results []score.ProjectResult
		for _, p := range ps {
			results = append(results, p.Result)
		}
		w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name+".json"))
		return writeJSON(w, http.StatusOK, map[string]any{"schema": "jixiao.evaluation/v1", "org": t.Org, "fiscal_year": t.FiscalYear, "projects": results})
	case "csv":
		var buf bytes.Buffer
		buf.WriteString("\uFEFF")
		cw := csv.NewWriter(&buf)
		cw.Write([]string{"项目名称", "序号", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "计算过程", "项目总分", "等级"})
		for _, p := range ps {
			for _, in := range p.Result.Indicators {
				cw.Write([]string{p.P.Name, strconv.Itoa(in.Seq), in.Name, in.Target, in.Actual, in.Weight.String(), fixed2(in.Score), in.Explanation.Text, "", ""})
			}
			b := p.Result.Budget
			rate := fixed2(b.Rate)
			if rate != "" {
				rate += "%"
			}
			cw.Write([]string{p.P.Name, "", "预算执行率", "", rate, b.Weight.String(), fixed2(b.Score), b.Explanation.Text, fixed2(p.Result.Total), p.Result.Grade})
		}
		cw.Flush()
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name+".csv"))
		_, err := w.Write(buf.Bytes())
		return err
	}
	return errNotFound("不支持的导出格式")
}

// evalForm is the self-evaluation form as typed.
type evalForm struct {
	Base         int
	Budget       string
	Executed     string
	Summary      string
	Problems     string
	Improvements string
	Items        []evalItemForm
	CarriedOver  bool // actuals were filled in from the last monitoring forecast
}

type evalItemForm struct {
	Seq         int
	Name        string
	Target      string
	Qualitative bool
	Actual      string
	Attainment  string
	Share       string
	Analysis    string
	Result      *score.IndicatorResult
}

type evalFormView struct {
	Sum     jixiao.TableSummary
	T       *jixiao.Table
	P       *jixiao.Project
	Seq     int
	Form    evalForm
	Errors  []fieldError
	Result  score.ProjectResult
	CanFile bool // reviewers see the form, read-only
}

func (s *Server) evalProjectPage(w http.ResponseWriter, r *http.Request) error {
	sum, t, err := s.monitored(r)
	if err != nil {
		return err
	}
	p, seq, err := projectAt(r, t)
	if err != nil {
		return err
	}
	stored, err := s.db.Evaluations(r.Context(), t.Org, t.FiscalYear)
	if err != nil {
		return err
	}
	f := evalForm{Budget: p.Funding.Total.Format(t.MoneyUnit)}
	byseq := map[int]score.IndicatorEvaluation{}
	if e, ok := stored[p.Name]; ok {
		e.ProjectEvaluation = e.For(p)
		f.Base, f.Summary, f.Problems, f.Improvements = e.Version, e.Summary, e.Problems, e.Improvements
		if e.Budget != nil {
			f.Budget = e.Budget.Format(t.MoneyUnit)
		}
		if e.Executed != nil {
			f.Executed = e.Executed.Format(t.MoneyUnit)
		}
		for _, it := range e.Indicators {
			byseq[it.Seq] = it
		}
	} else if prog, err := s.db.LatestProgress(r.Context(), sqldb.ProjectKey{Org: t.Org, FiscalYear: t.FiscalYear, Project: p.Name}); err == nil {
		// No evaluation yet: carry the last monitoring forecast over, for
		// the filer to confirm or correct.
		f.CarriedOver = true
		f.Executed = prog.Executed.Format(t.MoneyUnit)
		for _, it := range prog.For(p).Indicators {
			byseq[it.Seq] = score.IndicatorEvaluation{Seq: it.Seq, Actual: it.Forecast, Attainment: it.ForecastAttainment}
		}
	}
	for _, in := range p.Indicators {
		it := byseq[in.Seq]
		f.Items = append(f.Items, evalItemForm{Seq: in.Seq, Name: in.Name, Target: in.Annual.Text, Qualitative: in.Annual.Kind == jixiao.KindQualitative,
			Actual: it.Actual, Attainment: string(it.Attainment), Share: it.Share.String(), Analysis: it.DeviationAnalysis})
	}
	v := evalFormView{Sum: sum, T: t, P: p, Seq: seq, Form: f, CanFile: jixiao.CanEdit(userOf(r))}
	e, _ := s.evalOfForm(t, p, f)
	v.Result = s.scoreForm(t, p, e, &v.Form)
	return s.render(w, r, "evalform", "填报绩效自评："+p.Name, v)
}

// evalOfForm turns the form into a record and says what cannot be read.
func (s *Server) evalOfForm(t *jixiao.Table, p *jixiao.Project, f evalForm) (score.ProjectEvaluation, []fieldError) {
	var errs []fieldError
	e := score.ProjectEvaluation{FiscalYear: t.FiscalYear, Summary: f.Summary, Problems: f.Problems, Improvements: f.Improvements}
	money := func(field, label, v string) *jixiao.Fen {
		if v == "" {
			return nil
		}
		x, err := parseAmount(v, t.MoneyUnit)
		if err != nil || x < 0 {
			errs = append(errs, fieldError{field, label + amountRule(t.MoneyUnit) + "，现为“" + v + "”"})
			return nil
		}
		return &x
	}
	e.Budget = money("budget", "全年预算数", f.Budget)
	e.Executed = money("executed", "全年执行数", f.Executed)
	for _, it := range f.Items {
		k := strconv.Itoa(it.Seq)
		rec := score.IndicatorEvaluation{Seq: it.Seq, Actual: it.Actual, Attainment: score.Attainment(it.Attainment), DeviationAnalysis: it.Analysis}
		if it.Attainment != "" {
			if _, ok := score.ParseAttainmentName(it.Attainment); !ok {
				errs = append(errs, fieldError{"attainment_" + k, "第 " + k + " 个指标的达成程度只能是 达成、部分达成 或 未达成"})
			}
		}
		if it.Share != "" {
			d, err := jixiao.ParseDecimal(strings.TrimSuffix(it.Share, "%"))
			if err != nil || d.Rat().Sign() < 0 || d.Rat().Cmp(jixiao.MustDecimal("100").Rat()) > 0 {
				errs = append(errs, fieldError{"share_" + k, "第 " + k + " 个指标的得分比例须是 0 到 100 之间的数"})
			}
			rec.Share = d
		}
		e.Indicators = append(e.Indicators, rec)
	}
	return e, errs
}

// scoreForm scores the form as typed and attaches each indicator's result.
func (s *Server) scoreForm(t *jixiao.Table, p *jixiao.Project, e score.ProjectEvaluation, f *evalForm) score.ProjectResult {
	res := score.Evaluate(e.Input(p, t.MoneyUnit), s.score)
	for i := range f.Items {
		if i < len(res.Indicators) {
			f.Items[i].Result = &res.Indicators[i]
		}
	}
	return res
}

func (s *Server) saveEvaluation(w http.ResponseWriter, r *http.Request) error {
	sum, t, u, err := s.filing(r, "自评")
	if err != nil {
		return err
	}
	p, seq, err := projectAt(r, t)
	if err != nil {
		return err
	}
	r.ParseForm()
	pf := r.PostForm
	f := evalForm{Budget: strings.TrimSpace(pf.Get("budget")), Executed: strings.TrimSpace(pf.Get("executed")),
		Summary: strings.TrimSpace(pf.Get("summary")), Problems: strings.TrimSpace(pf.Get("problems")), Improvements: strings.TrimSpace(pf.Get("improvements"))}
	f.Base, _ = strconv.Atoi(pf.Get("base"))
	for _, in := range p.Indicators {
		k := strconv.Itoa(in.Seq)
		f.Items = append(f.Items, evalItemForm{Seq: in.Seq, Name: in.Name, Target: in.Annual.Text, Qualitative: in.Annual.Kind == jixiao.KindQualitative,
			Actual: strings.TrimSpace(pf.Get("actual_" + k)), Attainment: pf.Get("attainment_" + k),
			Share: strings.TrimSpace(pf.Get("share_" + k)), Analysis: strings.TrimSpace(pf.Get("analysis_" + k))})
	}
	e, errs := s.evalOfForm(t, p, f)
	v := evalFormView{Sum: sum, T: t, P: p, Seq: seq, Form: f, Errors: errs, CanFile: true}
	v.Result = s.scoreForm(t, p, e, &v.Form)
	for i, in := range v.Result.Indicators {
		k := strconv.Itoa(in.Seq)
		what := "第 " + k + " 个指标“" + in.Name + "”"
		switch {
		case noTarget(p.Indicators[i]):
			// scored 0 with the reason in the 自评表; nothing typed is wrong
		case in.Status == score.StatusInvalid && in.Kind == jixiao.KindQualitative && v.Form.Items[i].Attainment != "":
			// graded with the select and the share, not with the actual's text
			v.Errors = append(v.Errors, fieldError{"share_" + k, what + "：" + in.Reason})
		case in.Status == score.StatusInvalid:
			v.Errors = append(v.Errors, fieldError{"actual_" + k, what + "的实际完成值“" + in.Actual + "”：" + in.Reason})
		default:
			if msg := percentOutOfRange(p.Indicators[i], in.Actual, t.FiscalYear); msg != "" {
				v.Errors = append(v.Errors, fieldError{"actual_" + k, what + "的实际完成值“" + in.Actual + "”" + msg})
			}
		}
	}

	if len(v.Errors) > 0 {
		return s.render(w, r, "evalform", "填报绩效自评："+p.Name, v, http.StatusUnprocessableEntity)
	}
	names := map[int]string{}
	for _, in := range p.Indicators {
		names[in.Seq] = in.Name
	}
	_, err = s.db.SaveEvaluation(r.Context(), sqldb.ProjectKey{Org: t.Org, FiscalYear: t.FiscalYear, Project: p.Name}, e, names, f.Base, u.Login)
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		v.Errors = []fieldError{{"", jixiao.ErrorMessage(err)}}
		return s.render(w, r, "evalform", "填报绩效自评："+p.Name, v, http.StatusConflict)
	}
	if err != nil {
		return err
	}
	return s.redirect(w, r, tableURL(sum.ID)+"/evaluation#p"+strconv.Itoa(seq), "saved")
}
