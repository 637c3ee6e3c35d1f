package sqldb

import (
	"context"
	"reflect"
	"testing"

	"jixiao"
)

func testReview(rule string, n int) *jixiao.Review {
	r := &jixiao.Review{Score: 71.5, Grade: "中"}
	for i := range n {
		r.Findings = append(r.Findings, jixiao.Finding{
			Rule: rule, Family: jixiao.FamilyHygiene, Severity: jixiao.SeverityWarning,
			Project: "项目1", Indicator: i, Field: "annual",
			Message: "指标值“完成划拨手”疑似被截断", Suggestion: "补全为“完成划拨手续”",
		})
	}
	return r
}

func TestReviewIsStoredWithItsVersion(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		in := testTable("某区某局（本级）", 2024, 3, 4)
		in.Review = testReview("HYG-CUT-OFF", 3)
		res, err := db.SaveTable(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Table(ctx, res.TableID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Review, in.Review) {
			t.Errorf("review = %+v, want %+v", got.Review, in.Review)
		}
		list, err := db.Tables(ctx, jixiao.TableFilter{})
		if err != nil || len(list) != 1 || list[0].ReviewGrade != "中" || list[0].ReviewScore != 71.5 || list[0].Findings != 3 {
			t.Errorf("summary = %+v, %v", list, err)
		}

		// Same data reviewed again under other rules: the review is
		// replaced, the data is not written again.
		again := testTable("某区某局（本级）", 2024, 3, 4)
		again.Review = testReview("MEAS-VAGUE", 1)
		res2, err := db.SaveTable(ctx, again)
		if err != nil || res2.Outcome != jixiao.ImportUnchanged {
			t.Fatalf("%+v %v", res2, err)
		}
		got, _ = db.Table(ctx, res.TableID)
		if len(got.Review.Findings) != 1 || got.Review.Findings[0].Rule != "MEAS-VAGUE" {
			t.Errorf("review not replaced: %+v", got.Review)
		}

		// A new version gets its own review; the old version keeps its own.
		changed := testTable("某区某局（本级）", 2024, 4, 4)
		changed.Review = testReview("HYG-DUP-GOAL", 2)
		res3, err := db.SaveTable(ctx, changed)
		if err != nil || res3.Outcome != jixiao.ImportNewVersion {
			t.Fatalf("%+v %v", res3, err)
		}
		old, _ := db.Table(ctx, res.TableID)
		if old.Review.Findings[0].Rule != "MEAS-VAGUE" {
			t.Errorf("old version's review changed: %+v", old.Review)
		}
		if n := rowCounts(t, db)["findings"]; n != 3 {
			t.Errorf("%d finding rows, want 1 + 2", n)
		}
	})
}

func TestUnreviewedTableHasNoReview(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		res, err := db.SaveTable(ctx, testTable("某局", 2024, 1, 1))
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Table(ctx, res.TableID)
		if err != nil || got.Review != nil {
			t.Errorf("review %+v, %v", got.Review, err)
		}
	})
}

func TestIndicatorValuesAcrossTables(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		a := testTable("甲局", 2024, 1, 1)
		a.Units[0].Projects[0].Indicators[0].Name = "支付时间"
		a.Units[0].Projects[0].Indicators[0].Annual = jixiao.Target{Raw: "在广州要求的时间内完成划拨手续", Text: "在广州要求的时间内完成划拨手续", Kind: jixiao.KindQualitative}
		if _, err := db.SaveTable(ctx, a); err != nil {
			t.Fatal(err)
		}
		vs, err := db.IndicatorValues(ctx, "支付时间", 10)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, v := range vs {
			found = found || v == "在广州要求的时间内完成划拨手续"
		}
		if !found {
			t.Errorf("values = %q", vs)
		}
		if vs, _ := db.IndicatorValues(ctx, "没有这个指标", 10); len(vs) != 0 {
			t.Errorf("unknown name gave %q", vs)
		}
	})
}
