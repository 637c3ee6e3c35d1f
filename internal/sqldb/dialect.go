package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jmoiron/sqlx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is everything that differs between SQLite and PostgreSQL. All
// other SQL is written once with ? placeholders and rebound by sqlx.
type dialect struct {
	name     string // "sqlite" | "postgres"; also the migrations directory
	driver   string // database/sql driver name
	bindName string // a driver name sqlx knows the placeholder style of
	goose    goose.Dialect

	// byteOrder follows a text column in ORDER BY so that both databases
	// sort by code point; PostgreSQL would otherwise use the database's
	// locale, and listings would come out in a different order per dialect.
	byteOrder string

	// readTx is how a multi-statement read gets one consistent snapshot.
	readTx sql.TxOptions

	// migrationLock, when set, serialises migrations across processes.
	migrationLock func() (lock.SessionLocker, error)

	// allocIDs reserves n ids of table for rows the caller then inserts
	// with explicit ids, so that children can be written in bulk without a
	// RETURNING round trip per batch.
	allocIDs func(ctx context.Context, tx *sqlx.Tx, table string, n int) ([]int64, error)

	// lockOrgMoves, when set, is run first in a transaction that moves an
	// org, so that moves take turns and each sees the tree the one before
	// left. SQLite needs none: its write transactions already take turns.
	lockOrgMoves string

	// copyFrom, when set, replaces the portable multi-row INSERT of bulk
	// rows with something faster, inside the transaction open on conn.
	copyFrom func(ctx context.Context, conn *sql.Conn, table string, cols []string, src rowSource) error
}

var sqliteDialect = dialect{
	name:      "sqlite",
	driver:    "sqlite",
	bindName:  "sqlite3",
	goose:     goose.DialectSQLite3,
	byteOrder: "COLLATE BINARY",
	// A read-only transaction in WAL mode reads one snapshot; the driver
	// begins it DEFERRED, so it takes no write lock.
	readTx:   sql.TxOptions{ReadOnly: true},
	allocIDs: sqliteAllocIDs,
}

var postgresDialect = dialect{
	name:      "postgres",
	driver:    "pgx",
	bindName:  "pgx",
	goose:     goose.DialectPostgres,
	byteOrder: `COLLATE "C"`,
	// READ COMMITTED would give each statement of a load its own snapshot.
	readTx:        sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
	migrationLock: func() (lock.SessionLocker, error) { return lock.NewPostgresSessionLocker() },
	allocIDs:      pgAllocIDs,
	copyFrom:      pgCopyFrom,
	// A lock of its own, held to commit and taken before any row: a move
	// may wait for a save holding an org's row, but holds nothing a save
	// waits for.
	lockOrgMoves: `SELECT pg_advisory_xact_lock(7667792234576555887)`, // "jixiao/o" as an int64
}

// dialectFor picks the dialect of a DSN given to Open and returns the DSN
// the driver should see.
func dialectFor(dsn string) (*dialect, string) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return &postgresDialect, dsn
	}
	return &sqliteDialect, sqliteDSN(dsn)
}

// sqliteDSN adds the per-connection settings every SQLite connection needs:
// a busy timeout instead of immediate SQLITE_BUSY; foreign keys, which
// SQLite leaves off by default; WAL, so readers never block the writer, with
// synchronous=NORMAL, which in WAL mode is still crash-safe (a power loss
// may only drop the last commits); a 32 MB page cache (the default is 2 MB)
// so that a big table's pages stay in memory until its commit; statement
// journals in memory (temp_store), which spared a quarter of the import's
// time in write system calls; checkpoints every 20,000 WAL pages (80 MB)
// instead of 1,000, so that index pages rewritten by many small imports are
// copied to the database once, not per commit (about 15% of an import of
// many small tables), with the WAL cut back to 64 MB after a checkpoint;
// IMMEDIATE
// write transactions, so two writers queue on the busy timeout instead of
// deadlocking when both try to upgrade a read lock; and a time format that
// sorts as text.
func sqliteDSN(path string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "_pragma=busy_timeout(10000)" +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)" +
		"&_pragma=cache_size(-32000)" +
		"&_pragma=temp_store(MEMORY)" +
		"&_pragma=wal_autocheckpoint(20000)" +
		"&_pragma=journal_size_limit(67108864)" +
		"&_txlock=immediate" +
		"&_time_format=sqlite"
}

// configurePool adapts the connection pool to the database.
func (d *dialect) configurePool(db *sql.DB, dsn string) {
	if d.name != "sqlite" {
		return
	}
	if strings.HasPrefix(dsn, ":memory:") || strings.Contains(dsn, "mode=memory") {
		// Every connection to ":memory:" is a database of its own.
		db.SetMaxOpenConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
		return
	}
	// SQLite writes one transaction at a time, and each connection keeps a
	// page cache of its own: a few connections serve all the readers.
	db.SetMaxOpenConns(max(4, runtime.NumCPU()))
	db.SetMaxIdleConns(max(4, runtime.NumCPU()))
}

// errClass is what a driver error means to the store, whichever driver
// raised it.
type errClass int

const (
	errOther   errClass = iota
	errUnique           // UNIQUE or PRIMARY KEY violated
	errInvalid          // CHECK, NOT NULL or FOREIGN KEY violated: data the schema refuses
	errRetry            // lock timeout, serialisation failure, deadlock: try again
)

func classify(err error) errClass {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return errUnique
		case "23514", "23502", "23503":
			return errInvalid
		case "40001", "40P01", "55P03":
			return errRetry
		}
		return errOther
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return errUnique
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return errInvalid
		}
		switch se.Code() & 0xff { // primary code: extended codes keep it in the low byte
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return errRetry
		}
	}
	return errOther
}

// sqliteAllocIDs hands out the ids after the highest one. That is safe
// because a write transaction is IMMEDIATE: nobody else can insert until it
// ends.
func sqliteAllocIDs(ctx context.Context, tx *sqlx.Tx, table string, n int) ([]int64, error) {
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM "+table).Scan(&last); err != nil {
		return nil, err
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = last + 1 + int64(i)
	}
	return ids, nil
}

// pgAllocIDs draws n values from the table's identity sequence in one
// round trip; concurrent sessions draw different ones.
func pgAllocIDs(ctx context.Context, tx *sqlx.Tx, table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	rows, err := tx.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`, table, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ids) != n {
		return nil, fmt.Errorf("allocated %d ids of %s, want %d", len(ids), table, n)
	}
	return ids, nil
}

// pgCopyFrom streams rows with COPY … FROM STDIN (binary), several times
// faster than INSERT. database/sql has no COPY, so it reaches the pgx
// connection under conn; the transaction begun on conn is a transaction of
// that same session, so the COPY is part of it.
func pgCopyFrom(ctx context.Context, conn *sql.Conn, table string, cols []string, src rowSource) error {
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("postgres connection is %T, want *stdlib.Conn", dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, src)
		return err
	})
}
