package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/auth"
	"jixiao/internal/gen"
	"jixiao/internal/review"
	"jixiao/internal/sqldb"
	"jixiao/internal/table"
)

// apiEnv is a server on a fresh SQLite database with two orgs, a user of
// each role with a token, and tables in several statuses:
//
//	pubA   甲单位 2024 published    draftA 甲单位 2025 draft
//	pubB   乙单位 2024 published    draftB 乙单位 2025 draft
type apiEnv struct {
	t      *testing.T
	db     *sqldb.DB
	srv    *Server
	tokens map[string]string // "admin", "reviewer", "filerA", "filerB" → bearer secret
	users  map[string]*jixiao.User

	pubA, draftA, pubB, draftB int64
}

const (
	apiOrgA = "甲单位"
	apiOrgB = "乙单位"
)

// apiCheapHash hashes test passwords quickly; the hash records its
// parameters, so VerifyPassword checks it just as cheaply.
func apiCheapHash(t *testing.T, pw string) string {
	t.Helper()
	h, err := auth.HashPassword(pw, auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func newAPIEnv(t *testing.T) *apiEnv {
	t.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &apiEnv{t: t, db: db, tokens: map[string]string{}, users: map[string]*jixiao.User{}}
	orgA, err := db.EnsureOrg(ctx, apiOrgA, 0, "test")
	if err != nil {
		t.Fatal(err)
	}
	orgB, err := db.EnsureOrg(ctx, apiOrgB, 0, "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, nu := range []sqldb.NewUser{
		{Login: "admin", Role: jixiao.RoleAdmin},
		{Login: "reviewer", Role: jixiao.RoleReviewer},
		{Login: "filerA", Role: jixiao.RoleFiler, OrgID: orgA},
		{Login: "filerB", Role: jixiao.RoleFiler, OrgID: orgB},
	} {
		nu.PasswordHash = apiCheapHash(t, "pw-"+nu.Login+"-1234")
		u, err := db.CreateUser(ctx, nu, "test")
		if err != nil {
			t.Fatal(err)
		}
		secret := auth.NewSecret("jxt_")
		if _, err := db.CreateToken(ctx, u.ID, "test", auth.HashSecret(secret), "test"); err != nil {
			t.Fatal(err)
		}
		e.tokens[nu.Login], e.users[nu.Login] = secret, u
	}
	e.pubA = e.store(genAPITable(apiOrgA, 2024, 0), jixiao.StatusPublished)
	e.draftA = e.store(genAPITable(apiOrgA, 2025, 1), jixiao.StatusDraft)
	e.pubB = e.store(genAPITable(apiOrgB, 2024, 2), jixiao.StatusPublished)
	e.draftB = e.store(genAPITable(apiOrgB, 2025, 3), jixiao.StatusDraft)
	e.srv, err = New(Config{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Review: review.DefaultOptions()})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// genAPITable is a generated table of org and year, its targets parsed as an
// import parses them.
func genAPITable(org string, year, i int) *jixiao.Table {
	opts := gen.DefaultOptions(int64(year))
	opts.FiscalYear = year
	t := gen.Table(opts, i)
	t.Org = org
	table.ParseTargets(t)
	return t
}

func (e *apiEnv) store(t *jixiao.Table, st jixiao.Status) int64 {
	e.t.Helper()
	fs := review.Table(t, review.DefaultOptions())
	q, _ := review.Score(t, fs)
	t.Review = &jixiao.Review{Findings: fs, Score: q.Score, Grade: q.Grade}
	t.Status, t.CreatedBy = st, "test"
	res, err := e.db.SaveVersion(context.Background(), t, sqldb.SaveOptions{Actor: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	return res.TableID
}

// call makes a request as who ("" for the public): body is sent as is
// when it is []byte or string, else as JSON. Headers come in pairs.
func (e *apiEnv) call(method, path, who string, body any, headers ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	var r io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	case string:
		r = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		r, ctype = bytes.NewReader(data), "application/json"
	}
	req := httptest.NewRequest(method, path, r)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[who])
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, req)
	return w
}

// ok checks the status and decodes the JSON answer into v.
func (e *apiEnv) ok(w *httptest.ResponseRecorder, status int, v any) {
	e.t.Helper()
	if w.Code != status {
		e.t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body.String())
	}
	if v != nil {
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			e.t.Fatalf("Content-Type %q, want application/json", ct)
		}
		if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
			e.t.Fatalf("decode %s: %v", w.Body.String(), err)
		}
	}
}

