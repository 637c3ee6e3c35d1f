package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"jixiao"
)

// isCurrent is true for the newest version of its org and year. A version
// is never updated or renumbered, so "no higher version exists" is all it
// takes, without a flag column to keep in step.
const isCurrent = `NOT EXISTS (SELECT 1 FROM tables n
	WHERE n.org_id = t.org_id AND n.fiscal_year = t.fiscal_year AND n.version > t.version)`

// isNewestPublished is true for the newest published version of its org and
// year, which stays what the public sees while a later version is in review.
const isNewestPublished = `NOT EXISTS (SELECT 1 FROM tables n
	WHERE n.org_id = t.org_id AND n.fiscal_year = t.fiscal_year AND n.version > t.version AND n.status = 'published')`

// summaryCols are the columns of a TableSummary, of tables t and orgs o,
// in the order of summaryScan.dest.
const summaryCols = `t.id, t.title, o.name, t.fiscal_year, t.version, ` + isCurrent + ` AS current,
		t.total_fen, t.money_unit, t.project_count, t.indicator_count, t.source, t.hash,
		t.review_score, t.review_grade, t.finding_count, t.status, t.grade, t.created_by, t.note, t.imported_at`

// summaryScan scans summaryCols.
type summaryScan struct {
	s           jixiao.TableSummary
	unit, score string
}

func (sc *summaryScan) dest() []any {
	s := &sc.s
	return []any{&s.ID, &s.Title, &s.Org, &s.FiscalYear, &s.Version, &s.Current,
		&s.Total, &sc.unit, &s.Projects, &s.Indicators, &s.Source, &s.Hash,
		&sc.score, &s.ReviewGrade, &s.Findings, &s.Status, &s.Grade, &s.CreatedBy, &s.Note, &s.ImportedAt}
}

func (sc *summaryScan) summary() jixiao.TableSummary {
	s := sc.s
	if sc.score != "" {
		s.ReviewScore, _ = strconv.ParseFloat(sc.score, 64) // written by saveReview with FormatFloat
	}
	s.MoneyUnit = jixiao.MoneyUnit(sc.unit)
	s.ImportedAt = s.ImportedAt.UTC()
	return s
}

// Tables lists stored tables, by org name (code-point order), year and
// version. Only current versions unless f.AllVersions.
func (db *DB) Tables(ctx context.Context, f jixiao.TableFilter) ([]jixiao.TableSummary, error) {
	q, args := db.tablesSQL(f)
	rows, err := db.queryx(ctx, nil, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	list := []jixiao.TableSummary{}
	for rows.Next() {
		var sc summaryScan
		if err := rows.Scan(sc.dest()...); err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		list = append(list, sc.summary())
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	return list, nil
}

// tablesSQL is the query of Tables for f, and its arguments.
func (db *DB) tablesSQL(f jixiao.TableFilter) (string, []any) {
	var where []string
	var args []any
	if f.Org != "" {
		where, args = append(where, "o.name = ?"), append(args, f.Org)
	}
	if f.FiscalYear != 0 {
		where, args = append(where, "t.fiscal_year = ?"), append(args, f.FiscalYear)
	}
	switch {
	case f.ID != 0:
		where, args = append(where, "t.id = ?"), append(args, f.ID)
	case f.Published:
		where = append(where, "t.status = 'published'", isNewestPublished)
	case !f.AllVersions:
		where = append(where, isCurrent)
	}
	q := `SELECT ` + summaryCols + `
	FROM tables t JOIN orgs o ON o.id = t.org_id`
	if len(where) > 0 {
		q += "\nWHERE " + strings.Join(where, " AND ")
	}
	q += "\nORDER BY o.name " + db.d.byteOrder + ", t.fiscal_year, t.version"
	return q, args
}

// FindProjects finds the projects named exactly name in the current version
// of every table, by year, org and place in the table. Org is the table's
// org, which with FiscalYear identifies the table.
func (db *DB) FindProjects(ctx context.Context, name string) ([]jixiao.ProjectRef, error) {
	q := `SELECT t.id, t.fiscal_year, o.name, p.name, t.version
	FROM projects p
	JOIN tables t ON t.id = p.table_id
	JOIN orgs o ON o.id = t.org_id
	WHERE p.name = ? AND ` + isCurrent + `
	ORDER BY t.fiscal_year, o.name ` + db.d.byteOrder + `, p.seq`
	rows, err := db.x.QueryContext(ctx, db.x.Rebind(q), name)
	if err != nil {
		return nil, fmt.Errorf("find projects %q: %w", name, err)
	}
	defer rows.Close()
	refs := []jixiao.ProjectRef{}
	for rows.Next() {
		var r jixiao.ProjectRef
		if err := rows.Scan(&r.TableID, &r.FiscalYear, &r.Org, &r.Project, &r.Version); err != nil {
			return nil, fmt.Errorf("find projects %q: %w", name, err)
		}
		refs = append(refs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find projects %q: %w", name, err)
	}
	return refs, nil
}
