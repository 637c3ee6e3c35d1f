package table_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/internal/gen"
	"jixiao/internal/table"
)

// viaXLSX writes a table as a workbook and reads it back: one table.
func viaXLSX(t *testing.T, tb *jixiao.Table) (*table.Result, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := table.Write(&buf, tb, table.FormatXLSX); err != nil {
		t.Fatalf("write xlsx: %v", err)
	}
	b := buf.Bytes()
	res, err := table.Read(bytes.NewReader(b), table.ReadOptions{File: "again.xlsx"})
	if err != nil {
		t.Fatalf("read back xlsx: %v", err)
	}
	return res, b
}

func TestSeedRoundTripsThroughXLSX(t *testing.T) {
	orig := readSeed(t).Table
	res, _ := viaXLSX(t, orig)
	again := res.Table
	if again.FiscalYearSource != "given: 预算年度：2024 in the sheet" {
		t.Errorf("year source %q: the workbook states the year", again.FiscalYearSource)
	}
	if len(res.Notes) != 0 {
		t.Errorf("notes %q: our own workbook reads without remarks", res.Notes)
	}
	again.FiscalYearSource = orig.FiscalYearSource
	sameData(t, "xlsx", orig, again)
	if jixiao.ContentHash(orig) != jixiao.ContentHash(again) {
		t.Error("content hash changed across the round trip")
	}
	twice, _ := viaXLSX(t, again)
	twice.Table.FiscalYearSource = again.FiscalYearSource
	sameData(t, "xlsx twice", again, twice.Table)
}

// JSON → XLSX → import is identical, for generated tables with their
// defects (which must survive an export untouched).
func TestGeneratedTablesRoundTripThroughJSONAndXLSX(t *testing.T) {
	for i := 0; i < 30; i++ {
		var js bytes.Buffer
		if err := table.WriteJSON(&js, gen.Table(gen.DefaultOptions(5), i)); err != nil {
			t.Fatal(err)
		}
		fromJSON, err := table.ReadJSON(&js, table.ReadOptions{File: "t.json"})
		if err != nil {
			t.Fatal(err)
		}
		res, _ := viaXLSX(t, fromJSON.Table)
		res.Table.FiscalYearSource = fromJSON.Table.FiscalYearSource
		sameData(t, "json → xlsx", fromJSON.Table, res.Table)
	}
}

// What the published layout cannot show travels in the second sheet.
func TestLongSheetCarriesWhatThePublishedLayoutCannot(t *testing.T) {
	tb := &jixiao.Table{Title: "2025年项目支出绩效目标表", Org: "测试局", FiscalYear: 2025, MoneyUnit: jixiao.Yuan,
		Total: jixiao.Funding{Total: 123_456_789_012_345, Fiscal: 123_456_789_012_345},
		Units: []jixiao.Unit{{Name: "测试局", Funding: jixiao.Funding{Total: 1, Fiscal: 1}, // a subtotal printed wrong: kept as printed
			Projects: []*jixiao.Project{{Name: "培训经费", Org: "测试局", Goal: "完成培训。\n第二段。", AnnualGoal: "年内完成两场培训。", TransferPayment: true,
				Funding: jixiao.Funding{Total: 123_456_789_012_345, Fiscal: 123_456_789_012_345},
				Indicators: []*jixiao.Indicator{
					{Seq: 2, Level1: jixiao.Category{Code: "1", Name: "产出指标"}, Level2: jixiao.Category{Code: "11", Name: "数量指标"}, Name: "培训场次", Unit: "场",
						Weight: jixiao.MustDecimal("12.5"), Direction: jixiao.DirectionNegative, Period: jixiao.Target{Raw: " $\\geq 2$ 场"}, Annual: jixiao.Target{Raw: "2"}},
					{Seq: 5, Level1: jixiao.Category{Name: "效益指标"}, Level2: jixiao.Category{Name: "社会效益"}, Name: "知晓率", Annual: jixiao.Target{Raw: "≥90%"}},
				}},
				{Name: "没有指标的项目", Org: "测试局"}}}}}
	table.ParseTargets(tb)
	res, _ := viaXLSX(t, tb)
	res.Table.FiscalYearSource = tb.FiscalYearSource
	sameData(t, "xlsx", tb, res.Table)
}