// apiProblem checks that w is a problem+json with status and code and
// returns it.
func apiProblem(t *testing.T, w *httptest.ResponseRecorder, status int, code string) problem {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json (%s)", ct, w.Body.String())
	}
	var raw map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
		t.Fatalf("problem is not JSON: %v: %s", err, w.Body.String())
	}
	for _, k := range []string{"type", "title", "status", "detail", "code"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("problem has no %q: %s", k, w.Body.String())
		}
	}
	var p problem
	json.Unmarshal(w.Body.Bytes(), &p)
	if p.Status != status || p.Code != code || p.Detail == "" || p.Title != http.StatusText(status) {
		t.Errorf("problem = %+v, want status %d code %s with a detail", p, status, code)
	}
	return p
}

func (e *apiEnv) path(format string, args ...any) string {
	parts := strings.Split(format, "%d")
	var b strings.Builder
	for i, p := range parts {
		b.WriteString(p)
		if i < len(args) {
			b.WriteString(strconv.FormatInt(args[i].(int64), 10))
		}
	}
	return b.String()
}

func TestAPIOpenAPIDocumentListsEveryOperation(t *testing.T) {
	e := newAPIEnv(t)
	w := e.call("GET", "/api/openapi.json", "", nil)
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	e.ok(w, 200, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
	got := map[string]string{}
	for path, item := range doc.Paths {
		for method, op := range item {
			key := strings.ToUpper(method) + " " + path
			a, _ := op["x-jixiao-access"].(string)
			got[key] = a
			sum, _ := op["summary"].(string)
			if sum == "" || isASCII(sum) {
				t.Errorf("%s: summary %q is not Chinese", key, sum)
			}
			if id, _ := op["operationId"].(string); id == "" || !isASCII(id) {
				t.Errorf("%s: operationId %q", key, id)
			}
			if _, ok := op["security"]; ok != (a != "anyone") {
				t.Errorf("%s: access %s but security declared %v", key, a, ok)
			}
		}
	}
	want := map[string]string{}
	for _, op := range e.srv.apiOperations() {
		want[op.Method+" "+op.Path] = op.Access.String()
	}
	for k, a := range want {
		if got[k] != a {
			t.Errorf("%s: document says access %q, apiOperations %q", k, got[k], a)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s is in the document but not in apiOperations", k)
		}
	}
	// The document is served by us, with no route of huma's beside it.
	for _, p := range []string{"/api/openapi.yaml", "/api/openapi-3.0.json", "/docs", "/openapi.json", "/schemas/Table.json"} {
		if w := e.call("GET", p, "", nil); w.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, w.Code)
		}
	}
}

func TestAPIDocsPage(t *testing.T) {
	e := newAPIEnv(t)
	w := e.call("GET", "/api/docs", "", nil)
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /api/docs = %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	page := w.Body.String()
	for _, op := range e.srv.apiOperations() {
		if !strings.Contains(page, "<code>"+op.Path+"</code>") {
			t.Errorf("the reference does not show %s", op.Path)
		}
		if !strings.Contains(page, `m-`+op.Method+`">`+op.Method+`</span> <code>`+op.Path) {
			t.Errorf("the reference does not show %s %s", op.Method, op.Path)
		}
	}
	for _, s := range []string{"Authorization: Bearer jxt_", "/account", "application/problem+json", "base_version",
		"body.funding.total", "indicators[].level2.code", "unauthorized", "权限：填报人、管理员", "/api/openapi.json"} {
		if !strings.Contains(page, s) {
			t.Errorf("the reference does not mention %q", s)
		}
	}
	// Nothing from elsewhere, nothing inline: the CSP allows neither.
	for _, s := range []string{"<script>", "style=", "https://", "cdn", "unpkg", "stoplight"} {
		if strings.Contains(page, s) {
			t.Errorf("the reference contains %q", s)
		}
	}
}

