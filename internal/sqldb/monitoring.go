package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"jixiao"
	"jixiao/internal/score"
)

// ProjectKey names a project across the versions of its table: the org,
// the year and the project's name. Monitoring and evaluation records hang
// on it, so that an adjustment of the targets keeps them.
type ProjectKey struct {
	Org        string
	FiscalYear int
	Project    string
}

func (k ProjectKey) object(kind string) string {
	return fmt.Sprintf("%s:%s/%d/%s", kind, k.Org, k.FiscalYear, k.Project)
}

// ProgressEntry is a stored monitoring report and its version.
type ProgressEntry struct {
	Key     ProjectKey
	Version int
	score.ProjectProgress
	// Names are the names of the indicators the items were recorded for,
	// by Seq: For follows them across an adjustment of the targets.
	Names map[int]string
}

// For returns the report with its items numbered as project p — the
// version of the targets it is shown with — numbers its indicators (see
// renumber).
func (e ProgressEntry) For(p *jixiao.Project) score.ProjectProgress {
	pp := e.ProjectProgress
	pp.Indicators = nil
	m := renumber(p, e.Names)
	for _, it := range e.Indicators {
		if s, ok := m[it.Seq]; ok {
			it.Seq = s
			pp.Indicators = append(pp.Indicators, it)
		}
	}
	slices.SortFunc(pp.Indicators, func(a, b score.IndicatorProgress) int { return a.Seq - b.Seq })
	return pp
}

// renumber maps the Seq an item was recorded under to the Seq of the
// indicator of p it belongs to, so that records made before an adjustment
// that inserted, removed or moved indicators stay with their indicators:
// an item goes to the indicator of its recorded name when p has exactly
// one of that name; else (the indicator was renamed) to the indicator at
// its Seq, unless an item of another name claims that one; else it is
// left out (the indicator was removed).
func renumber(p *jixiao.Project, names map[int]string) map[int]int {
	count, seqOf, at := map[string]int{}, map[string]int{}, map[int]bool{}
	for _, in := range p.Indicators {
		count[in.Name]++
		seqOf[in.Name] = in.Seq
		at[in.Seq] = true
	}
	out, claimed := map[int]int{}, map[int]bool{}
	for seq, name := range names {
		if name != "" && count[name] == 1 {
			out[seq] = seqOf[name]
			claimed[seqOf[name]] = true
		}
	}
	for seq := range names {
		if _, ok := out[seq]; !ok && at[seq] && !claimed[seq] {
			out[seq] = seq
		}
	}
	return out
}

const dateLayout = "2006-01-02"

// SaveProgress stores a monitoring report as of pp.AsOf as the next
// version for that project and date. base is the version the user started
// from (0 for a first report of that date); another version saved since is
// ECONFLICT. names gives each indicator's name by Seq, kept with the record.
func (db *DB) SaveProgress(ctx context.Context, k ProjectKey, pp score.ProjectProgress, names map[int]string, base int, actor string) (int, error) {
	vs, err := db.SaveProgressMany(ctx, []ProgressSave{{Key: k, Progress: pp, Names: names, Base: base}}, actor)
	if err != nil {
		return 0, err
	}
	return vs[0], nil
}

// ProgressSave is one report of SaveProgressMany.
type ProgressSave struct {
	Key      ProjectKey
	Progress score.ProjectProgress
	Names    map[int]string
	Base     int
}

// SaveProgressMany stores several reports (an uploaded template) in one
// transaction: all of them, or none when one conflicts or fails. It
// returns each report's new version.
func (db *DB) SaveProgressMany(ctx context.Context, saves []ProgressSave, actor string) ([]int, error) {
	versions := make([]int, len(saves))
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		for i, sv := range saves {
			v, err := saveProgressTx(ctx, tx, sv, actor)
			if err != nil {
				return fmt.Errorf("save progress of %s: %w", sv.Key.Project, err)
			}
			versions[i] = v
		}
		return nil
	})
	if err != nil {
		return nil, domainErr(err)
	}
	return versions, nil
}

