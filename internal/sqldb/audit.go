package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"jixiao"
)

// appendAudit writes e as the next record of the audit log inside tx, the
// transaction of the change it records: the change and its record commit
// together or not at all. Taking the next number is an UPDATE of the one
// head row, which in PostgreSQL locks it until commit, so concurrent
// changes append one after the other and the chain never forks.
func appendAudit(ctx context.Context, tx *sqlx.Tx, e jixiao.AuditEntry, at time.Time) (jixiao.AuditRecord, error) {
	r := jixiao.AuditRecord{At: at.UTC().Truncate(time.Microsecond), AuditEntry: e}
	err := tx.QueryRowxContext(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`).Scan(&r.Seq, &r.PrevHash)
	if err != nil {
		return r, fmt.Errorf("audit head: %w", err)
	}
	r.Hash = r.ChainHash()
	_, err = tx.ExecContext(ctx, tx.Rebind(`
		INSERT INTO audit_log (seq, at, actor, action, object, before_json, after_json, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		r.Seq, r.At, r.Actor, r.Action, r.Object, r.Before, r.After, r.PrevHash, r.Hash)
	if err != nil {
		return r, fmt.Errorf("append audit record: %w", err)
	}
	if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE audit_head SET hash = ? WHERE id = 1`), r.Hash); err != nil {
		return r, fmt.Errorf("audit head: %w", err)
	}
	return r, nil
}

// Audit records a change that is not a save of a table (an account
// created, a password changed) in a transaction of its own.
func (db *DB) Audit(ctx context.Context, e jixiao.AuditEntry) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		_, err := appendAudit(ctx, tx, e, time.Now())
		return err
	})
}

// auditJSON renders v for the before/after of an audit record.
func auditJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return string(b)
}

// AuditFilter narrows AuditLog.
type AuditFilter struct {
	Object string // exact object, e.g. "table:12"; "" for all
	Actor  string
	Before int64 // records with seq below this; 0 for the newest
	Limit  int   // default 100
}

// AuditLog lists audit records, newest first.
func (db *DB) AuditLog(ctx context.Context, f AuditFilter) ([]jixiao.AuditRecord, error) {
	q := `SELECT seq, at, actor, action, object, before_json, after_json, prev_hash, hash FROM audit_log WHERE 1 = 1`
	var args []any
	if f.Object != "" {
		q, args = q+" AND object = ?", append(args, f.Object)
	}
	if f.Actor != "" {
		q, args = q+" AND actor = ?", append(args, f.Actor)
	}
	if f.Before > 0 {
		q, args = q+" AND seq < ?", append(args, f.Before)
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	q += fmt.Sprintf(" ORDER BY seq DESC LIMIT %d", f.Limit)
	rows, err := db.x.QueryContext(ctx, db.x.Rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	defer rows.Close()
	list := []jixiao.AuditRecord{}
	for rows.Next() {
		var r jixiao.AuditRecord
		if err := rows.Scan(&r.Seq, &r.At, &r.Actor, &r.Action, &r.Object, &r.Before, &r.After, &r.PrevHash, &r.Hash); err != nil {
			return nil, fmt.Errorf("audit log: %w", err)
		}
		r.At = r.At.UTC()
		list = append(list, r)
	}
	return list, rows.Err()
}

// VerifyAudit walks the whole audit log in order and checks its hash
// chain and its head. It returns how many records it checked and the first
// break, nil when the log is intact. It reads in one snapshot, so records
// appended meanwhile neither count nor break it.
func (db *DB) VerifyAudit(ctx context.Context, progress func(n int64)) (int64, *jixiao.AuditBreak, error) {
	tx, err := db.x.BeginTxx(ctx, &db.d.readTx)
	if err != nil {
		return 0, nil, fmt.Errorf("verify audit log: %w", err)
	}
	defer tx.Rollback()
	var headSeq int64
	var headHash string
	if err := tx.QueryRowxContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return 0, nil, fmt.Errorf("verify audit log: head: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT seq, at, actor, action, object, before_json, after_json, prev_hash, hash FROM audit_log ORDER BY seq`)
	if err != nil {
		return 0, nil, fmt.Errorf("verify audit log: %w", err)
	}
	defer rows.Close()
	var v jixiao.ChainVerifier
	var n int64
	for rows.Next() {
		var r jixiao.AuditRecord
		if err := rows.Scan(&r.Seq, &r.At, &r.Actor, &r.Action, &r.Object, &r.Before, &r.After, &r.PrevHash, &r.Hash); err != nil {
			return n, nil, fmt.Errorf("verify audit log: %w", err)
		}
		n++
		if b := v.Check(&r); b != nil {
			return n, b, nil
		}
		if progress != nil && n%1000 == 0 {
			progress(n)
		}
	}
	if err := rows.Err(); err != nil {
		return n, nil, fmt.Errorf("verify audit log: %w", err)
	}
	return n, v.End(headSeq, headHash), nil
}

// inTx runs fn in a write transaction and commits when it returns nil.
func (db *DB) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := db.x.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}
