package web

import (
	"context"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"jixiao"
	"jixiao/internal/score"
	"jixiao/internal/sqldb"
	"jixiao/internal/value"
)

// Monitoring (运行监控) and self-evaluation (绩效自评) pages, DESIGN §6.
// They concern approved and published targets and are for those who
// manage the org: the filers report, reviewers and admins watch.

// monitored loads the table version in the path for monitoring: visible,
// managed by the user, and approved or published.
func (s *Server) monitored(r *http.Request) (jixiao.TableSummary, *jixiao.Table, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return jixiao.TableSummary{}, nil, errNotFound("绩效目标表不存在")
	}
	return s.monitoredOf(r.Context(), userOf(r), id)
}

// filing is monitored for a save: the user must also be one who files
// (a filer or an admin); what names the record for the message.
func (s *Server) filing(r *http.Request, what string) (jixiao.TableSummary, *jixiao.Table, *jixiao.User, error) {
	sum, t, err := s.monitored(r)
	if err != nil {
		return sum, nil, nil, err
	}
	u := userOf(r)
	if !jixiao.CanEdit(u) {
		return sum, nil, nil, errForbidden("只有填报人和管理员能填报" + what)
	}
	return sum, t, u, nil
}

// monitoredOf is monitored for a context and user: the pages and the API.
func (s *Server) monitoredOf(ctx context.Context, u *jixiao.User, id int64) (jixiao.TableSummary, *jixiao.Table, error) {
	sum, t, err := s.visibleTableOf(ctx, u, id)
	if err != nil {
		return sum, nil, err
	}
	m, err := s.manages(ctx, u, sum.Org)
	if err != nil {
		return sum, nil, err
	}
	if !m {
		return sum, nil, errForbidden("只有本单位和主管部门的账号能查看和填报监控与自评")
	}
	if sum.Status != jixiao.StatusApproved && sum.Status != jixiao.StatusPublished {
		return sum, nil, errInvalid("这张表处于“%s”状态：批复或公开后才能填报运行监控和自评", sum.Status.Label())
	}
	return sum, t, nil
}

type projectLights struct {
	Seq      int
	P        *jixiao.Project
	Entry    *sqldb.ProgressEntry
	Lights   score.ProgressLights
	Worst    score.Color
	TableID  int64
	Org      string
	Counts   map[score.Color]int
	Attended bool // has a report
}

func worst(ls score.ProgressLights) score.Color {
	rank := map[score.Color]int{score.NoLight: 0, score.Green: 1, score.Yellow: 2, score.Red: 3}
	w := ls.Budget.Color
	for _, l := range ls.Indicators {
		if rank[l.Light.Color] > rank[w] {
			w = l.Light.Color
		}
	}
	return w
}

// aligned returns a copy of the report e with its items numbered as
// project p numbers its indicators: a report made before an adjustment of
// the targets follows its indicators by name (ProgressEntry.For).
func aligned(e *sqldb.ProgressEntry, p *jixiao.Project) *sqldb.ProgressEntry {
	c := *e
	c.ProjectProgress = e.For(p)
	return &c
}

func (s *Server) lightsOf(t *jixiao.Table, seq int, p *jixiao.Project, e *sqldb.ProgressEntry) projectLights {
	pl := projectLights{Seq: seq, P: p, Entry: e, TableID: t.ID, Org: t.Org, Counts: map[score.Color]int{}}
	if e == nil {
		return pl
	}
	pl.Attended = true
	e = aligned(e, p)
	pl.Entry = e
	pl.Lights = e.ProjectProgress.Lights(p, t.MoneyUnit, s.score)
	pl.Worst = worst(pl.Lights)
	pl.Counts[pl.Lights.Budget.Color]++
	for _, l := range pl.Lights.Indicators {
		pl.Counts[l.Light.Color]++
	}
	return pl
}

type tableMonitorView struct {
	Sum      jixiao.TableSummary
	T        *jixiao.Table
	Projects []projectLights
	CanFile  bool
}

