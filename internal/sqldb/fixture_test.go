package sqldb

import (
	"fmt"
	"time"

	"jixiao"
)

// testTable builds a table of org and year with nProjects projects of
// nIndicators indicators each, spread over units, with every field of every
// row filled and varied: all target kinds, ranges, empty values, negative
// money, awkward text. It is deterministic, so the same arguments hash the
// same.
func testTable(org string, year, nProjects, nIndicators int) *jixiao.Table {
	t := &jixiao.Table{
		Title:            "项目支出绩效目标表（含转移支付项目）",
		Org:              org,
		FiscalYear:       year,
		FiscalYearSource: fmt.Sprintf("inferred: %d年 appears in 7 deadlines", year),
		MoneyUnit:        jixiao.WanYuan,
		Source:           "seeds/000_69318a9b511d8c9f.txt",
		ImportedAt:       time.Date(2024, 3, 1, 9, 30, 15, 123456789, time.FixedZone("CST", 8*3600)),
	}
	const perUnit = 7
	var unit *jixiao.Unit
	for i := range nProjects {
		if i%perUnit == 0 {
			t.Units = append(t.Units, jixiao.Unit{Name: fmt.Sprintf("%s下属单位%d", org, i/perUnit), Line: i + 5})
			unit = &t.Units[len(t.Units)-1]
		}
		f := jixiao.Funding{
			Fiscal:         jixiao.Fen(1_000_000 * (i + 1)),
			SpecialAccount: jixiao.Fen(37 * i),
			Other:          jixiao.Fen(-i % 3), // negative amounts are defects the store must keep
		}
		f.Total = f.Sum()
		p := &jixiao.Project{
			Name:            fmt.Sprintf("项目%d：中小企业培训经费 'quoted' \"double\"", i),
			Org:             unit.Name,
			Funding:         f,
			Goal:            fmt.Sprintf("完成年度中小企业培训和供需对接等活动任务，第%d项。\n第二行", i),
			AnnualGoal:      map[bool]string{true: "", false: "年度目标：稳步提升"}[i%2 == 0],
			TransferPayment: i%4 == 1,
			Line:            100 + i,
		}
		for k := range nIndicators {
			p.Indicators = append(p.Indicators, testIndicator(i, k, year))
		}
		unit.Funding = unit.Funding.Add(f)
		unit.Projects = append(unit.Projects, p)
		t.Total = t.Total.Add(f)
	}
	return t
}

func testIndicator(p, k, year int) *jixiao.Indicator {
	entry := jixiao.Catalogue[(p+k)%len(jixiao.Catalogue)]
	in := &jixiao.Indicator{
		Seq:    k + 1,
		Level1: entry.Level1,
		Level2: entry.Level2,
		Name:   fmt.Sprintf("指标%d-%d 开展培训场次", p, k),
		Unit:   []string{"", "场", "%", "万元"}[k%4],
	}
	switch k % 6 {
	case 0:
		in.Direction = jixiao.DirectionPositive
		in.Period = jixiao.Target{Raw: "$\\geq$ 60", Text: "≥60", Kind: jixiao.KindNumeric, Op: jixiao.OpGE,
			Value: jixiao.MustDecimal("60"), Unit: "场", Qualifier: "全年"}
		in.Annual = jixiao.Target{Raw: "2", Text: "2", Kind: jixiao.KindNumeric, Op: jixiao.OpEQ, ImplicitOp: true,
			Value: jixiao.MustDecimal(fmt.Sprint(p + 2))}
		in.Weight = jixiao.MustDecimal("12.5")
	case 1:
		in.Direction = jixiao.DirectionNegative
		in.Period = jixiao.Target{Raw: "±3%以内", Text: "±3%以内", Kind: jixiao.KindNumeric, Op: jixiao.OpRange,
			Value: jixiao.MustDecimal("-3"), Max: jixiao.MustDecimal("3"), Unit: "%"}
		in.Annual = jixiao.Target{Raw: "95%-98.25%", Text: "95%-98.25%", Kind: jixiao.KindNumeric, Op: jixiao.OpRange,
			Value: jixiao.MustDecimal("95"), Max: jixiao.MustDecimal("98.25"), Unit: "%"}
		in.Weight = jixiao.MustDecimal("0.001")
	case 2:
		in.Period = jixiao.Target{Raw: fmt.Sprintf("%d年12月31日前完成", year), Text: fmt.Sprintf("%d年12月31日前完成", year),
			Kind: jixiao.KindDeadline, Date: fmt.Sprintf("%d-12-31", year)}
		in.Annual = jixiao.Target{Raw: "2023-10-31", Text: "2023-10-31", Kind: jixiao.KindDeadline, Date: "2023-10-31"}
	case 3:
		in.Period = jixiao.Target{Raw: "是", Text: "是", Kind: jixiao.KindBoolean, Bool: true}
		in.Annual = jixiao.Target{Raw: "否", Text: "否", Kind: jixiao.KindBoolean, Bool: false}
	case 4:
		in.Period = jixiao.Target{Raw: "稳步提升。", Text: "稳步提升", Kind: jixiao.KindQualitative}
		in.Annual = jixiao.Target{Raw: "完成划拨手", Text: "完成划拨手", Kind: jixiao.KindQualitative}
	case 5:
		in.Direction = jixiao.DirectionPositive
		in.Period = jixiao.Target{Raw: "不低于1.5亿美元", Text: "不低于1.5亿美元", Kind: jixiao.KindNumeric, Op: jixiao.OpGE,
			Value: jixiao.MustDecimal("1.5"), Unit: "亿美元"}
		// Annual left empty: an unfilled value must round-trip as empty.
	}
	return in
}
