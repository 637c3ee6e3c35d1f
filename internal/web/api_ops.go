package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"jixiao"
	"jixiao/internal/auth"
	"jixiao/internal/table"
)

// Inputs and outputs of the operations. Bodies have named types so that
// the document's schemas have readable names.
type (
	apiIDIn struct {
		ID int64 `path:"id" doc:"版本编号"`
	}
	apiProjectIn struct {
		ID  int64 `path:"id" doc:"版本编号"`
		Seq int   `path:"seq" doc:"项目在表中的序号，从 1 开始"`
	}
	apiBody[T any] struct {
		Body T
	}

	apiTableList struct {
		Tables []apiTable `nullable:"false" json:"tables" doc:"按年度（新的在前）和单位排列"`
	}
	apiTableDetail struct {
		Summary apiTable `json:"summary" doc:"版本的概况：状态、版本号、审核结果"`
		Actions []string `nullable:"false" json:"actions" doc:"当前用户现在可以对这个版本进行的流程操作：submit、return、approve、publish"`
		CanEdit bool     `json:"can_edit" doc:"当前用户现在能否修改这个版本的项目"`
		Table   tableDoc `json:"table" doc:"表的内容：jixiao.table/v1，与 jixiao export --format json 写出的相同"`
	}
	apiVersionList struct {
		Versions []apiTable `nullable:"false" json:"versions" doc:"当前用户可以看到的版本，旧的在前"`
	}
	apiFindingList struct {
		TableID  int64        `json:"table_id" doc:"版本编号"`
		Version  int          `json:"version" doc:"版本号"`
		Review   apiReview    `json:"review" doc:"全表的审核结果"`
		Findings []apiFinding `nullable:"false" json:"findings" doc:"审核意见，按审核顺序"`
	}
	apiProject struct {
		TableID  int64        `json:"table_id" doc:"版本编号"`
		Version  int          `json:"version" doc:"版本号：修改时作为 base_version 送回"`
		Status   string       `json:"status" doc:"表的流程状态"`
		Current  bool         `json:"current" doc:"是否为最新版本（只有最新版本能修改）"`
		CanEdit  bool         `json:"can_edit" doc:"当前用户现在能否修改这个项目"`
		Seq      int          `json:"seq" doc:"项目在表中的序号"`
		URL      string       `json:"url" doc:"网页地址"`
		Project  projectDoc   `json:"project" doc:"项目：jixiao.table/v1 中的一个项目"`
		Review   apiReview    `json:"review" doc:"这个项目的审核结果"`
		Findings []apiFinding `nullable:"false" json:"findings" doc:"这个项目的审核意见"`
	}
	apiIndicatorList struct {
		TableID    int64          `json:"table_id" doc:"版本编号"`
		Version    int            `json:"version" doc:"版本号"`
		Seq        int            `json:"seq" doc:"项目在表中的序号"`
		Project    string         `json:"project" doc:"项目名称"`
		Indicators []indicatorDoc `nullable:"false" json:"indicators" doc:"绩效指标，按序号"`
	}
	apiSaved struct {
		TableID  int64        `json:"table_id" doc:"保存后的版本编号（没有改动时为原版本的）"`
		Version  int          `json:"version" doc:"保存后的版本号"`
		Outcome  string       `json:"outcome" enum:"created,new_version,unchanged" doc:"new_version：生成了新版本；unchanged：内容没有变化，没有生成新版本"`
		Status   string       `json:"status" doc:"保存后的流程状态：修改为 draft，调整为 submitted（回到审核）"`
		URL      string       `json:"url" doc:"项目的网页地址"`
		Review   apiReview    `json:"review" doc:"这个项目的审核结果"`
		Findings []apiFinding `nullable:"false" json:"findings" doc:"这个项目和全表的审核意见"`
	}
	apiPreview struct {
		Errors   []problemError `nullable:"false" json:"errors" doc:"项目本身的错误（例如金额不是数字）；有错误时不能保存"`
		Review   apiReview      `json:"review" doc:"这个项目的审核结果"`
		Table    apiReview      `json:"table" doc:"改后全表的审核结果"`
		Counts   map[string]int `json:"counts" doc:"审核意见按级别计数：error、warning、info"`
		Findings []apiFinding   `nullable:"false" json:"findings" doc:"这个项目和全表的审核意见"`
	}
	apiStep struct {
		Action  string `json:"action" enum:"submit,return,approve,publish" doc:"操作：submit 报送审核（填报人）、return 退回修改（审核人，须写 comment）、approve 审核通过（审核人，须给 grade）、publish 公开"`
		Comment string `json:"comment,omitempty" maxLength:"2000" doc:"意见；退回时必填"`
		Grade   string `json:"grade,omitempty" enum:"优,良,中,差" doc:"等级；审核通过时必填"`
	}
	apiStepResult struct {
		TableID     int64  `json:"table_id" doc:"版本编号"`
		Status      string `json:"status" doc:"新的流程状态"`
		StatusLabel string `json:"status_label" doc:"新的流程状态的中文名"`
	}
	apiSearchResult struct {
		Q    string   `json:"q" doc:"搜索的文字"`
		Hits []apiHit `nullable:"false" json:"hits" doc:"匹配的项目：公开的版本，及当前用户所管单位的最新版本"`
	}
	apiTokenList struct {
		Tokens []apiToken `nullable:"false" json:"tokens" doc:"当前账号的个人访问令牌（不含令牌本身）"`
	}
	apiNewToken struct {
		Name string `json:"name" minLength:"1" maxLength:"100" doc:"名称，例如用它的脚本名"`
	}
)

