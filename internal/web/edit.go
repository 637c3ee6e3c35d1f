package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/internal/review"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
)

// projectForm is the edit form as typed: strings, so that a form with an
// error comes back exactly as the user left it.
type projectForm struct {
	BaseVersion int
	Name        string
	Org         string
	Goal        string
	AnnualGoal  string
	Total       string
	Fiscal      string
	Special     string
	Other       string
	Reason      string // 调整原因, for approved and published tables
	Indicators  []indicatorForm
	// TransferPayment sets the 转移支付 flag; nil keeps the project's own
	// (the edit page has no field for it).
	TransferPayment *bool
}

type indicatorForm struct {
	Category string // "1|产出指标|11|数量指标": level-1 and level-2 code and name as printed
	Name     string
	Unit     string
	Period   string
	Annual   string
	Weight   string
}

func (f indicatorForm) blank() bool {
	return f.Name == "" && f.Period == "" && f.Annual == "" && f.Unit == "" && f.Weight == ""
}

func categoryValue(l1, l2 jixiao.Category) string {
	return l1.Code + "|" + l1.Name + "|" + l2.Code + "|" + l2.Name
}

func formOf(t *jixiao.Table, p *jixiao.Project) projectForm {
	u := t.MoneyUnit
	f := projectForm{
		BaseVersion: t.Version, Name: p.Name, Org: p.Org, Goal: p.Goal, AnnualGoal: p.AnnualGoal,
		Total: p.Funding.Total.Format(u), Fiscal: p.Funding.Fiscal.Format(u),
		Special: p.Funding.SpecialAccount.Format(u), Other: p.Funding.Other.Format(u),
	}
	for _, in := range p.Indicators {
		f.Indicators = append(f.Indicators, indicatorForm{
			Category: categoryValue(in.Level1, in.Level2), Name: in.Name, Unit: in.Unit,
			Period: in.Period.Raw, Annual: in.Annual.Raw, Weight: in.Weight.String(),
		})
	}
	return f
}

// readForm reads the posted form; indicator fields come as parallel lists
// in the order the rows stand on the page.
func readForm(r *http.Request) (projectForm, error) {
	if err := r.ParseForm(); err != nil {
		return projectForm{}, errInvalid("表单无法读取：%v", err)
	}
	pf := r.PostForm
	f := projectForm{
		Name: strings.TrimSpace(pf.Get("name")), Org: strings.TrimSpace(pf.Get("org")),
		Goal: strings.TrimSpace(pf.Get("goal")), AnnualGoal: strings.TrimSpace(pf.Get("annual_goal")),
		Total: strings.TrimSpace(pf.Get("total")), Fiscal: strings.TrimSpace(pf.Get("fiscal")),
		Special: strings.TrimSpace(pf.Get("special")), Other: strings.TrimSpace(pf.Get("other")),
		Reason: strings.TrimSpace(pf.Get("reason")),
	}
	f.BaseVersion, _ = strconv.Atoi(pf.Get("base_version"))
	cats, names, units, periods, annuals, weights := pf["ind_category"], pf["ind_name"], pf["ind_unit"], pf["ind_period"], pf["ind_annual"], pf["ind_weight"]
	n := len(names)
	if len(cats) != n || len(units) != n || len(periods) != n || len(annuals) != n || len(weights) != n {
		return f, errInvalid("指标表单不完整：各列的行数不一致")
	}
	for i := range n {
		f.Indicators = append(f.Indicators, indicatorForm{
			Category: cats[i], Name: strings.TrimSpace(names[i]), Unit: strings.TrimSpace(units[i]),
			Period: strings.TrimSpace(periods[i]), Annual: strings.TrimSpace(annuals[i]), Weight: strings.TrimSpace(weights[i]),
		})
	}
	return f, nil
}

