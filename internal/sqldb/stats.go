package sqldb

import (
	"context"
	"fmt"
	"strings"

	"jixiao"
)

// ProjectMoney is a project's total, for charts.
type ProjectMoney struct {
	TableID int64
	Seq     int
	Name    string
	Total   jixiao.Fen
}

// inList returns "(?, ?, …)" for n ids and the ids as arguments.
func inList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")", args
}

// TopProjects returns the limit projects with the most money in the given
// table versions, largest first, and the number of projects in all.
func (db *DB) TopProjects(ctx context.Context, tables []int64, limit int) ([]ProjectMoney, int, error) {
	if len(tables) == 0 {
		return nil, 0, nil
	}
	in, args := inList(tables)
	var n int
	if err := db.x.GetContext(ctx, &n, db.x.Rebind(`SELECT count(*) FROM projects WHERE table_id IN `+in), args...); err != nil {
		return nil, 0, fmt.Errorf("count projects: %w", err)
	}
	rows, err := db.x.QueryContext(ctx, db.x.Rebind(`SELECT table_id, seq, name, total_fen FROM projects WHERE table_id IN `+in+
		` ORDER BY total_fen DESC, name `+db.d.byteOrder+` LIMIT ?`), append(args, limit)...)
	if err != nil {
		return nil, 0, fmt.Errorf("top projects: %w", err)
	}
	defer rows.Close()
	var list []ProjectMoney
	for rows.Next() {
		var p ProjectMoney
		if err := rows.Scan(&p.TableID, &p.Seq, &p.Name, &p.Total); err != nil {
			return nil, 0, fmt.Errorf("top projects: %w", err)
		}
		list = append(list, p)
	}
	return list, n, rows.Err()
}

// FindingCounts counts the review findings of the given table versions by
// family and severity.
func (db *DB) FindingCounts(ctx context.Context, tables []int64) (map[jixiao.Family]map[jixiao.Severity]int, error) {
	out := map[jixiao.Family]map[jixiao.Severity]int{}
	if len(tables) == 0 {
		return out, nil
	}
	in, args := inList(tables)
	rows, err := db.x.QueryContext(ctx, db.x.Rebind(`SELECT family, severity, count(*) FROM findings WHERE table_id IN `+in+` GROUP BY family, severity`), args...)
	if err != nil {
		return nil, fmt.Errorf("count findings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f, s string
		var n int
		if err := rows.Scan(&f, &s, &n); err != nil {
			return nil, fmt.Errorf("count findings: %w", err)
		}
		if out[jixiao.Family(f)] == nil {
			out[jixiao.Family(f)] = map[jixiao.Severity]int{}
		}
		out[jixiao.Family(f)][jixiao.Severity(s)] = n
	}
	return out, rows.Err()
}
