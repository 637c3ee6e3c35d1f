package table

import (
	"io"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/internal/pdfdoc"
)

// PDFOptions configure WritePDF.
type PDFOptions struct {
	// FontFile is a TrueType font (.ttf/.ttc) with Chinese glyphs; "" finds
	// one on the system (pdfdoc.FindFont), or fails saying what to install.
	FontFile string
}

// WritePDF writes t as the published table for printing: A4 landscape, the
// title, 单位名称 and money unit above, the header row on every page, each
// indicator of a project on a line of its own, pages numbered.
func WritePDF(w io.Writer, t *jixiao.Table, opts PDFOptions) error {
	font, err := loadFont(opts.FontFile)
	if err != nil {
		return err
	}
	return pdfdoc.Render(w, publishedDocument(t), font)
}

func loadFont(file string) (*pdfdoc.Font, error) {
	if file != "" {
		return pdfdoc.LoadFont(file)
	}
	return pdfdoc.FindFont()
}

// publishedDocument lays the table out as published: name, four amounts,
// goal, indicators; the 合计 and unit rows shaded.
func publishedDocument(t *jixiao.Table) *pdfdoc.Document {
	u := moneyUnit(t)
	doc := &pdfdoc.Document{
		Title: tableTitle(t),
		Left:  "单位名称：" + t.Org,
		Right: "单位：" + string(u),
		Columns: []pdfdoc.Column{
			{Title: "项目名称（资金使用单位）", Width: 13}, {Title: "总计", Width: 7.5, Align: pdfdoc.Right},
			{Title: "财政拨款", Width: 7.5, Align: pdfdoc.Right}, {Title: "财政专户拨款", Width: 7.5, Align: pdfdoc.Right},
			{Title: "其他资金", Width: 7.5, Align: pdfdoc.Right}, {Title: "绩效目标", Width: 21}, {Title: "绩效指标", Width: 36},
		},
		Subject: "项目支出绩效目标表", CreatedBy: "jixiao",
	}
	if t.FiscalYear != 0 {
		doc.Right = yearLabel + strconv.Itoa(t.FiscalYear) + "    " + doc.Right
	}
	money := func(f jixiao.Funding) []string {
		var out []string
		for _, v := range []jixiao.Fen{f.Total, f.Fiscal, f.SpecialAccount, f.Other} {
			if v == 0 {
				out = append(out, "")
			} else {
				out = append(out, v.FormatGrouped(u))
			}
		}
		return out
	}
	row := func(name string, f jixiao.Funding, goal, inds string, emphasis bool) pdfdoc.Row {
		cells := append(append([]string{name}, money(f)...), goal, inds)
		return pdfdoc.Row{Cells: cells, Emphasis: emphasis}
	}
	doc.Rows = append(doc.Rows, row("合计", t.Total, "", "", true))
	for _, un := range t.Units {
		doc.Rows = append(doc.Rows, row(un.Name, un.Funding, "", "", true))
		for _, p := range un.Projects {
			doc.Rows = append(doc.Rows, row(p.Name, p.Funding, p.Goal, indicatorLines(p.Indicators), false))
		}
	}
	return doc
}

// indicatorLines is the indicator cell with each indicator starting a line.
func indicatorLines(inds []*jixiao.Indicator) string {
	var b strings.Builder
	for i, in := range inds {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeIndicator(&b, i+1, in)
	}
	return b.String()
}
