package sqldb

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"jixiao"
)

// TestSaveVersionBase: an edit saved on top of a version that is no longer
// current fails with ECONFLICT and writes nothing.
func TestSaveVersionBase(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		v1 := testTable("编辑单位", 2024, 2, 2)
		v1.Status = jixiao.StatusDraft
		if _, err := db.SaveTable(ctx, v1); err != nil {
			t.Fatal(err)
		}
		// Two editors open version 1.
		a, err := db.Table(ctx, v1.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, err := db.Table(ctx, v1.ID)
		if err != nil {
			t.Fatal(err)
		}
		a.Units[0].Projects[0].Goal = "甲改的目标"
		b.Units[0].Projects[1].Goal = "乙改的目标"
		ra, err := db.SaveVersion(ctx, a, SaveOptions{BaseVersion: 1, Actor: "甲"})
		if err != nil || ra.Version != 2 || ra.Outcome != jixiao.ImportNewVersion {
			t.Fatalf("first edit = %+v, %v; want new version 2", ra, err)
		}
		rows, records := rowCounts(t, db), len(auditTrail(t, db))
		_, err = db.SaveVersion(ctx, b, SaveOptions{BaseVersion: 1, Actor: "乙"})
		if jixiao.ErrorCode(err) != jixiao.ECONFLICT {
			t.Fatalf("second edit of version 1: %v, want ECONFLICT", err)
		}
		want := "保存冲突：您编辑的是第 1 版，此后已有人保存了第 2 版。请打开最新版本，重新修改后再保存。"
		if msg := jixiao.ErrorMessage(err); msg != want {
			t.Errorf("message = %q, want %q", msg, want)
		}
		if b.ID != v1.ID || b.Version != 1 {
			t.Errorf("the refused table was changed: id %d version %d", b.ID, b.Version)
		}
		if got := rowCounts(t, db); !reflect.DeepEqual(got, rows) {
			t.Errorf("refused edit wrote rows: %v → %v", rows, got)
		}
		if got := len(auditTrail(t, db)); got != records {
			t.Errorf("refused edit wrote %d audit records", got-records)
		}
		// A base version from the future is just as stale.
		if _, err := db.SaveVersion(ctx, b, SaveOptions{BaseVersion: 7}); jixiao.ErrorCode(err) != jixiao.ECONFLICT {
			t.Errorf("edit of version 7 of 2: %v, want ECONFLICT", err)
		}

		// Saving the current version unchanged writes nothing.
		same, err := db.Table(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r, err := db.SaveVersion(ctx, same, SaveOptions{BaseVersion: 2}); err != nil || r.Outcome != jixiao.ImportUnchanged || r.Version != 2 {
			t.Errorf("unchanged edit = %+v, %v; want unchanged version 2", r, err)
		}
		// An edit that undoes the last one is a new version, even though
		// version 1 holds the same data: the history shows it.
		undo, err := db.Table(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		undo.Units[0].Projects[0].Goal = v1.Units[0].Projects[0].Goal
		r, err := db.SaveVersion(ctx, undo, SaveOptions{BaseVersion: 2})
		if err != nil || r.Outcome != jixiao.ImportNewVersion || r.Version != 3 {
			t.Errorf("undo = %+v, %v; want new version 3", r, err)
		}
		if undo.Hash != v1.Hash {
			t.Errorf("undo hash %s, want version 1's %s", undo.Hash, v1.Hash)
		}
		mustVerify(t, db, 3)
	})
}

// TestNoLostUpdates: 50 editors change one table at once, each its own
// indicator, each saving on top of the version they loaded and, when told
// of a conflict, loading again and redoing their change. Every change must
// be in the final version: a save that silently overwrote another would
// drop one.
func TestNoLostUpdates(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		const editors = 50
		v1 := testTable("多人编辑单位", 2024, 10, 5) // 50 indicators
		v1.Status = jixiao.StatusDraft
		if _, err := db.SaveTable(ctx, v1); err != nil {
			t.Fatal(err)
		}
		current := func() int64 {
			list, err := db.Tables(ctx, jixiao.TableFilter{Org: v1.Org, FiscalYear: v1.FiscalYear})
			if err != nil || len(list) != 1 {
				t.Errorf("current version: %+v, %v", list, err)
				return 0
			}
			return list[0].ID
		}
		change := func(i int) string { return fmt.Sprintf("编辑者%d：≥%d场", i, i+100) }
		indicator := func(tb *jixiao.Table, i int) *jixiao.Indicator {
			return tb.Projects()[i/5].Indicators[i%5]
		}

		var saves, conflicts atomic.Int64
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range editors {
			wg.Go(func() {
				<-start
				for attempt := 1; ; attempt++ {
					if attempt > 10*editors {
						t.Errorf("editor %d: still conflicting after %d attempts", i, attempt)
						return
					}
					id := current()
					if id == 0 {
						return
					}
					tb, err := db.Table(ctx, id)
					if err != nil {
						t.Errorf("editor %d: load: %v", i, err)
						return
					}
					indicator(tb, i).Annual.Raw = change(i)
					_, err = db.SaveVersion(ctx, tb, SaveOptions{BaseVersion: tb.Version, Actor: fmt.Sprintf("editor%d", i)})
					switch code := jixiao.ErrorCode(err); code {
					case "":
						saves.Add(1)
						return
					case jixiao.ECONFLICT:
						if !strings.Contains(jixiao.ErrorMessage(err), "保存冲突") {
							t.Errorf("editor %d: conflict says %q", i, jixiao.ErrorMessage(err))
						}
						conflicts.Add(1)
					default:
						t.Errorf("editor %d: %v (code %q)", i, err, code)
						return
					}
				}
			})
		}
		close(start)
		wg.Wait()

		final, err := db.Table(ctx, current())
		if err != nil {
			t.Fatal(err)
		}
		lost := 0
		for i := range editors {
			if got := indicator(final, i).Annual.Raw; got != change(i) {
				lost++
				t.Errorf("editor %d's change lost: annual = %q", i, got)
			}
		}
		versions, err := db.Versions(ctx, final.ID)
		if err != nil {
			t.Fatal(err)
		}
		if saves.Load() != editors || len(versions) != editors+1 || final.Version != editors+1 {
			t.Errorf("%d saves, %d versions, final version %d; want %d, %d, %d",
				saves.Load(), len(versions), final.Version, editors, editors+1, editors+1)
		}
		for i, v := range versions {
			if v.Version != i+1 {
				t.Errorf("version %d numbered %d", i+1, v.Version)
			}
		}
		t.Logf("%s: %d saves, %d conflicts reported, %d changes lost", db.Dialect(), saves.Load(), conflicts.Load(), lost)
		mustVerify(t, db, editors+1)
	})
}
