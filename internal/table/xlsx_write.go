package table

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/internal/value"
)

// Sheet names of the workbook we write.
const (
	SheetPublished = "绩效目标表" // the published layout
	SheetLong      = "指标明细"  // one row per indicator
)

// longColumns is the long layout as we write it, in the export and the
// filing template alike. The reader takes any order and the wording
// variants of lookupColumn.
var longColumns = []struct {
	name  string
	col   column
	width float64
}{
	{"资金使用单位", colUnit, 22}, {"项目名称", colName, 26},
	{"总计", colTotal, 12}, {"财政拨款", colFiscal, 12}, {"财政专户拨款", colSpecial, 12}, {"其他资金", colOther, 12},
	{"绩效目标", colGoal, 40}, {"年度绩效目标", colAnnualGoal, 30}, {"转移支付", colTransfer, 8},
	{"序号", colSeq, 6}, {"一级指标", colL1, 13}, {"二级指标", colL2, 17}, {"三级指标", colL3, 26},
	{"计量单位", colMeasure, 9}, {"指标方向", colDirection, 9}, {"权重", colWeight, 7},
	{"实施周期指标值", colPeriod, 26}, {"年度指标值", colAnnual, 26},
}

// WriteXLSX writes t as an Excel workbook: sheet 绩效目标表 in the
// published layout, styled for print (A4 landscape, header row repeated on
// every page, frozen header, wrapped text), and sheet 指标明细 with one
// row per indicator, for filtering and for what the published layout
// cannot show (计量单位, 指标方向, 权重 …). The second sheet names the first
// ("对应工作表"), so that reading the workbook back gives one table.
//
// Sheets are written with excelize's stream writer: memory grows with the
// shared styles, not with the rows.
func WriteXLSX(w io.Writer, t *jixiao.Table) error {
	cells, err := publishedCells(t)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return fmt.Errorf("xlsx styles: %w", err)
	}
	if err := f.SetSheetName("Sheet1", SheetPublished); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetLong); err != nil {
		return err
	}
	if err := writePublishedSheet(f, st, t, cells); err != nil {
		return fmt.Errorf("xlsx %s: %w", SheetPublished, err)
	}
	if err := writeLongSheet(f, st, t); err != nil {
		return fmt.Errorf("xlsx %s: %w", SheetLong, err)
	}
	setDocProps(f, tableTitle(t)+" "+t.Org)
	return f.Write(w)
}

func tableTitle(t *jixiao.Table) string {
	if t.Title == "" {
		return DefaultTitle
	}
	return t.Title
}

func setDocProps(f *excelize.File, title string) {
	_ = f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "jixiao"})
}

// publishedCells writes each project's indicator cell and checks that it
// reads back as the same indicators: what the published layout cannot
// carry is refused here, as by the text writer, rather than written wrong.
func publishedCells(t *jixiao.Table) (map[*jixiao.Project]string, error) {
	cells := map[*jixiao.Project]string{}
	for _, p := range t.Projects() {
		var b strings.Builder
		writeIndicatorCell(&b, p.Indicators)
		cell := b.String()
		if n := len(utf16.Encode([]rune(cell))); n > excelize.TotalCellChars {
			return nil, jixiao.Errorf(jixiao.EINVALID, "无法写成 Excel：项目“%s”的绩效指标共 %d 个字符，超过 Excel 单元格上限 %d", p.Name, n, excelize.TotalCellChars)
		}
		back, cerr := parseIndicatorCell(cell)
		if cerr != nil || len(back) != len(p.Indicators) {
			return nil, jixiao.Errorf(jixiao.EINVALID, "无法写成 Excel 的发布版式：项目“%s”的指标读回时会变样（指标名称或值中含有“；”“年度指标值:”这样的分隔符？）", p.Name)
		}
		for i, in := range p.Indicators {
			b := back[i]
			if b.Level1 != in.Level1 || b.Level2 != in.Level2 || b.Name != in.Name || b.Period.Raw != in.Period.Raw || b.Annual.Raw != in.Annual.Raw {
				return nil, jixiao.Errorf(jixiao.EINVALID, "无法写成 Excel 的发布版式：项目“%s”第 %d 个指标“%s”读回时会变样（名称首尾有空格，或类别、名称、值中含有分隔符“；”）", p.Name, i+1, in.Name)
			}
		}
		for _, s := range []string{p.Name, p.Goal, p.AnnualGoal} {
			if n := len(utf16.Encode([]rune(s))); n > excelize.TotalCellChars {
				return nil, jixiao.Errorf(jixiao.EINVALID, "无法写成 Excel：项目“%s”有超过 %d 个字符的单元格", shorten(p.Name, 30), excelize.TotalCellChars)
			}
		}
		cells[p] = cell
	}
	return cells, nil
}