type apiTablesIn struct {
	Year   int    `query:"year" minimum:"1949" maximum:"2200" doc:"预算年度；不给出时列出所有年度"`
	Org    string `query:"org" doc:"单位名称（全名）"`
	Status string `query:"status" enum:"draft,submitted,returned,approved,published" doc:"流程状态"`
}

type apiFindingsIn struct {
	ID       int64  `path:"id" doc:"版本编号"`
	Severity string `query:"severity" enum:"error,warning,info" doc:"只列出这一级别的意见"`
	Project  string `query:"project" doc:"只列出这个项目（名称）的意见"`
}

type apiExportIn struct {
	ID     int64  `path:"id" doc:"版本编号"`
	Format string `query:"format" enum:"json,csv,text" default:"json" doc:"格式：json（jixiao.table/v1）、csv（每行一个指标）、text（公开格式的文本）"`
}

type apiExportOut struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

type apiSearchIn struct {
	Q     string `query:"q" required:"true" minLength:"1" maxLength:"200" doc:"要找的文字：项目名称、绩效目标或指标名称的一部分"`
	Limit int    `query:"limit" minimum:"1" maximum:"1000" default:"200" doc:"最多返回多少个"`
}

type apiEditIn struct {
	ID   int64 `path:"id" doc:"版本编号：须是最新版本"`
	Seq  int   `path:"seq" doc:"项目在表中的序号"`
	Body apiProjectEdit
}

type apiPreviewIn struct {
	ID   int64 `path:"id" doc:"版本编号"`
	Seq  int   `path:"seq" doc:"项目在表中的序号"`
	Body apiPreviewBody
}

type apiWorkflowIn struct {
	ID   int64 `path:"id" doc:"版本编号：须是最新版本"`
	Body apiStep
}

type apiTokenIn struct {
	TID int64 `path:"tid" doc:"令牌编号"`
}

// registerAPI registers every operation; their access is in
// apiOperations.
func (s *Server) registerAPI(r *apiRegistrar) {
	s.registerReading(r)
	s.registerFiling(r)
	s.registerImport(r)
	s.registerAccount(r)
}

