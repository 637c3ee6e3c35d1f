package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// The API's documents: the OpenAPI 3.1 document as huma builds it from the
// registered operations, and a reference page of ours rendered from that
// document with the site's layout (huma's docs page loads its script from
// a CDN, which our CSP forbids and our users may not reach).

// docsView is the reference page.
type docsView struct {
	Title       string
	Version     string
	Intro       []string // paragraphs
	Groups      []docsGroup
	Problem     []schemaRow
	Codes       []docsCode
	Origin      string // scheme and host the examples call
	OpenAPIPath string
}

type docsGroup struct {
	Name, Description string
	Ops               []docsOp
}

type docsOp struct {
	ID, Method, Path, Summary, Description string
	Access, AccessLabel                    string
	Params                                 []docsParam
	Body                                   []docsContent
	BodyRequired                           bool
	Responses                              []docsResponse
	Errors                                 []docsError
}

type docsParam struct {
	Name, In, Type, Description, Default, Values string
	Required                                     bool
}

type docsContent struct {
	Type string
	Note string // for a body that is a file
	Rows []schemaRow
}

type docsResponse struct {
	Status, Description string
	Contents            []docsContent
}

type docsError struct {
	Status, Code, Text string
}

// schemaRow is one field of a schema, nested fields flattened under their
// parent with a dotted path.
type schemaRow struct {
	Name        string
	Depth       int
	Type        string
	Required    bool
	Description string
	Values      string // enum values
}

type docsCode struct {
	Code, Status, Meaning string
}

var accessLabels = map[string]string{
	"anyone":    "任何人（包括未登录的公众）",
	"member":    "登录用户",
	"editor":    "填报人、管理员",
	"reviewers": "审核人、管理员",
	"admins":    "管理员",
}

var methodOrder = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete}

// prepareDocs makes the OpenAPI document and the reference page once.
func (st *apiState) prepareDocs() error {
	st.once.Do(func() {
		oapi := st.api.OpenAPI()
		if st.doc, st.err = json.Marshal(oapi); st.err != nil {
			return
		}
		st.page = buildDocs(oapi)
	})
	return st.err
}

// openAPIDocument serves /api/openapi.json.
func (s *Server) openAPIDocument(w http.ResponseWriter, r *http.Request) error {
	if err := s.apiState.prepareDocs(); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, err := w.Write(s.apiState.doc)
	return err
}

// apiDocsPage serves /api/docs, the reference.
func (s *Server) apiDocsPage(w http.ResponseWriter, r *http.Request) error {
	if err := s.apiState.prepareDocs(); err != nil {
		return err
	}
	v := *s.apiState.page
	scheme := "http"
	if r.TLS != nil || s.secure {
		scheme = "https"
	}
	v.Origin = scheme + "://" + r.Host
	return s.render(w, r, "apidocs", "API 参考", &v)
}

func buildDocs(oapi *huma.OpenAPI) *docsView {
	reg := oapi.Components.Schemas
	v := &docsView{Title: oapi.Info.Title, Version: oapi.Info.Version, OpenAPIPath: "/api/openapi.json"}
	for _, p := range strings.Split(oapi.Info.Description, "\n\n") {
		v.Intro = append(v.Intro, strings.ReplaceAll(p, "\n", ""))
	}
	groups := map[string]*docsGroup{}
	for _, t := range oapi.Tags {
		v.Groups = append(v.Groups, docsGroup{Name: t.Name, Description: t.Description})
	}
	for i := range v.Groups {
		groups[v.Groups[i].Name] = &v.Groups[i]
	}
	paths := make([]string, 0, len(oapi.Paths))
	for p := range oapi.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, path := range paths {
		item := oapi.Paths[path]
		for _, m := range methodOrder {
			op := operationOf(item, m)
			if op == nil {
				continue
			}
			tag := "other"
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			g := groups[tag]
			if g == nil {
				v.Groups = append(v.Groups, docsGroup{Name: tag})
				g = &v.Groups[len(v.Groups)-1]
				groups = map[string]*docsGroup{} // the append may have moved them
				for i := range v.Groups {
					groups[v.Groups[i].Name] = &v.Groups[i]
				}
			}
			g.Ops = append(g.Ops, docsOperation(reg, m, path, op))
		}
	}
	v.Problem = schemaRows(reg, &huma.Schema{Ref: "#/components/schemas/Problem"})
	v.Codes = []docsCode{
		{"unauthorized", "401", "未登录，或令牌无效、已撤销"},
		{"forbidden", "403", "角色或所属单位无权进行此操作；浏览器的跨站请求"},
		{"not_found", "404", "不存在，或当前用户无权看到（未公开的表对公众而言不存在）"},
		{"conflict", "409", "与当前状态冲突：base_version 不是最新版本、表正在审核中、状态已被他人改变"},
		{"invalid", "400、405、413、415、422", "请求不合格：参数或请求体有误（errors 列出每一处）、方法不支持、请求体太大"},
		{"internal", "500", "内部错误；详情只记在服务器日志中"},
	}
	return v
}

func operationOf(item *huma.PathItem, method string) *huma.Operation {
	switch method {
	case http.MethodGet:
		return item.Get
	case http.MethodPost:
		return item.Post
	case http.MethodPut:
		return item.Put
	case http.MethodDelete:
		return item.Delete
	}
	return nil
}

