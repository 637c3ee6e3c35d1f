package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"

	"jixiao"
)

// readQueries are the reads every project page runs (its version's
// summary, TableProject), which SQLite took longer to parse than to run. Like the bulk inserts (stmtCache) they are prepared once at Open,
// and database/sql then prepares each once per connection.
func (db *DB) readQueries() []string {
	summary, _ := db.tablesSQL(jixiao.TableFilter{ID: 1})
	return []string{summary, tableProjectSQL, projectIndicatorsSQL, projectFindingsSQL}
}

func prepareReads(ctx context.Context, x *sqlx.DB, queries []string) (stmtCache, error) {
	c := stmtCache{}
	for _, q := range queries {
		s, err := x.PreparexContext(ctx, x.Rebind(q))
		if err != nil {
			c.close()
			return nil, fmt.Errorf("prepare %.40s…: %w", q, err)
		}
		c[q] = s
	}
	return c, nil
}

// queryx runs q, in tx when it is not nil, as a prepared statement when q
// is one of readQueries.
func (db *DB) queryx(ctx context.Context, tx *sqlx.Tx, q string, args ...any) (*sql.Rows, error) {
	s, ok := db.reads[q]
	switch {
	case ok && tx != nil:
		return tx.StmtxContext(ctx, s).QueryContext(ctx, args...)
	case ok:
		return s.QueryContext(ctx, args...)
	case tx != nil:
		return tx.QueryContext(ctx, tx.Rebind(q), args...)
	}
	return db.x.QueryContext(ctx, db.x.Rebind(q), args...)
}

// queryRowx is queryx for one row.
func (db *DB) queryRowx(ctx context.Context, tx *sqlx.Tx, q string, args ...any) *sql.Row {
	s, ok := db.reads[q]
	switch {
	case ok && tx != nil:
		return tx.StmtxContext(ctx, s).QueryRowContext(ctx, args...)
	case ok:
		return s.QueryRowContext(ctx, args...)
	case tx != nil:
		return tx.QueryRowContext(ctx, tx.Rebind(q), args...)
	}
	return db.x.QueryRowContext(ctx, db.x.Rebind(q), args...)
}
