package web

import (
	"net/http"

	"jixiao"
)

// workflow takes a workflow step on a table version: the role may do it
// (CanAct), the user manages the org, and the store checks the status.
func (s *Server) workflow(w http.ResponseWriter, r *http.Request) error {
	sum, err := s.visibleSummary(r)
	if err != nil {
		return err
	}
	u := userOf(r)
	step := jixiao.Step{
		Action:  jixiao.Action(r.PostFormValue("action")),
		Comment: r.PostFormValue("comment"),
		Grade:   r.PostFormValue("grade"),
	}
	m, err := s.manages(r.Context(), u, sum.Org)
	if err != nil {
		return err
	}
	if !m || !jixiao.CanAct(u, step.Action) {
		return errForbidden("您无权对这张表进行“" + step.Action.Label() + "”")
	}
	if _, err := s.db.Transition(r.Context(), sum.ID, step, u.Login); err != nil {
		return err
	}
	return s.redirect(w, r, tableURL(sum.ID), string(step.Action))
}

func tableURL(id int64) string { return "/tables/" + itoa(id) }
