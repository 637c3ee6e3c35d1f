package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"jixiao"
)

// apiVersion is the version of the API's contract, as the OpenAPI
// document states it; the paths carry its major number (/api/v1).
const apiVersion = "1.0.0"

// apiOp is one operation of the JSON API with who may call it; the
// authorisation test walks these beside routeTable.
type apiOp struct {
	Method string
	Path   string // Go 1.22 pattern path, e.g. /api/v1/tables/{id}
	Access access
}

// apiOperations lists every API operation with its access: the one place
// that says who may call what. mountAPI refuses to register an operation
// missing here, and a test checks that the OpenAPI document lists exactly
// these.
func (s *Server) apiOperations() []apiOp {
	return []apiOp{
		// Reading: what the pages show, to the same people.
		{"GET", "/api/v1/tables", anyone},
		{"GET", "/api/v1/tables/{id}", anyone},
		{"GET", "/api/v1/tables/{id}/versions", anyone},
		{"GET", "/api/v1/tables/{id}/findings", anyone},
		{"GET", "/api/v1/tables/{id}/projects/{seq}", anyone},
		{"GET", "/api/v1/tables/{id}/projects/{seq}/indicators", anyone},
		{"GET", "/api/v1/tables/{id}/export", anyone},
		{"GET", "/api/v1/search", anyone},

		// Filing: edit, review, import, workflow.
		{"PUT", "/api/v1/tables/{id}/projects/{seq}", editor},
		{"POST", "/api/v1/tables/{id}/projects/{seq}/review", editor},
		{"POST", "/api/v1/import", editor},
		{"POST", "/api/v1/tables/{id}/workflow", member},

		// The caller's account.
		{"GET", "/api/v1/me", member},
		{"GET", "/api/v1/tokens", member},
		{"POST", "/api/v1/tokens", member},
		{"DELETE", "/api/v1/tokens/{tid}", member},

		// Monitoring and self-evaluation (DESIGN §6), for those who manage the org.
		{"GET", "/api/v1/tables/{id}/monitor", member},
		{"GET", "/api/v1/tables/{id}/evaluation", member},
	}
}

// apiState is the mounted API: huma's, and the OpenAPI document and the
// reference page made from it once, on first request.
type apiState struct {
	api  huma.API
	once sync.Once
	doc  []byte // /api/openapi.json
	page *docsView
	err  error
}

// mountAPI registers the JSON API under /api/v1 on mux. huma serves no
// documents of its own: /api/openapi.json and /api/docs are routes of
// ours (routes.go), and every operation passes through the same session,
// token and cross-origin checks as the pages.
func (s *Server) mountAPI(mux *http.ServeMux) error {
	humaErrors.Do(func() {
		huma.NewError = newProblem
		huma.NewErrorWithContext = func(_ huma.Context, status int, msg string, errs ...error) huma.StatusError {
			return newProblem(status, msg, errs...)
		}
	})
	cfg := huma.DefaultConfig("jixiao 绩效目标 API", apiVersion)
	cfg.OpenAPIPath, cfg.DocsPath, cfg.SchemasPath = "", "", ""
	cfg.CreateHooks = nil // no $schema fields or Link headers pointing at schemas we do not serve
	cfg.Formats = map[string]huma.Format{"application/json": huma.DefaultJSONFormat, "json": huma.DefaultJSONFormat}
	cfg.Components.Schemas = huma.NewMapRegistry("#/components/schemas/", schemaName)
	cfg.Info.Description = apiDescription
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer":  {Type: "http", Scheme: "bearer", Description: "个人访问令牌（jxt_ 开头），在“我的账号”页（/account）或 POST /api/v1/tokens 创建。"},
		"session": {Type: "apiKey", In: "cookie", Name: sessionCookie, Description: "浏览器登录后的会话；跨站请求会被拒绝。"},
	}
	cfg.Tags = apiTags
	api := humago.New(mux, cfg)

	reg := &apiRegistrar{s: s, api: api, access: map[string]access{}, done: map[string]bool{}}
	for _, op := range s.apiOperations() {
		reg.access[op.Method+" "+op.Path] = op.Access
	}
	s.registerAPI(reg)
	s.registerMonitorAPI(reg)
	for key := range reg.access {
		if !reg.done[key] {
			reg.errs = append(reg.errs, fmt.Errorf("api: %s is listed in apiOperations but not registered", key))
		}
	}
	if err := errors.Join(reg.errs...); err != nil {
		return err
	}
	describeFields(api.OpenAPI().Components.Schemas)
	s.apiState = &apiState{api: api}
	mux.Handle("/api/", s.guard(anyone, apiFallback(mux)))
	return nil
}

