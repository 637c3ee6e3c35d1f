package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jixiao"
)

// TableProject loads what a page about project seq (1-based) of table
// version id needs, and no more: the version's summary; its header as a
// Table holding one unit, the project's own, with just that project and
// its indicators; and the review's score and grade with the findings of
// that project (by name). Project pages are read far more often than
// tables are written, and a whole table of a hundred projects costs a
// hundred times as much to load as one of them.
//
// It takes three statements and no transaction: the rows of a version
// are never changed, and of what can change (status, review) each
// statement reads a consistent state; a page may at worst show a review
// score from just before a re-review beside the findings from just after.
//
// ENOTFOUND when the version does not exist; when only the project does
// not, ENOTFOUND with the version's summary, so that the caller can first
// decide whether the user may know that the version exists.
func (db *DB) TableProject(ctx context.Context, id int64, seq int) (jixiao.TableSummary, *jixiao.Table, *jixiao.Project, error) {
	sum, t, p, err := db.loadTableProject(ctx, id, seq)
	if err != nil {
		return sum, nil, nil, fmt.Errorf("load table %d project %d: %w", id, seq, err)
	}
	return sum, t, p, nil
}

func (db *DB) loadTableProject(ctx context.Context, id int64, seq int) (jixiao.TableSummary, *jixiao.Table, *jixiao.Project, error) {
	var sc summaryScan
	t := &jixiao.Table{}
	var u jixiao.Unit
	p := &jixiao.Project{}
	dest := append(sc.dest(), &t.Org, &t.FiscalYearSource,
		&t.Total.Fiscal, &t.Total.SpecialAccount, &t.Total.Other, &t.Comment,
		&u.Name, &u.Funding.Total, &u.Funding.Fiscal, &u.Funding.SpecialAccount, &u.Funding.Other,
		&p.ID, &p.Name, &p.Org, &p.Funding.Total, &p.Funding.Fiscal, &p.Funding.SpecialAccount, &p.Funding.Other,
		&p.Goal, &p.AnnualGoal, &p.TransferPayment)
	err := db.queryRowx(ctx, nil, tableProjectSQL, id, seq).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		sum, err := db.Summary(ctx, id)
		if err != nil {
			return sum, nil, nil, err
		}
		return sum, nil, nil, jixiao.Errorf(jixiao.ENOTFOUND, "项目不存在 (table %d has no project %d)", id, seq)
	}
	if err != nil {
		return jixiao.TableSummary{}, nil, nil, err
	}
	sum := sc.summary()
	t.ID, t.Title, t.FiscalYear, t.Version, t.MoneyUnit = sum.ID, sum.Title, sum.FiscalYear, sum.Version, sum.MoneyUnit
	t.Total.Total, t.Source, t.Hash, t.ImportedAt = sum.Total, sum.Source, sum.Hash, sum.ImportedAt
	t.Status, t.CreatedBy, t.Note, t.Grade = sum.Status, sum.CreatedBy, sum.Note, sum.Grade
	u.Projects = []*jixiao.Project{p}
	t.Units = []jixiao.Unit{u}

	rows, err := db.queryx(ctx, nil, projectIndicatorsSQL, p.ID)
	if err != nil {
		return sum, nil, nil, fmt.Errorf("indicators: %w", err)
	}
	if err := scanIndicators(rows, map[int64]*jixiao.Project{p.ID: p}); err != nil {
		return sum, nil, nil, fmt.Errorf("indicators: %w", err)
	}
	if sum.ReviewGrade != "" {
		t.Review = &jixiao.Review{Score: sum.ReviewScore, Grade: sum.ReviewGrade}
		rows, err := db.queryx(ctx, nil, projectFindingsSQL, id, p.Name)
		if err != nil {
			return sum, nil, nil, fmt.Errorf("review: %w", err)
		}
		if t.Review.Findings, err = scanFindings(rows); err != nil {
			return sum, nil, nil, fmt.Errorf("review: %w", err)
		}
	}
	return sum, t, p, nil
}

// The id and seq of tableProjectSQL are scalar subqueries, not plain
// parameters: compared directly with the columns, a new value bound to
// either made SQLite prepare the statement again on every run (160 µs a
// query instead of 30, measured, with the same plan). The CAST gives
// PostgreSQL the parameters' type.
const (
	tableProjectSQL = `SELECT ` + summaryCols + `, t.org_name, t.fiscal_year_source,
			t.fiscal_fen, t.special_account_fen, t.other_fen, t.comment,
			u.name, u.total_fen, u.fiscal_fen, u.special_account_fen, u.other_fen,
			p.id, p.name, p.org, p.total_fen, p.fiscal_fen, p.special_account_fen, p.other_fen,
			p.goal, p.annual_goal, p.transfer_payment
		FROM tables t JOIN orgs o ON o.id = t.org_id
		JOIN projects p ON p.table_id = t.id JOIN units u ON u.id = p.unit_id
		WHERE t.id = (SELECT CAST(? AS BIGINT)) AND p.seq = (SELECT CAST(? AS BIGINT))`
	projectIndicatorsSQL = `SELECT ` + indicatorSelect + ` FROM indicators i WHERE i.project_id = ? ORDER BY i.id`
	projectFindingsSQL   = `SELECT rule, family, severity, project, indicator, field, message, suggestion
		FROM findings WHERE table_id = ? AND project = ? ORDER BY seq`
)
