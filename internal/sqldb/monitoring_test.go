package sqldb

import (
	"context"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/internal/score"
)

func TestProgressReportsAreVersionedPerDateAndAudited(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		if _, err := db.SaveTable(ctx, testTable("监控局", 2024, 2, 2)); err != nil {
			t.Fatal(err)
		}
		k := ProjectKey{Org: "监控局", FiscalYear: 2024, Project: "项目1"}
		june := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
		pp := score.ProjectProgress{AsOf: june, Budget: 1_000_000, Executed: 300_000, Note: "上半年",
			Indicators: []score.IndicatorProgress{{Seq: 1, ActualToDate: "1", Forecast: "2", DeviationReason: "进度慢", Measure: "加快"}}}
		names := map[int]string{1: "指标1"}
		v1, err := db.SaveProgress(ctx, k, pp, names, 0, "filer")
		if err != nil || v1 != 1 {
			t.Fatalf("first report: version %d, %v", v1, err)
		}
		// Someone who opened the form before v1 was saved must not overwrite it.
		if _, err := db.SaveProgress(ctx, k, pp, names, 0, "other"); jixiao.ErrorCode(err) != jixiao.ECONFLICT {
			t.Fatalf("stale save: %v, want conflict", err)
		}
		pp.Executed = 600_000
		if v2, err := db.SaveProgress(ctx, k, pp, names, 1, "filer"); err != nil || v2 != 2 {
			t.Fatalf("second version: %d, %v", v2, err)
		}
		sept := pp
		sept.AsOf, sept.Executed = june.AddDate(0, 3, 0), 800_000
		if v, err := db.SaveProgress(ctx, k, sept, names, 0, "filer"); err != nil || v != 1 {
			t.Fatalf("report of a new date: %d, %v", v, err)
		}

		got, err := db.LatestProgress(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 1 || !got.AsOf.Equal(sept.AsOf) || got.Executed != 800_000 || len(got.Indicators) != 1 ||
			got.Indicators[0].DeviationReason != "进度慢" || got.RecordedBy != "filer" {
			t.Errorf("latest = %+v", got)
		}
		year, err := db.ProgressOfYear(ctx, 2024, "")
		if err != nil || len(year) != 1 || year[0].Executed != 800_000 {
			t.Errorf("year: %+v, %v", year, err)
		}
		if _, err := db.LatestProgress(ctx, ProjectKey{Org: "监控局", FiscalYear: 2024, Project: "项目2"}); jixiao.ErrorCode(err) != jixiao.ENOTFOUND {
			t.Errorf("no report: %v, want not found", err)
		}
		recs, err := db.AuditLog(ctx, AuditFilter{Object: k.object("progress")})
		if err != nil || len(recs) != 3 {
			t.Errorf("audit records of the reports: %d, %v", len(recs), err)
		}
		if _, b, err := db.VerifyAudit(ctx, nil); err != nil || b != nil {
			t.Errorf("audit chain: %v %v", b, err)
		}
	})
}

func TestEvaluationsKeepEveryVersionAndLoadTheNewest(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		if _, err := db.SaveTable(ctx, testTable("自评局", 2024, 1, 2)); err != nil {
			t.Fatal(err)
		}
		k := ProjectKey{Org: "自评局", FiscalYear: 2024, Project: "项目1"}
		budget := jixiao.Fen(1_000_000)
		e := score.ProjectEvaluation{Budget: &budget, Summary: "完成",
			Indicators: []score.IndicatorEvaluation{{Seq: 1, Actual: "95%"}, {Seq: 2, Attainment: score.Partial, Share: jixiao.MustDecimal("70")}}}
		if _, err := db.SaveEvaluation(ctx, k, e, nil, 0, "filer"); err != nil {
			t.Fatal(err)
		}
		e.Indicators[0].Actual = "98%"
		if v, err := db.SaveEvaluation(ctx, k, e, nil, 1, "filer"); err != nil || v != 2 {
			t.Fatalf("second version %d %v", v, err)
		}
		if _, err := db.SaveEvaluation(ctx, k, e, nil, 1, "other"); jixiao.ErrorCode(err) != jixiao.ECONFLICT {
			t.Fatalf("stale: %v", err)
		}
		all, err := db.Evaluations(ctx, "自评局", 2024)
		if err != nil {
			t.Fatal(err)
		}
		got := all["项目1"]
		if got.Version != 2 || got.Budget == nil || *got.Budget != budget || got.Executed != nil ||
			len(got.Indicators) != 2 || got.Indicators[0].Actual != "98%" || got.Indicators[1].Share.String() != "70" {
			t.Errorf("newest = %+v", got)
		}
	})
}

