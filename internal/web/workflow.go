package web

import (
	"context"
	"net/http"

	"jixiao"
)

// workflow takes a workflow step on a table version.
func (s *Server) workflow(w http.ResponseWriter, r *http.Request) error {
	sum, err := s.visibleSummary(r)
	if err != nil {
		return err
	}
	step := jixiao.Step{
		Action:  jixiao.Action(r.PostFormValue("action")),
		Comment: r.PostFormValue("comment"),
		Grade:   r.PostFormValue("grade"),
	}
	if _, err := s.act(r.Context(), userOf(r), sum, step); err != nil {
		return err
	}
	return s.redirect(w, r, tableURL(sum.ID), string(step.Action))
}

// act takes step on version sum for u: the role may do it (CanAct), u
// manages the org, and the store checks the status. The page and the API
// both act through here.
func (s *Server) act(ctx context.Context, u *jixiao.User, sum jixiao.TableSummary, step jixiao.Step) (jixiao.Status, error) {
	m, err := s.manages(ctx, u, sum.Org)
	if err != nil {
		return "", err
	}
	if !m || !jixiao.CanAct(u, step.Action) {
		return "", errForbidden("您无权对这张表进行“" + step.Action.Label() + "”")
	}
	return s.db.Transition(ctx, sum.ID, step, u.Login)
}

func tableURL(id int64) string { return "/tables/" + itoa(id) }
