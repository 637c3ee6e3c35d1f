package web

import (
	"context"
	"net/http"
	"strconv"

	"jixiao"
)

// What a user sees: published versions, everyone; every version of the
// tables of the orgs they manage (DESIGN §5). A version the user may not
// see is "not found", not "forbidden": its existence is not public either.

// visibleTables lists, per org and year, the version u should see: the
// current one where u manages the org, else the newest published one.
func (s *Server) visibleTables(ctx context.Context, u *jixiao.User, year int) ([]jixiao.TableSummary, error) {
	tree, err := s.orgs(ctx)
	if err != nil {
		return nil, err
	}
	published, err := s.db.Tables(ctx, jixiao.TableFilter{FiscalYear: year, Published: true})
	if err != nil {
		return nil, err
	}
	if u.Anonymous() {
		return published, nil
	}
	current, err := s.db.Tables(ctx, jixiao.TableFilter{FiscalYear: year})
	if err != nil {
		return nil, err
	}
	type key struct {
		org  string
		year int
	}
	managed := map[key]bool{}
	var list []jixiao.TableSummary
	for _, t := range current {
		if tree.Manages(u, tree.ID(t.Org)) {
			managed[key{t.Org, t.FiscalYear}] = true
			list = append(list, t)
		}
	}
	for _, t := range published {
		if !managed[key{t.Org, t.FiscalYear}] {
			list = append(list, t)
		}
	}
	sortSummaries(list)
	return list, nil
}

// canSee reports whether u may see table version t.
func (s *Server) canSee(ctx context.Context, u *jixiao.User, t jixiao.TableSummary) (bool, error) {
	if t.Status == jixiao.StatusPublished {
		return true, nil
	}
	return s.manages(ctx, u, t.Org)
}

// manages reports whether u manages the org named org.
func (s *Server) manages(ctx context.Context, u *jixiao.User, org string) (bool, error) {
	if u.Anonymous() {
		return false, nil
	}
	tree, err := s.orgs(ctx)
	if err != nil {
		return false, err
	}
	return tree.Manages(u, tree.ID(org)), nil
}

// visibleSummary loads the summary of the version in the path's {id} and
// checks that the user may see it.
func (s *Server) visibleSummary(r *http.Request) (jixiao.TableSummary, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return jixiao.TableSummary{}, errNotFound("绩效目标表不存在")
	}
	return s.visibleSummaryOf(r.Context(), userOf(r), id)
}

// visibleSummaryOf loads the summary of version id and checks that u may
// see it.
func (s *Server) visibleSummaryOf(ctx context.Context, u *jixiao.User, id int64) (jixiao.TableSummary, error) {
	if id <= 0 {
		return jixiao.TableSummary{}, errNotFound("绩效目标表不存在")
	}
	sum, err := s.db.Summary(ctx, id)
	if err != nil {
		return sum, err
	}
	ok, err := s.canSee(ctx, u, sum)
	if err != nil {
		return sum, err
	}
	if !ok {
		return sum, errNotFound("绩效目标表 %d 不存在", id)
	}
	return sum, nil
}

// visibleTable loads the whole version in the path's {id}.
func (s *Server) visibleTable(r *http.Request) (jixiao.TableSummary, *jixiao.Table, error) {
	sum, err := s.visibleSummary(r)
	if err != nil {
		return sum, nil, err
	}
	t, err := s.db.Table(r.Context(), sum.ID)
	return sum, t, err
}

// visibleTableOf loads the whole version id if u may see it.
func (s *Server) visibleTableOf(ctx context.Context, u *jixiao.User, id int64) (jixiao.TableSummary, *jixiao.Table, error) {
	sum, err := s.visibleSummaryOf(ctx, u, id)
	if err != nil {
		return sum, nil, err
	}
	t, err := s.db.Table(ctx, sum.ID)
	return sum, t, err
}

// visibleProjectOf loads project seq of version id if u may see the
// version: the table's header and review, the project's unit with only
// that project in it, and only that project's findings. Whether the
// version exists is told only to those who may see it.
func (s *Server) visibleProjectOf(ctx context.Context, u *jixiao.User, id int64, seq int) (jixiao.TableSummary, *jixiao.Table, *jixiao.Project, error) {
	if id <= 0 {
		return jixiao.TableSummary{}, nil, nil, errNotFound("绩效目标表不存在")
	}
	sum, t, p, err := s.db.TableProject(ctx, id, seq)
	if sum.ID != 0 {
		ok, serr := s.canSee(ctx, u, sum)
		if serr != nil {
			return sum, nil, nil, serr
		}
		if !ok {
			return sum, nil, nil, errNotFound("绩效目标表 %d 不存在", id)
		}
	}
	if jixiao.ErrorCode(err) == jixiao.ENOTFOUND && sum.ID != 0 {
		return sum, nil, nil, errNotFound("项目不存在")
	}
	return sum, t, p, err
}

// visibleVersions lists the versions of version id's table that u may
// see, oldest first.
func (s *Server) visibleVersions(ctx context.Context, u *jixiao.User, id int64) ([]jixiao.TableSummary, error) {
	all, err := s.db.Versions(ctx, id)
	if err != nil {
		return nil, err
	}
	var list []jixiao.TableSummary
	for _, t := range all {
		if ok, err := s.canSee(ctx, u, t); err != nil {
			return nil, err
		} else if ok {
			list = append(list, t)
		}
	}
	return list, nil
}

// projectAt returns the project in the path's {seq} (1-based).
func projectAt(r *http.Request, t *jixiao.Table) (*jixiao.Project, int, error) {
	seq, err := strconv.Atoi(r.PathValue("seq"))
	if err != nil {
		return nil, 0, errNotFound("项目不存在")
	}
	return projectNo(t, seq)
}

// projectNo returns project seq (1-based) of t.
func projectNo(t *jixiao.Table, seq int) (*jixiao.Project, int, error) {
	ps := t.Projects()
	if seq < 1 || seq > len(ps) {
		return nil, 0, errNotFound("项目不存在")
	}
	return ps[seq-1], seq, nil
}