func TestXLSXIsStyledForPrint(t *testing.T) {
	_, b := viaXLSX(t, readSeed(t).Table)
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "绩效目标表,指标明细" {
		t.Fatalf("sheets %s", got)
	}
	s := table.SheetPublished
	cell := func(ref string) string {
		v, err := f.GetCellValue(s, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct{ name, got, want string }{
		{"title", cell("A1"), "项目支出绩效目标表（含转移支付项目）"},
		{"org line", cell("A2"), "单位名称：广州市花都区科技工业商务和信息化局（本级）"},
		{"money unit", cell("G2"), "单位：万元"},
		{"header", cell("A3") + "|" + cell("G3"), "项目名称（资金使用单位）|绩效指标"},
		{"合计 row", cell("A4") + "|" + cell("B4"), "合计|27,793.94"},
		{"unit row", cell("A5"), "广州市花都区科技工业商务和信息化局"},
		{"first project", cell("A6"), "支持狮岭加快高质量发展打造全国皮革皮具产业智造新高地资金"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	merged, _ := f.GetMergeCells(s)
	if len(merged) < 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "G1" {
		t.Errorf("title not merged over the table: %v", merged)
	}
	panes, _ := f.GetPanes(s)
	if !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("panes %+v: the header should stay in view", panes)
	}
	layout, _ := f.GetPageLayout(s)
	if layout.Size == nil || *layout.Size != 9 || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
		t.Errorf("page layout %+v: want A4 landscape, one page wide", layout)
	}
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == s && strings.Contains(n.RefersTo, "$3:$3") {
			found = true
		}
	}
	if !found {
		t.Errorf("defined names %+v: the header row should repeat on every printed page", names)
	}
	if w, _ := f.GetColWidth(s, "G"); w < 60 {
		t.Errorf("indicator column %v wide", w)
	}
	id, _ := f.GetCellStyle(s, "G6")
	st, _ := f.GetStyle(id)
	if st == nil || st.Alignment == nil || !st.Alignment.WrapText || len(st.Border) != 4 {
		t.Errorf("indicator cell style %+v: want wrapped text with borders", st)
	}
	long, _ := f.GetRows(table.SheetLong)
	if len(long) != 4+221 || long[3][1] != "项目名称" || !strings.HasPrefix(long[2][0], "对应工作表：绩效目标表") {
		t.Errorf("long sheet: %d rows, header %q", len(long), long[3])
	}
}

func TestXLSXRefusesWhatThePublishedLayoutCannotCarry(t *testing.T) {
	tb := &jixiao.Table{Org: "某局", FiscalYear: 2024, MoneyUnit: jixiao.WanYuan, Units: []jixiao.Unit{{Name: "某局", Projects: []*jixiao.Project{{
		Name: "培训经费", Indicators: []*jixiao.Indicator{{Seq: 1, Name: "场次；年度指标值:3", Annual: jixiao.Target{Raw: "2"}}}}}}}}
	err := table.WriteXLSX(&bytes.Buffer{}, tb)
	wantInvalid(t, err, "项目“培训经费”", "读回时会变样")
	tb.Units[0].Projects[0].Indicators[0].Name = strings.Repeat("长", 40_000)
	err = table.WriteXLSX(&bytes.Buffer{}, tb)
	wantInvalid(t, err, "32767")
}

// Someone edits the published sheet and not the detail sheet: the two no
// longer agree, and the reader does not guess which is right.
func TestEditedPublishedSheetMustAgreeWithItsDetail(t *testing.T) {
	_, b := viaXLSX(t, readSeed(t).Table)
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(table.SheetPublished, "F6", "改过的目标"); err != nil {
		t.Fatal(err)
	}
	_, err = readBook(t, writeBook(t, f), table.ReadOptions{})
	wantInvalid(t, err, "book.xlsx!指标明细", "与工作表“绩效目标表”相同的内容", "支持狮岭加快高质量发展")

	// Without the published sheet, the detail sheet is the table.
	if err := f.DeleteSheet(table.SheetPublished); err != nil {
		t.Fatal(err)
	}
	res := readOne(t, writeBook(t, f), table.ReadOptions{})
	if len(res.Table.Projects()) != 53 || res.Table.IndicatorCount() != 221 || !hasNote(res.Notes, "不在工作簿中") {
		t.Errorf("%d projects, notes %q", len(res.Table.Projects()), res.Notes)
	}
}

func TestTemplateHasListsHintsAndInstructions(t *testing.T) {
	var buf bytes.Buffer
	if err := table.WriteTemplate(&buf, table.TemplateOptions{Year: 2025, Org: "测试局"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "绩效目标填报,填报说明,指标目录" {
		t.Errorf("sheets %s", got)
	}
	dvs, err := f.GetDataValidations(table.SheetFiling)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		if dv.Type == "list" {
			lists[strings.SplitN(dv.Sqref, ":", 2)[0]] = dv.Formula1
		}
	}
	if !strings.Contains(lists["K5"], "指标目录'!$A$2:$A$5") || !strings.Contains(lists["L5"], "指标目录'!$C$2:$C$13") {
		t.Errorf("drop-down lists %v: 一级指标 (K) and 二级指标 (L) from the catalogue", lists)
	}
	if v, _ := f.GetCellValue(table.SheetCatalogue, "C13"); v != "43-生态环境成本指标" {
		t.Errorf("catalogue C13 %q", v)
	}
	comments, _ := f.GetComments(table.SheetFiling)
	if len(comments) < 10 {
		t.Errorf("%d header comments", len(comments))
	}
	if v, _ := f.GetCellValue(table.SheetFiling, "B2"); v != "测试局" {
		t.Errorf("org cell %q", v)
	}
	_, err = readBook(t, buf.Bytes(), table.ReadOptions{})
	wantInvalid(t, err, "book.xlsx!绩效目标填报", "至少一个项目行")
}

// A filer fills the template as filers do: the project's cells only on
// its first row, merged; a second unit; a code column left to the lists.
func TestFilledTemplateImportsAsFilled(t *testing.T) {
	var buf bytes.Buffer
	if err := table.WriteTemplate(&buf, table.TemplateOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	s := table.SheetFiling
	for ref, v := range map[string]any{"B2": "测试局（本级）", "G2": 2025} {
		f.SetCellValue(s, ref, v)
	}
	//             A 单位, B 项目, C 总计, D 财政, E 专户, F 其他, G 目标, H 年度目标, I 转移, J 序号, K L1, L L2, M L3, N 计量, O 方向, P 权重, Q 周期值, R 年度值
	setRows(t, f, s, 5,
		[]any{"测试局", "培训经费", 5.5, 5, 0.5, nil, "完成全年培训任务。", nil, "否", nil, "1-产出指标", "11-数量指标", "开展培训场次", "场", nil, 20, "≥4场", "≥2场"},
		[]any{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "13-时效指标", "完成时间", nil, nil, 10, "2025年12月31日前", "2025年12月31日前"},
		[]any{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "3-满意度指标", "31-服务对象满意度指标", "参训人员满意度", "%", nil, 10, "≥90%", "≥90%"},
		[]any{"测试中心", "检测经费", 2, 2, nil, nil, "完成检测。", nil, "是", nil, "1-产出指标", "11-数量指标", "检测批次", "批次", "正向", nil, "100", "100"})
	for _, m := range [][2]string{{"A5", "A7"}, {"B5", "B7"}, {"C5", "C7"}, {"G5", "G7"}, {"K5", "K6"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	got := readOne(t, writeBook(t, f), table.ReadOptions{File: "filled.xlsx"}).Table

	cat := func(code, name string) jixiao.Category { return jixiao.Category{Code: code, Name: name} }
	want := &jixiao.Table{Title: table.DefaultTitle, Org: "测试局（本级）", FiscalYear: 2025, FiscalYearSource: got.FiscalYearSource, MoneyUnit: jixiao.WanYuan,
		Total: jixiao.Funding{Total: 7_500_000, Fiscal: 7_000_000, SpecialAccount: 500_000},
		Units: []jixiao.Unit{
			{Name: "测试局", Funding: jixiao.Funding{Total: 5_500_000, Fiscal: 5_000_000, SpecialAccount: 500_000}, Projects: []*jixiao.Project{{
				Name: "培训经费", Org: "测试局", Funding: jixiao.Funding{Total: 5_500_000, Fiscal: 5_000_000, SpecialAccount: 500_000}, Goal: "完成全年培训任务。",
				Indicators: []*jixiao.Indicator{
					{Seq: 1, Level1: cat("1", "产出指标"), Level2: cat("11", "数量指标"), Name: "开展培训场次", Unit: "场", Weight: jixiao.MustDecimal("20"), Period: jixiao.Target{Raw: "≥4场"}, Annual: jixiao.Target{Raw: "≥2场"}},
					{Seq: 2, Level1: cat("1", "产出指标"), Level2: cat("13", "时效指标"), Name: "完成时间", Weight: jixiao.MustDecimal("10"), Period: jixiao.Target{Raw: "2025年12月31日前"}, Annual: jixiao.Target{Raw: "2025年12月31日前"}},
					{Seq: 3, Level1: cat("3", "满意度指标"), Level2: cat("31", "服务对象满意度指标"), Name: "参训人员满意度", Unit: "%", Weight: jixiao.MustDecimal("10"), Period: jixiao.Target{Raw: "≥90%"}, Annual: jixiao.Target{Raw: "≥90%"}},
				}}}},
			{Name: "测试中心", Funding: jixiao.Funding{Total: 2_000_000, Fiscal: 2_000_000}, Projects: []*jixiao.Project{{
				Name: "检测经费", Org: "测试中心", Funding: jixiao.Funding{Total: 2_000_000, Fiscal: 2_000_000}, Goal: "完成检测。", TransferPayment: true,
				Indicators: []*jixiao.Indicator{
					{Seq: 1, Level1: cat("1", "产出指标"), Level2: cat("11", "数量指标"), Name: "检测批次", Unit: "批次", Direction: jixiao.DirectionPositive, Period: jixiao.Target{Raw: "100"}, Annual: jixiao.Target{Raw: "100"}},
				}}}},
		}}
	table.ParseTargets(want)
	if got.FiscalYearSource != "given: 预算年度：2025 in the sheet" {
		t.Errorf("year source %q", got.FiscalYearSource)
	}
	sameData(t, "filled template", want, got)
	if jixiao.ContentHash(want) != jixiao.ContentHash(got) {
		t.Error("content hash differs from what was filled")
	}
}

// The published layout tells a unit row from a project without goal and
// indicators only by its name, and the text writer refuses names that
// would mislead it. The workbook's detail sheet settles it instead.
func TestUnitAndProjectNamesThatMisleadThePublishedLayout(t *testing.T) {
	tb := &jixiao.Table{Title: "t", Org: "某局（本级）", FiscalYear: 2024, MoneyUnit: jixiao.WanYuan,
		Units: []jixiao.Unit{
			{Name: "某局", Projects: []*jixiao.Project{{Name: "培训经费", Org: "某局", Goal: "完成培训。"}, {Name: "技能大赛组委会", Org: "某局"}}},
			{Name: "某某实验基地（2）", Projects: []*jixiao.Project{{Name: "试验经费", Org: "某某实验基地（2）", Goal: "完成试验。"}}},
		}}
	if err := table.WriteText(&bytes.Buffer{}, tb); err == nil {
		t.Fatal("the text writer should refuse this table")
	}
	res, _ := viaXLSX(t, tb)
	res.Table.FiscalYearSource = tb.FiscalYearSource
	sameData(t, "xlsx", tb, res.Table)
}