// fieldError is a mistake in one field of the form.
type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// apply builds the edited project from the form, or says what is wrong.
func (f projectForm) apply(u jixiao.MoneyUnit) (*jixiao.Project, []fieldError) {
	var errs []fieldError
	p := &jixiao.Project{Name: jixiao.FoldSpace(f.Name), Org: jixiao.FoldSpace(f.Org), Goal: f.Goal, AnnualGoal: f.AnnualGoal}
	if f.TransferPayment != nil {
		p.TransferPayment = *f.TransferPayment
	}
	if p.Name == "" {
		errs = append(errs, fieldError{"name", "项目名称不能为空"})
	}
	money := func(field, label, s string) jixiao.Fen {
		if s == "" {
			return 0
		}
		v, err := jixiao.ParseMoney(s, u)
		if err != nil {
			errs = append(errs, fieldError{field, label + "须是金额（" + string(u) + "），例如 12.50；现为“" + s + "”"})
		}
		return v
	}
	p.Funding = jixiao.Funding{
		Total:          money("total", "总计", f.Total),
		Fiscal:         money("fiscal", "财政拨款", f.Fiscal),
		SpecialAccount: money("special", "财政专户拨款", f.Special),
		Other:          money("other", "其他资金", f.Other),
	}
	seq := 0
	for i, in := range f.Indicators {
		if in.blank() {
			continue
		}
		seq++
		parts := strings.Split(in.Category, "|")
		if len(parts) != 4 || parts[2] == "" {
			errs = append(errs, fieldError{"ind_category." + strconv.Itoa(i), "第 " + strconv.Itoa(seq) + " 个指标须选择指标类别"})
			parts = []string{"", "", "", ""}
		}
		x := &jixiao.Indicator{
			Seq:    seq,
			Level1: jixiao.Category{Code: parts[0], Name: parts[1]},
			Level2: jixiao.Category{Code: parts[2], Name: parts[3]},
			Name:   jixiao.FoldSpace(in.Name), Unit: in.Unit,
			Period: jixiao.Target{Raw: in.Period}, Annual: jixiao.Target{Raw: in.Annual},
		}
		if in.Weight != "" {
			w, err := jixiao.ParseDecimal(in.Weight)
			if err != nil {
				errs = append(errs, fieldError{"ind_weight." + strconv.Itoa(i), "第 " + strconv.Itoa(seq) + " 个指标的权重须是数字"})
			}
			x.Weight = w
		}
		if x.Name == "" {
			errs = append(errs, fieldError{"ind_name." + strconv.Itoa(i), "第 " + strconv.Itoa(seq) + " 个指标缺少指标名称"})
		}
		p.Indicators = append(p.Indicators, x)
	}
	return p, errs
}

// withProject returns a copy of t with the project at seq replaced by p.
// Subtotals that added up before the edit are kept adding up: a filer who
// changes a project's money should not have to redo the 合计 by hand.
func withProject(t *jixiao.Table, seq int, p *jixiao.Project) *jixiao.Table {
	c := *t
	c.Units = make([]jixiao.Unit, len(t.Units))
	n := 0
	for i, u := range t.Units {
		c.Units[i] = u
		c.Units[i].Projects = append([]*jixiao.Project(nil), u.Projects...)
		before := sumFunding(u.Projects)
		for j := range u.Projects {
			n++
			if n == seq {
				c.Units[i].Projects[j] = p
			}
		}
		if before == u.Funding {
			c.Units[i].Funding = sumFunding(c.Units[i].Projects)
		}
	}
	var before, after jixiao.Funding
	for i := range t.Units {
		before = before.Add(t.Units[i].Funding)
		after = after.Add(c.Units[i].Funding)
	}
	if before == t.Total {
		c.Total = after
	}
	c.Review = nil
	return &c
}

func sumFunding(ps []*jixiao.Project) jixiao.Funding {
	var f jixiao.Funding
	for _, p := range ps {
		f = f.Add(p.Funding)
	}
	return f
}

// categoryOption is one entry of the category select.
type categoryOption struct {
	Value, Label string
}

