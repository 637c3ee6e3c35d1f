package jixiao_test

import (
	"testing"

	"jixiao"
)

// TestNext is the workflow of DESIGN §5 as a table: every status against
// every action, each step given what it needs (a comment, a grade), so that
// only the status decides. Five moves are allowed; every other pair is
// refused with a message naming the status and the action.
func TestNext(t *testing.T) {
	const (
		draft     = jixiao.StatusDraft
		submitted = jixiao.StatusSubmitted
		returned  = jixiao.StatusReturned
		approved  = jixiao.StatusApproved
		published = jixiao.StatusPublished
	)
	submit := jixiao.Step{Action: jixiao.ActionSubmit}
	ret := jixiao.Step{Action: jixiao.ActionReturn, Comment: "目标不够具体"}
	approve := jixiao.Step{Action: jixiao.ActionApprove, Grade: "良"}
	publish := jixiao.Step{Action: jixiao.ActionPublish}
	tests := []struct {
		name    string
		from    jixiao.Status
		step    jixiao.Step
		want    jixiao.Status // "" when refused
		wantErr string
	}{
		{"draft submit", draft, submit, submitted, ""},
		{"draft return", draft, ret, "", "草稿的表不能退回修改"},
		{"draft approve", draft, approve, "", "草稿的表不能审核通过"},
		{"draft publish", draft, publish, "", "草稿的表不能公开"},

		{"submitted submit", submitted, submit, "", "已报送的表不能报送审核"},
		{"submitted return", submitted, ret, returned, ""},
		{"submitted approve", submitted, approve, approved, ""},
		{"submitted publish", submitted, publish, "", "已报送的表不能公开"},

		{"returned submit", returned, submit, submitted, ""},
		{"returned return", returned, ret, "", "已退回的表不能退回修改"},
		{"returned approve", returned, approve, "", "已退回的表不能审核通过"},
		{"returned publish", returned, publish, "", "已退回的表不能公开"},

		{"approved submit", approved, submit, "", "已批复的表不能报送审核"},
		{"approved return", approved, ret, "", "已批复的表不能退回修改"},
		{"approved approve", approved, approve, "", "已批复的表不能审核通过"},
		{"approved publish", approved, publish, published, ""},

		{"published submit", published, submit, "", "已公开的表不能报送审核"},
		{"published return", published, ret, "", "已公开的表不能退回修改"},
		{"published approve", published, approve, "", "已公开的表不能审核通过"},
		{"published publish", published, publish, "", "已公开的表不能公开"},

		// What a step needs.
		{"return without comment", submitted, jixiao.Step{Action: jixiao.ActionReturn}, "", "退回须写明意见"},
		{"return with only white space", submitted, jixiao.Step{Action: jixiao.ActionReturn, Comment: " \u3000\t"}, "", "退回须写明意见"},
		{"approve without grade", submitted, jixiao.Step{Action: jixiao.ActionApprove}, "", "审核通过须给出等级：优、良、中或差"},
		{"approve with a grade not 优良中差", submitted, jixiao.Step{Action: jixiao.ActionApprove, Grade: "A"}, "", "审核通过须给出等级：优、良、中或差"},
		{"approve with 优秀 for 优", submitted, jixiao.Step{Action: jixiao.ActionApprove, Grade: "优秀"}, "", "审核通过须给出等级：优、良、中或差"},
		{"approve with 优", submitted, jixiao.Step{Action: jixiao.ActionApprove, Grade: "优"}, approved, ""},
		{"approve with 差", submitted, jixiao.Step{Action: jixiao.ActionApprove, Grade: "差"}, approved, ""},
		{"submit ignores a comment", draft, jixiao.Step{Action: jixiao.ActionSubmit, Comment: "请审核"}, submitted, ""},

		// What is not a step or not a status.
		{"unknown action", submitted, jixiao.Step{Action: "delete"}, "", `未知的操作 "delete"`},
		{"no action", draft, jixiao.Step{}, "", `未知的操作 ""`},
		{"unknown status", "archived", submit, "", "archived的表不能报送审核"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jixiao.Next(tt.from, tt.step)
			if got != tt.want {
				t.Errorf("Next(%s, %+v) = %q, want %q", tt.from, tt.step, got, tt.want)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("Next(%s, %+v) refused: %v", tt.from, tt.step, err)
				}
				return
			}
			if code := jixiao.ErrorCode(err); code != jixiao.EINVALID {
				t.Errorf("error %v has code %q, want %q", err, code, jixiao.EINVALID)
			}
			if msg := jixiao.ErrorMessage(err); msg != tt.wantErr {
				t.Errorf("message = %q, want %q", msg, tt.wantErr)
			}
		})
	}
}