func TestAPITokenLifecycle(t *testing.T) {
	e := newAPIEnv(t)
	// A browser session makes the first token.
	form := url.Values{"login": {"filerA"}, "password": {"pw-filerA-1234"}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, req)
	var session *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			session = c
		}
	}
	if w.Code != http.StatusSeeOther || session == nil {
		t.Fatalf("login = %d, no session", w.Code)
	}
	req = httptest.NewRequest("POST", "/api/v1/tokens", strings.NewReader(`{"name":"我的脚本"}`))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(session)
	w = httptest.NewRecorder()
	e.srv.ServeHTTP(w, req)
	var tok apiToken
	e.ok(w, http.StatusCreated, &tok)
	if !strings.HasPrefix(tok.Token, "jxt_") || tok.Name != "我的脚本" || tok.ID == 0 {
		t.Fatalf("token = %+v", tok)
	}

	// The token works in scripts.
	e.tokens["script"] = tok.Token
	var me apiUser
	e.ok(e.call("GET", "/api/v1/me", "script", nil), 200, &me)
	if me.Login != "filerA" || me.Role != "filer" || me.Org != apiOrgA {
		t.Errorf("me = %+v", me)
	}
	var list apiTokenList
	e.ok(e.call("GET", "/api/v1/tokens", "script", nil), 200, &list)
	if len(list.Tokens) != 2 || list.Tokens[1].Name != "我的脚本" || list.Tokens[1].Token != "" {
		t.Errorf("tokens = %+v", list.Tokens)
	}
	if strings.Contains(e.call("GET", "/api/v1/tokens", "script", nil).Body.String(), tok.Token) {
		t.Error("the token list shows a secret")
	}

	// Nobody else revokes it; its owner does, and it stops working.
	apiProblem(t, e.call("DELETE", "/api/v1/tokens/"+strconv.FormatInt(tok.ID, 10), "filerB", nil), 404, "not_found")
	if w := e.call("DELETE", "/api/v1/tokens/"+strconv.FormatInt(tok.ID, 10), "script", nil); w.Code != http.StatusNoContent {
		t.Fatalf("revoke = %d %s", w.Code, w.Body.String())
	}
	p := apiProblem(t, e.call("GET", "/api/v1/me", "script", nil), 401, "unauthorized")
	if !strings.Contains(p.Detail, "令牌") {
		t.Errorf("detail %q does not say the token is the trouble", p.Detail)
	}
	apiProblem(t, e.call("GET", "/api/v1/me", "", nil), 401, "unauthorized")
	apiProblem(t, e.call("GET", "/api/v1/tables", "", nil, "Authorization", "Basic eDp5"), 401, "unauthorized")
	apiProblem(t, e.call("POST", "/api/v1/tokens", "filerA", map[string]any{"name": "  "}), 422, "invalid")
}

func TestAPIAccess(t *testing.T) {
	e := newAPIEnv(t)
	fill := strings.NewReplacer("{id}", strconv.FormatInt(e.draftA, 10), "{seq}", "1", "{tid}", "1")
	for _, op := range e.srv.apiOperations() {
		path := fill.Replace(op.Path)
		if op.Access != anyone {
			// Before reading any body: a caller without an account hears
			// that it needs one.
			apiProblem(t, e.call(op.Method, path, "", "{not json"), 401, "unauthorized")
		}
		if op.Access == editor {
			apiProblem(t, e.call(op.Method, path, "reviewer", "{not json"), 403, "forbidden")
		}
	}
}

