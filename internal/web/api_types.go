package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"jixiao"
	"jixiao/internal/review"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
)

// The API's JSON shapes. Documentation is in the `doc` tags: it is what
// the reference page (/api/docs) shows.

// apiTable is one table version as listings show it.
type apiTable struct {
	ID          int64     `json:"id" doc:"版本编号：每个版本一个，用在 /api/v1/tables/{id}"`
	Title       string    `json:"title" doc:"表名"`
	Org         string    `json:"org" doc:"单位名称"`
	FiscalYear  int       `json:"fiscal_year" doc:"预算年度"`
	Version     int       `json:"version" doc:"同一单位同一年度内的版本号：1、2、…"`
	Current     bool      `json:"current" doc:"是否为该单位该年度的最新版本"`
	Status      string    `json:"status" enum:"draft,submitted,returned,approved,published" doc:"流程状态：draft 草稿、submitted 已报送、returned 已退回、approved 已批复、published 已公开"`
	StatusLabel string    `json:"status_label" doc:"流程状态的中文名"`
	Grade       string    `json:"grade,omitempty" doc:"审核人批复时给出的等级：优、良、中、差"`
	MoneyUnit   string    `json:"money_unit" doc:"金额单位：元、万元或亿元"`
	Total       string    `json:"total" doc:"合计（总计列），以 money_unit 为单位的十进制字符串"`
	Projects    int       `json:"projects" doc:"项目个数"`
	Indicators  int       `json:"indicators" doc:"绩效指标个数"`
	Review      apiReview `json:"review" doc:"自动审核的结果"`
	Source      string    `json:"source" doc:"来源：导入的文件名，或 web、api（在线修改）"`
	Hash        string    `json:"hash" doc:"内容哈希"`
	CreatedBy   string    `json:"created_by" doc:"谁生成了这个版本"`
	Note        string    `json:"note" doc:"说明：调整原因、修改了什么"`
	ImportedAt  time.Time `json:"imported_at" doc:"版本生成的时间"`
	URL         string    `json:"url" doc:"网页地址"`
}

// apiReview is the automatic review's verdict on a table or a project.
type apiReview struct {
	Reviewed bool    `json:"reviewed" doc:"是否已审核"`
	Score    float64 `json:"score" doc:"质量分 0–100"`
	Grade    string  `json:"grade,omitempty" doc:"建议等级：优、良、中、差"`
	Findings int     `json:"findings" doc:"审核意见条数"`
}

func tableOf(t jixiao.TableSummary) apiTable {
	st := t.Status
	if st == "" {
		st = jixiao.StatusPublished
	}
	return apiTable{
		ID: t.ID, Title: t.Title, Org: t.Org, FiscalYear: t.FiscalYear, Version: t.Version, Current: t.Current,
		Status: string(st), StatusLabel: st.Label(), Grade: t.Grade, MoneyUnit: string(t.MoneyUnit),
		Total: t.Total.Format(t.MoneyUnit), Projects: t.Projects, Indicators: t.Indicators,
		Review: apiReview{Reviewed: t.ReviewGrade != "", Score: t.ReviewScore, Grade: t.ReviewGrade, Findings: t.Findings},
		Source: t.Source, Hash: t.Hash, CreatedBy: t.CreatedBy, Note: t.Note, ImportedAt: t.ImportedAt, URL: tableURL(t.ID),
	}
}

func reviewOf(r *jixiao.Review) apiReview {
	if r == nil {
		return apiReview{}
	}
	return apiReview{Reviewed: true, Score: r.Score, Grade: r.Grade, Findings: len(r.Findings)}
}

// apiFinding is one review finding, with the field names of
// jixiao.findings/v1 (jixiao check --format json).
type apiFinding struct {
	Rule       string `json:"rule" doc:"规则编号"`
	Family     string `json:"family" enum:"arithmetic,completeness,consistency,measurability,hygiene" doc:"规则类别"`
	Severity   string `json:"severity" enum:"error,warning,info" doc:"级别：error 错误、warning 警告、info 提示"`
	Project    string `json:"project" doc:"项目名称；表级意见为空"`
	Indicator  *int   `json:"indicator" doc:"指标在项目中的序号；项目级或表级意见为 null"`
	Field      string `json:"field" doc:"字段，例如 level2、annual、goal、funding.total"`
	Message    string `json:"message" doc:"意见"`
	Suggestion string `json:"suggestion" doc:"修改建议"`
}

