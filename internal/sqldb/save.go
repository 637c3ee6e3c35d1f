package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"jixiao"
)

// saveAttempts is how often SaveTable tries a save that failed for a
// transient reason: a lock wait that timed out, a deadlock, or a version
// number taken by a concurrent save despite the org lock.
const saveAttempts = 8

// SaveTable stores t as the next version for (t.Org, t.FiscalYear), unless
// its content hash equals the current version's. It sets t.Hash, t.ID,
// t.Version and t.ImportedAt (now, if zero; kept to the microsecond both
// databases store), and each project's ID when a version is written.
// Everything is written in one transaction.
func (db *DB) SaveTable(ctx context.Context, t *jixiao.Table) (jixiao.ImportResult, error) {
	return db.SaveVersion(ctx, t, SaveOptions{})
}

// SaveOptions says how SaveVersion treats a table.
type SaveOptions struct {
	// BaseVersion, when not 0, makes the save an edit of that version: if
	// another version has become current since, the save fails with
	// ECONFLICT instead of overwriting what someone else saved; and data
	// equal to an older version is still a new version (an edit undone).
	BaseVersion int
	// Audit, when set, is written to the audit log in the same transaction
	// (its Object defaults to "table:<new id>"). An import with no Audit
	// is logged with a summary of the table as actor "system".
	Audit *jixiao.AuditEntry
	// Actor names who saves, for the default audit record.
	Actor string
}

// SaveVersion is SaveTable with the workflow's options: t.Status (default
// published), t.CreatedBy (or opts.Actor) and t.Note are stored with the new
// version. An edit (opts.BaseVersion not 0) is a new version that nobody has
// reviewed yet, made now by whoever saves it: it is stored as a draft
// without a grade (or, when t.Status says submitted, as an adjustment sent
// back to review), dated now, whatever status, grade and time the version
// it was loaded from had.
func (db *DB) SaveVersion(ctx context.Context, t *jixiao.Table, opts SaveOptions) (jixiao.ImportResult, error) {
	if err := validate(t); err != nil {
		if t == nil {
			return jixiao.ImportResult{}, fmt.Errorf("save table: %w", err)
		}
		return jixiao.ImportResult{}, fmt.Errorf("save table %s %d: %w", t.Org, t.FiscalYear, err)
	}
	hash := jixiao.ContentHash(t)
	meta := metaOf(t, opts)

	for attempt := 1; ; attempt++ {
		s, err := db.saveOnce(ctx, t, hash, meta, opts)
		if err == nil {
			t.ID, t.Version, t.Hash, t.ImportedAt = s.tableID, s.version, hash, s.importedAt
			t.Status = statusOf(t)
			if s.outcome != jixiao.ImportUnchanged {
				t.Status, t.Grade, t.CreatedBy = meta.status, meta.grade, meta.createdBy
				for i, p := range t.Projects() {
					p.ID = s.projectIDs[i]
				}
			}
			return jixiao.ImportResult{TableID: s.tableID, Version: s.version, Outcome: s.outcome}, nil
		}
		c := classify(err)
		if attempt < saveAttempts && (c == errUnique || c == errRetry) && ctx.Err() == nil {
			if sleepCtx(ctx, backoff(attempt)) == nil {
				continue
			}
		}
		// A cancelled save can surface as whatever the driver hit first
		// ("connection is already closed"); the cause the caller can act
		// on is the cancellation, so that is what the error says.
		if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
			err = fmt.Errorf("%w (%v)", cerr, err)
		}
		return jixiao.ImportResult{}, fmt.Errorf("save table %s %d: %w", t.Org, t.FiscalYear, domainErr(err))
	}
}

// validate refuses what cannot be stored: a table needs its identity, and
// nil rows would panic half-way through.
func validate(t *jixiao.Table) error {
	if t == nil {
		return jixiao.Errorf(jixiao.EINVALID, "没有表 (no table)")
	}
	if t.Org == "" {
		return jixiao.Errorf(jixiao.EINVALID, "缺少单位名称 (table has no org)")
	}
	if t.FiscalYear <= 0 {
		return jixiao.Errorf(jixiao.EINVALID, "缺少预算年度 (table has no fiscal year)")
	}
	for _, u := range t.Units {
		for _, p := range u.Projects {
			if p == nil {
				return jixiao.Errorf(jixiao.EINVALID, "资金使用单位 %s 有空项目 (nil project)", u.Name)
			}
			for _, in := range p.Indicators {
				if in == nil {
					return jixiao.Errorf(jixiao.EINVALID, "项目 %s 有空指标 (nil indicator)", p.Name)
				}
			}
		}
	}
	return nil
}

// versionMeta is what a new version is stored with besides its data.
type versionMeta struct {
	status    jixiao.Status
	grade     string
	createdBy string
	at        time.Time
}