func (s *Server) registerReading(r *apiRegistrar) {
	register(r, huma.Operation{
		OperationID: "listTables", Method: http.MethodGet, Path: "/api/v1/tables", Tags: []string{"tables"},
		Summary:     "列出绩效目标表",
		Description: "列出当前用户可以看到的表：每个单位每个年度一个版本——所管单位的最新版本，其余单位最新的已公开版本。",
		Errors:      []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiTablesIn) (*apiBody[apiTableList], error) {
		list, err := s.visibleTables(ctx, u, in.Year)
		if err != nil {
			return nil, err
		}
		out := &apiBody[apiTableList]{Body: apiTableList{Tables: []apiTable{}}}
		for _, t := range list {
			st := t.Status
			if st == "" {
				st = jixiao.StatusPublished
			}
			if (in.Org == "" || t.Org == in.Org) && (in.Status == "" || string(st) == in.Status) {
				out.Body.Tables = append(out.Body.Tables, tableOf(t))
			}
		}
		return out, nil
	})

	register(r, huma.Operation{
		OperationID: "getTable", Method: http.MethodGet, Path: "/api/v1/tables/{id}", Tags: []string{"tables"},
		Summary:     "读取一张表",
		Description: "返回一个版本的概况（状态、版本号、审核结果）、当前用户可做的操作，以及表的全部内容（jixiao.table/v1）。看不到的版本返回 404。",
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiIDIn) (*apiBody[apiTableDetail], error) {
		sum, t, err := s.visibleTableOf(ctx, u, in.ID)
		if err != nil {
			return nil, err
		}
		doc, err := docOf(t)
		if err != nil {
			return nil, err
		}
		acts, canEdit, err := s.mayDo(ctx, u, sum)
		if err != nil {
			return nil, err
		}
		return &apiBody[apiTableDetail]{Body: apiTableDetail{Summary: tableOf(sum), Actions: acts, CanEdit: canEdit, Table: doc}}, nil
	})

	register(r, huma.Operation{
		OperationID: "listVersions", Method: http.MethodGet, Path: "/api/v1/tables/{id}/versions", Tags: []string{"tables"},
		Summary:     "列出一张表的版本",
		Description: "同一单位同一年度的各个版本中当前用户可以看到的：公众只看到已公开的版本。",
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiIDIn) (*apiBody[apiVersionList], error) {
		sum, err := s.visibleSummaryOf(ctx, u, in.ID)
		if err != nil {
			return nil, err
		}
		vs, err := s.visibleVersions(ctx, u, sum.ID)
		if err != nil {
			return nil, err
		}
		out := &apiBody[apiVersionList]{Body: apiVersionList{Versions: []apiTable{}}}
		for _, v := range vs {
			out.Body.Versions = append(out.Body.Versions, tableOf(v))
		}
		return out, nil
	})

	register(r, huma.Operation{
		OperationID: "listFindings", Method: http.MethodGet, Path: "/api/v1/tables/{id}/findings", Tags: []string{"tables"},
		Summary:     "列出一张表的审核意见",
		Description: "自动审核对这个版本的意见，字段与 jixiao check --format json（jixiao.findings/v1）相同。",
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiFindingsIn) (*apiBody[apiFindingList], error) {
		sum, t, err := s.visibleTableOf(ctx, u, in.ID)
		if err != nil {
			return nil, err
		}
		out := apiFindingList{TableID: sum.ID, Version: sum.Version, Review: reviewOf(t.Review), Findings: []apiFinding{}}
		if t.Review != nil {
			var fs []jixiao.Finding
			for _, f := range t.Review.Findings {
				if (in.Severity == "" || string(f.Severity) == in.Severity) && (in.Project == "" || f.Project == in.Project) {
					fs = append(fs, f)
				}
			}
			out.Findings = findingsOf(fs)
		}
		return &apiBody[apiFindingList]{Body: out}, nil
	})

	register(r, huma.Operation{
		OperationID: "getProject", Method: http.MethodGet, Path: "/api/v1/tables/{id}/projects/{seq}", Tags: []string{"projects"},
		Summary:     "读取一个项目",
		Description: "项目的内容（与 jixiao.table/v1 中的项目相同）、它的审核结果和意见。修改时把 project 改好，加上 base_version（即 version）送回 PUT。",
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiProjectIn) (*apiBody[apiProject], error) {
		sum, t, p, err := s.visibleProjectOf(ctx, u, in.ID, in.Seq)
		if err != nil {
			return nil, err
		}
		seq := in.Seq
		doc, err := projectDocOf(t, p)
		if err != nil {
			return nil, err
		}
		_, canEdit, err := s.mayDo(ctx, u, sum)
		if err != nil {
			return nil, err
		}
		st := sum.Status
		if st == "" {
			st = jixiao.StatusPublished
		}
		return &apiBody[apiProject]{Body: apiProject{
			TableID: sum.ID, Version: sum.Version, Status: string(st), Current: sum.Current, CanEdit: canEdit, Seq: seq,
			URL: tableURL(sum.ID) + "/projects/" + strconv.Itoa(seq), Project: doc,
			Review: qualityOf(t, p.Name), Findings: findingsOf(projectFindings(t, p.Name)),
		}}, nil
	})

	register(r, huma.Operation{
		OperationID: "listIndicators", Method: http.MethodGet, Path: "/api/v1/tables/{id}/projects/{seq}/indicators", Tags: []string{"projects"},
		Summary:     "列出一个项目的绩效指标",
		Description: "每个指标的类别、名称和指标值；指标值给出原文和解析结果（数值、时限、是否、定性）。",
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiProjectIn) (*apiBody[apiIndicatorList], error) {
		sum, t, p, err := s.visibleProjectOf(ctx, u, in.ID, in.Seq)
		if err != nil {
			return nil, err
		}
		seq := in.Seq
		doc, err := projectDocOf(t, p)
		if err != nil {
			return nil, err
		}
		inds, err := indicatorDocsOf(doc)
		if err != nil {
			return nil, err
		}
		return &apiBody[apiIndicatorList]{Body: apiIndicatorList{TableID: sum.ID, Version: sum.Version, Seq: seq, Project: p.Name, Indicators: inds}}, nil
	})

	exportOp := huma.Operation{
		OperationID: "exportTable", Method: http.MethodGet, Path: "/api/v1/tables/{id}/export", Tags: []string{"tables"},
		Summary:     "导出一张表",
		Description: "以文件下载的形式返回表：json 与 jixiao export --format json 相同，可再用 jixiao import 或 POST /api/v1/import 导入。",
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
		Responses: map[string]*huma.Response{"200": {
			Description: "表的文件",
			Content: map[string]*huma.MediaType{
				"application/json": {Schema: tableDoc{}.Schema(r.api.OpenAPI().Components.Schemas)},
				"text/csv":         {Schema: &huma.Schema{Type: "string", Description: "CSV，每行一个指标"}},
				"text/plain":       {Schema: &huma.Schema{Type: "string", Description: "公开格式的文本（制表符分隔）"}},
			},
		}},
	}
	register(r, exportOp, func(ctx context.Context, u *jixiao.User, in *apiExportIn) (*apiExportOut, error) {
		_, t, err := s.visibleTableOf(ctx, u, in.ID)
		if err != nil {
			return nil, err
		}
		data, ctype, name, err := exportData(t, in.Format)
		if err != nil {
			return nil, err
		}
		return &apiExportOut{ContentType: ctype, ContentDisposition: attachment(name), Body: data}, nil
	})

	register(r, huma.Operation{
		OperationID: "search", Method: http.MethodGet, Path: "/api/v1/search", Tags: []string{"search"},
		Summary:     "搜索项目",
		Description: "在项目名称、绩效目标和指标名称中查找。公众找到已公开的版本；登录用户另外找到所管单位的最新版本（不会两者都给）。",
		Errors:      []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiSearchIn) (*apiBody[apiSearchResult], error) {
		q := jixiao.FoldSpace(in.Q)
		hits, err := s.search(ctx, u, q, in.Limit)
		if err != nil {
			return nil, err
		}
		out := apiSearchResult{Q: q, Hits: []apiHit{}}
		for _, h := range hits {
			out.Hits = append(out.Hits, hitOf(h))
		}
		return &apiBody[apiSearchResult]{Body: out}, nil
	})
}

