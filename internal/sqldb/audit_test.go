package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"jixiao"
)

// auditTrail returns the audit log as "actor action object" lines in
// sequence order.
func auditTrail(tb testing.TB, db *DB) []string {
	tb.Helper()
	list := []string{}
	for _, r := range auditRecords(tb, db) {
		list = append(list, r.Actor+" "+r.Action+" "+r.Object)
	}
	return list
}

// auditRecords returns the whole audit log, oldest first.
func auditRecords(tb testing.TB, db *DB) []jixiao.AuditRecord {
	tb.Helper()
	rs, err := db.AuditLog(context.Background(), AuditFilter{Limit: 1 << 30})
	if err != nil {
		tb.Fatal(err)
	}
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return rs
}

func auditHead(tb testing.TB, db *DB) (int64, string) {
	tb.Helper()
	var seq int64
	var hash string
	if err := db.x.QueryRowContext(context.Background(), `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash); err != nil {
		tb.Fatal(err)
	}
	return seq, hash
}

// mustVerify checks that the audit log is intact and holds n records.
func mustVerify(tb testing.TB, db *DB, n int64) {
	tb.Helper()
	got, brk, err := db.VerifyAudit(context.Background(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	if brk != nil || got != n {
		tb.Errorf("VerifyAudit = %d records, break %+v; want %d records intact", got, brk, n)
	}
}

func orgID(tb testing.TB, db *DB, name string) int64 {
	tb.Helper()
	var id int64
	if err := db.x.QueryRowContext(context.Background(), db.x.Rebind(`SELECT id FROM orgs WHERE name = ?`), name).Scan(&id); err != nil {
		tb.Fatalf("org %s: %v", name, err)
	}
	return id
}

// TestAuditEveryChange makes each kind of change once and reads the log:
// one record per change, in order, and none for what changed nothing.
func TestAuditEveryChange(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		start := time.Now().Add(-time.Second)

		// An import, and the same file again: unchanged, not logged.
		v1 := testTable("审计单位", 2024, 2, 2)
		if _, err := db.SaveTable(ctx, v1); err != nil {
			t.Fatal(err)
		}
		if res, err := db.SaveTable(ctx, testTable("审计单位", 2024, 2, 2)); err != nil || res.Outcome != jixiao.ImportUnchanged {
			t.Fatalf("re-import = %+v, %v", res, err)
		}
		// A new version by an editor, then one with the caller's own entry.
		v2 := testTable("审计单位", 2024, 2, 2)
		v2.Status = jixiao.StatusDraft
		v2.Units[0].Projects[0].Goal = "改过的目标"
		if _, err := db.SaveVersion(ctx, v2, SaveOptions{BaseVersion: 1, Actor: "filer1"}); err != nil {
			t.Fatal(err)
		}
		v3 := testTable("审计单位", 2024, 2, 2)
		v3.Status = jixiao.StatusDraft
		v3.Units[0].Projects[0].Goal = "又改过的目标"
		edit := &jixiao.AuditEntry{Actor: "filer1", Action: "project.edit", Before: `{"goal":"改过的目标"}`, After: `{"goal":"又改过的目标"}`}
		if _, err := db.SaveVersion(ctx, v3, SaveOptions{BaseVersion: 2, Audit: edit}); err != nil {
			t.Fatal(err)
		}
		// A workflow step; a refused one is not logged.
		if _, err := db.Transition(ctx, v3.ID, jixiao.Step{Action: jixiao.ActionSubmit}, "filer1"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Transition(ctx, v3.ID, jixiao.Step{Action: jixiao.ActionPublish}, "filer1"); jixiao.ErrorCode(err) != jixiao.EINVALID {
			t.Fatalf("publish of a submitted table: %v, want EINVALID", err)
		}
		// Orgs: created (once), moved.
		parent, err := db.EnsureOrg(ctx, "上级单位", 0, "admin")
		if err != nil {
			t.Fatal(err)
		}
		if again, err := db.EnsureOrg(ctx, "上级单位", 0, "admin"); err != nil || again != parent {
			t.Fatalf("EnsureOrg again = %d, %v; want %d", again, err, parent)
		}
		unit := orgID(t, db, "审计单位")
		if err := db.SetOrgParent(ctx, unit, parent, "admin"); err != nil {
			t.Fatal(err)
		}
		// Accounts and tokens; a login taken twice is not logged.
		u, err := db.CreateUser(ctx, NewUser{Login: "alice", Role: jixiao.RoleFiler, OrgID: unit, PasswordHash: "h"}, "admin")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateUser(ctx, NewUser{Login: "alice", Role: jixiao.RoleAdmin}, "admin"); jixiao.ErrorCode(err) != jixiao.ECONFLICT {
			t.Fatalf("duplicate login: %v, want ECONFLICT", err)
		}
		name := "爱丽丝"
		if _, err := db.UpdateUser(ctx, u.ID, UserChange{Name: &name}, "admin"); err != nil {
			t.Fatal(err)
		}
		tok, err := db.CreateToken(ctx, u.ID, "ci", "tokenhash", "alice")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteToken(ctx, u.ID, tok.ID+1000, "alice"); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Fatalf("delete of a missing token: %v, want ENOTFOUND", err)
		}
		if err := db.DeleteToken(ctx, u.ID, tok.ID, "alice"); err != nil {
			t.Fatal(err)
		}
		// A change that is not a save of its own.
		if err := db.Audit(ctx, jixiao.AuditEntry{Actor: "alice", Action: "user.password", Object: "user:alice"}); err != nil {
			t.Fatal(err)
		}

		want := []string{
			fmt.Sprintf("system table.import table:%d", v1.ID),
			fmt.Sprintf("filer1 table.import table:%d", v2.ID),
			fmt.Sprintf("filer1 project.edit table:%d", v3.ID),
			fmt.Sprintf("filer1 table.submit table:%d", v3.ID),
			fmt.Sprintf("admin org.create org:%d", parent),
			fmt.Sprintf("admin org.move org:%d", unit),
			"admin user.create user:alice",
			"admin user.update user:alice",
			fmt.Sprintf("alice token.create token:%d", tok.ID),
			fmt.Sprintf("alice token.delete token:%d", tok.ID),
			"alice user.password user:alice",
		}
		if got := auditTrail(t, db); !reflect.DeepEqual(got, want) {
			t.Errorf("audit trail:\n got  %q\n want %q", got, want)
		}
		mustVerify(t, db, int64(len(want)))
		if seq, _ := auditHead(t, db); seq != int64(len(want)) {
			t.Errorf("head seq = %d, want %d", seq, len(want))
		}

		records := auditRecords(t, db)
		for i, r := range records {
			if r.Seq != int64(i+1) {
				t.Errorf("record %d has seq %d", i+1, r.Seq)
			}
			// When the change was made, not a time the caller put in the
			// table: testTable's ImportedAt is in 2024.
			if r.At.Before(start) || r.At.After(time.Now().Add(time.Second)) {
				t.Errorf("record %d (%s) at %v, not the time of the change", r.Seq, r.Action, r.At)
			}
		}
		// What the records say about the change.
		var imported map[string]any
		if err := json.Unmarshal([]byte(records[0].After), &imported); err != nil {
			t.Fatalf("import record after = %q: %v", records[0].After, err)
		}
		if imported["org"] != "审计单位" || imported["version"] != 1.0 || imported["hash"] != v1.Hash || imported["status"] != "published" {
			t.Errorf("import record after = %v", imported)
		}
		if r := records[2]; r.Before != edit.Before || r.After != edit.After {
			t.Errorf("caller's entry stored as before %q after %q", r.Before, r.After)
		}
		if r := records[3]; r.Before != `{"status":"draft"}` || r.After != `{"status":"submitted"}` {
			t.Errorf("submit record: before %q after %q", r.Before, r.After)
		}
		if r := records[5]; r.Before != `{"parent_id":0}` || r.After != fmt.Sprintf(`{"parent_id":%d}`, parent) {
			t.Errorf("move record: before %q after %q", r.Before, r.After)
		}
		if r := records[6]; r.After != fmt.Sprintf(`{"login":"alice","name":"alice","org_id":%d,"role":"filer"}`, unit) {
			t.Errorf("user create record: after %q, want the name stored (the login)", r.After)
		}
		if r := records[7]; !strings.Contains(r.Before, `"name":"alice"`) || !strings.Contains(r.After, `"name":"爱丽丝"`) {
			t.Errorf("user update record: before %q after %q", r.Before, r.After)
		}

		// The log's filters.
		for _, tc := range []struct {
			name string
			f    AuditFilter
			want []int64
		}{
			{"object, newest first", AuditFilter{Object: fmt.Sprintf("table:%d", v3.ID)}, []int64{4, 3}},
			{"actor", AuditFilter{Actor: "admin"}, []int64{8, 7, 6, 5}},
			{"before a seq", AuditFilter{Actor: "admin", Before: 7}, []int64{6, 5}},
			{"limit", AuditFilter{Limit: 2}, []int64{11, 10}},
			{"no match", AuditFilter{Object: "table:0"}, []int64{}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rs, err := db.AuditLog(ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				got := []int64{}
				for _, r := range rs {
					got = append(got, r.Seq)
				}
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("seqs = %v, want %v", got, tc.want)
				}
			})
		}
	})
}

// TestAuditSameTransaction: a change and its record commit together or not
// at all, whichever of the two fails.
func TestAuditSameTransaction(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		if _, err := db.SaveTable(ctx, testTable("单位", 2024, 3, 2)); err != nil {
			t.Fatal(err)
		}

		t.Run("a save that fails half-way leaves no record", func(t *testing.T) {
			headSeq, headHash := auditHead(t, db)
			boom := errors.New("boom")
			db.hook = func(_ context.Context, stage string) error {
				if stage == "indicators" {
					return boom
				}
				return nil
			}
			defer func() { db.hook = nil }()
			if _, err := db.SaveTable(ctx, testTable("单位", 2024, 5, 5)); !errors.Is(err, boom) {
				t.Fatalf("err = %v, want boom", err)
			}
			if s, h := auditHead(t, db); s != headSeq || h != headHash {
				t.Errorf("head moved to %d %s", s, h)
			}
			if n := len(auditTrail(t, db)); n != 1 {
				t.Errorf("%d records, want 1", n)
			}
			mustVerify(t, db, 1)
		})

		// The next number is taken by a record written around the head (as
		// only tampering could): appending fails, and so does the change.
		t.Run("a record that cannot be appended undoes its change", func(t *testing.T) {
			tables := rowCounts(t, db)
			seq, _ := auditHead(t, db)
			_, err := db.x.ExecContext(ctx, db.x.Rebind(`INSERT INTO audit_log (seq, at, actor, action, object, before_json, after_json, prev_hash, hash)
				VALUES (?, ?, 'x', 'x', 'x', '', '', '', '')`), seq+1, time.Now().UTC())
			if err != nil {
				t.Fatal(err)
			}
			first, err := db.Tables(ctx, jixiao.TableFilter{})
			if err != nil || len(first) != 1 {
				t.Fatalf("tables = %+v, %v", first, err)
			}

			v2 := testTable("单位", 2024, 4, 2)
			if _, err := db.SaveTable(ctx, v2); jixiao.ErrorCode(err) != jixiao.ECONFLICT {
				t.Errorf("save: %v, want ECONFLICT", err)
			}
			if got := rowCounts(t, db); !reflect.DeepEqual(got, tables) {
				t.Errorf("save without its record left rows: %v → %v", tables, got)
			}

			_, err = db.Transition(ctx, first[0].ID, jixiao.Step{Action: jixiao.ActionSubmit}, "x")
			if err == nil {
				t.Fatal("transition succeeded without its record")
			}
			if s, err := db.Summary(ctx, first[0].ID); err != nil || s.Status != jixiao.StatusPublished {
				t.Errorf("status = %q, %v; want it unchanged", s.Status, err)
			}
			if ev, err := db.WorkflowEvents(ctx, first[0].ID); err != nil || len(ev) != 0 {
				t.Errorf("events = %+v, %v; want none", ev, err)
			}

			if _, err := db.EnsureOrg(ctx, "新单位", 0, "admin"); err == nil {
				t.Error("org created without its record")
			}
			if _, err := db.CreateUser(ctx, NewUser{Login: "bob", Role: jixiao.RoleAdmin}, "admin"); err == nil {
				t.Error("user created without its record")
			}
			if n, err := db.UserCount(ctx); err != nil || n != 0 {
				t.Errorf("users = %d, %v; want 0", n, err)
			}
			if s, _ := auditHead(t, db); s != seq {
				t.Errorf("head seq = %d, want %d", s, seq)
			}
		})
	})
}

// dropAuditTriggers does what an attacker with database access can: remove
// the triggers that keep audit_log append-only.
func dropAuditTriggers(tb testing.TB, db *DB) {
	tb.Helper()
	stmts := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if db.Dialect() == "postgres" {
		stmts = []string{`DROP TRIGGER audit_log_append_only ON audit_log`}
	}
	for _, s := range stmts {
		if _, err := db.x.ExecContext(context.Background(), s); err != nil {
			tb.Fatal(err)
		}
	}
}

// seedAudit makes six changes of different kinds and returns how many
// records they wrote.
func seedAudit(tb testing.TB, db *DB) int64 {
	tb.Helper()
	ctx := context.Background()
	a := testTable("甲局", 2024, 2, 2)
	a.Status = jixiao.StatusDraft
	for _, tbl := range []*jixiao.Table{a, testTable("乙局", 2024, 2, 2)} {
		if _, err := db.SaveTable(ctx, tbl); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := db.Transition(ctx, a.ID, jixiao.Step{Action: jixiao.ActionSubmit}, "filer"); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Transition(ctx, a.ID, jixiao.Step{Action: jixiao.ActionApprove, Grade: "良"}, "reviewer"); err != nil {
		tb.Fatal(err)
	}
	u, err := db.CreateUser(ctx, NewUser{Login: "alice", Role: jixiao.RoleAdmin, PasswordHash: "h"}, "admin")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.CreateToken(ctx, u.ID, "ci", "tokenhash", "alice"); err != nil {
		tb.Fatal(err)
	}
	return 6
}

// TestAuditTamper: the database refuses to change or delete audit records;
// and when the refusal is taken away, as anyone with the database's
// owner's rights can, VerifyAudit names the record that was touched.
func TestAuditTamper(t *testing.T) {
	exec := func(t *testing.T, db *DB, q string, args ...any) error {
		_, err := db.x.ExecContext(context.Background(), db.x.Rebind(q), args...)
		return err
	}
	verify := func(t *testing.T, db *DB) *jixiao.AuditBreak {
		t.Helper()
		_, brk, err := db.VerifyAudit(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		return brk
	}

	t.Run("the triggers refuse UPDATE and DELETE", func(t *testing.T) {
		forEachDB(t, func(t *testing.T, db *DB) {
			n := seedAudit(t, db)
			before := auditRecords(t, db)
			for _, q := range []string{
				`UPDATE audit_log SET after_json = '{}' WHERE seq = 3`,
				`UPDATE audit_log SET actor = 'mallory'`,
				`DELETE FROM audit_log WHERE seq = 3`,
				`DELETE FROM audit_log`,
			} {
				err := exec(t, db, q)
				if err == nil || !strings.Contains(err.Error(), "audit_log is append-only") {
					t.Errorf("%s: err = %v, want the trigger's refusal", q, err)
				}
			}
			if after := auditRecords(t, db); !reflect.DeepEqual(after, before) {
				t.Error("records changed despite the triggers")
			}
			mustVerify(t, db, n)
		})
	})

	t.Run("a record changed", func(t *testing.T) {
		forEachDB(t, func(t *testing.T, db *DB) {
			seedAudit(t, db)
			dropAuditTriggers(t, db)
			if err := exec(t, db, `UPDATE audit_log SET after_json = ? WHERE seq = 4`, `{"grade":"优","status":"approved"}`); err != nil {
				t.Fatal(err)
			}
			want := jixiao.AuditBreak{Seq: 4, Reason: "内容与其哈希不符（记录被改动）"}
			if got := verify(t, db); got == nil || *got != want {
				t.Errorf("break = %+v, want %+v", got, want)
			}
		})
	})

	t.Run("a record changed and given its new hash", func(t *testing.T) {
		forEachDB(t, func(t *testing.T, db *DB) {
			seedAudit(t, db)
			dropAuditTriggers(t, db)
			r := auditRecords(t, db)[2]
			r.Actor = "someone-else"
			if err := exec(t, db, `UPDATE audit_log SET actor = ?, hash = ? WHERE seq = 3`, r.Actor, r.ChainHash()); err != nil {
				t.Fatal(err)
			}
			want := jixiao.AuditBreak{Seq: 4, Reason: "与上一条记录的链接不符（上一条被改动或删除）"}
			if got := verify(t, db); got == nil || *got != want {
				t.Errorf("break = %+v, want %+v", got, want)
			}
		})
	})

	t.Run("a record deleted", func(t *testing.T) {
		forEachDB(t, func(t *testing.T, db *DB) {
			seedAudit(t, db)
			dropAuditTriggers(t, db)
			if err := exec(t, db, `DELETE FROM audit_log WHERE seq = 3`); err != nil {
				t.Fatal(err)
			}
			want := jixiao.AuditBreak{Seq: 3, Reason: "记录 3 缺失（下一条是 4）"}
			if got := verify(t, db); got == nil || *got != want {
				t.Errorf("break = %+v, want %+v", got, want)
			}
		})
	})

	t.Run("the last record deleted", func(t *testing.T) {
		forEachDB(t, func(t *testing.T, db *DB) {
			n := seedAudit(t, db)
			dropAuditTriggers(t, db)
			if err := exec(t, db, `DELETE FROM audit_log WHERE seq = ?`, n); err != nil {
				t.Fatal(err)
			}
			want := jixiao.AuditBreak{Seq: n, Reason: fmt.Sprintf("日志在记录 %d 之后被截断（应有 %d 条）", n-1, n)}
			if got := verify(t, db); got == nil || *got != want {
				t.Errorf("break = %+v, want %+v", got, want)
			}
		})
	})

	t.Run("the head rewritten", func(t *testing.T) {
		forEachDB(t, func(t *testing.T, db *DB) {
			n := seedAudit(t, db)
			if err := exec(t, db, `UPDATE audit_head SET hash = ? WHERE id = 1`, strings.Repeat("0", 64)); err != nil {
				t.Fatal(err)
			}
			want := jixiao.AuditBreak{Seq: n, Reason: "最后一条记录与日志头的哈希不符"}
			if got := verify(t, db); got == nil || *got != want {
				t.Errorf("break = %+v, want %+v", got, want)
			}
		})
	})
}

// TestAuditConcurrentAppends: changes of every kind from many goroutines
// at once append one after the other, and the chain stays whole.
func TestAuditConcurrentAppends(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		const drafts, saves, audits, users = 10, 20, 10, 5
		var ids []int64
		for i := range drafts {
			tb := testTable(fmt.Sprintf("草稿单位%d", i), 2024, 2, 2)
			tb.Status = jixiao.StatusDraft
			if _, err := db.SaveTable(ctx, tb); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, tb.ID)
		}
		var wg sync.WaitGroup
		for i := range saves {
			wg.Go(func() {
				if _, err := db.SaveTable(ctx, testTable(fmt.Sprintf("并发单位%d", i), 2024, 3, 3)); err != nil {
					t.Errorf("save %d: %v", i, err)
				}
			})
		}
		for i, id := range ids {
			wg.Go(func() {
				if _, err := db.Transition(ctx, id, jixiao.Step{Action: jixiao.ActionSubmit}, fmt.Sprintf("filer%d", i)); err != nil {
					t.Errorf("submit %d: %v", id, err)
				}
			})
		}
		for i := range audits {
			wg.Go(func() {
				if err := db.Audit(ctx, jixiao.AuditEntry{Actor: "admin", Action: "test.note", Object: fmt.Sprintf("note:%d", i)}); err != nil {
					t.Errorf("audit %d: %v", i, err)
				}
			})
		}
		for i := range users {
			wg.Go(func() {
				if _, err := db.CreateUser(ctx, NewUser{Login: fmt.Sprintf("user%d", i), Role: jixiao.RoleReviewer}, "admin"); err != nil {
					t.Errorf("user %d: %v", i, err)
				}
			})
		}
		wg.Wait()

		const total = drafts + saves + drafts + audits + users
		mustVerify(t, db, total)
		if seq, _ := auditHead(t, db); seq != total {
			t.Errorf("head seq = %d, want %d", seq, total)
		}
		actions := map[string]int{}
		for _, r := range auditRecords(t, db) {
			actions[r.Action]++
		}
		want := map[string]int{"table.import": drafts + saves, "table.submit": drafts, "test.note": audits, "user.create": users}
		if !reflect.DeepEqual(actions, want) {
			t.Errorf("records by action = %v, want %v", actions, want)
		}
	})
}

// TestVerifyAuditLongLog: a log of thousands of records is verified in
// order, with progress reported every thousand.
func TestVerifyAuditLongLog(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		const n = 2500
		// Written in one transaction, as appendAudit would write them one
		// by one (that would take minutes on a busy machine).
		err := db.inTx(ctx, func(tx *sqlx.Tx) error {
			at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
			for i := range n {
				e := jixiao.AuditEntry{Actor: "bulk", Action: "test.note", Object: fmt.Sprintf("note:%d", i), After: `{"i":` + fmt.Sprint(i) + `}`}
				if _, err := appendAudit(ctx, tx, e, at.Add(time.Duration(i)*time.Second)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var progress []int64
		got, brk, err := db.VerifyAudit(ctx, func(k int64) { progress = append(progress, k) })
		if err != nil || brk != nil || got != n {
			t.Errorf("VerifyAudit = %d, %+v, %v; want %d intact", got, brk, err, n)
		}
		if !reflect.DeepEqual(progress, []int64{1000, 2000}) {
			t.Errorf("progress = %v, want [1000 2000]", progress)
		}
	})
}