// tableMonitor shows every project of a table with its latest report's
// lights.
func (s *Server) tableMonitor(w http.ResponseWriter, r *http.Request) error {
	sum, t, err := s.monitored(r)
	if err != nil {
		return err
	}
	entries, err := s.db.ProgressOfYear(r.Context(), t.FiscalYear, t.Org)
	if err != nil {
		return err
	}
	byName := map[string]*sqldb.ProgressEntry{}
	for i := range entries {
		byName[entries[i].Key.Project] = &entries[i]
	}
	v := tableMonitorView{Sum: sum, T: t, CanFile: jixiao.CanEdit(userOf(r))}
	for i, p := range t.Projects() {
		v.Projects = append(v.Projects, s.lightsOf(t, i+1, p, byName[p.Name]))
	}
	return s.render(w, r, "monitor_table", "运行监控："+t.Org+" "+strconv.Itoa(t.FiscalYear)+" 年", v)
}

type monitorItem struct {
	projectLights
	Indicator string
	Light     score.Light
	What      string // 预算执行 or the indicator
	// Deviation and Measure are what the report says of this item: an
	// indicator's 偏差原因 and 纠偏措施, the budget's 总体情况说明.
	Deviation, Measure string
}

type monitorView struct {
	Year   int
	Color  string
	Items  []monitorItem
	Counts map[string]int
}

// monitorOverview lists the red and yellow lights across all tables of a
// year the user manages (?color=red|yellow to narrow).
func (s *Server) monitorOverview(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	if year == 0 {
		var err error
		if year, err = s.monitoredYear(r.Context(), u); err != nil {
			return err
		}
	}
	v := monitorView{Year: year, Color: r.URL.Query().Get("color"), Counts: map[string]int{}}
	tables, err := s.monitoredTables(r.Context(), u, year)
	if err != nil {
		return err
	}
	entries, err := s.db.ProgressOfYear(r.Context(), year, "")
	if err != nil {
		return err
	}
	byKey := map[string]*sqldb.ProgressEntry{}
	for i := range entries {
		byKey[entries[i].Key.Org+"\x00"+entries[i].Key.Project] = &entries[i]
	}
	for _, sum := range tables {
		t, err := s.db.Table(r.Context(), sum.ID)
		if err != nil {
			return err
		}
		for i, p := range t.Projects() {
			e := byKey[t.Org+"\x00"+p.Name]
			if e == nil {
				continue
			}
			pl := s.lightsOf(t, i+1, p, e)
			add := func(it monitorItem) {
				v.Counts[string(it.Light.Color)]++
				if it.Light.Color != score.Red && it.Light.Color != score.Yellow {
					return
				}
				if v.Color != "" && string(it.Light.Color) != v.Color {
					return
				}
				it.projectLights = pl
				v.Items = append(v.Items, it)
			}
			add(monitorItem{What: "预算执行", Light: pl.Lights.Budget, Deviation: e.Note})
			for _, il := range pl.Lights.Indicators {
				it := monitorItem{What: "指标", Indicator: strconv.Itoa(il.Seq) + ". " + il.Name, Light: il.Light}
				for _, rec := range pl.Entry.Indicators {
					if rec.Seq == il.Seq {
						it.Deviation, it.Measure = rec.DeviationReason, rec.Measure
					}
				}
				add(it)
			}
		}
	}
	return s.render(w, r, "monitor", strconv.Itoa(year)+" 年运行监控预警", v)
}

// monitoredTables lists the table versions of year whose monitoring u
// follows: of every org u manages, the current version when it is
// approved or published, else — while an adjustment is drafted or
// reviewed — the newest published one, whose targets still hold.
func (s *Server) monitoredTables(ctx context.Context, u *jixiao.User, year int) ([]jixiao.TableSummary, error) {
	tables, err := s.visibleTables(ctx, u, year)
	if err != nil {
		return nil, err
	}
	published, err := s.db.Tables(ctx, jixiao.TableFilter{FiscalYear: year, Published: true})
	if err != nil {
		return nil, err
	}
	var out []jixiao.TableSummary
	for _, sum := range tables {
		if m, err := s.manages(ctx, u, sum.Org); err != nil {
			return nil, err
		} else if !m {
			continue
		}
		if sum.Status != jixiao.StatusApproved && sum.Status != jixiao.StatusPublished {
			i := slices.IndexFunc(published, func(p jixiao.TableSummary) bool { return p.Org == sum.Org && p.FiscalYear == sum.FiscalYear })
			if i < 0 {
				continue
			}
			sum = published[i]
		}
		out = append(out, sum)
	}
	return out, nil
}

