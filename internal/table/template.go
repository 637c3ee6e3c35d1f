package table

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao"
)

// Sheet names of the filing template.
const (
	SheetFiling    = "绩效目标填报"
	SheetHowTo     = "填报说明"
	SheetCatalogue = "指标目录"
)

// TemplateOptions fill in what the filer would otherwise type first.
type TemplateOptions struct {
	Year int    // 预算年度; 0 leaves it for the filer
	Org  string // 单位名称; "" leaves it for the filer
}

// templateRows is how many rows of the template carry drop-down lists
// and input checks.
const templateRows = 2000

// templateHints are the input messages Excel shows in a selected cell, and
// the comments on the header cells.
var templateHints = map[column]string{
	colUnit:       "资金使用单位（本级或下属单位）。同一单位的项目可只在第一行填写。",
	colName:       "必填。一个项目的多个指标逐行填写；项目名称、金额、绩效目标只需填在该项目的第一行（也可合并单元格）。",
	colTotal:      "以万元为单位，最多精确到分（小数点后 6 位）。总计 = 财政拨款 + 财政专户拨款 + 其他资金。",
	colFiscal:     "以万元为单位；没有填 0 或留空。",
	colSpecial:    "以万元为单位；没有填 0 或留空。",
	colOther:      "以万元为单位；没有填 0 或留空。",
	colGoal:       "实施周期绩效目标：项目要做成什么、达到什么效果，写具体、可衡量。",
	colAnnualGoal: "可选：年度绩效目标与实施周期不同时填写。",
	colTransfer:   "可选：转移支付项目填“是”。",
	colSeq:        "可选：指标序号 1、2、3…；留空按行的顺序编号。",
	colL1:         "从下拉列表选择，如“1-产出指标”。",
	colL2:         "从下拉列表选择，须属于所选一级指标，如“11-数量指标”。",
	colL3:         "必填：指标名称，如“开展培训场次”。不要写成句子。",
	colMeasure:    "可选：计量单位，如 场、人次、%。",
	colDirection:  "可选：正向（越大越好）或反向（越小越好）；留空按指标值判断。",
	colWeight:     "可选：权重（分值）。",
	colPeriod:     "实施周期指标值，如 ≥90%、不少于300人次、2025年12月31日前完成、是。",
	colAnnual:     "必填：年度指标值，如 ≥90%、不少于300人次、12月31日前完成、是。避免“稳步提升”“有效保障”这样无法衡量的表述。",
}

// required columns are starred in the template's header.
var requiredColumns = map[column]bool{colName: true, colL1: true, colL2: true, colL3: true, colAnnual: true}

// WriteTemplate writes a blank filing template (填报模板): the long layout
// with one row per indicator, drop-down lists of 一级指标 and 二级指标 from
// the catalogue, input hints and checks, and a sheet of filing
// instructions. A filled template reads back with ReadXLSX as one table.
func WriteTemplate(w io.Writer, opts TemplateOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return fmt.Errorf("template styles: %w", err)
	}
	input, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}})
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetFiling); err != nil {
		return err
	}
	for _, name := range []string{SheetHowTo, SheetCatalogue} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	steps := []func() error{
		func() error { return writeFilingSheet(f, st, input, opts) },
		func() error { return writeHowTo(f, st) },
		func() error { return writeCatalogue(f, st) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("template: %w", err)
		}
	}
	setDocProps(f, "项目支出绩效目标填报模板")
	return f.Write(w)
}

const filingHeaderRow = 4

