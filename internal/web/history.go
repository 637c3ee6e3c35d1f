package web

import (
	"net/http"
	"strconv"

	"jixiao"
	"jixiao/internal/diff"
)

type versionsView struct {
	Sum      jixiao.TableSummary
	Versions []jixiao.TableSummary
}

// versionsPage lists the versions of a table the user may see.
func (s *Server) versionsPage(w http.ResponseWriter, r *http.Request) error {
	sum, err := s.visibleSummary(r)
	if err != nil {
		return err
	}
	v := versionsView{Sum: sum}
	if v.Versions, err = s.visibleVersions(r.Context(), userOf(r), sum.ID); err != nil {
		return err
	}
	return s.render(w, r, "versions", sum.Org+" "+strconv.Itoa(sum.FiscalYear)+" 年 版本历史", v)
}

type diffView struct {
	Sum      jixiao.TableSummary
	From, To jixiao.TableSummary
	Versions []jixiao.TableSummary
	Project  string
	Changes  []diff.Change
}

// diffPage compares two versions (?from=ID&to=ID, default: the one before
// and this one), optionally for one project (?project=NAME).
func (s *Server) diffPage(w http.ResponseWriter, r *http.Request) error {
	sum, err := s.visibleSummary(r)
	if err != nil {
		return err
	}
	visible, err := s.visibleVersions(r.Context(), userOf(r), sum.ID)
	if err != nil {
		return err
	}
	pick := func(param string, dflt jixiao.TableSummary) (jixiao.TableSummary, error) {
		q := r.URL.Query().Get(param)
		if q == "" {
			return dflt, nil
		}
		id, _ := strconv.ParseInt(q, 10, 64)
		for _, t := range visible {
			if t.ID == id {
				return t, nil
			}
		}
		return dflt, errNotFound("版本 %s 不存在", q)
	}
	v := diffView{Sum: sum, Versions: visible, Project: r.URL.Query().Get("project")}
	if v.To, err = pick("to", sum); err != nil {
		return err
	}
	prev := v.To
	for _, t := range visible {
		if t.Version < v.To.Version {
			prev = t
		}
	}
	if v.From, err = pick("from", prev); err != nil {
		return err
	}
	a, err := s.db.Table(r.Context(), v.From.ID)
	if err != nil {
		return err
	}
	b, err := s.db.Table(r.Context(), v.To.ID)
	if err != nil {
		return err
	}
	for _, c := range diff.Tables(a, b) {
		if v.Project == "" || c.Project == v.Project {
			v.Changes = append(v.Changes, c)
		}
	}
	return s.render(w, r, "diff", "版本对比", v)
}