// monitoredYear is the year /monitor shows unless asked: this year when
// u follows any table of it, else the newest year u does (the demo's
// years, last year's tables in January).
func (s *Server) monitoredYear(ctx context.Context, u *jixiao.User) (int, error) {
	this := s.now().In(chinaTime).Year()
	all, err := s.visibleTables(ctx, u, 0)
	if err != nil {
		return 0, err
	}
	newest := 0
	for _, sum := range all {
		if sum.Status != jixiao.StatusApproved && sum.Status != jixiao.StatusPublished {
			continue
		}
		if m, err := s.manages(ctx, u, sum.Org); err != nil {
			return 0, err
		} else if !m {
			continue
		}
		if sum.FiscalYear == this {
			return this, nil
		}
		newest = max(newest, sum.FiscalYear)
	}
	if newest == 0 {
		return this, nil
	}
	return newest, nil
}

// progressForm is the monitoring form as typed.
type progressForm struct {
	Base int
	// BaseAsOf is the date of the report version Base: a form whose date
	// is changed starts a report of the new date.
	BaseAsOf string
	AsOf     string
	Budget   string
	Executed string
	Note     string
	Items    []progressItemForm
}

type progressItemForm struct {
	Seq         int
	Name        string
	Target      string
	Qualitative bool
	Actual      string
	Forecast    string
	Attainment  string
	Reason      string
	Measure     string
	Light       *score.Light
}

type progressView struct {
	Sum     jixiao.TableSummary
	T       *jixiao.Table
	P       *jixiao.Project
	Seq     int
	Form    progressForm
	Errors  []fieldError
	Budget  *score.Light
	Saved   bool
	CanFile bool // reviewers see the form, read-only
}

func (s *Server) progressFormOf(t *jixiao.Table, p *jixiao.Project, e *sqldb.ProgressEntry) progressForm {
	f := progressForm{AsOf: s.defaultAsOf(t.FiscalYear), Budget: p.Funding.Total.Format(t.MoneyUnit)}
	byseq := map[int]score.IndicatorProgress{}
	if e != nil {
		f.Base, f.AsOf = e.Version, e.AsOf.Format("2006-01-02")
		f.BaseAsOf = f.AsOf
		f.Budget, f.Executed, f.Note = e.Budget.Format(t.MoneyUnit), e.Executed.Format(t.MoneyUnit), e.Note
		for _, it := range e.Indicators {
			byseq[it.Seq] = it
		}
	}
	for _, in := range p.Indicators {
		it := byseq[in.Seq]
		f.Items = append(f.Items, progressItemForm{Seq: in.Seq, Name: in.Name, Target: in.Annual.Text,
			Qualitative: in.Annual.Kind == jixiao.KindQualitative,
			Actual:      it.ActualToDate, Forecast: it.Forecast, Attainment: string(it.ForecastAttainment),
			Reason: it.DeviationReason, Measure: it.Measure})
	}
	return f
}

// defaultAsOf is the date a first report proposes: today within the
// fiscal year; its last day once the year is over, so that a late report
// (or one on last year's targets) is not refused for the date the form
// proposed; the end of its first month before it begins.
func (s *Server) defaultAsOf(year int) string {
	now := s.now().In(chinaTime)
	d := now.Format("2006-01-02")
	switch {
	case now.Year() > year:
		d = strconv.Itoa(year) + "-12-31"
	case now.Year() < year:
		d = strconv.Itoa(year) + "-01-31"
	}
	return d
}