func categoryOptions() []categoryOption {
	var opts []categoryOption
	for _, e := range jixiao.Catalogue {
		opts = append(opts, categoryOption{categoryValue(e.Level1, e.Level2), e.Level1.Name + " › " + e.Level2.Code + " " + e.Level2.Name})
	}
	return opts
}

type editView struct {
	Sum        jixiao.TableSummary
	T          *jixiao.Table
	Seq        int
	Form       projectForm
	Errors     []fieldError
	Findings   []jixiao.Finding
	Categories []categoryOption
	Adjustment bool // approved or published: a change is an 调整 with a reason
	Conflict   string
	Blank      indicatorForm
}

// editable loads the version being edited and checks the user may edit it.
func (s *Server) editable(r *http.Request) (jixiao.TableSummary, *jixiao.Table, *jixiao.Project, int, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return jixiao.TableSummary{}, nil, nil, 0, errNotFound("绩效目标表不存在")
	}
	seq, err := strconv.Atoi(r.PathValue("seq"))
	if err != nil {
		seq = -1 // not found, once the table is found
	}
	return s.editableOf(r.Context(), userOf(r), id, seq)
}

// editableOf loads version id and its project seq for u to edit: u sees
// the version (else not found), manages its org in a role that edits
// (else forbidden), and the version is not in review (else conflict).
func (s *Server) editableOf(ctx context.Context, u *jixiao.User, id int64, seq int) (jixiao.TableSummary, *jixiao.Table, *jixiao.Project, int, error) {
	sum, t, err := s.visibleTableOf(ctx, u, id)
	if err != nil {
		return sum, nil, nil, 0, err
	}
	m, err := s.manages(ctx, u, sum.Org)
	if err != nil {
		return sum, nil, nil, 0, err
	}
	if !m || !jixiao.CanEdit(u) {
		return sum, nil, nil, 0, errForbidden("您无权修改这张表")
	}
	if sum.Status == jixiao.StatusSubmitted {
		return sum, nil, nil, 0, jixiao.Errorf(jixiao.ECONFLICT, "这张表已报送，正在审核中，不能修改；如需修改请审核人退回")
	}
	p, seq, err := projectNo(t, seq)
	return sum, t, p, seq, err
}

func (s *Server) editPage(w http.ResponseWriter, r *http.Request) error {
	sum, t, p, seq, err := s.editable(r)
	if err != nil {
		return err
	}
	if !sum.Current {
		return s.redirectToCurrent(w, r, sum, "/projects/"+strconv.Itoa(seq)+"/edit")
	}
	v := editView{Sum: sum, T: t, Seq: seq, Form: formOf(t, p), Findings: editorFindings(t, p.Name)}
	return s.renderEdit(w, r, v, http.StatusOK)
}

// editorFindings are the stored findings the live panel starts with: the
// project's and the table's own, as liveReview answers once the user types.
func editorFindings(t *jixiao.Table, name string) []jixiao.Finding {
	var fs []jixiao.Finding
	if t.Review != nil {
		for _, f := range t.Review.Findings {
			if f.Project == name || f.Project == "" {
				fs = append(fs, f)
			}
		}
	}
	return fs
}

func (s *Server) renderEdit(w http.ResponseWriter, r *http.Request, v editView, status int) error {
	v.Categories = categoryOptions()
	v.Adjustment = v.Sum.Status == jixiao.StatusApproved || v.Sum.Status == jixiao.StatusPublished
	v.Blank = indicatorForm{Category: ""}
	return s.render(w, r, "edit", "修改项目："+v.Form.Name, v, status)
}

// redirectToCurrent sends an edit of an old version to the current one.
func (s *Server) redirectToCurrent(w http.ResponseWriter, r *http.Request, sum jixiao.TableSummary, suffix string) error {
	vs, err := s.db.Versions(r.Context(), sum.ID)
	if err != nil {
		return err
	}
	for _, x := range vs {
		if x.Current {
			return s.redirect(w, r, tableURL(x.ID)+suffix, "")
		}
	}
	return errNotFound("没有当前版本")
}