// Every status and action has a Chinese label, and every status a step
// leads to is one of Statuses.
func TestWorkflowLabels(t *testing.T) {
	for _, s := range jixiao.Statuses {
		if s.Label() == string(s) {
			t.Errorf("status %q has no label", s)
		}
	}
	for _, a := range jixiao.Actions {
		if a.Label() == string(a) {
			t.Errorf("action %q has no label", a)
		}
	}
	editable := map[jixiao.Status]bool{jixiao.StatusDraft: true, jixiao.StatusReturned: true}
	for _, s := range jixiao.Statuses {
		if got := s.Editable(); got != editable[s] {
			t.Errorf("%s.Editable() = %v, want %v", s, got, editable[s])
		}
	}
}

// users are one account of each kind that CanAct, CanEdit and Manages must
// tell apart.
var (
	admin        = &jixiao.User{ID: 1, Login: "admin", Role: jixiao.RoleAdmin}
	reviewerAll  = &jixiao.User{ID: 2, Login: "rall", Role: jixiao.RoleReviewer}
	reviewerEdu  = &jixiao.User{ID: 3, Login: "redu", Role: jixiao.RoleReviewer, OrgID: orgEducation}
	filer        = &jixiao.User{ID: 4, Login: "filer", Role: jixiao.RoleFiler, OrgID: orgSchool}
	disabled     = &jixiao.User{ID: 5, Login: "gone", Role: jixiao.RoleAdmin, Disabled: true}
	anonymous    = &jixiao.User{}
	nobody       *jixiao.User // nil: no session at all
	unknownRole  = &jixiao.User{ID: 6, Login: "odd", Role: "auditor"}
	filerNoOrg   = &jixiao.User{ID: 7, Login: "lost", Role: jixiao.RoleFiler}
	reviewerLoop = &jixiao.User{ID: 8, Login: "rloop", Role: jixiao.RoleReviewer, OrgID: orgLoopA}
)

func TestCanAct(t *testing.T) {
	tests := []struct {
		name                          string
		user                          *jixiao.User
		submit, ret, approve, publish bool
	}{
		{"filer submits and publishes", filer, true, false, false, true},
		{"reviewer returns, approves and publishes", reviewerEdu, false, true, true, true},
		{"reviewer of all orgs likewise", reviewerAll, false, true, true, true},
		{"admin does everything", admin, true, true, true, true},
		{"disabled account does nothing", disabled, false, false, false, false},
		{"anonymous does nothing", anonymous, false, false, false, false},
		{"nil user does nothing", nobody, false, false, false, false},
		{"a role that is none of the three does nothing", unknownRole, false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for a, want := range map[jixiao.Action]bool{
				jixiao.ActionSubmit: tt.submit, jixiao.ActionReturn: tt.ret,
				jixiao.ActionApprove: tt.approve, jixiao.ActionPublish: tt.publish,
			} {
				if got := jixiao.CanAct(tt.user, a); got != want {
					t.Errorf("CanAct(%s, %s) = %v, want %v", tt.user.Display(), a, got, want)
				}
			}
			if jixiao.CanAct(tt.user, "delete") {
				t.Errorf("CanAct(%s, delete) = true for an action that does not exist", tt.user.Display())
			}
		})
	}
}

func TestCanEdit(t *testing.T) {
	tests := []struct {
		name string
		user *jixiao.User
		want bool
	}{
		{"filer", filer, true},
		{"admin", admin, true},
		{"reviewer comments, does not rewrite", reviewerEdu, false},
		{"reviewer of all orgs", reviewerAll, false},
		{"disabled", disabled, false},
		{"anonymous", anonymous, false},
		{"nil user", nobody, false},
		{"unknown role", unknownRole, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jixiao.CanEdit(tt.user); got != tt.want {
				t.Errorf("CanEdit = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRole(t *testing.T) {
	for _, tt := range []struct {
		role  jixiao.Role
		valid bool
		label string
	}{
		{jixiao.RoleAdmin, true, "管理员"},
		{jixiao.RoleReviewer, true, "审核人"},
		{jixiao.RoleFiler, true, "填报人"},
		{jixiao.RolePublic, false, "公众"},
		{"auditor", false, "公众"},
	} {
		if got := tt.role.Valid(); got != tt.valid {
			t.Errorf("Role(%q).Valid() = %v, want %v", tt.role, got, tt.valid)
		}
		if got := tt.role.Label(); got != tt.label {
			t.Errorf("Role(%q).Label() = %q, want %q", tt.role, got, tt.label)
		}
	}
	for _, tt := range []struct {
		user *jixiao.User
		want string
	}{
		{nobody, "公众"},
		{anonymous, "公众"},
		{&jixiao.User{ID: 1, Login: "zhang", Name: "张三"}, "张三（zhang）"},
		{&jixiao.User{ID: 1, Login: "zhang", Name: "zhang"}, "zhang"},
		{&jixiao.User{ID: 1, Login: "zhang"}, "zhang"},
	} {
		if got := tt.user.Display(); got != tt.want {
			t.Errorf("Display() = %q, want %q", got, tt.want)
		}
	}
}