func (s *Server) progressPage(w http.ResponseWriter, r *http.Request) error {
	sum, t, err := s.monitored(r)
	if err != nil {
		return err
	}
	p, seq, err := projectAt(r, t)
	if err != nil {
		return err
	}
	var e *sqldb.ProgressEntry
	if got, err := s.db.LatestProgress(r.Context(), sqldb.ProjectKey{Org: t.Org, FiscalYear: t.FiscalYear, Project: p.Name}); err == nil {
		e = aligned(&got, p)
	} else if jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
		return err
	}
	v := progressView{Sum: sum, T: t, P: p, Seq: seq, Form: s.progressFormOf(t, p, e), CanFile: jixiao.CanEdit(userOf(r))}
	s.judgeProgress(t, p, &v)
	return s.render(w, r, "progress", "填报运行监控："+p.Name, v)
}

// readProgress reads the posted form into a record, with a message for
// every field that cannot be read. Nothing typed is dropped: the form
// comes back as typed.
func (s *Server) readProgress(r *http.Request, t *jixiao.Table, p *jixiao.Project) (progressForm, score.ProjectProgress, []fieldError) {
	r.ParseForm()
	return s.parseProgress(r.PostForm, t, p)
}

// parseProgress reads one project's report from form values (a posted
// form, or a project's rows of an uploaded template).
func (s *Server) parseProgress(pf url.Values, t *jixiao.Table, p *jixiao.Project) (progressForm, score.ProjectProgress, []fieldError) {
	f := progressForm{AsOf: strings.TrimSpace(pf.Get("as_of")), Budget: strings.TrimSpace(pf.Get("budget")),
		Executed: strings.TrimSpace(pf.Get("executed")), Note: strings.TrimSpace(pf.Get("note"))}
	f.Base, _ = strconv.Atoi(pf.Get("base"))
	f.BaseAsOf = pf.Get("base_as_of")
	var errs []fieldError
	pp := score.ProjectProgress{FiscalYear: t.FiscalYear, Note: f.Note}
	d, err := time.Parse("2006-01-02", f.AsOf)
	if err != nil {
		errs = append(errs, fieldError{"as_of", "截止日期须是日期，例如 2024-06-30；现为“" + f.AsOf + "”"})
	} else if d.Year() != t.FiscalYear {
		errs = append(errs, fieldError{"as_of", "截止日期须在预算年度 " + strconv.Itoa(t.FiscalYear) + " 年内"})
	}
	pp.AsOf = d
	money := func(field, label, v string) jixiao.Fen {
		if v == "" {
			errs = append(errs, fieldError{field, label + "不能为空"})
			return 0
		}
		x, err := parseAmount(v, t.MoneyUnit)
		if err != nil || x < 0 {
			errs = append(errs, fieldError{field, label + amountRule(t.MoneyUnit) + "，现为“" + v + "”"})
		}
		return x
	}
	pp.Budget = money("budget", "全年预算数", f.Budget)
	pp.Executed = money("executed", "截至当期执行数", f.Executed)
	for i, in := range p.Indicators {
		k := strconv.Itoa(in.Seq)
		it := progressItemForm{Seq: in.Seq, Name: in.Name, Target: in.Annual.Text, Qualitative: in.Annual.Kind == jixiao.KindQualitative,
			Actual: strings.TrimSpace(pf.Get("actual_" + k)), Forecast: strings.TrimSpace(pf.Get("forecast_" + k)),
			Attainment: pf.Get("attainment_" + k), Reason: strings.TrimSpace(pf.Get("reason_" + k)), Measure: strings.TrimSpace(pf.Get("measure_" + k))}
		f.Items = append(f.Items, it)
		rec := score.IndicatorProgress{Seq: in.Seq, ActualToDate: it.Actual, Forecast: it.Forecast,
			ForecastAttainment: score.Attainment(it.Attainment), DeviationReason: it.Reason, Measure: it.Measure}
		if it.Attainment != "" {
			if _, ok := score.ParseAttainmentName(it.Attainment); !ok {
				errs = append(errs, fieldError{"attainment_" + k, "第 " + k + " 个指标的达成程度只能是 达成、部分达成 或 未达成"})
			}
		}
		// 截至当期实际完成值 of a numeric target must be comparable with it
		// too; for other targets it may say how far the work has got.
		if it.Actual != "" && in.Annual.Kind == jixiao.KindNumeric {
			r := score.ScoreIndicator(score.IndicatorInput{Indicator: in, Actual: it.Actual}, jixiao.Decimal{}, t.FiscalYear, s.score)
			if r.Status == score.StatusInvalid {
				errs = append(errs, fieldError{"actual_" + k, "第 " + k + " 个指标“" + in.Name + "”的截至当期实际完成值“" + it.Actual + "”：" + r.Reason})
			} else if msg := percentOutOfRange(in, it.Actual, t.FiscalYear); msg != "" {
				errs = append(errs, fieldError{"actual_" + k, "第 " + k + " 个指标“" + in.Name + "”的截至当期实际完成值“" + it.Actual + "”" + msg})
			}
		}
		l := score.IndicatorLight(score.IndicatorInput{Indicator: in, Actual: rec.Forecast, Attainment: rec.ForecastAttainment}, t.FiscalYear, s.score)
		switch {
		case noTarget(in):
			// nothing typed here can be compared with it, and nothing typed
			// is wrong: the light says why there is none
		case l.Explanation.Rule == "invalid":
			errs = append(errs, fieldError{"forecast_" + k, "第 " + k + " 个指标“" + in.Name + "”的全年预计值“" + it.Forecast + "”：" + l.Reason})
		default:
			if msg := percentOutOfRange(in, it.Forecast, t.FiscalYear); msg != "" {
				errs = append(errs, fieldError{"forecast_" + k, "第 " + k + " 个指标“" + in.Name + "”的全年预计值“" + it.Forecast + "”" + msg})
			}
		}
		if (l.Color == score.Red || l.Color == score.Yellow) && it.Reason == "" {
			errs = append(errs, fieldError{"reason_" + k, "第 " + k + " 个指标预计不能达到目标（" + l.Color.Chinese() + "），请填写偏差原因"})
		}
		_ = i
		pp.Indicators = append(pp.Indicators, rec)
	}
	return f, pp, errs
}

