package web

import (
	"net/http"
	"strconv"

	"jixiao"
	"jixiao/internal/auth"
	"jixiao/internal/sqldb"
)

type auditView struct {
	Records []jixiao.AuditRecord
	Object  string
	Actor   string
	Next    int64 // seq to continue below, 0 at the end
	Verify  *auditVerify
}

type auditVerify struct {
	Checked int64
	Break   *jixiao.AuditBreak
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	v := auditView{Object: q.Get("object"), Actor: q.Get("actor")}
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	const page = 100
	recs, err := s.db.AuditLog(r.Context(), sqldb.AuditFilter{Object: v.Object, Actor: v.Actor, Before: before, Limit: page})
	if err != nil {
		return err
	}
	v.Records = recs
	if len(recs) == page {
		v.Next = recs[len(recs)-1].Seq
	}
	if q.Get("verify") == "1" {
		n, b, err := s.db.VerifyAudit(r.Context(), nil)
		if err != nil {
			return err
		}
		v.Verify = &auditVerify{Checked: n, Break: b}
	}
	return s.render(w, r, "audit", "审计日志", v)
}

type usersView struct {
	Users []jixiao.User
	Orgs  []jixiao.Org
	Roles []jixiao.Role
	Form  newUserForm
}

type newUserForm struct {
	Login, Name, Role, Org string
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderUsers(w, r, newUserForm{Role: string(jixiao.RoleFiler)}, "", http.StatusOK)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, f newUserForm, errMsg string, status int) error {
	users, err := s.db.Users(r.Context())
	if err != nil {
		return err
	}
	orgs, err := s.db.Orgs(r.Context())
	if err != nil {
		return err
	}
	v := &view{User: userOf(r), Title: "账号管理", Path: r.URL.Path, Error: errMsg,
		Page: usersView{Users: users, Orgs: orgs, Roles: jixiao.Roles, Form: f}}
	v.Flash = s.takeFlash(w, r)
	return s.renderView(w, "users", v, status)
}

// orgByName returns the id of an org named in a form, creating it when
// the admin typed a new name; "" is no org (0).
func (s *Server) orgByName(r *http.Request, name string) (int64, error) {
	name = jixiao.FoldSpace(name)
	if name == "" {
		return 0, nil
	}
	id, err := s.db.EnsureOrg(r.Context(), name, 0, userOf(r).Login)
	s.forgetOrgs()
	return id, err
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	f := newUserForm{Login: jixiao.FoldSpace(r.PostFormValue("login")), Name: jixiao.FoldSpace(r.PostFormValue("name")),
		Role: r.PostFormValue("role"), Org: r.PostFormValue("org")}
	pw := r.PostFormValue("password")
	fail := func(msg string) error { return s.renderUsers(w, r, f, msg, http.StatusUnprocessableEntity) }
	if f.Login == "" {
		return fail("请填写登录名。")
	}
	if err := auth.CheckPasswordStrength(pw); err != nil {
		return fail(err.Error() + "。")
	}
	role := jixiao.Role(f.Role)
	if !role.Valid() {
		return fail("请选择角色。")
	}
	org, err := s.orgByName(r, f.Org)
	if err != nil {
		return fail(jixiao.ErrorMessage(err))
	}
	h, err := auth.HashPassword(pw, auth.Default)
	if err != nil {
		return err
	}
	_, err = s.db.CreateUser(r.Context(), sqldb.NewUser{Login: f.Login, Name: f.Name, Role: role, OrgID: org, PasswordHash: h}, userOf(r).Login)
	if code := jixiao.ErrorCode(err); code == jixiao.EINVALID || code == jixiao.ECONFLICT {
		return fail(jixiao.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/admin/users", "user")
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		return errNotFound("账号不存在")
	}
	me := userOf(r)
	var c sqldb.UserChange
	role := jixiao.Role(r.PostFormValue("role"))
	c.Role = &role
	disabled := r.PostFormValue("disabled") == "on"
	c.Disabled = &disabled
	if id == me.ID && (disabled || role != jixiao.RoleAdmin) {
		return s.renderUsers(w, r, newUserForm{}, "不能停用自己的账号或取消自己的管理员角色。", http.StatusUnprocessableEntity)
	}
	org, err := s.orgByName(r, r.PostFormValue("org"))
	if err != nil {
		return err
	}
	c.OrgID = &org
	if pw := r.PostFormValue("password"); pw != "" {
		if err := auth.CheckPasswordStrength(pw); err != nil {
			return s.renderUsers(w, r, newUserForm{}, err.Error()+"。", http.StatusUnprocessableEntity)
		}
		h, err := auth.HashPassword(pw, auth.Default)
		if err != nil {
			return err
		}
		c.PasswordHash = &h
	}
	if _, err := s.db.UpdateUser(r.Context(), id, c, me.Login); err != nil {
		if jixiao.ErrorCode(err) == jixiao.EINVALID {
			return s.renderUsers(w, r, newUserForm{}, jixiao.ErrorMessage(err), http.StatusUnprocessableEntity)
		}
		return err
	}
	return s.redirect(w, r, "/admin/users", "user")
}

type orgsView struct {
	Orgs   []orgRow
	All    []jixiao.Org
	Parent map[int64]string
}

type orgRow struct {
	jixiao.Org
	Depth  int
	Parent string
}

func (s *Server) orgsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderOrgs(w, r, "", http.StatusOK)
}