// printSetup makes a sheet print on A4 landscape, fitted to the page
// width, with its header rows repeated on every page. It must run before
// the sheet is streamed: the stream writer keeps what is set by then.
func printSetup(f *excelize.File, sheet string, headerRow int) error {
	size, orient, fitW, fitH := 9, "landscape", 1, 0 // 9 = A4
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m := 0.5
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 / 共 &N 页"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headerRow, headerRow), Scope: sheet})
}

func writePublishedSheet(f *excelize.File, st *xlsxStyles, t *jixiao.Table, cells map[*jixiao.Project]string) error {
	const headerRow = 3
	if err := printSetup(f, SheetPublished, headerRow); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetPublished)
	if err != nil {
		return err
	}
	for i, w := range []float64{30, 12, 12, 12, 12, 42, 80} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	u := moneyUnit(t)
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: tableTitle(t)}}, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := sw.MergeCell("A1", "G1"); err != nil {
		return err
	}
	if err := sw.SetRow("A2", []any{
		excelize.Cell{StyleID: st.label, Value: "单位名称：" + t.Org}, nil, nil, nil,
		yearCell(t.FiscalYear, st.label), nil,
		excelize.Cell{StyleID: st.labelRight, Value: "单位：" + string(u)},
	}); err != nil {
		return err
	}
	if err := sw.MergeCell("A2", "D2"); err != nil {
		return err
	}
	header := []any{}
	for _, h := range []string{"项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"} {
		header = append(header, excelize.Cell{StyleID: st.header, Value: h})
	}
	if err := sw.SetRow("A3", header, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	n := headerRow
	row := func(name string, fu jixiao.Funding, goal, inds string, bold bool) error {
		n++
		text, money := st.text, st.money
		if bold {
			text, money = st.textBold, st.moneyBold
		}
		vals := []any{excelize.Cell{StyleID: text, Value: name}}
		for _, v := range []jixiao.Fen{fu.Total, fu.Fiscal, fu.SpecialAccount, fu.Other} {
			vals = append(vals, moneyCell(v, u, money))
		}
		vals = append(vals, excelize.Cell{StyleID: text, Value: goal}, excelize.Cell{StyleID: text, Value: inds})
		return sw.SetRow("A"+strconv.Itoa(n), vals)
	}
	if err := row("合计", t.Total, "", "", true); err != nil {
		return err
	}
	for _, un := range t.Units {
		if err := row(un.Name, un.Funding, "", "", true); err != nil {
			return err
		}
		for _, p := range un.Projects {
			if err := row(p.Name, p.Funding, p.Goal, cells[p], false); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// yearCell states the fiscal year (published tables do not; our exports
// do, so that they read back as the same year), or is empty when unknown.
func yearCell(year int, style int) any {
	if year == 0 {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: yearLabel + strconv.Itoa(year)}
}

// moneyCell is an amount as an Excel number in the table's money unit,
// shown with the unit's two decimals or as many more as it has. Zero is an
// empty cell, as published. The number goes through a float only as
// Excel's own carrier: a decimal of at most 15 significant digits comes
// back from it unchanged; a longer one is written as text.
func moneyCell(v jixiao.Fen, u jixiao.MoneyUnit, styles []int) any {
	if v == 0 {
		return excelize.Cell{StyleID: styles[0]}
	}
	s := v.Format(u)
	_, frac, _ := strings.Cut(s, ".")
	decimals := min(max(len(frac), 2), len(styles)+1) // styles[0] shows 2 decimals
	style := styles[decimals-2]
	if significantDigits(s) > 15 {
		return excelize.Cell{StyleID: style, Value: s}
	}
	x, _ := strconv.ParseFloat(s, 64)
	return excelize.Cell{StyleID: style, Value: x}
}

// decimalCell is moneyCell for a weight.
func decimalCell(d jixiao.Decimal, style int) any {
	if !d.IsSet() {
		return excelize.Cell{StyleID: style}
	}
	if significantDigits(d.String()) > 15 {
		return excelize.Cell{StyleID: style, Value: d.String()}
	}
	x, _ := strconv.ParseFloat(d.String(), 64)
	return excelize.Cell{StyleID: style, Value: x}
}

// writeLongPreamble writes the lines above the long header: title, org,
// year and money unit, and which sheet this one details, if any.
func writeLongPreamble(sw *excelize.StreamWriter, st *xlsxStyles, title, org string, year int, u jixiao.MoneyUnit, pairWith string) (headerRow int, err error) {
	last := excelize.ColumnNumberToName
	lastCol, _ := last(len(longColumns))
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: title}}, excelize.RowOpts{Height: 30}); err != nil {
		return 0, err
	}
	if err := sw.MergeCell("A1", lastCol+"1"); err != nil {
		return 0, err
	}
	if err := sw.SetRow("A2", []any{
		excelize.Cell{StyleID: st.label, Value: "单位名称：" + org}, nil, nil, nil, nil, nil,
		yearCell(year, st.label), nil,
		excelize.Cell{StyleID: st.label, Value: "单位：" + string(u)},
	}); err != nil {
		return 0, err
	}
	if err := sw.MergeCell("A2", "F2"); err != nil {
		return 0, err
	}
	headerRow = 3
	if pairWith != "" {
		if err := sw.SetRow("A3", []any{excelize.Cell{StyleID: st.note, Value: "对应工作表：" + pairWith + "（本表是同一张表的指标明细，每行一个指标；两表内容须一致，修改时请只改一张并删去另一张）"}}); err != nil {
			return 0, err
		}
		if err := sw.MergeCell("A3", lastCol+"3"); err != nil {
			return 0, err
		}
		headerRow = 4
	}
	header := []any{}
	for _, c := range longColumns {
		header = append(header, excelize.Cell{StyleID: st.header, Value: c.name})
	}
	if err := sw.SetRow("A"+strconv.Itoa(headerRow), header, excelize.RowOpts{Height: 24}); err != nil {
		return 0, err
	}
	return headerRow, nil
}