// reviewed runs the review on t and keeps the findings of the project
// named name and of the table as a whole.
func (s *Server) reviewed(t *jixiao.Table, name string) (*jixiao.Review, []jixiao.Finding) {
	table.ParseTargets(t)
	fs := review.Table(t, s.review)
	q, _ := review.Score(t, fs)
	rev := &jixiao.Review{Findings: fs, Score: q.Score, Grade: q.Grade}
	var mine []jixiao.Finding
	for _, f := range fs {
		if f.Project == name || f.Project == "" {
			mine = append(mine, f)
		}
	}
	return rev, mine
}

func (s *Server) saveProject(w http.ResponseWriter, r *http.Request) error {
	sum, t, old, seq, err := s.editable(r)
	if err != nil {
		return err
	}
	form, err := readForm(r)
	if err != nil {
		return err
	}
	v := editView{Sum: sum, T: t, Seq: seq, Form: form}
	// A form that comes back (mistakes, conflict) shows the review of what
	// was typed, as the live panel would, not an empty "no problems".
	typedFindings := func() []jixiao.Finding {
		p, _ := form.apply(t.MoneyUnit)
		_, fs := s.reviewed(withProject(t, seq, p), p.Name)
		return fs
	}
	res, _, errs, err := s.saveEdit(r.Context(), userOf(r), sum, t, old, seq, form, "web")
	if len(errs) > 0 {
		v.Errors, v.Findings = errs, typedFindings()
		return s.renderEdit(w, r, v, http.StatusUnprocessableEntity)
	}
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		v.Conflict, v.Findings = jixiao.ErrorMessage(err), typedFindings()
		return s.renderEdit(w, r, v, http.StatusConflict)
	}
	if err != nil {
		return err
	}
	flash := "saved"
	if res.Outcome == jixiao.ImportUnchanged {
		flash = "unchanged"
	}
	return s.redirect(w, r, tableURL(res.TableID)+"/projects/"+strconv.Itoa(seq), flash)
}

// saveEdit stores form as the new content of project seq of version t,
// which editableOf gave: a new draft version, or for an approved or
// published table an adjustment (调整) with its reason, which goes back to
// review. A mistake in the form comes back as field errors and nothing is
// stored; a version saved by someone else since form.BaseVersion is
// ECONFLICT. The edit page and the API both save through here; source
// names which (the new version's Source).
func (s *Server) saveEdit(ctx context.Context, u *jixiao.User, sum jixiao.TableSummary, t *jixiao.Table, old *jixiao.Project, seq int, form projectForm, source string) (jixiao.ImportResult, *jixiao.Table, []fieldError, error) {
	p, errs := form.apply(t.MoneyUnit)
	if form.TransferPayment == nil {
		p.TransferPayment = old.TransferPayment
	}
	keepDirections(p, old)
	adjust := sum.Status == jixiao.StatusApproved || sum.Status == jixiao.StatusPublished
	if adjust && form.Reason == "" {
		errs = append(errs, fieldError{"reason", "已批复的目标只能通过调整修改，请填写调整原因"})
	}
	if len(errs) > 0 {
		return jixiao.ImportResult{}, nil, errs, nil
	}
	// The edit is of version t: a form of another version would put its
	// project into t's other projects, silently undoing what changed
	// between the two.
	if form.BaseVersion != t.Version {
		return jixiao.ImportResult{}, nil, nil, jixiao.Errorf(jixiao.ECONFLICT,
			"保存冲突：您编辑的是第 %d 版，这里是第 %d 版。请打开最新版本，重新修改后再保存。", form.BaseVersion, t.Version)
	}
	nt := withProject(t, seq, p)
	nt.Review, _ = s.reviewed(nt, p.Name)
	nt.Source, nt.CreatedBy, nt.Grade, nt.Comment = source, u.Login, "", ""
	action := "project.edit"
	nt.Status, nt.Note = jixiao.StatusDraft, "修改项目："+p.Name
	if adjust {
		// An adjustment goes back to the reviewer; the published version
		// stays what the public sees until the new one is published.
		action, nt.Status, nt.Note = "project.adjust", jixiao.StatusSubmitted, "调整："+form.Reason
	}
	res, err := s.db.SaveVersion(ctx, nt, sqldb.SaveOptions{
		BaseVersion: form.BaseVersion,
		Audit: &jixiao.AuditEntry{Actor: u.Login, Action: action,
			Before: projectJSON(old), After: projectJSON(p)},
	})
	if err != nil {
		return res, nil, nil, err
	}
	return res, nt, nil, nil
}