func (s *Server) renderOrgs(w http.ResponseWriter, r *http.Request, errMsg string, status int) error {
	orgs, err := s.db.Orgs(r.Context())
	if err != nil {
		return err
	}
	children := map[int64][]jixiao.Org{}
	name := map[int64]string{}
	for _, o := range orgs {
		children[o.ParentID] = append(children[o.ParentID], o)
		name[o.ID] = o.Name
	}
	var rows []orgRow
	seen := map[int64]bool{}
	var walk func(parent int64, depth int)
	walk = func(parent int64, depth int) {
		for _, o := range children[parent] {
			if seen[o.ID] {
				continue
			}
			seen[o.ID] = true
			rows = append(rows, orgRow{Org: o, Depth: depth, Parent: name[o.ParentID]})
			walk(o.ID, depth+1)
		}
	}
	walk(0, 0)
	v := &view{User: userOf(r), Title: "单位管理", Path: r.URL.Path, Error: errMsg, Page: orgsView{Orgs: rows, All: orgs}}
	v.Flash = s.takeFlash(w, r)
	return s.renderView(w, "orgs", v, status)
}

func (s *Server) createOrg(w http.ResponseWriter, r *http.Request) error {
	name := jixiao.FoldSpace(r.PostFormValue("name"))
	if name == "" {
		return s.renderOrgs(w, r, "请填写单位名称。", http.StatusUnprocessableEntity)
	}
	parent, _ := strconv.ParseInt(r.PostFormValue("parent"), 10, 64)
	if _, err := s.db.EnsureOrg(r.Context(), name, parent, userOf(r).Login); err != nil {
		return err
	}
	s.forgetOrgs()
	return s.redirect(w, r, "/admin/orgs", "org")
}

func (s *Server) moveOrg(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("oid"), 10, 64)
	if err != nil {
		return errNotFound("单位不存在")
	}
	parent, _ := strconv.ParseInt(r.PostFormValue("parent"), 10, 64)
	if err := s.db.SetOrgParent(r.Context(), id, parent, userOf(r).Login); err != nil {
		if jixiao.ErrorCode(err) == jixiao.EINVALID {
			return s.renderOrgs(w, r, jixiao.ErrorMessage(err), http.StatusUnprocessableEntity)
		}
		return err
	}
	s.forgetOrgs()
	return s.redirect(w, r, "/admin/orgs", "org")
}
