package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"jixiao"
)

// Table loads the stored table id with all its units, projects and
// indicators. Source line numbers are not stored and come back as 0.
func (db *DB) Table(ctx context.Context, id int64) (*jixiao.Table, error) {
	t, err := db.loadTable(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load table %d: %w", id, err)
	}
	return t, nil
}

func (db *DB) loadTable(ctx context.Context, id int64) (*jixiao.Table, error) {
	tx, err := db.x.BeginTxx(ctx, &db.d.readTx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	t := &jixiao.Table{}
	var unit string
	err = tx.QueryRowxContext(ctx, tx.Rebind(`
		SELECT id, title, org_name, fiscal_year, fiscal_year_source, money_unit,
			total_fen, fiscal_fen, special_account_fen, other_fen,
			source, hash, version, imported_at, status, created_by, note, grade, comment
		FROM tables WHERE id = ?`), id).Scan(
		&t.ID, &t.Title, &t.Org, &t.FiscalYear, &t.FiscalYearSource, &unit,
		&t.Total.Total, &t.Total.Fiscal, &t.Total.SpecialAccount, &t.Total.Other,
		&t.Source, &t.Hash, &t.Version, &t.ImportedAt, &t.Status, &t.CreatedBy, &t.Note, &t.Grade, &t.Comment)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标表 %d 不存在 (table %d not found)", id, id)
	}
	if err != nil {
		return nil, err
	}
	t.MoneyUnit = jixiao.MoneyUnit(unit)
	t.ImportedAt = t.ImportedAt.UTC()

	units, err := loadUnits(ctx, tx, t)
	if err != nil {
		return nil, fmt.Errorf("units: %w", err)
	}
	projects, err := loadProjects(ctx, tx, t, units)
	if err != nil {
		return nil, fmt.Errorf("projects: %w", err)
	}
	if err := loadIndicators(ctx, tx, t.ID, projects); err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	if t.Review, err = loadReview(ctx, tx, t.ID); err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	return t, nil
}

// queryer is what the loaders need of a transaction.
type queryer interface {
	sqlx.QueryerContext
	Rebind(string) string
}