func TestAPIReading(t *testing.T) {
	e := newAPIEnv(t)
	ids := func(l []apiTable) map[int64]bool {
		m := map[int64]bool{}
		for _, x := range l {
			m[x.ID] = true
		}
		return m
	}
	var list apiTableList
	e.ok(e.call("GET", "/api/v1/tables", "", nil), 200, &list)
	if got := ids(list.Tables); len(got) != 2 || !got[e.pubA] || !got[e.pubB] {
		t.Errorf("public sees %v, want the published ones %d %d", got, e.pubA, e.pubB)
	}
	e.ok(e.call("GET", "/api/v1/tables", "filerA", nil), 200, &list)
	if got := ids(list.Tables); len(got) != 3 || !got[e.draftA] || got[e.draftB] {
		t.Errorf("filer A sees %v", got)
	}
	e.ok(e.call("GET", "/api/v1/tables?year=2025&status=draft", "admin", nil), 200, &list)
	if got := ids(list.Tables); len(got) != 2 || !got[e.draftA] || !got[e.draftB] {
		t.Errorf("admin's drafts of 2025: %v", got)
	}
	e.ok(e.call("GET", "/api/v1/tables?org="+url.QueryEscape(apiOrgB), "", nil), 200, &list)
	if len(list.Tables) != 1 || list.Tables[0].ID != e.pubB || list.Tables[0].Status != "published" || list.Tables[0].Total == "" {
		t.Errorf("org filter: %+v", list.Tables)
	}
	apiProblem(t, e.call("GET", "/api/v1/tables?status=lost", "", nil), 422, "invalid")
	apiProblem(t, e.call("GET", "/api/v1/tables?year=abc", "", nil), 422, "invalid")

	// One table: its document is the export's, byte for byte once compacted.
	var detail struct {
		Summary apiTable        `json:"summary"`
		Actions []string        `json:"actions"`
		CanEdit bool            `json:"can_edit"`
		Table   json.RawMessage `json:"table"`
	}
	e.ok(e.call("GET", e.path("/api/v1/tables/%d", e.pubA), "", nil), 200, &detail)
	stored, err := e.db.Table(context.Background(), e.pubA)
	if err != nil {
		t.Fatal(err)
	}
	var export, got bytes.Buffer
	if err := table.WriteJSON(&export, stored); err != nil {
		t.Fatal(err)
	}
	json.Compact(&got, detail.Table)
	var exportC bytes.Buffer
	json.Compact(&exportC, export.Bytes())
	if got.String() != exportC.String() {
		t.Errorf("table document differs from the export:\n%s\n%s", got.String()[:200], exportC.String()[:200])
	}
	if detail.Summary.ID != e.pubA || detail.Summary.Version != 1 || !detail.Summary.Review.Reviewed || len(detail.Actions) != 0 || detail.CanEdit {
		t.Errorf("public summary = %+v actions %v edit %v", detail.Summary, detail.Actions, detail.CanEdit)
	}
	e.ok(e.call("GET", e.path("/api/v1/tables/%d", e.draftA), "filerA", nil), 200, &detail)
	if len(detail.Actions) != 1 || detail.Actions[0] != "submit" || !detail.CanEdit {
		t.Errorf("filer A on a draft: actions %v, edit %v", detail.Actions, detail.CanEdit)
	}
	apiProblem(t, e.call("GET", e.path("/api/v1/tables/%d", e.draftB), "", nil), 404, "not_found")
	apiProblem(t, e.call("GET", e.path("/api/v1/tables/%d", e.draftB), "filerA", nil), 404, "not_found")
	apiProblem(t, e.call("GET", "/api/v1/tables/99999", "admin", nil), 404, "not_found")
	apiProblem(t, e.call("GET", "/api/v1/tables/x", "admin", nil), 422, "invalid")

	var vs apiVersionList
	e.ok(e.call("GET", e.path("/api/v1/tables/%d/versions", e.pubB), "", nil), 200, &vs)
	if len(vs.Versions) != 1 || vs.Versions[0].ID != e.pubB {
		t.Errorf("versions = %+v", vs.Versions)
	}
	apiProblem(t, e.call("GET", e.path("/api/v1/tables/%d/versions", e.draftB), "", nil), 404, "not_found")

	var fl apiFindingList
	e.ok(e.call("GET", e.path("/api/v1/tables/%d/findings", e.pubA), "", nil), 200, &fl)
	if len(fl.Findings) == 0 || fl.Review.Findings != len(fl.Findings) || len(fl.Findings) != len(stored.Review.Findings) {
		t.Errorf("findings: %d listed, review says %d, stored %d", len(fl.Findings), fl.Review.Findings, len(stored.Review.Findings))
	}
	sev := fl.Findings[0].Severity
	e.ok(e.call("GET", e.path("/api/v1/tables/%d/findings?severity=", e.pubA)+sev, "", nil), 200, &fl)
	for _, f := range fl.Findings {
		if f.Severity != sev {
			t.Errorf("severity filter %s let %s through", sev, f.Severity)
		}
	}

	var pr struct {
		apiProject
		Project map[string]any `json:"project"`
	}
	e.ok(e.call("GET", e.path("/api/v1/tables/%d/projects/2", e.pubA), "", nil), 200, &pr)
	p2 := stored.Projects()[1]
	if pr.Seq != 2 || pr.Project["name"] != p2.Name || pr.Version != 1 || pr.URL == "" || !pr.Review.Reviewed {
		t.Errorf("project = %+v", pr)
	}
	if inds, _ := pr.Project["indicators"].([]any); len(inds) != len(p2.Indicators) {
		t.Errorf("project has %d indicators, want %d", len(inds), len(p2.Indicators))
	}
	var il struct {
		Project    string           `json:"project"`
		Indicators []map[string]any `json:"indicators"`
	}
	e.ok(e.call("GET", e.path("/api/v1/tables/%d/projects/2/indicators", e.pubA), "", nil), 200, &il)
	if il.Project != p2.Name || len(il.Indicators) != len(p2.Indicators) || il.Indicators[0]["name"] != p2.Indicators[0].Name {
		t.Errorf("indicators = %+v", il)
	}
	if a, _ := il.Indicators[0]["annual"].(map[string]any); a["raw"] != p2.Indicators[0].Annual.Raw || a["kind"] == "" {
		t.Errorf("annual target = %v", a)
	}
	apiProblem(t, e.call("GET", e.path("/api/v1/tables/%d/projects/999", e.pubA), "", nil), 404, "not_found")
	apiProblem(t, e.call("GET", e.path("/api/v1/tables/%d/projects/1/indicators", e.draftB), "filerA", nil), 404, "not_found")

	w := e.call("GET", e.path("/api/v1/tables/%d/export?format=csv", e.pubA), "", nil)
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(w.Header().Get("Content-Disposition"), ".csv") ||
		!strings.Contains(w.Body.String(), p2.Name) {
		t.Errorf("csv export: %d %s", w.Code, w.Header())
	}
	w = e.call("GET", e.path("/api/v1/tables/%d/export", e.pubA), "", nil)
	if w.Code != 200 || w.Body.String() != export.String() {
		t.Errorf("json export differs from table.WriteJSON")
	}
	w = e.call("GET", e.path("/api/v1/tables/%d/export?format=text", e.pubA), "", nil)
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("text export: %d %s", w.Code, w.Header())
	}
	apiProblem(t, e.call("GET", e.path("/api/v1/tables/%d/export?format=pdf", e.pubA), "", nil), 422, "invalid")
	apiProblem(t, e.call("GET", e.path("/api/v1/tables/%d/export", e.draftB), "", nil), 404, "not_found")

	// Search: the public finds published versions only.
	name := []rune(p2.Name)
	q := string(name[:min(4, len(name))])
	var sr apiSearchResult
	e.ok(e.call("GET", "/api/v1/search?q="+url.QueryEscape(q), "", nil), 200, &sr)
	if len(sr.Hits) == 0 {
		t.Fatalf("search %q found nothing", q)
	}
	for _, h := range sr.Hits {
		if h.Status != "published" {
			t.Errorf("public search found %+v", h)
		}
	}
	apiProblem(t, e.call("GET", "/api/v1/search", "", nil), 422, "invalid")
}

