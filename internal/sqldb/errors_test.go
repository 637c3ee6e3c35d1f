package sqldb

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"jixiao"
)

// TestDriverErrors provokes real constraint violations in each database and
// checks that both drivers' errors get the same domain code.
func TestDriverErrors(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		exec := func(q string, args ...any) error {
			_, err := db.x.ExecContext(ctx, db.x.Rebind(q), args...)
			return err
		}
		if err := exec(`INSERT INTO orgs (name) VALUES (?)`, "局"); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name  string
			query string
			args  []any
			class errClass
			code  string
		}{
			{"unique", `INSERT INTO orgs (name) VALUES (?)`, []any{"局"}, errUnique, jixiao.ECONFLICT},
			{"check", `INSERT INTO tables (org_id, fiscal_year, version, title, org_name, money_unit,
				total_fen, fiscal_fen, special_account_fen, other_fen, source, hash, fiscal_year_source,
				imported_at, project_count, indicator_count)
				SELECT id, 2024, 0, '', '', '', 0, 0, 0, 0, '', '', '', CURRENT_TIMESTAMP, 0, 0 FROM orgs`,
				nil, errInvalid, jixiao.EINVALID},
			{"foreign key", `INSERT INTO units (table_id, seq, name, total_fen, fiscal_fen, special_account_fen, other_fen)
				VALUES (999, 1, '', 0, 0, 0, 0)`, nil, errInvalid, jixiao.EINVALID},
			{"syntax", `INSERT INTO nowhere VALUES (1)`, nil, errOther, jixiao.EINTERNAL},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := exec(tc.query, tc.args...)
				if err == nil {
					t.Fatal("no error")
				}
				if got := classify(err); got != tc.class {
					t.Errorf("classify(%v) = %d, want %d", err, got, tc.class)
				}
				if got := jixiao.ErrorCode(domainErr(err)); got != tc.code {
					t.Errorf("code = %q, want %q", got, tc.code)
				}
			})
		}
	})
}

// TestSaveRetries makes the first attempts of a save collide with a
// concurrent one and checks that it tries again, then gives up with
// ECONFLICT.
func TestSaveRetries(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		collision := &pgconn.PgError{Code: "23505", Message: "duplicate key value"}
		calls := 0
		db.hook = func(_ context.Context, stage string) error {
			if stage != "projects" {
				return nil
			}
			if calls++; calls <= 2 {
				return collision
			}
			return nil
		}
		defer func() { db.hook = nil }()
		res, err := db.SaveTable(ctx, testTable("单位", 2024, 3, 2))
		if err != nil {
			t.Fatal(err)
		}
		if calls != 3 || res.Version != 1 || res.Outcome != jixiao.ImportCreated {
			t.Errorf("calls %d result %+v, want 3 calls and created version 1", calls, res)
		}
		if got := rowCounts(t, db)["tables"]; got != 1 {
			t.Errorf("tables = %d, want 1: a failed attempt left rows", got)
		}

		calls = 0
		db.hook = func(_ context.Context, stage string) error {
			if stage == "projects" {
				calls++
				return collision
			}
			return nil
		}
		_, err = db.SaveTable(ctx, testTable("单位", 2024, 4, 2))
		if jixiao.ErrorCode(err) != jixiao.ECONFLICT || !errors.Is(err, collision) {
			t.Errorf("err = %v, want ECONFLICT wrapping the driver error", err)
		}
		if calls != saveAttempts {
			t.Errorf("attempts = %d, want %d", calls, saveAttempts)
		}
	})
}