// humaErrors replaces huma's error model with our problem type, once per
// process: huma keeps it in package variables.
var humaErrors sync.Once

// apiRegistrar registers operations with their access from apiOperations.
type apiRegistrar struct {
	s      *Server
	api    huma.API
	access map[string]access
	done   map[string]bool
	errs   []error
}

// register adds one operation: its access from apiOperations, declared in
// the document (x-jixiao-access, security) and checked before the request
// is read, so that an anonymous caller hears 401 and not what is wrong
// with a body it may not send anyway. The handler gets the caller and
// returns domain errors, which become problems here.
func register[I, O any](r *apiRegistrar, op huma.Operation, h func(ctx context.Context, u *jixiao.User, in *I) (*O, error)) {
	key := op.Method + " " + op.Path
	a, ok := r.access[key]
	if !ok {
		r.errs = append(r.errs, fmt.Errorf("api: %s is registered but not listed in apiOperations", key))
		return
	}
	r.done[key] = true
	if op.Extensions == nil {
		op.Extensions = map[string]any{}
	}
	op.Extensions["x-jixiao-access"] = a.String()
	if a != anyone {
		op.Security = []map[string][]string{{"bearer": {}}, {"session": {}}}
		op.Errors = append(op.Errors, http.StatusUnauthorized)
		if a != member {
			op.Errors = append(op.Errors, http.StatusForbidden)
		}
	}
	op.Errors = uniqueSorted(op.Errors)
	api := r.api
	op.Middlewares = append(op.Middlewares, func(ctx huma.Context, next func(huma.Context)) {
		if err := accessError(a, userFromContext(ctx.Context())); err != nil {
			status, _ := statusOf(err)
			_ = huma.WriteErr(api, ctx, status, userMessage(err))
			return
		}
		next(ctx)
	})
	s, id := r.s, op.OperationID
	huma.Register(r.api, op, func(ctx context.Context, in *I) (*O, error) {
		out, err := h(ctx, userFromContext(ctx), in)
		if err != nil {
			return nil, s.apiError(id, err)
		}
		return out, nil
	})
}

func uniqueSorted(codes []int) []int {
	sort.Ints(codes)
	out := codes[:0]
	for i, c := range codes {
		if i == 0 || c != codes[i-1] {
			out = append(out, c)
		}
	}
	return out
}

// problem is an RFC 9457 problem detail: every error of the API and of
// the pages' JSON answers, with the code of the one error type.
type problem struct {
	Type   string         `json:"type" doc:"总是 about:blank：错误的种类看 code"`
	Title  string         `json:"title" doc:"HTTP 状态的名称"`
	Status int            `json:"status" doc:"HTTP 状态码"`
	Detail string         `json:"detail" doc:"给人看的说明（中文）；从不包含内部错误的原文"`
	Code   string         `json:"code" enum:"invalid,not_found,conflict,forbidden,internal,unauthorized" doc:"错误代码，程序据此判断"`
	Errors []problemError `json:"errors,omitempty" doc:"请求中每一处具体的错误"`
}

// problemError is one mistake in a request.
type problemError struct {
	Location string `json:"location,omitempty" doc:"出错的位置，例如 body.funding.total、query.year"`
	Message  string `json:"message" doc:"说明"`
}

func (p *problem) Error() string  { return p.Detail }
func (p *problem) GetStatus() int { return p.Status }

// ContentType makes huma send problems as application/problem+json.
func (p *problem) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

// codeOfStatus is statusOf backwards, for the errors huma makes itself.
func codeOfStatus(status int) string {
	switch {
	case status == http.StatusUnauthorized:
		return "unauthorized"
	case status == http.StatusForbidden:
		return jixiao.EFORBIDDEN
	case status == http.StatusNotFound:
		return jixiao.ENOTFOUND
	case status == http.StatusConflict || status == http.StatusPreconditionFailed:
		return jixiao.ECONFLICT
	case status >= 400 && status < 500:
		return jixiao.EINVALID
	}
	return jixiao.EINTERNAL
}

