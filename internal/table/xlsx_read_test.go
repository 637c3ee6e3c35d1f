package table_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/internal/table"
)

func TestWorkbookInThePublishedLayoutReads(t *testing.T) {
	res := readOne(t, rawBook(t, nil, rawSheet{name: "Sheet1", rows: flatRows()}), table.ReadOptions{})
	tb := res.Table
	if tb.Title != "项目支出绩效目标表（含转移支付项目）" || tb.Org != "测试局" || tb.MoneyUnit != jixiao.WanYuan || tb.Source != "book.xlsx!Sheet1" || res.Sheet != "Sheet1" {
		t.Errorf("header %q / %q / %q, source %q sheet %q", tb.Title, tb.Org, tb.MoneyUnit, tb.Source, res.Sheet)
	}
	if tb.Total.Total != 5_000_000 || len(tb.Units) != 1 || tb.Units[0].Name != "测试局" || tb.Units[0].Funding.Fiscal != 5_000_000 {
		t.Errorf("合计 %+v, units %+v", tb.Total, tb.Units)
	}
	p := tb.Projects()[0]
	if p.Name != "培训经费" || p.Goal != "完成培训。" || p.Funding.Total != 5_000_000 || len(p.Indicators) != 2 {
		t.Fatalf("project %+v", p)
	}
	if in := p.Indicators[1]; in.Level2 != (jixiao.Category{Code: "13", Name: "时效指标"}) || in.Annual.Date != "2024-12-31" {
		t.Errorf("indicator 2 %+v", in)
	}
	if tb.FiscalYear != 2024 || !strings.HasPrefix(tb.FiscalYearSource, "inferred") {
		t.Errorf("year %d (%s)", tb.FiscalYear, tb.FiscalYearSource)
	}
}

func TestIndicatorCellWithALineForEachIndicator(t *testing.T) {
	cell := "G=1、1-产出指标；11-数量指标；开展培训场次；实施周期指标值:2场；年度指标值:2场。\n  2、1-产出指标；13-时效指标；完成时间；实施周期指标值:第一行\n第二行；年度指标值:2024年12月31日前。\n"
	p := readOne(t, rawBook(t, nil, rawSheet{name: "S", rows: flatRows("A=培训经费", "B#5", "C#5", "F=完成培训。", cell)}), table.ReadOptions{}).Table.Projects()[0]
	if len(p.Indicators) != 2 || p.Indicators[0].Annual.Raw != "2场" || p.Indicators[1].Period.Raw != "第一行\n第二行" || p.Indicators[1].Annual.Raw != "2024年12月31日前" {
		t.Errorf("indicators %+v %+v", p.Indicators[0], p.Indicators[len(p.Indicators)-1])
	}
}

func TestWorkbookHeaderWordingVaries(t *testing.T) {
	tests := []struct {
		name   string
		header []any
	}{
		{"as we write it", []any{"资金使用单位", "项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"}},
		{"short and older names", []any{"单位", "项目", "资金总额", "财政拨款", "财政专户", "其他", "项目绩效目标", "一级指标", "二级指标", "指标名称", "中长期指标值", "年度目标值"}},
		{"full-width, spaces, line breaks, stars", []any{"资金使用单位", "*项目　名称", "总 计", "财政拨款", "财政专户拨款", "其他资金", "绩效\n目标", "*一级指标", "*二级指标", "三级指标（指标名称）", "实施周期指标值", "*年度指标值"}},
		{"money unit in the header", []any{"资金使用单位", "项目名称（资金使用单位）", "总计（万元）", "财政拨款（万元）", "财政专户拨款（万元）", "其他资金（万元）", "绩效目标", "一级指标", "二级指标", "三级指标", "实施周期目标值", "年度指标值"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			setRows(t, f, "Sheet1", 1, []any{"单位名称：测试局"}, tt.header,
				[]any{"测试局", "培训经费", 5, 5, nil, nil, "完成培训。", "1-产出指标", "11-数量指标", "开展培训场次", "2场", "2场"},
				[]any{nil, nil, nil, nil, nil, nil, nil, nil, "13-时效指标", "完成时间", "2024年12月31日前", "2024年12月31日前"})
			tb := readOne(t, writeBook(t, f), table.ReadOptions{}).Table
			p := tb.Projects()[0]
			if p.Name != "培训经费" || p.Funding.Total != 5_000_000 || p.Goal != "完成培训。" || len(p.Indicators) != 2 {
				t.Fatalf("project %+v", p)
			}
			in := p.Indicators[1]
			if in.Seq != 2 || in.Level1.Code != "1" || in.Level2.Code != "13" || in.Name != "完成时间" || in.Period.Raw != "2024年12月31日前" || in.Annual.Date != "2024-12-31" {
				t.Errorf("indicator 2 %+v", in)
			}
		})
	}
}

