package sqldb

import (
	"jixiao"
)

// The column lists and row builders below are the one place where the
// domain types are flattened into rows for writing; load.go reads them back
// in the same order.
//
// Values are passed as the driver's own types (int64, string, bool): a named
// type such as jixiao.Fen would make database/sql convert every argument by
// reflection.

var unitCols = []string{
	"id", "table_id", "seq", "name",
	"total_fen", "fiscal_fen", "special_account_fen", "other_fen",
}

func appendUnit(args []any, id, tableID int64, seq int, u *jixiao.Unit) []any {
	return append(args, id, tableID, int64(seq), u.Name,
		int64(u.Funding.Total), int64(u.Funding.Fiscal), int64(u.Funding.SpecialAccount), int64(u.Funding.Other))
}

var projectCols = []string{
	"id", "table_id", "unit_id", "seq", "name", "org",
	"total_fen", "fiscal_fen", "special_account_fen", "other_fen",
	"goal", "annual_goal", "transfer_payment",
}

func appendProject(args []any, id, tableID, unitID int64, seq int, p *jixiao.Project) []any {
	return append(args, id, tableID, unitID, int64(seq), p.Name, p.Org,
		int64(p.Funding.Total), int64(p.Funding.Fiscal), int64(p.Funding.SpecialAccount), int64(p.Funding.Other),
		p.Goal, p.AnnualGoal, p.TransferPayment)
}

var indicatorCols = []string{
	"project_id", "seq",
	"level1_code", "level1_name", "level2_code", "level2_name",
	"name", "unit", "direction", "weight",
	"period_raw", "period_text", "period_kind", "period_op", "period_implicit_op",
	"period_value", "period_max", "period_unit", "period_qualifier", "period_date", "period_bool",
	"annual_raw", "annual_text", "annual_kind", "annual_op", "annual_implicit_op",
	"annual_value", "annual_max", "annual_unit", "annual_qualifier", "annual_date", "annual_bool",
}

func appendIndicator(args []any, projectID int64, in *jixiao.Indicator) []any {
	args = append(args, projectID, int64(in.Seq),
		in.Level1.Code, in.Level1.Name, in.Level2.Code, in.Level2.Name,
		in.Name, in.Unit, string(in.Direction), in.Weight.String())
	args = appendTarget(args, &in.Period)
	return appendTarget(args, &in.Annual)
}

func appendTarget(args []any, t *jixiao.Target) []any {
	return append(args, t.Raw, t.Text, string(t.Kind), string(t.Op), t.ImplicitOp,
		t.Value.String(), t.Max.String(), t.Unit, t.Qualifier, t.Date, t.Bool)
}

// indicatorSource is the rowSource of a table's indicators.
type indicatorSource struct {
	projects   []*jixiao.Project
	projectIDs []int64 // parallel to projects
	p, i       int     // current project, and next indicator within it
	cur        *jixiao.Indicator
	row        []any
}

func newIndicatorSource(projects []*jixiao.Project, ids []int64) *indicatorSource {
	return &indicatorSource{projects: projects, projectIDs: ids, row: make([]any, 0, len(indicatorCols))}
}

func (s *indicatorSource) Next() bool {
	for s.p < len(s.projects) {
		ins := s.projects[s.p].Indicators
		if s.i < len(ins) {
			s.cur = ins[s.i]
			s.i++
			return true
		}
		s.p, s.i = s.p+1, 0
	}
	return false
}

// Values reuses its slice, like funcSource.Values.
func (s *indicatorSource) Values() ([]any, error) {
	s.row = appendIndicator(s.row[:0], s.projectIDs[s.p], s.cur)
	return s.row, nil
}

func (s *indicatorSource) Err() error { return nil }