// humaMessages says in Chinese what huma's own errors mean.
var humaMessages = map[int]string{
	http.StatusBadRequest:            "请求无法解析",
	http.StatusUnprocessableEntity:   "请求不合格",
	http.StatusRequestEntityTooLarge: "请求体太大",
	http.StatusUnsupportedMediaType:  "不支持这种 Content-Type：请求体须是 JSON（Content-Type: application/json）",
	http.StatusNotAcceptable:         "无法以 Accept 所要求的格式回答",
	http.StatusRequestTimeout:        "读取请求体超时",
}

// newProblem replaces huma.NewError: huma's validation and parsing errors
// become problems with our codes. Our own messages (Chinese, from the
// access check) are kept; huma's English ones are said in Chinese with the
// original in brackets. A server error shows none of its text.
func newProblem(status int, msg string, errs ...error) huma.StatusError {
	p := &problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: codeOfStatus(status), Detail: msg}
	if status >= 500 {
		slog.Error("api: internal error", "status", status, "msg", msg, "errs", errs)
		p.Detail = jixiao.ErrorMessage(errors.New(msg))
		return p
	}
	if isASCII(msg) {
		if zh, ok := humaMessages[status]; ok {
			p.Detail = zh
			if msg != "" && msg != "validation failed" {
				p.Detail += "（" + msg + "）"
			}
		}
	}
	for _, err := range errs {
		if err == nil {
			continue
		}
		var d huma.ErrorDetailer
		if errors.As(err, &d) {
			ed := d.ErrorDetail()
			p.Errors = append(p.Errors, problemError{Location: ed.Location, Message: ed.Message})
		} else {
			p.Errors = append(p.Errors, problemError{Message: err.Error()})
		}
	}
	if len(p.Errors) > 0 && status == http.StatusUnprocessableEntity {
		p.Detail += "：" + p.Errors[0].Location + " " + p.Errors[0].Message
		if len(p.Errors) > 1 {
			p.Detail += fmt.Sprintf("，另有 %d 处", len(p.Errors)-1)
		}
	}
	return p
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// apiError turns a handler's error into a problem, by statusOf like every
// error of the application; a server error is logged and not shown.
func (s *Server) apiError(op string, err error) error {
	var p *problem
	if errors.As(err, &p) {
		return p
	}
	status, code := statusOf(err)
	if status == http.StatusInternalServerError {
		s.log.Error("api request failed", "op", op, "err", err)
	}
	return &problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: userMessage(err), Code: code}
}

// fieldProblem is a 422 naming each wrong field.
func fieldProblem(detail string, errs []problemError) error {
	if len(errs) > 0 {
		detail += "：" + errs[0].Message
		if len(errs) > 1 {
			detail += fmt.Sprintf("，另有 %d 处", len(errs)-1)
		}
	}
	return &problem{Type: "about:blank", Title: http.StatusText(http.StatusUnprocessableEntity), Status: http.StatusUnprocessableEntity,
		Detail: detail, Code: jixiao.EINVALID, Errors: errs}
}

// apiFallback answers API paths that no operation serves: 405 with Allow
// when the path exists for other methods, else 404, as problems.
func apiFallback(mux *http.ServeMux) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
			if m == r.Method {
				continue
			}
			r2 := r.Clone(r.Context())
			r2.Method = m
			if _, pat := mux.Handler(r2); strings.HasPrefix(pat, m+" ") {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			return &webError{http.StatusMethodNotAllowed, jixiao.EINVALID, "此路径不支持 " + r.Method + "，可用：" + strings.Join(allow, "、")}
		}
		return errNotFound("API 中没有这个路径：%s", r.URL.Path)
	}
}

// schemaName names the document's schemas: our types without their "api"
// prefix, the table format's types after what they are.
func schemaName(t reflect.Type, hint string) string {
	n := huma.DefaultSchemaNamer(t, hint)
	if r, ok := schemaRenames[n]; ok {
		return r
	}
	return strings.TrimPrefix(n, "Api")
}