// TestRecordsFollowTheirIndicators: records made before an adjustment
// of the targets follow their indicators by the name they were recorded
// for; a renamed indicator keeps the record at its place; a removed one's
// record is left out.
func TestRecordsFollowTheirIndicators(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		if _, err := db.SaveTable(ctx, testTable("调整局", 2024, 1, 2)); err != nil {
			t.Fatal(err)
		}
		k := ProjectKey{Org: "调整局", FiscalYear: 2024, Project: "项目1"}
		names := map[int]string{1: "招聘会", 2: "合格率", 3: "满意度", 4: "投诉"}
		pp := score.ProjectProgress{AsOf: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), Budget: 100, Executed: 50}
		ev := score.ProjectEvaluation{}
		for seq := 1; seq <= 4; seq++ {
			pp.Indicators = append(pp.Indicators, score.IndicatorProgress{Seq: seq, Forecast: names[seq] + "的预计值"})
			ev.Indicators = append(ev.Indicators, score.IndicatorEvaluation{Seq: seq, Actual: names[seq] + "的实际值"})
		}
		if _, err := db.SaveProgress(ctx, k, pp, names, 0, "filer"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveEvaluation(ctx, k, ev, names, 0, "filer"); err != nil {
			t.Fatal(err)
		}
		prog, err := db.LatestProgress(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := db.Evaluations(ctx, "调整局", 2024)
		if err != nil {
			t.Fatal(err)
		}
		if len(prog.Names) != 4 || prog.Names[2] != "合格率" || evs["项目1"].Names[4] != "投诉" {
			t.Fatalf("recorded names: %v, %v", prog.Names, evs["项目1"].Names)
		}

		// Adjusted: a new first indicator, 合格率 renamed in place (now 3rd),
		// 投诉 removed, 招聘会 and 满意度 moved.
		adj := &jixiao.Project{Indicators: []*jixiao.Indicator{
			{Seq: 1, Name: "线上招聘会"}, {Seq: 2, Name: "招聘会"}, {Seq: 3, Name: "培训合格率"}, {Seq: 4, Name: "满意度"}}}
		// 合格率 was at 2, now claimed by 招聘会: a rename that also moved
		// cannot be told from a removal, so it is left out too.
		want := map[int]string{2: "招聘会", 4: "满意度"}
		check := func(what string, got map[int]string) {
			t.Helper()
			if len(got) != len(want) {
				t.Errorf("%s: %v, want %v", what, got, want)
			}
			for seq, w := range want {
				if got[seq] != w {
					t.Errorf("%s: %v, want %v", what, got, want)
				}
			}
		}
		gotP := map[int]string{}
		for _, it := range prog.For(adj).Indicators {
			gotP[it.Seq] = strings.TrimSuffix(it.Forecast, "的预计值")
		}
		check("progress", gotP)
		gotE := map[int]string{}
		for _, it := range evs["项目1"].For(adj).Indicators {
			gotE[it.Seq] = strings.TrimSuffix(it.Actual, "的实际值")
		}
		check("evaluation", gotE)

		// Renamed in place, nothing moved: the record stays.
		same := &jixiao.Project{Indicators: []*jixiao.Indicator{
			{Seq: 1, Name: "招聘会"}, {Seq: 2, Name: "培训合格率"}, {Seq: 3, Name: "满意度"}, {Seq: 4, Name: "投诉"}}}
		if its := prog.For(same).Indicators; len(its) != 4 || its[1].Seq != 2 || its[1].Forecast != "合格率的预计值" {
			t.Errorf("renamed in place: %+v", its)
		}
	})
}