// apiEditBody is the project at seq of version id as GET gives it, as the
// body of a PUT.
func (e *apiEnv) editBody(id int64, seq int, who string) map[string]any {
	e.t.Helper()
	var pr struct {
		Version int            `json:"version"`
		Project map[string]any `json:"project"`
	}
	e.ok(e.call("GET", e.path("/api/v1/tables/%d/projects/", id)+strconv.Itoa(seq), who, nil), 200, &pr)
	body := pr.Project
	body["base_version"] = pr.Version
	return body
}

func TestAPIEditProject(t *testing.T) {
	e := newAPIEnv(t)
	edit := e.path("/api/v1/tables/%d/projects/1", e.draftA)
	body := e.editBody(e.draftA, 1, "filerA")
	body["goal"] = "新的绩效目标：完成培训 20 场。"
	var saved apiSaved
	e.ok(e.call("PUT", edit, "filerA", body), 200, &saved)
	if saved.Outcome != "new_version" || saved.Version != 2 || saved.Status != "draft" || saved.TableID == e.draftA || !saved.Review.Reviewed {
		t.Fatalf("saved = %+v", saved)
	}
	nt, err := e.db.Table(context.Background(), saved.TableID)
	if err != nil {
		t.Fatal(err)
	}
	if p := nt.Projects()[0]; p.Goal != body["goal"] || nt.Source != "api" || nt.CreatedBy != "filerA" {
		t.Errorf("stored goal %q source %q by %q", p.Goal, nt.Source, nt.CreatedBy)
	}
	old, _ := e.db.Table(context.Background(), e.draftA)
	if len(nt.Projects()[0].Indicators) != len(old.Projects()[0].Indicators) {
		t.Errorf("indicators %d, were %d", len(nt.Projects()[0].Indicators), len(old.Projects()[0].Indicators))
	}

	// The 转移支付 flag is set when given and kept when not.
	body = e.editBody(saved.TableID, 1, "filerA")
	body["transfer_payment"] = true
	e.ok(e.call("PUT", e.path("/api/v1/tables/%d/projects/1", saved.TableID), "filerA", body), 200, &saved)
	body = e.editBody(saved.TableID, 1, "filerA")
	delete(body, "transfer_payment")
	body["annual_goal"] = "年度目标"
	e.ok(e.call("PUT", e.path("/api/v1/tables/%d/projects/1", saved.TableID), "filerA", body), 200, &saved)
	if nt, _ = e.db.Table(context.Background(), saved.TableID); saved.Version != 4 || !nt.Projects()[0].TransferPayment {
		t.Errorf("version %d: transfer payment %v, want kept", saved.Version, nt.Projects()[0].TransferPayment)
	}

	// The same base version again is stale now.
	p := apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/1", saved.TableID), "filerA", body), 409, "conflict")
	if !strings.Contains(p.Detail, "第 3 版") {
		t.Errorf("conflict detail %q", p.Detail)
	}
	// An old version is not edited either: someone has saved since.
	body["base_version"] = 1
	p = apiProblem(t, e.call("PUT", edit, "filerA", body), 409, "conflict")
	if !strings.Contains(p.Detail, "第 4 版") {
		t.Errorf("conflict detail %q", p.Detail)
	}

	// Mistakes are named by their place in the body.
	body = e.editBody(saved.TableID, 1, "filerA")
	body["funding"].(map[string]any)["total"] = "十二"
	inds := body["indicators"].([]any)
	inds[1].(map[string]any)["level2"] = map[string]any{"code": "", "name": ""}
	p = apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/1", saved.TableID), "filerA", body), 422, "invalid")
	locs := map[string]bool{}
	for _, fe := range p.Errors {
		locs[fe.Location] = true
	}
	if !locs["body.funding.total"] || !locs["body.indicators[1].level2"] {
		t.Errorf("errors = %+v", p.Errors)
	}
	// So are mistakes huma finds in the shape of the body.
	p = apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/1", saved.TableID), "filerA", map[string]any{"base_version": 4, "name": 5}), 422, "invalid")
	if len(p.Errors) == 0 || !strings.HasPrefix(p.Errors[0].Location, "body") {
		t.Errorf("validation errors = %+v", p.Errors)
	}
	apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/1", saved.TableID), "filerA", "{"), 400, "invalid")
	apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/1", saved.TableID), "filerA", "{}", "Content-Type", "text/plain"), 415, "invalid")

	// The preview reviews without saving.
	var pv apiPreview
	e.ok(e.call("POST", e.path("/api/v1/tables/%d/projects/1/review", saved.TableID), "filerA", body), 200, &pv)
	if len(pv.Errors) != 2 || len(pv.Findings) == 0 || !pv.Table.Reviewed {
		t.Errorf("preview = %+v", pv)
	}
	vs, _ := e.db.Versions(context.Background(), saved.TableID)
	if len(vs) != 4 {
		t.Errorf("the preview stored something: %d versions", len(vs))
	}

	// Who may edit: a filer of another org sees the published table but
	// may not change it; a draft of another org does not exist for them.
	body = e.editBody(e.pubB, 1, "filerA")
	apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/1", e.pubB), "filerA", body), 403, "forbidden")
	apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/1", e.draftB), "filerA", body), 404, "not_found")
	apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/1", e.pubB), "reviewer", body), 403, "forbidden")
	apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/99", e.pubB), "filerB", body), 404, "not_found")

	// A published table changes by adjustment only: with a reason, and
	// back to review.
	p = apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/1", e.pubB), "filerB", body), 422, "invalid")
	if len(p.Errors) != 1 || p.Errors[0].Location != "body.reason" {
		t.Errorf("adjustment without reason: %+v", p.Errors)
	}
	body["reason"] = "预算调整"
	body["name"] = body["name"].(string) + "（调整）"
	e.ok(e.call("PUT", e.path("/api/v1/tables/%d/projects/1", e.pubB), "filerB", body), 200, &saved)
	if saved.Status != "submitted" || saved.Version != 2 {
		t.Errorf("adjustment = %+v", saved)
	}
	// In review, it cannot be edited.
	body = e.editBody(saved.TableID, 1, "filerB")
	apiProblem(t, e.call("PUT", e.path("/api/v1/tables/%d/projects/1", saved.TableID), "filerB", body), 409, "conflict")
	// The public still sees the published version.
	var list apiTableList
	e.ok(e.call("GET", "/api/v1/tables?org="+url.QueryEscape(apiOrgB)+"&year=2024", "", nil), 200, &list)
	if len(list.Tables) != 1 || list.Tables[0].ID != e.pubB {
		t.Errorf("public sees %+v", list.Tables)
	}
}

func TestAPIWorkflow(t *testing.T) {
	e := newAPIEnv(t)
	wf := e.path("/api/v1/tables/%d/workflow", e.draftA)
	var res apiStepResult
	apiProblem(t, e.call("POST", wf, "filerB", map[string]any{"action": "submit"}), 404, "not_found")
	apiProblem(t, e.call("POST", wf, "filerA", map[string]any{"action": "approve", "grade": "优"}), 403, "forbidden")
	apiProblem(t, e.call("POST", wf, "filerA", map[string]any{"action": "delete"}), 422, "invalid")
	apiProblem(t, e.call("POST", wf, "filerA", map[string]any{"action": "publish"}), 422, "invalid")
	e.ok(e.call("POST", wf, "filerA", map[string]any{"action": "submit"}), 200, &res)
	if res.Status != "submitted" || res.TableID != e.draftA {
		t.Errorf("submit = %+v", res)
	}
	apiProblem(t, e.call("POST", wf, "reviewer", map[string]any{"action": "return"}), 422, "invalid")
	apiProblem(t, e.call("POST", wf, "reviewer", map[string]any{"action": "approve"}), 422, "invalid")
	e.ok(e.call("POST", wf, "reviewer", map[string]any{"action": "approve", "grade": "良", "comment": "可以"}), 200, &res)
	if res.Status != "approved" {
		t.Errorf("approve = %+v", res)
	}
	e.ok(e.call("POST", wf, "filerA", map[string]any{"action": "publish"}), 200, &res)
	var detail struct {
		Summary apiTable `json:"summary"`
	}
	e.ok(e.call("GET", e.path("/api/v1/tables/%d", e.draftA), "", nil), 200, &detail)
	if detail.Summary.Status != "published" || detail.Summary.Grade != "良" {
		t.Errorf("published table = %+v", detail.Summary)
	}
}

func TestAPIImport(t *testing.T) {
	e := newAPIEnv(t)
	var doc bytes.Buffer
	if err := table.WriteJSON(&doc, genAPITable(apiOrgA, 2026, 4)); err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := table.WriteText(&text, genAPITable(apiOrgB, 2026, 5)); err != nil {
		t.Fatal(err)
	}

	type imported struct {
		apiImported
		Table json.RawMessage `json:"table"`
	}
	var imp imported
	imp = imported{}
	e.ok(e.call("POST", "/api/v1/import?dry_run=true&name=a.json", "filerA", doc.Bytes(), "Content-Type", "application/json"), 200, &imp)
	if !imp.DryRun || !imp.MayImport || imp.Stored != nil || imp.Read.Org != apiOrgA || imp.Read.FiscalYear != 2026 ||
		imp.Read.Projects == 0 || !imp.Review.Reviewed || len(imp.Table) == 0 {
		t.Errorf("dry run = %+v", imp.apiImported)
	}
	if list, _ := e.db.Tables(context.Background(), jixiao.TableFilter{FiscalYear: 2026}); len(list) != 0 {
		t.Errorf("the dry run stored %d tables", len(list))
	}
	// Text (and any content type) is read as jixiao import reads it; a
	// table of another org shows whether it may be imported.
	imp = imported{}
	e.ok(e.call("POST", "/api/v1/import?dry_run=true&year=2026", "filerA", text.Bytes()), 200, &imp)
	if imp.MayImport || imp.Reason == "" || imp.Read.Org != apiOrgB {
		t.Errorf("dry run of another org = %+v", imp.apiImported)
	}
	apiProblem(t, e.call("POST", "/api/v1/import?year=2026", "filerA", text.Bytes()), 403, "forbidden")

	imp = imported{}
	e.ok(e.call("POST", "/api/v1/import?name=a.json", "filerA", doc.Bytes()), 201, &imp)
	if imp.Stored == nil || imp.Stored.Outcome != "created" || imp.Stored.Status != "draft" || len(imp.Table) != 0 {
		t.Fatalf("import = %+v", imp.apiImported)
	}
	st, err := e.db.Table(context.Background(), imp.Stored.TableID)
	if err != nil || st.CreatedBy != "filerA" || st.Source != "a.json" || st.Review == nil {
		t.Errorf("stored %+v, %v", st, err)
	}
	imp = imported{}
	e.ok(e.call("POST", "/api/v1/import?name=a.json", "filerA", doc.Bytes()), 200, &imp)
	if imp.Stored.Outcome != "unchanged" {
		t.Errorf("second import = %+v", imp.Stored)
	}
	// Work in review is not overwritten.
	e.ok(e.call("POST", e.path("/api/v1/tables/%d/workflow", imp.Stored.TableID), "filerA", map[string]any{"action": "submit"}), 200, nil)
	apiProblem(t, e.call("POST", "/api/v1/import", "admin", doc.Bytes()), 409, "conflict")

	p := apiProblem(t, e.call("POST", "/api/v1/import", "filerA", `{"schema":"jixiao.table/v0"}`), 422, "invalid")
	if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Location, "schema") {
		t.Errorf("bad file: %+v", p)
	}
	apiProblem(t, e.call("POST", "/api/v1/import?year=1800", "filerA", text.Bytes()), 422, "invalid")
	apiProblem(t, e.call("POST", "/api/v1/import", "filerA", nil), 400, "invalid")
	apiProblem(t, e.call("POST", "/api/v1/import", "reviewer", text.Bytes()), 403, "forbidden")
}