var schemaRenames = map[string]string{
	"TableJSON":     "TableDocument",
	"ProjectJSON":   "ProjectDocument",
	"IndicatorJSON": "IndicatorDocument",
	"TargetJSON":    "TargetValue",
	"FundingJSON":   "Funding",
	"CategoryJSON":  "Category",
	"UnitJSON":      "UnitSubtotal",
	"Problem":       "Problem",
}

// describeFields gives the fields of the table format, whose Go types
// carry no documentation, their Chinese meaning.
func describeFields(reg huma.Registry) {
	for name, sc := range reg.Map() {
		for prop, ps := range sc.Properties {
			if ps.Description != "" {
				continue
			}
			if d, ok := fieldDocs[name+"."+prop]; ok {
				ps.Description = d
			} else if d, ok := fieldDocs[prop]; ok {
				ps.Description = d
			}
		}
	}
}

var fieldDocs = map[string]string{
	"schema":                      "格式名，总是 jixiao.table/v1",
	"title":                       "表名",
	"org":                         "单位名称",
	"fiscal_year":                 "预算年度",
	"fiscal_year_source":          "预算年度从何而来：given（给定）或 inferred（推断）及依据",
	"money_unit":                  "金额单位：元、万元或亿元",
	"total":                       "总计，以 money_unit 为单位的十进制字符串",
	"TableDocument.funding":       "合计行的四列金额",
	"TableDocument.units":         "资金使用单位的小计行，按表中顺序",
	"TableDocument.version":       "版本号",
	"TableDocument.hash":          "内容哈希（数据的，不是文件的）",
	"TableDocument.projects":      "项目，按表中顺序",
	"UnitSubtotal.name":           "资金使用单位",
	"fiscal":                      "财政拨款",
	"special_account":             "财政专户拨款",
	"other":                       "其他资金",
	"ProjectDocument.name":        "项目名称",
	"ProjectDocument.org":         "资金使用单位",
	"ProjectDocument.funding":     "项目的四列金额",
	"goal":                        "绩效目标（实施周期）",
	"annual_goal":                 "年度绩效目标",
	"transfer_payment":            "是否转移支付项目",
	"indicators":                  "绩效指标，按序号",
	"seq":                         "序号，从 1 开始",
	"level1":                      "一级指标：代码和名称",
	"level2":                      "二级指标：代码和名称",
	"IndicatorDocument.name":      "三级指标名称",
	"unit":                        "计量单位",
	"IndicatorDocument.direction": "方向：positive 正向（越大越好）、negative 反向",
	"weight":                      "权重（分值），十进制字符串",
	"period":                      "实施周期指标值",
	"annual":                      "年度指标值",
	"Category.code":               "代码，例如 11",
	"Category.name":               "名称，例如 数量指标",
	"raw":                         "原文",
	"text":                        "规范化的文本（LaTeX 残留改为 ≥ ≤，空白合并，去掉句末的 。）",
	"kind":                        "种类：numeric 数值、deadline 时限、boolean 是否、qualitative 定性",
	"op":                          "比较符：>= <= > < = 或 range",
	"implicit_op":                 "比较符是否未写出（按 = 理解）",
	"value":                       "数值，十进制字符串",
	"max":                         "范围的上限",
	"qualifier":                   "限定语，例如 全年、新增",
	"date":                        "时限日期 YYYY-MM-DD",
	"bool":                        "是否值",
}

// apiTags are the groups of the reference, in its order.
var apiTags = []*huma.Tag{
	{Name: "tables", Description: "绩效目标表：列表、版本、审核意见、导出"},
	{Name: "projects", Description: "项目和绩效指标：读取、修改、试审"},
	{Name: "workflow", Description: "流程：报送、退回、审核通过、公开"},
	{Name: "import", Description: "导入绩效目标表"},
	{Name: "search", Description: "搜索"},
	{Name: "account", Description: "当前账号和个人访问令牌"},
}

const apiDescription = `jixiao 的 JSON API：读取、修改、审核和导入项目支出绩效目标。

公众可以读取已公开的表；登录用户（浏览器会话，或脚本用的个人访问令牌 Authorization: Bearer jxt_…）
看到的与网页相同：自己单位（审核人：所辖单位）的各个版本，其余单位已公开的版本。

金额是以表的金额单位（money_unit）为单位的十进制字符串，不用浮点数。错误都以 application/problem+json 返回，
其中 code 为 invalid、not_found、conflict、forbidden、internal 或 unauthorized。`
