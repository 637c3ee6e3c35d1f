package web

import (
	"net/http"

	"jixiao"
)

// access is who may use a route. Object-level rules (which orgs a user
// manages, what the public may see) are checked in the handlers on top.
type access int

const (
	anyone    access = iota // the public too
	member                  // any logged-in account
	editor                  // filer or admin: changes targets
	reviewers               // reviewer or admin: returns and approves
	admins                  // admin only
)

func (a access) String() string {
	return [...]string{"anyone", "member", "editor", "reviewers", "admins"}[a]
}

// allows reports whether u's role passes the route-level check.
func (a access) allows(u *jixiao.User) bool {
	if a == anyone {
		return true
	}
	if u.Anonymous() || u.Disabled {
		return false
	}
	switch a {
	case member:
		return true
	case editor:
		return u.Role == jixiao.RoleFiler || u.Role == jixiao.RoleAdmin
	case reviewers:
		return u.Role == jixiao.RoleReviewer || u.Role == jixiao.RoleAdmin
	case admins:
		return u.Role == jixiao.RoleAdmin
	}
	return false
}

// route is one entry of the table below.
type route struct {
	pattern string
	access  access
	handle  handlerFunc
}

// routeTable is every route of the application but the JSON API, which
// registers its operations with their access in api.go. The authorisation
// test walks this table and the API's with every role.
func (s *Server) routeTable() []route {
	return []route{
		// Public reading.
		{"GET /{$}", anyone, s.overview},
		{"GET /tables/{id}", anyone, s.tablePage},
		{"GET /tables/{id}/projects/{seq}", anyone, s.projectPage},
		{"GET /tables/{id}/versions", anyone, s.versionsPage},
		{"GET /tables/{id}/diff", anyone, s.diffPage},
		{"GET /tables/{id}/export/{format}", anyone, s.exportTable},
		{"GET /search", anyone, s.searchPage},
		{"GET /static/{file}", anyone, s.static},
		{"GET /healthz", anyone, s.healthz},
		{"GET /open-data", anyone, s.openDataPage},
		{"GET /open-data/{year}", anyone, s.yearZip},
		{"GET /schema/jixiao.table.v1.schema.json", anyone, s.schemaFile},
		{"GET /template.xlsx", anyone, s.filingTemplate},

		// The API's documents; its operations are in api.go.
		{"GET /api/openapi.json", anyone, s.openAPIDocument},
		{"GET /api/docs", anyone, s.apiDocsPage},

		// Accounts.
		{"GET /login", anyone, s.loginPage},
		{"POST /login", anyone, s.login},
		{"POST /logout", member, s.logout},
		{"GET /account", member, s.accountPage},
		{"POST /account/password", member, s.changePassword},
		{"POST /account/tokens", member, s.createToken},
		{"POST /account/tokens/{tid}/delete", member, s.deleteToken},

		// Filing: edit, import, workflow.
		{"GET /tables/{id}/projects/{seq}/edit", editor, s.editPage},
		{"POST /tables/{id}/projects/{seq}", editor, s.saveProject},
		{"POST /tables/{id}/projects/{seq}/review", editor, s.liveReview},
		{"GET /import", editor, s.importPage},
		{"POST /import", editor, s.importUpload},
		{"POST /import/{key}", editor, s.importCommit},
		{"POST /tables/{id}/workflow", member, s.workflow},

		// Monitoring and self-evaluation (DESIGN §6).
		{"GET /monitor", member, s.monitorOverview},
		{"GET /tables/{id}/monitor", member, s.tableMonitor},
		{"GET /tables/{id}/projects/{seq}/progress", member, s.progressPage},
		{"POST /tables/{id}/projects/{seq}/progress", editor, s.saveProgress},
		{"GET /tables/{id}/monitor/template/{format}", member, s.progressTemplate},
		{"POST /tables/{id}/monitor/upload", editor, s.progressUpload},
		{"GET /tables/{id}/evaluation", member, s.evaluationPage},
		{"GET /tables/{id}/evaluation/export/{format}", member, s.evaluationExport},
		{"GET /tables/{id}/projects/{seq}/evaluation", member, s.evalProjectPage},
		{"POST /tables/{id}/projects/{seq}/evaluation", editor, s.saveEvaluation},

		// Administration.
		{"GET /audit", admins, s.auditPage},
		{"GET /admin/users", admins, s.usersPage},
		{"POST /admin/users", admins, s.createUser},
		{"POST /admin/users/{uid}", admins, s.updateUser},
		{"GET /admin/orgs", admins, s.orgsPage},
		{"POST /admin/orgs", admins, s.createOrg},
		{"POST /admin/orgs/{oid}", admins, s.moveOrg},
	}
}

// routes builds the handler: every route behind the session, the role
// check, cross-origin protection for state-changing requests and the
// security headers.
func (s *Server) routes() (http.Handler, error) {
	mux := http.NewServeMux()
	for _, rt := range s.routeTable() {
		mux.Handle(rt.pattern, s.guard(rt.access, rt.handle))
	}
	if err := s.mountAPI(mux); err != nil {
		return nil, err
	}
	mux.Handle("/", s.guard(anyone, s.notFound))
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, errForbidden("跨站请求被拒绝：请从本站页面提交"))
	}))
	var h http.Handler = s.withUser(cop.Handler(mux))
	if s.cache != nil {
		h = s.cache.handler(h)
	}
	return s.securityHeaders(s.recoverer(h)), nil
}