func writeLongSheet(f *excelize.File, st *xlsxStyles, t *jixiao.Table) error {
	if err := printSetup(f, SheetLong, 4); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetLong)
	if err != nil {
		return err
	}
	for i, c := range longColumns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 4, TopLeftCell: "C5", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	u := moneyUnit(t)
	n, err := writeLongPreamble(sw, st, tableTitle(t), t.Org, t.FiscalYear, u, SheetPublished)
	if err != nil {
		return err
	}
	vals := make([]any, len(longColumns))
	for _, un := range t.Units {
		for _, p := range un.Projects {
			inds := p.Indicators
			if len(inds) == 0 {
				inds = []*jixiao.Indicator{nil} // a project without indicators still has its row
			}
			for _, in := range inds {
				n++
				for i, c := range longColumns {
					vals[i] = longValue(c.col, un.Name, p, in, u, st)
				}
				if err := sw.SetRow("A"+strconv.Itoa(n), vals); err != nil {
					return err
				}
			}
		}
	}
	return sw.Flush()
}

// longValue is one cell of a long row; in is nil for a project without
// indicators.
func longValue(c column, unit string, p *jixiao.Project, in *jixiao.Indicator, u jixiao.MoneyUnit, st *xlsxStyles) any {
	text := func(s string) any { return excelize.Cell{StyleID: st.text, Value: s} }
	switch c {
	case colUnit:
		return text(unit)
	case colName:
		return text(p.Name)
	case colTotal:
		return moneyCell(p.Funding.Total, u, st.money)
	case colFiscal:
		return moneyCell(p.Funding.Fiscal, u, st.money)
	case colSpecial:
		return moneyCell(p.Funding.SpecialAccount, u, st.money)
	case colOther:
		return moneyCell(p.Funding.Other, u, st.money)
	case colGoal:
		return text(p.Goal)
	case colAnnualGoal:
		return text(p.AnnualGoal)
	case colTransfer:
		if p.TransferPayment {
			return text("是")
		}
		return text("否")
	}
	if in == nil {
		return excelize.Cell{StyleID: st.text}
	}
	switch c {
	case colSeq:
		return excelize.Cell{StyleID: st.center, Value: in.Seq}
	case colL1:
		return text(categoryText(in.Level1))
	case colL2:
		return text(categoryText(in.Level2))
	case colL3:
		return text(in.Name)
	case colMeasure:
		return text(in.Unit)
	case colDirection:
		return text(directionText(value.Direction(in)))
	case colWeight:
		return decimalCell(in.Weight, st.center)
	case colPeriod:
		return text(in.Period.Raw)
	case colAnnual:
		return text(in.Annual.Raw)
	}
	return nil
}

// xlsxStyles are the cell styles of our workbooks.
type xlsxStyles struct {
	title, label, labelRight, note, header, text, textBold, center int
	money, moneyBold                                               []int // by decimals: 2, 3, … 10
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	var st xlsxStyles
	var err error
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1}}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "宋体", Size: size, Bold: bold}
	}
	style := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	st.title = style(&excelize.Style{Font: font(true, 16), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	st.label = style(&excelize.Style{Font: font(false, 10), Alignment: &excelize.Alignment{Vertical: "center"}})
	st.labelRight = style(&excelize.Style{Font: font(false, 10), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	st.note = style(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 9, Color: "666666"}})
	st.header = style(&excelize.Style{Font: font(true, 10), Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	body := &excelize.Alignment{Vertical: "top", WrapText: true}
	st.text = style(&excelize.Style{Font: font(false, 10), Border: border, Alignment: body})
	st.textBold = style(&excelize.Style{Font: font(true, 10), Border: border, Alignment: body, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	st.center = style(&excelize.Style{Font: font(false, 10), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	for dec := 2; dec <= 10; dec++ {
		code := "#,##0." + strings.Repeat("0", dec)
		st.money = append(st.money, style(&excelize.Style{Font: font(false, 10), Border: border, CustomNumFmt: &code, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}))
		st.moneyBold = append(st.moneyBold, style(&excelize.Style{Font: font(true, 10), Border: border, CustomNumFmt: &code,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}))
	}
	return &st, err
}