// mayDo says which workflow steps u may take on version sum now, and
// whether u may edit it, as the table page offers them.
func (s *Server) mayDo(ctx context.Context, u *jixiao.User, sum jixiao.TableSummary) ([]string, bool, error) {
	acts := []string{}
	m, err := s.manages(ctx, u, sum.Org)
	if err != nil || !m || !sum.Current {
		return acts, false, err
	}
	for _, a := range jixiao.Actions {
		if _, err := jixiao.Next(sum.Status, jixiao.Step{Action: a, Comment: "x", Grade: "优"}); err == nil && jixiao.CanAct(u, a) {
			acts = append(acts, string(a))
		}
	}
	return acts, jixiao.CanEdit(u) && sum.Status != jixiao.StatusSubmitted, nil
}

func (s *Server) registerFiling(r *apiRegistrar) {
	register(r, huma.Operation{
		OperationID: "updateProject", Method: http.MethodPut, Path: "/api/v1/tables/{id}/projects/{seq}", Tags: []string{"projects"},
		Summary: "修改一个项目",
		Description: "把项目及其全部绩效指标改为请求中的内容，保存为新版本（与网页上的修改相同）：草稿或已退回的表生成新的草稿版本；" +
			"已批复或已公开的表只能调整，须写明 reason，新版本回到审核（已报送），公开的版本在新版本公开前不变。" +
			"base_version 须是最新的版本号，否则返回 409，须重新读取后再改。已报送、正在审核的表不能修改（409）。",
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiEditIn) (*apiBody[apiSaved], error) {
		sum, t, old, seq, err := s.editableOf(ctx, u, in.ID, in.Seq)
		if err != nil {
			return nil, err
		}
		form := in.Body.form(in.Body.BaseVersion, in.Body.Reason)
		res, nt, errs, err := s.saveEdit(ctx, u, sum, t, old, seq, form, "api")
		if len(errs) > 0 {
			return nil, fieldProblem("项目内容不合格", fieldErrorsOf(errs))
		}
		if err != nil {
			return nil, err
		}
		now, err := s.db.Summary(ctx, res.TableID)
		if err != nil {
			return nil, err
		}
		name := jixiao.FoldSpace(form.Name)
		out := apiSaved{TableID: res.TableID, Version: res.Version, Outcome: string(res.Outcome), Status: string(now.Status),
			URL: tableURL(res.TableID) + "/projects/" + strconv.Itoa(seq), Review: qualityOf(nt, name)}
		var fs []jixiao.Finding
		for _, f := range nt.Review.Findings {
			if f.Project == name || f.Project == "" {
				fs = append(fs, f)
			}
		}
		out.Findings = findingsOf(fs)
		return &apiBody[apiSaved]{Body: out}, nil
	})

	register(r, huma.Operation{
		OperationID: "previewProject", Method: http.MethodPost, Path: "/api/v1/tables/{id}/projects/{seq}/review", Tags: []string{"projects"},
		Summary:     "试审一个项目（不保存）",
		Description: "按请求中的内容审核这个项目，返回项目本身的错误和审核意见，什么也不保存；请求体与修改（PUT）相同，与网页编辑页上边输入边显示的审核一样。",
		Errors:      []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiPreviewIn) (*apiBody[apiPreview], error) {
		_, t, old, seq, err := s.editableOf(ctx, u, in.ID, in.Seq)
		if err != nil {
			return nil, err
		}
		p, nt, errs, fs := s.previewEdit(t, old, seq, in.Body.form(0, ""))
		out := apiPreview{Errors: fieldErrorsOf(errs), Review: qualityOf(nt, p.Name), Table: reviewOf(nt.Review),
			Counts: map[string]int{"error": 0, "warning": 0, "info": 0}, Findings: findingsOf(fs)}
		for _, f := range fs {
			out.Counts[string(f.Severity)]++
		}
		return &apiBody[apiPreview]{Body: out}, nil
	})

	register(r, huma.Operation{
		OperationID: "takeStep", Method: http.MethodPost, Path: "/api/v1/tables/{id}/workflow", Tags: []string{"workflow"},
		Summary: "报送、退回、审核通过或公开",
		Description: "对最新版本进行一步流程操作：草稿或已退回的表可报送（填报人、管理员）；已报送的表可退回（须写意见）或审核通过（须给等级）" +
			"（审核人、管理员）；已批复的表可公开。只能操作所管单位的表。状态不允许这一步时返回 422，不是最新版本或已被他人改变时返回 409。",
		Errors: []int{http.StatusForbidden, http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiWorkflowIn) (*apiBody[apiStepResult], error) {
		sum, err := s.visibleSummaryOf(ctx, u, in.ID)
		if err != nil {
			return nil, err
		}
		to, err := s.act(ctx, u, sum, jixiao.Step{Action: jixiao.Action(in.Body.Action), Comment: in.Body.Comment, Grade: in.Body.Grade})
		if err != nil {
			return nil, err
		}
		return &apiBody[apiStepResult]{Body: apiStepResult{TableID: sum.ID, Status: string(to), StatusLabel: to.Label()}}, nil
	})
}

// apiImportIn is an upload: the file is the request body.
type apiImportIn struct {
	Year    int    `query:"year" minimum:"1949" maximum:"2200" doc:"预算年度；不给出时从表中推断（推断的依据见 read.fiscal_year_source）"`
	DryRun  bool   `query:"dry_run" doc:"为 true 时只读取和审核，返回读到的内容和审核意见，不保存"`
	Name    string `query:"name" maxLength:"200" doc:"文件名，记作新版本的来源；默认 api"`
	RawBody []byte `contentType:"text/plain"`
}

type apiImportOut struct {
	Status int
	Body   apiImported
}

// apiImported is what an import read, what the review says of it, and
// what was stored.
type apiImported struct {
	DryRun    bool         `json:"dry_run" doc:"是否只是试读"`
	MayImport bool         `json:"may_import" doc:"当前用户能否导入这个单位的表"`
	Reason    string       `json:"reason,omitempty" doc:"不能导入的原因"`
	Stored    *apiStored   `json:"stored,omitempty" doc:"保存的版本；试读时没有"`
	Read      apiRead      `json:"read" doc:"读到的表"`
	Review    apiReview    `json:"review" doc:"全表的审核结果"`
	Findings  []apiFinding `nullable:"false" json:"findings" doc:"审核意见"`
	Table     tableDoc     `json:"table,omitempty" doc:"试读时：读到的表（jixiao.table/v1）"`
}

type apiStored struct {
	TableID int64  `json:"table_id" doc:"版本编号"`
	Version int    `json:"version" doc:"版本号"`
	Outcome string `json:"outcome" enum:"created,new_version,unchanged" doc:"created：该单位该年度的第一个版本；new_version：新版本；unchanged：与已存的某个版本相同，没有保存"`
	Status  string `json:"status" doc:"流程状态：新导入的是草稿"`
	URL     string `json:"url" doc:"网页地址"`
}

type apiRead struct {
	Title            string   `json:"title" doc:"表名"`
	Org              string   `json:"org" doc:"单位名称"`
	FiscalYear       int      `json:"fiscal_year" doc:"预算年度"`
	FiscalYearSource string   `json:"fiscal_year_source" doc:"预算年度从何而来"`
	MoneyUnit        string   `json:"money_unit" doc:"金额单位"`
	Total            string   `json:"total" doc:"合计"`
	Units            int      `json:"units" doc:"资金使用单位个数"`
	Projects         int      `json:"projects" doc:"项目个数"`
	Indicators       int      `json:"indicators" doc:"指标个数"`
	Notes            []string `nullable:"false" json:"notes" doc:"读取时的说明，例如编码转换"`
}

func (s *Server) registerImport(r *apiRegistrar) {
	register(r, huma.Operation{
		OperationID: "importTable", Method: http.MethodPost, Path: "/api/v1/import", Tags: []string{"import"},
		Summary: "导入一张表",
		Description: "请求体是一个文件：公开格式的文本（TSV，UTF-8 或 GBK）或 jixiao.table/v1 JSON，与 jixiao import 读的相同，最大 32 MB。" +
			"dry_run=true 时只返回读到的内容和审核意见；否则保存为草稿版本（填报人只能导入本单位的表，管理员任何单位）。" +
			"该单位该年度的表正在审核或已批复时返回 409。",
		Errors:       []int{http.StatusForbidden, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity},
		MaxBodyBytes: maxUpload,
		// The file is read by table.Read, which says in Chinese and by
		// field what is wrong with it; the JSON schema above documents
		// the format, huma does not check the body against it.
		SkipValidateBody: true,
		RequestBody: &huma.RequestBody{
			Description: "表的文件",
			Required:    true,
			Content: map[string]*huma.MediaType{
				"application/json": {Schema: tableDoc{}.Schema(r.api.OpenAPI().Components.Schemas)},
			},
		},
		Responses: map[string]*huma.Response{"201": {Description: "已保存为新版本", Content: map[string]*huma.MediaType{
			"application/json": {Schema: r.api.OpenAPI().Components.Schemas.Schema(reflect.TypeOf(apiImported{}), true, "Imported")},
		}}},
	}, func(ctx context.Context, u *jixiao.User, in *apiImportIn) (*apiImportOut, error) {
		name := in.Name
		if name == "" {
			name = "api"
		}
		res, err := table.Read(bytes.NewReader(in.RawBody), table.ReadOptions{File: name, FiscalYear: in.Year})
		if err != nil {
			return nil, readProblem(err)
		}
		t := res.Table
		t.Review, _ = s.reviewed(t, "")
		out := apiImported{DryRun: in.DryRun, Review: reviewOf(t.Review), Findings: findingsOf(t.Review.Findings),
			Read: apiRead{Title: t.Title, Org: t.Org, FiscalYear: t.FiscalYear, FiscalYearSource: t.FiscalYearSource,
				MoneyUnit: string(t.MoneyUnit), Total: t.Total.Total.Format(t.MoneyUnit), Units: len(t.Units),
				Projects: len(t.Projects()), Indicators: t.IndicatorCount(), Notes: slices.Clip(append([]string{}, res.Notes...))}}
		out.MayImport, out.Reason = mayImportAs(u, t)
		if in.DryRun {
			if out.Table, err = docOf(t); err != nil {
				return nil, err
			}
			return &apiImportOut{Status: http.StatusOK, Body: out}, nil
		}
		stored, err := s.storeImport(ctx, u, t, name)
		if err != nil {
			return nil, err
		}
		sum, err := s.db.Summary(ctx, stored.TableID)
		if err != nil {
			return nil, err
		}
		out.Stored = &apiStored{TableID: stored.TableID, Version: stored.Version, Outcome: string(stored.Outcome),
			Status: string(sum.Status), URL: tableURL(stored.TableID)}
		status := http.StatusCreated
		if stored.Outcome == jixiao.ImportUnchanged {
			status = http.StatusOK
		}
		return &apiImportOut{Status: status, Body: out}, nil
	})
}

func (s *Server) registerAccount(r *apiRegistrar) {
	register(r, huma.Operation{
		OperationID: "me", Method: http.MethodGet, Path: "/api/v1/me", Tags: []string{"account"},
		Summary:     "当前账号",
		Description: "令牌或会话属于哪个账号、什么角色、哪个单位。脚本可以用它检查令牌是否有效。",
	}, func(ctx context.Context, u *jixiao.User, _ *struct{}) (*apiBody[apiUser], error) {
		return &apiBody[apiUser]{Body: apiUser{ID: u.ID, Login: u.Login, Name: u.Name, Role: string(u.Role), RoleLabel: u.Role.Label(),
			OrgID: u.OrgID, Org: u.OrgName, CreatedAt: u.CreatedAt}}, nil
	})

	register(r, huma.Operation{
		OperationID: "listTokens", Method: http.MethodGet, Path: "/api/v1/tokens", Tags: []string{"account"},
		Summary:     "列出个人访问令牌",
		Description: "当前账号的令牌：编号、名称、创建时间；令牌本身不保存，无法再次取得。",
	}, func(ctx context.Context, u *jixiao.User, _ *struct{}) (*apiBody[apiTokenList], error) {
		toks, err := s.db.Tokens(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		out := apiTokenList{Tokens: []apiToken{}}
		for _, t := range toks {
			out.Tokens = append(out.Tokens, apiToken{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt})
		}
		return &apiBody[apiTokenList]{Body: out}, nil
	})

	register(r, huma.Operation{
		OperationID: "createToken", Method: http.MethodPost, Path: "/api/v1/tokens", Tags: []string{"account"},
		Summary:       "创建个人访问令牌",
		Description:   "为当前账号创建一个令牌，返回令牌本身（只此一次）。脚本在请求头中给出 Authorization: Bearer <令牌>，权限与账号相同。",
		DefaultStatus: http.StatusCreated,
		Errors:        []int{http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiBody[apiNewToken]) (*apiBody[apiToken], error) {
		name := jixiao.FoldSpace(in.Body.Name)
		if name == "" {
			return nil, errInvalid("请给令牌起个名字，例如用它的脚本名")
		}
		secret := auth.NewSecret("jxt_")
		t, err := s.db.CreateToken(ctx, u.ID, name, auth.HashSecret(secret), u.Login)
		if err != nil {
			return nil, err
		}
		return &apiBody[apiToken]{Body: apiToken{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, Token: secret}}, nil
	})

	register(r, huma.Operation{
		OperationID: "deleteToken", Method: http.MethodDelete, Path: "/api/v1/tokens/{tid}", Tags: []string{"account"},
		Summary:     "撤销个人访问令牌",
		Description: "撤销后，用这个令牌的请求返回 401。只能撤销自己的令牌。",
		Errors:      []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, func(ctx context.Context, u *jixiao.User, in *apiTokenIn) (*struct{}, error) {
		if err := s.db.DeleteToken(ctx, u.ID, in.TID, u.Login); err != nil {
			return nil, err
		}
		return nil, nil
	})
}

// readProblem says where a file could not be read: the reader's message,
// and its place (line, field) as the problem's location.
func readProblem(err error) error {
	var pe *table.ParseError
	if jixiao.ErrorCode(err) != jixiao.EINVALID || !errors.As(err, &pe) {
		return err
	}
	loc := "body"
	if pe.Line > 0 {
		loc += ":" + strconv.Itoa(pe.Line)
	}
	if pe.Field != "" {
		loc += " " + pe.Field
	}
	msg := "应为" + pe.Expected
	if pe.Got != "" {
		msg += "，实际为 “" + pe.Got + "”"
	}
	return &problem{Type: "about:blank", Title: http.StatusText(http.StatusUnprocessableEntity), Status: http.StatusUnprocessableEntity,
		Detail: "无法读取文件：" + jixiao.ErrorMessage(err), Code: jixiao.EINVALID, Errors: []problemError{{Location: loc, Message: msg}}}
}
