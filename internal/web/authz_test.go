package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/internal/auth"
	"jixiao/internal/sqldb"
)

// The authorisation specification: for every route of routeTable and every
// operation of apiOperations, who may use it, tried with every role.
//
// A role the case allows gets through: not 401, 403 or 404, and not sent
// to log in. A role the case hides the object from gets 404, as if it did
// not exist (a draft is nobody's business but its org's). Every other role
// is refused: 403, and the public is sent to log in (a GET redirects to
// /login, a form post is refused, an API call answers 401).
//
// An API operation's entry is keyed "METHOD /api/v1/…" as apiOperations
// lists it, and its cases send request{api: true, method: …, json: …}.

// request is what a role sends in one case.
type request struct {
	method string
	path   string
	form   url.Values // a POST's form
	file   []byte     // POST as a multipart upload of this file
	api    bool       // an API call: any method, Accept: application/json, body json
	json   string     // an API call's body, "" for none
	fresh  bool       // from a new session of the role: the request ends or replaces its session
}

// authCase is one way to use a route and who may.
type authCase struct {
	what   string                                          // the fixture, in words
	req    func(e *env, fx *fixtures, role string) request // makes what it needs, returns the request
	allow  []string                                        // roles that get through
	status int                                             // what they get, where it is exact
	hidden []string                                        // roles that get 404
}

type authEntry struct {
	pattern string // as in routeTable, or "METHOD path" of an API operation
	cases   []authCase
}

// Role sets of the table.
var (
	everyone   = allRoles
	members    = []string{roleFiler, roleOtherFiler, roleReviewer, roleOtherReviewer, roleAdmin}
	importers  = []string{roleFiler, roleOtherFiler, roleAdmin}
	admin      = []string{roleAdmin}
	nobody     = []string{}
	ownManager = []string{roleFiler, roleReviewer, roleAdmin}                         // manage orgOwn: see every status
	ownEditor  = []string{roleFiler, roleAdmin}                                       // change orgOwn's targets
	ownJudge   = []string{roleReviewer, roleAdmin}                                    // return and approve orgOwn's tables
	strangers  = []string{rolePublic, roleOtherFiler, roleOtherReviewer}              // orgOwn's drafts do not exist for them
	otherOnes  = []string{roleOtherFiler, roleOtherReviewer}                          // logged in, not managing orgOwn
	otherJudge = []string{roleReviewer, roleOtherReviewer, roleAdmin}                 // return and approve orgOther's tables
	otherSees  = []string{roleOtherFiler, roleReviewer, roleOtherReviewer, roleAdmin} // manage orgOther
)

// fixtures are the tables that cases only read, made once per database.
type fixtures struct {
	draft      int64 // a draft of orgOwn, the filer's org
	published  int64 // a published table of orgOwn
	otherDraft int64 // a draft of orgOther, in the other reviewer's subtree
	n          int   // for unique names
}

func (fx *fixtures) next() string { fx.n++; return strconv.Itoa(fx.n) }

func tablePath(id int64, suffix string) string { return "/tables/" + itoa(id) + suffix }

// get is a case's request that only reads path(fixtures).
func get(path func(fx *fixtures) string) func(*env, *fixtures, string) request {
	return func(_ *env, fx *fixtures, _ string) request { return request{method: http.MethodGet, path: path(fx)} }
}

// step posts a workflow step on a fresh table of org in status st.
func step(org string, st jixiao.Status, form url.Values) func(*env, *fixtures, string) request {
	return func(e *env, _ *fixtures, _ string) request {
		return request{method: http.MethodPost, path: tablePath(e.table(org, st), "/workflow"), form: form}
	}
}

// save posts the edit form of project 1 of a fresh table in status st, as
// the edit page gives it to someone who may edit, with its goal changed.
func save(st jixiao.Status) func(*env, *fixtures, string) request {
	return func(e *env, _ *fixtures, _ string) request {
		action, form := e.as(roleAdmin).editForm(e.table(orgOwn, st), 1)
		form.Set("goal", form.Get("goal")+"（修改）")
		if st == jixiao.StatusPublished {
			form.Set("reason", "测试调整")
		}
		return request{method: http.MethodPost, path: action, form: form}
	}
}

