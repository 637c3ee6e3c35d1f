package sqldb

import (
	"context"
	"reflect"
	"testing"

	"jixiao"
)

func TestTables(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		save := func(tb *jixiao.Table) *jixiao.Table {
			t.Helper()
			if _, err := db.SaveTable(ctx, tb); err != nil {
				t.Fatal(err)
			}
			return tb
		}
		a1 := save(testTable("乙局", 2024, 3, 2))
		a2 := testTable("乙局", 2024, 3, 2)
		a2.Title = "修改稿"
		save(a2)
		b := save(testTable("甲局", 2024, 2, 4))
		c := save(testTable("乙局", 2023, 1, 1))

		summary := func(tb *jixiao.Table, current bool) jixiao.TableSummary {
			return jixiao.TableSummary{
				ID: tb.ID, Title: tb.Title, Org: tb.Org, FiscalYear: tb.FiscalYear, Version: tb.Version,
				Current: current, Total: tb.Total.Total, MoneyUnit: tb.MoneyUnit,
				Projects: len(tb.Projects()), Indicators: tb.IndicatorCount(), Source: tb.Source, Hash: tb.Hash, Status: tb.Status, ImportedAt: tb.ImportedAt,
			}
		}
		// Org names sort by code point: 乙 (U+4E59) before 甲 (U+7532).
		for _, tc := range []struct {
			name   string
			filter jixiao.TableFilter
			want   []jixiao.TableSummary
		}{
			{"current", jixiao.TableFilter{}, []jixiao.TableSummary{summary(c, true), summary(a2, true), summary(b, true)}},
			{"all versions", jixiao.TableFilter{AllVersions: true},
				[]jixiao.TableSummary{summary(c, true), summary(a1, false), summary(a2, true), summary(b, true)}},
			{"org", jixiao.TableFilter{Org: "乙局"}, []jixiao.TableSummary{summary(c, true), summary(a2, true)}},
			{"org and year, all versions", jixiao.TableFilter{Org: "乙局", FiscalYear: 2024, AllVersions: true},
				[]jixiao.TableSummary{summary(a1, false), summary(a2, true)}},
			{"year", jixiao.TableFilter{FiscalYear: 2023}, []jixiao.TableSummary{summary(c, true)}},
			{"no match", jixiao.TableFilter{Org: "丙局"}, []jixiao.TableSummary{}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := db.Tables(ctx, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("got  %+v\nwant %+v", got, tc.want)
				}
			})
		}
	})
}

func TestFindProjects(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		save := func(tb *jixiao.Table) *jixiao.Table {
			t.Helper()
			if _, err := db.SaveTable(ctx, tb); err != nil {
				t.Fatal(err)
			}
			return tb
		}
		name := testTable("x", 2024, 2, 0).Projects()[1].Name
		old := save(testTable("乙局", 2024, 3, 1))
		cur := testTable("乙局", 2024, 3, 1)
		cur.Title = "修改稿"
		save(cur)
		other := save(testTable("甲局", 2024, 2, 1))
		prev := save(testTable("甲局", 2023, 2, 1))
		save(testTable("丙局", 2024, 1, 1)) // has no project of that name

		got, err := db.FindProjects(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		want := []jixiao.ProjectRef{
			{TableID: prev.ID, FiscalYear: 2023, Org: "甲局", Project: name, Version: 1},
			{TableID: cur.ID, FiscalYear: 2024, Org: "乙局", Project: name, Version: 2},
			{TableID: other.ID, FiscalYear: 2024, Org: "甲局", Project: name, Version: 1},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got  %+v\nwant %+v (old version %d must not appear)", got, want, old.ID)
		}

		none, err := db.FindProjects(ctx, "没有这个项目")
		if err != nil || none == nil || len(none) != 0 {
			t.Errorf("no match = %#v, %v; want an empty slice", none, err)
		}
	})
}