func projectJSON(p *jixiao.Project) string {
	type ind struct {
		Seq                        int
		Level1, Level2, Name, Unit string
		Period, Annual, Weight     string
	}
	v := struct {
		Name, Org, Goal, AnnualGoal string
		Funding                     jixiao.Funding
		Indicators                  []ind
	}{Name: p.Name, Org: p.Org, Goal: p.Goal, AnnualGoal: p.AnnualGoal, Funding: p.Funding}
	for _, in := range p.Indicators {
		v.Indicators = append(v.Indicators, ind{in.Seq, in.Level1.Code + "-" + in.Level1.Name, in.Level2.Code + "-" + in.Level2.Name,
			in.Name, in.Unit, in.Period.Raw, in.Annual.Raw, in.Weight.String()})
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// previewEdit reviews form as project seq of t without saving: the
// project as read from the form, its mistakes, the review of the table
// with it, and the findings of that project and of the table as a whole.
func (s *Server) previewEdit(t *jixiao.Table, old *jixiao.Project, seq int, form projectForm) (*jixiao.Project, *jixiao.Table, []fieldError, []jixiao.Finding) {
	p, errs := form.apply(t.MoneyUnit)
	if form.TransferPayment == nil {
		p.TransferPayment = old.TransferPayment
	}
	nt := withProject(t, seq, p)
	var fs []jixiao.Finding
	nt.Review, fs = s.reviewed(nt, p.Name)
	return p, nt, errs, fs
}

// liveFinding is a finding as the edit page's script shows it.
type liveFinding struct {
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	Label      string `json:"label"`
	Indicator  int    `json:"indicator"`
	Field      string `json:"field"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
	TableLevel bool   `json:"table_level"`
}

// liveReview reviews the form as typed, without saving: the edit page
// calls it as the user types.
func (s *Server) liveReview(w http.ResponseWriter, r *http.Request) error {
	_, t, old, seq, err := s.editable(r)
	if err != nil {
		return err
	}
	form, err := readForm(r)
	if err != nil {
		return err
	}
	_, _, errs, fs := s.previewEdit(t, old, seq, form)
	out := struct {
		Errors   []fieldError   `json:"errors"`
		Findings []liveFinding  `json:"findings"`
		Counts   map[string]int `json:"counts"`
	}{Errors: errs, Findings: []liveFinding{}, Counts: map[string]int{}}
	if out.Errors == nil {
		out.Errors = []fieldError{}
	}
	for _, f := range fs {
		out.Findings = append(out.Findings, liveFinding{Rule: f.Rule, Severity: string(f.Severity), Label: review.SeverityName(f.Severity),
			Indicator: f.Indicator, Field: f.Field, Message: f.Message, Suggestion: f.Suggestion, TableLevel: f.Project == ""})
		out.Counts[string(f.Severity)]++
	}
	return writeJSON(w, http.StatusOK, out)
}

// keepDirections carries a hand-set direction (正向/反向) over to the
// indicator of the same name: the form does not offer it, and an edit must
// not lose it.
func keepDirections(p, old *jixiao.Project) {
	for _, in := range p.Indicators {
		if in.Direction != "" {
			continue
		}
		for _, o := range old.Indicators {
			if o.Name == in.Name {
				in.Direction = o.Direction
				break
			}
		}
	}
}