// token makes a personal access token of role's account and returns its id.
func (e *env) token(role string) int64 {
	e.t.Helper()
	tok, err := e.db.CreateToken(context.Background(), e.users[role].ID, "脚本", auth.HashSecret(auth.NewSecret("jxt_")), role)
	if err != nil {
		e.t.Fatal(err)
	}
	return tok.ID
}

// uploadKey uploads a table of orgOwn as role and returns the key of its
// stashed preview, also where the page offers no confirm button.
func (e *env) uploadKey(role string) string {
	e.t.Helper()
	e.as(role).upload("/import", nil, "t.json", e.tableJSON(orgOwn)).want(e.t, http.StatusOK)
	uid := e.users[role].ID
	st := e.srv.uploads
	st.mu.Lock()
	defer st.mu.Unlock()
	key, at := "", e.srv.now().AddDate(-1, 0, 0)
	for k, u := range st.files {
		if u.user == uid && u.expires.After(at) {
			key, at = k, u.expires
		}
	}
	if key == "" {
		e.t.Fatalf("no upload of %s stashed", role)
	}
	return key
}

// apiGet is an API read of path(fixtures) that roles may make.
func apiGet(path func(fx *fixtures) string, allow []string) []authCase {
	return []authCase{{what: "the resource", req: func(_ *env, fx *fixtures, _ string) request {
		return request{api: true, method: http.MethodGet, path: path(fx)}
	}, allow: allow, status: http.StatusOK}}
}

// apiReading reads a table resource of the API as the table pages are read.
func apiReading(suffix string) []authCase {
	at := func(id func(fx *fixtures) int64) func(*env, *fixtures, string) request {
		return func(_ *env, fx *fixtures, _ string) request {
			return request{api: true, method: http.MethodGet, path: "/api/v1/tables/" + itoa(id(fx)) + suffix}
		}
	}
	return []authCase{
		{what: "a draft of the filer's org", req: at(func(fx *fixtures) int64 { return fx.draft }),
			allow: ownManager, status: http.StatusOK, hidden: strangers},
		{what: "a published table", req: at(func(fx *fixtures) int64 { return fx.published }),
			allow: everyone, status: http.StatusOK},
		{what: "a draft of the other org", req: at(func(fx *fixtures) int64 { return fx.otherDraft }),
			allow: otherSees, status: http.StatusOK, hidden: []string{rolePublic, roleFiler}},
	}
}

// apiProjectBody sends project 1 of a fresh draft of the filer's org, as
// the API gives it to an admin, with its goal changed and its base version.
func apiProjectBody(method, suffix string) func(*env, *fixtures, string) request {
	return func(e *env, _ *fixtures, _ string) request {
		id := e.table(orgOwn, jixiao.StatusDraft)
		path := "/api/v1/tables/" + itoa(id) + "/projects/1"
		r := e.as(roleAdmin).api(http.MethodGet, path, "")
		var body map[string]any
		if err := json.Unmarshal([]byte(r.body), &body); err != nil {
			e.t.Fatalf("project as JSON: %v\n%s", err, excerpt(r.body))
		}
		if p, ok := body["project"].(map[string]any); ok {
			body = p
		}
		body["goal"] = fmt.Sprint(body["goal"]) + "（修改）"
		body["base_version"] = e.summary(id).Version
		for _, k := range []string{"$schema", "table_id", "version", "status", "seq", "findings", "can_edit", "table"} {
			delete(body, k)
		}
		b, _ := json.Marshal(body)
		return request{api: true, method: method, path: path + suffix, json: string(b)}
	}
}

// apiStepCase posts a workflow step through the API on a fresh table.
func apiStepCase(org string, st jixiao.Status, body string) func(*env, *fixtures, string) request {
	return func(e *env, _ *fixtures, _ string) request {
		return request{api: true, method: http.MethodPost, path: "/api/v1/tables/" + itoa(e.table(org, st)) + "/workflow", json: body}
	}
}

