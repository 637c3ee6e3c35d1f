package sqldb

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"jixiao"

	// The two database/sql drivers: pure Go both, so the binary builds
	// with CGO_ENABLED=0.
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// DB is a jixiao.TableStore over SQLite or PostgreSQL.
type DB struct {
	x     *sqlx.DB
	d     *dialect
	stmts stmtCache // bulk INSERTs; nil where the dialect uses COPY
	reads stmtCache // see readQueries

	// hook, when set by a test, runs after each stage of a save inside its
	// transaction ("table", "units", "projects", "indicators"); an error
	// aborts the save. It is how tests make a save fail half-way.
	hook func(ctx context.Context, stage string) error
}

var _ jixiao.TableStore = (*DB)(nil)

// Open connects to dsn and brings the schema up to date. A dsn starting
// with postgres:// or postgresql:// is a PostgreSQL URL; anything else is a
// SQLite file path (":memory:" for a private in-memory database).
func Open(ctx context.Context, dsn string) (*DB, error) {
	d, driverDSN := dialectFor(dsn)
	x, err := sqlx.Open(d.driver, driverDSN)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", d.name, err)
	}
	x = sqlx.NewDb(x.DB, d.bindName)
	d.configurePool(x.DB, dsn)
	if err := x.PingContext(ctx); err != nil {
		x.Close()
		return nil, fmt.Errorf("open %s database: %w", d.name, err)
	}
	if err := migrate(ctx, x.DB, d); err != nil {
		x.Close()
		return nil, fmt.Errorf("open %s database: %w", d.name, err)
	}
	db := &DB{x: x, d: d}
	if d.copyFrom == nil {
		if db.stmts, err = prepareInserts(ctx, x); err != nil {
			x.Close()
			return nil, fmt.Errorf("open %s database: %w", d.name, err)
		}
	}
	if db.reads, err = prepareReads(ctx, x, db.readQueries()); err != nil {
		db.stmts.close()
		x.Close()
		return nil, fmt.Errorf("open %s database: %w", d.name, err)
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error {
	db.stmts.close()
	db.reads.close()
	return db.x.Close()
}

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.d.name }

func (db *DB) runHook(ctx context.Context, stage string) error {
	if db.hook == nil {
		return nil
	}
	return db.hook(ctx, stage)
}
