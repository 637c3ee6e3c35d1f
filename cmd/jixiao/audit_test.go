package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// TestAuditVerifyNamesTheFirstTamperedRecord changes a stored audit record
// as someone with access to the database file could (dropping the trigger
// that refuses it first) and expects `jixiao audit verify` to name it.
func TestAuditVerifyNamesTheFirstTamperedRecord(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	c.ok("gen", "--tables", "3", "--seed", "4", "-o", dir)
	c.ok("import", dir)
	out := c.ok("audit", "verify")
	if !strings.Contains(out, "审计日志完整：3 条记录") {
		t.Fatalf("intact log: %q", out)
	}

	db, err := sql.Open("sqlite", c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE audit_log SET actor = 'x' WHERE seq = 2`); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("the log accepted an update: %v", err)
	}
	for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET after_json = '{}' WHERE seq = 2`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	code, out, errs := c.run("audit", "verify")
	if code != exitFailed || !strings.Contains(errs, "第 2 条记录处断开") || !strings.Contains(errs, "改动") {
		t.Errorf("tampered log: exit %d\n%s%s", code, out, errs)
	}
}

func TestAuditVerifyNeedsAnExistingDatabase(t *testing.T) {
	c := newCLI(t)
	c.db = filepath.Join(t.TempDir(), "missing.db")
	if code, _, errs := c.run("audit", "verify"); code != exitFailed || !strings.Contains(errs, "不存在") {
		t.Errorf("exit %d: %s", code, errs)
	}
}