func authTable() []authEntry {
	draft := func(fx *fixtures) int64 { return fx.draft }
	published := func(fx *fixtures) int64 { return fx.published }
	reading := func(suffix string) []authCase {
		return []authCase{
			{what: "a draft of the filer's org", req: get(func(fx *fixtures) string { return tablePath(draft(fx), suffix) }),
				allow: ownManager, status: http.StatusOK, hidden: strangers},
			{what: "a published table", req: get(func(fx *fixtures) string { return tablePath(published(fx), suffix) }),
				allow: everyone, status: http.StatusOK},
			{what: "a draft of the other org", req: get(func(fx *fixtures) string { return tablePath(fx.otherDraft, suffix) }),
				allow: otherSees, status: http.StatusOK, hidden: []string{rolePublic, roleFiler}},
		}
	}
	page := func(path string, allow []string) []authCase {
		return []authCase{{what: "the page", req: get(func(*fixtures) string { return path }), allow: allow, status: http.StatusOK}}
	}
	return []authEntry{
		{"GET /{$}", page("/", everyone)},
		{"GET /tables/{id}", reading("")},
		{"GET /tables/{id}/projects/{seq}", reading("/projects/1")},
		{"GET /tables/{id}/versions", reading("/versions")},
		{"GET /tables/{id}/diff", reading("/diff")},
		{"GET /tables/{id}/export/{format}", reading("/export/json")},
		{"GET /search", page("/search?q=%E9%A1%B9%E7%9B%AE", everyone)},
		{"GET /static/{file}", page("/static/app.css", everyone)},
		{"GET /healthz", page("/healthz", everyone)},
		{"GET /open-data", page("/open-data", everyone)},
		{"GET /open-data/{year}", []authCase{{what: "a year without published tables",
			req: get(func(*fixtures) string { return "/open-data/1990" }), allow: nobody, hidden: everyone}}},
		{"GET /schema/jixiao.table.v1.schema.json", page("/schema/jixiao.table.v1.schema.json", everyone)},
		{"GET /template.xlsx", page("/template.xlsx", everyone)},

		{"GET /login", page("/login", everyone)},
		{"POST /login", []authCase{{what: "the filer's password",
			req: func(*env, *fixtures, string) request {
				return request{method: http.MethodPost, path: "/login", form: url.Values{"login": {roleFiler}, "password": {password}}, fresh: true}
			}, allow: everyone, status: http.StatusSeeOther}}},
		{"POST /logout", []authCase{{what: "one's own session",
			req: func(*env, *fixtures, string) request {
				return request{method: http.MethodPost, path: "/logout", fresh: true}
			}, allow: members, status: http.StatusSeeOther}}},
		{"GET /account", page("/account", members)},
		{"POST /account/password", []authCase{{what: "a wrong current password (nothing changes)",
			req: func(*env, *fixtures, string) request {
				return request{method: http.MethodPost, path: "/account/password",
					form: url.Values{"current": {"wrong-password"}, "new": {"new-password-2"}, "repeat": {"new-password-2"}}}
			}, allow: members, status: http.StatusUnprocessableEntity}}},
		{"POST /account/tokens", []authCase{{what: "a named token",
			req: func(*env, *fixtures, string) request {
				return request{method: http.MethodPost, path: "/account/tokens", form: url.Values{"name": {"导出脚本"}}}
			}, allow: members, status: http.StatusOK}}},
		{"POST /account/tokens/{tid}/delete", []authCase{
			{what: "one's own token",
				req: func(e *env, _ *fixtures, role string) request {
					owner := role
					if role == rolePublic {
						owner = roleFiler
					}
					return request{method: http.MethodPost, path: "/account/tokens/" + itoa(e.token(owner)) + "/delete"}
				}, allow: members, status: http.StatusSeeOther},
			{what: "someone else's token",
				req: func(e *env, _ *fixtures, role string) request {
					owner := roleFiler
					if role == roleFiler {
						owner = roleAdmin
					}
					return request{method: http.MethodPost, path: "/account/tokens/" + itoa(e.token(owner)) + "/delete"}
				}, allow: nobody, hidden: members},
		}},

		{"GET /tables/{id}/projects/{seq}/edit", []authCase{
			{what: "a draft of the filer's org", req: get(func(fx *fixtures) string { return tablePath(fx.draft, "/projects/1/edit") }),
				allow: ownEditor, status: http.StatusOK, hidden: []string{roleOtherFiler}},
			{what: "a published table of the filer's org (an adjustment)", req: get(func(fx *fixtures) string { return tablePath(fx.published, "/projects/1/edit") }),
				allow: ownEditor, status: http.StatusOK},
		}},
		{"POST /tables/{id}/projects/{seq}", []authCase{
			{what: "a draft of the filer's org", req: save(jixiao.StatusDraft), allow: ownEditor, status: http.StatusSeeOther, hidden: []string{roleOtherFiler}},
			{what: "a published table of the filer's org, with a reason", req: save(jixiao.StatusPublished), allow: ownEditor, status: http.StatusSeeOther},
		}},
		{"POST /tables/{id}/projects/{seq}/review", []authCase{
			{what: "a draft of the filer's org",
				req: func(e *env, fx *fixtures, _ string) request {
					_, form := e.as(roleAdmin).editForm(fx.draft, 1)
					return request{method: http.MethodPost, path: tablePath(fx.draft, "/projects/1/review"), form: form}
				}, allow: ownEditor, status: http.StatusOK, hidden: []string{roleOtherFiler}},
		}},
		{"GET /import", page("/import", importers)},
		{"POST /import", []authCase{{what: "a table of the filer's org",
			req: func(e *env, _ *fixtures, _ string) request {
				return request{method: http.MethodPost, path: "/import", file: e.tableJSON(orgOwn)}
			}, allow: importers, status: http.StatusOK}}},
		{"POST /import/{key}", []authCase{
			{what: "one's own upload of a table of the filer's org",
				req: func(e *env, _ *fixtures, role string) request {
					key := "no-such-upload"
					if slices.Contains(importers, role) {
						key = e.uploadKey(role)
					}
					return request{method: http.MethodPost, path: "/import/" + key}
				}, allow: ownEditor, status: http.StatusSeeOther},
			{what: "someone else's upload",
				req: func(e *env, _ *fixtures, role string) request {
					uploader := roleFiler
					if role == roleFiler {
						uploader = roleAdmin
					}
					return request{method: http.MethodPost, path: "/import/" + e.uploadKey(uploader)}
				}, allow: nobody, hidden: importers},
		}},
		{"POST /tables/{id}/workflow", []authCase{
			{what: "submit a draft of the filer's org", req: step(orgOwn, jixiao.StatusDraft, url.Values{"action": {"submit"}}),
				allow: ownEditor, status: http.StatusSeeOther, hidden: otherOnes},
			{what: "return a submitted table of the filer's org", req: step(orgOwn, jixiao.StatusSubmitted, url.Values{"action": {"return"}, "comment": {"请补充满意度指标"}}),
				allow: ownJudge, status: http.StatusSeeOther, hidden: otherOnes},
			{what: "approve a submitted table of the filer's org", req: step(orgOwn, jixiao.StatusSubmitted, url.Values{"action": {"approve"}, "grade": {"良"}}),
				allow: ownJudge, status: http.StatusSeeOther, hidden: otherOnes},
			{what: "publish an approved table of the filer's org", req: step(orgOwn, jixiao.StatusApproved, url.Values{"action": {"publish"}}),
				allow: ownManager, status: http.StatusSeeOther, hidden: otherOnes},
			{what: "return a submitted table of the other org", req: step(orgOther, jixiao.StatusSubmitted, url.Values{"action": {"return"}, "comment": {"请补充满意度指标"}}),
				allow: otherJudge, status: http.StatusSeeOther, hidden: []string{roleFiler}},
		}},

		// Monitoring and self-evaluation: approved and published tables, for
		// those who manage the org; a draft is not yet monitored (422).
		{"GET /monitor", page("/monitor", members)},
		{"GET /tables/{id}/monitor", []authCase{
			{what: "a published table of the filer's org", req: get(func(fx *fixtures) string { return tablePath(fx.published, "/monitor") }),
				allow: ownManager, status: http.StatusOK},
			{what: "a draft of the filer's org", req: get(func(fx *fixtures) string { return tablePath(fx.draft, "/monitor") }),
				allow: ownManager, status: http.StatusUnprocessableEntity, hidden: otherOnes},
		}},
		{"GET /tables/{id}/monitor/template/{format}", []authCase{{what: "a published table of the filer's org",
			req: get(func(fx *fixtures) string { return tablePath(fx.published, "/monitor/template/xlsx") }), allow: ownManager, status: http.StatusOK}}},
		{"POST /tables/{id}/monitor/upload", []authCase{{what: "a template without rows (refused, nothing saved)",
			req: func(_ *env, fx *fixtures, _ string) request {
				return request{method: http.MethodPost, path: tablePath(fx.published, "/monitor/upload"),
					file: []byte("项目名称,序号,三级指标,年度指标值,截止日期,全年预算数,截至当期执行数,截至当期实际完成值,全年预计完成值,预计达成程度,偏差原因,纠偏措施\n")}
			}, allow: ownEditor, status: http.StatusUnprocessableEntity}}},
		{"GET /tables/{id}/projects/{seq}/progress", []authCase{{what: "a published table of the filer's org",
			req: get(func(fx *fixtures) string { return tablePath(fx.published, "/projects/1/progress") }), allow: ownManager, status: http.StatusOK}}},
		{"POST /tables/{id}/projects/{seq}/progress", []authCase{{what: "a report without a date (refused, nothing saved)",
			req: func(_ *env, fx *fixtures, _ string) request {
				return request{method: http.MethodPost, path: tablePath(fx.published, "/projects/1/progress"), form: url.Values{"budget": {"1"}, "executed": {"0.5"}}}
			}, allow: ownEditor, status: http.StatusUnprocessableEntity}}},
		{"GET /tables/{id}/evaluation", []authCase{{what: "a published table of the filer's org",
			req: get(func(fx *fixtures) string { return tablePath(fx.published, "/evaluation") }), allow: ownManager, status: http.StatusOK}}},
		{"GET /tables/{id}/evaluation/export/{format}", []authCase{{what: "a published table of the filer's org",
			req: get(func(fx *fixtures) string { return tablePath(fx.published, "/evaluation/export/json") }), allow: ownManager, status: http.StatusOK}}},
		{"GET /tables/{id}/projects/{seq}/evaluation", []authCase{{what: "a published table of the filer's org",
			req: get(func(fx *fixtures) string { return tablePath(fx.published, "/projects/1/evaluation") }), allow: ownManager, status: http.StatusOK}}},
		{"POST /tables/{id}/projects/{seq}/evaluation", []authCase{{what: "an evaluation with a bad amount (refused, nothing saved)",
			req: func(_ *env, fx *fixtures, _ string) request {
				return request{method: http.MethodPost, path: tablePath(fx.published, "/projects/1/evaluation"), form: url.Values{"budget": {"十万"}}}
			}, allow: ownEditor, status: http.StatusUnprocessableEntity}}},

		// The JSON API: the same people as the pages, answering 401 (not a
		// login page) to the public where an account is needed.
		{"GET /api/openapi.json", page("/api/openapi.json", everyone)},
		{"GET /api/docs", page("/api/docs", everyone)},
		{"GET /api/v1/tables", apiGet(func(*fixtures) string { return "/api/v1/tables" }, everyone)},
		{"GET /api/v1/tables/{id}", apiReading("")},
		{"GET /api/v1/tables/{id}/versions", apiReading("/versions")},
		{"GET /api/v1/tables/{id}/findings", apiReading("/findings")},
		{"GET /api/v1/tables/{id}/projects/{seq}", apiReading("/projects/1")},
		{"GET /api/v1/tables/{id}/projects/{seq}/indicators", apiReading("/projects/1/indicators")},
		{"GET /api/v1/tables/{id}/export", apiReading("/export?format=json")},
		{"GET /api/v1/search", apiGet(func(*fixtures) string { return "/api/v1/search?q=%E9%A1%B9%E7%9B%AE" }, everyone)},
		{"PUT /api/v1/tables/{id}/projects/{seq}", []authCase{{what: "a draft of the filer's org, its goal changed",
			req: apiProjectBody(http.MethodPut, ""), allow: ownEditor, status: http.StatusOK, hidden: []string{roleOtherFiler}}}},
		{"POST /api/v1/tables/{id}/projects/{seq}/review", []authCase{{what: "a draft of the filer's org",
			req: apiProjectBody(http.MethodPost, "/review"), allow: ownEditor, status: http.StatusOK, hidden: []string{roleOtherFiler}}}},
		{"POST /api/v1/import", []authCase{{what: "a dry run of a table of the filer's org",
			req: func(e *env, _ *fixtures, _ string) request {
				return request{api: true, method: http.MethodPost, path: "/api/v1/import?dry_run=true", json: string(e.tableJSON(orgOwn))}
			}, allow: importers, status: http.StatusOK}}},
		{"POST /api/v1/tables/{id}/workflow", []authCase{
			{what: "submit a draft of the filer's org", req: apiStepCase(orgOwn, jixiao.StatusDraft, `{"action":"submit"}`),
				allow: ownEditor, status: http.StatusOK, hidden: otherOnes},
			{what: "approve a submitted table of the filer's org", req: apiStepCase(orgOwn, jixiao.StatusSubmitted, `{"action":"approve","grade":"良"}`),
				allow: ownJudge, status: http.StatusOK, hidden: otherOnes},
		}},
		{"GET /api/v1/me", apiGet(func(*fixtures) string { return "/api/v1/me" }, members)},
		{"GET /api/v1/tokens", apiGet(func(*fixtures) string { return "/api/v1/tokens" }, members)},
		{"POST /api/v1/tokens", []authCase{{what: "a named token",
			req: func(*env, *fixtures, string) request {
				return request{api: true, method: http.MethodPost, path: "/api/v1/tokens", json: `{"name":"脚本"}`}
			}, allow: members}}},
		{"DELETE /api/v1/tokens/{tid}", []authCase{{what: "one's own token",
			req: func(e *env, _ *fixtures, role string) request {
				owner := role
				if role == rolePublic {
					owner = roleFiler
				}
				return request{api: true, method: http.MethodDelete, path: "/api/v1/tokens/" + itoa(e.token(owner))}
			}, allow: members}}},

		{"GET /api/v1/tables/{id}/monitor", []authCase{
			{what: "a published table of the filer's org", req: func(_ *env, fx *fixtures, _ string) request {
				return request{api: true, method: http.MethodGet, path: "/api/v1/tables/" + itoa(fx.published) + "/monitor"}
			}, allow: ownManager, status: http.StatusOK},
			{what: "a draft of the filer's org", req: func(_ *env, fx *fixtures, _ string) request {
				return request{api: true, method: http.MethodGet, path: "/api/v1/tables/" + itoa(fx.draft) + "/monitor"}
			}, allow: ownManager, status: http.StatusUnprocessableEntity, hidden: otherOnes},
		}},
		{"GET /api/v1/tables/{id}/evaluation", []authCase{{what: "a published table of the filer's org", req: func(_ *env, fx *fixtures, _ string) request {
			return request{api: true, method: http.MethodGet, path: "/api/v1/tables/" + itoa(fx.published) + "/evaluation"}
		}, allow: ownManager, status: http.StatusOK}}},

		{"GET /audit", page("/audit", admin)},
		{"GET /admin/users", page("/admin/users", admin)},
		{"POST /admin/users", []authCase{{what: "a new filer",
			req: func(_ *env, fx *fixtures, _ string) request {
				return request{method: http.MethodPost, path: "/admin/users", form: url.Values{
					"login": {"new-" + fx.next()}, "name": {"新填报人"}, "role": {"filer"}, "org": {orgOther}, "password": {"initial-pw-1"}}}
			}, allow: admin, status: http.StatusSeeOther}}},
		{"POST /admin/users/{uid}", []authCase{{what: "another account made a reviewer",
			req: func(e *env, fx *fixtures, _ string) request {
				u := e.createUser("someone-"+fx.next(), jixiao.RoleFiler, e.orgs[orgOwn])
				return request{method: http.MethodPost, path: "/admin/users/" + itoa(u.ID), form: url.Values{"role": {"reviewer"}, "org": {""}}}
			}, allow: admin, status: http.StatusSeeOther}}},
		{"GET /admin/orgs", page("/admin/orgs", admin)},
		{"POST /admin/orgs", []authCase{{what: "a new org",
			req: func(e *env, fx *fixtures, _ string) request {
				return request{method: http.MethodPost, path: "/admin/orgs", form: url.Values{
					"name": {"新单位" + fx.next()}, "parent": {itoa(e.orgs[orgOwnParent])}}}
			}, allow: admin, status: http.StatusSeeOther}}},
		{"POST /admin/orgs/{oid}", []authCase{{what: "an org moved under another",
			req: func(e *env, fx *fixtures, _ string) request {
				id, err := e.db.EnsureOrg(context.Background(), "待调整单位"+fx.next(), 0, "test")
				if err != nil {
					e.t.Fatal(err)
				}
				return request{method: http.MethodPost, path: "/admin/orgs/" + itoa(id), form: url.Values{"parent": {itoa(e.orgs[orgOwnParent])}}}
			}, allow: admin, status: http.StatusSeeOther}}},
	}
}