func findingsOf(fs []jixiao.Finding) []apiFinding {
	out := make([]apiFinding, 0, len(fs))
	for _, f := range fs {
		af := apiFinding{Rule: f.Rule, Family: string(f.Family), Severity: string(f.Severity), Project: f.Project,
			Field: f.Field, Message: f.Message, Suggestion: f.Suggestion}
		if f.Indicator > 0 {
			n := f.Indicator
			af.Indicator = &n
		}
		out = append(out, af)
	}
	return out
}

// tableDoc is a jixiao.table/v1 document exactly as table.WriteJSON (and
// so `jixiao export --format json`) writes it; its schema is derived from
// the writer's own types.
type tableDoc json.RawMessage

func (d tableDoc) MarshalJSON() ([]byte, error) { return rawOrNull(d), nil }

func (tableDoc) Schema(r huma.Registry) *huma.Schema {
	doc, _, _ := table.JSONShapes()
	return r.Schema(reflect.TypeOf(doc), true, "TableDocument")
}

// projectDoc is one project of a jixiao.table/v1 document.
type projectDoc json.RawMessage

func (d projectDoc) MarshalJSON() ([]byte, error) { return rawOrNull(d), nil }

func (projectDoc) Schema(r huma.Registry) *huma.Schema {
	_, p, _ := table.JSONShapes()
	return r.Schema(reflect.TypeOf(p), true, "ProjectDocument")
}

// indicatorDoc is one indicator of a jixiao.table/v1 document.
type indicatorDoc json.RawMessage

func (d indicatorDoc) MarshalJSON() ([]byte, error) { return rawOrNull(d), nil }

func (indicatorDoc) Schema(r huma.Registry) *huma.Schema {
	_, _, in := table.JSONShapes()
	return r.Schema(reflect.TypeOf(in), true, "IndicatorDocument")
}

func rawOrNull(b []byte) []byte {
	if len(b) == 0 {
		return []byte("null")
	}
	return b
}

// docOf writes t as jixiao.table/v1.
func docOf(t *jixiao.Table) (tableDoc, error) {
	var buf bytes.Buffer
	if err := table.WriteJSON(&buf, t); err != nil {
		return nil, err
	}
	return tableDoc(bytes.TrimSpace(buf.Bytes())), nil
}

// projectDocOf is project p of t as it stands in t's jixiao.table/v1
// document.
func projectDocOf(t *jixiao.Table, p *jixiao.Project) (projectDoc, error) {
	b, err := table.ProjectJSON(t, p)
	return projectDoc(b), err
}

// indicatorDocsOf is the indicators of a project document.
func indicatorDocsOf(d projectDoc) ([]indicatorDoc, error) {
	var inds struct {
		Indicators []json.RawMessage `json:"indicators"`
	}
	if err := json.Unmarshal(d, &inds); err != nil {
		return nil, fmt.Errorf("project document: %v", err)
	}
	list := make([]indicatorDoc, len(inds.Indicators))
	for i, x := range inds.Indicators {
		list[i] = indicatorDoc(x)
	}
	return list, nil
}

// apiCategoryRef is a level-1 or level-2 indicator category in an edit.
type apiCategoryRef struct {
	Code string `json:"code" doc:"代码，例如 1、11"`
	Name string `json:"name" doc:"名称，例如 产出指标、数量指标"`
}

// apiFundingEdit is the four money columns of an edited project.
type apiFundingEdit struct {
	Total          string `json:"total,omitempty" doc:"总计；以表的金额单位，例如 12.50；空为 0"`
	Fiscal         string `json:"fiscal,omitempty" doc:"财政拨款"`
	SpecialAccount string `json:"special_account,omitempty" doc:"财政专户拨款"`
	Other          string `json:"other,omitempty" doc:"其他资金"`
}

