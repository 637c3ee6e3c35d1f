package jixiao

import (
	"slices"
	"time"
)

// Role is what a user may do (DESIGN §5).
type Role string

const (
	RoleAdmin    Role = "admin"    // 管理员: everything, users and orgs
	RoleReviewer Role = "reviewer" // 审核人: reviews tables of all orgs or of one org's subtree
	RoleFiler    Role = "filer"    // 填报人: fills in the tables of their own org
	RolePublic   Role = ""         // 公众: not logged in; published tables only
)

// Roles lists the roles of accounts, in the order forms offer them.
var Roles = []Role{RoleFiler, RoleReviewer, RoleAdmin}

// Label is the role's Chinese name.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "管理员"
	case RoleReviewer:
		return "审核人"
	case RoleFiler:
		return "填报人"
	}
	return "公众"
}

// Valid reports whether r is a role an account can have.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Org is a budget unit (单位). Parent makes the tree that a reviewer's
// scope covers: a 主管部门 and the units under it.
type Org struct {
	ID       int64
	Name     string
	ParentID int64 // 0: a root
}

// User is an account. The zero User is the anonymous public.
type User struct {
	ID        int64
	Login     string
	Name      string
	Role      Role
	OrgID     int64 // filer: own org; reviewer: root of the subtree, 0 = all orgs
	OrgName   string
	Disabled  bool
	CreatedAt time.Time
}

// Anonymous reports whether u is the public, not logged in.
func (u *User) Anonymous() bool { return u == nil || u.ID == 0 }

// Display is how the user is named in pages and the audit log.
func (u *User) Display() string {
	if u.Anonymous() {
		return "公众"
	}
	if u.Name != "" && u.Name != u.Login {
		return u.Name + "（" + u.Login + "）"
	}
	return u.Login
}

// OrgTree answers which orgs lie under which.
type OrgTree struct {
	parent map[int64]int64
	byName map[string]int64
}

// NewOrgTree indexes orgs.
func NewOrgTree(orgs []Org) *OrgTree {
	t := &OrgTree{parent: make(map[int64]int64, len(orgs)), byName: make(map[string]int64, len(orgs))}
	for _, o := range orgs {
		t.parent[o.ID] = o.ParentID
		t.byName[o.Name] = o.ID
	}
	return t
}

// ID returns the id of the org named name, 0 when unknown.
func (t *OrgTree) ID(name string) int64 { return t.byName[name] }

// Under reports whether org is root or lies below it. A cycle in the
// parent links ends the walk rather than looping.
func (t *OrgTree) Under(org, root int64) bool {
	for seen := 0; org != 0 && seen <= len(t.parent); seen++ {
		if org == root {
			return true
		}
		org = t.parent[org]
	}
	return false
}

// Manages reports whether u may see a table of org in every status and act
// on it: admins everywhere, reviewers in their subtree (or everywhere),
// filers in their own org. Everyone sees published tables; that needs no
// check.
func (t *OrgTree) Manages(u *User, org int64) bool {
	if u.Anonymous() || u.Disabled {
		return false
	}
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleReviewer:
		return u.OrgID == 0 || t.Under(org, u.OrgID)
	case RoleFiler:
		return u.OrgID != 0 && org == u.OrgID
	}
	return false
}
