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

	"jixiao"
)

// dropLines zeroes the source line numbers, which the store does not keep.
func dropLines(t *jixiao.Table) {
	for i := range t.Units {
		t.Units[i].Line = 0
		for _, p := range t.Units[i].Projects {
			p.Line = 0
		}
	}
}

// diff reports the first line where the JSON forms of got and want differ.
func diff(got, want any) string {
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
	for i := range min(len(gl), len(wl)) {
		if gl[i] != wl[i] {
			return fmt.Sprintf("line %d: got %s, want %s", i+1, gl[i], wl[i])
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(gl), len(wl))
}

func TestRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		in := testTable("广州市花都区科技工业商务和信息化局（本级）", 2024, 23, 7)
		// The edges: a unit without projects, a project without indicators.
		in.Units = append(in.Units, jixiao.Unit{Name: "空单位", Funding: jixiao.Funding{Total: 5}})
		in.Units[0].Projects = append(in.Units[0].Projects, &jixiao.Project{Name: "无指标项目", Org: "x"})

		res, err := db.SaveTable(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if res.Outcome != jixiao.ImportCreated || res.Version != 1 || res.TableID == 0 {
			t.Fatalf("result = %+v, want created version 1", res)
		}
		if in.ID != res.TableID || in.Version != 1 || in.Hash != jixiao.ContentHash(in) {
			t.Errorf("table not updated: id %d version %d hash %q", in.ID, in.Version, in.Hash)
		}
		for _, p := range in.Projects() {
			if p.ID == 0 {
				t.Fatalf("project %q has no ID after save", p.Name)
			}
		}

		got, err := db.Table(ctx, res.TableID)
		if err != nil {
			t.Fatal(err)
		}
		dropLines(in)
		if !reflect.DeepEqual(got, in) {
			t.Errorf("loaded table differs: %s", diff(got, in))
		}
		if got.IndicatorCount() != 23*7 {
			t.Errorf("indicators = %d, want %d", got.IndicatorCount(), 23*7)
		}
	})
}

func TestSaveUnchanged(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		first, err := db.SaveTable(ctx, testTable("单位", 2024, 5, 3))
		if err != nil {
			t.Fatal(err)
		}
		before := rowCounts(t, db)
		again := testTable("单位", 2024, 5, 3)
		again.Source = "another-file.xlsx" // not content: same hash
		res, err := db.SaveTable(ctx, again)
		if err != nil {
			t.Fatal(err)
		}
		want := jixiao.ImportResult{TableID: first.TableID, Version: 1, Outcome: jixiao.ImportUnchanged}
		if res != want {
			t.Errorf("result = %+v, want %+v", res, want)
		}
		if again.ID != first.TableID || again.Version != 1 {
			t.Errorf("table id %d version %d, want %d 1", again.ID, again.Version, first.TableID)
		}
		if after := rowCounts(t, db); !reflect.DeepEqual(after, before) {
			t.Errorf("rows changed on unchanged save: %v → %v", before, after)
		}
	})
}

func TestSaveNewVersion(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		v1 := testTable("单位", 2024, 4, 3)
		r1, err := db.SaveTable(ctx, v1)
		if err != nil {
			t.Fatal(err)
		}
		v2 := testTable("单位", 2024, 4, 3)
		v2.Units[0].Projects[0].Indicators[0].Annual.Raw = "3"
		r2, err := db.SaveTable(ctx, v2)
		if err != nil {
			t.Fatal(err)
		}
		if r2.Outcome != jixiao.ImportNewVersion || r2.Version != 2 || r2.TableID == r1.TableID {
			t.Fatalf("second save = %+v, want new_version 2 with a new id", r2)
		}
		// Another year of the same org is a table of its own.
		r3, err := db.SaveTable(ctx, testTable("单位", 2025, 1, 1))
		if err != nil {
			t.Fatal(err)
		}
		if r3.Outcome != jixiao.ImportCreated || r3.Version != 1 {
			t.Errorf("other year = %+v, want created 1", r3)
		}

		old, err := db.Table(ctx, r1.TableID)
		if err != nil {
			t.Fatal(err)
		}
		dropLines(v1)
		if !reflect.DeepEqual(old, v1) {
			t.Errorf("old version changed: %s", diff(old, v1))
		}
		cur, err := db.Table(ctx, r2.TableID)
		if err != nil {
			t.Fatal(err)
		}
		if got := cur.Units[0].Projects[0].Indicators[0].Annual.Raw; got != "3" || cur.Version != 2 {
			t.Errorf("new version: raw %q version %d", got, cur.Version)
		}
		// v1's content again is v1: importing the same file twice never
		// writes, even when another version came in between.
		r4, err := db.SaveTable(ctx, testTable("单位", 2024, 4, 3))
		if err != nil {
			t.Fatal(err)
		}
		if r4.Outcome != jixiao.ImportUnchanged || r4.Version != 1 {
			t.Errorf("v1 again = %+v, want unchanged version 1", r4)
		}
	})
}

