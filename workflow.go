package jixiao

// Status is where a table version stands in the workflow (DESIGN §5):
// draft → submitted → (returned → draft) | approved → published.
type Status string

const (
	StatusDraft     Status = "draft"     // 草稿: the filer is working on it
	StatusSubmitted Status = "submitted" // 已报送: waiting for the reviewer
	StatusReturned  Status = "returned"  // 已退回: the reviewer sent it back with a comment
	StatusApproved  Status = "approved"  // 已批复: approved with a grade; changes only by adjustment
	StatusPublished Status = "published" // 已公开: the public sees it
)

// Statuses lists the statuses in workflow order.
var Statuses = []Status{StatusDraft, StatusSubmitted, StatusReturned, StatusApproved, StatusPublished}

// Label is the status's Chinese name.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "草稿"
	case StatusSubmitted:
		return "已报送"
	case StatusReturned:
		return "已退回"
	case StatusApproved:
		return "已批复"
	case StatusPublished:
		return "已公开"
	}
	return string(s)
}

// Editable reports whether the targets of a version in status s may be
// changed directly; approved and published ones change only by adjustment.
func (s Status) Editable() bool { return s == StatusDraft || s == StatusReturned }

// Action is a step of the workflow.
type Action string

const (
	ActionSubmit  Action = "submit"  // 报送
	ActionReturn  Action = "return"  // 退回 (comment required)
	ActionApprove Action = "approve" // 批复 (grade required)
	ActionPublish Action = "publish" // 公开
)

// Actions lists the workflow actions.
var Actions = []Action{ActionSubmit, ActionReturn, ActionApprove, ActionPublish}

// Label is the action's Chinese name.
func (a Action) Label() string {
	switch a {
	case ActionSubmit:
		return "报送审核"
	case ActionReturn:
		return "退回修改"
	case ActionApprove:
		return "审核通过"
	case ActionPublish:
		return "公开"
	}
	return string(a)
}

// Grades are the reviewer's grades of an approved table (DESIGN §4).
var Grades = []string{"优", "良", "中", "差"}

// Step is one requested workflow action with what it needs.
type Step struct {
	Action  Action
	Comment string // required to return
	Grade   string // required to approve: 优/良/中/差
}

// Next returns the status a version in status from moves to under step, or
// an EINVALID error saying why the step is not possible. It does not check
// who asks: that is CanAct.
func Next(from Status, step Step) (Status, error) {
	want := map[Action]Status{
		ActionSubmit:  StatusDraft,
		ActionReturn:  StatusSubmitted,
		ActionApprove: StatusSubmitted,
		ActionPublish: StatusApproved,
	}
	need, ok := want[step.Action]
	if !ok {
		return "", Errorf(EINVALID, "未知的操作 %q", step.Action)
	}
	if from != need && !(step.Action == ActionSubmit && from == StatusReturned) {
		return "", Errorf(EINVALID, "%s的表不能%s", from.Label(), step.Action.Label())
	}
	switch step.Action {
	case ActionSubmit:
		return StatusSubmitted, nil
	case ActionReturn:
		if FoldSpace(step.Comment) == "" {
			return "", Errorf(EINVALID, "退回须写明意见")
		}
		return StatusReturned, nil
	case ActionApprove:
		if !validGrade(step.Grade) {
			return "", Errorf(EINVALID, "审核通过须给出等级：优、良、中或差")
		}
		return StatusApproved, nil
	default:
		return StatusPublished, nil
	}
}

func validGrade(g string) bool {
	for _, x := range Grades {
		if g == x {
			return true
		}
	}
	return false
}

// CanAct reports whether u may take action on a table of an org u manages
// (see OrgTree.Manages): filers submit and publish their own org's tables,
// reviewers and admins return, approve and publish.
func CanAct(u *User, a Action) bool {
	if u.Anonymous() || u.Disabled {
		return false
	}
	switch a {
	case ActionSubmit:
		return u.Role == RoleFiler || u.Role == RoleAdmin
	case ActionReturn, ActionApprove:
		return u.Role == RoleReviewer || u.Role == RoleAdmin
	case ActionPublish:
		return u.Role.Valid()
	}
	return false
}

// CanEdit reports whether u may change targets of a table of an org u
// manages: filers and admins; reviewers comment, they do not rewrite.
func CanEdit(u *User) bool {
	return !u.Anonymous() && !u.Disabled && (u.Role == RoleFiler || u.Role == RoleAdmin)
}