func TestAuthorisation(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		entries := authTable()
		checkCoversRoutes(t, e, entries)
		fx := &fixtures{
			draft:      e.table(orgOwn, jixiao.StatusDraft),
			published:  e.table(orgOwn, jixiao.StatusPublished),
			otherDraft: e.table(orgOther, jixiao.StatusDraft),
		}
		for _, en := range entries {
			for _, c := range en.cases {
				for _, role := range allRoles {
					t.Run(en.pattern+"/"+c.what+"/"+role, func(t *testing.T) {
						defer e.use(t)()
						rq := c.req(e, fx, role)
						cl := e.as(role)
						if rq.fresh {
							cl = e.fresh(role)
						}
						var r *response
						switch {
						case rq.api:
							r = cl.api(rq.method, rq.path, rq.json)
						case rq.file != nil:
							r = cl.upload(rq.path, nil, "t.json", rq.file)
						case rq.method == http.MethodPost:
							r = cl.post(rq.path, rq.form)
						default:
							r = cl.get(rq.path)
						}
						c.check(t, role, r)
					})
				}
			}
		}
	})
}

// check asserts what role must get.
func (c authCase) check(t *testing.T, role string, r *response) {
	t.Helper()
	toLogin := r.status == http.StatusSeeOther && strings.HasPrefix(r.location(), "/login")
	switch {
	case slices.Contains(c.allow, role):
		if r.status == http.StatusUnauthorized || r.status == http.StatusForbidden || r.status == http.StatusNotFound ||
			r.status >= 500 || toLogin || (c.status != 0 && r.status != c.status) {
			want := "through"
			if c.status != 0 {
				want = strconv.Itoa(c.status)
			}
			t.Errorf("%s as %s: status %d %s, want %s\n%s", r.req, role, r.status, r.location(), want, excerpt(r.body))
		}
	case slices.Contains(c.hidden, role):
		if r.status != http.StatusNotFound {
			t.Errorf("%s as %s: status %d %s, want 404 (not to be seen)\n%s", r.req, role, r.status, r.location(), excerpt(r.body))
		}
	case role == rolePublic:
		// A page asks to log in and comes back; a form post is refused.
		if !(toLogin && strings.Contains(r.location(), "next=")) && r.status != http.StatusUnauthorized && r.status != http.StatusForbidden {
			t.Errorf("%s as the public: status %d %s, want to be sent to log in\n%s", r.req, r.status, r.location(), excerpt(r.body))
		}
	default:
		if r.status != http.StatusForbidden {
			t.Errorf("%s as %s: status %d %s, want 403\n%s", r.req, role, r.status, r.location(), excerpt(r.body))
		}
	}
}