func TestTwoRowHeaderWithMoneyUnderAGroupLabel(t *testing.T) {
	f := excelize.NewFile()
	setRows(t, f, "Sheet1", 1,
		[]any{"2024年项目支出绩效目标表"},
		[]any{"编制单位：", "测试局", nil, nil, nil, nil, "单位：元"},
		[]any{"项目名称", "资金（元）", nil, nil, nil, "绩效目标", "绩效指标"},
		[]any{nil, "总计", "财政拨款", "财政专户拨款", "其他资金"},
		[]any{"合计", 50000, 50000},
		[]any{"测试局", 50000, 50000},
		[]any{"培训经费", 50000, 50000, nil, nil, "完成培训。", "1、1-产出指标；11-数量指标；开展培训场次；实施周期指标值:2场；年度指标值:2场。"})
	if err := f.MergeCell("Sheet1", "B3", "E3"); err != nil {
		t.Fatal(err)
	}
	res := readOne(t, writeBook(t, f), table.ReadOptions{})
	tb := res.Table
	if tb.MoneyUnit != jixiao.Yuan || tb.Org != "测试局" || tb.FiscalYear != 2024 || tb.Title != "2024年项目支出绩效目标表" {
		t.Errorf("unit %q org %q year %d title %q", tb.MoneyUnit, tb.Org, tb.FiscalYear, tb.Title)
	}
	if p := tb.Projects()[0]; p.Funding.Total != 5_000_000 || p.Funding.Fiscal != 5_000_000 || len(p.Indicators) != 1 {
		t.Errorf("project %+v", p)
	}
}

