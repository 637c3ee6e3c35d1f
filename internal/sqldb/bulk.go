package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
)

// rowSource yields the rows of one bulk insert one at a time, so that no
// path holds more than a batch of arguments. It is pgx.CopyFromSource.
type rowSource interface {
	Next() bool
	Values() ([]any, error)
	Err() error
}

// funcSource is a rowSource over n rows built by row.
type funcSource struct {
	n, i int
	row  func(args []any, i int) []any
	buf  []any
}

func newFuncSource(n int, row func(args []any, i int) []any) *funcSource {
	return &funcSource{n: n, i: -1, row: row}
}

func (s *funcSource) Next() bool { s.i++; return s.i < s.n }

// Values reuses its slice: pgx encodes a row before asking for the next,
// and insertRows copies it into the statement arguments.
func (s *funcSource) Values() ([]any, error) {
	s.buf = s.row(s.buf[:0], s.i)
	return s.buf, nil
}

func (s *funcSource) Err() error { return nil }

// bulkInsert writes every row of src into table inside tx: by COPY where
// the dialect has it, else by multi-row INSERTs.
func (db *DB) bulkInsert(ctx context.Context, conn *sql.Conn, tx *sqlx.Tx, table string, cols []string, src rowSource) error {
	if db.d.copyFrom != nil {
		return db.d.copyFrom(ctx, conn, table, cols, src)
	}
	return db.insertRows(ctx, tx, table, cols, src)
}

// maxParams bounds the placeholders of one statement, under SQLite's
// SQLITE_MAX_VARIABLE_NUMBER (32766) and PostgreSQL's 65535.
const maxParams = 32000

// maxBatchRows bounds the rows of one multi-row INSERT. Past a few dozen
// rows the per-statement overhead is amortised; bigger statements only cost
// parse time and memory. A power of two, see insertRows.
const maxBatchRows = 64

// batchRows is how many rows of ncols columns one INSERT carries: the
// largest power of two within maxBatchRows and maxParams.
func batchRows(ncols int) int {
	n := maxBatchRows
	for n > 1 && n*ncols > maxParams {
		n /= 2
	}
	return n
}

// insertRows is the portable bulk insert: a prepared multi-row INSERT per
// full batch, and the rest in power-of-two pieces, so that every statement
// it runs is one of a handful prepared once per connection.
func (db *DB) insertRows(ctx context.Context, tx *sqlx.Tx, table string, cols []string, src rowSource) error {
	per := batchRows(len(cols))
	args := make([]any, 0, per*len(cols))
	flush := func(n int) error {
		if n == 0 {
			return nil
		}
		stmt, err := db.stmts.get(insertSQL(table, cols, n))
		if err != nil {
			return err
		}
		_, err = tx.StmtxContext(ctx, stmt).ExecContext(ctx, args[:n*len(cols)]...)
		args = append(args[:0], args[n*len(cols):]...)
		return err
	}
	n := 0
	for src.Next() {
		row, err := src.Values()
		if err != nil {
			return err
		}
		args = append(args, row...)
		if n++; n == per {
			if err := flush(per); err != nil {
				return err
			}
			n = 0
		}
	}
	if err := src.Err(); err != nil {
		return err
	}
	for piece := per / 2; n > 0; piece /= 2 {
		if n >= piece {
			if err := flush(piece); err != nil {
				return err
			}
			n -= piece
		}
	}
	return nil
}

// insertSQL returns "INSERT INTO table (cols) VALUES (?, …), …" for n rows.
func insertSQL(table string, cols []string, n int) string {
	var b strings.Builder
	row := "(" + strings.Repeat("?, ", len(cols)-1) + "?)"
	b.Grow(32 + len(table) + 16*len(cols) + n*(len(row)+2))
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// stmtCache holds the prepared bulk INSERTs, keyed by SQL. A big
// multi-row INSERT takes longer to parse than to run. They are prepared
// once at Open, because preparing on the pool during a save would wait for
// a second connection, and an in-memory SQLite database has only one.
// database/sql then prepares each once per connection, on first use in a
// transaction there.
type stmtCache map[string]*sqlx.Stmt

// prepareInserts prepares every statement insertRows can ask for.
func prepareInserts(ctx context.Context, x *sqlx.DB) (stmtCache, error) {
	c := stmtCache{}
	for _, t := range []struct {
		table string
		cols  []string
	}{{"units", unitCols}, {"projects", projectCols}, {"indicators", indicatorCols}, {"findings", findingCols}} {
		for n := batchRows(len(t.cols)); n >= 1; n /= 2 {
			q := insertSQL(t.table, t.cols, n)
			s, err := x.PreparexContext(ctx, x.Rebind(q))
			if err != nil {
				c.close()
				return nil, fmt.Errorf("prepare insert into %s: %w", t.table, err)
			}
			c[q] = s
		}
	}
	return c, nil
}

func (c stmtCache) get(query string) (*sqlx.Stmt, error) {
	if s, ok := c[query]; ok {
		return s, nil
	}
	return nil, fmt.Errorf("statement not prepared: %.60s…", query)
}

func (c stmtCache) close() {
	for _, s := range c {
		s.Close()
	}
}