func docsOperation(reg huma.Registry, method, path string, op *huma.Operation) docsOp {
	d := docsOp{ID: op.OperationID, Method: method, Path: path, Summary: op.Summary, Description: op.Description}
	if a, ok := op.Extensions["x-jixiao-access"].(string); ok {
		d.Access, d.AccessLabel = a, accessLabels[a]
	}
	for _, p := range op.Parameters {
		dp := docsParam{Name: p.Name, In: p.In, Description: p.Description, Required: p.Required}
		if p.Schema != nil {
			dp.Type = typeName(reg, p.Schema)
			dp.Values = enumText(p.Schema)
			if p.Schema.Default != nil {
				dp.Default = fmt.Sprint(p.Schema.Default)
			}
		}
		d.Params = append(d.Params, dp)
	}
	if op.RequestBody != nil {
		d.BodyRequired = op.RequestBody.Required
		d.Body = contents(reg, op.RequestBody.Content)
	}
	codes := make([]string, 0, len(op.Responses))
	for c := range op.Responses {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		resp := op.Responses[c]
		if c >= "400" {
			d.Errors = append(d.Errors, docsError{Status: c, Code: codeOfStatus(atoiOr(c)), Text: resp.Description})
			continue
		}
		d.Responses = append(d.Responses, docsResponse{Status: c, Description: resp.Description, Contents: contents(reg, resp.Content)})
	}
	return d
}

func atoiOr(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func contents(reg huma.Registry, m map[string]*huma.MediaType) []docsContent {
	types := make([]string, 0, len(m))
	for t := range m {
		types = append(types, t)
	}
	sort.Strings(types)
	var out []docsContent
	for _, t := range types {
		c := docsContent{Type: t}
		sc := m[t].Schema
		switch {
		case sc == nil:
		case sc.Type == "string" && sc.Ref == "":
			c.Note = sc.Description
			if sc.Format == "binary" || c.Note == "" {
				c.Note = "文件的内容，原样"
			}
		default:
			c.Rows = schemaRows(reg, sc)
		}
		out = append(out, c)
	}
	return out
}

// resolve follows a $ref to its schema, and says the name it refers to.
func resolve(reg huma.Registry, s *huma.Schema) (*huma.Schema, string) {
	if s != nil && s.Ref != "" {
		name := s.Ref[strings.LastIndex(s.Ref, "/")+1:]
		if r := reg.SchemaFromRef(s.Ref); r != nil {
			return r, name
		}
		return s, name
	}
	return s, ""
}

// typeName is a schema's type as the reference says it.
func typeName(reg huma.Registry, s *huma.Schema) string {
	r, name := resolve(reg, s)
	if r == nil {
		return "任意"
	}
	var t string
	switch {
	case r.Type == "array":
		t = "array<" + typeName(reg, r.Items) + ">"
	case r.Type == "object" && name != "":
		t = name
	case r.Type == "object" && r.AdditionalProperties != nil && r.Properties == nil:
		if ap, ok := r.AdditionalProperties.(*huma.Schema); ok {
			t = "map<string, " + typeName(reg, ap) + ">"
		} else {
			t = "object"
		}
	case r.Type == "":
		t = "任意"
	default:
		t = r.Type
		if r.Format != "" {
			t += " (" + r.Format + ")"
		}
	}
	if r.Nullable {
		t += " | null"
	}
	return t
}

func enumText(s *huma.Schema) string {
	if s == nil {
		return ""
	}
	if s.Items != nil && len(s.Enum) == 0 {
		s = s.Items
	}
	var vs []string
	for _, e := range s.Enum {
		vs = append(vs, fmt.Sprint(e))
	}
	return strings.Join(vs, "、")
}

// schemaRows flattens an object schema into rows, nested objects and
// arrays of objects under their field (funding.total, indicators[].name).
func schemaRows(reg huma.Registry, s *huma.Schema) []schemaRow {
	var rows []schemaRow
	var walk func(s *huma.Schema, prefix string, depth int, stack []string)
	walk = func(s *huma.Schema, prefix string, depth int, stack []string) {
		r, name := resolve(reg, s)
		if r == nil || depth > 6 || (name != "" && slices.Contains(stack, name)) {
			return
		}
		if name != "" {
			stack = append(stack, name)
		}
		for _, prop := range propertyOrder(reg, name, r) {
			ps := r.Properties[prop]
			row := schemaRow{Name: prefix + prop, Depth: depth, Type: typeName(reg, ps), Required: slices.Contains(r.Required, prop),
				Description: ps.Description, Values: enumText(ps)}
			pr, _ := resolve(reg, ps)
			if row.Description == "" && pr != nil {
				row.Description = pr.Description
			}
			rows = append(rows, row)
			switch {
			case pr == nil:
			case pr.Type == "object" && len(pr.Properties) > 0:
				walk(ps, prefix+prop+".", depth+1, stack)
			case pr.Type == "array" && pr.Items != nil:
				if ir, _ := resolve(reg, pr.Items); ir != nil && ir.Type == "object" && len(ir.Properties) > 0 {
					walk(pr.Items, prefix+prop+"[].", depth+1, stack)
				}
			}
		}
	}
	walk(s, "", 0, nil)
	return rows
}

// propertyOrder lists a schema's properties in the order of the Go
// type's fields, which is the order they are written in; the document
// itself keeps them in a map.
func propertyOrder(reg huma.Registry, name string, s *huma.Schema) []string {
	var names []string
	if name != "" {
		if t := reg.TypeFromRef("#/components/schemas/" + name); t != nil {
			for _, n := range jsonFieldNames(t) {
				if _, ok := s.Properties[n]; ok && !slices.Contains(names, n) {
					names = append(names, n)
				}
			}
		}
	}
	var rest []string
	for n := range s.Properties {
		if !slices.Contains(names, n) {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	return append(names, rest...)
}

func jsonFieldNames(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			names = append(names, jsonFieldNames(f.Type)...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		n, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if n == "-" {
			continue
		}
		if n == "" {
			n = f.Name
		}
		names = append(names, n)
	}
	return names
}
