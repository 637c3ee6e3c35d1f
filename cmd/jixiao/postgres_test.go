package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"jixiao/internal/seedtest"
)

// pgDSN returns a URL of a fresh schema in the PostgreSQL database that
// JIXIAO_TEST_PG names, dropped after the test; it skips without one.
func pgDSN(t *testing.T) string {
	t.Helper()
	base := os.Getenv("JIXIAO_TEST_PG")
	if base == "" {
		t.Skip("JIXIAO_TEST_PG not set: the command line is tested on SQLite only")
	}
	admin, err := sql.Open("pgx", base) // the driver sqldb registers
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	schema := "cli_" + hex.EncodeToString(b)
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE") })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestSeedThroughPostgreSQL(t *testing.T) {
	seed := seedtest.Path(t)
	c := &cli{t: t, db: pgDSN(t)}
	if out := c.ok("import", seed); !strings.Contains(out, "已导入（表 #1 第 1 版）") {
		t.Errorf("import: %q", out)
	}
	if out := c.ok("import", seed); !strings.Contains(out, "内容未变化") {
		t.Errorf("second import: %q", out)
	}
	fromPG := c.ok("export", "--format", "json")
	sq := newCLI(t)
	sq.ok("import", seed)
	if fromSQLite := sq.ok("export", "--format", "json"); fromPG != fromSQLite {
		t.Error("the same table exports differently from PostgreSQL and SQLite")
	}
	if code, out, _ := c.run("check", "--db", c.db); code != 1 || !strings.Contains(out, "HYG-CUT-OFF") {
		t.Errorf("check --db on PostgreSQL: exit %d\n%s", code, out)
	}
}