func metaOf(t *jixiao.Table, opts SaveOptions) versionMeta {
	m := versionMeta{status: statusOf(t), grade: t.Grade, createdBy: cmpOr(opts.Actor, t.CreatedBy), at: t.ImportedAt}
	if opts.BaseVersion != 0 {
		// An adjustment (调整) of approved targets goes straight back to
		// the reviewer; any other edit is a draft.
		st := jixiao.StatusDraft
		if t.Status == jixiao.StatusSubmitted {
			st = jixiao.StatusSubmitted
		}
		m.status, m.grade, m.at = st, "", time.Time{}
	}
	if m.at.IsZero() {
		m.at = time.Now()
	}
	m.at = m.at.UTC().Truncate(time.Microsecond)
	return m
}

// saved is what one successful attempt wrote, applied to the caller's table
// only after commit so that a failed attempt leaves it untouched.
type saved struct {
	tableID    int64
	version    int
	importedAt time.Time
	outcome    jixiao.ImportOutcome
	projectIDs []int64 // in t.Projects() order
}

func (db *DB) saveOnce(ctx context.Context, t *jixiao.Table, hash string, meta versionMeta, opts SaveOptions) (saved, error) {
	// A dedicated connection, because the PostgreSQL COPY must run on the
	// very session that holds the transaction.
	conn, err := db.x.Connx(ctx)
	if err != nil {
		return saved{}, err
	}
	defer conn.Close()
	tx, err := conn.BeginTxx(ctx, nil)
	if err != nil {
		return saved{}, err
	}
	defer tx.Rollback()

	// The no-op update is deliberate: unlike DO NOTHING it returns the id of
	// an existing org, and it locks the org row, so that concurrent saves
	// of one org queue here rather than race for the next version number
	// (SQLite already holds the database write lock).
	var orgID int64
	err = tx.QueryRowxContext(ctx, tx.Rebind(`
		INSERT INTO orgs (name) VALUES (?)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name
		RETURNING id`), t.Org).Scan(&orgID)
	if err != nil {
		return saved{}, fmt.Errorf("upsert org: %w", err)
	}

	var cur struct {
		ID         int64     `db:"id"`
		Version    int       `db:"version"`
		Hash       string    `db:"hash"`
		ImportedAt time.Time `db:"imported_at"`
	}
	err = tx.GetContext(ctx, &cur, tx.Rebind(`
		SELECT id, version, hash, imported_at FROM tables
		WHERE org_id = ? AND fiscal_year = ?
		ORDER BY version DESC LIMIT 1`), orgID, t.FiscalYear)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return saved{}, fmt.Errorf("select current version: %w", err)
	case opts.BaseVersion != 0 && cur.Version != opts.BaseVersion:
		return saved{}, jixiao.Errorf(jixiao.ECONFLICT,
			"保存冲突：您编辑的是第 %d 版，此后已有人保存了第 %d 版。请打开最新版本，重新修改后再保存。", opts.BaseVersion, cur.Version)
	case cur.Hash != hash && opts.BaseVersion == 0:
		// An older version with the same data (a directory of files for one
		// org and year imported again) is that version, not a new one.
		old := cur
		err := tx.GetContext(ctx, &old, tx.Rebind(`
			SELECT id, version, hash, imported_at FROM tables
			WHERE org_id = ? AND fiscal_year = ? AND hash = ?
			ORDER BY version DESC LIMIT 1`), orgID, t.FiscalYear, hash)
		if err == nil {
			cur = old
		} else if !errors.Is(err, sql.ErrNoRows) {
			return saved{}, fmt.Errorf("select version by hash: %w", err)
		}
	}
	switch {
	case cur.ID != 0 && cur.Hash == hash:
		// The data is unchanged, but the review may not be: rules change.
		if t.Review != nil {
			if err := saveReview(ctx, db, conn.Conn, tx, cur.ID, t.Review); err != nil {
				return saved{}, err
			}
			if err := tx.Commit(); err != nil {
				return saved{}, fmt.Errorf("commit: %w", err)
			}
		}
		return saved{tableID: cur.ID, version: cur.Version, importedAt: cur.ImportedAt.UTC(), outcome: jixiao.ImportUnchanged}, nil
	}
	s := saved{version: cur.Version + 1, importedAt: meta.at, outcome: jixiao.ImportCreated}
	if cur.Version > 0 {
		s.outcome = jixiao.ImportNewVersion
	}

	projects := t.Projects()
	// The unique (org_id, fiscal_year, version) is the guarantee that two
	// saves never both write version n+1, should anything get past the
	// lock above: the second fails here and SaveTable tries again.
	err = tx.QueryRowxContext(ctx, tx.Rebind(`
		INSERT INTO tables (org_id, fiscal_year, version, title, org_name, money_unit,
			total_fen, fiscal_fen, special_account_fen, other_fen,
			source, hash, fiscal_year_source, imported_at, project_count, indicator_count,
			status, created_by, note, grade, comment)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`),
		orgID, t.FiscalYear, s.version, t.Title, t.Org, string(t.MoneyUnit),
		int64(t.Total.Total), int64(t.Total.Fiscal), int64(t.Total.SpecialAccount), int64(t.Total.Other),
		t.Source, hash, t.FiscalYearSource, meta.at, len(projects), t.IndicatorCount(),
		string(meta.status), meta.createdBy, t.Note, meta.grade, t.Comment,
	).Scan(&s.tableID)
	if err != nil {
		return saved{}, fmt.Errorf("insert table: %w", err)
	}
	if err := db.runHook(ctx, "table"); err != nil {
		return saved{}, err
	}

	// Children get their ids up front, so that all rows of a kind can be
	// streamed in one bulk insert.
	unitIDs, err := db.d.allocIDs(ctx, tx, "units", len(t.Units))
	if err != nil {
		return saved{}, fmt.Errorf("allocate unit ids: %w", err)
	}
	err = db.bulkInsert(ctx, conn.Conn, tx, "units", unitCols, newFuncSource(len(t.Units), func(args []any, i int) []any {
		return appendUnit(args, unitIDs[i], s.tableID, i+1, &t.Units[i])
	}))
	if err != nil {
		return saved{}, fmt.Errorf("insert units: %w", err)
	}
	if err := db.runHook(ctx, "units"); err != nil {
		return saved{}, err
	}

	if s.projectIDs, err = db.d.allocIDs(ctx, tx, "projects", len(projects)); err != nil {
		return saved{}, fmt.Errorf("allocate project ids: %w", err)
	}
	projectUnit := make([]int64, 0, len(projects))
	for i, u := range t.Units {
		for range u.Projects {
			projectUnit = append(projectUnit, unitIDs[i])
		}
	}
	err = db.bulkInsert(ctx, conn.Conn, tx, "projects", projectCols, newFuncSource(len(projects), func(args []any, i int) []any {
		return appendProject(args, s.projectIDs[i], s.tableID, projectUnit[i], i+1, projects[i])
	}))
	if err != nil {
		return saved{}, fmt.Errorf("insert projects: %w", err)
	}
	if err := db.runHook(ctx, "projects"); err != nil {
		return saved{}, err
	}

	err = db.bulkInsert(ctx, conn.Conn, tx, "indicators", indicatorCols, newIndicatorSource(projects, s.projectIDs))
	if err != nil {
		return saved{}, fmt.Errorf("insert indicators: %w", err)
	}
	if err := db.runHook(ctx, "indicators"); err != nil {
		return saved{}, err
	}
	if t.Review != nil {
		if err := saveReview(ctx, db, conn.Conn, tx, s.tableID, t.Review); err != nil {
			return saved{}, err
		}
	}

	// The record is dated now, not meta.at: a caller may give the table
	// any ImportedAt, but the log says when the change was made.
	entry := importAudit(t, s, hash, meta, opts)
	if _, err := appendAudit(ctx, tx, entry, time.Now()); err != nil {
		return saved{}, err
	}

	if err := tx.Commit(); err != nil {
		return saved{}, fmt.Errorf("commit: %w", err)
	}
	return s, nil
}