// judgeProgress attaches the lights of the form as typed to the view.
func (s *Server) judgeProgress(t *jixiao.Table, p *jixiao.Project, v *progressView) {
	pp, _ := s.progressOfForm(t, v.Form)
	ls := pp.Lights(p, t.MoneyUnit, s.score)
	if v.Form.Executed == "" {
		// an empty field is not an execution of 0: no red light before anything is typed
		ls.Budget = score.Light{Color: score.NoLight, Reason: "未填截至当期执行数"}
	}
	v.Budget = &ls.Budget
	for i := range v.Form.Items {
		if i < len(ls.Indicators) {
			l := ls.Indicators[i].Light
			v.Form.Items[i].Light = &l
		}
	}
}

func (s *Server) progressOfForm(t *jixiao.Table, f progressForm) (score.ProjectProgress, bool) {
	pp := score.ProjectProgress{FiscalYear: t.FiscalYear}
	d, err := time.Parse("2006-01-02", f.AsOf)
	ok := err == nil
	pp.AsOf = d
	b, err1 := parseAmount(f.Budget, t.MoneyUnit)
	e, err2 := parseAmount(f.Executed, t.MoneyUnit)
	pp.Budget, pp.Executed = b, e
	for _, it := range f.Items {
		pp.Indicators = append(pp.Indicators, score.IndicatorProgress{Seq: it.Seq, ActualToDate: it.Actual, Forecast: it.Forecast,
			ForecastAttainment: score.Attainment(it.Attainment), DeviationReason: it.Reason, Measure: it.Measure})
	}
	return pp, ok && err1 == nil && err2 == nil
}

func (s *Server) saveProgress(w http.ResponseWriter, r *http.Request) error {
	sum, t, u, err := s.filing(r, "监控记录")
	if err != nil {
		return err
	}
	p, seq, err := projectAt(r, t)
	if err != nil {
		return err
	}
	f, pp, errs := s.readProgress(r, t, p)
	v := progressView{Sum: sum, T: t, P: p, Seq: seq, Form: f, Errors: errs, CanFile: true}
	s.judgeProgress(t, p, &v)
	if len(errs) > 0 {
		return s.render(w, r, "progress", "填报运行监控："+p.Name, v, http.StatusUnprocessableEntity)
	}
	names := map[int]string{}
	for _, in := range p.Indicators {
		names[in.Seq] = in.Name
	}
	// The base is the version of the report of this date the form showed;
	// a report of a new date starts at 0. (Whether another date was
	// reported since does not matter: each date has its own versions.)
	base := 0
	if f.BaseAsOf == f.AsOf {
		base = f.Base
	}
	_, err = s.db.SaveProgress(r.Context(), sqldb.ProjectKey{Org: t.Org, FiscalYear: t.FiscalYear, Project: p.Name}, pp, names, base, u.Login)
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		v.Errors = []fieldError{{"", jixiao.ErrorMessage(err)}}
		return s.render(w, r, "progress", "填报运行监控："+p.Name, v, http.StatusConflict)
	}
	if err != nil {
		return err
	}
	return s.redirect(w, r, tableURL(sum.ID)+"/monitor", "saved")
}

