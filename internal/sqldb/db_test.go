package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// pgEnv names the PostgreSQL URL the tests run against when set, e.g.
// postgres://postgres@127.0.0.1:5432/jixiao_test?sslmode=disable.
const pgEnv = "JIXIAO_TEST_PG"

// forEachDB runs f against a fresh SQLite database and, when JIXIAO_TEST_PG
// is set, against a fresh PostgreSQL schema.
func forEachDB(t *testing.T, f func(t *testing.T, db *DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { f(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, openPostgres(t)) })
}

func openSQLite(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "jixiao.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// openPostgres opens a database whose search_path is a schema of its own,
// dropped at the end, so tests neither see nor disturb each other.
func openPostgres(tb testing.TB) *DB {
	tb.Helper()
	base := os.Getenv(pgEnv)
	if base == "" {
		tb.Skipf("%s not set; set it to a PostgreSQL URL (e.g. postgres://postgres@127.0.0.1:5432/jixiao_test?sslmode=disable) to run against PostgreSQL", pgEnv)
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { admin.Close() })
	schema := "test_" + randomHex(6)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema (does the database in %s exist?): %v", pgEnv, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := Open(ctx, u.String())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() }) // runs before the schema is dropped
	return db
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// rowCounts returns how many rows each table of the schema holds.
func rowCounts(tb testing.TB, db *DB) map[string]int {
	tb.Helper()
	counts := map[string]int{}
	for _, table := range []string{"orgs", "tables", "units", "projects", "indicators", "findings"} {
		var n int
		if err := db.x.QueryRowContext(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			tb.Fatal(err)
		}
		counts[table] = n
	}
	return counts
}

func TestOpenDialect(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		want := t.Name()[strings.LastIndex(t.Name(), "/")+1:] // the subtest is named after the dialect
		if got := db.Dialect(); got != want {
			t.Errorf("Dialect() = %q, want %q", got, want)
		}
	})
}

func TestOpenMemory(t *testing.T) {
	db, err := Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tb := testTable("内存单位", 2024, 3, 2)
	if _, err := db.SaveTable(context.Background(), tb); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Table(context.Background(), tb.ID); err != nil {
		t.Fatal(err)
	}
}

// TestOpenTwice checks that migrations are idempotent: a second Open of
// the same file finds the schema current and keeps the data.
func TestOpenTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.db")
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveTable(ctx, testTable("单位", 2024, 2, 2)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := rowCounts(t, db)["tables"]; got != 1 {
		t.Errorf("tables after reopen = %d, want 1", got)
	}
}
