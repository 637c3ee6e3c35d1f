package gen

import (
	"strconv"
	"strings"

	"jixiao"
)

// layout renders t the way the published text is laid out (header lines,
// tab-separated rows, the numbered indicator cell), for the hygiene tests
// and for looking at samples. It is a test helper, not the project's
// writer (internal/table), which this package must not depend on.
func layout(t *jixiao.Table) string {
	var b strings.Builder
	b.WriteString(t.Title + "\n\n单位名称：" + t.Org + "\n\n单位：" + string(t.MoneyUnit) + "\n\n")
	b.WriteString("项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n")
	row := func(name string, f jixiao.Funding) {
		b.WriteString(name)
		for _, v := range []jixiao.Fen{f.Total, f.Fiscal, f.SpecialAccount, f.Other} {
			b.WriteByte('\t')
			if v != 0 {
				b.WriteString(v.FormatGrouped(t.MoneyUnit))
			}
		}
		b.WriteByte('\t')
	}
	row("合计", t.Total)
	b.WriteString("\t\n")
	for _, u := range t.Units {
		row(u.Name, u.Funding)
		b.WriteString("\t\n")
		for _, p := range u.Projects {
			row(p.Name, p.Funding)
			b.WriteString(p.Goal + "\t" + indicatorCell(p.Indicators) + "\n")
		}
	}
	return b.String()
}

func indicatorCell(inds []*jixiao.Indicator) string {
	var b strings.Builder
	for _, in := range inds {
		b.WriteString(strconv.Itoa(in.Seq) + "、" + in.Level1.Code + "-" + in.Level1.Name + "；" +
			in.Level2.Code + "-" + in.Level2.Name + "；" + in.Name +
			"；实施周期指标值:" + in.Period.Raw + "；年度指标值:" + in.Annual.Raw + "。")
	}
	return b.String()
}