func TestAPICrossSiteRequestsAreRefused(t *testing.T) {
	e := newAPIEnv(t)
	// A script sends no Origin or Sec-Fetch-Site and passes.
	e.ok(e.call("POST", "/api/v1/tokens", "filerA", map[string]any{"name": "脚本"}), 201, nil)
	// A browser on another site is refused, even with a credential.
	for _, h := range [][]string{
		{"Sec-Fetch-Site", "cross-site"},
		{"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"},
	} {
		apiProblem(t, e.call("POST", "/api/v1/tokens", "filerA", map[string]any{"name": "x"}, h...), 403, "forbidden")
		apiProblem(t, e.call("POST", e.path("/api/v1/tables/%d/workflow", e.draftA), "filerA", map[string]any{"action": "submit"}, h...), 403, "forbidden")
	}
	// Reading across sites is fine.
	e.ok(e.call("GET", "/api/v1/tables", "", nil, "Sec-Fetch-Site", "cross-site"), 200, nil)
}

func TestAPIRoutingErrorsAreProblems(t *testing.T) {
	e := newAPIEnv(t)
	apiProblem(t, e.call("GET", "/api/v1/nothing", "", nil), 404, "not_found")
	w := e.call("DELETE", "/api/v1/tables", "admin", nil)
	apiProblem(t, w, 405, "invalid")
	if w.Header().Get("Allow") != "GET" {
		t.Errorf("Allow = %q", w.Header().Get("Allow"))
	}
	w = e.call("PATCH", "/api/v1/tokens", "admin", nil)
	apiProblem(t, w, 405, "invalid")
	if w.Header().Get("Allow") != "GET, POST" {
		t.Errorf("Allow = %q", w.Header().Get("Allow"))
	}
}

func TestAPIInternalErrorsAreNotShown(t *testing.T) {
	e := newAPIEnv(t)
	var logs bytes.Buffer
	e.srv.log = slog.New(slog.NewTextHandler(&logs, nil))
	e.db.Close()
	for _, p := range []string{"/api/v1/tables", e.path("/api/v1/tables/%d", e.pubA)} {
		pr := apiProblem(t, e.call("GET", p, "", nil), 500, "internal")
		if pr.Detail != "内部错误 (internal error)" || len(pr.Errors) != 0 {
			t.Errorf("GET %s: %+v", p, pr)
		}
	}
	if !strings.Contains(logs.String(), "closed") {
		t.Errorf("the cause was not logged: %s", logs.String())
	}
}