// apiTargetEdit is an indicator value in an edit: its text. The parsed
// fields a GET returns may be sent back; they are ignored and derived
// again from the text.
type apiTargetEdit struct {
	_    struct{} `additionalProperties:"true"`
	Raw  string   `json:"raw,omitempty" doc:"指标值原文，例如 ≥95%、2024年12月31日前"`
	Text string   `json:"text,omitempty" doc:"raw 为空时用它"`
}

func (t apiTargetEdit) value() string {
	if t.Raw != "" {
		return t.Raw
	}
	return t.Text
}

// apiIndicatorEdit is one indicator of an edited project.
type apiIndicatorEdit struct {
	_         struct{}       `additionalProperties:"true"`
	Seq       int            `json:"seq,omitempty" doc:"忽略：序号按数组顺序重新编排"`
	Level1    apiCategoryRef `json:"level1" doc:"一级指标"`
	Level2    apiCategoryRef `json:"level2" doc:"二级指标；代码不能为空"`
	Name      string         `json:"name" doc:"三级指标名称"`
	Unit      string         `json:"unit,omitempty" doc:"计量单位"`
	Direction string         `json:"direction,omitempty" doc:"忽略：方向由指标值推出"`
	Weight    string         `json:"weight,omitempty" doc:"权重（分值），十进制数"`
	Period    apiTargetEdit  `json:"period" doc:"实施周期指标值"`
	Annual    apiTargetEdit  `json:"annual" doc:"年度指标值"`
}

// ProjectContent is a project as a script sends it: the shape of the
// project a GET returns, so that a script can change what it read and
// send it back. It is exported only because huma documents the fields of
// an embedded struct only when its type is exported.
type ProjectContent struct {
	Name            string             `json:"name" minLength:"1" doc:"项目名称"`
	Org             string             `json:"org,omitempty" doc:"资金使用单位"`
	Goal            string             `json:"goal,omitempty" doc:"绩效目标（实施周期）"`
	AnnualGoal      string             `json:"annual_goal,omitempty" doc:"年度绩效目标"`
	TransferPayment *bool              `json:"transfer_payment,omitempty" doc:"是否转移支付项目；不给出时保持原样"`
	Funding         apiFundingEdit     `json:"funding" doc:"金额"`
	Indicators      []apiIndicatorEdit `json:"indicators" nullable:"false" doc:"全部绩效指标，按顺序；不在其中的指标被删除"`
}

// apiProjectEdit is the body of PUT …/projects/{seq}.
type apiProjectEdit struct {
	BaseVersion int    `json:"base_version" minimum:"1" doc:"所修改的版本号（GET 返回的 version）。此后若已有人保存了新版本，返回 409 conflict"`
	Reason      string `json:"reason,omitempty" doc:"调整原因：已批复或已公开的表只能通过调整修改，必须写明"`
	ProjectContent
}

// apiPreviewBody is the body of POST …/projects/{seq}/review: the same as
// an edit, of which base_version and reason are not needed.
type apiPreviewBody struct {
	BaseVersion int    `json:"base_version,omitempty" doc:"忽略"`
	Reason      string `json:"reason,omitempty" doc:"忽略"`
	ProjectContent
}

// form makes the edit page's form of c, so that the API saves exactly as
// the page does.
func (c ProjectContent) form(base int, reason string) projectForm {
	f := projectForm{
		BaseVersion: base, Name: c.Name, Org: c.Org, Goal: c.Goal, AnnualGoal: c.AnnualGoal, Reason: jixiao.FoldSpace(reason),
		Total: c.Funding.Total, Fiscal: c.Funding.Fiscal, Special: c.Funding.SpecialAccount, Other: c.Funding.Other,
		TransferPayment: c.TransferPayment,
	}
	for _, in := range c.Indicators {
		f.Indicators = append(f.Indicators, indicatorForm{
			Category: categoryValue(jixiao.Category(in.Level1), jixiao.Category(in.Level2)),
			Name:     in.Name, Unit: in.Unit, Period: in.Period.value(), Annual: in.Annual.value(), Weight: in.Weight,
		})
	}
	return f
}

