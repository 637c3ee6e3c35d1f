package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"jixiao"
)

// Summary returns the listing of one table version, ENOTFOUND when absent.
func (db *DB) Summary(ctx context.Context, id int64) (jixiao.TableSummary, error) {
	list, err := db.Tables(ctx, jixiao.TableFilter{ID: id})
	if err != nil {
		return jixiao.TableSummary{}, err
	}
	if len(list) == 0 {
		return jixiao.TableSummary{}, jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标表 %d 不存在 (table %d not found)", id, id)
	}
	return list[0], nil
}

// Versions lists every version of the table that version id belongs to
// (same org and year), oldest first.
func (db *DB) Versions(ctx context.Context, id int64) ([]jixiao.TableSummary, error) {
	s, err := db.Summary(ctx, id)
	if err != nil {
		return nil, err
	}
	return db.Tables(ctx, jixiao.TableFilter{Org: s.Org, FiscalYear: s.FiscalYear, AllVersions: true})
}

// WorkflowEvent is one workflow step taken on a table version.
type WorkflowEvent struct {
	TableID int64
	Version int
	Action  jixiao.Action
	From    jixiao.Status
	To      jixiao.Status
	Actor   string
	Comment string
	Grade   string
	At      time.Time
}

// Transition takes step on table version id, which must be the current
// version of its org and year and in a status the step starts from. The
// status change, the event and the audit record commit together. Two
// reviewers acting at once cannot both succeed: the UPDATE only matches
// the status it was read in.
func (db *DB) Transition(ctx context.Context, id int64, step jixiao.Step, actor string) (jixiao.Status, error) {
	var to jixiao.Status
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var cur struct {
			Status  string `db:"status"`
			Current bool   `db:"current"`
			Grade   string `db:"grade"`
			Comment string `db:"comment"`
		}
		err := tx.GetContext(ctx, &cur, tx.Rebind(`SELECT t.status, t.grade, t.comment, `+isCurrent+` AS current FROM tables t WHERE t.id = ?`), id)
		if errors.Is(err, sql.ErrNoRows) {
			return jixiao.Errorf(jixiao.ENOTFOUND, "绩效目标表 %d 不存在", id)
		}
		if err != nil {
			return err
		}
		if !cur.Current {
			return jixiao.Errorf(jixiao.ECONFLICT, "这不是最新版本，已有人保存了更新的版本；请打开最新版本再操作")
		}
		from := jixiao.Status(cur.Status)
		if to, err = jixiao.Next(from, step); err != nil {
			return err
		}
		grade, comment := cur.Grade, jixiao.FoldSpace(step.Comment)
		if step.Action == jixiao.ActionApprove {
			grade = step.Grade
		}
		if comment == "" && step.Action == jixiao.ActionPublish {
			comment = cur.Comment
		}
		res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE tables SET status = ?, grade = ?, comment = ? WHERE id = ? AND status = ?`),
			string(to), grade, comment, id, string(from))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return jixiao.Errorf(jixiao.ECONFLICT, "状态已被他人改变，请刷新后再操作")
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		_, err = tx.ExecContext(ctx, tx.Rebind(`
			INSERT INTO workflow_events (table_id, action, from_status, to_status, actor, comment, grade, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), id, string(step.Action), string(from), string(to), actor, jixiao.FoldSpace(step.Comment), step.Grade, now)
		if err != nil {
			return err
		}
		after := map[string]any{"status": to}
		if step.Comment != "" {
			after["comment"] = jixiao.FoldSpace(step.Comment)
		}
		if step.Action == jixiao.ActionApprove {
			after["grade"] = step.Grade
		}
		_, err = appendAudit(ctx, tx, jixiao.AuditEntry{Actor: actor, Action: "table." + string(step.Action),
			Object: fmt.Sprintf("table:%d", id), Before: auditJSON(map[string]any{"status": from}), After: auditJSON(after)}, now)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("%s table %d: %w", step.Action, id, domainErr(err))
	}
	return to, nil
}