func statusOf(t *jixiao.Table) jixiao.Status {
	if t.Status == "" {
		return jixiao.StatusPublished
	}
	return t.Status
}

// importAudit is the audit record of a saved version: the caller's, or a
// summary of the table (the data itself is the version, kept for good).
func importAudit(t *jixiao.Table, s saved, hash string, meta versionMeta, opts SaveOptions) jixiao.AuditEntry {
	var e jixiao.AuditEntry
	if opts.Audit != nil {
		e = *opts.Audit
	}
	if e.Object == "" {
		e.Object = fmt.Sprintf("table:%d", s.tableID)
	}
	if e.Actor == "" {
		e.Actor = cmpOr(meta.createdBy, "system")
	}
	if e.Action == "" {
		e.Action = "table.import"
	}
	if e.After == "" {
		e.After = auditJSON(map[string]any{
			"org": t.Org, "fiscal_year": t.FiscalYear, "version": s.version, "hash": hash,
			"status": meta.status, "source": t.Source, "projects": len(t.Projects()), "indicators": t.IndicatorCount(),
		})
	}
	return e
}

func cmpOr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// backoff spreads retries of concurrent saves so they do not collide again.
func backoff(attempt int) time.Duration {
	d := time.Duration(attempt*attempt) * 5 * time.Millisecond
	return d/2 + rand.N(d)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}