// apiLocation says where in the API's body a field of the edit form is.
func apiLocation(field string) string {
	base, idx, _ := cutLast(field, ".")
	switch base {
	case "total", "fiscal", "other":
		return "body.funding." + base
	case "special":
		return "body.funding.special_account"
	case "ind_category":
		return "body.indicators[" + idx + "].level2"
	case "ind_name":
		return "body.indicators[" + idx + "].name"
	case "ind_weight":
		return "body.indicators[" + idx + "].weight"
	}
	return "body." + field
}

func cutLast(s, sep string) (string, string, bool) {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i:i+len(sep)] == sep {
			if _, err := strconv.Atoi(s[i+len(sep):]); err == nil {
				return s[:i], s[i+len(sep):], true
			}
			break
		}
	}
	return s, "", false
}

func fieldErrorsOf(errs []fieldError) []problemError {
	out := make([]problemError, 0, len(errs))
	for _, e := range errs {
		out = append(out, problemError{Location: apiLocation(e.Field), Message: e.Message})
	}
	return out
}

// apiHit is a project found by a search.
type apiHit struct {
	TableID    int64  `json:"table_id" doc:"版本编号"`
	Org        string `json:"org" doc:"单位名称"`
	FiscalYear int    `json:"fiscal_year" doc:"预算年度"`
	Version    int    `json:"version" doc:"版本号"`
	Status     string `json:"status" doc:"流程状态"`
	Current    bool   `json:"current" doc:"是否为最新版本"`
	Seq        int    `json:"seq" doc:"项目在表中的序号，用在 /api/v1/tables/{id}/projects/{seq}"`
	Project    string `json:"project" doc:"项目名称"`
	Goal       string `json:"goal" doc:"绩效目标"`
	Match      string `json:"match" doc:"匹配的是什么：项目名称、绩效目标或指标名称"`
	URL        string `json:"url" doc:"网页地址"`
}

func hitOf(h sqldb.SearchHit) apiHit {
	return apiHit{TableID: h.TableID, Org: h.Org, FiscalYear: h.FiscalYear, Version: h.Version, Status: string(h.Status),
		Current: h.Current, Seq: h.Seq, Project: h.Project, Goal: h.Goal, Match: h.Match,
		URL: tableURL(h.TableID) + "/projects/" + strconv.Itoa(h.Seq)}
}

// apiUser is an account as its owner sees it.
type apiUser struct {
	ID        int64     `json:"id" doc:"账号编号"`
	Login     string    `json:"login" doc:"登录名"`
	Name      string    `json:"name" doc:"姓名"`
	Role      string    `json:"role" enum:"admin,reviewer,filer" doc:"角色：admin 管理员、reviewer 审核人、filer 填报人"`
	RoleLabel string    `json:"role_label" doc:"角色的中文名"`
	OrgID     int64     `json:"org_id,omitempty" doc:"填报人：本单位；审核人：所辖单位的上级（0 为全部单位）"`
	Org       string    `json:"org,omitempty" doc:"单位名称"`
	CreatedAt time.Time `json:"created_at" doc:"创建时间"`
}

// apiToken is a personal access token's listing; its secret is shown
// only once, when it is made.
type apiToken struct {
	ID        int64     `json:"id" doc:"令牌编号，撤销时用"`
	Name      string    `json:"name" doc:"名称，例如用它的脚本名"`
	CreatedAt time.Time `json:"created_at" doc:"创建时间"`
	Token     string    `json:"token,omitempty" doc:"令牌本身（jxt_ 开头）：只在创建时返回这一次，请妥善保存"`
}

// qualityOf is the review's verdict on the project named name.
func qualityOf(t *jixiao.Table, name string) apiReview {
	if t.Review == nil {
		return apiReview{}
	}
	_, per := review.Score(t, t.Review.Findings)
	q, ok := per[name]
	if !ok {
		return apiReview{}
	}
	return apiReview{Reviewed: true, Score: q.Score, Grade: q.Grade, Findings: q.Errors + q.Warnings + q.Infos}
}
