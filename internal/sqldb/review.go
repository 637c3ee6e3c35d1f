package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/jmoiron/sqlx"

	"jixiao"
)

var findingCols = []string{"table_id", "seq", "rule", "family", "severity", "project", "indicator", "field", "message", "suggestion"}

// saveReview replaces the stored review of table id inside tx. The review
// of an unchanged version is replaced too: the rules may have changed.
func saveReview(ctx context.Context, db *DB, conn *sql.Conn, tx *sqlx.Tx, id int64, r *jixiao.Review) error {
	if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM findings WHERE table_id = ?`), id); err != nil {
		return fmt.Errorf("delete findings: %w", err)
	}
	fs := r.Findings
	err := db.bulkInsert(ctx, conn, tx, "findings", findingCols, newFuncSource(len(fs), func(args []any, i int) []any {
		f := &fs[i]
		return append(args, id, i+1, f.Rule, string(f.Family), string(f.Severity), f.Project, f.Indicator, f.Field, f.Message, f.Suggestion)
	}))
	if err != nil {
		return fmt.Errorf("insert findings: %w", err)
	}
	_, err = tx.ExecContext(ctx, tx.Rebind(`UPDATE tables SET review_score = ?, review_grade = ?, finding_count = ? WHERE id = ?`),
		strconv.FormatFloat(r.Score, 'f', 1, 64), r.Grade, len(fs), id)
	if err != nil {
		return fmt.Errorf("update review score: %w", err)
	}
	return nil
}

// loadReview reads the stored review of table id; nil when it was never
// reviewed.
func loadReview(ctx context.Context, tx *sqlx.Tx, id int64) (*jixiao.Review, error) {
	var score, grade string
	err := tx.QueryRowxContext(ctx, tx.Rebind(`SELECT review_score, review_grade FROM tables WHERE id = ?`), id).Scan(&score, &grade)
	if err != nil || grade == "" {
		return nil, err
	}
	r := &jixiao.Review{Grade: grade, Findings: []jixiao.Finding{}}
	if r.Score, err = strconv.ParseFloat(score, 64); err != nil {
		return nil, fmt.Errorf("review score %q: %w", score, err)
	}
	rows, err := tx.QueryContext(ctx, tx.Rebind(`
		SELECT rule, family, severity, project, indicator, field, message, suggestion
		FROM findings WHERE table_id = ? ORDER BY seq`), id)
	if err != nil {
		return nil, err
	}
	r.Findings, err = scanFindings(rows)
	return r, err
}

// scanFindings reads rows of (rule, family, severity, project, indicator,
// field, message, suggestion), and closes them.
func scanFindings(rows *sql.Rows) ([]jixiao.Finding, error) {
	defer rows.Close()
	list := []jixiao.Finding{}
	for rows.Next() {
		var f jixiao.Finding
		var family, severity string
		if err := rows.Scan(&f.Rule, &family, &severity, &f.Project, &f.Indicator, &f.Field, &f.Message, &f.Suggestion); err != nil {
			return nil, err
		}
		f.Family, f.Severity = jixiao.Family(family), jixiao.Severity(severity)
		list = append(list, f)
	}
	return list, rows.Err()
}

// IndicatorValues returns up to limit distinct target texts recorded for
// indicators of this name in any stored version: the review's
// reference for telling a value cut off mid-word from the complete one.
func (db *DB) IndicatorValues(ctx context.Context, name string, limit int) ([]string, error) {
	rows, err := db.x.QueryContext(ctx, db.x.Rebind(`
		SELECT DISTINCT v FROM (
			SELECT i.period_text AS v FROM indicators i WHERE i.name = ?
			UNION
			SELECT i.annual_text AS v FROM indicators i WHERE i.name = ?
		) x WHERE v <> '' ORDER BY v LIMIT ?`), name, name, limit)
	if err != nil {
		return nil, fmt.Errorf("indicator values %q: %w", name, err)
	}
	defer rows.Close()
	var vs []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("indicator values %q: %w", name, err)
		}
		vs = append(vs, v)
	}
	return vs, rows.Err()
}