func writeFilingSheet(f *excelize.File, st *xlsxStyles, input int, opts TemplateOptions) error {
	s := SheetFiling
	lastCol, _ := excelize.ColumnNumberToName(len(longColumns))
	set := func(cell string, v any, style int) error {
		if err := f.SetCellValue(s, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(s, cell, cell, style)
	}
	var year any = ""
	if opts.Year != 0 {
		year = opts.Year
	}
	for _, c := range []struct {
		cell  string
		v     any
		style int
	}{
		{"A1", DefaultTitle, st.title}, {"A2", "单位名称：", st.labelRight}, {"B2", opts.Org, input},
		{"F2", "预算年度：", st.labelRight}, {"G2", year, input}, {"I2", "单位：万元", st.label},
		{"A3", "带 * 的列必填。一个项目的多个指标逐行填写，项目名称、金额、绩效目标只需填在第一行。说明见工作表“" + SheetHowTo + "”，指标类别见“" + SheetCatalogue + "”。", st.note},
	} {
		if err := set(c.cell, c.v, c.style); err != nil {
			return err
		}
	}
	for _, m := range [][2]string{{"A1", lastCol + "1"}, {"B2", "E2"}, {"A3", lastCol + "3"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(s, 1, 30); err != nil {
		return err
	}
	for i, c := range longColumns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		cell := name + strconv.Itoa(filingHeaderRow)
		title := c.name
		if requiredColumns[c.col] {
			title = "*" + title
		}
		if err := set(cell, title, st.header); err != nil {
			return err
		}
		if err := f.SetColWidth(s, name, name, c.width); err != nil {
			return err
		}
		body := st.text
		switch c.col {
		case colTotal, colFiscal, colSpecial, colOther:
			body = st.money[0]
		case colSeq, colWeight:
			body = st.center
		}
		rng := fmt.Sprintf("%s%d:%s%d", name, filingHeaderRow+1, name, filingHeaderRow+templateRows)
		if err := f.SetCellStyle(s, name+strconv.Itoa(filingHeaderRow+1), name+strconv.Itoa(filingHeaderRow+templateRows), body); err != nil {
			return err
		}
		if hint := templateHints[c.col]; hint != "" {
			if err := f.AddComment(s, excelize.Comment{Author: "jixiao", Cell: cell, Text: hint}); err != nil {
				return err
			}
		}
		if dv := templateValidation(c.col, rng); dv != nil {
			if err := f.AddDataValidation(s, dv); err != nil {
				return err
			}
		}
	}
	if err := f.SetRowHeight(s, filingHeaderRow, 24); err != nil {
		return err
	}
	if err := f.SetPanes(s, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: filingHeaderRow, TopLeftCell: "C5", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return printSetup(f, s, filingHeaderRow)
}

// templateValidation is the drop-down list or input check of a column.
func templateValidation(c column, rng string) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(rng)
	hint := templateHints[c]
	switch c {
	case colL1:
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$A$2:$A$%d", SheetCatalogue, 1+len(level1s())))
		dv.SetError(excelize.DataValidationErrorStyleStop, "一级指标", "请从下拉列表选择一级指标。")
	case colL2:
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$C$2:$C$%d", SheetCatalogue, 1+len(jixiao.Catalogue)))
		dv.SetError(excelize.DataValidationErrorStyleStop, "二级指标", "请从下拉列表选择二级指标。")
	case colTotal, colFiscal, colSpecial, colOther:
		if err := dv.SetRange(0, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return nil
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "金额", "请填写不小于 0 的金额（万元）。")
	case colDirection:
		if err := dv.SetDropList([]string{"正向", "反向"}); err != nil {
			return nil
		}
	case colTransfer:
		if err := dv.SetDropList([]string{"是", "否"}); err != nil {
			return nil
		}
	case colSeq:
		if err := dv.SetRange(1, 999, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return nil
		}
	default:
		if hint == "" {
			return nil
		}
	}
	if hint != "" {
		dv.SetInput(strings.TrimPrefix(longName(c), "*"), shorten(hint, 120))
	}
	return dv
}

func longName(c column) string {
	for _, lc := range longColumns {
		if lc.col == c {
			return lc.name
		}
	}
	return ""
}

// level1s lists the level-1 categories of the catalogue in order.
func level1s() []jixiao.Category {
	var out []jixiao.Category
	for _, e := range jixiao.Catalogue {
		if len(out) == 0 || out[len(out)-1] != e.Level1 {
			out = append(out, e.Level1)
		}
	}
	return out
}

// writeCatalogue lists the categories the drop-down lists offer.
func writeCatalogue(f *excelize.File, st *xlsxStyles) error {
	s := SheetCatalogue
	rows := [][]any{{"一级指标", "", "二级指标", "所属一级指标"}}
	l1 := level1s()
	for i, e := range jixiao.Catalogue {
		r := []any{"", "", categoryText(e.Level2), categoryText(e.Level1)}
		if i < len(l1) {
			r[0] = categoryText(l1[i])
		}
		rows = append(rows, r)
	}
	for i, r := range rows {
		if err := f.SetSheetRow(s, "A"+strconv.Itoa(i+1), &r); err != nil {
			return err
		}
	}
	for _, c := range []string{"A", "C", "D"} {
		if err := f.SetCellStyle(s, c+"1", c+"1", st.header); err != nil {
			return err
		}
		if err := f.SetColWidth(s, c, c, 22); err != nil {
			return err
		}
	}
	return nil
}

// howTo is the 填报说明 sheet, one paragraph per row.
var howTo = []string{
	"项目支出绩效目标表 填报说明",
	"1. 在工作表“" + SheetFiling + "”中每行填写一个绩效指标。一个项目有几个指标就填几行；项目名称、资金使用单位、金额和绩效目标只需填在该项目的第一行，下面几行留空或合并单元格。",
	"2. 金额以万元为单位，最多精确到分；总计应等于财政拨款、财政专户拨款和其他资金之和。",
	"3. 一级指标和二级指标从下拉列表选择（见工作表“" + SheetCatalogue + "”）：产出指标下设数量、质量、时效、成本指标；效益指标下设经济效益、社会效益、生态效益、可持续影响指标；满意度指标下设服务对象满意度指标。每个项目至少要有产出指标和效益指标，有服务对象的项目应设满意度指标。",
	"4. 指标值要可衡量：写明比较关系、数值和单位，如“≥90%”“不少于300人次”“2025年12月31日前完成”；是否类指标写“是”或“否”。避免“稳步提升”“有效保障”这样无法考核的表述。",
	"5. 日期可以写成文字（如“2025年6月30日前”），也可以是 Excel 日期单元格。不要使用公式；若使用，请确认保存了计算结果。",
	"6. 不要在公开内容中填写个人姓名、身份证号、电话号码。",
	"7. 填好后用 jixiao import 文件名.xlsx 导入；导入时会自动审核并列出需要修改之处。",
}

func writeHowTo(f *excelize.File, st *xlsxStyles) error {
	s := SheetHowTo
	if err := f.SetColWidth(s, "A", "A", 120); err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for i, p := range howTo {
		cell := "A" + strconv.Itoa(i+1)
		if err := f.SetCellValue(s, cell, p); err != nil {
			return err
		}
		style := wrap
		if i == 0 {
			style = st.title
		}
		if err := f.SetCellStyle(s, cell, cell, style); err != nil {
			return err
		}
	}
	return nil
}