func saveProgressTx(ctx context.Context, tx *sqlx.Tx, sv ProgressSave, actor string) (int, error) {
	k, pp := sv.Key, sv.Progress
	asOf := pp.AsOf.Format(dateLayout)
	orgID, err := orgIDOf(ctx, tx, k.Org)
	if err != nil {
		return 0, err
	}
	var cur int
	if err := tx.GetContext(ctx, &cur, tx.Rebind(`SELECT coalesce(max(version), 0) FROM progress_reports
		WHERE org_id = ? AND fiscal_year = ? AND project = ? AND as_of = ?`), orgID, k.FiscalYear, k.Project, asOf); err != nil {
		return 0, err
	}
	if cur != sv.Base {
		return 0, jixiao.Errorf(jixiao.ECONFLICT, "保存冲突：%s 截至 %s 的监控记录已被他人更新（第 %d 版），请重新打开后再填写。", k.Project, asOf, cur)
	}
	version := cur + 1
	now := time.Now().UTC().Truncate(time.Microsecond)
	var id int64
	err = tx.QueryRowxContext(ctx, tx.Rebind(`INSERT INTO progress_reports
		(org_id, fiscal_year, project, as_of, version, budget_fen, executed_fen, note, recorded_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		orgID, k.FiscalYear, k.Project, asOf, version, int64(pp.Budget), int64(pp.Executed), pp.Note, actor, now).Scan(&id)
	if err != nil {
		return 0, err
	}
	for _, it := range pp.Indicators {
		if _, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO progress_items
			(report_id, seq, name, actual, forecast, attainment, deviation_reason, measure) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
			id, it.Seq, sv.Names[it.Seq], it.ActualToDate, it.Forecast, string(it.ForecastAttainment), it.DeviationReason, it.Measure); err != nil {
			return 0, err
		}
	}
	_, err = appendAudit(ctx, tx, jixiao.AuditEntry{Actor: actor, Action: "progress.save", Object: k.object("progress"),
		After: auditJSON(map[string]any{"as_of": asOf, "version": version, "budget_fen": pp.Budget, "executed_fen": pp.Executed,
			"note": pp.Note, "indicators": pp.Indicators})}, now)
	return version, err
}

func orgIDOf(ctx context.Context, tx *sqlx.Tx, org string) (int64, error) {
	var id int64
	err := tx.GetContext(ctx, &id, tx.Rebind(`SELECT id FROM orgs WHERE name = ?`), org)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, jixiao.Errorf(jixiao.ENOTFOUND, "单位 %s 不存在", org)
	}
	return id, err
}

// ProgressOfYear returns, for every project of year that has monitoring
// records (optionally of one org), the newest version of its latest report.
func (db *DB) ProgressOfYear(ctx context.Context, year int, org string) ([]ProgressEntry, error) {
	q := `SELECT r.id, o.name, r.fiscal_year, r.project, r.as_of, r.version, r.budget_fen, r.executed_fen, r.note, r.recorded_by, r.recorded_at
		FROM progress_reports r JOIN orgs o ON o.id = r.org_id
		WHERE r.fiscal_year = ?` + sameOrg(org) + `
		  AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.org_id = r.org_id AND n.fiscal_year = r.fiscal_year
		      AND n.project = r.project AND (n.as_of > r.as_of OR (n.as_of = r.as_of AND n.version > r.version)))
		ORDER BY o.name ` + db.d.byteOrder + `, r.project ` + db.d.byteOrder
	args := []any{year}
	if org != "" {
		args = append(args, org)
	}
	return db.progressQuery(ctx, q, args...)
}

func sameOrg(org string) string {
	if org == "" {
		return ""
	}
	return " AND o.name = ?"
}

// LatestProgress returns the newest version of a project's latest
// monitoring report; ENOTFOUND when there is none.
func (db *DB) LatestProgress(ctx context.Context, k ProjectKey) (ProgressEntry, error) {
	q := `SELECT r.id, o.name, r.fiscal_year, r.project, r.as_of, r.version, r.budget_fen, r.executed_fen, r.note, r.recorded_by, r.recorded_at
		FROM progress_reports r JOIN orgs o ON o.id = r.org_id
		WHERE o.name = ? AND r.fiscal_year = ? AND r.project = ?
		ORDER BY r.as_of DESC, r.version DESC LIMIT 1`
	list, err := db.progressQuery(ctx, q, k.Org, k.FiscalYear, k.Project)
	if err != nil {
		return ProgressEntry{}, err
	}
	if len(list) == 0 {
		return ProgressEntry{}, jixiao.Errorf(jixiao.ENOTFOUND, "项目 %s 还没有监控记录", k.Project)
	}
	return list[0], nil
}

func (db *DB) progressQuery(ctx context.Context, q string, args ...any) ([]ProgressEntry, error) {
	rows, err := db.x.QueryContext(ctx, db.x.Rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("progress: %w", err)
	}
	var list []ProgressEntry
	var ids []int64
	for rows.Next() {
		var e ProgressEntry
		var id int64
		var asOf string
		if err := rows.Scan(&id, &e.Key.Org, &e.Key.FiscalYear, &e.Key.Project, &asOf, &e.Version, &e.Budget, &e.Executed, &e.Note, &e.RecordedBy, &e.RecordedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("progress: %w", err)
		}
		e.FiscalYear = e.Key.FiscalYear
		e.AsOf, _ = time.Parse(dateLayout, asOf)
		e.RecordedAt = e.RecordedAt.UTC()
		list = append(list, e)
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("progress: %w", err)
	}
	for i, id := range ids {
		its, err := db.x.QueryContext(ctx, db.x.Rebind(`SELECT seq, name, actual, forecast, attainment, deviation_reason, measure
			FROM progress_items WHERE report_id = ? ORDER BY seq`), id)
		if err != nil {
			return nil, fmt.Errorf("progress items: %w", err)
		}
		list[i].Names = map[int]string{}
		for its.Next() {
			var it score.IndicatorProgress
			var a, name string
			if err := its.Scan(&it.Seq, &name, &it.ActualToDate, &it.Forecast, &a, &it.DeviationReason, &it.Measure); err != nil {
				its.Close()
				return nil, fmt.Errorf("progress items: %w", err)
			}
			it.ForecastAttainment = score.Attainment(a)
			list[i].Indicators = append(list[i].Indicators, it)
			list[i].Names[it.Seq] = name
		}
		its.Close()
	}
	return list, nil
}

// EvaluationEntry is a stored self-evaluation and its version.
type EvaluationEntry struct {
	Key     ProjectKey
	Version int
	score.ProjectEvaluation
	// Names are the names of the indicators the items were recorded for,
	// by Seq, as in ProgressEntry.
	Names map[int]string
}

// For returns the evaluation with its items numbered as project p numbers
// its indicators, as ProgressEntry.For.
func (e EvaluationEntry) For(p *jixiao.Project) score.ProjectEvaluation {
	pe := e.ProjectEvaluation
	pe.Indicators = nil
	m := renumber(p, e.Names)
	for _, it := range e.Indicators {
		if s, ok := m[it.Seq]; ok {
			it.Seq = s
			pe.Indicators = append(pe.Indicators, it)
		}
	}
	slices.SortFunc(pe.Indicators, func(a, b score.IndicatorEvaluation) int { return a.Seq - b.Seq })
	return pe
}

// SaveEvaluation stores a project's self-evaluation as its next version;
// base is the version the user started from (0 for the first).
func (db *DB) SaveEvaluation(ctx context.Context, k ProjectKey, e score.ProjectEvaluation, names map[int]string, base int, actor string) (int, error) {
	var version int
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		orgID, err := orgIDOf(ctx, tx, k.Org)
		if err != nil {
			return err
		}
		var cur int
		if err := tx.GetContext(ctx, &cur, tx.Rebind(`SELECT coalesce(max(version), 0) FROM evaluations
			WHERE org_id = ? AND fiscal_year = ? AND project = ?`), orgID, k.FiscalYear, k.Project); err != nil {
			return err
		}
		if cur != base {
			return jixiao.Errorf(jixiao.ECONFLICT, "保存冲突：%s 的自评已被他人更新（第 %d 版），请重新打开后再填写。", k.Project, cur)
		}
		version = cur + 1
		now := time.Now().UTC().Truncate(time.Microsecond)
		var id int64
		err = tx.QueryRowxContext(ctx, tx.Rebind(`INSERT INTO evaluations
			(org_id, fiscal_year, project, version, budget_fen, executed_fen, summary, problems, improvements, evaluated_by, evaluated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			orgID, k.FiscalYear, k.Project, version, nullFen(e.Budget), nullFen(e.Executed), e.Summary, e.Problems, e.Improvements, actor, now).Scan(&id)
		if err != nil {
			return err
		}
		for _, it := range e.Indicators {
			if _, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO evaluation_items
				(evaluation_id, seq, name, actual, attainment, share, deviation_analysis) VALUES (?, ?, ?, ?, ?, ?, ?)`),
				id, it.Seq, names[it.Seq], it.Actual, string(it.Attainment), it.Share.String(), it.DeviationAnalysis); err != nil {
				return err
			}
		}
		_, err = appendAudit(ctx, tx, jixiao.AuditEntry{Actor: actor, Action: "evaluation.save", Object: k.object("evaluation"),
			After: auditJSON(map[string]any{"version": version, "budget_fen": e.Budget, "executed_fen": e.Executed,
				"summary": e.Summary, "problems": e.Problems, "improvements": e.Improvements, "indicators": e.Indicators})}, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("save evaluation of %s: %w", k.Project, domainErr(err))
	}
	return version, nil
}

func nullFen(f *jixiao.Fen) any {
	if f == nil {
		return nil
	}
	return int64(*f)
}

// Evaluations returns the newest self-evaluation of every project of an
// org's table for a year that has one, by project name.
func (db *DB) Evaluations(ctx context.Context, org string, year int) (map[string]EvaluationEntry, error) {
	rows, err := db.x.QueryContext(ctx, db.x.Rebind(`SELECT e.id, e.project, e.version, e.budget_fen, e.executed_fen, e.summary, e.problems,
			e.improvements, e.evaluated_by, e.evaluated_at
		FROM evaluations e JOIN orgs o ON o.id = e.org_id
		WHERE o.name = ? AND e.fiscal_year = ?
		  AND NOT EXISTS (SELECT 1 FROM evaluations n WHERE n.org_id = e.org_id AND n.fiscal_year = e.fiscal_year
		      AND n.project = e.project AND n.version > e.version)`), org, year)
	if err != nil {
		return nil, fmt.Errorf("evaluations: %w", err)
	}
	out := map[string]EvaluationEntry{}
	ids := map[string]int64{}
	for rows.Next() {
		var e EvaluationEntry
		var id int64
		var budget, executed sql.NullInt64
		if err := rows.Scan(&id, &e.Key.Project, &e.Version, &budget, &executed, &e.Summary, &e.Problems, &e.Improvements, &e.EvaluatedBy, &e.EvaluatedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("evaluations: %w", err)
		}
		e.Key.Org, e.Key.FiscalYear, e.FiscalYear = org, year, year
		if budget.Valid {
			f := jixiao.Fen(budget.Int64)
			e.Budget = &f
		}
		if executed.Valid {
			f := jixiao.Fen(executed.Int64)
			e.Executed = &f
		}
		e.EvaluatedAt = e.EvaluatedAt.UTC()
		out[e.Key.Project] = e
		ids[e.Key.Project] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("evaluations: %w", err)
	}
	for name, id := range ids {
		its, err := db.x.QueryContext(ctx, db.x.Rebind(`SELECT seq, name, actual, attainment, share, deviation_analysis
			FROM evaluation_items WHERE evaluation_id = ? ORDER BY seq`), id)
		if err != nil {
			return nil, fmt.Errorf("evaluation items: %w", err)
		}
		e := out[name]
		e.Names = map[int]string{}
		for its.Next() {
			var it score.IndicatorEvaluation
			var a, share, iname string
			if err := its.Scan(&it.Seq, &iname, &it.Actual, &a, &share, &it.DeviationAnalysis); err != nil {
				its.Close()
				return nil, fmt.Errorf("evaluation items: %w", err)
			}
			it.Attainment = score.Attainment(a)
			if share != "" {
				it.Share, _ = jixiao.ParseDecimal(share)
			}
			e.Indicators = append(e.Indicators, it)
			e.Names[it.Seq] = iname
		}
		its.Close()
		out[name] = e
	}
	return out, nil
}