// loadUnits fills t.Units and returns each unit's index by id.
func loadUnits(ctx context.Context, tx queryer, t *jixiao.Table) (map[int64]int, error) {
	rows, err := tx.QueryContext(ctx, tx.Rebind(`
		SELECT id, name, total_fen, fiscal_fen, special_account_fen, other_fen
		FROM units WHERE table_id = ? ORDER BY seq`), t.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	index := map[int64]int{}
	for rows.Next() {
		var id int64
		var u jixiao.Unit
		if err := rows.Scan(&id, &u.Name, &u.Funding.Total, &u.Funding.Fiscal, &u.Funding.SpecialAccount, &u.Funding.Other); err != nil {
			return nil, err
		}
		index[id] = len(t.Units)
		t.Units = append(t.Units, u)
	}
	return index, rows.Err()
}

// loadProjects appends each project to its unit and returns them by id.
func loadProjects(ctx context.Context, tx queryer, t *jixiao.Table, units map[int64]int) (map[int64]*jixiao.Project, error) {
	rows, err := tx.QueryContext(ctx, tx.Rebind(`
		SELECT id, unit_id, name, org, total_fen, fiscal_fen, special_account_fen, other_fen,
			goal, annual_goal, transfer_payment
		FROM projects WHERE table_id = ? ORDER BY seq`), t.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]*jixiao.Project{}
	for rows.Next() {
		var unitID int64
		p := &jixiao.Project{}
		if err := rows.Scan(&p.ID, &unitID, &p.Name, &p.Org,
			&p.Funding.Total, &p.Funding.Fiscal, &p.Funding.SpecialAccount, &p.Funding.Other,
			&p.Goal, &p.AnnualGoal, &p.TransferPayment); err != nil {
			return nil, err
		}
		u, ok := units[unitID]
		if !ok {
			return nil, fmt.Errorf("project %d: unit %d is not in table %d", p.ID, unitID, t.ID)
		}
		t.Units[u].Projects = append(t.Units[u].Projects, p)
		byID[p.ID] = p
	}
	return byID, rows.Err()
}

// loadIndicators appends each indicator to its project, in the order they
// were written. Ordering by the project's seq rather than its id lets
// SQLite walk projects and then indicators by index, with no sort.
func loadIndicators(ctx context.Context, tx queryer, tableID int64, projects map[int64]*jixiao.Project) error {
	rows, err := tx.QueryContext(ctx, tx.Rebind(`
		SELECT `+indicatorSelect+`
		FROM indicators i JOIN projects p ON p.id = i.project_id
		WHERE p.table_id = ?
		ORDER BY p.seq, i.id`), tableID)
	if err != nil {
		return err
	}
	return scanIndicators(rows, projects)
}

// indicatorSelect are the columns scanIndicators reads, of indicators i.
const indicatorSelect = `i.project_id, i.seq, i.level1_code, i.level1_name, i.level2_code, i.level2_name,
			i.name, i.unit, i.direction, i.weight,
			i.period_raw, i.period_text, i.period_kind, i.period_op, i.period_implicit_op,
			i.period_value, i.period_max, i.period_unit, i.period_qualifier, i.period_date, i.period_bool,
			i.annual_raw, i.annual_text, i.annual_kind, i.annual_op, i.annual_implicit_op,
			i.annual_value, i.annual_max, i.annual_unit, i.annual_qualifier, i.annual_date, i.annual_bool`

// scanIndicators appends each row of indicatorSelect to its project, and
// closes rows.
func scanIndicators(rows *sql.Rows, projects map[int64]*jixiao.Project) error {
	defer rows.Close()
	var err error
	var (
		projectID         int64
		direction, weight string
		period, annual    targetRow
	)
	for rows.Next() {
		in := &jixiao.Indicator{}
		if err := rows.Scan(&projectID, &in.Seq,
			&in.Level1.Code, &in.Level1.Name, &in.Level2.Code, &in.Level2.Name,
			&in.Name, &in.Unit, &direction, &weight,
			&period.raw, &period.text, &period.kind, &period.op, &period.implicitOp,
			&period.value, &period.max, &period.unit, &period.qualifier, &period.date, &period.boolean,
			&annual.raw, &annual.text, &annual.kind, &annual.op, &annual.implicitOp,
			&annual.value, &annual.max, &annual.unit, &annual.qualifier, &annual.date, &annual.boolean,
		); err != nil {
			return err
		}
		p, ok := projects[projectID]
		if !ok {
			return fmt.Errorf("indicator of unknown project %d", projectID)
		}
		in.Direction = jixiao.Direction(direction)
		if in.Weight, err = decimal(weight); err != nil {
			return fmt.Errorf("project %d indicator %d weight: %w", projectID, in.Seq, err)
		}
		if in.Period, err = period.target(); err != nil {
			return fmt.Errorf("project %d indicator %d period: %w", projectID, in.Seq, err)
		}
		if in.Annual, err = annual.target(); err != nil {
			return fmt.Errorf("project %d indicator %d annual: %w", projectID, in.Seq, err)
		}
		p.Indicators = append(p.Indicators, in)
	}
	return rows.Err()
}

// targetRow holds the scanned columns of one jixiao.Target.
type targetRow struct {
	raw, text, kind, op, value, max, unit, qualifier, date string
	implicitOp, boolean                                    bool
}

func (r *targetRow) target() (jixiao.Target, error) {
	t := jixiao.Target{
		Raw: r.raw, Text: r.text, Kind: jixiao.TargetKind(r.kind), Op: jixiao.Op(r.op),
		ImplicitOp: r.implicitOp, Unit: r.unit, Qualifier: r.qualifier, Date: r.date, Bool: r.boolean,
	}
	var err error
	if t.Value, err = decimal(r.value); err != nil {
		return t, fmt.Errorf("value: %w", err)
	}
	if t.Max, err = decimal(r.max); err != nil {
		return t, fmt.Errorf("max: %w", err)
	}
	return t, nil
}

// decimal reads a stored decimal; "" is the unset Decimal.
func decimal(s string) (jixiao.Decimal, error) {
	if s == "" {
		return jixiao.Decimal{}, nil
	}
	return jixiao.ParseDecimal(s)
}
