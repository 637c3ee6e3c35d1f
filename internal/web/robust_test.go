package web

import (
	"net/url"
	"testing"

	"jixiao"
	"jixiao/internal/sqldb"
)

// Addresses and forms that no page makes: each is answered with the
// status that says what is wrong, and none is an internal error.
func TestMalformedRequests(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		id := e.table(orgOwn, jixiao.StatusDraft)
		tbl := itoa(id)
		_, form := e.as(roleFiler).editForm(id, 1)
		ragged := clone(form)
		ragged["ind_unit"] = ragged["ind_unit"][1:]

		tests := []struct {
			role   string
			method string
			path   string
			form   url.Values
			want   int
		}{
			{roleFiler, "GET", "/tables/abc", nil, 404},
			{roleFiler, "GET", "/tables/-1", nil, 404},
			{roleFiler, "GET", "/tables/0", nil, 404},
			{roleFiler, "GET", "/tables/99999", nil, 404},
			{roleFiler, "GET", "/tables/99999999999999999999", nil, 404},
			{roleFiler, "GET", "/tables/" + tbl + "/projects/0", nil, 404},
			{roleFiler, "GET", "/tables/" + tbl + "/projects/999", nil, 404},
			{roleFiler, "GET", "/tables/" + tbl + "/projects/x", nil, 404},
			{roleFiler, "GET", "/tables/" + tbl + "/projects/999/edit", nil, 404},
			{roleFiler, "GET", "/tables/" + tbl + "/export/docx", nil, 404},
			{roleFiler, "GET", "/tables/" + tbl + "/diff?from=abc", nil, 404},
			{roleFiler, "GET", "/tables/" + tbl + "/diff?to=99999", nil, 404},
			{roleFiler, "GET", "/static/nope.css", nil, 404},
			{roleFiler, "GET", "/static/", nil, 404},
			{rolePublic, "GET", "/search?q=" + url.QueryEscape("'; DROP TABLE projects; --"), nil, 200},
			{rolePublic, "GET", "/?year=abc", nil, 200},
			{rolePublic, "GET", "/?year=1900", nil, 200},
			{roleAdmin, "GET", "/audit?before=abc&object=x", nil, 200},
			{roleFiler, "POST", "/tables/" + tbl + "/projects/1", ragged, 422},
			{roleFiler, "POST", "/tables/" + tbl + "/projects/1/review", ragged, 422},
			{roleFiler, "POST", "/tables/" + tbl + "/projects/999", form, 404},
			{roleFiler, "POST", "/tables/" + tbl + "/workflow", url.Values{"action": {"fly"}}, 403},
			{roleAdmin, "POST", "/tables/" + tbl + "/workflow", url.Values{"action": {"publish"}}, 422},
			{roleFiler, "POST", "/import/", nil, 404},
			{roleFiler, "POST", "/account/tokens/abc/delete", nil, 404},
			{roleAdmin, "POST", "/admin/users/abc", url.Values{"role": {"filer"}}, 404},
			{roleAdmin, "POST", "/admin/users/99999", url.Values{"role": {"reviewer"}}, 404},
			{roleAdmin, "POST", "/admin/users/" + itoa(e.users[roleFiler].ID), url.Values{"role": {"king"}, "org": {orgOwn}}, 422},
			{roleAdmin, "POST", "/admin/users/" + itoa(e.users[roleAdmin].ID), url.Values{"role": {"filer"}, "org": {orgOwn}}, 422},
			{roleAdmin, "POST", "/admin/users", url.Values{"login": {"x1"}, "role": {"king"}, "password": {"long-enough-1"}}, 422},
			{roleAdmin, "POST", "/admin/orgs/abc", url.Values{"parent": {"0"}}, 404},
			{roleAdmin, "POST", "/admin/orgs/99999", url.Values{"parent": {"0"}}, 404},
			{roleAdmin, "POST", "/admin/orgs/" + itoa(e.orgs[orgOwn]), url.Values{"parent": {"99999"}}, 404},
			{roleAdmin, "POST", "/admin/orgs", url.Values{"name": {"  "}}, 422},
		}
		for _, tc := range tests {
			t.Run(tc.role+" "+tc.method+" "+tc.path, func(t *testing.T) {
				defer e.use(t)()
				c := e.as(tc.role)
				var r *response
				if tc.method == "POST" {
					r = c.post(tc.path, tc.form)
				} else {
					r = c.get(tc.path)
				}
				if r.status != tc.want {
					t.Errorf("status %d, want %d\n%s", r.status, tc.want, excerpt(r.body))
				}
			})
		}
		if e.current(id).ID != id {
			t.Error("a malformed request saved a version")
		}
	})
}