// parseAmount reads a money field of the monitoring and evaluation forms:
// a number in the table's unit u, or a number with its own unit (元, 万元,
// 亿元), as a finance office writes it: "0.05亿元" in a 万元 table is 500.
func parseAmount(v string, u jixiao.MoneyUnit) (jixiao.Fen, error) {
	v = strings.TrimSpace(v)
	for _, mu := range []jixiao.MoneyUnit{jixiao.YiYuan, jixiao.WanYuan, jixiao.Yuan} { // 元 last: the others end in it
		if n, ok := strings.CutSuffix(v, string(mu)); ok {
			return jixiao.ParseMoney(n, mu)
		}
	}
	return jixiao.ParseMoney(v, u)
}

// amountRule says what parseAmount takes.
func amountRule(u jixiao.MoneyUnit) string {
	return "须是不小于 0 的金额，单位为" + string(u) + "（也可写明单位，如 0.05亿元）"
}

// noTarget reports an indicator without an annual target (年度指标值): a
// defect of the published table, which monitoring and self-evaluation
// cannot score but must not let block the rest of the project's report.
func noTarget(in *jixiao.Indicator) bool {
	return in.Annual.Kind == "" && strings.TrimSpace(in.Annual.Raw) == ""
}

// percentOutOfRange says what is wrong with v, typed for indicator in
// whose annual target is a percentage: a percentage lies in 0–100 % unless
// the target itself goes beyond (≥120%, a range below 0). The score
// package would judge 120 % against ≥95 % met and say nothing; for a rate
// (合格率, 满意度, 到位率) it is a typing error. "" when v is in range, is
// not a percentage, or is not a number at all (the score package says why
// then). A bare number takes the target's unit, ‰ counts a tenth.
func percentOutOfRange(in *jixiao.Indicator, v string, fiscalYear int) string {
	t := in.Annual
	if t.Kind != jixiao.KindNumeric {
		return ""
	}
	isPercent := func(u string) bool { return u == "%" || u == "％" || u == "百分比" }
	unit := t.Unit
	if unit == "" {
		unit = value.Normalize(in.Unit)
	}
	if !isPercent(unit) {
		return ""
	}
	a := value.Parse(v, value.Context{FiscalYear: fiscalYear, IndicatorName: in.Name})
	if a.Kind != jixiao.KindNumeric || a.Op == jixiao.OpRange || !a.Value.IsSet() {
		return ""
	}
	x := a.Value.Rat()
	switch {
	case a.Unit == "" || isPercent(a.Unit):
	case a.Unit == "‰":
		x.Quo(x, big.NewRat(10, 1))
	default:
		return ""
	}
	above := func(d jixiao.Decimal, n int64) bool { return d.IsSet() && d.Rat().Cmp(big.NewRat(n, 1)) > 0 }
	below := func(d jixiao.Decimal, n int64) bool { return d.IsSet() && d.Rat().Cmp(big.NewRat(n, 1)) < 0 }
	target := t.Text
	if target == "" {
		target = t.Raw
	}
	switch {
	case x.Cmp(big.NewRat(100, 1)) > 0 && !above(t.Value, 100) && !above(t.Max, 100):
		return "超过 100%：百分比应在 0–100% 之间（年度指标值“" + target + "”不超过 100%）"
	case x.Sign() < 0 && !below(t.Value, 0):
		return "小于 0：百分比应在 0–100% 之间"
	}
	return ""
}