// TestSaveFailureLeavesNothing makes saves fail half-way, after the table,
// units and projects are written, and checks that nothing of them remains.
func TestSaveFailureLeavesNothing(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		empty := rowCounts(t, db)

		t.Run("cancelled context", func(t *testing.T) {
			cctx, cancel := context.WithCancel(ctx)
			defer cancel()
			db.hook = func(_ context.Context, stage string) error {
				if stage == "projects" {
					cancel()
				}
				return nil
			}
			defer func() { db.hook = nil }()
			tb := testTable("单位", 2024, 600, 6) // several INSERT batches
			if _, err := db.SaveTable(cctx, tb); !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if tb.ID != 0 || tb.Version != 0 {
				t.Errorf("failed save set id %d version %d", tb.ID, tb.Version)
			}
			if got := rowCounts(t, db); !reflect.DeepEqual(got, empty) {
				t.Errorf("rows left behind: %v", got)
			}
		})

		t.Run("constraint violation", func(t *testing.T) {
			tb := testTable("单位", 2024, 600, 6)
			ps := tb.Projects()
			ps[len(ps)-1].Indicators[5].Annual.Kind = "bogus" // the very last row fails its CHECK
			_, err := db.SaveTable(ctx, tb)
			if code := jixiao.ErrorCode(err); code != jixiao.EINVALID {
				t.Fatalf("err = %v (code %q), want %q", err, code, jixiao.EINVALID)
			}
			if got := rowCounts(t, db); !reflect.DeepEqual(got, empty) {
				t.Errorf("rows left behind: %v", got)
			}
		})

		t.Run("new version keeps the old one", func(t *testing.T) {
			v1 := testTable("单位", 2024, 3, 2)
			if _, err := db.SaveTable(ctx, v1); err != nil {
				t.Fatal(err)
			}
			before := rowCounts(t, db)
			boom := errors.New("boom")
			db.hook = func(_ context.Context, stage string) error {
				if stage == "indicators" {
					return boom
				}
				return nil
			}
			defer func() { db.hook = nil }()
			v2 := testTable("单位", 2024, 9, 9)
			if _, err := db.SaveTable(ctx, v2); !errors.Is(err, boom) {
				t.Fatalf("err = %v, want boom", err)
			}
			if got := rowCounts(t, db); !reflect.DeepEqual(got, before) {
				t.Errorf("rows changed: %v → %v", before, got)
			}
			db.hook = nil
			// The store is still usable and numbers the next version 2.
			res, err := db.SaveTable(ctx, v2)
			if err != nil || res.Version != 2 {
				t.Errorf("save after failure = %+v, %v; want version 2", res, err)
			}
		})
	})
}

func TestSaveInvalid(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		noOrg := testTable("", 2024, 1, 1)
		noYear := testTable("单位", 0, 1, 1)
		nilProject := testTable("单位", 2024, 1, 1)
		nilProject.Units[0].Projects = append(nilProject.Units[0].Projects, nil)
		for _, tc := range []struct {
			name string
			t    *jixiao.Table
		}{{"nil", nil}, {"no org", noOrg}, {"no year", noYear}, {"nil project", nilProject}} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := db.SaveTable(context.Background(), tc.t)
				if code := jixiao.ErrorCode(err); code != jixiao.EINVALID {
					t.Errorf("err = %v, want code %q", err, jixiao.EINVALID)
				}
			})
		}
	})
}

func TestTableNotFound(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		got, err := db.Table(context.Background(), 12345)
		if got != nil {
			t.Errorf("got a table for a missing id")
		}
		if code := jixiao.ErrorCode(err); code != jixiao.ENOTFOUND {
			t.Errorf("err = %v (code %q), want %q", err, code, jixiao.ENOTFOUND)
		}
	})
}

// TestSaveConcurrent saves the same org and year from many goroutines at
// once: every changed table gets a version of its own, and identical
// tables are stored once.
func TestSaveConcurrent(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		const n = 8
		run := func(table func(i int) *jixiao.Table) []jixiao.ImportResult {
			results := make([]jixiao.ImportResult, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					res, err := db.SaveTable(ctx, table(i))
					if err != nil {
						t.Errorf("save %d: %v", i, err)
					}
					results[i] = res
				})
			}
			wg.Wait()
			return results
		}

		results := run(func(i int) *jixiao.Table {
			tb := testTable("并发单位", 2024, 20, 6)
			tb.Title = fmt.Sprintf("第%d稿", i)
			return tb
		})
		seen := map[int]bool{}
		for _, r := range results {
			if seen[r.Version] {
				t.Errorf("version %d given twice: %+v", r.Version, results)
			}
			seen[r.Version] = true
		}
		for v := 1; v <= n; v++ {
			if !seen[v] {
				t.Errorf("version %d missing: %+v", v, results)
			}
		}

		results = run(func(int) *jixiao.Table { return testTable("同稿单位", 2024, 20, 6) })
		outcomes := map[jixiao.ImportOutcome]int{}
		for _, r := range results {
			outcomes[r.Outcome]++
		}
		if outcomes[jixiao.ImportCreated] != 1 || outcomes[jixiao.ImportUnchanged] != n-1 {
			t.Errorf("identical saves: %v, want 1 created and %d unchanged", outcomes, n-1)
		}
	})
}

// Importing a directory of tables for one org and year again writes
// nothing: data equal to any stored version is that version.
func TestSaveDataOfAnOlderVersionIsUnchanged(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		r1, err := db.SaveTable(ctx, testTable("单位", 2024, 2, 2))
		if err != nil {
			t.Fatal(err)
		}
		v2 := testTable("单位", 2024, 2, 2)
		v2.Units[0].Projects[0].Name = "改名的项目"
		if _, err := db.SaveTable(ctx, v2); err != nil {
			t.Fatal(err)
		}
		again, err := db.SaveTable(ctx, testTable("单位", 2024, 2, 2))
		if err != nil {
			t.Fatal(err)
		}
		if again.Outcome != jixiao.ImportUnchanged || again.Version != 1 || again.TableID != r1.TableID {
			t.Errorf("re-save of version 1's data = %+v, want unchanged version 1 (table %d)", again, r1.TableID)
		}
		if n := rowCounts(t, db)["tables"]; n != 2 {
			t.Errorf("%d table rows, want 2", n)
		}
	})
}