// WorkflowEvents lists the workflow steps taken on every version of the
// table that version id belongs to, oldest first.
func (db *DB) WorkflowEvents(ctx context.Context, id int64) ([]WorkflowEvent, error) {
	rows, err := db.x.QueryContext(ctx, db.x.Rebind(`
		SELECT e.table_id, t.version, e.action, e.from_status, e.to_status, e.actor, e.comment, e.grade, e.at
		FROM workflow_events e
		JOIN tables t ON t.id = e.table_id
		JOIN tables x ON x.org_id = t.org_id AND x.fiscal_year = t.fiscal_year
		WHERE x.id = ?
		ORDER BY e.id`), id)
	if err != nil {
		return nil, fmt.Errorf("workflow events: %w", err)
	}
	defer rows.Close()
	list := []WorkflowEvent{}
	for rows.Next() {
		var e WorkflowEvent
		var a, from, to string
		if err := rows.Scan(&e.TableID, &e.Version, &a, &from, &to, &e.Actor, &e.Comment, &e.Grade, &e.At); err != nil {
			return nil, fmt.Errorf("workflow events: %w", err)
		}
		e.Action, e.From, e.To, e.At = jixiao.Action(a), jixiao.Status(from), jixiao.Status(to), e.At.UTC()
		list = append(list, e)
	}
	return list, rows.Err()
}

// SearchHit is a project matching a search.
type SearchHit struct {
	TableID    int64
	Org        string
	FiscalYear int
	Version    int
	Status     jixiao.Status
	Current    bool
	Seq        int // the project's place in its table, 1-based
	Project    string
	Goal       string
	Match      string // what matched: 项目名称, 绩效目标 or the first matching indicator's name
}

// Search finds projects whose name, goal or an indicator name contains q,
// in the current and the newest published version of every table; the
// caller keeps what its user may see. At most limit hits; 100 when limit
// is not positive (PostgreSQL refuses a negative LIMIT, SQLite takes it for
// none).
func (db *DB) Search(ctx context.Context, q string, limit int) ([]SearchHit, error) {
	q = jixiao.FoldSpace(q)
	if q == "" {
		return []SearchHit{}, nil
	}
	if limit <= 0 {
		limit = 100
	}
	pat := "%" + escapeLike(q) + "%"
	// LIKE ignores the case of ASCII letters in SQLite but not in
	// PostgreSQL; lowering both sides makes "ppp" find "PPP项目" in both.
	like := func(col string) string { return "lower(" + col + ") LIKE lower(?) ESCAPE '\\'" }
	rows, err := db.x.QueryContext(ctx, db.x.Rebind(`
		SELECT t.id, o.name, t.fiscal_year, t.version, t.status, `+isCurrent+` AS current, p.seq, p.name, p.goal,
			CASE WHEN `+like("p.name")+` THEN '项目名称'
			     WHEN `+like("p.goal")+` THEN '绩效目标'
			     ELSE coalesce((SELECT i.name FROM indicators i WHERE i.project_id = p.id AND `+like("i.name")+` ORDER BY i.id LIMIT 1), '') END
		FROM projects p
		JOIN tables t ON t.id = p.table_id
		JOIN orgs o ON o.id = t.org_id
		WHERE (`+isCurrent+` OR (t.status = 'published' AND `+isNewestPublished+`))
		  AND (`+like("p.name")+` OR `+like("p.goal")+`
		       OR EXISTS (SELECT 1 FROM indicators i WHERE i.project_id = p.id AND `+like("i.name")+`))
		ORDER BY t.fiscal_year DESC, o.name `+db.d.byteOrder+`, t.version DESC, p.seq
		LIMIT ?`), pat, pat, pat, pat, pat, pat, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	defer rows.Close()
	list := []SearchHit{}
	for rows.Next() {
		var h SearchHit
		var st string
		if err := rows.Scan(&h.TableID, &h.Org, &h.FiscalYear, &h.Version, &st, &h.Current, &h.Seq, &h.Project, &h.Goal, &h.Match); err != nil {
			return nil, fmt.Errorf("search %q: %w", q, err)
		}
		h.Status = jixiao.Status(st)
		list = append(list, h)
	}
	return list, rows.Err()
}

func escapeLike(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '%' || r == '_' || r == '\\' {
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(out)
}