// checkCoversRoutes: the table has exactly one entry for every route and
// API operation, so a new route without its line here fails; and it
// allows no role a route's own access level refuses.
func checkCoversRoutes(t *testing.T, e *env, entries []authEntry) {
	t.Helper()
	levels := map[string]access{}
	for _, rt := range e.srv.routeTable() {
		levels[rt.pattern] = rt.access
	}
	for _, op := range e.srv.apiOperations() {
		levels[op.Method+" "+op.Path] = op.Access
	}
	seen := map[string]bool{}
	for _, en := range entries {
		if seen[en.pattern] {
			t.Errorf("authorisation table: %q twice", en.pattern)
		}
		seen[en.pattern] = true
		lvl, ok := levels[en.pattern]
		if !ok {
			t.Errorf("authorisation table: %q is neither a route nor an API operation", en.pattern)
			continue
		}
		if len(en.cases) == 0 {
			t.Errorf("authorisation table: %q has no case", en.pattern)
		}
		for _, c := range en.cases {
			for _, role := range c.allow {
				if !lvl.allows(e.userOf(role)) {
					t.Errorf("authorisation table: %q (%s) allows %s, which its access level %s refuses", en.pattern, c.what, role, lvl)
				}
				if slices.Contains(c.hidden, role) {
					t.Errorf("authorisation table: %q (%s) both allows and hides %s", en.pattern, c.what, role)
				}
			}
		}
	}
	var missing []string
	for p := range levels {
		if !seen[p] {
			missing = append(missing, p)
		}
	}
	sort.Strings(missing)
	for _, p := range missing {
		t.Errorf("authorisation table: no entry for %q: say who may use it", p)
	}
}

// userOf returns role's account, the zero User for the public.
func (e *env) userOf(role string) *jixiao.User {
	if u := e.users[role]; u != nil {
		return u
	}
	return &jixiao.User{}
}