func TestTwoRowHeaderWithIndicatorColumnsUnderGroupLabels(t *testing.T) {
	f := excelize.NewFile()
	setRows(t, f, "Sheet1", 1,
		[]any{"单位名称：测试局", nil, nil, nil, nil, "预算年度：2024"},
		[]any{"项目名称", "资金（万元）", nil, "绩效指标", nil, nil, "指标值"},
		[]any{nil, "总计", "财政拨款", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"},
		[]any{"培训经费", 5, 5, "1-产出指标", "11-数量指标", "开展培训场次", "4场", "2场"})
	res := readOne(t, writeBook(t, f), table.ReadOptions{})
	in := res.Table.Projects()[0].Indicators[0]
	if res.Table.MoneyUnit != jixiao.WanYuan || in.Name != "开展培训场次" || in.Period.Raw != "4场" || in.Annual.Raw != "2场" || in.Level2.Code != "11" {
		t.Errorf("unit %q, indicator %+v", res.Table.MoneyUnit, in)
	}
	if len(res.Notes) != 0 {
		t.Errorf("notes %q", res.Notes)
	}
}

// A filer's long sheet: the project's name, money, goal and 一级指标 merged
// over its rows, a second unit, and a project of that unit.
func TestLongLayoutWithMergedCells(t *testing.T) {
	f := excelize.NewFile()
	s := "Sheet1"
	setRows(t, f, s, 1,
		[]any{"项目支出绩效目标表"},
		[]any{"单位名称：测试局（本级）", nil, nil, nil, nil, nil, "预算年度：2025", nil, nil, "单位：万元"},
		[]any{"资金使用单位", "项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"},
		[]any{"测试局", "培训经费", 5.5, 5, 0.5, nil, "完成培训。", "1-产出指标", "11-数量指标", "开展培训场次", "2场", "2场"},
		[]any{nil, nil, nil, nil, nil, nil, nil, nil, "12-质量指标", "培训合格率", "≥90%", "≥90%"},
		[]any{nil, nil, nil, nil, nil, nil, nil, "3-满意度指标", "31-服务对象满意度指标", "参训人员满意度", "≥90%", "≥90%"},
		[]any{nil, "宣传经费", 1, 1, nil, nil, "开展宣传。", "2-效益指标", "22-社会效益指标", "群众知晓率", "提高", "≥80%"},
		[]any{"测试中心", "检测经费", 2, 2, nil, nil, "完成检测。", "1-产出指标", "11-数量指标", "检测批次", "100批次", "100批次"})
	for _, m := range [][2]string{{"A4", "A7"}, {"B4", "B6"}, {"C4", "C6"}, {"D4", "D6"}, {"E4", "E6"}, {"G4", "G6"}, {"H4", "H5"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	tb := readOne(t, writeBook(t, f), table.ReadOptions{}).Table
	if tb.Org != "测试局（本级）" || tb.FiscalYear != 2025 || tb.FiscalYearSource != "given: 预算年度：2025 in the sheet" {
		t.Errorf("org %q year %d (%s)", tb.Org, tb.FiscalYear, tb.FiscalYearSource)
	}
	if len(tb.Units) != 2 || tb.Units[0].Name != "测试局" || len(tb.Units[0].Projects) != 2 || tb.Units[1].Name != "测试中心" {
		t.Fatalf("units %+v", tb.Units)
	}
	if tb.Units[0].Funding.Total != 6_500_000 || tb.Total.Total != 8_500_000 || tb.Total.SpecialAccount != 500_000 {
		t.Errorf("subtotal %+v total %+v: both summed, as the sheet prints neither", tb.Units[0].Funding, tb.Total)
	}
	p := tb.Projects()[0]
	if p.Name != "培训经费" || p.Goal != "完成培训。" || p.Funding != (jixiao.Funding{Total: 5_500_000, Fiscal: 5_000_000, SpecialAccount: 500_000}) || len(p.Indicators) != 3 {
		t.Fatalf("project %+v", p)
	}
	wantL1 := []string{"产出指标", "产出指标", "满意度指标"}
	for i, in := range p.Indicators {
		if in.Seq != i+1 || in.Level1.Name != wantL1[i] {
			t.Errorf("indicator %d: seq %d level1 %+v, want %s (a merged 一级指标 repeats)", i+1, in.Seq, in.Level1, wantL1[i])
		}
	}
	if q := tb.Projects()[1]; q.Name != "宣传经费" || q.Org != "测试局" || q.Indicators[0].Period.Raw != "提高" {
		t.Errorf("second project %+v", q)
	}
}

func TestLongLayoutChecksThatAProjectsRowsAgree(t *testing.T) {
	f := excelize.NewFile()
	setRows(t, f, "Sheet1", 1,
		[]any{"单位名称：测试局"},
		[]any{"项目名称", "总计", "绩效目标", "三级指标", "年度指标值"},
		[]any{"培训经费", 5, "完成培训。", "开展培训场次", "2场"},
		[]any{"培训经费", 6, nil, "培训合格率", "≥90%"})
	_, err := readBook(t, writeBook(t, f), table.ReadOptions{FiscalYear: 2024})
	wantInvalid(t, err, "book.xlsx!Sheet1!B4", "与项目“培训经费”第一行相同的金额 5.00")
}

func TestCellValuesAsExcelStoresThem(t *testing.T) {
	header := xrow(3, "A=项目名称", "B=总计", "C=绩效目标", "D=三级指标", "E=实施周期指标值", "F=年度指标值")
	book := rawBook(t, []string{"培训经费", "完成时间"}, rawSheet{name: "明细", rows: []string{
		xrow(1, "A=单位名称：测试局"), header,
		xrow(4, "A$0", "B!=SUM(G4:H4)|27793.939999999999", "C=目标", "D$1", "E#45657@1", "F#45657@3"),
		xrow(5, "D=满意度", "E#0.9@2", "F#0.955@2"),
		xrow(6, "D=场次", "E#2", "F=2场"),
	}})
	p := readOne(t, book, table.ReadOptions{}).Table.Projects()[0]
	if p.Name != "培训经费" || p.Funding.Total != 27_793_940_000 {
		t.Errorf("name %q total %d: shared strings, and a formula's cached result at Excel's 15 digits", p.Name, p.Funding.Total)
	}
	tests := []struct{ name, got, want string }{
		{"date serial in a date format", p.Indicators[0].Period.Raw, "2024-12-31"},
		{"date serial in a Chinese date format", p.Indicators[0].Annual.Raw, "2024-12-31"},
		{"parsed as a deadline", p.Indicators[0].Annual.Date, "2024-12-31"},
		{"fraction in a percent format", p.Indicators[1].Period.Raw, "90%"},
		{"fraction with decimals in a percent format", p.Indicators[1].Annual.Raw, "95.5%"},
		{"plain number", p.Indicators[2].Period.Raw, "2"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestCellsWithoutAValueAreErrorsAtTheirPlace(t *testing.T) {
	tests := []struct {
		name string
		cell string
		says []string
	}{
		{"formula without a saved result", "B!=SUM(C6:E6)", []string{"book.xlsx!Sheet1!B6", "公式", "=SUM(C6:E6)"}},
		{"error value", "B?#DIV/0!", []string{"book.xlsx!Sheet1!B6", "错误值", "#DIV/0!"}},
		{"shared string out of range", "F$7", []string{"book.xlsx!Sheet1!F6", "共享字符串"}},
		{"amount finer than a fen", "B#5.0000001", []string{"book.xlsx!Sheet1!B6", "总计", "精确到分"}},
		{"amount that is text", "B=五万", []string{"book.xlsx!Sheet1!B6", "五万"}},
		{"date serial out of range", "G#99999999@1", []string{"book.xlsx!Sheet1!G6", "日期序号"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := []string{"A=培训经费", "B#5", "C#5", "F=完成培训。", "G=1、1-产出指标；11-数量指标；场次；实施周期指标值:2场；年度指标值:2场。"}
			for i, c := range row {
				if c[0] == tt.cell[0] {
					row[i] = tt.cell
				}
			}
			_, err := readBook(t, rawBook(t, []string{"x"}, rawSheet{name: "Sheet1", rows: flatRows(row...)}), table.ReadOptions{FiscalYear: 2024})
			wantInvalid(t, err, tt.says...)
			var pe *table.ParseError
			if !errors.As(err, &pe) || pe.Sheet != "Sheet1" || pe.Line != 6 {
				t.Errorf("ParseError %+v", pe)
			}
		})
	}
}

func TestSheetWithoutTheHeadersSaysWhatItFoundAndWanted(t *testing.T) {
	tests := []struct {
		name string
		rows []string
		says []string
	}{
		{"no header at all", []string{xrow(1, "A=序号", "B=名称", "C=金额"), xrow(2, "A#1", "B=培训", "C#5")},
			[]string{"没有绩效目标表", "工作表“Sheet1”第 1 行：A1 序号、B1 名称、C1 金额", "发布版式", "三级指标"}},
		{"项目名称 but neither layout", []string{xrow(1, "A=项目名称", "B=总计", "C=备注"), xrow(2, "A=培训", "B#5")},
			[]string{"book.xlsx!Sheet1!第 1 行", "表头", "A1 项目名称、B1 总计、C1 备注", "绩效指标"}},
		{"long layout without annual values", []string{xrow(1, "A=项目名称", "B=三级指标", "C=实施周期指标值")},
			[]string{"还缺 年度指标值"}},
		{"published layout without 总计", []string{xrow(1, "A=项目名称", "B=绩效目标", "C=绩效指标")},
			[]string{"还缺 总计"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readBook(t, rawBook(t, nil, rawSheet{name: "Sheet1", rows: tt.rows}), table.ReadOptions{FiscalYear: 2024})
			wantInvalid(t, err, tt.says...)
		})
	}
}

func TestSeveralSheetsAreSeveralTables(t *testing.T) {
	second := flatRows()
	second[1] = xrow(2, "A=单位名称：另一局", "G=单位：万元")
	second[4] = xrow(5, "A=另一局", "B#5", "C#5")
	book := rawBook(t, nil,
		rawSheet{name: "说明", rows: []string{xrow(1, "A=本工作簿含两个单位的绩效目标表。")}},
		rawSheet{name: "测试局", rows: flatRows()},
		rawSheet{name: "另一局", rows: second},
		rawSheet{name: "旧表", rows: flatRows(), hidden: true})
	rs, err := table.ReadAll(bytes.NewReader(book), table.ReadOptions{File: "two.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Table.Org != "测试局" || rs[1].Table.Org != "另一局" || rs[1].Table.Source != "two.xlsx!另一局" {
		t.Fatalf("%d tables", len(rs))
	}
	if !hasNote(rs[0].Notes, "工作表“说明”不是绩效目标表") || !hasNote(rs[0].Notes, "隐藏的工作表“旧表”") {
		t.Errorf("notes %q do not name the sheets left out", rs[0].Notes)
	}
	_, err = table.Read(bytes.NewReader(book), table.ReadOptions{File: "two.xlsx"})
	wantInvalid(t, err, "2 张表", "“测试局”、“另一局”", "jixiao import")
}

func TestPartialReadingLeavesOutBadRowsAndSheets(t *testing.T) {
	rows := flatRows()
	rows = append(rows, xrow(7, "A=宣传经费", "B=五万", "F=开展宣传。"), xrow(8, "A=检测经费", "B#2", "C#2", "F=完成检测。", "G=1、1-产出指标；11-数量指标；检测批次；实施周期指标值:100批次；年度指标值:100批次。"))
	book := rawBook(t, nil,
		rawSheet{name: "好表", rows: rows},
		rawSheet{name: "坏表", rows: []string{xrow(1, "A=项目名称", "B=备注")}})
	_, err := readBook(t, book, table.ReadOptions{FiscalYear: 2024})
	wantInvalid(t, err, "book.xlsx!好表!B7", "book.xlsx!坏表!第 1 行")

	rs, err := readBook(t, book, table.ReadOptions{FiscalYear: 2024, Partial: true})
	wantInvalid(t, err, "book.xlsx!好表!B7", "book.xlsx!坏表!第 1 行")
	if len(rs) != 1 {
		t.Fatalf("%d tables, want the good sheet", len(rs))
	}
	var names []string
	for _, p := range rs[0].Table.Projects() {
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "培训经费,检测经费" || !hasNote(rs[0].Notes, "有 1 行未读取") {
		t.Errorf("projects %q notes %q", names, rs[0].Notes)
	}
}

func TestBadWorkbooksAreRejectedClearly(t *testing.T) {
	encrypted := func() []byte {
		f := excelize.NewFile()
		var buf bytes.Buffer
		if err := f.Write(&buf, excelize.Options{Password: "secret"}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	tests := []struct {
		name string
		book []byte
		says []string
	}{
		{"not a zip after all", []byte("PK\x03\x04 this is not a zip archive"), []string{"book.xlsx", "损坏的 zip"}},
		{"a zip without a workbook", zipOf(t, map[string][]byte{"word/document.xml": []byte("<w/>")}), []string{"xl/workbook.xml"}},
		{"zip bomb: a part that unpacks 1000 times larger", zipOf(t, map[string][]byte{"xl/workbook.xml": make([]byte, 64<<20)}), []string{"压缩炸弹"}},
		{"zip bomb: a part declaring gigabytes", lyingZip(t, 3<<30), []string{"压缩炸弹"}},
		{"a part delivering more than it declares", lyingZip(t, 100), []string{"book.xlsx"}},
		{"password-protected", encrypted(), []string{"工作簿有密码保护"}},
		{"old binary .xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, []byte("W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00")...), []string{"97-2003"}},
		{"an empty workbook", writeBook(t, excelize.NewFile()), []string{"没有绩效目标表", "工作表“Sheet1”空工作表"}},
		{"broken worksheet XML", rawBook(t, nil, rawSheet{name: "S", rows: []string{`<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称`}}), []string{"book.xlsx!S", "可读的工作表"}},
		{"cell reference outside its row", rawBook(t, nil, rawSheet{name: "S", rows: []string{`<row r="1"><c r="A9"><v>1</v></c></row>`}}), []string{"book.xlsx!S", "A9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := readBook(t, tt.book, table.ReadOptions{FiscalYear: 2024})
			if len(rs) != 0 {
				t.Errorf("%d tables read", len(rs))
			}
			wantInvalid(t, err, tt.says...)
		})
	}
}

func TestWorkbookFromAStreamAndFromAFile(t *testing.T) {
	book := rawBook(t, nil, rawSheet{name: "Sheet1", rows: flatRows()})
	res, err := table.Read(bytes.NewReader(book), table.ReadOptions{File: "s.xlsx"})
	if err != nil || res.Table.Projects()[0].Name != "培训经费" {
		t.Fatalf("from a stream: %v", err)
	}
	path := t.TempDir() + "/f.xlsx"
	if err := writeFile(path, book); err != nil {
		t.Fatal(err)
	}
	rs, err := table.ReadAllFile(path, nil, table.ReadOptions{})
	if err != nil || len(rs) != 1 || rs[0].Table.Source != path+"!Sheet1" {
		t.Fatalf("from a file: %v", err)
	}
}
