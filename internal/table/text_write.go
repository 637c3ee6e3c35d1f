package table

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"jixiao"
)

// DefaultTitle is the title published tables carry.
const DefaultTitle = "项目支出绩效目标表（含转移支付项目）"

const textHeader = "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标"

// WriteText writes t in the published text layout: title, 单位名称, 单位,
// the header, 合计, and per 资金使用单位 its subtotal row and its projects,
// with the numbered indicator cell. Zero amounts are empty cells, as
// published. Reading the output back gives the same data.
func WriteText(w io.Writer, t *jixiao.Table) error {
	if err := checkTextSafe(t); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	title := t.Title
	if title == "" {
		title = DefaultTitle
	}
	// Published tables do not print the year; we do, on a line of its own
	// that the reader takes as given, so that an export reads back as the
	// same year whatever its deadlines say.
	fmt.Fprintf(bw, "%s\n\n单位名称：%s\n\n%s%d\n\n单位：%s\n\n%s\n", title, t.Org, yearLabel, t.FiscalYear, moneyUnit(t), textHeader)
	writeMoneyRow(bw, "合计", t.Total, t.MoneyUnit)
	bw.WriteString("\t\n")
	for _, u := range t.Units {
		writeMoneyRow(bw, u.Name, u.Funding, t.MoneyUnit)
		bw.WriteString("\t\n")
		for _, p := range u.Projects {
			writeMoneyRow(bw, p.Name, p.Funding, t.MoneyUnit)
			bw.WriteString(p.Goal)
			bw.WriteByte('\t')
			writeIndicatorCell(bw, p.Indicators)
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

func moneyUnit(t *jixiao.Table) jixiao.MoneyUnit {
	if t.MoneyUnit == "" {
		return jixiao.WanYuan
	}
	return t.MoneyUnit
}

// writeMoneyRow writes the name and the four money cells, each followed by
// a tab.
func writeMoneyRow(w *bufio.Writer, name string, f jixiao.Funding, u jixiao.MoneyUnit) {
	if u == "" {
		u = jixiao.WanYuan
	}
	w.WriteString(name)
	for _, v := range []jixiao.Fen{f.Total, f.Fiscal, f.SpecialAccount, f.Other} {
		w.WriteByte('\t')
		if v != 0 {
			w.WriteString(v.FormatGrouped(u))
		}
	}
	w.WriteByte('\t')
}

// writeIndicatorCell writes the numbered indicator cell of the published
// layout, as the text and the workbook writers both print it.
func writeIndicatorCell(w io.StringWriter, inds []*jixiao.Indicator) {
	for i, in := range inds {
		writeIndicator(w, i+1, in)
	}
}

// writeIndicator writes "N、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。".
func writeIndicator(w io.StringWriter, n int, in *jixiao.Indicator) {
	w.WriteString(strconv.Itoa(n))
	w.WriteString("、")
	w.WriteString(categoryText(in.Level1))
	w.WriteString("；")
	w.WriteString(categoryText(in.Level2))
	w.WriteString("；")
	w.WriteString(in.Name)
	w.WriteString("；实施周期指标值:")
	w.WriteString(in.Period.Raw)
	w.WriteString("；年度指标值:")
	w.WriteString(in.Annual.Raw)
	w.WriteString("。")
}

func categoryText(c jixiao.Category) string {
	if c.Code == "" {
		return c.Name
	}
	return c.Code + "-" + c.Name
}

// checkTextSafe refuses data the text layout cannot carry: tabs and line
// breaks in cells, and indicator parts that would read back differently.
func checkTextSafe(t *jixiao.Table) error {
	bad := func(where, s string) error {
		return jixiao.Errorf(jixiao.EINVALID, "无法写成文本版式：%s 含有制表符或换行：“%s”", where, shorten(s, 40))
	}
	cells := []string{t.Title, t.Org}
	for _, c := range cells {
		if strings.ContainsAny(c, "\t\r\n") {
			return bad("表头", c)
		}
	}
	for i, u := range t.Units {
		if strings.ContainsAny(u.Name, "\t\r\n") {
			return bad("单位名称", u.Name)
		}
		// The layout tells a unit row from a project row only by the goal
		// and indicator cells and, for a row with neither, the name.
		if strings.TrimSpace(u.Name) == "" || i > 0 && !looksLikeOrg(u.Name) {
			return jixiao.Errorf(jixiao.EINVALID, "无法写成文本版式：资金使用单位“%s”的名称不像单位名称（应以局、中心、所、校等结尾），读回时会被当作项目", u.Name)
		}
		for _, p := range u.Projects {
			if p.Goal == "" && len(p.Indicators) == 0 && looksLikeOrg(p.Name) {
				return jixiao.Errorf(jixiao.EINVALID, "无法写成文本版式：项目“%s”没有绩效目标和指标，名称又像单位名称，读回时会被当作资金使用单位", p.Name)
			}
			for _, c := range []string{p.Name, p.Goal} {
				if strings.ContainsAny(c, "\t\r\n") {
					return bad("项目“"+p.Name+"”", c)
				}
			}
			for _, in := range p.Indicators {
				for _, c := range []string{in.Name, in.Level1.Name, in.Level2.Name, in.Period.Raw, in.Annual.Raw} {
					if strings.ContainsAny(c, "\t\r\n") {
						return bad(fmt.Sprintf("项目“%s”指标 %d", p.Name, in.Seq), c)
					}
				}
				if strings.Contains(in.Level1.Name, "；") || strings.Contains(in.Level2.Name, "；") {
					return jixiao.Errorf(jixiao.EINVALID, "无法写成文本版式：项目“%s”指标 %d 的类别名称含有“；”", p.Name, in.Seq)
				}
			}
		}
	}
	return nil
}
