package diff

import (
	"reflect"
	"testing"

	"jixiao"
)

func ind(seq int, name, annual string) *jixiao.Indicator {
	return &jixiao.Indicator{Seq: seq, Name: name,
		Level1: jixiao.Category{Code: "1", Name: "产出指标"}, Level2: jixiao.Category{Code: "11", Name: "数量指标"},
		Period: jixiao.Target{Raw: annual}, Annual: jixiao.Target{Raw: annual}}
}

func table(ps ...*jixiao.Project) *jixiao.Table {
	return &jixiao.Table{Title: "表", Org: "局", MoneyUnit: "万元", Units: []jixiao.Unit{{Name: "局", Projects: ps}}}
}

func TestTablesSaysWhatChangedInTheTablesWords(t *testing.T) {
	a := table(
		&jixiao.Project{Name: "培训经费", Funding: jixiao.Funding{Total: 5_000_000, Fiscal: 5_000_000}, Goal: "完成培训",
			Indicators: []*jixiao.Indicator{ind(1, "培训场次", "2场"), ind(2, "满意度", "≥90%"), ind(3, "旧指标", "1")}},
		&jixiao.Project{Name: "撤销的项目", Funding: jixiao.Funding{Total: 1_000_000}},
	)
	b := table(
		&jixiao.Project{Name: "新项目", Funding: jixiao.Funding{Total: 2_000_000}},
		&jixiao.Project{Name: "培训经费", Funding: jixiao.Funding{Total: 6_000_000, Fiscal: 6_000_000}, Goal: "完成培训",
			Indicators: []*jixiao.Indicator{ind(1, "满意度", "≥95%"), ind(2, "培训场次", "2场"), ind(3, "新指标", "3")}},
	)
	got := Tables(a, b)
	want := []Change{
		{Kind: Added, Project: "新项目", After: "总计 2.00 万元，0 个指标"},
		{Kind: Changed, Project: "培训经费", Field: "总计", Before: "5.00", After: "6.00"},
		{Kind: Changed, Project: "培训经费", Field: "财政拨款", Before: "5.00", After: "6.00"},
		{Kind: Changed, Project: "培训经费", Indicator: "1. 满意度", Field: "序号", Before: "2", After: "1"},
		{Kind: Changed, Project: "培训经费", Indicator: "1. 满意度", Field: "实施周期指标值", Before: "≥90%", After: "≥95%"},
		{Kind: Changed, Project: "培训经费", Indicator: "1. 满意度", Field: "年度指标值", Before: "≥90%", After: "≥95%"},
		{Kind: Changed, Project: "培训经费", Indicator: "2. 培训场次", Field: "序号", Before: "1", After: "2"},
		{Kind: Added, Project: "培训经费", Indicator: "3. 新指标", After: "1-产出指标；11-数量指标；年度指标值：3"},
		{Kind: Removed, Project: "培训经费", Indicator: "3. 旧指标", Before: "1-产出指标；11-数量指标；年度指标值：1"},
		{Kind: Removed, Project: "撤销的项目", Before: "总计 1.00 万元，0 个指标"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got:")
		for _, c := range got {
			t.Errorf("  %+v", c)
		}
	}
}

func TestTablesOfEqualDataHaveNoChanges(t *testing.T) {
	mk := func() *jixiao.Table {
		return table(&jixiao.Project{Name: "P", Indicators: []*jixiao.Indicator{ind(1, "同名", "1"), ind(2, "同名", "2")}})
	}
	if got := Tables(mk(), mk()); len(got) != 0 {
		t.Errorf("equal tables differ: %+v", got)
	}
}
